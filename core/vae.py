"""A small variational autoencoder (VAE): a prescribed latent-variable model with a *continuous* z.

The generative story is the slide's "explicit latent z with known prior p(z), learn p(x|z)":

    z ~ N(0, I)                                   (prior p(z), fixed)
    x | z ~ N(m(z), diag(sigma(z)^2))             (decoder p(x|z), learned: an MLP outputs m and log sigma^2)

Now p(x) = integral p(x|z) p(z) dz has no closed form (the "core challenge" of the lecture). A VAE
therefore also learns an encoder q(z|x) = N(mu(x), diag(s(x)^2)) and maximises the evidence lower
bound (ELBO), in nats per point:

    ELBO(x) = E_q[log p(x|z)] - KL(q(z|x) || p(z))  <=  log p(x).

Everything is plain numpy: a tiny tanh :class:`MLP` with hand-written backpropagation and the
:class:`Adam` optimiser, both short enough to read in one sitting (``core.implicit`` reuses them).
Data are standardised inside ``fit``; densities are mapped back with the change-of-variables
factor, so ``score_samples`` is a density of the original x.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp
from threadpoolctl import threadpool_limits

from core.mixture import check_n_seed, check_points

LOG_2PI = float(np.log(2.0 * np.pi))
#: Smallest decoder log-variance (standardised units): keeps p(x|z) from collapsing onto a point.
LOG_VAR_X_MIN = float(np.log(1e-3))


class MLP:
    """A multilayer perceptron ``x -> tanh(x W1 + b1) -> ... -> h W_L + b_L`` (linear last layer).

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, e.g. ``(2, 64, 64, 4)``.
    seed : int
        Seed for the initial weights (scaled so tanh units start in their linear range).

    Examples
    --------
    >>> net = MLP((3, 8, 2), seed=0)
    >>> y, acts = net.forward(np.ones((5, 3)))
    >>> y.shape, len(net.params)
    ((5, 2), 4)
    """

    def __init__(self, sizes: tuple[int, ...], seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.params: list[np.ndarray] = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
            self.params += [rng.normal(0.0, 1.0 / np.sqrt(fan_in), (fan_in, fan_out)), np.zeros(fan_out)]

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Output for inputs x (n, d_in), and the activations that :meth:`backward` needs."""
        acts = [x]
        n_layers = len(self.params) // 2
        for i in range(n_layers):
            x = x @ self.params[2 * i] + self.params[2 * i + 1]
            if i < n_layers - 1:
                x = np.tanh(x)
            acts.append(x)
        return x, acts

    def backward(self, acts: list[np.ndarray], grad_out: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        """Chain rule from dLoss/dOutput back to (dLoss/dParams, dLoss/dInput)."""
        grads: list[np.ndarray] = [np.empty(0)] * len(self.params)
        g = grad_out
        for i in reversed(range(len(self.params) // 2)):
            grads[2 * i] = acts[i].T @ g
            grads[2 * i + 1] = g.sum(axis=0)
            g = g @ self.params[2 * i].T
            if i > 0:
                g = g * (1.0 - acts[i] ** 2)        # tanh'(a) = 1 - tanh(a)^2
        return grads, g


class Adam:
    """The Adam optimiser (Kingma & Ba 2015): per-parameter step sizes from running gradient moments.

    ``step(grads)`` updates the parameter arrays it was given *in place*.

    Examples
    --------
    Minimise (p - 3)^2 from p = 0:

    >>> p = np.zeros(1)
    >>> opt = Adam([p], learning_rate=0.1)
    >>> for _ in range(300):
    ...     opt.step([2 * (p - 3)])
    >>> round(float(p[0]), 2)
    3.0
    """

    def __init__(self, params: list[np.ndarray], learning_rate: float = 1e-3,
                 beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.params, self.learning_rate = params, learning_rate
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        c1, c2 = 1.0 - self.beta1 ** self.t, 1.0 - self.beta2 ** self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            p -= self.learning_rate * (m / c1) / (np.sqrt(v / c2) + self.eps)


def gaussian_log_pdf(x: np.ndarray, mean: np.ndarray, log_var: np.ndarray) -> np.ndarray:
    r"""log N(x; mean, diag(exp(log_var))) summed over the last axis, in nats.

    .. math:: -\tfrac12 \sum_j \left[\log 2\pi + \log\sigma_j^2 + (x_j - \mu_j)^2 / \sigma_j^2\right]

    Examples
    --------
    >>> round(float(gaussian_log_pdf(np.zeros(2), np.zeros(2), np.zeros(2))), 4)   # -log(2 pi)
    -1.8379
    """
    return -0.5 * (LOG_2PI + log_var + (x - mean) ** 2 / np.exp(log_var)).sum(axis=-1)


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
        Samples K per point for the importance-sampled estimate of log p(x) in :meth:`score_samples`.
    seed : int
        Seed for the initial weights and the training noise.

    Attributes
    ----------
    mean_, scale_ : ndarray (d,)
        Standardisation used inside the model.
    encoder_ : MLP
        x -> (mu, log s^2) of q(z|x).
    decoder_ : MLP
        z -> (m, log sigma^2) of p(x|z), in standardised units.
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

    def __init__(self, latent_dim: int = 2, hidden: int = 64, n_steps: int = 3000, batch_size: int = 128,
                 learning_rate: float = 3e-3, n_importance: int = 64, seed: int = 0) -> None:
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
        return (check_points(X, min_rows=1) - self.mean_) / self.scale_

    # --- training -----------------------------------------------------------------------------
    def fit(self, X: np.ndarray) -> SmallVAE:
        """Maximise the ELBO over encoder and decoder by minibatch Adam. Returns self."""
        X = check_points(X, min_rows=10)
        if int(self.latent_dim) < 1 or int(self.hidden) < 1 or int(self.n_steps) < 1:
            raise ValueError("latent_dim, hidden and n_steps must all be positive integers.")
        d, k = X.shape[1], int(self.latent_dim)
        rng = np.random.default_rng(self.seed)
        self.mean_, self.scale_ = X.mean(axis=0), np.where(X.std(axis=0) > 0, X.std(axis=0), 1.0)
        Xs = (X - self.mean_) / self.scale_
        self.encoder_ = MLP((d, self.hidden, self.hidden, 2 * k), seed=self.seed)
        self.decoder_ = MLP((k, self.hidden, self.hidden, 2 * d), seed=self.seed + 1)
        opt = Adam(self.encoder_.params + self.decoder_.params, learning_rate=self.learning_rate)
        losses = np.empty(int(self.n_steps))
        b = min(int(self.batch_size), len(Xs))
        warmup = max(1, int(self.n_steps) // 4)
        with threadpool_limits(1):                  # tiny matrices: one BLAS thread is fastest
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
        d = out.shape[1] // 2
        return out[:, :d], np.clip(out[:, d:], LOG_VAR_X_MIN, 2.0), acts

    def _loss_and_grads(self, x: np.ndarray, rng: np.random.Generator, beta: float = 1.0
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
        recon = -gaussian_log_pdf(x, x_mean, x_log_var)        # -log p(x|z)
        kl = 0.5 * (mu ** 2 + np.exp(log_var) - 1.0 - log_var).sum(axis=1)
        loss = float((recon + kl).mean())
        # backward pass; every gradient is divided by b because the loss is a mean over the batch
        inv_var = np.exp(-x_log_var)
        g_xmean = -(x - x_mean) * inv_var / b
        g_xlogvar = 0.5 * (1.0 - (x - x_mean) ** 2 * inv_var) / b
        g_xlogvar[x_log_var <= LOG_VAR_X_MIN] = 0.0             # the clip is flat there
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
        """Ancestral sampling z ~ N(0, I), x ~ p(x | z); shape (n, d); the same seed gives the same points."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((int(n), int(self.latent_dim)))
        with threadpool_limits(1):
            x_mean, x_log_var, _ = self._decode(z)
        x = x_mean + np.exp(0.5 * x_log_var) * rng.standard_normal(x_mean.shape)
        return x * self.scale_ + self.mean_

    def _log_weights(self, X: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """log p(x|z_k) + log p(z_k) - log q(z_k|x) for z_k ~ q(z|x): shape (n, k). Also the ELBO's KL."""
        rng = np.random.default_rng(seed)
        xs = self._standardise(X)
        mu, log_var, _ = self._encode(xs)
        z = mu[:, None, :] + np.exp(0.5 * log_var)[:, None, :] * rng.standard_normal((len(xs), k, mu.shape[1]))
        x_mean, x_log_var, _ = self._decode(z.reshape(-1, mu.shape[1]))
        shape = (len(xs), k, xs.shape[1])
        log_px_z = gaussian_log_pdf(xs[:, None, :], x_mean.reshape(shape), x_log_var.reshape(shape))
        log_pz = gaussian_log_pdf(z, np.zeros_like(z), np.zeros_like(z))
        log_qz = gaussian_log_pdf(z, mu[:, None, :], log_var[:, None, :])
        return log_px_z + log_pz - log_qz, np.log(self.scale_).sum()

    def score_samples(self, X: np.ndarray, seed: int = 0, chunk: int = 1024) -> np.ndarray:
        r"""An *estimate* of log p(x) in nats per point (importance sampling with the encoder).

        .. math:: \log p(x) \approx \log \frac1K \sum_{k=1}^K
                  \frac{p(x \mid z_k)\,p(z)}{q(z_k \mid x)}, \qquad z_k \sim q(z \mid x)

        with K = ``n_importance``. The average inside the log is unbiased for p(x), so the estimate
        of log p(x) is slightly low on average (Jensen) and tightens as K grows (Burda et al. 2016).
        Unlike the Gaussian mixture, this is not exact: the integral over z has no closed form.
        """
        X = check_points(X, min_rows=1)
        k = int(self.n_importance)
        out = np.empty(len(X))
        with threadpool_limits(1):
            for start in range(0, len(X), chunk):
                log_w, log_det = self._log_weights(X[start:start + chunk], k, seed + start)
                out[start:start + chunk] = logsumexp(log_w, axis=1) - np.log(k) - log_det
        return out

    def elbo(self, X: np.ndarray, seed: int = 0) -> np.ndarray:
        """The evidence lower bound per point (nats), estimated with K samples: ELBO <= log p(x)."""
        X = check_points(X, min_rows=1)
        with threadpool_limits(1):
            log_w, log_det = self._log_weights(X, int(self.n_importance), seed)
        return log_w.mean(axis=1) - log_det
