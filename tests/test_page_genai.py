"""AppTest of the discriminative-vs-generative page: the slide's figure (discriminative q(y=1|x) beside generative
q(x) with new points) and its key numbers come first; the controls change the pictures and the numbers; the probe
never moves the window; the tabs hold both models as classifiers and Ng & Jordan's curves; an unusable CSV gets a
clear message while the page keeps working, and nothing from a file reaches markdown unescaped. The maths behind
every number is tested on the scenes (tests/test_scenes_genai.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import drawn_spec_texts, run_app, shown_text
from ui.charts import genai as gc

PAGE = "app_pages/genai.py"


def specs(at: AppTest) -> list[str]:
    """The Vega-Lite spec (JSON text) of every chart, in page order: left, right, density, learning curve."""
    return drawn_spec_texts(at)


def metric(at: AppTest, label: str, nth: int = 0) -> str:
    return [m.value for m in at.metric if m.label == label][nth]


def ok(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def upload(at: AppTest, content: bytes, name: str = "points.csv") -> AppTest:
    at.selectbox(key="gen_data").set_value("upload").run()
    return at.file_uploader(key="gen_csv").upload(name, content, "text/csv").run()


def csv(X: np.ndarray, labels, header: str = "x1,x2,label") -> bytes:
    rows = [header] + [f"{a:.4f},{b:.4f},{lab}" for (a, b), lab in zip(X, labels, strict=True)]
    return "\n".join(rows).encode()


def _domains(spec: dict) -> list:
    """Every scale domain in a spec (x, y and colour), to compare two panels."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "domain" in node:
                found.append(node["domain"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


def _numeric_domains(spec: dict) -> list[list[float]]:
    return [d for d in _domains(spec) if len(d) == 2 and all(isinstance(v, int | float) for v in d)]


def windows(spec: dict) -> set[tuple[float, ...]]:
    """The distinct x and y windows a chart's layers use."""
    return {tuple(d) for d in _numeric_domains(spec)}


_rng = np.random.default_rng(0)
_X = _rng.normal(size=(40, 2))
_LABELS = ["cat" if x[0] + x[1] > 0 else "dog" for x in _X]


@pytest.fixture(scope="module")
def default() -> AppTest:
    return run_app(PAGE)


def main_spec(at: AppTest) -> dict:
    """The slide's figure: the one two-panel (hconcat) chart, shown first."""
    first = json.loads(specs(at)[0])
    assert "hconcat" in first
    return first


def panel_specs(at: AppTest) -> list[dict]:
    """The single-panel charts after the slide's figure: the two classifiers, or the learning curve."""
    return [json.loads(x) for x in specs(at)[1:]]


def is_probe(layer: dict) -> bool:
    """x*'s layers: inline rows (outside the window) or the named probe dataset (inside)."""
    data = layer.get("data", {})
    return "values" in data or data.get("name") == gc.PROBE_DATA


def probe_layers(spec: dict) -> list[dict]:
    return [layer for panel in spec["hconcat"] for layer in panel["layer"] if is_probe(layer)]


# ------------------------------------------------------------------------------------------------ the slide


def test_default_page_shows_the_slide_figure_its_key_numbers_and_the_frame(default):
    ok(default)
    s = specs(default)
    assert len(s) == 3  # the slide's figure and the default tab's two classifiers (the curve's tab is not open)
    slide = main_spec(default)
    left, right = (json.dumps(panel, ensure_ascii=False) for panel in slide["hconcat"])
    assert "Discriminative: q(y=1 | x)" in left and "q(y=1 | x)" in left and '"detail"' in left  # a smooth line
    assert "Generative: q(x), new points" in right and "triangle-up" in right and "q(x): darker" in right
    assert windows(slide["hconcat"][0]) == windows(slide["hconcat"][1])  # one shared window
    # Key numbers first (presenter mode shows these three under the figure), then the typical point.
    labels = [m.label for m in default.metric]
    assert labels[:4] == [
        "Discriminative q(y=1|x*)",
        "Generative log₂ q(x*)",
        "Data less likely than x*",
        "Typical point log₂ q(x)",
    ]
    assert metric(default, "Data less likely than x*") == "none"  # the default x* = (3, 2.5) is never seen
    shown = shown_text(default)
    for needed in (
        "never seen anything like this",
        "Logistic regression**, degree 3",
        "Gaussian mixtures**, k = 3 per class",
        "the 200 triangles are new points",
        "sample seed 1",
        "What to notice",
        "cannot do either",
    ):
        assert needed in shown, needed
    # The notice quotes the numbers the metrics show.
    log_px, typical = metric(default, "Generative log₂ q(x*)"), metric(default, "Typical point log₂ q(x)")
    assert f"log₂ q(x*) = {log_px}, against {typical} for a typical training point" in shown
    assert "the 200 new points it drew" in shown
    assert default.radio and default.expander  # the quiz and the derivation
    # Every chart says what it shows, and the slide's figure exports its points.
    assert all(len(json.loads(x)["description"]) > 60 for x in s)


def test_the_default_tab_compares_both_models_as_classifiers(default):
    left, right = panel_specs(default)
    for panel in (left, right):
        assert "q(y=1 | x)" in json.dumps(panel) and "image" in json.dumps(panel)
    assert windows(left) == windows(right)
    shown = shown_text(default)
    for needed in (
        "Train accuracy",
        "Test accuracy",
        "Train log-loss",
        "Test log-loss",
        "Held-out log₂ q(x)",
        "bits/pt",
        "Bayes' rule turns the generative model into a classifier",
    ):
        assert needed in shown, needed
    assert sum(m.label == "Held-out log₂ q(x)" for m in default.metric) == 1  # only the generative model has it
    accuracies = [round(float(metric(default, "Test accuracy", i).split()[0])) for i in (0, 1)]
    assert f"reaches {accuracies[0]} % test accuracy and the generative one {accuracies[1]} %" in shown


def test_the_learning_curve_is_in_its_own_tab():
    at = run_app(PAGE, query={"gen_tab": "Few data: Ng & Jordan (2002)"})
    ok(at)
    (curve,) = panel_specs(at)
    assert "naive Bayes" in json.dumps(curve)
    cross = metric(at, "Curves cross at")
    assert "n ≈" in cross and f"after about {cross} logistic regression" in shown_text(at)
    assert "10 repetitions" in shown_text(at) and "1,000 test points" in shown_text(at)
    assert not any(m.label == "Train accuracy" for m in at.metric)  # the other tab did not run


def test_switching_dataset_changes_charts_and_numbers():
    at = run_app(PAGE)
    before_specs, before = specs(at), metric(at, "Generative log₂ q(x*)")
    at.selectbox(key="gen_data").set_value("xor").run()
    ok(at)
    after = specs(at)
    assert all(a != b for a, b in zip(after, before_specs, strict=True))
    assert metric(at, "Generative log₂ q(x*)") != before


def test_switching_models_changes_only_their_own_side():
    at = run_app(PAGE)
    s0 = [main_spec(at)["hconcat"], *panel_specs(at)]
    disc0, gen0 = (metric(at, "Test log-loss", i) for i in (0, 1))
    at.selectbox(key="gen_disc").set_value("mlp").run()
    ok(at)
    s1 = [main_spec(at)["hconcat"], *panel_specs(at)]
    assert s1[0][0] != s0[0][0] and s1[0][1] == s0[0][1]  # the slide: the left panel only
    assert s1[1] != s0[1] and s1[2] == s0[2]
    assert metric(at, "Test log-loss", 0) != disc0
    assert not any(w.key == "gen_degree" for w in at.slider)  # degree belongs to logistic regression only
    assert "Neural network (MLP)**" in shown_text(at)
    at.selectbox(key="gen_gen").set_value("naive_bayes").run()
    ok(at)
    s2 = [main_spec(at)["hconcat"], *panel_specs(at)]
    assert s2[0][0] == s1[0][0] and s2[0][1] != s1[0][1] and s2[1] == s1[1] and s2[2] != s1[2]
    assert metric(at, "Test log-loss", 1) != gen0
    assert not any(w.key == "gen_k" for w in at.slider)  # k belongs to the mixture only


def test_degree_and_components_sliders_change_the_pictures():
    at = run_app(PAGE)
    s0 = specs(at)
    at.slider(key="gen_degree").set_value(1).run()
    s1 = specs(at)
    assert s1[0] != s0[0] and s1[1] != s0[1] and s1[2] == s0[2]
    at.slider(key="gen_k").set_value(1).run()
    ok(at)
    s2 = specs(at)
    assert s2[0] != s1[0] and s2[1] == s1[1] and s2[2] != s1[2]


def test_generation_is_seeded_and_can_be_switched_off():
    at = run_app(PAGE)
    slide0 = specs(at)[0]
    at.number_input(key="gen_sample_seed").set_value(7).run()
    assert specs(at)[0] != slide0 and "sample seed 7" in shown_text(at)
    at.number_input(key="gen_sample_seed").set_value(1).run()
    assert specs(at)[0] == slide0  # same seed, same generated points
    at.slider(key="gen_samples").set_value(0).run()
    ok(at)
    assert "triangle-up" not in specs(at)[0]  # no generated points
    shown = shown_text(at)
    assert "the circles are the data" in shown and "Set “New points from q” above 0" in shown
    assert "triangles" not in shown.split("What to notice")[1]


# ------------------------------------------------------------------------------------------------ the probe


def test_far_probe_is_never_seen_and_the_window_stays_put(default):
    at = run_app(PAGE, query={"gen_px": "10", "gen_py": "10"})
    ok(at)
    assert metric(at, "Data less likely than x*") == "none"
    warnings = [w.value for w in at.warning if "never seen anything like this" in w.value]
    assert len(warnings) == 1 and "times less likely than a typical one" in warnings[0]
    assert "confidence: q(y | x) is an answer even where there are no data" in warnings[0]
    far, near = main_spec(at), main_spec(default)
    assert windows(far) == windows(near)  # the panels keep their extent
    marks = probe_layers(far)
    assert [m["mark"].get("shape") for m in marks if m["mark"]["type"] == "point"] == ["arrow", "arrow"]
    assert any(m["mark"].get("text") == "x* (10, 10)" for m in marks)
    x0, x1 = _numeric_domains(far)[0]
    assert all(x0 < m["data"]["values"][0]["x1"] < x1 for m in marks)  # drawn at the edge, inside the window
    # only x* changed: the panels themselves are the cached ones
    strip = [[layer for layer in panel["layer"] if not is_probe(layer)] for panel in far["hconcat"]]
    assert strip == [[layer for layer in p["layer"] if not is_probe(layer)] for p in near["hconcat"]]


def test_probe_inside_the_data_is_not_flagged():
    at = run_app(PAGE, query={"gen_px": "0", "gen_py": "0"})
    ok(at)
    assert not any("never seen" in w.value for w in at.warning)
    share = metric(at, "Data less likely than x*")
    assert share != "none" and f"x* lies among the data: {share} of training points" in shown_text(at)
    assert [m["mark"].get("shape") for m in probe_layers(main_spec(at)) if m["mark"]["type"] == "point"] == [
        "cross",
        "cross",
    ]


# ------------------------------------------------------------------------------------------------ presenter


def test_presenter_mode_hides_self_study_and_enlarges_figures(default):
    at = run_app(PAGE, present=True)
    ok(at)
    assert not at.radio
    assert not [e for e in at.expander if "Go deeper" in e.label]
    big, small = main_spec(at)["hconcat"][0], main_spec(default)["hconcat"][0]
    assert big["height"] > small["height"] and big["width"] > small["width"]
    assert len(at.get("latex")) == 1  # presenter mode: the slide's formula alone, on one line
    assert [m.label for m in at.metric][:3] == [
        "Discriminative q(y=1|x*)",
        "Generative log₂ q(x*)",
        "Data less likely than x*",
    ]


# ------------------------------------------------------------------------------------------------ CSV uploads


def test_no_file_yet_asks_for_one():
    at = run_app(PAGE)
    at.selectbox(key="gen_data").set_value("upload").run()
    ok(at)
    assert any("Upload a CSV file" in i.value for i in at.info)
    assert len(specs(at)) == 0 and "No data to fit yet" in shown_text(at)
    shown = shown_text(at)
    assert "What to notice" in shown and "Once there are data" in shown and "{disc_class}" not in shown


HOSTILE = {
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "one class only": (csv(_X, ["cat"] * 40), "Only one class"),
    "tiny class": (csv(_X[:20], ["cat"] * 17 + ["dog"] * 3), "has only 3 point"),
}


@pytest.fixture(scope="module")
def upload_page() -> AppTest:
    return run_app(PAGE)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_unusable_csv_gets_a_clear_message_and_the_page_keeps_working(upload_page, case):
    content, phrase = HOSTILE[case]
    at = upload(upload_page, content, name=f"{case}.csv")
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and phrase in errors[0], errors
    assert "Traceback" not in errors[0]
    # Nothing else broke: the notes, the tabs and the controls are all still there.
    assert len(at.get("vega_lite_chart")) == 0
    assert "What to notice" in shown_text(at) and at.selectbox(key="gen_data").value == "upload"
    at.file_uploader(key="gen_csv").clear().run()


def test_valid_csv_with_word_labels_is_described_and_fitted():
    at = run_app(PAGE)
    upload(at, csv(_X * 50 + 1000, _LABELS, header="height,weight,animal"))
    ok(at)
    assert len(specs(at)) == 3
    shown = shown_text(at)
    assert "Your file: 40 points, columns height, weight; features standardised" in shown
    assert "Class 0 = “cat”, class 1 = “dog”." in shown
    # Standardised: the plotted window is a few standard deviations wide, not around 1000.
    assert all(abs(v) < 20 for d in _numeric_domains(main_spec(at)) for v in d)


def test_names_and_labels_from_the_file_cannot_inject_markdown():
    at = run_app(PAGE)
    labels = ["_cat_" if lab == "cat" else "dog" for lab in _LABELS]
    upload(at, csv(_X, labels, header="![x](http://example.com/a.png),[click](http://example.com),label"))
    ok(at)
    shown = shown_text(at)
    assert "](" not in shown and "://" not in shown and "![" not in shown
    assert "Class 0 = “\\_cat\\_”" in shown  # underscores escaped: no emphasis from a label


def test_large_csv_is_subsampled_with_a_visible_note():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6000, 2))
    at = run_app(PAGE)
    upload(at, csv(X, (X[:, 0] > 0).astype(int)))
    ok(at)
    assert any("Subsampled 5,000 of 6,000 rows" in i.value for i in at.info)
    assert len(specs(at)) == 3


def test_class_on_a_line_with_qda_still_draws():
    t = np.linspace(-1, 1, 20)
    X = np.r_[np.c_[t, 2 * t], np.random.default_rng(2).normal(size=(20, 2)) + 3]
    at = run_app(PAGE)
    at.selectbox(key="gen_gen").set_value("qda").run()
    upload(at, csv(X, [0] * 20 + [1] * 20))
    ok(at)
    assert len(specs(at)) == 3
    assert all("nan" not in m.value.lower() and "undefined" not in m.value for m in at.metric)


def test_generative_failure_leaves_the_discriminative_side_working():
    """Too few points in the small class for k = 6 components: one clear message, the left panel still draws."""
    at = run_app(PAGE, query={"gen_k": "6"})
    upload(at, csv(_X, ["a"] * 33 + ["b"] * 7))  # 7 points of class 1: about 5 left for training
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "fewer components" in errors[0], errors
    (disc,) = [json.loads(x) for x in specs(at)]  # the discriminative panel in the classifiers' tab
    assert "Discriminative model" in disc["description"]
    assert metric(at, "Test accuracy")  # the discriminative numbers are there
    shown = shown_text(at)
    assert "could not be fitted" in shown
    assert "test accuracy and the generative one" not in shown  # no sentence quotes a missing model
