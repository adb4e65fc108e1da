"""Scenes of the GAN on "Different approaches": a generator and a discriminator trained against each other, one
snapshot at a time (the GAN Lab view).

Two runs ship with the project (``core.gan.PRESETS``, made by ``scripts/train_gan.py``): one that converges and one
whose generator collapses onto one blob of the data at a time. Both are loaded once per process (:func:`run`);
nothing here trains. :func:`snapshot` gives everything the panel draws for one preset at one training step: the
data, the generated points, the discriminator's P(real | x) on a grid, the arrows of the generator's gradient, the
loss curves up to that step and the step's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core import gan as core_gan
from core.sample_quality import window_around
from scenes import shared

#: The shipped runs, in the order the page offers them.
PRESETS: tuple[str, ...] = tuple(core_gan.PRESETS)
#: Cells per side of the P(real | x) heatmap.
GRID = 80
#: Data points and generated points drawn (the generated ones are the first of the ``core.gan.N_EVAL`` scored).
N_SHOWN = 300
#: Generated points that get an arrow (the first of those drawn).
N_ARROWS = 40
#: Length of a typical arrow (the median of the run's gradients over all its snapshots) as a share of the window's
#: width; arrows longer than ``ARROW_CAP`` times that are cut to it, keeping their direction. One scale per run, so
#: that arrows shrink where the gradient does.
ARROW_LENGTH, ARROW_CAP = 0.05, 3.0
#: Padding of the square window around the data (share of their range).
MARGIN = 0.15
#: Most points on a loss curve (each the mean of its stretch of steps).
MAX_CURVE = 150
#: Losses of a discriminator left guessing (D = 1/2 everywhere), in bits: what both curves head for.
EQUILIBRIUM_D, EQUILIBRIUM_G = 2.0, 1.0
#: A loss curve has settled once its stretch means stay within this many bits of those values.
LOSS_TOLERANCE = 0.15


def _quoted() -> dict[str, object]:
    """The fixed numbers the panel's sentences quote (fields of the ``lecture.gan`` templates)."""
    first = core_gan.PRESETS[PRESETS[0]]
    zoom = next(p["snapshot_zoom"] for p in core_gan.PRESETS.values() if p.get("snapshot_zoom"))
    return {
        "zoom_start": zoom[0],
        "zoom_stop": zoom[1],
        "zoom_every": zoom[2],
        "n_train": core_gan.N_TRAIN,
        "n_held": core_gan.N_HELD,
        "n_eval": core_gan.N_EVAL,
        "n_steps": first["n_steps"],
        "every": first["snapshot_every"],
        "batch": core_gan.GAN().batch_size,
        "min_share": core_gan.MIN_SHARE,
        "radius_sd": core_gan.MODE_RADIUS / core_gan.MIXTURE_SD,
        "lr_converges": core_gan.PRESETS["converges"]["learning_rate_g"],
        "lr_collapses": core_gan.PRESETS["collapses"]["learning_rate_g"],
        "lr_d": core_gan.PRESETS["collapses"]["learning_rate_d"],
        "stretch": max(1, first["n_steps"] // MAX_CURVE),
    }


#: The fixed numbers the panel's sentences quote.
QUOTED = _quoted()


@dataclass(frozen=True)
class Run:
    """A shipped run: the GAN with all its snapshots, its record, its data and the numbers every snapshot shares."""

    gan: core_gan.GAN
    record: dict
    train: np.ndarray
    held_out: np.ndarray
    extent: tuple[float, float, float, float]
    arrow_scale: float  # data units of arrow per bit per data unit of gradient
    curve_steps: np.ndarray  # (C,) the last step of each stretch of the thinned loss curves
    d_curve: np.ndarray  # (C,) mean L_D over each stretch, bits
    g_curve: np.ndarray  # (C,) mean L_G over each stretch, bits


def square_window(X: np.ndarray, margin: float = MARGIN) -> tuple[float, float, float, float]:
    """A square window around 2-D points (their range padded by ``margin``, the shorter side widened).

    >>> square_window(np.array([[0.0, 0.0], [4.0, 2.0]]), margin=0.25)
    (-1.0, 5.0, -2.0, 4.0)
    """
    x0, x1, y0, y1 = window_around(X, margin)
    half = max(x1 - x0, y1 - y0) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (float(cx - half), float(cx + half), float(cy - half), float(cy + half))


def thin(values: np.ndarray, limit: int = MAX_CURVE) -> tuple[np.ndarray, np.ndarray]:
    """(last step of each stretch, mean over the stretch) of a per-step curve, in at most ``limit`` stretches.

    >>> [a.tolist() for a in thin(np.array([1.0, 3.0, 5.0, 7.0]), limit=2)]
    [[2, 4], [2.0, 6.0]]
    """
    v = np.asarray(values, float)
    edges = np.linspace(0, len(v), min(limit, len(v)) + 1).astype(int)
    return edges[1:], np.add.reduceat(v, edges[:-1]) / np.diff(edges)


def _noise(n: int, latent_dim: int) -> np.ndarray:
    """The noise z behind the scored samples (``core.gan.EVAL_SEED``): the same z at every snapshot."""
    return np.random.default_rng(core_gan.EVAL_SEED).standard_normal((n, int(latent_dim)))


@shared(len(PRESETS))
def run(preset: str) -> Run:
    """The shipped run of ``preset``, loaded once per process, with what all its snapshots share."""
    gan, record = core_gan.load_shipped(preset)
    train, held, _ = core_gan.preset_data()
    z = _noise(N_ARROWS, gan.latent_dim)
    lengths = np.concatenate(
        [np.linalg.norm(gan.at(i).generator_gradient(z)[1], axis=1) for i in range(len(gan.snapshot_steps_))]
    )
    extent = square_window(np.vstack([train, held]))
    typical = float(np.median(lengths)) or 1.0
    curve_steps, d_curve = thin(gan.d_loss_)
    _, g_curve = thin(gan.g_loss_)
    scale = ARROW_LENGTH * (extent[1] - extent[0]) / typical
    return Run(gan, record, train, held, extent, scale, curve_steps, d_curve, g_curve)


@shared(1)
def tops() -> tuple[float, float]:
    """The tops of the loss axis and the distance axis, shared by both runs (their curves compare at a glance): the
    highest point of any loss curve or recorded distance, plus 5 %."""
    runs = [run(preset) for preset in PRESETS]
    loss = max(max(r.d_curve.max(), r.g_curve.max()) for r in runs)
    return float(max(loss, EQUILIBRIUM_D) * 1.05), float(max(max(r.record["distance"]) for r in runs) * 1.05)


def steps(preset: str) -> tuple[int, ...]:
    """The training steps of the shipped snapshots of ``preset`` (0: the untrained networks)."""
    return tuple(int(s) for s in run(preset).gan.snapshot_steps_)


def next_step(shipped: tuple[int, ...], current: int) -> int:
    """The snapshot after ``current`` in ``shipped`` (the last stays the last; a step not shipped counts as the last).

    >>> next_step((0, 50, 100), 50), next_step((0, 50, 100), 100), next_step((0, 50, 100), 7)
    (100, 100, 100)
    """
    return shipped[min(shipped.index(current) + 1, len(shipped) - 1)] if current in shipped else shipped[-1]


def nearest_step(shipped: tuple[int, ...], step: int) -> int:
    """The step in ``shipped`` nearest to ``step`` (the earlier of two as near).

    >>> nearest_step((0, 50, 100), 1405), nearest_step((0, 50, 100), 25)
    (100, 0)
    """
    return min(shipped, key=lambda s: (abs(s - int(step)), s))


@dataclass(frozen=True)
class Snapshot:
    """What the GAN panel shows for one preset after ``step`` training steps."""

    preset: str
    step: int
    index: int  # of the snapshot
    n_steps: int
    data: np.ndarray  # (N_SHOWN, 2) training points
    samples: np.ndarray  # (N_SHOWN, 2) generated points g(z)
    arrows: np.ndarray  # (N_ARROWS, 4) x1, x2 of a sample and of its arrow's tip, data units
    p_real: np.ndarray  # (GRID, GRID) D(x) = P(real | x), row 0 the lowest x2
    extent: tuple[float, float, float, float]
    curve_steps: np.ndarray  # thinned loss curves up to ``step``
    d_loss: np.ndarray
    g_loss: np.ndarray
    snapshot_steps: np.ndarray  # every snapshot's step up to this one, and their energy distances
    distances: np.ndarray
    distance: float  # energy distance of core.gan.N_EVAL samples to the held-out points (data units)
    floor: float  # the same for a fresh draw of real data
    covered: float  # share of the three blobs covered
    shares: np.ndarray  # (3,) share of the samples in each blob
    d_on_data: float  # mean D(x) over the held-out points
    d_on_samples: float  # mean D(x) over the scored samples
    learning_rate_g: float
    learning_rate_d: float
    loss_top: float  # top of the loss axis: the highest point of either curve over the whole run
    distance_top: float  # top of the distance axis: the highest distance over the whole run
    equilibrium_d: float = EQUILIBRIUM_D
    equilibrium_g: float = EQUILIBRIUM_G


def snapshot(preset: str, step: int) -> Snapshot:
    """The GAN of ``preset`` after ``step`` training steps (one of :func:`steps`): points, D, arrows, numbers.

    The numbers are those ``scripts/train_gan.py`` recorded for the shipped file (``tests/test_gan.py`` checks that
    the file reproduces them); the points and D are computed here from the snapshot's parameters.
    """
    r = run(preset)
    shipped = steps(preset)
    if int(step) not in shipped:
        raise ValueError(
            f"The {preset!r} run keeps a snapshot every {shipped[1] - shipped[0]} steps, from 0 to {shipped[-1]}; "
            f"step {step} is not one of them."
        )
    index = shipped.index(int(step))
    model = r.gan.at(index)
    z = _noise(core_gan.N_EVAL, model.latent_dim)
    samples = model.generate(z)
    tips, push = model.generator_gradient(z[:N_ARROWS])
    arrow = push * r.arrow_scale
    cap = ARROW_CAP * ARROW_LENGTH * (r.extent[1] - r.extent[0])
    length = np.linalg.norm(arrow, axis=1, keepdims=True)
    arrow = arrow * np.minimum(1.0, cap / np.maximum(length, 1e-12))
    x0, x1, y0, y1 = r.extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
    p_real = model.discriminate(np.c_[gx.ravel(), gy.ravel()]).reshape(GRID, GRID)
    shown = r.curve_steps <= int(step)
    rec = r.record
    return Snapshot(
        preset=preset,
        step=int(step),
        index=index,
        n_steps=shipped[-1],
        data=r.train[:N_SHOWN],
        samples=samples[:N_SHOWN],
        arrows=np.c_[tips, tips + arrow],
        p_real=p_real,
        extent=r.extent,
        curve_steps=r.curve_steps[shown],
        d_loss=r.d_curve[shown],
        g_loss=r.g_curve[shown],
        snapshot_steps=np.array(shipped[: index + 1]),
        distances=np.array(rec["distance"][: index + 1]),
        distance=float(rec["distance"][index]),
        floor=float(rec["floor"]),
        covered=float(rec["covered"][index]),
        shares=np.array(rec["shares"][index]),
        d_on_data=float(model.discriminate(r.held_out).mean()),
        d_on_samples=float(model.discriminate(samples).mean()),
        learning_rate_g=float(r.gan.learning_rate_g),
        learning_rate_d=float(r.gan.learning_rate_d),
        loss_top=tops()[0],
        distance_top=tops()[1],
    )


def losses_settled(preset: str, tolerance: float = LOSS_TOLERANCE) -> int:
    """The step after which both loss curves of ``preset`` (stretch means) stay within ``tolerance`` bits of the
    values of a discriminator left guessing (2 and 1 bits); 0 if they always do."""
    r = run(preset)
    near = (np.abs(r.d_curve - EQUILIBRIUM_D) < tolerance) & (np.abs(r.g_curve - EQUILIBRIUM_G) < tolerance)
    first = next((i for i in range(len(near)) if near[i:].all()), len(near))
    return 0 if first == 0 else int(r.curve_steps[first - 1])


def run_milestones(preset: str) -> tuple[int, int | None]:
    """(where to press Play, the step from which every snapshot covers every blob, or None if none does).

    Play starts where the run keeps its snapshots closest together (a collapsing run's chase from blob to blob),
    else at step 0.
    """
    r = run(preset)
    covered, shipped = np.asarray(r.record["covered"]), steps(preset)
    settled = next((shipped[i] for i in range(len(covered)) if (covered[i:] == 1.0).all()), None)
    return (r.gan.snapshot_zoom[0] if r.gan.snapshot_zoom else shipped[0]), settled


def notice_values(view: Snapshot) -> dict[str, object]:
    """The numbers the panel's "what to notice" sentences quote (``lecture.gan`` templates)."""
    n_modes = len(view.shares)
    covered = int(round(view.covered * n_modes))
    return {
        "state": "all" if covered == n_modes else "one" if covered <= 1 else "some",  # which NOTICE_STATE
        "step": view.step,
        "n_steps": view.n_steps,
        "distance": view.distance,
        "floor": view.floor,
        "covered": covered,
        "n_modes": n_modes,
        "biggest": float(view.shares.max()),
        "d_on_data": view.d_on_data,
        "d_on_samples": view.d_on_samples,
        "lr_g": view.learning_rate_g,
        "lr_d": view.learning_rate_d,
        "ratio": view.learning_rate_g / view.learning_rate_d,
        "min_share": core_gan.MIN_SHARE,
        "radius_sd": core_gan.MODE_RADIUS / core_gan.MIXTURE_SD,
        "equilibrium_d": EQUILIBRIUM_D,
        "equilibrium_g": EQUILIBRIUM_G,
        "play_from": run_milestones(view.preset)[0],
        "settled": run_milestones(view.preset)[1] or view.n_steps,
        "settled_losses": max(losses_settled(preset) for preset in PRESETS),
        "tolerance": LOSS_TOLERANCE,
    }
