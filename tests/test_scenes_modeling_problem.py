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


# ----------------------------------------------------------------------------------------------- what the text claims


def test_independent_pixels_match_each_pixels_mean_and_variance_not_its_distribution(split):
    """Item 7: the independent model gets each pixel's mean and variance right (and the full Gaussian the same ones),
    but not its distribution: intensities pile up at 0 and 16, which no bell curve does."""
    ind = highdim.fit_digits_model(split.X_train, "independent")
    gauss = highdim.fit_digits_model(split.X_train, "gaussian")
    np.testing.assert_allclose(ind.means_[0], split.X_train.mean(axis=0), atol=1e-9)
    np.testing.assert_allclose(ind.covariances_[0], split.X_train.var(axis=0) + highdim.REG_COVAR, atol=1e-9)
    np.testing.assert_allclose(gauss.means_[0], ind.means_[0], atol=1e-9)
    np.testing.assert_allclose(np.diag(gauss.covariances_[0]), ind.covariances_[0], atol=1e-9)
    raw = split.raw_train
    assert (raw == 0).mean() > 0.45 and (raw == 16).mean() > 0.08  # "about half of all pixel values are 0"


def test_per_pixel_histograms_beat_every_gaussian_model(split):
    """The deeper text: 17-level histograms per pixel (one pseudo-count each) score about 2.4 bits/dim held out."""
    counts = np.stack([(split.raw_train == v).sum(axis=0) for v in range(highdim.LEVELS)]) + 1.0
    share = counts / counts.sum(axis=0)  # (17, 64): each pixel's own distribution over the intensities
    bits = -np.mean(np.log2(share[split.raw_test.astype(int), np.arange(64)]))  # bins of width 1: density = share
    assert bits == pytest.approx(2.4, abs=0.05)
    s = problem.scores(8, LABELS)
    assert bits < min(s.test)


def test_mixture_compared_with_the_single_gaussian():
    assert problem.scores(1, LABELS).mixture_vs_gaussian == "same"  # k = 1: the mixture is that Gaussian
    assert problem.scores(8, LABELS).mixture_vs_gaussian == "better"
    assert problem.scores(20, LABELS).mixture_vs_gaussian == "worse"


def test_gallery_puts_real_digits_beside_each_models_samples():
    g = problem.gallery(8, 0, ("real", *LABELS))
    assert g.images.shape == (4, problem.N_SHOWN, 8, 8)
    np.testing.assert_array_equal(g.images[0], problem.real_digits(0).images)
    for i, kind in enumerate(problem.KINDS, start=1):
        np.testing.assert_array_equal(g.images[i], problem.model_samples(kind, 8, 0).images)
    assert len(g.table) == 4 * problem.N_SHOWN and set(g.table["panel"]) == {"real", *LABELS}
    assert len(g.table["intensities"][0].split()) == 64


def test_numbers_quoted_by_the_lecture_text(split):
    from lecture import modeling_problem as text

    assert problem.PAIRS == 2016 and f"{problem.PAIRS:,}" in text.HELP_GAUSSIAN
    assert len(split.X_train) == 1258 and "1,258 training images" in text.TEXT.deeper[0].body
    params = 64 + 64 * 65 // 2  # one full Gaussian: mean and covariance
    assert params == 2144 and 64 * 65 // 2 == 2080
    assert round((params + 1) * 20 - 1, -3) == 43_000  # k = 20 components and their weights
    assert f"{math.log2(17):.2f}" == "4.09"


def test_cells_table_is_the_cells_chart():
    c = problem.curse(250, 4)
    assert list(c.cells_table.columns) == ["d", "log10_cells", "log10_n"] and len(c.cells_table) == 64
    np.testing.assert_allclose(c.cells_table["log10_cells"], c.cells_log10)
    assert c.cells_table["log10_n"].iloc[0] == pytest.approx(math.log10(250))
