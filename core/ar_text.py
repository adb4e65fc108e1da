"""Text, one character at a time: a character n-gram model (the GPT idea, in miniature).

A language model factorises the probability of a text with the chain rule,
``p(x_1 ... x_T) = prod_t p(x_t | x_<t)``. A character n-gram model cuts the history to the last ``k``
characters (the *context length*) and estimates each conditional by counting how often each character
followed that context in the training text, smoothed toward the prediction of the next-shorter context::

    p(x_t = c | s) = (count(s, c) + beta * p(c | s shortened by one)) / (count(s) + beta)

``k = 0`` is the unigram model (character frequencies only). Short contexts underfit (they cannot spell);
long contexts overfit (almost every long context was seen once, so the model memorises the training text and
is lost on new text). Bits per character on held-out text shows both.

Characters are Unicode code points, so any script works (Greek, Chinese, emoji); an emoji built from several
code points is several steps. The beginning of a text is padded with a start symbol that is not in the text.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np

from core.autoregressive import apply_temperature, entropy_bits, sample_index

MAX_CHARS: int = 40_000
"""Longer texts are cut to their first MAX_CHARS characters (a fit with k = 8 stays near a second and 50 MB)."""
MIN_CHARS: int = 50
"""Shorter texts are refused: there would be nothing to learn and nothing to hold out."""
MAX_CONTEXT: int = 12


@dataclass(frozen=True)
class PreparedText:
    """A cleaned text ready for modelling, and a note saying what was changed (empty if nothing)."""

    text: str
    note: str


def prepare_text(text: str, *, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS) -> PreparedText:
    """Clean a pasted text: Unicode NFC, ``\\r\\n`` -> ``\\n``, control characters dropped, length capped.

    Raises ``ValueError`` with an actionable message for empty or too-short text.

    >>> prepare_text("Καλημέρα κόσμε! " * 4).note
    ''
    >>> prepare_text("ab" * 40, max_chars=60).note
    'used the first 60 of 80 characters'
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string (got {type(text).__name__})")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    if not text.strip():
        raise ValueError(f"The text is empty: paste at least {min_chars} characters, in any language.")
    if len(text) < min_chars:
        raise ValueError(
            f"The text has only {len(text)} character{'s' if len(text) != 1 else ''}: paste at least {min_chars} "
            "so there is something to learn from and something to hold out for testing."
        )
    note = ""
    if len(text) > max_chars:
        note = f"used the first {max_chars:,} of {len(text):,} characters"
        text = text[:max_chars]
    return PreparedText(text=text, note=note)


def split_heldout(text: str, heldout_fraction: float = 0.1) -> tuple[str, str]:
    """Split a text into (training part, held-out part): the last ``heldout_fraction`` (at least 10 chars).

    >>> split_heldout("abcdefghijklmnopqrst", 0.1)
    ('abcdefghij', 'klmnopqrst')
    """
    if not 0 < heldout_fraction < 1:
        raise ValueError("heldout_fraction must be between 0 and 1")
    n_held = max(10, int(round(len(text) * heldout_fraction)))
    if len(text) - n_held < 10:
        raise ValueError(f"text too short to split ({len(text)} characters); paste at least {MIN_CHARS}")
    return text[:-n_held], text[-n_held:]


def _pad_symbol(alphabet: str) -> str:
    """A start-of-text symbol guaranteed not to be in the alphabet (a private-use code point)."""
    for code in range(0xE000, 0xF8FF):
        if chr(code) not in alphabet:
            return chr(code)
    raise ValueError("alphabet uses every private-use character; cannot pick a start symbol")


class CharNGram:
    """Character n-gram model ``p(x_t | previous k characters)`` with back-off smoothing.

    Each context length j = 0..k is estimated by counting, and pulled toward the next-shorter context by a
    pseudo-count ``beta`` (a Dirichlet prior centred on the shorter-context prediction)::

        p_j(c | s) = (count(s, c) + beta * p_{j-1}(c | s without its first character)) / (count(s) + beta)
        p_{-1}(c)  = 1 / V                                     (uniform over the alphabet)

    A context never seen in training falls back to the shorter one, so every character keeps a non-zero
    probability and generation never gets stuck. A context seen once puts ``1 / (1 + beta)`` of its mass on
    the character that followed it in training: long contexts memorise.

    Parameters
    ----------
    context : int
        Context length k (0 = unigram: character frequencies only).
    beta : float
        Back-off strength (> 0). Larger = trust counts less, lean more on shorter contexts.

    Attributes
    ----------
    alphabet_ : str                      the characters the model can produce, sorted (V = len(alphabet_)).
    pair_counts_ : list[Counter]         ``pair_counts_[j][(s, c)]`` = count(s, c) for contexts s of length j.
    context_counts_ : list[Counter]      ``context_counts_[j][s]`` = count(s).
    next_chars_ : list[dict]             ``next_chars_[j][s]`` = (indices of the characters seen after s, their
                                         counts): the same counts, looked up by context.

    Examples
    --------
    >>> m = CharNGram(context=1, beta=1.0).fit("abababab")
    >>> np.round(m.next_char_probs("a"), 3).tolist()   # after 'a': 4 b's seen, plus 1/5 of the unigram
    [0.1, 0.9]
    >>> round(m.bits_per_char("abab"), 2)
    0.23
    """

    def __init__(self, context: int = 3, beta: float = 1.0):
        self.context = context
        self.beta = beta

    def fit(self, text: str, alphabet: str | None = None) -> CharNGram:
        """Count contexts and (context, next character) pairs in ``text``, for every length 0..k.

        ``alphabet`` defaults to the characters of ``text``; pass the alphabet of the full text when the
        model will be scored on held-out text that may contain a character the training part lacks.
        """
        if isinstance(self.context, bool) or not isinstance(self.context, int | np.integer):
            raise ValueError(f"context length must be an integer (got {self.context!r})")
        if not 0 <= self.context <= MAX_CONTEXT:
            raise ValueError(f"context length must be from 0 to {MAX_CONTEXT} (got {self.context})")
        if not np.isfinite(self.beta) or self.beta <= 0:
            raise ValueError(f"beta must be a positive number (got {self.beta}); try 1.0")
        if not text:
            raise ValueError("cannot fit on an empty text")
        self.alphabet_ = "".join(sorted(set(alphabet if alphabet is not None else text) | set(text)))
        self.index_ = {ch: i for i, ch in enumerate(self.alphabet_)}
        self.pad_ = _pad_symbol(self.alphabet_)
        self.pair_counts_, self.context_counts_, self.next_chars_ = [], [], []
        for j in range(self.context + 1):
            contexts = self._contexts(text, j)
            pairs = Counter(zip(contexts, text, strict=True))
            nxt: dict[str, tuple[list[int], list[int]]] = {}
            for (s, c), n in pairs.items():
                ids, ns = nxt.setdefault(s, ([], []))
                ids.append(self.index_[c])
                ns.append(n)
            self.pair_counts_.append(pairs)
            self.context_counts_.append(Counter(contexts))
            self.next_chars_.append(nxt)
        return self

    @property
    def vocab_size(self) -> int:
        """V, the number of characters in the alphabet."""
        return len(self.alphabet_)

    def _contexts(self, text: str, j: int, history: str = "") -> list[str]:
        """The j characters before each position of ``text`` (start-padded, after an optional history)."""
        padded = self.pad_ * j + history + text
        off = len(history)
        return [padded[off + t : off + t + j] for t in range(len(text))]

    def unknown_chars(self, text: str) -> str:
        """The characters of ``text`` that are not in the model's alphabet (empty string if none)."""
        return "".join(sorted(set(text) - set(self.alphabet_)))

    def _check_known(self, text: str) -> None:
        unknown = self.unknown_chars(text)
        if unknown:
            shown = ", ".join(repr(c) for c in unknown[:8])
            raise ValueError(
                f"characters not in the model's alphabet: {shown}; the model can only handle characters it has "
                "seen (fit it with the alphabet of the full text)"
            )

    def _order(self, context: int | None) -> int:
        """The context length to use: the fitted k, or a shorter one (the same counts serve every j <= k)."""
        if context is None:
            return self.context
        if not 0 <= int(context) <= self.context:
            raise ValueError(f"context must be between 0 and {self.context} for this model (got {context})")
        return int(context)

    def next_char_probs(self, history: str, context: int | None = None) -> np.ndarray:
        """``p(next character | history)`` over the alphabet, shape (V,), sums to 1.

        Only the last k characters of ``history`` matter (start-padded if it is shorter); ``context`` (<= k)
        uses fewer.
        """
        k = self._order(context)
        self._check_known(history)
        padded = self.pad_ * k + history
        p = np.full(self.vocab_size, 1.0 / self.vocab_size)
        for j in range(k + 1):
            s = padded[len(padded) - j :] if j else ""
            counts = np.zeros(self.vocab_size)
            ids, ns = self.next_chars_[j].get(s, ((), ()))
            counts[list(ids)] = ns
            p = (counts + self.beta * p) / (counts.sum() + self.beta)
        return p

    def _step_probs_by_order(self, text: str, history: str, k: int) -> np.ndarray:
        """``p_j(x_t | x_<t)`` for every context length j = 0..k (rows) and position t (columns)."""
        self._check_known(text + history)
        out = np.empty((k + 1, len(text)))
        p = np.full(len(text), 1.0 / self.vocab_size)
        for j in range(k + 1):
            contexts = self._contexts(text, j, history)
            pair = np.array([self.pair_counts_[j].get(sc, 0) for sc in zip(contexts, text, strict=True)], float)
            ctx = np.array([self.context_counts_[j].get(s, 0) for s in contexts], float)
            p = out[j] = (pair + self.beta * p) / (ctx + self.beta)
        return out

    def step_log2_probs(self, text: str, history: str = "", context: int | None = None) -> np.ndarray:
        """``log2 p(x_t | x_<t)`` for every character of ``text`` (bits, <= 0), following ``history``.

        Vectorised over positions from the count tables. ``context`` (<= k) scores with a shorter context,
        using the same counts: the back-off chain simply stops earlier.
        """
        k = self._order(context)
        return np.log2(self._step_probs_by_order(text, history, k)[k])

    def log2_prob(self, text: str, history: str = "") -> float:
        """Chain-rule log-likelihood ``log2 p(text) = sum_t log2 p(x_t | x_<t)`` in bits."""
        return float(self.step_log2_probs(text, history).sum())

    def bits_per_char(self, text: str, context: int | None = None) -> float:
        """Average code length ``-log2 p(text) / len(text)``: the model's score on ``text`` (lower = better)."""
        if not text:
            raise ValueError("cannot score an empty text")
        return float(-self.step_log2_probs(text, context=context).mean())

    def bits_per_char_by_context(self, text: str) -> np.ndarray:
        """Bits per character of ``text`` for every context length 0..k at once (one pass over the counts)."""
        if not text:
            raise ValueError("cannot score an empty text")
        return -np.log2(self._step_probs_by_order(text, "", self.context)).mean(axis=1)


def context_length_curve(
    train: str, heldout: str, max_context: int = 10, beta: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Bits per character on the training text and on held-out text, for context lengths 0..max_context.

    The training curve only goes down as the context grows (more memory = better memorisation); the held-out
    curve goes down, bottoms out and comes back up: underfitting on the left, overfitting on the right.
    """
    alphabet = "".join(sorted(set(train) | set(heldout)))
    m = CharNGram(context=max_context, beta=beta).fit(train, alphabet=alphabet)
    return m.bits_per_char_by_context(train), m.bits_per_char_by_context(heldout)


@dataclass(frozen=True)
class TextGeneration:
    """Characters generated one at a time, with what the model believed at each step.

    ``probs[t]`` is the (temperature-adjusted) distribution the t-th character was drawn from,
    ``chosen[t]`` its index in ``alphabet``, ``entropy_bits[t]`` the entropy of ``probs[t]`` and
    ``surprise_bits[t] = -log2 probs[t, chosen[t]]``.
    """

    prompt: str
    text: str
    alphabet: str
    probs: np.ndarray
    chosen: np.ndarray
    entropy_bits: np.ndarray
    surprise_bits: np.ndarray


def generate(
    model: CharNGram,
    n_steps: int,
    *,
    prompt: str = "",
    temperature: float = 1.0,
    seed: int = 0,
    context: int | None = None,
) -> TextGeneration:
    """Sample ``n_steps`` characters after ``prompt``: draw ``x_t ~ p_T(. | x_<t)``, append it, repeat.

    ``context`` (<= the model's k) generates with a shorter context from the same counts. Seeded and
    reproducible: the same model, prompt, temperature, seed and context give the same text.
    """
    if n_steps < 1:
        raise ValueError("n_steps must be at least 1")
    model._check_known(prompt)
    rng = np.random.default_rng(seed)
    u = rng.random(n_steps)
    history = prompt
    probs = np.empty((n_steps, model.vocab_size))
    chosen = np.empty(n_steps, dtype=int)
    for t in range(n_steps):
        p = apply_temperature(model.next_char_probs(history, context), temperature)
        chosen[t] = sample_index(p, u[t])
        probs[t] = p
        history += model.alphabet_[chosen[t]]
    surprise = -np.log2(probs[np.arange(n_steps), chosen])
    return TextGeneration(
        prompt=prompt,
        text=history[len(prompt) :],
        alphabet=model.alphabet_,
        probs=probs,
        chosen=chosen,
        entropy_bits=entropy_bits(probs),
        surprise_bits=surprise,
    )
