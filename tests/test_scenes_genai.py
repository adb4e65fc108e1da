"""Scenes of the discriminative-vs-generative page, called directly (no Streamlit): the data and uploads, the two
models on one grid, p(x) and its samples, the probe's verdict, Ng & Jordan's curve, the number words and the
chart builders that draw them."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from lecture import genai as text
from scenes import genai
from ui import charts
from ui.charts import genai as gc

MOONS = ("moons", 300, 0.25, 0, "")
FAR, NEAR = (10.0, 10.0), (0.0, 0.0)


def csv(X: np.ndarray, labels, header: str = "x1,x2,label") -> bytes:
    rows = [header] + [f"{a:.4f},{b:.4f},{lab}" for (a, b), lab in zip(X, labels, strict=True)]
    return "\n".join(rows).encode()


def corrupt(content: bytes, row: int, col: int, value: str) -> bytes:
    """Replace one cell (row 0 = header) of a CSV."""
    lines = content.decode().split("\n")
    cells = lines[row].split(",")
    cells[col] = value
    lines[row] = ",".join(cells)
    return "\n".join(lines).encode()


def upload(content: bytes, seed: int = 0) -> tuple[genai.DataKey, bytes]:
    """The data key an uploaded file gets on the page (its digest stands for its bytes), and the bytes."""
    return ("upload", 0, 0.0, seed, hashlib.sha256(content).hexdigest()), content


_rng = np.random.default_rng(0)
_X = _rng.normal(size=(40, 2))
_LABELS = ["cat" if x[0] + x[1] > 0 else "dog" for x in _X]


# ------------------------------------------------------------------------------------------------ the data


def test_preset_points_come_with_their_table_and_no_upload_notes():
    ds = genai.dataset(MOONS)
    assert ds.X.shape == (300, 2) and ds.count == 300 and set(np.unique(ds.y)) == {0, 1}
    assert list(ds.table.columns) == ["x1", "x2", "class"] and set(ds.table["class"]) == {"0", "1"}
    np.testing.assert_array_equal(ds.table[["x1", "x2"]].to_numpy(), ds.X)
    assert ds.names == ("x1", "x2") and ds.labels == () and ds.note == ""


def test_upload_is_standardised_and_names_its_columns_and_classes():
    data, raw = upload(csv(_X * 50 + 1000, _LABELS, header="height,weight,animal"))
    ds = genai.dataset(data, _raw=raw)
    np.testing.assert_allclose(ds.X.mean(axis=0), 0.0, atol=1e-9)
    np.testing.assert_allclose(ds.X.std(axis=0), 1.0, atol=1e-9)
    assert ds.count == 40 and ds.names == ("height", "weight")
    assert ds.labels == ("cat", "dog")  # sorted: the first label is class 0
    np.testing.assert_array_equal(ds.y, [0 if lab == "cat" else 1 for lab in _LABELS])


def test_names_and_labels_from_the_file_lose_markdown_and_links():
    header = "![x](http://example.com/a.png),[click](http://example.com),label"
    labels = ["**bold**" if lab == "cat" else "[a](http://ev.il)" for lab in _LABELS]
    data, raw = upload(csv(_X, labels, header=header))
    ds = genai.dataset(data, _raw=raw)
    for shown in (*ds.names, *ds.labels):
        assert not any(c in shown for c in "![]()*:/"), shown
    assert ds.labels == ("bold", "ahttpev.il")  # sorted as written: "**bold**" before "[a](...)"


def test_the_digest_stands_for_the_bytes():
    """Two files with one digest are one data set (the cache keys on the digest); another digest, another set."""
    data, raw = upload(csv(_X, _LABELS))
    other_data, other_raw = upload(csv(_X[::-1], _LABELS[::-1]))
    assert genai._Source(data, raw) == genai._Source(data, other_raw)
    assert genai._Source(data, raw) != genai._Source(other_data, other_raw)
    first, second = genai.dataset(data, _raw=raw), genai.dataset(other_data, _raw=other_raw)
    np.testing.assert_allclose(first.X, second.X[::-1], atol=1e-12)


def test_a_large_file_is_subsampled_and_says_so():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6000, 2))
    data, raw = upload(csv(X, (X[:, 0] > 0).astype(int)))
    ds = genai.dataset(data, _raw=raw)
    assert ds.count == genai.MAX_ROWS == 5000
    assert "Subsampled 5,000 of 6,000 rows" in ds.note


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


@pytest.mark.parametrize("case", list(HOSTILE))
def test_unusable_files_raise_a_clear_value_error_before_any_fit(case):
    content, phrase = HOSTILE[case]
    data, raw = upload(content)
    with pytest.raises(ValueError, match=phrase):
        genai.dataset(data, _raw=raw)


# ------------------------------------------------------------------------------------------------ the window


def test_the_window_holds_the_data_and_the_probe_on_half_units():
    X = genai.dataset(MOONS).X
    x0, x1, y0, y1 = genai.view_extent(X, None)
    assert x0 < X[:, 0].min() and x1 > X[:, 0].max() and y0 < X[:, 1].min() and y1 > X[:, 1].max()
    assert all(float(2 * e).is_integer() for e in (x0, x1, y0, y1))
    far = genai.view_extent(X, FAR)
    assert far[1] >= FAR[0] + 0.6 and far[3] >= FAR[1] + 0.6  # room for the marker and its label
    assert far[0] == x0 and far[2] == y0  # the probe only widens the window towards itself
    assert genai.view_extent(X, NEAR) == (x0, x1, y0, y1)  # a probe inside the data changes nothing


# ------------------------------------------------------------------------------------------------ the two models


def test_both_models_paint_p_y_given_x_on_the_same_grid():
    disc = genai.discriminative(MOONS, "logistic", 3, FAR)
    gen = genai.generative(MOONS, "gmm", 3, FAR)
    for panel in (disc, gen):
        assert panel.prob.shape == (genai.RESOLUTION, genai.RESOLUTION)
        assert np.all((panel.prob >= 0) & (panel.prob <= 1))
        assert panel.extent == genai.view_extent(genai.dataset(MOONS).X, FAR) and panel.probe == FAR
        assert panel.scores.test_accuracy > 0.8
    assert disc.scores.test_log_px is None  # only a generative model has p(x)
    assert np.isfinite(gen.scores.test_log_px)
    # Around the data both learned much the same boundary: they agree on most of the grid there.
    near_disc, near_gen = genai.discriminative(MOONS, "logistic", 3, None), genai.generative(MOONS, "gmm", 3, None)
    assert np.mean((near_disc.prob >= 0.5) == (near_gen.prob >= 0.5)) > 0.8


def test_model_settings_change_the_picture():
    straight = genai.discriminative(MOONS, "logistic", 1, None).prob
    bent = genai.discriminative(MOONS, "logistic", 3, None).prob
    assert not np.allclose(straight, bent)
    one = genai.generative(MOONS, "gmm", 1, None).prob
    qda = genai.generative(MOONS, "qda", 1, None).prob
    three = genai.generative(MOONS, "gmm", 3, None).prob
    np.testing.assert_allclose(one, qda, atol=1e-2)  # one full Gaussian per class is QDA
    assert not np.allclose(one, three)


def test_too_many_components_for_a_small_class_is_a_clear_error():
    data, raw = upload(csv(_X, ["a"] * 33 + ["b"] * 7))
    genai.discriminative(data, "logistic", 3, None, _raw=raw)  # the other model still fits
    with pytest.raises(ValueError, match="fewer components"):
        genai.generative(data, "gmm", 6, None, _raw=raw)


def test_a_class_on_a_line_still_gets_finite_qda_scores():
    t = np.linspace(-1, 1, 20)
    X = np.r_[np.c_[t, 2 * t], np.random.default_rng(2).normal(size=(20, 2)) + 3]
    data, raw = upload(csv(X, [0] * 20 + [1] * 20))
    panel = genai.generative(data, "qda", 1, None, _raw=raw)
    s = panel.scores
    assert np.isfinite([s.train_accuracy, s.test_accuracy, s.train_log_loss, s.test_log_loss, s.test_log_px]).all()
    assert np.isfinite(panel.prob).all()


# ------------------------------------------------------------------------------------------------ p(x)


def test_density_holds_almost_all_its_mass_in_the_window():
    view = genai.density(MOONS, "gmm", 3, None, 0, 0)
    x0, x1, y0, y1 = view.extent
    cell = (x1 - x0) * (y1 - y0) / genai.RESOLUTION**2
    assert np.all(view.density >= 0)
    assert 0.97 < view.density.sum() * cell <= 1.0 + 1e-3
    assert not view.generated and len(view.points) == 300  # without samples: the data


def test_generated_points_are_new_seeded_draws():
    first = genai.density(MOONS, "gmm", 3, None, 200, 1)
    again = genai.density(MOONS, "gmm", 3, None, 200, 1)
    other = genai.density(MOONS, "gmm", 3, None, 200, 7)
    assert first.generated and len(first.points) == 200 and set(first.points["class"]) == {"0", "1"}
    assert first.points.equals(again.points) and not first.points.equals(other.points)
    data = genai.dataset(MOONS).table
    assert not first.points[["x1", "x2"]].isin(data[["x1", "x2"]].to_dict("list")).all(axis=1).any()


# ------------------------------------------------------------------------------------------------ the probe


def test_far_probe_discriminative_sure_density_says_never_seen():
    r = genai.probe_readout(MOONS, "logistic", 3, "gmm", 3, FAR)
    assert r.confidence > 0.99 and r.disc_class == int(r.disc_p1 >= 0.5)
    assert r.log_px < -100 and r.rank == 0.0
    assert r.below_typical > genai.NEVER_SEEN_BITS and r.verdict == "never seen"


def test_probe_among_the_data_is_not_flagged():
    r = genai.probe_readout(MOONS, "logistic", 3, "gmm", 3, NEAR)
    assert 0 < r.rank < 1 and r.verdict == "inside"
    assert r.log_px > -10


def test_probe_readout_agrees_with_the_generative_panel():
    """P(y=1|x*) of the probe is the generative model's posterior there (read off a grid probe at a cell centre)."""
    extent = genai.view_extent(genai.dataset(MOONS).X, None)
    x0, x1, y0, y1 = extent
    i, j = 37, 81  # a grid cell: its centre is a point of the grid
    centre = (x0 + (j + 0.5) * (x1 - x0) / genai.RESOLUTION, y0 + (i + 0.5) * (y1 - y0) / genai.RESOLUTION)
    panel = genai.generative(MOONS, "qda", 1, None)
    r = genai.probe_readout(MOONS, "logistic", 3, "qda", 1, centre)
    assert r.gen_p1 == pytest.approx(panel.prob[i, j], abs=1e-9)


def test_verdict_edge_between_inside_and_never_seen():
    assert genai.ProbeReadout(0.9, 0.9, -12.0, 3.0, 0.0).verdict == "edge"
    assert genai.ProbeReadout(0.9, 0.9, -40.0, 30.0, 0.0).verdict == "never seen"
    assert genai.ProbeReadout(0.2, 0.9, -4.0, 0.0, 0.4).verdict == "inside"
    assert genai.ProbeReadout(0.2, 0.9, -4.0, 0.0, 0.4).confidence == pytest.approx(0.8)


# ------------------------------------------------------------------------------------------------ Ng & Jordan


def test_learning_curve_crosses_naive_bayes_first_then_logistic_regression():
    lc = genai.learning_curve()
    assert lc.sizes.tolist() == list(genai.CURVE_SIZES)
    assert lc.nb_mean[0] < lc.lr_mean[0] and lc.nb_mean[-1] > lc.lr_mean[-1]
    assert lc.sizes[0] < lc.crossing < lc.sizes[-1]
    assert np.all(lc.nb_se >= 0) and np.all(lc.lr_se >= 0)


# ------------------------------------------------------------------------------------------------ number words


@pytest.mark.parametrize(
    ("bits", "words"),
    [
        (23.2, "about 2²³ (8 million) times"),
        (5, "about 2⁵ (32) times"),
        (41, "about 2⁴¹ (2 trillion) times"),
        (1000, "about 2¹⁰⁰⁰ (a number with 302 digits) times"),
    ],
)
def test_times_less_reads_a_bit_difference_as_a_power_of_two(bits, words):
    assert text.times_less(bits) == words


def test_percentages_name_their_ends():
    assert text.pct(0.1234) == "12.3 %"
    assert text.pct(0.0002) == "< 0.1 %" and text.pct(0.9999) == "> 99.9 %"


# ------------------------------------------------------------------------------------------------ charts


def test_chart_builders_are_valid_vega_lite_and_keep_the_shared_colours():
    """The page skips Altair's schema validation for speed: validate every builder here."""
    panel = genai.discriminative(MOONS, "logistic", 3, FAR)
    density = genai.density(MOONS, "gmm", 3, FAR, 200, 1)
    data_density = genai.density(MOONS, "gmm", 3, None, 0, 0)
    curve = genai.learning_curve()
    built = [
        gc.probability_panel(panel, style=charts.NORMAL),
        gc.density_panel(density, style=charts.NORMAL),
        gc.density_panel(data_density, style=charts.NORMAL),
        gc.learning_curve_chart(curve, style=charts.NORMAL),
    ]
    for chart in built:
        chart.to_dict(validate=True)
    spec = json.dumps(built[0].to_dict())
    # Class 0 blue and class 1 vermillion for the points; the colour key names the classes at its ends.
    assert f'"range": ["{charts.CLASS_COLORS[0]}", "{charts.CLASS_COLORS[1]}"]' in spec
    assert "class 0" in spec and "class 1" in spec and '"x*"' in spec
    assert "triangle-up" in json.dumps(built[1].to_dict()) and "triangle-up" not in json.dumps(built[2].to_dict())
    # The learning curve has one legend, drawn as lines (the bands share it), and marks the crossing.
    curve_spec = built[3].to_dict()
    legends = [layer["encoding"]["color"].get("legend") for layer in curve_spec["layer"][:2]]
    assert all(leg and leg["symbolType"] == "stroke" for leg in legends)
    assert f"cross at n ≈ {curve.crossing:.0f}" in json.dumps(curve_spec, ensure_ascii=False)


def test_points_outside_the_window_are_not_drawn():
    view = genai.density(MOONS, "gmm", 3, None, 500, 3)
    shown = gc.inside(view.points, view.extent)
    x0, x1, y0, y1 = view.extent
    assert len(shown) <= len(view.points)
    assert shown["x1"].between(x0, x1).all() and shown["x2"].between(y0, y1).all()


def test_presenter_style_draws_taller_charts_and_bigger_marks():
    panel = genai.discriminative(MOONS, "logistic", 3, FAR)
    normal = gc.probability_panel(panel, style=charts.NORMAL).to_dict()
    present = gc.probability_panel(panel, style=charts.PRESENT).to_dict()
    assert present["height"] > normal["height"]
    sizes = [
        [layer["mark"].get("size") for layer in spec["layer"] if isinstance(layer.get("mark"), dict)]
        for spec in (normal, present)
    ]
    assert sizes[0] != sizes[1]


def test_density_colour_scale_ignores_the_sharpest_peaks():
    d = np.zeros((50, 50))
    d[10:30, 10:30] = 0.1
    d[20, 20] = 5.0  # one needle-sharp peak
    top = gc.density_top(d)
    assert 0.1 <= top < 5.0  # the broad region reaches the darkest colour, the needle does not set the scale
    assert gc.density_top(np.zeros((3, 3))) == 1.0
