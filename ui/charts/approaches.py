"""Charts for "Different approaches to model p(x)": three panels drawn on the same axes.

Colours follow ``ui.charts``: data p in blue, samples a model generated in green, densities as the
shared PNG heatmap. Every builder takes plain arrays and returns an Altair chart; nothing here fits.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts

#: Most points drawn per cloud: enough to see the shape, few enough to keep reruns fast.
MAX_POINTS = 400
#: Most points on a training curve (longer curves are thinned evenly).
MAX_CURVE = 120

DATA_LABEL = "held-out data"
SAMPLE_LABEL = "model samples"

#: A chart title: one line, or a list of lines (short lines fit three panels side by side in presenter mode).
Title = str | list[str]


def _title(title: Title) -> alt.TitleParams:
    return alt.TitleParams(list(title) if isinstance(title, list | tuple) else title)


def _scales(extent: Sequence[float]) -> tuple[alt.Scale, alt.Scale]:
    x0, x1, y0, y1 = (float(e) for e in extent)
    return (alt.Scale(domain=[x0, x1], nice=False, zero=False),
            alt.Scale(domain=[y0, y1], nice=False, zero=False))


def cloud_frame(clouds: dict[str, np.ndarray], limit: int = MAX_POINTS) -> pd.DataFrame:
    """Long table (x1, x2, group) of several 2-D point clouds, each thinned to ``limit`` points."""
    parts = []
    for name, X in clouds.items():
        X = np.asarray(X, float)[:limit]
        parts.append(pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "group": name}))
    return pd.concat(parts, ignore_index=True)


def clouds(df: pd.DataFrame, extent: Sequence[float], colors: dict[str, str], size: int = 22,
           opacity: float = 0.75, stacked_legend: bool = False, legend_orient: str = "bottom") -> alt.Chart:
    """Scatter of the groups in ``df`` (from :func:`cloud_frame`), clipped to ``extent``, legend below.

    ``stacked_legend`` puts the legend entries under each other (one per line): in presenter mode three
    panels side by side are too narrow for a legend on one line.
    """
    xs, ys = _scales(extent)
    names = list(colors)
    legend = alt.Legend(orient=legend_orient, columns=1 if stacked_legend else len(names), labelLimit=0)
    return alt.Chart(df).mark_point(filled=True, size=size, opacity=opacity, stroke="white", strokeWidth=0.3,
                                    clip=True).encode(
        x=alt.X("x1:Q", title="x₁", scale=xs, axis=alt.Axis(labelFlush=True)),  # edge labels stay inside
        y=alt.Y("x2:Q", title="x₂", scale=ys),
        color=alt.Color("group:N", title=None, scale=alt.Scale(domain=names, range=[colors[n] for n in names]),
                        legend=legend),
    )


def density_panel(density: np.ndarray, extent: Sequence[float], samples: np.ndarray, height: int,
                  title: Title) -> alt.LayerChart:
    """The model's density q(x) as a heatmap with its own samples (green) on top (colours capped at the 99th
    percentile of q on the grid; the key says "≥" at the top). The heatmap is slightly softened so the green
    samples stay visible on its darkest parts. The samples' legend sits above the plot, not beside the
    colour key: three panels side by side on a laptop or in presenter mode are too narrow for both."""
    df = cloud_frame({SAMPLE_LABEL: samples})
    # cap the colour scale at the 99th percentile: a few sharp peaks must not wash out the rest
    top = float(np.quantile(density, 0.99)) or float(np.max(density)) or 1.0
    return alt.layer(
        charts.heatmap(density, extent, kind="density", vmin=0.0, vmax=top, title="q(x)", strength=0.85),
        clouds(df, extent, {SAMPLE_LABEL: charts.SAMPLE_COLOR}, size=18, opacity=0.85,
               legend_orient="top"),
    ).properties(height=height, title=_title(title))


def samples_panel(data: np.ndarray, samples: np.ndarray, extent: Sequence[float], height: int, title: Title,
                  data_label: str = DATA_LABEL, sample_label: str = SAMPLE_LABEL,
                  stacked_legend: bool = False) -> alt.Chart:
    """Samples (green) over real data (blue): all an implicit model can show."""
    df = cloud_frame({data_label: data, sample_label: samples})
    colors = {data_label: charts.P_COLOR, sample_label: charts.SAMPLE_COLOR}
    return clouds(df, extent, colors, stacked_legend=stacked_legend).properties(height=height, title=_title(title))


def thin_curve(values: np.ndarray, limit: int = MAX_CURVE) -> pd.DataFrame:
    """(step, value) rows of a training curve, evenly thinned to at most ``limit`` rows.

    Each kept value is the mean of its stretch of steps, so minibatch noise is smoothed, not aliased.
    """
    v = np.asarray(values, float)
    if len(v) <= limit:
        return pd.DataFrame({"step": np.arange(1, len(v) + 1), "value": v})
    edges = np.linspace(0, len(v), limit + 1).astype(int)
    means = np.add.reduceat(v, edges[:-1]) / np.diff(edges)
    return pd.DataFrame({"step": edges[1:], "value": means})


def training_curve(values: np.ndarray, height: int, y_title: str, title: Title,
                   color: str = charts.SAMPLE_COLOR, floor: float | None = None) -> alt.LayerChart:
    """A training curve (thinned by averaging), with an optional dashed reference level ``floor``."""
    df = thin_curve(values)
    x = alt.X("step:Q", title="training step", scale=alt.Scale(nice=False))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=True))
    layers: list[alt.Chart] = [alt.Chart(df).mark_line(strokeWidth=2.2, color=color).encode(x=x, y=y)]
    if floor is not None:
        ref = pd.DataFrame({"value": [float(floor)]})
        layers.append(alt.Chart(ref).mark_rule(color=charts.GREY, strokeDash=[5, 4], strokeWidth=2).encode(
            y="value:Q"))
    return alt.layer(*layers).properties(height=height, title=_title(title))


def diffusion_panel(forward: np.ndarray, reverse: np.ndarray, extent: Sequence[float], height: int,
                    title: Title, stacked_legend: bool = False) -> alt.Chart:
    """The cloud at step t: data noised forward to t (blue) and the model's reverse cloud at t (green)."""
    fwd, rev = "data noised to step t", "model at step t"
    df = cloud_frame({fwd: forward, rev: reverse})
    return clouds(df, extent, {fwd: charts.P_COLOR, rev: charts.SAMPLE_COLOR},
                  stacked_legend=stacked_legend).properties(height=height, title=_title(title))


def distance_by_step(distance: np.ndarray, current: int, height: int, floor: float | None = None
                     ) -> alt.LayerChart:
    """Energy distance of the reverse cloud to held-out data at every step t, with the current t marked.

    The x axis runs from t = T (noise, left) to t = 0 (finished samples, right), in sampling order.
    """
    T = len(distance) - 1
    df = pd.DataFrame({"t": np.arange(T + 1), "value": np.asarray(distance, float)})
    x = alt.X("t:Q", title="step t (sampling runs T → 0)", scale=alt.Scale(domain=[T, 0], nice=False))
    y = alt.Y("value:Q", title="energy distance D", scale=alt.Scale(zero=True))
    line = alt.Chart(df).mark_line(strokeWidth=2.2, color=charts.SAMPLE_COLOR).encode(x=x, y=y)
    now = alt.Chart(df[df["t"] == current]).mark_point(filled=True, size=120, color=charts.SAMPLE_COLOR).encode(
        x=x, y=y, tooltip=["t", alt.Tooltip("value:Q", format=".3f")])
    rule = alt.Chart(pd.DataFrame({"t": [current]})).mark_rule(color=charts.GREY, strokeDash=[4, 4]).encode(x=x)
    layers = [line, rule, now]
    if floor is not None:
        layers.append(alt.Chart(pd.DataFrame({"value": [float(floor)]})).mark_rule(
            color=charts.GREY, strokeDash=[5, 4]).encode(y="value:Q"))
    return alt.layer(*layers).properties(height=height,
                                         title=_title(["Distance D to data", "after each step"]))


def prior_bars(weights: np.ndarray, assigned: np.ndarray, height: int) -> alt.LayerChart:
    """The discrete latent: prior p(z = k) as bars, the share of held-out points assigned to k as ticks."""
    k = np.arange(1, len(weights) + 1)
    df = pd.DataFrame({"k": k.astype(str), "prior": np.asarray(weights, float),
                       "assigned": np.asarray(assigned, float)})
    x = alt.X("k:N", title="latent value z = k", sort=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("prior:Q", title="p(z = k)", scale=alt.Scale(zero=True))
    bars = alt.Chart(df).mark_bar(color=charts.Q_COLOR, opacity=0.85).encode(
        x=x, y=y, tooltip=["k", alt.Tooltip("prior:Q", format=".3f"), alt.Tooltip("assigned:Q", format=".3f")])
    ticks = alt.Chart(df).mark_tick(color=charts.P_COLOR, thickness=3, size=18).encode(x=x, y="assigned:Q")
    return alt.layer(bars, ticks).properties(
        height=height, title=_title(["Prior p(z = k): bars", "data per k: ticks"]))


def latent_panel(codes: np.ndarray, prior_draws: np.ndarray, height: int,
                 extent: Sequence[float] = (-4.5, 4.5, -3.2, 3.2)) -> alt.Chart:
    """The continuous latent: codes z = E[z|x] of held-out points (blue) over draws from p(z) = N(0, I) (grey).

    The default window is wider than tall, like the panel, so the round prior N(0, I) looks round.
    """
    a, b = "data codes E[z|x]", "prior draws z ~ p(z)"
    df = cloud_frame({b: prior_draws, a: codes}, limit=300)
    xs, ys = _scales(extent)
    chart = clouds(df, extent, {b: charts.GREY, a: charts.P_COLOR}, size=16, opacity=0.6, stacked_legend=True)
    return chart.encode(x=alt.X("x1:Q", title="z₁", scale=xs), y=alt.Y("x2:Q", title="z₂", scale=ys)).properties(
        height=height, title=_title(["Latent space z:", "codes over prior"]))
