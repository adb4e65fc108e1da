"""Autoregressive2D, p(x1) p(x2 | x1) on 2-D points: a normalised density that beats independence."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.mixture import GaussianMixture

from core.autoregressive import Autoregressive2D


@pytest.fixture(scope="module")
def moons():
    X, _ = make_moons(600, noise=0.08, random_state=0)
    return X[:400], X[400:]


@pytest.fixture(scope="module")
def model(moons):
    return Autoregressive2D().fit(moons[0])


def test_density_integrates_to_one(model):
    xs, ys = np.linspace(-3.5, 4.5, 321), np.linspace(-3, 3.5, 261)
    XX, YY = np.meshgrid(xs, ys)
    density = np.exp(model.score_samples(np.c_[XX.ravel(), YY.ravel()]))
    assert density.sum() * (xs[1] - xs[0]) * (ys[1] - ys[0]) == pytest.approx(1.0, abs=2e-3)


def test_conditional_integrates_to_one_and_marginalises_back(model):
    """int p(x2 | x1) dx2 = 1 for any x1, so int p(x1, x2) dx2 = p(x1): the chain rule in two factors."""
    x2 = np.linspace(-4, 5, 4001)
    for x1 in (-1.0, 0.0, 0.5, 1.7, 3.0):
        cond = np.exp(model.conditional_log_density(np.full_like(x2, x1), x2))
        assert np.trapezoid(cond, x2) == pytest.approx(1.0, abs=1e-4)
        joint = np.exp(model.score_samples(np.c_[np.full_like(x2, x1), x2]))
        assert np.trapezoid(joint, x2) == pytest.approx(np.exp(model.marginal_.score_samples([[x1]]))[0], rel=1e-4)


def test_beats_independent_marginals_on_heldout_points(model, moons):
    train, test = moons
    g1 = GaussianMixture(5, random_state=0).fit(train[:, :1])
    g2 = GaussianMixture(5, random_state=0).fit(train[:, 1:])
    independent = g1.score_samples(test[:, :1]) + g2.score_samples(test[:, 1:])
    assert model.score_samples(test).mean() > independent.mean() + 0.3


def test_conditional_follows_the_data(model):
    """At x1 = -0.5 only the upper moon passes, at x2 = sin(acos(-0.5)) = 0.87; x2 = -0.5 is empty there."""
    lp = model.conditional_log_density(np.full(2, -0.5), np.array([0.87, -0.5]))
    assert lp[0] > lp[1] + 2


def test_samples_are_seeded_and_match_the_data(model, moons):
    a, b = model.sample(2000, seed=1), model.sample(2000, seed=1)
    assert np.array_equal(a, b) and not np.array_equal(a, model.sample(2000, seed=2))
    assert a.shape == (2000, 2)
    assert a.mean(axis=0) == pytest.approx(moons[0].mean(axis=0), abs=0.08)
    assert a.std(axis=0) == pytest.approx(moons[0].std(axis=0), abs=0.08)


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (np.zeros((20, 3)), r"shape \(n, 2\)"),
        (np.r_[np.ones((19, 2)), [[np.nan, 1.0]]], "NaN"),
        (np.ones((5, 2)), "at least 10"),
        (np.c_[np.arange(20.0), np.ones(20)], "constant"),
    ],
)
def test_bad_input_raises_clear_errors(X, match):
    with pytest.raises(ValueError, match=match):
        Autoregressive2D().fit(X)
