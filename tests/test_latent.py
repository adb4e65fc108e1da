"""core.latent: probabilistic PCA of digits against scikit-learn and a direct Gaussian density."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import multivariate_normal
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier

from core import latent


@pytest.fixture(scope="module")
def split():
    return latent.load_digit_split()


def test_split_is_dequantised_stratified_and_reproducible(split):
    again = latent.load_digit_split()
    np.testing.assert_array_equal(split.X_train, again.X_train)
    assert split.X_train.shape == (1347, 64) and split.X_test.shape == (450, 64)
    # dequantised: every value lies inside its grey level's cell [v/17, (v+1)/17)
    levels = np.floor(split.X_train * latent.LEVELS)
    assert levels.min() == 0 and levels.max() == 16
    assert np.bincount(split.y_test).min() >= 40  # every digit in the held-out set


@pytest.mark.parametrize("k", [1, 2, 7, 30, 63])
def test_ppca_log_likelihood_equals_sklearn_pca_score_samples(split, k):
    model = latent.PPCA(k).fit(split.X_train)
    expected = PCA(k).fit(split.X_train).score_samples(split.X_test)
    np.testing.assert_allclose(model.score_samples(split.X_test), expected, rtol=1e-9, atol=1e-8)


@pytest.mark.parametrize("scale", [False, True])
def test_ppca_log_likelihood_equals_a_direct_multivariate_normal_density(split, scale):
    model = latent.PPCA(5, scale=scale).fit(split.X_train)
    # the model's covariance built by hand from the definition: W W^T + sigma^2 S^2
    W, s2 = model.W_, model.noise_variance_
    S = split.X_train.std(axis=0, ddof=1) if scale else np.ones(64)
    cov = W @ W.T + s2 * np.diag(S**2)
    expected = multivariate_normal(split.X_train.mean(axis=0), cov).logpdf(split.X_test[:50])
    np.testing.assert_allclose(model.score_samples(split.X_test[:50]), expected, rtol=1e-9)


def test_scaled_ppca_is_pca_of_standardised_pixels_plus_the_log_jacobian(split):
    mu, sd = split.X_train.mean(axis=0), split.X_train.std(axis=0, ddof=1)
    pca = PCA(10).fit((split.X_train - mu) / sd)
    expected = pca.score_samples((split.X_test - mu) / sd) - np.log(sd).sum()
    np.testing.assert_allclose(
        latent.PPCA(10, scale=True).fit(split.X_train).score_samples(split.X_test), expected, rtol=1e-9
    )


@pytest.mark.parametrize("scale", [False, True])
def test_likelihood_curve_agrees_with_one_model_per_k(split, scale):
    ks = [1, 3, 12, 40, 63]
    train, test = latent.ppca_log_likelihood_curve(split.X_train, split.X_test, ks, scale=scale)
    for i, k in enumerate(ks):
        model = latent.PPCA(k, scale=scale).fit(split.X_train)
        assert train[i] == pytest.approx(model.score(split.X_train), rel=1e-9)
        assert test[i] == pytest.approx(model.score(split.X_test), rel=1e-9)
    assert np.all(np.diff(train) > 0)  # more components never fit the training digits worse


def test_latent_models_reduce_complexity(split):
    """Scaled PPCA with k = 1 beats independent pixels at similar size; the full Gaussian costs 2144 numbers."""
    diag = latent.gaussian_baseline(split.X_train, split.X_test, "diag")
    full = latent.gaussian_baseline(split.X_train, split.X_test, "full")
    _, test = latent.ppca_log_likelihood_curve(split.X_train, split.X_test, [1, 10, 63], scale=True)
    assert (diag.n_parameters, full.n_parameters) == (128, 2144)
    assert test[0] > diag.test
    bits = latent.bits_per_pixel(np.array([diag.test, *test, full.test]))
    assert np.all(bits < np.log2(17)) and np.all(bits > 0)
    # PPCA with every direction but one is (almost) the full Gaussian
    assert test[-1] == pytest.approx(full.test, abs=0.05)


def test_baseline_full_gaussian_matches_scipy(split):
    full = latent.gaussian_baseline(split.X_train, split.X_test, "full")
    cov = np.cov(split.X_train, rowvar=False, bias=True) + 1e-6 * np.eye(64)
    expected = multivariate_normal(split.X_train.mean(axis=0), cov).logpdf(split.X_test).mean()
    assert full.test == pytest.approx(expected, rel=1e-6)


def test_parameter_counts():
    assert latent.ppca_n_parameters(64, 1) == 129
    assert latent.ppca_n_parameters(3, 2) == 3 * 2 + 3 + 1 - 1
    assert latent.PPCA(4).fit(np.random.default_rng(0).random((50, 8))).n_parameters == 8 * 4 + 8 + 1 - 6


def test_bits_per_pixel_of_the_uniform_density_is_log2_of_the_levels():
    assert latent.bits_per_pixel(0.0) == pytest.approx(np.log2(17))
    assert latent.bits_per_pixel(64 * np.log(2)) == pytest.approx(np.log2(17) - 1)


def test_reconstruction_curve_matches_explicit_pca_reconstructions(split):
    curve = latent.reconstruction_curve(split.X_train, split.X_test, [0, 2, 9, 64])
    for i, k in enumerate([2, 9]):
        pca = PCA(k).fit(split.X_train)
        rec = pca.inverse_transform(pca.transform(split.X_test))
        assert curve.mse[i + 1] == pytest.approx(np.mean((split.X_test - rec) ** 2), rel=1e-9)
        assert curve.explained_train[i + 1] == pytest.approx(pca.explained_variance_ratio_.sum(), rel=1e-9)
        np.testing.assert_allclose(latent.PPCA(k).fit(split.X_train).reconstruct(split.X_test), rec, atol=1e-12)
    assert curve.mse[-1] == pytest.approx(0.0, abs=1e-12) and curve.explained_test[0] == 0.0
    assert np.all(np.diff(curve.mse) < 0)


def test_generation_and_sampling_follow_the_model(split):
    model = latent.PPCA(3).fit(split.X_train)
    np.testing.assert_allclose(model.inverse_transform(np.zeros((1, 3)))[0], split.X_train.mean(axis=0))
    x, z = model.sample(20000, seed=0)
    assert z.shape == (20000, 3)
    np.testing.assert_allclose(np.cov(x, rowvar=False), model.covariance(), atol=0.004)


def test_posterior_mean_matches_the_bayes_formula(split):
    model = latent.PPCA(4).fit(split.X_train)
    W, s2 = model.W_, model.noise_variance_
    M = W.T @ W + s2 * np.eye(4)
    expected = np.linalg.solve(M, W.T @ (split.X_test[:5] - model.mean_).T).T
    np.testing.assert_allclose(model.transform(split.X_test[:5]), expected, rtol=1e-9)


def test_two_latent_dimensions_capture_the_digit_label_without_seeing_it(split):
    """Semantics emerge: nearest neighbours in the 2-D latent space mostly share a label (chance = 10 %)."""
    model = latent.PPCA(2).fit(split.X_train)
    knn = KNeighborsClassifier(10).fit(model.transform(split.X_train), split.y_train)
    assert knn.score(model.transform(split.X_test), split.y_test) > 0.5


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s: latent.PPCA(64).fit(s.X_train), "between 1 and 63"),
        (lambda s: latent.PPCA(0).fit(s.X_train), "between 1 and 63"),
        (lambda s: latent.PPCA(2).fit(s.X_train).score_samples(s.X_test[:, :10]), "10 columns"),
        (lambda s: latent.PPCA(2).fit(np.outer(np.arange(20.0), [1, 2, 3, 4])), "fewer than 3 directions"),
        (
            lambda s: latent.PPCA(2, scale=True).fit(np.c_[np.ones(20), np.arange(20.0), np.arange(20.0) ** 2]),
            "constant",
        ),
        (lambda s: latent.ppca_log_likelihood_curve(s.X_train, s.X_test, [0, 3]), "between 1 and 63"),
        (lambda s: latent.gaussian_baseline(s.X_train, s.X_test, "spherical"), "full"),
        (lambda s: latent.PPCA(2).fit(np.full((5, 3), np.nan)), "NaN"),
        (lambda s: latent.load_digit_split(test_size=0.9), "test_size"),
    ],
)
def test_bad_input_raises_a_clear_value_error(split, call, message):
    with pytest.raises(ValueError, match=message):
        call(split)
