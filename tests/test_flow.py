"""Normalizing flow: invertibility, exact density (integrates to 1, matches a finite-difference Jacobian)."""

import numpy as np
import pytest
from scipy.optimize import approx_fprime
from scipy.stats import multivariate_normal
from sklearn.datasets import make_moons

from core.flow import CouplingFlow, standard_normal_logpdf


@pytest.fixture(scope="module")
def moons():
    return make_moons(300, noise=0.08, random_state=0)[0]


@pytest.fixture(scope="module")
def flow(moons):
    return CouplingFlow(n_layers=6, max_iter=150, seed=0).fit(moons)


def test_inverse_round_trip(flow, moons):
    np.testing.assert_allclose(flow.inverse_transform(flow.transform(moons)), moons, atol=1e-8)
    Z = np.random.default_rng(1).standard_normal((200, 2)) * 2
    np.testing.assert_allclose(flow.transform(flow.inverse_transform(Z)), Z, atol=1e-8)


def test_density_integrates_to_one(flow, moons):
    lo, hi = moons.min(axis=0) - 3, moons.max(axis=0) + 3
    xs, ys = np.linspace(lo[0], hi[0], 300), np.linspace(lo[1], hi[1], 300)
    gx, gy = np.meshgrid(xs, ys)
    dens = np.exp(flow.score_samples(np.c_[gx.ravel(), gy.ravel()]))
    assert dens.sum() * (xs[1] - xs[0]) * (ys[1] - ys[0]) == pytest.approx(1.0, abs=0.02)


def test_log_density_matches_finite_difference_jacobian(flow, moons):
    pts = moons[::37] + 0.05
    for x in pts:
        J = np.stack([approx_fprime(x, lambda v, i=i: flow.transform(v[None])[0, i], 1e-6) for i in range(2)])
        z = flow.transform(x[None])
        expected = multivariate_normal(np.zeros(2), np.eye(2)).logpdf(z[0]) + np.log(abs(np.linalg.det(J)))
        assert flow.score_samples(x[None])[0] == pytest.approx(expected, abs=1e-4)


def test_training_gradient_matches_finite_differences(moons):
    f = CouplingFlow(n_layers=3, n_features=5, max_iter=1).fit(moons)
    X0 = f._standardise(moons)
    theta = np.random.default_rng(2).normal(scale=0.3, size=2 * 3 * 5)
    _, grad = f._loss_and_grad(theta, X0)
    numeric = approx_fprime(theta, lambda t: f._loss_and_grad(t, X0)[0], 1e-7)
    np.testing.assert_allclose(grad, numeric, atol=1e-5)


def test_training_improves_likelihood_over_a_gaussian(flow, moons):
    gauss = multivariate_normal(moons.mean(axis=0), np.cov(moons, rowvar=False, bias=True)).logpdf(moons).mean()
    assert flow.score_samples(moons).mean() > gauss + 0.3
    assert flow.loss_curve_[-1] < flow.loss_curve_[0]
    # the reported curve is the true average NLL (the weight-decay penalty is not included)
    assert flow.loss_curve_[-1] == pytest.approx(-flow.score_samples(moons).mean(), abs=1e-9)


def test_zero_layers_is_a_fitted_gaussian(moons):
    f = CouplingFlow(n_layers=0).fit(moons)
    ref = multivariate_normal(moons.mean(axis=0), np.diag(moons.var(axis=0)))
    np.testing.assert_allclose(f.score_samples(moons), ref.logpdf(moons), atol=1e-10)


def test_samples_are_reproducible_and_follow_data(flow, moons):
    a, b = flow.sample(500, seed=4), flow.sample(500, seed=4)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(a.mean(axis=0), moons.mean(axis=0), atol=0.15)


def test_grid_lines_shapes(flow):
    base, data = flow.grid_lines(n_lines=5, n_points=20)
    assert base.shape == data.shape == (10, 20, 2)
    np.testing.assert_allclose(flow.transform(data.reshape(-1, 2)), base.reshape(-1, 2), atol=1e-8)


def test_standard_normal_logpdf():
    Z = np.random.default_rng(0).normal(size=(5, 2))
    np.testing.assert_allclose(standard_normal_logpdf(Z), multivariate_normal(np.zeros(2), np.eye(2)).logpdf(Z))


def test_bad_input(moons):
    with pytest.raises(ValueError, match="shape"):
        CouplingFlow().fit(np.zeros((10, 3)))
    with pytest.raises(ValueError, match="NaN"):
        CouplingFlow().fit(np.array([[0.0, 1.0]] * 9 + [[np.nan, 0.0]]))
    with pytest.raises(ValueError, match="not fitted"):
        CouplingFlow().score_samples(moons)
    with pytest.raises(ValueError, match="vary"):
        CouplingFlow().fit(np.c_[np.arange(10.0), np.ones(10)])
