"""core.implicit: a generator trained only through the energy distance (no likelihood)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from core.datasets import density_2d
from core.implicit import ImplicitGenerator, cosine_learning_rate, energy_distance_grad
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


@pytest.mark.parametrize("dims", [1, 2, 3])
def test_gradient_matches_finite_differences(dims):
    r = np.random.default_rng(dims)
    G, X = r.normal(size=(9, dims)), r.normal(size=(11, dims))
    _, grad = energy_distance_grad(G, X)
    h = 1e-6
    for i, j in [(0, 0), (3, dims - 1), (8, 0), (5, dims // 2)]:
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
        (lambda: ImplicitGenerator(n_steps=2, learning_rate=0.0).fit(np.zeros((20, 2))), "learning_rate"),
        (lambda: ImplicitGenerator(n_steps=2, learning_rate_end=-1e-3).fit(np.zeros((20, 2))), "learning_rate"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_loss_value_matches_the_yardstick_in_2d():
    """The training loss is the same energy distance the page scores every model with."""
    r = np.random.default_rng(2)
    G, X = r.normal(size=(40, 2)), r.normal(0.5, 1.5, size=(30, 2))
    assert np.sqrt(energy_distance_grad(G, X)[0]) == pytest.approx(energy_distance(G, X), rel=1e-9)


def test_cosine_learning_rate_falls_from_start_to_end():
    rates = [cosine_learning_rate(s, 100, 5e-3, 2.5e-4) for s in range(101)]
    assert rates[0] == pytest.approx(5e-3) and rates[-1] == pytest.approx(2.5e-4)
    assert rates[50] == pytest.approx((5e-3 + 2.5e-4) / 2)
    assert np.all(np.diff(rates) <= 0)


def test_the_decaying_step_size_gives_sharper_samples_than_a_constant_one(moons):
    """Small steps at the end stop minibatch noise from blurring the samples (same number of steps)."""
    train, held_out = moons
    decayed = ImplicitGenerator(n_steps=1500, seed=0).fit(train)
    constant = ImplicitGenerator(n_steps=1500, learning_rate_end=5e-3, seed=0).fit(train)
    d_decayed = energy_distance(decayed.sample(500, seed=1), held_out)
    d_constant = energy_distance(constant.sample(500, seed=1), held_out)
    assert d_decayed < d_constant
