"""An implicit generative model: a generator x = g(z) trained without any likelihood.

The slide's "learn transformation from noise to data, no explicit p(x)": draw noise z ~ N(0, I) and
push it through a neural network g. The samples have *some* distribution, but nothing in the model
can say how likely a given point is: there is no ``score_samples``.

So how can g be trained? A GAN trains a discriminator to tell real from generated points and
trains g to fool it. A simpler, stable relative used here (a "generative moment matching network",
Li et al. 2015) directly minimises a distance between the generated cloud and a data minibatch.
The distance is the energy distance of ``core.sample_quality`` (squared form),

    D^2 = 2 E||g(z) - x|| - E||g(z) - g(z')|| - E||x - x'||,

whose gradient with respect to each generated point is a sum of unit vectors: pulled towards data,
pushed away from the other generated points (so the samples spread out instead of collapsing).
"""

from __future__ import annotations

import numpy as np

from core.nn import MLP, Adam
from core.validation import as_points, check_n_seed, standardisation


def _distances_and_unit_sums(A: np.ndarray, B: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean of all distances ||a_i - b_j||, and for each a_i the sum of unit vectors (a_i - b_j) / ||a_i - b_j||.

    One (n, m) array per coordinate instead of an (n, m, d) array: about five times faster for 2-D points,
    which is what lets the generator train for thousands of steps in a couple of seconds. Coinciding points
    (distance 0, e.g. a point with itself) contribute no direction.
    """
    diffs = [A[:, k, None] - B[None, :, k] for k in range(A.shape[1])]
    dist = np.sqrt(sum(d * d for d in diffs))
    inverse = np.divide(1.0, dist, out=np.zeros_like(dist), where=dist > 1e-12)
    return float(dist.mean()), np.stack([(d * inverse).sum(axis=1) for d in diffs], axis=1)


def energy_distance_grad(G: np.ndarray, X: np.ndarray) -> tuple[float, np.ndarray]:
    r"""Squared energy distance between generated points G (n, d) and data X (m, d), and dD^2/dG.

    .. math:: \frac{\partial D^2}{\partial g_i} = \frac{2}{nm}\sum_j \frac{g_i - x_j}{\|g_i - x_j\|}
              - \frac{2}{n^2}\sum_k \frac{g_i - g_k}{\|g_i - g_k\|}

    Returns
    -------
    (float, ndarray of shape (n, d))
        D^2 (squared data units; can be slightly negative only through rounding) and its gradient.

    Examples
    --------
    >>> d2, grad = energy_distance_grad(np.array([[0.0, 0.0]]), np.array([[3.0, 4.0]]))
    >>> round(d2, 6), grad.round(2).tolist()
    (10.0, [[-1.2, -1.6]])
    """
    G, X = np.asarray(G, dtype=float), np.asarray(X, dtype=float)
    n, m = len(G), len(X)
    mean_gx, units_gx = _distances_and_unit_sums(G, X)
    mean_gg, units_gg = _distances_and_unit_sums(G, G)
    mean_xx = _distances_and_unit_sums(X, X)[0]
    d2 = 2.0 * mean_gx - mean_gg - mean_xx
    grad = 2.0 / (n * m) * units_gx - 2.0 / (n * n) * units_gg
    return float(d2), grad


def cosine_learning_rate(step: int, n_steps: int, start: float, end: float) -> float:
    r"""Step size at ``step`` of ``n_steps`` on a cosine from ``start`` down to ``end``.

    .. math:: \eta_s = \eta_{end} + \tfrac12(\eta_{start} - \eta_{end})\,(1 + \cos(\pi s / S))

    Examples
    --------
    >>> [round(cosine_learning_rate(s, 4, 1.0, 0.0), 3) for s in range(5)]
    [1.0, 0.854, 0.5, 0.146, 0.0]
    """
    return float(end + 0.5 * (start - end) * (1.0 + np.cos(np.pi * step / max(int(n_steps), 1))))


class ImplicitGenerator:
    """Generator x = g(z), z ~ N(0, I), trained by minimising the energy distance to the data.

    A generative moment-matching network (GMMN): the distance is fixed, there is no discriminator, so it is not a
    GAN (a GAN trains the same kind of generator adversarially). It can sample, but has no density q(x) (no
    ``score_samples``) and no encoder (no way back from x to z).

    Parameters
    ----------
    latent_dim : int
        Dimension of the input noise z.
    hidden : int
        Width of the two tanh hidden layers of g.
    n_steps : int
        Adam steps; each compares ``batch_size`` generated points with ``batch_size`` data points.
    batch_size : int
    learning_rate, learning_rate_end : float
        Adam's step size falls from ``learning_rate`` to ``learning_rate_end`` along a cosine
        (:func:`cosine_learning_rate`): big steps first find the shape of the data, small steps at the end
        stop the noise of the minibatches from blurring it (``learning_rate_end`` is capped at
        ``learning_rate``).
    seed : int

    Attributes
    ----------
    generator_ : MLP
        g, in standardised units.
    mean_, scale_ : ndarray (d,)
        Standardisation used inside the model.
    loss_curve_ : ndarray (n_steps,)
        The minibatch energy distance D at each step, in standardised units (each column of the data
        scaled to sd 1): the only training signal this model ever sees. Two minibatches of real data
        are not at distance 0 either; :meth:`loss_floor` says where a perfect generator would level off.

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X = make_moons(300, noise=0.05, random_state=0)[0]
    >>> gen = ImplicitGenerator(n_steps=50).fit(X)
    >>> gen.sample(3, seed=0).shape, hasattr(gen, "score_samples")
    ((3, 2), False)
    """

    def __init__(
        self,
        latent_dim: int = 3,
        hidden: int = 64,
        n_steps: int = 3000,
        batch_size: int = 128,
        learning_rate: float = 5e-3,
        learning_rate_end: float = 2.5e-4,
        seed: int = 0,
    ) -> None:
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.n_steps = n_steps
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_end = learning_rate_end
        self.seed = seed

    def fit(self, X: np.ndarray) -> ImplicitGenerator:
        """Train g so that its samples match the data in energy distance. Returns self."""
        X = as_points(X, min_rows=10, flat=False)
        if int(self.latent_dim) < 1 or int(self.hidden) < 1 or int(self.n_steps) < 1:
            raise ValueError("latent_dim, hidden and n_steps must all be positive integers.")
        if not (float(self.learning_rate) > 0 and float(self.learning_rate_end) >= 0):
            raise ValueError(
                f"learning_rate must be positive and learning_rate_end at least 0 (got "
                f"{self.learning_rate} and {self.learning_rate_end})."
            )
        lr_end = min(float(self.learning_rate_end), float(self.learning_rate))
        rng = np.random.default_rng(self.seed)
        self.mean_, self.scale_ = standardisation(X)
        Xs = (X - self.mean_) / self.scale_
        self.generator_ = MLP((int(self.latent_dim), self.hidden, self.hidden, X.shape[1]), seed=self.seed)
        opt = Adam(self.generator_.params, learning_rate=self.learning_rate)
        b = min(int(self.batch_size), len(Xs))
        losses = np.empty(int(self.n_steps))
        for step in range(int(self.n_steps)):
            opt.learning_rate = cosine_learning_rate(step, int(self.n_steps), self.learning_rate, lr_end)
            z = rng.standard_normal((b, int(self.latent_dim)))
            g, acts = self.generator_.forward(z)
            d2, grad = energy_distance_grad(g, Xs[rng.integers(0, len(Xs), size=b)])
            losses[step] = np.sqrt(max(d2, 0.0))
            opt.step(self.generator_.backward(acts, grad)[0])
        self.loss_curve_ = losses
        return self

    def loss_floor(self, X: np.ndarray, n_pairs: int = 32, seed: int = 0) -> float:
        """Mean energy distance between two independent minibatches of real data X (standardised units).

        Minibatches are small, so even a perfect generator's training curve levels off here, not at 0.
        """
        X = as_points(X, min_rows=4, flat=False)
        Xs = (X - self.mean_) / self.scale_
        rng = np.random.default_rng(seed)
        b = min(int(self.batch_size), len(Xs))
        values = [
            np.sqrt(max(energy_distance_grad(Xs[rng.integers(0, len(Xs), b)], Xs[rng.integers(0, len(Xs), b)])[0], 0.0))
            for _ in range(int(n_pairs))
        ]
        return float(np.mean(values))

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Push n noise vectors through g: shape (n, d); the same seed gives the same points."""
        check_n_seed(n, seed)
        z = np.random.default_rng(seed).standard_normal((int(n), int(self.latent_dim)))
        return self.generator_.forward(z)[0] * self.scale_ + self.mean_
