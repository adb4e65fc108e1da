"""AppTest of app_pages/cross_entropy.py: the controls move the numbers and charts, the infinite case is explained,
the tabs render. The maths is tested on the scenes (tests/test_scenes_cross_entropy.py)."""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from scenes import cross_entropy as scene
from tests.conftest import run_app, shown_text
from tests.test_info_entropy_page import assert_clean, specs, value

PAGE = "app_pages/cross_entropy.py"
DEFAULT = ("Loaded die", "Tempered p", 3.0, (1,) * 6)


@pytest.fixture
def at() -> AppTest:
    return run_app(PAGE)


def test_default_shows_the_scene_numbers_and_both_charts(at):
    assert_clean(at)
    pair, codes = scene.pair(*DEFAULT), scene.codes(*DEFAULT, 2000, 0)
    assert value(at, "Entropy H(p)") == pytest.approx(pair.h, abs=5e-4)
    assert value(at, "KL(p‖q)") == pytest.approx(pair.kl, abs=5e-4)
    assert value(at, "Cross entropy H(p, q)") == pytest.approx(pair.h_pq, abs=5e-4)
    assert value(at, "Measured, code for q") == pytest.approx(codes.arith_q, abs=5e-4)
    assert len(specs(at)) == 2  # p/q bars and the stacked bar
    text = shown_text(at)
    assert f"The whole bar is H(p, q) = {pair.h_pq:.3f} bits" in text
    assert f"take {codes.shown_bits_p} bits with the code for p and {codes.shown_bits_q} bits" in text
    assert "What to notice" in text and at.radio and at.expander
    assert "with a code built for q when the symbols come from p" in text  # the precise line under the slide's
    diff = codes.arith_q - codes.arith_p
    assert f"the difference, {diff:.3f}, is this message's measure of KL(p‖q) = {pair.kl:.3f} bits" in text
    assert "p flattened at temperature T = 3.0" in text


def test_temperature_moves_numbers_and_charts_and_t1_means_no_waste(at):
    before_kl, before_specs = value(at, "KL(p‖q)"), specs(at)
    at.slider(key="ce_temp").set_value(0.5).run()
    assert_clean(at)
    assert value(at, "KL(p‖q)") == pytest.approx(scene.pair("Loaded die", "Tempered p", 0.5, (1,) * 6).kl, abs=5e-4)
    assert value(at, "KL(p‖q)") != before_kl
    assert specs(at)[0] != before_specs[0] and specs(at)[1] != before_specs[1]
    at.slider(key="ce_temp").set_value(1.0).run()
    assert value(at, "KL(p‖q)") == 0.0
    assert value(at, "Cross entropy H(p, q)") == pytest.approx(value(at, "Entropy H(p)"), abs=1e-3)
    assert "Here q is p: both codes are the same" in shown_text(at)


def test_message_length_moves_the_measured_cost(at):
    before = value(at, "Measured, code for q")
    at.slider(key="ce_n").set_value(5000).run()
    assert_clean(at)
    assert value(at, "Measured, code for q") == pytest.approx(scene.codes(*DEFAULT, 5000, 0).arith_q, abs=5e-4)
    assert value(at, "Measured, code for q") != before
    assert "5,000 symbols" in shown_text(at)


def test_zero_weight_on_a_real_outcome_explains_infinity(at):
    at.selectbox(key="ce_model").set_value("My weights").run()
    assert_clean(at)
    at.slider(key="ce_q5").set_value(0).run()
    assert_clean(at)
    assert value(at, "Cross entropy H(p, q)") == math.inf
    assert value(at, "KL(p‖q)") == math.inf
    assert any("∞" in w.value and "no codeword" in w.value and "to 6," in w.value for w in at.warning)
    assert any("no finite message" in i.value for i in at.info)
    assert not any(m.label.startswith("Measured") for m in at.metric)
    assert "so H(p, q) = KL(p‖q) = ∞ and no message from p can be sent with it" in shown_text(at)


def test_all_weights_zero_is_a_clear_error(at):
    at.selectbox(key="ce_p").set_value("Weather").run()
    at.selectbox(key="ce_model").set_value("My weights").run()
    for i in range(4):
        at.slider(key=f"ce_q{i}").set_value(0)
    at.run()
    assert not at.exception
    assert any("all counts are zero" in e.value for e in at.error)
    assert not at.metric and not specs(at)


def test_blocks_tab(at):
    at.session_state["ce_tab"] = "Longer blocks"
    at.run()
    assert_clean(at)
    assert len(specs(at)) == 2
    assert "H(p, q) = 2.359 bits" in specs(at)[1]
    assert "Diamonds: the message of 2,000 symbols." in shown_text(at)
    assert "and the gap between those limits, KL(p‖q) = 0.198 bits, never closes" in shown_text(at)


def test_ml_tab_shows_the_classifier_and_moves_with_c(at):
    at.session_state["ce_tab"] = "Cross-entropy loss in ML"
    at.run()
    assert_clean(at)
    clf = scene.classifier(1.0, 0)
    assert value(at, "Cross-entropy loss") == pytest.approx(clf.ours, abs=5e-4)
    assert value(at, "scikit-learn log_loss") == pytest.approx(clf.sklearn, abs=5e-4)
    assert value(at, "Same loss in bits") == pytest.approx(clf.ours_bits, abs=5e-4)
    assert f"fitted to {scene.N_POINTS} labelled points" in shown_text(at)
    before = specs(at)[1]
    at.select_slider(key="ce_c").set_value(0.01).run()
    assert_clean(at)
    assert value(at, "Cross-entropy loss") == pytest.approx(scene.classifier(0.01, 0).ours, abs=5e-4)
    assert len(specs(at)) == 2 and specs(at)[1] != before  # p/q bars and the loss map, redrawn
    text = shown_text(at)  # what to notice speaks about the classifier on screen, not the closed tabs
    assert f"training loss is {scene.classifier(0.01, 0).ours:.3f} nats" in text and "orange part" not in text


def test_quiz_answers_the_option_chosen(at):
    quiz = at.radio[0]
    at.radio[0].set_value("The uniform model, which treats all six faces alike").run()
    assert any("log₂ 6 − H(p)" in e.value for e in at.error)
    at.radio[0].set_value("T = 1, where q is p itself").run()
    assert any("the best model is the truth itself" in s.value for s in at.success)
    assert "T = 3" in quiz.label


def test_presenter_mode_hides_self_study():
    app = run_app(PAGE, present=True)
    assert_clean(app)
    assert not app.radio and not app.expander
    assert [m.label for m in app.metric][:3] == ["Entropy H(p)", "Cross entropy H(p, q)", "KL(p‖q) = H(p, q) − H(p)"]
    assert app.get("table") and not app.dataframe  # the first symbols as a big-type table
