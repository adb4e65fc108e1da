"""Scenes of the prior / posterior / variational-inference page: a coin's bias, a grid posterior, a Gaussian q.

Panel 1 reads or simulates a flip sequence (:func:`read_flips`, :func:`simulated_flips`) and shows the Beta
posterior after the first k flips (:func:`coin`). Panel 2 compares a Gaussian q, moved by hand or fitted by
maximising the ELBO, with a one-parameter posterior computed exactly on a grid (:func:`variational`).
Panel 3 fits q to the two-mode posterior by reverse and by forward KL (:func:`kl_fit`, :func:`kl_comparison`).
All values are in nats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import bayes
from core import variational as vi
from scenes import shared

#: Longest flip sequence the page uses, and the Beta(a, b) prior presets: (a, b, what the prior says).
MAX_FLIPS = bayes.MAX_FLIPS
PRIOR_PRESETS = bayes.PRIOR_PRESETS
#: Points of the Beta density curves drawn for the coin.
COIN_GRID = 300
#: Number of θ values of the grid the one-parameter posteriors are computed on, and the divergences q is fitted by.
GRID_SIZE = int(bayes.THETA_GRID.size)
DIVERGENCES = vi.DIVERGENCES

#: The θ range drawn, and the grid of q's means and standard deviations the ELBO landscape is evaluated on.
WINDOW = (-5.0, 5.0)
MEANS = np.linspace(-4.0, 4.0, 81)
SDS = np.linspace(0.1, 2.0, 39)
#: The two-mode posterior, on which the forward and reverse KL fits are compared.
TWO_MODES = "two_modes"

#: Names of the curves in the density tables (the charts' legend and the CSV export).
EXACT = "exact posterior p(θ|x)"
YOUR_Q = "your q"
FITTED_Q = "fitted q"


# ----------------------------------------------------------------------------- 1 · the coin


@dataclass(frozen=True)
class Flips:
    """A flip sequence as text, H for heads and T for tails, and why it was cut (``None`` if it was not)."""

    seq: str
    note: str | None = None


def read_flips(text: str) -> Flips:
    """A typed (or hand-flipped) sequence such as ``"hh t,h"``; ``""`` is no flips yet.

    Raises ``ValueError`` with a message for anything that is not H or T; a sequence over ``MAX_FLIPS`` is cut.
    """
    if not text:
        return Flips("")
    parsed = bayes.parse_flips(text)
    return Flips(bayes.format_flips(parsed.flips), parsed.note)


def simulated_flips(n: int, bias: float, seed: int) -> Flips:
    """``n`` flips of a coin with P(heads) = ``bias``, reproducible from ``seed``."""
    return Flips(bayes.format_flips(bayes.simulate_flips(n, bias, seed)))


@dataclass(frozen=True)
class Coin:
    """The Beta posterior of the coin's bias after the first ``k`` flips of a sequence.

    Attributes
    ----------
    k, heads, tails : flips seen so far and how they fell.
    a, b : the posterior Beta(a + h, b + t) after them.
    mean, lower, upper : its mean and 95% credible interval.
    frequency : fraction of heads so far (NaN before any flip).
    log_evidence : log p(flips so far) in nats.
    curves : long table (theta, density, curve) of the prior and the posterior densities.
    shown : the first ``k`` flips as text.
    steps, means, lowers, uppers, frequencies : the posterior after each number of flips 0..n (the path).
    """

    k: int
    heads: int
    tails: int
    a: float
    b: float
    mean: float
    lower: float
    upper: float
    frequency: float
    log_evidence: float
    curves: pd.DataFrame
    shown: str
    steps: np.ndarray
    means: np.ndarray
    lowers: np.ndarray
    uppers: np.ndarray
    frequencies: np.ndarray

    @property
    def path(self) -> pd.DataFrame:
        """The path as a table: after each number of flips, the posterior mean, its 95% interval, the heads share."""
        return pd.DataFrame(
            {
                "flips": self.steps,
                "posterior mean": self.means,
                "lower 95%": self.lowers,
                "upper 95%": self.uppers,
                "fraction of heads": self.frequencies,
            }
        )


def coin(seq: str, a: float, b: float, k: int) -> Coin:
    """The posterior after the first ``k`` flips of ``seq`` (H/T text), starting from a Beta(a, b) prior."""
    flips = bayes.parse_flips(seq).flips if seq else np.zeros(0, int)
    if not 0 <= k <= flips.size:
        raise ValueError(f"the replay step must be between 0 and {flips.size} flips (got {k})")
    path = bayes.beta_posterior_path(flips, a, b)
    ak, bk = float(path.a[k]), float(path.b[k])
    heads = int(round(ak - a))
    theta, posterior = bayes.beta_density(ak, bk, n_grid=COIN_GRID)
    _, prior = bayes.beta_density(a, b, n_grid=COIN_GRID)
    curves = pd.DataFrame(
        {
            "theta": np.concatenate([theta, theta]),
            "density": np.concatenate([prior, posterior]),
            "curve": ["prior"] * theta.size + ["posterior"] * theta.size,
        }
    )
    return Coin(
        k=k,
        heads=heads,
        tails=k - heads,
        a=ak,
        b=bk,
        mean=float(path.mean[k]),
        lower=float(path.lower[k]),
        upper=float(path.upper[k]),
        frequency=float(path.frequency[k]),
        log_evidence=bayes.log_evidence_coin(heads, k - heads, a, b),
        curves=curves,
        shown=seq[:k],
        steps=np.arange(flips.size + 1),
        means=path.mean,
        lowers=path.lower,
        uppers=path.upper,
        frequencies=path.frequency,
    )


# ----------------------------------------------------------------------------- grid posteriors and a Gaussian q

#: The one-parameter models :func:`core.bayes.make_model` builds.
Model = bayes.GaussianMean | bayes.LogisticSlope | bayes.CauchyLocation


@shared()
def _target(name: str, seed: int) -> tuple[Model, bayes.GridPosterior, np.ndarray]:
    """The model, its posterior on the grid, and its predictive probability at every grid value of θ."""
    model = bayes.make_model(name, seed)
    post = bayes.grid_posterior(bayes.THETA_GRID, model.log_joint(bayes.THETA_GRID))
    return model, post, model.predictive(post.theta)


@shared()
def _landscape(name: str, seed: int) -> np.ndarray:
    return vi.elbo_landscape(_target(name, seed)[1], MEANS, SDS)


@shared(maxsize=64)
def _fit(name: str, seed: int, mean: float, sd: float, divergence: str) -> vi.VIFit:
    return vi.fit_gaussian(_target(name, seed)[1], mean, sd, divergence=divergence)


@dataclass(frozen=True)
class QSummary:
    """A Gaussian q = N(mean, sd²) against the posterior: ELBO, both KLs, its predictive probability."""

    mean: float
    sd: float
    elbo: float
    kl: float
    kl_fwd: float
    predictive: float


def _summary(name: str, seed: int, mean: float, sd: float) -> tuple[QSummary, np.ndarray]:
    """q's numbers and its density on the grid."""
    _, post, pred = _target(name, seed)
    summary = QSummary(
        mean=float(mean),
        sd=float(sd),
        elbo=vi.elbo(post, mean, sd),
        kl=vi.kl_q_p(post, mean, sd),
        kl_fwd=vi.kl_p_q(post, mean, sd),
        predictive=vi.expectation_under_q(post, pred, mean, sd),
    )
    return summary, vi.gaussian_mass(post, mean, sd) / post.step


def _curves(theta: np.ndarray, curves: dict[str, np.ndarray], every: int = 2) -> pd.DataFrame:
    """Long table (theta, density, curve) of density curves on the window (every ``every``-th grid point)."""
    keep = np.flatnonzero((theta >= WINDOW[0]) & (theta <= WINDOW[1]))[::every]
    rows = [
        pd.DataFrame({"theta": theta[keep], "density": values[keep], "curve": name}) for name, values in curves.items()
    ]
    return pd.concat(rows, ignore_index=True)


@dataclass(frozen=True)
class Variational:
    """The exact posterior and a Gaussian q: yours, and (if asked) the one that maximises the ELBO from it.

    Attributes
    ----------
    log_evidence : log p(x) in nats, exact on the grid: the ceiling of every ELBO.
    predictive_label, predictive : the model's predictive question and its answer under the exact posterior.
    mine, fitted : your q and the fitted q (``None`` without the fit); ``n_iter``: the fit's iterations (0 without).
    curves : long table (theta, density, curve) of the posterior and the q's; ``dashed``: the curves drawn dashed.
    landscape : ELBO of every q = N(μ, σ²), shape (len(SDS), len(MEANS)); ``extent``: (μ0, μ1, σ0, σ1).
    path : the fit's path, a table (iteration, mean, sd, elbo), or ``None`` without the fit.
    """

    log_evidence: float
    predictive_label: str
    predictive: float
    mine: QSummary
    fitted: QSummary | None
    n_iter: int
    curves: pd.DataFrame
    dashed: tuple[str, ...]
    landscape: np.ndarray
    extent: tuple[float, float, float, float]
    path: pd.DataFrame | None

    @property
    def landscape_table(self) -> pd.DataFrame:
        """The landscape as a long table (mean, sd, ELBO), one row per q."""
        m, s = np.meshgrid(MEANS, SDS)
        return pd.DataFrame({"mean μ": m.ravel(), "sd σ": s.ravel(), "ELBO": self.landscape.ravel()})


def variational(name: str, seed: int, mean: float, sd: float, fit: bool) -> Variational:
    """Posterior ``name`` (a :data:`core.bayes.MODEL_NAMES` key) from data ``seed`` against q = N(mean, sd²)."""
    model, post, pred = _target(name, seed)
    mine, mine_density = _summary(name, seed, mean, sd)
    densities = {EXACT: post.density, YOUR_Q: mine_density}
    fitted, path, n_iter, dashed = None, None, 0, ()
    if fit:
        result = _fit(name, seed, mean, sd, "reverse")
        fitted, densities[FITTED_Q] = _summary(name, seed, result.mean_, result.sd_)
        n_iter, dashed = result.n_iter_, (YOUR_Q,)
        path = pd.DataFrame(
            {"iteration": np.arange(result.means.size), "mean": result.means, "sd": result.sds, "elbo": result.elbos}
        )
    return Variational(
        log_evidence=post.log_evidence,
        predictive_label=model.predictive_label,
        predictive=post.expect(pred),
        mine=mine,
        fitted=fitted,
        n_iter=n_iter,
        curves=_curves(post.theta, densities),
        dashed=dashed,
        landscape=_landscape(name, seed),
        extent=(float(MEANS[0]), float(MEANS[-1]), float(SDS[0]), float(SDS[-1])),
        path=path,
    )


# ----------------------------------------------------------------------------- forward vs reverse KL


@dataclass(frozen=True)
class KLFit:
    """The two-mode posterior and q fitted to it by one KL divergence, from a starting q.

    ``curves``: long table (theta, density, curve) of the posterior and the fitted q; ``dashed``: none.
    """

    divergence: str
    fitted: QSummary
    curves: pd.DataFrame
    dashed: tuple[str, ...] = ()


def kl_fit(seed: int, mean: float, sd: float, divergence: str) -> KLFit:
    """q fitted to the two-mode posterior by ``divergence`` ("reverse" or "forward") from q = N(mean, sd²)."""
    _, post, _ = _target(TWO_MODES, seed)
    result = _fit(TWO_MODES, seed, mean, sd, divergence)
    fitted, density = _summary(TWO_MODES, seed, result.mean_, result.sd_)
    return KLFit(divergence, fitted, _curves(post.theta, {EXACT: post.density, f"{divergence} fit": density}))


@dataclass(frozen=True)
class KLComparison:
    """The exact two-mode posterior and the reverse and forward KL fits, one row each."""

    table: pd.DataFrame


def kl_comparison(seed: int, mean: float, sd: float) -> KLComparison:
    """Mean, sd, both KLs and the predictive probability of the exact posterior and of both fits from N(mean, sd²)."""
    model, post, pred = _target(TWO_MODES, seed)
    rows = [
        {
            "fit": "exact posterior",
            "mean": post.mean(),
            "sd": post.sd(),
            "KL(q ‖ p)": 0.0,
            "KL(p ‖ q)": 0.0,
            model.predictive_label: post.expect(pred),
        }
    ]
    for divergence in vi.DIVERGENCES:
        fitted = kl_fit(seed, mean, sd, divergence).fitted
        rows.append(
            {
                "fit": f"{divergence} KL fit",
                "mean": fitted.mean,
                "sd": fitted.sd,
                "KL(q ‖ p)": fitted.kl,
                "KL(p ‖ q)": fitted.kl_fwd,
                model.predictive_label: fitted.predictive,
            }
        )
    return KLComparison(pd.DataFrame(rows))


# ----------------------------------------------------------------------------- reverse KL from many starts

#: The starting q's of :func:`kl_starts`: every mean with every sd (a spread over the sliders' range).
START_MEANS = (-3.0, -1.5, 0.0, 1.5, 3.0)
START_SDS = (0.5, 1.0, 2.0)
#: A fitted q "settles in one mode" when less than this share of its mass lies across the dip between the modes.
ONE_MODE_SPILL = 0.05


@dataclass(frozen=True)
class KLStarts:
    """Reverse-KL fits to the two-mode posterior from :data:`START_MEANS` x :data:`START_SDS`.

    Attributes
    ----------
    n_starts, n_one_mode : how many fits, and how many of them settle inside one mode.
    n_optima : how many different optima the fits end at.
    starts : one row per start (start mean, start sd, fitted mean, fitted sd, KL(q ‖ p), one mode).
    optima : one row per optimum (mean, sd, KL(q ‖ p), one mode, starts, curve): the legend's names.
    curves : long table (theta, density, curve) of the posterior and each optimum's q; ``dashed``: the broad q's.
    """

    n_starts: int
    n_one_mode: int
    n_optima: int
    starts: pd.DataFrame
    optima: pd.DataFrame
    curves: pd.DataFrame
    dashed: tuple[str, ...]


def kl_starts(seed: int) -> KLStarts:
    """Fit q by reverse KL from a spread of starting q's: the objective has several local optima."""
    _, post, _ = _target(TWO_MODES, seed)
    fits = vi.fits_from_starts(post, np.array(START_MEANS), np.array(START_SDS), "reverse")
    cut = vi.mode_split(post)
    rows = []
    for fit in fits:
        spill = 0.0 if cut is None else vi.mass_below(post, fit.mean_, fit.sd_, cut)
        rows.append(
            {
                "start μ": fit.means[0],
                "start σ": fit.sds[0],
                "fitted μ": fit.mean_,
                "fitted σ": fit.sd_,
                "KL(q ‖ p)": vi.kl_q_p(post, fit.mean_, fit.sd_),
                "one mode": bool(min(spill, 1.0 - spill) < ONE_MODE_SPILL),
            }
        )
    starts = pd.DataFrame(rows)
    # the same optimum, reached from different starts, agrees to far better than 0.02 in μ and σ
    key = starts[["fitted μ", "fitted σ"]].round(2).apply(tuple, axis=1)
    optima = (
        starts.assign(key=key)
        .groupby("key", sort=False)
        .agg(
            mean=("fitted μ", "first"),
            sd=("fitted σ", "first"),
            kl=("KL(q ‖ p)", "first"),
            one_mode=("one mode", "first"),
            starts=("one mode", "size"),
        )
        .sort_values("mean")
        .reset_index(drop=True)
    )
    optima["curve"] = [
        f"q = N({m:.2f}, {s:.2f}²) from {n} start{'' if n == 1 else 's'}".replace("-", "−")
        for m, s, n in zip(optima["mean"], optima["sd"], optima["starts"], strict=True)
    ]
    densities = {EXACT: post.density}
    for m, s, name in zip(optima["mean"], optima["sd"], optima["curve"], strict=True):
        densities[name] = vi.gaussian_mass(post, m, s) / post.step
    return KLStarts(
        n_starts=len(starts),
        n_one_mode=int(starts["one mode"].sum()),
        n_optima=len(optima),
        starts=starts,
        optima=optima,
        curves=_curves(post.theta, densities),
        dashed=tuple(optima.loc[~optima["one_mode"], "curve"]),
    )


def placement(seed: int, mean: float, sd: float) -> str:
    """Where the reverse-KL fit from N(mean, sd²) ends: "left", "right" (inside one mode) or "broad"."""
    _, post, _ = _target(TWO_MODES, seed)
    fit = _fit(TWO_MODES, seed, mean, sd, "reverse")
    cut = vi.mode_split(post)
    if cut is None:
        return "left" if fit.mean_ < post.mean() else "right"
    spill = vi.mass_below(post, fit.mean_, fit.sd_, cut)
    if min(spill, 1.0 - spill) >= ONE_MODE_SPILL:
        return "broad"
    return "left" if spill > 0.5 else "right"
