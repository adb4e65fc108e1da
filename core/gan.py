r"""A generative adversarial network (GAN) on 2-D points: a generator g(z) and a discriminator D(x), trained
against each other (Goodfellow et al. 2014), in plain numpy on the project's one MLP (``core.nn``).

The slide's implicit model, "learn transformation from noise to data, no explicit p(x)": draw noise
:math:`z \sim \mathcal N(0, I)` and push it through the generator, :math:`x = g_\theta(z)`. Nothing in the model
can say how likely a point is (there is no ``score_samples``); instead a second network, the discriminator
:math:`D_\psi(x) = \sigma(\ell_\psi(x))`, outputs the probability that x is a real data point rather than a
generated one (:math:`\ell_\psi` is an MLP's output, the *logit*, and :math:`\sigma(\ell) = 1/(1 + e^{-\ell})`).

The two take turns on minibatches of m data points :math:`y_i \sim p` and m generated points :math:`g(z_i)`. In
bits (``log2``; one bit = ln 2 nats):

.. math:: L_D = -\frac1m\sum_i \log_2 D(y_i) - \frac1m\sum_i \log_2\big(1 - D(g(z_i))\big)
          \qquad \text{(D learns to say 1 on data, 0 on samples)}

.. math:: L_G = -\frac1m\sum_i \log_2 D(g(z_i))
          \qquad \text{(the non-saturating generator loss: g learns to be called real)}

The original minimax game has g *minimise* :math:`\frac1m\sum\log_2(1 - D(g(z)))`, whose gradient vanishes exactly
when D confidently rejects the samples (early in training); :math:`L_G` has the same fixed point and a strong
gradient there. If g matched the data perfectly, the best D could do is say 1/2 everywhere: then
:math:`L_D = 2` bits and :math:`L_G = 1` bit.

The generator never sees a data point: it learns only through :math:`\partial L_G / \partial x` at its own
samples, which :meth:`GAN.generator_gradient` returns (GAN Lab draws it as arrows). A generator that finds one
region D cannot yet reject may put all its samples there (*mode collapse*); :func:`mode_shares` and
:func:`modes_covered` count how many of a mixture's components the samples reach.
"""

from __future__ import annotations

import copy
import inspect
import json
from pathlib import Path

import numpy as np

from core import datasets
from core.nn import MLP, Adam
from core.sample_quality import energy_distance
from core.validation import as_points, check_n_seed, standardisation

LN2 = float(np.log(2.0))
#: The centres and the standard deviation of the three Gaussian blobs of ``core.datasets.density_2d("mixture")``
#: (noise 0.1): the modes that :func:`modes_covered` counts for the app's mixture data (``tests/test_gan.py`` checks
#: them against draws of the data set).
MIXTURE_CENTRES = ((-1.5, -1.0), (1.5, -1.0), (0.0, 1.5))
MIXTURE_SD = 0.45

# ----------------------------------------------------------------------------- the shipped runs

#: The data every shipped GAN learns: ``core.datasets.density_2d(DATA_SET, N_TRAIN, seed=DATA_SEED)``, the app's three
#: Gaussian blobs (weights 0.40, 0.35, 0.25). It is scored on an independent draw of ``N_HELD`` points (seed
#: ``DATA_SEED + HELD_OFFSET``, as on the page "Different approaches"); a third draw (``+ 2 * HELD_OFFSET``) is real
#: data scored the same way, the best any generator can do.
DATA_SET, N_TRAIN, N_HELD, DATA_SEED, HELD_OFFSET = "mixture", 500, 500, 0, 5000
#: Samples drawn at every snapshot to score it, and the seed of their noise (the same z at every snapshot).
N_EVAL, EVAL_SEED = 500, 1
#: A sample belongs to a blob when it is nearest that blob's centre and within 3 standard deviations of it; a blob
#: is covered when it receives at least 10 % of the samples (the data's own blobs hold 25 to 40 %).
MODE_RADIUS, MIN_SHARE = 3 * MIXTURE_SD, 0.10
#: The two shipped runs: the same networks, data and seed; only the generator's learning rate differs (20 times
#: larger in "collapses"). Found by a search over learning rates, Adam's beta1, widths and seeds
#: (``scripts/train_gan.py`` lists it). The collapsing run hops from blob to blob about every 20 steps, so it also
#: keeps a snapshot every 5 steps from step 1,400 to 1,600 (about three rounds of the chase).
PRESETS: dict[str, dict] = {
    "converges": dict(learning_rate_g=5e-4, learning_rate_d=5e-4, n_steps=3000, snapshot_every=50, seed=0),
    "collapses": dict(
        learning_rate_g=1e-2,
        learning_rate_d=5e-4,
        n_steps=3000,
        snapshot_every=50,
        snapshot_zoom=(1400, 1600, 5),
        seed=0,
    ),
}
#: Where ``scripts/train_gan.py`` writes the runs: ``<preset>.npz`` (snapshots) and ``<preset>.json`` (numbers).
DATA_DIR = Path(__file__).resolve().parent / "data" / "gan"


def _softplus(a: np.ndarray) -> np.ndarray:
    """log(1 + e^a), without overflow: -log σ(-a)."""
    return np.logaddexp(0.0, a)


def _sigmoid(a: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^-a), without overflow."""
    return np.exp(-_softplus(-a))


def discriminator_loss(
    discriminator: MLP, real: np.ndarray, fake: np.ndarray
) -> tuple[float, list[np.ndarray], float, float]:
    r"""The discriminator's loss on one minibatch, in bits, and its gradient with respect to D's parameters.

    .. math:: L_D = -\frac1m\sum_i \log_2 \sigma(\ell(y_i)) - \frac1n\sum_j \log_2\big(1 - \sigma(\ell(x_j))\big),
              \qquad \frac{\partial L_D}{\partial \ell(y_i)} = \frac{\sigma(\ell(y_i)) - 1}{m \ln 2},\;\;
              \frac{\partial L_D}{\partial \ell(x_j)} = \frac{\sigma(\ell(x_j))}{n \ln 2}

    Parameters
    ----------
    discriminator : MLP
        Maps points (k, 2) to logits (k, 1).
    real, fake : ndarray of shape (m, d) and (n, d)
        Data points y and generated points x = g(z) (in the units D sees).

    Returns
    -------
    (loss, grads, mean D(real), mean D(fake))
        ``loss`` in bits per pair of points (2 bits when D says 1/2 everywhere); ``grads`` in the order of
        ``discriminator.params``.

    Examples
    --------
    A discriminator that says 1/2 everywhere (all weights 0) pays 1 bit on each side:

    >>> D = MLP((2, 4, 1), seed=0)
    >>> for p in D.params:
    ...     p[...] = 0.0
    >>> loss, grads, on_real, on_fake = discriminator_loss(D, np.ones((3, 2)), np.zeros((5, 2)))
    >>> round(loss, 6), on_real, on_fake
    (2.0, 0.5, 0.5)
    """
    both = np.vstack([real, fake])
    logits, acts = discriminator.forward(both)
    l_real, l_fake = logits[: len(real), 0], logits[len(real) :, 0]
    loss = (float(np.mean(_softplus(-l_real))) + float(np.mean(_softplus(l_fake)))) / LN2
    d_real, d_fake = _sigmoid(l_real), _sigmoid(l_fake)
    grad_logits = np.concatenate([(d_real - 1.0) / len(real), d_fake / len(fake)])[:, None] / LN2
    grads, _ = discriminator.backward(acts, grad_logits)
    return loss, grads, float(d_real.mean()), float(d_fake.mean())


def generator_loss(
    generator: MLP, discriminator: MLP, z: np.ndarray
) -> tuple[float, list[np.ndarray], np.ndarray, np.ndarray]:
    r"""The non-saturating generator loss on noise z, in bits, and its gradients.

    .. math:: L_G = -\frac1n\sum_j \log_2 \sigma(\ell(g(z_j))), \qquad
              \frac{\partial L_G}{\partial x_j} = -\frac{1 - D(x_j)}{n \ln 2}\,\nabla_x \ell(x_j)
              \quad (x_j = g(z_j)),

    then through g by the chain rule (:meth:`core.nn.MLP.backward`). D's parameters are held fixed.

    Returns
    -------
    (loss, grads, grad_x, x)
        ``loss`` in bits per sample (1 bit when D says 1/2), ``grads`` with respect to the generator's parameters,
        ``grad_x`` (n, d) = :math:`\partial L_G / \partial x_j` at each sample, ``x`` the samples g(z).

    Examples
    --------
    >>> G, D = MLP((2, 8, 2), seed=0), MLP((2, 8, 1), seed=1)
    >>> loss, grads, grad_x, x = generator_loss(G, D, np.random.default_rng(0).normal(size=(6, 2)))
    >>> loss > 0, [g.shape for g in grads] == [p.shape for p in G.params], grad_x.shape, x.shape
    (True, True, (6, 2), (6, 2))
    """
    x, g_acts = generator.forward(z)
    logits, d_acts = discriminator.forward(x)
    l_fake = logits[:, 0]
    loss = float(np.mean(_softplus(-l_fake))) / LN2
    grad_logits = ((_sigmoid(l_fake) - 1.0) / len(z))[:, None] / LN2
    _, grad_x = discriminator.backward(d_acts, grad_logits)
    grads, _ = generator.backward(g_acts, grad_x)
    return loss, grads, grad_x, x


def _flat(params: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([p.ravel() for p in params])


def _unflat(net: MLP, vector: np.ndarray) -> None:
    """Write a flat parameter vector into ``net.params`` (in place, in their order)."""
    start = 0
    for p in net.params:
        p[...] = np.asarray(vector[start : start + p.size], float).reshape(p.shape)
        start += p.size


class GAN:
    r"""A GAN on 2-D points: generator x = g(z), z ~ N(0, I), against a discriminator D(x) = P(real | x).

    Both are tanh (or ReLU) MLPs of ``core.nn`` trained with Adam. Each training step updates D ``d_steps`` times
    on fresh minibatches (loss :func:`discriminator_loss`), then g once (the non-saturating loss
    :func:`generator_loss`). Data are standardised inside ``fit``; samples come back in the data's units.

    Parameters
    ----------
    latent_dim : int
        Dimension of the noise z.
    hidden : int
        Width of the two hidden layers of g and of D.
    n_steps : int
        Training steps (each: ``d_steps`` updates of D, one of g).
    batch_size : int
        Data points and generated points per minibatch.
    learning_rate_g, learning_rate_d : float
        Adam's step sizes for g and D.
    beta1 : float
        Adam's first-moment decay (0.5 is the usual choice for GANs, Radford et al. 2016).
    d_steps : int
        Discriminator updates per generator update.
    activation : {"tanh", "relu"}
    snapshot_every : int
        Keep both networks' parameters every this many steps (and before the first and after the last).
    snapshot_zoom : (start, stop, every) or None
        Also keep them every ``every`` steps from step ``start`` to ``stop`` (to watch fast changes closely).
    seed : int
        Seed of the initial weights and of every minibatch.

    Attributes
    ----------
    generator_, discriminator_ : MLP
        g and D after training (in standardised units).
    mean_, scale_ : ndarray (d,)
        Standardisation used inside the model.
    d_loss_, g_loss_ : ndarray (n_steps,)
        :math:`L_D` and :math:`L_G` in bits on each step's minibatch (2 and 1 bit when D is left guessing).
    d_real_, d_fake_ : ndarray (n_steps,)
        Mean D(x) on the step's data and generated points.
    snapshot_steps_ : ndarray of int (S,)
        Steps after which the parameters were kept (0: the initial networks).
    g_snapshots_, d_snapshots_ : ndarray (S, n_parameters)
        The parameters of g and of D at those steps, flattened in ``params`` order (:meth:`at` restores them).

    Examples
    --------
    >>> X = np.random.default_rng(0).normal(size=(300, 2)) * [2.0, 0.5] + [1.0, 0.0]
    >>> gan = GAN(n_steps=60, snapshot_every=20, snapshot_zoom=(40, 50, 5)).fit(X)
    >>> gan.snapshot_steps_.tolist(), gan.d_loss_.shape
    ([0, 20, 40, 45, 50, 60], (60,))
    >>> gan.sample(4, seed=0).shape, hasattr(gan, "score_samples")
    ((4, 2), False)
    >>> p_real = gan.discriminate(X[:5])
    >>> bool(np.all((p_real > 0) & (p_real < 1)))
    True
    """

    def __init__(
        self,
        latent_dim: int = 2,
        hidden: int = 32,
        n_steps: int = 2000,
        batch_size: int = 128,
        learning_rate_g: float = 1e-3,
        learning_rate_d: float = 1e-3,
        beta1: float = 0.5,
        d_steps: int = 1,
        activation: str = "tanh",
        snapshot_every: int = 50,
        snapshot_zoom: tuple[int, int, int] | None = None,
        seed: int = 0,
    ) -> None:
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.n_steps = n_steps
        self.batch_size = batch_size
        self.learning_rate_g = learning_rate_g
        self.learning_rate_d = learning_rate_d
        self.beta1 = beta1
        self.d_steps = d_steps
        self.activation = activation
        self.snapshot_every = snapshot_every
        self.snapshot_zoom = None if snapshot_zoom is None else tuple(int(v) for v in snapshot_zoom)
        self.seed = seed

    def get_params(self) -> dict:
        """The hyperparameters (the arguments of ``__init__``), as scikit-learn's ``get_params`` gives them."""
        return {name: getattr(self, name) for name in inspect.signature(GAN.__init__).parameters if name != "self"}

    def _check(self) -> None:
        whole = ("latent_dim", "hidden", "n_steps", "batch_size", "d_steps", "snapshot_every")
        bad = [name for name in whole if int(getattr(self, name)) < 1]
        if bad:
            raise ValueError(f"{', '.join(bad)} must be positive whole numbers.")
        if not (float(self.learning_rate_g) > 0 and float(self.learning_rate_d) > 0):
            raise ValueError(
                f"Both learning rates must be positive (got {self.learning_rate_g} for g, {self.learning_rate_d} "
                "for D)."
            )
        zoom = self.snapshot_zoom
        if zoom is not None and not (len(zoom) == 3 and 0 <= zoom[0] <= zoom[1] and zoom[2] >= 1):
            raise ValueError(
                f"snapshot_zoom must be (start, stop, every) with 0 <= start <= stop, every >= 1 (got {zoom})."
            )
        if not 0.0 <= float(self.beta1) < 1.0:
            raise ValueError(f"beta1 must be in [0, 1) (got {self.beta1}).")

    def _keeps(self, step: int) -> bool:
        """True if the parameters after ``step`` steps are kept as a snapshot."""
        if step % int(self.snapshot_every) == 0 or step == int(self.n_steps):
            return True
        if self.snapshot_zoom is None:
            return False
        start, stop, every = self.snapshot_zoom
        return start <= step <= stop and (step - start) % every == 0

    def _networks(self, dims: int) -> None:
        h = int(self.hidden)
        self.generator_ = MLP((int(self.latent_dim), h, h, dims), seed=self.seed, activation=self.activation)
        self.discriminator_ = MLP((dims, h, h, 1), seed=self.seed + 1, activation=self.activation)

    def fit(self, X: np.ndarray) -> GAN:
        """Train g and D adversarially on the points X (n, d). Returns self."""
        X = as_points(X, min_rows=10, flat=False)
        self._check()
        rng = np.random.default_rng(self.seed)
        self.mean_, self.scale_ = standardisation(X)
        Xs = (X - self.mean_) / self.scale_
        self._networks(X.shape[1])
        G, D = self.generator_, self.discriminator_
        opt_g = Adam(G.params, learning_rate=float(self.learning_rate_g), beta1=float(self.beta1))
        opt_d = Adam(D.params, learning_rate=float(self.learning_rate_d), beta1=float(self.beta1))
        steps, m, k = int(self.n_steps), min(int(self.batch_size), len(Xs)), int(self.latent_dim)
        self.d_loss_, self.g_loss_ = np.empty(steps), np.empty(steps)
        self.d_real_, self.d_fake_ = np.empty(steps), np.empty(steps)
        kept_steps, kept_g, kept_d = [0], [_flat(G.params)], [_flat(D.params)]
        for step in range(steps):
            for _ in range(int(self.d_steps)):
                real = Xs[rng.integers(0, len(Xs), size=m)]
                fake = G.forward(rng.standard_normal((m, k)))[0]
                d_loss, d_grads, on_real, on_fake = discriminator_loss(D, real, fake)
                opt_d.step(d_grads)
            g_loss, g_grads, _, _ = generator_loss(G, D, rng.standard_normal((m, k)))
            opt_g.step(g_grads)
            self.d_loss_[step], self.g_loss_[step] = d_loss, g_loss
            self.d_real_[step], self.d_fake_[step] = on_real, on_fake
            if self._keeps(step + 1):
                kept_steps.append(step + 1)
                kept_g.append(_flat(G.params))
                kept_d.append(_flat(D.params))
        self.snapshot_steps_ = np.array(kept_steps)
        self.g_snapshots_, self.d_snapshots_ = np.array(kept_g), np.array(kept_d)
        return self

    def at(self, index: int) -> GAN:
        """A copy of this GAN with g and D as they were at snapshot ``index`` (after ``snapshot_steps_[index]``
        steps; negative indices count from the end). The copy samples and discriminates like a fitted model.

        Examples
        --------
        >>> X = np.random.default_rng(0).normal(size=(100, 2))
        >>> gan = GAN(n_steps=10, snapshot_every=5).fit(X)
        >>> bool(np.allclose(gan.at(-1).sample(3, seed=1), gan.sample(3, seed=1)))
        True
        """
        steps = self.snapshot_steps_
        if not -len(steps) <= int(index) < len(steps):
            raise ValueError(f"snapshot index must be between 0 and {len(steps) - 1} (got {index}).")
        other = copy.copy(self)
        other._networks(len(self.mean_))
        _unflat(other.generator_, self.g_snapshots_[int(index)])
        _unflat(other.discriminator_, self.d_snapshots_[int(index)])
        return other

    def _noise(self, n: int, seed: int) -> np.ndarray:
        check_n_seed(n, seed)
        return np.random.default_rng(seed).standard_normal((int(n), int(self.latent_dim)))

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Push n noise vectors through g: shape (n, d), in the data's units; the same seed gives the same points."""
        return self.generate(self._noise(n, seed))

    def generate(self, z: np.ndarray) -> np.ndarray:
        """g(z) for given noise z (n, latent_dim), in the data's units."""
        z = as_points(z, dims=int(self.latent_dim), name="z", flat=False)
        return self.generator_.forward(z)[0] * self.scale_ + self.mean_

    def discriminate(self, X: np.ndarray) -> np.ndarray:
        """D(x) = P(real | x) for points X (n, d) in the data's units: shape (n,), each in (0, 1)."""
        X = as_points(X, dims=len(self.mean_), flat=False)
        return _sigmoid(self.discriminator_.forward((X - self.mean_) / self.scale_)[0][:, 0])

    def generator_gradient(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r"""Where the generator's loss pushes each of its samples: the samples x = g(z) and :math:`-\nabla_x`
        of their loss :math:`-\log_2 D(x)`, in the data's units (bits per data unit).

        .. math:: -\nabla_x\big(-\log_2 D(x)\big) = \frac{1 - D(x)}{\ln 2}\,\nabla_x \ell(x)

        Each arrow points uphill on D: towards where the discriminator says "real" more. It is long where D
        confidently rejects the sample (D(x) near 0) and fades where D is fooled (D(x) near 1). The generator's
        update moves its parameters so that, on average, its samples follow these arrows.

        Returns
        -------
        (x, push) : ndarray of shape (n, d) each

        Examples
        --------
        >>> X = np.random.default_rng(0).normal(size=(100, 2))
        >>> gan = GAN(n_steps=5).fit(X)
        >>> x, push = gan.generator_gradient(np.zeros((2, 2)))
        >>> x.shape, push.shape
        ((2, 2), (2, 2))
        """
        z = as_points(z, dims=int(self.latent_dim), name="z", flat=False)
        xs = self.generator_.forward(z)[0]
        logits, acts = self.discriminator_.forward(xs)
        weight = (1.0 - _sigmoid(logits)) / LN2
        _, grad_logit_x = self.discriminator_.backward(acts, weight)
        return xs * self.scale_ + self.mean_, grad_logit_x / self.scale_


def mode_shares(samples: np.ndarray, centres: np.ndarray, radius: float) -> np.ndarray:
    r"""The share of the samples each mode receives: those nearer to its centre than to any other, and within
    ``radius`` of it (a sample far from every centre belongs to no mode).

    .. math:: s_k = \frac1n\,\#\{i : k = \arg\min_j \|x_i - c_j\|,\ \|x_i - c_k\| \le r\}

    Parameters
    ----------
    samples : ndarray (n, d)
    centres : ndarray (K, d)
        The modes' centres (e.g. :data:`MIXTURE_CENTRES`).
    radius : float
        How far from its centre a sample may lie and still count, in the data's units (e.g. 3 standard
        deviations of a blob).

    Returns
    -------
    ndarray (K,)
        Shares in [0, 1]; they sum to the share of samples in some mode (at most 1).

    Examples
    --------
    >>> mode_shares(np.array([[0.0, 0.1], [0.1, 0.0], [5.0, 5.0], [9.0, 9.0]]), np.array([[0, 0], [5, 5.0]]), 1.0)
    array([0.5 , 0.25])
    """
    X = as_points(samples, min_rows=1, name="samples", flat=False)
    C = as_points(centres, dims=X.shape[1], min_rows=1, name="centres", flat=False)
    if not float(radius) > 0:
        raise ValueError(f"radius must be positive (got {radius}).")
    dist = np.sqrt(((X[:, None, :] - C[None, :, :]) ** 2).sum(-1))
    nearest = dist.argmin(axis=1)
    inside = dist[np.arange(len(X)), nearest] <= float(radius)
    return np.bincount(nearest[inside], minlength=len(C)) / len(X)


def modes_covered(samples: np.ndarray, centres: np.ndarray, radius: float, min_share: float) -> float:
    r"""The share of the modes that receive at least ``min_share`` of the samples (:func:`mode_shares`).

    .. math:: \text{covered} = \frac1K\,\#\{k : s_k \ge \text{min\_share}\}

    1 when every mode gets its fair part; a generator that has collapsed onto one of K modes scores 1/K.

    Examples
    --------
    All four samples near the first of three centres: one mode of three is covered.

    >>> centres = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
    >>> round(modes_covered(np.zeros((4, 2)) + 0.1, centres, radius=1.0, min_share=0.1), 4)
    0.3333
    """
    if not 0.0 < float(min_share) <= 1.0:
        raise ValueError(f"min_share must be in (0, 1] (got {min_share}).")
    shares = mode_shares(samples, centres, radius)
    return float(np.mean(shares >= float(min_share)))


# ----------------------------------------------------------------------------- data, scores, files


def preset_data(seed: int = DATA_SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(training points, held-out points, a fresh real draw) of the shipped runs: three independent draws of
    ``density_2d(DATA_SET)``.

    Examples
    --------
    >>> [X.shape for X in preset_data()]
    [(500, 2), (500, 2), (500, 2)]
    """
    return (
        datasets.density_2d(DATA_SET, n=N_TRAIN, seed=seed),
        datasets.density_2d(DATA_SET, n=N_HELD, seed=seed + HELD_OFFSET),
        datasets.density_2d(DATA_SET, n=N_HELD, seed=seed + 2 * HELD_OFFSET),
    )


def snapshot_scores(gan: GAN, held_out: np.ndarray) -> dict[str, np.ndarray]:
    """The two numbers of every snapshot of a fitted GAN, from ``N_EVAL`` samples (noise seed ``EVAL_SEED``):

    ``distance``: energy distance to ``held_out`` (data units, :func:`core.sample_quality.energy_distance`);
    ``covered``: share of the three blobs covered (:func:`modes_covered`); ``shares``: (S, 3) share of samples
    in each blob (:func:`mode_shares`).
    """
    centres = np.array(MIXTURE_CENTRES)
    distance, covered, shares = [], [], []
    for i in range(len(gan.snapshot_steps_)):
        X = gan.at(i).sample(N_EVAL, seed=EVAL_SEED)
        distance.append(energy_distance(X, held_out))
        shares.append(mode_shares(X, centres, MODE_RADIUS))
        covered.append(float(np.mean(shares[-1] >= MIN_SHARE)))
    return {"distance": np.array(distance), "covered": np.array(covered), "shares": np.array(shares)}


#: The fitted attributes written to a file (float arrays as float32).
_FITTED = (
    "mean_",
    "scale_",
    "snapshot_steps_",
    "g_snapshots_",
    "d_snapshots_",
    "d_loss_",
    "g_loss_",
    "d_real_",
    "d_fake_",
)


def to_arrays(gan: GAN) -> dict[str, np.ndarray]:
    """A fitted GAN as named arrays for an ``.npz`` file: hyperparameters (JSON text) and the fitted attributes,
    floats as float32 (half the size; :func:`load` reads them back as float64). No pickles."""
    arrays = {"hyperparameters": np.array(json.dumps(gan.get_params()))}
    for name in _FITTED:
        value = np.asarray(getattr(gan, name))
        arrays[name] = value.astype(np.float32) if value.dtype.kind == "f" else value
    return arrays


def load(path: str | Path) -> GAN:
    """A GAN from an ``.npz`` of :func:`to_arrays` (only ``scripts/train_gan.py`` writes them): its networks are
    those of the last snapshot.

    Examples
    --------
    >>> gan = load(DATA_DIR / "converges.npz")
    >>> gan.learning_rate_g, int(gan.snapshot_steps_[-1]), gan.sample(2).shape
    (0.0005, 3000, (2, 2))
    """
    with np.load(path, allow_pickle=False) as f:
        gan = GAN(**json.loads(str(f["hyperparameters"])))
        for name in _FITTED:
            value = f[name]
            setattr(gan, name, value.astype(np.float64) if value.dtype.kind == "f" else value)
    gan._networks(len(gan.mean_))
    _unflat(gan.generator_, gan.g_snapshots_[-1])
    _unflat(gan.discriminator_, gan.d_snapshots_[-1])
    return gan


def load_shipped(preset: str) -> tuple[GAN, dict]:
    """The shipped run of ``preset`` (:data:`PRESETS`): the GAN with its snapshots, and its record (the numbers
    ``scripts/train_gan.py`` measured on the shipped file)."""
    if preset not in PRESETS:
        raise ValueError(f"Unknown GAN preset {preset!r}; choose one of {', '.join(PRESETS)}.")
    record = json.loads((DATA_DIR / f"{preset}.json").read_text(encoding="utf-8"))
    return load(DATA_DIR / f"{preset}.npz"), record
