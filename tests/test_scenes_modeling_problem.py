"""The maths of the "generative modeling problem" page, on its scene functions (no Streamlit)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import highdim
from scenes import modeling_problem as problem

LABELS = ("independent", "gaussian", "mixture k")


@pytest.fixture(scope="module")
def split():
    return highdim.load_digit_split(test_fraction=problem.TEST_FRACTION, seed=0)


def test_digits_are_split_into_training_and_held_out(split):
    d = problem.digits()
    assert (d.n_train, d.n_test, d.n_total) == (len(split.X_train), len(split.X_test), 1797)


def test_dependencies_are_worth_bits_per_dimension():
    s = problem.scores(8, LABELS)
    assert s.held_out("gaussian") < s.held_out("independent") < s.uniform == highdim.UNIFORM_BITS_PER_DIM
    assert s.held_out("mixture") < s.held_out("gaussian") and not s.memorises
    assert s.n_train == 1258


def test_scores_are_bits_per_dimension_of_the_fitted_models(split):
    s = problem.scores(3, LABELS)
    m = highdim.fit_digits_model(split.X_train, "mixture", k=3, seed=0)
    assert s.held_out("mixture") == highdim.bits_per_dim(m, split.X_test)
    assert s.trained("mixture") == highdim.bits_per_dim(m, split.X_train)
    assert s.test[1] == problem.scores(12, LABELS).test[1]  # k only changes the mixture
    rows = s.table.to_dict("records")
    assert len(rows) == 6 and {r["model"] for r in rows} == set(LABELS)
    assert rows[0] == {"model": "independent", "set": "held-out", "bits": s.held_out("independent")}


def test_too_many_components_memorise():
    s = problem.scores(20, LABELS)
    assert s.memorises and s.trained("mixture") < s.held_out("mixture") - 1


def test_samples_and_real_digits_are_8x8_images_and_follow_the_seed(split):
    a, b = problem.model_samples("gaussian", 8, 0), problem.model_samples("gaussian", 8, 0)
    assert a.images.shape == (problem.N_SHOWN, 8, 8) and 0 <= a.images.min() and a.images.max() <= 16
    np.testing.assert_array_equal(a.images, b.images)
    assert not np.array_equal(a.images, problem.model_samples("gaussian", 8, 1).images)
    real = problem.real_digits(0).images
    assert real.shape == (problem.N_SHOWN, 8, 8)
    flat = {tuple(x) for x in split.raw_test}
    assert all(tuple(img.ravel()) in flat for img in real)  # held-out digits, never generated
    assert not np.array_equal(real, problem.real_digits(1).images)


def test_a_pixel_has_a_strongest_partner():
    d = problem.dependencies(0, 2)
    assert d.pixel == 2 and not d.constant
    assert d.partner == (7, 2)
    others = np.delete(d.matrix[2], 2)
    assert abs(d.partner_r) == pytest.approx(np.nanmax(np.abs(others)))
    assert d.partner_r == d.matrix[2, 8 * 7 + 2]


def test_pixel_counts(split):
    c = highdim.pixel_correlation(split.raw_train)
    d = problem.dependencies(4, 5)
    upper = c.matrix[np.triu_indices(64, 1)]
    assert d.strong_pairs == int(np.sum(np.abs(upper[np.isfinite(upper)]) > problem.STRONG)) > 0
    assert d.constant_pixels == int(c.constant.sum()) > 0


def test_a_constant_pixel_has_no_partner():
    d = problem.dependencies(0, 0)
    assert d.constant and d.partner is None and d.partner_r is None
    assert np.all(np.isnan(d.matrix[0]))


def test_counting_fails_in_high_dimensions():
    c = problem.curse(500, 10)
    assert c.histogram_tv[-1] > 0.9 > 0.2 > c.histogram_tv[0]
    assert c.kde_tv[-1] < c.histogram_tv[-1]
    assert c.empty_fraction[-1] > 0.5 > c.empty_fraction[0]
    assert tuple(c.dims) == problem.DIMS and list(c.table.columns)[0] == "d" and len(c.table) == len(problem.DIMS)


def test_cells_grow_as_bins_to_the_d():
    c = problem.curse(250, 4)
    assert c.cells_dims[-1] == 64
    assert c.cells_log10[-1] == pytest.approx(64 * math.log10(4))
    assert c.cells_64 == "≈ 10³⁹"  # 4^64 = 3.4e38
    assert problem.curse(250, 10).cells_64 == "10⁶⁴"
