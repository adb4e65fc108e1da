"""Scenes of "The core challenge": p(x) = integral of p(x|z) p(z) dz is intractable; sampling estimates, the ELBO.

Two panels: estimates of log p(x) by Monte Carlo from the prior and by importance sampling, watched as the
number of samples grows (against the exact value); and a Gaussian q(z | x) against the true posterior of a
one-dimensional decoder, with log p(x) = ELBO(q) + KL(q || p(z | x)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.stats import norm

from core import marginal as M

#: The two estimators, as the chart's legend and the exported table name them.
MC = "Monte Carlo from the prior p(z)"
IS = "importance sampling with q(z|x)"
#: The observed x of the nonlinear model of the estimator panel.
SQUARE_X = 2.0
#: The pixel-noise sigma of each decoder of the ELBO panel.
NOISE = {"linear": 0.5, "square": 0.3, "tanh": 0.4}
#: The grid of z over which the densities are drawn.
Z_PLOT = np.linspace(-4.0, 4.0, 401)
#: Prior Monte Carlo "fails" when its mean estimate lies this many nats below the exact log p(x).
SHORTFALL = 0.5


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
    """Estimates of log p(x) by both estimators for every sample count ``sizes`` and run (seed).

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
        """Prior Monte Carlo mean minus the exact log p(x) (nats)."""
        return self.mc_mean - self.exact

    @property
    def is_error(self) -> float:
        """Importance-sampling mean minus the exact log p(x) (nats)."""
        return self.is_mean - self.exact

    @property
    def mc_shortfall(self) -> float:
        """How far the prior Monte Carlo mean lies below the exact log p(x) (nats)."""
        return self.exact - self.mc_mean

    @property
    def prior_fails(self) -> bool:
        """True when, in the linear-Gaussian model, prior sampling misses log p(x) by more than ``SHORTFALL``."""
        return self.kind == "linear" and self.mc_shortfall > SHORTFALL


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
    """A Gaussian q(z | x) = N(m, s^2) against the exact posterior of a 1-D decoder, in nats.

    ``z`` with ``prior``, ``posterior`` and ``q``: the three densities drawn; ``kl``: KL(q || p(z | x))
    computed on its own (equal to ``gap`` = log p(x) - ELBO). ``two_modes``: the posterior has two peaks
    (x = z^2 with x >= 1: z = +sqrt(x) and -sqrt(x) explain x equally well). ``curves`` and ``bar``: the
    same for export.
    """

    log_p: float
    elbo: float
    kl: float
    z: np.ndarray
    prior: np.ndarray
    posterior: np.ndarray
    q: np.ndarray
    two_modes: bool
    curves: pd.DataFrame
    bar: pd.DataFrame

    @property
    def gap(self) -> float:
        return self.log_p - self.elbo


def elbo_state(decoder: str, x: float, q_mean: float, q_std: float) -> ElboState:
    """log p(x), ELBO(q) and the KL gap for ``decoder`` (see ``NOISE``) and q = N(q_mean, q_std^2)."""
    model = M.Decoder1D(decoder, noise=NOISE[decoder])
    log_p = M.marginal_likelihood_exact(model, x)
    bound = M.elbo(model, x, q_mean, q_std**2)
    prior = np.exp(model.log_prior(Z_PLOT))
    posterior = M.posterior_density(model, x, Z_PLOT)
    q = norm.pdf(Z_PLOT, loc=q_mean, scale=q_std)
    return ElboState(
        log_p=log_p,
        elbo=bound,
        kl=M.kl_to_posterior(model, x, q_mean, q_std**2),
        z=Z_PLOT,
        prior=prior,
        posterior=posterior,
        q=q,
        two_modes=decoder == "square" and x >= 1.0,
        curves=pd.DataFrame({"z": Z_PLOT, "prior": prior, "posterior": posterior, "q": q}),
        bar=pd.DataFrame({"log_p": [log_p], "elbo": [bound], "gap": [log_p - bound]}),
    )


def _snap(value: float, slider: Slider) -> float:
    return float(np.clip(round(value / slider.step) * slider.step, slider.low, slider.high))


def fit_q(decoder: str, x: float, init_mean: float, init_std: float) -> tuple[float, float]:
    """The Gaussian q with the largest ELBO, found uphill from (``init_mean``, ``init_std``): its (m, s).

    Snapped onto the q sliders' steps and ranges (``Q_MEAN``, ``Q_STD``).
    """
    model = M.Decoder1D(decoder, noise=NOISE[decoder])
    mean, cov = M.optimal_gaussian_q(model, x, init_mean=init_mean, init_std=init_std)
    return _snap(float(mean[0]), Q_MEAN), _snap(math.sqrt(float(cov[0, 0])), Q_STD)
