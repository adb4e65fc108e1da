"""Charts for the prior / posterior / variational-inference page.

Colours follow the app: the exact posterior p is blue (``P_COLOR``), the approximation q is vermillion
(``Q_COLOR``), the prior is grey. Every builder takes plain arrays or a tidy table and returns an Altair
chart; the page hands it to ``charts.show``. Charts use few layers and share one table per chart (each
layer costs a few milliseconds on every rerun).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.charts import BLACK, GREY, P_COLOR, Q_COLOR

THETA = "θ"
#: About one x-axis label per 90 px of chart width (a full-width chart otherwise gets ~20 crowded labels).
X_TICKS = {"expr": "ceil(width / 90)"}


def _literal(field: str) -> alt.Color:
    """Colour taken literally from a column of hex codes (no legend)."""
    return alt.Color(f"{field}:N", scale=None, legend=None)


# ----------------------------------------------------------------------------- coin


def coin_frame(theta: np.ndarray, prior: np.ndarray, posterior: np.ndarray) -> pd.DataFrame:
    """Long table of the two curves (for the chart and its CSV export)."""
    return pd.DataFrame({
        "theta": np.concatenate([theta, theta]),
        "density": np.concatenate([prior, posterior]),
        "curve": ["prior"] * len(theta) + ["posterior"] * len(theta),
    })


def coin_posterior(data: pd.DataFrame, mean: float, lower: float, upper: float,
                   true_bias: float | None = None, title: str = "") -> alt.LayerChart:
    """Prior (grey, dashed) and posterior (blue) of the coin's bias, the 95% interval shaded.

    Vertical lines: the posterior mean (blue) and, if known, the true bias (black, dotted).
    """
    x = alt.X("theta:Q", title="bias θ = P(heads)", scale=alt.Scale(domain=[0, 1], nice=False),
              axis=alt.Axis(tickCount=10, format=".1f"))
    y = alt.Y("density:Q", title="density")
    names = ["prior", "posterior"]
    band = alt.Chart(data).transform_filter(
        (alt.datum.curve == "posterior") & (alt.datum.theta >= lower) & (alt.datum.theta <= upper)
    ).mark_area(opacity=0.35, color=P_COLOR).encode(x=x, y=y)
    lines = alt.Chart(data).mark_line(strokeWidth=3).encode(
        x=x, y=y,
        color=alt.Color("curve:N", title=None, sort=names, scale=alt.Scale(domain=names, range=[GREY, P_COLOR])),
        strokeDash=alt.StrokeDash("curve:N", sort=names, title=None,
                                  scale=alt.Scale(domain=names, range=[[6, 4], [1, 0]])),
        tooltip=[alt.Tooltip("curve:N"), alt.Tooltip("theta:Q", format=".3f"),
                 alt.Tooltip("density:Q", format=".3f")])
    rules = pd.DataFrame({"v": [mean], "what": ["posterior mean"], "colour": [P_COLOR], "dash": ["solid"]})
    if true_bias is not None:
        rules.loc[1] = [true_bias, "true bias", BLACK, "dotted"]
    rule = alt.Chart(rules).mark_rule(strokeWidth=2).encode(
        x="v:Q", color=_literal("colour"),
        strokeDash=alt.StrokeDash("dash:N", scale=alt.Scale(domain=["solid", "dotted"], range=[[1, 0], [2, 3]]),
                                  legend=None),
        tooltip=[alt.Tooltip("what:N"), alt.Tooltip("v:Q", format=".3f", title="θ")])
    return alt.layer(band, lines, rule).resolve_scale(color="independent", strokeDash="independent").properties(
        height=charts.height(300), title=title)


def coin_path(t: np.ndarray, mean: np.ndarray, lower: np.ndarray, upper: np.ndarray, frequency: np.ndarray,
              step: int, true_bias: float | None = None) -> alt.LayerChart:
    """Posterior mean with its 95% interval after each flip, the running fraction of heads, the replay step."""
    df = pd.DataFrame({"flips": t, "lower": lower, "upper": upper, "posterior mean": mean,
                       "fraction of heads": frequency})
    series = ["posterior mean", "fraction of heads"]
    colours = [P_COLOR, GREY]
    if true_bias is not None:
        df["true bias"] = true_bias
        series.append("true bias")
        colours.append(BLACK)
    x = alt.X("flips:Q", title="number of flips seen", scale=alt.Scale(domain=[0, max(1, int(t[-1]))], nice=False),
              axis=alt.Axis(tickCount=X_TICKS, tickMinStep=1))
    y_scale = alt.Scale(domain=[0, 1])
    band = alt.Chart(df).mark_area(opacity=0.2, color=P_COLOR).encode(
        x=x, y=alt.Y("lower:Q", title="bias θ", scale=y_scale), y2="upper:Q")
    lines = alt.Chart(df).transform_fold(series, as_=["series", "value"]).mark_line(strokeWidth=2.5).encode(
        x=x, y=alt.Y("value:Q", scale=y_scale),
        color=alt.Color("series:N", title=None, sort=series, scale=alt.Scale(domain=series, range=colours)),
        strokeDash=alt.StrokeDash("series:N", sort=series, title=None,
                                  scale=alt.Scale(domain=series, range=[[1, 0], [4, 3], [2, 3]][: len(series)])),
        tooltip=[alt.Tooltip("flips:Q"), alt.Tooltip("series:N"), alt.Tooltip("value:Q", format=".3f")])
    step_rule = alt.Chart(pd.DataFrame({"flips": [step]})).mark_rule(color=BLACK, strokeWidth=1.5).encode(x="flips:Q")
    return alt.layer(band, lines, step_rule).properties(
        height=charts.height(230), title="Flip by flip: posterior mean, 95% interval")


# ----------------------------------------------------------------------------- posterior vs q


def densities_frame(theta: np.ndarray, curves: dict[str, np.ndarray], window: tuple[float, float] = (-5.0, 5.0),
                    every: int = 2) -> pd.DataFrame:
    """Long table of density curves on the plotting window (every ``every``-th grid point)."""
    keep = np.flatnonzero((theta >= window[0]) & (theta <= window[1]))[::every]
    rows = [pd.DataFrame({"theta": theta[keep], "density": values[keep], "curve": name})
            for name, values in curves.items()]
    return pd.concat(rows, ignore_index=True)


def posterior_vs_q(data: pd.DataFrame, colours: dict[str, str], dashes: dict[str, list[int]] | None = None,
                   title: str = "", height: int = 300, x_title: str = THETA) -> alt.LayerChart:
    """The first curve (the exact posterior) as a shaded area, every curve as a line over it."""
    names = list(colours)
    dashes = dashes or {}
    x = alt.X("theta:Q", title=x_title, scale=alt.Scale(nice=False), axis=alt.Axis(tickCount=X_TICKS))
    y = alt.Y("density:Q", title="density")
    area = alt.Chart(data).transform_filter(alt.datum.curve == names[0]).mark_area(
        opacity=0.25, color=colours[names[0]]).encode(x=x, y=y)
    lines = alt.Chart(data).mark_line(strokeWidth=3).encode(
        x=x, y=y,
        color=alt.Color("curve:N", title=None, sort=names,
                        scale=alt.Scale(domain=names, range=[colours[n] for n in names])),
        strokeDash=alt.StrokeDash("curve:N", sort=names, title=None,
                                  scale=alt.Scale(domain=names, range=[dashes.get(n, [1, 0]) for n in names])),
        tooltip=[alt.Tooltip("curve:N"), alt.Tooltip("theta:Q", format=".2f"),
                 alt.Tooltip("density:Q", format=".3f")])
    return alt.layer(area, lines).properties(height=charts.height(height), title=title)


def elbo_landscape(values: np.ndarray, extent: Sequence[float], log_evidence: float, hand: tuple[float, float],
                   path: pd.DataFrame | None = None, depth: float = 8.0) -> alt.LayerChart:
    """ELBO over q's (mean, sd) as a heatmap (dark = high); your q as a black dot, the fit's path on top.

    The colour scale runs from ``log_evidence - depth`` to ``log_evidence``, the ceiling no q can pass.
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    xs = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    ys = alt.Scale(domain=[y0, y1], nice=False, zero=False)
    layers = [charts.heatmap(values, extent, kind="density", vmin=log_evidence - depth, vmax=log_evidence,
                             title="ELBO (nats)", x_title="mean μ of q", y_title="sd σ of q")]
    marks = pd.DataFrame({"mean": [hand[0]], "sd": [hand[1]], "what": ["your q"], "colour": [BLACK],
                          "shape": ["circle"]})
    if path is not None and len(path):
        layers.append(alt.Chart(path).mark_line(color=Q_COLOR, strokeWidth=2.5, point=alt.OverlayMarkDef(
            color=Q_COLOR, size=40)).encode(
            x=alt.X("mean:Q", scale=xs), y=alt.Y("sd:Q", scale=ys), order="iteration:Q",
            tooltip=[alt.Tooltip("iteration:Q"), alt.Tooltip("mean:Q", format=".3f"),
                     alt.Tooltip("sd:Q", format=".3f"), alt.Tooltip("elbo:Q", format=".3f", title="ELBO")]))
        end = path.iloc[-1]
        marks.loc[1] = [end["mean"], end["sd"], "fitted q", Q_COLOR, "diamond"]
    layers.append(alt.Chart(marks).mark_point(filled=True, size=240, stroke="white", strokeWidth=1.5, opacity=1)
                  .encode(x=alt.X("mean:Q", scale=xs), y=alt.Y("sd:Q", scale=ys), color=_literal("colour"),
                          shape=alt.Shape("shape:N", scale=None, legend=None),
                          tooltip=[alt.Tooltip("what:N"), alt.Tooltip("mean:Q", format=".2f"),
                                   alt.Tooltip("sd:Q", format=".2f")]))
    return alt.layer(*layers).properties(
        height=charts.height(300), title="ELBO of every q")


def elbo_trace(elbos: np.ndarray, log_evidence: float) -> alt.LayerChart:
    """ELBO after each optimiser iteration, below the log-evidence ceiling (dashed blue)."""
    df = pd.DataFrame({"iteration": np.arange(len(elbos)), "elbo": elbos})
    lo = float(min(df["elbo"].min(), log_evidence))
    pad = max(0.05 * (log_evidence - lo), 0.05)
    y = alt.Y("elbo:Q", title="ELBO (nats)", scale=alt.Scale(domain=[lo - pad, log_evidence + pad], nice=False))
    line = alt.Chart(df).mark_line(color=Q_COLOR, strokeWidth=2.5, point=alt.OverlayMarkDef(color=Q_COLOR)).encode(
        x=alt.X("iteration:Q", title="iteration", axis=alt.Axis(tickMinStep=1)), y=y,
        tooltip=[alt.Tooltip("iteration:Q"), alt.Tooltip("elbo:Q", format=".4f", title="ELBO")])
    ceiling = alt.Chart(pd.DataFrame({"elbo": [log_evidence]})).mark_rule(
        color=P_COLOR, strokeWidth=2, strokeDash=[6, 4]).encode(y="elbo:Q")
    return alt.layer(line, ceiling).properties(height=charts.height(180),
                                               title="ELBO per iteration")
