"""Energy-based model: grid normalisation, gradients, Langevin sampling moments."""

import numpy as np
import pytest
from scipy.optimize import approx_fprime
from sklearn.datasets import make_moons

from core.ebm import (
    BumpEnergyModel,
    GaussianEnergy,
    Grid,
    grid_cells_needed_log10,
    langevin_sample,
    log_partition_grid,
)


@pytest.fixture(scope="module")
def moons():
    return make_moons(300, noise=0.08, random_state=0)[0]


@pytest.fixture(scope="module")
def model(moons):
    return BumpEnergyModel(n_centres=6, grid_size=60).fit(moons)


def test_grid_partition_matches_closed_form_gaussian():
    ge = GaussianEnergy([0.5, -1.0], [[2.0, 0.6], [0.6, 1.0]])
    grid = Grid((-10, 11, -10, 8), 250, 250)
    assert log_partition_grid(ge.energy, grid) == pytest.approx(ge.log_partition(), abs=1e-6)
    assert ge.log_partition() == pytest.approx(np.log(2 * np.pi * np.sqrt(2.0 - 0.36)))


def test_grid_layout_lowest_row_first():
    g = Grid((0, 4, 10, 12), nx=4, ny=2)
    assert g.points.shape == (8, 2)
    np.testing.assert_allclose(g.points[:4, 1], 10.5)
    np.testing.assert_allclose(g.points[:4, 0], [0.5, 1.5, 2.5, 3.5])


def test_density_normalised_on_a_finer_independent_grid(model):
    x0, x1, y0, y1 = model.grid_.extent
    fine = Grid((x0, x1, y0, y1), 300, 300)
    mass = np.exp(model.score_samples(fine.points)).sum() * fine.cell_area
    assert mass == pytest.approx(1.0, abs=0.01)
    # nearly all of the mass of exp(-E) on the whole plane lies inside the box
    wide = Grid((x0 - 6, x1 + 6, y0 - 6, y1 + 6), 300, 300)
    assert np.exp(model.score_samples(wide.points)).sum() * wide.cell_area == pytest.approx(1.0, abs=0.03)


def test_energy_gradient_matches_finite_differences(model, moons):
    for x in moons[::50] + 0.03:
        numeric = approx_fprime(x, lambda v: model.energy(v[None])[0], 1e-7)
        np.testing.assert_allclose(model.grad_energy(x[None])[0], numeric, atol=1e-4)


def test_fit_beats_the_bare_gaussian_well(model, moons):
    assert model.loss_curve_[-1] < model.loss_curve_[0]
    assert model.score_samples(moons).mean() > -2.0
    # data points have lower energy than random points in the box
    rng = np.random.default_rng(0)
    x0, x1, y0, y1 = model.grid_.extent
    rand = np.c_[rng.uniform(x0, x1, 300), rng.uniform(y0, y1, 300)]
    assert model.energy(moons).mean() < model.energy(rand).mean()


def test_langevin_moments_approach_gaussian_target():
    ge = GaussianEnergy([1.0, -2.0], [[1.0, 0.5], [0.5, 2.0]])
    x0 = np.full((3000, 2), 5.0)
    short = langevin_sample(ge.grad_energy, x0, n_steps=3, step_size=0.05, seed=0)
    long = langevin_sample(ge.grad_energy, x0, n_steps=800, step_size=0.05, seed=0)
    err_short = np.abs(short.mean(axis=0) - ge.mean).max()
    err_long = np.abs(long.mean(axis=0) - ge.mean).max()
    assert err_long < 0.1 < err_short
    np.testing.assert_allclose(np.cov(long, rowvar=False), ge.cov, atol=0.15)


def test_langevin_trajectory_and_reproducibility():
    ge = GaussianEnergy([0.0, 0.0], np.eye(2))
    x0 = np.zeros((10, 2))
    a, traj = langevin_sample(ge.grad_energy, x0, n_steps=20, step_size=0.1, seed=3, keep_every=5)
    assert traj.shape == (5, 10, 2)
    np.testing.assert_array_equal(traj[-1], a)
    np.testing.assert_array_equal(a, langevin_sample(ge.grad_energy, x0, n_steps=20, step_size=0.1, seed=3))


def test_langevin_divergence_is_a_clear_error():
    ge = GaussianEnergy([0.0, 0.0], np.eye(2) * 1e-4)
    with pytest.raises(ValueError, match="smaller step size"):
        langevin_sample(ge.grad_energy, np.ones((5, 2)), n_steps=500, step_size=1.0)


def test_cells_needed():
    assert grid_cells_needed_log10(120, 2) == pytest.approx(np.log10(14400))


def test_bad_input(moons):
    with pytest.raises(ValueError, match="shape"):
        BumpEnergyModel().fit(np.zeros((10, 3)))
    with pytest.raises(ValueError, match="not fitted"):
        BumpEnergyModel().energy(moons)
    with pytest.raises(ValueError, match="positive"):
        langevin_sample(lambda X: X, np.zeros((3, 2)), step_size=0.0)
    with pytest.raises(ValueError, match="extent"):
        Grid((1, 0, 0, 1))
    with pytest.raises(ValueError, match="positive definite"):
        GaussianEnergy([0, 0], [[1.0, 2.0], [2.0, 1.0]])


def test_model_sample_is_reproducible_and_lands_on_the_data(model, moons):
    a = model.sample(200, seed=3)
    np.testing.assert_array_equal(a, model.sample(200, seed=3))
    rng = np.random.default_rng(1)
    x0, x1, y0, y1 = model.grid_.extent
    rand = np.c_[rng.uniform(x0, x1, 200), rng.uniform(y0, y1, 200)]
    assert model.score_samples(a).mean() > model.score_samples(rand).mean() + 0.5


def test_loss_curve_is_the_grid_nll(model, moons):
    assert model.loss_curve_[-1] == pytest.approx(-model.score_samples(moons).mean(), abs=1e-6)
