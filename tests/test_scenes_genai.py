"""Scenes of the discriminative-vs-generative page, called directly (no Streamlit): the data and uploads, the two
models on one grid, q(x) and its samples, the probe's mark and verdict, Ng & Jordan's curve, the number words and
the chart builders that draw them. Computations are checked against independent references (scikit-learn's own
estimators, scipy, closed forms)."""

from __future__ import annotations

import hashlib
import json

import altair as alt
import jsonschema
import numpy as np
import pytest
from altair.vegalite.v6.schema import load_schema
from scipy.stats import multivariate_normal
from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis
from sklearn.mixture import GaussianMixture

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


def test_the_window_holds_the_data_with_room_around_them_on_half_units():
    X = genai.dataset(MOONS).X
    x0, x1, y0, y1 = genai.view_extent(X)
    lo, hi = X.min(axis=0), X.max(axis=0)
    room = np.maximum((hi - lo) * genai.MARGIN, genai.MIN_PAD)
    assert x0 <= lo[0] - room[0] and x1 >= hi[0] + room[0] and y0 <= lo[1] - room[1] and y1 >= hi[1] + room[1]
    assert x0 > lo[0] - room[0] - 0.5 and y1 < hi[1] + room[1] + 0.5  # rounded out by less than half a unit
    assert all(float(2 * e).is_integer() for e in (x0, x1, y0, y1))


def test_the_probe_never_moves_the_window():
    """The panels are the same pictures wherever x* is: only its mark follows the sliders."""
    extent = genai.discriminative(MOONS, "logistic", 3).extent
    assert genai.density(MOONS, "gmm", 3, 0, 0).extent == extent
    for probe in (FAR, NEAR, (-12.0, 12.0)):
        assert genai.probe_mark(probe, extent).extent == extent


def test_a_probe_inside_is_marked_where_it_is():
    m = genai.probe_mark(NEAR, (-3.0, 4.0, -2.0, 2.0))
    assert (m.x, m.y, m.inside, m.probe) == (0.0, 0.0, True, NEAR)


@pytest.mark.parametrize("probe", [FAR, (-12.0, 0.5), (0.0, -9.0), (12.0, -12.0), (4.5, 0.0)])
def test_a_probe_outside_is_marked_at_the_edge_on_the_way_to_it(probe):
    extent = (-3.0, 4.0, -2.0, 2.0)
    x0, x1, y0, y1 = extent
    m = genai.probe_mark(probe, extent)
    assert not m.inside and m.probe == probe
    # inside the window, at the inset edge: one coordinate sits EDGE_INSET of the window from its border
    assert x0 < m.x < x1 and y0 < m.y < y1
    gaps = (m.x - x0) / (x1 - x0), (x1 - m.x) / (x1 - x0), (m.y - y0) / (y1 - y0), (y1 - m.y) / (y1 - y0)
    assert min(gaps) == pytest.approx(genai.EDGE_INSET)
    # on the segment from the window's centre to x*
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cross = (m.x - cx) * (probe[1] - cy) - (m.y - cy) * (probe[0] - cx)
    assert cross == pytest.approx(0.0, abs=1e-9)
    assert np.sign(m.x - cx) == np.sign(probe[0] - cx) or probe[0] == cx
    # the arrow points to x* (clockwise from up, in units of the window), and the label stays inside
    u, v = (probe[0] - cx) / (x1 - x0), (probe[1] - cy) / (y1 - y0)
    pointing = np.array([np.sin(np.radians(m.angle)), np.cos(np.radians(m.angle))])
    assert pointing @ (np.array([u, v]) / np.hypot(u, v)) == pytest.approx(1.0)
    assert m.align == ("right" if m.x > cx + 0.25 * (x1 - x0) else "left")


# ------------------------------------------------------------------------------------------------ the two models


def test_both_models_paint_q_y_given_x_on_the_same_grid():
    disc = genai.discriminative(MOONS, "logistic", 3)
    gen = genai.generative(MOONS, "gmm", 3)
    for panel in (disc, gen):
        assert panel.prob.shape == (genai.RESOLUTION, genai.RESOLUTION)
        assert np.all((panel.prob >= 0) & (panel.prob <= 1))
        assert panel.extent == genai.view_extent(genai.dataset(MOONS).X)
        assert panel.scores.test_accuracy > 0.8
    assert disc.scores.test_log_px is None  # only a generative model has q(x)
    assert np.isfinite(gen.scores.test_log_px)
    # Around the data both learned much the same boundary: they agree on most of the points there.
    X = genai.dataset(MOONS).X
    i = np.clip(
        (
            (X - [disc.extent[0], disc.extent[2]])
            / [disc.extent[1] - disc.extent[0], disc.extent[3] - disc.extent[2]]
            * genai.RESOLUTION
        ).astype(int),
        0,
        genai.RESOLUTION - 1,
    )
    assert np.mean((disc.prob[i[:, 1], i[:, 0]] >= 0.5) == (gen.prob[i[:, 1], i[:, 0]] >= 0.5)) > 0.8


def test_the_generative_posterior_is_scikit_learns_qda():
    """q(y=1|x) = q(x|y=1) q(y=1) / q(x), computed from the fitted densities, equals sklearn's own QDA."""
    panel = genai.generative(MOONS, "qda", 1)
    s = genai._split(genai._Source(MOONS))
    qda = QuadraticDiscriminantAnalysis(reg_param=1e-4, tol=1e-6).fit(s.X_train, s.y_train)
    x0, x1, y0, y1 = panel.extent
    r = genai.RESOLUTION
    gx, gy = np.meshgrid(x0 + (np.arange(r) + 0.5) * (x1 - x0) / r, y0 + (np.arange(r) + 0.5) * (y1 - y0) / r)
    expected = qda.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))[:, 1].reshape(r, r)
    np.testing.assert_allclose(panel.prob, expected, atol=1e-6)


def test_model_settings_change_the_picture():
    straight = genai.discriminative(MOONS, "logistic", 1).prob
    bent = genai.discriminative(MOONS, "logistic", 3).prob
    assert not np.allclose(straight, bent)
    one = genai.generative(MOONS, "gmm", 1).prob
    qda = genai.generative(MOONS, "qda", 1).prob
    three = genai.generative(MOONS, "gmm", 3).prob
    np.testing.assert_allclose(one, qda, atol=1e-2)  # one full Gaussian per class is QDA
    assert not np.allclose(one, three)


def test_too_many_components_for_a_small_class_is_a_clear_error():
    data, raw = upload(csv(_X, ["a"] * 33 + ["b"] * 7))
    genai.discriminative(data, "logistic", 3, _raw=raw)  # the other model still fits
    with pytest.raises(ValueError, match="fewer components"):
        genai.generative(data, "gmm", 6, _raw=raw)


def test_a_class_on_a_line_still_gets_finite_qda_scores():
    t = np.linspace(-1, 1, 20)
    X = np.r_[np.c_[t, 2 * t], np.random.default_rng(2).normal(size=(20, 2)) + 3]
    data, raw = upload(csv(X, [0] * 20 + [1] * 20))
    panel = genai.generative(data, "qda", 1, _raw=raw)
    s = panel.scores
    assert np.isfinite([s.train_accuracy, s.test_accuracy, s.train_log_loss, s.test_log_loss, s.test_log_px]).all()
    assert np.isfinite(panel.prob).all()


# ------------------------------------------------------------------------------------------------ q(x)


def test_density_holds_almost_all_its_mass_in_the_window():
    view = genai.density(MOONS, "gmm", 3, 0, 0)
    x0, x1, y0, y1 = view.extent
    cell = (x1 - x0) * (y1 - y0) / genai.RESOLUTION**2
    assert np.all(view.density >= 0)
    assert 0.99 < view.density.sum() * cell <= 1.0 + 1e-3
    assert view.n_samples == 0 and len(view.samples) == 0 and len(view.data) == 300


def test_density_is_the_prior_weighted_sum_of_scikit_learns_class_mixtures():
    """q(x) = sum_y q(y) q(x|y), each q(x|y) scored by sklearn's own GaussianMixture (same data, seed, settings)."""
    view = genai.density(MOONS, "gmm", 3, 0, 0)
    s = genai._split(genai._Source(MOONS))
    x0, x1, y0, y1 = view.extent
    r = genai.RESOLUTION
    gx, gy = np.meshgrid(x0 + (np.arange(r) + 0.5) * (x1 - x0) / r, y0 + (np.arange(r) + 0.5) * (y1 - y0) / r)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    expected = np.zeros(len(grid))
    for c in (0, 1):
        gm = GaussianMixture(3, covariance_type="full", reg_covar=1e-4, n_init=2, random_state=MOONS[3])
        gm.fit(s.X_train[s.y_train == c])
        expected += np.mean(s.y_train == c) * np.exp(gm.score_samples(grid))
    np.testing.assert_allclose(view.density, expected.reshape(r, r), rtol=1e-6, atol=1e-12)


def test_generated_points_are_new_seeded_draws():
    first = genai.density(MOONS, "gmm", 3, 200, 1)
    again = genai.density(MOONS, "gmm", 3, 200, 1)
    other = genai.density(MOONS, "gmm", 3, 200, 7)
    assert first.n_samples == 200 and set(first.samples["class"]) == {"0", "1"}
    assert first.samples.equals(again.samples) and not first.samples.equals(other.samples)
    data = genai.dataset(MOONS).table
    assert first.data.equals(data)
    assert not first.samples[["x1", "x2"]].isin(data[["x1", "x2"]].to_dict("list")).all(axis=1).any()


def test_the_figure_table_lists_data_new_points_and_the_probe():
    view = genai.density(MOONS, "gmm", 3, 200, 1)
    table = genai.figure_table(view, FAR)
    assert list(table.columns) == ["kind", "x1", "x2", "class"]
    assert table["kind"].value_counts().to_dict() == {"data": 300, "new point from q": 200, "probe x*": 1}
    assert table[table["kind"] == "probe x*"][["x1", "x2"]].values.tolist() == [list(FAR)]


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


def test_probe_numbers_against_scipy():
    """log2 q(x*) and the typical training point's log2 q(x) from scipy's Gaussian densities of the fitted QDA."""
    g = genai._generative(genai._Source(MOONS), "qda", 1)
    s = genai._split(genai._Source(MOONS))

    def log2_q(x):
        return np.log2(
            sum(g.priors_[c] * multivariate_normal(g.means_[c][0], g.covariances_[c][0]).pdf(x) for c in (0, 1))
        )

    r = genai.probe_readout(MOONS, "logistic", 3, "qda", 1, (2.0, 1.5))
    assert r.log_px == pytest.approx(float(log2_q(np.array([2.0, 1.5]))), rel=1e-9)
    assert r.typical_log_px == pytest.approx(float(np.median(log2_q(s.X_train))), rel=1e-9)
    assert r.rank == pytest.approx(float(np.mean(log2_q(s.X_train) < r.log_px)))


def test_probe_readout_agrees_with_the_generative_panel():
    """q(y=1|x*) of the probe is the generative model's posterior there (read off a grid probe at a cell centre)."""
    extent = genai.view_extent(genai.dataset(MOONS).X)
    x0, x1, y0, y1 = extent
    i, j = 37, 81  # a grid cell: its centre is a point of the grid
    centre = (x0 + (j + 0.5) * (x1 - x0) / genai.RESOLUTION, y0 + (i + 0.5) * (y1 - y0) / genai.RESOLUTION)
    panel = genai.generative(MOONS, "qda", 1)
    r = genai.probe_readout(MOONS, "logistic", 3, "qda", 1, centre)
    assert r.gen_p1 == pytest.approx(panel.prob[i, j], abs=1e-9)


def test_verdict_edge_between_inside_and_never_seen():
    assert genai.ProbeReadout(0.9, 0.9, -12.0, -9.0, 0.0).verdict == "edge"
    assert genai.ProbeReadout(0.9, 0.9, -40.0, -10.0, 0.0).verdict == "never seen"
    assert genai.ProbeReadout(0.2, 0.9, -4.0, -4.0, 0.4).verdict == "inside"
    assert genai.ProbeReadout(0.2, 0.9, -4.0, -4.0, 0.4).confidence == pytest.approx(0.8)
    assert genai.ProbeReadout(0.9, 0.9, -40.0, -10.0, 0.0).below_typical == pytest.approx(30.0)


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


def _layers(spec: dict) -> list[dict]:
    """Every layer of a spec, through hconcat and nested layers."""
    found = []
    for panel in spec.get("hconcat", [spec]):
        for layer in panel.get("layer", []):
            found += _layers(layer) if "layer" in layer else [layer]
    return found


def _mark(layer: dict) -> dict:
    return layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}


def test_chart_builders_are_valid_vega_lite_with_descriptions_and_the_shared_colours():
    """The page skips Altair's schema validation for speed: validate every builder here."""
    disc = genai.discriminative(MOONS, "logistic", 3)
    density = genai.density(MOONS, "gmm", 3, 200, 1)
    data_only = genai.density(MOONS, "gmm", 3, 0, 0)
    curve = genai.learning_curve()
    built = [
        gc.slide_figure(disc, density, style=charts.NORMAL),
        gc.slide_figure(disc, data_only, style=charts.PRESENT),
        gc.probability_panel(disc, "Discriminative model Logistic regression", style=charts.NORMAL),
        gc.learning_curve_chart(curve, style=charts.NORMAL),
    ]
    specs = [chart if isinstance(chart, dict) else chart.to_dict(validate=True) for chart in built]
    schema = load_schema()  # the slide figure is composed as a spec (charts.composed): validate it as one
    validator = jsonschema.validators.validator_for(schema)(schema)
    for composed in specs[:2]:
        errors = [e.message[:200] for e in validator.iter_errors(composed)]
        assert not errors, errors[:3]
    for spec in specs:
        assert len(spec["description"]) > 60  # one sentence that says what the chart shows
    slide = json.dumps(specs[0], ensure_ascii=False)
    # Class 0 blue and class 1 vermillion for the labelled data; the colour key names the classes at its ends.
    assert f'"range": ["{charts.CLASS_COLORS[0]}", "{charts.CLASS_COLORS[1]}"]' in slide
    assert "class 0" in slide and "class 1" in slide
    # The density panel: data as hollow grey circles, new points as filled vermillion triangles, one legend.
    kinds = [layer for layer in _layers(specs[0]) if "shape" in layer.get("encoding", {})]
    assert len(kinds) == 1
    enc = kinds[0]["encoding"]
    assert enc["shape"]["scale"]["range"] == ["circle", "triangle-up"]
    assert enc["color"]["scale"]["range"] == ["transparent", charts.SAMPLE_COLOR]
    assert enc["stroke"]["scale"]["range"] == [charts.DATA_GREY, charts.SAMPLE_COLOR]
    assert "triangle-up" not in json.dumps(specs[1])  # no new points: no triangles
    assert "200 new points" in specs[0]["description"]
    # Both panels share the window: the same x and y domains everywhere.
    domains = {
        json.dumps(layer["encoding"][axis]["scale"]["domain"])
        for layer in _layers(specs[0])
        for axis in ("x", "y")
        if "scale" in layer.get("encoding", {}).get(axis, {})
    }
    assert domains == {json.dumps(list(disc.extent[:2])), json.dumps(list(disc.extent[2:]))}
    # The learning curve has one legend, drawn as lines (the bands share it), and marks the crossing.
    legends = [layer["encoding"]["color"].get("legend") for layer in specs[3]["layer"][:2]]
    assert all(leg and leg["symbolType"] == "stroke" for leg in legends)
    assert f"cross at n ≈ {curve.crossing:.0f}" in json.dumps(specs[3], ensure_ascii=False)


def test_the_decision_boundary_is_a_smooth_line_where_q_is_one_half():
    """The 0.5 level is drawn as line segments (not painted pixels) and lies where the model says 0.5."""
    disc = genai.discriminative(MOONS, "logistic", 3)
    model = genai._discriminative(genai._Source(MOONS), "logistic", 3)
    line = gc.boundary(disc.prob, disc.extent, style=charts.NORMAL)
    assert line.to_dict()["mark"]["type"] == "line" and line.to_dict()["encoding"]["detail"]["field"] == "segment"
    p = model.predict_proba(line.data[["x1", "x2"]].to_numpy())[:, 1]
    assert len(p) > 50 and np.abs(p - 0.5).max() < 0.02
    # and no heatmap of the page paints its boundary pixels dark any more
    slide = json.dumps(gc.slide_figure(disc, genai.density(MOONS, "gmm", 3, 0, 0), style=charts.NORMAL))
    assert '"contour"' not in slide


def test_the_probe_is_added_to_every_panel_without_touching_them():
    disc = genai.discriminative(MOONS, "logistic", 3)
    density = genai.density(MOONS, "gmm", 3, 200, 1)
    base = gc.slide_figure(disc, density, style=charts.NORMAL)
    inside = gc.with_probe(base, genai.probe_mark(NEAR, disc.extent), style=charts.NORMAL)
    outside = gc.with_probe(base, genai.probe_mark(FAR, disc.extent), style=charts.PRESENT)
    for spec, shape, label in ((inside, "cross", "x*"), (outside, "arrow", "x* (10, 10)")):
        alt.HConcatChart.from_dict(spec, validate=True)
        for panel, plain in zip(spec["hconcat"], base["hconcat"], strict=True):
            added = panel["layer"][len(plain["layer"]) :]
            assert panel["layer"][: len(plain["layer"])] == plain["layer"]  # the cached panel is unchanged
            assert [_mark(layer)["type"] for layer in added] == ["point", "text", "text"]
            assert added[0]["mark"]["shape"] == shape and added[-1]["mark"]["text"] == label
    assert "outside the window" in outside["description"] and "outside" not in inside["description"]
    assert base["hconcat"][0]["layer"] == gc.slide_figure(disc, density, style=charts.NORMAL)["hconcat"][0]["layer"]


def test_moving_the_probe_inside_the_window_changes_only_its_dataset():
    """What lets the browser move the cross without drawing both panels again: the same spec, a new dataset."""
    disc = genai.discriminative(MOONS, "logistic", 3)
    base = gc.slide_figure(disc, genai.density(MOONS, "gmm", 3, 200, 1), style=charts.NORMAL)
    one, two = (gc.with_probe(base, genai.probe_mark(p, disc.extent), style=charts.NORMAL) for p in (NEAR, (0.5, 0)))
    assert {k: v for k, v in one.items() if k != "datasets"} == {k: v for k, v in two.items() if k != "datasets"}
    assert one["datasets"][gc.PROBE_DATA] == [{"x1": 0.0, "x2": 0.0}]
    assert two["datasets"][gc.PROBE_DATA] == [{"x1": 0.5, "x2": 0.0}]
    assert {k: v for k, v in one["datasets"].items() if k != gc.PROBE_DATA} == base["datasets"]


def test_points_outside_the_window_are_not_drawn():
    view = genai.density(MOONS, "gmm", 3, 500, 3)
    shown = gc.inside(view.samples, view.extent)
    x0, x1, y0, y1 = view.extent
    assert len(shown) <= len(view.samples)
    assert shown["x1"].between(x0, x1).all() and shown["x2"].between(y0, y1).all()


def test_presenter_style_draws_bigger_panels_and_marks():
    disc = genai.discriminative(MOONS, "logistic", 3)
    density = genai.density(MOONS, "gmm", 3, 200, 1)
    normal = gc.slide_figure(disc, density, style=charts.NORMAL)
    present = gc.slide_figure(disc, density, style=charts.PRESENT)
    for a, b in zip(normal["hconcat"], present["hconcat"], strict=True):
        assert b["height"] > a["height"] and b["width"] > a["width"]
    sizes = [[_mark(layer).get("size") for layer in _layers(spec)] for spec in (normal, present)]
    assert sizes[0] != sizes[1]
    single = gc.probability_panel(disc, "t", style=charts.NORMAL).to_dict()
    assert gc.probability_panel(disc, "t", style=charts.PRESENT).to_dict()["height"] > single["height"]


def test_density_colour_scale_ignores_the_sharpest_peaks():
    d = np.zeros((50, 50))
    d[10:30, 10:30] = 0.1
    d[20, 20] = 5.0  # one needle-sharp peak
    top = gc.density_top(d)
    assert 0.1 <= top < 5.0  # the broad region reaches the darkest colour, the needle does not set the scale
    assert gc.density_top(np.zeros((3, 3))) == 1.0


def test_the_learning_curve_table_holds_what_is_plotted():
    curve = genai.learning_curve()
    table = genai.curve_table(curve)
    assert table["training examples n"].tolist() == list(genai.CURVE_SIZES)
    np.testing.assert_allclose(table["naive Bayes error"], curve.nb_mean)
    np.testing.assert_allclose(table["logistic regression standard error"], curve.lr_se)
