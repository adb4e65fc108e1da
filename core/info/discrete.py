"""Entropy, cross entropy and KL divergence of discrete distributions, as message lengths.

Shannon (1948) measured information by the length of the shortest message that carries it. For a source that
emits outcome ``x`` with probability ``p(x)``:

- the *surprisal* of one outcome, ``-log2 p(x)``, is the length in bits of its codeword in an ideal code;
- the *entropy* ``H(p)`` is the average surprisal: the minimum average number of bits per symbol;
- the *cross entropy* ``H(p, q)`` is the average message length when the code was built for a model ``q``
  but the symbols really come from ``p``;
- the *KL divergence* ``KL(p || q) = H(p, q) - H(p)`` is the number of bits per symbol wasted by using the
  wrong code.

Conventions (Cover & Thomas, *Elements of Information Theory*, 2nd ed., ch. 2):
``0 log 0 = 0``; ``0 log(0 / q) = 0``; ``p log(p / 0) = inf`` for ``p > 0``. Results are in bits by default
(``base=2``); pass ``base=math.e`` for nats. One nat is ``1 / ln 2 = 1.4427`` bits.

Distributions are array-likes whose LAST axis runs over the outcomes, so a ``(n, k)`` array holds ``n``
distributions and gives ``n`` values. They must be non-negative and sum to 1; to turn counts or a text into a
distribution, call :func:`empirical_distribution` (normalising is always explicit, never silent).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import special

SUM_TOLERANCE = 1e-6
"""How far from 1 the entries of a distribution may sum before it is rejected."""

ArrayLike = Sequence[float] | np.ndarray


# ------------------------------------------------------------------------------------------------------------
# validation helpers
# ------------------------------------------------------------------------------------------------------------


def _log_base(base: float) -> float:
    """Natural log of the base; dividing a value in nats by it converts to that base."""
    if not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base must be a positive number other than 1 (got {base}); use 2 for bits, math.e for nats")
    return math.log(base)


def _as_distribution(p: ArrayLike, name: str = "p") -> np.ndarray:
    """Check that ``p`` holds probability distributions along its last axis and return it as a float array."""
    arr = np.asarray(p, dtype=float)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be a list of probabilities, one per outcome (got the number {arr})")
    if arr.shape[-1] == 0:
        raise ValueError(f"{name} is empty: give one probability per outcome")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity; every probability must be a number in [0, 1]")
    if np.any(arr < 0):
        raise ValueError(f"{name} has a negative entry ({arr.min():.4g}); probabilities cannot be negative")
    sums = arr.sum(axis=-1)
    bad = np.abs(sums - 1.0) > SUM_TOLERANCE
    if np.any(bad):
        s = float(np.atleast_1d(sums)[np.flatnonzero(np.atleast_1d(bad))[0]])
        raise ValueError(f"{name} must sum to 1 (it sums to {s:.6g}): divide each value by their sum first")
    return arr


def _pair(p: ArrayLike, q: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    pa, qa = _as_distribution(p, "p"), _as_distribution(q, "q")
    if pa.shape[-1] != qa.shape[-1]:
        raise ValueError(f"p and q must be over the same outcomes: p has {pa.shape[-1]} entries, q has {qa.shape[-1]}")
    try:
        np.broadcast_shapes(pa.shape, qa.shape)
    except ValueError:
        raise ValueError(f"p with shape {pa.shape} and q with shape {qa.shape} cannot be paired up") from None
    return pa, qa


def _scalar_or_array(x: np.ndarray) -> float | np.ndarray:
    return float(x) if np.ndim(x) == 0 else x


# ------------------------------------------------------------------------------------------------------------
# discrete distributions
# ------------------------------------------------------------------------------------------------------------


def empirical_distribution(
    counts_or_text: ArrayLike | Mapping[object, float] | str, alphabet: Sequence[str] | str | None = None
) -> np.ndarray:
    r"""Turn counts (or a text) into a probability distribution: ``p(x) = n(x) / \sum_y n(y)``.

    This is the one place where normalising happens, so that a distribution that does not sum to 1 is never
    fixed silently somewhere else.

    Parameters
    ----------
    counts_or_text
        - array-like of non-negative counts or weights; the last axis runs over outcomes, each row is
          normalised;
        - a mapping ``{symbol: count}``: probabilities in the mapping's key order;
        - a string: the relative frequency of each character, in the order of ``alphabet``.
    alphabet
        Only for text. The symbols to count, in order. ``None`` uses ``sorted(set(text))`` (so the symbols are
        the distinct characters of the text, sorted). Characters of the text not in ``alphabet`` raise
        ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Probabilities, same shape as the counts (or one entry per symbol of the alphabet).

    Examples
    --------
    >>> empirical_distribution([2, 1, 1]).tolist()
    [0.5, 0.25, 0.25]
    >>> empirical_distribution("abracadabra").round(3).tolist()   # a, b, c, d, r
    [0.455, 0.182, 0.091, 0.091, 0.182]
    >>> empirical_distribution("aab", alphabet="abc").round(3).tolist()
    [0.667, 0.333, 0.0]
    """
    if isinstance(counts_or_text, str):
        text = counts_or_text
        if len(text) == 0:
            raise ValueError("the text is empty: type at least one character to count")
        symbols = sorted(set(text)) if alphabet is None else list(alphabet)
        if len(set(symbols)) != len(symbols):
            raise ValueError("the alphabet lists a symbol twice; give each symbol once")
        tally = Counter(text)
        unknown = sorted(set(tally) - set(symbols))
        if unknown:
            shown = ", ".join(repr(c) for c in unknown[:10])
            raise ValueError(f"the text has characters that are not in the alphabet: {shown}; remove them")
        counts = np.array([tally[s] for s in symbols], dtype=float)
    elif isinstance(counts_or_text, Mapping):
        counts = np.array(list(counts_or_text.values()), dtype=float)
    else:
        counts = np.asarray(counts_or_text, dtype=float)
    if counts.ndim == 0 or counts.shape[-1] == 0:
        raise ValueError("give at least one count (one number per outcome)")
    if not np.all(np.isfinite(counts)):
        raise ValueError("the counts contain NaN or infinity; every count must be a finite number >= 0")
    if np.any(counts < 0):
        raise ValueError(f"counts cannot be negative (found {counts.min():.4g})")
    totals = counts.sum(axis=-1, keepdims=True)
    if np.any(totals <= 0):
        raise ValueError("all counts are zero: at least one outcome needs a positive count")
    return counts / totals


def parse_probabilities(text: str, max_outcomes: int = 64) -> np.ndarray:
    """Read typed probabilities such as ``"0.5, 0.25, 0.25"`` or ``"1/3 1/3 1/3"`` (NOT normalised).

    Separators: commas, semicolons, spaces, new lines. Each entry is a decimal number or a fraction ``a/b``.
    The result is checked only for being numbers; :func:`entropy` and friends then check that it is a
    distribution, so a typo that breaks the sum to 1 is reported, not hidden.

    Examples
    --------
    >>> parse_probabilities("1/2, 0.25; 1/4").tolist()
    [0.5, 0.25, 0.25]
    """
    tokens = [t for t in text.replace(",", " ").replace(";", " ").split() if t]
    if not tokens:
        raise ValueError("type some probabilities, separated by commas, e.g. 0.5, 0.25, 0.25")
    if len(tokens) > max_outcomes:
        raise ValueError(f"{len(tokens)} probabilities is too many; use at most {max_outcomes} outcomes")
    values = []
    for token in tokens:
        try:
            if "/" in token:
                num, den = token.split("/", 1)
                value = float(num) / float(den)
            else:
                value = float(token)
        except (ValueError, ZeroDivisionError):
            raise ValueError(
                f"{token[:20]!r} is not a probability; write numbers like 0.25 or fractions like 1/4"
            ) from None
        if not math.isfinite(value):
            raise ValueError(f"{token[:20]!r} is not a finite number")
        values.append(value)
    return np.array(values)


def surprisal(p: ArrayLike, base: float = 2) -> np.ndarray:
    r"""Surprisal (self-information) of each outcome: ``I(x) = -log_b p(x)``, in bits by default.

    The ideal codeword length for ``x``: a 1-in-8 outcome deserves 3 bits. An impossible outcome (``p = 0``)
    has infinite surprisal: no finite codeword is reserved for it.

    Examples
    --------
    >>> surprisal([0.5, 0.25, 0.125, 0.125]).tolist()
    [1.0, 2.0, 3.0, 3.0]
    """
    arr = _as_distribution(p)
    with np.errstate(divide="ignore"):
        return -np.log(arr) / _log_base(base)


def entropy(p: ArrayLike, base: float = 2) -> float | np.ndarray:
    r"""Shannon entropy ``H(p) = -\sum_x p(x) \log_b p(x)``: the average surprisal, in bits by default.

    Shannon's source coding theorem: no code can send symbols from ``p`` with fewer than ``H(p)`` bits per
    symbol on average, and good codes come within one bit (Huffman) or arbitrarily close (coding blocks of
    symbols). It is 0 for a certain outcome and largest, ``log_b K``, for the uniform distribution over ``K``
    outcomes: the more unpredictable the source, the more bits it needs. Uses ``0 log 0 = 0``.

    Parameters
    ----------
    p
        Probabilities along the last axis (non-negative, summing to 1).
    base
        2 for bits (default), ``math.e`` for nats.

    Returns
    -------
    float or numpy.ndarray
        A float for one distribution, an array for a stack of them.

    Examples
    --------
    >>> entropy([0.5, 0.5])                        # a fair coin: one bit
    1.0
    >>> round(entropy([0.9, 0.1]), 3)              # a biased coin is more predictable
    0.469
    >>> entropy([1/6] * 6) == math.log2(6)         # a fair die: log2 6 = 2.585 bits
    True
    >>> round(entropy([0.5, 0.5], base=math.e), 4)  # ln 2 nats
    0.6931
    >>> entropy([[1.0, 0.0], [0.5, 0.5]]).tolist()
    [0.0, 1.0]
    """
    arr = _as_distribution(p)
    h = special.entr(arr).sum(axis=-1) / _log_base(base)
    return _scalar_or_array(np.maximum(h, 0.0))


def max_entropy(k: int, base: float = 2) -> float:
    """Largest possible entropy over ``k`` outcomes, reached by the uniform distribution: ``log_b k``.

    Examples
    --------
    >>> max_entropy(8)
    3.0
    """
    if int(k) != k or k < 1:
        raise ValueError(f"the number of outcomes must be a whole number >= 1 (got {k})")
    return math.log(k) / _log_base(base)


def binary_entropy(p1: float | ArrayLike, base: float = 2) -> float | np.ndarray:
    r"""Binary entropy ``H_b(p1) = -p1 log p1 - (1 - p1) log(1 - p1)``: the entropy of a coin.

    ``p1`` is the probability of heads.
    Peaks at 1 bit for a fair coin and falls to 0 for a coin that always lands the same way.

    Examples
    --------
    >>> binary_entropy(0.5)
    1.0
    >>> binary_entropy([0.0, 0.11, 1.0]).round(3).tolist()
    [0.0, 0.5, 0.0]
    """
    x = np.asarray(p1, dtype=float)
    if not np.all(np.isfinite(x)) or np.any(x < 0) or np.any(x > 1):
        raise ValueError("the probability of heads must be a number between 0 and 1")
    return entropy(np.stack([x, 1.0 - x], axis=-1), base=base)


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = 2) -> float | np.ndarray:
    r"""Cross entropy ``H(p, q) = -\sum_x p(x) \log_b q(x)``: average message length with a code built for q.

    Symbols really come from ``p``; the code gives outcome ``x`` a codeword of ``-log_b q(x)`` bits because
    the model ``q`` thinks ``x`` has probability ``q(x)``. ``H(p, q) >= H(p)``, with equality only when ``q =
    p``; the excess is ``KL(p || q)``. Infinite when ``q(x) = 0`` for an outcome with ``p(x) > 0`` (the code
    has no codeword for a symbol that does occur). Outcomes with ``p(x) = 0`` contribute nothing.

    In machine learning the same quantity is the cross-entropy loss: the average of ``-log q(y | x)`` over the
    data.

    Examples
    --------
    >>> cross_entropy([0.5, 0.5], [0.5, 0.5])
    1.0
    >>> round(cross_entropy([0.5, 0.5], [0.9, 0.1]), 3)   # a heads-loving model wastes bits on a fair coin
    1.737
    >>> cross_entropy([0.5, 0.5], [1.0, 0.0])
    inf
    """
    pa, qa = _pair(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(pa > 0, -pa * np.log(np.where(pa > 0, qa, 1.0)), 0.0)
    return _scalar_or_array(terms.sum(axis=-1) / _log_base(base))


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = 2) -> float | np.ndarray:
    r"""Kullback-Leibler divergence ``KL(p || q) = \sum_x p(x) \log_b (p(x) / q(x)) = H(p, q) - H(p)``.

    The relative entropy: the extra bits per symbol paid for coding symbols from ``p`` with a code built for
    ``q`` (Cover & Thomas, ch. 2.3). Gibbs' inequality: ``KL(p || q) >= 0``, with equality exactly when ``p =
    q``. It is not symmetric: ``KL(p || q)`` and ``KL(q || p)`` generally differ. It is ``inf`` when ``q(x) =
    0 < p(x)`` for some ``x``: a model that calls a real outcome impossible cannot encode it at any finite
    cost.

    Examples
    --------
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 3)
    0.737
    >>> round(kl_divergence([0.9, 0.1], [0.5, 0.5]), 3)   # asymmetric
    0.531
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])
    inf
    >>> kl_divergence([1.0, 0.0], [0.5, 0.5])             # p never shows tails, so q(tails) costs nothing
    1.0
    """
    pa, qa = _pair(p, q)
    nats = special.rel_entr(pa, qa).sum(axis=-1)
    nats = np.where(nats < 1e-12, 0.0, nats)  # >= 0 always; float round-off of an exact 0 is reported as 0
    return _scalar_or_array(nats / _log_base(base))


def kl_terms(p: ArrayLike, q: ArrayLike, base: float = 2) -> np.ndarray:
    r"""Per-outcome contributions ``p(x) \log_b (p(x) / q(x))`` to ``KL(p || q)``; they sum to the divergence.

    A single term can be negative (where ``q(x) > p(x)``), but never the sum.

    Examples
    --------
    >>> kl_terms([0.5, 0.5], [0.25, 0.75]).round(3).tolist()
    [0.5, -0.292]
    """
    pa, qa = _pair(p, q)
    return special.rel_entr(pa, qa) / _log_base(base)


def temper(p: ArrayLike, temperature: float) -> np.ndarray:
    r"""A model built from ``p`` by a temperature: ``q(x) \propto p(x)^{1/T}``.

    ``T = 1`` gives ``p`` back; ``T > 1`` flattens it toward uniform (an under-confident model); ``T < 1``
    sharpens it toward the most likely outcome (an over-confident model). The same knob as the sampling
    temperature of a language model. Outcomes with ``p = 0`` stay at 0.

    Examples
    --------
    >>> temper([0.8, 0.2], 1.0).tolist()
    [0.8, 0.2]
    >>> temper([0.8, 0.2], 1e6).round(3).tolist()
    [0.5, 0.5]
    """
    arr = _as_distribution(p)
    if not np.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"the temperature must be a positive number (got {temperature})")
    if temperature == 1:
        return arr.copy()
    with np.errstate(divide="ignore"):
        logits = np.log(arr) / temperature
    return np.exp(logits - special.logsumexp(logits, axis=-1, keepdims=True))


def interpolate(p: ArrayLike, q: ArrayLike, t: float) -> np.ndarray:
    """The mixture ``(1 - t) q + t p``: slide a model ``q`` toward ``p`` (``t = 0`` is ``q``, ``t = 1`` is ``p``).

    Examples
    --------
    >>> interpolate([1.0, 0.0], [0.0, 1.0], 0.25).tolist()
    [0.25, 0.75]
    """
    pa, qa = _pair(p, q)
    if not 0.0 <= t <= 1.0:
        raise ValueError(f"t must be between 0 and 1 (got {t})")
    return (1.0 - t) * qa + t * pa


def cross_entropy_loss(y_true: ArrayLike, q_proba: ArrayLike, base: float = math.e) -> float:
    r"""Cross-entropy loss of a classifier: ``-(1/n) \sum_i \log_b q(y_i | x_i)``, in nats by default.

    The average surprisal of the true labels under the model's predicted probabilities: the cross entropy
    between the data's labels and the model ``q``. The same number as ``sklearn.metrics.log_loss`` (which uses
    natural logs), except that a true label predicted with probability 0 gives ``inf`` here instead of being
    clipped.

    Parameters
    ----------
    y_true
        Integer class labels ``0 .. C-1``, shape ``(n,)``.
    q_proba
        Predicted probabilities, shape ``(n, C)``, each row summing to 1 (``predict_proba`` output).

    Examples
    --------
    >>> round(cross_entropy_loss([0, 1], [[0.8, 0.2], [0.4, 0.6]]), 4)   # (-ln 0.8 - ln 0.6) / 2
    0.367
    """
    q = _as_distribution(q_proba, "q_proba")
    y = np.asarray(y_true)
    if q.ndim != 2:
        raise ValueError(f"q_proba must be a table of shape (n, classes); got shape {q.shape}")
    if y.shape != (q.shape[0],):
        raise ValueError(f"y_true must hold one label per row of q_proba ({q.shape[0]}); got shape {y.shape}")
    if y.size == 0:
        raise ValueError("need at least one example to average the loss over")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= q.shape[1]:
        raise ValueError(f"y_true must be integer class labels between 0 and {q.shape[1] - 1}")
    q_true = q[np.arange(len(y)), y]
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.log(q_true)) / _log_base(base))
