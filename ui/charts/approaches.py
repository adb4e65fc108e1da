"""Charts for "Different approaches to model p(x)": three panels on one shared window, and the yardstick table.

The app's visual language (``ui.charts``): data are hollow grey circles, a model's samples filled vermillion
triangles, densities the shared blue PNG heatmap; draws from a latent prior p(z) are small green dots. The
three model panels share their window (the scene's ``extent``) and their plot height, so they share axes.
Every builder takes a scene of ``scenes.approaches`` (named in its docstring) and the page style, and returns
an Altair chart with a one-sentence ``description``; nothing here fits. Titles, descriptions and the table's
words come from ``lecture.approaches``.
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
from ui.format import Number, fmt

#: Most points drawn per cloud: enough to see the shape, few enough to keep reruns fast.
MAX_POINTS = 400
#: Samples drawn over a density: fewer, so that the heatmap under them stays visible.
MAX_DENSITY_POINTS = 150
#: Most points on a training curve (longer curves are thinned evenly).
MAX_CURVE = 120
#: Plot heights of the three model panels (normal, presenter) and of the charts under them (normal). The panels'
#: height is that of the plot alone (:data:`FIT_WIDTH`), so that three panels with legends of different sizes keep
#: one scale, and about the plot's width at 1366 px (the window is square: the clouds keep their shape); in
#: presenter mode, with the headings above and the key numbers below, they must fit a 1280x720 screen.
HEIGHT, PRESENT_HEIGHT, SMALL_HEIGHT = 240, 175, 210
#: The panels fill their column's width, and their ``height`` is the plot's own (Streamlit's default "fit" would
#: squeeze a plot by its title and legend, each panel by a different amount).
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
#: The panels' padding: none below (Streamlit would add 20 px there; the key numbers follow right under them).
PADDING = {"left": 5, "right": 5, "top": 5, "bottom": 0}
#: The VAE's latent window: wider than tall, like the panel, so the round prior N(0, I) looks round.
LATENT_EXTENT = (-4.5, 4.5, -3.2, 3.2)
#: Most points per cloud in the latent panel.
MAX_LATENT_POINTS = 300

#: How each kind of point is drawn: (stroke colour, fill colour, shape).
LOOKS = {
    "data": (charts.DATA_GREY, "transparent", "circle"),
    "sample": (charts.SAMPLE_COLOR, charts.SAMPLE_COLOR, "triangle-up"),
    "prior": (charts.GREEN, charts.GREEN, "circle"),
}

#: A chart title: one line, or several (short lines fit three panels side by side in presenter mode).
Title = str | Sequence[str]


def _title(title: Title) -> alt.TitleParams:
    return alt.TitleParams(list(title) if isinstance(title, list | tuple) else title)


def _panel_lines(lines: Sequence[str], slide: str, style: Style, **values: object) -> list[str]:
    """A top panel's title lines: its ``lines``, or in presenter mode the one line ``slide`` (the slide needs the
    height), each filled from ``values``."""
    return [slide.format(**values)] if style.present else [line.format(**values) for line in lines]


def _panel_title(lines: Sequence[str], slide: str, style: Style, **values: object) -> alt.TitleParams:
    """A top panel's title (:func:`_panel_lines`): one line on the slide, several in normal mode."""
    shown = _panel_lines(lines, slide, style, **values)
    return _title(shown[0] if style.present else shown)


def panel_height(style: Style) -> int:
    """Plot height of the three model panels in this style."""
    return PRESENT_HEIGHT if style.present else HEIGHT


def cloud_frame(clouds: dict[str, np.ndarray], limit: int = MAX_POINTS) -> pd.DataFrame:
    """Long table (x1, x2, group) of several 2-D point clouds, each thinned to ``limit`` points."""
    parts = []
    for name, X in clouds.items():
        X = np.asarray(X, float)[:limit]
        parts.append(pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "group": name}))
    return pd.concat(parts, ignore_index=True)


def on_frame(df: pd.DataFrame, extent: Sequence[float]) -> pd.DataFrame:
    """``df`` with every point moved inside ``extent`` (a point beyond it sits on the edge) and an ``edge`` column.

    The panels keep their shared window whatever the cloud does: the few noise points beyond it are drawn on its
    border, where they are still counted, instead of being dropped or stretching the axes.

    >>> on_frame(pd.DataFrame({"x1": [0.5, 3.0], "x2": [0.5, -1.0]}), (0, 1, 0, 1))["edge"].tolist()
    [False, True]
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    out = df.copy()
    out["x1"], out["x2"] = df["x1"].clip(x0, x1), df["x2"].clip(y0, y1)
    out["edge"] = (out["x1"] != df["x1"]) | (out["x2"] != df["x2"])
    return out


def clouds(
    df: pd.DataFrame,
    extent: Sequence[float],
    roles: dict[str, str],
    size: float = 26,
    stacked_legend: bool | None = False,
    axes: tuple[str, str] = ("x₁", "x₂"),
    *,
    style: Style,
) -> alt.Chart:
    """Scatter of the groups in ``df`` (from :func:`cloud_frame`) on ``extent``, one legend below.

    Points beyond ``extent`` are drawn on its edge (:func:`on_frame`): the window never changes with the data.

    ``roles`` maps each group to how it is drawn (:data:`LOOKS`: ``"data"``, ``"sample"`` or ``"prior"``), in
    drawing order (later groups on top). ``stacked_legend`` puts the entries under each other (panels side by side
    are too narrow for long labels on one line); ``None`` draws no legend. In presenter mode the legend is one row
    of short labels (``lecture.approaches.SHORT_LABELS``): the slide needs the height.
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    if style.present:
        roles = {text.SHORT_LABELS.get(name, name): role for name, role in roles.items()}
        df = df.assign(group=df["group"].map(lambda g: text.SHORT_LABELS.get(g, g)))
        stacked_legend = None if stacked_legend is None else False
    names = list(roles)
    legend = (
        None
        if stacked_legend is None
        else alt.Legend(orient="bottom", columns=1 if stacked_legend else len(names), labelLimit=0, title=None)
    )

    def channel(kind, i):
        return kind("group:N", scale=alt.Scale(domain=names, range=[LOOKS[roles[n]][i] for n in names]), legend=legend)

    order = {name: i for i, name in enumerate(names)}
    df = on_frame(df, extent).assign(order=df["group"].map(order)).sort_values("order", kind="stable")
    return (
        alt.Chart(df)
        .mark_point(filled=False, size=style.size(size), strokeWidth=1.2, opacity=0.85, clip=True)
        .encode(
            x=alt.X("x1:Q", title=axes[0], scale=charts.scale(x0, x1), axis=alt.Axis(labelFlush=True)),
            y=alt.Y("x2:Q", title=axes[1], scale=charts.scale(y0, y1)),
            color=channel(alt.Color, 0),
            fill=channel(alt.Fill, 1),
            shape=channel(alt.Shape, 2),
        )
    )


def density_panel(view: Any, *, style: Style) -> dict:
    """The model's density q(x) as a heatmap with its own samples (vermillion triangles) on top.

    ``view``: a ``Prescribed`` scene (family, k, density, extent, samples). Colours are capped at the 99th
    percentile of q on the grid (the key says "≥" at the top), so a few sharp peaks do not wash out the rest;
    the heatmap is slightly softened so that the samples stay visible on its darkest parts. The only legend is the
    colour key: the title names the samples, and the triangles mean samples on every panel.
    """
    df = samples(view)
    top = float(np.quantile(view.density, 0.99)) or float(np.max(view.density)) or 1.0
    title = _panel_title(text.PRESCRIBED_TITLE[view.family], text.SLIDE_TITLES[view.family], style, k=view.k)
    independent = dict.fromkeys(("fill", "color", "shape"), "independent")
    return charts.composed(  # as alt.layer(...).resolve_scale(...).properties(...) would make it, at less cost
        "layer",
        [
            charts.heatmap(
                view.density,
                view.extent,
                kind="density",
                vmin=0.0,
                vmax=top,
                title="" if style.present else "q(x)",  # on the slide the panel's title names q(x)
                strength=0.8,
                style=style,
            ),
            clouds(df, view.extent, {text.SAMPLE_LABEL: "sample"}, size=18, stacked_legend=None, style=style),
        ],
        style=style,
        resolve={"scale": independent, "legend": independent},
        autosize=FIT_WIDTH,
        padding=PADDING,
        height=panel_height(style),
        title=title,
        description=text.DESCRIBE_DENSITY.format(model=text.FAMILY_DESCRIBED[view.family], n=len(df)),
    )


def samples_panel(view: Any, *, style: Style) -> alt.Chart:
    """Samples (triangles) over held-out data (circles): all an implicit model can show. ``view``: ``Implicit``."""
    df = cloud_frame({text.DATA_LABEL: view.held_out, text.SAMPLE_LABEL: view.samples})
    roles = {text.DATA_LABEL: "data", text.SAMPLE_LABEL: "sample"}
    return clouds(df, view.extent, roles, stacked_legend=True, style=style).properties(
        autosize=FIT_WIDTH,
        padding=PADDING,
        height=panel_height(style),
        title=_panel_title(text.IMPLICIT_TITLE, text.SLIDE_TITLES["implicit"], style),
        description=text.DESCRIBE_IMPLICIT,
    )


def diffusion_frame(view: Any, t: int) -> pd.DataFrame:
    """What the diffusion panel draws at step ``t``: both clouds on the shared window (``edge``: moved onto it)."""
    return on_frame(cloud_frame({text.NOISED_LABEL: view.forward[t], text.STEP_LABEL_CLOUD: view.path[t]}), view.extent)


#: The name of the step panel's title row (see :func:`diffusion_panel`).
STEP_TITLE_DATA = "step_title"


def diffusion_panel(view: Any, t: int, *, style: Style) -> dict:
    """The clouds at step t: held-out data noised forward to t (circles) and the model's reverse cloud (triangles).

    ``view``: a ``Diffusion`` scene (steps, forward, path, extent, signal). Points beyond the shared window sit
    on its edge (:func:`on_frame`). A finished spec in which only the datasets depend on t (the points, and the
    title's row: :func:`charts.title_from_data`): the step slider then changes the data of the drawn chart, and
    the browser does not draw the panel again. So its description names no number: the title names the step, and
    the numbers beside the panels give its distance to the data.
    """
    df = diffusion_frame(view, t)
    shown = _panel_lines(text.STEP_TITLE, text.SLIDE_TITLES["diffusion"], style, t=t, done=view.steps - t, T=view.steps)
    roles = {text.NOISED_LABEL: "data", text.STEP_LABEL_CLOUD: "sample"}
    chart = alt.layer(clouds(df, view.extent, roles, stacked_legend=True, style=style)).properties(
        autosize=FIT_WIDTH,
        padding=PADDING,
        height=panel_height(style),
        title=_title(shown),
        description=text.DESCRIBE_DIFFUSION,
    )
    return charts.title_from_data(charts.spec(chart, style), STEP_TITLE_DATA, shown)


def flow_frame(view: Any, j: int) -> pd.DataFrame:
    """What the flow panel draws after ``j`` layers: held-out data and the flow's cloud (``edge``: moved onto it)."""
    return on_frame(cloud_frame({text.DATA_LABEL: view.held_out, text.FLOW_CLOUD: view.path[j]}), view.extent)


def flow_panel(view: Any, j: int, *, style: Style) -> alt.Chart:
    """The coupling flow's cloud after ``j`` of its layers (triangles) over held-out data (circles), on the window
    the three panels above share. ``view``: a ``FlowLayers`` scene (layers, path, held_out, extent, moved)."""
    df = flow_frame(view, j)
    moved = text.FLOW_MOVED[view.moved[j]] if j else text.FLOW_NOTHING_MOVED
    described = text.DESCRIBE_FLOW.format(j=j, L=view.layers, moved=moved, edge=int(df["edge"].sum()))
    roles = {text.DATA_LABEL: "data", text.FLOW_CLOUD: "sample"}
    return clouds(df, view.extent, roles, stacked_legend=True, style=style).properties(
        autosize=FIT_WIDTH,
        padding=PADDING,
        height=panel_height(style),
        title=_panel_title(text.FLOW_TITLE, text.SLIDE_TITLES["flow"], style, j=j, L=view.layers),
        description=described,
    )


def distance_by_layer(view: Any, j: int, floor: float, *, style: Style) -> alt.LayerChart:
    """Energy distance of the flow's cloud to held-out data after each layer (dots), layer ``j`` circled.

    ``view``: a ``FlowLayers`` scene; ``floor``: real data against real data, dashed. The x axis runs in sampling
    order, from the noise (0 layers) to the samples (all layers).
    """
    L = view.layers
    df = pd.DataFrame({"layer": np.arange(L + 1), "value": np.asarray(view.distance, float)})
    x = alt.X("layer:Q", title=text.FLOW_AXIS, scale=alt.Scale(domain=[0, L], nice=False), axis=alt.Axis(tickMinStep=1))
    y = alt.Y("value:Q", title="energy distance D", scale=alt.Scale(zero=True))
    line = alt.Chart(df).mark_line(strokeWidth=2.2, color=charts.Q_COLOR).encode(x=x, y=y)
    dots = alt.Chart(df).mark_point(filled=True, size=style.size(36), color=charts.Q_COLOR).encode(x=x, y=y)
    now = (
        alt.Chart(df[df["layer"] == j])
        .mark_point(filled=False, size=style.size(200), strokeWidth=2.5, color=charts.BLACK)
        .encode(x=x, y=y, tooltip=["layer", alt.Tooltip("value:Q", format=".3f")])
    )
    return alt.layer(line, dots, now, _floor(floor)).properties(
        height=style.height(SMALL_HEIGHT),
        title=_title(text.FLOW_DISTANCE_TITLE),
        description=text.DESCRIBE_FLOW_DISTANCE.format(j=j, L=L, value=float(view.distance[j]), floor=floor),
    )


def flow_numbers(view: Any, j: int) -> list[Number]:
    """The numbers beside the flow: D after ``j`` layers, D from noise to samples, the exact held-out log-likelihood.

    ``view``: a ``FlowLayers`` scene.
    """
    L = view.layers
    return [
        Number(text.FLOW_D_LABEL.format(j=j), float(view.distance[j]), help=text.FLOW_D_HELP),
        Number(
            text.GAIN_LABEL,
            text.GAIN_VALUE.format(noise=view.distance[0], last=view.distance[L]),
            help=text.FLOW_GAIN_HELP.format(L=L),
        ),
        Number(text.IMPLICIT_LOGLIK_LABEL, view.loglik, "bits/point", text.FLOW_LOGLIK_HELP, digits=2),
    ]


def samples(view: Any, t: int | None = None) -> pd.DataFrame:
    """The points a top panel draws, as a table: a ``Prescribed`` scene's samples; an ``Implicit`` scene's held-out
    data and samples; a ``Diffusion`` scene's two clouds at step ``t`` (:func:`diffusion_frame`)."""
    if t is not None:
        return diffusion_frame(view, t)
    if hasattr(view, "held_out"):
        return cloud_frame({text.DATA_LABEL: view.held_out, text.SAMPLE_LABEL: view.samples})
    return cloud_frame({text.SAMPLE_LABEL: view.samples}, limit=MAX_DENSITY_POINTS)


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


def _floor(value: float) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"value": [float(value)]}))
        .mark_rule(color=charts.GREY, strokeDash=[5, 4], strokeWidth=2)
        .encode(y="value:Q")
    )


def training_curve(view: Any, *, style: Style) -> alt.LayerChart:
    """The moment-matching generator's training curve (thinned by averaging), with its floor dashed.

    ``view``: an ``Implicit`` scene (curve, floor: two minibatches of real data).
    """
    df = thin_curve(view.curve)
    x = alt.X("step:Q", title="training step", scale=alt.Scale(nice=False))
    y = alt.Y("value:Q", title=text.CURVE_AXIS, scale=alt.Scale(zero=True))
    line = alt.Chart(df).mark_line(strokeWidth=2.2, color=charts.Q_COLOR).encode(x=x, y=y)
    return alt.layer(line, _floor(view.floor)).properties(
        height=style.height(SMALL_HEIGHT),
        title=_title(text.CURVE_TITLE),
        description=text.DESCRIBE_CURVE.format(
            steps=len(view.curve), last=float(df["value"].iloc[-1]), floor=view.floor
        ),
    )


def distance_by_step(view: Any, t: int, floor: float, stops: Sequence[int], *, style: Style) -> dict:
    """Energy distance of the reverse cloud to held-out data at every step, the slider's stops dotted, ``t`` marked.

    ``view``: a ``Diffusion`` scene (distance per step); ``floor``: real data against real data, dashed.
    The x axis runs from t = T (noise, left) to t = 0 (finished samples, right), in sampling order. Only its
    datasets depend on t (sent through :func:`charts.live`, the browser updates the drawn chart).
    """
    T = len(view.distance) - 1
    df = pd.DataFrame({"t": np.arange(T + 1), "value": np.asarray(view.distance, float)})
    x = alt.X("t:Q", title="step t (sampling runs T → 0)", scale=alt.Scale(domain=[T, 0], nice=False))
    y = alt.Y("value:Q", title="energy distance D", scale=alt.Scale(zero=True))
    line = alt.Chart(df).mark_line(strokeWidth=2.2, color=charts.Q_COLOR).encode(x=x, y=y)
    dots = (
        alt.Chart(df[df["t"].isin(list(stops))])
        .mark_point(filled=True, size=style.size(28), color=charts.Q_COLOR)
        .encode(x=x, y=y)
    )
    now = (
        alt.Chart(df[df["t"] == t])
        .mark_point(filled=False, size=style.size(200), strokeWidth=2.5, color=charts.BLACK)
        .encode(x=x, y=y, tooltip=["t", alt.Tooltip("value:Q", format=".3f")])
    )
    rule = alt.Chart(pd.DataFrame({"t": [t]})).mark_rule(color=charts.GREY, strokeDash=[4, 4]).encode(x=x)
    chart = alt.layer(line, rule, dots, now, _floor(floor)).properties(
        height=style.height(SMALL_HEIGHT),
        title=_title(text.DISTANCE_TITLE),
        description=text.DESCRIBE_DISTANCE.format(T=T, floor=floor),
    )
    return charts.spec(chart, style)


def prior_bars(view: Any, *, style: Style) -> alt.LayerChart:
    """The discrete latent: prior p(z = k) as bars, the share of held-out points assigned to k as ticks.

    ``view``: a mixture's ``Prescribed`` scene (weights, assigned).
    """
    df = prior_table(view)
    x = alt.X("k:N", title="latent value z = k", sort=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("prior:Q", title="p(z = k)", scale=alt.Scale(zero=True))
    bars = (
        alt.Chart(df)
        .mark_bar(color=charts.Q_COLOR, opacity=0.85)
        .encode(x=x, y=y, tooltip=["k", alt.Tooltip("prior:Q", format=".3f"), alt.Tooltip("assigned:Q", format=".3f")])
    )
    ticks = alt.Chart(df).mark_tick(color=charts.BLACK, thickness=3, size=18).encode(x=x, y="assigned:Q")
    return alt.layer(bars, ticks).properties(
        height=style.height(SMALL_HEIGHT), title=_title(text.PRIOR_TITLE), description=text.DESCRIBE_PRIOR
    )


def prior_table(view: Any) -> pd.DataFrame:
    """(k, prior, assigned) of a mixture's ``Prescribed`` scene: what :func:`prior_bars` draws."""
    k = np.arange(1, len(view.weights) + 1)
    prior, assigned = np.asarray(view.weights, float), np.asarray(view.assigned, float)
    return pd.DataFrame({"k": k.astype(str), "prior": prior, "assigned": assigned})


def latent_frame(view: Any) -> pd.DataFrame:
    """Prior draws and the data's codes (x1, x2 = z₁, z₂; group) of a VAE's ``Prescribed`` scene, on the window."""
    df = cloud_frame({text.PRIOR_DRAWS: view.prior_draws, text.CODES: view.codes}, limit=MAX_LATENT_POINTS)
    return on_frame(df, LATENT_EXTENT)


def latent_panel(view: Any, *, style: Style) -> alt.Chart:
    """The continuous latent: codes of held-out points (circles) over draws from p(z) = N(0, I) (green dots).

    ``view``: a VAE's ``Prescribed`` scene (codes, prior_draws).
    """
    roles = {text.PRIOR_DRAWS: "prior", text.CODES: "data"}
    df = latent_frame(view)
    chart = clouds(df, LATENT_EXTENT, roles, size=16, stacked_legend=True, axes=("z₁", "z₂"), style=style)
    return chart.properties(
        height=style.height(SMALL_HEIGHT), title=_title(text.LATENT_TITLE), description=text.DESCRIBE_LATENT
    )


def latent_chart(view: Any, *, style: Style) -> alt.Chart | alt.LayerChart:
    """The prescribed model's latent z: :func:`prior_bars` for the mixture, :func:`latent_panel` for the VAE."""
    return prior_bars(view, style=style) if view.weights is not None else latent_panel(view, style=style)


def latent_data(view: Any) -> pd.DataFrame:
    """The table behind :func:`latent_chart`."""
    return prior_table(view) if view.weights is not None else latent_frame(view)


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


def panel_numbers(shown: Any, implicit: Any, diffusion: Any, floor: float, t: int, quoted: dict) -> tuple:
    """The numbers under the three panels: per panel (its energy distance D, a second number).

    ``shown``: the prescribed model's ``Prescribed`` scene; ``implicit``, ``diffusion``: their scenes; ``floor``:
    real data against real data; ``t``: the diffusion step shown; ``quoted``: ``scenes.approaches.QUOTED``.
    """
    distance_help = text.DISTANCE_HELP.format(floor=floor, **quoted)
    T = diffusion.steps
    gain = text.GAIN_VALUE.format(noise=diffusion.distance[T], last=diffusion.distance[0])
    loglik_help = text.LOGLIK_HELP.format(**quoted)
    return (
        (
            Number(text.DISTANCE_LABEL, shown.distance, help=distance_help),
            Number(text.LOGLIK_LABEL[shown.family], shown.loglik, "bits/point", loglik_help, digits=2),
        ),
        (
            Number(text.DISTANCE_LABEL, implicit.distance, help=distance_help),
            Number(text.IMPLICIT_LOGLIK_LABEL, text.NOT_DEFINED, help=text.IMPLICIT_LOGLIK_HELP),
        ),
        (
            Number(text.STEP_DISTANCE_LABEL.format(t=t), float(diffusion.distance[t]), help=text.STEP_DISTANCE_HELP),
            Number(text.GAIN_LABEL, gain, help=text.GAIN_HELP.format(T=T)),
        ),
    )
