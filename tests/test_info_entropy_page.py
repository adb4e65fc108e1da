"""AppTest of pages/entropy.py: controls move numbers and charts; bad input gives a message, never a traceback."""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow as pa
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "entropy.py")


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


def shown(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "warning", "info") for e in at.get(kind)]
    return "\n".join(parts + [f"{m.label} {m.value}" for m in at.metric])


def assert_clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    text = shown(at).lower()
    assert "nan" not in text.split() and "undefined" not in text and "traceback" not in text


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=120)
    app.run()
    return app


def test_default_is_the_loaded_die_with_its_numbers(at):
    assert_clean(at)
    h = stats.entropy([0.1] * 5 + [0.5], base=2)
    assert value(at, "Entropy H(p)") == pytest.approx(h, abs=5e-4)
    assert value(at, "Maximum log₂ K") == pytest.approx(math.log2(6), abs=5e-4)
    L = value(at, "Huffman L per symbol")
    assert h <= L < h + 1
    assert len(specs(at)) == 1 and "2.161" in specs(at)[0]
    assert at.dataframe, "the Huffman code table is shown"


def test_moving_the_coin_slider_changes_number_and_chart(at):
    at.selectbox(key="ent_dist").set_value("Biased coin").run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == pytest.approx(stats.entropy([0.9, 0.1], base=2), abs=5e-4)
    before = specs(at)[0]
    at.slider(key="ent_heads").set_value(0.7).run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == pytest.approx(stats.entropy([0.7, 0.3], base=2), abs=5e-4)
    assert specs(at)[0] != before


def test_sliders_k_and_weights(at):
    at.selectbox(key="ent_dist").set_value("My sliders").run()
    assert value(at, "Entropy H(p)") == pytest.approx(1.75, abs=5e-4)  # weights 4, 2, 1, 1
    assert value(at, "Huffman L per symbol") == pytest.approx(1.75, abs=5e-4)  # dyadic: the code meets H exactly
    before = specs(at)[0]
    at.slider(key="ent_k").set_value(6).run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == pytest.approx(stats.entropy([4, 2, 1, 1, 1, 1], base=2), abs=5e-4)
    assert specs(at)[0] != before


def test_typed_garbage_and_bad_sums_give_clear_messages(at):
    at.selectbox(key="ent_dist").set_value("Typed probabilities").run()
    at.text_input(key="ent_probs").input("0.5, banana").run()
    assert not at.exception
    assert any("not a probability" in e.value for e in at.error)
    at.text_input(key="ent_probs").input("0.5, 0.3").run()
    assert not at.exception
    assert any("sum to 1" in e.value for e in at.error)
    at.checkbox(key="ent_norm").check().run()
    assert_clean(at)
    assert not at.error
    assert value(at, "Entropy H(p)") == pytest.approx(stats.entropy([0.625, 0.375], base=2), abs=5e-4)
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


def test_own_message_costs_exactly_its_huffman_length_between_h_and_h_plus_1(at):
    at.selectbox(key="ent_dist").set_value("Characters of my message").run()
    at.text_area(key="ent_msg").input("abracadabra, said the wizard").run()
    assert_clean(at)
    h, L, measured = value(at, "Entropy H(p)"), value(at, "Huffman L per symbol"), value(at, "Measured per symbol")
    assert measured == pytest.approx(L, abs=1e-3)
    assert h <= measured < h + 1


def test_english_letters_with_no_letters_keeps_the_chart(at):
    at.selectbox(key="ent_dist").set_value("English letters").run()
    assert_clean(at)
    assert value(at, "Entropy H(p)") == pytest.approx(4.18, abs=0.01)
    at.text_area(key="ent_msg").input("1234 !!!").run()
    assert not at.exception
    assert any("no letters" in e.value for e in at.error)
    assert len(specs(at)) == 1  # the distribution is still drawn


@pytest.mark.parametrize("tab", ["Binary entropy", "Source coding theorem", "English (Shannon)"])
def test_every_tab_renders(at, tab):
    at.selectbox(key="ent_dist").set_value("Biased coin").run()
    at.session_state["ent_tab"] = tab
    at.run()
    assert_clean(at)
    if tab == "English (Shannon)":
        table = at.dataframe[0].value
        assert list(table["Shannon 1951 [bits/letter]"]) == [4.70, 4.14, 3.56]
    else:
        assert len(specs(at)) == 2
    if tab == "Binary entropy":
        assert "H = 0.469 bits" in specs(at)[1]


def test_presenter_mode_hides_self_study():
    app = AppTest.from_file(PAGE, default_timeout=120)
    app.session_state["present"] = True
    app.run()
    assert_clean(app)
    assert not app.radio  # the quiz is hidden
    assert not app.expander
