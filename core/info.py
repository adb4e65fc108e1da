"""Information theory: entropy, cross entropy and KL divergence, as message lengths.

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

Discrete distributions are array-likes whose LAST axis runs over the outcomes, so a ``(n, k)`` array holds
``n`` distributions and gives ``n`` values. They must be non-negative and sum to 1; to turn counts or a text
into a distribution, call :func:`empirical_distribution` (normalising is always explicit, never silent).

The second half of the module has the continuous counterparts used by later pages: differential entropy of a
Gaussian, KL between Gaussians in closed form, a Monte Carlo KL estimate with its standard error, and fitting
one Gaussian to a two-mode mixture by forward KL (mode covering) or reverse KL (mode seeking).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from scipy import optimize, special

BITS_PER_NAT = 1.0 / math.log(2.0)
"""Multiply a value in nats by this to get bits (``1 / ln 2 = 1.4427``)."""

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
        raise ValueError(f"{name} must sum to 1 (it sums to {s:.6g}); normalise it first with empirical_distribution")
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


def kl_monte_carlo_gaussians(
    mean_p: float, var_p: float, mean_q: float, var_q: float, n: int, seed: int = 0, base: float = 2
) -> tuple[float, float]:
    """:func:`kl_monte_carlo` for two 1-D Gaussians: draw ``n`` samples from ``p = N(mean_p, var_p)``.

    Examples
    --------
    >>> est, se = kl_monte_carlo_gaussians(1.0, 1.0, 0.0, 1.0, n=10_000, base=math.e)
    >>> abs(est - 0.5) < 4 * se
    True
    """
    _as_mean_cov(mean_p, var_p, "p")
    _as_mean_cov(mean_q, var_q, "q")
    x = np.random.default_rng(seed).normal(mean_p, math.sqrt(var_p), size=int(n))
    sd_p, sd_q = math.sqrt(var_p), math.sqrt(var_q)
    return kl_monte_carlo(_gauss_logpdf(x, mean_p, sd_p), _gauss_logpdf(x, mean_q, sd_q), x, base=base)


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


# ------------------------------------------------------------------------------------------------------------
# Gaussians (continuous)
# ------------------------------------------------------------------------------------------------------------


def _as_mean_cov(mean: float | ArrayLike, cov: float | ArrayLike, name: str) -> tuple[np.ndarray, np.ndarray]:
    m = np.atleast_1d(np.asarray(mean, dtype=float))
    c = np.asarray(cov, dtype=float)
    if m.ndim != 1:
        raise ValueError(f"mean_{name} must be a number or a vector")
    c = c.reshape(1, 1) if c.ndim == 0 else c
    if c.ndim == 1:
        raise ValueError(f"cov_{name} must be a number (a variance) or a square matrix, not a vector")
    if c.shape != (m.size, m.size):
        raise ValueError(f"cov_{name} has shape {c.shape} but mean_{name} has {m.size} entries; sizes differ")
    if not (np.all(np.isfinite(m)) and np.all(np.isfinite(c))):
        raise ValueError(f"mean_{name} and cov_{name} must be finite numbers")
    if not np.allclose(c, c.T):
        raise ValueError(f"cov_{name} must be symmetric")
    if np.linalg.eigvalsh(c).min() <= 0:
        raise ValueError(f"cov_{name} must be positive definite (a variance must be > 0)")
    return m, c


def gaussian_entropy(cov: float | ArrayLike, base: float = 2) -> float:
    r"""Differential entropy of a ``d``-dimensional Gaussian: ``h = 1/2 log_b det(2 pi e Sigma)``.

    Depends only on the covariance (shifting a density changes nothing). Unlike discrete entropy it can be
    negative: a narrow density (variance below ``1 / (2 pi e)``) has ``h < 0``. It is the entropy of the
    Gaussian quantised into bins of width ``delta``, plus ``log_b(1 / delta)`` per dimension. A scalar ``cov``
    is a 1-D variance.

    Examples
    --------
    >>> round(gaussian_entropy(1.0), 4)                      # N(0, 1): 1/2 log2(2 pi e) bits
    2.0471
    >>> round(gaussian_entropy(1.0, base=math.e), 4)         # 1.4189 nats
    1.4189
    >>> round(gaussian_entropy([[1.0, 0.0], [0.0, 1.0]]), 4)  # independent dimensions add
    4.0942
    """
    _, c = _as_mean_cov(np.zeros(np.atleast_2d(np.asarray(cov, dtype=float)).shape[0]), cov, "")
    d = c.shape[0]
    _, logdet = np.linalg.slogdet(c)
    return float(0.5 * (d * math.log(2 * math.pi * math.e) + logdet) / _log_base(base))


def kl_gaussians(
    mean_p: float | ArrayLike,
    cov_p: float | ArrayLike,
    mean_q: float | ArrayLike,
    cov_q: float | ArrayLike,
    base: float = 2,
) -> float:
    r"""Closed-form ``KL(N(mu_p, S_p) || N(mu_q, S_q))``, in bits by default.

    ``KL = 1/2 [tr(S_q^-1 S_p) + (mu_q - mu_p)^T S_q^-1 (mu_q - mu_p) - d + ln(det S_q / det S_p)] / ln b``.

    For 1-D pass numbers: means and VARIANCES (not standard deviations); then
    ``KL = ln(s_q / s_p) + (s_p^2 + (mu_p - mu_q)^2) / (2 s_q^2) - 1/2`` nats. This is the term a VAE's loss
    adds for each data point (with ``q`` the prior ``N(0, I)``).

    Examples
    --------
    >>> kl_gaussians(0.0, 1.0, 0.0, 1.0)
    0.0
    >>> round(kl_gaussians(1.0, 1.0, 0.0, 1.0, base=math.e), 4)   # means one sd apart: 1/2 nat
    0.5
    >>> round(kl_gaussians(0.0, 1.0, 0.0, 4.0, base=math.e), 4)   # ln 2 + 1/8 - 1/2
    0.3181
    >>> round(kl_gaussians([0, 0], [[1, 0], [0, 1]], [1, 1], [[1, 0], [0, 1]], base=math.e), 4)
    1.0
    """
    mp, sp = _as_mean_cov(mean_p, cov_p, "p")
    mq, sq = _as_mean_cov(mean_q, cov_q, "q")
    if mp.size != mq.size:
        raise ValueError(f"p is {mp.size}-dimensional but q is {mq.size}-dimensional; they must match")
    d = mp.size
    sq_inv = np.linalg.inv(sq)
    diff = mq - mp
    _, logdet_p = np.linalg.slogdet(sp)
    _, logdet_q = np.linalg.slogdet(sq)
    terms = (np.trace(sq_inv @ sp), diff @ sq_inv @ diff, d, logdet_q, logdet_p)
    nats = 0.5 * (terms[0] + terms[1] - terms[2] + terms[3] - terms[4])
    return float(_clip_roundoff(nats, scale=max(abs(float(t)) for t in terms)) / _log_base(base))


def kl_monte_carlo(
    log_p: Callable[[np.ndarray], np.ndarray] | ArrayLike,
    log_q: Callable[[np.ndarray], np.ndarray] | ArrayLike,
    samples: ArrayLike,
    base: float = 2,
) -> tuple[float, float]:
    r"""Monte Carlo estimate of ``KL(p || q) = E_{x~p}[ln p(x) - ln q(x)]`` and its standard error.

    ``samples`` must be drawn from ``p``.
    ``KL ~ (1/n) \sum_i [ln p(x_i) - ln q(x_i)]`` with ``x_i ~ p``; standard error ``std(log-ratios) /
    sqrt(n)`` (``ddof=1``). Both converted to ``base`` (bits by default). Unbiased, so the estimate can dip
    below zero for small ``n`` even though KL never does; the error bar says how far to trust it. Useful when
    no closed form exists (mixtures, the ELBO of a VAE).

    Parameters
    ----------
    log_p, log_q
        Natural-log densities: callables evaluated on ``samples``, or arrays already evaluated (one value per
        sample).
    samples
        Draws from ``p``: shape ``(n,)`` or ``(n, d)``, at least 2.

    Returns
    -------
    (estimate, standard_error)
        ``(inf, inf)`` if ``q`` gives a sample zero density (KL is then infinite).

    Examples
    --------
    >>> from scipy import stats
    >>> x = np.random.default_rng(0).normal(1.0, 1.0, size=20_000)
    >>> est, se = kl_monte_carlo(stats.norm(1, 1).logpdf, stats.norm(0, 1).logpdf, x, base=math.e)
    >>> abs(est - 0.5) < 4 * se < 0.05                       # closed form: 0.5 nats
    True
    """
    x = np.asarray(samples, dtype=float)
    n = x.shape[0] if x.ndim > 0 else 0
    if n < 2:
        raise ValueError("need at least 2 samples from p to estimate KL and its standard error")
    lp = np.asarray(log_p(x) if callable(log_p) else log_p, dtype=float).reshape(-1)
    lq = np.asarray(log_q(x) if callable(log_q) else log_q, dtype=float).reshape(-1)
    if lp.size != n or lq.size != n:
        raise ValueError(f"log_p and log_q must give one value per sample ({n}); got {lp.size} and {lq.size}")
    if np.any(np.isnan(lp)) or np.any(np.isnan(lq)):
        raise ValueError("log_p or log_q returned NaN; check the densities")
    if np.any(~np.isfinite(lp)):
        raise ValueError("log_p is -inf or +inf at some samples: the samples must be drawn from p")
    if np.any(lq == -np.inf):
        return math.inf, math.inf
    if np.any(~np.isfinite(lq)):
        raise ValueError("log_q is +inf at some samples; give log densities of a proper density")
    ratio = (lp - lq) / _log_base(base)
    return float(ratio.mean()), float(ratio.std(ddof=1) / math.sqrt(n))


# ------------------------------------------------------------------------------------------------------------
# fitting one Gaussian to a two-mode mixture: forward vs reverse KL
# ------------------------------------------------------------------------------------------------------------

# E[f(Z)] for Z ~ N(0, 1) is about sum(_Z_WEIGHTS * f(_Z_NODES)): a fine grid over |z| <= 12 weighted by the
# normal density (trapezoid rule). A grid, not Gauss-Hermite, because ln p of a mixture bends sharply between modes.
_Z_NODES = np.linspace(-12.0, 12.0, 4801)
_Z_WEIGHTS = np.exp(-0.5 * _Z_NODES**2) * (_Z_NODES[1] - _Z_NODES[0]) / math.sqrt(2 * math.pi)


def _mixture_params(weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    w = _as_distribution(weights, "weights")
    m = np.asarray(means, dtype=float)
    s = np.asarray(stds, dtype=float)
    if w.ndim != 1 or m.shape != w.shape or s.shape != w.shape:
        raise ValueError("weights, means and stds must be 1-D lists of equal length, one entry per component")
    if not (np.all(np.isfinite(m)) and np.all(np.isfinite(s))) or np.any(s <= 0):
        raise ValueError("means must be finite and standard deviations finite and > 0")
    return w, m, s


def mixture_logpdf(x: ArrayLike, weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> np.ndarray:
    r"""Natural-log density of a 1-D Gaussian mixture ``p(x) = \sum_k w_k N(x; m_k, s_k^2)`` (stable).

    Examples
    --------
    >>> round(float(mixture_logpdf(0.0, [1.0], [0.0], [1.0])), 4)   # ln N(0; 0, 1) = -1/2 ln(2 pi)
    -0.9189
    """
    w, m, s = _mixture_params(weights, means, stds)
    xa = np.asarray(x, dtype=float)[..., None]
    comp = -0.5 * ((xa - m) / s) ** 2 - np.log(s) - 0.5 * math.log(2 * math.pi)
    with np.errstate(divide="ignore"):
        return special.logsumexp(comp + np.log(w), axis=-1)


def _clip_roundoff(nats: float, scale: float = 1.0) -> float:
    """A divergence computed as a difference of terms of size ``scale``: round-off around 0 is reported as 0.

    KL is never negative, so a clearly negative value is a bug in the computation, not a result: it raises
    instead of being hidden. Only values within floating-point round-off of 0 (relative to the size of the
    terms that were subtracted) are reported as exactly 0.
    """
    tolerance = 1e-12 * max(1.0, abs(float(scale)))
    if abs(nats) <= tolerance:
        return 0.0
    if nats < 0:
        raise ArithmeticError(f"a KL divergence came out negative ({nats:.3g} nats): this is a bug, please report it")
    return float(nats)


def _gauss_logpdf(x: np.ndarray, mu: float, sd: float) -> np.ndarray:
    return -0.5 * ((x - mu) / sd) ** 2 - math.log(sd) - 0.5 * math.log(2 * math.pi)


def kl_mixture_to_gaussian(
    weights: ArrayLike, means: ArrayLike, stds: ArrayLike, mu: float, sd: float, base: float = 2
) -> float:
    """Forward ``KL(p || q)`` from a 1-D mixture ``p`` to ``q = N(mu, sd^2)`` (quadrature).

    Examples
    --------
    >>> round(kl_mixture_to_gaussian([1.0], [1.0], [1.0], 0.0, 1.0, base=math.e), 4)   # the closed form
    0.5
    """
    w, m, s = _mixture_params(weights, means, stds)
    total = 0.0
    for wk, mk, sk in zip(w, m, s, strict=True):
        x = mk + sk * _Z_NODES
        total += wk * np.sum(_Z_WEIGHTS * (mixture_logpdf(x, w, m, s) - _gauss_logpdf(x, mu, sd)))
    return float(_clip_roundoff(total) / _log_base(base))


def kl_gaussian_to_mixture(
    mu: float, sd: float, weights: ArrayLike, means: ArrayLike, stds: ArrayLike, base: float = 2
) -> float:
    """Reverse ``KL(q || p)`` from ``q = N(mu, sd^2)`` to a 1-D mixture ``p``, by quadrature.

    Examples
    --------
    >>> round(kl_gaussian_to_mixture(0.0, 1.0, [1.0], [1.0], [1.0], base=math.e), 4)
    0.5
    """
    w, m, s = _mixture_params(weights, means, stds)
    if not (np.isfinite(mu) and np.isfinite(sd)) or sd <= 0:
        raise ValueError("the Gaussian needs a finite mean and a standard deviation > 0")
    x = mu + sd * _Z_NODES
    nats = np.sum(_Z_WEIGHTS * (_gauss_logpdf(x, mu, sd) - mixture_logpdf(x, w, m, s)))
    return float(_clip_roundoff(nats) / _log_base(base))


def fit_gaussian_forward_kl(weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> tuple[float, float]:
    r"""The Gaussian ``q = N(mu, sd^2)`` minimising forward ``KL(p || q)`` to a 1-D mixture: moment matching.

    Minimising ``E_p[-ln q]`` over Gaussians gives the mean and variance of ``p`` itself:
    ``mu = \sum w_k m_k``, ``sd^2 = \sum w_k (s_k^2 + m_k^2) - mu^2``. This is maximum likelihood with
    infinite data. ``q`` must put mass wherever ``p`` has any (else ``-ln q`` explodes), so it spreads over
    all modes: *mode covering*.

    Examples
    --------
    >>> mu, sd = fit_gaussian_forward_kl([0.5, 0.5], [-2.0, 2.0], [1.0, 1.0])
    >>> round(mu, 3), round(sd ** 2, 3)    # variance 1 + 4
    (0.0, 5.0)
    """
    w, m, s = _mixture_params(weights, means, stds)
    mu = float(np.sum(w * m))
    var = float(np.sum(w * (s**2 + m**2)) - mu**2)
    return mu, math.sqrt(max(var, 1e-300))


def fit_gaussian_reverse_kl(weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> tuple[float, float]:
    r"""The Gaussian ``q = N(mu, sd^2)`` minimising reverse ``KL(q || p)`` to a 1-D mixture (numerically).

    ``KL(q || p) = E_q[ln q - ln p]`` punishes ``q`` for putting mass where ``p`` is small, not for missing
    parts of ``p``: with well separated modes the best ``q`` sits on one of them, *mode seeking*. This is the
    direction variational inference minimises. The objective can have one local minimum per mode, so the fit
    starts from every component and from the moment-matched Gaussian and keeps the lowest.

    Examples
    --------
    >>> mu, sd = fit_gaussian_reverse_kl([0.7, 0.3], [-3.0, 3.0], [1.0, 1.0])
    >>> round(mu, 1), round(sd, 1)          # sits on the heavier mode
    (-3.0, 1.0)
    """
    w, m, s = _mixture_params(weights, means, stds)

    def objective(theta: np.ndarray) -> float:
        mu, log_sd = theta
        x = mu + math.exp(log_sd) * _Z_NODES
        log_ratio = _gauss_logpdf(x, mu, math.exp(log_sd)) - mixture_logpdf(x, w, m, s)
        return float(np.sum(_Z_WEIGHTS * log_ratio))

    starts = [(mk, math.log(sk)) for mk, sk in zip(m, s, strict=True)]
    mu0, sd0 = fit_gaussian_forward_kl(w, m, s)
    starts.append((mu0, math.log(sd0)))
    best = min(
        (
            optimize.minimize(objective, np.array(x0), method="Nelder-Mead", options={"xatol": 1e-6, "fatol": 1e-10})
            for x0 in starts
        ),
        key=lambda r: r.fun,
    )
    return float(best.x[0]), float(math.exp(best.x[1]))
