"""Chart builders for the likelihood-based models pages (EM, flow, energy model, linear VAE, probe point, families).

Each figure builder takes a scene of ``scenes.likelihood`` or ``scenes.types`` (named first in its docstring) and
the page's :class:`~ui.charts.Style`, and returns an Altair chart; the small layers above them take plain arrays.
No builder reads the session.
Colours follow ``ui.charts``: data p = blue, model q = vermillion, generated samples = green.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.charts import Style

_GRID_COLOR = "#444444"
#: Height of the page's main figures (presenter mode makes them a third taller).
HEIGHT = 380
#: Height of one small panel of the "types" page.
PANEL_HEIGHT = 230


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
    """Mix the component colours of each point by its responsibilities r_ik (rows sum to 1) -> hex strings.

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
) -> alt.Chart:
    """Polylines from :func:`paths_df`; one colour, or one per group when ``colors`` is given."""
    enc = {**_enc_xy(extent, titles), "detail": f"{group}:N", "order": "order:Q"}
    if colors is not None:
        domain = list(pd.unique(df[group]))
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


def solid_points(
    X: np.ndarray,
    extent: Sequence[float],
    color: str,
    size: int = 30,
    opacity: float = 0.8,
    shape: str = "circle",
    filled: bool = True,
    titles: tuple[str, str] = ("x₁", "x₂"),
    outline: float = 0.4,
    *,
    style: Style,
) -> alt.Chart:
    """Points of one colour on fixed axes (``outline``: width of the white ring of filled points)."""
    return (
        alt.Chart(points_df(X))
        .mark_point(
            filled=filled,
            size=_pt(size, style),
            opacity=opacity,
            shape=shape,
            stroke="white" if filled else color,
            strokeWidth=outline if filled else 1.5,
            color=color,
            clip=True,
        )
        .encode(**_enc_xy(extent, titles))
    )


def probe_marker(probe: Sequence[float], extent: Sequence[float], label: str = "x*") -> alt.LayerChart:
    """A large black cross with a label at the probe point."""
    df = pd.DataFrame({"x1": [float(probe[0])], "x2": [float(probe[1])], "label": [label]})
    base = alt.Chart(df).encode(**_enc_xy(extent))
    cross = base.mark_point(
        shape="cross", size=360, filled=True, color=charts.BLACK, stroke="white", strokeWidth=1.2, clip=True
    )
    text = base.mark_text(dx=14, dy=-14, fontSize=18, fontWeight="bold", color=charts.BLACK, clip=True).encode(
        text="label:N"
    )
    return alt.layer(cross, text)


def curve(
    steps: np.ndarray,
    series: dict[str, np.ndarray],
    current: int,
    height: int,
    y_title: str,
    colors: Sequence[str] | None = None,
    title: str | list[str] = "",
) -> alt.LayerChart:
    """Line(s) over training steps with a rule and dots at the current step."""
    rows = [pd.DataFrame({"step": steps, "value": np.asarray(v, float), "series": name}) for name, v in series.items()]
    df = pd.concat(rows, ignore_index=True)
    names = list(series)
    palette = list(colors or [charts.Q_COLOR, charts.P_COLOR, charts.GREEN])[: len(names)]
    color = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=names, range=palette),
        legend=alt.Legend() if len(names) > 1 else None,
    )
    finite = df["value"][np.isfinite(df["value"])]
    lo, hi = float(finite.min()), float(finite.max())
    pad = max(0.05 * (hi - lo), 1e-3)
    y = alt.Y("value:Q", title=y_title, scale=charts.scale(lo - pad, hi + pad))
    x = alt.X(
        "step:Q",
        title="step",
        scale=alt.Scale(domain=[float(steps.min()), float(steps.max())], nice=False),
        axis=alt.Axis(tickCount={"expr": "ceil(width / 90)"}),
    )
    line = alt.Chart(df).mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color)
    now = df[df["step"] == current]
    rule = alt.Chart(pd.DataFrame({"step": [current]})).mark_rule(color=charts.GREY, strokeDash=[4, 4]).encode(x=x)
    dots = (
        alt.Chart(now)
        .mark_point(filled=True, size=110)
        .encode(x=x, y=y, color=color, tooltip=["series", "step", "value"])
    )
    return alt.layer(line, rule, dots).properties(height=height, title=title)


# ----------------------------------------------------------------------------- EM


def em_figure(view: Any, *, style: Style) -> alt.LayerChart:
    """``EMView``: data coloured by responsibilities, each component as its 2-sigma ellipse and a mean marker."""
    k = len(view.ellipses)
    palette = list(charts.CLASS_COLORS[:k])
    names = [f"component {i + 1}" for i in range(k)]
    ell = lines(
        paths_df(view.ellipses, "component", names),
        view.extent,
        group="component",
        width=3,
        opacity=1.0,
        colors=palette,
    )
    centre = (
        alt.Chart(points_df(view.means, component=names))
        .mark_point(shape="diamond", size=180, filled=True, stroke="white", strokeWidth=1.5, clip=True)
        .encode(
            **_enc_xy(view.extent),
            color=alt.Color("component:N", scale=alt.Scale(domain=names, range=palette), legend=None),
        )
    )
    data = colored_points(view.X, blend_colors(view.resp, palette), view.extent, style=style)
    return alt.layer(data, ell, centre).properties(
        height=style.height(HEIGHT), title="Points coloured by responsibility r_ik; ellipses = components (2σ)"
    )


def em_curve(view: Any, *, style: Style) -> alt.LayerChart:
    """``EMView``: the average log-likelihood over the EM steps, the current step marked."""
    steps = np.arange(len(view.log_likelihood))
    return curve(
        steps,
        {"log-likelihood": view.log_likelihood},
        view.step,
        style.height(HEIGHT) // 2,
        "nats / point",
        title="Average log-likelihood per step",
    )


# ----------------------------------------------------------------------------- flow


def flow_base(view: Any, limit: float = 3.5, *, style: Style) -> alt.LayerChart:
    """``FlowView``, base space: a square grid, the data mapped by f (blue) and draws from N(0, I) (green)."""
    z_ext = (-limit, limit, -limit, limit)
    z_titles = ("z₁", "z₂")
    return alt.layer(
        lines(paths_df(view.base), z_ext, titles=z_titles),
        solid_points(view.Z_samples, z_ext, charts.SAMPLE_COLOR, size=16, opacity=0.6, titles=z_titles, style=style),
        solid_points(view.Z, z_ext, charts.P_COLOR, size=16, opacity=0.7, titles=z_titles, style=style),
    ).properties(
        height=style.height(HEIGHT), title=["Base space z = f(x): data (blue)", "and draws z ~ N(0, I) (green)"]
    )


def flow_data(view: Any, *, style: Style) -> alt.LayerChart:
    """``FlowView``, data space: exact q(x), the base grid pushed through f^{-1}, samples x = f^{-1}(z)."""
    return alt.layer(
        charts.heatmap(view.density, view.extent, kind="density", vmin=0.0, title="q(x)", style=style),
        lines(paths_df(view.warped), view.extent, opacity=0.5),
        solid_points(view.samples, view.extent, charts.SAMPLE_COLOR, size=16, opacity=0.8, style=style),
    ).properties(height=style.height(HEIGHT), title=["Data space: q(x), the grid", "through f⁻¹, samples (green)"])


# ----------------------------------------------------------------------------- energy model


def ebm_figure(energy: Any, chains: Any, show_starts: bool = True, *, style: Style) -> alt.LayerChart:
    """``EnergyView`` and ``ChainsView``: q(x) = exp(-E)/Z, the chains' starts (hollow) and positions (green)."""
    layers = [charts.heatmap(energy.density, energy.extent, kind="density", vmin=0.0, title="q(x)", style=style)]
    if show_starts:
        layers.append(
            solid_points(chains.starts, energy.extent, charts.GREY, size=14, opacity=0.35, filled=False, style=style)
        )
    layers.append(solid_points(chains.samples, energy.extent, charts.SAMPLE_COLOR, size=22, opacity=0.85, style=style))
    return alt.layer(*layers).properties(
        height=style.height(HEIGHT), title="q(x) = exp(−E(x)) / Z and Langevin samples"
    )


def ebm_trace(energy: Any, chains: Any, *, style: Style) -> alt.LayerChart:
    """``EnergyView`` and ``ChainsView``: the chains' mean energy per step beside its target E_q[E]."""
    target = np.full(len(chains.trace), energy.mean_energy_q)
    return curve(
        chains.trace_steps,
        {"mean energy of the chains": chains.trace, "E_q[E] (target)": target},
        chains.n_steps,
        style.height(HEIGHT) * 3 // 5,
        "energy (nats)",
        colors=[charts.SAMPLE_COLOR, charts.GREY],
        title="Do the chains reach q?",
    )


# ----------------------------------------------------------------------------- linear VAE


def vae_figure(view: Any, *, style: Style) -> alt.LayerChart:
    """``VAEView``: exact q(x) (heatmap), data (blue), decoder mean W z + mu for z in [-3, 3], samples (green)."""
    line_df = paths_df(view.line[None], "path", ["decoder mean W z + μ"])
    return alt.layer(
        charts.heatmap(view.density, view.extent, kind="density", vmin=0.0, title="q(x)", style=style),
        solid_points(view.X, view.extent, charts.P_COLOR, size=18, opacity=0.85, outline=0.8, style=style),
        solid_points(view.samples, view.extent, charts.SAMPLE_COLOR, size=16, opacity=0.75, style=style),
        lines(line_df, view.extent, color=charts.Q_COLOR, width=4, opacity=1.0),
    ).properties(
        height=style.height(HEIGHT), title=["Exact q(x) (shading), data (blue)", "samples (green), line Wz + μ"]
    )


def vae_curves(view: Any, *, style: Style) -> alt.LayerChart:
    """``VAEView``: the ELBO below the exact log q(x) over training, the current step marked."""
    return curve(
        np.arange(len(view.elbo)),
        {"exact log q(x)": view.log_q, "ELBO": view.elbo},
        view.step,
        style.height(HEIGHT),
        "nats / point",
        colors=[charts.Q_COLOR, charts.PURPLE],
        title=["ELBO stays below", "the exact log q(x)"],
    )


# ----------------------------------------------------------------------------- probe point


def probe_data(density: Any, probe: Any, *, style: Style) -> alt.LayerChart:
    """``DensityView`` and ``ProbeView``: the data and the probe x* over one model's q(x)."""
    return alt.layer(
        charts.heatmap(density.density, density.extent, vmin=0.0, title="q(x)", style=style),
        solid_points(density.X, density.extent, charts.P_COLOR, size=18, opacity=0.85, outline=0.8, style=style),
        probe_marker(probe.probe, density.extent),
        height=style.height(HEIGHT),
        title=["Data (blue) and probe x*", f"over q(x) of the {density.model.lower()}"],
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
    df["label"] = [f"{v:.2f}" for v in df["log q(x*)"]]
    y = alt.Y("model:N", sort=None, title=None, axis=alt.Axis(labelLimit=220))
    values = np.r_[df["log q(x*)"], df["typical data point"]]
    lo, hi = float(values.min()), float(values.max())
    pad = max(0.1 * (hi - lo), 0.3)
    x_scale = charts.scale(lo - pad, hi + pad)
    x = alt.X(
        "log q(x*):Q",
        title=f"log q(x*) in {unit} (dot); average over the data (tick)",
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
    text = alt.Chart(df).mark_text(dy=-16, color="#222").encode(x=x, y=y, text="label:N")
    return alt.layer(link, ticks, dots, text).properties(
        height=style.height(HEIGHT), title="How likely is x* under each model?"
    )


# ----------------------------------------------------------------------------- types page


def family_panel(panel: Any, y_axis: bool = True, *, style: Style) -> alt.LayerChart:
    """``scenes.types.FamilyPanel``: one family's samples (green) and the data (blue, on top).

    Fills the width of its column (``width="container"``), so a grid of panels in ``st.columns`` fits any
    screen. The points do not depend on the probe x*, so the page caches this panel and adds the probe and
    the title with :func:`with_probe` on each rerun (microseconds instead of tens of ms per panel).
    """
    df = pd.concat([points_df(panel.samples, kind="samples"), points_df(panel.data, kind="data")], ignore_index=True)
    enc = _enc_xy(panel.extent)
    enc["x"] = enc["x"].axis(tickCount=5)
    enc["y"] = enc["y"].axis(tickCount=5) if y_axis else enc["y"].axis(tickCount=5, title=None)
    size = 22 if style.present else 14

    def layer(kind: str, **mark: object) -> alt.Chart:
        return alt.Chart().mark_point(clip=True, **mark).encode(**enc).transform_filter(alt.datum.kind == kind)

    return alt.layer(
        layer("samples", filled=True, size=size, opacity=0.55, color=charts.SAMPLE_COLOR),
        layer("data", filled=True, size=size, opacity=0.75, color=charts.P_COLOR),
        data=df,
    ).properties(width="container", height=style.height(PANEL_HEIGHT))


def with_probe(spec: dict, probe: Sequence[float], title: Sequence[str], *, style: Style) -> dict:
    """A copy of a finished :func:`family_panel` spec (a Vega-Lite dict) with the probe x* as a black cross and a title.

    The cross reuses the panel's own x/y encodings, so it sits on the same fixed axes. ``spec`` is not changed.
    """
    first = spec["layer"][0]["encoding"]
    cross = {
        "mark": {
            "type": "point",
            "shape": "cross",
            "filled": True,
            "size": 320,
            "color": charts.BLACK,
            "stroke": "white",
            "strokeWidth": 1,
            "clip": True,
        },
        "data": {"values": [{"x1": float(probe[0]), "x2": float(probe[1])}]},
        "encoding": {"x": first["x"], "y": first["y"]},
    }
    return {
        **spec,
        "layer": [*spec["layer"], cross],
        "title": {"text": list(title), "fontSize": 16 if style.present else 14, "anchor": "middle"},
    }
