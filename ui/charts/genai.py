"""Chart builders for the "discriminative vs generative" page.

Every builder takes a scene of ``scenes.genai`` (read by its fields only) and a :class:`~ui.charts.Style`, and
returns an Altair chart. Both model panels use :func:`ui.charts.heatmap` with the same grid, extent and colour
scale (P(y=1|x) from 0 to 1, the 0.5 boundary as a dark line), so the two pictures can be compared pixel for
pixel. Colours follow ``ui.charts``: class 0 blue, class 1 vermillion; generated points are triangles, real
data circles.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts

#: Model-family colours for line charts: the generative model in green (it can generate samples),
#: the discriminative one in purple.
GENERATIVE_COLOR = charts.GREEN
DISCRIMINATIVE_COLOR = charts.PURPLE
#: Axes of the 2-D panels: plain numbers ("10", "2.5"), never "1e+1" or "4.0".
AXIS = alt.Axis(format=".2~f")
#: Share of the heatmap colour kept in the P(y|x) panels (the rest is white), so points stay visible.
HEAT_STRENGTH = 0.5


def inside(points: pd.DataFrame, extent: Sequence[float]) -> pd.DataFrame:
    """The rows of a points table (x1, x2, class) that lie inside ``extent = (x0, x1, y0, y1)``."""
    x0, x1, y0, y1 = extent
    keep = points["x1"].between(x0, x1) & points["x2"].between(y0, y1)
    return points[keep]


def probe_layer(probe: Sequence[float], extent: Sequence[float], *, style: charts.Style) -> alt.LayerChart:
    """The out-of-distribution probe x*: a large black cross with a label."""
    x0, x1, y0, y1 = (float(e) for e in extent)
    df = pd.DataFrame({"x1": [float(probe[0])], "x2": [float(probe[1])], "label": ["x*"]})
    base = alt.Chart(df).encode(
        x=alt.X("x1:Q", scale=charts.scale(x0, x1), title="x₁"), y=alt.Y("x2:Q", scale=charts.scale(y0, y1), title="x₂")
    )
    big = style.present
    mark = base.mark_point(
        shape="cross",
        filled=True,
        size=420 if big else 260,
        color=charts.BLACK,
        stroke="white",
        strokeWidth=1.5,
        opacity=1,
    )
    text = base.mark_text(text="x*", dx=14, dy=-14, fontSize=22 if big else 16, fontWeight="bold", color=charts.BLACK)
    return alt.layer(mark, text)


def _class_points(
    df: pd.DataFrame,
    extent: Sequence[float],
    title: str | None,
    *,
    style: charts.Style,
    shape: str = "circle",
    size: int = 40,
    legend: bool = False,
) -> alt.Chart:
    """Points in their class colours (class 0 blue, class 1 vermillion) with a thin dark outline."""
    x0, x1, y0, y1 = (float(e) for e in extent)
    classes = sorted(df["class"].unique()) or ["0"]
    scale = alt.Scale(domain=classes, range=[charts.CLASS_COLORS[int(c)] for c in classes])
    legend_spec = (
        alt.Legend(orient="bottom", symbolType=shape, symbolStrokeColor="#1a1a1a", symbolStrokeWidth=0.6)
        if legend
        else None
    )
    return (
        alt.Chart(df)
        .mark_point(
            filled=True, shape=shape, size=int(style.size(size)), stroke="#1a1a1a", strokeWidth=0.6, opacity=0.95
        )
        .encode(
            x=alt.X("x1:Q", title="x₁", scale=charts.scale(x0, x1)),
            y=alt.Y("x2:Q", title="x₂", scale=charts.scale(y0, y1)),
            color=alt.Color("class:N", scale=scale, title=title, legend=legend_spec),
        )
    )


def probability_panel(view, *, style: charts.Style, height: int = 380) -> alt.LayerChart:
    """P(y=1|x) as a heatmap (0 blue .. 0.5 white .. 1 vermillion, boundary at 0.5) with the data on top.

    ``view``: a ``scenes.genai.ModelPanel`` (``prob``, ``extent``, ``points``, ``probe``). One colour key serves
    both the background and the points: its ends are labelled with the classes.
    """
    extent = view.extent
    layers = [
        charts.heatmap(
            view.prob,
            extent,
            "probability",
            0.0,
            1.0,
            contour=0.5,
            title="P(y=1|x)",
            strength=HEAT_STRENGTH,
            end_labels=("0: class 0", "1: class 1"),
            axis=AXIS,
            style=style,
        ),
        _class_points(inside(view.points, extent), extent, title=None, style=style),
    ]
    if view.probe is not None:
        layers.append(probe_layer(view.probe, extent, style=style))
    return alt.layer(*layers).properties(height=style.height(height))


def density_top(density: np.ndarray) -> float:
    """The top of the density colour scale: high enough for the data region to show, ignoring the sharpest peaks.

    A mixture with narrow components has a few very high pixels; scaling to them would leave the rest of the data
    almost white. The 99th percentile of the positive grid values (denser pixels are drawn in the darkest colour)
    keeps the shape of p(x) visible on a projector.
    """
    finite = density[np.isfinite(density) & (density > 0)]
    if not finite.size:
        return 1.0
    top = float(np.quantile(finite, 0.99))
    return top if top > 0 else float(finite.max())


def density_panel(view, *, style: charts.Style, height: int = 380) -> alt.LayerChart:
    """The model's density p(x) as a heatmap (white = 0) with generated samples (triangles) or the data.

    ``view``: a ``scenes.genai.Density`` (``density``, ``extent``, ``points``, ``generated``, ``probe``).
    """
    extent = view.extent
    top = density_top(view.density)
    end_labels = ("0", f"≥ {top:.2g}")  # the darkest colour also covers the few sharper peaks
    layers: list[alt.TopLevelMixin] = [
        charts.heatmap(
            view.density,
            extent,
            "density",
            0.0,
            top,
            title="p(x)",
            strength=0.8,
            end_labels=end_labels,
            axis=AXIS,
            style=style,
        )
    ]
    shown = inside(view.points, extent)
    if not view.generated:
        layers.append(_class_points(shown, extent, title="class", legend=True, style=style))
    elif len(shown):
        layers.append(
            _class_points(shown, extent, title="generated", shape="triangle-up", size=52, legend=True, style=style)
        )
    if view.probe is not None:
        layers.append(probe_layer(view.probe, extent, style=style))
    return alt.layer(*layers).properties(height=style.height(height))


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
    if crossing is not None:
        rule = pd.DataFrame({"n": [float(crossing)], "label": [f"cross at n ≈ {crossing:.0f}"]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 4], color=charts.GREY).encode(x=alt.X("n:Q")))
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=6, dy=-8, color="#333", fontSize=style.label_font)
            .encode(x=alt.X("n:Q"), y=alt.value(12), text="label:N")
        )
    return alt.layer(*layers).properties(height=style.height(height))
