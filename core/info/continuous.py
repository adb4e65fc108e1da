"""Information theory of continuous densities: Gaussians in closed form, Monte Carlo, mixtures by quadrature.

Densities in nats, results in bits by default (``base=2``; ``base=math.e`` for nats), as in
:mod:`core.info.discrete`:

- the differential entropy of a Gaussian and the KL divergence between two Gaussians, in closed form;
- a Monte Carlo KL estimate with its standard error, for when no closed form exists;
- fitting one Gaussian to a two-mode mixture by forward KL (mode covering) or reverse KL (mode seeking), with
  the expectations over a 1-D density computed by quadrature on a fine grid.

The Gaussian and mixture log-densities themselves are :mod:`core.gaussian`'s.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from scipy import optimize

from core import gaussian
from core.gaussian import LOG_2PI, normal_logpdf
from core.info.discrete import ArrayLike, _as_distribution, _log_base


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


# ------------------------------------------------------------------------------------------------------------
# Gaussians in closed form, and Monte Carlo
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
    negative: a narrow density (variance below ``1 / (2 pi e)``) has ``h < 0``. Quantised into bins of width
    ``delta``, the Gaussian becomes a discrete distribution whose entropy is about ``h + log_b(1 / delta)`` per
    dimension (for small ``delta``): ``h`` is that entropy MINUS ``log_b(1 / delta)``, and finer bins give the
    discrete version ever more bits. A scalar ``cov`` is a 1-D variance.

    Examples
    --------
    >>> round(gaussian_entropy(1.0), 4)                      # N(0, 1): 1/2 log2(2 pi e) bits
    2.0471
    >>> round(gaussian_entropy(1.0, base=math.e), 4)         # 1.4189 nats
    1.4189
    >>> round(gaussian_entropy([[1.0, 0.0], [0.0, 1.0]]), 4)  # independent dimensions add
    4.0942
    >>> delta = 0.01                                          # N(0, 1) quantised into bins of width 0.01
    >>> cdf = np.array([0.5 * (1 + math.erf(e / math.sqrt(2))) for e in np.arange(-10, 10 + delta / 2, delta)])
    >>> mass = np.diff(cdf)
    >>> H = float(-np.sum(mass[mass > 0] * np.log2(mass[mass > 0])))
    >>> round(H, 3), round(H - math.log2(1 / delta), 3)      # H = h + log2(1/delta) = 2.047 + 6.644
    (8.691, 2.047)
    """
    _, c = _as_mean_cov(np.zeros(np.atleast_2d(np.asarray(cov, dtype=float)).shape[0]), cov, "")
    d = c.shape[0]
    _, logdet = np.linalg.slogdet(c)
    return float(0.5 * (d * (LOG_2PI + 1.0) + logdet) / _log_base(base))  # log(2 pi e) = log(2 pi) + 1


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
    return kl_monte_carlo(normal_logpdf(x, mean_p, sd_p), normal_logpdf(x, mean_q, sd_q), x, base=base)


# ------------------------------------------------------------------------------------------------------------
# fitting one Gaussian to a two-mode mixture: forward vs reverse KL
# ------------------------------------------------------------------------------------------------------------

# E[f(Z)] for Z ~ N(0, 1) is about sum(_Z_WEIGHTS * f(_Z_NODES)): a fine grid over |z| <= 12 weighted by the
# normal density (trapezoid rule). A grid, not Gauss-Hermite, because ln p of a mixture bends sharply between modes.
_Z_NODES = np.linspace(-12.0, 12.0, 4801)
_Z_WEIGHTS = np.exp(normal_logpdf(_Z_NODES)) * (_Z_NODES[1] - _Z_NODES[0])


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

    :func:`core.gaussian.mixture_logpdf` after checking that the weights are a distribution and the standard
    deviations positive.

    Examples
    --------
    >>> round(float(mixture_logpdf(0.0, [1.0], [0.0], [1.0])), 4)   # ln N(0; 0, 1) = -1/2 ln(2 pi)
    -0.9189
    """
    w, m, s = _mixture_params(weights, means, stds)
    with np.errstate(divide="ignore"):  # a weight of 0 is a component that is never used: log 0 = -inf
        return gaussian.mixture_logpdf(x, w, m, s)


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
        total += wk * np.sum(_Z_WEIGHTS * (mixture_logpdf(x, w, m, s) - normal_logpdf(x, mu, sd)))
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
    nats = np.sum(_Z_WEIGHTS * (normal_logpdf(x, mu, sd) - mixture_logpdf(x, w, m, s)))
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
        log_ratio = normal_logpdf(x, mu, math.exp(log_sd)) - mixture_logpdf(x, w, m, s)
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
