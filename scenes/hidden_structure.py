"""Scenes of "The big idea: hidden structure": five hidden causes draw a 576-pixel image; PCA counts them back.

Three panels: one stroke drawn from the causes the sliders set; a grid of images over two causes with the
grid's coordinates on its two principal directions (a bent sheet in pixel space); and a generated data set
whose PCA spectrum counts the causes that vary in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import shapes

#: The hidden causes (name, label, slider range, default, role), in the order of a cause vector z.
CAUSES = shapes.CAUSES
CAUSE_NAMES = shapes.CAUSE_NAMES
#: Pixels of one image: what we observe.
PIXELS = shapes.IMAGE_SIZE**2
#: A direction counts as structure if its variance exceeds this many times the noise floor.
FLOOR_MARGIN = shapes.FLOOR_MARGIN
#: Principal directions shown in the spectrum.
DIRECTIONS = 12
#: Images of the data set shown as examples.
EXAMPLES = 8


@dataclass(frozen=True)
class Stroke:
    """One image x = render(z): ``image`` (24, 24) in [0, 1], from the five ``causes``."""

    causes: tuple[float, ...]
    image: np.ndarray
    n_causes: int
    pixels: int

    @property
    def side(self) -> int:
        """Width and height of the image in pixels."""
        return int(self.image.shape[0])

    @property
    def compression(self) -> float:
        """How many pixel values each hidden number stands for."""
        return self.pixels / self.n_causes

    @property
    def table(self) -> pd.DataFrame:
        """Every pixel of the image (row 0 at the top, column 0 on the left) with its grey value in [0, 1]."""
        rows, cols = np.indices(self.image.shape)
        return pd.DataFrame({"row": rows.ravel(), "column": cols.ravel(), "value": self.image.ravel().round(4)})


def stroke(z: tuple[float, ...]) -> Stroke:
    """The image the five causes ``z`` (angle, length, thickness, x, y) draw."""
    return Stroke(tuple(float(v) for v in z), shapes.render_strokes(np.array(z, dtype=float)), len(CAUSES), PIXELS)


@dataclass(frozen=True)
class CauseGrid:
    """Images over a grid of two causes and where they sit in pixel space.

    ``images`` (n, n, 24, 24): ``images[i, j]`` has cause ``a`` = ``values_a[i]`` and ``b`` = ``values_b[j]``;
    ``coords`` (n, n, 2): each image's coordinates on the grid's two leading principal directions.
    """

    a: str
    b: str
    images: np.ndarray
    coords: np.ndarray
    values_a: np.ndarray
    values_b: np.ndarray

    @property
    def n(self) -> int:
        return int(self.images.shape[0])

    @property
    def table(self) -> pd.DataFrame:
        """Each image's two causes and its coordinates on the two principal directions."""
        return pd.DataFrame(
            {
                self.a: np.repeat(self.values_a, self.n).round(3),
                self.b: np.tile(self.values_b, self.n).round(3),
                "direction_1": self.coords[..., 0].ravel(),
                "direction_2": self.coords[..., 1].ravel(),
            }
        )


def cause_grid(a: str, b: str, n: int, base: tuple[float, ...]) -> CauseGrid:
    """``a`` down the rows, ``b`` across the columns (each over its slider range); the others held at ``base``."""
    images, values_a, values_b = shapes.cause_grid(a, b, n=n, base=np.array(base, dtype=float))
    coords = shapes.principal_coordinates(images.reshape(n * n, -1), 2).reshape(n, n, 2)
    return CauseGrid(a, b, images, coords, values_a, values_b)


@dataclass(frozen=True)
class CauseCount:
    """PCA of a generated data set: the variance along each principal direction and how many beat the noise.

    ``examples`` (8, 24, 24): the first images of the data set, clipped to [0, 1] for display.
    ``table``: the spectrum as a table (direction, variance) for export.
    """

    n_varied: int
    spectrum: np.ndarray
    floor: float
    found: int
    examples: np.ndarray
    table: pd.DataFrame

    @property
    def all_found(self) -> bool:
        """True when PCA finds exactly as many directions as there are causes."""
        return self.found == self.n_varied


def count_causes(active: tuple[str, ...], spread: float, noise: float, n: int, seed: int) -> CauseCount:
    """Generate ``n`` images in which the ``active`` causes vary, then count the directions above the noise."""
    data = shapes.sample_shapes(n, active, spread=spread, noise=noise, seed=seed)
    spectrum = shapes.pca_spectrum(data.X, DIRECTIONS)
    floor = FLOOR_MARGIN * shapes.noise_floor(noise, n, PIXELS)
    size = shapes.IMAGE_SIZE
    examples = np.clip(data.X[:EXAMPLES].reshape(EXAMPLES, size, size), 0, 1)
    table = pd.DataFrame({"direction": np.arange(1, spectrum.size + 1), "variance": spectrum})
    return CauseCount(
        len(data.active), spectrum, floor, shapes.count_causes(spectrum, noise, n, PIXELS), examples, table
    )
