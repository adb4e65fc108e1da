"""core.highdim: the curse-of-dimensionality benchmark and the three digits models."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from core import highdim as H


@pytest.fixture(scope="module")
def split():
    return H.load_digit_split(seed=0)


@pytest.fixture(scope="module")
def models(split):
    return {
        "independent": H.fit_digits_model(split.X_train, "independent"),
        "gaussian": H.fit_digits_model(split.X_train, "gaussian"),
        "mixture": H.fit_digits_model(split.X_train, "mixture", k=8, seed=0),
    }


# ------------------------------------------------------------------------------- curse of dimensionality


def test_histogram_cells_grow_exponentially():
    assert [H.histogram_cells(10, d) for d in (1, 2, 3)] == [10.0, 100.0, 1000.0]
    assert math.log10(H.histogram_cells(17, 64)) == pytest.approx(64 * math.log10(17))


@pytest.mark.parametrize("d", [1, 2, 3])
def test_sparse_histogram_matches_numpy_histogramdd(d):
    rng = np.random.default_rng(d)
    X, E = rng.normal(size=(300, d)), rng.normal(size=(200, d))
    q = H.histogram_density_at(X, E, bins=6, lo=-3.0, hi=3.0)
    counts, edges = np.histogramdd(X, bins=6, range=[(-3, 3)] * d)
    idx = tuple(np.clip(np.searchsorted(e, E[:, j], side="right") - 1, 0, 5) for j, e in enumerate(edges))
    inside = np.all(np.abs(E) < 3, axis=1)
    ref = np.where(inside, counts[idx], 0) / (300 * 1.0**d)
    assert np.allclose(q, ref)


def test_total_variation_matches_closed_form_for_shifted_gaussians():
    """TV(N(0,1), N(mu,1)) = 2 Phi(mu/2) - 1."""
    x = np.random.default_rng(0).normal(size=200_000)
    mu = 1.0
    tv, se = H.total_variation_mc(np.exp(stats.norm.logpdf(x, mu) - stats.norm.logpdf(x)))
    assert abs(tv - (2 * stats.norm.cdf(mu / 2) - 1)) < 4 * se


def test_histogram_error_grows_with_dimension():
    b = H.curse_of_dimensionality(dims=[1, 2, 3, 4, 5, 6], n=500, bins=10, n_eval=2000, seed=0)
    assert np.all(np.diff(b.histogram_tv) > 0)
    assert np.all(np.diff(b.empty_fraction) >= 0)
    assert b.histogram_tv[0] < 0.15 and b.histogram_tv[-1] > 0.9
    assert np.all((b.kde_tv >= 0) & (b.kde_tv <= 1)) and b.kde_tv[-1] > b.kde_tv[0]
    assert np.all(b.kde_tv[2:] < b.histogram_tv[2:])  # smoothing helps, but does not escape the curse
    again = H.curse_of_dimensionality(dims=[1, 2, 3, 4, 5, 6], n=500, bins=10, n_eval=2000, seed=0)
    assert np.array_equal(again.histogram_tv, b.histogram_tv)


# ------------------------------------------------------------------------------- digits


def test_split_is_dequantised_digits(split):
    assert split.X_train.shape == (1258, 64) and split.X_test.shape == (539, 64)
    assert np.array_equal(np.floor(split.X_train), split.raw_train)
    assert np.all((split.X_test - split.raw_test >= 0) & (split.X_test - split.raw_test < 1))


def test_full_gaussian_beats_independent_pixels_on_held_out_digits(models, split):
    bpd = {k: H.bits_per_dim(m, split.X_test) for k, m in models.items()}
    assert bpd["gaussian"] < bpd["independent"] - 0.2
    assert bpd["mixture"] < bpd["gaussian"]
    assert all(v < H.UNIFORM_BITS_PER_DIM for v in bpd.values())


def test_bits_per_dim_matches_scipy_for_the_full_gaussian(models, split):
    m = models["gaussian"]
    ref = stats.multivariate_normal(m.means_[0], m.covariances_[0]).logpdf(split.X_test[:50])
    assert H.bits_per_dim(m, split.X_test[:50]) == pytest.approx(-ref.mean() / (64 * math.log(2)))


def test_more_components_overfit(split):
    small = H.fit_digits_model(split.X_train, "mixture", k=2)
    big = H.fit_digits_model(split.X_train, "mixture", k=25)
    assert H.bits_per_dim(big, split.X_train) < H.bits_per_dim(small, split.X_train)
    assert H.bits_per_dim(big, split.X_test) > H.bits_per_dim(small, split.X_test)


def test_independent_pixel_samples_ignore_correlations(models):
    """Samples of the product of marginals have (near) zero pixel correlations; the full Gaussian keeps them."""
    ind = H.sample_images(models["independent"], 4000, seed=0).reshape(-1, 64)
    full = H.sample_images(models["gaussian"], 4000, seed=0).reshape(-1, 64)
    # pixels 2 and 58 (top and bottom row, same column) are strongly correlated in real digits
    assert abs(np.corrcoef(ind[:, 2], ind[:, 58])[0, 1]) < 0.1
    assert np.corrcoef(full[:, 2], full[:, 58])[0, 1] > 0.7
    assert ind.min() >= 0 and ind.max() <= 16


def test_sample_images_are_seeded(models):
    a = H.sample_images(models["mixture"], 6, seed=3)
    assert a.shape == (6, 8, 8)
    assert np.array_equal(a, H.sample_images(models["mixture"], 6, seed=3))
    assert not np.array_equal(a, H.sample_images(models["mixture"], 6, seed=4))


def test_pixel_correlation_matches_numpy_and_marks_constant_pixels(split):
    c = H.pixel_correlation(split.raw_train)
    varying = split.raw_train.std(axis=0) > 0
    assert c.constant.tolist() == (~varying).tolist()
    ref = np.corrcoef(split.raw_train[:, varying], rowvar=False)
    assert np.allclose(c.matrix[np.ix_(varying, varying)], ref)
    assert np.all(np.isnan(c.matrix[c.constant]))
    assert np.allclose(np.diag(c.matrix)[varying], 1.0)
    assert c.matrix[2, 58] > 0.9  # far apart, yet strongly dependent


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda s: H.fit_digits_model(s.X_train, "pixelcnn"), "Unknown digits model"),
        (lambda s: H.fit_digits_model(s.X_train, "mixture", k=500), "k must be between 1 and 125"),
        (lambda s: H.histogram_cells(0, 3), "at least 1"),
        (lambda s: H.histogram_density_at(np.zeros((5, 40)), np.zeros((2, 40)), 10, -1, 1), "too many"),
        (lambda s: H.curse_of_dimensionality(dims=[0, 1]), "at least 1"),
        (lambda s: H.load_digit_split(test_fraction=0), "test_fraction"),
    ],
)
def test_bad_input_raises_a_clear_value_error(split, call, match):
    with pytest.raises(ValueError, match=match):
        call(split)
