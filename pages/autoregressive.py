"""Autoregressive models: text, images and sound generated one step at a time, with exact likelihoods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import ar_audio, ar_pixels, ar_text
from core.corpus import CORPUS, CORPUS_TITLE
from ui import ar_charts as arc
from ui import charts, frame

BUILTIN, PASTED = "Built-in essay", "My own text"
MAX_K = 8  # context lengths shown on the curve and offered on the slider
BETA = 1.0  # back-off strength of the n-gram model
N_CHARS = 200  # characters generated per run (the step slider scrubs through them)
TOP_BARS = 20
N_COMPLETIONS = 6
AUDIO_STEPS = 400  # samples shown on the step slider (50 ms at 8 kHz); the sound itself is 1 s
PROMPT_SHOWN = 80  # samples of the real signal shown before the generated ones
TABS = ("Text: the GPT idea", "Images: the PixelCNN idea", "Audio: the WaveNet idea")

# What the symbols of each tab's formula mean (hidden in presenter mode, where the figure needs the room)
TEXT_WHERE = (
    r"$x_t$: the $t$-th character; $s$: the last $k$ characters (the context); $s'$: $s$ without its "
    r"first character (back-off to a shorter context, down to uniform). Sampling at temperature $T$ draws "
    r"from $q_T(c) \propto q(c)^{1/T}$."
)
IMAGE_WHERE = (
    r"$x_i \in \{0, 1\}$: pixel $i$ of a binarised 8×8 digit, in raster order (left to right, top to "
    r"bottom); $x_{<i}$: the pixels above and to its left; $W$ is strictly lower-triangular, the causal mask "
    r"of PixelCNN; one logistic regression per pixel."
)
AUDIO_WHERE = (
    r"$x_t$: the $t$-th audio sample (8 kHz, 8 bits: 256 levels in $[-1, 1]$, each level gets the "
    r"Gaussian's mass over its cell); lags $\ell_k = 1, 2, \dots, p$ or dilated $1, 2, 4, 8, \dots$; "
    r"$a_k, c$ by least squares, $\sigma$ = residual spread."
)


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_data(show_spinner=False, max_entries=16)
def prepared_text(source: str, pasted: str) -> ar_text.PreparedText:
    if source == BUILTIN:
        return ar_text.PreparedText(CORPUS, "")
    return ar_text.prepare_text(pasted)


@st.cache_resource(show_spinner="Counting contexts of every length …", max_entries=6, ttl=3600)
def text_model(text: str) -> ar_text.CharNGram:
    """ONE model per text, with the longest context; shorter context lengths reuse its counts (~40 MB)."""
    train, _ = ar_text.split_heldout(text)
    return ar_text.CharNGram(context=MAX_K, beta=BETA).fit(train, alphabet=text)


@st.cache_data(show_spinner="Scoring held-out text for every context length …", max_entries=16)
def text_curve(text: str) -> tuple[np.ndarray, np.ndarray]:
    train, held = ar_text.split_heldout(text)
    model = text_model(text)
    return model.bits_per_char_by_context(train), model.bits_per_char_by_context(held)


@st.cache_resource(show_spinner=False, max_entries=64)
def text_generation(text: str, k: int, prompt: str, temperature: float, seed: int) -> ar_text.TextGeneration:
    return ar_text.generate(text_model(text), N_CHARS, prompt=prompt, temperature=temperature, seed=seed, context=k)


@st.cache_resource(show_spinner="Fitting 64 logistic regressions, one per pixel …")
def pixel_models() -> tuple[ar_pixels.BinaryDigits, ar_pixels.PixelAR, ar_pixels.IndependentPixels, float, float]:
    d = ar_pixels.load_binary_digits()
    ar = ar_pixels.PixelAR().fit(d.X_train)
    ind = ar_pixels.IndependentPixels().fit(d.X_train)
    return d, ar, ind, ar_pixels.bits_per_image(ar, d.X_test), ar_pixels.bits_per_image(ind, d.X_test)


@st.cache_resource(show_spinner=False, max_entries=128)
def pixel_run(complete: bool, digit: int, rows: int, seed: int) -> ar_pixels.PixelSamples:
    d, model, *_ = pixel_models()
    if complete:
        return model.sample(N_COMPLETIONS, seed=seed, given=d.X_test[digit], n_given=8 * rows)
    return model.sample(N_COMPLETIONS, seed=seed)


@st.cache_resource(show_spinner="Fitting the AR model and generating one second of sound …", max_entries=64)
def audio_run(signal: str, order: int, dilated: bool, noise: float, seed: int) -> dict:
    x = ar_audio.synthetic_signal(signal, duration=1.0, noise=noise, seed=0)
    cut = int(0.8 * len(x))
    train, held = x[:cut], x[cut:]
    model = ar_audio.LinearAR(order=order, dilated=dilated).fit(train)
    prompt = train[-max(model.receptive_field, PROMPT_SHOWN) :]
    gen = model.sample(ar_audio.SAMPLE_RATE, prompt, seed=seed)
    return {
        "signal": x,
        "model": model,
        "gen": gen,
        "ar_bits": model.bits_per_sample(held),
        "white_bits": ar_audio.WhiteNoise().fit(train).bits_per_sample(held),
    }


# ----------------------------------------------------------------------------------------------- step views
# Each step view is a fragment: scrubbing its step slider reruns only the fragment, not the whole page.


@st.fragment
def text_steps(gen: ar_text.TextGeneration, k: int) -> None:
    step = st.slider("Step t: scrub through the generation", 1, N_CHARS, 24, key="ar_step", bind="query-params")
    i = step - 1
    drawn = gen.text[i]
    st.code(gen.prompt + gen.text[:step] + "▌", language=None, wrap_lines=True)
    context = (gen.prompt + gen.text[:i])[-k:] if k else ""
    st.caption(
        f"Step {step}: context “{arc.md_escape(''.join(arc.show_char(c) for c in context))}” → drew "
        f"“{arc.md_escape(arc.show_char(drawn))}” with probability {gen.probs[i, gen.chosen[i]]:.3f}."
    )
    bars = arc.next_char_bars(gen.alphabet, gen.probs[i], int(gen.chosen[i]), top=TOP_BARS, height=charts.height(250))
    series = arc.step_series(
        {
            "entropy of q(· | context)": (gen.entropy_bits, charts.Q_COLOR),
            "surprise of the drawn character": (gen.surprise_bits, charts.SAMPLE_COLOR),
        },
        current=step,
        n_steps=N_CHARS,
        height=charts.height(220),
        title=f"Steps 1 to {step} of {N_CHARS}: uncertainty and surprise per step",
    )
    charts.show(bars, "ar-next-char", data=pd.DataFrame({"char": list(gen.alphabet), "q": gen.probs[i]}))
    charts.show(
        series,
        "ar-text-steps",
        data=pd.DataFrame(
            {
                "step": np.arange(1, N_CHARS + 1),
                "char": list(gen.text),
                "p_drawn": gen.probs[np.arange(N_CHARS), gen.chosen],
                "entropy_bits": gen.entropy_bits,
                "surprise_bits": gen.surprise_bits,
            }
        ),
    )
    page.numbers(
        [
            frame.Number(
                f"Entropy at step {step}",
                gen.entropy_bits[i],
                "bits",
                help="H(q_T) of the distribution the character was drawn from: how unsure the model was.",
            ),
            frame.Number(
                "Surprise of the draw", gen.surprise_bits[i], "bits", help="−log₂ of the drawn character's probability."
            ),
        ]
    )


@st.fragment
def pixel_steps(run: ar_pixels.PixelSamples, n_given: int) -> None:
    step = st.slider(
        "Step i: pixels drawn so far",
        0,
        64,
        44,
        key="ar_px_step",
        bind="query-params",
        help="Pixel i + 1 (outlined) is drawn next from q(x_i | x_<i).",
    )
    shown_step = max(step, n_given)
    left, right = st.columns([1, 1])
    with left:
        canvas = arc.pixel_canvas(
            run.images[0],
            run.probs[0],
            n_given,
            shown_step,
            size=charts.height(320),
            title="q(x_i = 1 | x_<i) of each drawn pixel",
        )
        charts.show(
            canvas,
            "ar-pixel-canvas",
            data=pd.DataFrame({"pixel": np.arange(1, 65), "x": run.images[0], "p_on": run.probs[0]}),
        )
    with right:
        if shown_step < 64:
            p_next = float(run.probs[0, shown_step])
            st.markdown(f"**Next: pixel {shown_step + 1}** (row {shown_step // 8 + 1}, column {shown_step % 8 + 1})")
            st.progress(p_next, text=f"q(on | pixels before) = {p_next:.2f}")
            st.caption("The sampler draws a uniform number u and turns the pixel on if u < q.")
        else:
            st.markdown("**All 64 pixels drawn.**")
        if step < n_given:
            st.caption(f"The first {n_given} pixels are given, so the drawing starts at pixel {n_given + 1}.")


@st.fragment
def audio_steps(gen: ar_audio.AudioGeneration) -> None:
    sr = ar_audio.SAMPLE_RATE
    step = st.slider("Step t: samples generated so far", 1, AUDIO_STEPS, 60, key="ar_au_step", bind="query-params")
    i = step - 1
    wave = arc.waveform(
        gen.prompt[-PROMPT_SHOWN:],
        gen.samples[:AUDIO_STEPS],
        gen.means[:AUDIO_STEPS],
        gen.std,
        step,
        sr,
        height=charts.height(220),
    )
    levels = np.linspace(-1, 1, ar_audio.LEVELS)
    pred = ar_audio.level_probabilities(float(gen.means[i]), gen.std)
    dist = arc.predictive_curve(
        float(gen.means[i]), gen.std, float(gen.samples[i]), levels, pred, height=charts.height(180)
    )
    charts.show(
        wave,
        "ar-waveform",
        data=pd.DataFrame(
            {
                "t": np.arange(1, AUDIO_STEPS + 1),
                "generated": gen.samples[:AUDIO_STEPS],
                "predicted_mean": gen.means[:AUDIO_STEPS],
            }
        ),
    )
    charts.show(dist, "ar-predictive", data=pd.DataFrame({"level": levels, "q": pred}))
    st.caption(
        f"Step {step}: predicted μ = {gen.means[i]:.3f}, σ = {gen.std:.4f}; drew {gen.samples[i]:.3f} "
        f"(probability {pred[ar_audio.level_index(gen.samples[i])]:.3f} for its 8-bit level)."
    )


# ----------------------------------------------------------------------------------------------- tabs


def text_tab() -> None:
    page.formula(
        r"p(x_1,\dots,x_T) = \prod_{t=1}^{T} q(x_t \mid \underbrace{x_{t-k},\dots,x_{t-1}}_{\text{context } s})",
        r"q(c \mid s) = \frac{\mathrm{count}(s,c) + \beta\, q(c \mid s')}{\mathrm{count}(s) + \beta}",
        where=None if page.present else TEXT_WHERE,
    )
    fig, ctrl = page.columns()
    with ctrl:
        source = st.radio(
            "Text to learn from",
            (BUILTIN, PASTED),
            key="ar_src",
            bind="query-params",
            help=f"Built-in: {CORPUS_TITLE}, {len(CORPUS):,} characters.",
        )
        pasted = ""
        if source == PASTED:
            # not bound to the URL: a pasted text can be far longer than a link may be
            pasted = st.text_area(
                f"Paste any text, any language (at least {ar_text.MIN_CHARS} characters)",
                height=140,
                key="ar_paste",
                help=f"Longer is better. Only the first {ar_text.MAX_CHARS:,} characters are used. The last 10% "
                "is held out to measure bits per character.",
            )
        k = st.slider(
            "Context length k (characters)",
            0,
            MAX_K,
            3,
            key="ar_k",
            bind="query-params",
            help="How many previous characters the model looks at. k = 0: letter frequencies only.",
        )
        temperature = st.slider(
            "Temperature T",
            0.1,
            2.0,
            1.0,
            0.05,
            key="ar_temp",
            bind="query-params",
            help="Below 1: safer, more repetitive. Above 1: wilder.",
        )
        prompt = st.text_input(
            "Start of the text (prompt)", "The ", key="ar_prompt", bind="query-params", max_chars=200
        )
        seed = page.seed_control(key="ar_seed")

    with page.guard():
        text = prepared_text(source, pasted)
        if text.note:
            st.info(f"Long text: {text.note}, to keep the page fast.", icon=":material/content_cut:")
        model = text_model(text.text)
        unknown = model.unknown_chars(prompt)
        if unknown:
            st.warning(
                f"The prompt uses characters that never occur in the text ({arc.md_escape(unknown[:10])}), "
                "so the model cannot continue it: starting from the beginning of a text instead.",
                icon=":material/warning:",
            )
            prompt = ""
        gen = text_generation(text.text, k, prompt, temperature, seed)
        train_bpc, held_bpc = text_curve(text.text)
        if len(model.alphabet_) == 1:
            st.warning(
                "The text uses a single character, so every prediction is certain: 0 bits per character.",
                icon=":material/info:",
            )
        with fig:
            text_steps(gen, k)
        page.numbers(
            [
                frame.Number(
                    "Held-out, this k",
                    held_bpc[k],
                    "bits/char",
                    digits=2,
                    help="Average −log₂ q(x_t | context) on the last 10% of the text, never seen in training.",
                ),
                frame.Number(
                    "Unigram (k = 0)",
                    held_bpc[0],
                    "bits/char",
                    digits=2,
                    help="The independent baseline: character frequencies only.",
                ),
                frame.Number(
                    "Best k on held-out",
                    int(np.argmin(held_bpc)),
                    "",
                    help="The context length with the fewest held-out bits per character.",
                ),
                frame.Number(
                    "log₂ q(generated text)",
                    -gen.surprise_bits.sum(),
                    "bits",
                    digits=1,
                    help=f"log₂ q of the {N_CHARS} generated characters: the sum of the step log-probabilities.",
                ),
            ]
        )
        c1, c2 = st.columns([3, 2], gap="large")
        with c1:
            charts.show(
                arc.context_curve(train_bpc, held_bpc, k, height=charts.height(230)),
                "ar-context-curve",
                data=pd.DataFrame({"k": range(MAX_K + 1), "train_bpc": train_bpc, "heldout_bpc": held_bpc}),
            )
        with c2:
            best = int(np.argmin(held_bpc))
            st.markdown(
                f"**Bits per character vs context length.** On held-out text the best context is k = {best} "
                f"({held_bpc[best]:.2f} bits/char). Shorter contexts underfit: they cannot spell. Longer ones "
                "overfit: almost every long context was seen once, so the model recalls what followed it in "
                "training (the dashed curve keeps falling) and is wrong on new text."
            )
            st.caption(f"Alphabet: {model.vocab_size} characters; the last 10% of the text is held out.")


def image_tab() -> None:
    page.formula(
        r"p(x) = \prod_{i=1}^{64} q(x_i \mid x_{<i}),\qquad "
        r"q(x_i = 1 \mid x_{<i}) = \sigma\Big(b_i + \sum_{j<i} W_{ij}\, x_j\Big)",
        where=None if page.present else IMAGE_WHERE,
    )
    fig, ctrl = page.columns()
    with ctrl:
        mode = st.radio(
            "Task", ("Complete a held-out digit", "Generate from scratch"), key="ar_px_mode", bind="query-params"
        )
        complete = mode.startswith("Complete")
        digit, rows = 0, 0
        if complete:
            digit = st.number_input(
                "Held-out digit #",
                0,
                299,
                0,
                key="ar_px_digit",
                bind="query-params",
                help="One of 300 digits the model never saw in training.",
            )
            rows = st.slider(
                "Rows given",
                1,
                7,
                4,
                key="ar_px_rows",
                bind="query-params",
                help="The top rows are copied from the real digit; the rest is generated.",
            )
        seed = page.seed_control(key="ar_px_seed")

    with page.guard():
        d, model, _, ar_bits, ind_bits = pixel_models()
        run = pixel_run(complete, int(digit), int(rows), seed)
        n_given = 8 * rows if complete else 0
        with fig:
            pixel_steps(run, n_given)
        if complete:
            this = float(-model.score_samples_bits(d.X_test[digit : digit + 1])[0])
            strip = arc.completion_strip(d.X_test[digit], run.images, n_given, size=charts.height(100))
        else:
            this = float(-model.score_samples_bits(run.images[:1])[0])
            strip = arc.sample_strip(run.images, size=charts.height(100))
        page.numbers(
            [
                frame.Number(
                    "AR model, held-out",
                    ar_bits,
                    "bits/image",
                    digits=1,
                    help="Average −log₂ p(x) over the 300 held-out digits: the chain rule summed over 64 pixels.",
                ),
                frame.Number(
                    "Independent pixels",
                    ind_bits,
                    "bits/image",
                    digits=1,
                    help="Baseline: every pixel its own coin, no context.",
                ),
                frame.Number(
                    "This image",
                    this,
                    "bits",
                    digits=1,
                    help="−log₂ p(x) of the real digit (completion) or of sample 1 (from scratch).",
                ),
                frame.Number(
                    "AR model, per pixel",
                    ar_bits / 64,
                    "bits/pixel",
                    help="The held-out bits per image shared over its 64 pixels (1 bit = a fair coin per pixel).",
                ),
            ]
        )
        st.markdown("**Finished images** (every one drawn pixel by pixel; the first is the one above)")
        charts.show(strip, "ar-pixel-completions", data=pd.DataFrame(run.images))


def audio_tab() -> None:
    page.formula(
        r"p(x_1,\dots,x_T) = \prod_t q(x_t \mid x_{<t}),\qquad "
        r"q(x_t \mid x_{<t}) = \mathcal{N}\Big(x_t;\; c + \sum_{k} a_k\, x_{t-\ell_k},\; \sigma^2\Big)",
        where=None if page.present else AUDIO_WHERE,
    )
    fig, ctrl = page.columns()
    with ctrl:
        signal = st.selectbox("Sound", ar_audio.SIGNAL_PRESETS, key="ar_au_signal", bind="query-params")
        dilated = st.toggle(
            "Dilated lags",
            False,
            key="ar_au_dilated",
            bind="query-params",
            help="Look back 1, 2, 4, 8, … samples instead of 1, 2, 3, 4, …: WaveNet's trick to see far back with "
            "few coefficients.",
        )
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
        res = audio_run(signal, int(order), bool(dilated), float(noise), seed)
        model, gen = res["model"], res["gen"]
        sr = ar_audio.SAMPLE_RATE
        with fig:
            audio_steps(gen)
        page.numbers(
            [
                frame.Number(
                    "AR model, held-out",
                    res["ar_bits"],
                    "bits/sample",
                    digits=2,
                    help="Average −log₂ P(x_t | x_<t) on the last 0.2 s of the sound (not used for fitting).",
                ),
                frame.Number(
                    "White noise",
                    res["white_bits"],
                    "bits/sample",
                    digits=2,
                    help="Baseline: every sample drawn independently from one Gaussian.",
                ),
                frame.Number(
                    "Spread σ",
                    gen.std,
                    "",
                    digits=4,
                    help="The standard deviation of every predictive distribution (the residual spread).",
                ),
                frame.Number(
                    "Looks back",
                    1000 * model.receptive_field / sr,
                    "ms",
                    digits=1,
                    help=f"{model.receptive_field} samples with {len(model.lags_)} coefficients.",
                ),
            ]
        )
        a, b = st.columns(2)
        with a:
            st.markdown("**Original** (1 s, made in numpy)")
            st.audio(res["signal"], sample_rate=sr)
        with b:
            st.markdown("**Generated**, one sample at a time (1 s)")
            st.audio(gen.samples, sample_rate=sr)
        st.caption(
            "The linear model gets the resonances (the colour of the sound) right, but its only source is "
            "random noise: the vowel comes out whispered. WaveNet replaces the weighted sum by a deep "
            "network of dilated convolutions and the Gaussian by a softmax over the 256 levels."
        )


# ----------------------------------------------------------------------------------------------- page

page = frame.start("autoregressive")
page.formula(
    r"p(x) = \prod_{t=1}^{T} p(x_t \mid x_{<t}) \qquad\Longrightarrow\qquad "
    r"\log_2 p(x) = \sum_{t=1}^{T} \log_2 p(x_t \mid x_{<t}) \;\text{bits}",
    where=r"The chain rule of probability: exact for any distribution over sequences. $x_t$: step $t$ "
    r"(a character, a pixel, an audio sample); $x_{<t}$: everything generated before it; $q$: the model's "
    r"estimate of each conditional. Generate by drawing $x_1$, then $x_2$ given $x_1$, and so on.",
)
tab_text, tab_image, tab_audio = st.tabs(TABS, key="ar_tab", bind="query-params")
with tab_text:
    if tab_text.open:
        text_tab()
with tab_image:
    if tab_image.open:
        image_tab()
with tab_audio:
    if tab_audio.open:
        audio_tab()

page.notice(
    "Each step is an ordinary probability distribution over the next character, pixel or sample; drawing "
    "from it and appending the result is all that generation is. Scrub the step slider to watch it happen.",
    "Because every step's probability is explicit, the model scores any example exactly: the bits per "
    "character, image or sample are sums of −log₂ of the step probabilities (the chain rule).",
    "Context is what beats the independent baselines (unigram letters, independent pixels, white noise); "
    "too much context for the data overfits, as the held-out curve in the Text tab shows.",
)
page.quiz(
    "A character model gives a 4-character word the step probabilities 0.5, 0.25, 0.5 and 1. How many bits "
    "does it need to encode the word?",
    ["1.25 bits", "4 bits", "2.25 bits", "0.0625 bits"],
    answer=1,
    explain="Chain rule: log₂ p(word) = log₂ 0.5 + log₂ 0.25 + log₂ 0.5 + log₂ 1 = −1 − 2 − 1 + 0 = −4, so 4 bits "
    "(p(word) = 1/16).",
)
page.deeper(
    "the chain rule, teacher forcing and why sampling is slow",
    r"""
**The chain rule** follows from the product rule $p(a, b) = p(a)\,p(b \mid a)$ applied repeatedly:
$p(x_1, x_2, x_3) = p(x_1)\,p(x_2 \mid x_1)\,p(x_3 \mid x_1, x_2)$. It assumes nothing; a model only has to
choose how to compute each conditional (here: counts with back-off, logistic regressions, a linear predictor).
Because each conditional sums to one over the next value, the product sums to one over whole sequences: the
model is normalised by construction, with no partition function to estimate.

**Training is parallel.** For a training example every $x_{<t}$ is known, so all $T$ conditionals are scored at
once ("teacher forcing"): for the pixels this is one masked matrix product $\sigma(XW^\top + b)$ with $W$
strictly lower-triangular. PixelCNN masks convolutions, Transformers mask attention the same way.
Maximum likelihood then minimises $-\frac1N\sum_n \log_2 q(x^{(n)})$, the bits needed to encode the data: the
cross-entropy between data and model.

**Sampling is sequential.** $x_t$ cannot be drawn before $x_{t-1}$ exists, so generating $T$ steps takes $T$
passes: 200 characters, 64 pixels, 8,000 audio samples per second here; millions of steps for a real image or
sound, which is why WaveNet was slow to sample.

**Overfitting in bits.** A context seen once in training puts $1/(1+\beta)$ of its mass on the character that
followed it. On the training text that is nearly always right; on new text it is usually wrong. Held-out bits per
character are the honest score (Shannon 1951 estimated about 1 bit per character for English, given a human's
knowledge of the language).
""",
)
page.end()
