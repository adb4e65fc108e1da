"""The core challenge: the likelihood p(x) = integral of p(x | z) p(z) dz, and ways to approximate it.

A latent-variable model says how to *make* data: draw z from the prior p(z), then x from p(x | z). To
score a data point we need its marginal likelihood (the evidence)

    p(x) = integral p(x | z) p(z) dz = E_{z ~ p(z)} [ p(x | z) ],

an integral over every possible explanation z. Two models here have an exact answer to check against:

* :class:`LinearGaussian`: z ~ N(0, I_k), x | z ~ N(W z + b, sigma^2 I_d); then p(x) = N(b, W W^T + sigma^2 I)
  in closed form (probabilistic PCA);
* :class:`Decoder1D`: z ~ N(0, 1), x | z ~ N(f(z), sigma^2) with a nonlinear f (z^2, tanh); one latent
  dimension, so numerical quadrature on a fine grid gives p(x) to many digits.

Approximations, all in nats:

* **Monte Carlo from the prior**: log p(x) ~ log (1/S) sum_s p(x | z_s), z_s ~ p(z). Unbiased for p(x), but
  log of it is biased low (Jensen), and almost every z_s explains x badly: the variance explodes as the
  latent dimension grows, because the posterior occupies an exponentially small part of the prior.
* **Importance sampling**: draw z_s from a proposal q(z | x) near the posterior and weight by
  w_s = p(x, z_s) / q(z_s); log (1/S) sum w_s converges far faster.
* **The ELBO**: for any q, log p(x) = ELBO(q) + KL(q(z | x) || p(z | x)) with
  ELBO(q) = E_q[log p(x, z) - log q(z)]. Since KL >= 0 the ELBO is a lower bound, tight exactly when q is
  the posterior: variational inference maximises it.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

import numpy as np
from scipy import optimize
from scipy.special import logsumexp

from core import info
from core.gaussian import LOG_2PI, multivariate_normal_logpdf, normal_logpdf, standard_normal_logpdf
from core.validation import as_points

__all__ = [
    "LatentModel",
    "LinearGaussian",
    "Decoder1D",
    "DECODERS",
    "linear_gaussian",
    "log_marginal_quadrature",
    "marginal_likelihood_exact",
    "posterior_moments",
    "posterior_density",
    "posterior_peaks",
    "log_weights",
    "marginal_likelihood_mc",
    "marginal_likelihood_is",
    "effective_sample_size",
    "estimator_runs",
    "sample_sizes",
    "elbo",
    "kl_to_posterior",
    "optimal_gaussian_q",
]

#: The quadrature grid over z for one-dimensional latent models (prior N(0, 1): +-12 sd is everything).
Z_GRID = np.linspace(-12.0, 12.0, 24001)


class LatentModel(ABC):
    """Base class: a standard-normal prior p(z) = N(0, I_k) and a decoder p(x | z) given by a subclass."""

    latent_dim: int
    data_dim: int

    def log_prior(self, z: np.ndarray) -> np.ndarray:
        """log N(z | 0, I) for each row of z (nats)."""
        return standard_normal_logpdf(np.asarray(z, dtype=float).reshape(-1, self.latent_dim))

    @abstractmethod
    def log_likelihood(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log p(x | z) for each row of z (nats): the decoder, which each model defines."""

    def log_joint(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log p(x, z) = log p(x | z) + log p(z) for each row of z."""
        return self.log_likelihood(x, z) + self.log_prior(z)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """The exact log p(x) of each row of X (nats): :func:`marginal_likelihood_exact`, z integrated out."""
        return np.array([marginal_likelihood_exact(self, x) for x in as_points(X, dims=self.data_dim)])

    def check_x(self, x: float | Sequence[float] | np.ndarray) -> np.ndarray:
        """x as a vector of length ``data_dim``; ValueError if it has the wrong size or is not finite."""
        x = np.atleast_1d(np.asarray(x, dtype=float))
        if x.shape != (self.data_dim,):
            raise ValueError(f"x must have {self.data_dim} entries for this model (got shape {x.shape})")
        if not np.all(np.isfinite(x)):
            raise ValueError("x must be finite numbers (no NaN or inf)")
        return x


class LinearGaussian(LatentModel):
    """z ~ N(0, I_k), x | z ~ N(W z + b, sigma^2 I_d): probabilistic PCA, every quantity in closed form.

    Parameters
    ----------
    W : (d, k) loading matrix. b : (d,) offset (default 0). noise : sigma > 0.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray | None = None, noise: float = 0.5):
        W = np.atleast_2d(np.asarray(W, dtype=float))
        if not np.all(np.isfinite(W)):
            raise ValueError("W must be finite")
        if not (np.isfinite(noise) and noise > 0):
            raise ValueError(f"noise must be a positive number (got {noise})")
        self.W = W
        self.data_dim, self.latent_dim = W.shape
        self.b = np.zeros(self.data_dim) if b is None else np.asarray(b, dtype=float).reshape(self.data_dim)
        self.noise = float(noise)

    def log_likelihood(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log N(x | W z + b, sigma^2 I) = sum_j log N(x_j | (W z + b)_j, sigma^2) for each row of z."""
        z = np.asarray(z, dtype=float).reshape(-1, self.latent_dim)
        return normal_logpdf(x, z @ self.W.T + self.b, self.noise).sum(axis=1)

    def marginal(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and covariance of p(x) = N(b, W W^T + sigma^2 I)."""
        return self.b, self.W @ self.W.T + self.noise**2 * np.eye(self.data_dim)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """The exact log p(x) = log N(x | b, W W^T + sigma^2 I) of each row of X (nats)."""
        return multivariate_normal_logpdf(as_points(X, dims=self.data_dim), *self.marginal())

    def posterior(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and covariance of p(z | x): S = (I + W^T W / sigma^2)^-1, m = S W^T (x - b) / sigma^2."""
        x = self.check_x(x)
        S = np.linalg.inv(np.eye(self.latent_dim) + self.W.T @ self.W / self.noise**2)
        S = 0.5 * (S + S.T)
        return S @ self.W.T @ (x - self.b) / self.noise**2, S

    def sample(self, n: int = 1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Draw (x, z) from the model."""
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((int(n), self.latent_dim))
        return z @ self.W.T + self.b + self.noise * rng.standard_normal((int(n), self.data_dim)), z


#: Decoders f(z) of :class:`Decoder1D`, with how a page writes them.
DECODERS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], str]] = {
    "linear": (lambda z: 1.5 * z, r"1.5\,z"),
    "square": (lambda z: z**2, r"z^2"),
    "tanh": (lambda z: 2.0 * np.tanh(2.0 * z), r"2\tanh(2z)"),
}


class Decoder1D(LatentModel):
    """z ~ N(0, 1), x | z ~ N(f(z), sigma^2) with x a number: a nonlinear decoder with exact quadrature.

    ``"square"`` (f = z^2) explains x = 2 equally well by z = +1.41 and z = -1.41: its posterior has two
    modes, which no single Gaussian q can match.

    Examples
    --------
    >>> m = Decoder1D("square", noise=0.3)
    >>> round(marginal_likelihood_exact(m, 2.0), 4)
    -2.2336
    """

    latent_dim = 1
    data_dim = 1

    def __init__(self, decoder: str = "square", noise: float = 0.3):
        if decoder not in DECODERS:
            raise ValueError(f"unknown decoder {decoder!r}; choose from {', '.join(DECODERS)}")
        if not (np.isfinite(noise) and 0.05 <= noise <= 5):
            raise ValueError(
                f"noise must be between 0.05 and 5 (got {noise}); narrower than the quadrature grid "
                "can resolve otherwise"
            )
        self.decoder = decoder
        self.f = DECODERS[decoder][0]
        self.noise = float(noise)

    def log_likelihood(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log N(x | f(z), sigma^2) for each z."""
        z = np.asarray(z, dtype=float).reshape(-1)
        x = float(np.asarray(x, dtype=float).reshape(-1)[0])
        return normal_logpdf(x, self.f(z), self.noise)

    def sample(self, n: int = 1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((int(n), 1))
        return self.f(z) + self.noise * rng.standard_normal((int(n), 1)), z


def linear_gaussian(latent_dim: int, data_dim: int | None = None, noise: float = 0.5, seed: int = 0) -> LinearGaussian:
    """A random linear-Gaussian model: W entries N(0, 1/d), so each z_j moves x about as much as the noise.

    ``data_dim`` defaults to ``latent_dim + 2``. The posterior covariance is (I + W^T W / sigma^2)^-1, and with
    k close to d the eigenvalues of W^T W spread from near 0 to about 4 (Marchenko-Pastur), not all 1: the
    posterior variances spread from about 1/17 to almost 1 and average about 0.35-0.4 for sigma = 0.5 (not
    sigma^2 / (1 + sigma^2) = 0.2, which W^T W = I would give). ``scenes.core_challenge.dimension_cost``
    computes them, and the KL from the posterior to the prior, for the model a page builds.
    """
    k = int(latent_dim)
    if not 1 <= k <= 64:
        raise ValueError(f"latent_dim must be between 1 and 64 (got {latent_dim})")
    d = k + 2 if data_dim is None else int(data_dim)
    if d < 1:
        raise ValueError("data_dim must be at least 1")
    rng = np.random.default_rng(seed)
    return LinearGaussian(rng.standard_normal((d, k)) / math.sqrt(d), np.zeros(d), noise)


# ------------------------------------------------------------------------------------------ exact answers


def log_marginal_quadrature(model: LatentModel, x: float | np.ndarray, grid: np.ndarray = Z_GRID) -> float:
    """log p(x) by the trapezoid rule over a 1-D grid of z, summed in log space (nats).

    ``p(x) ~ sum_i w_i p(x | z_i) p(z_i)`` with trapezoid weights w_i; ``logsumexp`` keeps tiny
    likelihoods from underflowing.
    """
    if model.latent_dim != 1:
        raise ValueError("quadrature on a grid needs a one-dimensional latent z")
    x = model.check_x(x)
    grid = np.asarray(grid, dtype=float)
    step = np.diff(grid)
    if grid.ndim != 1 or grid.size < 3 or np.any(step <= 0):
        raise ValueError("grid must be an increasing 1-D array of at least 3 points")
    w = np.zeros_like(grid)
    w[:-1] += step / 2
    w[1:] += step / 2
    return float(logsumexp(model.log_joint(x, grid), b=w))


def marginal_likelihood_exact(model: LatentModel, x: float | np.ndarray) -> float:
    """The true log p(x) in nats: closed form for :class:`LinearGaussian`, quadrature for 1-D latents.

    Examples
    --------
    >>> m = LinearGaussian([[1.0]], noise=1.0)        # x = z + noise: p(x) = N(0, 2)
    >>> round(marginal_likelihood_exact(m, 0.0), 4), round(-0.5 * math.log(2 * math.pi * 2), 4)
    (-1.2655, -1.2655)
    """
    x = model.check_x(x)
    if isinstance(model, LinearGaussian):
        return float(model.score_samples(x[None, :])[0])
    return log_marginal_quadrature(model, x)


def posterior_moments(model: LatentModel, x: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean (k,) and covariance (k, k) of p(z | x): exact for LinearGaussian, by quadrature for 1-D latents."""
    if isinstance(model, LinearGaussian):
        return model.posterior(x)
    x = model.check_x(x)
    dens = posterior_density(model, x, Z_GRID)
    w = dens / dens.sum()
    mean = float(np.sum(w * Z_GRID))
    var = float(np.sum(w * (Z_GRID - mean) ** 2))
    return np.array([mean]), np.array([[var]])


def posterior_density(model: LatentModel, x: float | np.ndarray, z: np.ndarray) -> np.ndarray:
    """p(z | x) = p(x | z) p(z) / p(x) at the given points z (1-D latent), by Bayes' rule."""
    if model.latent_dim != 1:
        raise ValueError("posterior_density is for one-dimensional latents")
    x = model.check_x(x)
    z = np.asarray(z, dtype=float).reshape(-1)
    return np.exp(model.log_joint(x, z) - marginal_likelihood_exact(model, x))


# ------------------------------------------------------------------------------------------ sampling estimators


def _proposal(
    model: LatentModel, q_mean: np.ndarray | float, q_cov: np.ndarray | float
) -> tuple[np.ndarray, np.ndarray]:
    k = model.latent_dim
    m = np.atleast_1d(np.asarray(q_mean, dtype=float))
    c = np.asarray(q_cov, dtype=float)
    if m.shape != (k,):
        raise ValueError(f"q's mean must have {k} entries (one per latent dimension); got shape {m.shape}")
    c = c * np.eye(k) if c.ndim == 0 else c
    if c.shape != (k, k):
        raise ValueError(f"q's covariance must be a number (a variance) or a {k} x {k} matrix; got shape {c.shape}")
    if not (np.all(np.isfinite(m)) and np.all(np.isfinite(c))):
        raise ValueError("q's mean and covariance must be finite numbers")
    try:
        L = np.linalg.cholesky(0.5 * (c + c.T))
    except np.linalg.LinAlgError:
        raise ValueError("q's covariance must be positive definite (every variance > 0)") from None
    return m, L


def log_weights(
    model: LatentModel,
    x: float | np.ndarray,
    n_samples: int,
    seed: int = 0,
    q_mean: np.ndarray | float | None = None,
    q_cov: np.ndarray | float | None = None,
) -> np.ndarray:
    """log w_s for S samples: log p(x | z_s) with z_s ~ p(z) (no q given), else log p(x, z_s) - log q(z_s), z_s ~ q.

    The estimate of p(x) is the mean of the weights; the first n of S weights are exactly the weights of a
    run with n samples and the same seed.
    """
    x = model.check_x(x)
    n = int(n_samples)
    if not 1 <= n <= 2_000_000:
        raise ValueError(f"n_samples must be between 1 and 2,000,000 (got {n_samples})")
    rng = np.random.default_rng(seed)
    eps = rng.standard_normal((n, model.latent_dim))
    if q_mean is None and q_cov is None:
        return model.log_likelihood(x, eps)
    if q_mean is None or q_cov is None:
        raise ValueError("give both q_mean and q_cov for importance sampling, or neither for the prior")
    m, L = _proposal(model, q_mean, q_cov)
    z = m + eps @ L.T
    log_q = standard_normal_logpdf(eps) - np.sum(np.log(np.diag(L)))  # log N(z | m, L L^T), z = m + L eps
    return model.log_joint(x, z) - log_q


def marginal_likelihood_mc(model: LatentModel, x: float | np.ndarray, n_samples: int, seed: int = 0) -> float:
    """Naive Monte Carlo: log[(1/S) sum_s p(x | z_s)] with z_s drawn from the prior p(z) (nats).

    Examples
    --------
    >>> m = Decoder1D("square", noise=0.3)
    >>> round(marginal_likelihood_mc(m, 2.0, 200_000, seed=0), 2), round(marginal_likelihood_exact(m, 2.0), 2)
    (-2.23, -2.23)
    """
    lw = log_weights(model, x, n_samples, seed)
    return float(logsumexp(lw) - math.log(lw.size))


def marginal_likelihood_is(
    model: LatentModel,
    x: float | np.ndarray,
    q_mean: np.ndarray | float,
    q_cov: np.ndarray | float,
    n_samples: int,
    seed: int = 0,
) -> float:
    """Importance sampling: log[(1/S) sum_s p(x, z_s) / q(z_s)] with z_s ~ q = N(q_mean, q_cov) (nats).

    Unbiased for p(x) whenever q covers the posterior; the closer q is to p(z | x), the smaller the spread
    of the weights (with q equal to the posterior every weight equals p(x): zero variance).
    """
    lw = log_weights(model, x, n_samples, seed, q_mean, q_cov)
    return float(logsumexp(lw) - math.log(lw.size))


def effective_sample_size(log_w: np.ndarray) -> float:
    """(sum w)^2 / sum w^2: how many of the samples really count (S if all weights are equal, 1 if one dominates).

    >>> effective_sample_size(np.log([1.0, 1.0, 1.0, 1.0])), round(effective_sample_size(np.log([1.0, 1e-9, 1e-9])), 3)
    (4.0, 1.0)
    """
    log_w = np.asarray(log_w, dtype=float)
    return float(np.exp(2 * logsumexp(log_w) - logsumexp(2 * log_w)))


def sample_sizes(max_samples: int) -> np.ndarray:
    """The sample counts 1, 2, 5, 10, 20, 50, ... up to ``max_samples`` (always included).

    >>> sample_sizes(1000).tolist()
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    """
    if int(max_samples) < 1:
        raise ValueError("max_samples must be at least 1")
    sizes = [m * 10**e for e in range(8) for m in (1, 2, 5) if m * 10**e <= max_samples]
    return np.array(sorted(set(sizes + [int(max_samples)])))


def estimator_runs(
    model: LatentModel,
    x: float | np.ndarray,
    sizes: Sequence[int],
    n_seeds: int = 20,
    seed: int = 0,
    q_mean: np.ndarray | float | None = None,
    q_cov: np.ndarray | float | None = None,
) -> np.ndarray:
    """Estimates of log p(x) for every sample count in ``sizes`` and seeds seed, seed + 1, ... (nats).

    Run r uses seed ``seed + r``; its estimate with n samples uses the first n of its draws, so each row is
    one estimator watched as it receives more samples. Without q: Monte Carlo from the prior; with q:
    importance sampling.

    Returns
    -------
    array of shape (n_seeds, len(sizes))
    """
    sizes = np.asarray(sizes, dtype=int)
    if sizes.ndim != 1 or sizes.size == 0 or sizes.min() < 1:
        raise ValueError("sizes must be a list of sample counts >= 1")
    if not 1 <= int(n_seeds) <= 10_000:
        raise ValueError("n_seeds must be between 1 and 10,000")
    out = np.empty((int(n_seeds), sizes.size))
    for r in range(int(n_seeds)):
        lw = log_weights(model, x, int(sizes.max()), seed + r, q_mean, q_cov)
        running = np.logaddexp.accumulate(lw)  # log sum of the first n weights, for every n
        out[r] = running[sizes - 1] - np.log(sizes)
    return out


# ------------------------------------------------------------------------------------------ the ELBO

#: Standardised grid for expectations under a 1-D Gaussian q: z = m + s t, t in [-12, 12].
_T_GRID = np.linspace(-12.0, 12.0, 9601)
_T_WEIGHTS = np.exp(normal_logpdf(_T_GRID)) * (_T_GRID[1] - _T_GRID[0])


def elbo(model: LatentModel, x: float | np.ndarray, q_mean: np.ndarray | float, q_cov: np.ndarray | float) -> float:
    """ELBO(q) = E_q[log p(x | z)] - KL(q || p(z)) = E_q[log p(x, z)] + H(q), in nats, for q = N(q_mean, q_cov).

    Exact for :class:`LinearGaussian`: with q = N(m, S),
    ``E_q[log p(x|z)] = log N(x | W m + b, sigma^2 I) - tr(W S W^T) / (2 sigma^2)``.
    For 1-D latents: the expectation over q by the trapezoid rule on a fine grid of z = m + s t.

    Examples
    --------
    >>> m = LinearGaussian([[1.0]], noise=1.0)       # posterior of z given x = 1: N(0.5, 0.5)
    >>> round(elbo(m, 1.0, 0.5, 0.5), 4) == round(marginal_likelihood_exact(m, 1.0), 4)
    True
    >>> round(elbo(m, 1.0, 0.0, 1.0), 4)             # q = the prior: a looser bound
    -1.9189
    """
    x = model.check_x(x)
    m, L = _proposal(model, q_mean, q_cov)
    k = model.latent_dim
    entropy = 0.5 * k * (LOG_2PI + 1) + float(np.sum(np.log(np.diag(L))))
    if isinstance(model, LinearGaussian):
        S = L @ L.T
        fit = float(model.log_likelihood(x, m)[0]) - np.trace(model.W @ S @ model.W.T) / (2 * model.noise**2)
        prior = -0.5 * (k * LOG_2PI + m @ m + np.trace(S))
        return float(fit + prior + entropy)
    if k != 1:
        raise ValueError("the ELBO by quadrature needs a one-dimensional latent z")
    z = m[0] + L[0, 0] * _T_GRID
    return float(np.sum(_T_WEIGHTS * model.log_joint(x, z)) + entropy)


def kl_to_posterior(
    model: LatentModel, x: float | np.ndarray, q_mean: np.ndarray | float, q_cov: np.ndarray | float
) -> float:
    """KL(q(z) || p(z | x)) in nats, computed directly (not as log p(x) - ELBO).

    Closed form between two Gaussians for :class:`LinearGaussian`; for 1-D latents the integral
    ``int q(z) [log q(z) - log p(z | x)] dz`` by the trapezoid rule on a fine grid spanning q.
    """
    x = model.check_x(x)
    m, L = _proposal(model, q_mean, q_cov)
    if isinstance(model, LinearGaussian):
        post_mean, post_cov = model.posterior(x)
        return info.kl_gaussians(m, L @ L.T, post_mean, post_cov, base=math.e)
    if model.latent_dim != 1:
        raise ValueError("kl_to_posterior by quadrature needs a one-dimensional latent z")
    s = L[0, 0]
    z = m[0] + s * _T_GRID
    log_q = normal_logpdf(_T_GRID) - math.log(s)  # log N(z | m, s^2) at z = m + s t
    log_post = model.log_joint(x, z) - marginal_likelihood_exact(model, x)
    return float(max(np.sum(_T_WEIGHTS * (log_q - log_post)), 0.0))


def posterior_peaks(model: LatentModel, x: np.ndarray, share: float = 1e-3) -> list[float]:
    """Where a 1-D posterior p(z | x) peaks: its local maxima on the quadrature grid above ``share`` of the highest.

    >>> [round(z, 2) for z in posterior_peaks(Decoder1D("square", noise=0.3), 2.0)]   # z^2 + 0.045 = 2
    [-1.4, 1.4]
    """
    x = model.check_x(x)
    dens = posterior_density(model, x, Z_GRID)
    inner = (dens[1:-1] > dens[:-2]) & (dens[1:-1] >= dens[2:]) & (dens[1:-1] > share * dens.max())
    return [float(z) for z in Z_GRID[1:-1][inner]]


#: Fits of the ELBO that differ by less than this (nats) count as equally good (the two mirror-image modes
#: of x = z^2 differ only by the optimiser's rounding).
ELBO_TIE = 1e-4


def optimal_gaussian_q(
    model: LatentModel, x: float | np.ndarray, init_mean: float | None = None, init_std: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """The Gaussian q = N(m, S) with the largest ELBO: what variational inference finds.

    For :class:`LinearGaussian` it is the exact posterior. For a 1-D latent, L-BFGS over (m, log s) from
    several starts: (``init_mean``, ``init_std``) (default mean: the posterior mean), every peak of the
    posterior, and (unless it has exactly one peak) the posterior's mean and spread. One start is not enough:
    on the symmetric two-mode posterior of x = z^2 the ELBO's gradient in m is zero at m = 0 (a saddle), and a
    fit started there stays there with a gap of many nats. Of the fits with the largest ELBO (within
    :data:`ELBO_TIE`), the one whose mean is nearest the start is returned: from m > 0 the mode at +sqrt(x),
    from m < 0 the one at -sqrt(x).

    Examples
    --------
    >>> sq = Decoder1D("square", noise=0.3)
    >>> mean, cov = optimal_gaussian_q(sq, 2.0, init_mean=0.0, init_std=0.3)   # starts on the saddle
    >>> round(float(mean[0]), 2), round(marginal_likelihood_exact(sq, 2.0) - elbo(sq, 2.0, mean, cov), 2)
    (1.39, 0.7)

    Returns
    -------
    mean (k,), covariance (k, k)
    """
    if isinstance(model, LinearGaussian):
        return model.posterior(x)
    x = model.check_x(x)
    if model.latent_dim != 1:
        raise ValueError("optimal_gaussian_q needs a one-dimensional latent z")
    if not (np.isfinite(init_std) and init_std > 0):
        raise ValueError("init_std must be a positive number")
    post_mean, post_cov = posterior_moments(model, x)
    post_mean, post_sd = float(post_mean[0]), math.sqrt(float(post_cov[0, 0]))
    m0 = post_mean if init_mean is None else float(init_mean)
    bounds = [(-6.0, 6.0), (math.log(0.01), math.log(5.0))]
    peaks = posterior_peaks(model, x)
    starts = [(m0, float(init_std)), *((peak, min(post_sd, 0.5)) for peak in peaks)]
    if len(peaks) != 1:  # one peak is near the posterior mean already
        starts.append((post_mean, post_sd))
    starts = list(dict.fromkeys((round(m, 6), round(s, 6)) for m, s in starts))  # the same start once

    def loss(theta: np.ndarray) -> float:
        return -elbo(model, x, theta[0], math.exp(2 * theta[1]))

    fits = []
    for mean, std in starts:
        start = np.clip([mean, math.log(max(std, 0.011))], [b[0] for b in bounds], [b[1] for b in bounds])
        res = optimize.minimize(loss, start, method="L-BFGS-B", bounds=bounds)
        fits.append((float(res.fun), abs(float(res.x[0]) - m0), res.x))
    best = min(f[0] for f in fits)
    _, _, theta = min((f for f in fits if f[0] <= best + ELBO_TIE), key=lambda f: f[1])
    return np.array([theta[0]]), np.array([[math.exp(2 * theta[1])]])
