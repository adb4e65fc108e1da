"""Charts of the GAN panel on "Different approaches" (the GAN Lab view, in the app's visual language).

The field: the discriminator's P(real | x) as the PNG heatmap (blue where it says "real", vermillion where it says
"generated", white at 1/2: the app's colours for p and q), the data as hollow grey circles and the generated points
as vermillion triangles on top (``ui.charts.approaches.clouds``, as in the panels above), and black arrows where the
generator's loss pushes its samples. Under it, the two losses and the energy distance by step, with the step on
screen marked. Every builder takes a ``Snapshot`` of ``scenes.gan`` and an explicit ``Style``; every word comes from
``lecture.gan``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from lecture import gan as text
from ui import charts
from ui.charts import Style
from ui.charts import approaches as ac
from ui.format import Number

#: Plot side of the field in pixels (square: the window is square, so the blobs keep their shape), normal and
#: presenter mode (the plot, its legend and colour key fit a 1366x768 slide under the section's heading).
FIELD_SIZE, PRESENT_FIELD_SIZE = 330, 340
#: Height of the loss and distance charts (normal; presenter mode scales it with ``Style.height``).
CURVE_HEIGHT = 170
#: The colours span D(x) from 1/2 - SPAN ("generated", full vermillion) to 1/2 + SPAN ("real", full blue): a
#: discriminator that is learning rarely strays further from 1/2 (0.35 to 0.57 on most snapshots of the shipped
#: runs), and a full 0-to-1 scale would leave it all nearly white. Beyond the span the colour stays full (the key
#: says so).
SPAN = 0.2
#: Discriminator and generator: the line colours of their losses.
D_COLOUR, G_COLOUR = charts.PURPLE, charts.Q_COLOR


def field_size(style: Style) -> int:
    """Side of the field's square plot in pixels, in this style."""
    return PRESENT_FIELD_SIZE if style.present else FIELD_SIZE


def points_frame(view: Any) -> pd.DataFrame:
    """The field's points (x1, x2, group; ``edge``: moved onto the window's border), as its table shows them."""
    clouds = ac.cloud_frame({text.DATA_LABEL: view.data, text.SAMPLE_LABEL: view.samples}, limit=len(view.samples))
    return ac.on_frame(clouds, view.extent)


def arrows_frame(view: Any) -> pd.DataFrame:
    """One row per arrow: its foot (x1, x2, a generated point), its tip (tip1, tip2) and the tip's ``angle`` in
    degrees clockwise from straight up (the window is square, so data and screen directions agree).

    >>> class V:
    ...     arrows = np.array([[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, -1.0]])
    >>> arrows_frame(V())["angle"].tolist()
    [90.0, 180.0]
    """
    a = np.asarray(view.arrows, float)
    dx, dy = a[:, 2] - a[:, 0], a[:, 3] - a[:, 1]
    angle = np.degrees(np.arctan2(dx, dy)) % 360
    return pd.DataFrame({"x1": a[:, 0], "x2": a[:, 1], "tip1": a[:, 2], "tip2": a[:, 3], "angle": angle})


def _arrows(view: Any, style: Style) -> alt.LayerChart:
    x0, x1, y0, y1 = view.extent
    df = arrows_frame(view)
    inside = (df["x1"].between(x0, x1)) & (df["x2"].between(y0, y1))
    df = df[inside]
    x, y = alt.X("x1:Q", scale=charts.scale(x0, x1)), alt.Y("x2:Q", scale=charts.scale(y0, y1))
    width = 1.8 if style.present else 1.3
    shafts = (
        alt.Chart(df)
        .mark_rule(color=charts.BLACK, strokeWidth=width, opacity=0.8, clip=True)
        .encode(x=x, y=y, x2="tip1:Q", y2="tip2:Q")
    )
    tips = (
        alt.Chart(df)
        .mark_point(shape="triangle-up", filled=True, color=charts.BLACK, opacity=0.8, size=style.size(22), clip=True)
        .encode(
            x=alt.X("tip1:Q", scale=charts.scale(x0, x1)),
            y=alt.Y("tip2:Q", scale=charts.scale(y0, y1)),
            angle=alt.Angle("angle:Q", scale=None),
        )
    )
    return alt.layer(shafts, tips)


def field(view: Any, *, style: Style) -> alt.LayerChart:
    """The GAN Lab view of one snapshot: D's P(real | x) behind the data and the generated points, with arrows.

    ``view``: a ``scenes.gan.Snapshot`` (p_real, extent, data, samples, arrows, step, n_steps).
    """
    heat = charts.heatmap(
        1.0 - np.asarray(view.p_real, float),  # low = "real" = blue (p), high = "generated" = vermillion (q)
        view.extent,
        kind="probability",
        vmin=0.5 - SPAN,
        vmax=0.5 + SPAN,
        title=text.KEY_TITLE,
        end_labels=(text.KEY_ENDS[0].format(high=0.5 + SPAN), text.KEY_ENDS[1].format(low=0.5 - SPAN)),
        strength=0.9,
        style=style,
    )
    df = points_frame(view)
    if style.present:
        df = df.assign(group=df["group"].map(text.SHORT_LABELS))
        roles = {text.SHORT_LABELS[text.DATA_LABEL]: "data", text.SHORT_LABELS[text.SAMPLE_LABEL]: "sample"}
        title = text.FIELD_SLIDE_TITLE.format(step=view.step)
    else:
        roles = {text.DATA_LABEL: "data", text.SAMPLE_LABEL: "sample"}
        title = [line.format(step=view.step, n_steps=view.n_steps) for line in text.FIELD_TITLE]
    clouds = ac.clouds(df.drop(columns="edge"), view.extent, roles, size=22, style=style)
    side = field_size(style)
    described = text.DESCRIBE_FIELD.format(
        step=view.step,
        n_steps=view.n_steps,
        n_data=len(view.data),
        n_samples=len(view.samples),
        n_arrows=len(view.arrows),
        edge=int(df["edge"].sum()),
        low=0.5 - SPAN,
        high=0.5 + SPAN,
    )
    return (
        alt.layer(heat, clouds, _arrows(view, style))
        .resolve_scale(fill="independent", color="independent", shape="independent")
        .resolve_legend(fill="independent", color="independent", shape="independent")
        .properties(
            width=side,
            height=side,
            autosize=alt.AutoSizeParams(type="pad", contains="padding"),  # the plot is square; legends come around it
            title=alt.TitleParams(title),
            description=described,
        )
    )


def losses_frame(view: Any) -> pd.DataFrame:
    """The loss curves up to the step on screen, long form (step, loss in bits, which network)."""
    steps = np.asarray(view.curve_steps)
    return pd.concat(
        [
            pd.DataFrame({"step": steps, "loss": np.asarray(view.d_loss, float), "network": text.D_LOSS}),
            pd.DataFrame({"step": steps, "loss": np.asarray(view.g_loss, float), "network": text.G_LOSS}),
        ],
        ignore_index=True,
    )


def _step_rule(step: int, x: alt.X) -> alt.Chart:
    return alt.Chart(pd.DataFrame({"step": [int(step)]})).mark_rule(color=charts.GREY, strokeWidth=2).encode(x=x)


def losses(view: Any, *, style: Style) -> alt.LayerChart:
    """L_D and L_G per step (averaged over stretches) up to the step on screen, which a grey rule marks; dashed:
    2 and 1 bits, their values when D says 1/2. Both axes are fixed over the run. ``view``: a ``Snapshot``."""
    df = losses_frame(view)
    x = alt.X("step:Q", title=text.STEP_AXIS, scale=alt.Scale(domain=[0, view.n_steps], nice=False))
    y = alt.Y("loss:Q", title=text.LOSS_AXIS, scale=alt.Scale(domain=[0, view.loss_top], nice=False))
    colour = alt.Color(
        "network:N",
        scale=alt.Scale(domain=[text.D_LOSS, text.G_LOSS], range=[D_COLOUR, G_COLOUR]),
        legend=alt.Legend(orient="bottom", title=None, labelLimit=0),
    )
    lines = alt.Chart(df).mark_line(strokeWidth=2).encode(x=x, y=y, color=colour)
    levels = pd.DataFrame({"loss": [view.equilibrium_d, view.equilibrium_g]})
    dashed = alt.Chart(levels).mark_rule(color=charts.GREY, strokeDash=[5, 4], strokeWidth=1.5).encode(y="loss:Q")
    stretch = int(view.curve_steps[0]) if len(view.curve_steps) else 0
    return alt.layer(lines, dashed, _step_rule(view.step, x)).properties(
        height=style.height(CURVE_HEIGHT),
        autosize=ac.FIT_WIDTH,  # the plot fills the column's width; its height is the plot's own
        title=alt.TitleParams(list(text.LOSS_TITLE)),
        description=text.DESCRIBE_LOSSES.format(stretch=stretch, step=view.step),
    )


def distances_frame(view: Any) -> pd.DataFrame:
    """Energy distance at every snapshot up to the step on screen."""
    return pd.DataFrame({"step": np.asarray(view.snapshot_steps), "distance": np.asarray(view.distances, float)})


def distances(view: Any, n_eval: int, *, style: Style) -> alt.LayerChart:
    """Energy distance of the generated points to held-out data at each snapshot up to the step on screen (circled),
    with real data against real data dashed. ``view``: a ``Snapshot``; ``n_eval``: samples scored per snapshot."""
    df = distances_frame(view)
    x = alt.X("step:Q", title=text.STEP_AXIS, scale=alt.Scale(domain=[0, view.n_steps], nice=False))
    y = alt.Y("distance:Q", title=text.DISTANCE_AXIS, scale=alt.Scale(domain=[0, view.distance_top], nice=False))
    line = alt.Chart(df).mark_line(strokeWidth=2, color=charts.Q_COLOR, clip=True).encode(x=x, y=y)
    now = (
        alt.Chart(df.tail(1))
        .mark_point(filled=False, size=style.size(180), strokeWidth=2.5, color=charts.BLACK)
        .encode(x=x, y=y, tooltip=["step", alt.Tooltip("distance:Q", format=".3f")])
    )
    floor = (
        alt.Chart(pd.DataFrame({"distance": [view.floor]}))
        .mark_rule(color=charts.GREY, strokeDash=[5, 4], strokeWidth=2)
        .encode(y="distance:Q")
    )
    return alt.layer(line, now, floor).properties(
        height=style.height(CURVE_HEIGHT),
        autosize=ac.FIT_WIDTH,  # the plot fills the column's width; its height is the plot's own
        title=alt.TitleParams(list(text.DISTANCE_TITLE)),
        description=text.DESCRIBE_DISTANCE.format(
            n_eval=n_eval, step=view.step, distance=view.distance, floor=view.floor
        ),
    )


def numbers(view: Any, quoted: dict) -> list[Number]:
    """The numbers beside the field, key numbers first: energy distance, blobs covered, mean D(x) on data and
    on generated points, and the log-likelihood a GAN does not have. ``quoted``: ``scenes.gan.QUOTED``."""
    n_modes = len(view.shares)
    shares = " / ".join(f"{s:.0%}" for s in view.shares)
    return [
        Number(text.DISTANCE_LABEL, view.distance, help=text.DISTANCE_HELP.format(floor=view.floor, **quoted)),
        Number(
            text.MODES_LABEL,
            text.MODES_VALUE.format(covered=int(round(view.covered * n_modes)), n_modes=n_modes),
            help=text.MODES_HELP.format(shares=shares, **quoted),
        ),
        Number(
            text.D_MEANS_LABEL,
            text.D_MEANS_VALUE.format(data=view.d_on_data, samples=view.d_on_samples),
            help=text.D_MEANS_HELP,
        ),
        Number(text.LOGLIK_LABEL, text.NOT_DEFINED, help=text.LOGLIK_HELP),
    ]
