"""Scenes of the page "approaches": three ways to model p(x), trained live on the same 2-D points.

A prescribed latent-variable model (a Gaussian mixture or a small VAE), an implicit generator (a generative
moment-matching network, GMMN: trained on the energy distance, no discriminator) and a diffusion model are
fitted to the same training points and scored with one yardstick on the same held-out points: the energy
distance of their samples (``core.sample_quality``), plus a log-likelihood where the model has a density q(x).
All panels are drawn in one window (:attr:`Data.extent`), wide enough for the diffusion model's starting noise,
so that the three models' pictures share their axes.

Every scene takes the data's identity first: ``source`` (a ``core.datasets.density_2d`` name, or
:data:`CSV` for an upload), ``seed`` and ``digest`` (the SHA-256 of the uploaded bytes, which arrive
unhashed as ``_raw``; ``""`` for a preset). The fits take seconds, so each is memoised with
:func:`scenes.shared` (keyed on the digest, never on the bytes) and the scene functions only evaluate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core import datasets
from core.diffusion import DiffusionModel, alpha_bar, evenly_noised_steps
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


@shared(32)
def fit_mixture(src: Source, k: int) -> MixtureModel:
    """A Gaussian mixture with ``k`` components fitted by EM (``k = 1``: the single-Gaussian baseline)."""
    return MixtureModel(n_components=k, seed=src.seed).fit(load(src).train)


@shared(8)
def fit_vae(src: Source) -> SmallVAE:
    """The small VAE trained on the ELBO."""
    return SmallVAE(seed=src.seed).fit(load(src).train)


@shared(8)
def fit_implicit(src: Source) -> ImplicitGenerator:
    """The implicit generator (a GMMN) trained on the minibatch energy distance: no discriminator."""
    return ImplicitGenerator(seed=src.seed).fit(load(src).train)


def diffusion_budget(n_rows: int) -> tuple[int, int]:
    """(copies, epochs) of the diffusion training for ``n_rows`` training points: see ``DIFFUSION_ROWS``."""
    copies = max(1, round(DIFFUSION_ROWS_PER_EPOCH / n_rows))
    epochs = max(DIFFUSION_MIN_EPOCHS, round(DIFFUSION_ROWS / (copies * n_rows)))
    return copies, epochs


@shared(8)
def fit_diffusion(src: Source) -> DiffusionModel:
    """The diffusion model's denoiser, trained on about ``DIFFUSION_ROWS`` noisy rows."""
    train = load(src).train
    copies, epochs = diffusion_budget(len(train))
    return DiffusionModel(copies=copies, n_epochs=epochs, seed=src.seed).fit(train)


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
    model = fit_mixture(src, k) if family == MIXTURE else fit_vae(src)
    density = density_grid(model.score_samples, data.extent, GRID, GRID)
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
    path = model.sample_trajectory(N_SAMPLES, seed=seed + 1)
    forward = np.stack([model.noise(data.held_out, t, seed=seed + 3) for t in range(model.n_steps + 1)])
    distance = np.array([energy_distance(cloud, data.held_out) for cloud in path])
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
