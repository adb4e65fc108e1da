"""Chart builders for the "discriminative vs generative" page.

Every builder takes plain arrays and returns an Altair chart; the page only chooses what to show. Both model
panels use :func:`ui.charts.heatmap` with the same grid, extent and colour scale (P(y=1|x) from 0 to 1, the
0.5 boundary as a dark line), so the two pictures can be compared pixel for pixel. Colours follow
``ui.charts``: class 0 blue, class 1 vermillion; generated points are triangles, real data circles.
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


def points_df(X: np.ndarray, y: np.ndarray, extent: Sequence[float] | None = None) -> pd.DataFrame:
    """Points as a DataFrame (x1, x2, class as text), keeping only those inside ``extent`` (if given)."""
    X = np.asarray(X, float).reshape(-1, 2)
    y = np.asarray(y).ravel()
    if extent is not None:
        x0, x1, y0, y1 = extent
        inside = (X[:, 0] >= x0) & (X[:, 0] <= x1) & (X[:, 1] >= y0) & (X[:, 1] <= y1)
        X, y = X[inside], y[inside]
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "class": [str(int(v)) for v in y]})


def probe_layer(probe: Sequence[float], extent: Sequence[float]) -> alt.LayerChart:
    """The out-of-distribution probe x*: a large black cross with a label."""
    x0, x1, y0, y1 = (float(e) for e in extent)
    xs = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    ys = alt.Scale(domain=[y0, y1], nice=False, zero=False)
    df = pd.DataFrame({"x1": [float(probe[0])], "x2": [float(probe[1])], "label": ["x*"]})
    base = alt.Chart(df).encode(x=alt.X("x1:Q", scale=xs, title="x₁"), y=alt.Y("x2:Q", scale=ys, title="x₂"))
    big = charts.presenter()
    mark = base.mark_point(shape="cross", filled=True, size=420 if big else 260, color=charts.BLACK,
                           stroke="white", strokeWidth=1.5, opacity=1)
    text = base.mark_text(text="x*", dx=14, dy=-14, fontSize=22 if big else 16, fontWeight="bold",
                          color=charts.BLACK)
    return alt.layer(mark, text)


def _class_points(df: pd.DataFrame, extent: Sequence[float], title: str, shape: str = "circle",
                  size: int = 36) -> alt.Chart:
    colours = [charts.CLASS_COLORS[int(c)] for c in sorted(df["class"].unique())] or [charts.CLASS_COLORS[0]]
    return charts.points(df, color="class", colors=colours, extent=extent, title=title, shape=shape, size=size)


def _finish(chart: alt.LayerChart, title: str | None, height: int) -> alt.LayerChart:
    chart = chart.properties(height=charts.height(height))
    return chart.properties(title=title) if title else chart


def probability_panel(prob: np.ndarray, extent: Sequence[float], data: pd.DataFrame, title: str | None = None,
                      probe: Sequence[float] | None = None, height: int = 360) -> alt.LayerChart:
    """P(y=1|x) as a heatmap (0 blue .. 0.5 white .. 1 vermillion, boundary at 0.5) with the data on top."""
    layers = [
        charts.heatmap(prob, extent, kind="probability", vmin=0.0, vmax=1.0, contour=0.5, title="P(y=1|x)"),
        _class_points(data, extent, title="class"),
    ]
    if probe is not None:
        layers.append(probe_layer(probe, extent))
    return _finish(alt.layer(*layers), title, height)


def density_panel(density: np.ndarray, extent: Sequence[float], title: str | None = None,
                  samples: pd.DataFrame | None = None,
                  data: pd.DataFrame | None = None, probe: Sequence[float] | None = None,
                  height: int = 360) -> alt.LayerChart:
    """The model's density p(x) as a heatmap (white = 0) with generated samples (triangles) or the data."""
    finite = density[np.isfinite(density)]
    top = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    layers: list[alt.TopLevelMixin] = [
        charts.heatmap(density, extent, kind="density", vmin=0.0, vmax=top, title="p(x)")
    ]
    if samples is not None and len(samples):
        layers.append(_class_points(samples, extent, title="generated class", shape="triangle-up", size=46))
    elif data is not None:
        layers.append(_class_points(data, extent, title="class"))
    if probe is not None:
        layers.append(probe_layer(probe, extent))
    return _finish(alt.layer(*layers), title, height)


def learning_curve_chart(sizes: np.ndarray, nb_mean: np.ndarray, nb_se: np.ndarray, lr_mean: np.ndarray,
                         lr_se: np.ndarray, crossing: float | None = None, height: int = 300) -> alt.LayerChart:
    """Test error vs training-set size (log axis) for naive Bayes and logistic regression, +-2 SE bands."""
    nb_name, lr_name = "naive Bayes (generative)", "logistic regression (discriminative)"
    rows = []
    for name, mean, se in ((nb_name, nb_mean, nb_se), (lr_name, lr_mean, lr_se)):
        for m, e, s in zip(sizes, mean, se, strict=True):
            rows.append({"n": int(m), "error": float(e), "lo": float(e - 2 * s), "hi": float(e + 2 * s),
                         "model": name})
    df = pd.DataFrame(rows)
    colour = alt.Color("model:N", title=None,
                       scale=alt.Scale(domain=[nb_name, lr_name], range=[GENERATIVE_COLOR, DISCRIMINATIVE_COLOR]),
                       legend=alt.Legend(orient="top", labelLimit=600, symbolStrokeWidth=3))
    x = alt.X("n:Q", scale=alt.Scale(type="log", domain=[float(sizes[0]), float(sizes[-1])], nice=False),
              axis=alt.Axis(values=[int(s) for s in sizes], format="d"), title="training examples n (log scale)")
    base = alt.Chart(df).encode(x=x, color=colour)
    band = base.mark_area(opacity=0.18).encode(y=alt.Y("lo:Q", title="test error rate", axis=alt.Axis(format="%")),
                                               y2="hi:Q")
    line = base.mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=70, filled=True)).encode(
        y=alt.Y("error:Q"),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("n:Q"), alt.Tooltip("error:Q", format=".1%")],
    )
    layers: list[alt.TopLevelMixin] = [band, line]
    if crossing is not None:
        rule = pd.DataFrame({"n": [float(crossing)], "label": [f"cross at n ≈ {crossing:.0f}"]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 4], color=charts.GREY).encode(x=alt.X("n:Q")))
        layers.append(alt.Chart(rule).mark_text(align="left", dx=6, dy=-8, color="#333",
                                                fontSize=18 if charts.presenter() else 13)
                      .encode(x=alt.X("n:Q"), y=alt.value(12), text="label:N"))
    return alt.layer(*layers).properties(height=charts.height(height))
