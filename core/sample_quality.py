"""One yardstick for every generative model: how far are its samples from held-out data?

A likelihood (``score_samples``) only exists for some models; every model can *sample*. So the
common yardstick compares two clouds of points: the model's samples ``X`` and held-out data ``Y``.

* :func:`energy_distance` (Szekely & Rizzo 2013) uses plain Euclidean distances and has no knob to
  tune. It is 0 exactly when the two distributions are equal.
* :func:`mmd` (maximum mean discrepancy, Gretton et al. 2012) compares the two clouds through a
  Gaussian kernel of width ``bandwidth``.

Both are computed between the *empirical* distributions (all pairs, V-statistics), so they are never
negative, and two finite samples of n points from the same distribution give a small positive value:
its square D^2 (or MMD^2) shrinks like ``1/n`` on average, so D itself shrinks only like ``1/sqrt(n)``
(see :func:`energy_distance`). Compare models with the same sample sizes.

The module also holds the helpers that turn a model's ``score_samples`` into pictures and numbers:
:func:`density_grid` (a heatmap of p(x)), :func:`grid_mass` (does it integrate to 1?) and
:func:`log_likelihood_bits` (held-out log-likelihood in bits per point).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.spatial.distance import cdist

from core.gaussian import BITS_PER_NAT
from core.validation import as_points


def _points(X: np.ndarray, name: str) -> np.ndarray:
    """A sample of at least 2 points, shape (n, d) (a flat list is n points in 1-D)."""
    return as_points(X, min_rows=2, name=name)


def _pair(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X, Y = _points(X, "X"), _points(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X and Y must have the same number of columns (got {X.shape[1]} and {Y.shape[1]}).")
    return X, Y


def pairwise_distances(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Euclidean distances ``D[i, j] = ||X[i] - Y[j]||`` for point sets of shape (n, d) and (m, d).

    Examples
    --------
    >>> pairwise_distances(np.array([[0.0, 0.0]]), np.array([[3.0, 4.0], [0.0, 1.0]])).tolist()
    [[5.0, 1.0]]
    """
    X, Y = np.atleast_2d(np.asarray(X, float)), np.atleast_2d(np.asarray(Y, float))
    return cdist(X, Y)  # the same sum of squares as sqrt(((X[:, None] - Y[None]) ** 2).sum(-1)), without the cube


def energy_distance(X: np.ndarray, Y: np.ndarray) -> float:
    r"""Energy distance between two samples (same units as the data).

    .. math:: D^2(P, Q) = 2\,E\|X - Y\| - E\|X - X'\| - E\|Y - Y'\|,
              \qquad D = \sqrt{D^2},

    with X, X' drawn from the first sample and Y, Y' from the second (all pairs, so this is the
    distance between the two empirical distributions). D is 0 exactly when the distributions
    are equal; it grows as they differ in location, spread *or* shape. It needs no kernel width
    and no density, so it can score any model that can sample. ``scipy.stats.energy_distance``
    computes the same D for 1-D samples.

    Parameters
    ----------
    X, Y : ndarray of shape (n, d) and (m, d)
        The two point clouds, e.g. model samples and held-out data.

    Returns
    -------
    float
        D >= 0, in the units of the data.

    Examples
    --------
    Two single points at distance 4: D^2 = 2 * 4 - 0 - 0 = 8.

    >>> round(energy_distance(np.array([[0.0], [0.0]]), np.array([[4.0], [4.0]])), 4)
    2.8284
    >>> energy_distance(np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[0.0, 1.0], [2.0, 3.0]]))
    0.0

    Two samples of n points from the *same* distribution: the all-pairs averages make E[D^2] = 2 E|X - X'| / n
    exactly (the n zero distances of each point to itself), so D^2 shrinks like 1/n and D like 1/sqrt(n).
    Checked on every equally likely pair of samples of n fair coin flips (0 or 1), where E|X - X'| = 1/2:

    >>> from itertools import product
    >>> def mean_square(n):
    ...     flips = list(product([0.0, 1.0], repeat=2 * n))
    ...     return sum(energy_distance(np.array(f[:n]), np.array(f[n:])) ** 2 for f in flips) / len(flips)
    >>> [round(mean_square(n), 6) for n in (2, 4, 6)]   # 2 * (1/2) / n
    [0.5, 0.25, 0.166667]
    """
    X, Y = _pair(X, Y)
    d2 = 2.0 * pairwise_distances(X, Y).mean() - pairwise_distances(X, X).mean() - pairwise_distances(Y, Y).mean()
    return float(np.sqrt(max(d2, 0.0)))


def median_bandwidth(X: np.ndarray, Y: np.ndarray) -> float:
    """Median heuristic for the kernel width: the median distance between all pooled points.

    Examples
    --------
    >>> median_bandwidth(np.array([[0.0], [1.0]]), np.array([[2.0], [3.0]]))
    1.5
    """
    X, Y = _pair(X, Y)
    Z = np.vstack([X, Y])
    D = pairwise_distances(Z, Z)
    h = float(np.median(D[np.triu_indices(len(Z), k=1)]))
    return h if h > 0 else 1.0


def mmd(X: np.ndarray, Y: np.ndarray, bandwidth: float | None = None) -> float:
    r"""Maximum mean discrepancy with a Gaussian kernel (unitless, between 0 and sqrt(2)).

    .. math:: \mathrm{MMD}^2 = E\,k(X, X') + E\,k(Y, Y') - 2\,E\,k(X, Y),
              \qquad k(a, b) = \exp\!\left(-\frac{\|a - b\|^2}{2 h^2}\right)

    MMD is the distance between the two samples' mean feature vectors in the kernel's feature
    space: 0 when the distributions agree. The kernel width h sets which scale of difference it
    sees; by default it is the median pooled distance (:func:`median_bandwidth`).

    Parameters
    ----------
    X, Y : ndarray of shape (n, d) and (m, d)
    bandwidth : float, optional
        Kernel width h in data units; ``None`` uses the median heuristic.

    Returns
    -------
    float
        MMD >= 0 (the square root of the V-statistic estimate of MMD^2).

    Examples
    --------
    Two far-apart single points: the cross kernel is ~0 and each self-kernel is 1, so MMD = sqrt(2).

    >>> round(mmd(np.array([[0.0], [0.0]]), np.array([[50.0], [50.0]]), bandwidth=1.0), 4)
    1.4142
    """
    X, Y = _pair(X, Y)
    h = median_bandwidth(X, Y) if bandwidth is None else float(bandwidth)
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"bandwidth must be a positive number (got {bandwidth}).")

    def k(A: np.ndarray, B: np.ndarray) -> float:
        return float(np.exp(-(pairwise_distances(A, B) ** 2) / (2.0 * h * h)).mean())

    return float(np.sqrt(max(k(X, X) + k(Y, Y) - 2.0 * k(X, Y), 0.0)))


def grid_axes(extent: tuple[float, float, float, float], nx: int = 120, ny: int = 120) -> tuple[np.ndarray, np.ndarray]:
    """Cell-centre coordinates of an ``nx`` x ``ny`` grid covering ``extent = (x0, x1, y0, y1)``.

    Examples
    --------
    >>> xs, ys = grid_axes((0.0, 1.0, 0.0, 2.0), nx=2, ny=2)
    >>> xs.tolist(), ys.tolist()
    ([0.25, 0.75], [0.5, 1.5])
    """
    x0, x1, y0, y1 = map(float, extent)
    if not (x1 > x0 and y1 > y0) or not np.all(np.isfinite([x0, x1, y0, y1])):
        raise ValueError(f"extent must be (x0, x1, y0, y1) with x1 > x0 and y1 > y0; got {extent}.")
    if nx < 2 or ny < 2:
        raise ValueError(f"The grid needs at least 2 x 2 cells (got {nx} x {ny}).")
    dx, dy = (x1 - x0) / nx, (y1 - y0) / ny
    return x0 + dx * (np.arange(nx) + 0.5), y0 + dy * (np.arange(ny) + 0.5)


def window_around(X: np.ndarray, margin: float = 0.15) -> tuple[float, float, float, float]:
    """A plotting window ``(x0, x1, y0, y1)`` around 2-D points, padded by ``margin`` of their range (at least 0.5).

    The region to hand :func:`density_grid` so that a heatmap of p(x) covers the data with some room.

    Examples
    --------
    >>> window_around(np.array([[0.0, 0.0], [10.0, 2.0]]), margin=0.1)
    (-1.0, 11.0, -0.5, 2.5)
    """
    X = _points(X, "X")
    if X.shape[1] != 2:
        raise ValueError(f"X must hold 2-D points, shape (n, 2); got shape {X.shape}.")
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum((hi - lo) * float(margin), 0.5)
    return float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])


def density_grid(
    score_samples: Callable[[np.ndarray], np.ndarray],
    extent: tuple[float, float, float, float],
    nx: int = 120,
    ny: int = 120,
) -> np.ndarray:
    """Evaluate a density p(x) = exp(score_samples(x)) on a grid, ready for a heatmap.

    Parameters
    ----------
    score_samples : callable
        Maps points of shape (n, 2) to natural-log densities of shape (n,), e.g. a fitted
        model's ``score_samples``.
    extent : (x0, x1, y0, y1)
        The region to cover.
    nx, ny : int
        Number of grid cells along x and y.

    Returns
    -------
    ndarray of shape (ny, nx)
        p(x) at the cell centres; row 0 is the lowest y.

    Examples
    --------
    A standard 2-D Gaussian is 1 / (2 pi) = 0.159 at its centre.

    >>> from core.gaussian import standard_normal_logpdf
    >>> round(float(density_grid(standard_normal_logpdf, (-1, 1, -1, 1), nx=3, ny=3)[1, 1]), 3)
    0.159
    """
    xs, ys = grid_axes(extent, nx, ny)
    gx, gy = np.meshgrid(xs, ys)
    log_p = np.asarray(score_samples(np.c_[gx.ravel(), gy.ravel()]), dtype=float).reshape(ny, nx)
    if np.any(np.isnan(log_p)):
        raise ValueError("score_samples returned NaN on the grid; check the model was fitted properly.")
    return np.exp(log_p)


def grid_mass(p: np.ndarray, extent: tuple[float, float, float, float]) -> float:
    r"""Probability mass inside the grid: :math:`\int p(x)\,dx \approx \sum p \cdot \Delta x\,\Delta y`.

    A proper density gives close to 1 when the grid covers nearly all of it.

    Examples
    --------
    >>> round(grid_mass(np.full((10, 10), 0.25), (0.0, 2.0, 0.0, 2.0)), 6)
    1.0
    """
    p = np.asarray(p, dtype=float)
    if p.ndim != 2:
        raise ValueError(f"p must be a 2-D grid of shape (ny, nx); got shape {p.shape}.")
    x0, x1, y0, y1 = map(float, extent)
    ny, nx = p.shape
    return float(p.sum() * (x1 - x0) / nx * (y1 - y0) / ny)


def log_likelihood_bits(log_density: np.ndarray) -> float:
    r"""Average log-likelihood in bits per point: :math:`\frac{1}{n}\sum_i \log_2 p(x_i)`.

    ``log_density`` holds natural-log densities (nats), as returned by ``score_samples``. Higher is
    better. For continuous x, p(x) is a density, so this can be positive; it changes by
    ``log2 |det A|`` if the data are rescaled by A, so compare models on the same data only.

    Examples
    --------
    >>> log_likelihood_bits(np.log([0.5, 0.25]))
    -1.5
    """
    lp = np.asarray(log_density, dtype=float).ravel()
    if lp.size == 0:
        raise ValueError("log_density is empty: score at least one held-out point.")
    if np.any(np.isnan(lp)):
        raise ValueError("log_density contains NaN; the model could not score some points.")
    return float(lp.mean() * BITS_PER_NAT)
