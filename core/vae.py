"""A small variational autoencoder (VAE): a prescribed latent-variable model with a *continuous* z.

The generative story is the slide's "explicit latent z with known prior p(z), learn p(x|z)". In the app's
notation (p the data, q_theta the model) the model is

    z ~ N(0, I)                                   (prior p(z), fixed)
    x | z ~ N(m(z), diag(sigma(z)^2))             (decoder q_theta(x|z), learned: an MLP outputs m and log sigma^2)

Now q_theta(x) = integral q_theta(x|z) p(z) dz has no closed form (the "core challenge" of the lecture). A VAE
therefore also learns an encoder q_phi(z|x) = N(mu(x), diag(s(x)^2)) (the approximate posterior) and maximises
the evidence lower bound (ELBO), in nats per point:

    ELBO(x) = E_q_phi[log q_theta(x|z)] - KL(q_phi(z|x) || p(z))  <=  log q_theta(x).

Everything is plain numpy: the tanh :class:`~core.nn.MLP` with hand-written backpropagation and the
:class:`~core.nn.Adam` optimiser of ``core.nn``, both short enough to read in one sitting.
Data are standardised inside ``fit``; densities are mapped back with the change-of-variables
factor, so ``score_samples`` is a density of the original x.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp

from core.gaussian import diagonal_normal_logpdf, standard_normal_logpdf
from core.gaussian import diagonal_normal_logpdf as gaussian_log_pdf  # its older name here, kept for callers
from core.nn import MLP, Adam
from core.validation import as_points, check_n_seed, standardisation

__all__ = ["SmallVAE", "MLP", "Adam", "gaussian_log_pdf", "LOG_VAR_X_MIN"]

#: Smallest decoder log-variance (standardised units): keeps q_theta(x|z) from collapsing onto a point.
LOG_VAR_X_MIN = float(np.log(1e-3))


class SmallVAE:
    """A VAE with a continuous latent z ~ N(0, I), a tanh-MLP encoder and decoder, trained with Adam.

    Parameters
    ----------
    latent_dim : int
        Dimension of z.
    hidden : int
        Width of the two hidden layers of the encoder and of the decoder.
    n_steps : int
        Adam steps (one minibatch each).
    batch_size : int
    learning_rate : float
    n_importance : int
        Samples K per point for the importance-sampled estimate of log q_theta(x) in :meth:`score_samples`.
    seed : int
        Seed for the initial weights and the training noise.

    Attributes
    ----------
    mean_, scale_ : ndarray (d,)
        Standardisation used inside the model.
    encoder_ : MLP
        x -> (mu, log s^2) of q(z|x).
    decoder_ : MLP
        z -> (m, log sigma^2) of the decoder q_theta(x|z), in standardised units.
    loss_curve_ : ndarray (n_steps,)
        Negative ELBO of each minibatch, nats per point.

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X = make_moons(300, noise=0.05, random_state=0)[0]
    >>> vae = SmallVAE(n_steps=300).fit(X)
    >>> vae.sample(4, seed=1).shape, vae.transform(X[:3]).shape, vae.score_samples(X[:3]).shape
    ((4, 2), (3, 2), (3,))
    """

    def __init__(
        self,
        latent_dim: int = 2,
        hidden: int = 64,
        n_steps: int = 3000,
        batch_size: int = 128,
        learning_rate: float = 3e-3,
        n_importance: int = 64,
        seed: int = 0,
    ) -> None:
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.n_steps = n_steps
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.n_importance = n_importance
        self.seed = seed

    # --- the two networks -------------------------------------------------------------------
    def _encode(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        out, acts = self.encoder_.forward(x)
        k = self.latent_dim
        return out[:, :k], np.clip(out[:, k:], -12.0, 6.0), acts

    def _standardise(self, X: np.ndarray) -> np.ndarray:
        return (as_points(X, flat=False) - self.mean_) / self.scale_

    # --- training -----------------------------------------------------------------------------
    def fit(self, X: np.ndarray) -> SmallVAE:
        """Maximise the ELBO over encoder and decoder by minibatch Adam. Returns self."""
        X = as_points(X, min_rows=10, flat=False)
        if int(self.latent_dim) < 1 or int(self.hidden) < 1 or int(self.n_steps) < 1:
            raise ValueError("latent_dim, hidden and n_steps must all be positive integers.")
        d, k = X.shape[1], int(self.latent_dim)
        rng = np.random.default_rng(self.seed)
        self.mean_, self.scale_ = standardisation(X)
        Xs = (X - self.mean_) / self.scale_
        self.encoder_ = MLP((d, self.hidden, self.hidden, 2 * k), seed=self.seed)
        self.decoder_ = MLP((k, self.hidden, self.hidden, 2 * d), seed=self.seed + 1)
        opt = Adam(self.encoder_.params + self.decoder_.params, learning_rate=self.learning_rate)
        losses = np.empty(int(self.n_steps))
        b = min(int(self.batch_size), len(Xs))
        warmup = max(1, int(self.n_steps) // 4)
        for step in range(int(self.n_steps)):
            x = Xs[rng.integers(0, len(Xs), size=b)]
            beta = min(1.0, 0.1 + step / warmup)  # KL warm-up: let z carry information first
            loss, grads = self._loss_and_grads(x, rng, beta)
            losses[step] = loss
            opt.step(grads)
        self.loss_curve_ = losses
        return self

    def _decode(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        out, acts = self.decoder_.forward(z)
        return *self._mean_and_log_var(out), acts

    def _decode_only(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_decode`'s mean and log-variance for many latent points (:meth:`MLP.predict`: in blocks)."""
        return self._mean_and_log_var(self.decoder_.predict(z))

    @staticmethod
    def _mean_and_log_var(out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The decoder's output split into the mean of q(x|z) and its (clipped) log-variance."""
        d = out.shape[1] // 2
        return out[:, :d], np.clip(out[:, d:], LOG_VAR_X_MIN, 2.0)

    def _loss_and_grads(
        self, x: np.ndarray, rng: np.random.Generator, beta: float = 1.0
    ) -> tuple[float, list[np.ndarray]]:
        """Negative ELBO of a minibatch (nats/point) and the gradient of recon + beta * KL.

        beta < 1 only during the warm-up; the gradient flows through z = mu + s * eps (the
        reparameterisation trick).
        """
        b = len(x)
        mu, log_var, enc_acts = self._encode(x)
        eps = rng.standard_normal(mu.shape)
        std = np.exp(0.5 * log_var)
        z = mu + std * eps
        x_mean, x_log_var, dec_acts = self._decode(z)
        recon = -diagonal_normal_logpdf(x, x_mean, x_log_var)  # -log q_theta(x|z)
        kl = 0.5 * (mu**2 + np.exp(log_var) - 1.0 - log_var).sum(axis=1)
        loss = float((recon + kl).mean())
        # backward pass; every gradient is divided by b because the loss is a mean over the batch
        inv_var = np.exp(-x_log_var)
        g_xmean = -(x - x_mean) * inv_var / b
        g_xlogvar = 0.5 * (1.0 - (x - x_mean) ** 2 * inv_var) / b
        g_xlogvar[x_log_var <= LOG_VAR_X_MIN] = 0.0  # the clip is flat there
        dec_grads, g_z = self.decoder_.backward(dec_acts, np.hstack([g_xmean, g_xlogvar]))
        g_mu = g_z + beta * mu / b
        g_log_var = g_z * eps * 0.5 * std + beta * 0.5 * (np.exp(log_var) - 1.0) / b
        enc_grads, _ = self.encoder_.backward(enc_acts, np.hstack([g_mu, g_log_var]))
        return loss, enc_grads + dec_grads

    # --- using the fitted model -----------------------------------------------------------------
    def transform(self, X: np.ndarray) -> np.ndarray:
        """The latent code of each point: the encoder mean E_q[z | x], shape (n, latent_dim)."""
        return self._encode(self._standardise(X))[0]

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Ancestral sampling z ~ N(0, I), x ~ q_theta(x | z); shape (n, d); the same seed gives the same points."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((int(n), int(self.latent_dim)))
        x_mean, x_log_var, _ = self._decode(z)
        x = x_mean + np.exp(0.5 * x_log_var) * rng.standard_normal(x_mean.shape)
        return x * self.scale_ + self.mean_

    def _log_weights(self, X: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """log q_theta(x|z_k) + log p(z_k) - log q_phi(z_k|x) for z_k ~ q_phi(z|x): shape (n, k). Also the ELBO's KL."""
        rng = np.random.default_rng(seed)
        xs = self._standardise(X)
        mu, log_var, _ = self._encode(xs)
        z = mu[:, None, :] + np.exp(0.5 * log_var)[:, None, :] * rng.standard_normal((len(xs), k, mu.shape[1]))
        x_mean, x_log_var = self._decode_only(z.reshape(-1, mu.shape[1]))  # n * k rows: in blocks, no activations
        shape = (len(xs), k, xs.shape[1])
        log_px_z = diagonal_normal_logpdf(xs[:, None, :], x_mean.reshape(shape), x_log_var.reshape(shape))
        log_pz = standard_normal_logpdf(z)
        log_qz = diagonal_normal_logpdf(z, mu[:, None, :], log_var[:, None, :])
        return log_px_z + log_pz - log_qz, np.log(self.scale_).sum()

    def score_samples(self, X: np.ndarray, seed: int = 0, chunk: int = 1024) -> np.ndarray:
        r"""An *estimate* of the model's log q_theta(x) in nats per point (importance sampling with the encoder).

        .. math:: \log q_\theta(x) \approx \log \frac1K \sum_{k=1}^K
                  \frac{q_\theta(x \mid z_k)\,p(z_k)}{q_\phi(z_k \mid x)}, \qquad z_k \sim q_\phi(z \mid x)

        with K = ``n_importance``. The average inside the log is unbiased for q_theta(x), so the estimate
        of log q_theta(x) is slightly low on average (Jensen) and tightens as K grows (Burda et al. 2016).
        Unlike the Gaussian mixture, this is not exact: the integral over z has no closed form.
        """
        X = as_points(X, flat=False)
        k = int(self.n_importance)
        out = np.empty(len(X))
        for start in range(0, len(X), chunk):
            log_w, log_det = self._log_weights(X[start : start + chunk], k, seed + start)
            out[start : start + chunk] = logsumexp(log_w, axis=1) - np.log(k) - log_det
        return out

    def elbo(self, X: np.ndarray, seed: int = 0) -> np.ndarray:
        """The evidence lower bound per point (nats), estimated with K samples: ELBO <= log q_theta(x)."""
        X = as_points(X, flat=False)
        log_w, log_det = self._log_weights(X, int(self.n_importance), seed)
        return log_w.mean(axis=1) - log_det
