r"""The generative modeling problem: learn p(x) when x is high-dimensional, with complex dependencies.

Two halves:

* **Why it "cannot be modelled directly".** A histogram with b bins per axis needs b^d cells
  (:func:`histogram_cells`); with a fixed number n of points almost every cell is empty once
  b^d >> n. :func:`curse_of_dimensionality` measures it: the total variation distance between a
  histogram (or kernel) estimate and the known d-dimensional standard Gaussian it was fitted to,
  for d = 1, 2, ... and a fixed n.
* **Real data: 8x8 digits** (``sklearn.datasets.load_digits``, 64 dimensions, pixel values 0..16).
  Three models of p(x), all scikit-learn ``GaussianMixture`` fits: independent pixels (a product of
  64 one-pixel Gaussians), one full-covariance Gaussian (all pairwise dependencies), and a mixture of
  k full Gaussians (a discrete latent z: "which kind of digit"). They are compared by held-out
  log-likelihood in **bits per dimension** (:func:`bits_per_dim`) and by their samples.

Pixel values are integers; a density on them would be infinite at the integers. So the pixels are
*dequantised*: x + u with u ~ Uniform[0, 1) per pixel (Theis, van den Oord & Bethge 2016). With bins
of width 1, the average over u of -log2 q(x + u) is then an upper bound on the code length of the integer
image, -log2 of the integral of q(x + u) over u (Jensen; a single u can fall below it), and the
uniform model over the 17 levels costs log2 17 = 4.09 bits per pixel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.datasets import load_digits
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import KernelDensity

from core.density import sample_density
from core.gaussian import BITS_PER_NAT, standard_normal_logpdf
from core.validation import as_points

#: Pixel values of the digits: integers 0..16.
LEVELS = 17
#: Bits per pixel of the uniform model over the 17 levels: the "knows nothing" reference.
UNIFORM_BITS_PER_DIM = math.log2(LEVELS)
#: Variance added to every pixel's variance (intensity^2 units) so that no Gaussian collapses.
REG_COVAR = 0.1
#: The three digits models, simplest first.
DIGITS_MODELS: tuple[str, ...] = ("independent", "gaussian", "mixture")


# ------------------------------------------------------------------------------- the curse of dimensionality


def histogram_cells(bins: int, d: int) -> float:
    """Number of cells a histogram with ``bins`` bins per axis needs in d dimensions: bins^d.

    Returned as a float, since it overflows integers quickly (17 levels in 64 pixels is about 1e79).

    Examples
    --------
    >>> histogram_cells(10, 3)
    1000.0
    >>> round(math.log10(histogram_cells(17, 64)), 1)
    78.7
    """
    if int(bins) < 1 or int(d) < 1:
        raise ValueError(f"bins and d must be at least 1 (got bins={bins}, d={d}).")
    return float(bins) ** int(d)


def histogram_density_at(X_train: np.ndarray, X_eval: np.ndarray, bins: int, lo: float, hi: float) -> np.ndarray:
    """Histogram density estimate q(x) = count(cell of x) / (n * cell volume) at the points ``X_eval``.

    The cells are ``bins`` equal intervals of [lo, hi) per axis. Only occupied cells are stored (at
    most n of them), so this works when bins^d is astronomically large.

    Examples
    --------
    >>> histogram_density_at(np.array([[0.1, 0.1], [0.2, 0.3], [0.9, 0.9]]), np.array([[0.4, 0.4], [0.6, 0.1]]),
    ...                      bins=2, lo=0.0, hi=1.0).tolist()      # 2 of 3 points in a cell of area 1/4
    [2.6666666666666665, 0.0]
    """
    X_train, X_eval = as_points(X_train), as_points(X_eval, X_train.shape[1])
    n, d = X_train.shape
    if int(bins) < 1 or not hi > lo:
        raise ValueError(f"Need bins >= 1 and hi > lo (got bins={bins}, lo={lo}, hi={hi}).")
    if d * math.log2(bins) > 62:
        raise ValueError(f"{bins}^{d} cells are too many to index; use fewer bins or dimensions.")
    width = (hi - lo) / bins
    weights = int(bins) ** np.arange(d, dtype=np.int64)

    def cell_keys(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        idx = np.floor((X - lo) / width).astype(np.int64)
        inside = np.all((idx >= 0) & (idx < bins), axis=1)
        return np.clip(idx, 0, bins - 1) @ weights, inside

    train_keys, train_inside = cell_keys(X_train)
    occupied, counts = np.unique(train_keys[train_inside], return_counts=True)
    keys, inside = cell_keys(X_eval)
    if occupied.size == 0:
        return np.zeros(len(X_eval))
    pos = np.clip(np.searchsorted(occupied, keys), 0, occupied.size - 1)
    hit = inside & (occupied[pos] == keys)
    return np.where(hit, counts[pos], 0) / (n * width**d)


def total_variation_mc(q_over_p: np.ndarray) -> tuple[float, float]:
    r"""Total variation distance TV(p, q) = \int (p - q)_+ dx = E_{x~p}[(1 - q(x)/p(x))_+], from draws of p.

    Between 0 (q = p) and 1 (no overlap): the fraction of p's probability that q puts somewhere
    else. Each term lies in [0, 1], so this Monte Carlo estimate is stable; returns (estimate,
    standard error). Exact when q integrates to 1; a q with less mass is counted as missing it.

    Examples
    --------
    >>> total_variation_mc(np.array([1.0, 1.0, 0.0, 0.0]))[0]    # q misses half of p
    0.5
    """
    terms = np.clip(1.0 - np.asarray(q_over_p, float), 0.0, 1.0)
    if terms.size < 2 or np.any(np.isnan(terms)):
        raise ValueError("Need at least 2 finite density ratios q(x)/p(x) to estimate the total variation.")
    return float(terms.mean()), float(terms.std(ddof=1) / math.sqrt(terms.size))


@dataclass(frozen=True)
class DimensionBenchmark:
    """Error of density estimates of a d-dimensional standard Gaussian from n points, for each d."""

    dims: np.ndarray
    cells: np.ndarray  # bins^d histogram cells
    histogram_tv: np.ndarray  # TV(p, histogram), 0..1
    histogram_se: np.ndarray
    kde_tv: np.ndarray  # TV(p, Gaussian KDE with Scott's bandwidth), 0..1
    kde_se: np.ndarray
    empty_fraction: np.ndarray  # share of fresh points from p that land in a cell with no training point
    n: int
    bins: int


def curse_of_dimensionality(
    dims: list[int] | np.ndarray = tuple(range(1, 11)), n: int = 500, bins: int = 10, n_eval: int = 2000, seed: int = 0
) -> DimensionBenchmark:
    """Fit a histogram and a kernel density estimate to n draws of N(0, I_d) and measure their error, per d.

    The histogram uses ``bins`` cells per axis on [-4, 4); the KDE uses Scott's rule bandwidth
    n^(-1/(d+4)). The error is the total variation distance to the truth, estimated from ``n_eval``
    fresh draws (:func:`total_variation_mc`). The same seed gives the same table.

    Examples
    --------
    >>> b = curse_of_dimensionality([1, 6], n=300, bins=10, n_eval=1000, seed=0)
    >>> bool(b.histogram_tv[1] > 3 * b.histogram_tv[0]), bool(b.empty_fraction[1] > 0.5)
    (True, True)
    """
    dims = np.asarray(dims, int)
    if dims.size == 0 or dims.min() < 1:
        raise ValueError("dims must list dimensions of at least 1.")
    if int(n) < 2 or int(n_eval) < 2:
        raise ValueError(f"Need n >= 2 training points and n_eval >= 2 test points (got {n}, {n_eval}).")
    out: dict[str, list[float]] = {k: [] for k in ("h", "hse", "k", "kse", "empty")}
    for d in dims:
        rng = np.random.default_rng([int(seed), int(d)])
        X, E = rng.standard_normal((int(n), d)), rng.standard_normal((int(n_eval), d))
        log_p = standard_normal_logpdf(E)
        q_hist = histogram_density_at(X, E, bins, -4.0, 4.0)
        h, hse = total_variation_mc(q_hist / np.exp(log_p))
        kde = KernelDensity(bandwidth=float(n) ** (-1.0 / (d + 4))).fit(X)
        k, kse = total_variation_mc(np.exp(kde.score_samples(E) - log_p))
        for key, v in zip(out, (h, hse, k, kse, float(np.mean(q_hist == 0))), strict=True):
            out[key].append(v)
    return DimensionBenchmark(
        dims,
        np.array([histogram_cells(bins, d) for d in dims]),
        np.array(out["h"]),
        np.array(out["hse"]),
        np.array(out["k"]),
        np.array(out["kse"]),
        np.array(out["empty"]),
        int(n),
        int(bins),
    )


# ------------------------------------------------------------------------------- 8x8 digits


@dataclass(frozen=True)
class DigitsSplit:
    """Digits split into training and held-out images, dequantised (x + u, u ~ U[0, 1)) for density models."""

    X_train: np.ndarray  # (n_train, 64) floats in [0, 17)
    X_test: np.ndarray  # (n_test, 64)
    raw_train: np.ndarray  # (n_train, 64) integer pixel values 0..16
    raw_test: np.ndarray
    y_train: np.ndarray  # digit labels (not used by the models; for captions)
    y_test: np.ndarray


def load_digit_split(test_fraction: float = 0.3, seed: int = 0) -> DigitsSplit:
    """Load the 1,797 8x8 digits that ship with scikit-learn, shuffle, split and dequantise them.

    Examples
    --------
    >>> s = load_digit_split(seed=0)
    >>> s.X_train.shape, s.X_test.shape, int(s.raw_train.max())
    ((1258, 64), (539, 64), 16)
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (got {test_fraction}).")
    digits = load_digits()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(digits.data))
    X, y = digits.data[order].astype(float), digits.target[order]
    X_deq = X + rng.uniform(size=X.shape)
    n_test = int(round(test_fraction * len(X)))
    return DigitsSplit(X_deq[n_test:], X_deq[:n_test], X[n_test:], X[:n_test], y[n_test:], y[:n_test])


def fit_digits_model(X: np.ndarray, kind: str, k: int = 8, seed: int = 0) -> GaussianMixture:
    """Fit one of the three digits models by maximum likelihood (EM for the mixture).

    Parameters
    ----------
    kind : {"independent", "gaussian", "mixture"}
        "independent": q(x) = prod_j N(x_j; mu_j, s_j^2), one Gaussian per pixel with that pixel's mean and
        variance (no dependencies; it matches each pixel's mean and variance, not its distribution, which piles up
        at 0 and 16).
        "gaussian": q(x) = N(x; mu, Sigma) with a full 64x64 covariance (every pairwise dependency).
        "mixture": q(x) = sum_z pi_z N(x; mu_z, Sigma_z), k full Gaussians (a discrete latent z).
    k : int
        Number of mixture components (only for "mixture").

    Examples
    --------
    >>> s = load_digit_split()
    >>> fit_digits_model(s.X_train, "gaussian").covariances_.shape
    (1, 64, 64)
    """
    X = as_points(X, min_rows=2)
    if kind == "independent":
        model = GaussianMixture(1, covariance_type="diag", reg_covar=REG_COVAR)
    elif kind == "gaussian":
        model = GaussianMixture(1, covariance_type="full", reg_covar=REG_COVAR)
    elif kind == "mixture":
        if not 1 <= int(k) <= len(X) // 10:
            raise ValueError(f"k must be between 1 and {len(X) // 10} for {len(X)} training images (got {k}).")
        model = GaussianMixture(int(k), covariance_type="full", reg_covar=REG_COVAR, random_state=int(seed))
    else:
        raise ValueError(f"Unknown digits model {kind!r}; choose one of {', '.join(DIGITS_MODELS)}.")
    return model.fit(X)


def bits_per_dim(model: GaussianMixture, X: np.ndarray) -> float:
    r"""Average negative log-likelihood per dimension in bits: :math:`-\frac{1}{n d}\sum_i \log_2 q(x_i)`.

    Lower is better. For dequantised 0..16 pixels, 4.09 bits (log2 17) is the uniform model.

    Examples
    --------
    A standard Gaussian in 2-D scored at its own centre: 1/2 log2(2 pi) = 1.33 bits per dimension.

    >>> m = GaussianMixture(1).fit(np.random.default_rng(0).normal(size=(5000, 2)))
    >>> round(bits_per_dim(m, np.zeros((1, 2))), 1)
    1.3
    """
    X = as_points(X)
    return float(-np.mean(model.score_samples(X)) * BITS_PER_NAT / X.shape[1])


def sample_images(model: GaussianMixture, n: int = 8, seed: int = 0) -> np.ndarray:
    """n new 8x8 images drawn from a digits model, pixel values clipped to the valid range [0, 16].

    Examples
    --------
    >>> s = load_digit_split()
    >>> img = sample_images(fit_digits_model(s.X_train, "independent"), 3, seed=0)
    >>> img.shape, float(img.min()) >= 0, float(img.max()) <= 16
    ((3, 8, 8), True, True)
    """
    x = sample_density(model, n, seed)
    return np.clip(x - 0.5, 0, LEVELS - 1).reshape(-1, 8, 8)  # -0.5 undoes the mean shift of dequantisation


@dataclass(frozen=True)
class PixelCorrelation:
    """Pearson correlation between every pair of pixels; NaN rows/columns for constant pixels."""

    matrix: np.ndarray  # (64, 64), NaN where a pixel never varies
    constant: np.ndarray  # (64,) bool: pixels with the same value in every image


def pixel_correlation(X: np.ndarray) -> PixelCorrelation:
    """Correlation matrix of the pixels. A pixel that never varies has no correlation (NaN), not 0.

    Examples
    --------
    >>> c = pixel_correlation(load_digit_split().raw_train)
    >>> c.matrix.shape, int(c.constant.sum()) > 0
    ((64, 64), True)
    """
    X = as_points(X, min_rows=2)
    constant = X.std(axis=0) == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.corrcoef(X, rowvar=False)
    matrix[constant, :] = np.nan
    matrix[:, constant] = np.nan
    return PixelCorrelation(matrix, constant)
