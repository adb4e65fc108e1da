"""AppTest of pages/approaches.py: what the page shows. The maths is tested on its scenes (test_scenes_approaches)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.conftest import run_app, shown_text
from tests.test_scenes_approaches import two_blobs_csv

PAGE = "pages/approaches.py"
VAE = "Small VAE (continuous z)"
CSV = "Your CSV file (2 columns)"


def open_page(present: bool = False, query: dict | None = None) -> AppTest:
    return run_app(PAGE, present=present, query=query)


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


def test_three_panels_their_numbers_and_the_yardstick_table(default_page):
    at = default_page
    assert not at.exception
    assert [s.value for s in at.subheader] == ["① Prescribed latent variable", "② Implicit", "③ Iterative refinement"]
    assert len(at.get("vega_lite_chart")) == 6
    text = shown_text(at)
    assert "cannot answer “how likely is this point?”" in text
    table = yardstick(at)
    assert list(table["model"]) == [
        "Gaussian mixture, K = 8",
        "Small VAE",
        "Implicit generator g(z)",
        "Diffusion model",
        "Single Gaussian (baseline)",
        "Real data (a fresh draw)",
    ]
    # the table and the numbers under the panels quote the same scores
    distance = dict(zip(table["model"], table["energy distance D ↓"], strict=True))
    shown = [m.value for m in at.metric if m.label == "energy distance D"]
    assert shown == [distance["Gaussian mixture, K = 8"], distance["Implicit generator g(z)"]]
    assert metric(at, "D at step t = 0").value == distance["Diffusion model"]
    assert table["held-out log-likelihood ↑"].iloc[0] == metric(at, "held-out log-likelihood").value
    assert table["held-out log-likelihood ↑"].iloc[2] == "not defined"
    floor = distance["Real data (a fresh draw)"]
    assert f"scored the same way, D = {floor}." in text
    assert "nan" not in text.lower().split()
    mass = float(text.split("Probability mass over the plot above: ")[1].split(" ")[0])
    assert mass == pytest.approx(1.0, abs=0.05)
    assert "What to notice" in text and at.expander and any(r.key == "approaches_quiz1" for r in at.radio)


def test_step_slider_shows_the_cloud_at_step_t(default_page):
    at = default_page
    T = int(at.slider(key="ap_step").max)
    assert at.slider(key="ap_step").value == T  # default: all T denoising steps done
    assert title_of(specs(at)[2]).startswith("Step t = 0:")
    final = as_float(metric(at, "D at step t = 0").value)
    at.slider(key="ap_step").set_value(0).run()
    assert not at.exception
    assert title_of(specs(at)[2]) == f"Step t = {T}: 0 of {T} steps done"
    assert as_float(metric(at, f"D at step t = {T}").value) > 2 * final
    half = T // 2
    at.slider(key="ap_step").set_value(T - half).run()
    assert title_of(specs(at)[2]).startswith(f"Step t = {half}:")
    marked = [d for d in chart_data(at, 5) if "t" in d and len(d) == 1]  # the rule and the point at step t
    assert marked and all(d["t"].tolist() == [half] for d in marked)
    at.slider(key="ap_step").set_value(T).run()


def test_family_control_switches_to_the_vae(default_page):
    at = default_page
    at.radio(key="ap_family").set_value(VAE).run()
    assert not at.exception
    assert title_of(specs(at)[0]).startswith("Small VAE")
    assert title_of(specs(at)[3]).startswith("Latent space")
    assert metric(at, "log-likelihood (estimate)").value.endswith("bits/point")
    assert at.slider(key="ap_k").disabled
    assert "an integral over z, estimated by importance sampling" in shown_text(at)
    at.radio(key="ap_family").set_value("Gaussian mixture (discrete z)").run()
    assert not at.slider(key="ap_k").disabled


def test_components_slider_changes_the_mixture(default_page):
    at = default_page
    before = metric(at, "held-out log-likelihood").value
    at.slider(key="ap_k").set_value(1).run()
    assert not at.exception
    table = yardstick(at)
    assert table["model"].iloc[0] == "Gaussian mixture, K = 1"
    assert title_of(specs(at)[0]).startswith("Mixture, K = 1:")
    (bars,) = chart_data(at, 3)
    assert len(bars) == 1 and bars["prior"].iloc[0] == pytest.approx(1.0)
    one_blob = metric(at, "held-out log-likelihood").value
    assert one_blob != before
    assert table["held-out log-likelihood ↑"].iloc[0] == table["held-out log-likelihood ↑"].iloc[4] == one_blob
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
    at.selectbox(key="ap_data").set_value(CSV).run()
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
    at = open_page(query={"ap_data": CSV})
    at.file_uploader[0].set_value(("points.csv", content, "text/csv")).run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert len(at.get("vega_lite_chart")) == 0


def test_a_valid_csv_trains_all_three_families():
    at = open_page(query={"ap_data": CSV})
    at.file_uploader[0].set_value(("two_blobs.csv", two_blobs_csv(), "text/csv")).run()
    assert not at.exception
    assert not at.error
    assert len(at.get("vega_lite_chart")) == 6
    text = shown_text(at)
    assert "standardised" in text
    assert "never match 36 held-out points" in text
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
    big, normal = specs(at), specs(default_page)
    assert all(b["height"] > n["height"] for b, n in zip(big, normal, strict=True))
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
