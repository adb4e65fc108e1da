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
import io
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image
from streamlit import dataframe_util

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW, BLACK = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
)
PALETTE: tuple[str, ...] = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW, BLACK)
P_COLOR = BLUE
Q_COLOR = VERMILLION
SAMPLE_COLOR = GREEN
CLASS_COLORS: tuple[str, ...] = PALETTE
GREY = "#6b6b6b"

#: Colour stops of the two heatmap kinds, from low to high values.
#: "probability": class 0 blue -> white at 0.5 -> class 1 vermillion (diverging, like the class colours).
#: "density": white -> light blue -> deep blue -> near black (sequential, zero density is white).
COLORMAPS: dict[str, tuple[str, ...]] = {
    "probability": (BLUE, "#9cc6e2", "#ffffff", "#f0b48f", VERMILLION),
    "density": ("#ffffff", "#d4e6f4", "#7fb3da", BLUE, "#023a5c"),
}


def presenter() -> bool:
    """True when presenter mode is on (projector: big type, no self-study blocks)."""
    return bool(st.session_state.get("present", False))


def height(px: int) -> int:
    """A chart height in pixels, scaled up by a third in presenter mode."""
    return int(px * 1.35) if presenter() else int(px)


def page_config(big: bool | None = None) -> dict:
    """The Vega-Lite ``config`` of the page style: large labels, light grid, no chart border."""
    big = presenter() if big is None else big
    label, title = (18, 20) if big else (13, 14)
    return {
        "font": "sans-serif",
        "background": "white",
        "axis": {"labelFontSize": label, "titleFontSize": title, "gridColor": "#e6e6e6", "titleFontWeight": "normal",
                 "labelColor": "#333", "titleColor": "#222"},
        # about one quantitative x label per 90 px, so wide charts do not crowd their axis
        "axisX": {"tickCount": {"expr": "ceil(width / 90)"}},
        "legend": {"labelFontSize": label, "titleFontSize": title, "symbolSize": 120 if big else 80,
                   "orient": "bottom", "titleFontWeight": "normal"},
        "title": {"fontSize": title + 2, "anchor": "start", "fontWeight": "normal", "color": "#222"},
        "header": {"labelFontSize": label, "titleFontSize": title},
        "text": {"fontSize": label},
        "view": {"strokeWidth": 0},
    }


def _merge_config(spec_dict: dict, big: bool | None = None) -> dict:
    """Put the page style under a spec's own ``config`` (a chart's explicit settings win)."""
    ours = page_config(big)
    for section, value in spec_dict.get("config", {}).items():
        ours[section] = {**ours.get(section, {}), **value} if isinstance(value, dict) else value
    spec_dict["config"] = ours
    return spec_dict


def style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart with the page style as its config (an Altair chart again, e.g. to save it)."""
    return chart.properties(config=_merge_config({"config": chart.to_dict(validate=False).get("config", {})})["config"])


# ----------------------------------------------------------------------------- heatmap (PNG)


def _hex_to_rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i : i + 2], 16) for i in (0, 2, 4)], float)


def colorize(values: np.ndarray, kind: str = "density", vmin: float | None = None,
             vmax: float | None = None, contour: float | None = None) -> np.ndarray:
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
    stops = np.array([_hex_to_rgb(c) for c in COLORMAPS[kind]])
    pos = t * (len(stops) - 1)
    i = np.minimum(pos.astype(int), len(stops) - 2)
    frac = (pos - i)[..., None]
    rgb = stops[i] * (1 - frac) + stops[i + 1] * frac
    rgb[~finite] = (225, 225, 225)
    if contour is not None:
        above = np.where(finite, v, lo) >= contour
        edge = np.zeros_like(above)
        edge[:-1, :] |= above[:-1, :] != above[1:, :]
        edge[:, :-1] |= above[:, :-1] != above[:, 1:]
        rgb[edge] = (40, 40, 40)
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


def colour_key(kind: str, vmin: float, vmax: float, title: str, extent: Sequence[float], strength: float = 1.0,
               end_labels: tuple[str, str] | None = None, steps: int = 3) -> alt.Chart:
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
    big = presenter()
    legend = alt.Legend(orient="bottom", direction="horizontal", title=title or None, titleOrient="top",
                        symbolType="square", symbolSize=height(260) if big else 220, symbolOpacity=1,
                        symbolStrokeColor="#888888", symbolStrokeWidth=0.8, labelLimit=200, columnPadding=6)
    return (
        alt.Chart(pd.DataFrame({"label": labels, "x": [x0] * steps, "y": [y0] * steps}))
        .mark_square(size=0, opacity=0)
        .encode(x=alt.X("x:Q", scale=alt.Scale(domain=[x0, x1], nice=False, zero=False)),
                y=alt.Y("y:Q", scale=alt.Scale(domain=[y0, y1], nice=False, zero=False)),
                fill=alt.Fill("label:N", scale=alt.Scale(domain=labels, range=colours), sort=None, legend=legend))
    )


def heatmap(values: np.ndarray, extent: Sequence[float], kind: str = "density", vmin: float | None = None,
            vmax: float | None = None, contour: float | None = None, title: str = "",
            x_title: str = "x₁", y_title: str = "x₂", strength: float = 1.0,
            end_labels: tuple[str, str] | None = None, axis: alt.Axis | None = None) -> alt.LayerChart:
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
        above = np.where(np.isfinite(v), v, lo) >= contour
        edge = np.zeros_like(above)
        edge[:-1, :] |= above[:-1, :] != above[1:, :]
        edge[:, :-1] |= above[:, :-1] != above[:, 1:]
        rgb[edge[::-1]] = (30, 30, 30)
    url = png_data_url(np.ascontiguousarray(rgb.round().astype(np.uint8)))
    x_scale = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False, zero=False)
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
    return alt.layer(image, colour_key(kind, lo, hi, title, extent, strength, end_labels))


def points(df: pd.DataFrame, x: str = "x1", y: str = "x2", color: str | None = None,
           colors: Sequence[str] | None = None, fill: str = BLACK, size: int = 36, shape: str = "circle",
           extent: Sequence[float] | None = None, title: str | None = None, tooltip: Sequence[str] | None = None,
           filled: bool = True, opacity: float = 0.85) -> alt.Chart:
    """Scatter points to layer over a heatmap (white outline so they read on any background).

    ``color`` names a column of class labels or group names; ``colors`` gives the palette in
    order (``CLASS_COLORS`` by default). Without ``color`` every point has the ``fill`` colour.
    """
    kw = {}
    if extent is not None:
        x0, x1, y0, y1 = (float(e) for e in extent)
        kw = {"scale": alt.Scale(domain=[x0, x1], nice=False, zero=False)}
        ky = {"scale": alt.Scale(domain=[y0, y1], nice=False, zero=False)}
    else:
        ky = {}
    enc = {
        "x": alt.X(f"{x}:Q", title="x₁", **kw),
        "y": alt.Y(f"{y}:Q", title="x₂", **ky),
    }
    mark = alt.Chart(df).mark_point(filled=filled, size=height(size) if presenter() else size, shape=shape,
                                    stroke="white", strokeWidth=0.6, opacity=opacity)
    if color is not None:
        domain = [str(v) for v in pd.unique(df[color].astype(str))]
        palette = list(colors or CLASS_COLORS)[: max(1, len(domain))]
        enc["color"] = alt.Color(f"{color}:N", title=title if title is not None else color,
                                 scale=alt.Scale(domain=sorted(domain), range=palette))
    else:
        mark = mark.encode(color=alt.value(fill))
    if tooltip:
        enc["tooltip"] = list(tooltip)
    return mark.encode(**enc)


def grid_extent(X: np.ndarray, margin: float = 0.15) -> tuple[float, float, float, float]:
    """A square-ish plotting window around 2-D points, padded by ``margin`` of the range."""
    X = np.asarray(X, float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum((hi - lo) * margin, 0.5)
    return float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])


# ----------------------------------------------------------------------------- show + export


def spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The chart in the page style as a Vega-Lite dict.

    Altair's schema validation dominates the cost of turning a chart into a spec (about 10 ms per layer,
    ~100 ms for a layered chart), so it is skipped here: the charts are built by our own code, and the tests
    validate every page's specs. A page with several charts can also build them inside a function cached on
    scalars (with ``presenter()`` among its arguments: the style depends on it), return ``spec(chart)`` and
    pass the dict to :func:`show`.
    """
    return chart if isinstance(chart, dict) else _merge_config(chart.to_dict(validate=False))


@dataclass(frozen=True)
class Rendered:
    """An Altair chart with its finished spec, ready to send: build it with :func:`render` inside a cache.

    Besides skipping Altair's ``to_dict`` on every rerun, the spec's datasets are stored as Arrow bytes, the
    form Streamlit sends to the browser, so a warm rerun does not convert them again (about 20 ms per
    heatmap chart on a loaded machine). Export still renders from ``chart``.
    """

    chart: alt.TopLevelMixin
    spec: dict


def render(chart: alt.TopLevelMixin) -> Rendered:
    """The page-style spec of ``chart`` with its datasets converted to Arrow once (cache the result).

    Call it inside an ``st.cache_resource`` function keyed on scalars, with ``presenter()`` among them.
    """
    out = spec(chart)
    out["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(values))
                       for name, values in (out.get("datasets") or {}).items()}
    return Rendered(chart, out)


def chart_svg(chart: alt.TopLevelMixin | dict) -> str:
    """The chart rendered to SVG on the server (vl-convert; no browser, no network)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec(chart))


def chart_png(chart: alt.TopLevelMixin | dict, scale: float = 2.0) -> bytes:
    """The chart rendered to a PNG at ``scale`` times its size (sharp enough for slides)."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec(chart), scale=scale)


def _slug(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.lower())
    return keep.strip("-") or "chart"


def show(chart: alt.TopLevelMixin | dict | Rendered, name: str, data: pd.DataFrame | None = None,
         export: bool = True, stretch: bool = True) -> None:
    """Render a chart (Altair, a dict from :func:`spec`, or :func:`render`'s result) with an Export menu.

    The menu offers PNG and SVG, rendered only when clicked (so export costs nothing on a normal rerun),
    and ``data`` as CSV. ``name`` becomes the file name and must be unique on the page. With
    ``stretch=False`` the chart keeps its own width (e.g. a square 2-D plot).
    """
    if isinstance(chart, Rendered):  # st.vega_lite_chart copies the spec: a cached one can be shown many times
        chart, ready = chart.chart, chart.spec
    else:
        ready = spec(chart)
    st.vega_lite_chart(ready, theme=None, width="stretch" if stretch else "content")
    if not export:
        return
    slug = _slug(name)
    with st.popover("Export", icon=":material/download:", type="tertiary"):
        st.download_button("PNG image", data=lambda: chart_png(chart), file_name=f"{slug}.png",
                           mime="image/png", on_click="ignore", key=f"export_png_{slug}", icon=":material/image:")
        st.download_button("SVG (vector)", data=lambda: chart_svg(chart), file_name=f"{slug}.svg",
                           mime="image/svg+xml", on_click="ignore", key=f"export_svg_{slug}",
                           icon=":material/draw:")
        if data is not None:
            st.download_button("Data (CSV)", data=lambda: data.to_csv(index=False).encode("utf-8"),
                               file_name=f"{slug}.csv", mime="text/csv", on_click="ignore",
                               key=f"export_csv_{slug}", icon=":material/table:")
