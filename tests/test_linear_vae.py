"""Linear-Gaussian VAE: ELBO <= exact log-likelihood, exact gradient, converges to probabilistic PCA."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import approx_fprime
from scipy.stats import multivariate_normal
from sklearn.datasets import make_moons
from sklearn.decomposition import PCA

from core import linear_vae as lv


@pytest.fixture(scope="module")
def moons():
    return make_moons(300, noise=0.08, random_state=0)[0]


def _random_params(seed: int, d: int = 2, k: int = 1) -> lv.LinearVAEParams:
    rng = np.random.default_rng(seed)
    return lv.LinearVAEParams(
        W=rng.normal(size=(d, k)) * 2,
        mu=rng.normal(size=d),
        log_sigma=float(rng.uniform(-1.5, 1.0)),
        V=rng.normal(size=(k, d)),
        log_s=rng.uniform(-2, 1, size=k),
    )


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 100_000), k=st.integers(1, 2))
def test_elbo_never_exceeds_exact_log_likelihood(seed, k):
    p = _random_params(seed, d=2, k=k)
    X = np.random.default_rng(seed + 1).normal(scale=3, size=(50, 2))
    assert np.all(lv.elbo(X, p) <= lv.exact_log_likelihood(X, p) + 1e-9)


def test_elbo_equals_log_likelihood_with_the_true_posterior():
    """With e(z|x) = the exact posterior of probabilistic PCA, the ELBO is tight (Bishop PRML 12.42)."""
    p = _random_params(7)
    sigma2 = np.exp(2 * p.log_sigma)
    M = p.W.T @ p.W + sigma2 * np.eye(1)
    V = np.linalg.solve(M, p.W.T)
    post = lv.LinearVAEParams(p.W, p.mu, p.log_sigma, V, 0.5 * np.log(np.diag(sigma2 * np.linalg.inv(M))))
    X = np.random.default_rng(0).normal(size=(20, 2))
    np.testing.assert_allclose(lv.elbo(X, post), lv.exact_log_likelihood(X, post), atol=1e-10)


def test_exact_log_likelihood_is_the_ppca_marginal():
    p = _random_params(3)
    X = np.random.default_rng(1).normal(size=(10, 2))
    cov = p.W @ p.W.T + np.exp(2 * p.log_sigma) * np.eye(2)
    np.testing.assert_allclose(lv.exact_log_likelihood(X, p), multivariate_normal(p.mu, cov).logpdf(X))


def test_gradient_matches_finite_differences(moons):
    p = _random_params(11)
    g = lv._elbo_grad(moons, p)

    def flat(q):
        return np.concatenate([q.W.ravel(), q.mu, [q.log_sigma], q.V.ravel(), q.log_s])

    def unflat(v):
        return lv.LinearVAEParams(v[:2].reshape(2, 1), v[2:4], float(v[4]), v[5:7].reshape(1, 2), v[7:8])

    numeric = approx_fprime(flat(p), lambda v: lv.elbo(moons, unflat(v)).mean(), 1e-7)
    np.testing.assert_allclose(flat(g), numeric, rtol=1e-4, atol=1e-5)


def test_training_reaches_ppca_maximum_likelihood(moons):
    vae = lv.LinearVAE(n_latent=1, n_steps=300, seed=0).fit(moons)
    assert np.all(vae.elbo_curve_ <= vae.log_likelihood_curve_ + 1e-12)
    assert vae.elbo_curve_[-1] > vae.elbo_curve_[0] + 0.2
    # PCA(1).score is the maximum-likelihood probabilistic-PCA log-likelihood (Tipping & Bishop)
    assert vae.log_likelihood_curve_[-1] == pytest.approx(PCA(1).fit(moons).score(moons), abs=2e-3)
    assert vae.log_likelihood_curve_[-1] - vae.elbo_curve_[-1] < 2e-3
    assert vae.log_likelihood_curve_[0] - vae.elbo_curve_[0] > 0.01


def test_sample_reproducible_and_shaped(moons):
    vae = lv.LinearVAE(n_steps=50).fit(moons)
    a = vae.sample(100, seed=1)
    assert a.shape == (100, 2)
    np.testing.assert_array_equal(a, vae.sample(100, seed=1))
    assert vae.sample(5, seed=1, step=0).shape == (5, 2)


def test_bad_input(moons):
    with pytest.raises(ValueError, match="n_latent"):
        lv.LinearVAE(n_latent=3).fit(moons)
    with pytest.raises(ValueError, match="NaN"):
        lv.LinearVAE().fit(np.array([[0.0, np.inf], [1.0, 2.0], [3.0, 1.0]]))
    with pytest.raises(ValueError, match="not fitted"):
        lv.LinearVAE().score_samples(moons)
