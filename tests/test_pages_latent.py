"""AppTest: the "Hidden structure", "Latent variables" and "The core challenge" pages, every control driven."""

from __future__ import annotations

import json
import math
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TIMEOUT, shown_text
from ui import latent_charts as lc

HIDDEN = "pages/hidden_structure.py"
LATENT = "pages/latent_variables.py"
CHALLENGE = "pages/core_challenge.py"


def run(page: str, *, present: bool = False, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def number(text: str) -> float:
    """'−15.464 nats' -> -15.464; '1.2e-13 nats' -> 1.2e-13 (the frame writes a real minus sign)."""
    match = re.search(r"[−-]?[\d,]*\.?\d+(e[−-]?\d+)?", text)
    return float(match.group(0).replace("−", "-").replace(",", ""))


def specs(at: AppTest) -> list[str]:
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]


def chart_data(at: AppTest, i: int = 0) -> list[pd.DataFrame]:
    """The data sets of chart i (Streamlit sends them beside the spec, as Arrow tables)."""
    chart = at.get("vega_lite_chart")[i]
    return [dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]


def chart_text(at: AppTest, i: int = 0) -> str:
    """Spec and data of chart i as one string, to look for titles and labels."""
    return specs(at)[i] + "".join(df.to_csv(index=False) for df in chart_data(at, i))


def image_urls(at: AppTest) -> list[str]:
    return [img.url for element in at.get("image") for img in element.proto.imgs]


def assert_clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    text = shown_text(at)
    assert not re.search(r"\bnan\b", text, flags=re.IGNORECASE), "NaN on screen"
    assert "What to notice" in text


# ----------------------------------------------------------------------------------------------- hidden structure


def test_hidden_structure_sliders_move_the_image():
    at = run(HIDDEN)
    assert_clean(at)
    assert at.title[0].value == "The big idea: hidden structure"
    assert metrics(at)["Hidden causes"] == "5 numbers" and metrics(at)["Observed pixels"] == "576 numbers"
    before = image_urls(at)
    assert len(before) == 2  # the stroke and the grid mosaic (first tab: length down, thickness across)
    for key, value in (("hs_angle", 120.0), ("hs_length", 18.0), ("hs_thickness", 4.0), ("hs_x", 2.0),
                       ("hs_y", -2.0)):
        at.slider(key=key).set_value(value).run()
        assert not at.exception
        after = image_urls(at)
        assert after[0] != before[0], key  # the stroke changed
        in_grid = key in ("hs_length", "hs_thickness")  # the grid sweeps these itself; it holds the others
        assert (after[1] == before[1]) if in_grid else (after[1] != before[1]), key
        before = after


def test_hidden_structure_grid_controls_and_bad_pair():
    at = run(HIDDEN)
    spec = specs(at)[0]
    assert "principal direction 1" in spec and "length fixed" in spec
    assert len(chart_data(at)[0]) == 49  # 7 x 7 images
    at.selectbox(key="hs_rows").set_value("angle").run()
    at.slider(key="hs_n").set_value(4).run()
    assert not at.exception
    new = specs(at)[0]
    assert new != spec and "angle fixed" in new
    assert len(chart_data(at)[0]) == 16
    at.selectbox(key="hs_cols").set_value("angle").run()
    assert not at.exception
    assert any("two different causes" in e.value for e in at.error)


def vary(at: AppTest, causes: list[str]) -> None:
    """Tick exactly these causes in the PCA tab (one checkbox per cause) and rerun."""
    for name in ("angle", "length", "thickness", "x", "y"):
        at.checkbox(key=f"hs_vary_{name}").set_value(name in causes)
    at.run()


def test_hidden_structure_pca_counts_the_causes():
    at = run(HIDDEN, hs_tab="How many causes? PCA counts them")
    assert_clean(at)
    m = metrics(at)
    assert m["Causes varied"] == "3" and m["Directions above the noise"] == "3"
    assert at.success and "3 directions" in at.success[0].value
    vary(at, ["x"])
    assert metrics(at)["Directions above the noise"] == "1"
    vary(at, ["angle", "length", "thickness", "x", "y"])
    assert metrics(at)["Directions above the noise"] == "5"
    spec = specs(at)[0]
    at.slider(key="hs_spread").set_value(1.0).run()  # large variation: the surface bends
    assert not at.exception
    assert number(metrics(at)["Directions above the noise"]) > 5
    assert at.info and "bends" in at.info[0].value
    assert specs(at)[0] != spec
    at.slider(key="hs_noise").set_value(0.05).run()
    at.slider(key="hs_nimg").set_value(200).run()
    at.number_input(key="hs_seed").set_value(3).run()
    assert not at.exception
    vary(at, [])
    assert not at.exception and any("at least one cause" in e.value for e in at.error)


# ----------------------------------------------------------------------------------------------- latent variables


def test_latent_generation_sliders_and_buttons():
    at = run(LATENT)
    assert_clean(at)
    assert metrics(at)["Model parameters"] == "192"  # 64*2 + 64 + 1 - 1
    # The first picture is a digit, not the blurry mean: the sliders start away from z = 0.
    assert at.slider(key="lv_z2").value != 0.0
    assert len([s for s in at.slider if s.key and re.fullmatch(r"lv_z\d", s.key)]) == 2
    at.slider(key="lv_k").set_value(5).run()
    assert len([s for s in at.slider if s.key and re.fullmatch(r"lv_z\d", s.key)]) == 5
    assert metrics(at)["Model parameters"] == str(64 * 5 + 64 + 1 - 10)
    before = image_urls(at)[0]
    at.slider(key="lv_z1").set_value(2.0).run()
    assert image_urls(at)[0] != before
    at.button(key="lv_sample").click().run()
    values = [at.slider(key=f"lv_z{j}").value for j in range(1, 6)]
    assert not at.exception and any(v != 0 for v in values) and all(-3 <= v <= 3 for v in values)
    at.button(key="lv_reset").click().run()
    assert [at.slider(key=f"lv_z{j}").value for j in range(1, 6)] == [0.0] * 5


def test_latent_reconstruction_tab():
    at = run(LATENT)
    rebuilt = number(metrics(at)["Variance rebuilt"])
    assert 50 < rebuilt < 90
    spec = specs(at)[0]
    at.slider(key="lv_krec").set_value(30).run()
    assert not at.exception
    assert number(metrics(at)["Variance rebuilt"]) > rebuilt
    assert metrics(at)["Numbers per digit"] == "64 → 30"
    assert specs(at)[0] != spec


def test_latent_space_tab_shows_semantics():
    at = run(LATENT, lv_tab="Semantics: the 2-D latent space")
    assert_clean(at)
    assert number(metrics(at)["Neighbours agree"]) > 50  # chance is 10 %
    rows = chart_data(at)[0]
    assert len(rows) == 450 and set(rows["digit"]) == {str(d) for d in range(10)}
    spec = json.loads(specs(at)[0])
    assert spec["width"] == spec["height"]  # square, with the same range on both axes: distances look right
    domains = [spec["encoding"][c]["scale"]["domain"] for c in ("x", "y")]
    assert domains[0] == domains[1]
    at.multiselect(key="lv_digits").set_value([0, 1]).run()
    assert set(chart_data(at)[0]["digit"]) == {"0", "1"}
    assert json.loads(specs(at)[0])["encoding"]["x"]["scale"]["domain"] == domains[0]  # no rescaling
    at.multiselect(key="lv_digits").set_value([]).run()
    assert not at.exception and any("at least one digit" in e.value for e in at.error)


def test_latent_likelihood_tab_agrees_with_sklearn_and_reduces_complexity():
    at = run(LATENT, lv_tab="Reduce complexity: bits vs parameters")
    assert_clean(at)
    m = metrics(at)
    assert number(m["PPCA vs sklearn"]) < 1e-8
    ppca = number(m["PPCA standardised, k = 10"])
    diag, full = number(m["Independent pixels"]), number(m["Full-covariance Gaussian"])
    assert full < ppca < diag < math.log2(17)
    at.slider(key="lv_kll").set_value(40).run()
    m2 = metrics(at)
    assert not at.exception and number(m2["PPCA standardised, k = 40"]) < ppca
    assert number(m2["PPCA vs sklearn"]) < 1e-8


# ----------------------------------------------------------------------------------------------- core challenge


def test_core_challenge_estimates_default():
    at = run(CHALLENGE)
    assert_clean(at)
    m = metrics(at)
    exact = number(m["exact log p(x)"])
    assert abs(number(m["IS with q, S = 10,000"]) - exact) < 0.05
    assert number(m["prior samples that count"]) < number(m["q samples that count"])
    # The default makes the slide's point at once: in 16 dimensions, 10,000 prior samples are not enough.
    assert number(m["prior MC, S = 10,000"]) < exact - 0.5
    assert at.warning and "d = 16" in at.warning[0].value
    text = chart_text(at)
    assert "exact log p(x)" in text and "Monte Carlo from the prior" in text
    runs = chart_data(at)[0]
    assert runs["run"].nunique() == 2 * 12 and runs["S"].max() == 10_000


def test_core_challenge_high_dimension_breaks_prior_sampling():
    at = run(CHALLENGE, cc_max=1_000)
    at.slider(key="cc_dim").set_value(25).run()
    assert not at.exception
    m = metrics(at)
    exact = number(m["exact log p(x)"])
    assert number(m["prior MC, S = 1,000"]) < exact - 0.5
    assert abs(number(m["IS with q, S = 1,000"]) - exact) < 0.5
    assert at.warning and "d = 25" in at.warning[0].value
    before = specs(at)[0]
    at.slider(key="cc_width").set_value(1.0).run()  # q = the exact posterior: zero variance
    m = metrics(at)
    assert number(m["IS spread"]) < 1e-6
    at.slider(key="cc_seeds").set_value(5).run()
    at.number_input(key="cc_seed").set_value(4).run()
    assert not at.exception and specs(at)[0] != before


def test_core_challenge_nonlinear_model_and_sample_count():
    at = run(CHALLENGE, cc_max=1_000)
    at.selectbox(key="cc_model").set_value("square").run()
    assert not at.exception
    assert at.slider(key="cc_dim").disabled
    m = metrics(at)
    assert number(m["exact log p(x)"]) == pytest.approx(-2.234, abs=1e-3)
    at.select_slider(key="cc_max").set_value(100).run()
    assert not at.exception and "prior MC, S = 100" in metrics(at)


def test_core_challenge_elbo_gap_is_the_kl_and_fitting_q_closes_it():
    at = run(CHALLENGE, cc_max=100)
    m = metrics(at)
    log_p, bound = number(m["log p(x)"]), number(m["ELBO(q)"])
    assert bound < log_p
    assert m["gap log p(x) − ELBO"] == m["KL(q ‖ p(z|x)), direct"]
    at.slider(key="cc_qs").set_value(1.5).run()
    at.slider(key="cc_qm").set_value(-0.5).run()
    m2 = metrics(at)
    assert m2["gap log p(x) − ELBO"] == m2["KL(q ‖ p(z|x)), direct"] and m2["ELBO(q)"] != m["ELBO(q)"]
    # square decoder, two posterior modes: the best Gaussian keeps about log 2 of gap
    at.slider(key="cc_qm").set_value(1.0).run()
    at.slider(key="cc_qs").set_value(0.3).run()
    at.button(key="cc_fit").click().run()
    assert at.slider(key="cc_qm").value == pytest.approx(math.sqrt(2), abs=0.05)
    assert number(metrics(at)["gap log p(x) − ELBO"]) == pytest.approx(math.log(2), abs=0.05)
    assert at.info and "two modes" in at.info[0].value
    # linear decoder: q can become the exact posterior, the gap closes
    at.selectbox(key="cc_dec").set_value("linear").run()
    at.slider(key="cc_x").set_value(1.5).run()
    at.button(key="cc_fit").click().run()
    assert not at.exception
    assert number(metrics(at)["gap log p(x) − ELBO"]) < 0.01


def test_presenter_mode_hides_self_study_on_all_three_pages():
    for page in (HIDDEN, LATENT, CHALLENGE):
        at = run(page, present=True, cc_max=100)
        assert not at.exception
        text = shown_text(at)
        assert "Check yourself" not in text and not at.get("expander")
        assert "What to notice" in text


def test_self_study_blocks_in_normal_mode():
    at = run(HIDDEN)
    assert at.get("expander") and "Check yourself" in shown_text(at)
    at.radio(key="hidden_structure_quiz1").set_value("2").run()
    assert at.success


def test_chart_builders_produce_valid_vega_lite():
    """Pages skip Altair's schema validation for speed; validate every builder here."""
    sizes = np.array([1, 10, 100])
    runs = {name: np.random.default_rng(0).normal(-5, 1, (3, 3)) for name in lc.ESTIMATOR_COLORS}
    z = np.linspace(-3, 3, 50)
    table = pd.DataFrame({"model": ["PPCA", "PPCA", "independent pixels"], "k": [1, 2, None],
                          "parameters": [129, 192, 128], "bits": [4.1, 4.0, 3.4]})
    built = [
        lc.spectrum_chart(np.array([1.0, 0.1, 0.001]), 0.002, 2),
        lc.surface_chart(np.random.default_rng(0).normal(size=(3, 3, 2)), np.arange(3.0), np.arange(3.0), "a", "b"),
        lc.latent_scatter(np.zeros((4, 2)), np.arange(4)),
        lc.explained_chart(np.arange(5), np.linspace(0, 1, 5), 2),
        lc.complexity_chart(table, 2, 4.09),
        lc.estimator_chart(sizes, runs, -5.0),
        lc.posterior_chart(z, np.exp(-z**2), np.exp(-z**2), np.exp(-z**2)),
        lc.elbo_bar(-2.0, -3.5, 1.5),
    ]
    for chart in built:
        assert isinstance(chart, alt.TopLevelMixin)
        chart.to_dict(validate=True)


def test_image_helpers_are_crisp_and_bounded():
    img = np.array([[0.0, 1.0], [0.5, 2.0]])
    big = lc.enlarge(lc.ink(img), 3)
    assert big.shape == (6, 6) and big.dtype == np.uint8
    assert big[0, 0] == 255 and big[0, 5] == 0 and big[5, 5] == 0  # blank = white, ink = black, clipped
    tiles = lc.mosaic(np.zeros((2, 3, 4, 4)), factor=2, gap=1)
    assert tiles.shape == (2 * 8 + 3, 3 * 8 + 4)
