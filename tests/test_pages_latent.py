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
from tests.conftest import ROOT, drawn_spec_texts, open_derivations, run_app, shown_text
from ui.charts import DATA_GREY, NORMAL, P_COLOR, PRESENT, Q_COLOR
from ui.charts import latent as lc
from ui.charts.base import LIVE_DATA

HIDDEN = "app_pages/hidden_structure.py"
LATENT = "app_pages/latent_variables.py"
CHALLENGE = "app_pages/core_challenge.py"
PCA_TAB = "How many causes? PCA counts them"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def number(text: str) -> float:
    """'−15.464 nats' -> -15.464; '1.2e-13 nats' -> 1.2e-13 (the frame writes a real minus sign)."""
    match = re.search(r"[−-]?[\d,]*\.?\d+(e[−-]?\d+)?", text)
    return float(match.group(0).replace("−", "-").replace(",", ""))


def specs(at: AppTest) -> list[str]:
    return drawn_spec_texts(at)


def chart_data(at: AppTest, i: int = 0) -> list[pd.DataFrame]:
    """The data sets of chart i (Streamlit sends them beside the spec, as Arrow tables)."""
    chart = at.get("vega_lite_chart")[i]
    return [
        dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data)
        for d in chart.proto.datasets
        if d.name != LIVE_DATA  # the row of values the browser reads its titles and axis domains from
    ]


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


def main_figure(at: AppTest) -> int:
    """The index of the page's one main figure: the chart its script shows under a "main-" name (the frame puts it
    in the container the browser tests look for), found by the chart's description."""
    page = at.get("title")[0].value
    script = {"The big idea: hidden structure": HIDDEN, "Latent variables": LATENT, "The core challenge": CHALLENGE}
    source = (ROOT / script[page]).read_text(encoding="utf-8") + (ROOT / "ui/panels/latent.py").read_text("utf-8")
    assert len(re.findall(r'"main-[a-z-]+"', source)) == 1, "exactly one main figure per page"
    first = json.loads(at.get("vega_lite_chart")[0].proto.spec).get("description", "")
    return 0 if any(word in first for word in ("pen stroke", "the digit that", "estimates of log")) else -1


def test_hidden_structure_sliders_move_the_image():
    at = run_app(HIDDEN)
    assert_clean(at)
    assert at.title[0].value == "The big idea: hidden structure"
    assert metrics(at)["Hidden causes"] == "5 numbers" and metrics(at)["Observed pixels"] == "576 numbers"
    assert "All 576 pixels follow from the 5 numbers" in shown_text(at)
    assert main_figure(at) == 0  # the stroke, a chart with pixel axes and its 576 pixels as data
    stroke = chart_text(at, 0)
    assert "24 × 24 = 576 pixels" in stroke and "pixel column" in stroke and "causes z set on the sliders" in stroke
    assert [s.value for s in at.main.slider if str(s.key).startswith("hs_")][:5] == [60, 12, 2.5, 0, 0]
    assert len(chart_data(at, 0)[0]) == 1  # one image mark; its 576 pixels are in the Data and export table
    assert len(image_urls(at)) == 1  # the grid mosaic (first tab: length down, thickness across)
    before_spec, before_grid = specs(at)[0], image_urls(at)[0]
    for key, value in (("hs_angle", 120.0), ("hs_length", 18.0), ("hs_thickness", 4.0), ("hs_x", 2.0), ("hs_y", -2.0)):
        at.slider(key=key).set_value(value).run()
        assert not at.exception
        after_spec, after_grid = specs(at)[0], image_urls(at)[0]
        assert after_spec != before_spec, key  # the stroke changed
        in_grid = key in ("hs_length", "hs_thickness")  # the grid sweeps these itself; it holds the others
        assert (after_grid == before_grid) if in_grid else (after_grid != before_grid), key
        before_spec, before_grid = after_spec, after_grid


def test_hidden_structure_says_what_the_open_tab_shows():
    at = run_app(HIDDEN)
    notice = [m.value for m in at.markdown if m.value.startswith("- ")][0]
    assert "5 numbers decide all 576 pixels" in notice and "Varying length and thickness" in notice
    assert "bent sheet of 49 images" in notice and "PCA" not in notice
    pca = run_app(HIDDEN, query={"hs_tab": PCA_TAB})
    said = [m.value for m in pca.markdown if m.value.startswith("- ")][0]
    assert "finds exactly 3 direction(s) above the noise for the 3 cause(s)" in said and "Varying" not in said


def test_hidden_structure_quiz_names_two_numbers_and_answers_each_option():
    at = run_app(HIDDEN)
    quiz = at.radio(key="hidden_structure_quiz1")
    assert "lighting direction" not in quiz.label and "one angle" in quiz.label and "one number" in quiz.label
    quiz.set_value("65,536").run()
    assert at.error and "number of pixels" in at.error[0].value
    at.radio(key="hidden_structure_quiz1").set_value("2").run()
    assert at.success and "turn of the head" in at.success[0].value


def test_hidden_structure_grid_controls_and_bad_pair():
    at = run_app(HIDDEN)
    spec = specs(at)[1]
    assert "principal direction 1" in spec and "length fixed" in spec and "dashed green lines" in spec
    assert len(chart_data(at, 1)[0]) == 49  # 7 x 7 images
    assert "the same 49 images" in shown_text(at) and "loop" not in shown_text(at)  # no angle in this grid
    at.selectbox(key="hs_rows").set_value("angle").run()
    at.slider(key="hs_n").set_value(4).run()
    assert not at.exception
    new = specs(at)[1]
    assert new != spec and "angle fixed" in new
    assert len(chart_data(at, 1)[0]) == 16 and "the same 16 images" in shown_text(at)
    assert "closes into a loop" in shown_text(at)
    assert "angle 0 → 135 (down)" in at.get("image")[0].proto.imgs[0].caption
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
    assert len(image_urls(at)) == 1  # the examples of the data set (the stroke is a chart)
    vary(at, ["x"])
    assert metrics(at)["Causes varied"] == "1" and metrics(at)["Directions above the noise"] == "1"
    spec = specs(at)[1]
    vary(at, list(hs.CAUSE_NAMES))
    at.slider(key="hs_spread").set_value(1.0).run()  # large variation: the surface bends
    assert not at.exception
    assert number(metrics(at)["Directions above the noise"]) > 5
    assert at.info and "bends" in at.info[0].value and not at.success
    assert specs(at)[1] != spec
    said = [m.value for m in at.markdown if m.value.startswith("- ")][0]
    assert f"finds {number(metrics(at)['Directions above the noise']):.0f} direction(s)" in said and "nonlinear" in said
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
    assert len(z_sliders(at)) == 2 and at.slider(key="lv_z1").label == "z₁"
    assert main_figure(at) == 0 and "z = (0.0, −2.0)" in chart_text(at, 0)
    assert "only zⱼ moves" in at.get("image")[0].proto.imgs[0].caption and "only z_j" not in shown_text(at)
    at.slider(key="lv_k").set_value(5).run()
    assert len(z_sliders(at)) == 5
    assert metrics(at)["Model parameters"] == str(64 * 5 + 64 + 1 - 10)
    before_digit, before_strip = specs(at)[0], image_urls(at)[0]
    at.slider(key="lv_z1").set_value(2.0).run()
    assert specs(at)[0] != before_digit and image_urls(at)[0] == before_strip  # the strip depends on k only
    at.button(key="lv_sample").click().run()
    values = [at.slider(key=f"lv_z{j}").value for j in range(1, 6)]
    assert not at.exception and any(v != 0 for v in values) and all(-3 <= v <= 3 for v in values)
    at.button(key="lv_reset").click().run()
    assert [at.slider(key=f"lv_z{j}").value for j in range(1, 6)] == [0.0] * 5


def notices(at: AppTest) -> list[str]:
    """Every "What to notice" on the page, in order."""
    return [m.value for m in at.markdown if m.value.startswith("- ")]


def notice(at: AppTest) -> str:
    return notices(at)[0]


def test_latent_reconstruction_tab():
    at = run_app(LATENT)
    rebuilt = number(metrics(at)["Variance rebuilt"])
    assert rebuilt == pytest.approx(lv.reconstruction(8).rebuilt_percent, abs=0.05)
    assert "Generation: 2 latent number(s)" in notice(at) and f"keep {rebuilt:.0f}% of their" in notice(at)
    spec, picture = specs(at)[1], image_urls(at)[1]
    at.slider(key="lv_krec").set_value(30).run()
    assert not at.exception
    assert number(metrics(at)["Variance rebuilt"]) > rebuilt
    assert metrics(at)["Numbers per digit"] == "64 → 30"
    assert specs(at)[1] != spec and image_urls(at)[1] != picture
    assert "rebuilt from k = 30 numbers" in at.get("image")[1].proto.imgs[0].caption
    assert "k = 30 numbers" in notice(at)


def test_latent_space_tab_shows_semantics():
    at = run_app(LATENT, query={"lv_tab": "Semantics: the 2-D latent space"})
    assert_clean(at)
    assert number(metrics(at)["Neighbours agree"]) > 50 and metrics(at)["Chance"] == "10 %"
    assert "Semantics" in notice(at) and "Compression" not in notice(at)
    rows = chart_data(at, 1)[0]
    assert len(rows) == 450 and set(rows["digit"]) == {str(d) for d in range(10)}
    spec = json.loads(specs(at)[1])
    assert spec["width"] == spec["height"]  # square, with the same range on both axes: distances look right
    domains = [spec["encoding"][c]["scale"]["domain"] for c in ("x", "y")]
    assert domains[0] == domains[1]
    at.multiselect(key="lv_digits").set_value([0, 1]).run()
    assert set(chart_data(at, 1)[0]["digit"]) == {"0", "1"}
    assert json.loads(specs(at)[1])["encoding"]["x"]["scale"]["domain"] == domains[0]  # no rescaling
    at.multiselect(key="lv_digits").set_value([]).run()
    assert not at.exception and any("at least one digit" in e.value for e in at.error)


def test_latent_complexity_tab_follows_k():
    at = run_app(LATENT, query={"lv_tab": "Reduce complexity: bits vs parameters"})
    assert_clean(at)
    m = metrics(at)
    assert number(m["PPCA vs sklearn"]) < 1e-8
    assert number(m["PPCA standardised, k = 10"]) == pytest.approx(lv.complexity(10).standardised_bits, abs=1e-3)
    assert number(m["Full-covariance Gaussian"]) < number(m["Independent pixels"]) < math.log2(17)
    cx = lv.complexity(10)
    assert f"from k = {cx.standardised_k}; plain PPCA" in shown_text(
        at
    ) and f"only from k = {cx.plain_k}" in shown_text(at)
    assert f"scores {cx.standardised_bits:.2f} bits per pixel" in notice(at)
    spec = specs(at)[1]
    at.slider(key="lv_kll").set_value(40).run()
    m2 = metrics(at)
    assert not at.exception and "PPCA standardised, k = 40" in m2 and "PPCA standardised, k = 10" not in m2
    assert m2["Independent pixels"] == m["Independent pixels"] and specs(at)[1] != spec


# ----------------------------------------------------------------------------------------------- core challenge


def test_core_challenge_estimates_default():
    at = run_app(CHALLENGE)
    assert_clean(at)
    m = metrics(at)
    assert {
        "exact log qθ(x)",
        "prior MC, S = 10,000",
        "IS with qᵩ, S = 10,000",
        "prior samples that count",
        "qᵩ samples that count",
        "latent dimension d",
    } <= set(m)
    assert list(m)[:3] == ["exact log qθ(x)", "prior MC, S = 10,000", "IS with qᵩ, S = 10,000"]  # the slide's three
    assert m["latent dimension d"] == "16"
    assert at.warning and "d = 16" in at.warning[0].value
    assert main_figure(at) == 0
    text = chart_text(at)
    assert "exact log qθ(x)" in text and "Monte Carlo from the prior" in text
    runs = chart_data(at)[0]
    assert runs["run"].nunique() == 2 * 12 and runs["S"].max() == 10_000
    assert at.get("subheader")[0].value == "The ELBO: a bound we can compute"
    est = cc.estimates("linear", 16, 10_000, 12, 1.5, 0)
    # one notice per section, each under its own panel (a control reruns only its section)
    estimators, bound = notices(at)
    assert f"after 10,000 samples the average is still {est.mc_shortfall:.1f} nats below" in estimators
    assert f"within {abs(est.is_error):.2f} nats" in estimators and "ELBO" not in estimators
    assert "even the best keeps" in bound and "prior" not in bound
    shown = [e.label for e in at.expander]
    assert shown.index("Go deeper: why prior sampling fails in high dimension") < shown.index(
        "Go deeper: the ELBO identity"
    )


def test_core_challenge_derivation_is_computed_from_the_model_and_renders():
    at = run_app(CHALLENGE, query={"cc_max": "100", "cc_dim": "20"})
    cost = cc.dimension_cost(20, 0)
    assert f"{cost.variance:.2f} of the prior's variance" not in shown_text(at)  # closed: not drawn
    assert open_derivations(at)
    body = shown_text(at)
    assert f"has on average {cost.variance:.2f} of the prior's variance" in body
    assert f"here it is {cost.kl:.1f} nats ({cost.kl_per_dim:.2f} per dimension)" in body
    assert "about a fifth" not in body and "0.8 nats" not in body and "e^{16}" not in body
    # display maths goes through st.latex (a $$ block inside markdown would show as red source)
    assert not any("$$" in m.value for m in at.markdown)
    assert any(r"\mathrm{ELBO}(q_\phi) + \mathrm{KL}" in e.value for e in at.get("latex"))


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
    assert number(m["exact log qθ(x)"]) == pytest.approx(-2.234, abs=1e-3)
    assert m["latent dimension d"] == "1" and not at.warning
    assert "With one latent number (x = z²)" in notice(at)
    at.select_slider(key="cc_max").set_value(100).run()
    assert not at.exception and "prior MC, S = 100" in metrics(at)


def test_core_challenge_elbo_gap_is_the_kl_and_fitting_q_closes_it():
    at = run_app(CHALLENGE, query={"cc_max": "100"})
    m = metrics(at)
    assert number(m["ELBO(qᵩ)"]) < number(m["log qθ(x)"])
    assert m["gap log qθ(x) − ELBO"] == m["KL(qᵩ ‖ qθ(z|x)), direct"]
    at.slider(key="cc_qs").set_value(1.5).run()
    at.slider(key="cc_qm").set_value(-0.5).run()
    m2 = metrics(at)
    assert m2["gap log qθ(x) − ELBO"] == m2["KL(qᵩ ‖ qθ(z|x)), direct"] and m2["ELBO(qᵩ)"] != m["ELBO(qᵩ)"]
    # square decoder, two posterior modes: the best Gaussian keeps about log 2 of gap
    at.slider(key="cc_qm").set_value(1.0).run()
    at.slider(key="cc_qs").set_value(0.3).run()
    at.button(key="cc_fit").click().run()
    assert at.slider(key="cc_qm").value == pytest.approx(math.sqrt(2), abs=0.05)
    assert number(metrics(at)["gap log qθ(x) − ELBO"]) == pytest.approx(math.log(2), abs=0.05)
    assert at.info and "two peaks" in at.info[0].value
    assert f"keeps a gap of {cc.best_q('square', 2.0).gap:.2f} nats" in at.info[0].value
    # from q mean 0, the saddle between the two modes: the fit still finds a mode (it used to stay, 12.3 nats off)
    at.slider(key="cc_qm").set_value(0.0).run()
    at.button(key="cc_fit").click().run()
    assert abs(at.slider(key="cc_qm").value) == pytest.approx(math.sqrt(2), abs=0.05)
    assert number(metrics(at)["gap log qθ(x) − ELBO"]) == pytest.approx(math.log(2), abs=0.05)
    # linear decoder: q can become the exact posterior, the gap closes
    at.selectbox(key="cc_dec").set_value("linear").run()
    at.slider(key="cc_x").set_value(1.5).run()
    assert not at.info
    at.button(key="cc_fit").click().run()
    assert not at.exception
    assert number(metrics(at)["gap log qθ(x) − ELBO"]) < 0.01


def test_core_challenge_width_help_says_width_one_is_exact_only_for_the_linear_model():
    at = run_app(CHALLENGE, query={"cc_max": "100"})
    help_text = at.slider(key="cc_width").help
    assert "1 is perfect" not in help_text and "linear-Gaussian" in help_text and "no Gaussian is exact" in help_text
    at.selectbox(key="cc_model").set_value("square").run()
    at.slider(key="cc_width").set_value(1.0).run()
    assert number(metrics(at)["IS spread"]) > 0.01  # for x = z^2, width 1 is not the posterior: weights vary


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
    assert open_derivations(at)
    assert "exceeds 1.5 times that edge" in shown_text(at)  # the derivation quotes the page's margin
    at.radio(key="hidden_structure_quiz1").set_value("2").run()
    assert at.success and "Right." in at.success[0].value


# ----------------------------------------------------------------------------------------------- builders


def built_charts(style) -> list[alt.TopLevelMixin]:
    default = tuple(c.default for c in hs.CAUSES)
    return [
        lc.stroke_chart(hs.stroke(default), style=style),
        lc.digit_chart(lv.generated(2, (0.5, -1.0)), style=style),
        lc.spectrum_chart(hs.count_causes(("angle", "x"), 0.1, 0.02, 100, 0), style=style),
        lc.surface_chart(hs.cause_grid("angle", "length", 3, default), "angle", "length", style=style),
        lc.latent_scatter(lv.latent_space((0, 1)), style=style),
        lc.explained_chart(lv.reconstruction(3), style=style),
        lc.complexity_chart(lv.complexity(2), style=style),
        lc.estimator_chart(cc.estimates("square", 1, 100, 4, 1.5, 0), style=style),
        lc.estimator_chart(cc.estimates("linear", 30, 100, 4, 3.0, 0), style=style),  # estimates cut off
        lc.posterior_chart(cc.elbo_state("tanh", 1.0, 0.2, 0.5), style=style),
        lc.posterior_chart(cc.elbo_state("square", 2.0, 1.0, 0.05), style=style),  # q peaks off the scale
        lc.elbo_bar(cc.elbo_state("square", 2.0, 1.0, 0.3), style=style),
        lc.elbo_bar(cc.elbo_state("square", 2.0, -3.0, 0.05), style=style),  # ELBO off the scale
    ]


def test_chart_builders_produce_valid_vega_lite_and_grow_in_presenter_mode():
    """Pages skip Altair's schema validation for speed; validate every builder here, in both styles."""
    for normal, present in zip(built_charts(NORMAL), built_charts(PRESENT), strict=True):
        normal_spec, present_spec = normal.to_dict(validate=True), present.to_dict(validate=True)
        assert normal_spec != present_spec  # heights, mark or font sizes follow the style
        assert len(normal_spec.get("description", "")) > 40, "every chart says what it shows"


def test_charts_mark_what_they_cut_off():
    cut = json.dumps(
        ensure_ascii=False, obj=lc.estimator_chart(cc.estimates("linear", 30, 100, 4, 3.0, 0), style=NORMAL).to_dict()
    )
    assert "are cut off" in cut
    kept = json.dumps(lc.estimator_chart(cc.estimates("linear", 2, 100, 4, 1.5, 0), style=NORMAL).to_dict())
    assert "cut off" not in kept
    narrow = json.dumps(
        ensure_ascii=False, obj=lc.posterior_chart(cc.elbo_state("square", 2.0, 1.0, 0.05), style=NORMAL).to_dict()
    )
    assert "qᵩ peaks at 8.0" in narrow
    wide = json.dumps(lc.posterior_chart(cc.elbo_state("square", 2.0, 1.0, 0.5), style=NORMAL).to_dict())
    assert "peaks at" not in wide
    # the ELBO bar keeps its axis while q moves, and marks an ELBO below its left edge
    near, far = (
        lc.elbo_bar(cc.elbo_state("square", 2.0, m, s), style=NORMAL).to_dict() for m, s in ((1, 0.3), (-3, 0.05))
    )
    assert near["layer"][0]["encoding"]["x"]["scale"] == far["layer"][0]["encoding"]["x"]["scale"]
    assert "off the scale" in json.dumps(far, ensure_ascii=False) and "off the scale" not in json.dumps(near)


def test_surface_chart_draws_the_images_as_data_and_keeps_model_colours_free():
    default = tuple(c.default for c in hs.CAUSES)
    spec = json.dumps(lc.surface_chart(hs.cause_grid("angle", "length", 3, default), "a", "b", style=NORMAL).to_dict())
    assert '"filled": false' in spec and DATA_GREY in spec  # the images: hollow grey circles
    assert Q_COLOR not in spec and P_COLOR not in spec  # grid lines are neither the data p nor the model q


def picture_size(png: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(png))
    assert image.mode == "L"
    return image.size


def test_picture_builders_are_wide_enough_to_stay_sharp():
    default = tuple(c.default for c in hs.CAUSES)
    for n in (3, 9):
        width, height = picture_size(lc.grid_picture(hs.cause_grid("angle", "length", n, default)))
        assert width == height >= lc.MOSAIC_PX
    width, height = picture_size(lc.examples_picture(hs.count_causes(("x",), 0.1, 0.02, 100, 0)))
    assert width > 4 * height
    strips = [picture_size(lc.traversal_picture(lv.generator(k))) for k in (1, 4)]
    assert strips[0][0] == strips[1][0] >= lc.DIGIT_PX and strips[1][1] > strips[0][1]  # rows added, same width
    assert picture_size(lc.reconstruction_picture(lv.reconstruction(8)))[0] > 1000
