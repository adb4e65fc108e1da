"""Hidden structure made visible: small images drawn from a handful of latent causes.

A generative story in one function. Five numbers (the latent causes z) decide a picture x of
24 x 24 = 576 pixels: a pen stroke with an **angle** and a **position** (x, y) (pose), a **length**
(size) and a **thickness** (style). The renderer is deterministic, x = render(z), plus optional pixel
noise, so every image lives on a surface with at most five dimensions inside a 576-dimensional pixel
space.

Principal component analysis (PCA) of a generated data set shows it: when the causes vary a little
around one image, the surface is nearly flat and exactly as many principal components rise above the
pixel-noise floor as there are causes. When they vary a lot, the surface curves and a straight (linear)
method needs more components than there are causes: the hint that a latent-variable model needs a
*nonlinear* decoder (the idea behind VAEs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA

from core.validation import as_points

__all__ = [
    "Cause",
    "CAUSES",
    "CAUSE_NAMES",
    "IMAGE_SIZE",
    "default_causes",
    "render_strokes",
    "cause_grid",
    "ShapeData",
    "sample_shapes",
    "pca_spectrum",
    "noise_floor",
    "count_causes",
    "principal_coordinates",
    "FLOOR_MARGIN",
]

#: Width and height of a rendered image in pixels.
IMAGE_SIZE = 24
#: A direction counts as structure if its variance exceeds this many times the noise floor.
FLOOR_MARGIN = 1.5
#: Softness of the stroke's edge in pixels (a smooth edge makes the image a smooth function of z).
EDGE = 0.5


@dataclass(frozen=True)
class Cause:
    """One latent cause of an image.

    Attributes
    ----------
    name : short name used in code and URLs.
    label : what a person calls it, with its unit.
    low, high : the range a slider offers.
    default : the value of the reference image.
    span : how far it moves (peak to peak) in a data set with ``spread = 1``; chosen so that every cause
        changes the pixels by a similar amount.
    role : which kind of hidden cause it stands for (pose, size, style).
    periodic : True if ``high`` gives the same image as ``low`` (a stroke turned by 180 degrees).
    """

    name: str
    label: str
    low: float
    high: float
    default: float
    span: float
    role: str
    periodic: bool = False


CAUSES: tuple[Cause, ...] = (
    Cause("angle", "angle (degrees)", 0.0, 180.0, 60.0, 30.0, "pose", periodic=True),
    Cause("length", "length (pixels)", 4.0, 20.0, 12.0, 10.0, "size"),
    Cause("thickness", "thickness (pixels)", 1.0, 6.0, 2.5, 4.0, "style"),
    Cause("x", "horizontal position (pixels)", -5.0, 5.0, 0.0, 3.0, "pose"),
    Cause("y", "vertical position (pixels)", -5.0, 5.0, 0.0, 3.0, "pose"),
)
CAUSE_NAMES: tuple[str, ...] = tuple(c.name for c in CAUSES)


def _index(name: str) -> int:
    if name not in CAUSE_NAMES:
        raise ValueError(f"unknown cause {name!r}; choose from {', '.join(CAUSE_NAMES)}")
    return CAUSE_NAMES.index(name)


def default_causes() -> np.ndarray:
    """The causes of the reference image, in the order of ``CAUSE_NAMES``.

    >>> default_causes().tolist()
    [60.0, 12.0, 2.5, 0.0, 0.0]
    """
    return np.array([c.default for c in CAUSES])


def render_strokes(z: np.ndarray, size: int = IMAGE_SIZE) -> np.ndarray:
    """Draw one pen stroke per row of causes: the decoder x = render(z) of the generative story.

    Each pixel's brightness is a smooth step of its distance d to the stroke (a line segment):
    ``x = 1 / (1 + exp(-(thickness/2 - d) / 0.5))``, so it is about 1 on the stroke, 0 far away, and
    changes smoothly as any cause moves. Angle 0 is horizontal and angles turn anticlockwise; positive y
    moves the stroke up.

    Parameters
    ----------
    z : array of shape (5,) or (n, 5)
        Causes in the order ``CAUSE_NAMES`` = (angle, length, thickness, x, y).
    size : int
        Width and height of each image in pixels (8 to 64).

    Returns
    -------
    images : array of shape (size, size) or (n, size, size), values in [0, 1]; row 0 is the top.

    Examples
    --------
    >>> img = render_strokes([0.0, 12.0, 2.0, 0.0, 0.0])        # a horizontal stroke through the centre
    >>> img.shape, bool(img[11:13].mean(axis=0).max() > 0.7), round(float(img[0].max()), 3)
    ((24, 24), True, 0.0)
    """
    z = np.asarray(z, dtype=float)
    single = z.ndim == 1
    z = np.atleast_2d(z)
    if z.ndim != 2 or z.shape[1] != len(CAUSES):
        raise ValueError(
            f"z must hold {len(CAUSES)} causes per image ({', '.join(CAUSE_NAMES)}); got shape {np.shape(z)}"
        )
    if not np.all(np.isfinite(z)):
        raise ValueError("z contains NaN or inf; every cause must be a finite number")
    if not 8 <= int(size) <= 64:
        raise ValueError(f"size must be between 8 and 64 pixels (got {size})")
    if np.any(z[:, 1] < 0) or np.any(z[:, 2] <= 0):
        raise ValueError("length must be >= 0 and thickness > 0 pixels")
    angle, length, thickness, cx, cy = (z[:, i, None, None] for i in range(len(CAUSES)))
    centres = np.arange(size) + 0.5 - size / 2
    px = centres[None, None, :]
    py = -centres[None, :, None]  # row 0 is the top of the image
    theta = np.deg2rad(angle)
    ux, uy = np.cos(theta), np.sin(theta)
    dx, dy = px - cx, py - cy
    t = np.clip(dx * ux + dy * uy, -length / 2, length / 2)  # nearest point of the segment, along it
    dist = np.hypot(dx - t * ux, dy - t * uy)
    images = 1.0 / (1.0 + np.exp(-(thickness / 2 - dist) / EDGE))
    return images[0] if single else images


def cause_grid(
    cause_a: str, cause_b: str, n: int = 7, base: Sequence[float] | None = None, size: int = IMAGE_SIZE
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Images over a grid of two causes (the others held at ``base``): a 2-D surface in pixel space.

    Parameters
    ----------
    cause_a, cause_b : names of two different causes; ``cause_a`` changes down the rows, ``cause_b``
        across the columns, each over its whole slider range (a periodic cause, the angle, stops one step
        short of its end, which would repeat its start).
    n : points per cause (2 to 15).
    base : the values of all five causes for the ones held fixed (default: ``default_causes()``).

    Returns
    -------
    images : (n, n, size, size) array; ``images[i, j]`` has ``cause_a = values_a[i]``, ``cause_b = values_b[j]``.
    values_a, values_b : (n,) arrays of the cause values.

    Examples
    --------
    >>> imgs, a, b = cause_grid("angle", "thickness", n=3)
    >>> imgs.shape, a.tolist(), b.tolist()
    ((3, 3, 24, 24), [0.0, 60.0, 120.0], [1.0, 3.5, 6.0])
    """
    ia, ib = _index(cause_a), _index(cause_b)
    if ia == ib:
        raise ValueError("choose two different causes for the grid")
    if not 2 <= int(n) <= 15:
        raise ValueError(f"n must be between 2 and 15 points per cause (got {n})")
    z0 = default_causes() if base is None else np.asarray(base, dtype=float)
    if z0.shape != (len(CAUSES),):
        raise ValueError(f"base must hold {len(CAUSES)} causes ({', '.join(CAUSE_NAMES)})")
    values_a, values_b = (
        np.linspace(CAUSES[i].low, CAUSES[i].high, int(n), endpoint=not CAUSES[i].periodic) for i in (ia, ib)
    )
    z = np.tile(z0, (int(n), int(n), 1))
    z[:, :, ia] = values_a[:, None]
    z[:, :, ib] = values_b[None, :]
    images = render_strokes(z.reshape(-1, len(CAUSES)), size).reshape(int(n), int(n), size, size)
    return images, values_a, values_b


@dataclass(frozen=True)
class ShapeData:
    """A generated data set: the hidden causes and the images they made.

    Attributes
    ----------
    Z : (n, 5) causes (unobserved in real data).
    X : (n, size * size) flattened images with pixel noise: what we actually observe.
    active : the names of the causes that vary; the others are fixed at their defaults.
    noise : standard deviation of the pixel noise.
    """

    Z: np.ndarray
    X: np.ndarray
    active: tuple[str, ...]
    noise: float


def sample_shapes(
    n: int = 400,
    active: Sequence[str] = CAUSE_NAMES,
    spread: float = 0.1,
    noise: float = 0.02,
    size: int = IMAGE_SIZE,
    seed: int = 0,
) -> ShapeData:
    """Generate images whose ``active`` causes vary at random: z uniform, then x = render(z) + noise.

    Each active cause is uniform on ``default +- spread * span / 2`` (``span`` from ``CAUSES``); the
    others stay at their defaults. ``spread`` near 0.1 keeps the surface locally flat; 1 makes it curved.

    Examples
    --------
    >>> data = sample_shapes(n=50, active=("angle", "x"), seed=1)
    >>> data.X.shape, data.Z.shape, data.active
    ((50, 576), (50, 5), ('angle', 'x'))
    """
    active = tuple(dict.fromkeys(active))  # unique, in the order given
    if not active:
        raise ValueError("choose at least one cause to vary")
    idx = [_index(a) for a in active]
    if not 10 <= int(n) <= 5000:
        raise ValueError(f"n must be between 10 and 5000 images (got {n})")
    if not 0 < spread <= 1:
        raise ValueError(f"spread must be in (0, 1] (got {spread})")
    if not 0 <= noise <= 0.5:
        raise ValueError(f"pixel noise must be between 0 and 0.5 (got {noise})")
    rng = np.random.default_rng(seed)
    z = np.tile(default_causes(), (int(n), 1))
    for i in idx:
        z[:, i] += rng.uniform(-0.5, 0.5, int(n)) * spread * CAUSES[i].span
    x = render_strokes(z, size).reshape(int(n), -1)
    x = x + noise * rng.standard_normal(x.shape)
    return ShapeData(Z=z, X=x, active=active, noise=float(noise))


def pca_spectrum(X: np.ndarray, n_components: int = 15) -> np.ndarray:
    """The variance along each principal direction of the data (eigenvalues of the sample covariance).

    Sorted from largest to smallest; a data set on a flat k-dimensional surface plus noise sigma has k large
    values and the rest near sigma^2 (at most ``min(n - 1, d - 1)`` values). Computed with
    ``sklearn.decomposition.PCA`` (``explained_variance_``).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((500, 2)) @ np.array([[3.0, 0, 0, 0], [0, 1.0, 0, 0]])   # a plane in 4-D
    >>> np.round(pca_spectrum(X, 3), 1).tolist()
    [8.7, 0.9, 0.0]
    """
    X = as_points(X, min_rows=3, flat=False, rows="rows (images)")
    k = min(int(n_components), X.shape[0] - 1, X.shape[1] - 1)
    if k < 1:
        raise ValueError("n_components must be at least 1, and X needs at least 2 columns")
    # ARPACK finds only the k leading directions: ~50x faster than a full SVD of a 400 x 576 table.
    return PCA(n_components=k, svd_solver="arpack", random_state=0).fit(X).explained_variance_


def noise_floor(noise: float, n: int, d: int) -> float:
    """The largest variance pure pixel noise shows in PCA (the Marchenko-Pastur edge).

    With n images of d pixels of independent noise sigma, the sample covariance's eigenvalues spread up to
    ``sigma^2 (1 + sqrt(d / n))^2`` (not just sigma^2): with few images, noise alone looks like structure.

    >>> round(noise_floor(0.02, 400, 576), 6)
    0.001936
    """
    if noise < 0 or n < 1 or d < 1:
        raise ValueError("noise must be >= 0, n and d >= 1")
    return float(noise**2 * (1 + np.sqrt(d / n)) ** 2)


def count_causes(spectrum: np.ndarray, noise: float, n: int, d: int, margin: float = FLOOR_MARGIN) -> int:
    """How many principal directions carry more variance than noise could: the PCA count of causes.

    Counts the eigenvalues above ``margin * noise_floor(noise, n, d)``.

    >>> count_causes(np.array([5.0, 2.0, 0.0019, 0.0018]), noise=0.02, n=400, d=576)
    2
    """
    spectrum = np.asarray(spectrum, dtype=float)
    return int(np.sum(spectrum > margin * noise_floor(noise, n, d)))


def principal_coordinates(X: np.ndarray, n_components: int = 2) -> np.ndarray:
    """Each row of X projected on the data's leading principal directions: a view of a cloud in pixel space.

    >>> X = np.array([[0.0, 0, 0], [1, 1, 0], [2, 2, 0], [3, 3, 0.1]])
    >>> np.round(np.abs(principal_coordinates(X, 1)[:, 0]), 2).tolist()
    [2.12, 0.71, 0.71, 2.12]
    """
    X = as_points(X, min_rows=2, flat=False, rows="rows")
    if not 1 <= n_components <= min(X.shape):
        raise ValueError(f"n_components must be between 1 and {min(X.shape)}")
    return PCA(n_components=n_components, svd_solver="full").fit_transform(X)
