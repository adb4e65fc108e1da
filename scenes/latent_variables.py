"""Scenes of "Latent variables": probabilistic PCA of handwritten digits.

Four panels: generate a digit from k latent numbers (and see what each one changes), reconstruct held-out
digits from k numbers, the 2-D latent space of the digits (found without labels), and held-out bits per pixel
against the number of parameters. The digit split and the PPCA fits are shared between the panels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import latent
from scenes import shared

#: Most latent dimensions a PPCA of 64 pixels can have: one direction must stay for the noise sigma^2.
MAX_K = 63
#: Most latent dimensions of the reconstruction curve.
MAX_K_REBUILT = 40
#: The values z_j of one row of the traversal strip, every other latent at 0.
TRAVERSAL = (-2.0, -1.0, 0.0, 1.0, 2.0)
#: A sampled z is clipped to this range (the range of the z sliders) and rounded to their step.
Z_RANGE = 3.0
Z_STEP = 0.1
#: Held-out digits shown above their reconstructions.
SHOWN_DIGITS = 8
#: Nearest training digits in z-space asked for a held-out digit's label.
NEIGHBOURS = 10
#: The latent dimensions of the 2-D latent space.
K_SPACE = 2
PIXELS = latent.IMAGE_SHAPE[0] * latent.IMAGE_SHAPE[1]
STANDARDISED = "PPCA, pixels standardised"


@shared(1)
def digits() -> latent.DigitSplit:
    """The dequantised digits, split into 1,347 training and 450 held-out digits."""
    return latent.load_digit_split()


def training_size() -> int:
    """How many digits the models are fitted to (the training part of the split)."""
    return int(digits().X_train.shape[0])


@shared(128)
def model(k: int, scale: bool = False) -> latent.PPCA:
    """PPCA with k latent dimensions fitted to the training digits."""
    return latent.PPCA(k, scale=scale).fit(digits().X_train)


# ----------------------------------------------------------------------------------------------- generation


@dataclass(frozen=True)
class Generator:
    """A fitted PPCA with k latents: its size, its noise and what each latent changes.

    ``traversal`` (k, 5, 8, 8): row j is x = mu + W z with z_j = ``steps`` and every other z at 0.
    """

    k: int
    pixels: int
    n_parameters: int
    noise_sd: float
    steps: tuple[float, ...]
    traversal: np.ndarray


def generator(k: int) -> Generator:
    """The PPCA with ``k`` latent dimensions and its traversal strip."""
    m = model(k)
    Z = np.zeros((k, len(TRAVERSAL), k))
    for j in range(k):
        Z[j, :, j] = TRAVERSAL
    images = m.inverse_transform(Z.reshape(-1, k)).reshape(k, len(TRAVERSAL), *latent.IMAGE_SHAPE)
    return Generator(k, PIXELS, m.n_parameters, float(np.sqrt(m.noise_variance_)), TRAVERSAL, images)


@dataclass(frozen=True)
class Digit:
    """The image x = mu + W z (8, 8) of the latent code ``z``."""

    z: tuple[float, ...]
    image: np.ndarray

    @property
    def table(self) -> pd.DataFrame:
        """Every pixel of the digit (row 0 at the top) with its grey value (0 blank, 1 full ink)."""
        rows, cols = np.indices(self.image.shape)
        return pd.DataFrame({"row": rows.ravel(), "column": cols.ravel(), "value": self.image.ravel().round(4)})


def generated(k: int, z: tuple[float, ...]) -> Digit:
    """The digit the k-latent PPCA draws for ``z`` (no noise added)."""
    image = model(k).inverse_transform(np.array([z], dtype=float))[0].reshape(latent.IMAGE_SHAPE)
    return Digit(tuple(float(v) for v in z), image)


def draw_z(k: int, draw: int) -> tuple[float, ...]:
    """Draw number ``draw`` of z ~ N(0, I_k), rounded to the sliders' step and clipped to their range."""
    z = np.random.default_rng(draw).standard_normal(k)
    return tuple(float(v) for v in np.clip(np.round(z, 1), -Z_RANGE, Z_RANGE))


# ----------------------------------------------------------------------------------------------- reconstruction


@shared(1)
def _curve() -> latent.ReconstructionCurve:
    s = digits()
    return latent.reconstruction_curve(s.X_train, s.X_test, np.arange(0, MAX_K_REBUILT + 1))


@dataclass(frozen=True)
class Reconstruction:
    """Held-out digits rebuilt from k numbers, and the share of held-out variance every k rebuilds.

    ``pairs`` (2, 8, 8, 8): row 0 the held-out digits, row 1 their reconstructions. ``ks``, ``explained``
    and ``mse`` are the whole curve (k = 0 .. 40); ``table`` is the same as a table for export.
    """

    k: int
    pairs: np.ndarray
    ks: np.ndarray
    explained: np.ndarray
    mse: np.ndarray
    explained_at_k: float
    rms_at_k: float
    pixels: int
    table: pd.DataFrame

    @property
    def rebuilt_percent(self) -> float:
        return 100 * self.explained_at_k

    @property
    def values(self) -> dict[str, float]:
        """The numbers the page's sentences quote."""
        return {"k": self.k, "rebuilt": self.rebuilt_percent, "rms": self.rms_at_k}


def reconstruction(k: int) -> Reconstruction:
    """The first held-out digits squeezed to ``k`` numbers and rebuilt, with the curve over all k."""
    if not 1 <= k <= MAX_K_REBUILT:
        raise ValueError(f"k must be between 1 and {MAX_K_REBUILT} latent dimensions (got {k})")
    s, curve = digits(), _curve()
    shown = s.X_test[:SHOWN_DIGITS]
    rebuilt = model(k).reconstruct(shown)
    pairs = np.stack([shown, rebuilt]).reshape(2, SHOWN_DIGITS, *latent.IMAGE_SHAPE)
    at = list(curve.ks).index(k)
    table = pd.DataFrame({"k": curve.ks, "held_out_variance_rebuilt": curve.explained_test, "mse_per_pixel": curve.mse})
    return Reconstruction(
        k,
        pairs,
        curve.ks,
        curve.explained_test,
        curve.mse,
        float(curve.explained_test[at]),
        float(np.sqrt(curve.mse[at])),
        PIXELS,
        table,
    )


# ----------------------------------------------------------------------------------------------- latent space


@shared(1)
def _codes() -> tuple[np.ndarray, float]:
    """E[z | x] of the held-out digits under the k = 2 model, and how often their neighbours share their label."""
    s, m = digits(), model(K_SPACE)
    Z_train, Z_test = m.transform(s.X_train), m.transform(s.X_test)
    return Z_test, latent.neighbour_label_agreement(Z_train, s.y_train, Z_test, s.y_test, NEIGHBOURS)


@dataclass(frozen=True)
class LatentSpace:
    """The 2-D codes ``Z`` (m, 2) of the held-out digits with the chosen ``labels``.

    ``reach``: half the width of the square window that holds every digit (showing fewer does not rescale).
    ``agreement``: share of held-out digits whose nearest training digits in z-space mostly share their label;
    ``chance``: the share guessing would reach.
    """

    Z: np.ndarray
    labels: np.ndarray
    reach: float
    agreement: float
    chance: float
    table: pd.DataFrame

    @property
    def agreement_percent(self) -> float:
        return 100 * self.agreement

    @property
    def chance_percent(self) -> float:
        return 100 * self.chance

    @property
    def values(self) -> dict[str, float]:
        """The numbers the page's sentences quote."""
        return {"agree": self.agreement_percent, "chance": self.chance_percent, "neighbours": NEIGHBOURS}


def latent_space(shown: tuple[int, ...]) -> LatentSpace:
    """The held-out digits whose label is in ``shown``, at their codes E[z | x] of the k = 2 model."""
    Z_all, agreement = _codes()
    y = digits().y_test
    keep = np.isin(y, shown)
    reach = float(np.ceil(np.abs(Z_all).max() * 2) / 2)
    table = pd.DataFrame({"z1": Z_all[keep, 0], "z2": Z_all[keep, 1], "digit": y[keep]})
    return LatentSpace(Z_all[keep], y[keep], reach, agreement, 1 / np.unique(y).size, table)


# ----------------------------------------------------------------------------------------------- complexity


@shared(1)
def _complexity_table() -> tuple[pd.DataFrame, latent.Baseline, latent.Baseline]:
    """Held-out bits per pixel of PPCA for every k (raw and standardised pixels) and of the two baselines."""
    s = digits()
    ks = np.arange(1, MAX_K + 1)
    d = s.X_train.shape[1]
    rows = []
    for scale, name in ((False, "PPCA"), (True, STANDARDISED)):
        _, test = latent.ppca_log_likelihood_curve(s.X_train, s.X_test, ks, scale=scale)
        rows.append(
            pd.DataFrame(
                {
                    "model": name,
                    "k": ks,
                    "parameters": [latent.ppca_n_parameters(d, k, scale) for k in ks],
                    "bits": latent.bits_per_pixel(test),
                }
            )
        )
    diag, full = (latent.gaussian_baseline(s.X_train, s.X_test, kind) for kind in ("diag", "full"))
    for b in (diag, full):
        rows.append(
            pd.DataFrame(
                {
                    "model": [b.name],
                    "k": [None],
                    "parameters": [b.n_parameters],
                    "bits": [latent.bits_per_pixel(b.test)],
                }
            )
        )
    return pd.concat(rows, ignore_index=True), diag, full


@dataclass(frozen=True)
class Complexity:
    """Held-out bits per pixel against parameters for every model, and the numbers at the chosen k.

    ``table``: columns model, k (None for the two baselines), parameters, bits. ``uniform``: the bits per
    pixel of a model that knows nothing (log2 of the 17 grey levels). ``sklearn_gap``: the largest
    difference between our PPCA log q(x) and scikit-learn's ``PCA.score_samples`` on held-out digits (nats).
    ``standardised_k``, ``plain_k``: the fewest latents with which each PPCA beats independent pixels.
    """

    k: int
    table: pd.DataFrame
    uniform: float
    standardised_bits: float
    standardised_parameters: int
    diag_bits: float
    diag_parameters: int
    full_bits: float
    full_parameters: int
    sklearn_gap: float
    standardised_k: int
    plain_k: int

    @property
    def values(self) -> dict[str, float]:
        """The numbers the page's sentences quote."""
        return {
            "k": self.k,
            "parameters": self.standardised_parameters,
            "full_parameters": self.full_parameters,
            "bits": self.standardised_bits,
            "diag_bits": self.diag_bits,
            "full_bits": self.full_bits,
        }


def complexity(k: int) -> Complexity:
    """Bits per pixel of every model, with PPCA (standardised pixels) at ``k`` latents checked against sklearn."""
    table, diag, full = _complexity_table()
    at_k = table[(table["model"] == STANDARDISED) & (table["k"] == k)].iloc[0]
    s = digits()
    ours = model(k).score_samples(s.X_test)
    gap = float(np.max(np.abs(ours - latent.sklearn_pca_score_samples(s.X_train, s.X_test, k))))
    diag_bits = float(latent.bits_per_pixel(diag.test))

    def first_beating(name: str) -> int:
        curve = table[table["model"] == name]
        return int(curve.loc[curve["bits"] < diag_bits, "k"].min())

    return Complexity(
        k,
        table,
        float(np.log2(latent.LEVELS)),
        float(at_k["bits"]),
        int(at_k["parameters"]),
        diag_bits,
        diag.n_parameters,
        float(latent.bits_per_pixel(full.test)),
        full.n_parameters,
        gap,
        first_beating(STANDARDISED),
        first_beating("PPCA"),
    )
