"""The "Hidden structure", "Latent variables" and "The core challenge" pages: every control moves what they show.

The maths is tested on the scenes (tests/test_scenes_hidden_structure.py, ..._latent_variables.py,
..._core_challenge.py); here, what the pages show, through the app (``run_app``), and the chart and picture
builders they use.
"""

from __future__ import annotations

import io
import json
import math
import re

import altair as alt
import pandas as pd
import pytest
from PIL import Image
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from scenes import core_challenge as cc
from scenes import hidden_structure as hs
from scenes import latent_variables as lv
from tests.conftest import run_app, shown_text
from ui.charts import NORMAL, PRESENT
from ui.charts import latent as lc

HIDDEN = "pages/hidden_structure.py"
LATENT = "pages/latent_variables.py"
CHALLENGE = "pages/core_challenge.py"
PCA_TAB = "How many causes? PCA counts them"


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
    assert not at.error, [e.value for e in at.error]
    text = shown_text(at)
    assert not re.search(r"\bnan\b", text, flags=re.IGNORECASE), "NaN on screen"
    assert "What to notice" in text


# ----------------------------------------------------------------------------------------------- hidden structure


def test_hidden_structure_sliders_move_the_image():
    at = run_app(HIDDEN)
    assert_clean(at)
    assert at.title[0].value == "The big idea: hidden structure"
    assert metrics(at)["Hidden causes"] == "5 numbers" and metrics(at)["Observed pixels"] == "576 numbers"
    assert "all 576 pixels follow from the 5 numbers" in at.get("image")[0].proto.imgs[0].caption
    before = image_urls(at)
    assert len(before) == 2  # the stroke and the grid mosaic (first tab: length down, thickness across)
    for key, value in (("hs_angle", 120.0), ("hs_length", 18.0), ("hs_thickness", 4.0), ("hs_x", 2.0), ("hs_y", -2.0)):
        at.slider(key=key).set_value(value).run()
        assert not at.exception
        after = image_urls(at)
        assert after[0] != before[0], key  # the stroke changed
        in_grid = key in ("hs_length", "hs_thickness")  # the grid sweeps these itself; it holds the others
        assert (after[1] == before[1]) if in_grid else (after[1] != before[1]), key
        before = after


def test_hidden_structure_grid_controls_and_bad_pair():
    at = run_app(HIDDEN)
    spec = specs(at)[0]
    assert "principal direction 1" in spec and "length fixed" in spec
    assert len(chart_data(at)[0]) == 49  # 7 x 7 images
    assert "the same 49 images" in shown_text(at)
    at.selectbox(key="hs_rows").set_value("angle").run()
    at.slider(key="hs_n").set_value(4).run()
    assert not at.exception
    new = specs(at)[0]
    assert new != spec and "angle fixed" in new
    assert len(chart_data(at)[0]) == 16 and "the same 16 images" in shown_text(at)
    assert "angle 0 → 135 (down)" in at.get("image")[1].proto.imgs[0].caption
    at.selectbox(key="hs_cols").set_value("angle").run()
    assert not at.exception
    assert any("two different causes" in e.value for e in at.error)


def vary(at: AppTest, causes: list[str]) -> None:
    """Tick exactly these causes in the PCA tab (one checkbox per cause) and rerun."""
    for name in hs.CAUSE_NAMES:
        at.checkbox(key=f"hs_vary_{name}").set_value(name in causes)
    at.run()


def test_hidden_structure_pca_tab_reports_the_count():
    at = run_app(HIDDEN, query={"hs_tab": PCA_TAB})
    assert_clean(at)
    m = metrics(at)
    assert m["Causes varied"] == "3" and m["Directions above the noise"] == "3"
    assert at.success and "3 directions" in at.success[0].value
    assert len(image_urls(at)) == 2  # the stroke and the examples of the data set
    vary(at, ["x"])
    assert metrics(at)["Causes varied"] == "1" and metrics(at)["Directions above the noise"] == "1"
    spec = specs(at)[0]
    vary(at, list(hs.CAUSE_NAMES))
    at.slider(key="hs_spread").set_value(1.0).run()  # large variation: the surface bends
    assert not at.exception
    assert number(metrics(at)["Directions above the noise"]) > 5
    assert at.info and "bends" in at.info[0].value and not at.success
    assert specs(at)[0] != spec
    floor = metrics(at)["Noise floor"]
    at.slider(key="hs_noise").set_value(0.05).run()
    assert metrics(at)["Noise floor"] != floor
    at.slider(key="hs_nimg").set_value(200).run()
    at.number_input(key="hs_seed").set_value(3).run()
    assert not at.exception
    vary(at, [])
    assert not at.exception and any("at least one cause" in e.value for e in at.error)


# ----------------------------------------------------------------------------------------------- latent variables


def z_sliders(at: AppTest) -> list:
    return [s for s in at.slider if s.key and re.fullmatch(r"lv_z\d", s.key)]


def test_latent_generation_sliders_and_buttons():
    at = run_app(LATENT)
    assert_clean(at)
    assert metrics(at)["Model parameters"] == "192"  # 64*2 + 64 + 1 - 1
    # The first picture is a digit, not the blurry mean: the sliders start away from z = 0.
    assert at.slider(key="lv_z2").value != 0.0
    assert len(z_sliders(at)) == 2
    assert "z = (0.0, −2.0)" in at.get("image")[0].proto.imgs[0].caption
    at.slider(key="lv_k").set_value(5).run()
    assert len(z_sliders(at)) == 5
    assert metrics(at)["Model parameters"] == str(64 * 5 + 64 + 1 - 10)
    before = image_urls(at)
    at.slider(key="lv_z1").set_value(2.0).run()
    assert image_urls(at)[0] != before[0] and image_urls(at)[1] == before[1]  # the strip depends on k only
    at.button(key="lv_sample").click().run()
    values = [at.slider(key=f"lv_z{j}").value for j in range(1, 6)]
    assert not at.exception and any(v != 0 for v in values) and all(-3 <= v <= 3 for v in values)
    at.button(key="lv_reset").click().run()
    assert [at.slider(key=f"lv_z{j}").value for j in range(1, 6)] == [0.0] * 5


def test_latent_reconstruction_tab():
    at = run_app(LATENT)
    rebuilt = number(metrics(at)["Variance rebuilt"])
    assert rebuilt == pytest.approx(lv.reconstruction(8).rebuilt_percent, abs=0.05)
    spec, picture = specs(at)[0], image_urls(at)[2]
    at.slider(key="lv_krec").set_value(30).run()
    assert not at.exception
    assert number(metrics(at)["Variance rebuilt"]) > rebuilt
    assert metrics(at)["Numbers per digit"] == "64 → 30"
    assert specs(at)[0] != spec and image_urls(at)[2] != picture
    assert "rebuilt from k = 30 numbers" in at.get("image")[2].proto.imgs[0].caption


def test_latent_space_tab_shows_semantics():
    at = run_app(LATENT, query={"lv_tab": "Semantics: the 2-D latent space"})
    assert_clean(at)
    assert number(metrics(at)["Neighbours agree"]) > 50 and metrics(at)["Chance"] == "10 %"
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


def test_latent_complexity_tab_follows_k():
    at = run_app(LATENT, query={"lv_tab": "Reduce complexity: bits vs parameters"})
    assert_clean(at)
    m = metrics(at)
    assert number(m["PPCA vs sklearn"]) < 1e-8
    assert number(m["PPCA standardised, k = 10"]) == pytest.approx(lv.complexity(10).standardised_bits, abs=1e-3)
    assert number(m["Full-covariance Gaussian"]) < number(m["Independent pixels"]) < math.log2(17)
    spec = specs(at)[0]
    at.slider(key="lv_kll").set_value(40).run()
    m2 = metrics(at)
    assert not at.exception and "PPCA standardised, k = 40" in m2 and "PPCA standardised, k = 10" not in m2
    assert m2["Independent pixels"] == m["Independent pixels"] and specs(at)[0] != spec


# ----------------------------------------------------------------------------------------------- core challenge


def test_core_challenge_estimates_default():
    at = run_app(CHALLENGE)
    assert_clean(at)
    m = metrics(at)
    assert {
        "exact log p(x)",
        "prior MC, S = 10,000",
        "IS with q, S = 10,000",
        "prior samples that count",
        "q samples that count",
        "latent dimension d",
    } <= set(m)
    assert m["latent dimension d"] == "16"
    assert at.warning and "d = 16" in at.warning[0].value
    text = chart_text(at)
    assert "exact log p(x)" in text and "Monte Carlo from the prior" in text
    runs = chart_data(at)[0]
    assert runs["run"].nunique() == 2 * 12 and runs["S"].max() == 10_000
    assert at.get("subheader")[0].value == "The ELBO: a bound we can compute"


def test_core_challenge_controls_move_the_estimates():
    at = run_app(CHALLENGE, query={"cc_max": "1,000"})
    assert "prior MC, S = 1,000" in metrics(at)
    before = specs(at)[0]
    at.slider(key="cc_dim").set_value(4).run()
    assert not at.exception and metrics(at)["latent dimension d"] == "4" and not at.warning
    at.slider(key="cc_dim").set_value(25).run()
    assert at.warning and "d = 25" in at.warning[0].value
    spread = metrics(at)["IS spread"]
    at.slider(key="cc_width").set_value(1.0).run()  # q = the exact posterior: zero variance
    assert number(metrics(at)["IS spread"]) < 1e-6 and metrics(at)["IS spread"] != spread
    at.slider(key="cc_seeds").set_value(5).run()
    assert chart_data(at)[0]["run"].nunique() == 2 * 5
    at.number_input(key="cc_seed").set_value(4).run()
    assert not at.exception and specs(at)[0] != before


def test_core_challenge_nonlinear_model_and_sample_count():
    at = run_app(CHALLENGE, query={"cc_max": "1,000"})
    at.selectbox(key="cc_model").set_value("square").run()
    assert not at.exception
    assert at.slider(key="cc_dim").disabled
    m = metrics(at)
    assert number(m["exact log p(x)"]) == pytest.approx(-2.234, abs=1e-3)
    assert m["latent dimension d"] == "1" and not at.warning
    at.select_slider(key="cc_max").set_value(100).run()
    assert not at.exception and "prior MC, S = 100" in metrics(at)


def test_core_challenge_elbo_gap_is_the_kl_and_fitting_q_closes_it():
    at = run_app(CHALLENGE, query={"cc_max": "100"})
    m = metrics(at)
    assert number(m["ELBO(q)"]) < number(m["log p(x)"])
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
    assert not at.info
    at.button(key="cc_fit").click().run()
    assert not at.exception
    assert number(metrics(at)["gap log p(x) − ELBO"]) < 0.01


# ----------------------------------------------------------------------------------------------- the frame


def test_presenter_mode_hides_self_study_on_all_three_pages():
    for page in (HIDDEN, LATENT, CHALLENGE):
        at = run_app(page, present=True, query={"cc_max": "100"} if page == CHALLENGE else None)
        assert not at.exception
        text = shown_text(at)
        assert "Check yourself" not in text and not at.get("expander")
        assert "What to notice" in text


def test_self_study_blocks_in_normal_mode():
    at = run_app(HIDDEN)
    assert at.get("expander") and "Check yourself" in shown_text(at)
    at.radio(key="hidden_structure_quiz1").set_value("2").run()
    assert at.success and "Right." in at.success[0].value


# ----------------------------------------------------------------------------------------------- builders


def built_charts(style) -> list[alt.TopLevelMixin]:
    default = tuple(c.default for c in hs.CAUSES)
    return [
        lc.spectrum_chart(hs.count_causes(("angle", "x"), 0.1, 0.02, 100, 0), style=style),
        lc.surface_chart(hs.cause_grid("angle", "length", 3, default), "angle", "length", style=style),
        lc.latent_scatter(lv.latent_space((0, 1)), style=style),
        lc.explained_chart(lv.reconstruction(3), style=style),
        lc.complexity_chart(lv.complexity(2), style=style),
        lc.estimator_chart(cc.estimates("square", 1, 100, 4, 1.5, 0), style=style),
        lc.posterior_chart(cc.elbo_state("tanh", 1.0, 0.2, 0.5), style=style),
        lc.elbo_bar(cc.elbo_state("square", 2.0, 1.0, 0.3), style=style),
    ]


def test_chart_builders_produce_valid_vega_lite_and_grow_in_presenter_mode():
    """Pages skip Altair's schema validation for speed; validate every builder here, in both styles."""
    for normal, present in zip(built_charts(NORMAL), built_charts(PRESENT), strict=True):
        normal_spec, present_spec = normal.to_dict(validate=True), present.to_dict(validate=True)
        assert normal_spec != present_spec  # heights, mark or font sizes follow the style


def picture_size(png: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(png))
    assert image.mode == "L"
    return image.size


def test_picture_builders_are_wide_enough_to_stay_sharp():
    default = tuple(c.default for c in hs.CAUSES)
    assert picture_size(lc.stroke_picture(hs.stroke(default))) == (24 * 24 + 4, 24 * 24 + 4)
    for n in (3, 9):
        width, height = picture_size(lc.grid_picture(hs.cause_grid("angle", "length", n, default)))
        assert width == height >= lc.MOSAIC_PX
    width, height = picture_size(lc.examples_picture(hs.count_causes(("x",), 0.1, 0.02, 100, 0)))
    assert width > 4 * height
    assert picture_size(lc.digit_picture(lv.generated(2, (0.0, 0.0))))[0] >= lc.DIGIT_PX
    strips = [picture_size(lc.traversal_picture(lv.generator(k))) for k in (1, 4)]
    assert strips[0][0] == strips[1][0] >= lc.DIGIT_PX and strips[1][1] > strips[0][1]  # rows added, same width
    assert picture_size(lc.reconstruction_picture(lv.reconstruction(8)))[0] > 1000
