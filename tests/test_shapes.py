"""core.shapes: the stroke renderer and the PCA count of hidden causes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import shapes

SIZE = shapes.IMAGE_SIZE


def stroke(angle=0.0, length=12.0, thickness=2.0, x=0.0, y=0.0, size=SIZE):
    return shapes.render_strokes(np.array([angle, length, thickness, x, y]), size=size)


def test_horizontal_stroke_lies_on_the_middle_rows():
    img = stroke(angle=0.0)
    row_ink = img.sum(axis=1)
    assert set(np.argsort(row_ink)[-2:]) == {SIZE // 2 - 1, SIZE // 2}
    # 12 pixels long, centred: ink covers columns 6..17 and not the edges
    middle = img[SIZE // 2]
    assert middle[SIZE // 2] > 0.7 and middle[0] < 1e-3 and middle[-1] < 1e-3


def test_vertical_stroke_is_the_transpose_of_the_horizontal_one():
    np.testing.assert_allclose(stroke(angle=90.0), stroke(angle=0.0).T, atol=1e-9)


def test_angle_turns_anticlockwise_and_y_moves_up():
    img = stroke(angle=45.0, length=16.0)
    # anticlockwise from horizontal: the right end is up (small row index), the left end down
    assert img[7, 16] > 0.5 and img[16, 7] > 0.5 and img[7, 7] < 0.05
    up = stroke(y=3.0)
    rows = np.arange(SIZE)
    centre_row = lambda im: float((im.sum(axis=1) * rows).sum() / im.sum())  # noqa: E731
    assert centre_row(up) == pytest.approx(centre_row(stroke()) - 3.0, abs=1e-6)


def test_x_shift_moves_the_centre_of_ink_by_that_many_pixels():
    cols = np.arange(SIZE)
    centre = lambda im: float((im.sum(axis=0) * cols).sum() / im.sum())  # noqa: E731
    assert centre(stroke(90.0, x=2.5)) - centre(stroke(90.0)) == pytest.approx(2.5, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(angle=st.floats(0, 180), length=st.floats(4, 18), thick=st.floats(1, 5), x=st.floats(-4, 4), y=st.floats(-4, 4))
def test_images_are_in_unit_range_and_ink_grows_with_thickness_and_length(angle, length, thick, x, y):
    base = stroke(angle, length, thick, x, y)
    assert base.shape == (SIZE, SIZE) and base.min() >= 0 and base.max() <= 1
    assert stroke(angle, length, thick + 0.5, x, y).sum() > base.sum()
    assert stroke(angle, length + 1.0, thick, x, y).sum() > base.sum()


def test_batch_rendering_matches_one_at_a_time():
    z = np.array([[10.0, 8.0, 1.5, 1.0, -1.0], [120.0, 16.0, 4.0, -2.0, 2.0]])
    batch = shapes.render_strokes(z)
    for i in range(2):
        np.testing.assert_allclose(batch[i], shapes.render_strokes(z[i]))


def test_angle_is_periodic_so_the_grid_does_not_repeat_its_first_row():
    np.testing.assert_allclose(stroke(angle=180.0), stroke(angle=0.0), atol=1e-9)
    imgs, a, _ = shapes.cause_grid("angle", "length", n=6)
    np.testing.assert_allclose(a, [0, 30, 60, 90, 120, 150])
    assert not np.allclose(imgs[0], imgs[-1])


def test_cause_grid_varies_rows_and_columns():
    imgs, a, b = shapes.cause_grid("x", "thickness", n=4)
    assert imgs.shape == (4, 4, SIZE, SIZE)
    np.testing.assert_allclose(a, [-5, -5 / 3, 5 / 3, 5])
    ink = imgs.sum(axis=(2, 3))
    assert np.all(np.diff(ink, axis=1) > 0)  # thicker to the right, in every row
    np.testing.assert_allclose(imgs[1, 2], stroke(60.0, 12.0, b[2], a[1], 0.0))


def test_pca_count_matches_the_number_of_causes_for_every_subset_when_variation_is_small():
    """The page's claim: with locally small variation, PCA finds exactly as many directions as causes."""
    n, noise = 300, 0.02
    for r in range(1, 6):
        for active in itertools.combinations(shapes.CAUSE_NAMES, r):
            data = shapes.sample_shapes(n, active, spread=0.1, noise=noise, seed=3)
            spectrum = shapes.pca_spectrum(data.X, 12)
            assert shapes.count_causes(spectrum, noise, n, data.X.shape[1]) == r, active


def test_large_variation_curves_the_surface_so_linear_pca_needs_more_directions():
    data = shapes.sample_shapes(300, ("angle",), spread=1.0, seed=0)
    assert shapes.count_causes(shapes.pca_spectrum(data.X), 0.02, 300, data.X.shape[1]) > 1


def test_pca_spectrum_matches_numpy_eigenvalues_of_the_covariance():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 8)) * np.arange(1, 9)
    expected = np.sort(np.linalg.eigvalsh(np.cov(X, rowvar=False)))[::-1][:5]
    np.testing.assert_allclose(shapes.pca_spectrum(X, 5), expected, rtol=1e-8)


def test_pure_noise_stays_under_the_noise_floor():
    rng = np.random.default_rng(1)
    X = 0.05 * rng.standard_normal((200, 300))
    assert shapes.count_causes(shapes.pca_spectrum(X, 10), 0.05, 200, 300) == 0


def test_sampling_is_reproducible_and_keeps_inactive_causes_fixed():
    a = shapes.sample_shapes(50, ("angle", "y"), seed=7)
    b = shapes.sample_shapes(50, ("angle", "y"), seed=7)
    np.testing.assert_array_equal(a.X, b.X)
    fixed = [shapes.CAUSE_NAMES.index(c) for c in ("length", "thickness", "x")]
    np.testing.assert_array_equal(a.Z[:, fixed], np.tile(shapes.default_causes()[fixed], (50, 1)))
    assert np.ptp(a.Z[:, 0]) > 0


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: shapes.render_strokes([1.0, 2.0]), "5 causes"),
        (lambda: shapes.render_strokes([0, 10, 0, 0, 0]), "thickness"),
        (lambda: shapes.render_strokes([np.nan, 10, 2, 0, 0]), "NaN"),
        (lambda: shapes.cause_grid("angle", "angle"), "two different"),
        (lambda: shapes.cause_grid("angle", "colour"), "unknown cause"),
        (lambda: shapes.sample_shapes(100, ()), "at least one"),
        (lambda: shapes.sample_shapes(100, ("angle",), spread=0.0), "spread"),
        (lambda: shapes.pca_spectrum(np.ones((2, 5))), "at least 3 rows"),
    ],
)
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
