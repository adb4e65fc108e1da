"""Energy-based models in 2-D: p(x) = exp(-E(x)) / Z, Z by integration on a grid, samples by Langevin dynamics.

An energy-based model only says which points are *good* (low energy E(x)) and which are *bad* (high energy).
Turning that into a probability needs the normalising constant (partition function)

    Z = integral exp(-E(x)) dx,   q(x) = exp(-E(x)) / Z,   log q(x) = -E(x) - log Z.

In 2-D we can compute Z by summing exp(-E) over a grid (the midpoint rule) that covers all of the mass, tails
included: a grid over the data's box alone would miss about 1 % of it, and q would integrate to about 1.01. In d
dimensions the same grid needs G^d cells: with 100 points per axis, a 28x28 image would need 10^1568 cells. That is
why Z is the hard part of energy-based models, and why they are sampled with Markov chains that never need Z:
the *Langevin dynamics* update uses only the gradient of the energy,

    x_{t+1} = x_t - (eta / 2) grad E(x_t) + sqrt(eta) * xi_t,    xi_t ~ N(0, I),

whose states, after many steps, are distributed approximately as q: this *unadjusted* chain is biased by an amount
that shrinks with the step size eta (a Metropolis accept/reject step, MALA, would remove the bias).

The model fitted here is an exponential family: E_theta(x) = |x - c|^2 / (2 s^2) + theta . phi(x),
a fixed wide Gaussian well (so q is normalisable on the whole plane) plus a learnt combination of Gaussian
bumps phi_j(x) on a grid of centres. Its exact maximum-likelihood gradient,
E_data[phi] - E_q[phi], is computable on the grid, so fitting is a smooth convex problem.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp, softmax

from core.gaussian import LOG_2PI, multivariate_normal_logpdf
from core.validation import as_points, check_n_seed

__all__ = [
    "Grid",
    "make_grid",
    "log_partition_grid",
    "grid_cells_needed_log10",
    "expected_energy",
    "WELL_REACH",
    "whole_mass_grid",
    "GaussianEnergy",
    "BumpEnergyModel",
    "langevin_sample",
]


class Grid:
    """A regular nx-by-ny grid of cell centres over the box (x0, x1, y0, y1).

    ``points`` has shape (ny * nx, 2), row-major with the lowest y row first, so
    ``values.reshape(ny, nx)`` puts values[0] at the bottom (the layout ``charts.heatmap`` expects).
    """

    def __init__(self, extent: tuple[float, float, float, float], nx: int = 120, ny: int = 120) -> None:
        x0, x1, y0, y1 = (float(v) for v in extent)
        if not (x1 > x0 and y1 > y0):
            raise ValueError(f"extent must be (x0, x1, y0, y1) with x1 > x0 and y1 > y0; got {extent}.")
        if nx < 2 or ny < 2:
            raise ValueError("A grid needs at least 2 cells per axis.")
        self.extent = (x0, x1, y0, y1)
        self.nx, self.ny = int(nx), int(ny)
        self.dx, self.dy = (x1 - x0) / nx, (y1 - y0) / ny
        xs = x0 + self.dx * (np.arange(nx) + 0.5)
        ys = y0 + self.dy * (np.arange(ny) + 0.5)
        gx, gy = np.meshgrid(xs, ys)
        self.xs, self.ys = xs, ys
        self.points = np.c_[gx.ravel(), gy.ravel()]

    @property
    def cell_area(self) -> float:
        return self.dx * self.dy


def make_grid(X: np.ndarray, margin: float = 0.5, n: int = 120) -> Grid:
    """A square-celled grid covering the data X plus ``margin`` times its range on every side."""
    X = as_points(X, dims=2)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    lo, hi = lo - margin * span, hi + margin * span
    return Grid((lo[0], hi[0], lo[1], hi[1]), nx=n, ny=n)


#: Half-width of the integration square in units of the energy's wide Gaussian well: the well alone puts about
#: 4 Phi(-5) ~ 1e-6 of its mass outside a square of half-width 5 s, and a fitted q (whose bumps deepen the energy on the
#: data) less than that: on the 2-D data sets of the app, q integrates to 1 within 1e-5 over the whole plane (checked
#: against adaptive cubature with infinite limits in tests/test_scenes_likelihood.py).
WELL_REACH = 5.0


def whole_mass_grid(centre: np.ndarray, well_scale: float, box: tuple[float, float, float, float], n: int) -> Grid:
    """An n-by-n grid over the square that holds all of q's mass: the well's centre +- WELL_REACH well scales,
    widened if needed to contain ``box`` (where the bumps are).

    Summing over the data box alone misses the mass in the tails: q then integrates to about 1.01 over the plane
    and every log q(x) is off by log of that. The midpoint rule converges very fast for a smooth integrand that
    vanishes at the grid's edges, so a few cells per bump width are enough.
    """
    cx, cy = (float(v) for v in np.asarray(centre, float).reshape(2))
    x0, x1, y0, y1 = (float(v) for v in box)
    half = max(WELL_REACH * float(well_scale), cx - x0, x1 - cx, cy - y0, y1 - cy)
    return Grid((cx - half, cx + half, cy - half, cy + half), n, n)


def log_partition_grid(energy: Callable[[np.ndarray], np.ndarray], grid: Grid) -> float:
    """log Z ~= log sum_cells exp(-E(cell centre)) * cell area (midpoint rule), in nats.

    Examples
    --------
    E(x) = |x|^2 / 2 has Z = 2 pi exactly, so log Z = log(2 pi) = 1.8379.

    >>> g = Grid((-8, 8, -8, 8), 200, 200)
    >>> round(log_partition_grid(lambda X: 0.5 * np.sum(X**2, axis=1), g), 4)
    1.8379
    """
    return float(logsumexp(-energy(grid.points)) + np.log(grid.cell_area))


def grid_cells_needed_log10(points_per_axis: int, dims: int) -> float:
    """log10 of the number of grid cells, points_per_axis ** dims, needed to integrate Z on a grid.

    Examples
    --------
    >>> grid_cells_needed_log10(100, 2), grid_cells_needed_log10(100, 784)
    (4.0, 1568.0)
    """
    if points_per_axis < 1 or dims < 1:
        raise ValueError("points_per_axis and dims must be positive.")
    return float(dims * np.log10(points_per_axis))


def expected_energy(energy: Callable[[np.ndarray], np.ndarray], grid: Grid) -> float:
    """E_q[E] = sum_cells q(cell) E(cell) * cell area with q = exp(-E) / Z on the grid: exact samples' mean energy.

    Langevin chains that sample q settle at this average energy, whatever their start.

    Examples
    --------
    E(x) = |x|^2 / 2 in 2-D is the standard Gaussian, whose average energy is d / 2 = 1.

    >>> g = Grid((-8, 8, -8, 8), 200, 200)
    >>> round(expected_energy(lambda X: 0.5 * np.sum(X**2, axis=1), g), 3)
    1.0
    """
    e = energy(grid.points)
    return float(softmax(-e) @ e)


class GaussianEnergy:
    """E(x) = (x - mu)^T Sigma^{-1} (x - mu) / 2: the energy whose Boltzmann density is N(mu, Sigma).

    Useful as a reference: its Z = 2 pi sqrt(det Sigma) and its moments are known exactly.
    """

    def __init__(self, mean: np.ndarray, cov: np.ndarray) -> None:
        self.mean = np.asarray(mean, dtype=float).reshape(2)
        self.cov = np.asarray(cov, dtype=float).reshape(2, 2)
        if np.any(np.linalg.eigvalsh(self.cov) <= 0):
            raise ValueError("cov must be symmetric positive definite.")
        self.precision = np.linalg.inv(self.cov)

    def energy(self, X: np.ndarray) -> np.ndarray:
        D = as_points(X, dims=2) - self.mean
        return 0.5 * np.einsum("ni,ij,nj->n", D, self.precision, D)

    def grad_energy(self, X: np.ndarray) -> np.ndarray:
        return (as_points(X, dims=2) - self.mean) @ self.precision

    def log_partition(self) -> float:
        """Exact log Z = log(2 pi) + log(det Sigma) / 2."""
        return float(LOG_2PI + 0.5 * np.linalg.slogdet(self.cov)[1])

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log p(x) = -E(x) - log Z = log N(x | mu, Sigma) per point, in nats."""
        return multivariate_normal_logpdf(as_points(X, dims=2), self.mean, self.cov)


class BumpEnergyModel:
    """E_theta(x) = |x - c|^2 / (2 s^2) + sum_j theta_j exp(-|x - m_j|^2 / (2 w^2)), fitted by maximum likelihood.

    Parameters
    ----------
    n_centres : bumps per axis (n_centres^2 bumps on a regular grid over the data box).
    grid_size : cells per axis of the integration grid used for Z and for the ML gradient; the grid covers the
        well's centre +- WELL_REACH well scales, so it holds the whole mass of q (see :func:`whole_mass_grid`).
    l2 : L2 penalty on theta (smooths the energy).
    max_iter : L-BFGS iterations.

    Attributes (after ``fit``)
    --------------------------
    box_ : the data box (x0, x1, y0, y1) the bumps cover.   grid_ : the integration Grid (over the whole mass).
    theta_ : (n_centres^2,) bump weights.
    log_partition_ : log Z on that grid (nats): q integrates to 1 over the plane.
    loss_curve_ : average NLL per L-BFGS iteration (nats).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(300, 2))
    >>> m = BumpEnergyModel(n_centres=5, grid_size=60).fit(X)
    >>> p = np.exp(m.score_samples(m.grid_.points))
    >>> round(float(p.sum() * m.grid_.cell_area), 3)
    1.0
    """

    def __init__(self, n_centres: int = 10, grid_size: int = 100, l2: float = 1e-3, max_iter: int = 200) -> None:
        self.n_centres = n_centres
        self.grid_size = grid_size
        self.l2 = l2
        self.max_iter = max_iter

    def _features(self, X: np.ndarray) -> np.ndarray:
        d2 = np.sum(X**2, axis=1)[:, None] + np.sum(self.centres_**2, axis=1)[None, :] - 2 * X @ self.centres_.T
        return np.exp(-0.5 * np.maximum(d2, 0.0) / self.width_**2)

    def _base_energy(self, X: np.ndarray) -> np.ndarray:
        return 0.5 * np.sum(((X - self.centre_) / self.well_scale_) ** 2, axis=1)

    def energy(self, X: np.ndarray) -> np.ndarray:
        """E_theta(x) per point (nats): low where the model puts probability."""
        self._check_fitted()
        X = as_points(X, dims=2)
        return self._base_energy(X) + self._features(X) @ self.theta_

    def grad_energy(self, X: np.ndarray) -> np.ndarray:
        """dE/dx per point, shape (n, 2); all Langevin dynamics needs (no Z)."""
        self._check_fitted()
        X = as_points(X, dims=2)
        w = self._features(X) * self.theta_  # theta_j phi_j(x); d phi_j / dx = -phi_j (x - m_j) / width^2
        grad_bumps = -(X * w.sum(axis=1, keepdims=True) - w @ self.centres_) / self.width_**2
        return (X - self.centre_) / self.well_scale_**2 + grad_bumps

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log q(x) = -E(x) - log Z in nats, Z from the grid over the whole mass (q integrates to 1 on the plane)."""
        return -self.energy(X) - self.log_partition_

    def fit(self, X: np.ndarray) -> BumpEnergyModel:
        """Minimise (1/n) sum_i E(x_i) + log Z + l2 |theta|^2 (the NLL); gradient E_data[phi] - E_q[phi]."""
        X = as_points(X, dims=2, min_rows=5)
        if self.n_centres < 1 or self.grid_size < 10:
            raise ValueError("n_centres must be >= 1 and grid_size >= 10.")
        self.centre_ = X.mean(axis=0)
        self.well_scale_ = 1.5 * X.std(axis=0).max() + 1e-9
        self.box_ = make_grid(X, margin=0.3, n=2).extent  # the data box: the bumps sit on it
        x0, x1, y0, y1 = self.box_
        self.grid_ = whole_mass_grid(self.centre_, self.well_scale_, self.box_, self.grid_size)
        cx = np.linspace(x0, x1, self.n_centres + 2)[1:-1]
        cy = np.linspace(y0, y1, self.n_centres + 2)[1:-1]
        self.centres_ = np.stack(np.meshgrid(cx, cy), axis=-1).reshape(-1, 2)
        self.width_ = 0.7 * max(cx[1] - cx[0] if len(cx) > 1 else x1 - x0, cy[1] - cy[0] if len(cy) > 1 else y1 - y0)
        phi_data = self._features(X).mean(axis=0)
        phi_grid = self._features(self.grid_.points)
        base_grid = self._base_energy(self.grid_.points)
        base_data = float(np.mean(self._base_energy(X)))
        log_area = np.log(self.grid_.cell_area)
        curve: list[float] = []

        def nll(theta: np.ndarray) -> tuple[float, np.ndarray]:
            neg_e = -(base_grid + phi_grid @ theta)
            log_z = logsumexp(neg_e) + log_area
            q_cells = softmax(neg_e)
            loss = base_data + phi_data @ theta + log_z + self.l2 * theta @ theta
            return float(loss), phi_data - q_cells @ phi_grid + 2 * self.l2 * theta

        def callback(intermediate_result) -> None:  # noqa: ANN001 - scipy's OptimizeResult
            theta = intermediate_result.x
            curve.append(float(intermediate_result.fun) - self.l2 * float(theta @ theta))  # the NLL alone

        res = minimize(
            nll,
            np.zeros(len(self.centres_)),
            jac=True,
            method="L-BFGS-B",
            callback=callback,
            options={"maxiter": self.max_iter},
        )
        self.theta_ = res.x
        self.log_partition_ = log_partition_grid(self.energy, self.grid_)
        self.loss_curve_ = np.array(curve)
        return self

    def sample(self, n: int, seed: int = 0, n_steps: int = 500, step_size: float = 0.03) -> np.ndarray:
        """n samples by Langevin dynamics (see :func:`langevin_sample`), started uniformly over the data box."""
        self._check_fitted()
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        x0, x1, y0, y1 = self.box_
        starts = np.c_[rng.uniform(x0, x1, int(n)), rng.uniform(y0, y1, int(n))]
        return langevin_sample(self.grad_energy, starts, n_steps, step_size, seed=seed + 1)

    def _check_fitted(self) -> None:
        if not hasattr(self, "theta_"):
            raise ValueError("This energy model is not fitted yet; call fit(X) first.")


def langevin_sample(
    grad_energy: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    n_steps: int = 200,
    step_size: float = 0.01,
    seed: int = 0,
    keep_every: int = 0,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Unadjusted Langevin dynamics: x <- x - (eta / 2) grad E(x) + sqrt(eta) * N(0, I), ``n_steps`` times.

    Each chain starts at a row of ``x0``. Only grad E is used, never Z. With a small step size eta and
    enough steps the chains forget their start and their positions are approximately samples from
    exp(-E) / Z: without a Metropolis correction the chain's stationary law is a little wider than q, by an
    amount that shrinks with eta. Too big a step overshoots and blurs the distribution, too few steps leave the
    chains near their start.

    Returns the final positions (n, 2); with ``keep_every = k > 0`` also returns the trajectory
    (n_kept, n, 2) of every k-th state (including the start).

    Examples
    --------
    For E(x) = |x|^2 / 2 the samples should have mean ~0 and variance ~1 per axis.

    >>> X = langevin_sample(lambda X: X, np.full((2000, 2), 3.0), n_steps=300, step_size=0.05, seed=0)
    >>> np.round(X.mean(axis=0), 1).tolist(), np.round(X.var(axis=0), 1).tolist()
    ([0.0, 0.0], [1.0, 1.0])
    """
    x = as_points(x0, dims=2, name="x0").copy()
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0; got {n_steps}.")
    if not step_size > 0:
        raise ValueError(f"step_size must be positive; got {step_size}.")
    rng = np.random.default_rng(seed)
    kept = [x.copy()] if keep_every else []
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, n_steps + 1):
            x = x - 0.5 * step_size * grad_energy(x) + np.sqrt(step_size) * rng.standard_normal(x.shape)
            if not np.all(np.isfinite(x)) or np.abs(x).max() > 1e100:
                raise ValueError(
                    f"Langevin chains diverged at step {t}: step size {step_size} is too large for this "
                    "energy; use a smaller step size."
                )
            if keep_every and t % keep_every == 0:
                kept.append(x.copy())
    return (x, np.stack(kept)) if keep_every else x
