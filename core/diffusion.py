"""A small diffusion model: the slide's "iterative refinement" (sequential denoising).

Forward process (fixed, no learning): add a little Gaussian noise at each of T steps,

    x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) eps_t,       eps_t ~ N(0, I),

which in one jump from the data x_0 is

    x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps,              abar_t = prod_{s<=t} (1 - beta_s).

So x_t has mean sqrt(abar_t) E[x_0] and variance abar_t Var[x_0] + (1 - abar_t): by t = T the data
are forgotten and x_T is (almost exactly) N(0, I) noise.

Reverse process (learned): a denoiser eps_hat(x_t, t) is trained to predict the noise that was
added (Ho et al. 2020); here it is scikit-learn's :class:`~sklearn.neural_network.MLPRegressor`.
Sampling starts from noise and takes T small denoising steps back to data,

    x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) * eps_hat) / sqrt(1 - beta_t) + sigma_t z.

Data are standardised inside ``fit`` (so "noise" means N(0, I) in standardised units).
"""

from __future__ import annotations

import numpy as np
from sklearn.neural_network import MLPRegressor

from core.validation import as_points, check_n_seed, standardisation


def linear_schedule(n_steps: int = 100, beta_start: float = 1e-3, beta_end: float = 0.1) -> np.ndarray:
    """Noise variances beta_1..beta_T rising linearly; returned with a leading 0 for t = 0, shape (T+1,).

    Examples
    --------
    >>> linear_schedule(3, 0.1, 0.3).round(2).tolist()
    [0.0, 0.1, 0.2, 0.3]
    """
    if int(n_steps) < 1:
        raise ValueError(f"The number of diffusion steps T must be at least 1 (got {n_steps}).")
    if not 0 < beta_start <= beta_end < 1:
        raise ValueError(f"Need 0 < beta_start <= beta_end < 1 (got {beta_start}, {beta_end}).")
    return np.r_[0.0, np.linspace(beta_start, beta_end, int(n_steps))]


def alpha_bar(betas: np.ndarray) -> np.ndarray:
    r"""Signal kept after t steps: :math:`\bar\alpha_t = \prod_{s=1}^t (1 - \beta_s)`, shape (T+1,), abar_0 = 1.

    Examples
    --------
    >>> alpha_bar(np.array([0.0, 0.5, 0.5])).tolist()
    [1.0, 0.5, 0.25]
    """
    return np.cumprod(1.0 - np.asarray(betas, dtype=float))


def noise_level(betas: np.ndarray) -> np.ndarray:
    r"""The noise's share of x_t, :math:`\sqrt{1 - \bar\alpha_t}`, shape (T+1,): 0 at t = 0, close to 1 at t = T.

    In :math:`x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1 - \bar\alpha_t}\,\varepsilon` it is the standard
    deviation of the noise added to standardised data: how blurred the cloud at step t is.

    Examples
    --------
    >>> noise_level(np.array([0.0, 0.36, 0.0])).round(3).tolist()     # abar = 1, 0.64, 0.64
    [0.0, 0.6, 0.6]
    """
    return np.sqrt(np.clip(1.0 - alpha_bar(betas), 0.0, 1.0))


def evenly_noised_steps(betas: np.ndarray, n_stops: int) -> tuple[int, ...]:
    r"""Steps from T down to 0 at which the noise level :func:`noise_level` falls by about equal amounts.

    A linear schedule spends its last steps (t near T) on clouds that are all nearly pure noise: stepping through
    t one by one in sampling order shows the same blur for about half the steps, then the shape appears. Stops at
    evenly spaced noise levels change the picture by about as much from one stop to the next. Each stop is the
    step whose level is nearest its target; the first is T, the last 0, none repeats.

    Examples
    --------
    >>> evenly_noised_steps(linear_schedule(100), 5)
    (100, 40, 23, 11, 0)
    """
    if int(n_stops) < 2:
        raise ValueError(f"Need at least 2 stops, T and 0 (got {n_stops}).")
    level = noise_level(betas)
    targets = np.linspace(level[-1], 0.0, int(n_stops))
    stops = [int(np.argmin(np.abs(level - target))) for target in targets]
    stops[0], stops[-1] = len(level) - 1, 0
    return tuple(dict.fromkeys(stops))  # in order, without repeats


def marginal_mean_var(t: int, betas: np.ndarray, mean0: np.ndarray, var0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Mean and variance of x_t under the forward process, per coordinate.

    .. math:: E[x_t] = \sqrt{\bar\alpha_t}\,E[x_0], \qquad
              \mathrm{Var}[x_t] = \bar\alpha_t \mathrm{Var}[x_0] + (1 - \bar\alpha_t)

    Examples
    --------
    >>> m, v = marginal_mean_var(1, np.array([0.0, 0.36]), np.array([2.0]), np.array([0.0]))
    >>> m.round(3).tolist(), v.round(3).tolist()
    ([1.6], [0.36])
    """
    ab = alpha_bar(betas)[int(t)]
    return np.sqrt(ab) * np.asarray(mean0, float), ab * np.asarray(var0, float) + (1.0 - ab)


def q_sample(x0: np.ndarray, t: int | np.ndarray, betas: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Jump straight from x_0 to x_t: returns (x_t, eps), with t a step (or one step per row).

    Examples
    --------
    >>> xt, eps = q_sample(np.zeros((4, 2)), 0, linear_schedule(10))
    >>> float(np.abs(xt).max())                 # t = 0 adds no noise
    0.0
    """
    x0 = np.asarray(x0, dtype=float)
    ab = alpha_bar(betas)[np.asarray(t, dtype=int)]
    ab = ab[:, None] if np.ndim(ab) == 1 else ab
    eps = np.random.default_rng(seed).standard_normal(x0.shape)
    return np.sqrt(ab) * x0 + np.sqrt(1.0 - ab) * eps, eps


def time_features(t: np.ndarray, n_steps: int) -> np.ndarray:
    """The denoiser's view of the step t: t/T plus a few sines and cosines of it, shape (n, 7)."""
    s = np.asarray(t, dtype=float)[:, None] / n_steps
    freqs = np.array([1.0, 2.0, 4.0]) * np.pi
    return np.hstack([s, np.sin(freqs * s), np.cos(freqs * s)])


class DiffusionModel:
    """Denoising diffusion model in 2-D (or any small d) with an MLP noise predictor.

    Parameters
    ----------
    n_steps : int
        T, the number of noising (and denoising) steps.
    beta_start, beta_end : float
        The linear noise schedule.
    hidden : tuple of int
        Hidden layer sizes of the MLPRegressor that predicts the noise.
    n_epochs : int
        Training passes; each draws fresh steps t and fresh noise for every data point.
    copies : int
        How many noisy copies of each data point one epoch sees.
    ema : float
        The fitted network is an exponential moving average of its weights over the epochs (as in Ho et
        al. 2020): ``w_avg <- ema * w_avg + (1 - ema) * w``. It smooths out the last epochs' noise. 0 keeps
        the last weights.
    seed : int

    Attributes
    ----------
    betas_ : ndarray (T+1,)
        beta_t, with betas_[0] = 0.
    alpha_bar_ : ndarray (T+1,)
    denoiser_ : MLPRegressor
        (x_t, features of t) -> predicted noise eps.
    loss_curve_ : ndarray (n_epochs,)
        Mean squared error of the predicted noise per epoch (1.0 would mean "no better than guessing 0").
    mean_, scale_ : ndarray (d,)

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X = make_moons(200, noise=0.05, random_state=0)[0]
    >>> model = DiffusionModel(n_epochs=2).fit(X)
    >>> model.sample_trajectory(5, seed=0).shape       # T+1 clouds: index t = 0 is the final sample
    (101, 5, 2)
    """

    def __init__(
        self,
        n_steps: int = 100,
        beta_start: float = 1e-3,
        beta_end: float = 0.1,
        hidden: tuple[int, ...] = (64, 64),
        n_epochs: int = 150,
        copies: int = 8,
        ema: float = 0.95,
        seed: int = 0,
    ) -> None:
        self.n_steps = n_steps
        self.beta_start = beta_start
        self.beta_end = beta_end
        self.hidden = hidden
        self.n_epochs = n_epochs
        self.copies = copies
        self.ema = ema
        self.seed = seed

    def schedule(self) -> np.ndarray:
        """The noise variances beta_0..beta_T this model trains with (beta_0 = 0), known before ``fit``."""
        return linear_schedule(int(self.n_steps), self.beta_start, self.beta_end)

    def _features(self, xt: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.hstack([xt, time_features(t, int(self.n_steps))])

    def fit(self, X: np.ndarray) -> DiffusionModel:
        """Train the denoiser on (x_t, t) -> eps with fresh noise every epoch. Returns self."""
        X = as_points(X, min_rows=10, flat=False)
        if int(self.n_epochs) < 1 or int(self.copies) < 1:
            raise ValueError("n_epochs and copies must be positive integers.")
        if not 0.0 <= float(self.ema) < 1.0:
            raise ValueError(f"ema must be in [0, 1) (got {self.ema}); 0 keeps the last weights.")
        T = int(self.n_steps)
        self.betas_ = self.schedule()
        self.alpha_bar_ = alpha_bar(self.betas_)
        self.mean_, self.scale_ = standardisation(X)
        x0 = np.tile((X - self.mean_) / self.scale_, (int(self.copies), 1))
        rng = np.random.default_rng(self.seed)
        self.denoiser_ = MLPRegressor(  # batches of 128 (all rows when there are fewer: what sklearn would clip to)
            hidden_layer_sizes=tuple(self.hidden),
            learning_rate_init=3e-3,
            batch_size=min(128, len(x0)),
            random_state=int(self.seed),
        )
        losses, average = [], None
        for epoch in range(int(self.n_epochs)):
            t = rng.integers(1, T + 1, size=len(x0))
            xt, eps = q_sample(x0, t, self.betas_, seed=int(self.seed) * 10_000 + epoch)
            self.denoiser_.partial_fit(self._features(xt, t), eps)
            losses.append(2.0 * self.denoiser_.loss_)  # sklearn reports MSE / 2
            weights = [w.copy() for w in self.denoiser_.coefs_ + self.denoiser_.intercepts_]
            average = (
                weights
                if average is None
                else [self.ema * a + (1.0 - self.ema) * w for a, w in zip(average, weights, strict=True)]
            )
        n_layers = len(self.denoiser_.coefs_)
        self.denoiser_.coefs_, self.denoiser_.intercepts_ = average[:n_layers], average[n_layers:]
        self.loss_curve_ = np.array(losses)
        return self

    def predict_noise(self, xt: np.ndarray, t: int) -> np.ndarray:
        """eps_hat(x_t, t) for standardised points x_t (n, d) at one step t."""
        return self.denoiser_.predict(self._features(xt, np.full(len(xt), int(t))))

    def sample_trajectory(self, n: int, seed: int = 0) -> np.ndarray:
        """Run the reverse process from noise: clouds x_t for t = 0..T, shape (T+1, n, d), in data units.

        ``out[T]`` is the starting noise, ``out[0]`` the finished samples; the same seed gives the
        same trajectory.
        """
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        T, b, ab = int(self.n_steps), self.betas_, self.alpha_bar_
        x = rng.standard_normal((int(n), len(self.mean_)))
        out = np.empty((T + 1, int(n), len(self.mean_)))
        out[T] = x
        for t in range(T, 0, -1):
            eps_hat = self.predict_noise(x, t)
            x = (x - b[t] / np.sqrt(1.0 - ab[t]) * eps_hat) / np.sqrt(1.0 - b[t])
            if t > 1:  # posterior variance of q(x_{t-1} | x_t, x_0)
                x = x + np.sqrt(b[t] * (1.0 - ab[t - 1]) / (1.0 - ab[t])) * rng.standard_normal(x.shape)
            out[t - 1] = x
        return out * self.scale_ + self.mean_

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """n finished samples (all T denoising steps), shape (n, d)."""
        return self.sample_trajectory(n, seed)[0]

    def noise(self, X: np.ndarray, t: int, seed: int = 0) -> np.ndarray:
        """The forward process applied to data X: x_t in data units (t = 0 returns X)."""
        if not 0 <= int(t) <= int(self.n_steps):
            raise ValueError(f"t must be between 0 and T = {self.n_steps} (got {t}).")
        xs = (as_points(X, flat=False) - self.mean_) / self.scale_
        return q_sample(xs, int(t), self.betas_, seed)[0] * self.scale_ + self.mean_
