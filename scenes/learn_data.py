"""Scenes of the page "What does it mean to learn data?": fit q(x) to samples, ask how likely a point is, sample.

The data come from a *source*, a tuple of scalars that names them:

* ``("preset", name, n, seed)``: n draws of a hidden distribution ``core.density.true_distribution(name)``,
  scored on ``N_TEST`` fresh draws of it;
* ``("paste", text, dims, seed)``: the student's pasted numbers;
* ``("csv", digest, dims, seed)``: an uploaded CSV file, whose bytes come as the unhashed keyword ``_raw``
  (``digest`` names them in the cache key).

The student's points are standardised and split, ``HELD_OUT`` of them held out for scoring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import datasets, density
from core.sample_quality import density_grid
from scenes import shared

N_TEST = 1000  # fresh held-out draws from the truth for the presets
TEST_SEED_OFFSET = 100_000  # the held-out draws' seed, far from the training draws' seed
HELD_OUT = 0.3  # share of the student's points held out
MIN_POINTS = datasets.MIN_ROWS
GRID_1D, GRID_2D = 400, 120
ENTROPY_DRAWS = 200_000  # Monte Carlo draws for the truth's differential entropy
#: Number of dimensions of each preset, so the page knows which probe inputs to offer before any data exist.
PRESET_DIMS = {name: density.true_distribution(name).dims for name in density.PRESETS_1D + density.PRESETS_2D}
#: The knob values each estimator is swept over (and offered on the page's sliders).
KNOB_VALUES = {method: tuple(density.default_values(method).tolist()) for method in density.METHODS}
#: The histogram's pseudo-counts per bin offered on the page (0 = pure maximum likelihood).
ALPHAS = (0.0, 0.01, 0.1, 1.0)
#: What the knob of each estimator is called (axis title, table column, caption).
KNOB = {"histogram": "number of bins", "kde": "bandwidth h", "gmm": "components k"}
#: The text boxes' starting numbers: 60 draws of a skewed (1-D) and a three-blob (2-D) distribution.
EXAMPLE_1D = ", ".join(f"{v:.2f}" for v in density.true_distribution("skewed").sample(60, seed=3).ravel())
EXAMPLE_2D = "\n".join(f"{a:.2f} {b:.2f}" for a, b in density.true_distribution("mixture").sample(60, seed=3))


@dataclass(frozen=True)
class LearnData:
    """Training and held-out points, where to draw them, and the truth's name (None for the student's data)."""

    X_train: np.ndarray
    X_test: np.ndarray
    extent: tuple[float, ...]
    bounds: tuple[float, ...]  # the histogram's range
    truth: str | None
    note: str = ""

    @property
    def dims(self) -> int:
        return self.X_train.shape[1]


def _student_data(X: np.ndarray, seed: int, note: str) -> LearnData:
    """The student's points, standardised and split (ValueError if they have no spread)."""
    if np.all(X == X[0]):
        raise ValueError("All your values are the same: a density needs some spread. Add different values.")
    X = density.standardise(X)
    X_train, X_test = density.split_train_test(X, HELD_OUT, seed)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.15 * (hi - lo) + 0.3
    box = tuple(float(v) for pair in zip(lo - pad, hi + pad, strict=True) for v in pair)
    return LearnData(X_train, X_test, box, box, None, note)


@shared(maxsize=32)
def _data(source: tuple, raw: bytes | None) -> LearnData:
    kind, what, size, seed = source
    if kind == "preset":
        p = density.true_distribution(what)
        return LearnData(p.sample(size, seed), p.sample(N_TEST, seed + TEST_SEED_OFFSET), p.extent, p.support, what)
    if kind == "paste":
        return _student_data(datasets.parse_numbers(what, dims=size), seed, "")
    if kind == "csv":
        table = datasets.read_points_csv(raw if raw is not None else b"", labelled=False, seed=seed)
        return _student_data(table.X[:, :size], seed, table.note)
    raise ValueError(f"Unknown data source {kind!r}.")


@shared(maxsize=64)
def _fit(source: tuple, raw: bytes | None, method: str, value: float, alpha: float) -> density.Model:
    data = _data(source, raw)
    return density.fit_density(data.X_train, method, value, bounds=data.bounds, alpha=alpha)


@shared(maxsize=64)
def _model_values(source: tuple, raw: bytes | None, method: str, value: float, alpha: float) -> tuple:
    """(xs, q(xs)) in 1-D; (empty, q on a GRID_2D x GRID_2D grid) in 2-D."""
    data, q = _data(source, raw), _fit(source, raw, method, value, alpha)
    if data.dims == 1:
        return density.density_curve(q, *data.extent, num=GRID_1D)
    return np.empty(0), density_grid(q.score_samples, data.extent, GRID_2D, GRID_2D)


@dataclass(frozen=True)
class Truth:
    """The hidden distribution drawn like the model, and its differential entropy h(p) in bits (with its error)."""

    xs: np.ndarray  # 1-D: the curve's x values; 2-D: empty
    values: np.ndarray  # 1-D: p(xs); 2-D: p on the grid (row 0 = lowest x2)
    entropy: float
    entropy_se: float


@shared(maxsize=8)
def _truth(name: str) -> Truth:
    p = density.true_distribution(name)
    if p.dims == 1:
        xs, values = density.density_curve(p, *p.extent, num=GRID_1D)
    else:
        xs, values = np.empty(0), density_grid(p.score_samples, p.extent, GRID_2D, GRID_2D)
    h, se = density.differential_entropy_mc(p, n=ENTROPY_DRAWS, seed=0)
    return Truth(xs, values, h, se)


# ----------------------------------------------------------------------------------------------- the figure


@dataclass(frozen=True)
class Picture:
    """What the density figure draws: the model q, the truth p (presets only), the data and new samples.

    1-D: ``xs`` and the curves ``q`` and ``p`` on them. 2-D: ``xs`` is empty and ``q``/``p`` are grids over
    ``extent`` (row 0 = lowest x2). ``samples`` is None when no new points are asked for.
    """

    xs: np.ndarray
    q: np.ndarray
    p: np.ndarray | None
    X_train: np.ndarray
    samples: np.ndarray | None
    extent: tuple[float, ...]
    truth: str | None
    note: str
    table: pd.DataFrame  # the export: the curves (1-D) or the training points and new samples (2-D)

    @property
    def dims(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_train(self) -> int:
        return len(self.X_train)


def picture(
    source: tuple, method: str, value: float, alpha: float, n_new: int, seed: int, *, _raw: bytes | None = None
) -> Picture:
    """The fitted density q(x) beside the truth, the training points and ``n_new`` points sampled from q."""
    data = _data(source, _raw)
    xs, q = _model_values(source, _raw, method, value, alpha)
    p = _truth(data.truth).values if data.truth else None
    samples = density.sample_density(_fit(source, _raw, method, value, alpha), n_new, seed) if n_new > 0 else None
    if data.dims == 1:
        table = pd.DataFrame({"x": xs, "q": q, **({"p": p} if p is not None else {})})
    else:
        points = [(data.X_train, "training point")] + ([(samples, "new sample from q")] if samples is not None else [])
        table = pd.concat(
            [pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "kind": kind}) for X, kind in points], ignore_index=True
        )
    return Picture(xs, q, p, data.X_train, samples, data.extent, data.truth, data.note, table)


@dataclass(frozen=True)
class Probe:
    """How likely one point is: under the model q, and under the truth p (None for the student's data)."""

    point: tuple[float, ...]
    q: density.PointLikelihood
    p: density.PointLikelihood | None


def probe(
    source: tuple, method: str, value: float, alpha: float, x1: float, x2: float, *, _raw: bytes | None = None
) -> Probe:
    """q(x) and -log2 q(x) at the probe (x1 in 1-D, (x1, x2) in 2-D), and the same under the truth."""
    data = _data(source, _raw)
    point = (float(x1),) if data.dims == 1 else (float(x1), float(x2))
    at_q = density.point_likelihood(_fit(source, _raw, method, value, alpha), list(point))
    at_p = density.point_likelihood(density.true_distribution(data.truth), list(point)) if data.truth else None
    return Probe(point, at_q, at_p)


# ----------------------------------------------------------------------------------------------- overfitting


def axis_floor(train: np.ndarray, test: np.ndarray, ceiling: float | None) -> float:
    """The lowest log-likelihood drawn as a point: the best held-out (or truth) value minus three times the
    gap up to the best training value, and at least 4 bits below it.

    A tiny bandwidth can score held-out points at -70 bits/point while the interesting differences are a few
    tenths of a bit; below the floor a value becomes a triangle on the bottom edge.

    Examples
    --------
    >>> axis_floor(np.array([-1.0, 0.0]), np.array([-2.0, -1.5]), None)
    -6.0
    >>> axis_floor(np.array([-1.0]), np.array([-np.inf]), None)
    -inf
    """
    finite = [np.asarray(v, float)[np.isfinite(v)] for v in (train, test)]
    if not finite[1].size:
        return -np.inf
    ref = float(finite[1].max())
    if ceiling is not None and np.isfinite(ceiling):
        ref = max(ref, float(ceiling))
    top = float(finite[0].max()) if finite[0].size else ref
    return ref - max(4.0, 3.0 * (top - ref))


@dataclass(frozen=True)
class CurvePoint:
    """The overfitting curve at one knob value (bits per point)."""

    train: float
    test: float
    impossible: bool  # the held-out log-likelihood is -inf: a held-out point got q(x) = 0
    above_truth: bool  # the model beat the truth on this held-out sample (chance)


@dataclass(frozen=True)
class Overfitting:
    """Average log2 q(x) on training and held-out points for each knob value, and the truth's ceiling."""

    knob: str
    values: np.ndarray
    train: np.ndarray
    test: np.ndarray
    best_value: float  # the knob value with the highest held-out log-likelihood
    ceiling: float | None  # the truth's held-out log-likelihood (presets only)
    entropy: float | None  # h(p) in bits (presets only)
    entropy_se: float | None
    n_test: int
    log_x: bool  # bandwidths and bins are swept on a log scale, components k on a linear one
    floor: float  # values below it are drawn on the axis's bottom edge (:func:`axis_floor`)
    table: pd.DataFrame

    @property
    def below_truth(self) -> bool:
        """True when every held-out value lies below the truth's (presets only; False without a truth)."""
        return self.ceiling is not None and bool(np.all(self.test[np.isfinite(self.test)] < self.ceiling))

    @property
    def off_axis(self) -> bool:
        """True when some value is drawn on the bottom edge (below the floor, or -inf)."""
        values = np.r_[self.train, self.test]
        return bool(np.any(~np.isfinite(values) | (values < self.floor)))

    def at(self, value: float) -> CurvePoint:
        """The curve at the knob value nearest ``value``."""
        i = int(np.argmin(np.abs(self.values - value)))
        train, test = float(self.train[i]), float(self.test[i])
        above = math.isfinite(test) and self.ceiling is not None and test > self.ceiling
        return CurvePoint(train, test, not math.isfinite(test), above)


def overfitting(source: tuple, method: str, alpha: float, *, _raw: bytes | None = None) -> Overfitting:
    """Training vs held-out log-likelihood across the knob (bins, bandwidth, k), with the truth's ceiling."""
    data = _data(source, _raw)
    values = density.default_values(method)
    if method == "gmm":
        values = values[values <= len(data.X_train)]
    lc = density.likelihood_curve(data.X_train, data.X_test, method, values, bounds=data.bounds, alpha=alpha)
    ceiling = entropy = entropy_se = None
    if data.truth:
        ceiling = density.average_log_likelihood(density.true_distribution(data.truth), data.X_test)
        entropy, entropy_se = _truth(data.truth).entropy, _truth(data.truth).entropy_se
    table = pd.DataFrame({KNOB[method]: lc.values, "train_bits": lc.train, "held_out_bits": lc.test})
    return Overfitting(
        knob=KNOB[method],
        values=lc.values,
        train=lc.train,
        test=lc.test,
        best_value=lc.best_value,
        ceiling=ceiling,
        entropy=entropy,
        entropy_se=entropy_se,
        n_test=len(data.X_test),
        log_x=method != "gmm",
        floor=axis_floor(lc.train, lc.test, ceiling),
        table=table,
    )
