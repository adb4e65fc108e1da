"""Sound, one sample at a time: a linear autoregressive model of a waveform (the WaveNet idea, in miniature).

A waveform is a long sequence of numbers. The chain rule gives ``p(x) = prod_t p(x_t | x_<t)``; a linear
autoregressive (AR) model predicts each sample from a few earlier ones (the *lags*) plus Gaussian noise::

    x_t = c + sum_k a_k x_{t - lag_k} + e_t,      e_t ~ N(0, sigma^2)

so ``p(x_t | x_<t) = N(x_t; mu_t, sigma^2)`` with ``mu_t = c + sum_k a_k x_{t - lag_k}``. The coefficients are
fitted by least squares (= maximum likelihood for Gaussian noise); the same idea, linear predictive coding,
sits inside telephone speech codecs. Contiguous lags 1..p see the last p samples; *dilated* lags 1, 2, 4, 8,
... see far back with few coefficients, the trick WaveNet stacks in its dilated convolutions.

Like WaveNet, the signal is 8-bit audio: 256 amplitude levels in [-1, 1]. The probability of a level is the
Gaussian mass over its cell (the two end cells reach to -inf and +inf), so every step is a proper discrete
distribution over 256 values, and log-likelihoods are in bits per sample.
The baseline, :class:`WhiteNoise`, draws every sample independently from one Gaussian.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import lfilter
from scipy.special import log_ndtr

from core.gaussian import BITS_PER_NAT

SAMPLE_RATE: int = 8000
LEVELS: int = 256
SIGNAL_PRESETS: tuple[str, ...] = ("vowel a", "vowel i", "tones + noise")
_FORMANTS = {  # (frequency Hz, bandwidth Hz) of the first three formants, adult voice
    "vowel a": ((730, 90), (1090, 110), (2440, 170)),
    "vowel i": ((270, 60), (2290, 100), (3010, 150)),
}


def quantise(x: np.ndarray, levels: int = LEVELS) -> np.ndarray:
    """Round a signal to ``levels`` equally spaced amplitudes in [-1, 1] (values outside are clipped).

    >>> quantise(np.array([-2.0, 0.0, 0.004, 0.999]), levels=256).round(4).tolist()
    [-1.0, 0.0039, 0.0039, 1.0]
    """
    idx = level_index(x, levels)
    return _grid(levels)[idx]


def _grid(levels: int) -> np.ndarray:
    return np.linspace(-1.0, 1.0, levels)


def level_index(x: np.ndarray, levels: int = LEVELS) -> np.ndarray:
    """Index (0..levels-1) of the amplitude cell each value falls in."""
    step = 2.0 / (levels - 1)
    return np.clip(np.rint((np.asarray(x, dtype=float) + 1.0) / step), 0, levels - 1).astype(int)


def synthetic_signal(
    name: str = "vowel a",
    duration: float = 1.0,
    f0: float = 120.0,
    noise: float = 0.01,
    seed: int = 0,
    sample_rate: int = SAMPLE_RATE,
) -> np.ndarray:
    """A short synthetic sound made in numpy, scaled to peak 0.9 and quantised to 8 bits.

    - ``"vowel a"`` / ``"vowel i"``: a buzz at pitch ``f0`` (a pulse train, softened like the vocal folds'
      puffs of air) shaped by three formant resonances of the mouth (source-filter model of speech).
    - ``"tones + noise"``: 220, 330 and 440 Hz sine tones plus noise.

    ``noise`` is the standard deviation of added white noise relative to the peak.
    """
    if name not in SIGNAL_PRESETS:
        raise ValueError(f"unknown signal {name!r}; choose one of {', '.join(SIGNAL_PRESETS)}")
    if not 0.05 <= duration <= 5:
        raise ValueError(f"duration must be between 0.05 and 5 seconds (got {duration})")
    if not 50 <= f0 <= 400:
        raise ValueError(f"pitch f0 must be between 50 and 400 Hz (got {f0})")
    rng = np.random.default_rng(seed)
    n = int(duration * sample_rate)
    t = np.arange(n) / sample_rate
    if name == "tones + noise":
        x = sum(np.sin(2 * np.pi * f * t + ph) for f, ph in ((220, 0.0), (330, 1.0), (440, 2.0)))
    else:
        period = sample_rate / f0
        source = np.zeros(n)
        source[np.round(np.arange(0, n, period)).astype(int).clip(0, n - 1)] = 1.0
        x = lfilter([1.0], [1.0, -0.9], source)  # soften the pulses (glottal roll-off)
        for freq, bw in _FORMANTS[name]:
            r = np.exp(-np.pi * bw / sample_rate)
            theta = 2 * np.pi * freq / sample_rate
            x = lfilter([1.0 - r], [1.0, -2 * r * np.cos(theta), r * r], x)
        x = x - x.mean()
    x = 0.9 * x / np.max(np.abs(x))
    x = x + noise * 0.9 * rng.standard_normal(n)
    return quantise(x)


def ar_lags(order: int, dilated: bool = False) -> np.ndarray:
    """Which past samples the model looks at: 1..order, or dilated 1, 2, 4, ..., 2^(order-1).

    >>> ar_lags(4).tolist(), ar_lags(4, dilated=True).tolist()
    ([1, 2, 3, 4], [1, 2, 4, 8])
    """
    if not 1 <= order <= (12 if dilated else 64):
        raise ValueError(f"order must be between 1 and {12 if dilated else 64} (got {order})")
    return 2 ** np.arange(order) if dilated else np.arange(1, order + 1)


def _lagged(x: np.ndarray, lags: np.ndarray) -> np.ndarray:
    """Design matrix: row t (for t >= max lag) holds x[t - lag] for every lag."""
    m = int(lags.max())
    return np.stack([x[m - lag : len(x) - lag] for lag in lags], axis=1)


def _log_cell_prob(x: np.ndarray, mean: np.ndarray, sd: np.ndarray | float, levels: int) -> np.ndarray:
    """``log P(level of x)`` under N(mean, sd^2), the end cells open to +-inf (natural log)."""
    grid = _grid(levels)
    half = 1.0 / (levels - 1)
    idx = level_index(x, levels)
    lo = np.where(idx == 0, -np.inf, grid[idx] - half)
    hi = np.where(idx == levels - 1, np.inf, grid[idx] + half)
    a, b = (lo - mean) / sd, (hi - mean) / sd
    # P = Phi(b) - Phi(a); use the tail where it is more accurate (Phi(-a) - Phi(-b) when a > 0)
    flip = a > 0
    a, b = np.where(flip, -b, a), np.where(flip, -a, b)
    lb, la = log_ndtr(b), log_ndtr(a)
    with np.errstate(divide="ignore"):
        return lb + np.log1p(-np.exp(np.minimum(la - lb, 0.0)))


def level_probabilities(mean: float, sd: float, levels: int = LEVELS) -> np.ndarray:
    """The predictive distribution over all ``levels`` amplitudes for one step: shape (levels,), sums to 1."""
    grid = _grid(levels)
    return np.exp(_log_cell_prob(grid, np.full(levels, mean), sd, levels))


class LinearAR:
    """Linear autoregressive model ``x_t = c + sum_k a_k x_{t-lag_k} + e_t``, fitted by least squares.

    Parameters
    ----------
    order : int
        Number of past samples used (coefficients).
    dilated : bool
        Lags 1, 2, 4, ... instead of 1, 2, 3, ...

    Attributes
    ----------
    lags_ : ndarray         the lags used.
    coef_ : ndarray         ``a_k``, one per lag.
    intercept_ : float      ``c``.
    noise_std_ : float      ``sigma``: residual standard deviation (the spread of every predictive).

    Examples
    --------
    >>> rng = np.random.default_rng(0); e = 0.1 * rng.standard_normal(20000)
    >>> x = lfilter([1.0], [1.0, -1.5, 0.75], e)          # AR(2): x_t = 1.5 x_{t-1} - 0.75 x_{t-2} + e_t
    >>> np.round(LinearAR(order=2).fit(x).coef_, 2).tolist()
    [1.5, -0.75]
    """

    def __init__(self, order: int = 16, dilated: bool = False):
        self.order = order
        self.dilated = dilated

    def fit(self, x: np.ndarray) -> LinearAR:
        """Least-squares fit of the coefficients and intercept; ``sigma`` from the residuals."""
        x = _check_signal(x)
        self.lags_ = ar_lags(self.order, self.dilated)
        if len(x) < 2 * self.lags_.max() + 10 * len(self.lags_):
            raise ValueError(f"signal too short ({len(x)} samples) for lags up to {self.lags_.max()}")
        m = int(self.lags_.max())
        A = np.c_[np.ones(len(x) - m), _lagged(x, self.lags_)]
        sol, *_ = np.linalg.lstsq(A, x[m:], rcond=None)
        self.intercept_, self.coef_ = float(sol[0]), sol[1:]
        resid = x[m:] - A @ sol
        self.noise_std_ = float(max(resid.std(), 1e-6))
        return self

    @property
    def receptive_field(self) -> int:
        """How many past samples the model can see (the largest lag)."""
        return int(self.lags_.max())

    def predict_mean(self, x: np.ndarray) -> np.ndarray:
        """One-step-ahead predictions ``mu_t`` for every t >= max lag (given the true past)."""
        x = _check_signal(x)
        return self.intercept_ + _lagged(x, self.lags_) @ self.coef_

    def step_log2_probs(self, x: np.ndarray, levels: int = LEVELS) -> np.ndarray:
        """``log2 P(x_t | x_<t)`` (bits) of each sample's 8-bit level, for t >= max lag."""
        x = _check_signal(x)
        m = self.receptive_field
        return _log_cell_prob(x[m:], self.predict_mean(x), self.noise_std_, levels) * BITS_PER_NAT

    def bits_per_sample(self, x: np.ndarray, levels: int = LEVELS) -> float:
        """Average ``-log2 P(x_t | x_<t)``: bits needed per 8-bit sample (8 = no better than raw bytes)."""
        return float(-self.step_log2_probs(x, levels).mean())

    def sample(self, n_steps: int, prompt: np.ndarray, seed: int = 0, levels: int = LEVELS) -> AudioGeneration:
        """Continue ``prompt`` for ``n_steps`` samples, one at a time: ``x_t ~ P(. | x_<t)`` on the 8-bit grid.

        Drawing from the Gaussian and rounding to the nearest level is the same as drawing a level from the
        discretised Gaussian.
        """
        prompt = _check_signal(prompt)
        m = self.receptive_field
        if len(prompt) < m:
            raise ValueError(f"the prompt needs at least {m} samples (the model looks {m} samples back)")
        if n_steps < 1:
            raise ValueError("n_steps must be at least 1")
        e = np.random.default_rng(seed).standard_normal(n_steps)
        x = np.r_[prompt, np.zeros(n_steps)]
        means = np.empty(n_steps)
        grid = _grid(levels)
        for i in range(n_steps):
            t = len(prompt) + i
            means[i] = self.intercept_ + x[t - self.lags_] @ self.coef_
            x[t] = grid[level_index(means[i] + self.noise_std_ * e[i], levels)]
        return AudioGeneration(prompt=prompt, samples=x[len(prompt) :], means=means, std=self.noise_std_)


@dataclass(frozen=True)
class AudioGeneration:
    """A generated continuation: ``samples[i]`` was drawn from ``N(means[i], std^2)`` rounded to 8 bits."""

    prompt: np.ndarray
    samples: np.ndarray
    means: np.ndarray
    std: float


class WhiteNoise:
    """Baseline: every sample independent, ``x_t ~ N(mean, std^2)`` on the 8-bit grid (no context at all)."""

    def fit(self, x: np.ndarray) -> WhiteNoise:
        x = _check_signal(x)
        self.mean_, self.std_ = float(x.mean()), float(max(x.std(), 1e-6))
        return self

    def step_log2_probs(self, x: np.ndarray, levels: int = LEVELS) -> np.ndarray:
        x = _check_signal(x)
        return _log_cell_prob(x, self.mean_, self.std_, levels) * BITS_PER_NAT

    def bits_per_sample(self, x: np.ndarray, levels: int = LEVELS) -> float:
        return float(-self.step_log2_probs(x, levels).mean())


def _check_signal(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"a signal must be a 1-D array of samples (got shape {x.shape})")
    if not np.all(np.isfinite(x)):
        raise ValueError("the signal contains NaN or inf")
    return x
