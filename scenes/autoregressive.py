"""Scenes of "Autoregressive models": text, pixels and sound generated one step at a time, with exact likelihoods.

Three tabs, each a chain-rule model with a step scrubber: a character n-gram model of an essay (or a pasted text)
and, beside it, the shipped tiny GPT of :mod:`core.gpt` (loaded from its file once per process, never trained
here), one logistic regression per pixel of binarised 8x8 digits, and a linear autoregressive model of a synthetic
sound. Each generation scene holds every step at once (the distribution each value was drawn from), so
scrubbing the step slider only indexes it: :meth:`TextRun.at`, :meth:`PixelRun.at`, :meth:`AudioRun.at`.
The fitted models are memoised with :func:`scenes.shared`, so a tab's scenes fit each model once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from core import ar_audio, ar_pixels, ar_text, corpus, gpt
from scenes import shared

#: Context lengths shown on the curve and offered on the slider (one model with this k serves them all).
MAX_K = 8
#: Back-off strength of the n-gram model.
BETA = 1.0
#: Share of a text held out (its end) to measure bits per character.
HELDOUT_SHARE = 0.1
#: Characters generated per run (the step slider scrubs through them).
N_CHARS = 200
#: Pasted texts: at least MIN_CHARS characters, only the first MAX_CHARS used.
MIN_CHARS, MAX_CHARS = ar_text.MIN_CHARS, ar_text.MAX_CHARS
#: Longest text the paste box takes (the model still learns from the first MAX_CHARS, and says so), and the
#: longest prompt: caps no legitimate use reaches, so no session or link carries megabytes.
PASTE_CAP, PROMPT_CAP = 100_000, 200
#: The models of the Text tab: the n-gram (fitted here, on the chosen text) and the shipped tiny GPT (essay only).
MODELS = ("n-gram", "tiny GPT")
NGRAM, GPT = MODELS
#: The built-in essay: its title and length.
CORPUS = corpus.CORPUS  # the built-in essay
CORPUS_TITLE = corpus.CORPUS_TITLE
CORPUS_CHARS = len(corpus.CORPUS)

#: Pixels per image (raster order) and held-out digits; images generated or completed per run.
N_PIXELS = ar_pixels.N_PIXELS
SIDE = ar_pixels.SIDE
N_TEST_DIGITS = 300
N_COMPLETIONS = 6

#: Audio: samples per second, sounds offered, samples on the step slider (50 ms at 8 kHz; the sound itself
#: is 1 s), samples of the real signal shown before the generated ones, share of the sound used for fitting.
SAMPLE_RATE = ar_audio.SAMPLE_RATE
SIGNAL_PRESETS = ar_audio.SIGNAL_PRESETS
AUDIO_STEPS = 400
PROMPT_SHOWN = 80
TRAIN_SHARE = 0.8
#: Seconds of sound: the whole signal, and its held-out end.
DURATION = 1.0
HELDOUT_SECONDS = round(DURATION * (1 - TRAIN_SHARE), 6)


# ----------------------------------------------------------------------------------------------- text


@dataclass(frozen=True)
class TextSource:
    """The text the model learns from, cleaned, and a note saying what was cut ("" if nothing)."""

    text: str
    note: str


def text_source(builtin: bool, pasted: str) -> TextSource:
    """The built-in essay, or the pasted text cleaned and capped (ValueError with a message if unusable)."""
    if builtin:
        return TextSource(CORPUS, "")
    prepared = ar_text.prepare_text(pasted)
    return TextSource(prepared.text, prepared.note)


@shared(maxsize=6)
def _ngram(text: str) -> ar_text.CharNGram:
    """ONE model per text, with the longest context; shorter context lengths reuse its counts (~40 MB)."""
    train, _ = ar_text.split_heldout(text, HELDOUT_SHARE)
    return ar_text.CharNGram(context=MAX_K, beta=BETA).fit(train, alphabet=text)


@dataclass(frozen=True)
class TextModel:
    """What the page says about the fitted n-gram model: the size of its alphabet."""

    alphabet_size: int


def text_model(text: str) -> TextModel:
    """Count the contexts of every length 0..MAX_K of the training part of ``text`` (its end is held out)."""
    return TextModel(_ngram(text).vocab_size)


@dataclass(frozen=True)
class TextCurve:
    """Bits per character against context length k = 0..MAX_K, on the training text and on held-out text."""

    train_bpc: np.ndarray
    held_bpc: np.ndarray

    @property
    def best_k(self) -> int:
        """The context length with the fewest held-out bits per character."""
        return int(np.argmin(self.held_bpc))

    @property
    def best_bpc(self) -> float:
        return float(self.held_bpc[self.best_k])

    @property
    def overfits(self) -> bool:
        """True when the longest context scores worse on held-out text than the best one."""
        return bool(self.held_bpc[-1] > self.best_bpc)

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"k": range(len(self.train_bpc)), "train_bpc": self.train_bpc, "heldout_bpc": self.held_bpc}
        )


def text_curve(text: str) -> TextCurve:
    """Score the training and the held-out part of ``text`` with every context length at once."""
    train, held = ar_text.split_heldout(text, HELDOUT_SHARE)
    model = _ngram(text)
    return TextCurve(model.bits_per_char_by_context(train), model.bits_per_char_by_context(held))


@dataclass(frozen=True)
class TextStep:
    """Step ``step`` (from 1) of a generation: what the model saw, what it drew and how unsure it was."""

    step: int
    so_far: str
    context: str
    drawn: str
    p_drawn: float
    entropy_bits: float
    surprise_bits: float
    log2_q_so_far: float
    table: pd.DataFrame


@dataclass(frozen=True)
class TextRun:
    """N_CHARS characters generated after ``prompt`` with context length ``k`` at temperature ``temperature``.

    Row t of ``probs`` is q_T(· | context), the temperature-adjusted distribution over ``alphabet`` that character
    t + 1 was drawn from; ``entropy_bits`` and ``surprise_bits`` are its entropy and −log₂ q_T of the drawn
    character. ``step_log2_q`` scores the same characters with the model itself (q = q_1): log₂ q(x_t | context).
    At T = 1 the two agree.

    ``unknown``: the characters of the requested prompt the text never uses ("" if none); the generation
    then starts from the beginning of a text (``prompt`` = "").

    ``model``: ``NGRAM`` (``k`` = its context length) or ``GPT`` (``k`` = the tiny GPT's block size: it reads at
    most the last ``k`` characters).
    """

    k: int
    temperature: float
    prompt: str
    unknown: str
    text: str
    alphabet: str
    probs: np.ndarray
    chosen: np.ndarray
    entropy_bits: np.ndarray
    surprise_bits: np.ndarray
    step_log2_q: np.ndarray
    model: str = NGRAM

    @property
    def n_steps(self) -> int:
        return len(self.text)

    @property
    def log2_q(self) -> float:
        """log₂ q(generated text) under the model q: the sum of the step log-probabilities log₂ q(x_t | context)."""
        return float(self.step_log2_q.sum())

    @property
    def log2_q_T(self) -> float:  # noqa: N802  (the symbol q_T)
        """log₂ q_T(generated text) under the sampler at temperature T: minus the sum of the step surprises."""
        return float(-self.surprise_bits.sum())

    @property
    def table(self) -> pd.DataFrame:
        """Every step: the drawn character, its probability, the entropy and the surprise."""
        steps = np.arange(self.n_steps)
        return pd.DataFrame(
            {
                "step": steps + 1,
                "char": list(self.text),
                "p_drawn": self.probs[steps, self.chosen],
                "entropy_bits": self.entropy_bits,
                "surprise_bits": self.surprise_bits,
                "log2_q": self.step_log2_q,
            }
        )

    def at(self, step: int) -> TextStep:
        """Step ``step`` (1..n_steps) of the generation."""
        i = step - 1
        history = self.prompt + self.text[:i]
        return TextStep(
            step=step,
            so_far=self.prompt + self.text[:step],
            context=history[-self.k :] if self.k else "",
            drawn=self.text[i],
            p_drawn=float(self.probs[i, self.chosen[i]]),
            entropy_bits=float(self.entropy_bits[i]),
            surprise_bits=float(self.surprise_bits[i]),
            log2_q_so_far=float(self.step_log2_q[:step].sum()),
            table=pd.DataFrame({"char": list(self.alphabet), "q_T": self.probs[i]}),
        )


def text_run(text: str, k: int, prompt: str, temperature: float, seed: int) -> TextRun:
    """Generate N_CHARS characters after ``prompt``: draw from q_T(· | last k characters), append, repeat; then
    score the generated text with the model q itself (the chain rule at T = 1)."""
    model = _ngram(text)
    unknown = model.unknown_chars(prompt)
    if unknown:
        prompt = ""
    gen = ar_text.generate(model, N_CHARS, prompt=prompt, temperature=temperature, seed=seed, context=k)
    return _run(gen, k, temperature, unknown, model.step_log2_probs(gen.text, history=gen.prompt, context=k))


def _run(gen, k: int, temperature: float, unknown: str, step_log2_q: np.ndarray, model: str = NGRAM) -> TextRun:
    """A generation record (n-gram's or GPT's, same shape) as the page's run, with its per-step log2 q scored by q."""
    return TextRun(
        k=k,
        temperature=float(temperature),
        prompt=gen.prompt,
        unknown=unknown,
        text=gen.text,
        alphabet=gen.alphabet,
        probs=gen.probs,
        chosen=gen.chosen,
        entropy_bits=gen.entropy_bits,
        surprise_bits=gen.surprise_bits,
        step_log2_q=step_log2_q,
        model=model,
    )


# ----------------------------------------------------------------------------------------------- tiny GPT


@shared(maxsize=1)
def _gpt() -> tuple[gpt.TinyGPT, dict]:
    """The shipped tiny GPT and its training record, loaded from ``core/data`` once per process (never trained
    here). Never mutate either."""
    return gpt.load_shipped()


def gpt_vocabulary() -> str:
    """The characters the tiny GPT knows (those of the built-in essay)."""
    return _gpt()[0].vocab_


def gpt_run(prompt: str, temperature: float, seed: int) -> TextRun:
    """Generate N_CHARS characters after ``prompt`` with the tiny GPT: draw from q_T(· | last characters), append,
    repeat; then score the generated text with the model q itself (T = 1). A prompt with characters the model
    never saw starts from the beginning of a text instead, and ``unknown`` names them."""
    model, _ = _gpt()
    unknown = model.unknown_chars(prompt)
    if unknown:
        prompt = ""
    gen = model.generate(prompt, N_CHARS, temperature=temperature, seed=seed)
    return _run(gen, model.block_size, temperature, unknown, model.log_prob_bits(gen.text, history=gen.prompt), GPT)


#: How the start symbol is labelled on the attention heatmaps' axes (one glyph: a label per position).
START_LABEL = "▸"


@dataclass(frozen=True)
class Attention:
    """Every head's attention while the tiny GPT reads ``history`` to predict the next character.

    ``tokens[j]`` labels position j of the window (``START_LABEL`` for the start symbol); ``weights[l, h, i, j]``
    is how much position i reads from position j in head h of layer l (rows sum to 1, zero for j > i). The last
    row of each head is the one that shapes the next-character distribution.
    """

    tokens: tuple[str, ...]
    weights: np.ndarray

    @property
    def table(self) -> pd.DataFrame:
        """One row per (layer, head, reading position i, read position j <= i), numbered from 1."""
        n_t = self.weights.shape[-1]
        l_, h_, i_, j_ = np.nonzero(np.broadcast_to(np.tril(np.ones((n_t, n_t), dtype=bool)), self.weights.shape))
        return pd.DataFrame(
            {
                "layer": l_ + 1,
                "head": h_ + 1,
                "i": i_ + 1,
                "j": j_ + 1,
                "reads": [self.tokens[j] for j in j_],
                "weight": self.weights[l_, h_, i_, j_],
            }
        )


def gpt_attention(history: str) -> Attention:
    """The tiny GPT's attention (every layer and head) over the window it reads after ``history`` (the prompt
    and the characters drawn so far). Characters it never saw raise ValueError naming them."""
    trace = _gpt()[0].trace(history)
    tokens = tuple(START_LABEL if t == gpt.START else t for t in trace.tokens)
    return Attention(tokens, trace.attention)


@dataclass(frozen=True)
class Yardstick:
    """Held-out bits per character on one split of the essay (from the tiny GPT's training record).

    The unigram and ``ngram`` (the page's n-gram, β = BETA, at its best k on held-out text), ``tuned`` (k and β
    chosen on a validation slice cut from the end of the training part) and the tiny GPT; ``*_params``: stored
    counts of an n-gram (one per distinct context and next character), weights of the GPT.
    """

    unigram_bpc: float
    unigram_params: int
    ngram_k: int
    ngram_bpc: float
    ngram_params: int
    tuned_k: int
    tuned_beta: float
    tuned_bpc: float
    tuned_params: int
    gpt_bpc: float
    gpt_train_bpc: float
    gpt_params: int
    train_chars: int
    heldout_chars: int
    heldout_share: float
    n_layer: int
    n_head: int
    d_model: int
    block_size: int

    @property
    def values(self) -> dict:
        """The fields by name (to fill the table's templates)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "model": ["unigram", f"n-gram k={self.ngram_k}", f"n-gram k={self.tuned_k} tuned", "tiny GPT"],
                "heldout_bits_per_char": [self.unigram_bpc, self.ngram_bpc, self.tuned_bpc, self.gpt_bpc],
                "parameters": [self.unigram_params, self.ngram_params, self.tuned_params, self.gpt_params],
            }
        )


def yardstick() -> Yardstick:
    """The yardstick numbers, read from the shipped record (``tests/test_scenes_autoregressive.py`` re-measures
    every one against the models)."""
    _, record = _gpt()
    ngram = record["ngram"]
    return Yardstick(
        unigram_bpc=float(ngram["unigram_heldout_bpc"]),
        unigram_params=int(ngram["unigram_n_params"]),
        ngram_k=int(ngram["page"]["best_k"]),
        ngram_bpc=float(ngram["page"]["heldout_bpc"]),
        ngram_params=int(ngram["page"]["n_params"]),
        tuned_k=int(ngram["tuned"]["k"]),
        tuned_beta=float(ngram["tuned"]["beta"]),
        tuned_bpc=float(ngram["tuned"]["heldout_bpc"]),
        tuned_params=int(ngram["tuned"]["n_params"]),
        gpt_bpc=float(record["heldout_bpc"]),
        gpt_train_bpc=float(record["train_bpc"]),
        gpt_params=int(record["n_params"]),
        train_chars=int(record["train_chars"]),
        heldout_chars=int(record["heldout_chars"]),
        heldout_share=float(record["heldout_share"]),
        **{k: int(record["hyperparameters"][k]) for k in ("n_layer", "n_head", "d_model", "block_size")},
    )


# ----------------------------------------------------------------------------------------------- pixels


@shared(maxsize=1)
def _pixel_models() -> tuple[ar_pixels.BinaryDigits, ar_pixels.PixelAR, ar_pixels.IndependentPixels]:
    digits = ar_pixels.load_binary_digits(n_test=N_TEST_DIGITS)
    return digits, ar_pixels.PixelAR().fit(digits.X_train), ar_pixels.IndependentPixels().fit(digits.X_train)


@dataclass(frozen=True)
class PixelFit:
    """Held-out bits per image of the autoregressive model and of independent pixels."""

    ar_bits: float
    independent_bits: float

    @property
    def ar_bits_per_pixel(self) -> float:
        return self.ar_bits / N_PIXELS


def pixel_fit() -> PixelFit:
    """Fit one logistic regression per pixel (and the independent baseline) and score the held-out digits."""
    digits, model, independent = _pixel_models()
    return PixelFit(
        ar_pixels.bits_per_image(model, digits.X_test), ar_pixels.bits_per_image(independent, digits.X_test)
    )


@dataclass(frozen=True)
class PixelStep:
    """The canvas after ``shown`` pixels (the given ones always shown) and the pixel drawn next, if any."""

    shown: int
    before_given: bool
    done: bool
    next_pixel: int
    row: int
    column: int
    p_next: float | None


@dataclass(frozen=True)
class PixelRun:
    """N_COMPLETIONS images drawn pixel by pixel: ``probs[n, i]`` = q(x_i = 1 | x_<i) when pixel i was drawn.

    ``original``: the held-out digit whose first ``n_given`` pixels were copied (None when generating from
    scratch); ``this_bits``: −log₂ p of that digit, or of the first sample from scratch.
    """

    images: np.ndarray
    probs: np.ndarray
    n_given: int
    original: np.ndarray | None
    this_bits: float

    @property
    def table(self) -> pd.DataFrame:
        """The first image, pixel by pixel, with the probability it was drawn from."""
        return pd.DataFrame({"pixel": np.arange(1, N_PIXELS + 1), "x": self.images[0], "p_on": self.probs[0]})

    @property
    def images_table(self) -> pd.DataFrame:
        """Every finished image as a row of its pixels."""
        return pd.DataFrame(self.images)

    def at(self, step: int) -> PixelStep:
        """The canvas when ``step`` pixels have been drawn (0..N_PIXELS)."""
        shown = max(step, self.n_given)
        done = shown >= N_PIXELS
        return PixelStep(
            shown=shown,
            before_given=step < self.n_given,
            done=done,
            next_pixel=shown + 1,
            row=shown // SIDE + 1,
            column=shown % SIDE + 1,
            p_next=None if done else float(self.probs[0, shown]),
        )


def pixel_run(complete: bool, digit: int, rows: int, seed: int) -> PixelRun:
    """Complete held-out digit ``digit`` from its top ``rows`` rows, or (``complete`` False) generate anew."""
    digits, model, _ = _pixel_models()
    if complete:
        original = digits.X_test[digit]
        run = model.sample(N_COMPLETIONS, seed=seed, given=original, n_given=SIDE * rows)
        this = float(-model.score_samples_bits(digits.X_test[digit : digit + 1])[0])
        return PixelRun(run.images, run.probs, run.n_given, original.copy(), this)
    run = model.sample(N_COMPLETIONS, seed=seed)
    return PixelRun(run.images, run.probs, 0, None, float(-model.score_samples_bits(run.images[:1])[0]))


# ----------------------------------------------------------------------------------------------- audio


@dataclass(frozen=True)
class AudioStep:
    """Step ``step`` (from 1) of the generated sound: the predicted mean, the drawn sample and its level's
    probability."""

    step: int
    mean: float
    drawn: float
    p_drawn: float
    table: pd.DataFrame


@dataclass(frozen=True)
class AudioRun:
    """One second of sound, a linear AR model fitted on its first TRAIN_SHARE, and one second generated.

    ``prompt``: the last PROMPT_SHOWN real samples before the generation; ``means``, ``level_probs`` (steps,
    256) and ``p_drawn``: the predictive distribution of each of the first AUDIO_STEPS generated samples.
    """

    signal: np.ndarray
    generated: np.ndarray
    prompt: np.ndarray
    means: np.ndarray
    std: float
    levels: np.ndarray
    level_probs: np.ndarray
    p_drawn: np.ndarray
    ar_bits: float
    white_bits: float
    receptive_field: int
    n_coefficients: int

    @property
    def looks_back_ms(self) -> float:
        return 1000 * self.receptive_field / SAMPLE_RATE

    @property
    def table(self) -> pd.DataFrame:
        """The scrubbed steps: generated sample and predicted mean."""
        return pd.DataFrame(
            {
                "t": np.arange(1, AUDIO_STEPS + 1),
                "generated": self.generated[:AUDIO_STEPS],
                "predicted_mean": self.means,
            }
        )

    def at(self, step: int) -> AudioStep:
        """Step ``step`` (1..AUDIO_STEPS) of the generation."""
        i = step - 1
        return AudioStep(
            step,
            float(self.means[i]),
            float(self.generated[i]),
            float(self.p_drawn[i]),
            pd.DataFrame({"level": self.levels, "q": self.level_probs[i]}),
        )


def audio_run(signal: str, order: int, dilated: bool, noise: float, seed: int) -> AudioRun:
    """Fit the AR model on the first TRAIN_SHARE of the sound, score the rest, generate one second."""
    x = ar_audio.synthetic_signal(signal, duration=DURATION, noise=noise, seed=0)
    cut = int(TRAIN_SHARE * len(x))
    train, held = x[:cut], x[cut:]
    model = ar_audio.LinearAR(order=order, dilated=dilated).fit(train)
    gen = model.sample(int(DURATION * SAMPLE_RATE), train[-max(model.receptive_field, PROMPT_SHOWN) :], seed=seed)
    means = gen.means[:AUDIO_STEPS]
    drawn = gen.samples[:AUDIO_STEPS]
    level_probs = np.array([ar_audio.level_probabilities(float(m), gen.std) for m in means])
    return AudioRun(
        signal=x,
        generated=gen.samples,
        prompt=gen.prompt[-PROMPT_SHOWN:],
        means=means,
        std=gen.std,
        levels=np.linspace(-1, 1, ar_audio.LEVELS),
        level_probs=level_probs,
        p_drawn=level_probs[np.arange(AUDIO_STEPS), ar_audio.level_index(drawn)],
        ar_bits=model.bits_per_sample(held),
        white_bits=ar_audio.WhiteNoise().fit(train).bits_per_sample(held),
        receptive_field=model.receptive_field,
        n_coefficients=len(model.lags_),
    )
