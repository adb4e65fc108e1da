"""The maths of "The core challenge", on its scenes: estimating log p(x) by sampling, and the ELBO gap."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes import core_challenge as cc


@pytest.fixture(scope="module")
def default():
    return cc.estimates("linear", 16, 10_000, 12, 1.5, 0)


def test_importance_sampling_hits_the_exact_value_and_prior_sampling_falls_short(default):
    est = default
    assert est.dim == 16 and est.n_seeds == 12 and est.max_samples == 10_000
    assert abs(est.is_error) < 0.05
    # in 16 dimensions, 10,000 prior samples are not enough: the slide's point
    assert est.mc_error < -cc.SHORTFALL and est.prior_fails
    assert est.mc_shortfall == pytest.approx(-est.mc_error)
    assert est.ess_mc < est.ess_is <= est.max_samples


def test_runs_and_table(default):
    est = default
    assert list(est.runs) == [cc.MC, cc.IS]
    assert est.sizes.tolist() == [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
    assert all(r.shape == (12, est.sizes.size) for r in est.runs.values())
    assert est.mc_mean == pytest.approx(est.runs[cc.MC][:, -1].mean())
    assert est.is_spread == pytest.approx(est.runs[cc.IS][:, -1].std())
    assert len(est.table) == 2 * 12 * est.sizes.size and est.table["S"].max() == 10_000
    assert set(est.table["method"]) == {cc.MC, cc.IS}


def test_high_dimension_breaks_prior_sampling_and_the_exact_posterior_has_no_variance():
    est = cc.estimates("linear", 25, 1_000, 12, 1.0, 0)
    assert est.prior_fails and abs(est.is_error) < 0.5
    assert est.is_spread < 1e-6  # q = the exact posterior: every weight equals p(x)


def test_low_dimension_prior_sampling_is_close():
    est = cc.estimates("linear", 2, 10_000, 12, 1.5, 0)
    assert not est.prior_fails and abs(est.mc_error) < 0.1


def test_nonlinear_model_uses_one_latent_and_quadrature():
    est = cc.estimates("square", 30, 1_000, 4, 1.5, 0)
    assert est.dim == 1 and not est.prior_fails
    assert est.exact == pytest.approx(-2.234, abs=1e-3)
    assert abs(est.mc_error) < 0.1 and abs(est.is_error) < 0.1
    with pytest.raises(ValueError, match="unknown model"):
        cc.estimates("cubic", 1, 100, 4, 1.5, 0)


def test_the_gap_is_the_kl_and_the_bound_holds():
    for decoder, x, m, s in (
        ("square", 2.0, 1.0, 0.3),
        ("square", 2.0, -0.5, 1.5),
        ("tanh", 1.2, 0.4, 0.8),
        ("linear", -0.5, 0.0, 1.0),
    ):
        state = cc.elbo_state(decoder, x, m, s)
        assert state.elbo < state.log_p
        assert state.gap == pytest.approx(state.kl, abs=1e-6)


def test_densities_drawn_are_the_prior_the_posterior_and_q():
    state = cc.elbo_state("square", 2.0, 1.0, 0.3)
    dz = state.z[1] - state.z[0]
    assert np.sum(state.posterior) * dz == pytest.approx(1, abs=1e-3)  # both modes lie inside z in [-4, 4]
    assert np.sum(state.q) * dz == pytest.approx(1, abs=1e-3)
    assert state.q.max() == pytest.approx(1 / (0.3 * math.sqrt(2 * math.pi)), rel=1e-3)
    assert state.prior.max() == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-3)
    assert list(state.curves.columns) == ["z", "prior", "posterior", "q"]
    assert state.bar[["log_p", "elbo", "gap"]].iloc[0].tolist() == pytest.approx([state.log_p, state.elbo, state.gap])


def test_two_modes_only_for_the_square_decoder_with_x_at_least_one():
    assert cc.elbo_state("square", 2.0, 1.0, 0.3).two_modes
    assert not cc.elbo_state("square", 0.5, 1.0, 0.3).two_modes
    assert not cc.elbo_state("tanh", 2.0, 1.0, 0.3).two_modes


def test_fitting_q_finds_one_mode_of_the_square_posterior():
    m, s = cc.fit_q("square", 2.0, 1.0, 0.3)
    assert m == pytest.approx(math.sqrt(2), abs=0.05)
    assert cc.elbo_state("square", 2.0, m, s).gap == pytest.approx(math.log(2), abs=0.05)
    m_neg, _ = cc.fit_q("square", 2.0, -1.0, 0.3)
    assert m_neg == pytest.approx(-math.sqrt(2), abs=0.05)  # mode seeking: the mode nearest the start


def test_fitting_q_closes_the_gap_for_the_linear_decoder():
    m, s = cc.fit_q("linear", 1.5, 1.0, 0.3)
    assert cc.elbo_state("linear", 1.5, m, s).gap < 0.01


def test_fitted_q_lands_on_the_sliders():
    for args in (("square", 2.0, 1.0, 0.3), ("tanh", 3.9, 2.5, 1.9), ("linear", -1.0, -3.0, 0.05)):
        m, s = cc.fit_q(*args)
        assert cc.Q_MEAN.low <= m <= cc.Q_MEAN.high and cc.Q_STD.low <= s <= cc.Q_STD.high
        assert round(m / cc.Q_MEAN.step) * cc.Q_MEAN.step == pytest.approx(m)
        assert round(s / cc.Q_STD.step) * cc.Q_STD.step == pytest.approx(s)
