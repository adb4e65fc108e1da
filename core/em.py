"""Maximum likelihood step by step: expectation-maximisation (EM) for a Gaussian mixture.

A Gaussian mixture says every point was made in two stages: pick a component k with probability
w_k, then draw x from a Gaussian N(mu_k, Sigma_k). Its density is

    q(x) = sum_k w_k N(x | mu_k, Sigma_k).

Maximising the log-likelihood sum_i log q(x_i) has no closed form, because we do not see which component
made each point (the component is a latent variable z). EM alternates two easy steps:

* **E-step** - with the current parameters, compute the responsibilities
  r_ik = q(z = k | x_i) = w_k N(x_i | mu_k, Sigma_k) / q(x_i): how much component k "owns" point i.
* **M-step** - refit each Gaussian to the points, weighted by the responsibilities
  (weighted mean, weighted covariance, share of the total weight).

Each EM step never decreases the log-likelihood, so the curve of log-likelihood against the step number
climbs and flattens out. ``sklearn.mixture.GaussianMixture`` runs exactly these steps; this module
spells them out one at a time so a page can show every intermediate state.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from core.gaussian import mixture_log_joint, multivariate_mixture_logpdf
from core.validation import as_points

__all__ = [
    "MixtureParams",
    "EMHistory",
    "initial_params",
    "component_log_densities",
    "responsibilities",
    "average_log_likelihood",
    "m_step",
    "em_step",
    "run_em",
    "score_samples",
    "covariance_ellipse",
    "sklearn_em",
]


@dataclass(frozen=True)
class MixtureParams:
    """Parameters of a K-component Gaussian mixture in d dimensions.

    Attributes
    ----------
    weights : (K,) mixing weights w_k, non-negative, summing to 1.
    means : (K, d) component means mu_k.
    covariances : (K, d, d) component covariance matrices Sigma_k.
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray

    @property
    def n_components(self) -> int:
        return int(self.weights.shape[0])


@dataclass(frozen=True)
class EMHistory:
    """Every state EM passed through.

    Attributes
    ----------
    params : list of MixtureParams; ``params[0]`` is the initialisation, ``params[t]`` the state after t steps.
    log_likelihood : (n_steps + 1,) average log-likelihood per point (nats) under ``params[t]``.
    """

    params: list[MixtureParams]
    log_likelihood: np.ndarray


def initial_params(X: np.ndarray, n_components: int, seed: int = 0) -> MixtureParams:
    """A simple, deliberately naive starting point for EM.

    Means are ``n_components`` distinct data points picked at random, every covariance is the covariance
    of the whole data set, and the weights are equal. EM then has visible work to do.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> p = initial_params(X, 2, seed=0)
    >>> p.weights.tolist(), p.covariances.shape
    ([0.5, 0.5], (2, 2, 2))
    """
    X = as_points(X, min_rows=2, flat=False)
    n, d = X.shape
    if not 1 <= n_components <= n:
        raise ValueError(f"n_components must be between 1 and the number of points ({n}); got {n_components}.")
    rng = np.random.default_rng(seed)
    idx = rng.choice(n, size=n_components, replace=False)
    cov = np.cov(X, rowvar=False).reshape(d, d) + 1e-6 * np.eye(d)
    return MixtureParams(
        weights=np.full(n_components, 1.0 / n_components),
        means=X[idx].copy(),
        covariances=np.repeat(cov[None], n_components, axis=0),
    )


def component_log_densities(X: np.ndarray, params: MixtureParams) -> np.ndarray:
    """log w_k + log N(x_i | mu_k, Sigma_k) for every point i and component k, shape (n, K), in nats.

    This is log q(x_i, z = k), the joint of a point and its component: :func:`core.gaussian.mixture_log_joint`.
    """
    return mixture_log_joint(as_points(X, flat=False), params.weights, params.means, params.covariances)


def score_samples(X: np.ndarray, params: MixtureParams) -> np.ndarray:
    """Per-point log-density log q(x_i) = logsumexp_k [log w_k + log N(x_i | mu_k, Sigma_k)] in nats.

    Examples
    --------
    One standard normal component: log N(0 | 0, I_2) = -log(2 pi).

    >>> p = MixtureParams(np.array([1.0]), np.zeros((1, 2)), np.eye(2)[None])
    >>> round(float(score_samples(np.zeros((2, 2)), p)[0]), 4)
    -1.8379
    """
    return multivariate_mixture_logpdf(as_points(X, flat=False), params.weights, params.means, params.covariances)


def responsibilities(X: np.ndarray, params: MixtureParams) -> np.ndarray:
    """E-step: r_ik = q(z = k | x_i), shape (n, K); each row sums to 1.

    The responsibility is Bayes' rule on the latent component: prior w_k times likelihood
    N(x_i | mu_k, Sigma_k), divided by the evidence q(x_i).
    """
    log_joint = component_log_densities(X, params)
    return np.exp(log_joint - logsumexp(log_joint, axis=1, keepdims=True))


def average_log_likelihood(X: np.ndarray, params: MixtureParams) -> float:
    """(1/n) sum_i log q(x_i), in nats per point (the number ``GaussianMixture.score`` reports)."""
    return float(np.mean(score_samples(X, params)))


def m_step(X: np.ndarray, resp: np.ndarray, reg_covar: float = 1e-6) -> MixtureParams:
    """M-step: refit weights, means and covariances to responsibility-weighted points.

    N_k = sum_i r_ik,  w_k = N_k / n,  mu_k = sum_i r_ik x_i / N_k,
    Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + reg_covar * I.

    ``reg_covar`` (same meaning and default as scikit-learn) keeps a component that owns a single point
    from collapsing to a zero-width spike with infinite density.
    """
    X = as_points(X, min_rows=2, flat=False)
    resp = np.asarray(resp, dtype=float)
    n, d = X.shape
    if resp.ndim != 2 or resp.shape[0] != n:
        raise ValueError(f"resp must have shape (n_points, K) = ({n}, K); it has shape {resp.shape}.")
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
    means = resp.T @ X / nk[:, None]
    covs = np.empty((resp.shape[1], d, d))
    for k in range(resp.shape[1]):
        diff = X - means[k]
        covs[k] = (resp[:, k, None] * diff).T @ diff / nk[k] + reg_covar * np.eye(d)
    return MixtureParams(weights=nk / n, means=means, covariances=covs)


def em_step(X: np.ndarray, params: MixtureParams, reg_covar: float = 1e-6) -> MixtureParams:
    """One EM iteration: E-step (responsibilities) followed by the M-step."""
    return m_step(X, responsibilities(X, params), reg_covar=reg_covar)


def run_em(
    X: np.ndarray,
    n_components: int = 3,
    n_steps: int = 30,
    seed: int = 0,
    init: MixtureParams | None = None,
    reg_covar: float = 1e-6,
) -> EMHistory:
    """Run ``n_steps`` EM iterations and keep every intermediate state.

    Examples
    --------
    Two well separated clumps: the average log-likelihood never goes down.

    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(-3, 1, (50, 2)), rng.normal(3, 1, (50, 2))])
    >>> h = run_em(X, n_components=2, n_steps=10, seed=1)
    >>> bool(np.all(np.diff(h.log_likelihood) >= -1e-9))
    True
    >>> np.round(np.sort(h.params[-1].weights), 2).tolist()
    [0.5, 0.5]
    """
    X = as_points(X, min_rows=2, flat=False)
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0; got {n_steps}.")
    params = initial_params(X, n_components, seed) if init is None else init
    history = [params]
    for _ in range(n_steps):
        params = em_step(X, params, reg_covar=reg_covar)
        history.append(params)
    ll = np.array([average_log_likelihood(X, p) for p in history])
    return EMHistory(params=history, log_likelihood=ll)


def covariance_ellipse(mean: np.ndarray, cov: np.ndarray, n_std: float = 2.0, n_points: int = 64) -> np.ndarray:
    """Points (n_points, 2) on the ellipse {x : (x - mu)^T Sigma^{-1} (x - mu) = n_std^2} of a 2-D Gaussian.

    The ellipse's axes are the eigenvectors of Sigma, with half-lengths n_std * sqrt(eigenvalue);
    for n_std = 2 it encloses about 86 % of the component's probability mass in 2-D.

    Examples
    --------
    >>> e = covariance_ellipse(np.zeros(2), np.diag([4.0, 1.0]), n_std=1.0, n_points=5)
    >>> np.round(np.abs(e).max(axis=0), 3).tolist()
    [2.0, 1.0]
    """
    mean = np.asarray(mean, dtype=float)
    cov = np.asarray(cov, dtype=float)
    if mean.shape != (2,) or cov.shape != (2, 2):
        raise ValueError("covariance_ellipse draws 2-D Gaussians: mean must be (2,) and cov (2, 2).")
    vals, vecs = np.linalg.eigh(cov)
    t = np.linspace(0, 2 * np.pi, n_points)  # closed curve: last point = first
    circle = np.stack([np.cos(t), np.sin(t)], axis=1)
    return mean + n_std * (circle * np.sqrt(np.clip(vals, 0, None))) @ vecs.T


def sklearn_em(X: np.ndarray, init: MixtureParams, n_steps: int, reg_covar: float = 1e-6) -> MixtureParams:
    """The same EM run by ``sklearn.mixture.GaussianMixture``: started from ``init``, exactly ``n_steps`` steps.

    A cross-check for :func:`run_em`: both should land on the same parameters (to rounding error).
    ``n_steps = 0`` returns ``init`` itself (scikit-learn needs at least one iteration).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(-2, 1, (40, 2)), rng.normal(2, 1, (40, 2))])
    >>> h = run_em(X, n_components=2, n_steps=5, seed=0)
    >>> bool(np.allclose(sklearn_em(X, h.params[0], 5).means, h.params[5].means))
    True
    """
    X = as_points(X, min_rows=2, flat=False)
    if n_steps == 0:
        return init
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0; got {n_steps}.")
    gm = GaussianMixture(
        n_components=init.n_components,
        weights_init=init.weights,
        means_init=init.means,
        precisions_init=np.linalg.inv(init.covariances),
        max_iter=n_steps,
        tol=0.0,  # never stop early: run exactly n_steps iterations
        reg_covar=reg_covar,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # "did not converge" is expected here
        gm.fit(X)
    return MixtureParams(weights=gm.weights_, means=gm.means_, covariances=gm.covariances_)
