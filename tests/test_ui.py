"""The shared ui helpers: number formatting, the PNG heatmap, export."""

from __future__ import annotations

import base64
import io
import json

import altair as alt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from ui import charts, frame, registry


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.0, "bits", "1.000 bits"),
        (0.4689955935892812, "bits", "0.469 bits"),
        (float("inf"), "bits", "∞ bits"),
        (float("-inf"), "nats", "−∞ nats"),
        (float("nan"), "bits", "undefined"),
        (-2.5, "", "−2.500"),
        (12345, "", "12,345"),
        (1e-7, "bits", "1.00e-07 bits"),
    ],
)
def test_fmt(value, unit, expected):
    assert frame.fmt(value, unit) == expected


def test_colorize_puts_low_rows_at_the_bottom_and_uses_the_colormap_ends():
    values = np.array([[0.0, 0.0], [1.0, 1.0]])  # row 0 = lowest y
    rgb = charts.colorize(values, "probability", 0.0, 1.0)
    assert rgb.shape == (2, 2, 3) and rgb.dtype == np.uint8
    assert tuple(rgb[1, 0]) == (0x00, 0x72, 0xB2)  # bottom row of the image: value 0 -> class 0 blue
    assert tuple(rgb[0, 0]) == (0xD5, 0x5E, 0x00)  # top row: value 1 -> class 1 vermillion


def test_colorize_draws_the_contour_and_greys_non_finite_cells():
    x = np.linspace(0, 1, 20)
    values = np.tile(x, (10, 1))
    values[0, 0] = np.nan
    rgb = charts.colorize(values, "probability", 0, 1, contour=0.5)
    dark = np.all(rgb == 40, axis=-1)
    assert dark.any(axis=0).nonzero()[0].tolist() == [9]  # the column where values cross 0.5
    assert tuple(rgb[-1, 0]) == (225, 225, 225)


def test_png_data_url_round_trips():
    rgb = np.random.default_rng(0).integers(0, 255, size=(7, 5, 3), dtype=np.uint8)
    url = charts.png_data_url(rgb)
    assert url.startswith("data:image/png;base64,")
    back = np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))
    assert np.array_equal(back, rgb)


def test_heatmap_layers_image_legend_and_points_in_one_spec():
    values = np.outer(np.linspace(0, 1, 30), np.ones(40))
    extent = (-2, 2, -1, 1)
    df = pd.DataFrame({"x1": [0.0, 1.0], "x2": [0.5, -0.5], "class": ["0", "1"]})
    chart = alt.layer(
        charts.heatmap(
            values, extent, kind="probability", vmin=0, vmax=1, contour=0.5, title="P(y=1|x)", style=charts.NORMAL
        ),
        charts.points(df, color="class", extent=extent, style=charts.NORMAL),
    )
    spec = charts.spec(chart, charts.NORMAL)
    text = json.dumps(spec)
    assert '"image"' in text and "data:image/png;base64" in text and "P(y=1|x)" in text


def test_export_renders_svg_and_png_without_a_browser():
    values = np.outer(np.linspace(0, 1, 10), np.ones(10))
    chart = charts.heatmap(values, (0, 1, 0, 1), title="p(x)", style=charts.NORMAL).properties(width=200, height=150)
    finished = charts.spec(chart, charts.NORMAL)
    svg = charts.chart_svg(finished)
    assert svg.lstrip().startswith("<svg") and "p(x)" in svg
    png = charts.chart_png(finished, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_spec_dicts_export_like_charts():
    chart = alt.Chart(pd.DataFrame({"a": [1, 2], "b": [3, 4]})).mark_line().encode(x="a", y="b")
    as_dict = charts.spec(chart, charts.NORMAL)
    assert charts.spec(as_dict, charts.PRESENT) is as_dict
    assert as_dict["config"]["axis"]["labelFontSize"] == 13
    assert charts.spec(chart, charts.PRESENT)["config"]["axis"]["labelFontSize"] == 18
    assert charts.chart_svg(as_dict).lstrip().startswith("<svg")


def test_style_scales_heights_and_marks_only_in_presenter_mode():
    assert charts.NORMAL.height(300) == 300 and charts.PRESENT.height(300) == 405
    assert charts.NORMAL.size(40) == 40 and charts.PRESENT.size(40) == 54
    key = charts.colour_key("density", 0, 1, "p(x)", (0, 1, 0, 1), style=charts.PRESENT).to_dict(validate=False)
    assert key["encoding"]["fill"]["legend"]["symbolSize"] == charts.PRESENT.height(260)


def test_contour_edges_mark_the_cells_where_the_level_is_crossed():
    values = np.tile(np.linspace(0, 1, 11), (4, 1))  # crosses 0.5 between columns 4 and 5
    edges = charts.contour_edges(values, 0.5)
    assert edges[:, 4].all() and edges.sum() == 4


def test_mosaic_tiles_enlarged_images_with_gaps():
    images = np.zeros((2, 3, 8, 8))
    images[1, 2] = 1.0  # the last tile is full ink
    out = charts.mosaic(images, factor=2, gap=1)
    assert out.shape == (2 * 16 + 3, 3 * 16 + 4)
    assert out[1, 1] == 255 and out[-2, -2] == 0 and out[0, 0] == 200


def test_composed_makes_the_spec_altairs_composition_makes():
    """charts.composed nests finished specs instead of letting Altair deep-copy every subchart: the same spec as
    alt.layer / alt.hconcat with properties, resolve and a config, datasets gathered at the top."""
    a = pd.DataFrame({"x": [0.0, 1.0], "y": [1.0, 2.0]})
    b = pd.DataFrame({"x": [0.5], "y": [3.0]})
    line = alt.Chart(a).mark_line().encode(x="x:Q", y="y:Q")
    dots = alt.Chart(b).mark_point().encode(x="x:Q", y="y:Q", color=alt.value("red"))
    style = charts.NORMAL
    altair = (
        alt.hconcat(alt.layer(line, dots).properties(width=200, title="left"), dots.properties(title="right"))
        .resolve_scale(color="independent")
        .properties(description="two panels")
        .configure_legend(offset=8)
    )
    ours = charts.composed(
        "hconcat",
        [charts.composed("layer", [line, dots], width=200, title="left"), dots.properties(title="right")],
        style=style,
        resolve={"scale": {"color": "independent"}},
        description="two panels",
        config={"legend": {"offset": 8}},
    )
    assert json.dumps(ours, sort_keys=True) == json.dumps(charts.spec(altair, style), sort_keys=True)
    assert len(ours["datasets"]) == 2


def test_composed_refuses_charts_with_selections():
    picked = alt.selection_point()
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").add_params(picked)
    with pytest.raises(ValueError, match="selection parameters"):
        charts.composed("layer", [chart])


def _channels_chart() -> alt.LayerChart:
    """Every way a channel is given in this package: shorthand strings, lists, dicts, values, conditions."""
    table = pd.DataFrame({"x": [0.0, 1.0], "y": [1.0, 2.0], "who": ["p", "q"]})
    base = alt.Chart(table)
    return alt.layer(
        base.mark_point().encode(
            x="x:Q",
            y={"field": "y", "type": "quantitative", "scale": {"zero": False}},
            color=alt.condition("datum.x > 0", alt.value("red"), "who:N"),
            tooltip=["x:Q", "who"],
        ),
        base.mark_rule().encode(y=alt.datum(1.5), size=alt.value(2)),
    )


def test_altairs_class_map_is_made_once_and_changes_no_spec():
    """The control of ``charts.base._remember_altairs_class_map``: after the first chart, making a chart from
    shorthand channels hashes a handful of schemas, not Altair's 580 classes per channel (its own way: thousands),
    and every kind of channel gives the same spec as Altair's own converter."""
    converter = alt.utils.schemapi._FromDict
    ours = converter.__init__
    hashed: list[int] = []
    own_hash = converter.hash_schema.__func__

    def counting(cls, schema, use_json=True):
        hashed.append(1)
        return own_hash(cls, schema, use_json)

    _channels_chart()
    ours_spec = _channels_chart().to_dict(validate=False)
    try:
        converter.hash_schema = classmethod(counting)
        _channels_chart()
        with_map_kept = len(hashed)
        converter.__init__ = ours.altairs_own
        hashed.clear()
        altairs_spec = _channels_chart().to_dict(validate=False)
        altairs_way = len(hashed)
    finally:
        converter.hash_schema = classmethod(own_hash)
        converter.__init__ = ours
    assert altairs_way > 2_000 > 50 > with_map_kept, (altairs_way, with_map_kept)
    assert ours_spec == altairs_spec


def _page_specs(key: str) -> list[str]:
    import streamlit as st

    from tests.conftest import run_app

    st.cache_resource.clear()  # every figure of the page made anew
    at = run_app(next(p for p in registry.PAGES if p.key == key).file)
    assert not at.exception
    return [chart.proto.spec for chart in at.get("vega_lite_chart")]


def test_layers_pass_through_without_copies_and_no_spec_changes():
    """The control of ``charts.base._skip_altairs_layer_copies``: a layered figure without parameters keeps its
    layers (Altair's own way: deep copies), one with a selection shared by two layers still gets Altair's
    de-duplication, a concatenation of layers with named views still gets Altair's renaming, and every figure of
    the richest page (three model families, concatenated and layered charts) is the same spec as with Altair's
    own layering and its own data transformer."""
    api = alt.vegalite.v6.api
    ours = api._remove_duplicate_params, api._combine_subchart_params
    base = alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [1.0, 2.0]}))
    a = base.mark_point().encode(x="x:Q", y="y:Q")
    b = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule().encode(x="x:Q")  # its own data: not lifted to the top
    brush = alt.selection_interval(name="brush")
    shared = (a.add_params(brush), b.add_params(brush))
    named = alt.layer(a.properties(name="view_a"), b)
    made = {
        "plain": lambda: alt.layer(a, b).to_dict(validate=False),
        "shared": lambda: alt.layer(*shared).to_dict(validate=False),
        "named": lambda: alt.hconcat(named, named).to_dict(validate=False),
    }
    mine = {name: make() for name, make in made.items()}
    assert alt.layer(a, b).layer[0] is a  # passed through: no copy
    mine_page = _page_specs("approaches")
    try:
        api._remove_duplicate_params, api._combine_subchart_params = (f.altairs_own for f in ours)
        alt.data_transformers.enable("default")
        assert alt.layer(a, b).layer[0] is not a  # Altair's own way copies
        altairs = {name: make() for name, make in made.items()}
        altairs_page = _page_specs("approaches")
    finally:
        api._remove_duplicate_params, api._combine_subchart_params = ours
        alt.data_transformers.enable("app")
    assert len(mine["shared"]["params"]) == 1 and mine["shared"]["params"][0]["views"]  # lifted, once
    assert mine == altairs
    assert len(mine_page) >= 5 and mine_page == altairs_page


@given(
    n=st.integers(0, 30),
    kinds=st.lists(
        st.sampled_from(
            ["float", "float32", "int", "uint8", "bool", "text", "text_nan", "category", "date", "nullable"]
        ),
        min_size=1,
        max_size=4,
    ),
    seed=st.integers(0, 2**16),
)
@settings(max_examples=60, deadline=None)
def test_the_fast_data_transformer_writes_what_altairs_own_writes(n, kinds, seed):
    """The control of ``charts.base._chart_values``: for every kind of column (floats with NaN and +-inf, small
    ints, bools, text with and without gaps, categories, dates, pandas' nullable ints) a table's values are
    exactly what Altair's own transformer writes, types included (a NumPy float is not JSON)."""
    rng = np.random.default_rng(seed)
    special = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1e308, 2.5])
    make = {
        "float": lambda: np.where(rng.random(n) < 0.3, rng.choice(special, n), rng.normal(size=n)),
        "float32": lambda: rng.normal(size=n).astype(np.float32),
        "int": lambda: rng.integers(-5, 5, n),
        "uint8": lambda: rng.integers(0, 255, n).astype(np.uint8),
        "bool": lambda: rng.random(n) < 0.5,
        "text": lambda: rng.choice(["p", "q", "ಕನ್ನಡ", ""], n),
        "text_nan": lambda: pd.Series(rng.choice(["p", "q"], n)).where(rng.random(n) < 0.7, np.nan),
        "category": lambda: pd.Categorical(rng.choice(["data", "model"], n)),
        "date": lambda: pd.date_range("2026-01-01", periods=n, freq="D"),
        "nullable": lambda: pd.array(rng.integers(0, 3, n), dtype="Int64"),
    }
    table = pd.DataFrame({f"{kind}_{i}": make[kind]() for i, kind in enumerate(kinds)}, index=rng.permutation(n))
    ours = charts.base._chart_values(table)
    if not {"text_nan", "date", "nullable"} & set(kinds):  # the fast path's kinds: it must take them itself
        assert all(charts.base._column_values(table[c]) is not None for c in table.columns)
    altairs = alt.default_data_transformer(table)
    assert json.dumps(ours) == json.dumps(altairs)
    assert [[type(v) for v in row.values()] for row in ours["values"]] == [
        [type(v) for v in row.values()] for row in altairs["values"]
    ]


def test_the_app_charts_use_the_fast_data_transformer_and_keep_altairs_row_limit():
    assert alt.data_transformers.active == "app"
    big = pd.DataFrame({"x": np.arange(5001.0)})
    with pytest.raises(alt.MaxRowsError):
        charts.base._chart_values(big)
    assert alt.data_transformers.get()(pd.DataFrame(index=range(2))) == {"values": [{}, {}]}  # no columns


# -- charts sent with what a control changes moved into data (charts.live) ---------------------------------------------


def _shown_charts(monkeypatch, key: str) -> list:
    """The finished charts (``cache.Rendered``) a page shows in normal mode, in order."""
    from tests.conftest import run_app

    shown, real = [], frame.show
    monkeypatch.setattr(frame, "show", lambda chart, *a, **kw: (shown.append(chart), real(chart, *a, **kw))[1])
    at = run_app(next(p for p in registry.PAGES if p.key == key).file)
    assert not at.exception
    return shown


def _named_like_live(plain: dict) -> dict:
    """``plain`` with its datasets named as :func:`charts.base.live` names them (nothing else)."""
    from ui.charts.base import names_by_order

    text = json.dumps(plain)
    for old, new in names_by_order(plain.get("datasets", {})).items():
        text = text.replace(f'"{old}"', f'"{new}"')
    return json.loads(text)


@pytest.mark.parametrize("key", ["kl", "core_challenge", "autoregressive", "approaches"])
def test_a_chart_sent_with_its_values_in_data_draws_what_its_plain_spec_draws(monkeypatch, key):
    """``live`` moves titles and axis domains into a row of data and ``drawn`` puts them back: the round trip gives
    the plain spec again, and vl-convert (the Vega the browser runs) draws the sent spec pixel for pixel as the
    plain one (the row's carrier mark draws nothing; every domain reads the values it had)."""
    import vl_convert

    from ui.charts.base import LIVE_DATA, drawn, live

    moved = 0
    for chart in _shown_charts(monkeypatch, key):
        plain = chart.plain
        sent = live(plain)
        assert drawn(sent) == drawn(_named_like_live(plain))
        if LIVE_DATA in sent["datasets"] and moved < 2:  # two charts a page: each picture takes ~0.2 s
            moved += 1
            assert vl_convert.vegalite_to_png(sent) == vl_convert.vegalite_to_png(plain), chart.description
    assert moved, f"{key}: no chart had a title or a domain to move into data"


def test_live_leaves_a_chart_with_selections_and_a_concatenation_without_layers_as_drawn():
    """The cases ``live`` must not touch: selection parameters (sent as they are) and a concatenation of single
    views (no layer to carry the row: names only, domains stay literal)."""
    from ui.charts.base import LIVE_DATA, live

    base = alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [1.0, 2.0]})).mark_point()
    movable = alt.Scale(domain=[0, 5], nice=False, zero=False)  # a domain live() moves where a view can carry it
    ranged = base.encode(x=alt.X("x:Q", scale=movable), y="y:Q").properties(title="t = 1")
    with_brush = charts.spec(ranged.add_params(alt.selection_interval(name="brush")), charts.NORMAL)
    assert live(with_brush) == with_brush
    pair = live(charts.spec(alt.hconcat(ranged, ranged), charts.NORMAL))
    assert LIVE_DATA not in pair["datasets"] and pair["hconcat"][0]["encoding"]["x"]["scale"]["domain"] == [0, 5]
    assert pair["hconcat"][0]["title"] == "t = 1"
    layered = live(charts.spec(alt.hconcat(ranged, alt.layer(ranged)), charts.NORMAL))  # a layer: now it moves
    assert LIVE_DATA in layered["datasets"] and "expr" in layered["hconcat"][0]["encoding"]["x"]["scale"]["domain"]
    assert pair["data"] == {"name": "rows_0"} and list(pair["datasets"]) == ["rows_0"]


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("key", [p.key for p in registry.PAGES])
def test_the_main_slider_changes_only_the_data_of_the_charts(key, present):
    """A step of a page's main slider (its first; the one the benchmark presses) sends every chart with the same
    spec and new data, so the browser updates the drawn charts instead of drawing them again (a few tens of ms a
    chart): titles and axis domains that follow the slider are read from data, and no text alternative quotes a
    value of that slider. The exceptions are listed with their reason. In both modes: the lecturer moves the slides'
    sliders in presenter mode, where some pages show other charts (and learn data's first slider is another)."""
    from tests.conftest import run_app

    at = run_app(next(p for p in registry.PAGES if p.key == key).file, present=present)
    sliders = [s for s in at.main.slider if s.key]
    if not sliders:
        pytest.skip(f"{key} has no slider")
    slider = sliders[0]

    def sent():
        return [(c.proto.spec, [d.data.data for d in c.proto.datasets]) for c in at.get("vega_lite_chart")]

    def shown():
        return [m.value for m in at.metric] + [m.value for m in at.markdown] + [c.value for c in at.caption]

    before, words = sent(), shown()
    value = slider.value + slider.step if slider.value + slider.step <= slider.max else slider.value - slider.step
    slider.set_value(type(slider.value)(value)).run()
    assert not at.exception
    after = sent()
    assert len(after) == len(before)
    respecified = [i for i, (a, b) in enumerate(zip(after, before, strict=True)) if a[0] != b[0]]
    assert respecified == [], f"{key}: new specs {respecified}"
    moved = any(a[1] != b[1] for a, b in zip(after, before, strict=True))
    assert moved or shown() != words, f"{key}: the slider changed no chart, number or text"
