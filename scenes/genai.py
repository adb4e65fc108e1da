"""Scenes of "Generative AI: discriminative vs generative": two models fitted to the same labelled points.

Notation: p is the data (true) distribution, q the fitted model. A discriminative model learns q(y|x) only; a
generative one learns q(x, y) = q(x|y) q(y), hence q(x) = sum_y q(x|y) q(y) (where the data live: it can
generate new points) and, by Bayes' rule, q(y|x) = q(x|y) q(y) / q(x) as well.

Every scene takes the data settings as one tuple ``data = (source, n, noise, seed, digest)``: a preset's name,
size, noise and seed, or ``"upload"`` with the SHA-256 digest of the uploaded file (its bytes travel unhashed
in ``_raw`` and are never written anywhere). The panels: the discriminative q(y=1|x) and the generative q(x)
with new points it drew (the slide's figure); both models' q(y=1|x) on the same grid; the probe x*, which
never moves the window (outside it is marked at the edge); and Ng & Jordan's learning curves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core import classifiers as clf
from core import datasets
from scenes import shared

#: The data source that reads the reader's CSV file instead of drawing a preset.
UPLOAD = "upload"
#: Grid cells per side of every heatmap: the panels share it, so they compare pixel for pixel.
RESOLUTION = 120
#: The probe x* is placed within [-PROBE_LIMIT, PROBE_LIMIT] on both axes.
PROBE_LIMIT = 12.0
#: Share of the points held out from fitting, to test on.
TEST_FRACTION = 0.3
#: A probe less likely than every training point, and this many bits below a typical one, is "never seen".
NEVER_SEEN_BITS = 10.0
#: Margin of the plotting window around the data, as a share of their range (at least ``MIN_PAD`` units): room
#: where the data are not, to see q(x) fall to nothing there while the discriminative model still answers.
MARGIN = 0.3
MIN_PAD = 1.25
#: How far inside the window a probe outside it is marked (share of the window's width and height).
EDGE_INSET = 0.04
#: Rows an upload keeps (larger files are subsampled).
MAX_ROWS = datasets.MAX_ROWS
#: Ng & Jordan's experiment: training-set sizes, repetitions and test points per repetition.
CURVE_SIZES = (10, 20, 40, 80, 160, 320)
CURVE_SEEDS = 10
CURVE_TEST_POINTS = 1000
DISCRIMINATIVE_MODELS = clf.DISCRIMINATIVE_MODELS
GENERATIVE_MODELS = clf.GENERATIVE_MODELS

#: ``(source, n, noise, seed, digest)``: what the points are drawn or read from.
DataKey = tuple[str, int, float, int, str]
Probe = tuple[float, float] | None


@dataclass(frozen=True)
class _Source:
    """The data settings with the upload's bytes, which take no part in equality (the digest stands for them)."""

    key: DataKey
    raw: bytes | None = field(default=None, compare=False, repr=False)


def _table(X: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    """Points as a table: x1, x2 and the class as text (what the charts draw and the export writes)."""
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "class": [str(int(v)) for v in y]})


def _clean(name: str, fallback: str) -> str:
    """The user's text reduced to letters, digits, spaces and ``_.-`` (no links, no HTML), 30 characters.

    Short and tidy for a caption; the page still shows it only through ``ui.safety.plain``, which escapes what is
    left (an ``_`` could otherwise start emphasis).
    """
    return re.sub(r"[^\w .\-]", "", str(name))[:30] or fallback


@shared(maxsize=16)
def _points(src: _Source) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], tuple[str, ...], str]:
    """X, y, column names, class labels (uploads only) and the reader's note; uploads are standardised."""
    source, n, noise, seed, _ = src.key
    if source == UPLOAD:
        table = datasets.read_points_csv(src.raw or b"", labelled=True, seed=seed)
        names = tuple(_clean(c, f"x{i + 1}") for i, c in enumerate(table.columns[:2]))
        labels = tuple(_clean(c, "?") for c in table.classes)
        return datasets.standardise_2d(table.X), table.y, names, labels, table.note
    X, y = datasets.classification_2d(source, n=n, noise=noise, seed=seed)
    return X, y, ("x1", "x2"), (), ""


@shared(maxsize=16)
def _split(src: _Source) -> clf.Split:
    X, y, *_ = _points(src)
    return clf.split_data(X, y, test_fraction=TEST_FRACTION, seed=src.key[3])


@shared(maxsize=32)
def _discriminative(src: _Source, model: str, degree: int):
    s = _split(src)
    return clf.fit_discriminative(s.X_train, s.y_train, model, degree=degree, seed=src.key[3])


@shared(maxsize=32)
def _generative(src: _Source, model: str, k: int) -> clf.GenerativeClassifier:
    s = _split(src)
    return clf.fit_generative(s.X_train, s.y_train, model, n_components=k, seed=src.key[3])


def view_extent(X: np.ndarray) -> tuple[float, float, float, float]:
    """The data's window with room around them (where q(x) falls to nothing), rounded out to half units.

    It depends on the data only: moving the probe x* never moves it (x* outside is marked at the edge).
    """
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum((hi - lo) * MARGIN, MIN_PAD)
    x0, x1, y0, y1 = float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])
    return (
        float(np.floor(x0 * 2) / 2),
        float(np.ceil(x1 * 2) / 2),
        float(np.floor(y0 * 2) / 2),
        float(np.ceil(y1 * 2) / 2),
    )


# ----------------------------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Dataset:
    """The labelled points the two models learn from.

    ``names``: the two feature names (an upload's header, sanitised); ``labels``: an upload's two class labels
    (sanitised; class 0 first), empty for a preset; ``note``: what was done to an upload (subsampling), or "".
    """

    X: np.ndarray
    y: np.ndarray
    table: pd.DataFrame
    names: tuple[str, ...]
    labels: tuple[str, ...]
    note: str

    @property
    def count(self) -> int:
        return len(self.y)


def dataset(data: DataKey, *, _raw: bytes | None = None) -> Dataset:
    """The points of ``data``, checked to split into train and test (a clear ValueError before any fit)."""
    src = _Source(data, _raw)
    X, y, names, labels, note = _points(src)
    _split(src)
    return Dataset(X, y, _table(X, y), names, labels, note)


# ----------------------------------------------------------------------------------------------- the two models


@dataclass(frozen=True)
class ModelPanel:
    """A classifier's q(y=1|x) on the page's grid (row 0 = lowest x2) over ``extent``, with the data and scores."""

    prob: np.ndarray
    extent: tuple[float, float, float, float]
    points: pd.DataFrame
    scores: clf.Scores


def _panel(src: _Source, model) -> ModelPanel:
    X, y, *_ = _points(src)
    extent = view_extent(X)
    prob = clf.probability_grid(model, extent, RESOLUTION)
    return ModelPanel(prob, extent, _table(X, y), clf.evaluate(model, _split(src)))


def discriminative(data: DataKey, model: str, degree: int, *, _raw: bytes | None = None) -> ModelPanel:
    """q(y=1|x) learned directly (logistic regression of polynomial ``degree``, an MLP or an RBF SVM)."""
    src = _Source(data, _raw)
    return _panel(src, _discriminative(src, model, degree))


def generative(data: DataKey, model: str, k: int, *, _raw: bytes | None = None) -> ModelPanel:
    """q(y=1|x) = q(x|y) q(y) / q(x) from a fitted q(x|y) (``k`` components per class for a mixture) and q(y)."""
    src = _Source(data, _raw)
    return _panel(src, _generative(src, model, k))


# ----------------------------------------------------------------------------------------------- q(x) and the probe


@dataclass(frozen=True)
class Density:
    """The generative model's q(x) on the grid, the data, and ``samples``: new points it drew (maybe none)."""

    density: np.ndarray
    extent: tuple[float, float, float, float]
    data: pd.DataFrame
    samples: pd.DataFrame

    @property
    def n_samples(self) -> int:
        return len(self.samples)


def density(
    data: DataKey, model: str, k: int, n_samples: int, sample_seed: int, *, _raw: bytes | None = None
) -> Density:
    """q(x) = sum_y q(x|y) q(y) on the grid and ``n_samples`` new points: y ~ q(y), then x ~ q(x|y)."""
    src = _Source(data, _raw)
    g = _generative(src, model, k)
    X, y, *_ = _points(src)
    extent = view_extent(X)
    grid = np.exp(clf.log_density_grid(g, extent, RESOLUTION))
    Xs, ys = g.sample(n_samples, seed=sample_seed) if n_samples else (np.empty((0, 2)), np.empty(0, int))
    return Density(grid, extent, _table(X, y), _table(Xs, ys))


def figure_table(view: Density, probe: tuple[float, float]) -> pd.DataFrame:
    """What the slide's figure plots, as one table: the data, the model's new points and the probe x*."""
    parts = [view.data.assign(kind="data"), view.samples.assign(kind="new point from q")]
    probe_row = pd.DataFrame({"x1": [probe[0]], "x2": [probe[1]], "class": [""], "kind": ["probe x*"]})
    table = pd.concat([p for p in [*parts, probe_row] if len(p)], ignore_index=True)
    return table[["kind", "x1", "x2", "class"]]


@dataclass(frozen=True)
class ProbeMark:
    """Where the probe x* is drawn: at x* itself, or (outside the window) at the window's edge towards it.

    ``angle``: the direction from the mark to x*, in degrees clockwise from "up" (for an arrow); ``align`` and
    ``above``: which side of the mark its label goes, so that the label stays inside the window.
    """

    x: float
    y: float
    probe: tuple[float, float]
    extent: tuple[float, float, float, float]
    inside: bool
    angle: float
    align: str
    above: bool


def probe_mark(probe: tuple[float, float], extent: tuple[float, float, float, float]) -> ProbeMark:
    """The probe's mark in a fixed window: x* if inside, else the point where the line to x* leaves the window.

    The window keeps its extent whatever x* is (the panels never jump); a probe outside is drawn at the edge,
    ``EDGE_INSET`` inside it, on the line from the window's centre to x*.

    >>> m = probe_mark((10.0, 0.0), (-2.0, 2.0, -2.0, 2.0))
    >>> (round(m.x, 2), round(m.y, 2), m.inside, m.angle, m.align)
    (1.84, 0.0, False, 90.0, 'right')
    """
    px, py = (float(v) for v in probe)
    x0, x1, y0, y1 = (float(e) for e in extent)
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # in units of the half-window: the mark is where the ray from the centre meets the inset box
    u, v = (px - cx) / (w / 2), (py - cy) / (h / 2)
    reach = 1.0 - 2 * EDGE_INSET
    inside = x0 <= px <= x1 and y0 <= py <= y1
    if inside:
        mx, my = px, py
    else:
        t = reach / max(abs(u), abs(v))
        mx, my = cx + t * u * w / 2, cy + t * v * h / 2
    angle = float(np.degrees(np.arctan2(u, v))) % 360.0 if not inside else 0.0
    return ProbeMark(
        x=float(mx),
        y=float(my),
        probe=(px, py),
        extent=(x0, x1, y0, y1),
        inside=inside,
        angle=round(angle, 6),
        align="right" if mx > cx + 0.25 * w else "left",
        above=my < cy + 0.25 * h,
    )


@dataclass(frozen=True)
class ProbeReadout:
    """Both models' q(y=1|x*), and how likely the generative q(x) finds x* compared with the training data.

    ``log_px``: log2 q(x*) in bits; ``typical_log_px``: log2 q(x) of the median training point; ``rank``: share
    of training points less likely than x*.
    """

    disc_p1: float
    gen_p1: float
    log_px: float
    typical_log_px: float
    rank: float

    @property
    def below_typical(self) -> float:
        """How many bits less likely than a typical (the median) training point x* is."""
        return self.typical_log_px - self.log_px

    @property
    def disc_class(self) -> int:
        """The class the discriminative model answers at x*."""
        return int(self.disc_p1 >= 0.5)

    @property
    def confidence(self) -> float:
        """The discriminative model's probability of the class it answers."""
        return max(self.disc_p1, 1 - self.disc_p1)

    @property
    def verdict(self) -> str:
        """'never seen' (far below every training point), 'edge' (just below them all) or 'inside'."""
        if self.rank == 0.0:
            return "never seen" if self.below_typical > NEVER_SEEN_BITS else "edge"
        return "inside"


def probe_readout(
    data: DataKey,
    dmodel: str,
    degree: int,
    gmodel: str,
    k: int,
    probe: tuple[float, float],
    *,
    _raw: bytes | None = None,
) -> ProbeReadout:
    """Both models' answers at the probe x*, and how likely q(x) finds it compared with the training data."""
    src = _Source(data, _raw)
    d, g, s = _discriminative(src, dmodel, degree), _generative(src, gmodel, k), _split(src)
    x = np.array([probe], float)
    train_log_px = g.score_samples(s.X_train) * clf.BITS_PER_NAT
    return ProbeReadout(
        disc_p1=float(d.predict_proba(x)[0, 1]),
        gen_p1=float(g.predict_proba(x)[0, 1]),
        log_px=float(g.score_samples(x)[0] * clf.BITS_PER_NAT),
        typical_log_px=float(np.median(train_log_px)),
        rank=clf.density_rank(g, s.X_train, x[0]),
    )


# ----------------------------------------------------------------------------------------------- Ng & Jordan


@dataclass(frozen=True)
class LearningCurve:
    """Mean test error (and its standard error) of naive Bayes and logistic regression against training size."""

    sizes: np.ndarray
    nb_mean: np.ndarray
    nb_se: np.ndarray
    lr_mean: np.ndarray
    lr_se: np.ndarray
    crossing: float | None  # the size where logistic regression overtakes naive Bayes; None if it does not


def learning_curve() -> LearningCurve:
    """Ng & Jordan's experiment on a 20-feature task, averaged over ``CURVE_SEEDS`` fresh draws."""
    lc = clf.learning_curve(sizes=CURVE_SIZES, n_seeds=CURVE_SEEDS, seed=0, n_test=CURVE_TEST_POINTS)
    return LearningCurve(lc.sizes, lc.nb_mean, lc.nb_se, lc.lr_mean, lc.lr_se, lc.crossing())


def curve_table(curve: LearningCurve) -> pd.DataFrame:
    """The learning curves' numbers: per training-set size, both models' mean test error and its standard error."""
    return pd.DataFrame(
        {
            "training examples n": curve.sizes.astype(int),
            "naive Bayes error": curve.nb_mean,
            "naive Bayes standard error": curve.nb_se,
            "logistic regression error": curve.lr_mean,
            "logistic regression standard error": curve.lr_se,
        }
    )
