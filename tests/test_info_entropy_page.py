"""AppTest of pages/entropy.py: controls move numbers and charts; bad input gives a message, never a traceback.

The maths behind the numbers is tested on the scenes (tests/test_scenes_entropy.py); here, what the page shows.
"""

from __future__ import annotations

import math

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from scenes import entropy as scene
from tests.conftest import run_app, shown_text, table_with

PAGE = "pages/entropy.py"


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
    assert at.radio and at.expander  # the quiz and the derivation


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
    assert value(at, "Measured per symbol") == 1.0
    assert any("Only one outcome" in w.value for w in at.warning)
    assert "Character frequencies of your message (4 characters)." in shown_text(at)


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
        assert list(table_with(at, "Shannon 1951 [bits/letter]")["Shannon 1951 [bits/letter]"]) == [4.70, 4.14, 3.56]
        assert "the sample text" in shown_text(at)
    else:
        assert len(specs(at)) == 2
    if tab == "Binary entropy":
        assert "H = 0.469 bits" in specs(at)[1]
        assert "The current coin: P(H) = 0.90, H = 0.469 bits." in shown_text(at)
    if tab == "Source coding theorem":
        assert "Blocks stop at n = 8" in shown_text(at) and "try the biased coin" not in shown_text(at)


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
