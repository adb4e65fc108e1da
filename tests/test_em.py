"""EM for a Gaussian mixture: monotone log-likelihood, agreement with scikit-learn, validation."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import multivariate_normal
from sklearn.datasets import make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from core import em


@pytest.fixture(scope="module")
def moons():
    return make_moons(300, noise=0.1, random_state=0)[0]


def _sklearn_from(init: em.MixtureParams, X: np.ndarray, n_iter: int) -> GaussianMixture:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return GaussianMixture(
            n_components=init.n_components,
            weights_init=init.weights,
            means_init=init.means,
            precisions_init=np.linalg.inv(init.covariances),
            max_iter=n_iter,
            tol=0.0,
        ).fit(X)


@pytest.mark.parametrize("n_iter", [1, 4, 25])
def test_matches_sklearn_from_same_initialisation(moons, n_iter):
    hist = em.run_em(moons, n_components=4, n_steps=n_iter, seed=3)
    gm = _sklearn_from(hist.params[0], moons, n_iter)
    mine = hist.params[n_iter]
    order = np.argsort(gm.means_[:, 0])  # same order expected, but compare robustly
    np.testing.assert_allclose(mine.means[order], gm.means_[order], atol=1e-8)
    np.testing.assert_allclose(mine.covariances[order], gm.covariances_[order], atol=1e-8)
    np.testing.assert_allclose(mine.weights[order], gm.weights_[order], atol=1e-10)
    # sklearn's lower bound at iteration t is the log-likelihood before its t-th M-step.
    np.testing.assert_allclose(gm.lower_bounds_, hist.log_likelihood[:n_iter], atol=1e-9)
    np.testing.assert_allclose(em.score_samples(moons, mine), gm.score_samples(moons), atol=1e-8)


def test_log_likelihood_never_decreases_and_improves(moons):
    hist = em.run_em(moons, n_components=5, n_steps=40, seed=0)
    assert np.all(np.diff(hist.log_likelihood) >= -1e-9)
    assert hist.log_likelihood[-1] > hist.log_likelihood[0] + 0.3


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 4))
def test_monotone_property(seed, k):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-4, 4, size=(3, 2))
    X = np.vstack([c + rng.normal(scale=rng.uniform(0.3, 1.5), size=(40, 2)) for c in centres])
    hist = em.run_em(X, n_components=k, n_steps=15, seed=seed)
    assert np.all(np.isfinite(hist.log_likelihood))
    assert np.all(np.diff(hist.log_likelihood) >= -1e-7)


def test_responsibilities_are_bayes_rule(moons):
    p = em.initial_params(moons, 3, seed=1)
    r = em.responsibilities(moons, p)
    np.testing.assert_allclose(r.sum(axis=1), 1.0)
    triples = zip(p.weights, p.means, p.covariances, strict=True)
    joint = np.stack([w * multivariate_normal(m, c).pdf(moons) for w, m, c in triples], axis=1)
    np.testing.assert_allclose(r, joint / joint.sum(axis=1, keepdims=True), rtol=1e-10)


def test_m_step_with_hard_assignments_is_per_cluster_fit():
    rng = np.random.default_rng(0)
    A, B = rng.normal(0, 1, (30, 2)), rng.normal(5, 2, (70, 2))
    X = np.vstack([A, B])
    resp = np.zeros((100, 2))
    resp[:30, 0] = resp[30:, 1] = 1.0
    p = em.m_step(X, resp, reg_covar=0.0)
    np.testing.assert_allclose(p.weights, [0.3, 0.7])
    np.testing.assert_allclose(p.means[1], B.mean(axis=0))
    np.testing.assert_allclose(p.covariances[0], np.cov(A, rowvar=False, bias=True), atol=1e-12)


def test_ellipse_satisfies_mahalanobis_equation():
    cov = np.array([[2.0, 0.8], [0.8, 1.0]])
    pts = em.covariance_ellipse(np.array([1.0, -1.0]), cov, n_std=2.0)
    d = pts - [1.0, -1.0]
    np.testing.assert_allclose(np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d), 4.0)


@pytest.mark.parametrize(
    "X, k, match",
    [
        (np.zeros(5), 2, "2-D array"),
        (np.array([[0.0, np.nan], [1.0, 1.0], [2.0, 0.0]]), 2, "NaN"),
        (np.random.default_rng(0).normal(size=(5, 2)), 9, "n_components"),
    ],
)
def test_bad_input(X, k, match):
    with pytest.raises(ValueError, match=match):
        em.run_em(X, n_components=k, n_steps=2)
