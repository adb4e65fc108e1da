"""The maths of "The big idea: hidden structure", on its scenes: five causes, a bent sheet, PCA counts causes."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import hidden_structure as hs

DEFAULT = tuple(c.default for c in hs.CAUSES)
SETTINGS = {"spread": 0.1, "noise": 0.02, "n": 400, "seed": 0}


def test_five_numbers_draw_576_pixels():
    stroke = hs.stroke(DEFAULT)
    assert stroke.image.shape == (24, 24) and stroke.side == 24
    assert (stroke.n_causes, stroke.pixels) == (5, 576)
    assert stroke.compression == pytest.approx(115.2)
    assert 0 <= stroke.image.min() and stroke.image.max() <= 1 and stroke.image.max() > 0.9


@pytest.mark.parametrize("cause", [c.name for c in hs.CAUSES])
def test_every_cause_changes_the_image(cause):
    i = hs.CAUSE_NAMES.index(cause)
    moved = list(DEFAULT)
    moved[i] = hs.CAUSES[i].high if hs.CAUSES[i].default != hs.CAUSES[i].high else hs.CAUSES[i].low
    assert np.abs(hs.stroke(tuple(moved)).image - hs.stroke(DEFAULT).image).max() > 0.1


def test_cause_grid_spans_both_slider_ranges_and_holds_the_others():
    grid = hs.cause_grid("length", "thickness", 7, DEFAULT)
    assert grid.n == 7 and grid.images.shape == (7, 7, 24, 24) and grid.coords.shape == (7, 7, 2)
    assert grid.values_a[[0, -1]].tolist() == [4.0, 20.0] and grid.values_b[[0, -1]].tolist() == [1.0, 6.0]
    # the image at (length, thickness) = grid values, other causes at the base, is the stroke of those causes
    z = (DEFAULT[0], float(grid.values_a[3]), float(grid.values_b[2]), *DEFAULT[3:])
    assert np.allclose(grid.images[3, 2], hs.stroke(z).image)
    # the angle is periodic: the grid stops one step short of 180 degrees, which would repeat 0
    turned = hs.cause_grid("angle", "x", 4, DEFAULT)
    assert turned.values_a.tolist() == [0.0, 45.0, 90.0, 135.0]


def test_grid_coordinates_are_a_smooth_sheet():
    """Neighbouring images are close in pixel space: steps along the grid are far shorter than its diameter."""
    coords = hs.cause_grid("length", "thickness", 7, DEFAULT).coords
    steps = np.concatenate(
        [
            np.linalg.norm(np.diff(coords, axis=0), axis=-1).ravel(),
            np.linalg.norm(np.diff(coords, axis=1), axis=-1).ravel(),
        ]
    )
    diameter = np.linalg.norm(coords.reshape(-1, 2).max(axis=0) - coords.reshape(-1, 2).min(axis=0))
    assert steps.max() < diameter / 2


def test_the_same_cause_twice_is_refused():
    with pytest.raises(ValueError, match="different causes"):
        hs.cause_grid("angle", "angle", 5, DEFAULT)


@pytest.mark.parametrize("active", [("angle", "thickness", "y"), ("x",), tuple(hs.CAUSE_NAMES)])
def test_pca_finds_as_many_directions_as_causes_when_they_vary_a_little(active):
    count = hs.count_causes(active, **SETTINGS)
    assert count.n_varied == len(active) and count.found == len(active) and count.all_found
    assert int(np.sum(count.spectrum > count.floor)) == count.found
    assert count.spectrum.size == hs.DIRECTIONS and np.all(np.diff(count.spectrum) <= 0)


def test_large_variation_bends_the_sheet_and_pca_overcounts():
    count = hs.count_causes(tuple(hs.CAUSE_NAMES), 1.0, 0.02, 400, 0)
    assert count.found > 5 and not count.all_found


def test_noise_floor_is_the_marchenko_pastur_edge_with_a_margin():
    count = hs.count_causes(("x",), 0.1, 0.05, 200, 3)
    assert count.floor == pytest.approx(hs.FLOOR_MARGIN * 0.05**2 * (1 + np.sqrt(576 / 200)) ** 2)


def test_examples_and_table_come_from_the_data_set():
    count = hs.count_causes(("angle",), **SETTINGS)
    assert count.examples.shape == (hs.EXAMPLES, 24, 24)
    assert count.examples.min() >= 0 and count.examples.max() <= 1
    assert list(count.table.columns) == ["direction", "variance"]
    assert count.table["direction"].tolist() == list(range(1, hs.DIRECTIONS + 1))
    assert np.allclose(count.table["variance"], count.spectrum)


def test_no_varying_cause_is_refused():
    with pytest.raises(ValueError):
        hs.count_causes((), **SETTINGS)


def test_the_formula_and_derivation_quote_the_renderer():
    from core import shapes
    from lecture import hidden_structure as text

    formula = text.TEXT.formulas[0]
    assert f"{len(hs.CAUSES)} hidden causes" in formula and f"{hs.PIXELS} observed pixels" in formula
    assert f"{shapes.IMAGE_SIZE}\\times {shapes.IMAGE_SIZE}" in formula
    assert f"${hs.PIXELS} \\times {len(hs.CAUSES)}$ Jacobian" in text.TEXT.deeper[0].body
    assert "1.5 times" in text.DEEPER_MARGIN.format(margin=hs.FLOOR_MARGIN)


def test_stroke_table_holds_every_pixel():
    stroke = hs.stroke(DEFAULT)
    table = stroke.table
    assert len(table) == 576 and list(table.columns) == ["row", "column", "value"]
    assert np.allclose(table["value"].to_numpy().reshape(24, 24), stroke.image, atol=1e-4)
    grid = hs.cause_grid("length", "thickness", 3, DEFAULT)
    assert list(grid.table.columns) == ["length", "thickness", "direction_1", "direction_2"]
    assert len(grid.table) == 9 and np.allclose(grid.table["direction_1"], grid.coords[..., 0].ravel())
