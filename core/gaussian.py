r"""Gaussian log-densities and the constants every module shares: one definition each.

The normal density is the building block of most models in this lecture (mixtures, PPCA, VAEs, flows,
diffusion). Its log is what the code evaluates, never the density itself: for a point 40 standard
deviations out, :math:`\phi(x)` underflows to 0 while :math:`\log \phi(x) = -800.9` is an ordinary number.

All log-densities are in nats (natural log). Multiply by :data:`BITS_PER_NAT` for bits.

References: Bishop, *Pattern Recognition and Machine Learning* (2006), sections 2.3 and 9.2.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import logsumexp

#: :math:`\log 2\pi`, the normalising constant of a standard normal per dimension is :math:`-\tfrac12 \log 2\pi`.
LOG_2PI: float = math.log(2.0 * math.pi)
#: Bits in one nat: :math:`1/\ln 2`. A log-density in nats times this is in bits.
BITS_PER_NAT: float = 1.0 / math.log(2.0)


def normal_logpdf(x: ArrayLike, mean: ArrayLike = 0.0, std: ArrayLike = 1.0) -> np.ndarray:
    r"""Element-wise normal log-density.

    .. math:: \log \mathcal N(x \mid \mu, \sigma^2) = -\tfrac12 \log 2\pi - \log\sigma - \frac{(x-\mu)^2}{2\sigma^2}

    Parameters
    ----------
    x, mean, std : array_like
        Broadcast against each other; ``std`` > 0 (same units as ``x``).

    Returns
    -------
    ndarray
        Log-density in nats per element.

    Examples
    --------
    >>> round(float(normal_logpdf(0.0)), 6)           # -1/2 log 2 pi
    -0.918939
    >>> round(float(normal_logpdf(3.0, 1.0, 2.0)), 6)   # one sd out, sd 2: -0.918939 - log 2 - 1/2
    -2.112086
    """
    x, mean, std = np.asarray(x, float), np.asarray(mean, float), np.asarray(std, float)
    if np.any(std <= 0):
        raise ValueError("a normal distribution needs a standard deviation > 0")
    z = (x - mean) / std
    return -0.5 * LOG_2PI - np.log(std) - 0.5 * z * z


def diagonal_normal_logpdf(x: ArrayLike, mean: ArrayLike, log_var: ArrayLike) -> np.ndarray:
    r""":math:`\log \mathcal N(x \mid \mu, \mathrm{diag}(e^{v}))`, summed over the last axis (a VAE's encoder/decoder).

    .. math:: \sum_j -\tfrac12 \big(\log 2\pi + v_j + (x_j - \mu_j)^2 e^{-v_j}\big)

    Parameterised by the log-variance ``v`` as networks output it (any real number is valid).

    Examples
    --------
    >>> round(float(diagonal_normal_logpdf([0.0, 0.0], [0.0, 0.0], [0.0, 0.0])), 6)   # 2-D standard normal
    -1.837877
    """
    x, mean, log_var = np.asarray(x, float), np.asarray(mean, float), np.asarray(log_var, float)
    return -0.5 * np.sum(LOG_2PI + log_var + (x - mean) ** 2 * np.exp(-log_var), axis=-1)


def standard_normal_logpdf(z: ArrayLike) -> np.ndarray:
    r"""Standard normal log-density summed over the last axis (the base density of a flow).

    .. math:: \log \mathcal N(z \mid 0, I) = -\tfrac12 (d \log 2\pi + \lVert z\rVert^2)

    Examples
    --------
    >>> round(float(standard_normal_logpdf([[1.0, 0.0]])[0]), 6)   # -log 2 pi - 1/2
    -2.337877
    """
    z = np.asarray(z, float)
    return -0.5 * (z.shape[-1] * LOG_2PI + np.sum(z * z, axis=-1))


def multivariate_normal_logpdf(x: ArrayLike, mean: ArrayLike, cov: ArrayLike) -> np.ndarray:
    r""":math:`\log \mathcal N(x \mid \mu, \Sigma)` for rows of ``x`` (shape (n, d)), through a Cholesky factor.

    .. math:: -\tfrac12 \big(d \log 2\pi + \log\det\Sigma + (x-\mu)^\top \Sigma^{-1} (x-\mu)\big)

    Examples
    --------
    >>> from scipy.stats import multivariate_normal
    >>> cov = [[2.0, 0.5], [0.5, 1.0]]
    >>> x = [[0.3, -1.0], [2.0, 0.1]]
    >>> ours = multivariate_normal_logpdf(x, [0.0, 0.5], cov)
    >>> bool(np.allclose(ours, multivariate_normal([0.0, 0.5], cov).logpdf(x)))
    True
    """
    x = np.atleast_2d(np.asarray(x, float))
    mean, cov = np.asarray(mean, float), np.atleast_2d(np.asarray(cov, float))
    try:
        chol = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        raise ValueError("the covariance matrix must be symmetric positive definite") from None
    solved = np.linalg.solve(chol, (x - mean).T)
    log_det = 2.0 * np.sum(np.log(np.diag(chol)))
    return -0.5 * (x.shape[1] * LOG_2PI + log_det + np.sum(solved * solved, axis=0))


def mixture_logpdf(x: ArrayLike, weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> np.ndarray:
    r"""1-D Gaussian mixture :math:`\log \sum_k w_k \mathcal N(x \mid m_k, s_k^2)`, by log-sum-exp (no underflow).

    Examples
    --------
    >>> round(float(mixture_logpdf(0.0, [1.0], [0.0], [1.0])), 6)    # one component: the normal
    -0.918939
    >>> round(float(mixture_logpdf(60.0, [0.5, 0.5], [-2.0, 2.0], [1.0, 1.0])), 1)   # far out, still finite
    -1683.6
    """
    x = np.asarray(x, float)
    w, m, s = (np.atleast_1d(np.asarray(a, float)) for a in (weights, means, stds))
    return logsumexp(np.log(w) + normal_logpdf(x[..., None], m, s), axis=-1)


def mixture_log_joint(x: ArrayLike, weights: ArrayLike, means: ArrayLike, covs: ArrayLike) -> np.ndarray:
    r"""Log joint of a point and its mixture component, one column per component.

    .. math:: \log p(x, z{=}k) = \log w_k + \log \mathcal N(x \mid \mu_k, \Sigma_k)

    For a mixture of K full-covariance Gaussians in d dimensions: ``x`` (n, d), ``weights`` (K,), ``means``
    (K, d), ``covs`` (K, d, d). Returns shape (n, K), in nats. Its log-sum-exp over k is the density
    (:func:`multivariate_mixture_logpdf`); its softmax over k is the posterior p(z = k | x) (EM's responsibilities).

    Examples
    --------
    >>> lj = mixture_log_joint([[0.0, 0.0]], [0.25, 0.75], [[0.0, 0.0], [3.0, 0.0]], [np.eye(2), np.eye(2)])
    >>> lj.shape, round(float(lj[0, 0]), 6)             # log 0.25 - log 2 pi
    ((1, 2), -3.224171)
    """
    x = np.atleast_2d(np.asarray(x, float))
    return np.stack(
        [np.log(w) + multivariate_normal_logpdf(x, m, c) for w, m, c in zip(weights, means, covs, strict=True)],
        axis=1,
    )


def multivariate_mixture_logpdf(x: ArrayLike, weights: ArrayLike, means: ArrayLike, covs: ArrayLike) -> np.ndarray:
    r"""Gaussian mixture in d dimensions, :math:`\log \sum_k w_k \mathcal N(x \mid \mu_k, \Sigma_k)`, per row of ``x``.

    Shapes as in :func:`mixture_log_joint`; log-sum-exp over the components, so a point far from every
    component still gets a finite log-density.

    Examples
    --------
    >>> from scipy.stats import multivariate_normal
    >>> w, m, c = [0.3, 0.7], [[0.0, 0.0], [2.0, 1.0]], [np.eye(2), [[1.0, 0.5], [0.5, 2.0]]]
    >>> x = np.array([[0.5, 0.5], [3.0, -1.0]])
    >>> p = sum(wk * multivariate_normal(mk, ck).pdf(x) for wk, mk, ck in zip(w, m, c))
    >>> bool(np.allclose(multivariate_mixture_logpdf(x, w, m, c), np.log(p)))
    True
    """
    return logsumexp(mixture_log_joint(x, weights, means, covs), axis=1)
