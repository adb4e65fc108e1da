"""AppTest of pages/kl_divergence.py: asymmetry, the infinite case, Gaussians vs Monte Carlo, forward vs reverse."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from tests.test_info_entropy_page import assert_clean, specs, value

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "kl_divergence.py")


def kl_normal_bits(mp: float, sp: float, mq: float, sq: float) -> float:
    """Textbook closed form for 1-D Gaussians, written out independently of core.info."""
    nats = math.log(sq / sp) + (sp**2 + (mp - mq) ** 2) / (2 * sq**2) - 0.5
    return nats / math.log(2)


def mc_value(at: AppTest) -> tuple[float, float]:
    metric = next(m for m in at.metric if m.label.startswith("Monte Carlo"))
    est, _, se = metric.value.replace("−", "-").split()[:3]
    return float(est), float(se)


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=120)
    app.run()
    return app


def test_default_shows_asymmetry_against_scipy(at):
    assert_clean(at)
    p, q = [0.1, 0.1, 0.1, 0.1, 0.1, 0.5], [0.25, 0.25, 0.2, 0.1, 0.1, 0.1]
    assert value(at, "KL(p‖q)") == pytest.approx(stats.entropy(p, q, base=2), abs=5e-4)
    assert value(at, "KL(q‖p)") == pytest.approx(stats.entropy(q, p, base=2), abs=5e-4)
    assert value(at, "KL(p‖q)") != pytest.approx(value(at, "KL(q‖p)"), abs=0.05)
    assert len(specs(at)) == 1


def test_q_missing_an_outcome_is_infinite_one_way_and_explained(at):
    at.selectbox(key="kl_pair").set_value("q misses an outcome").run()
    assert_clean(at)
    assert value(at, "KL(p‖q)") == math.inf
    assert value(at, "KL(q‖p)") == pytest.approx(stats.entropy([0.6, 0.4, 0], [0.5, 0.3, 0.2], base=2), abs=5e-4)
    assert any("∞" in w.value and "rain" in w.value for w in at.warning)
    before = specs(at)[0]
    at.slider(key="kl_t").set_value(0.2).run()  # a little of p mixed into q: finite again
    assert_clean(at)
    assert math.isfinite(value(at, "KL(p‖q)")) and not at.warning
    assert specs(at)[0] != before
    at.slider(key="kl_t").set_value(1.0).run()
    assert value(at, "KL(p‖q)") == 0.0 and value(at, "KL(q‖p)") == 0.0


def test_gaussians_closed_form_and_monte_carlo(at):
    at.session_state["kl_tab"] = "Two Gaussians: closed form vs Monte Carlo"
    at.run()
    assert_clean(at)
    assert value(at, "KL(p‖q), closed form") == pytest.approx(kl_normal_bits(0, 1, 1, 2), abs=5e-4)
    assert value(at, "KL(q‖p), closed form") == pytest.approx(kl_normal_bits(1, 2, 0, 1), abs=5e-4)
    before = specs(at)
    at.slider(key="kl_mu_q").set_value(-1.5).run()
    assert_clean(at)
    exact = kl_normal_bits(0, 1, -1.5, 2)
    assert value(at, "KL(p‖q), closed form") == pytest.approx(exact, abs=5e-4)
    assert specs(at)[0] != before[0] and specs(at)[1] != before[1]
    est_small, se_small = mc_value(at)
    at.select_slider(key="kl_n").set_value(10000).run()
    assert_clean(at)
    est, se = mc_value(at)
    assert abs(est - exact) < 4 * se + 1e-3
    assert se < se_small / 5


def test_forward_covers_reverse_seeks(at):
    at.session_state["kl_tab"] = "Fitting q: forward vs reverse KL"
    at.run()
    assert_clean(at)

    def fit(which):
        return value(at, f"{which} fit: mean μ"), value(at, f"{which} fit: std σ")

    (mu_f, sd_f), (mu_r, sd_r) = fit("Forward"), fit("Reverse")
    # mixture 0.65 N(-2.5, 0.8²) + 0.35 N(2.5, 0.8²): moments by hand
    mean = 0.65 * -2.5 + 0.35 * 2.5
    var = 0.65 * (0.64 + 6.25) + 0.35 * (0.64 + 6.25) - mean**2
    assert mu_f == pytest.approx(mean, abs=0.01) and sd_f == pytest.approx(math.sqrt(var), abs=0.01)
    assert mu_r == pytest.approx(-2.5, abs=0.05) and sd_r == pytest.approx(0.8, abs=0.05)
    before = specs(at)[0]
    at.slider(key="kl_sep").set_value(0.0).run()  # one mode: both fits agree with it
    assert_clean(at)
    assert fit("Forward") == pytest.approx(fit("Reverse"), abs=0.02)
    assert specs(at)[0] != before
