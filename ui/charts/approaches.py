"""Charts for "Different approaches to model p(x)": three panels drawn on the same axes, and the yardstick table.

Colours follow ``ui.charts``: data p in blue, samples a model generated in green, densities as the
shared PNG heatmap. Every builder takes a scene of ``scenes.approaches`` (named in its docstring) and the
page style, and returns an Altair chart; nothing here fits. Titles and the table's words come from
``lecture.approaches``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from lecture import approaches as text
from ui import charts
from ui.charts import Style
from ui.format import fmt

#: Most points drawn per cloud: enough to see the shape, few enough to keep reruns fast.
MAX_POINTS = 400
#: Most points on a training curve (longer curves are thinned evenly).
MAX_CURVE = 120
#: Chart heights in normal mode: the top panels tall enough that the 2-D clouds keep roughly their true shape
#: at 1920 px; the panels under them shorter.
HEIGHT, SMALL_HEIGHT = 360, 210
#: The VAE's latent window: wider than tall, like the panel, so the round prior N(0, I) looks round.
LATENT_EXTENT = (-4.5, 4.5, -3.2, 3.2)
#: Most points per cloud in the latent panel.
MAX_LATENT_POINTS = 300

DATA_LABEL = "held-out data"
SAMPLE_LABEL = "model samples"

#: A chart title: one line, or several (short lines fit three panels side by side in presenter mode).
Title = str | Sequence[str]


def _title(title: Title) -> alt.TitleParams:
    return alt.TitleParams(list(title) if isinstance(title, list | tuple) else title)


def cloud_frame(clouds: dict[str, np.ndarray], limit: int = MAX_POINTS) -> pd.DataFrame:
    """Long table (x1, x2, group) of several 2-D point clouds, each thinned to ``limit`` points."""
    parts = []
    for name, X in clouds.items():
        X = np.asarray(X, float)[:limit]
        parts.append(pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "group": name}))
    return pd.concat(parts, ignore_index=True)


def clouds(
    df: pd.DataFrame,
    extent: Sequence[float],
    colors: dict[str, str],
    size: int = 22,
    opacity: float = 0.75,
    stacked_legend: bool = False,
    legend_orient: str = "bottom",
) -> alt.Chart:
    """Scatter of the groups in ``df`` (from :func:`cloud_frame`), clipped to ``extent``, legend below.

    ``stacked_legend`` puts the legend entries under each other (one per line): in presenter mode three
    panels side by side are too narrow for a legend on one line.
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    names = list(colors)
    legend = alt.Legend(orient=legend_orient, columns=1 if stacked_legend else len(names), labelLimit=0)
    return (
        alt.Chart(df)
        .mark_point(filled=True, size=size, opacity=opacity, stroke="white", strokeWidth=0.3, clip=True)
        .encode(
            x=alt.X("x1:Q", title="x₁", scale=charts.scale(x0, x1), axis=alt.Axis(labelFlush=True)),  # labels inside
            y=alt.Y("x2:Q", title="x₂", scale=charts.scale(y0, y1)),
            color=alt.Color(
                "group:N", title=None, scale=alt.Scale(domain=names, range=[colors[n] for n in names]), legend=legend
            ),
        )
    )


def density_panel(view: Any, *, style: Style) -> alt.LayerChart:
    """The model's density q(x) as a heatmap with its own samples (green) on top.

    ``view``: a ``Prescribed`` scene (family, k, density, extent, samples). Colours are capped at the 99th
    percentile of q on the grid (the key says "≥" at the top), so a few sharp peaks do not wash out the rest.
    The heatmap is slightly softened so the green samples stay visible on its darkest parts. The samples'
    legend sits above the plot, not beside the colour key: three panels side by side on a laptop or in
    presenter mode are too narrow for both.
    """
    df = cloud_frame({SAMPLE_LABEL: view.samples})
    top = float(np.quantile(view.density, 0.99)) or float(np.max(view.density)) or 1.0
    title = [line.format(k=view.k) for line in text.PRESCRIBED_TITLE[view.family]]
    return alt.layer(
        charts.heatmap(
            view.density, view.extent, kind="density", vmin=0.0, vmax=top, title="q(x)", strength=0.85, style=style
        ),
        clouds(df, view.extent, {SAMPLE_LABEL: charts.SAMPLE_COLOR}, size=18, opacity=0.85, legend_orient="top"),
    ).properties(height=style.height(HEIGHT), title=_title(title))


def samples_panel(view: Any, *, style: Style) -> alt.Chart:
    """Samples (green) over held-out data (blue): all an implicit model can show. ``view``: an ``Implicit`` scene."""
    df = cloud_frame({DATA_LABEL: view.held_out, SAMPLE_LABEL: view.samples})
    colors = {DATA_LABEL: charts.P_COLOR, SAMPLE_LABEL: charts.SAMPLE_COLOR}
    return clouds(df, view.extent, colors, stacked_legend=style.present).properties(
        height=style.height(HEIGHT), title=_title(text.IMPLICIT_TITLE)
    )


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


def training_curve(view: Any, *, style: Style) -> alt.LayerChart:
    """The implicit generator's training curve (thinned by averaging), with its floor dashed.

    ``view``: an ``Implicit`` scene (curve, floor: two minibatches of real data).
    """
    df = thin_curve(view.curve)
    x = alt.X("step:Q", title="training step", scale=alt.Scale(nice=False))
    y = alt.Y("value:Q", title=text.CURVE_AXIS, scale=alt.Scale(zero=True))
    line = alt.Chart(df).mark_line(strokeWidth=2.2, color=charts.SAMPLE_COLOR).encode(x=x, y=y)
    floor = (
        alt.Chart(pd.DataFrame({"value": [float(view.floor)]}))
        .mark_rule(color=charts.GREY, strokeDash=[5, 4], strokeWidth=2)
        .encode(y="value:Q")
    )
    return alt.layer(line, floor).properties(height=style.height(SMALL_HEIGHT), title=_title(text.CURVE_TITLE))


def diffusion_panel(view: Any, t: int, *, style: Style) -> alt.Chart:
    """The cloud at step t: data noised forward to t (blue) and the model's reverse cloud at t (green).

    ``view``: a ``Diffusion`` scene (steps, forward, path, extent).
    """
    fwd, rev = "data noised to step t", "model at step t"
    df = cloud_frame({fwd: view.forward[t], rev: view.path[t]})
    title = [line.format(t=t, done=view.steps - t, T=view.steps) for line in text.STEP_TITLE]
    return clouds(
        df, view.extent, {fwd: charts.P_COLOR, rev: charts.SAMPLE_COLOR}, stacked_legend=style.present
    ).properties(height=style.height(HEIGHT), title=_title(title))


def distance_by_step(view: Any, t: int, floor: float, *, style: Style) -> alt.LayerChart:
    """Energy distance of the reverse cloud to held-out data at every step, the current ``t`` marked.

    ``view``: a ``Diffusion`` scene (distance per step); ``floor``: real data against real data, dashed.
    The x axis runs from t = T (noise, left) to t = 0 (finished samples, right), in sampling order.
    """
    T = len(view.distance) - 1
    df = pd.DataFrame({"t": np.arange(T + 1), "value": np.asarray(view.distance, float)})
    x = alt.X("t:Q", title="step t (sampling runs T → 0)", scale=alt.Scale(domain=[T, 0], nice=False))
    y = alt.Y("value:Q", title="energy distance D", scale=alt.Scale(zero=True))
    line = alt.Chart(df).mark_line(strokeWidth=2.2, color=charts.SAMPLE_COLOR).encode(x=x, y=y)
    now = (
        alt.Chart(df[df["t"] == t])
        .mark_point(filled=True, size=120, color=charts.SAMPLE_COLOR)
        .encode(x=x, y=y, tooltip=["t", alt.Tooltip("value:Q", format=".3f")])
    )
    rule = alt.Chart(pd.DataFrame({"t": [t]})).mark_rule(color=charts.GREY, strokeDash=[4, 4]).encode(x=x)
    level = (
        alt.Chart(pd.DataFrame({"value": [float(floor)]}))
        .mark_rule(color=charts.GREY, strokeDash=[5, 4])
        .encode(y="value:Q")
    )
    return alt.layer(line, rule, now, level).properties(
        height=style.height(SMALL_HEIGHT), title=_title(["Distance D to data", "after each step"])
    )


def prior_bars(view: Any, *, style: Style) -> alt.LayerChart:
    """The discrete latent: prior p(z = k) as bars, the share of held-out points assigned to k as ticks.

    ``view``: a mixture's ``Prescribed`` scene (weights, assigned).
    """
    k = np.arange(1, len(view.weights) + 1)
    df = pd.DataFrame(
        {"k": k.astype(str), "prior": np.asarray(view.weights, float), "assigned": np.asarray(view.assigned, float)}
    )
    x = alt.X("k:N", title="latent value z = k", sort=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("prior:Q", title="p(z = k)", scale=alt.Scale(zero=True))
    bars = (
        alt.Chart(df)
        .mark_bar(color=charts.Q_COLOR, opacity=0.85)
        .encode(x=x, y=y, tooltip=["k", alt.Tooltip("prior:Q", format=".3f"), alt.Tooltip("assigned:Q", format=".3f")])
    )
    ticks = alt.Chart(df).mark_tick(color=charts.P_COLOR, thickness=3, size=18).encode(x=x, y="assigned:Q")
    return alt.layer(bars, ticks).properties(
        height=style.height(SMALL_HEIGHT), title=_title(["Prior p(z = k): bars", "data per k: ticks"])
    )


def latent_panel(view: Any, *, style: Style) -> alt.Chart:
    """The continuous latent: codes z = E[z|x] of held-out points (blue) over draws from p(z) = N(0, I) (grey).

    ``view``: a VAE's ``Prescribed`` scene (codes, prior_draws).
    """
    a, b = "data codes E[z|x]", "prior draws z ~ p(z)"
    df = cloud_frame({b: view.prior_draws, a: view.codes}, limit=MAX_LATENT_POINTS)
    x0, x1, y0, y1 = LATENT_EXTENT
    chart = clouds(df, LATENT_EXTENT, {b: charts.GREY, a: charts.P_COLOR}, size=16, opacity=0.6, stacked_legend=True)
    return chart.encode(
        x=alt.X("x1:Q", title="z₁", scale=charts.scale(x0, x1)), y=alt.Y("x2:Q", title="z₂", scale=charts.scale(y0, y1))
    ).properties(height=style.height(SMALL_HEIGHT), title=_title(["Latent space z:", "codes over prior"]))


def latent_chart(view: Any, *, style: Style) -> alt.Chart | alt.LayerChart:
    """The prescribed model's latent z: :func:`prior_bars` for the mixture, :func:`latent_panel` for the VAE."""
    return prior_bars(view, style=style) if view.weights is not None else latent_panel(view, style=style)


def yardstick_table(
    mixture: Any, vae: Any, implicit: Any, diffusion: Any, reference: Any, *, style: Style
) -> pd.DataFrame | Styler:
    """One row per model: what it can do, and the common yardstick on held-out data (``lecture`` templates).

    The scenes: the mixture's and the VAE's ``Prescribed``, ``Implicit``, ``Diffusion`` and ``Reference``;
    ``fmt(value, unit, digits)`` writes a number as the page does. In presenter mode the result is a
    ``Styler`` with bigger type (``st.table`` is HTML, so the style reaches the screen; a canvas-drawn
    ``st.dataframe`` would keep its small type).
    """

    def d(x: float) -> str:
        return fmt(x, digits=3)

    def bits(x: float) -> str:
        return fmt(x, "bits/point", digits=2)

    values = {
        "k": mixture.k,
        "reference": text.REFERENCE_LABEL[reference.from_csv],
        "mixture_d": d(mixture.distance),
        "mixture_ll": bits(mixture.loglik),
        "vae_d": d(vae.distance),
        "vae_ll": bits(vae.loglik),
        "implicit_d": d(implicit.distance),
        "diffusion_d": d(diffusion.distance[0]),
        "gauss_d": d(reference.gauss_distance),
        "gauss_ll": bits(reference.gauss_loglik),
        "floor_d": d(reference.floor),
    }
    rows = [[cell.format(**values) for cell in row] for row in text.YARDSTICK_ROWS]
    table = pd.DataFrame(rows, columns=list(text.YARDSTICK_COLUMNS))
    if not style.present:
        return table
    big = {"font-size": "1.25rem"}
    return (
        table.style.set_uuid("ap_yardstick")
        .hide(axis="index")
        .set_properties(**big)
        .set_table_styles([{"selector": "th", "props": list(big.items())}])
    )
