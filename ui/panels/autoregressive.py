"""The three tabs of the "Autoregressive models" page: controls, a step scrubber in a fragment, numbers.

Each tab draws its controls, computes its scenes (``scenes.autoregressive``) through the app's cache and hands
the generation to a fragment: scrubbing a step slider reruns only that fragment, not the page.
"""

from __future__ import annotations

import streamlit as st

from lecture import autoregressive as words
from scenes import autoregressive as ar
from ui import cache, frame
from ui.charts import autoregressive as arc

TOP_BARS = 20  # next-character bars shown


# ----------------------------------------------------------------------------------------------- text


@st.fragment
def _text_steps(page: frame.PageFrame, run: ar.TextRun) -> None:
    step = st.slider("Step t: scrub through the generation", 1, ar.N_CHARS, 24, key="ar_step", bind="query-params")
    now = run.at(step)
    st.code(now.so_far + "▌", language=None, wrap_lines=True)
    st.caption(
        words.TEXT_STEP.format(
            step=step, context=arc.shown_chars(now.context), drawn=arc.shown_chars(now.drawn), p=now.p_drawn
        )
    )
    bars = cache.figure(arc.next_char_bars, run, step, top=TOP_BARS, style=page.style)
    title = words.TEXT_STEPS_TITLE.format(step=step, n=ar.N_CHARS)
    page.show(bars, "ar-next-char", data=now.table)
    page.show(cache.figure(arc.text_steps, run, step, title=title, style=page.style), "ar-text-steps", data=run.table)
    page.numbers(
        [
            frame.Number(words.ENTROPY_AT.format(step=step), now.entropy_bits, "bits", help=words.ENTROPY_HELP),
            frame.Number("Surprise of the draw", now.surprise_bits, "bits", help=words.SURPRISE_HELP),
        ]
    )


def text_tab(page: frame.PageFrame) -> None:
    page.formula(*words.TEXT_FORMULAS, where=None if page.present else words.TEXT_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        choice = st.radio(
            "Text to learn from",
            (words.BUILTIN, words.PASTED),
            key="ar_src",
            bind="query-params",
            help=words.SOURCE_HELP.format(title=ar.CORPUS_TITLE, chars=ar.CORPUS_CHARS),
        )
        pasted = ""
        if choice == words.PASTED:
            # not bound to the URL: a pasted text can be far longer than a link may be
            pasted = st.text_area(
                words.PASTE_LABEL.format(min_chars=ar.MIN_CHARS),
                height=140,
                key="ar_paste",
                help=words.PASTE_HELP.format(max_chars=ar.MAX_CHARS, held=ar.HELDOUT_SHARE),
            )
        k = st.slider(
            "Context length k (characters)", 0, ar.MAX_K, 3, key="ar_k", bind="query-params", help=words.K_HELP
        )
        temperature = st.slider(
            "Temperature T", 0.1, 2.0, 1.0, 0.05, key="ar_temp", bind="query-params", help=words.TEMPERATURE_HELP
        )
        prompt = st.text_input(
            "Start of the text (prompt)", "The ", key="ar_prompt", bind="query-params", max_chars=200
        )
        seed = page.seed_control(key="ar_seed")

    with page.guard():
        source = cache.scene(ar.text_source)(choice == words.BUILTIN, pasted)
        if source.note:
            st.info(words.LONG_TEXT.format(note=source.note), icon=":material/content_cut:")
        model = cache.scene(ar.text_model, spinner=words.MODEL_SPINNER)(source.text)
        run = cache.scene(ar.text_run)(source.text, k, prompt, temperature, seed)
        if run.unknown:
            st.warning(words.UNKNOWN_PROMPT.format(chars=arc.md_escape(run.unknown[:10])), icon=":material/warning:")
        curve = cache.scene(ar.text_curve, spinner=words.CURVE_SPINNER)(source.text)
        if model.alphabet_size == 1:
            st.warning(words.SINGLE_CHARACTER, icon=":material/info:")
        with fig:
            _text_steps(page, run)
        page.numbers(
            [
                frame.Number(
                    "Held-out, this k",
                    curve.held_bpc[k],
                    "bits/char",
                    digits=2,
                    help=words.HELD_OUT_HELP.format(held=ar.HELDOUT_SHARE),
                ),
                frame.Number("Unigram (k = 0)", curve.held_bpc[0], "bits/char", digits=2, help=words.UNIGRAM_HELP),
                frame.Number("Best k on held-out", curve.best_k, "", help=words.BEST_K_HELP),
                frame.Number(
                    "log₂ q(generated text)", run.log2_q, "bits", digits=1, help=words.LOG2_Q_HELP.format(n=ar.N_CHARS)
                ),
            ]
        )
        c1, c2 = st.columns([3, 2], gap="large")
        with c1:
            page.show(cache.figure(arc.context_curve, curve, k, style=page.style), "ar-context-curve", data=curve.table)
        with c2:
            st.markdown(words.CONTEXT_CURVE.format(best=curve.best_k, bpc=curve.best_bpc))
            st.caption(words.ALPHABET.format(size=model.alphabet_size, held=ar.HELDOUT_SHARE))


# ----------------------------------------------------------------------------------------------- images


@st.fragment
def _pixel_steps(page: frame.PageFrame, run: ar.PixelRun) -> None:
    step = st.slider(
        "Step i: pixels drawn so far",
        0,
        ar.N_PIXELS,
        44,
        key="ar_px_step",
        bind="query-params",
        help=words.PIXEL_STEP_HELP,
    )
    now = run.at(step)
    left, right = st.columns([1, 1])
    with left:
        canvas = cache.figure(arc.pixel_canvas, run, now.shown, title=words.CANVAS_TITLE, style=page.style)
        page.show(canvas, "ar-pixel-canvas", data=run.table)
    with right:
        if now.done:
            st.markdown(words.ALL_DRAWN.format(n=ar.N_PIXELS))
        else:
            st.markdown(words.NEXT_PIXEL.format(pixel=now.next_pixel, row=now.row, column=now.column))
            st.progress(now.p_next, text=words.NEXT_PIXEL_P.format(p=now.p_next))
            st.caption(words.SAMPLER)
        if now.before_given:
            st.caption(words.GIVEN_FIRST.format(n=run.n_given, start=run.n_given + 1))


def image_tab(page: frame.PageFrame) -> None:
    page.formula(*words.IMAGE_FORMULAS, where=None if page.present else words.IMAGE_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        complete = st.radio("Task", words.TASKS, key="ar_px_mode", bind="query-params") == words.TASKS[0]
        digit, rows = 0, 0
        if complete:
            digit = st.number_input(
                "Held-out digit #",
                0,
                ar.N_TEST_DIGITS - 1,
                0,
                key="ar_px_digit",
                bind="query-params",
                help=words.DIGIT_HELP.format(n=ar.N_TEST_DIGITS),
            )
            rows = st.slider(
                "Rows given", 1, ar.SIDE - 1, 4, key="ar_px_rows", bind="query-params", help=words.ROWS_HELP
            )
        seed = page.seed_control(key="ar_px_seed")

    with page.guard():
        fit = cache.scene(ar.pixel_fit, spinner=words.PIXEL_SPINNER.format(n=ar.N_PIXELS))()
        run = cache.scene(ar.pixel_run)(complete, int(digit), int(rows), seed)
        with fig:
            _pixel_steps(page, run)
        page.numbers(
            [
                frame.Number(
                    "AR model, held-out",
                    fit.ar_bits,
                    "bits/image",
                    digits=1,
                    help=words.AR_IMAGE_HELP.format(n=ar.N_TEST_DIGITS, pixels=ar.N_PIXELS),
                ),
                frame.Number(
                    "Independent pixels", fit.independent_bits, "bits/image", digits=1, help=words.INDEPENDENT_HELP
                ),
                frame.Number("This image", run.this_bits, "bits", digits=1, help=words.THIS_IMAGE_HELP),
                frame.Number(
                    "AR model, per pixel",
                    fit.ar_bits_per_pixel,
                    "bits/pixel",
                    help=words.PER_PIXEL_HELP.format(pixels=ar.N_PIXELS),
                ),
            ]
        )
        st.markdown(words.FINISHED)
        page.show(
            cache.figure(arc.finished_images, run, style=page.style), "ar-pixel-completions", data=run.images_table
        )


# ----------------------------------------------------------------------------------------------- audio


@st.fragment
def _audio_steps(page: frame.PageFrame, run: ar.AudioRun) -> None:
    step = st.slider("Step t: samples generated so far", 1, ar.AUDIO_STEPS, 60, key="ar_au_step", bind="query-params")
    now = run.at(step)
    wave = cache.figure(arc.waveform, run, step, ar.SAMPLE_RATE, style=page.style)
    page.show(wave, "ar-waveform", data=run.table)
    page.show(cache.figure(arc.predictive_curve, run, step, style=page.style), "ar-predictive", data=now.table)
    st.caption(words.AUDIO_STEP.format(step=step, mean=now.mean, std=run.std, drawn=now.drawn, p=now.p_drawn))


def audio_tab(page: frame.PageFrame) -> None:
    page.formula(*words.AUDIO_FORMULAS, where=None if page.present else words.AUDIO_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        signal = st.selectbox("Sound", ar.SIGNAL_PRESETS, key="ar_au_signal", bind="query-params")
        dilated = st.toggle("Dilated lags", False, key="ar_au_dilated", bind="query-params", help=words.DILATED_HELP)
        order = st.slider(
            "Coefficients p",
            1,
            10 if dilated else 32,
            8 if dilated else 12,
            key="ar_au_order_d" if dilated else "ar_au_order",
            bind="query-params",
        )
        noise = st.slider("Noise in the sound", 0.0, 0.1, 0.01, 0.005, key="ar_au_noise", bind="query-params")
        seed = page.seed_control(key="ar_au_seed")

    with page.guard():
        run = cache.scene(ar.audio_run, spinner=words.AUDIO_SPINNER)(
            signal, int(order), bool(dilated), float(noise), seed
        )
        with fig:
            _audio_steps(page, run)
        page.numbers(
            [
                frame.Number(
                    "AR model, held-out",
                    run.ar_bits,
                    "bits/sample",
                    digits=2,
                    help=words.AR_AUDIO_HELP.format(seconds=ar.HELDOUT_SECONDS),
                ),
                frame.Number("White noise", run.white_bits, "bits/sample", digits=2, help=words.WHITE_NOISE_HELP),
                frame.Number("Spread σ", run.std, "", digits=4, help=words.SPREAD_HELP),
                frame.Number(
                    "Looks back",
                    run.looks_back_ms,
                    "ms",
                    digits=1,
                    help=words.LOOKS_BACK_HELP.format(samples=run.receptive_field, coefficients=run.n_coefficients),
                ),
            ]
        )
        a, b = st.columns(2)
        with a:
            st.markdown(words.ORIGINAL)
            st.audio(run.signal, sample_rate=ar.SAMPLE_RATE)
        with b:
            st.markdown(words.GENERATED)
            st.audio(run.generated, sample_rate=ar.SAMPLE_RATE)
        st.caption(words.AUDIO_CAPTION)
