r"""Learning a density from samples: what it means to "learn data".

Data are draws from a hidden distribution p(x). A generative model q(x) *learns* it when it can
(1) say how likely any point is, q(x), and (2) draw new points from it. This module holds:

* known "true" distributions (1-D and 2-D presets) with an exact ``score_samples`` (log p(x)) and a
  seeded ``sample``, so that the app can compare every fit with the truth;
* three density estimators with one interface: a histogram (:class:`HistogramDensity`, its bin heights the
  maximum-likelihood fit for fixed bins and no pseudo-count), a kernel density estimate (scikit-learn's
  ``KernelDensity``, scored exactly by :class:`ExactKernelDensity`: no fitted parameters, one bump of width h
  per point; maximum likelihood over h on the training points would drive h to 0) and a Gaussian mixture
  (scikit-learn ``GaussianMixture``, fitted by EM, a local maximum of the likelihood), built by
  :func:`fit_density` and sampled by :func:`sample_density`.
  Each one's knob (bins, h, k) is chosen on held-out points;
* the yardstick, the average log-likelihood :math:`\frac1n\sum_i \log_2 q(x_i)` in bits, on the
  training points and on held-out points (:func:`likelihood_curve`). Its expectation under p is
  :math:`-H(p, q) = -h(p) - \mathrm{KL}(p\,\|\,q) \le -h(p)`: no model beats the truth on average,
  and the truth's own value is minus the differential entropy h(p) (:func:`differential_entropy_mc`).

All log-densities are natural logs (nats) as in scikit-learn; functions that report bits say so.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np
from scipy import special, stats
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import KernelDensity

from core.gaussian import BITS_PER_NAT, LOG_2PI, multivariate_mixture_logpdf, normal_logpdf
from core.validation import as_points, check_n_seed
from core.validation import standardise as standardise  # re-exported: callers use density.standardise

METHODS: tuple[str, ...] = ("histogram", "kde", "gmm")
PRESETS_1D: tuple[str, ...] = ("bimodal", "skewed", "peaked")
PRESETS_2D: tuple[str, ...] = ("mixture", "rings", "banana")


# ------------------------------------------------------------------------------- the hidden truth p(x)


class GaussianMixtureTruth:
    """p(x) = sum_k w_k N(x; mu_k, Sigma_k), exact log-density and exact sampling (1-D or 2-D)."""

    def __init__(self, weights, means, covariances, extent, support=None):
        self.support = tuple(float(e) for e in (support or extent))
        self.weights = np.asarray(weights, float) / np.sum(weights)
        self.means = np.asarray(means, float).reshape(len(self.weights), -1)
        self.covariances = np.asarray(covariances, float).reshape(len(self.weights), self.means.shape[1], -1)
        self.dims = self.means.shape[1]
        self.extent = tuple(float(e) for e in extent)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log p(x) in nats, shape (n,)."""
        return multivariate_mixture_logpdf(as_points(X, self.dims), self.weights, self.means, self.covariances)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """n draws, shape (n, d): pick a component k with probability w_k, then draw from N(mu_k, Sigma_k)."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        z = rng.choice(len(self.weights), size=int(n), p=self.weights)
        eps = rng.standard_normal((int(n), self.dims))
        return self.means[z] + np.einsum("nij,nj->ni", np.linalg.cholesky(self.covariances)[z], eps)


class SkewNormalTruth:
    """A skewed 1-D density, scipy's ``skewnorm(a, loc, scale)``: a long tail to the right for a > 0."""

    def __init__(self, a: float, loc: float, scale: float, extent, support=None):
        self.support = tuple(float(e) for e in (support or extent))
        self.dist = stats.skewnorm(a, loc=loc, scale=scale)
        self.dims = 1
        self.extent = tuple(float(e) for e in extent)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        return self.dist.logpdf(as_points(X, 1)[:, 0])

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        check_n_seed(n, seed)
        return self.dist.rvs(size=int(n), random_state=np.random.default_rng(seed))[:, None]


class RingsTruth:
    r"""Concentric rings in 2-D: p(x) = sum_k w_k exp(-(|x| - R_k)^2 / (2 s_k^2)) / Z_k.

    Each ring is a Gaussian bump in the radius; its normaliser over the plane is
    :math:`Z = 2\pi\,[s^2 e^{-R^2/2s^2} + R s \sqrt{2\pi}\,\Phi(R/s)]`.
    """

    def __init__(self, weights, radii, widths, extent, support=None):
        self.support = tuple(float(e) for e in (support or extent))
        self.weights = np.asarray(weights, float) / np.sum(weights)
        self.radii, self.widths = np.asarray(radii, float), np.asarray(widths, float)
        self.dims = 2
        self.extent = tuple(float(e) for e in extent)
        R, s = self.radii, self.widths
        self.log_z = np.log(
            2 * np.pi * (s**2 * np.exp(-(R**2) / (2 * s**2)) + R * s * np.sqrt(2 * np.pi) * stats.norm.cdf(R / s))
        )

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        r = np.hypot(*as_points(X, 2).T)[:, None]
        log_k = -((r - self.radii) ** 2) / (2 * self.widths**2) - self.log_z + np.log(self.weights)
        return special.logsumexp(log_k, axis=1)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Exact draws: radius by rejection from a proposal proportional to (R + |u|) N(u; 0, s^2), u = r - R."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        k = rng.choice(len(self.weights), size=int(n), p=self.weights)
        R, s = self.radii[k], self.widths[k]
        r = np.empty(int(n))
        todo = np.arange(int(n))
        while todo.size:
            Rt, st = R[todo], s[todo]
            gauss = rng.uniform(size=todo.size) < Rt * np.sqrt(2 * np.pi) / (Rt * np.sqrt(2 * np.pi) + 2 * st)
            u = np.where(
                gauss,
                rng.normal(0, st),
                st * np.sqrt(-2 * np.log1p(-rng.uniform(size=todo.size))) * rng.choice([-1.0, 1.0], size=todo.size),
            )
            ok = (u > -Rt) & (rng.uniform(size=todo.size) * (Rt + np.abs(u)) < Rt + u)
            r[todo[ok]] = Rt[ok] + u[ok]
            todo = todo[~ok]
        angle = rng.uniform(0, 2 * np.pi, size=int(n))
        return np.c_[r * np.cos(angle), r * np.sin(angle)]


class BananaTruth:
    """A curved (skewed) 2-D density: x1 ~ N(0, s1^2), x2 | x1 ~ N(b x1^2 + c, s2^2)."""

    def __init__(self, s1: float, b: float, c: float, s2: float, extent, support=None):
        self.support = tuple(float(e) for e in (support or extent))
        self.s1, self.b, self.c, self.s2 = s1, b, c, s2
        self.dims = 2
        self.extent = tuple(float(e) for e in extent)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        x1, x2 = as_points(X, 2).T
        return normal_logpdf(x1, 0.0, self.s1) + normal_logpdf(x2, self.b * x1**2 + self.c, self.s2)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        x1 = rng.normal(0, self.s1, size=int(n))
        return np.c_[x1, rng.normal(self.b * x1**2 + self.c, self.s2)]


Truth = GaussianMixtureTruth | SkewNormalTruth | RingsTruth | BananaTruth


def true_distribution(name: str) -> Truth:
    """The hidden distribution p(x) of a preset, with ``score_samples``, ``sample``, ``dims``, ``extent``.

    ``extent`` is the plotting window; ``support`` is a wider box holding all but about 1e-6 of the
    probability (a histogram's range: a point outside it would get q(x) = 0).

    1-D: "bimodal" (two Gaussians), "skewed" (skew-normal), "peaked" (a narrow spike on a wide bump).
    2-D: "mixture" (three correlated Gaussians), "rings" (two concentric rings), "banana" (a curved ridge).

    Examples
    --------
    >>> p = true_distribution("bimodal")
    >>> p.dims, p.sample(3, seed=0).shape
    (1, (3, 1))
    """
    if name == "bimodal":
        return GaussianMixtureTruth([0.4, 0.6], [[-1.8], [1.2]], [0.5**2, 0.9**2], (-4.5, 4.5), (-6.0, 6.5))
    if name == "skewed":
        return SkewNormalTruth(a=5.0, loc=-1.3, scale=2.0, extent=(-3.0, 6.0), support=(-3.5, 10.0))
    if name == "peaked":
        return GaussianMixtureTruth([0.3, 0.7], [[-1.0], [1.0]], [0.15**2, 1.5**2], (-5.0, 6.0), (-7.5, 9.5))
    if name == "mixture":
        covs = [[[0.5, 0.3], [0.3, 0.4]], [[0.4, -0.25], [-0.25, 0.5]], [[0.6, 0.0], [0.0, 0.15]]]
        return GaussianMixtureTruth(
            [0.4, 0.35, 0.25],
            [[-1.5, -1.0], [1.5, -0.8], [0.0, 1.6]],
            covs,
            (-4.0, 4.0, -3.5, 3.5),
            (-6.0, 6.0, -5.5, 5.5),
        )
    if name == "rings":
        return RingsTruth([0.35, 0.65], [1.0, 2.5], [0.15, 0.2], (-3.5, 3.5, -3.5, 3.5), (-4.0, 4.0, -4.0, 4.0))
    if name == "banana":
        return BananaTruth(
            s1=1.2, b=0.4, c=-1.5, s2=0.35, extent=(-4.0, 4.0, -2.5, 4.5), support=(-6.5, 6.5, -3.5, 15.5)
        )
    raise ValueError(f"Unknown preset {name!r}; choose one of {', '.join(PRESETS_1D + PRESETS_2D)}.")


def differential_entropy_mc(truth: Truth, n: int = 200_000, seed: int = 0) -> tuple[float, float]:
    r"""Monte Carlo differential entropy :math:`h(p) = -E_{x\sim p}[\log_2 p(x)]` in bits, and its standard error.

    This is the *ceiling* of any model's expected log-likelihood: :math:`E_p[\log_2 q] = -h(p) -
    \mathrm{KL}(p\|q) \le -h(p)`. Unlike discrete entropy it can be negative (a narrow density).

    Examples
    --------
    N(0, 0.5^2) has h = 1/2 log2(2 pi e 0.25) = 1.047 bits.

    >>> h, se = differential_entropy_mc(GaussianMixtureTruth([1.0], [[0.0]], [0.25], (-3, 3)), seed=0)
    >>> abs(h - 1.047) < 4 * se
    True
    """
    log2p = truth.score_samples(truth.sample(n, seed)) * BITS_PER_NAT
    return float(-log2p.mean()), float(log2p.std(ddof=1) / math.sqrt(len(log2p)))


# ------------------------------------------------------------------------------- the model q(x)


class HistogramDensity:
    r"""A histogram as a density: q(x) = (count(bin of x) + alpha) / ((n + alpha B) * bin volume).

    With ``alpha = 0`` this is the maximum-likelihood piecewise-constant density on a fixed grid of
    B bins (1-D or 2-D). A point in an empty bin then gets q(x) = 0, so log q(x) = -inf: the
    histogram says that point is impossible. That is mathematically right, and it is how too many
    bins overfit. A pseudo-count ``alpha > 0`` in every bin (Laplace smoothing) keeps q(x) > 0
    inside the bounds. Outside the bounds q(x) = 0 always.

    Parameters
    ----------
    bins : int
        Bins per axis (2-D: ``bins * bins`` cells).
    bounds : tuple, optional
        (lo, hi) in 1-D or (x0, x1, y0, y1) in 2-D, widened to hold every training point;
        default: the data range padded by 5 %.
    alpha : float
        Pseudo-count added to every bin (0 = pure maximum likelihood).

    Examples
    --------
    >>> h = HistogramDensity(bins=2, bounds=(0.0, 2.0)).fit([0.5, 0.5, 1.5, 0.2])
    >>> np.exp(h.score_samples([0.1, 1.9])).tolist()     # 3/4 of the points in [0, 1), 1/4 in [1, 2]
    [0.75, 0.25]
    >>> h = HistogramDensity(bins=2, bounds=(0.0, 2.0), alpha=1.0).fit([0.5, 0.5, 1.5, 0.2])
    >>> np.exp(h.score_samples([0.1, 1.9])).tolist()     # (3 + 1) / 6 and (1 + 1) / 6
    [0.6666666666666666, 0.3333333333333333]
    """

    def __init__(self, bins: int = 20, bounds: tuple[float, ...] | None = None, alpha: float = 0.0):
        self.bins = bins
        self.bounds = bounds
        self.alpha = alpha

    def fit(self, X: np.ndarray) -> HistogramDensity:
        X = as_points(X, min_rows=1)
        d = X.shape[1]
        if d not in (1, 2):
            raise ValueError(f"HistogramDensity handles 1-D or 2-D points; got {d} columns.")
        if int(self.bins) < 1:
            raise ValueError(f"bins must be at least 1 (got {self.bins}).")
        if not (np.isfinite(self.alpha) and self.alpha >= 0):
            raise ValueError(f"The pseudo-count alpha must be 0 or more (got {self.alpha}).")
        lo, hi = X.min(axis=0), X.max(axis=0)
        if self.bounds is None:
            pad = np.maximum(0.05 * (hi - lo), 1e-3)
            lo, hi = lo - pad, hi + pad
        else:
            b = np.asarray(self.bounds, float).ravel()
            if b.size != 2 * d or np.any(b[1::2] <= b[0::2]):
                raise ValueError(f"bounds must be {'(lo, hi)' if d == 1 else '(x0, x1, y0, y1)'} with hi > lo.")
            lo, hi = np.minimum(b[0::2], lo), np.maximum(b[1::2], hi)
        counts, edges = np.histogramdd(X, bins=[int(self.bins)] * d, range=list(zip(lo, hi, strict=True)))
        self.edges_ = [np.asarray(e) for e in edges]
        self.n_ = len(X)
        self.volume_ = float(np.prod([e[1] - e[0] for e in self.edges_]))
        self.density_ = (counts + self.alpha) / ((self.n_ + self.alpha * counts.size) * self.volume_)
        return self

    def _cells(self, X: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
        X = as_points(X, len(self.edges_))
        idx, inside = [], np.ones(len(X), bool)
        for j, e in enumerate(self.edges_):
            i = np.searchsorted(e, X[:, j], side="right") - 1
            i[X[:, j] == e[-1]] = len(e) - 2  # the last bin includes its right edge, as in np.histogram
            inside &= (i >= 0) & (i < len(e) - 1)
            idx.append(np.clip(i, 0, len(e) - 2))
        return tuple(idx), inside

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log q(x) in nats; -inf in empty bins and outside the bounds."""
        idx, inside = self._cells(X)
        with np.errstate(divide="ignore"):
            return np.where(inside, np.log(self.density_[idx]), -np.inf)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Pick bins in proportion to their counts, then a uniform point inside the bin."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        p = self.density_.ravel() / self.density_.sum()
        flat = rng.choice(p.size, size=int(n), p=p)
        cells = np.unravel_index(flat, self.density_.shape)
        cols = [e[c] + rng.uniform(size=int(n)) * (e[1] - e[0]) for e, c in zip(self.edges_, cells, strict=True)]
        return np.stack(cols, axis=1)


class ExactKernelDensity(KernelDensity):
    """scikit-learn's Gaussian ``KernelDensity`` (same ``fit``, ``sample`` and attributes) scored exactly.

    ``score_samples`` is :func:`kde_log_density` at the fitted ``bandwidth_``: scikit-learn's tree can be far off
    for points far from the data at a small bandwidth, and the exact sum is also faster at this app's sizes.

    Examples
    --------
    >>> q = ExactKernelDensity(bandwidth=1.0).fit(np.array([[0.0], [1.0]]))
    >>> q.score_samples(np.array([[0.5]])).round(4)
    array([-1.0439])
    """

    def __init__(self, *, bandwidth: float = 1.0) -> None:
        super().__init__(bandwidth=bandwidth, kernel="gaussian")

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log q(x) in nats for each row of ``X``, shape (n,)."""
        return kde_log_density(X, np.asarray(self.tree_.data), [self.bandwidth_])[0]


Model = HistogramDensity | KernelDensity | GaussianMixture


def fit_density(
    X: np.ndarray,
    method: str,
    value: float,
    *,
    bounds: tuple[float, ...] | None = None,
    alpha: float = 0.0,
    seed: int = 0,
) -> Model:
    """Fit q(x) to the points X and return the fitted estimator.

    The histogram (``alpha = 0``) and the mixture are maximum-likelihood fits for their knob; the kernel density
    has nothing to fit beyond its bandwidth, which is *not* chosen by maximum likelihood (on the training points
    the likelihood grows without limit as the bandwidth shrinks).

    Parameters
    ----------
    X : array (n,) or (n, d)
        Training points.
    method : {"histogram", "kde", "gmm"}
        ``value`` is the number of bins per axis, the kernel bandwidth (in x units), or the number of
        mixture components k.
    bounds : tuple, optional
        The histogram's range (widened to contain every training point).
    alpha : float
        The histogram's pseudo-count per bin (0 = pure maximum likelihood).
    seed : int
        Seed of the mixture's initialisation (EM finds a local maximum of the likelihood).

    Examples
    --------
    One Gaussian component: the maximum-likelihood fit is the sample mean and (biased) variance.

    >>> X = np.random.default_rng(0).normal(size=(500, 1))
    >>> q = fit_density(X, "gmm", 1)
    >>> bool(np.allclose([q.means_[0, 0], q.covariances_[0, 0, 0]], [X.mean(), X.var()], atol=1e-3))
    True
    """
    return _fit(as_points(X, min_rows=2), method, value, bounds, alpha, seed)


def _fit(X: np.ndarray, method: str, value: float, bounds: tuple[float, ...] | None, alpha: float, seed: int) -> Model:
    if method == "histogram":
        return HistogramDensity(bins=int(value), bounds=bounds, alpha=alpha).fit(X)
    if method == "kde":
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"The bandwidth must be a positive number (got {value}).")
        return ExactKernelDensity(bandwidth=float(value)).fit(X)
    if method == "gmm":
        k = int(value)
        if k < 1:
            raise ValueError(f"k must be at least 1 component (got {value}).")
        if k > len(X):
            raise ValueError(f"k = {k} components need at least {k} training points (got {len(X)}); lower k.")
        return GaussianMixture(
            n_components=k, covariance_type="full", reg_covar=1e-4, random_state=int(seed), n_init=1
        ).fit(X)
    raise ValueError(f"Unknown method {method!r}; choose one of {', '.join(METHODS)}.")


def sample_density(model: Model | Truth, n: int, seed: int = 0) -> np.ndarray:
    """Once learned, sample: n new points from a fitted model (or from the truth), shape (n, d).

    The fitted model is not modified (it may be a shared cached object).

    Examples
    --------
    >>> q = fit_density(np.random.default_rng(0).normal(size=(200, 2)), "kde", 0.3)
    >>> sample_density(q, 4, seed=1).shape
    (4, 2)
    """
    check_n_seed(n, seed)
    if isinstance(model, KernelDensity):
        return model.sample(int(n), random_state=int(seed))
    if isinstance(model, GaussianMixture):
        draws = copy.copy(model).set_params(random_state=int(seed)).sample(int(n))[0]
        return draws[np.random.default_rng(seed).permutation(len(draws))]  # sklearn groups draws by component
    return model.sample(int(n), seed=int(seed))


# ------------------------------------------------------------------------------- how likely is each point


def average_log_likelihood(model: Model | Truth, X: np.ndarray) -> float:
    r"""Average log-likelihood :math:`\frac1n\sum_i \log_2 q(x_i)` in bits per point (higher is better).

    ``-inf`` when some point has q(x) = 0 (an empty histogram bin): mathematically right.

    Examples
    --------
    >>> p = true_distribution("bimodal")
    >>> round(average_log_likelihood(p, p.sample(100_000, seed=0)), 2)   # about -h(p)
    -2.46
    """
    return float(np.mean(model.score_samples(as_points(X))) * BITS_PER_NAT)


@dataclass(frozen=True)
class PointLikelihood:
    """q(x) at one point, and its surprisal -log2 q(x) in bits (inf when q(x) = 0)."""

    density: float
    surprisal_bits: float


def point_likelihood(model: Model | Truth, x: float | list[float]) -> PointLikelihood:
    """How likely is this point? q(x) and -log2 q(x) for a single point x (a number or a 2-D pair).

    Examples
    --------
    >>> p = GaussianMixtureTruth([1.0], [[0.0]], [1.0], (-3, 3))
    >>> r = point_likelihood(p, 0.0)
    >>> round(r.density, 4), round(r.surprisal_bits, 3)       # 1 / sqrt(2 pi), log2 sqrt(2 pi)
    (0.3989, 1.326)
    """
    log_q = float(model.score_samples(np.atleast_2d(np.asarray(x, float)))[0])
    return PointLikelihood(density=math.exp(log_q), surprisal_bits=-log_q * BITS_PER_NAT)


def density_curve(model: Model | Truth, lo: float, hi: float, num: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """A 1-D density on ``num`` evenly spaced points in [lo, hi]: (xs, q(xs)).

    Examples
    --------
    >>> xs, q = density_curve(true_distribution("skewed"), -3, 6, num=2001)
    >>> round(float(np.trapezoid(q, xs)), 3)
    1.0
    """
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        raise ValueError(f"Need lo < hi for the plotting range (got {lo}, {hi}).")
    xs = np.linspace(lo, hi, int(num))
    return xs, np.exp(model.score_samples(xs[:, None]))


def default_values(method: str) -> np.ndarray:
    """The grid of hyperparameters swept by the overfitting curve: bins (per axis), bandwidths or k.

    Examples
    --------
    >>> default_values("gmm")[:3].tolist()
    [1, 2, 3]
    """
    if method == "histogram":
        return np.array([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200])
    if method == "kde":
        return np.array([0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0])
    if method == "gmm":
        return np.arange(1, 16)
    raise ValueError(f"Unknown method {method!r}; choose one of {', '.join(METHODS)}.")


def check_bandwidths(bandwidths: np.ndarray) -> None:
    """ValueError unless every bandwidth is a finite number > 0."""
    h = np.asarray(bandwidths, float)
    if h.size == 0 or not np.all(np.isfinite(h)) or np.any(h <= 0):
        raise ValueError(f"Bandwidths must be finite numbers > 0 (got {np.asarray(bandwidths).tolist()}).")


def kde_log_density(X: np.ndarray, X_train: np.ndarray, bandwidths: np.ndarray, chunk: int = 512) -> np.ndarray:
    r"""Gaussian kernel density estimates at ``X``, for several bandwidths at once: log q_h(x) in nats.

    .. math:: q_h(x) = \frac1n \sum_{i=1}^n \mathcal N(x;\, x_i,\, h^2 I)
              \quad\Rightarrow\quad
              \log q_h(x) = \operatorname{logsumexp}_i\Big(-\frac{\lVert x - x_i\rVert^2}{2h^2}\Big)
              - \log n - \frac d2 \log(2\pi h^2)

    What scikit-learn's ``KernelDensity(bandwidth=h).fit(X_train).score_samples(X)`` computes, but exact: its
    tree's bounds can be far off for a point far from every training point at a small h (in 2-D, by hundreds
    of nats at h = 0.02, against a brute-force sum of scipy Gaussians: tests/test_density.py). Computed from one
    matrix of squared distances shared by every ``h`` (``chunk`` rows of ``X`` at a time, to bound memory; the
    terms of each ``h`` are written into one array, not a new one per ``h``: 0.64 s -> 0.42 s for the overfitting
    curve of 2,000 points), in log space with the nearest training point's term factored out of the sum as in
    logsumexp, so a far point gets a large negative number, not log 0. Returns shape ``(len(bandwidths), len(X))``.

    Examples
    --------
    >>> train = np.array([[0.0], [1.0]])
    >>> kde_log_density(np.array([[0.5]]), train, [1.0]).round(4)     # both bumps at distance 0.5
    array([[-1.0439]])
    >>> round(float(normal_logpdf(0.5, 0.0, 1.0)), 4)
    -1.0439
    """
    X, X_train = as_points(X, min_rows=1), as_points(X_train, min_rows=1, name="X_train")
    if X.shape[1] != X_train.shape[1]:
        raise ValueError(f"X has {X.shape[1]} columns but the training points have {X_train.shape[1]}.")
    h = np.asarray(bandwidths, float).reshape(-1)
    check_bandwidths(h)
    n, d = X_train.shape
    norm = -math.log(n) - 0.5 * d * (LOG_2PI + 2 * np.log(h))  # shape (H,)
    out = np.empty((len(h), len(X)))
    train_sq = np.einsum("ij,ij->i", X_train, X_train)
    terms = np.empty((min(chunk, len(X)), n))  # exp(-|x - x_i|^2 / 2h^2) of a chunk, made again for each h in place
    for start in range(0, len(X), chunk):
        rows = X[start : start + chunk]
        sq = np.einsum("ij,ij->i", rows, rows)[:, None] + train_sq[None, :] - 2.0 * rows @ X_train.T
        nearest = np.maximum(sq.min(axis=1), 0.0)  # round-off can make a zero distance slightly negative
        sq -= nearest[:, None]  # >= 0: the nearest point's term is exp(0) = 1, so the sum never underflows
        chunk_terms = terms[: len(rows)]
        for k, hk in enumerate(h):
            scale = -0.5 / (hk * hk)
            np.exp(np.multiply(sq, scale, out=chunk_terms), out=chunk_terms)
            out[k, start : start + len(rows)] = np.log(chunk_terms.sum(axis=1)) + nearest * scale + norm[k]
    return out


@dataclass(frozen=True)
class LikelihoodCurve:
    """Average log-likelihood (bits per point) on training and held-out points, for each value of the knob."""

    method: str
    values: np.ndarray
    train: np.ndarray
    test: np.ndarray

    @property
    def best_value(self) -> float:
        """The knob value with the highest held-out log-likelihood (what a validation set would pick)."""
        return float(self.values[int(np.argmax(self.test))])


def likelihood_curve(
    X_train: np.ndarray,
    X_test: np.ndarray,
    method: str,
    values: np.ndarray | None = None,
    *,
    bounds: tuple[float, ...] | None = None,
    alpha: float = 0.0,
    seed: int = 0,
) -> LikelihoodCurve:
    """Train vs held-out average log-likelihood as the knob (bins, bandwidth, k) varies: the overfitting curve.

    The training value keeps improving as the model gets more flexible; the held-out value rises,
    peaks, then falls (for the histogram it reaches -inf once a held-out point lands in an empty bin).

    Examples
    --------
    >>> p = true_distribution("bimodal")
    >>> c = likelihood_curve(p.sample(200, seed=0), p.sample(2000, seed=1), "kde", [0.05, 0.3, 2.0])
    >>> c.best_value, bool(c.train[0] > c.train[-1])
    (0.3, True)
    """
    X_train, X_test = as_points(X_train, min_rows=2), as_points(X_test, min_rows=1, name="X_test")
    vals = default_values(method) if values is None else np.asarray(values)
    if method == "kde":  # every bandwidth from one set of pairwise distances: no refit, no tree per value
        train = kde_log_density(X_train, X_train, vals).mean(axis=1) * BITS_PER_NAT
        test = kde_log_density(X_test, X_train, vals).mean(axis=1) * BITS_PER_NAT
        return LikelihoodCurve(method, vals, train, test)
    train, test = [], []
    for v in vals:
        q = fit_density(X_train, method, v, bounds=bounds, alpha=alpha, seed=seed)
        train.append(average_log_likelihood(q, X_train))
        test.append(average_log_likelihood(q, X_test))
    return LikelihoodCurve(method, vals, np.array(train), np.array(test))


def split_train_test(X: np.ndarray, test_fraction: float = 0.3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle the points and hold out ``test_fraction`` of them (at least one) for scoring.

    Examples
    --------
    >>> tr, te = split_train_test(np.arange(10.0), 0.3, seed=0)
    >>> tr.shape, te.shape
    ((7, 1), (3, 1))
    """
    X = as_points(X, min_rows=2)
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (got {test_fraction}).")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = min(len(X) - 1, max(1, int(round(test_fraction * len(X)))))
    return X[order[n_test:]], X[order[:n_test]]
