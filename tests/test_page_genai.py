"""AppTest of the discriminative-vs-generative page: controls change the pictures and the numbers, the probe's
verdict is shown, the frame's blocks are there, and an unusable CSV gets a clear message while the page keeps
working. The maths behind every number is tested on the scenes (tests/test_scenes_genai.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import run_app, shown_text

PAGE = "pages/genai.py"


def specs(at: AppTest) -> list[str]:
    """The Vega-Lite spec (JSON text) of every chart, in page order: left, right, density, learning curve."""
    return [c.proto.spec for c in at.get("vega_lite_chart")]


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


_rng = np.random.default_rng(0)
_X = _rng.normal(size=(40, 2))
_LABELS = ["cat" if x[0] + x[1] > 0 else "dog" for x in _X]


@pytest.fixture(scope="module")
def default() -> AppTest:
    return run_app(PAGE)


# ------------------------------------------------------------------------------------------------ the picture


def test_default_page_shows_both_panels_density_curve_and_the_frame(default):
    ok(default)
    s = specs(default)
    assert len(s) == 4
    left, right, density, curve = (json.loads(x) for x in s)
    # Both model panels: a PNG heatmap on the same extent with the same 0..1 colour scale.
    for panel in (left, right):
        assert "P(y=1|x)" in json.dumps(panel) and "image" in json.dumps(panel)
    assert _domains(left) == _domains(right)
    assert "p(x)" in json.dumps(density) and "triangle-up" in json.dumps(density)
    assert "naive Bayes" in json.dumps(curve)
    assert "n ≈" in metric(default, "Curves cross at")
    shown = shown_text(default)
    for needed in ("cannot generate", "Train accuracy", "Test accuracy", "Train log-loss", "Test log-loss",
                   "Held-out log₂ p(x)", "bits/pt", "What to notice", "Logistic regression**, degree 3",
                   "Gaussian mixtures**, k = 3 per class", "200 new points it generated", "sample seed 1",
                   "10 repetitions", "1,000 test points"):  # fmt: skip
        assert needed in shown, needed
    # Held-out log p(x) appears only once: under the generative model.
    assert sum(m.label == "Held-out log₂ p(x)" for m in default.metric) == 1
    # The notice quotes both test accuracies and the crossing, as the metrics show them.
    accuracies = [round(float(metric(default, "Test accuracy", i).split()[0])) for i in (0, 1)]
    assert f"reaches {accuracies[0]} % test accuracy and the generative one {accuracies[1]} %" in shown
    assert f"after about {metric(default, 'Curves cross at')} logistic regression" in shown
    assert default.radio and default.expander  # the quiz and the derivation


def test_switching_dataset_changes_charts_and_numbers():
    at = run_app(PAGE)
    before_specs, before_acc = specs(at), metric(at, "Test accuracy")
    at.selectbox(key="gen_data").set_value("xor").run()
    ok(at)
    after = specs(at)
    assert after[0] != before_specs[0] and after[1] != before_specs[1] and after[2] != before_specs[2]
    assert after[3] == before_specs[3]  # the learning curve is a fixed experiment
    assert metric(at, "Test accuracy") != before_acc


def test_switching_models_changes_only_their_own_side():
    at = run_app(PAGE)
    s0 = specs(at)
    disc0, gen0 = (metric(at, "Test log-loss", i) for i in (0, 1))
    at.selectbox(key="gen_disc").set_value("mlp").run()
    ok(at)
    s1 = specs(at)
    assert s1[0] != s0[0] and s1[1] == s0[1]
    assert metric(at, "Test log-loss", 0) != disc0
    assert not any(w.key == "gen_degree" for w in at.slider)  # degree belongs to logistic regression only
    assert "Neural network (MLP)**:" in shown_text(at)
    at.selectbox(key="gen_gen").set_value("naive_bayes").run()
    ok(at)
    s2 = specs(at)
    assert s2[0] == s1[0] and s2[1] != s1[1] and s2[2] != s1[2]
    assert metric(at, "Test log-loss", 1) != gen0
    assert not any(w.key == "gen_k" for w in at.slider)  # k belongs to the mixture only


def test_degree_and_components_sliders_change_the_boundaries():
    at = run_app(PAGE)
    s0 = specs(at)
    at.slider(key="gen_degree").set_value(1).run()
    s1 = specs(at)
    assert s1[0] != s0[0] and s1[1] == s0[1]
    at.slider(key="gen_k").set_value(1).run()
    ok(at)
    s2 = specs(at)
    assert s2[1] != s1[1] and s2[2] != s1[2]


def test_generation_is_seeded_and_can_be_switched_off():
    at = run_app(PAGE)
    density0 = specs(at)[2]
    at.number_input(key="gen_sample_seed").set_value(7).run()
    density7 = specs(at)[2]
    assert density7 != density0 and "sample seed 7" in shown_text(at)
    at.number_input(key="gen_sample_seed").set_value(1).run()
    assert specs(at)[2] == density0  # same seed, same generated points
    at.toggle(key="gen_generate").set_value(False).run()
    ok(at)
    assert "triangle-up" not in specs(at)[2]  # no generated points
    shown = shown_text(at)
    assert "p(x)** with the data" in shown and "Triangles" not in shown
    assert "cannot generate" in shown  # the discriminative side still says plainly that it cannot


# ------------------------------------------------------------------------------------------------ the probe


def test_far_probe_gets_the_never_seen_warning_and_a_wider_view():
    at = run_app(PAGE, query={"gen_px": "10", "gen_py": "10"})
    ok(at)
    assert metric(at, "Training points less likely") == "none"
    warnings = [w.value for w in at.warning if "never seen anything like this" in w.value]
    assert len(warnings) == 1 and "times less likely than a typical one" in warnings[0]
    assert "confidence: P(y|x) is an answer even where there is no data" in warnings[0]
    # The view widened to include x*: the panels' x axis now reaches past 10.
    assert max(max(d) for d in _numeric_domains(json.loads(specs(at)[0]))) > 10


def test_probe_inside_the_data_is_not_flagged():
    at = run_app(PAGE, query={"gen_px": "0", "gen_py": "0"})
    ok(at)
    assert not any("never seen" in w.value for w in at.warning)
    share = metric(at, "Training points less likely")
    assert share != "none" and f"x* lies among the data: {share} of training points" in shown_text(at)


def test_probe_can_be_hidden():
    at = run_app(PAGE)
    at.toggle(key="gen_probe").set_value(False).run()
    ok(at)
    assert "Turn on the probe" in shown_text(at)
    assert not any(m.label == "log₂ p(x*)" for m in at.metric)
    assert '"x*"' not in specs(at)[0]


# ------------------------------------------------------------------------------------------------ presenter


def test_presenter_mode_hides_self_study_and_enlarges_figures(default):
    at = run_app(PAGE, present=True)
    ok(at)
    assert not at.radio and not at.expander
    assert json.loads(specs(at)[0])["height"] > json.loads(specs(default)[0])["height"]
    assert len(at.get("latex")) == 1  # presenter mode: the slide's formula alone, on one line


# ------------------------------------------------------------------------------------------------ CSV uploads


def test_no_file_yet_asks_for_one():
    at = run_app(PAGE)
    at.selectbox(key="gen_data").set_value("upload").run()
    ok(at)
    assert any("Upload a CSV file" in i.value for i in at.info)
    assert len(specs(at)) == 1  # only the learning curve


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
    # Nothing else broke: the learning curve, the notes and the controls are all still there.
    assert len(at.get("vega_lite_chart")) == 1
    assert "What to notice" in shown_text(at)
    at.file_uploader(key="gen_csv").clear().run()


def test_valid_csv_with_word_labels_is_described_and_fitted():
    at = run_app(PAGE)
    upload(at, csv(_X * 50 + 1000, _LABELS, header="height,weight,animal"))
    ok(at)
    assert len(specs(at)) == 4
    shown = shown_text(at)
    assert "Your file: 40 points, columns height, weight; features standardised" in shown
    assert "Class 0 = “cat”, class 1 = “dog”." in shown
    # Standardised: the plotted window is a few standard deviations wide, not around 1000.
    assert all(abs(v) < 20 for d in _numeric_domains(json.loads(specs(at)[0])) for v in d)


def test_column_names_from_the_file_cannot_inject_markdown():
    at = run_app(PAGE)
    upload(at, csv(_X, _LABELS, header="![x](http://example.com/a.png),[click](http://example.com),label"))
    ok(at)
    shown = shown_text(at)
    assert "](" not in shown and "://" not in shown and "![" not in shown


def test_large_csv_is_subsampled_with_a_visible_note():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6000, 2))
    at = run_app(PAGE)
    upload(at, csv(X, (X[:, 0] > 0).astype(int)))
    ok(at)
    assert any("Subsampled 5,000 of 6,000 rows" in i.value for i in at.info)
    assert len(specs(at)) == 4


def test_class_on_a_line_with_qda_still_draws():
    t = np.linspace(-1, 1, 20)
    X = np.r_[np.c_[t, 2 * t], np.random.default_rng(2).normal(size=(20, 2)) + 3]
    at = run_app(PAGE)
    at.selectbox(key="gen_gen").set_value("qda").run()
    upload(at, csv(X, [0] * 20 + [1] * 20))
    ok(at)
    assert len(specs(at)) == 4
    assert all("nan" not in m.value.lower() and "undefined" not in m.value for m in at.metric)


def test_generative_failure_leaves_the_discriminative_side_working():
    """Too few points in the small class for k = 6 components: one clear message, the left panel still draws."""
    at = run_app(PAGE, query={"gen_k": "6"})
    upload(at, csv(_X, ["a"] * 33 + ["b"] * 7))  # 7 points of class 1: about 5 left for training
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "fewer components" in errors[0], errors
    assert len(specs(at)) == 2  # the discriminative panel and the learning curve
    assert metric(at, "Test accuracy")  # the discriminative numbers are there
    shown = shown_text(at)
    assert "needs both models" in shown and "No density to show" in shown
    assert "test accuracy and the generative one" not in shown  # the notice does not quote a missing model
