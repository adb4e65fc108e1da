"""Charts for the prior / posterior / variational-inference page.

Colours follow the app: the exact posterior p is blue (``P_COLOR``), the approximation q is vermillion
(``Q_COLOR``), the prior is grey. Every builder takes a scene of ``scenes.prerequisites`` (and scalars) with an
explicit :class:`~ui.charts.Style` and returns an Altair chart. Charts use few layers and share one table per
chart (each layer costs a few milliseconds on every rerun).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.base import BLACK, GREY, P_COLOR, Q_COLOR, Style, heatmap, scale

THETA = "θ"


def _literal(field: str) -> alt.Color:
    """Colour taken literally from a column of hex codes (no legend)."""
    return alt.Color(f"{field}:N", scale=None, legend=None)


# ----------------------------------------------------------------------------- coin


def coin_posterior(
    view, true_bias: float | None = None, *, title: str = "", height: int = 300, style: Style
) -> alt.LayerChart:
    """Prior (grey, dashed) and posterior (blue) of the coin's bias, the 95% interval shaded.

    ``view``: a ``Coin`` scene. Vertical lines: the posterior mean (blue) and, if known, the true bias (black, dotted).
    """
    # the shaded interval as a column, not as bounds in a filter: the spec stays the same when the flips change
    # (charts.live: the browser then updates the drawn chart instead of drawing it again)
    data = view.curves.assign(
        inside=(view.curves["curve"] == "posterior")
        & (view.curves["theta"] >= view.lower)
        & (view.curves["theta"] <= view.upper)
    )
    x = alt.X("theta:Q", title="bias θ = P(heads)", scale=scale(0, 1), axis=alt.Axis(tickCount=10, format=".1f"))
    y = alt.Y("density:Q", title="density")
    names = ["prior", "posterior"]
    band = alt.Chart(data).transform_filter(alt.datum.inside).mark_area(opacity=0.35, color=P_COLOR).encode(x=x, y=y)
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=3)
        .encode(
            x=x,
            y=y,
            color=alt.Color("curve:N", title=None, sort=names, scale=alt.Scale(domain=names, range=[GREY, P_COLOR])),
            strokeDash=alt.StrokeDash(
                "curve:N", sort=names, title=None, scale=alt.Scale(domain=names, range=[[6, 4], [1, 0]])
            ),
            tooltip=[
                alt.Tooltip("curve:N"),
                alt.Tooltip("theta:Q", format=".3f"),
                alt.Tooltip("density:Q", format=".3f"),
            ],
        )
    )
    rules = pd.DataFrame({"v": [view.mean], "what": ["posterior mean"], "colour": [P_COLOR], "dash": ["solid"]})
    if true_bias is not None:
        rules.loc[1] = [true_bias, "true bias", BLACK, "dotted"]
    rule = (
        alt.Chart(rules)
        .mark_rule(strokeWidth=2)
        .encode(
            x="v:Q",
            color=_literal("colour"),
            strokeDash=alt.StrokeDash(
                "dash:N", scale=alt.Scale(domain=["solid", "dotted"], range=[[1, 0], [2, 3]]), legend=None
            ),
            tooltip=[alt.Tooltip("what:N"), alt.Tooltip("v:Q", format=".3f", title="θ")],
        )
    )
    return (
        alt.layer(band, lines, rule)
        .resolve_scale(color="independent", strokeDash="independent")
        .properties(
            height=style.height(height),
            title=title,
            description=f"Prior Beta({view.a - view.heads:g}, {view.b - view.tails:g}) (grey, dashed) and posterior "
            "(blue) of the coin's bias θ after the flips counted in the title, its 95% interval shaded and its mean "
            "marked (their values are among the key numbers)"
            + ("." if true_bias is None else "; the true bias set on the slider as a dotted black line."),
        )
    )


def coin_path(view, true_bias: float | None = None, *, style: Style) -> alt.LayerChart:
    """Posterior mean with its 95% interval after each flip, the running fraction of heads, the replay step.

    ``view``: a ``Coin`` scene (its path over the whole sequence and its step ``k``).
    """
    df = pd.DataFrame(
        {
            "flips": view.steps,
            "lower": view.lowers,
            "upper": view.uppers,
            "posterior mean": view.means,
            "fraction of heads": view.frequencies,
        }
    )
    series = ["posterior mean", "fraction of heads"]
    colours = [P_COLOR, GREY]
    if true_bias is not None:
        df["true bias"] = true_bias
        series.append("true bias")
        colours.append(BLACK)
    x = alt.X(
        "flips:Q",
        title="number of flips seen",
        scale=scale(0, max(1, int(view.steps[-1]))),
        axis=alt.Axis(tickMinStep=1),
    )
    y_scale = scale(0, 1)
    band = (
        alt.Chart(df)
        .mark_area(opacity=0.2, color=P_COLOR)
        .encode(x=x, y=alt.Y("lower:Q", title="bias θ", scale=y_scale), y2="upper:Q")
    )
    lines = (
        alt.Chart(df)
        .transform_fold(series, as_=["series", "value"])
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("value:Q", scale=y_scale),
            color=alt.Color("series:N", title=None, sort=series, scale=alt.Scale(domain=series, range=colours)),
            strokeDash=alt.StrokeDash(
                "series:N",
                sort=series,
                title=None,
                scale=alt.Scale(domain=series, range=[[1, 0], [4, 3], [2, 3]][: len(series)]),
            ),
            tooltip=[alt.Tooltip("flips:Q"), alt.Tooltip("series:N"), alt.Tooltip("value:Q", format=".3f")],
        )
    )
    step_rule = alt.Chart(pd.DataFrame({"flips": [view.k]})).mark_rule(color=BLACK, strokeWidth=1.5).encode(x="flips:Q")
    return alt.layer(band, lines, step_rule).properties(
        height=style.height(230),
        title="Flip by flip: posterior mean, 95% interval",
        description=f"Posterior mean of θ with its 95% interval (blue) and the fraction of heads (grey) after each "
        f"of 0 to {int(view.steps[-1])} flips; a black line marks the replay step {view.k}.",
    )


# ----------------------------------------------------------------------------- posterior vs q


def posterior_vs_q(view, *, title: str = "", height: int = 300, style: Style) -> alt.LayerChart:
    """The first curve of ``view.curves`` (the exact posterior, blue) as a shaded area, every curve as a line over it.

    ``view``: a scene with ``curves`` (long table: theta, density, curve) and ``dashed`` (curve names drawn dashed).
    The q's are vermillion.
    """
    data = view.curves
    names = list(dict.fromkeys(data["curve"]))
    colours = [P_COLOR] + [Q_COLOR] * (len(names) - 1)
    dashes = [[7, 4] if name in view.dashed else [1, 0] for name in names]
    x = alt.X("theta:Q", title=THETA, scale=alt.Scale(nice=False))
    y = alt.Y("density:Q", title="density")
    area = (
        alt.Chart(data)
        .transform_filter(alt.datum.curve == names[0])
        .mark_area(opacity=0.25, color=colours[0])
        .encode(x=x, y=y)
    )
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=3)
        .encode(
            x=x,
            y=y,
            color=alt.Color("curve:N", title=None, sort=names, scale=alt.Scale(domain=names, range=colours)),
            strokeDash=alt.StrokeDash("curve:N", sort=names, title=None, scale=alt.Scale(domain=names, range=dashes)),
            tooltip=[
                alt.Tooltip("curve:N"),
                alt.Tooltip("theta:Q", format=".2f"),
                alt.Tooltip("density:Q", format=".3f"),
            ],
        )
    )
    described = f"Density over θ of the {names[0]} (blue area) and of " + "; ".join(names[1:]) + " (vermillion)."
    return alt.layer(area, lines).properties(height=style.height(height), title=title, description=described)


def elbo_landscape(view, *, depth: float = 8.0, style: Style) -> alt.LayerChart:
    """ELBO over q's (mean, sd) as a heatmap (dark = high); your q as a black dot, the fit's path on top.

    ``view``: a ``Variational`` scene. The colour scale runs from ``log_evidence - depth`` to ``log_evidence``,
    the ceiling no q can pass.
    """
    x0, x1, y0, y1 = view.extent
    xs, ys = scale(x0, x1), scale(y0, y1)
    layers = [
        heatmap(
            view.landscape,
            view.extent,
            kind="density",
            vmin=view.log_evidence - depth,
            vmax=view.log_evidence,
            title="ELBO (nats)",
            x_title="mean μ of q",
            y_title="sd σ of q",
            style=style,
        )
    ]
    marks = pd.DataFrame(
        {"mean": [view.mine.mean], "sd": [view.mine.sd], "what": ["your q"], "colour": [BLACK], "shape": ["circle"]}
    )
    path = view.path
    if path is not None and len(path):
        layers.append(
            alt.Chart(path)
            .mark_line(color=Q_COLOR, strokeWidth=2.5, point=alt.OverlayMarkDef(color=Q_COLOR, size=40))
            .encode(
                x=alt.X("mean:Q", scale=xs),
                y=alt.Y("sd:Q", scale=ys),
                order="iteration:Q",
                tooltip=[
                    alt.Tooltip("iteration:Q"),
                    alt.Tooltip("mean:Q", format=".3f"),
                    alt.Tooltip("sd:Q", format=".3f"),
                    alt.Tooltip("elbo:Q", format=".3f", title="ELBO"),
                ],
            )
        )
        end = path.iloc[-1]
        marks.loc[1] = [end["mean"], end["sd"], "fitted q", Q_COLOR, "diamond"]
    layers.append(
        alt.Chart(marks)
        .mark_point(filled=True, size=240, stroke="white", strokeWidth=1.5, opacity=1)
        .encode(
            x=alt.X("mean:Q", scale=xs),
            y=alt.Y("sd:Q", scale=ys),
            color=_literal("colour"),
            shape=alt.Shape("shape:N", scale=None, legend=None),
            tooltip=[alt.Tooltip("what:N"), alt.Tooltip("mean:Q", format=".2f"), alt.Tooltip("sd:Q", format=".2f")],
        )
    )
    described = (
        f"Heatmap of the ELBO of q = N(μ, σ²) for μ from {x0:g} to {x1:g} and σ from {y0:g} to {y1:g} (darker = "
        f"higher, up to log p(x) = {view.log_evidence:.3f} nats); your q at μ = {view.mine.mean:.2f}, "
        f"σ = {view.mine.sd:.2f} as a black dot"
        + ("." if path is None else f"; the optimiser's path of {len(path) - 1} iterations in vermillion.")
    )
    return alt.layer(*layers).properties(height=style.height(300), title="ELBO of every q", description=described)


def elbo_trace(view, *, style: Style) -> alt.LayerChart:
    """ELBO after each optimiser iteration, below the log-evidence ceiling (dashed blue).

    ``view``: a ``Variational`` scene with the fit's ``path``.
    """
    log_evidence = view.log_evidence
    df = view.path[["iteration", "elbo"]]
    lo = float(min(df["elbo"].min(), log_evidence))
    pad = max(0.05 * (log_evidence - lo), 0.05)
    y = alt.Y("elbo:Q", title="ELBO (nats)", scale=scale(lo - pad, log_evidence + pad))
    line = (
        alt.Chart(df)
        .mark_line(color=Q_COLOR, strokeWidth=2.5, point=alt.OverlayMarkDef(color=Q_COLOR))
        .encode(
            x=alt.X("iteration:Q", title="iteration", axis=alt.Axis(tickMinStep=1)),
            y=y,
            tooltip=[alt.Tooltip("iteration:Q"), alt.Tooltip("elbo:Q", format=".4f", title="ELBO")],
        )
    )
    ceiling = (
        alt.Chart(pd.DataFrame({"elbo": [log_evidence]}))
        .mark_rule(color=P_COLOR, strokeWidth=2, strokeDash=[6, 4])
        .encode(y="elbo:Q")
    )
    return alt.layer(line, ceiling).properties(
        height=style.height(180),
        title="ELBO per iteration",
        description=f"ELBO after each of {len(df) - 1} optimiser iterations, rising to {df['elbo'].iloc[-1]:.3f} "
        f"nats below the ceiling log p(x) = {log_evidence:.3f} nats (dashed blue).",
    )
