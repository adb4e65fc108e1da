"""Variational inference: replace a posterior we can't compute with a simple q, and optimise closeness.

The exact posterior p(theta | x) = p(x, theta) / p(x) needs the evidence p(x), an integral that has no
closed form for most models. Variational inference picks a simple family (here a Gaussian
q(theta) = N(mu, sigma^2)) and makes q as close as possible to the posterior, measuring closeness with the
**reverse** KL divergence KL(q || p). That KL contains the unknown log p(x), but it splits as

    log p(x) = ELBO(q) + KL(q || p(. | x)),      ELBO(q) = E_q[log p(x, theta)] + H(q),

so maximising the **evidence lower bound** ELBO (computable: only the joint p(x, theta) is needed) is the
same as minimising KL(q || p). Since KL >= 0, ELBO <= log p(x), with equality exactly when q is the
posterior. All values are in nats.

Reverse KL(q || p) punishes q for putting mass where p has none (mode seeking). On a two-mode posterior it
has several local optima: usually, not always, the fit settles inside ONE mode; from some starts it converges
to a broad q over both modes, a genuine local optimum too (:func:`fits_from_starts` counts them). The
**forward** KL(p || q) punishes q for missing mass p has, so q spreads over both modes (mass covering); for a
Gaussian q its optimum matches p's mean and variance.

Here the posterior is a :class:`core.bayes.GridPosterior` (exact on a 1-D grid), so every quantity can be
computed exactly on the same grid and checked: q is treated as a distribution on the grid cells, and the
KL values are the discrete KL of :func:`core.info.kl_divergence` between the cell probabilities (summed
with log-probabilities, so that far tails that underflow cannot fake an infinite KL). The fit runs
L-BFGS on (mu, log sigma) with exact gradients on the grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize
from scipy.special import logsumexp

from core.bayes import GridPosterior

__all__ = [
    "DIVERGENCES",
    "gaussian_mass",
    "elbo",
    "kl_q_p",
    "kl_p_q",
    "expectation_under_q",
    "elbo_landscape",
    "VIFit",
    "fit_gaussian",
    "fits_from_starts",
    "mode_split",
    "mass_below",
]

#: "reverse" = KL(q || p) (what variational inference minimises), "forward" = KL(p || q).
DIVERGENCES: tuple[str, ...] = ("reverse", "forward")


def _check_q(post: GridPosterior, mean: float, sd: float) -> None:
    if not (np.isfinite(mean) and np.isfinite(sd)):
        raise ValueError(f"q's mean and standard deviation must be numbers (got mean={mean}, sd={sd})")
    if sd < 2 * post.step:
        raise ValueError(
            f"q's standard deviation {sd:.3g} is below two grid steps ({2 * post.step:.3g}): "
            "use a wider q or a finer grid"
        )
    lo, hi = post.theta[0], post.theta[-1]
    if not lo <= mean <= hi:
        raise ValueError(f"q's mean {mean:.3g} lies outside the grid [{lo:.3g}, {hi:.3g}]")


def _log_q(theta: np.ndarray, mean: float, sd: float) -> np.ndarray:
    """log of q's probability for each grid cell (normalised on the grid, so the masses sum to 1)."""
    ell = -0.5 * ((theta - mean) / sd) ** 2
    return ell - logsumexp(ell)


def gaussian_mass(post: GridPosterior, mean: float, sd: float) -> np.ndarray:
    """q = N(mean, sd^2) as a distribution on the grid cells of ``post`` (masses sum to 1).

    Divide by ``post.step`` for the density.

    >>> from core.bayes import grid_posterior
    >>> post = grid_posterior(np.linspace(-5, 5, 1001), np.zeros(1001))
    >>> q = gaussian_mass(post, 0.0, 1.0)
    >>> round(float(q.sum()), 6), round(float(q.max() / post.step), 4)    # peak density 1/sqrt(2 pi)
    (1.0, 0.3989)
    """
    _check_q(post, mean, sd)
    return np.exp(_log_q(post.theta, mean, sd))


def elbo(post: GridPosterior, mean: float, sd: float) -> float:
    """Evidence lower bound of q = N(mean, sd^2), in nats, computed on the grid:

        ELBO(q) = E_q[log p(x, theta)] - E_q[log q(theta)] = sum_i q_i (log p(x, theta_i) - log q(theta_i)),

    with q_i the mass of cell i and q(theta_i) = q_i / step its density. Needs only the joint
    p(x, theta), never the evidence; always <= log p(x).

    >>> from core.bayes import grid_posterior
    >>> th = np.linspace(-6, 6, 1201)
    >>> post = grid_posterior(th, -0.5 * th**2)          # unnormalised N(0, 1): log p(x) = log sqrt(2 pi)
    >>> round(elbo(post, 0.0, 1.0), 4), round(post.log_evidence, 4), round(float(0.5 * np.log(2 * np.pi)), 4)
    (0.9189, 0.9189, 0.9189)
    >>> round(post.log_evidence - elbo(post, 1.0, 1.0), 4)     # q off by one sd: the bound is 1/2 nat lower
    0.5
    """
    _check_q(post, mean, sd)
    log_q = _log_q(post.theta, mean, sd)
    q = np.exp(log_q)
    log_density = log_q - np.log(post.step)
    finite = q > 0
    if np.any(finite & ~np.isfinite(post.log_joint)):
        return -math.inf  # q puts mass where the data are impossible
    return float(np.sum(q[finite] * (post.log_joint[finite] - log_density[finite])))


def _log_post_mass(post: GridPosterior) -> np.ndarray:
    return post.log_joint - post.log_evidence + np.log(post.step)


def _kl_from_logs(log_a: np.ndarray, log_b: np.ndarray) -> float:
    """KL(a || b) = sum_i a_i (log a_i - log b_i) in nats, from log-probabilities of grid cells.

    The same sum as :func:`core.info.kl_divergence` (which the tests check it against), done with logs:
    on a wide grid the far tails of a narrow q or p underflow to 0 as probabilities, and the
    probability version would then report a false inf for a finite divergence.
    """
    a = np.exp(log_a)
    keep = a > 0
    if np.any(keep & ~np.isfinite(log_b)):
        return math.inf
    return max(float(np.sum(a[keep] * (log_a[keep] - log_b[keep]))), 0.0)


def kl_q_p(post: GridPosterior, mean: float, sd: float) -> float:
    """Reverse KL(q || p) in nats: what variational inference minimises.

    Equal to ``log p(x) - ELBO(q)``: the gap between the evidence and its lower bound. Large when q
    puts mass where the posterior has little (mode seeking).

    >>> from core.bayes import grid_posterior
    >>> th = np.linspace(-6, 6, 1201)
    >>> post = grid_posterior(th, -0.5 * th**2)
    >>> round(kl_q_p(post, 1.0, 1.0), 4)        # closed form: (mean difference / sd)^2 / 2
    0.5
    """
    _check_q(post, mean, sd)
    return _kl_from_logs(_log_q(post.theta, mean, sd), _log_post_mass(post))


def kl_p_q(post: GridPosterior, mean: float, sd: float) -> float:
    """Forward KL(p || q) in nats: large when q misses mass the posterior has (mass covering).

    >>> from core.bayes import grid_posterior
    >>> th = np.linspace(-12, 12, 2401)
    >>> post = grid_posterior(th, -0.5 * th**2)
    >>> round(kl_p_q(post, 0.0, 2.0), 4)        # ln 2 + 1/8 - 1/2
    0.3181
    """
    _check_q(post, mean, sd)
    return _kl_from_logs(_log_post_mass(post), _log_q(post.theta, mean, sd))


def expectation_under_q(post: GridPosterior, values: np.ndarray, mean: float, sd: float) -> float:
    """E_q[f(theta)] for f given by its values on the grid, e.g. a predictive probability P(y=1 | theta).

    Compare with ``post.expect(values)`` (the exact posterior's answer) to see what the approximation costs.
    """
    return float(np.sum(gaussian_mass(post, mean, sd) * np.asarray(values, float)))


def elbo_landscape(post: GridPosterior, means: np.ndarray, sds: np.ndarray) -> np.ndarray:
    """ELBO (nats) for every q = N(mean, sd^2) on a grid of means and sds: shape (len(sds), len(means)).

    Row j holds sd = ``sds[j]``, so ``values[0]`` is the lowest sd (heatmap convention). A two-mode
    posterior gives two hills: gradient ascent climbs the one it starts on.
    """
    means = np.asarray(means, float)
    sds = np.asarray(sds, float)
    for s in (sds.min(), sds.max()):
        _check_q(post, float(means.min()), float(s))
        _check_q(post, float(means.max()), float(s))
    theta = post.theta
    log_step = np.log(post.step)
    if not np.isfinite(post.log_joint).all():
        raise ValueError("elbo_landscape needs a posterior with log p(x, theta) finite on the whole grid")
    out = np.empty((sds.size, means.size))
    for j, sd in enumerate(sds):
        ell = -0.5 * ((theta[None, :] - means[:, None]) / sd) ** 2
        log_q = ell - logsumexp(ell, axis=1, keepdims=True)
        q = np.exp(log_q)
        out[j] = np.sum(q * (post.log_joint[None, :] - log_q + log_step), axis=1)
    return out


@dataclass(frozen=True)
class VIFit:
    """The path of a Gaussian fit, one entry per iteration (index 0 = the starting q).

    Attributes
    ----------
    divergence : "reverse" (KL(q || p), variational inference) or "forward" (KL(p || q)).
    means, sds : (T + 1,) q's parameters along the path.
    elbos : (T + 1,) ELBO of q along the path (nats).
    objective : (T + 1,) the divergence being minimised along the path (nats).
    mean_, sd_ : the fitted q.
    converged : whether the optimiser met its tolerance before the iteration limit.
    """

    divergence: str
    means: np.ndarray
    sds: np.ndarray
    elbos: np.ndarray
    objective: np.ndarray
    mean_: float
    sd_: float
    converged: bool

    @property
    def n_iter_(self) -> int:
        return int(self.means.size - 1)


def _value_and_grad(
    post: GridPosterior, log_p: np.ndarray, mean: float, log_sd: float, divergence: str
) -> tuple[float, float, np.ndarray]:
    """(divergence, ELBO, gradient of the divergence w.r.t. (mean, log sd)), exactly on the grid."""
    sd = math.exp(log_sd)
    z = (post.theta - mean) / sd
    log_q = _log_q(post.theta, mean, sd)
    q = np.exp(log_q)
    # d log q_i / d(mean, log sd) for q normalised on the grid: d ell_i - E_q[d ell]
    d_ell = np.stack([z / sd, z**2 - 1.0])
    d_log_q = d_ell - (d_ell @ q)[:, None]
    log_ratio = log_q - log_p
    kl_rev = float(np.sum(q * log_ratio))
    elbo_value = post.log_evidence - kl_rev
    if divergence == "reverse":
        grad = d_log_q @ (q * log_ratio)  # the sum q_i d log q_i term vanishes (masses sum to 1)
        return kl_rev, elbo_value, grad
    p = np.exp(log_p)
    kl_fwd = float(np.sum(p * (log_p - log_q)))
    return kl_fwd, elbo_value, -(d_log_q @ p)


def fit_gaussian(
    post: GridPosterior, mean0: float, sd0: float, divergence: str = "reverse", max_iter: int = 200
) -> VIFit:
    """Fit q = N(mean, sd^2) to the posterior by minimising a KL divergence, starting from (mean0, sd0).

    * ``"reverse"`` minimises KL(q || p), i.e. maximises the ELBO: variational inference. On a two-mode
      posterior it has several local optima: usually the fit settles in one mode (mode seeking), but from some
      starts it ends on a broad q over both modes; which optimum depends on where it starts.
    * ``"forward"`` minimises KL(p || q): the optimum matches the posterior's mean and variance
      (moment matching), spreading q over every mode (mass covering).

    The optimiser is L-BFGS (a quasi-Newton method: gradient steps rescaled by a curvature estimate
    built from past gradients) on (mean, log sd), with exact gradients on the grid; it needs about ten
    iterations here. The path holds the starting q and q after each iteration.

    >>> from core.bayes import grid_posterior
    >>> th = np.linspace(-6, 6, 1201)
    >>> post = grid_posterior(th, -0.5 * ((th - 1) / 0.5) ** 2)       # posterior N(1, 0.5^2)
    >>> fit = fit_gaussian(post, mean0=-2.0, sd0=2.0)
    >>> round(fit.mean_, 3), round(fit.sd_, 3), bool(fit.elbos[-1] > fit.elbos[0])
    (1.0, 0.5, True)
    """
    if divergence not in DIVERGENCES:
        raise ValueError(f"divergence must be one of {DIVERGENCES} (got {divergence!r})")
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1 (got {max_iter})")
    _check_q(post, mean0, sd0)
    with np.errstate(divide="ignore"):
        log_p = np.log(post.mass)
    if not np.isfinite(log_p).all():
        raise ValueError("fitting q needs a posterior that is positive on the whole grid")

    def value_and_grad(params: np.ndarray) -> tuple[float, np.ndarray]:
        value, _, grad = _value_and_grad(post, log_p, params[0], params[1], divergence)
        return value, grad

    start = np.array([mean0, math.log(sd0)], float)
    bounds = [(post.theta[0], post.theta[-1]), (math.log(2 * post.step), math.log(post.theta[-1] - post.theta[0]))]
    path = [start]
    result = optimize.minimize(
        value_and_grad,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        callback=lambda xk: path.append(np.array(xk, float)),
        options={"maxiter": max_iter, "gtol": 1e-8, "ftol": 1e-13},
    )
    path_arr = np.array(path)
    values = [_value_and_grad(post, log_p, m, s, divergence)[:2] for m, s in path_arr]
    objective, elbos = (np.array(v) for v in zip(*values, strict=True))
    sds = np.exp(path_arr[:, 1])
    return VIFit(
        divergence, path_arr[:, 0], sds, elbos, objective, float(path_arr[-1, 0]), float(sds[-1]), bool(result.success)
    )


def fits_from_starts(
    post: GridPosterior, means0: np.ndarray, sds0: np.ndarray, divergence: str = "reverse"
) -> list[VIFit]:
    """One fit from every starting q = N(m, s^2), m in ``means0``, s in ``sds0`` (means vary fastest).

    Shows that the reverse KL has several local optima: the fits end in different places.
    """
    return [fit_gaussian(post, float(m), float(s), divergence) for s in sds0 for m in means0]


def mode_split(post: GridPosterior) -> float | None:
    """theta of the lowest posterior density between its two highest modes; ``None`` with a single mode.

    >>> from core.bayes import grid_posterior
    >>> th = np.linspace(-6, 6, 1201)
    >>> post = grid_posterior(th, np.logaddexp(-0.5 * (th + 2) ** 2 / 0.25, -0.5 * (th - 2) ** 2 / 0.25))
    >>> round(mode_split(post), 3)
    0.0
    """
    d = post.density
    peaks = np.flatnonzero((d[1:-1] > d[:-2]) & (d[1:-1] >= d[2:])) + 1
    if peaks.size < 2:
        return None
    i, j = np.sort(peaks[np.argsort(d[peaks])[-2:]])
    return float(post.theta[i + int(np.argmin(d[i : j + 1]))])


def mass_below(post: GridPosterior, mean: float, sd: float, theta: float) -> float:
    """q's probability (on the grid) of theta below ``theta``: near 0 or 1 when q sits on one side of it."""
    return float(np.sum(gaussian_mass(post, mean, sd)[post.theta < theta]))
