"""AppTest of app_pages/kl_divergence.py: each tab's controls move its numbers and charts, the infinite case is
explained. The maths is tested on the scenes (tests/test_scenes_kl.py)."""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from scenes import kl as scene
from tests.conftest import run_app, shown_text
from tests.test_info_entropy_page import assert_clean, specs, value


def mc_value(at: AppTest) -> tuple[float, float]:
    metric = next(m for m in at.metric if m.label.startswith("Monte Carlo"))
    est, _, se = metric.value.replace("−", "-").split()[:3]
    return float(est), float(se)


@pytest.fixture
def at() -> AppTest:
    return run_app("app_pages/kl_divergence.py")


def test_default_shows_the_asymmetry_and_the_frame(at):
    assert_clean(at)
    view = scene.asymmetry("Two different dice", 0.0)
    assert value(at, "KL(p‖q)") == pytest.approx(view.kl_pq, abs=5e-4)
    assert value(at, "KL(q‖p)") == pytest.approx(view.kl_qp, abs=5e-4)
    assert value(at, "H(p, q)") == pytest.approx(view.h_pq, abs=5e-4)
    assert len(specs(at)) == 1
    text = shown_text(at)
    assert "p: a die loaded toward 6." in text and "What to notice" in text and "KL" in at.latex[0].value
    assert at.radio and at.expander and not at.warning
    # what to notice speaks about this picture: no infinity, no two-mode fit
    assert f"Here KL(p‖q) = {view.kl_pq:.3f} bits but KL(q‖p) = {view.kl_qp:.3f} bits" in text
    assert "outcome 6: p(6) = 0.50 while q(6) = 0.10" in text
    assert "infinite" not in text.lower() and "two modes" not in text


def test_q_missing_an_outcome_is_explained_and_moving_q_removes_the_infinity(at):
    at.selectbox(key="kl_pair").set_value("q misses an outcome").run()
    assert_clean(at)
    assert value(at, "KL(p‖q)") == math.inf
    assert any("∞" in w.value and "q(rain) = 0" in w.value for w in at.warning)
    before = specs(at)[0]
    at.slider(key="kl_t").set_value(0.2).run()
    assert_clean(at)
    assert value(at, "KL(p‖q)") == pytest.approx(scene.asymmetry("q misses an outcome", 0.2).kl_pq, abs=5e-4)
    assert not at.warning and specs(at)[0] != before
    at.slider(key="kl_t").set_value(1.0).run()
    assert value(at, "KL(p‖q)") == 0.0 and value(at, "KL(q‖p)") == 0.0
    chart = specs(at)[0]
    assert "KL = 0: q is p" in chart and "0.000000" not in chart  # said in words, not an empty axis
    assert "every term of both directions is 0" in shown_text(at)


def test_gaussians_tab_moves_with_its_sliders(at):
    at.session_state["kl_tab"] = "Two Gaussians: closed form vs Monte Carlo"
    at.run()
    assert_clean(at)
    assert len(specs(at)) == 2
    assert value(at, "KL(p‖q), closed form") == pytest.approx(scene.densities(0, 1, 1, 2).kl_pq, abs=5e-4)
    assert value(at, "KL(q‖p), closed form") == pytest.approx(scene.densities(0, 1, 1, 2).kl_qp, abs=5e-4)
    before = specs(at)
    at.slider(key="kl_mu_q").set_value(-1.5).run()
    assert_clean(at)
    assert value(at, "KL(p‖q), closed form") == pytest.approx(scene.densities(0, 1, -1.5, 2).kl_pq, abs=5e-4)
    assert specs(at)[0] != before[0] and specs(at)[1] != before[1]
    at.select_slider(key="kl_n").set_value(10000).run()
    assert_clean(at)
    mc = scene.monte_carlo(0.0, 1.0, -1.5, 2.0, 10000, 0)
    assert mc_value(at) == pytest.approx((mc.estimate, mc.se), abs=5e-4)
    assert any(m.label == "Monte Carlo, n = 10,000" for m in at.metric)
    assert "q = N(-1.5, 2²)" in specs(at)[0]  # the legend names the two Gaussians by their numbers
    assert f"With n = 10,000 samples from p, Monte Carlo estimates {mc.estimate:.3f}" in shown_text(at)


def test_fitting_tab_moves_with_its_sliders(at):
    at.session_state["kl_tab"] = "Fitting q: forward vs reverse KL"
    at.run()
    assert_clean(at)
    fits = scene.mode_fits(5.0, 0.65)
    assert value(at, "Forward fit: mean μ") == pytest.approx(fits.mu_f, abs=5e-3)
    assert value(at, "Reverse fit: std σ") == pytest.approx(fits.sd_r, abs=5e-3)
    assert value(at, "Reverse fit: KL(q‖p)") == pytest.approx(fits.rev_at_r, abs=5e-4)
    help_text = next(m.help for m in at.metric if m.label == "Forward fit: KL(p‖q)")
    assert f"the reverse fit scores {fits.fwd_at_r:.3f} bits" in help_text
    assert "it sits on the left mode and ignores the other" in shown_text(at)
    before = specs(at)[0]
    at.slider(key="kl_sep").set_value(0.0).run()  # one mode: both fits agree with it
    assert_clean(at)
    assert value(at, "Forward fit: mean μ") == pytest.approx(value(at, "Reverse fit: mean μ"), abs=0.02)
    assert specs(at)[0] != before
    assert "the modes are close enough to blur into one bump" in shown_text(at)


def test_presenter_mode_hides_self_study():
    app = run_app("app_pages/kl_divergence.py", present=True)
    assert_clean(app)
    assert not app.radio and not app.expander
    assert len(specs(app)) == 2  # p/q and the terms side by side, so both fit on the first screen
    assert [m.label for m in app.metric][:3] == ["KL(p‖q)", "KL(q‖p)", "H(p, q) = H(p) + KL(p‖q)"]
