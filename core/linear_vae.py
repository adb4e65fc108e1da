"""A linear-Gaussian variational autoencoder: trained on the ELBO, with the exact log p(x) to compare against.

Model (decoder):   z ~ N(0, I_k),   x | z ~ N(W z + mu, sigma^2 I_d).
Integrating z out gives the exact marginal (this is probabilistic PCA, Tipping & Bishop 1999):

    q(x) = N(x | mu, W W^T + sigma^2 I),

so here - unlike in a real VAE with a neural decoder - we can compute log q(x) exactly and watch the
bound approach it. The encoder is linear too: e(z | x) = N(V (x - mu), diag(s^2)).

The evidence lower bound (ELBO) for one point, in nats:

    ELBO(x) = E_e[log q(x | z)] - KL(e(z | x) || p(z))
            = log q(x) - KL(e(z | x) || q(z | x))   <=   log q(x).

The gap is the KL divergence from the encoder to the true posterior. For this model the true posterior
is Gaussian with a mean linear in x and a fixed covariance, so a linear encoder can close the gap entirely.
Both ELBO terms are Gaussian integrals with closed forms, so training here uses the exact ELBO and its
exact gradient (a real VAE estimates the first term with sampled z via the reparameterisation trick).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.gaussian import LOG_2PI, multivariate_normal_logpdf
from core.nn import Adam
from core.validation import as_points, check_n_seed

__all__ = ["LinearVAEParams", "LinearVAE", "elbo_terms", "elbo", "exact_log_likelihood"]


@dataclass(frozen=True)
class LinearVAEParams:
    """Decoder W (d, k), mu (d,), log_sigma (scalar); encoder V (k, d), log_s (k,)."""

    W: np.ndarray
    mu: np.ndarray
    log_sigma: float
    V: np.ndarray
    log_s: np.ndarray


def elbo_terms(X: np.ndarray, p: LinearVAEParams) -> tuple[np.ndarray, np.ndarray]:
    """Per-point reconstruction term E_e[log q(x | z)] and KL(e(z | x) || N(0, I)), both in nats.

    With m = V (x - mu), S = diag(s^2), r = x - mu - W m:
    E_e[log q(x|z)] = -(d/2) log(2 pi sigma^2) - (|r|^2 + tr(W S W^T)) / (2 sigma^2),
    KL = (tr S + |m|^2 - k - log det S) / 2.
    """
    d, k = p.W.shape
    X = as_points(X, dims=d, flat=False)
    Xc = X - p.mu
    m = Xc @ p.V.T
    r = Xc - m @ p.W.T
    s2 = np.exp(2 * p.log_s)
    sigma2 = np.exp(2 * p.log_sigma)
    recon = -0.5 * d * (LOG_2PI + 2 * p.log_sigma) - (np.sum(r**2, axis=1) + np.sum(p.W**2 @ s2)) / (2 * sigma2)
    kl = 0.5 * (np.sum(s2) + np.sum(m**2, axis=1) - k - np.sum(2 * p.log_s))
    return recon, kl


def elbo(X: np.ndarray, p: LinearVAEParams) -> np.ndarray:
    """Per-point ELBO = reconstruction - KL, in nats; never above ``exact_log_likelihood``."""
    recon, kl = elbo_terms(X, p)
    return recon - kl


def exact_log_likelihood(X: np.ndarray, p: LinearVAEParams) -> np.ndarray:
    """Per-point exact log q(x) = log N(x | mu, W W^T + sigma^2 I), in nats.

    Examples
    --------
    With W = 0 and sigma = 1 the model is a standard normal in 2-D: log q(0) = -log(2 pi).

    >>> p = LinearVAEParams(np.zeros((2, 1)), np.zeros(2), 0.0, np.zeros((1, 2)), np.zeros(1))
    >>> round(float(exact_log_likelihood(np.zeros((1, 2)), p)[0]), 4)
    -1.8379
    >>> round(float(elbo(np.zeros((1, 2)), p)[0]), 4)
    -1.8379
    """
    d = p.W.shape[0]
    X = as_points(X, dims=d, flat=False)
    cov = p.W @ p.W.T + np.exp(2 * p.log_sigma) * np.eye(d)
    return multivariate_normal_logpdf(X, p.mu, cov)


def _elbo_grad(X: np.ndarray, p: LinearVAEParams) -> LinearVAEParams:
    """Gradient of the average ELBO with respect to every parameter (same shapes as the parameters)."""
    n, d = X.shape
    k = p.W.shape[1]
    Xc = X - p.mu
    m = Xc @ p.V.T
    r = Xc - m @ p.W.T
    s2 = np.exp(2 * p.log_s)
    sigma2 = np.exp(2 * p.log_sigma)
    gW = (r.T @ m / n - p.W * s2) / sigma2
    dm = r @ p.W / sigma2 - m  # d ELBO / d m, per point
    gV = dm.T @ Xc / n
    gmu = np.mean(r, axis=0) @ (np.eye(d) - p.W @ p.V) / sigma2 + np.mean(m, axis=0) @ p.V
    glog_sigma = -d + (np.mean(np.sum(r**2, axis=1)) + np.sum(p.W**2 @ s2)) / sigma2
    glog_s = -s2 * np.sum(p.W**2, axis=0) / sigma2 - s2 + np.ones(k)
    return LinearVAEParams(gW, gmu, float(glog_sigma), gV, glog_s)


class LinearVAE:
    """A linear-Gaussian VAE with k latent dimensions, trained by Adam on the exact average ELBO.

    Parameters
    ----------
    n_latent : k, the latent dimension (1 for 2-D data: one latent coordinate along a line).
    n_steps : Adam steps.   learning_rate : Adam step size.   seed : initialisation seed.

    Attributes (after ``fit``)
    --------------------------
    params_ : final LinearVAEParams.   history_ : LinearVAEParams after every recorded step.
    elbo_curve_, log_likelihood_curve_ : average ELBO and exact log q(x) (nats per point) at every step.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(300, 2)) @ np.array([[2.0, 1.0], [0.0, 0.5]])
    >>> vae = LinearVAE(n_steps=400).fit(X)
    >>> bool(np.all(vae.elbo_curve_ <= vae.log_likelihood_curve_ + 1e-12))
    True
    >>> round(float(vae.log_likelihood_curve_[-1] - vae.elbo_curve_[-1]), 2)   # the gap has closed
    0.0
    """

    def __init__(self, n_latent: int = 1, n_steps: int = 300, learning_rate: float = 0.05, seed: int = 0) -> None:
        self.n_latent = n_latent
        self.n_steps = n_steps
        self.learning_rate = learning_rate
        self.seed = seed

    def fit(self, X: np.ndarray) -> LinearVAE:
        """Maximise the average ELBO over decoder and encoder by Adam, recording every step. Returns self."""
        X = as_points(X, min_rows=3, flat=False)
        d, k = X.shape[1], self.n_latent
        if not 1 <= k <= d:
            raise ValueError(f"n_latent must be between 1 and the data dimension {d}; got {k}.")
        if self.n_steps < 0:
            raise ValueError(f"n_steps must be >= 0; got {self.n_steps}.")
        rng = np.random.default_rng(self.seed)
        # Start from a random decoder of the data's size and a random, poorly matched encoder: the ELBO then
        # starts visibly below log q(x), and training closes the gap as the encoder learns the posterior.
        p = LinearVAEParams(
            W=X.std() * rng.standard_normal((d, k)),
            mu=np.zeros(d),
            log_sigma=float(np.log(X.std())),
            V=rng.standard_normal((k, d)) / X.std(),
            log_s=np.full(k, np.log(0.2)),
        )
        names = ("W", "mu", "log_sigma", "V", "log_s")
        arrays = [np.array(getattr(p, f), dtype=float) for f in names]  # updated in place by Adam
        opt = Adam(arrays, learning_rate=self.learning_rate)
        history = [p]
        for _ in range(self.n_steps):
            g = _elbo_grad(X, p)
            opt.step([-np.asarray(getattr(g, f), dtype=float) for f in names])  # ascent on the ELBO
            new = {f: a.copy() for f, a in zip(names, arrays, strict=True)}
            new["log_sigma"] = float(new["log_sigma"])
            p = LinearVAEParams(**new)
            history.append(p)
        self.params_ = p
        self.history_ = history
        self.elbo_curve_ = np.array([np.mean(elbo(X, q)) for q in history])
        self.log_likelihood_curve_ = np.array([np.mean(exact_log_likelihood(X, q)) for q in history])
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "params_"):
            raise ValueError("This VAE is not fitted yet; call fit(X) first.")

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """Exact log q(x) per point (nats)."""
        self._check_fitted()
        return exact_log_likelihood(X, self.params_)

    def elbo(self, X: np.ndarray) -> np.ndarray:
        """ELBO per point (nats), a lower bound on ``score_samples``."""
        self._check_fitted()
        return elbo(X, self.params_)

    def sample(self, n: int, seed: int = 0, step: int | None = None) -> np.ndarray:
        """Decode z ~ N(0, I): x = W z + mu + sigma * noise. ``step`` picks a training step (default: last)."""
        self._check_fitted()
        check_n_seed(n, seed)
        p = self.params_ if step is None else self.history_[step]
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((n, p.W.shape[1]))
        return z @ p.W.T + p.mu + np.exp(p.log_sigma) * rng.standard_normal((n, p.W.shape[0]))
