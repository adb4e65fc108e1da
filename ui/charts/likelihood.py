"""Chart builders for the likelihood-based models pages (EM, flow, energy model, linear VAE, probe point, families).

Each figure builder takes a scene of ``scenes.likelihood`` or ``scenes.types`` (named first in its docstring) and
the page's :class:`~ui.charts.Style`, and returns an Altair chart with a one-sentence ``description`` (its text
alternative); the small layers above them take plain arrays. No builder reads the session. Titles and descriptions
come from ``lecture.likelihood`` and ``lecture.types``.

The app's visual language (``ui.charts``): data are hollow grey circles, a model's samples filled vermillion
triangles, densities the shared blue heatmap, the probe x* a black cross (a black triangle at the window's edge when
x* lies outside it: the window never moves with the probe).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from lecture import likelihood as text
from lecture import types as types_text
from ui import charts
from ui.charts import Style

_GRID_COLOR = "#444444"
#: Plot height of the page's main figures: normal mode, and presenter mode (where the title, the tabs, the tab's
#: formula and a row of key numbers share a 1280x720 screen with the figure).
HEIGHT, PRESENT_HEIGHT = 380, 310
#: Plot height of one small panel of the "types" page (six panels in two rows share the slide in presenter mode).
PANEL_HEIGHT, PRESENT_PANEL_HEIGHT = 165, 122
#: The panels fill their column's width and ``height`` is the plot's own, so every panel keeps one scale.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
#: Room reserved for the y axis of every types panel (labels and title), so the six plots have the same width.
AXIS_ROOM = 22


def main_height(style: Style) -> int:
    """Plot height of a tab's main figure in this style."""
    return PRESENT_HEIGHT if style.present else HEIGHT


def _pt(size: float, style: Style) -> float:
    """A point size that grows in presenter mode (dots read as specks on a projector otherwise)."""
    return size * 1.6 if style.present else size


def _enc_xy(extent: Sequence[float], titles: tuple[str, str] = ("x₁", "x₂")) -> dict:
    """x/y encodings on fixed domains (the same ones ``charts.heatmap`` uses), with a readable tick count."""
    x0, x1, y0, y1 = extent
    return {
        "x": alt.X("x1:Q", scale=charts.scale(x0, x1), title=titles[0], axis=alt.Axis(tickCount=7)),
        "y": alt.Y("x2:Q", scale=charts.scale(y0, y1), title=titles[1], axis=alt.Axis(tickCount=7)),
    }


def points_df(X: np.ndarray, **columns: object) -> pd.DataFrame:
    """A DataFrame with columns x1, x2 (and any extra columns) for 2-D points."""
    X = np.asarray(X, float).reshape(-1, 2)
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], **columns})


def blend_colors(resp: np.ndarray, palette: Sequence[str] = charts.CLASS_COLORS) -> list[str]:
    """Mix the component colours of each point by its responsibilities (rows sum to 1) -> hex strings.

    A point owned by one component gets that component's colour; a shared point gets an in-between colour.
    """
    resp = np.asarray(resp, float)
    rgb = np.array([charts.hex_to_rgb(c) for c in palette[: resp.shape[1]]])
    mixed = np.clip(np.rint(resp @ rgb), 0, 255).astype(int)
    return [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in mixed]


def paths_df(paths: np.ndarray, group: str = "path", labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Polylines (n_paths, n_points, 2) as a long DataFrame with columns x1, x2, <group>, order."""
    paths = np.asarray(paths, float)
    n_paths, n_pts, _ = paths.shape
    names = list(labels) if labels is not None else [str(i) for i in range(n_paths)]
    return pd.DataFrame(
        {
            "x1": paths[:, :, 0].ravel(),
            "x2": paths[:, :, 1].ravel(),
            group: np.repeat(names, n_pts),
            "order": np.tile(np.arange(n_pts), n_paths),
        }
    )


def lines(
    df: pd.DataFrame,
    extent: Sequence[float],
    group: str = "path",
    color: str = _GRID_COLOR,
    width: float = 1.0,
    opacity: float = 0.6,
    colors: Sequence[str] | None = None,
    titles: tuple[str, str] = ("x₁", "x₂"),
    domain: Sequence[str] | None = None,
) -> alt.Chart:
    """Polylines from :func:`paths_df`; one colour, or one per group when ``colors`` is given (in the order of
    ``domain``, by default the groups as they come)."""
    enc = {**_enc_xy(extent, titles), "detail": f"{group}:N", "order": "order:Q"}
    if colors is not None:
        domain = list(pd.unique(df[group])) if domain is None else list(domain)
        enc["color"] = alt.Color(
            f"{group}:N", scale=alt.Scale(domain=domain, range=list(colors)[: len(domain)]), legend=None
        )
    else:
        enc["color"] = alt.value(color)
    return alt.Chart(df).mark_line(strokeWidth=width, opacity=opacity, clip=True).encode(**enc)


def colored_points(
    X: np.ndarray, hex_colors: Sequence[str], extent: Sequence[float], size: int = 34, *, style: Style
) -> alt.Chart:
    """Points painted with given per-point hex colours (no legend)."""
    df = points_df(X, colour=list(hex_colors))
    return (
        alt.Chart(df)
        .mark_point(filled=True, size=_pt(size, style), opacity=0.9, stroke="white", strokeWidth=0.4, clip=True)
        .encode(**_enc_xy(extent), color=alt.Color("colour:N", scale=None))
    )


def data_marks(
    X: np.ndarray, extent: Sequence[float], size: float = 22, titles: tuple[str, str] = ("x₁", "x₂"), *, style: Style
) -> alt.Chart:
    """Data as the app draws them (hollow grey circles), clipped to the window."""
    return _on_axes(charts.data_points(points_df(X), extent=extent, size=size, style=style), extent, titles)


def sample_marks(
    X: np.ndarray, extent: Sequence[float], size: float = 22, titles: tuple[str, str] = ("x₁", "x₂"), *, style: Style
) -> alt.Chart:
    """A model's samples as the app draws them (filled vermillion triangles), clipped to the window."""
    return _on_axes(charts.sample_points(points_df(X), extent=extent, size=size, style=style), extent, titles)


def _clipped(chart: alt.Chart, **mark: object) -> alt.Chart:
    """A copy of a one-mark chart whose marks are clipped at the window's edge (and any other mark settings)."""
    out = chart.copy(deep=True)
    out.mark = alt.MarkDef(**{**chart.mark.to_dict(validate=False), "clip": True, **mark})
    return out


def _on_axes(chart: alt.Chart, extent: Sequence[float], titles: tuple[str, str]) -> alt.Chart:
    """The chart on this module's fixed axes, its marks clipped at the window's edge."""
    return _clipped(chart).encode(**_enc_xy(extent, titles))


def probe_mark(probe: Sequence[float], extent: Sequence[float]) -> dict:
    """Where and how to draw the probe x* so that the window never moves: inside, a cross at x*; outside, a triangle
    at the window's edge (inset by 3 % of its size) pointing towards x*, with its label on the inner side.

    >>> probe_mark((0.0, 0.0), (-1, 1, -1, 1))["shape"], probe_mark((5.0, 0.5), (-1, 1, -1, 1))["shape"]
    ('cross', 'triangle-right')
    >>> probe_mark((5.0, 0.5), (-1, 1, -1, 1))["x1"], probe_mark((0.0, -9.0), (-1, 1, -1, 1))["shape"]
    (0.94, 'triangle-down')
    """
    x, y = float(probe[0]), float(probe[1])
    x0, x1, y0, y1 = (float(e) for e in extent)
    if x0 <= x <= x1 and y0 <= y <= y1:
        return {"x1": x, "x2": y, "inside": True, "shape": "cross", "dx": 16, "dy": -16}
    px, py = 0.03 * (x1 - x0), 0.03 * (y1 - y0)
    cx, cy = min(max(x, x0 + px), x1 - px), min(max(y, y0 + py), y1 - py)
    # which way x* lies, in units of the window's size: the larger of the two offsets names the arrow
    ox, oy = (x - cx) / (x1 - x0), (y - cy) / (y1 - y0)
    if abs(ox) >= abs(oy):
        shape = "triangle-right" if ox > 0 else "triangle-left"
    else:
        shape = "triangle-up" if oy > 0 else "triangle-down"
    dx = -18 if ox > 0 else 18
    dy = 18 if oy > 0 else -18  # screen y grows downwards
    return {"x1": round(cx, 10), "x2": round(cy, 10), "inside": False, "shape": shape, "dx": dx, "dy": dy}


def probe_marker(probe: Sequence[float], extent: Sequence[float], label: str = "x*") -> alt.LayerChart:
    """A large black cross with a label at the probe point (a triangle at the edge when x* is outside the window)."""
    mark = probe_mark(probe, extent)
    df = pd.DataFrame({"x1": [mark["x1"]], "x2": [mark["x2"]], "label": [label]})
    base = alt.Chart(df).encode(**_enc_xy(extent))
    cross = base.mark_point(
        shape=mark["shape"],
        size=360 if mark["inside"] else 300,
        filled=True,
        opacity=1,
        color=charts.BLACK,
        stroke="white",
        strokeWidth=1.2,
        clip=True,
    )
    label_mark = base.mark_text(
        dx=mark["dx"], dy=mark["dy"], fontSize=18, fontWeight="bold", color=charts.BLACK, clip=True
    )
    return alt.layer(cross, label_mark.encode(text="label:N"))


def curve(
    steps: np.ndarray,
    series: dict[str, np.ndarray],
    current: int,
    height: int,
    y_title: str,
    colors: Sequence[str] | None = None,
    title: str | list[str] = "",
    description: str = "",
) -> alt.LayerChart:
    """Line(s) over training steps with a rule and dots at the current step (always on the curve)."""
    steps = np.asarray(steps)
    rows = [pd.DataFrame({"step": steps, "value": np.asarray(v, float), "series": name}) for name, v in series.items()]
    df = pd.concat(rows, ignore_index=True)
    names = list(series)
    palette = list(colors or [charts.Q_COLOR, charts.P_COLOR, charts.GREEN])[: len(names)]
    color = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=names, range=palette),
        legend=alt.Legend(labelLimit=320) if len(names) > 1 else None,
    )
    finite = df["value"][np.isfinite(df["value"])]
    lo, hi = float(finite.min()), float(finite.max())
    pad = max(0.05 * (hi - lo), 1e-3)
    y = alt.Y("value:Q", title=y_title, scale=charts.scale(lo - pad, hi + pad))
    first, last = float(steps.min()), float(steps.max())
    x = alt.X(
        "step:Q",
        title="step",
        scale=alt.Scale(domain=[first, last if last > first else first + 10.0], nice=False),
        axis=alt.Axis(tickCount={"expr": "ceil(width / 90)"}, format="d"),
    )
    line = alt.Chart(df).mark_line(strokeWidth=2.5, point=len(steps) == 1).encode(x=x, y=y, color=color)
    now = df[df["step"] == current]
    rule = alt.Chart(pd.DataFrame({"step": [current]})).mark_rule(color=charts.GREY, strokeDash=[4, 4]).encode(x=x)
    dots = (
        alt.Chart(now)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(x=x, y=y, color=color, tooltip=["series", "step", "value"])
    )
    return alt.layer(line, rule, dots).properties(height=height, title=title, description=description)


# ----------------------------------------------------------------------------- EM


def em_figure(view: Any, *, style: Style) -> alt.LayerChart:
    """``EMView``: data coloured by responsibilities, each component as its 2-sigma ellipse and a mean marker.

    The points keep the components' colours (mixed by responsibility): here the colour *is* the E-step. The colour
    scale names every component that has a colour (there is no legend), so a new K changes the chart's data, not its
    spec: the browser updates the drawn chart instead of drawing it anew.
    """
    k = len(view.ellipses)
    every_colour = list(charts.CLASS_COLORS)  # one colour per component, for as many as have one
    every = [f"component {i + 1}" for i in range(len(every_colour))]
    if k > len(every):
        raise ValueError(f"at most {len(every)} components can be drawn in distinct colours (got {k})")
    palette = every_colour[:k]
    names = every[:k]
    ell = lines(
        paths_df(view.ellipses, "component", names),
        view.extent,
        group="component",
        width=3,
        opacity=1.0,
        colors=every_colour,
        domain=every,
    )
    centre = (
        alt.Chart(points_df(view.means, component=names))
        .mark_point(shape="diamond", size=180, filled=True, stroke="white", strokeWidth=1.5, clip=True)
        .encode(
            **_enc_xy(view.extent),
            color=alt.Color("component:N", scale=alt.Scale(domain=every, range=every_colour), legend=None),
        )
    )
    data = colored_points(view.X, blend_colors(view.resp, palette), view.extent, style=style)
    return alt.layer(data, ell, centre).properties(
        height=main_height(style),
        title=text.EM_TITLE,
        description=text.EM_DESCRIBE.format(n=len(view.X)),
    )


def em_curve(view: Any, *, style: Style) -> alt.LayerChart:
    """``EMView``: the average log-likelihood over the EM steps, the current step marked."""
    steps = np.arange(len(view.log_likelihood))
    ll = view.log_likelihood
    return curve(
        steps,
        {"log-likelihood": ll},
        view.step,
        style.height(HEIGHT) // 2,
        "nats / point",
        title=text.EM_CURVE_TITLE,
        description=text.EM_CURVE_DESCRIBE.format(
            steps=len(ll) - 1, start=ll[0], end=ll[-1], step=view.step, now=ll[view.step]
        ),
    )


# ----------------------------------------------------------------------------- flow


def flow_base(view: Any, limit: float = 3.5, *, style: Style) -> alt.LayerChart:
    """``FlowView``, base space: a square grid, the data mapped by f (grey circles), draws from N(0, I) (triangles)."""
    z_ext = (-limit, limit, -limit, limit)
    z_titles = ("z₁", "z₂")
    return alt.layer(
        lines(paths_df(view.base), z_ext, titles=z_titles),
        sample_marks(view.Z_samples, z_ext, size=16, titles=z_titles, style=style),
        data_marks(view.Z, z_ext, size=18, titles=z_titles, style=style),
    ).properties(
        height=main_height(style),
        title=text.FLOW_BASE_TITLE,
        description=text.FLOW_BASE_DESCRIBE.format(n=len(view.Z)),
    )


def flow_data(view: Any, layers: int = 0, *, style: Style) -> alt.LayerChart:
    """``FlowView``, data space: exact q(x), the base grid pushed through f^{-1}, samples x = f^{-1}(z)."""
    return alt.layer(
        charts.heatmap(view.density, view.extent, kind="density", vmin=0.0, title="q(x)", style=style),
        lines(paths_df(view.warped), view.extent, opacity=0.5),
        sample_marks(view.samples, view.extent, size=16, style=style),
    ).properties(
        height=main_height(style),
        title=text.FLOW_DATA_TITLE,
        description=text.FLOW_DATA_DESCRIBE.format(layers=layers, n=len(view.samples)),
    )


# ----------------------------------------------------------------------------- energy model


def ebm_figure(energy: Any, chains: Any, show_starts: bool = True, *, style: Style) -> alt.LayerChart:
    """``EnergyView`` and ``ChainsView``: q(x) = exp(-E)/Z, the chains' starts (grey squares) and positions
    (vermillion triangles, the model's samples)."""
    layers = [charts.heatmap(energy.density, energy.extent, kind="density", vmin=0.0, title="q(x)", style=style)]
    if show_starts:
        starts = (
            alt.Chart(points_df(chains.starts))
            .mark_point(shape="square", filled=False, size=_pt(12, style), color=charts.GREY, opacity=0.5, clip=True)
            .encode(**_enc_xy(energy.extent))
        )
        layers.append(starts)
    layers.append(sample_marks(chains.samples, energy.extent, size=22, style=style))
    return alt.layer(*layers).properties(
        height=main_height(style),
        title=text.EBM_TITLE,
        description=text.EBM_DESCRIBE.format(
            chains=len(chains.samples),
            steps=chains.n_steps,
            eta=chains.step_size,
            starts=text.EBM_DESCRIBE_STARTS if show_starts else "",
        ),
    )


def ebm_trace(energy: Any, chains: Any, *, style: Style) -> alt.LayerChart:
    """``EnergyView`` and ``ChainsView``: the chains' mean energy per step beside its target E_q[E]."""
    target = np.full(len(chains.trace), energy.mean_energy_q)
    return curve(
        chains.trace_steps,
        {text.EBM_TRACE_CHAINS: chains.trace, text.EBM_TRACE_TARGET: target},
        chains.n_steps,
        style.height(HEIGHT) * 3 // 5,
        "energy (nats)",
        colors=[charts.SAMPLE_COLOR, charts.GREY],
        title=text.EBM_TRACE_TITLE,
        description=text.EBM_TRACE_DESCRIBE.format(
            steps=chains.n_steps, now=chains.mean_energy, target=energy.mean_energy_q
        ),
    )


# ----------------------------------------------------------------------------- linear VAE


def vae_figure(view: Any, *, style: Style) -> alt.LayerChart:
    """``VAEView``: exact q(x) (heatmap), data (grey circles), samples (triangles), decoder line W z + mu (black)."""
    line_df = paths_df(view.line[None], "path", [text.VAE_LINE])
    return alt.layer(
        charts.heatmap(view.density, view.extent, kind="density", vmin=0.0, title="q(x)", style=style),
        data_marks(view.X, view.extent, size=18, style=style),
        sample_marks(view.samples, view.extent, size=16, style=style),
        lines(line_df, view.extent, color=charts.BLACK, width=3, opacity=1.0),
    ).properties(
        height=main_height(style),
        title=text.VAE_TITLE,
        description=text.VAE_DESCRIBE.format(step=view.step, n=len(view.X)),
    )


def vae_curves(view: Any, *, style: Style) -> alt.LayerChart:
    """``VAEView``: the ELBO below the exact log q(x) over training, the current step marked."""
    return curve(
        np.arange(len(view.elbo)),
        {text.VAE_CURVE_Q: view.log_q, text.VAE_CURVE_ELBO: view.elbo},
        view.step,
        main_height(style),
        "nats / point",
        colors=[charts.Q_COLOR, charts.PURPLE],
        title=text.VAE_CURVE_TITLE,
        description=text.VAE_CURVE_DESCRIBE.format(
            steps=len(view.elbo) - 1, step=view.step, elbo=view.elbo_now, log_q=view.log_q_now
        ),
    )


# ----------------------------------------------------------------------------- probe point


def probe_data(density: Any, probe: Any, *, style: Style) -> alt.LayerChart:
    """``DensityView`` and ``ProbeView``: the data and the probe x* over one model's q(x)."""
    inside = probe_mark(probe.probe, density.extent)["inside"]
    model = density.model.lower()
    return alt.layer(
        charts.heatmap(density.density, density.extent, vmin=0.0, title="q(x)", style=style),
        data_marks(density.X, density.extent, size=18, style=style),
        probe_marker(probe.probe, density.extent),
        height=main_height(style),
        title=[line.format(model=model) for line in text.PROBE_DATA_TITLE],
        description=text.PROBE_DATA_DESCRIBE.format(
            model=model,
            n=len(density.X),
            px=f"{probe.probe[0]:.2f}",
            py=f"{probe.probe[1]:.2f}",
            outside="" if inside else text.PROBE_OUTSIDE,
        ),
    )


def probe_dots(view: Any, unit: str = "nats", *, style: Style) -> alt.LayerChart:
    """``ProbeView``: per model, log q(x*) (vermillion dot) beside the average log q over the data (black tick).

    A log-density has no natural zero, so dots on a shared axis read better than bars.
    """
    df = pd.DataFrame(
        {
            "model": list(view.models),
            "log q(x*)": np.asarray(view.log_q, float),
            "typical data point": np.asarray(view.average, float),
        }
    )
    df["label"] = [f"{v:.2f}".replace("-", "−") for v in df["log q(x*)"]]
    y = alt.Y("model:N", sort=None, title=None, axis=alt.Axis(labelLimit=220))
    values = np.r_[df["log q(x*)"], df["typical data point"]]
    lo, hi = float(values.min()), float(values.max())
    pad = max(0.1 * (hi - lo), 0.3)
    x_scale = charts.scale(lo - pad, hi + pad)
    x = alt.X(
        "log q(x*):Q",
        title=list(text.PROBE_DOTS_AXIS) if unit == "nats" else f"log q(x*) in {unit}",
        scale=x_scale,
        axis=alt.Axis(tickCount={"expr": "ceil(width / 90)"}),
    )
    link = alt.Chart(df).mark_rule(color=charts.GREY, strokeWidth=2).encode(x=x, x2="typical data point:Q", y=y)
    ticks = (
        alt.Chart(df)
        .mark_tick(color=charts.BLACK, thickness=3, size=28)
        .encode(x=alt.X("typical data point:Q", scale=x_scale), y=y)
    )
    dots = (
        alt.Chart(df)
        .mark_point(filled=True, size=260, color=charts.Q_COLOR, opacity=1)
        .encode(
            x=x,
            y=y,
            tooltip=[
                "model",
                alt.Tooltip("log q(x*):Q", format=".3f"),
                alt.Tooltip("typical data point:Q", format=".3f"),
            ],
        )
    )
    labels = alt.Chart(df).mark_text(dy=-16, color="#222").encode(x=x, y=y, text="label:N")
    return alt.layer(link, ticks, dots, labels).properties(
        height=main_height(style),
        title=text.PROBE_DOTS_TITLE,
        description=text.PROBE_DOTS_DESCRIBE.format(
            n=len(df),
            high=view.models[view.highest],
            high_value=view.log_q[view.highest],
            low=view.models[view.lowest],
            low_value=view.log_q[view.lowest],
        ),
    )


# ----------------------------------------------------------------------------- types page


def panel_height(style: Style) -> int:
    """Plot height of one types panel in this style."""
    return PRESENT_PANEL_HEIGHT if style.present else PANEL_HEIGHT


def family_panel(panel: Any, left: bool = True, bottom: bool = True, *, style: Style) -> alt.LayerChart:
    """``scenes.types.FamilyPanel``: one family's samples (vermillion triangles) and the data (grey circles).

    The six panels share one window (the data's) and one plot size: the y axis is labelled on the left column and
    the x axis on the bottom row only, and every panel keeps the same room for its y axis (``AXIS_ROOM``, the
    labels drawn invisibly where they are not needed) so that the plots line up. Fills the width of its column
    (``FIT_WIDTH``). The points do not depend on the probe x*, so the page caches this panel and adds the probe,
    the title and the description with :func:`with_probe` on each rerun (microseconds instead of tens of ms).
    """
    x0, x1, y0, y1 = panel.extent
    shown = 1 if left else 0
    x_axis = alt.Axis(tickCount=5, labels=bottom, ticks=bottom, title="x₁" if bottom else None)
    y_axis = alt.Axis(
        tickCount=5,
        labelOpacity=shown,
        tickOpacity=shown,
        titleOpacity=shown,
        minExtent=AXIS_ROOM,
        maxExtent=AXIS_ROOM,
        title="x₂",
    )
    enc = {
        "x": alt.X("x1:Q", scale=charts.scale(x0, x1), axis=x_axis),
        "y": alt.Y("x2:Q", scale=charts.scale(y0, y1), axis=y_axis),
    }
    size = 20 if style.present else 14
    samples = charts.sample_points(points_df(panel.samples), size=size, style=style)
    data = charts.data_points(points_df(panel.data), size=size, style=style)
    return alt.layer(
        _clipped(samples, opacity=0.7).encode(**enc),
        _clipped(data).encode(**enc),
    ).properties(
        width="container",
        height=panel_height(style),
        autosize=FIT_WIDTH,
        description=types_text.PANEL_BASE_DESCRIBE.format(
            family=panel.name, n_data=len(panel.data), n_samples=len(panel.samples)
        ),
    )


def with_probe(spec: dict, probe: Sequence[float], title: Sequence[str], describe: str, *, style: Style) -> dict:
    """A copy of a finished :func:`family_panel` spec (a Vega-Lite dict) with the probe x*, a title and the text
    alternative ``describe`` (its ``{where}`` filled in: inside the window or at its edge).

    The cross reuses the panel's own x/y encodings, so it sits on the same fixed axes; outside the window it becomes
    a black triangle at the edge pointing towards x* (:func:`probe_mark`). ``spec`` is not changed.
    """
    first = spec["layer"][0]["encoding"]
    x0, x1 = first["x"]["scale"]["domain"]
    y0, y1 = first["y"]["scale"]["domain"]
    mark = probe_mark(probe, (x0, x1, y0, y1))
    cross = {
        "mark": {
            "type": "point",
            "shape": mark["shape"],
            "filled": True,
            "opacity": 1,
            "size": 320 if mark["inside"] else 240,
            "color": charts.BLACK,
            "stroke": "white",
            "strokeWidth": 1,
            "clip": True,
        },
        "data": {"values": [{"x1": mark["x1"], "x2": mark["x2"]}]},
        "encoding": {"x": first["x"], "y": first["y"]},
    }
    where = types_text.PANEL_INSIDE if mark["inside"] else types_text.PANEL_OUTSIDE
    return {
        **spec,
        "layer": [*spec["layer"], cross],
        "title": {"text": list(title), "fontSize": 16 if style.present else 14, "anchor": "middle"},
        "description": describe.format(where=where),
    }
