"""The page frame's behaviour, driven through a demo page that uses every part of it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, open_derivations, run_page, shown_text

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
    assert at.error[0].value == "Not quite. Wrong is wrong. Because."  # answers the option chosen
    at.radio(key="entropy_quiz1").set_value("right").run()
    assert at.success[0].value == "Right. Yes. Because."


def test_quiz_options_are_shuffled_the_same_way_every_time():
    from lecture import Quiz
    from ui.frame import quiz_order

    quiz = Quiz("Q?", ("a", "b", "c", "d", "e"), answer=1, explain="")
    assert quiz_order(quiz) == quiz_order(Quiz("Q?", ("a", "b", "c", "d", "e"), answer=1, explain=""))
    assert sorted(quiz_order(quiz)) == [0, 1, 2, 3, 4]
    orders = {tuple(quiz_order(Quiz(f"Q{i}?", ("a", "b", "c", "d"), 0, ""))) for i in range(20)}
    assert len(orders) > 5  # the order depends on the question


def test_display_maths_in_a_derivation_goes_through_st_latex():
    at = run_page(DEMO)
    assert open_derivations(at)
    expander = at.get("expander")[0]
    latex = [e.value for e in expander.get("latex")]
    assert len(latex) == 1 and "a = b" in latex[0] and "c = d" in latex[0]
    assert not any("$$" in str(m.value) for m in expander.get("markdown"))


def test_a_derivation_is_drawn_only_while_open_and_stays_open():
    """A closed "Go deeper" sends its label only; opened, its panel draws the text, which stays through the page's
    later runs (a slider's, the quiz's) until the student closes it."""
    at = run_page(DEMO)
    (expander,) = at.get("expander")
    assert expander.label == "Go deeper: Derivation" and not expander.children
    assert "Some" not in shown_text(at)
    (key,) = open_derivations(at)
    assert "Some" in shown_text(at) and "a = b" in at.get("latex")[-1].value
    at.radio(key="entropy_quiz1").set_value("right").run()  # another control's run keeps it open
    assert at.session_state[key] is True and "Some" in shown_text(at)
    at.session_state[key] = False
    at.run()
    assert "Some" not in shown_text(at) and at.get("expander")


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
    assert not (ROOT / "app_pages" / "frame_demo.py").exists()
