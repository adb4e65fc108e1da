"""The maths of the "Likelihood-based models" page, on its scene functions (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import cubature

from core import ebm
from scenes import likelihood as sc

PRESET, SEED = "moons", 0


# ----------------------------------------------------------------------------- EM


def test_em_matches_scikit_learn_from_the_same_start():
    view = sc.em_fit(PRESET, SEED, 6, 12)
    assert view.sklearn_log_likelihood == pytest.approx(view.now, abs=1e-10)
    assert view.sklearn_gap < 1e-8 and view.sklearn_gap_shown == 0.0
    assert view.resp.shape == (sc.N_POINTS, 6) and np.allclose(view.resp.sum(axis=1), 1)
    assert view.ellipses.shape == (6, 64, 2) and view.means.shape == (6, 2)


def test_em_never_lowers_the_likelihood():
    start, middle, end = (sc.em_fit(PRESET, SEED, 6, t) for t in (0, 12, sc.EM_STEPS))
    assert np.all(np.diff(middle.log_likelihood) >= -1e-9)
    assert start.change == 0.0 and middle.change >= 0 and end.change >= 0
    assert middle.change == pytest.approx(middle.log_likelihood[12] - middle.log_likelihood[11])
    assert sc.em_fit(PRESET, SEED, 6, 2).now < middle.now <= end.now
    assert list(middle.table.columns) == ["step", "log_likelihood"] and len(middle.table) == sc.EM_STEPS + 1


def test_em_components_follow_k():
    view = sc.em_fit(PRESET, SEED, 3, 5)
    assert view.resp.shape == (sc.N_POINTS, 3) and view.k == 3
    points = view.points  # the picture's numbers: each point's most responsible component
    assert list(points.columns) == ["x1", "x2", "component", "responsibility"] and len(points) == sc.N_POINTS
    assert set(points["component"]) <= {1, 2, 3} and np.all(points["responsibility"] >= 1 / 3 - 1e-12)


# ----------------------------------------------------------------------------- flow


def test_flow_density_integrates_to_one_over_the_plot():
    view = sc.flow_fit(PRESET, SEED, 8)
    assert view.density.shape == (sc.GRID, sc.GRID)
    assert abs(view.mass - 1) < 0.03
    assert view.Z.shape == view.samples.shape == (sc.N_POINTS, 2)
    assert view.base.shape == view.warped.shape == (18, 60, 2)


def test_coupling_layers_raise_the_likelihood():
    gaussian, flow = sc.flow_fit(PRESET, SEED, 0), sc.flow_fit(PRESET, SEED, 8)
    assert gaussian.avg_log_q < flow.avg_log_q - 0.2
    assert not np.allclose(gaussian.density, flow.density)


# ----------------------------------------------------------------------------- energy model


@pytest.mark.parametrize("preset", ["moons", "spiral"])
def test_energy_model_integrates_to_one_over_the_whole_plane(preset):
    """Item 5: Z covers all of the mass, so q integrates to 1 over R^2, checked by adaptive cubature (scipy) on a box
    of +-15 well widths, 3x wider than the model's own grid, and with infinite limits."""
    model = sc.energy_model(preset, SEED)
    c, s = model.centre_, model.well_scale_

    def q(x):
        return np.exp(model.score_samples(x))

    wide = cubature(q, c - 15 * s, c + 15 * s, rtol=1e-9, atol=1e-12)
    plane = cubature(q, [-np.inf, -np.inf], [np.inf, np.inf], rtol=1e-9, atol=1e-12)
    assert wide.status == plane.status == "converged"
    assert wide.estimate == pytest.approx(1.0, abs=1e-5)
    assert plane.estimate == pytest.approx(1.0, abs=1e-5)
    # the tails matter: the data box alone (where the old grid summed Z) holds visibly less than all of the mass
    x0, x1, y0, y1 = model.box_
    inside = cubature(q, [x0, y0], [x1, y1], rtol=1e-9, atol=1e-12).estimate
    assert inside < 1 - 2e-3
    # ... and the log-densities the page prints are the normalised ones
    probe = sc.probe(preset, SEED, 0.0, 0.25)
    assert probe.log_q[2] == pytest.approx(float(np.log(q(np.array([[0.0, 0.25]]))[0])))


def test_energy_model_numbers():
    view = sc.energy_fit(PRESET, SEED)
    assert view.grid_cells == view.grid_per_axis**2
    assert view.image_cells_log10 == pytest.approx(sc.IMAGE_DIMS * np.log10(view.grid_per_axis))
    model = sc.energy_model(PRESET, SEED)
    q_cells = np.exp(model.score_samples(model.grid_.points)) * model.grid_.cell_area
    assert view.mean_energy_q == pytest.approx(float(q_cells @ model.energy(model.grid_.points)))
    assert view.log_z == pytest.approx(ebm.log_partition_grid(model.energy, model.grid_))


def test_langevin_chains_move_towards_q():
    target = sc.energy_fit(PRESET, SEED).mean_energy_q
    start, run = sc.langevin(PRESET, SEED, 0, 0.03), sc.langevin(PRESET, SEED, 500, 0.03)
    assert abs(run.mean_energy - target) < abs(start.mean_energy - target)
    np.testing.assert_array_equal(start.starts, run.starts)  # the same uniform starts
    np.testing.assert_array_equal(start.samples, start.starts)  # 0 steps: still at the start
    x0, x1, y0, y1 = sc.data(PRESET, SEED)[1]
    assert np.all((start.starts[:, 0] >= x0) & (start.starts[:, 0] <= x1))
    assert np.all((start.starts[:, 1] >= y0) & (start.starts[:, 1] <= y1))
    assert run.trace_steps[0] == 0 and run.trace_steps[-1] == 500 and len(run.trace) == len(run.trace_steps)
    assert run.trace[0] == pytest.approx(start.mean_energy)  # the trace starts at the uniform starts
    assert run.trace[-1] == pytest.approx(run.mean_energy)  # ... and ends where the chart marks the current step
    assert list(run.table.columns) == ["step", "mean_energy"] and len(run.points) == sc.N_CHAINS


@pytest.mark.parametrize("steps", [0, 10, 510, 1990])
def test_the_energy_trace_always_ends_at_the_current_step(steps):
    run = sc.langevin(PRESET, SEED, steps, 0.03)
    assert run.trace_steps[-1] == steps and np.all(np.diff(run.trace_steps) > 0)
    assert run.trace[-1] == pytest.approx(run.mean_energy)


def test_unadjusted_langevin_is_biased_by_a_large_step():
    """Item 11: after many steps the chains settle near, not at, q's average energy; the gap grows with the step."""
    target = sc.energy_fit(PRESET, SEED).mean_energy_q
    small, large = sc.langevin(PRESET, SEED, 2000, 0.01), sc.langevin(PRESET, SEED, 2000, 0.1)
    assert abs(small.mean_energy - target) < 0.05 < large.mean_energy - target


# ----------------------------------------------------------------------------- linear VAE


def test_elbo_stays_below_the_exact_likelihood_and_the_gap_closes():
    early, late = sc.vae_fit(PRESET, SEED, 20), sc.vae_fit(PRESET, SEED, sc.VAE_STEPS)
    assert np.all(early.elbo <= early.log_q + 1e-12)
    assert early.gap > 0.01 and late.gap < 1e-3
    assert late.log_q_now > early.log_q_now
    assert early.line.shape == (30, 2) and early.density.shape == (sc.GRID, sc.GRID)
    assert list(early.table.columns) == ["step", "elbo", "log_q"]
    assert early.final_gap == pytest.approx(late.gap) and late.final_gap < 1e-3
    assert len(early.points) == 2 * sc.N_POINTS


# ----------------------------------------------------------------------------- probe


def test_probe_scores_every_model():
    view = sc.probe(PRESET, SEED, 0.0, 0.25)
    assert view.models == (
        "Gaussian mixture (EM)",
        "Normalizing flow",
        "Energy-based model",
        "VAE: exact log q(x)",
        "VAE: ELBO",
    )
    log_q = dict(zip(view.models, view.log_q, strict=True))
    assert log_q["VAE: ELBO"] <= log_q["VAE: exact log q(x)"] + 1e-12
    # the default x* sits between the moons: the flexible flow finds it less likely than the single Gaussian
    assert log_q["Normalizing flow"] < log_q["VAE: exact log q(x)"]
    exact = view.log_q[: len(sc.PROBE_MODELS)]
    assert view.log_q[view.highest] == exact.max() and view.log_q[view.lowest] == exact.min()
    assert view.ratio == pytest.approx(np.exp(exact.max() - exact.min()))
    assert list(view.table.columns) == list(sc.PROBE_COLUMNS)
    assert view.kinds[2] == "exact (Z summed on a grid)"
    # the sentence under the chart: who scores the default x* below / above a typical data point
    assert view.below == ("Gaussian mixture", "flow", "energy model") and view.above == ("linear VAE",)
    shown = view.shown
    assert shown[sc.PROBE_COLUMNS[2]][1] == f"{view.log_q[1]:.3f}".replace("-", "\u2212")


def test_probe_on_the_upper_moon_is_more_likely_under_the_flow():
    between, on_moon = sc.probe(PRESET, SEED, 0.0, 0.25), sc.probe(PRESET, SEED, -0.75, 1.0)
    assert on_moon.log_q[1] > between.log_q[1] + 0.4


def test_probe_scores_match_the_tabs_models():
    view = sc.probe(PRESET, SEED, 0.5, 0.5)
    flow = sc.flow_model(PRESET, SEED, sc.PROBE_LAYERS)
    assert view.log_q[1] == pytest.approx(flow.score_samples(np.array([[0.5, 0.5]]))[0])
    assert view.average[1] == pytest.approx(sc.flow_fit(PRESET, SEED, sc.PROBE_LAYERS).avg_log_q)


@pytest.mark.parametrize("model", sc.PROBE_MODELS)
def test_probe_density_is_a_density_over_the_plot(model):
    view = sc.probe_density(PRESET, SEED, model)
    grid = sc.plot_grid(PRESET, SEED)
    assert view.density.shape == (sc.GRID, sc.GRID) and np.all(view.density >= 0)
    assert 0.9 < view.density.sum() * grid.cell_area < 1.05  # most of the mass lies inside the plot window


def test_probe_density_rejects_an_unknown_model():
    with pytest.raises(ValueError, match="Unknown model"):
        sc.probe_density(PRESET, SEED, "GAN")


@pytest.mark.parametrize("preset", ["rings", "spiral", "mixture"])
def test_other_data_sets(preset):
    assert abs(sc.flow_fit(preset, SEED, 8).mass - 1) < 0.05
    assert np.isfinite(sc.probe(preset, SEED, 0.0, 0.25).log_q).all()
