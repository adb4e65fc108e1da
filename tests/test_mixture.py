"""core.mixture: the Gaussian mixture as a prescribed latent-variable model with discrete z."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from core.datasets import density_2d
from core.mixture import MixtureModel
from core.sample_quality import density_grid, energy_distance, grid_mass


@pytest.fixture(scope="module")
def moons():
    # independent draws for training and held-out scoring
    return density_2d("moons", n=500, seed=0), density_2d("moons", n=500, seed=5_000)


@pytest.fixture(scope="module")
def model(moons):
    return MixtureModel(n_components=8, seed=0).fit(moons[0])


def test_score_samples_is_the_exact_mixture_density(model, moons):
    X = moons[1][:20]
    expected = sum(
        w * stats.multivariate_normal(m, c).pdf(X)
        for w, m, c in zip(model.weights_, model.means_, model.covariances_, strict=True)
    )
    np.testing.assert_allclose(model.score_samples(X), np.log(expected), rtol=1e-8)


def test_density_integrates_to_one(model):
    extent = (-4.5, 4.5, -4.0, 4.0)
    assert grid_mass(density_grid(model.score_samples, extent, 150, 150), extent) == pytest.approx(1.0, abs=0.01)


def test_prior_is_a_distribution_and_posterior_rows_sum_to_one(model, moons):
    assert model.weights_.sum() == pytest.approx(1.0)
    post = model.predict_proba(moons[1])
    np.testing.assert_allclose(post.sum(1), 1.0)
    np.testing.assert_array_equal(post.argmax(1), model.predict(moons[1]))


def test_ancestral_samples_follow_the_prior_and_the_mixture_moments(model):
    x, z = model.sample_latent(40_000, seed=1)
    np.testing.assert_allclose(np.bincount(z, minlength=8) / len(z), model.weights_, atol=0.01)
    # law of total expectation / covariance for a mixture
    mean = model.weights_ @ model.means_
    centred = model.means_ - mean
    cov = np.einsum("k,kij->ij", model.weights_, model.covariances_) + (model.weights_[:, None] * centred).T @ centred
    np.testing.assert_allclose(x.mean(0), mean, atol=0.03)
    np.testing.assert_allclose(np.cov(x.T), cov, atol=0.04)


def test_sampling_is_reproducible_by_seed(model):
    np.testing.assert_array_equal(model.sample(50, seed=3), model.sample(50, seed=3))
    assert not np.allclose(model.sample(50, seed=3), model.sample(50, seed=4))


def test_beats_a_single_gaussian_on_held_out_data(model, moons):
    train, held_out = moons
    baseline = stats.multivariate_normal(train.mean(0), np.cov(train.T))
    base_samples = baseline.rvs(500, random_state=1)
    assert energy_distance(model.sample(500, seed=1), held_out) < 0.8 * energy_distance(base_samples, held_out)
    assert model.score_samples(held_out).mean() > baseline.logpdf(held_out).mean() + 0.3


@pytest.mark.parametrize("kind", ["diag", "spherical", "tied"])
def test_other_covariance_types_sample_like_sklearns_own_sampler(kind):
    r = np.random.default_rng(0)
    X = np.r_[r.normal([-3, 0], [1.0, 0.5], (400, 2)), r.normal([3, 1], [0.5, 1.0], (400, 2))]
    m = MixtureModel(n_components=2, covariance_type=kind).fit(X)
    assert m.covariances_.shape == (2, 2, 2)
    ours, theirs = m.sample(30_000, seed=0), m.gmm_.sample(30_000)[0]
    np.testing.assert_allclose(ours.mean(0), theirs.mean(0), atol=0.06)
    np.testing.assert_allclose(np.cov(ours.T), np.cov(theirs.T), atol=0.15)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: MixtureModel().fit(np.array([[0.0, np.nan]] * 20)), "NaN"),
        (lambda: MixtureModel(n_components=0).fit(np.zeros((20, 2))), "at least 1"),
        (lambda: MixtureModel(n_components=5).fit(np.zeros((3, 2))), "at least 5 points"),
        (lambda: MixtureModel().fit(np.zeros(20)), "shape"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_bad_sample_arguments(model):
    with pytest.raises(ValueError, match="positive"):
        model.sample(0)
    with pytest.raises(ValueError, match="seed"):
        model.sample(5, seed=-1)
