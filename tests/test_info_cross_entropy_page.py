"""AppTest of pages/cross_entropy.py: H(p, q) = H(p) + KL, measured bits, the infinite case, the ML loss."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from tests.test_info_entropy_page import assert_clean, specs, value

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "cross_entropy.py")
LOADED = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.5])


def tempered(p: np.ndarray, t: float) -> np.ndarray:
    w = p ** (1 / t)
    return w / w.sum()


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=120)
    app.run()
    return app


def test_default_numbers_agree_with_scipy_and_the_message_costs_h_pq(at):
    assert_clean(at)
    q = tempered(LOADED, 3.0)
    h, kl = stats.entropy(LOADED, base=2), stats.entropy(LOADED, q, base=2)
    assert value(at, "Entropy H(p)") == pytest.approx(h, abs=5e-4)
    assert value(at, "KL(p‖q)") == pytest.approx(kl, abs=5e-4)
    assert value(at, "Cross entropy H(p, q)") == pytest.approx(h + kl, abs=5e-4)
    # 2000 symbols sent with the arithmetic code for q: close to H(p, q), far from H(p)
    assert value(at, "Measured, code for q") == pytest.approx(h + kl, abs=0.05)
    assert len(specs(at)) == 2  # p/q bars and the stacked bar


def test_temperature_moves_numbers_and_charts_and_t1_means_no_waste(at):
    before_kl, before_specs = value(at, "KL(p‖q)"), specs(at)
    at.slider(key="ce_temp").set_value(0.5).run()
    assert_clean(at)
    assert value(at, "KL(p‖q)") == pytest.approx(stats.entropy(LOADED, tempered(LOADED, 0.5), base=2), abs=5e-4)
    assert value(at, "KL(p‖q)") != before_kl
    assert specs(at)[0] != before_specs[0] and specs(at)[1] != before_specs[1]
    at.slider(key="ce_temp").set_value(1.0).run()
    assert value(at, "KL(p‖q)") == 0.0
    assert value(at, "Cross entropy H(p, q)") == pytest.approx(value(at, "Entropy H(p)"), abs=1e-3)


def test_zero_weight_on_a_real_outcome_explains_infinity(at):
    at.selectbox(key="ce_model").set_value("My weights").run()
    assert_clean(at)
    at.slider(key="ce_q5").set_value(0).run()
    assert_clean(at)
    assert value(at, "Cross entropy H(p, q)") == math.inf
    assert value(at, "KL(p‖q)") == math.inf
    assert any("∞" in w.value and "no codeword" in w.value for w in at.warning)


def test_all_weights_zero_is_a_clear_error(at):
    at.selectbox(key="ce_p").set_value("Weather").run()
    at.selectbox(key="ce_model").set_value("My weights").run()
    for i in range(4):
        at.slider(key=f"ce_q{i}").set_value(0)
    at.run()
    assert not at.exception
    assert any("all counts are zero" in e.value for e in at.error)


def test_blocks_tab(at):
    at.session_state["ce_tab"] = "Longer blocks"
    at.run()
    assert_clean(at)
    assert len(specs(at)) == 2


def test_ml_tab_loss_matches_sklearn_and_moves_with_c(at):
    at.session_state["ce_tab"] = "Cross-entropy loss in ML"
    at.run()
    assert_clean(at)
    ours, theirs = value(at, "Cross-entropy loss"), value(at, "scikit-learn log_loss")
    assert ours == pytest.approx(theirs, abs=1e-3)
    assert value(at, "Same loss in bits") == pytest.approx(ours / math.log(2), abs=2e-3)
    at.select_slider(key="ce_c").set_value(0.01).run()
    assert_clean(at)
    assert value(at, "Cross-entropy loss") > ours  # heavy regularisation: less confident, larger loss
    assert len(specs(at)) == 2  # p/q bars and the loss map
    assert value(at, "Cross-entropy loss") == pytest.approx(value(at, "scikit-learn log_loss"), abs=1e-3)
