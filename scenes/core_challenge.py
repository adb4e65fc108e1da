"""Scenes of "The core challenge": q(x) = integral of q(x|z) p(z) dz is intractable; sampling estimates, the ELBO.

Notation of the page: the model q_theta (decoder q_theta(x | z), its likelihood q_theta(x) and exact posterior
q_theta(z | x)), the prior p(z), and a Gaussian approximation q_phi(z | x) of the posterior.

Two panels: estimates of log q_theta(x) by Monte Carlo from the prior and by importance sampling with q_phi,
watched as the number of samples grows (against the exact value); and a Gaussian q_phi(z | x) against the exact
posterior of a one-dimensional decoder, with log q_theta(x) = ELBO(q_phi) + KL(q_phi(z | x) || q_theta(z | x)).
A third scene, :func:`dimension_cost`, says why prior sampling fails in many dimensions, for the model built.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.stats import norm

from core import info
from core import marginal as M

#: The two estimators, as the chart's legend and the exported table name them.
MC = "Monte Carlo from the prior p(z)"
IS = "importance sampling with qᵩ(z | x)"
#: The observed x of the nonlinear model of the estimator panel.
SQUARE_X = 2.0
#: The pixel-noise sigma of each decoder of the ELBO panel.
NOISE = {"linear": 0.5, "square": 0.3, "tanh": 0.4}
#: The grid of z over which the densities are drawn.
Z_PLOT = np.linspace(-4.0, 4.0, 401)
#: Prior Monte Carlo "fails" when its mean estimate lies this many nats below the exact log q(x).
SHORTFALL = 0.5
#: Importance sampling "hits" the exact log q(x) when its mean estimate is this close (nats).
HIT = 0.1
#: A posterior has two modes when its density between two peaks dips below this share of the highest.
DIP = 0.5
#: The latent dimensions the page offers for the linear-Gaussian model.
D_MAX = 30


class Slider(NamedTuple):
    """A slider's range and step."""

    low: float
    high: float
    step: float


#: The sliders of q's mean m and spread s: the fitted q is snapped onto them.
Q_MEAN = Slider(-3.0, 3.0, 0.05)
Q_STD = Slider(0.05, 2.0, 0.01)


def _build(kind: str, dim: int, seed: int) -> tuple[M.LatentModel, np.ndarray]:
    """The model and the data point x whose likelihood we want."""
    if kind == "linear":
        model = M.linear_gaussian(dim, seed=seed)
        return model, model.sample(1, seed=seed + 1)[0][0]
    if kind == "square":
        return M.Decoder1D("square", noise=NOISE["square"]), np.array([SQUARE_X])
    raise ValueError(f"unknown model {kind!r}; choose 'linear' or 'square'")


@dataclass(frozen=True)
class Estimates:
    """Estimates of log q(x) by both estimators for every sample count ``sizes`` and run (seed).

    ``runs`` maps each estimator's name (``MC``, ``IS``) to an (n_seeds, len(sizes)) array in nats.
    ``ess_mc``, ``ess_is``: effective sample sizes (sum w)^2 / sum w^2 of the first run at the largest S.
    ``table``: every estimate as a table (method, run, S, estimate) for export.
    """

    kind: str
    exact: float
    dim: int
    sizes: np.ndarray
    runs: dict[str, np.ndarray]
    ess_mc: float
    ess_is: float
    table: pd.DataFrame

    @property
    def n_seeds(self) -> int:
        return int(self.runs[MC].shape[0])

    @property
    def max_samples(self) -> int:
        return int(self.sizes[-1])

    @property
    def mc_mean(self) -> float:
        """Mean over the runs of the prior Monte Carlo estimate with the most samples."""
        return float(self.runs[MC][:, -1].mean())

    @property
    def mc_spread(self) -> float:
        return float(self.runs[MC][:, -1].std())

    @property
    def is_mean(self) -> float:
        """Mean over the runs of the importance-sampling estimate with the most samples."""
        return float(self.runs[IS][:, -1].mean())

    @property
    def is_spread(self) -> float:
        return float(self.runs[IS][:, -1].std())

    @property
    def mc_error(self) -> float:
        """Prior Monte Carlo mean minus the exact log q(x) (nats)."""
        return self.mc_mean - self.exact

    @property
    def is_error(self) -> float:
        """Importance-sampling mean minus the exact log q(x) (nats)."""
        return self.is_mean - self.exact

    @property
    def mc_shortfall(self) -> float:
        """How far the prior Monte Carlo mean lies below the exact log q(x) (nats)."""
        return self.exact - self.mc_mean

    @property
    def prior_fails(self) -> bool:
        """True when, in the linear-Gaussian model, prior sampling misses log q(x) by more than ``SHORTFALL``."""
        return self.kind == "linear" and self.mc_shortfall > SHORTFALL

    @property
    def prior_verdict(self) -> str:
        """What prior sampling did here: "fails" (many latents, too low), "close" (many latents) or "one"."""
        if self.kind != "linear":
            return "one"
        return "fails" if self.prior_fails else "close"

    @property
    def is_verdict(self) -> str:
        """What importance sampling did: "hits" (within ``HIT`` nats), else "wide" (linear) or "few" (x = z^2)."""
        if abs(self.is_error) < HIT:
            return "hits"
        return "wide" if self.kind == "linear" else "few"

    @property
    def values(self) -> dict[str, float | int | str]:
        """The numbers the page's sentences quote."""
        return {
            "d": self.dim,
            "S": f"{self.max_samples:,}",
            "shortfall": self.mc_shortfall,
            "mc_miss": abs(self.mc_error),
            "is_error": f"{self.is_error:+.2f}".replace("-", "−"),
            "is_miss": abs(self.is_error),
            "ess_is": f"{self.ess_is:,.0f}",
            "ess_mc": f"{self.ess_mc:,.0f}" if self.ess_mc >= 10 else f"{self.ess_mc:.1f}",
        }


def estimates(kind: str, dim: int, max_samples: int, n_seeds: int, width: float, seed: int) -> Estimates:
    """Both estimators on the ``kind`` model ("linear" in ``dim`` dimensions, or "square").

    The proposal q is the posterior's Gaussian (mean and covariance) with its spread times ``width``.
    """
    model, x = _build(kind, dim, seed)
    exact = M.marginal_likelihood_exact(model, x)
    mean, cov = M.posterior_moments(model, x)
    q_cov = width**2 * cov
    sizes = M.sample_sizes(max_samples)
    runs = {
        MC: M.estimator_runs(model, x, sizes, n_seeds, seed),
        IS: M.estimator_runs(model, x, sizes, n_seeds, seed, q_mean=mean, q_cov=q_cov),
    }
    table = pd.concat(
        [
            pd.DataFrame(
                {
                    "method": name,
                    "run": np.repeat(np.arange(est.shape[0]), est.shape[1]),
                    "S": np.tile(sizes, est.shape[0]),
                    "estimate": est.ravel(),
                }
            )
            for name, est in runs.items()
        ],
        ignore_index=True,
    )
    return Estimates(
        kind=kind,
        exact=exact,
        dim=model.latent_dim,
        sizes=sizes,
        runs=runs,
        ess_mc=M.effective_sample_size(M.log_weights(model, x, max_samples, seed)),
        ess_is=M.effective_sample_size(M.log_weights(model, x, max_samples, seed, mean, q_cov)),
        table=table,
    )


@dataclass(frozen=True)
class ElboState:
    """A Gaussian q_phi(z | x) = N(m, s^2) against the exact posterior q_theta(z | x) of a 1-D decoder, in nats.

    ``log_p``: the exact log q_theta(x); ``z`` with ``prior``, ``posterior`` and ``q``: the three densities
    drawn; ``kl``: KL(q_phi || q_theta(z | x)) computed on its own (equal to ``gap`` = log q_theta(x) - ELBO).
    ``peaks``: where the posterior peaks (two for x = z^2 once x is above the noise: z = +sqrt(x) and -sqrt(x)
    explain x equally well); ``dip``: the posterior's density halfway between its outer peaks over its highest
    (1 for a single peak). ``curves`` and ``bar``: the same for export.
    """

    log_p: float
    elbo: float
    kl: float
    z: np.ndarray
    prior: np.ndarray
    posterior: np.ndarray
    q: np.ndarray
    peaks: tuple[float, ...]
    dip: float
    curves: pd.DataFrame
    bar: pd.DataFrame

    @property
    def gap(self) -> float:
        return self.log_p - self.elbo

    @property
    def two_modes(self) -> bool:
        """True when the exact posterior has two clearly separate peaks (a dip below ``DIP`` between them)."""
        return len(self.peaks) >= 2 and self.dip < DIP

    @property
    def values(self) -> dict[str, float | str]:
        """The numbers the page's sentences quote (signed ones as text, with a real minus sign)."""
        return {
            "log_p": signed(self.log_p),
            "elbo": signed(self.elbo),
            "gap": self.gap,
            "peak": max(abs(p) for p in self.peaks) if self.peaks else 0.0,
        }


def signed(value: float, digits: int = 2) -> str:
    """A number as text with a real minus sign: -7.654 -> "−7.65"."""
    return f"{value:.{digits}f}".replace("-", "−")


def elbo_state(decoder: str, x: float, q_mean: float, q_std: float) -> ElboState:
    """log q_theta(x), ELBO(q_phi) and the KL gap for ``decoder`` (see ``NOISE``) and q_phi = N(q_mean, q_std^2)."""
    model = M.Decoder1D(decoder, noise=NOISE[decoder])
    log_p = M.marginal_likelihood_exact(model, x)
    bound = M.elbo(model, x, q_mean, q_std**2)
    prior = np.exp(model.log_prior(Z_PLOT))
    posterior = M.posterior_density(model, x, Z_PLOT)
    q = norm.pdf(Z_PLOT, loc=q_mean, scale=q_std)
    peaks = tuple(M.posterior_peaks(model, x))
    middle = (peaks[0] + peaks[-1]) / 2
    dip = float(M.posterior_density(model, x, [middle])[0] / M.posterior_density(model, x, peaks).max())
    return ElboState(
        log_p=log_p,
        elbo=bound,
        kl=M.kl_to_posterior(model, x, q_mean, q_std**2),
        z=Z_PLOT,
        prior=prior,
        posterior=posterior,
        q=q,
        peaks=peaks,
        dip=dip,
        curves=pd.DataFrame({"z": Z_PLOT, "prior": prior, "posterior": posterior, "q": q}),
        bar=pd.DataFrame({"log_q": [log_p], "elbo": [bound], "gap": [log_p - bound]}),
    )


@dataclass(frozen=True)
class BestQ:
    """The Gaussian q_phi(z | x) = N(mean, std^2) with the largest ELBO for one decoder and x, and its gap (nats)."""

    mean: float
    std: float
    gap: float


def best_q(decoder: str, x: float) -> BestQ:
    """The best Gaussian q_phi for ``decoder`` at ``x`` (from several starts), and the gap it leaves."""
    model = M.Decoder1D(decoder, noise=NOISE[decoder])
    mean, cov = M.optimal_gaussian_q(model, x)
    gap = M.marginal_likelihood_exact(model, x) - M.elbo(model, x, mean, cov)
    return BestQ(float(mean[0]), math.sqrt(float(cov[0, 0])), float(gap))


@dataclass(frozen=True)
class DimensionCost:
    """Why prior sampling fails in the linear-Gaussian model the page builds (``dim`` latents, ``seed``).

    ``variance``: the posterior's variance per latent, averaged over the latents (the prior's is 1);
    ``kl``: KL(q_theta(z | x) || p(z)) in nats for the page's x; a prior sample lands in the posterior's bulk
    with probability about exp(-kl), so about ``samples`` = exp(kl) draws are needed. ``*_max``: the same for
    the largest dimension the page offers (``D_MAX``), same seed.
    """

    dim: int
    variance: float
    kl: float
    dim_max: int
    variance_max: float
    kl_max: float

    @property
    def kl_per_dim(self) -> float:
        return self.kl / self.dim

    @property
    def samples(self) -> float:
        return math.exp(self.kl)

    @property
    def samples_max(self) -> float:
        return math.exp(self.kl_max)

    @property
    def values(self) -> dict[str, float | int | str]:
        """The numbers the derivation quotes."""
        return {
            "d": self.dim,
            "variance": self.variance,
            "kl": self.kl,
            "kl_per_dim": self.kl_per_dim,
            "samples": round_count(self.samples),
            "d_max": self.dim_max,
            "kl_max": self.kl_max,
            "kl_max_per_dim": self.kl_max / self.dim_max,
            "samples_max": round_count(self.samples_max),
        }


def round_count(n: float) -> str:
    """A large count to two significant figures, in words past a million: 14,000; 11 million."""
    if n >= 1e6:
        return f"{float(f'{n / 1e6:.2g}'):g} million"
    return f"{float(f'{n:.2g}'):,.0f}"


def _posterior_cost(dim: int, seed: int) -> tuple[float, float]:
    """(mean posterior variance per latent, KL(posterior || prior) in nats) of the page's linear model."""
    model, x = _build("linear", dim, seed)
    mean, cov = M.posterior_moments(model, x)
    kl = info.kl_gaussians(mean, cov, np.zeros(dim), np.eye(dim), base=math.e)
    return float(np.mean(np.diag(cov))), float(kl)


def dimension_cost(dim: int, seed: int) -> DimensionCost:
    """The posterior's variance and its KL to the prior in the linear-Gaussian model with ``dim`` latents."""
    if not 1 <= dim <= D_MAX:
        raise ValueError(f"the latent dimension must be between 1 and {D_MAX} (got {dim})")
    variance, kl = _posterior_cost(dim, seed)
    variance_max, kl_max = _posterior_cost(D_MAX, seed)
    return DimensionCost(dim, variance, kl, D_MAX, variance_max, kl_max)


def _snap(value: float, slider: Slider) -> float:
    return float(np.clip(round(value / slider.step) * slider.step, slider.low, slider.high))


def fit_q(decoder: str, x: float, init_mean: float, init_std: float) -> tuple[float, float]:
    """The Gaussian q with the largest ELBO, searched from (``init_mean``, ``init_std``) and a few other starts.

    Of equally good fits (the two modes of x = z^2), the one nearest ``init_mean``. Snapped onto the q sliders'
    steps and ranges (``Q_MEAN``, ``Q_STD``).
    """
    model = M.Decoder1D(decoder, noise=NOISE[decoder])
    mean, cov = M.optimal_gaussian_q(model, x, init_mean=init_mean, init_std=init_std)
    return _snap(float(mean[0]), Q_MEAN), _snap(math.sqrt(float(cov[0, 0])), Q_STD)
