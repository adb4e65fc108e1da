"""AppTest of app_pages/entropy.py: controls move numbers and charts; bad input gives a message, never a traceback.

The maths behind the numbers is tested on the scenes (tests/test_scenes_entropy.py); here, what the page shows.
"""

from __future__ import annotations

import math

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from scenes import entropy as scene
from tests.conftest import run_app, shown_text, table_with

PAGE = "app_pages/entropy.py"


def value(at: AppTest, label_start: str) -> float:
    """The number shown by the metric whose label starts with ``label_start`` (∞ -> inf)."""
    metric = next(m for m in at.metric if m.label.startswith(label_start))
    text = metric.value.split()[0].replace("−", "-").replace(",", "")
    return math.inf if text == "∞" else float(text)


def specs(at: AppTest) -> list[str]:
    """Each chart's Vega-Lite spec plus the text of its data sets (Arrow tables), so numbers can be found in it."""
    out = []
    for chart in at.get("vega_lite_chart"):
        tables = [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]
        out.append(chart.proto.spec + "\n".join(t.to_csv(index=False) for t in tables))
    return out


def assert_clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    text = shown_text(at).lower()
    assert "nan" not in text.split() and "undefined" not in text and "traceback" not in text


def settings(choice: str, heads: float = scene.HEADS, k: int = 4, weights: tuple[int, ...] = ()) -> tuple:
    """The page's distribution settings for ``choice`` (the other controls at their defaults)."""
    return choice, heads, k, weights, "", False, scene.SAMPLE_TEXT


@pytest.fixture
def at() -> AppTest:
    return run_app(PAGE)


def test_default_is_the_loaded_die_with_the_frame_around_it(at):
    assert_clean(at)
    src = scene.source(*settings("Loaded die"))
    assert value(at, "Entropy H(p)") == pytest.approx(src.h, abs=5e-4)
    assert value(at, "Maximum log₂ K") == pytest.approx(src.h_max, abs=5e-4)
    assert value(at, "Huffman L per symbol") == pytest.approx(src.L, abs=5e-4)
    sent = scene.message(*settings("Loaded die"), 500, 0)
    assert value(at, "Measured per symbol") == pytest.approx(sent.bps, abs=5e-4)
    assert len(specs(at)) == 1 and f"{src.h:.3f}" in specs(at)[0]
    assert at.dataframe, "the Huffman code table is shown"
    assert sent.pairs in at.get("code")[0].value
    text = shown_text(at)
    assert "H(p)" in at.latex[0].value and "What to notice" in text and "The die shows 6 half of the time." in text
    assert "Precisely: H(p) is the minimum *average* number of bits per symbol" in text
    assert f"here {src.h:.3f} ≤ {src.L:.3f} < {src.h + 1:.3f}" in text  # the notice quotes the numbers on screen
    assert at.radio and at.expander  # the quiz and the derivation
    assert '"description"' in at.get("vega_lite_chart")[0].proto.spec  # a text alternative for screen readers


def test_moving_the_coin_slider_changes_number_and_chart(at):
    at.selectbox(key="ent_dist").set_value("Biased coin").run()
    assert_clean(at)
    before_h, before = value(at, "Entropy H(p)"), specs(at)[0]
    at.slider(key="ent_heads").set_value(0.7).run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == pytest.approx(scene.source(*settings("Biased coin", heads=0.7)).h, abs=5e-4)
    assert value(at, "Entropy H(p)") != before_h
    assert specs(at)[0] != before


def test_sliders_k_and_weights_move_the_numbers(at):
    at.selectbox(key="ent_dist").set_value("My sliders").run()
    assert value(at, "Entropy H(p)") == pytest.approx(1.75, abs=5e-4)
    before = specs(at)[0]
    at.slider(key="ent_k").set_value(6).run()
    assert_clean(at)
    six = scene.source(*settings("My sliders", k=6, weights=scene.SLIDER_DEFAULTS[:6]))
    assert value(at, "Entropy H(p)") == pytest.approx(six.h, abs=5e-4)
    assert specs(at)[0] != before


def test_typed_garbage_and_bad_sums_give_clear_messages(at):
    at.selectbox(key="ent_dist").set_value("Typed probabilities").run()
    at.text_input(key="ent_probs").input("0.5, banana").run()
    assert not at.exception
    assert any("not a probability" in e.value for e in at.error)
    at.text_input(key="ent_probs").input("0.5, 0.3").run()
    assert not at.exception
    assert any("sum to 1" in e.value for e in at.error)
    assert not at.metric and not specs(at)  # nothing is drawn from a distribution that is not one
    at.checkbox(key="ent_norm").check().run()
    assert_clean(at)
    assert not at.error
    assert value(at, "Entropy H(p)") == pytest.approx(0.954, abs=5e-4)
    at.text_input(key="ent_probs").input("1.2, -0.2").run()
    assert not at.exception and any("negative" in e.value for e in at.error)


def test_empty_message_and_one_symbol_message(at):
    at.selectbox(key="ent_dist").set_value("Characters of my message").run()
    assert_clean(at)
    at.text_area(key="ent_msg").input("").run()
    assert not at.exception
    assert any("empty" in e.value for e in at.error)
    at.text_area(key="ent_msg").input("aaaa").run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == 0.0
    assert value(at, "Huffman L per symbol") == 0.0  # the empty codeword: L = H, inside H <= L < H + 1
    assert value(at, "Measured per symbol") == 0.0
    note = next(i.value for i in at.info if "Only one outcome" in i.value)
    assert "0 ≤ 0 < 1" in note and "L = H + 1 exactly" not in note
    assert "Character frequencies of your message (4 characters)." in shown_text(at)
    assert "(none: the receiver already knows every symbol)" in at.get("code")[0].value


def test_english_letters_with_no_letters_keeps_the_chart(at):
    at.selectbox(key="ent_dist").set_value("English letters").run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == pytest.approx(4.18, abs=0.01)
    at.text_area(key="ent_msg").input("1234 !!!").run()
    assert not at.exception
    assert any("no letters" in e.value for e in at.error)
    assert len(specs(at)) == 1  # the distribution is still drawn
    assert not any(m.label.startswith("Measured") for m in at.metric)


@pytest.mark.parametrize("tab", ["Binary entropy", "Source coding theorem", "English (Shannon)"])
def test_every_tab_renders(at, tab):
    at.selectbox(key="ent_dist").set_value("Biased coin").run()
    at.session_state["ent_tab"] = tab
    at.run()
    assert_clean(at)
    if tab == "English (Shannon)":
        table = table_with(at, "Shannon 1951 [bits/letter]")
        assert list(table["Shannon 1951 [bits/letter]"]) == [4.70, 4.14, 3.56]
        measured = scene.letters(scene.SAMPLE_TEXT).measured
        assert table["This text [bits/letter]"].iloc[2] == round(measured.F2, 2)
        assert "the sample text" in shown_text(at) and "across word boundaries" in shown_text(at)
    else:
        assert len(specs(at)) == 2
    if tab == "Binary entropy":
        assert "H = 0.469 bits" in specs(at)[1]
        assert "two outcomes: P(H) = 0.90, H = 0.469 bits." in shown_text(at)
    if tab == "Source coding theorem":
        assert "Blocks stop at n = 8" in shown_text(at) and "try the biased coin" not in shown_text(at)


def test_binary_entropy_tab_for_the_die_marks_its_point(at):
    at.session_state["ent_tab"] = "Binary entropy"
    at.run()
    assert_clean(at)
    assert "is it 6? 1.000 bits" in specs(at)[1]  # the curve always marks a point
    assert "= 1.000 + 0.50 × 2.322 = 2.161 bits." in shown_text(at)


def test_text_controls_are_capped():
    app = run_app(PAGE, query={"ent_dist": "Typed probabilities"})
    assert app.text_input(key="ent_probs").proto.max_chars == 500
    app = run_app(PAGE, query={"ent_dist": "Characters of my message"})
    assert app.text_area(key="ent_msg").proto.max_chars == scene.MAX_MESSAGE == 2000


def test_source_coding_tab_for_a_die_suggests_the_coin(at):
    at.session_state["ent_tab"] = "Source coding theorem"
    at.run()
    assert_clean(at)
    assert "try the biased coin" in shown_text(at) and "H = 0.47 bits" in shown_text(at)


def test_presenter_mode_hides_self_study():
    app = run_app(PAGE, present=True)
    assert_clean(app)
    assert not app.radio  # the quiz is hidden
    assert not app.expander
    assert value(app, "Entropy H(p)") == pytest.approx(2.161, abs=5e-4)
    assert len(specs(app)) == 2  # p(x) and the surprisals side by side, so both fit on the first screen
    assert [m.label for m in app.metric][:3] == ["Entropy H(p)", "Huffman L per symbol", "Maximum log₂ K"]
    assert app.get("table") and not app.dataframe  # the Huffman code as a big-type table


@pytest.mark.parametrize("present", [False, True])
def test_outcome_names_from_a_message_stay_plain_text(present):
    """A typed message's characters name outcomes in the notice, the curve's caption and (presenter mode) st.table:
    "*" and "_" there must not turn the page's text into italics or bold."""
    import re

    query = {"ent_dist": "Characters of my message", "ent_msg": "**__*_ ab", "ent_tab": "Huffman code"}
    app = run_app(PAGE, present=present, query=query)
    assert_clean(app)
    notice = next(str(m.value) for m in app.markdown if "Each grey bar" in str(m.value))
    assert "\\*" in notice and not re.search(r"(?<!\\)[*_]", notice)
    if present:
        cells = app.get("table")[0].value["outcome"].tolist()
        assert "\\*" in cells and "\\_" in cells
    app.session_state["ent_tab"] = "Binary entropy"
    app.run()
    caption = next(str(c.value) for c in app.caption if "“is it" in str(c.value))
    assert "“is it \\*?”" in caption  # the likeliest character, escaped
