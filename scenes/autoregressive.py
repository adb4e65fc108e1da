"""Scenes of "Autoregressive models": text, pixels and sound generated one step at a time, with exact likelihoods.

Three tabs, each a chain-rule model with a step scrubber: a character n-gram model of an essay (or a pasted text),
one logistic regression per pixel of binarised 8x8 digits, and a linear autoregressive model of a synthetic
sound. Each generation scene holds every step at once (the distribution each value was drawn from), so
scrubbing the step slider only indexes it: :meth:`TextRun.at`, :meth:`PixelRun.at`, :meth:`AudioRun.at`.
The fitted models are memoised with :func:`scenes.shared`, so a tab's scenes fit each model once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import ar_audio, ar_pixels, ar_text, corpus
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
#: The built-in essay: its title and length.
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
        return TextSource(corpus.CORPUS, "")
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
    table: pd.DataFrame


@dataclass(frozen=True)
class TextRun:
    """N_CHARS characters generated after ``prompt`` with context length ``k``; row t of ``probs`` is the
    (temperature-adjusted) distribution over ``alphabet`` that character t + 1 was drawn from.

    ``unknown``: the characters of the requested prompt the text never uses ("" if none); the generation
    then starts from the beginning of a text (``prompt`` = "").
    """

    k: int
    prompt: str
    unknown: str
    text: str
    alphabet: str
    probs: np.ndarray
    chosen: np.ndarray
    entropy_bits: np.ndarray
    surprise_bits: np.ndarray

    @property
    def n_steps(self) -> int:
        return len(self.text)

    @property
    def log2_q(self) -> float:
        """log₂ q of the whole generated text: the sum of the step log-probabilities."""
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
            table=pd.DataFrame({"char": list(self.alphabet), "q": self.probs[i]}),
        )


def text_run(text: str, k: int, prompt: str, temperature: float, seed: int) -> TextRun:
    """Generate N_CHARS characters after ``prompt``: draw from q_T(· | last k characters), append, repeat."""
    model = _ngram(text)
    unknown = model.unknown_chars(prompt)
    if unknown:
        prompt = ""
    gen = ar_text.generate(model, N_CHARS, prompt=prompt, temperature=temperature, seed=seed, context=k)
    return TextRun(
        k, gen.prompt, unknown, gen.text, gen.alphabet, gen.probs, gen.chosen, gen.entropy_bits, gen.surprise_bits
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
