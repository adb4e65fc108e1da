"""Charts shared by every page: one palette, one projector-readable style, a fast heatmap, export.

Colours mean the same thing on every page (Okabe-Ito, colour-blind safe):

* ``P_COLOR`` (blue): the true / data distribution p
* ``Q_COLOR`` (vermillion): the model q
* ``SAMPLE_COLOR`` (green): samples a model generated
* ``CLASS_COLORS``: class 0 blue, class 1 vermillion, class 2 green, ...

Densities and decision boundaries are painted as one PNG image (numpy -> RGB -> PNG -> Altair
``mark_image``) with the data layered on top: about ten times faster than thousands of rect marks.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
from PIL import Image

# Altair's debug mode (on by default) validates every schema object against the Vega-Lite schema as it is made
# (every Scale, Axis, Legend, channel): a quarter of the time it takes to build a chart and turn it into a spec.
# The app's figures are made by this package's own code, and the tests validate every finished spec of every page
# against the whole schema (tests/test_app.py), which checks the same things once, on what the browser receives.
alt.utils.schemapi.disable_debug_mode()


def _remember_altairs_class_map() -> None:
    """Make Altair map schemas to its classes once per process instead of once per channel.

    ``encode(x="a:Q")`` turns each string or dict into a channel with ``SchemaBase.from_dict``, and every such call
    builds Altair's map from schema to class afresh: it JSON-dumps the schemas of all 580 classes. That was 2 ms per
    channel, 8 of every 9 ms a four-channel chart took to make (0.7 ms with the map kept). Upstream it is still
    open (vega/altair#3547). The map is the same for the same classes, so it is kept per tuple of classes (the
    tuple is read afresh every call, so a class defined later still counts); ``tests/test_ui.py`` checks
    that specs do not change.
    """
    converter = alt.utils.schemapi._FromDict
    if hasattr(converter.__init__, "altairs_own"):  # already done (a module reloaded)
        return
    altairs_own = converter.__init__

    @functools.cache
    def class_map(classes: tuple[type, ...]) -> dict:
        fresh = object.__new__(converter)
        altairs_own(fresh, classes)
        return fresh.class_dict

    def __init__(self, wrapper_classes, /) -> None:  # noqa: N807 (Altair's own method, replaced)
        self.class_dict = class_map(tuple(wrapper_classes))

    __init__.altairs_own = altairs_own
    converter.__init__ = __init__


_remember_altairs_class_map()


def _skip_altairs_layer_copies() -> None:
    """Let a layered figure whose layers hold no parameters keep its layers instead of deep copies of them.

    ``alt.layer(a, b, c)`` deep-copies every layer twice while it is made (to lift and de-duplicate the layers'
    selection parameters), and ``to_dict`` makes the layered chart once more on its way to the spec: four deep
    copies of every layer per figure, about a fifth of the time a page spent building its charts. When no layer has
    parameters (and no layer of a concatenated layer is named), those copies come out the same as what went in, so
    the layers are passed through as they are; with parameters, Altair's own functions run. The app's chart
    builders make fresh layers for each figure and never change one afterwards, so nothing is shared that is later
    changed. ``tests/test_ui.py`` checks that specs do not change.
    """
    api = alt.vegalite.v6.api
    if hasattr(api._remove_duplicate_params, "altairs_own"):  # already done (a module reloaded)
        return
    own_remove, own_combine = api._remove_duplicate_params, api._combine_subchart_params

    def has_params(chart) -> bool:
        return not alt.utils.is_undefined(getattr(chart, "params", alt.Undefined))

    def named_layers(chart) -> bool:
        layers = chart.layer if isinstance(chart, alt.LayerChart) else []
        return any(isinstance(layer, alt.Chart) and layer.name is not alt.Undefined for layer in layers)

    def _remove_duplicate_params(layer):
        return own_remove(layer) if any(has_params(c) for c in layer) else list(layer)

    def _combine_subchart_params(params, subcharts):
        if (not alt.utils.is_undefined(params) and params) or any(has_params(c) for c in subcharts):
            return own_combine(params, subcharts)
        if len(subcharts) > 1 and any(named_layers(c) for c in subcharts):
            return own_combine(params, subcharts)  # a concatenation renames its layers' named views
        return alt.Undefined, list(subcharts)

    _remove_duplicate_params.altairs_own = own_remove
    _combine_subchart_params.altairs_own = own_combine
    api._remove_duplicate_params = _remove_duplicate_params
    api._combine_subchart_params = _combine_subchart_params


_skip_altairs_layer_copies()


def _column_values(column: pd.Series) -> list | None:
    """A column as JSON-ready Python values the way Altair's sanitiser writes them (NaN and +-inf as None), or
    None for a kind of column it treats some other way (dates, categories, arrays, nullable ints...)."""
    values = column.to_numpy()
    kind = values.dtype.kind
    if kind == "f":
        out = values.astype(object)
        out[~np.isfinite(values)] = None
        return out.tolist()
    if kind in "iub":
        return values.tolist()
    if kind == "O" and all(isinstance(v, str) for v in values):  # text (pandas 3's str columns included)
        return values.tolist()
    return None


def _chart_values(data, max_rows: int | None = 5000):
    """Altair's data transformer for a figure's tables, made fast for the kinds of columns the app uses.

    Altair's own (``default_data_transformer``) copies the table, rewrites every column through pandas' ``where``
    and then asks pandas for records: 5 ms for a 2,000-row table of two numbers and a label, 1 ms this way, on
    every figure a control redraws. Same output (``tests/test_ui.py`` compares them on every kind of column and on
    a page's figures); any other table, or more rows than ``max_rows``, goes to Altair's own.
    """
    plain = (
        isinstance(data, pd.DataFrame)
        and (max_rows is None or len(data) <= max_rows)
        and not data.columns.empty
        and not isinstance(data.columns, pd.MultiIndex)
        and all(isinstance(c, str) for c in data.columns)
        and not data.columns.has_duplicates
    )
    columns = [_column_values(data[c]) for c in data.columns] if plain else [None]
    if any(c is None for c in columns):
        return alt.default_data_transformer(data, max_rows=max_rows)
    names = list(data.columns)
    return {"values": [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]}


alt.data_transformers.register("app", _chart_values)
alt.data_transformers.enable("app")

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW, BLACK = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
PALETTE: tuple[str, ...] = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW, BLACK)
P_COLOR = BLUE
Q_COLOR = VERMILLION
SAMPLE_COLOR = VERMILLION  # model samples: filled vermillion triangles (data: hollow grey circles)
DATA_GREY = "#5a5a5a"
CLASS_COLORS: tuple[str, ...] = PALETTE
GREY = "#6b6b6b"

#: Colour stops of the two heatmap kinds, from low to high values.
#: "probability": class 0 blue -> white at 0.5 -> class 1 vermillion (diverging, like the class colours).
#: "density": white -> light blue -> deep blue -> near black (sequential, zero density is white).
COLORMAPS: dict[str, tuple[str, ...]] = {
    "probability": (BLUE, "#9cc6e2", "#ffffff", "#f0b48f", VERMILLION),
    "density": ("#ffffff", "#d4e6f4", "#7fb3da", BLUE, "#023a5c"),
}


#: The app's own typeface (Streamlit serves Source Sans from the app itself: nothing is fetched from outside).
APP_FONT = '"Source Sans", "Source Sans Pro", sans-serif'
#: Tallest chart in presenter mode (pixels): what is left of a 768-pixel-high screen under the title, the key message
#: and the one-line formula, so that the whole figure is on the first screen.
PRESENT_MAX_HEIGHT = 430


@dataclass(frozen=True)
class Style:
    """How big a chart is drawn: normal (a laptop) or presenter (a projector, read from the back row).

    Every chart builder takes its style as an explicit argument and no chart builder reads the session:
    a chart cached for one mode can then never be served to the other (the style is part of its cache key).
    """

    present: bool = False

    def height(self, px: float) -> int:
        """A chart height in pixels: a third taller in presenter mode, but never taller than fits one projector
        screen (1366x768) below the title and formula (:data:`PRESENT_MAX_HEIGHT`)."""
        return min(int(px * 1.35), PRESENT_MAX_HEIGHT) if self.present else int(px)

    def size(self, area: float) -> float:
        """A mark's area (points, squares), a third larger in presenter mode."""
        return float(area) * 1.35 if self.present else float(area)

    @property
    def label_font(self) -> int:
        """Axis and legend label size in pixels."""
        return 18 if self.present else 13

    @property
    def title_font(self) -> int:
        """Axis and legend title size in pixels."""
        return 20 if self.present else 14


NORMAL = Style(present=False)
PRESENT = Style(present=True)


def page_config(style: Style) -> dict:
    """The Vega-Lite ``config`` of the page style: large labels, light grid, no chart border."""
    label, title = style.label_font, style.title_font
    return {
        "font": APP_FONT,
        "background": "white",
        "axis": {
            "labelFontSize": label,
            "titleFontSize": title,
            "gridColor": "#e6e6e6",
            "titleFontWeight": "normal",
            "labelColor": "#333",
            "titleColor": "#222",
        },
        # about one quantitative x label per 90 px, so wide charts do not crowd their axis
        "axisX": {"tickCount": {"expr": "ceil(width / 90)"}},
        "legend": {
            "labelFontSize": label,
            "titleFontSize": title,
            "symbolSize": 120 if style.present else 80,
            "orient": "bottom",
            "titleFontWeight": "normal",
        },
        "title": {"fontSize": title + 2, "anchor": "start", "fontWeight": "normal", "color": "#222"},
        "header": {"labelFontSize": label, "titleFontSize": title},
        "text": {"fontSize": label},
        "view": {"strokeWidth": 0},
    }


def _merge_config(spec_dict: dict, style: Style) -> dict:
    """Put the page style under a spec's own ``config`` (a chart's explicit settings win)."""
    ours = page_config(style)
    for section, value in spec_dict.get("config", {}).items():
        ours[section] = {**ours.get(section, {}), **value} if isinstance(value, dict) else value
    spec_dict["config"] = ours
    return spec_dict


def composed(kind: str, parts: Sequence, *, style: Style | None = None, config: dict | None = None, **props) -> dict:
    """A layered or concatenated chart (``kind``: ``"layer"``, ``"hconcat"`` or ``"vconcat"``) of ``parts``
    (Altair charts or specs made by this function), as ``alt.layer``/``alt.hconcat`` would make it, as a spec.

    Altair deep-copies every subchart on each composition and on each ``.properties()`` after it: about 100 ms of
    the 180 ms it took to make genai's two-panel figure. Here each part becomes a spec once and the specs are nested;
    ``props`` are the composition's own properties (``width``, ``title``, ``resolve``, ...), ``config`` its
    configuration, and ``style`` (for the outermost call) puts the page style under it, as :func:`spec` does.
    Parts must not carry selection parameters (Altair lifts those to the top; this does not).
    """
    datasets: dict = {}
    inherited: dict = {}
    schema = None
    children = []
    for part in parts:
        child = dict(part) if isinstance(part, dict) else part.to_dict(validate=False)
        datasets.update(child.pop("datasets", {}))
        for section, value in child.pop("config", {}).items():
            inherited.setdefault(section, value)
        schema = child.pop("$schema", schema)
        children.append(child)
    if '"params"' in json.dumps(children):
        raise ValueError("composed() does not lift selection parameters: compose charts that have them with Altair")
    for section, value in (config or {}).items():
        inherited[section] = {**inherited.get(section, {}), **value} if isinstance(value, dict) else value
    props = {k: v.to_dict(validate=False) if isinstance(v, alt.SchemaBase) else v for k, v in props.items()}
    out = {kind: children, **props, "config": inherited, "datasets": datasets, "$schema": schema}
    return _merge_config(out, style) if style is not None else out


#: The dataset of :func:`live` that carries a chart's changing numbers and titles (one row).
LIVE_DATA = "live_values"
_ALTAIR_DATA_NAME = re.compile(r"data-[0-9a-f]{32}")
_ORDER_NAME = re.compile(r"rows_\d+")
_VIEW_KEYS = ("mark", "layer", "vconcat", "hconcat", "concat", "facet", "repeat")
_UNIT_KEYS = ("data", "mark", "encoding", "transform", "projection")
_SINGLE_VIEW = "live_single_view"  # the name of the layer :func:`live` makes of a single view


def live(finished: dict) -> dict:
    """The spec a chart is sent to the browser as: the same picture, with what a control changes moved into data.

    Streamlit draws a chart anew (Vega-Lite compiled, every mark made) whenever its spec differs from the one on
    screen, and only updates the drawn chart when nothing but its datasets differ (Vega's script per key press: 24 ms
    on the KL page when drawn anew; 9 ms on the core challenge's page of many lines when updated; more for panels of
    points, and layout and paint on top). Three things of a spec change with a control although the picture's
    structure does not:

    - Altair names each dataset after a hash of its rows: here the datasets are named by their order (``rows_0``,
      ...; a dataset already named by the chart's builder keeps its name);
    - a fixed numeric scale domain ``[lo, hi]`` that follows the data (a y axis fitted to the curve) and says its
      ``nice`` and ``zero`` (as :func:`scale` does): it becomes an expression reading ``lo`` and ``hi`` from the
      one-row dataset :data:`LIVE_DATA`; so do the categories of a key (a list of names: a heatmap's colour key
      names values);
    - a view's title (text and subtitle) that names a control's value: read from the same row.

    The row rides on an invisible mark hidden from screen readers (Vega-Lite keeps a dataset only where a mark uses
    it), added to the first layered view (a single view becomes a layer of its own); a concatenation without a
    layered view keeps its domains and titles as they are. Charts with selection parameters are sent as they are.
    The export menu renders the plain spec, so files carry literal values; :func:`drawn` turns a sent spec back.

    >>> y = {"field": "y", "type": "quantitative", "scale": {"domain": [0.0, 2.5], "nice": False, "zero": False}}
    >>> spec = {"layer": [{"mark": "line", "data": {"name": "data-" + "0" * 32}, "encoding": {"y": y}}],
    ...     "title": "t = 3", "datasets": {"data-" + "0" * 32: [{"y": 1.0}]}}
    >>> out = live(spec)
    >>> out["layer"][0]["data"], out["datasets"]["live_values"]
    ({'name': 'rows_0'}, [{'v0': 0.0, 'v1': 2.5, 't2': 't = 3'}])
    >>> out["layer"][0]["encoding"]["y"]["scale"]["domain"]["expr"].split(", ")[0]
    "[(length(data('live_values')) ? data('live_values')[0].v0 : 0)"
    >>> out["title"]["text"]["expr"]
    "(length(data('live_values')) ? data('live_values')[0].t2 : '')"
    """
    if '"params"' in json.dumps({k: v for k, v in finished.items() if k != "datasets"}):
        return finished
    names = names_by_order(finished.get("datasets", {}))
    move = "mark" in finished or _first_layered(finished) is not None  # is there a view to carry the row?
    row: dict[str, object] = {}
    columns: dict[tuple, str] = {}

    def read(value: object, prefix: str = "v") -> str:
        """An expression for ``value`` from the row (one column per distinct value: layers that share a domain
        get the same expression, so Vega-Lite sees one domain, not a union). Before Streamlit has inserted the
        row, the expression gives 0 or "". Columns ``t..`` hold the lines of a title that was a plain text."""
        key = (prefix, type(value).__name__, value)
        if key not in columns:
            columns[key] = f"{prefix}{len(row)}"
            row[columns[key]] = value
        empty = "''" if isinstance(value, str) else "0"
        return f"(length(data('{LIVE_DATA}')) ? data('{LIVE_DATA}')[0].{columns[key]} : {empty})"

    def text(value: object, prefix: str = "v") -> dict | None:
        if value == "" or value == []:  # no title: Vega keeps room for a title it reads from data, even an empty one
            return None
        if isinstance(value, str):
            return {"expr": read(value, prefix)}
        if isinstance(value, list) and value and all(isinstance(line, str) for line in value):
            return {"expr": "[" + ", ".join(read(line, prefix) for line in value) + "]"}
        return None

    def walk(node: object, is_view: bool) -> object:
        if isinstance(node, list):
            return [walk(item, isinstance(item, dict) and any(k in item for k in _VIEW_KEYS)) for item in node]
        if not isinstance(node, dict):
            return node
        if set(node) == {"name"} and node["name"] in names:
            return {"name": names[node["name"]]}
        out = {}
        for key, value in node.items():
            if key in ("datasets", "config", "$schema", "description"):
                out[key] = value
            elif move and key == "scale" and _exact_domain(value):
                out[key] = {**value, "domain": {"expr": "[" + ", ".join(read(v) for v in value["domain"]) + "]"}}
            elif move and key == "title" and is_view:
                if isinstance(value, dict):
                    title = dict(value)
                    for part in ("text", "subtitle"):
                        if (expr := text(title.get(part))) is not None:
                            title[part] = expr
                    out[key] = title
                else:
                    expr = text(value, "t")
                    out[key] = value if expr is None else {"text": expr}
            else:
                out[key] = walk(value, key == "spec")
        return out

    sent = walk(finished, True)
    # a point of no size and no opacity: it draws nothing (tests/test_ui.py compares the pictures pixel for pixel)
    carrier = {"data": {"name": LIVE_DATA}, "mark": {"type": "point", "size": 0, "opacity": 0, "aria": False}}
    sent["datasets"] = {names[old]: rows for old, rows in finished.get("datasets", {}).items()}
    if row:
        if "mark" in sent:  # a single view: layered with the carrier (its own keys stay at the top)
            unit = {key: sent.pop(key) for key in _UNIT_KEYS if key in sent}
            sent["layer"] = [unit]
            sent["name"] = _SINGLE_VIEW
        _first_layered(sent)["layer"].append(carrier)
        sent["datasets"][LIVE_DATA] = [row]
    return sent


def names_by_order(datasets: dict) -> dict[str, str]:
    """The name :func:`live` sends each dataset under: Altair's hash names become ``rows_0``, ``rows_1``, ... in
    their order; a name the chart's builder chose stays (an expression may read it).

    >>> list(names_by_order({"data-" + "a" * 32: [], "step_title": [], "data-" + "b" * 32: []}).values())
    ['rows_0', 'step_title', 'rows_1']
    """
    hashed = [old for old in datasets if _ALTAIR_DATA_NAME.fullmatch(old)]
    return {old: f"rows_{hashed.index(old)}" if old in hashed else old for old in datasets}


#: A read of one value from a dataset's first row: :func:`live`'s guarded form, or :func:`title_from_data`'s.
_DATA_READ = re.compile(
    r"\(length\(data\('(?P<guarded>\w+)'\)\) \? data\('(?P=guarded)'\)\[0\]\.(?P<guarded_column>\w+) : [^)]*\)"
    r"|data\('(?P<name>\w+)'\)\[0\]\.(?P<column>\w+)"
)


def drawn(sent: dict, datasets: dict | None = None) -> dict:
    """What a chart sent by :func:`live` draws, as a plain spec: every expression that reads a value from a
    dataset's first row (:func:`live`'s row of :data:`LIVE_DATA`, a title of :func:`title_from_data`) replaced by
    that value (titles and domains literal again), each dataset named after its rows again, a single view that
    :func:`live` layered single again, the carrier mark gone, and ``datasets`` (name -> rows; default: the spec's
    own) in place of the spec's. For tests: what the browser draws from the spec and data Streamlit sent.

    >>> y = {"field": "y", "type": "quantitative", "scale": {"domain": [0.0, 2.5], "nice": False, "zero": False}}
    >>> spec = {"layer": [{"mark": "line", "data": {"name": "data-" + "0" * 32}, "encoding": {"y": y}}],
    ...     "title": "t = 3", "datasets": {"data-" + "0" * 32: [{"y": 1.0}]}}
    >>> back = drawn(live(spec))
    >>> back["title"], back["layer"][0]["encoding"]["y"]["scale"]["domain"], len(back["layer"])
    ('t = 3', [0.0, 2.5], 1)
    >>> drawn(live({**spec["layer"][0], "datasets": spec["datasets"]}))["encoding"]["y"]["scale"]["domain"]
    [0.0, 2.5]
    """
    datasets = dict(sent.get("datasets", {}) if datasets is None else datasets)
    every = dict(datasets)
    datasets.pop(LIVE_DATA, None)

    def read(match: re.Match) -> object:
        name = match.group("guarded") or match.group("name")
        return every[name][0][match.group("guarded_column") or match.group("column")]

    def value(expr: str) -> object:
        if (whole := _DATA_READ.fullmatch(expr)) is not None:
            return read(whole)
        if expr.startswith("[") and expr.endswith("]"):
            parts = list(_DATA_READ.finditer(expr))
            if parts and _DATA_READ.sub("", expr[1:-1]).replace(",", "").strip() == "":
                return [read(part) for part in parts]
        return {"expr": expr}

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(item) for item in node if not (isinstance(item, dict) and _is_carrier(item))]
        if not isinstance(node, dict):
            return node
        if set(node) == {"expr"} and isinstance(node["expr"], str):
            return value(node["expr"])
        if set(node) == {"name"} and node["name"] in hashed:
            return {"name": hashed[node["name"]]}
        title = node.get("title")
        out = {key: item if key in ("datasets", "config") else walk(item) for key, item in node.items()}
        if isinstance(title, dict) and set(title) == {"text"} and _reads_plain_title(title["text"]):
            out["title"] = out["title"]["text"]  # a plain title again
        if out.get("name") == _SINGLE_VIEW:
            (unit,) = out.pop("layer")
            del out["name"]
            out.update(unit)
        return out

    hashed = {name: _rows_name(rows) for name, rows in datasets.items() if _ORDER_NAME.fullmatch(name)}
    out = walk(sent)
    out["datasets"] = {hashed.get(name, name): rows for name, rows in datasets.items()}
    return out


def _reads_plain_title(text: object) -> bool:
    """True for a title text that :func:`live` made of a plain title (its lines in columns ``t..``)."""
    if not (isinstance(text, dict) and isinstance(text.get("expr"), str)):
        return False
    columns = [m.group("guarded_column") for m in _DATA_READ.finditer(text["expr"]) if m.group("guarded")]
    return bool(columns) and all(c.startswith("t") for c in columns)


def _rows_name(rows: object) -> str:
    """A dataset's name from its rows, as Altair names it (so equal data has equal names, in tests too)."""
    import hashlib

    text = json.dumps(rows, sort_keys=True, default=str).encode()
    return "data-" + hashlib.sha256(text).hexdigest()[:32]


def _is_carrier(view: dict) -> bool:
    return view.get("data") == {"name": LIVE_DATA}


def _exact_domain(scale: object) -> bool:
    """A scale whose literal numeric ``[lo, hi]`` domain can be read from data without changing the picture: it
    says ``nice`` and ``zero`` itself (Vega-Lite's defaults for them differ between a literal domain and one read
    by an expression, and between marks: a bar's y is not rounded out, a line's is)."""
    if not isinstance(scale, dict):
        return False
    domain = scale.get("domain")
    if isinstance(domain, list) and domain and all(isinstance(v, str) for v in domain):
        return True  # the categories of a key whose labels name values (a heatmap's colour key)
    return _numeric_pair(domain) and "nice" in scale and "zero" in scale


def _numeric_pair(domain: object) -> bool:
    return (
        isinstance(domain, list)
        and len(domain) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in domain)
    )


def _first_layered(view: dict) -> dict | None:
    """The first layered view inside ``view`` (itself, or depth first through its concatenations), or None."""
    if isinstance(view.get("layer"), list):
        return view
    for key in ("vconcat", "hconcat", "concat"):
        for child in view.get(key) or []:
            if isinstance(child, dict) and (found := _first_layered(child)) is not None:
                return found
    return None


def title_from_data(finished: dict, name: str, lines: Sequence[str]) -> dict:
    """A finished layered spec whose title (``lines``) is read from its one-row dataset ``name`` by a Vega
    expression, so a title that names a control's value (the step t) changes the data, not the spec.

    Vega-Lite keeps a dataset only where a layer uses it: a text mark that draws nothing and is hidden from screen
    readers carries it. The title keeps its style (font, size, anchor); vl-convert renders it like any title.

    >>> spec = title_from_data({"layer": [], "title": {"text": "old", "fontSize": 16}}, "step", ["t = 3:", "2 done"])
    >>> spec["title"]
    {'text': {'expr': "[data('step')[0].line0, data('step')[0].line1]"}, 'fontSize': 16}
    >>> spec["datasets"]["step"]
    [{'line0': 't = 3:', 'line1': '2 done'}]
    """
    if "layer" not in finished:
        raise ValueError("title_from_data needs a layered spec (alt.layer): the dataset rides on a layer of its own")
    row = {f"line{i}": line for i, line in enumerate(lines)}
    read = [f"data('{name}')[0].{column}" for column in row]
    title = finished.get("title", {})
    title = dict(title) if isinstance(title, dict) else {"text": title}
    title["text"] = {"expr": read[0] if len(read) == 1 else "[" + ", ".join(read) + "]"}
    carrier = {"data": {"name": name}, "mark": {"type": "text", "opacity": 0, "aria": False}}
    return {
        **finished,
        "layer": [*finished["layer"], carrier],
        "title": title,
        "datasets": {**finished.get("datasets", {}), name: [row]},
    }


def scale(lo: float, hi: float, **kw) -> alt.Scale:
    """A fixed-domain linear scale from ``lo`` to ``hi`` (no rounding out, no forced zero)."""
    return alt.Scale(domain=[float(lo), float(hi)], nice=False, zero=False, **kw)


def hex_to_rgb(colour: str) -> np.ndarray:
    """``"#0072B2"`` -> ``array([0., 114., 178.])``."""
    colour = colour.lstrip("#")
    return np.array([int(colour[i : i + 2], 16) for i in (0, 2, 4)], float)


def contour_edges(values: np.ndarray, level: float) -> np.ndarray:
    """Boolean mask of grid cells where ``values`` cross ``level`` (non-finite cells count as below)."""
    v = np.asarray(values, float)
    above = np.where(np.isfinite(v), v, -np.inf) >= level
    edge = np.zeros_like(above)
    edge[:-1, :] |= above[:-1, :] != above[1:, :]
    edge[:, :-1] |= above[:, :-1] != above[:, 1:]
    return edge


# ----------------------------------------------------------------------------- heatmap (PNG)


def colorize(
    values: np.ndarray,
    kind: str = "density",
    vmin: float | None = None,
    vmax: float | None = None,
    contour: float | None = None,
) -> np.ndarray:
    """Map a 2-D grid of values to an RGB image (uint8, shape (ny, nx, 3)).

    ``values[0]`` is the lowest y row (as produced by ``np.meshgrid`` over increasing y); the image is
    flipped so that it appears the right way up. Non-finite values are painted light grey.
    With ``contour`` set, pixels where the values cross that level are painted dark grey.
    """
    v = np.asarray(values, float)
    if v.ndim != 2:
        raise ValueError(f"heatmap values must be a 2-D grid, got shape {v.shape}")
    finite = np.isfinite(v)
    lo = float(np.min(v[finite])) if vmin is None and finite.any() else (vmin if vmin is not None else 0.0)
    hi = float(np.max(v[finite])) if vmax is None and finite.any() else (vmax if vmax is not None else 1.0)
    if hi <= lo:
        hi = lo + 1.0
    t = np.clip((np.where(finite, v, lo) - lo) / (hi - lo), 0.0, 1.0)
    stops = np.array([hex_to_rgb(c) for c in COLORMAPS[kind]])
    pos = t * (len(stops) - 1)
    i = np.minimum(pos.astype(int), len(stops) - 2)
    frac = (pos - i)[..., None]
    rgb = stops[i] * (1 - frac) + stops[i + 1] * frac
    rgb[~finite] = (225, 225, 225)
    if contour is not None:
        rgb[contour_edges(np.where(finite, v, lo), contour)] = (40, 40, 40)
    return np.ascontiguousarray(rgb[::-1].round().astype(np.uint8))


def png_data_url(rgb: np.ndarray) -> str:
    """Encode an RGB uint8 array as a ``data:image/png;base64,...`` URL (nothing is fetched)."""
    buffer = io.BytesIO()
    Image.fromarray(rgb, mode="RGB").save(buffer, format="PNG", optimize=False, compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def soften(rgb: np.ndarray, strength: float) -> np.ndarray:
    """Mix colours with white, keeping ``strength`` of the colour (full-colour points then stand out on top)."""
    return 255.0 - (255.0 - np.asarray(rgb, float)) * strength


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{int(round(c)):02x}" for c in rgb)


def colour_key(
    kind: str,
    vmin: float,
    vmax: float,
    title: str,
    extent: Sequence[float],
    strength: float = 1.0,
    end_labels: tuple[str, str] | None = None,
    steps: int = 3,
    *,
    style: Style,
) -> alt.Chart:
    """A heatmap's colour key: ``steps`` swatches from ``vmin`` to ``vmax`` in a row below the plot.

    Swatches (a symbol legend) rather than a gradient bar: in the browser, Vega's gradient legend vanished for
    some heatmap images while the same spec showed it for others. The layer's own points are invisible.
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    hi = vmax if vmax > vmin else vmin + 1.0
    values = np.linspace(vmin, hi, steps)
    colours = [_hex(c) for c in soften(colorize(values[None, :], kind, vmin, hi)[0], strength)]
    labels = [f"{v:.2g}" for v in values]
    if end_labels is not None:
        labels[0], labels[-1] = end_labels
    legend = alt.Legend(
        orient="bottom",
        direction="horizontal",
        title=title or None,
        titleOrient="top",
        symbolType="square",
        symbolSize=style.height(260) if style.present else 220,
        symbolOpacity=1,
        symbolStrokeColor="#888888",
        symbolStrokeWidth=0.8,
        labelLimit=200,
        columnPadding=6,
    )
    return (
        alt.Chart(pd.DataFrame({"label": labels, "x": [x0] * steps, "y": [y0] * steps}))
        .mark_square(size=0, opacity=0)
        .encode(
            x=alt.X("x:Q", scale=scale(x0, x1)),
            y=alt.Y("y:Q", scale=scale(y0, y1)),
            fill=alt.Fill("label:N", scale=alt.Scale(domain=labels, range=colours), sort=None, legend=legend),
        )
    )


def heatmap(
    values: np.ndarray,
    extent: Sequence[float],
    kind: str = "density",
    vmin: float | None = None,
    vmax: float | None = None,
    contour: float | None = None,
    title: str = "",
    x_title: str = "x₁",
    y_title: str = "x₂",
    strength: float = 1.0,
    end_labels: tuple[str, str] | None = None,
    axis: alt.Axis | None = None,
    *,
    style: Style,
) -> alt.LayerChart:
    """A fast heatmap layer: the grid painted as one PNG, plus a colour key (swatches below the plot).

    Parameters
    ----------
    values : array of shape (ny, nx)
        Values on a regular grid; ``values[0]`` is the lowest y row.
    extent : (x0, x1, y0, y1)
        Data coordinates of the grid's edges; axes of layered charts use the same domain.
    kind : "density" or "probability"
    vmin, vmax : float, optional
        Colour scale limits (default: the data range; probabilities should pass 0 and 1). Values above
        ``vmax`` get the darkest colour, and the key then says "≥".
    contour : float, optional
        Draw this level (e.g. 0.5 for a decision boundary) as a dark line.
    title : str
        Key title, e.g. ``"P(y=1|x)"`` or ``"p(x)"``.
    strength : float
        Share of the colour kept (the rest is white): below 1, points drawn on top in full colour stay visible.
    end_labels : (str, str), optional
        Labels for the two ends of the key, e.g. ``("0: class 0", "1: class 1")``.
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    v = np.asarray(values, float)
    finite = v[np.isfinite(v)]
    lo = vmin if vmin is not None else (float(finite.min()) if finite.size else 0.0)
    hi = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    rgb = soften(colorize(v, kind, lo, hi), strength)
    if contour is not None:  # painted after softening, so the boundary stays dark
        rgb[contour_edges(np.where(np.isfinite(v), v, lo), contour)[::-1]] = (30, 30, 30)
    url = png_data_url(np.ascontiguousarray(rgb.round().astype(np.uint8)))
    x_scale, y_scale = scale(x0, x1), scale(y0, y1)
    axis_kw = {"axis": axis} if axis is not None else {}
    image = (
        alt.Chart(pd.DataFrame({"url": [url], "x": [x0], "x2": [x1], "y": [y0], "y2": [y1]}))
        .mark_image(aspect=False, align="left", baseline="bottom")
        .encode(
            x=alt.X("x:Q", scale=x_scale, title=x_title, **axis_kw),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, title=y_title, **axis_kw),
            y2="y2:Q",
            url="url:N",
        )
    )
    above_top = finite.size and vmax is not None and float(finite.max()) > vmax
    if end_labels is None and above_top:
        end_labels = (f"{lo:.2g}", f"≥ {hi:.2g}")
    return alt.layer(image, colour_key(kind, lo, hi, title, extent, strength, end_labels, style=style))


def points(
    df: pd.DataFrame,
    x: str = "x1",
    y: str = "x2",
    color: str | None = None,
    colors: Sequence[str] | None = None,
    fill: str = BLACK,
    size: int = 36,
    shape: str = "circle",
    extent: Sequence[float] | None = None,
    title: str | None = None,
    tooltip: Sequence[str] | None = None,
    filled: bool = True,
    opacity: float = 0.85,
    *,
    style: Style,
) -> alt.Chart:
    """Scatter points to layer over a heatmap (white outline so they read on any background).

    ``color`` names a column of class labels or group names; ``colors`` gives the palette in
    order (``CLASS_COLORS`` by default). Without ``color`` every point has the ``fill`` colour.
    """
    kw = {}
    if extent is not None:
        x0, x1, y0, y1 = (float(e) for e in extent)
        kw = {"scale": scale(x0, x1)}
        ky = {"scale": scale(y0, y1)}
    else:
        ky = {}
    enc = {
        "x": alt.X(f"{x}:Q", title="x₁", **kw),
        "y": alt.Y(f"{y}:Q", title="x₂", **ky),
    }
    mark = alt.Chart(df).mark_point(
        filled=filled,
        size=style.size(size) if style.present else size,
        shape=shape,
        stroke="white",
        strokeWidth=0.6,
        opacity=opacity,
    )
    if color is not None:
        domain = [str(v) for v in pd.unique(df[color].astype(str))]
        palette = list(colors or CLASS_COLORS)[: max(1, len(domain))]
        enc["color"] = alt.Color(
            f"{color}:N",
            title=title if title is not None else color,
            scale=alt.Scale(domain=sorted(domain), range=palette),
        )
    else:
        mark = mark.encode(color=alt.value(fill))
    if tooltip:
        enc["tooltip"] = list(tooltip)
    return mark.encode(**enc)


def contour_lines(values: np.ndarray, extent: Sequence[float], level: float) -> pd.DataFrame:
    """The ``level`` contour of a grid as smooth line segments (marching squares with linear interpolation).

    ``values[0]`` is the lowest y row, cells span ``extent``; returns one row per segment end with columns
    ``x``, ``y`` and ``segment`` (draw with ``mark_line`` and ``detail="segment"``). Unlike painting the cells
    where the level is crossed, the line does not step from pixel to pixel.

    >>> v = np.add.outer(np.zeros(3), np.array([0.0, 1.0, 2.0]))   # rises along x: the 0.5 level is x = 0.5
    >>> sorted(set(np.round(contour_lines(v, (0, 2, 0, 2), 0.5)["x"], 6)))
    [0.5]
    """
    v = np.asarray(values, float)
    ny, nx = v.shape
    x0, x1, y0, y1 = (float(e) for e in extent)
    xs, ys = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    above = np.where(np.isfinite(v), v, -np.inf) >= level

    def cross(a: float, b: float) -> float:  # where along an edge from a to b the level is met (0..1)
        return 0.5 if not (np.isfinite(a) and np.isfinite(b)) or a == b else float((level - a) / (b - a))

    rows: list[tuple[float, float, int]] = []
    segment = 0
    for j in range(ny - 1):
        for i in range(nx - 1):
            corners = (above[j, i], above[j, i + 1], above[j + 1, i + 1], above[j + 1, i])
            if all(corners) or not any(corners):
                continue
            a, b, c, d = v[j, i], v[j, i + 1], v[j + 1, i + 1], v[j + 1, i]
            points = []
            if corners[0] != corners[1]:
                points.append((xs[i] + cross(a, b) * (xs[i + 1] - xs[i]), ys[j]))
            if corners[1] != corners[2]:
                points.append((xs[i + 1], ys[j] + cross(b, c) * (ys[j + 1] - ys[j])))
            if corners[2] != corners[3]:
                points.append((xs[i + 1] - cross(c, d) * (xs[i + 1] - xs[i]), ys[j + 1]))
            if corners[3] != corners[0]:
                points.append((xs[i], ys[j + 1] - cross(d, a) * (ys[j + 1] - ys[j])))
            for k in range(0, len(points) - 1, 2):  # 2 crossings: one segment; 4 (a saddle): two
                rows += [(*points[k], segment), (*points[k + 1], segment)]
                segment += 1
    return pd.DataFrame(rows, columns=["x", "y", "segment"])


def contour_layer(
    values: np.ndarray, extent: Sequence[float], level: float, colour: str = "#1e1e1e", *, style: Style
) -> alt.Chart:
    """A smooth contour line to layer over a heatmap (e.g. the 0.5 decision boundary), on the grid's axes."""
    x0, x1, y0, y1 = (float(e) for e in extent)
    return (
        alt.Chart(contour_lines(values, extent, level))
        .mark_line(color=colour, strokeWidth=3 if style.present else 2, clip=True)
        .encode(
            x=alt.X("x:Q", scale=scale(x0, x1), title="x₁"),
            y=alt.Y("y:Q", scale=scale(y0, y1), title="x₂"),
            detail="segment:N",
        )
    )


def data_points(
    df: pd.DataFrame,
    x: str = "x1",
    y: str = "x2",
    extent: Sequence[float] | None = None,
    size: float = 40,
    held_out: bool = False,
    *,
    style: Style,
) -> alt.Chart:
    """Data as the whole app draws them: hollow grey circles (held-out data: hollow black circles)."""
    return _marks(df, x, y, extent, "circle", False, BLACK if held_out else DATA_GREY, size, style)


def sample_points(
    df: pd.DataFrame,
    x: str = "x1",
    y: str = "x2",
    extent: Sequence[float] | None = None,
    size: float = 40,
    *,
    style: Style,
) -> alt.Chart:
    """A model's samples as the whole app draws them: filled vermillion triangles."""
    return _marks(df, x, y, extent, "triangle-up", True, SAMPLE_COLOR, size, style)


def _marks(df, x, y, extent, shape, filled, colour, size, style) -> alt.Chart:
    scales = {}
    if extent is not None:
        x0, x1, y0, y1 = (float(e) for e in extent)
        scales = {"x": {"scale": scale(x0, x1)}, "y": {"scale": scale(y0, y1)}}
    return (
        alt.Chart(df)
        .mark_point(
            shape=shape,
            filled=filled,
            size=style.size(size),
            color=colour,
            strokeWidth=1.3,
            opacity=0.9 if filled else 0.85,
        )
        .encode(
            x=alt.X(f"{x}:Q", title="x₁", **scales.get("x", {})), y=alt.Y(f"{y}:Q", title="x₂", **scales.get("y", {}))
        )
    )


# ----------------------------------------------------------------------------- grey images (digits, strokes)


def ink(images: np.ndarray, vmax: float = 1.0) -> np.ndarray:
    """Values in [0, vmax] (0 = blank) as grey levels, dark ink on white, uint8."""
    v = np.clip(np.asarray(images, dtype=float) / vmax, 0.0, 1.0)
    return ((1.0 - v) * 255).round().astype(np.uint8)


def enlarge(image: np.ndarray, factor: int) -> np.ndarray:
    """Every pixel becomes a factor x factor block (hard edges, no blur)."""
    return np.kron(np.asarray(image), np.ones((int(factor), int(factor)), dtype=np.asarray(image).dtype))


def mosaic(images: np.ndarray, factor: int = 4, gap: int = 3, vmax: float = 1.0) -> np.ndarray:
    """Tile a (rows, cols, h, w) stack of images into one grey uint8 picture, enlarged, with light-grey gaps."""
    imgs = np.asarray(images, dtype=float)
    if imgs.ndim == 3:
        imgs = imgs[None]
    rows, cols, h, w = imgs.shape
    ch, cw = h * factor, w * factor
    out = np.full((rows * ch + (rows + 1) * gap, cols * cw + (cols + 1) * gap), 200, dtype=np.uint8)
    for r in range(rows):
        for c in range(cols):
            y, x = gap + r * (ch + gap), gap + c * (cw + gap)
            out[y : y + ch, x : x + cw] = enlarge(ink(imgs[r, c], vmax), factor)
    return out


def single(image: np.ndarray, factor: int, vmax: float = 1.0) -> np.ndarray:
    """One image, enlarged, framed by a thin grey border so its edge shows on a white page."""
    return mosaic(np.asarray(image)[None, None], factor=factor, gap=2, vmax=vmax)


def png_bytes(picture: np.ndarray) -> bytes:
    """A grey uint8 picture as PNG bytes: cache these, and ``st.image`` sends them without encoding again."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(picture, dtype=np.uint8)).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- finished specs and export


def spec(chart: alt.TopLevelMixin | dict, style: Style) -> dict:
    """The chart in the page style as a Vega-Lite dict (a dict is taken as already finished).

    Altair's schema validation dominates the cost of turning a chart into a spec (about 10 ms per layer,
    ~100 ms for a layered chart), so it is skipped here: the charts are built by our own code, and the tests
    validate every page's specs.
    """
    return chart if isinstance(chart, dict) else _merge_config(chart.to_dict(validate=False), style)


def chart_svg(finished: dict) -> str:
    """A finished spec (:func:`spec`) rendered to SVG on the server (vl-convert; no browser, no network)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(finished)


def chart_png(finished: dict, scale: float = 2.0) -> bytes:
    """A finished spec rendered to a PNG at ``scale`` times its size (sharp enough for slides)."""
    import vl_convert

    return vl_convert.vegalite_to_png(finished, scale=scale)


__all__ = [
    "DATA_GREY",
    "composed",
    "live",
    "drawn",
    "names_by_order",
    "LIVE_DATA",
    "title_from_data",
    "PRESENT_MAX_HEIGHT",
    "APP_FONT",
    "sample_points",
    "data_points",
    "contour_layer",
    "contour_lines",
    "BLUE",
    "VERMILLION",
    "GREEN",
    "PURPLE",
    "ORANGE",
    "SKY",
    "YELLOW",
    "BLACK",
    "PALETTE",
    "P_COLOR",
    "Q_COLOR",
    "SAMPLE_COLOR",
    "CLASS_COLORS",
    "GREY",
    "COLORMAPS",
    "Style",
    "NORMAL",
    "PRESENT",
    "page_config",
    "scale",
    "hex_to_rgb",
    "contour_edges",
    "colorize",
    "png_data_url",
    "soften",
    "colour_key",
    "heatmap",
    "points",
    "ink",
    "enlarge",
    "mosaic",
    "single",
    "png_bytes",
    "spec",
    "chart_svg",
    "chart_png",
]
