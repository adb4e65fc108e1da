"""core.implicit: a generator trained only through the energy distance (no likelihood)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from core.datasets import density_2d
from core.implicit import ImplicitGenerator, energy_distance_grad
from core.sample_quality import energy_distance


@pytest.fixture(scope="module")
def moons():
    # independent draws for training and held-out scoring
    return density_2d("moons", n=500, seed=0), density_2d("moons", n=500, seed=5_000)


@pytest.fixture(scope="module")
def generator(moons):
    return ImplicitGenerator(seed=0).fit(moons[0])


def test_loss_value_matches_scipy_energy_distance_in_1d():
    r = np.random.default_rng(0)
    g, x = r.normal(size=(30, 1)), r.normal(1.0, 2.0, size=(25, 1))
    d2, _ = energy_distance_grad(g, x)
    assert d2 == pytest.approx(stats.energy_distance(g[:, 0], x[:, 0]) ** 2, rel=1e-9)


def test_gradient_matches_finite_differences():
    r = np.random.default_rng(1)
    G, X = r.normal(size=(9, 2)), r.normal(size=(11, 2))
    _, grad = energy_distance_grad(G, X)
    h = 1e-6
    for i, j in [(0, 0), (3, 1), (8, 0), (5, 1)]:
        up, down = G.copy(), G.copy()
        up[i, j] += h
        down[i, j] -= h
        num = (energy_distance_grad(up, X)[0] - energy_distance_grad(down, X)[0]) / (2 * h)
        assert grad[i, j] == pytest.approx(num, rel=1e-5, abs=1e-9)


def test_training_curve_goes_down(generator):
    assert generator.loss_curve_.shape == (generator.n_steps,)
    assert generator.loss_curve_[-100:].mean() < 0.85 * generator.loss_curve_[:20].mean()


def test_beats_the_untrained_generator_and_a_single_gaussian_on_held_out_data(generator, moons):
    train, held_out = moons
    samples = generator.sample(500, seed=1)
    baseline = stats.multivariate_normal(train.mean(0), np.cov(train.T)).rvs(500, random_state=1)
    untrained = ImplicitGenerator(n_steps=1, learning_rate=1e-9, seed=0).fit(train).sample(500, seed=1)
    d = energy_distance(samples, held_out)
    assert d < 0.85 * energy_distance(baseline, held_out)
    assert d < 0.5 * energy_distance(untrained, held_out)


def test_has_no_likelihood_and_no_encoder(generator):
    assert not hasattr(generator, "score_samples")
    assert not hasattr(generator, "transform")


def test_sampling_is_reproducible_by_seed(generator):
    np.testing.assert_array_equal(generator.sample(30, seed=5), generator.sample(30, seed=5))
    assert not np.allclose(generator.sample(30, seed=5), generator.sample(30, seed=6))


def test_training_is_reproducible_by_seed(moons):
    a = ImplicitGenerator(n_steps=20, seed=3).fit(moons[0]).sample(10, seed=0)
    b = ImplicitGenerator(n_steps=20, seed=3).fit(moons[0]).sample(10, seed=0)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: ImplicitGenerator(n_steps=2).fit(np.zeros((4, 2))), "at least 10"),
        (lambda: ImplicitGenerator(n_steps=2).fit(np.full((20, 2), np.nan)), "NaN"),
        (lambda: ImplicitGenerator(n_steps=0).fit(np.zeros((20, 2))), "positive"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
