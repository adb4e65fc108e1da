"""core.density: true distributions, ML density fits, likelihood curves, sampling.

References are independent of the code under test: numerical integration on grids, scipy's closed
forms, numpy's histogram, and sample moments.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from core import density as D

ALL_PRESETS = D.PRESETS_1D + D.PRESETS_2D


def _grid(support, num):
    """Cell centres and cell volume of a regular grid over a 1-D or 2-D box."""
    b = np.asarray(support, float).reshape(-1, 2)
    axes = [lo + (hi - lo) / num * (np.arange(num) + 0.5) for lo, hi in b]
    vol = float(np.prod([(hi - lo) / num for lo, hi in b]))
    pts = np.stack([g.ravel() for g in np.meshgrid(*axes)], axis=1)
    return pts, vol


def _integral(model, support, num):
    pts, vol = _grid(support, num)
    return float(np.exp(model.score_samples(pts)).sum() * vol)


# ------------------------------------------------------------------------------- the truth


@pytest.mark.parametrize("name", ALL_PRESETS)
def test_true_density_integrates_to_one(name):
    p = D.true_distribution(name)
    num = 20000 if p.dims == 1 else 500
    assert _integral(p, p.support, num) == pytest.approx(1.0, abs=2e-3)


@pytest.mark.parametrize("name", ALL_PRESETS)
def test_true_samples_have_the_moments_of_the_true_density(name):
    """E_p[f(x)] by grid integration of the density equals the sample mean of f over exact draws."""
    p = D.true_distribution(name)
    pts, vol = _grid(p.support, 20000 if p.dims == 1 else 600)
    w = np.exp(p.score_samples(pts)) * vol
    X = p.sample(40_000, seed=3)
    feats = [lambda Z: Z[:, 0], lambda Z: Z[:, -1] ** 2, lambda Z: np.hypot(*Z.T) if Z.shape[1] == 2 else Z[:, 0] ** 3]
    for f in feats:
        expected = float((w * f(pts)).sum() / w.sum())
        values = f(X)
        se = values.std() / math.sqrt(len(values))
        assert abs(values.mean() - expected) < 5 * se + 1e-3, (name, expected, values.mean())


def test_ring_radius_follows_r_times_a_gaussian_bump():
    """A wide ring (width = radius) makes the radial factor r in the density matter: KS test of the
    sampled radii against the CDF of r * exp(-(r - R)^2 / (2 s^2)), integrated numerically."""
    ring = D.RingsTruth([1.0], [0.5], [0.5], (-3, 3, -3, 3))
    r = np.hypot(*ring.sample(20_000, seed=0).T)
    grid = np.linspace(0, 5, 50_001)
    pdf = grid * np.exp(-((grid - 0.5) ** 2) / (2 * 0.25))
    cdf = np.cumsum(pdf)
    cdf /= cdf[-1]
    assert stats.kstest(r, lambda x: np.interp(x, grid, cdf)).pvalue > 1e-3
    assert _integral(ring, (-4, 4, -4, 4), 500) == pytest.approx(1.0, abs=2e-3)


def test_mixture_truth_matches_scipy_formula():
    p = D.true_distribution("bimodal")
    x = np.linspace(-4, 4, 9)
    ref = 0.4 * stats.norm.pdf(x, -1.8, 0.5) + 0.6 * stats.norm.pdf(x, 1.2, 0.9)
    assert np.allclose(np.exp(p.score_samples(x)), ref)
    r = D.point_likelihood(p, 0.5)
    ref_half = 0.4 * stats.norm.pdf(0.5, -1.8, 0.5) + 0.6 * stats.norm.pdf(0.5, 1.2, 0.9)
    assert r.density == pytest.approx(ref_half)
    assert r.surprisal_bits == pytest.approx(-math.log2(ref_half))


@pytest.mark.parametrize("cov", [[[0.25]], [[1.0, 0.6], [0.6, 2.0]]])
def test_differential_entropy_mc_matches_closed_form(cov):
    d = len(cov)
    p = D.GaussianMixtureTruth([1.0], [np.zeros(d)], [cov], (-5, 5) * d)
    h, se = D.differential_entropy_mc(p, n=100_000, seed=1)
    exact = stats.multivariate_normal(np.zeros(d), cov).entropy() / math.log(2)
    assert 0 < se < 0.02
    assert abs(h - exact) < 4 * se


def test_truth_sampling_is_reproducible():
    p = D.true_distribution("rings")
    assert np.array_equal(p.sample(50, seed=7), p.sample(50, seed=7))
    assert not np.array_equal(p.sample(50, seed=7), p.sample(50, seed=8))


# ------------------------------------------------------------------------------- fitted models


@pytest.mark.parametrize("name", ["bimodal", "rings"])
@pytest.mark.parametrize(("method", "value"), [("histogram", 12), ("kde", 0.3), ("gmm", 4)])
def test_fitted_densities_integrate_to_one(name, method, value):
    p = D.true_distribution(name)
    X = p.sample(300, seed=0)
    q = D.fit_density(X, method, value, bounds=p.support, alpha=0.1)
    wide = tuple(np.asarray(p.support) * 1.3)
    assert _integral(q, wide, 20000 if p.dims == 1 else 400) == pytest.approx(1.0, abs=0.01)


def test_histogram_matches_numpy_and_says_empty_bins_are_impossible():
    X = np.random.default_rng(0).normal(size=200)
    h = D.HistogramDensity(bins=15, bounds=(-4, 4)).fit(X)
    ref, edges = np.histogram(X, bins=15, range=(-4, 4), density=True)
    centres = (edges[:-1] + edges[1:]) / 2
    with np.errstate(divide="ignore"):
        assert np.allclose(h.score_samples(centres), np.log(ref), rtol=1e-12)
    empty = centres[ref == 0][0]
    assert D.point_likelihood(h, empty).surprisal_bits == math.inf
    assert D.average_log_likelihood(h, [empty, 0.0]) == -math.inf
    assert np.isfinite(D.HistogramDensity(bins=15, bounds=(-4, 4), alpha=0.5).fit(X).score_samples([empty])).all()


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=60),
    bins=st.integers(1, 50),
    alpha=st.sampled_from([0.0, 0.01, 1.0]),
)
def test_histogram_is_a_density_for_any_data(data, bins, alpha):
    h = D.HistogramDensity(bins=bins, alpha=alpha).fit(data)
    assert h.density_.min() >= 0
    assert h.density_.sum() * h.volume_ == pytest.approx(1.0)
    assert np.all(np.isfinite(h.score_samples(data)))  # every training point lies in an occupied bin


def test_gmm_samples_reproduce_its_means_and_covariances():
    p = D.true_distribution("mixture")
    q = D.fit_density(p.sample(400, seed=0), "gmm", 3, seed=0)
    w, mu, cov = q.weights_, q.means_, q.covariances_
    mean = w @ mu
    second = np.einsum("k,kij->ij", w, cov + np.einsum("ki,kj->kij", mu, mu))
    total_cov = second - np.outer(mean, mean)
    S = D.sample_density(q, 40_000, seed=5)
    se_mean = np.sqrt(np.diag(total_cov) / len(S))
    assert np.all(np.abs(S.mean(axis=0) - mean) < 4 * se_mean)
    se_cov = np.sqrt((total_cov**2 + np.outer(np.diag(total_cov), np.diag(total_cov))) / len(S))
    assert np.all(np.abs(np.cov(S.T) - total_cov) < 5 * se_cov)
    # per component: points the model assigns to component k have about its weight
    share = np.bincount(q.predict(S), minlength=3) / len(S)
    assert np.allclose(share, np.bincount(q.predict(p.sample(40_000, seed=9)), minlength=3) / 40_000, atol=0.05)


def test_sampling_is_seeded_and_leaves_the_cached_model_alone():
    q = D.fit_density(D.true_distribution("banana").sample(200, seed=0), "gmm", 3, seed=0)
    state = q.random_state
    a, b = D.sample_density(q, 100, seed=1), D.sample_density(q, 100, seed=1)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, D.sample_density(q, 100, seed=2))
    assert q.random_state == state


def test_kde_samples_have_data_mean_and_variance_plus_bandwidth_squared():
    X = D.true_distribution("skewed").sample(500, seed=0)
    h = 0.4
    S = D.sample_density(D.fit_density(X, "kde", h), 50_000, seed=0)
    assert S.mean() == pytest.approx(X.mean(), abs=4 * S.std() / math.sqrt(len(S)))
    assert S.var() == pytest.approx(X.var() + h**2, rel=0.03)


def test_histogram_samples_fall_in_bins_in_proportion_to_their_counts():
    X = D.true_distribution("bimodal").sample(300, seed=0)
    h = D.fit_density(X, "histogram", 10, bounds=(-6, 6))
    S = D.sample_density(h, 20_000, seed=0)
    counts, _ = np.histogram(S[:, 0], bins=h.edges_[0])
    expected = h.density_ * h.volume_ * len(S)
    keep = expected > 0
    assert counts[~keep].sum() == 0
    assert stats.chisquare(counts[keep], expected[keep]).pvalue > 1e-3


# ------------------------------------------------------------------------------- the likelihood yardstick


@pytest.mark.parametrize("name", ["bimodal", "skewed", "mixture", "rings", "banana"])
def test_truth_beats_every_fit_on_held_out_data(name):
    p = D.true_distribution(name)
    X_train, X_test = p.sample(400, seed=0), p.sample(5000, seed=1)
    ceiling = D.average_log_likelihood(p, X_test)
    for method, values in [("histogram", [5, 10, 20]), ("kde", [0.1, 0.2, 0.4]), ("gmm", [2, 4, 8])]:
        curve = D.likelihood_curve(X_train, X_test, method, values, bounds=p.support, alpha=0.1)
        assert np.all(curve.test < ceiling), (method, curve.test, ceiling)


def test_overfitting_curve_train_keeps_rising_test_peaks_inside():
    p = D.true_distribution("bimodal")
    c = D.likelihood_curve(p.sample(200, seed=0), p.sample(3000, seed=1), "kde")
    assert np.all(np.diff(c.train) < 0)  # wider kernels always fit the training points worse
    best = int(np.argmax(c.test))
    assert 0 < best < len(c.values) - 1
    assert c.train[0] > c.test[0] + 1  # the narrowest kernel memorises the training points


def _brute_force_kde(X, X_train, h):
    """log (1/n) sum_i N(x; x_i, h^2 I), one scipy Gaussian per training point: independent of core."""
    from scipy import special

    terms = [stats.multivariate_normal(x, h * h * np.eye(X_train.shape[1])).logpdf(X) for x in X_train]
    return special.logsumexp(np.reshape(terms, (len(X_train), len(X))), axis=0) - math.log(len(X_train))


@pytest.mark.parametrize("dims", [1, 2])
def test_kde_log_density_is_the_exact_sum_of_gaussian_bumps_even_far_from_the_data(dims):
    rng = np.random.default_rng(0)
    X_train, X = rng.normal(size=(150, dims)), rng.normal(size=(200, dims)) * 3  # some points far from all
    values = np.array([0.02, 0.3, 2.0])
    ours = D.kde_log_density(X, X_train, values, chunk=64)  # several chunks
    for row, h in zip(ours, values, strict=True):
        assert np.allclose(row, _brute_force_kde(X, X_train, h), rtol=1e-10, atol=1e-9)


def test_scikit_learns_tree_is_inexact_far_from_the_data_where_the_exact_kde_is_not():
    """Why the app scores its KDE itself: at h = 0.02 in 2-D sklearn's tree misses the log-density of far points
    by whole nats (its answer is not the sum it defines), while every fit keeps sklearn's fit and sampling."""
    from sklearn.neighbors import KernelDensity

    rng = np.random.default_rng(0)
    X_train, X = rng.normal(size=(300, 2)), rng.normal(size=(500, 2))
    truth = _brute_force_kde(X, X_train, 0.02)
    assert np.max(np.abs(KernelDensity(bandwidth=0.02).fit(X_train).score_samples(X) - truth)) > 1
    q = D.fit_density(X_train, "kde", 0.02)
    assert np.allclose(q.score_samples(X), truth, rtol=1e-10)
    reference = KernelDensity(bandwidth=0.02).fit(X_train)
    assert np.array_equal(q.sample(50, random_state=3), reference.sample(50, random_state=3))
    near = rng.normal(size=(100, 2))
    assert np.allclose(
        D.fit_density(X_train, "kde", 0.5).score_samples(near),
        KernelDensity(bandwidth=0.5).fit(X_train).score_samples(near),
        rtol=1e-10,
    )


def test_kde_curve_equals_one_fit_per_bandwidth():
    p = D.true_distribution("mixture")
    X_train, X_test = p.sample(120, seed=0), p.sample(400, seed=1)
    values = [0.05, 0.2, 1.0]
    curve = D.likelihood_curve(X_train, X_test, "kde", values)
    for i, h in enumerate(values):
        q = D.fit_density(X_train, "kde", h)
        assert curve.train[i] == pytest.approx(D.average_log_likelihood(q, X_train), rel=1e-12)
        assert curve.test[i] == pytest.approx(D.average_log_likelihood(q, X_test), rel=1e-12)


@pytest.mark.parametrize("bad", [[0.0], [-0.1], [np.nan], []])
def test_kde_rejects_bandwidths_that_are_not_positive(bad):
    with pytest.raises(ValueError, match="Bandwidths must be finite numbers > 0"):
        D.kde_log_density(np.zeros((2, 1)), np.zeros((3, 1)), bad)


def test_split_and_standardise():
    tr, te = D.split_train_test(np.arange(20.0).reshape(10, 2), 0.2, seed=0)
    assert tr.shape == (8, 2) and te.shape == (2, 2)
    assert sorted(np.r_[tr[:, 0], te[:, 0]].tolist()) == list(range(0, 20, 2))
    Z = D.standardise(np.c_[np.arange(10.0), np.full(10, 3.0)])
    assert np.allclose(Z.mean(axis=0), 0) and Z[:, 0].std() == pytest.approx(1) and np.all(Z[:, 1] == 0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: D.fit_density([1.0, 2.0, 3.0], "spline", 3), "Unknown method"),
        (lambda: D.fit_density([1.0, 2.0, 3.0], "gmm", 5), "k = 5 components need at least 5"),
        (lambda: D.fit_density([1.0, 2.0, 3.0], "kde", 0.0), "bandwidth must be a positive"),
        (lambda: D.fit_density([1.0, np.nan, 3.0], "kde", 0.3), "NaN"),
        (lambda: D.fit_density([1.0, 2.0, 3.0], "histogram", 0), "bins must be at least 1"),
        (lambda: D.fit_density([1.0, 2.0, 3.0], "histogram", 3, alpha=-1), "pseudo-count"),
        (lambda: D.true_distribution("moons"), "Unknown preset"),
        (lambda: D.true_distribution("rings").score_samples([1.0, 2.0]), "2-dimensional"),
        (lambda: D.split_train_test([1.0, 2.0], 1.5), "test_fraction"),
        (lambda: D.density_curve(D.true_distribution("bimodal"), 1, 1), "lo < hi"),
        (lambda: D.true_distribution("bimodal").sample(0), "n must be at least 1"),
    ],
)
def test_bad_input_raises_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
