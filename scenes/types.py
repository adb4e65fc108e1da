"""Scenes of the "Types of generative models" page: one live model per family, fitted to the same 2-D data.

Six families (autoregressive, flow, energy-based, VAE, an implicit generator, diffusion) each fit the same 400
points. Every one of them samples; only the likelihood-based ones can also say how likely a probe point x* is. The
implicit generator is a generative moment-matching network (``core.implicit``: trained on the energy distance between
its points and the data, with no discriminator), not a GAN.

Nothing trains while the page is used: the six models of every preset and shipped draw (seeds 0 to
``core.fitted.DRAWS - 1``) are fitted in advance by ``scripts/fit_presets.py`` with :func:`train` and shipped as
``core/data/fits/types-<preset>-<seed>.npz``; the scenes load them (once per process, ``scenes.shared``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import datasets
from core import fitted as shipped
from core.autoregressive import Autoregressive2D
from core.diffusion import DiffusionModel
from core.ebm import BumpEnergyModel
from core.flow import CouplingFlow
from core.implicit import ImplicitGenerator
from core.sample_quality import window_around
from core.vae import SmallVAE
from scenes import shared

PRESETS: tuple[str, ...] = datasets.DENSITY_PRESETS
N_POINTS = 400
N_SAMPLES = 300

#: Family name -> the unfitted live model (from a seed) that stands for the family on this page.
MODELS: dict[str, Callable[[int], object]] = {
    "Autoregressive": lambda seed: Autoregressive2D(seed=seed),
    "Normalizing flow": lambda seed: CouplingFlow(seed=seed),
    "Energy-based": lambda seed: BumpEnergyModel(),
    "VAE": lambda seed: SmallVAE(seed=seed),
    "Moment-matching network": lambda seed: ImplicitGenerator(seed=seed),
    "Diffusion": lambda seed: DiffusionModel(seed=seed),
}
FAMILIES: tuple[str, ...] = tuple(MODELS)
#: Each family's name inside the shipped files (stable, whatever the page calls the family).
FILE_KEYS: dict[str, str] = dict(
    zip(FAMILIES, ("autoregressive", "flow", "energy", "vae", "gmmn", "diffusion"), strict=True)
)
#: The draws (seeds) whose models ship with the project: the only seeds the page offers.
DRAWS: tuple[int, ...] = tuple(range(shipped.DRAWS))
#: The shipped files of this page are ``core/data/fits/<GROUP>-<preset>-<seed>.npz``.
GROUP = "types"
#: The families that only sample: no q(x) is defined at all (diffusion has one, but it is not computed here).
IMPLICIT: frozenset[str] = frozenset({"Moment-matching network"})
#: The families whose log q(x) is an estimate (importance sampling), not an exact value.
ESTIMATED: frozenset[str] = frozenset({"VAE"})

Extent = tuple[float, float, float, float]


def _check(name: str) -> None:
    if name not in MODELS:
        raise ValueError(f"Unknown family {name!r}; choose one of {', '.join(FAMILIES)}.")


@dataclass(frozen=True)
class Data:
    """The data every family fits, and the plotting window around it."""

    X: np.ndarray
    extent: Extent


@shared(16)
def data(preset: str, seed: int) -> Data:
    """The 400 points every family fits, and the plotting window around them."""
    X = datasets.density_2d(preset, n=N_POINTS, seed=seed)
    return Data(X, window_around(X, 0.15))


@dataclass(frozen=True)
class Fit:
    """A fitted family model and the data it was fitted to."""

    model: object
    data: Data


def train(preset: str, seed: int, only: tuple[str, ...] | None = None) -> dict[str, object]:
    """Fit the six families (``only`` these keys of :data:`FILE_KEYS`) to the data of ``preset`` and ``seed``.

    Seconds each: what the shipped files hold. Run by ``scripts/fit_presets.py`` (and its ``--check``), never by
    the page.
    """
    X = data(preset, seed).X
    return {key: MODELS[name](seed).fit(X) for name, key in FILE_KEYS.items() if only is None or key in only}


@shared(len(PRESETS) * shipped.DRAWS)
def _shipped(preset: str, seed: int) -> dict[str, object]:
    """The six models trained in advance on this preset and draw (a fraction of a second to load)."""
    if preset not in PRESETS:
        raise ValueError(f"Unknown data set {preset!r}; choose one of {', '.join(PRESETS)}.")
    return shipped.load(shipped.shipped_path(GROUP, preset, seed)).models


@shared(48)
def fitted(name: str, preset: str, seed: int) -> Fit:
    """The family's model, trained in advance on the data of ``preset`` and ``seed`` (loaded, never trained here).

    Raises ``ValueError`` for a seed without shipped models (only :data:`DRAWS` have them).
    """
    _check(name)
    return Fit(_shipped(preset, seed)[FILE_KEYS[name]], data(preset, seed))


@shared(48)
def average_log_q(name: str, preset: str, seed: int) -> float:
    """Average log q over the data in nats (once per model, not on every move of x*)."""
    fit = fitted(name, preset, seed)
    return float(np.mean(fit.model.score_samples(fit.data.X)))


# ----------------------------------------------------------------------------- scenes


@dataclass(frozen=True)
class FamilyPanel:
    """One family's panel: every second data point, N_SAMPLES new points from its model, the plot window."""

    name: str
    data: np.ndarray
    samples: np.ndarray
    extent: Extent


def panel(name: str, preset: str, seed: int) -> FamilyPanel:
    fit = fitted(name, preset, seed)
    return FamilyPanel(
        name=name,
        data=fit.data.X[::2],
        samples=fit.model.sample(N_SAMPLES, seed=seed + 1),
        extent=fit.data.extent,
    )


@dataclass(frozen=True)
class FamilyScore:
    """log q(x*) and the average log q over the data (nats), or None for a family that scores nothing here.

    ``estimate``: the number is an importance-sampling estimate (the VAE), not an exact log-density.
    """

    name: str
    implicit: bool
    log_q: float | None
    average: float | None
    estimate: bool = False


@dataclass(frozen=True)
class Scores:
    """Every family's answer to "how likely is x*?", in the order of FAMILIES."""

    probe: tuple[float, float]
    families: tuple[FamilyScore, ...]

    @property
    def scored(self) -> tuple[FamilyScore, ...]:
        """The families that give x* a log-density."""
        return tuple(f for f in self.families if f.log_q is not None)

    @property
    def highest(self) -> FamilyScore:
        return max(self.scored, key=lambda f: f.log_q)

    @property
    def lowest(self) -> FamilyScore:
        return min(self.scored, key=lambda f: f.log_q)

    @property
    def spread(self) -> float:
        """Highest minus lowest log q(x*) in nats."""
        return float(self.highest.log_q - self.lowest.log_q)


def scores(preset: str, seed: int, px: float, py: float) -> Scores:
    x = np.array([[px, py]])
    out = []
    for name in FAMILIES:
        model = fitted(name, preset, seed).model
        if hasattr(model, "score_samples"):
            log_q, average = float(model.score_samples(x)[0]), average_log_q(name, preset, seed)
        else:
            log_q, average = None, None
        out.append(FamilyScore(name, name in IMPLICIT, log_q, average, name in ESTIMATED))
    return Scores((float(px), float(py)), tuple(out))


def table(panel: FamilyPanel, score: FamilyScore, probe: tuple[float, float]) -> pd.DataFrame:
    """A panel's numbers for its export menu: x* (with the family's log q(x*), if any), the data, the samples."""
    said = "no log q" if score.log_q is None else f"log q = {score.log_q:.3f} nats"
    rows = [
        pd.DataFrame({"points": [f"probe x* ({said})"], "x1": [probe[0]], "x2": [probe[1]]}),
        pd.DataFrame({"points": "data", "x1": panel.data[:, 0], "x2": panel.data[:, 1]}),
        pd.DataFrame({"points": "sample", "x1": panel.samples[:, 0], "x2": panel.samples[:, 1]}),
    ]
    return pd.concat(rows, ignore_index=True)
