"""The page frame's behaviour, driven through a demo page that uses every part of it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, run_page, shown_text

DEMO = "tests/fixtures/frame_demo.py"


def test_header_formula_numbers_and_notes():
    at = run_page(DEMO)
    assert not at.exception
    assert at.title[0].value == "Entropy"
    assert "minimum number of useful bits" in shown_text(at)
    assert r"H(p) = -\sum_x" in at.latex[0].value
    assert [m.value for m in at.metric] == ["1.000 bits", "∞ bits"]
    assert "What to notice" in shown_text(at)
    assert len(at.get("vega_lite_chart")) == 1


def test_quiz_gives_immediate_feedback():
    at = run_page(DEMO)
    quiz = at.radio(key="entropy_quiz1")
    quiz.set_value("wrong").run()
    assert at.error[0].value.startswith("Not quite. Because.")
    at.radio(key="entropy_quiz1").set_value("right").run()
    assert at.success[0].value.startswith("Right. Because.")


def test_value_error_becomes_a_clear_message_and_the_page_goes_on():
    at = run_page(DEMO)
    at.selectbox(key="demo_mode").set_value("bad input").run()
    assert not at.exception
    assert [e.value for e in at.error] == ["p must sum to 1 (it sums to 0.93)."]
    assert "after the guard" in shown_text(at) and "What to notice" in shown_text(at)


def test_unexpected_error_is_friendly_not_a_traceback():
    at = run_page(DEMO)
    at.selectbox(key="demo_mode").set_value("bug").run()
    assert not at.exception
    assert "unexpected problem" in at.error[0].value
    assert "ZeroDivisionError" not in shown_text(at)
    assert "after the guard" in shown_text(at)


def test_presenter_mode_hides_self_study_but_keeps_the_figure():
    at = run_page(DEMO, present=True)
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1
    assert "Check yourself" not in shown_text(at)
    assert not at.get("expander")


def test_seed_control_reads_the_url():
    at = AppTest.from_file(str(ROOT / DEMO), default_timeout=60)
    at.query_params["entropy_seed"] = "7"
    at.run()
    assert at.number_input(key="entropy_seed").value == 7
    at2 = AppTest.from_file(str(ROOT / DEMO), default_timeout=60)
    at2.query_params["entropy_seed"] = "not a number"
    at2.run()
    assert not at2.exception and at2.number_input(key="entropy_seed").value == 0


def test_demo_page_is_not_in_pages_dir():
    assert not (ROOT / "pages" / "frame_demo.py").exists()
