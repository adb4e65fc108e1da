"""The three tabs of the "Autoregressive models" page: controls, a step scrubber in a fragment, numbers.

Each tab draws its controls, computes its scenes (``scenes.autoregressive``) through the app's cache and hands
the generation to a fragment: scrubbing a step slider reruns only that fragment, not the page. Each tab returns
its "what to notice" (sentence templates and the computed numbers that fill them), or None if it could not run.

Presenter mode (a slide view): the tab's own formulas stay in self-study mode (the page's one formula is on the
slide); the main figure, its key numbers and the controls that drive it (most important first) share the first
screen, secondary charts come below.
"""

from __future__ import annotations

import streamlit as st

from lecture import autoregressive as words
from scenes import autoregressive as ar
from ui import cache, frame, safety
from ui.charts import autoregressive as arc

cache.app_text(ar.CORPUS)  # the built-in essay is the app's own: its model and runs are shared by everyone

TOP_BARS = 20  # next-character bars shown
PRESENT_TAIL = 60  # presenter mode: the generated text's last characters, on one line

Notice = tuple[tuple[str, ...], dict] | None


# ----------------------------------------------------------------------------------------------- text


@frame.live
def _text_steps(page: frame.PageFrame, run: ar.TextRun) -> None:
    step = st.slider(words.STEP_LABEL, 1, ar.N_CHARS, 24, key="ar_step", bind="query-params")
    now = run.at(step)
    shown = now.so_far
    if page.present:  # one line on the slide: the last characters, new lines shown as ⏎
        shown = ("…" + shown[-PRESENT_TAIL:] if len(shown) > PRESENT_TAIL else shown).replace("\n", "⏎")
    st.code(shown + "▌", language=None, wrap_lines=True)
    temperature = run.temperature
    st.caption(
        words.TEXT_STEP.format(
            step=step,
            context=safety.plain(arc.show_chars(now.context)),
            drawn=safety.plain(arc.show_chars(now.drawn)),
            p=now.p_drawn,
            temperature=temperature,
        )
    )
    y_title = words.BARS_Y.format(temperature=temperature)
    bars = cache.figure(arc.next_char_bars, run, step, top=TOP_BARS, y_title=y_title, style=page.style)
    # presenter mode: the key numbers stacked beside the figure, so text, figure and numbers share one screen
    figure, beside = st.columns([5, 2], gap="medium") if page.present else (st.container(),) * 2
    with figure:
        page.show(bars, "main-next-char", data=now.table)
    log2_help = words.LOG2_Q_HELP.format(step=step, n=run.n_steps, total=run.log2_q)
    if temperature != 1:
        log2_help += words.LOG2_Q_T_HELP.format(temperature=temperature, n=run.n_steps, total_t=run.log2_q_T)
    numbers = [
        frame.Number(
            words.ENTROPY_AT.format(step=step),
            now.entropy_bits,
            "bits",
            help=words.ENTROPY_HELP.format(temperature=temperature, step=step),
        ),
        frame.Number(
            words.SURPRISE_AT, now.surprise_bits, "bits", help=words.SURPRISE_HELP.format(temperature=temperature)
        ),
        frame.Number(
            words.LOG2_Q_AT.format(step_sub=str(step).translate(words.SUBSCRIPT)),
            now.log2_q_so_far,
            "bits",
            digits=1,
            help=log2_help,
        ),
    ]
    with beside:
        page.numbers(numbers, per_row=1 if page.present else 3)
    if run.model == ar.GPT:  # every head's attention while reading the context of this step (a ~2 ms forward pass)
        attention = cache.scene(ar.gpt_attention)(run.prompt + run.text[: step - 1])
        st.markdown(words.ATTENTION.format(step=step))
        page.show(
            cache.figure(arc.attention_grid, attention, style=page.style),
            "ar-attention",
            data=attention.table,
            stretch=False,
        )
    steps = cache.figure(
        arc.text_steps,
        run,
        step,
        title=words.TEXT_STEPS_TITLE.format(step=step, n=ar.N_CHARS),
        entropy_name=words.ENTROPY_SERIES.format(temperature=temperature),
        surprise_name=words.SURPRISE_SERIES,
        style=page.style,
    )
    page.show(steps, "ar-text-steps", data=run.table)


def _prompt_input() -> str:
    return st.text_input(
        "Start of the text (prompt)",
        "The ",
        key="ar_prompt",
        bind="query-params",
        max_chars=ar.PROMPT_CAP,
        help=words.PROMPT_HELP.format(cap=ar.PROMPT_CAP),
    )


def _temperature_slider() -> float:
    return st.slider(
        "Temperature T", 0.1, 2.0, 1.0, 0.05, key="ar_temp", bind="query-params", help=words.TEMPERATURE_HELP
    )


def _gpt_text(page: frame.PageFrame, head, fig, ctrl) -> Notice:
    """The Text tab with the shipped tiny GPT: generation, attention heatmaps and the yardstick table."""
    with ctrl:
        temperature = _temperature_slider()
        prompt = _prompt_input()
        seed = page.seed_control(key="ar_seed")
    with page.guard():
        run = cache.scene(ar.gpt_run, spinner=words.GPT_SPINNER)(prompt, temperature, seed)
        board = cache.scene(ar.yardstick)()
        shape = {"layers": board.n_layer, "heads": board.n_head, "width": board.d_model, "block": board.block_size}
        if not page.present:
            with head:
                where = words.GPT_WHERE.format(vocab=len(run.alphabet), params=board.gpt_params, **shape)
                page.formula(*words.GPT_FORMULAS, where=where)
        with ctrl:
            if run.unknown:
                chars = safety.plain(arc.show_chars(run.unknown[:10]))
                st.warning(
                    words.GPT_UNKNOWN_PROMPT.format(chars=chars, size=len(run.alphabet)), icon=":material/warning:"
                )
            st.caption(words.GPT_ONLY_ESSAY.format(share=1 - board.heldout_share, train=board.train_chars))
        with fig:
            _text_steps(page, run)
        values = {
            "gpt": board.gpt_bpc,
            "gpt_params": board.gpt_params,
            "ngram": board.ngram_bpc,
            "tuned": board.tuned_bpc,
            "tuned_params": board.tuned_params,
            "unigram": board.unigram_bpc,
            "train": board.train_chars,
        }
        st.markdown(words.YARDSTICK_HEADING.format(train=board.train_chars, held=board.heldout_chars))
        rows = [[cell.format(**shape, **board.values) for cell in row] for row in words.YARDSTICK_ROWS]
        st.table(arc.big_table(rows, words.YARDSTICK_COLUMNS, style=page.style), hide_index=True)
        st.caption(words.YARDSTICK_NOTE.format(gpt_train=board.gpt_train_bpc))
        last = words.GPT_NOTICE_TUNED_WINS if board.tuned_bpc < board.gpt_bpc else words.GPT_NOTICE_GPT_WINS
        values.update(temperature=run.temperature, n=run.n_steps, bits=-run.log2_q)
        return (*words.GPT_NOTICE, last), values
    return None


def text_tab(page: frame.PageFrame) -> Notice:
    # the model first: it decides which formula and controls the tab shows; the formula goes above the columns
    head = st.container()
    fig, ctrl = st.columns([3, 1], gap="large")
    with ctrl:
        which = st.radio(
            words.MODEL_LABEL, ar.MODELS, key="ar_model", bind="query-params", horizontal=True, help=words.MODEL_HELP
        )
    if which == ar.GPT:
        return _gpt_text(page, head, fig, ctrl)
    if not page.present:
        with head:
            page.formula(*words.TEXT_FORMULAS, where=words.TEXT_WHERE)
    # st.columns, not page.columns: this tab's key numbers are drawn inside the step fragment, beside its figure
    with ctrl:  # what drives the figure first: context length and temperature; the seed last
        k = st.slider(
            "Context length k",
            0,
            ar.MAX_K,
            3,
            key="ar_k",
            bind="query-params",
            help=words.K_HELP.format(max_k=ar.MAX_K),
        )
        temperature = _temperature_slider()
        choice = st.radio(
            "Text to learn from",
            (words.BUILTIN, words.PASTED),
            key="ar_src",
            bind="query-params",
            help=words.SOURCE_HELP.format(title=ar.CORPUS_TITLE, chars=ar.CORPUS_CHARS),
        )
        pasted = ""
        if choice == words.PASTED:
            # not bound to the URL: a pasted text (up to PASTE_CAP characters) is far longer than a link may be
            pasted = st.text_area(
                words.PASTE_LABEL.format(min_chars=ar.MIN_CHARS),
                height=140,
                key="ar_paste",
                max_chars=ar.PASTE_CAP,
                help=words.PASTE_HELP.format(cap=ar.PASTE_CAP, max_chars=ar.MAX_CHARS, held=ar.HELDOUT_SHARE),
            )
        prompt = _prompt_input()
        seed = page.seed_control(key="ar_seed")

    waiting = choice == words.PASTED and not pasted.strip()  # a shared link: the pasted text is not in it
    if waiting:
        with ctrl:
            st.info(words.PASTE_FIRST, icon=":material/content_paste:")
    with page.guard():
        source = cache.scene(ar.text_source)(choice == words.BUILTIN or waiting, pasted)
        model = cache.scene(ar.text_model, spinner=words.MODEL_SPINNER)(source.text)
        run = cache.scene(ar.text_run)(source.text, k, prompt, temperature, seed)
        curve = cache.scene(ar.text_curve, spinner=words.CURVE_SPINNER)(source.text)
        with ctrl:
            if source.note:
                st.info(words.LONG_TEXT.format(note=source.note), icon=":material/content_cut:")
            if run.unknown:
                chars = safety.plain(arc.show_chars(run.unknown[:10]))
                st.warning(words.UNKNOWN_PROMPT.format(chars=chars), icon=":material/warning:")
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
            ]
        )
        c1, c2 = st.columns([3, 2], gap="large")
        with c1:
            page.show(cache.figure(arc.context_curve, curve, k, style=page.style), "ar-context-curve", data=curve.table)
        with c2:
            explain = words.CONTEXT_CURVE if curve.overfits else words.CONTEXT_CURVE_NO_OVERFIT
            st.markdown(explain.format(best=curve.best_k, bpc=curve.best_bpc))
            st.caption(words.ALPHABET.format(size=model.alphabet_size, held=ar.HELDOUT_SHARE))
        last = words.TEXT_NOTICE_OVERFIT if curve.overfits else words.TEXT_NOTICE_NO_OVERFIT
        values = {
            "temperature": run.temperature,
            "n": run.n_steps,
            "bits": -run.log2_q,
            "best": curve.best_k,
            "best_bpc": curve.best_bpc,
            "unigram": float(curve.held_bpc[0]),
            "max_k": ar.MAX_K,
            "long_bpc": float(curve.held_bpc[-1]),
        }
        return (*words.TEXT_NOTICE, last), values
    return None


# ----------------------------------------------------------------------------------------------- images


@frame.live
def _pixel_steps(page: frame.PageFrame, run: ar.PixelRun) -> None:
    step = st.slider(
        words.PIXEL_STEP_LABEL, 0, ar.N_PIXELS, 44, key="ar_px_step", bind="query-params", help=words.PIXEL_STEP_HELP
    )
    now = run.at(step)
    left, right = st.columns([3, 2] if page.present else [1, 1])
    with left:
        canvas = cache.figure(arc.pixel_canvas, run, now.shown, title=words.CANVAS_TITLE, style=page.style)
        page.show(canvas, "ar-pixel-canvas", data=run.table, stretch=False)
    with right:
        if now.done:
            st.markdown(words.ALL_DRAWN.format(n=ar.N_PIXELS))
        else:
            st.markdown(words.NEXT_PIXEL.format(pixel=now.next_pixel, row=now.row, column=now.column))
            st.markdown(words.NEXT_PIXEL_P.format(p=now.p_next))
            st.progress(now.p_next)
            st.caption(words.SAMPLER)
        if now.before_given:
            st.caption(words.GIVEN_FIRST.format(n=run.n_given, start=run.n_given + 1))


def image_tab(page: frame.PageFrame) -> Notice:
    if not page.present:
        page.formula(*words.IMAGE_FORMULAS, where=words.IMAGE_WHERE)
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
        which = 0 if complete else 1  # the image "this image" means: the real digit, or sample 1
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
                frame.Number(
                    words.THIS_IMAGE[which],
                    run.this_bits,
                    "bits",
                    digits=1,
                    help=words.THIS_IMAGE_HELP.format(subject=words.THIS_SUBJECT[which], pixels=ar.N_PIXELS),
                ),
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
        values = {
            "ar": fit.ar_bits,
            "independent": fit.independent_bits,
            "this": run.this_bits,
            "subject": words.THIS_SUBJECT[which],
            "pixels": ar.N_PIXELS,
        }
        return words.IMAGE_NOTICE, values
    return None


# ----------------------------------------------------------------------------------------------- audio


@frame.live
def _audio_steps(page: frame.PageFrame, run: ar.AudioRun) -> None:
    step = st.slider(words.AUDIO_STEP_LABEL, 1, ar.AUDIO_STEPS, 60, key="ar_au_step", bind="query-params")
    now = run.at(step)
    wave = cache.figure(arc.waveform, run, step, ar.SAMPLE_RATE, style=page.style)
    predictive = cache.figure(arc.predictive_curve, run, step, style=page.style)
    left, right = st.columns([3, 2]) if page.present else (st.container(),) * 2
    with left:
        page.show(wave, "ar-waveform", data=run.table)
    with right:
        page.show(predictive, "ar-predictive", data=now.table)
    st.caption(words.AUDIO_STEP.format(step=step, mean=now.mean, std=run.std, drawn=now.drawn, p=now.p_drawn))


def audio_tab(page: frame.PageFrame) -> Notice:
    if not page.present:
        page.formula(*words.AUDIO_FORMULAS, where=words.AUDIO_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        signal = st.selectbox("Sound", ar.SIGNAL_PRESETS, key="ar_au_signal", bind="query-params")
        dilated = st.toggle("Dilated lags", False, key="ar_au_dilated", bind="query-params", help=words.DILATED_HELP)
        order = st.slider(
            "Coefficients m",
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
                frame.Number(
                    "Looks back",
                    run.looks_back_ms,
                    "ms",
                    digits=1,
                    help=words.LOOKS_BACK_HELP.format(samples=run.receptive_field, coefficients=run.n_coefficients),
                ),
                frame.Number("Spread σ", run.std, "", digits=4, help=words.SPREAD_HELP),
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
        values = {"samples": run.receptive_field, "ar": run.ar_bits, "white": run.white_bits}
        return words.AUDIO_NOTICE, values
    return None
