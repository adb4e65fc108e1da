"""Scenes of the page "The generative modeling problem": learn p(x) for 64-dimensional digits, and why it is hard.

Three models of the 8x8 digits (independent pixels, one full Gaussian, a mixture of k full Gaussians) scored
in bits per dimension on held-out digits, their samples, the pixels' correlations, and the curse of
dimensionality measured on a known Gaussian.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import highdim
from scenes import shared

TEST_FRACTION = 0.3  # share of the digits held out for scoring
N_SHOWN = 12  # images per model
DIMS = tuple(range(1, 11))  # dimensions of the curse-of-dimensionality benchmark
N_EVAL = 2000  # fresh points that score each estimate in the benchmark
CELLS_DIMS = 64  # the cells chart runs up to the digits' dimension
STRONG = 0.5  # |r| above which a pixel pair counts as strongly dependent
KINDS = highdim.DIGITS_MODELS  # ("independent", "gaussian", "mixture")
UNIFORM_BITS_PER_DIM = highdim.UNIFORM_BITS_PER_DIM
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SAME_BITS = 0.005  # two held-out scores closer than this (bits/dim) count as the same
PAIRS = 64 * 63 // 2  # pixel pairs of an 8x8 image


@shared(maxsize=1)
def _split() -> highdim.DigitsSplit:
    return highdim.load_digit_split(test_fraction=TEST_FRACTION, seed=0)


@shared(maxsize=32)
def _model(kind: str, k: int):
    """A fitted digits model; ``k`` matters only for the mixture (the other two are keyed with k = 0)."""
    return highdim.fit_digits_model(_split().X_train, kind, k=k, seed=0)


def _fitted(kind: str, k: int):
    return _model(kind, k if kind == "mixture" else 0)


@shared(maxsize=1)
def _correlation() -> highdim.PixelCorrelation:
    return highdim.pixel_correlation(_split().raw_train)


# ----------------------------------------------------------------------------------------------- three models


@dataclass(frozen=True)
class Digits:
    """How many digits the models learn from and are scored on."""

    n_train: int
    n_test: int

    @property
    def n_total(self) -> int:
        return self.n_train + self.n_test


def digits() -> Digits:
    """The sizes of the digits' training and held-out sets."""
    s = _split()
    return Digits(len(s.X_train), len(s.X_test))


@dataclass(frozen=True)
class Scores:
    """Training and held-out bits per dimension of the three models (in ``KINDS`` order), k components."""

    k: int
    train: tuple[float, ...]
    test: tuple[float, ...]
    uniform: float  # log2 17: every intensity equally likely, the "knows nothing" reference
    n_train: int
    table: pd.DataFrame  # model, set ("held-out" / "training"), bits: the bar chart's rows and the export

    def held_out(self, kind: str) -> float:
        return self.test[KINDS.index(kind)]

    def trained(self, kind: str) -> float:
        return self.train[KINDS.index(kind)]

    @property
    def memorises(self) -> bool:
        """True when the mixture scores worse on held-out digits than the single full Gaussian."""
        return self.held_out("mixture") > self.held_out("gaussian")

    @property
    def mixture_vs_gaussian(self) -> str:
        """ "better", "same" (within ``SAME_BITS``, e.g. k = 1: the mixture is that Gaussian) or "worse" (it memorises),
        on held-out digits."""
        gap = self.held_out("mixture") - self.held_out("gaussian")
        return "same" if abs(gap) < SAME_BITS else ("worse" if gap > 0 else "better")


def scores(k: int, labels: tuple[str, ...]) -> Scores:
    """Bits per dimension of each model on training and held-out digits; ``labels`` name the models in the table."""
    s = _split()
    train, test, rows = [], [], []
    for kind, label in zip(KINDS, labels, strict=True):
        m = _fitted(kind, k)
        train.append(highdim.bits_per_dim(m, s.X_train))
        test.append(highdim.bits_per_dim(m, s.X_test))
        rows += [
            {"model": label, "set": "held-out", "bits": test[-1]},
            {"model": label, "set": "training", "bits": train[-1]},
        ]
    return Scores(k, tuple(train), tuple(test), UNIFORM_BITS_PER_DIM, len(s.X_train), pd.DataFrame(rows))


@dataclass(frozen=True)
class Images:
    """A few 8x8 images, pixel values 0..16 (0 = background), shape (n, 8, 8)."""

    images: np.ndarray


def model_samples(kind: str, k: int, seed: int) -> Images:
    """``N_SHOWN`` new images drawn from one of the models."""
    return Images(highdim.sample_images(_fitted(kind, k), N_SHOWN, seed))


def real_digits(seed: int) -> Images:
    """``N_SHOWN`` held-out digits picked at random."""
    s = _split()
    pick = np.random.default_rng(seed).choice(len(s.raw_test), N_SHOWN, replace=False)
    return Images(s.raw_test[pick].reshape(-1, 8, 8))


@dataclass(frozen=True)
class Gallery:
    """Real held-out digits, then samples of each model (``KINDS`` order): ``images`` of shape (4, N_SHOWN, 8, 8)."""

    images: np.ndarray
    table: pd.DataFrame  # the export: panel, image number, its 64 intensities row by row


def gallery(k: int, seed: int, names: tuple[str, ...]) -> Gallery:
    """``N_SHOWN`` real held-out digits beside ``N_SHOWN`` samples of each model; ``names`` label the panels."""
    images = np.stack([real_digits(seed).images] + [model_samples(kind, k, seed).images for kind in KINDS])
    table = pd.DataFrame(
        [
            {"panel": name, "image": i + 1, "intensities": " ".join(f"{v:.1f}" for v in img.ravel())}
            for name, panel in zip(names, images, strict=True)
            for i, img in enumerate(panel)
        ]
    )
    return Gallery(images, table)


# ----------------------------------------------------------------------------------------------- dependencies


@dataclass(frozen=True)
class Dependencies:
    """The pixels' correlations seen from one pixel (row, col) of the 8x8 image."""

    row: int
    col: int
    matrix: np.ndarray  # (64, 64) correlations, NaN for pixels that never vary
    constant: bool  # the chosen pixel never varies
    partner: tuple[int, int] | None  # (row, col) of the pixel that moves most with the chosen one
    partner_r: float | None  # their correlation
    strong_pairs: int  # pixel pairs with |r| > STRONG
    constant_pixels: int  # pixels that are 0 in every training digit

    @property
    def pixel(self) -> int:
        return 8 * self.row + self.col


def dependencies(row: int, col: int) -> Dependencies:
    """Correlation of pixel (row, col) with every pixel, its strongest partner, and the counts around them."""
    c, pixel = _correlation(), 8 * int(row) + int(col)
    upper = c.matrix[np.triu_indices(64, 1)]
    strong = int(np.sum(np.abs(upper[np.isfinite(upper)]) > STRONG))
    partner = partner_r = None
    if not c.constant[pixel]:
        others = np.where(np.arange(64) == pixel, np.nan, c.matrix[pixel])
        best = int(np.nanargmax(np.abs(others)))
        partner, partner_r = (best // 8, best % 8), float(others[best])
    return Dependencies(
        int(row), int(col), c.matrix, bool(c.constant[pixel]), partner, partner_r, strong, int(c.constant.sum())
    )


# ----------------------------------------------------------------------------------------------- the curse


@dataclass(frozen=True)
class Curse:
    """Histogram and kernel-density error against the dimension d, for n points of N(0, I_d)."""

    n: int
    bins: int
    dims: np.ndarray
    histogram_tv: np.ndarray  # total variation distance to the truth, 0..1
    kde_tv: np.ndarray
    empty_fraction: np.ndarray  # share of fresh points that land in an empty cell
    cells_dims: np.ndarray  # 1 .. CELLS_DIMS
    cells_log10: np.ndarray  # log10(bins^d) for each of cells_dims
    cells_64: str  # bins^64 as a power of ten, e.g. "≈ 10¹⁹" ("10⁶⁴" when exact)
    table: pd.DataFrame  # the error chart's numbers, one row per d in DIMS
    cells_table: pd.DataFrame  # the cells chart's numbers: d, log10 of the cells, log10 of n


def curse(n: int, bins: int) -> Curse:
    """Fit a histogram and a kernel density to n draws of a d-dimensional Gaussian for d in ``DIMS``."""
    b = highdim.curse_of_dimensionality(list(DIMS), n=n, bins=bins, n_eval=N_EVAL, seed=0)
    table = pd.DataFrame(
        {
            "d": b.dims,
            "cells": b.cells,
            "histogram_tv": b.histogram_tv,
            "kde_tv": b.kde_tv,
            "empty_fraction": b.empty_fraction,
        }
    )
    cells_dims = np.arange(1, CELLS_DIMS + 1)
    exponent = CELLS_DIMS * math.log10(bins)
    exact = math.isclose(exponent, round(exponent))
    cells_64 = ("" if exact else "≈ ") + "10" + str(round(exponent)).translate(SUPERSCRIPT)
    return Curse(
        n=int(n),
        bins=int(bins),
        dims=b.dims,
        histogram_tv=b.histogram_tv,
        kde_tv=b.kde_tv,
        empty_fraction=b.empty_fraction,
        cells_dims=cells_dims,
        cells_log10=cells_dims * np.log10(bins),
        cells_64=cells_64,
        table=table,
        cells_table=pd.DataFrame(
            {"d": cells_dims, "log10_cells": cells_dims * np.log10(bins), "log10_n": np.full(CELLS_DIMS, np.log10(n))}
        ),
    )
