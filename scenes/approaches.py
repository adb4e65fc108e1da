"""Scenes of the page "approaches": three ways to model p(x), trained on the same 2-D points.

A prescribed latent-variable model (a Gaussian mixture or a small VAE), an implicit generator (a generative
moment-matching network, GMMN: trained on the energy distance, no discriminator) and a diffusion model are
fitted to the same training points and scored with one yardstick on the same held-out points: the energy
distance of their samples (``core.sample_quality``), plus a log-likelihood where the model has a density q(x).
All panels are drawn in one window (:attr:`Data.extent`), wide enough for the diffusion model's starting noise,
so that the three models' pictures share their axes.

Every scene takes the data's identity first: ``source`` (a ``core.datasets.density_2d`` name, or
:data:`CSV` for an upload), ``seed`` and ``digest`` (the SHA-256 of the uploaded bytes, which arrive
unhashed as ``_raw``; ``""`` for a preset). The scene functions only evaluate fitted models, never train them:

- a preset's models (every data set, seeds 0 to ``core.fitted.DRAWS - 1``, every K of the mixture) are trained in
  advance by :func:`train` in ``scripts/fit_presets.py`` and shipped in ``core/data/fits/``, with the two results
  of the scenes that take seconds to compute from them (:func:`derive`); they are loaded once per process
  (:func:`scenes.shared`);
- an upload's models are trained once, by :data:`UPLOADS`: one upload at a time for the whole server, the last
  :data:`UPLOADS_KEPT` kept (keyed on the digest, never on the bytes). The page also limits how many uploads one
  session may train (:data:`UPLOADS_PER_SESSION`).

Beside the diffusion model, :func:`flow_layers` shows the slide's other kind of iterative refinement: a coupling
flow carrying noise to data, one invertible layer at a time.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from core import datasets
from core import fitted as shipped
from core.diffusion import DiffusionModel, alpha_bar, evenly_noised_steps
from core.flow import CouplingFlow
from core.implicit import ImplicitGenerator
from core.mixture import MixtureModel
from core.sample_quality import density_grid, energy_distance, grid_mass, log_likelihood_bits, window_around
from core.vae import SmallVAE
from lecture import approaches as text
from scenes import shared

#: ``source`` of an uploaded CSV file.
CSV = "csv"
#: The two prescribed latent-variable models.
MIXTURE, VAE = "mixture", "vae"
#: Preset data: training points, held-out points and model samples (the reference draw is as big).
N_TRAIN, N_HELD, N_SAMPLES = 500, 500, 500
#: An upload: fewest rows the page accepts, most it keeps (subsampled beyond), percentage held out to score.
MIN_CSV_ROWS, MAX_CSV_ROWS, CSV_HELD_PERCENT = 40, 2000, 30
#: The mixture's numbers of components K the page offers (its slider), and the default.
K_VALUES, K_DEFAULT = tuple(range(1, 13)), 8
#: The seeds the page offers for the presets: the draws whose models ship with the project.
DRAWS: tuple[int, ...] = tuple(range(shipped.DRAWS))
#: The shipped files of this page are ``core/data/fits/<GROUP>-<preset>-<seed>.npz``.
GROUP = "approaches"
#: An upload trains these models (the mixtures are fitted on demand, by EM, in well under a second each).
UPLOAD_MODELS = ("vae", "implicit", "diffusion", "flow")
#: Results of the scenes too slow for a first visit (seconds), stored beside a preset's models (:func:`derive`).
DERIVED = ("vae-density", "diffusion-distance")
#: Uploads whose models the server keeps (least recently used go first), and uploads one session may train.
UPLOADS_KEPT, UPLOADS_PER_SESSION = 8, 3
#: Cells per side of the density heatmap.
GRID = 100
#: Padding of the plotting window around the points (share of their range).
MARGIN = 0.12
#: Diffusion training: about this many noisy rows per epoch and in total, whatever the data size. Many short
#: epochs give the moving average of the weights (ema) more snapshots to smooth: sharper samples than a few
#: long epochs for the same time (about 2 s).
DIFFUSION_ROWS_PER_EPOCH, DIFFUSION_ROWS, DIFFUSION_MIN_EPOCHS = 1_000, 600_000, 50
#: The shared window leaves room for the diffusion model's starting noise N(0, I) in standardised units: this
#: many standard deviations around the data's centre (about 2 % of the pure-noise points lie beyond, and are
#: drawn on the window's edge).
NOISE_REACH = 2.5
#: Draws from the VAE's prior p(z) shown under its codes.
PRIOR_DRAWS = 300
#: T (denoising steps), the implicit generator's minibatch and the VAE's importance samples, as the page
#: says them.
STEPS = DiffusionModel().n_steps
#: The steps t the page's slider stops at, from T (noise) to 0 (samples), at evenly spaced noise levels
#: (``core.diffusion.evenly_noised_steps``), so each stop changes the picture by about as much; the linear
#: schedule's own steps would show nearly the same noise for about the first half of sampling.
N_STOPS = 13
STOPS = evenly_noised_steps(DiffusionModel().schedule(), N_STOPS)
#: sqrt(abar_t) of the schedule: the share of the data x_0 left in x_t.
SIGNAL = np.sqrt(alpha_bar(DiffusionModel().schedule()))
BATCH = ImplicitGenerator().batch_size
#: The coupling flow's layers: its steps from noise to data.
LAYERS = CouplingFlow().n_layers
IMPORTANCE_DRAWS = SmallVAE().n_importance
#: The fixed numbers the page's sentences quote: fields of the ``lecture.approaches`` templates.
QUOTED = {
    "n_train": N_TRAIN,
    "n_held": N_HELD,
    "n_samples": N_SAMPLES,
    "min_rows": MIN_CSV_ROWS,
    "max_rows": MAX_CSV_ROWS,
    "train_pct": 100 - CSV_HELD_PERCENT,
    "held_pct": CSV_HELD_PERCENT,
    "T": STEPS,
    "batch": BATCH,
    "draws": IMPORTANCE_DRAWS,
    "n_stops": len(STOPS),
    "second": STOPS[1],
    "noise_T": float(np.sqrt(1 - SIGNAL[STOPS[0]] ** 2)),
    "noise_second": float(np.sqrt(1 - SIGNAL[STOPS[1]] ** 2)),
    "layers": LAYERS,
    "n_draws": len(DRAWS),
    "max_seed": DRAWS[-1],
    "per_session": UPLOADS_PER_SESSION,
}


# ----------------------------------------------------------------------------- data and fits (memoised)


@dataclass(frozen=True)
class Source:
    """Which data: a preset's name or :data:`CSV`, the seed, an upload's digest; the bytes take no part in equality."""

    name: str
    seed: int
    digest: str = ""
    raw: bytes = field(default=b"", compare=False, repr=False)


@dataclass(frozen=True)
class Data:
    """Training points, held-out points, another real sample for reference, and where to draw them."""

    train: np.ndarray
    held_out: np.ndarray
    reference: np.ndarray
    extent: tuple[float, float, float, float]  # the one window of every panel (data and starting noise)
    from_csv: bool
    note: str = ""


def shared_window(train: np.ndarray, held_out: np.ndarray) -> tuple[float, float, float, float]:
    """The square window all panels share: the data with a margin, and ``NOISE_REACH`` sd of noise around their centre.

    Square, because the panels' plots are about square: the clouds then keep their true shape.

    >>> shared_window(np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 2.0], [4.0, 2.0]]), np.array([[2.0, 1.0]]))
    (-3.0, 7.0, -4.0, 6.0)
    """
    data = window_around(np.vstack([train, held_out]), MARGIN)
    centre, sd = train.mean(axis=0), train.std(axis=0)
    noise = np.r_[centre - NOISE_REACH * sd, centre + NOISE_REACH * sd]
    x0, x1, y0, y1 = min(data[0], noise[0]), max(data[1], noise[2]), min(data[2], noise[1]), max(data[3], noise[3])
    half = max(x1 - x0, y1 - y0) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (float(cx - half), float(cx + half), float(cy - half), float(cy + half))


def _split(X: np.ndarray, held_share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(len(X))
    n_held = int(round(held_share * len(X)))
    return X[order[n_held:]], X[order[:n_held]]


def _read_csv(raw: bytes, seed: int) -> Data:
    """The user's CSV: read, checked, standardised, split 70 / 30 (ValueError with a clear message)."""
    table = datasets.read_points_csv(raw, labelled=False, max_rows=MAX_CSV_ROWS, seed=seed)
    X = table.X
    if len(X) < MIN_CSV_ROWS:
        raise ValueError(text.TOO_FEW_ROWS.format(n=len(X), min_rows=MIN_CSV_ROWS, held_pct=CSV_HELD_PERCENT))
    if np.any(X.std(axis=0) == 0):
        raise ValueError(text.CONSTANT_COLUMN)
    X = datasets.standardise_2d(X)
    train, held = _split(X, CSV_HELD_PERCENT / 100, seed)
    note = text.CSV_NOTE.format(note=table.note).strip()
    return Data(train, held, train[:N_SAMPLES], shared_window(train, held), True, note)


@shared(8)
def load(src: Source) -> Data:
    """The data: a preset's three independent draws (train, held out, reference), or the uploaded CSV."""
    if src.name == CSV:
        return _read_csv(src.raw, src.seed)
    train = datasets.density_2d(src.name, n=N_TRAIN, seed=src.seed)
    held = datasets.density_2d(src.name, n=N_HELD, seed=src.seed + 5_000)
    fresh = datasets.density_2d(src.name, n=N_SAMPLES, seed=src.seed + 10_000)
    return Data(train, held, fresh, shared_window(train, held), False)


def recipes(src: Source) -> dict[str, Callable[[np.ndarray], object]]:
    """How each of the page's models is fitted to training points (seconds each): the VAE, the GMMN, the diffusion
    model, the coupling flow, and a Gaussian mixture for each K of :data:`K_VALUES` (keys ``"mixture-<K>"``)."""
    seed = src.seed

    def diffusion(X: np.ndarray) -> DiffusionModel:
        copies, epochs = diffusion_budget(len(X))
        return DiffusionModel(copies=copies, n_epochs=epochs, seed=seed).fit(X)

    return {
        "vae": lambda X: SmallVAE(seed=seed).fit(X),
        "implicit": lambda X: ImplicitGenerator(seed=seed).fit(X),
        "diffusion": diffusion,
        "flow": lambda X: CouplingFlow(seed=seed).fit(X),
        **{f"mixture-{k}": partial(_mixture, k=k, seed=seed) for k in K_VALUES},
    }


def train(src: Source, only: tuple[str, ...] | None = None) -> dict[str, object]:
    """Fit the page's models (:func:`recipes`; ``only`` these keys) to the training points of ``src``.

    ``scripts/fit_presets.py`` runs it for every preset and shipped draw (the files the page loads); an upload runs
    it through :data:`UPLOADS`, one at a time, for :data:`UPLOAD_MODELS` (its mixtures are fitted on demand).
    """
    X = load(src).train
    return {key: fit(X) for key, fit in recipes(src).items() if only is None or key in only}


def _mixture(X: np.ndarray, k: int, seed: int) -> MixtureModel:
    return MixtureModel(n_components=k, seed=seed).fit(X)


def diffusion_budget(n_rows: int) -> tuple[int, int]:
    """(copies, epochs) of the diffusion training for ``n_rows`` training points: see ``DIFFUSION_ROWS``."""
    copies = max(1, round(DIFFUSION_ROWS_PER_EPOCH / n_rows))
    epochs = max(DIFFUSION_MIN_EPOCHS, round(DIFFUSION_ROWS / (copies * n_rows)))
    return copies, epochs


@shared(len(text.DATA_SETS) * shipped.DRAWS)
def _shipped(preset: str, seed: int) -> shipped.Bundle:
    """The models trained in advance on a preset's draw (``core/data/fits/approaches-<preset>-<seed>.npz``)."""
    if preset not in text.DATA_SETS.values():
        raise ValueError(f"Unknown data set {preset!r}; choose one of {', '.join(text.DATA_SETS.values())}.")
    return shipped.load(shipped.shipped_path(GROUP, preset, seed))


class Trainer:
    """Trains uploads' models one at a time for the whole server, and keeps the last few (least recently used go).

    A second upload waits for the first (:meth:`busy` says so before it starts); models already kept are returned
    at once, without waiting. :attr:`seconds` is the duration of the last training in this process (None before).
    """

    def __init__(self, keep: int) -> None:
        self.keep = int(keep)
        self._training = threading.Lock()
        self._guard = threading.Lock()  # protects the kept models (held for microseconds)
        self._kept: OrderedDict[Source, dict[str, object]] = OrderedDict()
        self.seconds: float | None = None
        self.waiting = 0  # callers waiting for (or about to take) the training lock

    def ready(self, src: Source) -> bool:
        """True if the models of ``src`` are kept: using them costs nothing."""
        with self._guard:
            return src in self._kept

    def busy(self) -> bool:
        """True while an upload is being trained (a new one would wait for it)."""
        return self._training.locked()

    def _get(self, src: Source) -> dict[str, object] | None:
        with self._guard:
            if src in self._kept:
                self._kept.move_to_end(src)
                return self._kept[src]
        return None

    def models(self, src: Source, fit: Callable[[Source], dict[str, object]]) -> dict[str, object]:
        """The kept models of ``src``, or ``fit(src)`` now, after any training already running."""
        found = self._get(src)
        if found is not None:
            return found
        with self._guard:
            self.waiting += 1
        self._training.acquire()
        with self._guard:
            self.waiting -= 1
        try:
            found = self._get(src)  # trained by another session while this one waited
            if found is not None:
                return found
            start = time.perf_counter()
            models = fit(src)
            self.seconds = time.perf_counter() - start
            with self._guard:
                self._kept[src] = models
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
        finally:
            self._training.release()
        return models


#: The one trainer of uploads in this server process.
UPLOADS = Trainer(UPLOADS_KEPT)


def models(src: Source) -> dict[str, object]:
    """The page's models for ``src``: loaded from the shipped file for a preset, trained (once) for an upload."""
    if src.name != CSV:
        return _shipped(src.name, src.seed).models
    load(src)  # an unusable upload says why before anything trains
    return UPLOADS.models(src, partial(train, only=UPLOAD_MODELS))


def upload_points(source: str, seed: int, digest: str, *, _raw: bytes = b"") -> int:
    """How many training points an upload has (reading and checking it, without training anything)."""
    return len(load(Source(source, seed, digest, _raw)).train)


def upload_ready(source: str, seed: int, digest: str) -> bool:
    """True if the models of this upload (and seed) are kept on the server: showing them trains nothing."""
    return UPLOADS.ready(Source(source, seed, digest))


def train_upload(source: str, seed: int, digest: str, *, _raw: bytes = b"") -> float:
    """Train the upload's models now (after any upload already training); the seconds this call took."""
    start = time.perf_counter()
    models(Source(source, seed, digest, _raw))
    return time.perf_counter() - start


def upload_estimate() -> float:
    """About how long an upload's training takes, in seconds: the last one in this process, else the median time the
    shipped fits of the same models took (``meta["seconds"]``, recorded by ``scripts/fit_presets.py``)."""
    if UPLOADS.seconds is not None:
        return UPLOADS.seconds
    return _shipped_seconds()


@shared(1)
def _shipped_seconds() -> float:
    """Median over the shipped files of the seconds their upload-sized fits (:data:`UPLOAD_MODELS`) took."""
    totals = [
        sum(_shipped(preset, seed).meta["seconds"][key] for key in UPLOAD_MODELS)
        for preset in text.DATA_SETS.values()
        for seed in DRAWS
    ]
    return float(np.median(totals))


def _vae_density(src: Source) -> np.ndarray:
    """The VAE's q(x) on the page's grid (GRID x GRID cells, each an importance-sampling estimate): seconds."""
    return density_grid(fit_vae(src).score_samples, load(src).extent, GRID, GRID)


def _diffusion_path(src: Source) -> np.ndarray:
    """The diffusion model's reverse clouds x_T ... x_0 of the page (seeded: the same every time)."""
    return fit_diffusion(src).sample_trajectory(N_SAMPLES, seed=src.seed + 1)


def _distances(path: np.ndarray, held_out: np.ndarray) -> np.ndarray:
    """Energy distance of every cloud of ``path`` to the held-out points (a few seconds for T + 1 clouds)."""
    return np.array([energy_distance(cloud, held_out) for cloud in path])


def derive(src: Source) -> dict[str, np.ndarray]:
    """The two slow results of the page's scenes, computed from the models of ``src``: the VAE's density grid and the
    diffusion path's energy distance at every step (keys :data:`DERIVED`).

    ``scripts/fit_presets.py`` stores them beside a preset's models (computed from the models as loaded from the
    file, so they are exactly what the scenes would compute); an upload computes them in its scenes.
    """
    return {
        "vae-density": _vae_density(src),
        "diffusion-distance": _distances(_diffusion_path(src), load(src).held_out),
    }


def _stored(src: Source, key: str) -> np.ndarray | None:
    """A result of :func:`derive` stored with a preset's models (None for an upload)."""
    return None if src.name == CSV else _shipped(src.name, src.seed).models.get(key)


@shared(32)
def fit_mixture(src: Source, k: int) -> MixtureModel:
    """A Gaussian mixture with ``k`` components fitted by EM (``k = 1``: the single-Gaussian baseline); shipped for
    a preset's K in :data:`K_VALUES`, fitted on demand for an upload (well under a second)."""
    if src.name != CSV and k in K_VALUES:
        return _shipped(src.name, src.seed).models[f"mixture-{k}"]
    return _mixture(load(src).train, k=k, seed=src.seed)


def fit_vae(src: Source) -> SmallVAE:
    """The small VAE trained on the ELBO."""
    return models(src)["vae"]


def fit_implicit(src: Source) -> ImplicitGenerator:
    """The implicit generator (a GMMN) trained on the minibatch energy distance: no discriminator."""
    return models(src)["implicit"]


def fit_diffusion(src: Source) -> DiffusionModel:
    """The diffusion model's denoiser, trained on about ``DIFFUSION_ROWS`` noisy rows."""
    return models(src)["diffusion"]


def fit_flow(src: Source) -> CouplingFlow:
    """The coupling flow (exact maximum likelihood): the other kind of iterative refinement, in layers."""
    return models(src)["flow"]


# ----------------------------------------------------------------------------- the panels


@dataclass(frozen=True)
class Reference:
    """What the yardstick compares against: real data scored like a model, and a single Gaussian."""

    floor: float  # energy distance of another real sample to the held-out points: what a perfect model scores
    gauss_distance: float
    gauss_loglik: float  # bits per held-out point
    n_held: int
    n_train: int
    from_csv: bool  # the reference sample is the training points (an upload has no fresh draw)
    note: str  # what was done to an upload ("" for a preset)


def reference(source: str, seed: int, digest: str = "", *, _raw: bytes = b"") -> Reference:
    """The yardstick's floor (real data against real data) and the single-Gaussian baseline."""
    src = Source(source, seed, digest, _raw)
    data, gauss = load(src), fit_mixture(src, 1)
    return Reference(
        floor=energy_distance(data.reference, data.held_out),
        gauss_distance=energy_distance(gauss.sample(N_SAMPLES, seed=seed + 1), data.held_out),
        gauss_loglik=log_likelihood_bits(gauss.score_samples(data.held_out)),
        n_held=len(data.held_out),
        n_train=len(data.train),
        from_csv=data.from_csv,
        note=data.note,
    )


@dataclass(frozen=True)
class Prescribed:
    """A prescribed latent-variable model: its density q(x) on a grid, its samples, its latent z.

    The mixture fills ``weights`` and ``assigned``; the VAE fills ``codes`` and ``prior_draws``.
    """

    family: str
    k: int  # mixture components (0 for the VAE)
    extent: tuple[float, float, float, float]
    density: np.ndarray  # (GRID, GRID), row 0 the lowest x₂
    mass: float  # probability mass over the grid (about 1)
    samples: np.ndarray
    distance: float  # energy distance of the samples to the held-out points
    loglik: float  # held-out log-likelihood, bits per point (exact for the mixture, estimated for the VAE)
    weights: np.ndarray | None = None  # the prior p(z = k)
    assigned: np.ndarray | None = None  # share of held-out points whose most probable z is k
    codes: np.ndarray | None = None  # encoder means E[z|x] of the held-out points
    prior_draws: np.ndarray | None = None  # draws from p(z) = N(0, I)


def prescribed(source: str, seed: int, digest: str, family: str, k: int, *, _raw: bytes = b"") -> Prescribed:
    """The mixture with ``k`` components (``family = MIXTURE``) or the VAE (``family = VAE``, pass ``k = 0``)."""
    if family not in (MIXTURE, VAE):
        raise ValueError(f"family must be {MIXTURE!r} or {VAE!r} (got {family!r}).")
    src = Source(source, seed, digest, _raw)
    data = load(src)
    if family == MIXTURE:
        model = fit_mixture(src, k)
        density = density_grid(model.score_samples, data.extent, GRID, GRID)
    else:
        model, density = fit_vae(src), _stored(src, "vae-density")
        density = _vae_density(src) if density is None else density
    samples = model.sample(N_SAMPLES, seed=seed + 1)
    common = dict(
        family=family,
        k=k if family == MIXTURE else 0,
        extent=data.extent,
        density=density,
        mass=grid_mass(density, data.extent),
        samples=samples,
        distance=energy_distance(samples, data.held_out),
        loglik=log_likelihood_bits(model.score_samples(data.held_out)),
    )
    if family == MIXTURE:
        assigned = np.bincount(model.predict(data.held_out), minlength=k) / len(data.held_out)
        return Prescribed(**common, weights=model.weights_, assigned=assigned)
    prior = np.random.default_rng(seed + 2).standard_normal((PRIOR_DRAWS, model.latent_dim))[:, :2]
    return Prescribed(**common, codes=model.transform(data.held_out), prior_draws=prior)


@dataclass(frozen=True)
class Implicit:
    """The implicit generator (GMMN): samples over held-out data, its training curve, its score."""

    extent: tuple[float, float, float, float]
    held_out: np.ndarray
    samples: np.ndarray
    curve: np.ndarray  # minibatch energy distance at each training step (standardised units)
    floor: float  # the same between two minibatches of real data: where a perfect generator levels off
    distance: float


def implicit(source: str, seed: int, digest: str = "", *, _raw: bytes = b"") -> Implicit:
    """The implicit generator g(z), a generative moment-matching network: samples only, no q(x)."""
    src = Source(source, seed, digest, _raw)
    data, model = load(src), fit_implicit(src)
    samples = model.sample(N_SAMPLES, seed=seed + 1)
    return Implicit(
        extent=data.extent,
        held_out=data.held_out,
        samples=samples,
        curve=model.loss_curve_,
        floor=model.loss_floor(data.train, seed=seed),
        distance=energy_distance(samples, data.held_out),
    )


@dataclass(frozen=True)
class Diffusion:
    """The diffusion model at every step t = 0..T: clouds, and their distance to held-out data."""

    steps: int  # T
    extent: tuple[float, float, float, float]  # the shared window (wide enough for most of the starting noise)
    forward: np.ndarray  # (T+1, n, 2): held-out data noised forward to step t
    path: np.ndarray  # (T+1, n, 2): the model's reverse cloud at step t (index 0: finished samples)
    distance: np.ndarray  # (T+1,): energy distance of path[t] to the held-out data
    signal: np.ndarray  # (T+1,): sqrt(abar_t), the share of x_0 left in x_t = sqrt(abar_t) x_0 + sqrt(1-abar_t) eps
    half: int  # the first step t (in sampling order T -> 0) where D is halfway down from noise to samples
    table: pd.DataFrame  # t, energy_distance: the curve's data for export


def diffusion(source: str, seed: int, digest: str = "", *, _raw: bytes = b"") -> Diffusion:
    """The diffusion model's sampling path from noise (t = T) to samples (t = 0), with the forward process."""
    src = Source(source, seed, digest, _raw)
    data, model = load(src), fit_diffusion(src)
    path = _diffusion_path(src)
    forward = np.stack([model.noise(data.held_out, t, seed=seed + 3) for t in range(model.n_steps + 1)])
    distance = _stored(src, "diffusion-distance")
    distance = _distances(path, data.held_out) if distance is None else distance
    return Diffusion(
        steps=model.n_steps,
        extent=data.extent,
        forward=forward,
        path=path,
        distance=distance,
        signal=np.sqrt(model.alpha_bar_),
        half=halfway_step(distance),
        table=pd.DataFrame({"t": np.arange(model.n_steps + 1), "energy_distance": distance}),
    )


@dataclass(frozen=True)
class FlowLayers:
    """The coupling flow carrying noise to data, layer by layer: clouds, and their distance to held-out data.

    Sampling runs the flow backwards, ``x = f^{-1}(z)`` with ``z ~ N(0, I)``: the layers are undone from the last to
    the first, and each one shifts and scales one coordinate by amounts computed from the other.
    """

    layers: int  # L
    extent: tuple[float, float, float, float]  # the shared window
    held_out: np.ndarray
    path: np.ndarray  # (L+1, n, 2): after 0, 1, ..., L layers (0: the noise in the data's units; L: the samples)
    distance: np.ndarray  # (L+1,): energy distance of path[j] to the held-out data
    moved: tuple[int, ...]  # (L+1,): the coordinate (0: x₁, 1: x₂) layer j moved; -1 for j = 0 (nothing yet)
    loglik: float  # held-out log-likelihood, bits per point: exact, by the change of variables
    table: pd.DataFrame  # layer, moved, energy_distance: the curve's data for export


def flow_layers(source: str, seed: int, digest: str = "", *, _raw: bytes = b"") -> FlowLayers:
    """The flow's sampling pass from noise (layer 0) to samples (layer L), from the diffusion model's starting noise
    (the same seed, so the same z when both standardise the same training points)."""
    src = Source(source, seed, digest, _raw)
    data, model = load(src), fit_flow(src)
    z = np.random.default_rng(seed + 1).standard_normal((N_SAMPLES, 2))
    path = model.inverse_path(z)
    distance = np.array([energy_distance(cloud, data.held_out) for cloud in path])
    L = model.n_layers
    moved = (-1, *((L - j) % 2 for j in range(1, L + 1)))  # step j undoes layer L - j, which moves (L - j) % 2
    return FlowLayers(
        layers=L,
        extent=data.extent,
        held_out=data.held_out,
        path=path,
        distance=distance,
        moved=moved,
        loglik=log_likelihood_bits(model.score_samples(data.held_out)),
        table=pd.DataFrame(
            {
                "layer": np.arange(L + 1),
                "moved": ["—", *(text.COORDINATES[m] for m in moved[1:])],
                "energy_distance": distance,
            }
        ),
    )


def flow_values(flow: FlowLayers, dif: Diffusion, ref: Reference, j: int) -> dict:
    """The numbers the flow's caption quotes (``lecture.approaches.FLOW_CAPTION``), with the layer slider at ``j``."""
    d = flow.distance
    peak = int(np.argmax(d[1:-1])) + 1 if flow.layers > 1 else 0  # the highest D between the first and last cloud
    if peak and d[peak] > d[0]:
        path = text.FLOW_PATH_SENTENCE["detour"].format(d_peak=float(d[peak]), peak=peak)
    else:
        path = text.FLOW_PATH_SENTENCE["direct"].format(d_noise=float(d[0]))
    if j == 0:
        step = text.FLOW_STEP_SENTENCE["noise"]
    else:
        step = text.FLOW_STEP_SENTENCE["layer"].format(
            j=j, moved=text.FLOW_MOVED_SHORT[flow.moved[j]], d_now=float(d[j])
        )
    return {
        "n_train": ref.n_train,
        "T": dif.steps,
        "L": flow.layers,
        "d_noise": float(d[0]),
        "d_final": float(d[-1]),
        "d_diffusion": float(dif.distance[0]),
        "path_sentence": path,
        "step_sentence": step,
    }


def halfway_step(distance: np.ndarray) -> int:
    """The first step t, in sampling order (T -> 0), at which D has fallen halfway from its start to its end.

    >>> halfway_step(np.array([0.1, 0.2, 0.8, 0.9, 1.0]))   # start 1.0 (t = 4), end 0.1 (t = 0): below 0.55 at t = 1
    1
    """
    d = np.asarray(distance, float)
    level = 0.5 * (d[-1] + d[0])
    below = np.nonzero(d <= level)[0]
    return int(below.max()) if below.size else 0


def notice_values(shown: Prescribed, imp: Implicit, dif: Diffusion, ref: Reference, t: int) -> dict:
    """The numbers and names "what to notice" quotes, for the state on screen (the slider at step ``t``)."""
    scores = {
        text.MODEL_NAMES["mixture" if shown.family == MIXTURE else "vae"].format(k=shown.k): shown.distance,
        text.MODEL_NAMES["implicit"]: imp.distance,
        text.MODEL_NAMES["diffusion"]: float(dif.distance[0]),
    }
    best = min(scores, key=scores.get)
    T = dif.steps
    where = "done" if t == 0 else "noise" if t == T else "midway"
    step = text.NOTICE_STEP[where].format(
        t=t,
        T=T,
        done=T - t,
        noise=float(np.sqrt(1.0 - dif.signal[t] ** 2)),
        d_now=float(dif.distance[t]),
        d_noise=float(dif.distance[T]),
        d_final=float(dif.distance[0]),
    )
    return {
        "n_train": ref.n_train,
        "prescribed": text.FAMILY_NAME[shown.family].format(k=shown.k),
        "step_sentence": step,
        "best": best,
        "best_d": scores[best],
        "gauss_d": ref.gauss_distance,
        "floor": ref.floor,
    }
