"""core.diffusion: forward noising marginals, and a learned reverse process that lands on the data."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from core.datasets import density_2d
from core.diffusion import DiffusionModel, alpha_bar, linear_schedule, marginal_mean_var, q_sample
from core.sample_quality import energy_distance


@pytest.fixture(scope="module")
def moons():
    # independent draws for training and held-out scoring
    return density_2d("moons", n=500, seed=0), density_2d("moons", n=500, seed=5_000)


@pytest.fixture(scope="module")
def model(moons):
    return DiffusionModel(seed=0).fit(moons[0])


@pytest.fixture(scope="module")
def trajectory(model):
    return model.sample_trajectory(500, seed=1)


def test_alpha_bar_is_the_running_product():
    b = linear_schedule(5, 0.1, 0.5)
    expected = [1.0] + [float(np.prod([1 - b[s] for s in range(1, t + 1)])) for t in range(1, 6)]
    np.testing.assert_allclose(alpha_bar(b), expected)


def test_forward_process_has_the_stated_marginal_at_every_step():
    """Run the step-by-step chain x_t = sqrt(1-beta_t) x_{t-1} + sqrt(beta_t) eps and compare."""
    T, n = 100, 20_000
    betas = linear_schedule(T)
    r = np.random.default_rng(0)
    x = r.normal([2.0, -1.0], [0.5, 1.5], size=(n, 2))
    mean0, var0 = np.array([2.0, -1.0]), np.array([0.25, 2.25])
    for t in range(1, T + 1):
        x = np.sqrt(1 - betas[t]) * x + np.sqrt(betas[t]) * r.standard_normal(x.shape)
        m, v = marginal_mean_var(t, betas, mean0, var0)
        tol = 4 * np.sqrt(v / n)
        assert np.all(np.abs(x.mean(0) - m) < tol), t
        np.testing.assert_allclose(x.var(0), v, rtol=0.05, err_msg=f"t={t}")
        # the one-jump q_sample gives the same marginal
        jump = q_sample(np.tile(mean0, (n, 1)) + r.standard_normal((n, 2)) * np.sqrt(var0), t, betas, seed=t)[0]
        np.testing.assert_allclose(jump.var(0), v, rtol=0.05, err_msg=f"t={t}")
    # by t = T the data are nearly forgotten: under 1 % of the signal variance is left, x_T ~ N(0, I)
    assert alpha_bar(betas)[-1] < 0.01
    np.testing.assert_allclose(x.var(0), 1.0, atol=0.05)


@settings(max_examples=50, deadline=None)
@given(st.floats(-10, 10), st.floats(0.0, 10.0), st.integers(1, 100))
def test_marginal_variance_moves_monotonically_towards_one(mean0, var0, t):
    betas = linear_schedule(100)
    m_prev, v_prev = marginal_mean_var(t - 1, betas, np.array(mean0), np.array(var0))
    m, v = marginal_mean_var(t, betas, np.array(mean0), np.array(var0))
    assert abs(m) <= abs(m_prev) + 1e-12
    assert abs(v - 1) <= abs(v_prev - 1) + 1e-12


def test_denoiser_learns_something(model):
    # predicting eps = 0 would give a mean squared error of 1
    assert model.loss_curve_[-1] < 0.5
    assert model.loss_curve_[-5:].mean() < model.loss_curve_[:5].mean()


def test_trajectory_shape_and_start_is_noise(model, trajectory):
    assert trajectory.shape == (model.n_steps + 1, 500, 2)
    start = (trajectory[-1] - model.mean_) / model.scale_
    np.testing.assert_allclose(start.mean(0), 0.0, atol=0.15)
    np.testing.assert_allclose(start.std(0), 1.0, atol=0.1)


def test_reverse_process_lands_closer_after_T_steps_than_after_1(trajectory, moons):
    held_out = moons[1]
    after_one = energy_distance(trajectory[-2], held_out)
    after_all = energy_distance(trajectory[0], held_out)
    assert after_all < 0.6 * after_one


def test_beats_a_single_gaussian_on_held_out_data(trajectory, moons):
    train, held_out = moons
    baseline = stats.multivariate_normal(train.mean(0), np.cov(train.T)).rvs(500, random_state=1)
    assert energy_distance(trajectory[0], held_out) < 0.85 * energy_distance(baseline, held_out)


def test_forward_noise_of_the_fitted_model(model, moons):
    X = moons[1]
    np.testing.assert_allclose(model.noise(X, 0), X)
    end = (model.noise(X, model.n_steps, seed=1) - model.mean_) / model.scale_
    assert stats.normaltest(end[:, 0]).pvalue > 1e-3


def test_sampling_is_reproducible_by_seed(model):
    np.testing.assert_array_equal(model.sample(20, seed=4), model.sample(20, seed=4))
    assert not np.allclose(model.sample(20, seed=4), model.sample(20, seed=5))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linear_schedule(0), "at least 1"),
        (lambda: linear_schedule(10, 0.5, 0.1), "beta_start <= beta_end"),
        (lambda: DiffusionModel(n_epochs=1).fit(np.zeros((5, 2))), "at least 10"),
        (lambda: DiffusionModel(n_epochs=0).fit(np.zeros((20, 2))), "positive"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_bad_step(model, moons):
    with pytest.raises(ValueError, match="between 0 and T"):
        model.noise(moons[1], model.n_steps + 1)


def test_a_small_upload_trains_in_one_batch_without_warnings():
    """Fewer rows than a batch (a small upload): one batch of all rows, and scikit-learn has nothing to clip or warn."""
    import warnings

    X = density_2d("moons", 30, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = DiffusionModel(n_steps=20, n_epochs=3, copies=1, seed=0).fit(X)
    assert model.denoiser_.batch_size == 30
    assert np.isfinite(model.loss_curve_).all() and len(model.loss_curve_) == 3
