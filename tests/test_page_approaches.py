"""AppTest of pages/approaches.py: three live model families on the same data, one common yardstick."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TIMEOUT, shown_text

PAGE = "pages/approaches.py"
VAE = "Small VAE (continuous z)"


def open_page(present: bool = False, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def chart_data(at: AppTest, i: int) -> list[pd.DataFrame]:
    """The data tables Streamlit sent with chart i (Arrow-encoded beside the spec)."""
    chart = at.get("vega_lite_chart")[i]
    return [dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]


def title_of(spec: dict) -> str:
    """A chart's title as one string (titles of several lines are joined with spaces)."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def yardstick(at: AppTest) -> pd.DataFrame:
    """The yardstick table (an HTML st.table, so it wraps at 1366 px and grows in presenter mode)."""
    table = at.table[0].value
    return table.data if hasattr(table, "data") else table


def metric(at: AppTest, starts: str):
    return next(m for m in at.metric if m.label.startswith(starts))


def as_float(text: str) -> float:
    return float(str(text).replace("−", "-").split()[0])


@pytest.fixture(scope="module")
def default_page() -> AppTest:
    return open_page()


def test_three_panels_and_the_yardstick_table(default_page):
    at = default_page
    assert not at.exception
    assert [s.value for s in at.subheader] == ["① Prescribed latent variable", "② Implicit", "③ Iterative refinement"]
    assert len(at.get("vega_lite_chart")) == 6
    text = shown_text(at)
    assert "cannot answer “how likely is this point?”" in text
    table = yardstick(at)
    assert list(table["model"])[:4] == [
        "Gaussian mixture, K = 8",
        "Small VAE",
        "Implicit generator g(z)",
        "Diffusion model",
    ]
    distance = {m: as_float(d) for m, d in zip(table["model"], table["energy distance D ↓"], strict=True)}
    baseline = distance["Single Gaussian (baseline)"]
    # every trained model beats the single Gaussian on held-out data, none beats fresh real data by much
    for name in ("Gaussian mixture, K = 8", "Implicit generator g(z)", "Diffusion model"):
        assert distance[name] < baseline, name
    assert table["held-out log-likelihood ↑"].iloc[2] == "not defined"
    assert "nan" not in text.lower().split()
    mass = float(text.split("Probability mass over the plot above: ")[1].split(" ")[0])
    assert mass == pytest.approx(1.0, abs=0.05)


def test_step_slider_shows_the_cloud_at_step_t(default_page):
    at = default_page
    T = int(at.slider(key="ap_step").max)
    assert at.slider(key="ap_step").value == T       # default: all T denoising steps done
    assert title_of(specs(at)[2]).startswith("Step t = 0:")
    final = as_float(metric(at, "D at step t = 0").value)
    at.slider(key="ap_step").set_value(0).run()
    assert not at.exception
    assert title_of(specs(at)[2]).startswith(f"Step t = {T}:")
    noise = as_float(metric(at, f"D at step t = {T}").value)
    assert noise > 2 * final
    half = T // 2
    at.slider(key="ap_step").set_value(T - half).run()
    assert title_of(specs(at)[2]).startswith(f"Step t = {half}:")
    halfway = as_float(metric(at, f"D at step t = {half}").value)
    assert final < halfway
    at.slider(key="ap_step").set_value(T).run()


def test_family_control_switches_to_the_vae(default_page):
    at = default_page
    at.radio(key="ap_family").set_value(VAE).run()
    assert not at.exception
    assert title_of(specs(at)[0]).startswith("Small VAE")
    assert title_of(specs(at)[3]).startswith("Latent space")
    assert metric(at, "log-likelihood (estimate)").value.endswith("bits/point")
    assert at.slider(key="ap_k").disabled
    at.radio(key="ap_family").set_value("Gaussian mixture (discrete z)").run()
    assert not at.slider(key="ap_k").disabled


def test_components_slider_changes_the_mixture(default_page):
    at = default_page
    before = metric(at, "held-out log-likelihood").value
    at.slider(key="ap_k").set_value(1).run()
    assert not at.exception
    assert yardstick(at)["model"].iloc[0] == "Gaussian mixture, K = 1"
    (bars,) = chart_data(at, 3)
    assert len(bars) == 1 and bars["prior"].iloc[0] == pytest.approx(1.0)
    one_blob = as_float(metric(at, "held-out log-likelihood").value)
    assert one_blob < as_float(before)  # one Gaussian fits two moons worse than eight
    at.slider(key="ap_k").set_value(8).run()


def test_data_control_changes_the_data_and_retrains():
    at = open_page()
    before = chart_data(at, 1)[0]
    at.selectbox(key="ap_data").set_value("Three blobs").run()
    assert not at.exception
    after = chart_data(at, 1)[0]
    assert not after[["x1", "x2"]].equals(before[["x1", "x2"]])
    assert yardstick(at).shape[0] == 6


def test_csv_without_a_file_asks_for_one():
    at = open_page()
    at.selectbox(key="ap_data").set_value("Your CSV file (2 columns)").run()
    assert not at.exception
    assert not at.error
    assert any("Upload a CSV file" in i.value for i in at.info)
    assert len(at.get("vega_lite_chart")) == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (b"x1,x2\n" + b"1,2\n" * 5 + b"3,oops\n" * 10, "not a number"),
        (b"x1,x2\n" + b"".join(f"{i},{i % 7}\n".encode() for i in range(20)), "at least 40"),
        (b"x1,x2\n" + b"".join(f"{i},5\n".encode() for i in range(60)), "same value in every row"),
    ],
)
def test_bad_csv_gives_a_clear_error(content, message):
    at = open_page(query={"ap_data": "Your CSV file (2 columns)"})
    at.file_uploader[0].set_value(("points.csv", content, "text/csv")).run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]


def test_a_valid_csv_trains_all_three_families():
    import numpy as np

    r = np.random.default_rng(0)
    X = np.r_[r.normal([0, 0], 0.3, (60, 2)), r.normal([3, 3], 0.3, (60, 2))] * 100
    content = ("a,b\n" + "\n".join(f"{x:.3f},{y:.3f}" for x, y in X)).encode()
    at = open_page(query={"ap_data": "Your CSV file (2 columns)"})
    at.file_uploader[0].set_value(("two_blobs.csv", content, "text/csv")).run()
    assert not at.exception
    assert not at.error
    assert len(at.get("vega_lite_chart")) == 6
    assert "standardised" in shown_text(at)
    assert yardstick(at)["model"].iloc[5] == "Real data (training points)"


def test_a_link_reopens_the_same_state():
    at = open_page(query={"ap_step": "10", "ap_family": VAE})
    assert not at.exception
    assert at.slider(key="ap_step").value == 10
    T = int(at.slider(key="ap_step").max)
    assert title_of(specs(at)[2]).startswith(f"Step t = {T - 10}:")
    assert title_of(specs(at)[0]).startswith("Small VAE")


def test_presenter_mode_enlarges_the_figures_and_hides_self_study(default_page):
    at = open_page(present=True)
    assert not at.exception
    assert specs(at)[0]["height"] > specs(default_page)[0]["height"]
    assert not any(r.key == "approaches_quiz1" for r in at.radio)
    assert not at.expander


def test_presenter_mode_enlarges_the_yardstick_table():
    """st.table is HTML: presenter mode styles its cells bigger (a canvas-drawn st.dataframe would stay small)."""
    normal, big = open_page(), open_page(present=True)
    assert "font-size" not in normal.table[0].proto.arrow_data.styler.styles
    assert "font-size: 1.25rem" in big.table[0].proto.arrow_data.styler.styles
    assert yardstick(big).equals(yardstick(normal))


@pytest.mark.parametrize("present", [False, True])
def test_titles_and_labels_fit_three_narrow_panels(present):
    """Three panels side by side are about 280 px wide in presenter mode on a 1366 px laptop with the sidebar
    open: chart title lines and metric labels must be short enough not to be cut off with an ellipsis."""
    for query in ({}, {"ap_family": VAE, "ap_step": "37"}):
        at = open_page(present=present, query=query)
        for spec in specs(at):
            text = spec["title"]["text"]
            for line in text if isinstance(text, list) else [text]:
                assert len(line) <= 22, line
        for m in at.metric:
            assert len(m.label) <= 26, m.label
            assert len(str(m.value)) <= 16, m.value


def test_runs_inside_the_apps_navigation():
    """Inside st.navigation the page runs as __main__'s child: cached values must still pickle."""
    app = (
        "import streamlit as st\n"
        f"st.navigation([st.Page({str(ROOT / PAGE)!r}, title='Approaches', default=True)]).run()\n"
    )
    at = AppTest.from_string(app, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.get("vega_lite_chart")) == 6
