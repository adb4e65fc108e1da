"""Chart builders for the "discriminative vs generative" page.

Every builder takes scenes of ``scenes.genai`` (read by their fields only) and a :class:`~ui.charts.Style`, and
returns an Altair chart. Notation: p is the data distribution, q the fitted model. The slide's figure puts the
discriminative model's q(y=1|x) beside the generative model's q(x) on the same window; the classifier panels
paint q(y=1|x) from 0 (class 0, blue) to 1 (class 1, vermillion) with the 0.5 boundary as a smooth line. Marks
follow ``ui.charts``: the labelled data in their class colours on a classifier panel, the data as hollow grey
circles and the model's new points as filled vermillion triangles on the density panel. The probe x* never moves
the window: outside it, an arrow at the edge points to it.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts

#: Model-family colours for line charts: the generative model in green, the discriminative one in purple.
GENERATIVE_COLOR = charts.GREEN
DISCRIMINATIVE_COLOR = charts.PURPLE
#: Axes of the 2-D panels: plain numbers ("10", "2.5"), never "1e+1" or "4.0".
AXIS = alt.Axis(format=".2~f", tickCount=6)
#: Share of the heatmap colour kept in the q(y|x) panels (the rest is white), so points stay visible.
HEAT_STRENGTH = 0.5
#: Width of each panel of the slide's figure (pixels): two side by side fit the figure column in both modes.
PANEL_WIDTH = {False: 250, True: 322}
#: Height of each panel (pixels): in presenter mode the figure and its key numbers fit a 1280 x 720 screen.
PANEL_HEIGHT = {False: 220, True: 225}
#: What the density panel's marks mean (its legend).
DATA_KIND, SAMPLE_KIND = "data", "new points x ~ q"
#: Most data points the density panel draws under the new points (a large upload is thinned for this panel only).
MAX_DRAWN = 1500
#: The density panel's legend title: what its colour means.
DENSITY_KEY = "q(x): darker = more likely"


def inside(points: pd.DataFrame, extent: Sequence[float]) -> pd.DataFrame:
    """The rows of a points table (x1, x2, class) that lie inside ``extent = (x0, x1, y0, y1)``."""
    x0, x1, y0, y1 = extent
    keep = points["x1"].between(x0, x1) & points["x2"].between(y0, y1)
    return points[keep]


def _xy(extent: Sequence[float]) -> dict:
    x0, x1, y0, y1 = (float(e) for e in extent)
    return {
        "x": alt.X("x1:Q", scale=charts.scale(x0, x1), title="x₁", axis=AXIS),
        "y": alt.Y("x2:Q", scale=charts.scale(y0, y1), title="x₂", axis=AXIS),
    }


def boundary(prob: np.ndarray, extent: Sequence[float], *, style: charts.Style) -> alt.Chart:
    """The 0.5 level of q(y=1|x) as a smooth line (grid values sit at cell centres, as the heatmap paints them)."""
    x0, x1, y0, y1 = (float(e) for e in extent)
    ny, nx = np.shape(prob)
    hx, hy = (x1 - x0) / nx / 2, (y1 - y0) / ny / 2
    lines = charts.contour_lines(prob, (x0 + hx, x1 - hx, y0 + hy, y1 - hy), 0.5).rename(columns={"x": "x1", "y": "x2"})
    return (
        alt.Chart(lines)
        .mark_line(color="#1e1e1e", strokeWidth=3 if style.present else 2.2, clip=True)
        .encode(**_xy(extent), detail="segment:N")
    )


#: The name of x*'s one-row dataset in a spec (inside the window).
PROBE_DATA = "probe"


def probe_layers(mark, *, style: charts.Style) -> list[dict]:
    """The probe x* as Vega-Lite layers (dicts on the window's axes; their data: the dataset ``PROBE_DATA`` inside
    the window, inline rows outside): a black cross at x*,
    or, outside the window, an arrow at its edge pointing to x* and labelled with x*'s coordinates.

    ``mark``: a ``scenes.genai.ProbeMark`` (``x``, ``y``, ``probe``, ``extent``, ``inside``, ``angle``, ``align``,
    ``above``). The label has a white halo, so it reads over the data. Dicts rather than an Altair chart, so that
    :func:`with_probe` can add them to a finished spec.
    """
    px, py = mark.probe
    label = "x*" if mark.inside else f"x* ({px:g}, {py:g})".replace("-", "−")  # a real minus, as on the axes
    encoding = {key: value.to_dict(validate=False) for key, value in _xy(mark.extent).items()}
    # Inside the window x* is a named dataset: moving it changes only that dataset, and the browser replaces the
    # data in the drawn chart instead of drawing both panels again (the spec itself stays the same).
    data = {"name": PROBE_DATA} if mark.inside else {"values": probe_rows(mark)}
    big = style.present
    if mark.inside:
        symbol = {"type": "point", "shape": "cross", "size": 420 if big else 260, "stroke": "white", "strokeWidth": 1.5}
    else:
        symbol = {"type": "point", "shape": "arrow", "size": 700 if big else 460, "angle": float(mark.angle)}
    symbol |= {"filled": True, "color": charts.BLACK, "opacity": 1}
    shift = 16 if big else 13
    text = {
        "type": "text",
        "text": label,
        "align": mark.align,
        "dx": shift if mark.align == "left" else -shift,
        "dy": -shift if mark.above else shift,
        "fontSize": 22 if big else 16,
        "fontWeight": "bold",
        "color": charts.BLACK,
    }
    halo = {**text, "color": "white", "stroke": "white", "strokeWidth": 5, "strokeJoin": "round", "opacity": 0.9}
    return [{"data": data, "mark": m, "encoding": encoding} for m in (symbol, halo, text)]


def probe_rows(mark) -> list[dict]:
    """Where x* is drawn (at the window's edge when it lies outside), as the one row of its dataset."""
    return [{"x1": float(mark.x), "x2": float(mark.y)}]


def with_probe(spec: dict, mark, *, style: charts.Style) -> dict:
    """A copy of a finished spec of this module (one panel, or the slide's two) with x* added to every panel and
    to the description. The costly panels stay cached (``ui.cache.amend``); only x* follows the sliders.

    Inside the window the result differs from one x* to the next only in its ``PROBE_DATA`` dataset (the
    description names the sliders, not the numbers), so the browser moves the cross without redrawing the panels.
    Outside, the arrow, its label and the description carry x*'s coordinates.
    """
    layers = probe_layers(mark, style=style)
    if mark.inside:
        where = " is marked with a cross (its coordinates are the two probe sliders)"
    else:
        at = "({:g}, {:g})".format(*mark.probe).replace("-", "−")
        where = f" = {at} is marked, shown by an arrow at the edge: it lies outside the window"
    description = f"{spec.get('description', '')} The probe x*{where}.".strip()
    edited = {**spec, "description": description}
    if mark.inside:
        edited["datasets"] = {**spec.get("datasets", {}), PROBE_DATA: probe_rows(mark)}
    if "hconcat" in spec:
        edited["hconcat"] = [{**panel, "layer": [*panel["layer"], *layers]} for panel in spec["hconcat"]]
    else:
        edited["layer"] = [*spec["layer"], *layers]
    return edited


def _class_points(df: pd.DataFrame, extent: Sequence[float], *, style: charts.Style) -> alt.Chart:
    """The labelled data in their class colours (class 0 blue, class 1 vermillion) with a thin dark outline."""
    classes = sorted(df["class"].unique()) or ["0"]
    scale = alt.Scale(domain=classes, range=[charts.CLASS_COLORS[int(c)] for c in classes])
    return (
        alt.Chart(df)
        .mark_point(filled=True, size=int(style.size(36)), stroke="#1a1a1a", strokeWidth=0.6, opacity=0.95)
        .encode(**_xy(extent), color=alt.Color("class:N", scale=scale, legend=None))
    )


def _probability_layers(view, *, style: charts.Style) -> list:
    extent = view.extent
    layers = [
        charts.heatmap(
            view.prob,
            extent,
            "probability",
            0.0,
            1.0,
            title="q(y=1 | x)",
            strength=HEAT_STRENGTH,
            end_labels=("0: class 0", "1: class 1"),
            axis=AXIS,
            style=style,
        ),
        boundary(view.prob, extent, style=style),
        _class_points(inside(view.points, extent), extent, style=style),
    ]
    return layers


def density_top(density: np.ndarray) -> float:
    """The top of the density colour scale: high enough for the data region to show, ignoring the sharpest peaks.

    A mixture with narrow components has a few very high pixels; scaling to them would leave the rest of the data
    almost white. The 99th percentile of the positive grid values (denser pixels are drawn in the darkest colour)
    keeps the shape of q(x) visible on a projector.
    """
    finite = density[np.isfinite(density) & (density > 0)]
    if not finite.size:
        return 1.0
    top = float(np.quantile(finite, 0.99))
    return top if top > 0 else float(finite.max())


def _marks(view, extent: Sequence[float], *, style: charts.Style) -> alt.Chart:
    """The data (hollow grey circles) and the model's new points (filled vermillion triangles), with one legend.

    A large upload's data are thinned to at most ``MAX_DRAWN`` circles here (every k-th point): enough to show
    where they lie under q(x), few enough that the new points stay visible.
    """
    data = inside(view.data, extent)
    data = data.iloc[:: -(-len(data) // MAX_DRAWN) or 1].assign(kind=DATA_KIND)  # every k-th point of a big upload
    samples = inside(view.samples, extent).assign(kind=SAMPLE_KIND)
    df = pd.concat([data, samples], ignore_index=True)[["x1", "x2", "kind"]]
    kinds = [DATA_KIND, SAMPLE_KIND] if len(view.samples) else [DATA_KIND]

    def pick(a: str, b: str) -> list[str]:
        return [a, b][: len(kinds)]

    legend = alt.Legend(
        orient="bottom", title=DENSITY_KEY, titleOrient="top", symbolStrokeWidth=1.3, labelLimit=300, titleLimit=400
    )

    def channel(kind, a, b):  # the same field and legend on every channel: one merged legend
        return kind("kind:N", scale=alt.Scale(domain=kinds, range=pick(a, b)), legend=legend)

    return (
        alt.Chart(df)
        .mark_point(filled=True, size=style.size(30), strokeWidth=1.2, opacity=0.9)
        .encode(
            **_xy(extent),
            shape=channel(alt.Shape, "circle", "triangle-up"),
            color=channel(alt.Color, "transparent", charts.SAMPLE_COLOR),  # the fill: data hollow, samples filled
            stroke=channel(alt.Stroke, charts.DATA_GREY, charts.SAMPLE_COLOR),
        )
    )


def _density_layers(view, *, style: charts.Style) -> list:
    """q(x) painted white (0) to dark blue (the 99th percentile and above), the data, the new points, x*.

    No colour key of its own: the marks' legend title says what the colour means (values of a density are not
    what the slide is about), so the figure stays one legend row high.
    """
    extent = view.extent
    top = density_top(view.density)
    image = charts.heatmap(view.density, extent, "density", 0.0, top, axis=AXIS, style=style).layer[0]
    return [image, _marks(view, extent, style=style)]


def slide_figure(disc, dens, *, style: charts.Style) -> dict:
    """The slide's point in one figure: the discriminative q(y=1|x) beside the generative q(x) and its samples.

    ``disc``: a ``scenes.genai.ModelPanel``; ``dens``: a ``scenes.genai.Density`` on the same window, so a place in
    one panel is the same place in the other. The probe x* is added by :func:`with_probe`.
    """
    width, h = PANEL_WIDTH[style.present], PANEL_HEIGHT[style.present]
    n = dens.n_samples
    left = charts.composed(
        "layer", _probability_layers(disc, style=style), width=width, height=h, title="Discriminative: q(y=1 | x)"
    )
    right = charts.composed(
        "layer",
        _density_layers(dens, style=style),
        width=width,
        height=h,
        title="Generative: q(x)" + (", new points" if n else ""),
    )
    samples = f", with {n} new points it generated (filled triangles) among the data (hollow circles)" if n else ""
    description = (
        "Two panels on the same axes x₁ and x₂. Left: the discriminative model's probability of class 1, q(y=1|x), "
        "painted over the whole window (blue class 0, vermillion class 1) with its 0.5 boundary as a line and the "
        "data in their class colours. Right: the generative model's density q(x), dark where the data are and white "
        f"elsewhere{samples or ', with the data (hollow circles)'}."
    )
    independent = dict.fromkeys(("fill", "color", "shape", "stroke"), "independent")
    return charts.composed(  # as alt.hconcat(...).resolve_scale(...) would make it, at a fraction of the cost
        "hconcat",
        [left, right],
        style=style,
        spacing=28 if style.present else 22,
        resolve={"scale": independent},
        description=description,
        config={"legend": {"offset": 8}},  # the keys close under the axes: the figure and its numbers fit one screen
    )


def probability_panel(view, title: str, *, style: charts.Style, height: int = 380) -> alt.LayerChart:
    """One classifier's q(y=1|x) over the window (0 blue .. 0.5 white .. 1 vermillion, boundary at 0.5) and the
    data in their class colours. ``view``: a ``scenes.genai.ModelPanel``; ``title``: what the model is."""
    description = (
        f"{title}: the probability of class 1, q(y=1|x), over the window x₁, x₂ (blue class 0, vermillion class 1) "
        "with its 0.5 decision boundary as a line and the labelled data in their class colours."
    )
    return alt.layer(*_probability_layers(view, style=style)).properties(
        height=style.height(height), description=description
    )


def learning_curve_chart(view, *, style: charts.Style, height: int = 300) -> alt.LayerChart:
    """Test error vs training-set size (log axis) for naive Bayes and logistic regression, +-2 SE bands.

    ``view``: a ``scenes.genai.LearningCurve`` (``sizes``, ``nb_mean``, ``nb_se``, ``lr_mean``, ``lr_se``,
    ``crossing``).
    """
    sizes, crossing = view.sizes, view.crossing
    nb_name, lr_name = "naive Bayes (generative)", "logistic regression (discriminative)"
    rows = []
    for name, mean, se in ((nb_name, view.nb_mean, view.nb_se), (lr_name, view.lr_mean, view.lr_se)):
        for m, e, s in zip(sizes, mean, se, strict=True):
            rows.append({"n": int(m), "error": float(e), "lo": float(e - 2 * s), "hi": float(e + 2 * s), "model": name})
    df = pd.DataFrame(rows)
    scale = alt.Scale(domain=[nb_name, lr_name], range=[GENERATIVE_COLOR, DISCRIMINATIVE_COLOR])
    legend = alt.Legend(
        orient="top", labelLimit=600, symbolType="stroke", symbolStrokeWidth=4, symbolSize=400, symbolOpacity=1
    )
    x = alt.X(
        "n:Q",
        scale=alt.Scale(type="log", domain=[float(sizes[0]), float(sizes[-1])], nice=False),
        axis=alt.Axis(values=[int(s) for s in sizes], format="d"),
        title="training examples n (log scale)",
    )
    base = alt.Chart(df).encode(x=x)
    band = base.mark_area(opacity=0.18).encode(
        y=alt.Y("lo:Q", title="test error rate", axis=alt.Axis(format="%")),
        y2="hi:Q",
        color=alt.Color("model:N", title=None, scale=scale, legend=legend),  # one merged legend: line symbols
    )
    line = base.mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=70, filled=True)).encode(
        y=alt.Y("error:Q"),
        color=alt.Color("model:N", title=None, scale=scale, legend=legend),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("n:Q"), alt.Tooltip("error:Q", format=".1%")],
    )
    layers: list[alt.TopLevelMixin] = [band, line]
    cross = ""
    if crossing is not None:
        rule = pd.DataFrame({"n": [float(crossing)], "label": [f"cross at n ≈ {crossing:.0f}"]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 4], color=charts.GREY).encode(x=alt.X("n:Q")))
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=6, dy=-8, color="#333", fontSize=style.label_font)
            .encode(x=alt.X("n:Q"), y=alt.value(12), text="label:N")
        )
        cross = f"; the curves cross at about n = {crossing:.0f}"
    description = (
        f"Test error rate against training-set size from {int(sizes[0])} to {int(sizes[-1])} (log scale) for "
        f"naive Bayes (generative) and logistic regression (discriminative), with ±2 standard-error bands{cross}."
    )
    return alt.layer(*layers).properties(height=style.height(height), description=description)
