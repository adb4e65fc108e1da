"""AppTest of the discriminative-vs-generative page: controls change the pictures and the numbers, the probe
tells the two kinds of model apart, and every hostile CSV gets a clear message while the page keeps working."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "genai.py")
TIMEOUT = 120


def run(present: bool = False, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def specs(at: AppTest) -> list[str]:
    """The Vega-Lite spec (JSON text) of every chart, in page order: left, right, density, learning curve."""
    return [c.proto.spec for c in at.get("vega_lite_chart")]


def metric(at: AppTest, label: str, nth: int = 0) -> str:
    return [m.value for m in at.metric if m.label == label][nth]


def text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "warning", "info") for e in at.get(kind)]
    return "\n".join(parts + [f"{m.label} {m.value}" for m in at.metric])


def ok(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def upload(at: AppTest, content: bytes, name: str = "points.csv") -> AppTest:
    at.selectbox(key="gen_data").set_value("upload").run()
    return at.file_uploader(key="gen_csv").upload(name, content, "text/csv").run()


def csv(X: np.ndarray, labels, header: str = "x1,x2,label") -> bytes:
    rows = [header] + [f"{a:.4f},{b:.4f},{lab}" for (a, b), lab in zip(X, labels, strict=True)]
    return "\n".join(rows).encode()


@pytest.fixture(scope="module")
def default() -> AppTest:
    return run()


# ------------------------------------------------------------------------------------------------ the picture


def test_default_page_shows_both_panels_density_and_curve(default):
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
    assert "cannot generate" in text(default)
    shown = text(default)
    for needed in ("Train accuracy", "Test accuracy", "Train log-loss", "Test log-loss", "Held-out log₂ p(x)",
                   "What to notice", "bits/pt"):
        assert needed in shown
    # Held-out log p(x) appears only once: under the generative model.
    assert sum(m.label == "Held-out log₂ p(x)" for m in default.metric) == 1


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


def test_switching_dataset_changes_charts_and_numbers():
    at = run()
    before_specs, before_acc = specs(at), metric(at, "Test accuracy")
    at.selectbox(key="gen_data").set_value("xor").run()
    ok(at)
    after = specs(at)
    assert after[0] != before_specs[0] and after[1] != before_specs[1] and after[2] != before_specs[2]
    assert after[3] == before_specs[3]  # the learning curve is a fixed experiment
    assert metric(at, "Test accuracy") != before_acc


def test_switching_models_changes_only_their_own_side():
    at = run()
    s0 = specs(at)
    disc0, gen0 = (metric(at, "Test log-loss", i) for i in (0, 1))
    at.selectbox(key="gen_disc").set_value("mlp").run()
    ok(at)
    s1 = specs(at)
    assert s1[0] != s0[0] and s1[1] == s0[1]
    assert metric(at, "Test log-loss", 0) != disc0
    assert not any(w.key == "gen_degree" for w in at.slider)  # degree belongs to logistic regression only
    at.selectbox(key="gen_gen").set_value("naive_bayes").run()
    ok(at)
    s2 = specs(at)
    assert s2[0] == s1[0] and s2[1] != s1[1] and s2[2] != s1[2]
    assert metric(at, "Test log-loss", 1) != gen0
    assert not any(w.key == "gen_k" for w in at.slider)  # k belongs to the mixture only


def test_degree_and_components_sliders_change_the_boundaries():
    at = run()
    s0 = specs(at)
    at.slider(key="gen_degree").set_value(1).run()
    s1 = specs(at)
    assert s1[0] != s0[0] and s1[1] == s0[1]
    at.slider(key="gen_k").set_value(1).run()
    ok(at)
    s2 = specs(at)
    assert s2[1] != s1[1] and s2[2] != s1[2]


def test_generation_is_seeded_and_can_be_switched_off():
    at = run()
    density0 = specs(at)[2]
    at.number_input(key="gen_sample_seed").set_value(7).run()
    density7 = specs(at)[2]
    assert density7 != density0
    at.number_input(key="gen_sample_seed").set_value(1).run()
    assert specs(at)[2] == density0  # same seed, same generated points
    at.toggle(key="gen_generate").set_value(False).run()
    ok(at)
    assert "triangle-up" not in specs(at)[2]  # no generated points
    assert "cannot generate" in text(at)  # the discriminative side still says plainly that it cannot


# ------------------------------------------------------------------------------------------------ the probe


def test_far_probe_discriminative_confident_density_says_never_seen():
    at = run(query={"gen_px": "10", "gen_py": "10"})
    ok(at)
    p1 = float(metric(at, "Discriminative P(y=1|x*)"))
    assert max(p1, 1 - p1) > 0.99
    log_px = float(metric(at, "log₂ p(x*)").replace("−", "-").replace(",", "").split()[0])
    assert log_px < -100
    assert metric(at, "Training points less likely") == "none"
    assert any("never seen anything like this" in w.value for w in at.warning)
    # The view widened to include x*: the panels' x axis now reaches past 10.
    assert max(max(d) for d in _domains(json.loads(specs(at)[0])) if len(d) == 2 and
               all(isinstance(v, int | float) for v in d)) > 10


def test_probe_inside_the_data_is_not_flagged():
    at = run(query={"gen_px": "0", "gen_py": "0"})
    ok(at)
    assert not any("never seen" in w.value for w in at.warning)
    assert metric(at, "Training points less likely") != "none"


def test_probe_can_be_hidden():
    at = run()
    at.toggle(key="gen_probe").set_value(False).run()
    ok(at)
    assert "Turn on the probe" in text(at)
    assert not any(m.label == "log₂ p(x*)" for m in at.metric)


# ------------------------------------------------------------------------------------------------ presenter


def test_presenter_mode_hides_self_study_and_enlarges_figures(default):
    at = run(present=True)
    ok(at)
    assert not at.radio and not at.expander
    assert default.radio and default.expander
    assert json.loads(specs(at)[0])["height"] > json.loads(specs(default)[0])["height"]


# ------------------------------------------------------------------------------------------------ CSV uploads

def corrupt(content: bytes, row: int, col: int, value: str) -> bytes:
    """Replace one cell (row 0 = header) of a CSV."""
    lines = content.decode().split("\n")
    cells = lines[row].split(",")
    cells[col] = value
    lines[row] = ",".join(cells)
    return "\n".join(lines).encode()


_rng = np.random.default_rng(0)
_X = _rng.normal(size=(40, 2))
_LABELS = ["cat" if x[0] + x[1] > 0 else "dog" for x in _X]

HOSTILE = {
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "not UTF-8": ("x1,x2,label\n1,2,caf\xe9\n".encode("latin-1") * 12, "UTF-8"),
    "empty": (b"", "empty"),
    "header only": (b"x1,x2,label\n", "no data rows"),
    "wrong columns": (b"x1,x2\n" + b"\n".join(b"%d,%d" % (i, i) for i in range(20)), "Expected 3 columns"),
    "non-numeric cell": (corrupt(csv(_X, _LABELS), row=3, col=0, value="abc"), "not a number"),
    "NaN": (corrupt(csv(_X, _LABELS), row=5, col=1, value="nan"), "NaN or infinity"),
    "infinity": (corrupt(csv(_X, _LABELS), row=5, col=1, value="-inf"), "NaN or infinity"),
    "one class only": (csv(_X, ["cat"] * 40), "Only one class"),
    "three classes": (csv(_X, [["a", "b", "c"][i % 3] for i in range(40)]), "Found 3 classes"),
    "too few rows": (csv(_X[:6], _LABELS[:6]), "at least 10"),
    "tiny class": (csv(_X[:20], ["cat"] * 17 + ["dog"] * 3), "has only 3 point"),
    "empty label": (csv(_X, _LABELS[:-1] + [""]), "empty label"),
}


@pytest.fixture(scope="module")
def upload_page() -> AppTest:
    return run()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_csv_gets_a_clear_message_and_the_page_keeps_working(upload_page, case):
    content, phrase = HOSTILE[case]
    at = upload(upload_page, content, name=f"{case}.csv")
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and phrase in errors[0], errors
    assert "Traceback" not in errors[0]
    # Nothing else broke: the learning curve, the notes and the controls are all still there.
    assert len(at.get("vega_lite_chart")) == 1
    assert "What to notice" in text(at)
    at.file_uploader(key="gen_csv").clear().run()


def test_valid_csv_with_word_labels_is_standardised_and_fitted():
    at = run()
    upload(at, csv(_X * 50 + 1000, _LABELS, header="height,weight,animal"))
    ok(at)
    assert len(specs(at)) == 4
    shown = text(at)
    assert "40 points" in shown and "height, weight" in shown and "standardised" in shown
    left = json.loads(specs(at)[0])
    # Standardised: the plotted window is a few standard deviations wide, not around 1000.
    assert all(abs(v) < 20 for d in _domains(left) if len(d) == 2 and all(isinstance(v, int | float) for v in d)
               for v in d)


def test_column_names_from_the_file_cannot_inject_markdown():
    at = run()
    upload(at, csv(_X, _LABELS, header="![x](http://example.com/a.png),[click](http://example.com),label"))
    ok(at)
    shown = text(at)
    assert "](" not in shown and "://" not in shown and "![" not in shown


def test_large_csv_is_subsampled_with_a_visible_note():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6000, 2))
    at = run()
    upload(at, csv(X, (X[:, 0] > 0).astype(int)))
    ok(at)
    assert any("Subsampled 5,000 of 6,000 rows" in i.value for i in at.info)
    assert len(specs(at)) == 4


def test_class_on_a_line_with_qda_still_draws():
    t = np.linspace(-1, 1, 20)
    X = np.r_[np.c_[t, 2 * t], np.random.default_rng(2).normal(size=(20, 2)) + 3]
    at = run()
    at.selectbox(key="gen_gen").set_value("qda").run()
    upload(at, csv(X, [0] * 20 + [1] * 20))
    ok(at)
    assert len(specs(at)) == 4
    assert all("nan" not in m.value.lower() and "undefined" not in m.value for m in at.metric)


def test_generative_failure_leaves_the_discriminative_side_working():
    """Too few points in the small class for k = 6 components: one clear message, the left panel still draws."""
    at = run(query={"gen_k": "6"})
    upload(at, csv(_X, ["a"] * 33 + ["b"] * 7))  # 7 points of class 1: about 5 left for training
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "fewer components" in errors[0], errors
    assert len(specs(at)) == 2  # the discriminative panel and the learning curve
    assert metric(at, "Test accuracy")  # the discriminative numbers are there
    assert "needs both models" in text(at) and "No density to show" in text(at)


# ------------------------------------------------------------------------------------------------ chart builders


def test_chart_builders_are_valid_vega_lite_and_keep_the_shared_colours():
    """The page skips Altair's schema validation for speed: validate every builder here."""
    from ui import charts
    from ui import genai_charts as gc

    extent = (-2.0, 2.0, -1.0, 1.0)
    grid = np.linspace(0, 1, 12 * 10).reshape(10, 12)
    pts = gc.points_df(np.array([[0.0, 0.0], [1.0, 0.5], [5.0, 5.0]]), np.array([0, 1, 1]), extent)
    assert len(pts) == 2  # the point outside the window is dropped
    panel = gc.probability_panel(grid, extent, pts, probe=(1.0, 1.0))
    density = gc.density_panel(grid * 3, extent, samples=pts)
    curve = gc.learning_curve_chart(np.array([10, 20, 40]), np.array([0.3, 0.25, 0.2]), np.full(3, 0.01),
                                    np.array([0.4, 0.25, 0.15]), np.full(3, 0.01), crossing=20.0)
    for chart in (panel, density, curve):
        chart.to_dict(validate=True)
    spec = json.dumps(panel.to_dict())
    # Class 0 blue and class 1 vermillion for the points; the colour bar names the classes at its ends.
    assert f'"range": ["{charts.CLASS_COLORS[0]}", "{charts.CLASS_COLORS[1]}"]' in spec
    assert "class 0" in spec and "class 1" in spec
    # The learning curve has one legend, drawn as lines (the bands share it).
    curve_spec = curve.to_dict()
    legends = [layer["encoding"]["color"].get("legend") for layer in curve_spec["layer"][:2]]
    assert all(leg and leg["symbolType"] == "stroke" for leg in legends)


def test_density_colour_scale_ignores_the_sharpest_peaks():
    from ui import genai_charts as gc

    d = np.zeros((50, 50))
    d[10:30, 10:30] = 0.1
    d[20, 20] = 5.0  # one needle-sharp peak
    top = gc.density_top(d)
    assert 0.1 <= top < 5.0  # the broad region reaches the darkest colour, the needle does not set the scale
    assert gc.density_top(np.zeros((3, 3))) == 1.0
