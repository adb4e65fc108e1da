"""core.sample_quality: energy distance and MMD against scipy / closed forms, grid helpers, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats
from scipy.spatial.distance import cdist, pdist
from sklearn.metrics.pairwise import rbf_kernel

from core.sample_quality import (
    density_grid,
    energy_distance,
    grid_axes,
    grid_mass,
    log_likelihood_bits,
    median_bandwidth,
    mmd,
    pairwise_distances,
)

rng = np.random.default_rng(0)


def test_pairwise_distances_match_scipy_cdist():
    X, Y = rng.normal(size=(7, 2)), rng.normal(size=(5, 2))
    np.testing.assert_allclose(pairwise_distances(X, Y), cdist(X, Y), atol=1e-12)


@pytest.mark.parametrize("sizes", [(40, 40), (30, 55)])
def test_energy_distance_matches_scipy_in_1d(sizes):
    x = rng.normal(size=sizes[0])
    y = rng.normal(0.7, 1.5, size=sizes[1])
    assert energy_distance(x[:, None], y[:, None]) == pytest.approx(stats.energy_distance(x, y), rel=1e-9)


def test_energy_distance_of_two_point_masses():
    # D^2 = 2 * |a - b| for point masses a and b
    a, b = np.zeros((3, 2)), np.tile([3.0, 4.0], (3, 1))
    assert energy_distance(a, b) == pytest.approx(np.sqrt(10.0))


def test_energy_distance_grows_with_a_shift():
    X = rng.normal(size=(200, 2))
    Y = rng.normal(size=(200, 2))
    shifts = [energy_distance(X, Y + [s, 0.0]) for s in (0.0, 0.5, 1.0, 2.0)]
    assert all(np.diff(shifts) > 0)


finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(
    arrays(float, (6, 2), elements=finite),
    arrays(float, (4, 2), elements=finite),
    arrays(float, 2, elements=finite),
    st.floats(0.1, 10),
)
def test_energy_distance_properties(X, Y, shift, scale):
    d = energy_distance(X, Y)
    assert d >= 0
    assert d == pytest.approx(energy_distance(Y, X), abs=1e-9)
    assert energy_distance(X, X) == pytest.approx(0.0, abs=1e-6)
    assert energy_distance(X + shift, Y + shift) == pytest.approx(d, abs=1e-5)
    # D^2 is linear in distances, so D scales with sqrt(scale)
    assert energy_distance(scale * X, scale * Y) == pytest.approx(np.sqrt(scale) * d, rel=1e-6, abs=1e-5)


def test_mmd_matches_an_rbf_kernel_computation():
    X, Y = rng.normal(size=(30, 2)), rng.normal(0.5, 1.0, size=(20, 2))
    h = 0.8
    g = 1.0 / (2 * h * h)
    k_xx, k_yy, k_xy = (rbf_kernel(A, B, gamma=g).mean() for A, B in ((X, X), (Y, Y), (X, Y)))
    expected = k_xx + k_yy - 2 * k_xy
    assert mmd(X, Y, bandwidth=h) == pytest.approx(np.sqrt(expected), rel=1e-9)


def test_mmd_of_two_gaussians_matches_the_closed_form():
    # X ~ N(0, I), Y ~ N(m, I) in 2-D, kernel width h: X - Y ~ N(-m, 2I), so
    # E k(X, Y) = (h^2 / (h^2 + 2))^{d/2} exp(-|m|^2 / (2 (h^2 + 2))), and E k(X, X') the same with m = 0.
    h, m, n = 1.0, np.array([1.0, 0.0]), 1000
    c = h * h / (h * h + 2.0)
    population = 2 * c * (1 - np.exp(-(m @ m) / (2 * (h * h + 2))))
    estimates = []
    for seed in range(6):
        r = np.random.default_rng(seed)
        estimates.append(mmd(r.normal(size=(n, 2)), r.normal(size=(n, 2)) + m, bandwidth=h) ** 2)
    assert np.mean(estimates) == pytest.approx(population, abs=0.015)


def test_median_bandwidth_is_the_median_pooled_distance():
    X, Y = rng.normal(size=(10, 2)), rng.normal(size=(12, 2))
    assert median_bandwidth(X, Y) == pytest.approx(np.median(pdist(np.vstack([X, Y]))))


def test_density_grid_of_a_gaussian_integrates_to_one():
    dist = stats.multivariate_normal([0.3, -0.2], [[1.0, 0.4], [0.4, 0.5]])
    extent = (-6.0, 6.0, -5.0, 5.0)
    p = density_grid(dist.logpdf, extent, nx=100, ny=90)
    assert p.shape == (90, 100)
    assert grid_mass(p, extent) == pytest.approx(1.0, abs=1e-3)
    # row 0 is the lowest y: check one cell against scipy
    xs, ys = grid_axes(extent, 100, 90)
    assert p[0, 50] == pytest.approx(dist.pdf([xs[50], ys[0]]))


def test_log_likelihood_bits_is_mean_log2():
    p = np.array([0.5, 2.0, 0.1])
    assert log_likelihood_bits(np.log(p)) == pytest.approx(np.mean(np.log2(p)))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: energy_distance(np.array([[0.0, np.nan], [1, 1]]), np.zeros((3, 2))), "NaN"),
        (lambda: energy_distance(np.zeros((3, 2)), np.zeros((3, 3))), "same number of columns"),
        (lambda: energy_distance(np.zeros((1, 2)), np.zeros((3, 2))), "at least 2 points"),
        (lambda: mmd(np.zeros((3, 2)), np.ones((3, 2)), bandwidth=-1.0), "positive"),
        (lambda: grid_axes((1.0, 0.0, 0.0, 1.0)), "x1 > x0"),
        (lambda: log_likelihood_bits(np.array([])), "empty"),
        (lambda: log_likelihood_bits(np.array([np.nan])), "NaN"),
        (lambda: density_grid(lambda X: np.full(len(X), np.nan), (0, 1, 0, 1), 4, 4), "NaN"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
