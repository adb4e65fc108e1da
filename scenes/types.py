"""Scenes of the "Types of generative models" page: one live model per family, fitted to the same 2-D data.

Six families (autoregressive, flow, energy-based, VAE, GAN-like implicit generator, diffusion) each fit the
same 400 points. Every one of them samples; only the likelihood-based ones can also say how likely a probe
point x* is. The fits take a few seconds and are shared by the page's scenes (``scenes.shared``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core import datasets
from core.autoregressive import Autoregressive2D
from core.diffusion import DiffusionModel
from core.ebm import BumpEnergyModel, padded_extent
from core.flow import CouplingFlow
from core.implicit import ImplicitGenerator
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
    "GAN": lambda seed: ImplicitGenerator(seed=seed),
    "Diffusion": lambda seed: DiffusionModel(seed=seed),
}
FAMILIES: tuple[str, ...] = tuple(MODELS)
#: The families that only sample: no q(x) is defined at all (diffusion has one, but it is not computed here).
IMPLICIT: frozenset[str] = frozenset({"GAN"})

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
    return Data(X, padded_extent(X, 0.15))


@dataclass(frozen=True)
class Fit:
    """A fitted family model and the data it was fitted to."""

    model: object
    data: Data


@shared(48)
def fitted(name: str, preset: str, seed: int) -> Fit:
    """The family's live model fitted to the data (seconds for the neural ones; shared by the scenes)."""
    _check(name)
    d = data(preset, seed)
    return Fit(MODELS[name](seed).fit(d.X), d)


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
    """log q(x*) and the average log q over the data (nats), or None for a family that scores nothing here."""

    name: str
    implicit: bool
    log_q: float | None
    average: float | None


@dataclass(frozen=True)
class Scores:
    """Every family's answer to "how likely is x*?", in the order of FAMILIES."""

    probe: tuple[float, float]
    families: tuple[FamilyScore, ...]


def scores(preset: str, seed: int, px: float, py: float) -> Scores:
    x = np.array([[px, py]])
    out = []
    for name in FAMILIES:
        model = fitted(name, preset, seed).model
        if hasattr(model, "score_samples"):
            log_q, average = float(model.score_samples(x)[0]), average_log_q(name, preset, seed)
        else:
            log_q, average = None, None
        out.append(FamilyScore(name, name in IMPLICIT, log_q, average))
    return Scores((float(px), float(py)), tuple(out))
