"""Prior, posterior and evidence: Bayes' rule, exactly when we can and on a grid when we can't.

Bayes' rule turns a belief before seeing data (the **prior** p(theta)) into a belief after seeing data
(the **posterior** p(theta | x)):

    p(theta | x) = p(x | theta) p(theta) / p(x),      p(x) = integral of p(x | theta) p(theta) d theta.

The normaliser p(x) is the **evidence** (marginal likelihood): how probable the data were under the
model before we knew theta. Everything is in natural logs here, so log-evidences are in **nats**
(divide by ln 2 for bits).

Two ways to get the posterior:

* **Conjugate update** - for a coin with unknown bias theta and a Beta(a, b) prior, h heads and t tails
  give a Beta(a + h, b + t) posterior: the prior's a and b act as imaginary heads and tails seen before.
* **Grid** - for a single parameter, evaluate log p(x, theta) = log p(theta) + log p(x | theta) on a fine
  grid and normalise numerically. Exact up to the grid spacing, for any model; this is the ground truth
  the variational approximations in :mod:`core.variational` are compared with. (It stops working in
  many dimensions: a grid with 100 points per axis has 100^d cells.)

Three one-parameter models whose posterior has **no closed form** or does (for checking):
:class:`GaussianMean` (conjugate: the posterior is Gaussian), :class:`LogisticSlope` (skewed) and
:class:`CauchyLocation` (two groups of measurements that disagree: two modes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.special import betaln, log_expit, logsumexp

from core.gaussian import normal_logpdf

__all__ = [
    "MAX_FLIPS",
    "PRIOR_PRESETS",
    "ParsedFlips",
    "parse_flips",
    "format_flips",
    "simulate_flips",
    "beta_update",
    "beta_credible_interval",
    "BetaPath",
    "beta_posterior_path",
    "beta_density",
    "log_evidence_coin",
    "GridPosterior",
    "grid_posterior",
    "coin_grid_posterior",
    "THETA_GRID",
    "GaussianMean",
    "LogisticSlope",
    "CauchyLocation",
    "MODEL_NAMES",
    "make_model",
]

# ----------------------------------------------------------------------------- coin flips

#: Longest flip sequence used; longer ones are cut (the posterior is already a spike by then).
MAX_FLIPS = 1000

#: Beta(a, b) priors for the coin's bias: (a, b, what the prior says).
PRIOR_PRESETS: dict[str, tuple[float, float, str]] = {
    "flat": (1.0, 1.0, "no idea: every bias equally plausible (Beta(1, 1) = uniform)"),
    "sceptical": (
        10.0,
        10.0,
        "sure it is roughly fair; it takes many flips to move it (like 9 heads + 9 tails already seen)",
    ),
    "confident": (8.0, 2.0, "already believes the coin favours heads, about 80% (like 7 heads + 1 tail seen)"),
}


@dataclass(frozen=True)
class ParsedFlips:
    """A flip sequence read from text.

    Attributes
    ----------
    flips : (n,) int array, 1 = heads, 0 = tails.
    note : why the sequence was changed (cut to ``MAX_FLIPS``), or ``None``.
    """

    flips: np.ndarray
    note: str | None = None


def parse_flips(text: str, max_flips: int = MAX_FLIPS) -> ParsedFlips:
    """Read a typed coin-flip sequence such as ``"HHTH"`` (case, spaces and commas ignored).

    Raises ``ValueError`` for an empty sequence or a character that is not H or T. A sequence longer
    than ``max_flips`` is cut to its first ``max_flips`` flips and the ``note`` says so.

    >>> p = parse_flips("hh t,h")
    >>> p.flips.tolist(), p.note
    ([1, 1, 0, 1], None)
    >>> parse_flips("H" * 1500).note
    'Using the first 1000 of 1500 flips: after that many flips the posterior is already a narrow spike.'
    """
    if not isinstance(text, str):
        raise ValueError("the flip sequence must be text such as HHTH")
    cleaned = re.sub(r"[\s,;]+", "", text).upper()
    if not cleaned:
        raise ValueError("No flips yet: type a sequence of H (heads) and T (tails), for example HHTH.")
    bad = re.search(r"[^HT]", cleaned)
    if bad:
        char = bad.group(0)
        raise ValueError(
            f"'{char}' (flip {bad.start() + 1}) is not a coin flip: use only H for heads and "
            f"T for tails, for example HHTH."
        )
    flips = (np.frombuffer(cleaned.encode("ascii"), dtype=np.uint8) == ord("H")).astype(int)
    note = None
    if flips.size > max_flips:
        note = (
            f"Using the first {max_flips} of {flips.size} flips: after that many flips the posterior is "
            f"already a narrow spike."
        )
        flips = flips[:max_flips]
    return ParsedFlips(flips, note)


def format_flips(flips: np.ndarray) -> str:
    """The sequence as text, H for 1 and T for 0 (inverse of :func:`parse_flips`).

    >>> format_flips(np.array([1, 0, 1, 1]))
    'HTHH'
    """
    return "".join("H" if f else "T" for f in np.asarray(flips, int))


def simulate_flips(n: int, bias: float, seed: int = 0) -> np.ndarray:
    """Flip a coin with P(heads) = ``bias`` ``n`` times (1 = heads), reproducibly.

    >>> simulate_flips(5, 1.0).tolist()
    [1, 1, 1, 1, 1]
    """
    if not 0.0 <= bias <= 1.0:
        raise ValueError(f"the true bias is a probability, between 0 and 1 (got {bias})")
    if not 0 <= n <= MAX_FLIPS:
        raise ValueError(f"number of flips must be between 0 and {MAX_FLIPS} (got {n})")
    rng = np.random.default_rng(seed)
    return (rng.random(int(n)) < bias).astype(int)


def _check_beta(a: float, b: float) -> None:
    if not (np.isfinite(a) and np.isfinite(b) and a > 0 and b > 0):
        raise ValueError(f"Beta prior parameters a and b must be positive numbers (got a={a}, b={b})")


def beta_update(a: float, b: float, heads: int, tails: int) -> tuple[float, float]:
    """Conjugate update: a Beta(a, b) prior and h heads, t tails give a Beta(a + h, b + t) posterior.

    The prior's a and b behave like heads and tails seen before the data; the posterior mean
    (a + h) / (a + b + h + t) sits between the prior mean a / (a + b) and the data's frequency h / (h + t),
    closer to the data the more flips there are.

    >>> beta_update(1, 1, heads=3, tails=1)
    (4.0, 2.0)
    """
    _check_beta(a, b)
    if heads < 0 or tails < 0:
        raise ValueError("numbers of heads and tails cannot be negative")
    return float(a + heads), float(b + tails)


def beta_credible_interval(
    a: float | np.ndarray, b: float | np.ndarray, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Equal-tailed credible interval of Beta(a, b): the bias lies inside with probability ``level``.

    Unlike a confidence interval, this is a direct probability statement about theta given the data.

    >>> lo, hi = beta_credible_interval(1, 1)
    >>> round(float(lo), 3), round(float(hi), 3)
    (0.025, 0.975)
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (got {level})")
    tail = (1 - level) / 2
    return stats.beta.ppf(tail, a, b), stats.beta.ppf(1 - tail, a, b)


@dataclass(frozen=True)
class BetaPath:
    """The Beta posterior after each flip: index t = after the first t flips (t = 0 is the prior).

    Attributes
    ----------
    a, b : (n + 1,) posterior parameters.
    mean : (n + 1,) posterior mean a / (a + b) = P(next flip is heads | flips so far).
    lower, upper : (n + 1,) 95% equal-tailed credible interval.
    frequency : (n + 1,) fraction of heads so far (NaN at t = 0: no flips yet).
    """

    a: np.ndarray
    b: np.ndarray
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    frequency: np.ndarray


def beta_posterior_path(flips: np.ndarray, a: float, b: float, level: float = 0.95) -> BetaPath:
    """Posterior after each of the flips, starting from a Beta(a, b) prior.

    >>> path = beta_posterior_path(np.array([1, 1, 0]), 1, 1)
    >>> path.a.tolist(), path.b.tolist(), path.mean.round(3).tolist()
    ([1.0, 2.0, 3.0, 3.0], [1.0, 1.0, 1.0, 2.0], [0.5, 0.667, 0.75, 0.6])
    """
    _check_beta(a, b)
    flips = np.asarray(flips, int)
    if flips.ndim != 1 or not np.isin(flips, (0, 1)).all():
        raise ValueError("flips must be a 1-D sequence of 0 (tails) and 1 (heads)")
    heads = np.concatenate([[0], np.cumsum(flips)])
    count = np.arange(flips.size + 1)
    pa, pb = a + heads, b + (count - heads)
    lower, upper = beta_credible_interval(pa, pb, level)
    with np.errstate(invalid="ignore", divide="ignore"):
        freq = np.where(count > 0, heads / np.maximum(count, 1), np.nan)
    return BetaPath(pa.astype(float), pb.astype(float), pa / (pa + pb), lower, upper, freq)


def beta_density(a: float, b: float, n_grid: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Beta(a, b) density of the bias on ``n_grid`` cell midpoints in (0, 1): (theta, density).

    Midpoints avoid theta = 0 and 1, where the density is infinite when a < 1 or b < 1.

    >>> theta, d = beta_density(2, 2, n_grid=4)
    >>> theta.tolist(), d.round(3).tolist()          # 6 theta (1 - theta)
    ([0.125, 0.375, 0.625, 0.875], [0.656, 1.406, 1.406, 0.656])
    """
    _check_beta(a, b)
    theta = (np.arange(n_grid) + 0.5) / n_grid
    return theta, stats.beta.pdf(theta, a, b)


def log_evidence_coin(heads: int, tails: int, a: float, b: float) -> float:
    """Log probability (nats) of one particular flip sequence with h heads and t tails under a Beta(a, b) prior.

        p(flips) = integral theta^h (1 - theta)^t Beta(theta; a, b) d theta = B(a + h, b + t) / B(a, b)

    It depends only on the counts, not the order. A flat prior and one head: p = 1/2.

    >>> round(log_evidence_coin(1, 0, 1, 1), 4) == round(float(np.log(0.5)), 4)
    True
    >>> round(float(np.exp(log_evidence_coin(2, 0, 1, 1))), 4)     # HH: 1/2 * 2/3
    0.3333
    """
    _check_beta(a, b)
    return float(betaln(a + heads, b + tails) - betaln(a, b))


# ----------------------------------------------------------------------------- grid posteriors


@dataclass(frozen=True)
class GridPosterior:
    """A 1-D posterior evaluated exactly on an evenly spaced grid.

    Attributes
    ----------
    theta : (m,) grid points, spacing ``step``.
    log_joint : (m,) log p(x, theta) = log prior + log likelihood (nats).
    density : (m,) posterior density p(theta | x); ``density.sum() * step == 1``.
    log_evidence : log p(x) (nats), the log of the normaliser.
    """

    theta: np.ndarray
    log_joint: np.ndarray
    density: np.ndarray
    log_evidence: float

    @property
    def step(self) -> float:
        return float(self.theta[1] - self.theta[0])

    @property
    def mass(self) -> np.ndarray:
        """Probability of each grid cell (sums to 1): a discrete distribution for ``core.info``."""
        return self.density * self.step

    def expect(self, values: np.ndarray) -> float:
        """Posterior expectation of a function given by its values on the grid."""
        return float(np.sum(self.mass * np.asarray(values, float)))

    def mean(self) -> float:
        return self.expect(self.theta)

    def sd(self) -> float:
        return float(np.sqrt(self.expect((self.theta - self.mean()) ** 2)))


def grid_posterior(theta: np.ndarray, log_joint: np.ndarray) -> GridPosterior:
    """Normalise log p(x, theta) on an evenly spaced grid (Riemann sum, in log space).

        log p(x) = log sum_i exp(log p(x, theta_i)) * step,    p(theta_i | x) = exp(log p(x, theta_i) - log p(x))

    The grid must cover all the posterior mass; -inf (impossible theta) is allowed.

    >>> th = np.linspace(-8, 8, 1601)
    >>> post = grid_posterior(th, stats.norm.logpdf(th, 1.0, 2.0))   # already normalised: evidence 1
    >>> round(post.log_evidence, 6), round(post.mean(), 4), round(post.sd(), 3)
    (0.0, 1.0, 2.0)
    """
    theta = np.asarray(theta, float)
    lj = np.asarray(log_joint, float)
    if theta.ndim != 1 or theta.size < 3 or lj.shape != theta.shape:
        raise ValueError("theta and log_joint must be 1-D arrays of the same length (at least 3 points)")
    steps = np.diff(theta)
    if not (steps > 0).all() or not np.allclose(steps, steps[0], rtol=1e-6):
        raise ValueError("the grid theta must be evenly spaced and increasing")
    if np.isnan(lj).any() or np.isposinf(lj).any():
        raise ValueError("log_joint contains NaN or +inf: check the prior and likelihood")
    if not np.isfinite(lj).any():
        raise ValueError(
            "the data are impossible under every theta on the grid (log p(x, theta) = -inf "
            "everywhere): widen the grid or change the prior"
        )
    log_z = float(logsumexp(lj) + np.log(steps[0]))
    return GridPosterior(theta, lj, np.exp(lj - log_z), log_z)


def coin_grid_posterior(heads: int, tails: int, a: float, b: float, n_grid: int = 2000) -> GridPosterior:
    """The coin's posterior computed the brute-force way, on a grid of biases (cell midpoints in (0, 1)).

    Should agree with the conjugate Beta(a + h, b + t): a check that the grid method works.

    >>> post = coin_grid_posterior(3, 1, 1, 1)
    >>> round(post.mean(), 3)        # Beta(4, 2) mean = 4/6
    0.667
    """
    _check_beta(a, b)
    theta = (np.arange(n_grid) + 0.5) / n_grid
    log_joint = stats.beta.logpdf(theta, a, b) + heads * np.log(theta) + tails * np.log1p(-theta)
    return grid_posterior(theta, log_joint)


# ----------------------------------------------------------------------------- one-parameter models

#: The grid for the models below (step 0.02): wide enough for their posteriors AND for any q with
#: |mean| <= 4 and sd <= 2 (q loses < 1e-5 of its mass off the ends), yet narrow enough that the
#: posterior's far tails stay above the smallest float (so KL(q || p) never turns into a false inf).
THETA_GRID = np.linspace(-13.0, 13.0, 1301)


class _OneParameterModel:
    """What the three posterior examples share: log p(theta, y) = log p(theta) + log p(y | theta).

    Every prior here is Gaussian, N(prior_mean, prior_sd^2) (``prior_mean`` 0 unless a model has that field).
    """

    prior_mean: float = 0.0

    def log_prior(self, theta: np.ndarray) -> np.ndarray:
        return normal_logpdf(theta, self.prior_mean, self.prior_sd)

    def log_joint(self, theta: np.ndarray) -> np.ndarray:
        return self.log_prior(theta) + self.log_likelihood(theta)


@dataclass(frozen=True)
class GaussianMean(_OneParameterModel):
    """Unknown mean theta of Gaussian data with known noise: y_i ~ N(theta, noise^2), prior N(m0, s0^2).

    Conjugate: the posterior is Gaussian (``exact_posterior``), so a Gaussian q can match it exactly.
    Predictive question: P(next y > 0 | theta) = Phi(theta / noise).
    """

    y: np.ndarray
    noise: float = 1.0
    prior_mean: float = 0.0
    prior_sd: float = 1.0
    name: str = "Gaussian mean (closed form)"
    predictive_label: str = "P(next y > 0)"

    def log_likelihood(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, float)
        return normal_logpdf(self.y[:, None], theta[None, :], self.noise).sum(axis=0)

    def predictive(self, theta: np.ndarray) -> np.ndarray:
        return stats.norm.cdf(np.asarray(theta, float) / self.noise)

    def exact_posterior(self) -> tuple[float, float]:
        """Posterior (mean, sd): precisions add, the mean is the precision-weighted average."""
        precision = 1 / self.prior_sd**2 + self.y.size / self.noise**2
        mean = (self.prior_mean / self.prior_sd**2 + self.y.sum() / self.noise**2) / precision
        return float(mean), float(precision**-0.5)


@dataclass(frozen=True)
class LogisticSlope(_OneParameterModel):
    """Logistic regression with one weight: P(y=1 | x, theta) = sigmoid(theta x), prior N(0, prior_sd^2).

    No closed form: the posterior is skewed (a large slope is hard to rule out when the classes
    barely overlap). Predictive question: P(y = 1 | x = 1) = sigmoid(theta).
    """

    x: np.ndarray
    y: np.ndarray
    prior_sd: float = 1.5
    name: str = "Logistic regression weight (skewed)"
    predictive_label: str = "P(y=1 | x=1)"

    def log_likelihood(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, float)
        sign = (2 * self.y - 1)[:, None]
        return log_expit(sign * self.x[:, None] * theta[None, :]).sum(axis=0)

    def predictive(self, theta: np.ndarray) -> np.ndarray:
        return np.exp(log_expit(np.asarray(theta, float)))


@dataclass(frozen=True)
class CauchyLocation(_OneParameterModel):
    """Location theta of heavy-tailed (Cauchy) measurements, prior N(m0, s0^2): y_i ~ Cauchy(theta, scale).

    Two groups of measurements that disagree give two modes: the robust model treats either group
    as outliers. Predictive question: P(next y > 0 | theta) = 1/2 + arctan(theta / scale) / pi.
    """

    y: np.ndarray
    scale: float = 0.5
    prior_mean: float = 0.5
    prior_sd: float = 2.0
    name: str = "Two modes (measurements that disagree)"
    predictive_label: str = "P(next y > 0)"

    def log_likelihood(self, theta: np.ndarray) -> np.ndarray:
        theta = np.asarray(theta, float)
        return stats.cauchy.logpdf(self.y[:, None], theta[None, :], self.scale).sum(axis=0)

    def predictive(self, theta: np.ndarray) -> np.ndarray:
        return stats.cauchy.sf(0.0, np.asarray(theta, float), self.scale)


#: Model keys for :func:`make_model`, in the order a page offers them.
MODEL_NAMES: tuple[str, ...] = ("two_modes", "logistic", "gaussian")


def make_model(name: str, seed: int = 0) -> GaussianMean | LogisticSlope | CauchyLocation:
    """A small generated data set and its one-parameter model.

    * ``"gaussian"``: 5 points from N(1, 1), prior N(0, 1).
    * ``"logistic"``: 8 points, x uniform in (-2, 2), labels from a true slope 2.5, prior N(0, 1.5^2).
    * ``"two_modes"``: 3 measurements near -2 and 3 near +2, Cauchy noise, prior N(0.5, 2^2).

    >>> model = make_model("gaussian", seed=0)
    >>> model.y.shape, round(model.exact_posterior()[1], 3)      # sd = 1 / sqrt(1 + 5)
    ((5,), 0.408)
    """
    rng = np.random.default_rng(seed)
    if name == "gaussian":
        return GaussianMean(y=1.0 + rng.standard_normal(5))
    if name == "logistic":
        x = rng.uniform(-2.0, 2.0, 8)
        y = (rng.random(8) < 1 / (1 + np.exp(-2.5 * x))).astype(int)
        return LogisticSlope(x=x, y=y)
    if name == "two_modes":
        y = np.concatenate([-2 + 0.25 * rng.standard_normal(3), 2 + 0.25 * rng.standard_normal(3)])
        return CauchyLocation(y=y)
    raise ValueError(f"unknown model {name!r}: choose one of {', '.join(MODEL_NAMES)}")
