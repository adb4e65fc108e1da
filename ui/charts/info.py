"""Chart builders for the information-theory pages (entropy, cross entropy, KL divergence).

Each builder takes a page's scene (``scenes.entropy``, ``scenes.cross_entropy``, ``scenes.kl``) and the chart
:class:`~ui.charts.Style`, and returns an Altair chart. Colours follow the app: the true distribution p in
``P_COLOR`` (blue), the model q in ``Q_COLOR`` (vermillion). Infinite values (an impossible outcome's surprisal)
are never sent to the browser: they are left out of the bar and labelled ∞.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.charts import GREY, P_COLOR, Q_COLOR, Style

KL_COLOR = charts.ORANGE  # the "wasted bits" segment: neither p nor q


def _font(px: int, style: Style) -> int:
    """A text-mark font size that grows with the axis labels in presenter mode."""
    return int(round(px * 1.35)) if style.present else px


def _with_halo(text: alt.Chart) -> tuple[alt.Chart, alt.Chart]:
    """A text layer drawn twice: a thick white copy underneath keeps it readable over bars and lines.

    Returns the two layers (splat them into ``alt.layer``): flat layers keep the chart cheap to serialise.
    """
    props = {k: v for k, v in text.mark.to_dict(validate=False).items() if k != "type"}
    return text.mark_text(**{**props, "stroke": "white", "strokeWidth": 5}), text


#: Fit the width to the column, keep the height as the plot's own: panels shown side by side then get plots of the
#: same height whatever their legends and axis labels take (with "fit", Streamlit's default, they did not).
FIT_X = alt.AutoSizeParams(type="fit-x", contains="padding")


def _finite_or_none(values: np.ndarray) -> list:
    return [float(v) if np.isfinite(v) else None for v in np.asarray(values, float)]


# ----------------------------------------------------------------------------------------------- entropy


def _outcome_x(order: Sequence[str], style: Style) -> alt.X:
    """The outcomes along x, in order; presenter mode drops the axis title (the labels say it) to save height."""
    return alt.X(
        "outcome:N", sort=list(order), title=None if style.present else "outcome x", axis=alt.Axis(labelAngle=0)
    )


def _source_frame(source) -> pd.DataFrame:
    surprisal = np.asarray(source.surprisal, float)
    return pd.DataFrame(
        {
            "outcome": list(source.labels),
            "p": np.asarray(source.p, float),
            "surprisal": _finite_or_none(surprisal),
            "label": [f"{v + 0.0:.2f}" if np.isfinite(v) else "∞" for v in surprisal],  # + 0.0: never "-0.00"
        }
    )


def probability_panel(source, *, style: Style, height: int = 170) -> alt.Chart:
    """p(x) as blue bars, one per outcome. ``source``: a ``scenes.entropy.Source`` (``labels``, ``p``)."""
    df = _source_frame(source)
    return (
        alt.Chart(df, height=style.height(height), width="container")
        .mark_bar(color=P_COLOR)
        .encode(
            x=_outcome_x(source.labels, style),
            y=alt.Y("p:Q", title="p(x)", scale=charts.scale(0, float(df["p"].max()) * 1.1)),
            tooltip=["outcome", alt.Tooltip("p:Q", format=".4f")],
        )
        .properties(description=f"Bar chart of the probability p(x) of each of the {len(df)} outcomes.")
    )


def surprisal_panel(source, *, style: Style, height: int = 170) -> alt.LayerChart:
    """Surprisal −log₂ p(x) per outcome as grey bars, with H(p) (their p-weighted mean) as a dashed rule.

    ``source``: a ``scenes.entropy.Source`` (``labels``, ``p``, ``surprisal``, ``h``). The rule shows the slide's
    words: entropy is the average number of bits, most of them spent on likely outcomes even though rare
    outcomes have the long codewords. An impossible outcome (p = 0) has no bar and is labelled ∞.
    """
    df, h = _source_frame(source), source.h
    x = _outcome_x(source.labels, style)
    base = alt.Chart(df, height=style.height(height), width="container")
    finite = np.asarray(source.surprisal, float)
    finite = finite[np.isfinite(finite)]
    top = max(float(finite.max(initial=0.0)), h) * 1.15 or 1.0  # head room for the value labels above the bars
    bars = base.mark_bar(color=GREY, opacity=0.75).encode(
        x=x,
        y=alt.Y("surprisal:Q", title="−log₂ p(x)  [bits]", scale=charts.scale(0, top)),
        tooltip=["outcome", alt.Tooltip("label:N", title="surprisal (bits)")],
    )
    few = len(df) <= (8 if style.present else 12)
    labels = base.mark_text(dy=-8, fontSize=_font(13 if few else 9, style)).encode(
        x=x, y=alt.Y("surprisal:Q"), text="label:N"
    )
    rule_df = pd.DataFrame({"h": [h], "text": [f"H(p) = {h:.3f} bits (average)"]})
    rule = alt.Chart(rule_df).mark_rule(color=P_COLOR, strokeWidth=3, strokeDash=[6, 3]).encode(y="h:Q")
    rule_text = (
        alt.Chart(rule_df)
        .mark_text(align="left", dx=4, dy=-10, color=P_COLOR, fontWeight="bold", fontSize=_font(14, style))
        .encode(y="h:Q", x=alt.value(4), text="text:N")
    )
    layers = [bars, labels, rule, *_with_halo(rule_text)] if len(df) <= 30 else [bars, rule, *_with_halo(rule_text)]
    return alt.layer(*layers).properties(
        description=f"Bar chart of each outcome's surprisal −log₂ p(x) in bits, with a dashed line at the entropy "
        f"H(p) = {h:.3f} bits, the average surprisal weighted by p."
    )


def surprisal_bars(source, *, style: Style) -> alt.VConcatChart:
    """Top: p(x) as bars. Bottom: surprisal −log₂ p(x) per outcome, with H(p) as a dashed rule (one figure)."""
    return (
        alt.vconcat(probability_panel(source, style=style), surprisal_panel(source, style=style))
        .resolve_scale(x="shared")
        .properties(
            description=f"Two bar charts over the same {len(source.labels)} outcomes: p(x) above, the surprisal "
            f"−log₂ p(x) in bits below, with a dashed line at H(p) = {source.h:.3f} bits."
        )
    )


def binary_entropy_curve(coin, *, style: Style) -> alt.LayerChart:
    """The binary entropy H_b(p₁) over p₁ in [0, 1], peaking at 1 bit, and always the current point on it.

    ``coin``: a ``scenes.entropy.Coin`` (``grid``, ``curve``, ``p1``, ``h_b``, ``symbol``, ``whole``). With two
    outcomes the point is the distribution itself; otherwise it is the question "is it the likeliest outcome?".
    """
    title = f"p₁ = P({coin.symbol})" if coin.whole else f"p₁ = P(x = {coin.symbol})"
    curve = (
        alt.Chart(pd.DataFrame({"p1": coin.grid, "H": coin.curve}), height=style.height(260), width="container")
        .mark_line(color=P_COLOR, strokeWidth=3)
        .encode(
            x=alt.X("p1:Q", title=title, scale=charts.scale(0, 1), axis=alt.Axis(tickCount=10)),
            y=alt.Y("H:Q", title="binary entropy [bits]", scale=charts.scale(0, 1.05)),
        )
    )
    p1, h = coin.point
    said = f"H = {h:.3f} bits" if coin.whole else f"is it {coin.symbol}? {h:.3f} bits"
    # the label stays inside the plot: left-aligned near p₁ = 0, right-aligned near 1
    align, dx = ("left", 10) if p1 < 0.2 else ("right", -10) if p1 > 0.8 else ("center", 0)
    pt = pd.DataFrame({"p1": [p1], "H": [h], "text": [said]})
    dot = (
        alt.Chart(pt)
        .mark_point(filled=True, size=style.size(220), color=charts.BLACK, opacity=1)
        .encode(x="p1:Q", y="H:Q")
    )
    text = (
        alt.Chart(pt)
        .mark_text(dy=-18, dx=dx, align=align, fontWeight="bold", color=charts.BLACK, fontSize=_font(15, style))
        .encode(x="p1:Q", y="H:Q", text="text")
    )
    # no outcome name in the description: a typed message's characters are the student's text, and the
    # description is also shown as markdown in the chart's "Data and export" menu
    what = "the current distribution" if coin.whole else "the yes/no question whether the outcome is the likeliest one"
    return alt.layer(curve, dot, *_with_halo(text)).properties(
        description=f"The binary entropy curve, 0 at p₁ = 0 and 1, 1 bit at p₁ = 0.5, with a black dot at "
        f"p₁ = {p1:.2f}, H = {h:.3f} bits for {what}."
    )


def _block_rates(
    block_lengths: np.ndarray,
    series: dict[str, tuple[np.ndarray, np.ndarray, float, str]],
    limit_names: Sequence[str],
    style: Style,
) -> alt.LayerChart:
    """Bits per symbol against block length n: expected (line) and measured (diamonds) for each code.

    ``series`` maps a name to ``(expected, measured, limit, colour)``; the limit (H(p) or H(p, q)) is drawn as a
    dashed rule labelled with ``limit_names`` (e.g. ``["H(p)"]``), and the guaranteed range [limit, limit + 1/n)
    is shaded. The y axis zooms onto the lines and limits (the band is clipped), so the fall towards the limit
    stays visible even when it is a few hundredths of a bit.
    """
    n = np.asarray(block_lengths)
    rows, limits = [], []
    names = list(series)
    for (name, (expected, measured, limit, _colour)), label in zip(series.items(), limit_names, strict=True):
        for i, k in enumerate(n):
            rows.append({"n": int(k), "bits": float(expected[i]), "code": name, "what": "expected"})
            rows.append({"n": int(k), "bits": float(measured[i]), "code": name, "what": "measured message"})
        limits.append({"code": name, "limit": float(limit), "label": f"{label} = {limit:.3f} bits"})
    df = pd.DataFrame(rows)
    colours = [series[k][3] for k in names]
    values = np.r_[df["bits"].to_numpy(float), [lim["limit"] for lim in limits]]
    lo, hi = float(values.min()), float(values.max())
    pad = max(0.12 * (hi - lo), 0.02)
    y_scale = charts.scale(max(lo - 1.6 * pad, 0.0), hi + pad)  # bits per symbol are never negative
    legend = alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolOpacity=1, labelLimit=0)
    color = alt.Color("code:N", scale=alt.Scale(domain=names, range=colours), title=None, legend=legend)
    x = alt.X("n:O", title="block length n (symbols coded together)", axis=alt.Axis(labelAngle=0))
    base = alt.Chart(df, height=style.height(340), width="container")
    band_rows = [
        {"n": int(k), "lo": lim["limit"], "hi": lim["limit"] + 1.0 / k, "code": lim["code"]}
        for lim in limits
        for k in n
    ]
    band = (
        alt.Chart(pd.DataFrame(band_rows))
        .mark_area(opacity=0.10, clip=True)
        .encode(x=x, y=alt.Y("lo:Q", scale=y_scale), y2="hi:Q", color=color)
    )
    line = (
        base.transform_filter(alt.datum.what == "expected")
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y("bits:Q", title="bits per symbol", scale=y_scale),
            color=color,
            tooltip=["code", "n", alt.Tooltip("bits:Q", format=".3f", title="expected bits/symbol")],
        )
    )
    diamonds = (
        base.transform_filter(alt.datum.what == "measured message")
        .mark_point(shape="diamond", size=_font(120, style), filled=False, strokeWidth=2)
        .encode(
            x=x,
            y="bits:Q",
            color=color,
            tooltip=["code", "n", alt.Tooltip("bits:Q", format=".3f", title="measured bits/symbol")],
        )
    )
    rule_df = pd.DataFrame(limits)
    rule = alt.Chart(rule_df).mark_rule(strokeDash=[6, 4], strokeWidth=2).encode(y="limit:Q", color=color)
    rule_text = (
        alt.Chart(rule_df)
        .mark_text(align="left", dx=4, dy=_font(13, style), fontWeight="bold", fontSize=_font(13, style))
        .encode(y="limit:Q", x=alt.value(4), text="label:N", color=color)
    )
    return alt.layer(band, line, diamonds, rule, *_with_halo(rule_text))


def source_coding_chart(blocks, *, style: Style) -> alt.LayerChart:
    """Huffman codes for blocks of p falling toward H(p). ``blocks``: a ``scenes.entropy.Blocks``."""
    result = blocks.coding
    series = {"Huffman code for blocks of p": (result.expected, result.measured, result.entropy, P_COLOR)}
    return _block_rates(result.block_lengths, series, ["H(p)"], style).properties(
        description=f"Line chart of the expected bits per symbol of Huffman codes for blocks of 1 to "
        f"{int(result.block_lengths[-1])} symbols, falling from {result.expected[0]:.3f} toward the dashed "
        f"entropy H(p) = {result.entropy:.3f} bits; diamonds: a real message."
    )


# ----------------------------------------------------------------------------------------------- cross entropy


def _pq_bars(labels: Sequence[str], p: np.ndarray, q: np.ndarray, style: Style, height: int = 280) -> alt.Chart:
    """p and q side by side over shared outcomes (grouped bars, p blue, q vermillion)."""
    order = list(labels)
    names = ["p (true)", "q (model)"]
    top = float(max(np.max(p), np.max(q)))  # head room above the tallest bar: its top tick label is never cut
    df = pd.DataFrame(
        {
            "outcome": order * 2,
            "probability": np.r_[np.asarray(p, float), np.asarray(q, float)],
            "distribution": [names[0]] * len(order) + [names[1]] * len(order),
        }
    )
    return (
        alt.Chart(df, height=style.height(height), width="container")
        .mark_bar()
        .encode(
            x=_outcome_x(order, style),
            xOffset=alt.XOffset("distribution:N", sort=names),
            y=alt.Y("probability:Q", title="probability", scale=charts.scale(0, top * 1.1 if top > 0 else 1)),
            color=alt.Color(
                "distribution:N",
                scale=alt.Scale(domain=names, range=[P_COLOR, Q_COLOR]),
                title=None,
                legend=alt.Legend(orient="top", offset=4),
            ),
            tooltip=["outcome", "distribution", alt.Tooltip("probability:Q", format=".4f")],
        )
        .properties(
            description=f"Grouped bar chart of the true distribution p (blue) and the model q (vermillion) over "
            f"{len(order)} outcomes."
        )
    )


def pq_bars(pair, *, style: Style, height: int = 280) -> alt.Chart:
    """The truth p and the model q as grouped bars. ``pair``: anything with ``symbols``, ``p`` and ``q``."""
    bars = _pq_bars([str(s) for s in pair.symbols], pair.p, pair.q, style, height)
    return alt.layer(bars).properties(autosize=FIT_X, description=bars.description)  # laid out like the KL terms


def cross_entropy_stack(codes, *, style: Style) -> alt.LayerChart:
    """Top row: H(p, q) as a bar split into H(p) (blue) + KL(p||q) (orange). Rows below: measured bits/symbol.

    ``codes``: a ``scenes.cross_entropy.Codes`` (``h``, ``kl`` and the bits per symbol ``arith_q``, ``arith_p`` of
    one message sent with arithmetic codes built for q and for p).
    """
    h_p, kl = codes.h, codes.kl
    measured = {"message sent with the code for q": codes.arith_q, "message sent with the code for p": codes.arith_p}
    top = "H(p, q) = H(p) + KL(p‖q)"
    rows = [top, *measured]
    parts = ["H(p): needed", "KL(p‖q): wasted"]
    segs = pd.DataFrame(
        {"part": parts, "start": [0.0, h_p], "end": [h_p, h_p + kl], "row": [top, top], "value": [h_p, kl]}
    )
    meas = pd.DataFrame({"row": list(measured), "start": 0.0, "end": list(measured.values())})
    labels = pd.DataFrame(
        {
            "row": rows,
            "end": [h_p + kl, *measured.values()],
            "text": [f"{v:.3f}" for v in [h_p + kl, *measured.values()]],
        }
    )
    x_max = max(h_p + kl, *measured.values()) * 1.12
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=400), scale=alt.Scale(paddingInner=0.3))
    x = alt.X("start:Q", title="bits per symbol", scale=charts.scale(0, x_max))
    stack = (
        alt.Chart(segs)
        .mark_bar()
        .encode(
            x=x,
            x2="end:Q",
            y=y,
            color=alt.Color("part:N", scale=alt.Scale(domain=parts, range=[P_COLOR, KL_COLOR]), title=None),
            tooltip=["part", alt.Tooltip("value:Q", format=".3f", title="bits/symbol")],
        )
    )
    sent = (
        alt.Chart(meas)
        .mark_bar(color="#555555", opacity=0.55)
        .encode(x=x, x2="end:Q", y=y, tooltip=["row", alt.Tooltip("end:Q", format=".3f", title="bits/symbol")])
    )
    text = (
        alt.Chart(labels)
        .mark_text(align="left", dx=6, fontWeight="bold", fontSize=_font(14, style))
        .encode(x="end:Q", y=y, text="text:N")
    )
    rules = alt.Chart(pd.DataFrame({"x": [h_p, h_p + kl]})).mark_rule(strokeDash=[4, 4], color="#333").encode(x="x:Q")
    # The height covers the axis and legend too: about 60 px per bar row plus 90 px for them.
    return alt.layer(stack, sent, rules, *_with_halo(text)).properties(
        height=style.height(60 * len(rows) + 90),
        width="container",
        description="Horizontal bars in bits per symbol: the cross entropy H(p, q) split into H(p) (blue) and "
        "KL(p‖q) (orange), then the measured cost of one message sent with the code for q and with the code for p; "
        "each bar is labelled with its number.",
    )


def code_gap_chart(codes, *, style: Style) -> alt.LayerChart:
    """Shannon codes for blocks built for q and for p: they fall toward H(p, q) and H(p), never closer.

    ``codes``: a ``scenes.cross_entropy.Codes`` (``for_q``, ``for_p``: block codings of the same message).
    """
    fq, fp = codes.for_q, codes.for_p
    series = {
        "code built for q": (fq.expected, fq.measured, fq.cross_entropy, Q_COLOR),
        "code built for p": (fp.expected, fp.measured, fp.entropy, P_COLOR),
    }
    return _block_rates(fq.block_lengths, series, ["H(p, q)", "H(p)"], style).properties(
        description=f"Line chart of bits per symbol against block length for Shannon codes built for q and for p: "
        f"they fall toward H(p, q) = {fq.cross_entropy:.3f} and H(p) = {fp.entropy:.3f} bits, a gap of KL(p‖q) that "
        f"no block length closes; diamonds: a real message."
    )


def loss_map(classifier, *, style: Style) -> alt.LayerChart:
    """A classifier's q(y=1 | x) as a heatmap (0.5 drawn as a line) with the labelled points on top.

    ``classifier``: a ``scenes.cross_entropy.Classifier`` (``grid``, ``extent``, ``X``, ``y``, ``loss``). Each
    point's size is its cross-entropy loss −ln q(y | x) in nats: confident right answers are small dots, points
    on the wrong side of the line are big. Class 0 blue, class 1 vermillion (``CLASS_COLORS``).
    """
    X = np.asarray(classifier.X, float)
    df = pd.DataFrame(
        {
            "x1": X[:, 0],
            "x2": X[:, 1],
            "class": [f"y = {int(v)}" for v in classifier.y],
            "loss": np.asarray(classifier.loss, float),
        }
    )
    x0, x1, y0, y1 = (float(e) for e in classifier.extent)
    heat = charts.heatmap(
        classifier.grid, classifier.extent, kind="probability", vmin=0.0, vmax=1.0, title="q(y=1|x)", style=style
    )
    boundary = charts.contour_layer(classifier.grid, classifier.extent, 0.5, style=style)
    top = float(max(3.0, df["loss"].max()))
    dots = (
        alt.Chart(df)
        .mark_point(filled=True, stroke="black", strokeWidth=1, opacity=0.95)
        .encode(
            x=alt.X("x1:Q", scale=charts.scale(x0, x1), title="x₁"),
            y=alt.Y("x2:Q", scale=charts.scale(y0, y1), title="x₂"),
            color=alt.Color(
                "class:N",
                title="true class",
                scale=alt.Scale(domain=["y = 0", "y = 1"], range=list(charts.CLASS_COLORS[:2])),
                legend=alt.Legend(orient="right"),
            ),
            size=alt.Size(
                "loss:Q",
                title="−ln q(y|x) [nats]",
                scale=alt.Scale(domain=[0, top], range=[_font(20, style), _font(700, style)]),
                legend=alt.Legend(orient="right", values=[0.1, 1.0, 2.0]),
            ),
            tooltip=["class", alt.Tooltip("loss:Q", format=".3f", title="−ln q(true y|x) [nats]")],
        )
    )
    return alt.layer(heat, boundary, dots).properties(
        height=style.height(380),
        width="container",
        description=f"Map of the classifier's q(y=1|x) from blue (class 0) to vermillion (class 1), its 0.5 line "
        f"in black, and the {len(df)} training points in their true class's colour, sized by their loss.",
    )


# ----------------------------------------------------------------------------------------------- KL divergence


def _kl_terms(
    labels: Sequence[str], series: dict[str, tuple[np.ndarray, str]], style: Style, height: int = 230
) -> alt.LayerChart:
    """Per-outcome contributions to KL, grouped by direction. ``series`` maps a name to (terms, colour).

    A term is ``a(x) log2(a(x) / b(x))``; it can be negative, the sum never is. An infinite term (``b(x) = 0 <
    a(x)``) is drawn in black above the others and labelled ∞. When every term is 0 (q is p) there is nothing to
    draw: the panel says so in words instead of showing an empty axis.
    """
    order = list(labels)
    names = list(series)
    all_terms = np.concatenate([np.asarray(series[k][0], float) for k in names])
    if np.all(np.isfinite(all_terms)) and np.all(np.abs(all_terms) < 1e-12):
        said = pd.DataFrame(
            {"text": ["KL = 0: q is p", "every term of both directions is 0"], "x": [0.5, 0.5], "y": [0.58, 0.38]}
        )
        where = {
            "x": alt.X("x:Q", scale=charts.scale(0, 1), axis=None),
            "y": alt.Y("y:Q", scale=charts.scale(0, 1), axis=None),
            "text": "text:N",
        }
        return alt.layer(
            alt.Chart(said.iloc[[0]])
            .mark_text(fontSize=_font(24, style), fontWeight="bold", color="#222")
            .encode(**where),
            alt.Chart(said.iloc[[1]]).mark_text(fontSize=_font(15, style), color="#444").encode(**where),
        ).properties(height=style.height(height), width="container")
    finite = all_terms[np.isfinite(all_terms)]
    top = max(float(finite.max()) if finite.size else 0.0, 0.1)
    rows = []
    for name in names:
        for sym, v in zip(order, np.asarray(series[name][0], float), strict=True):
            rows.append(
                {
                    "outcome": sym,
                    "direction": name,
                    "bits": v if np.isfinite(v) else top * 1.3,
                    "label": ("∞" if not np.isfinite(v) else "" if abs(v) < 0.005 else f"{v:+.2f}"),
                    "infinite": not np.isfinite(v),
                }
            )
    df = pd.DataFrame(rows)
    # room for the value labels above the highest bar and below the lowest one
    lo, hi = min(float(df["bits"].min()), 0.0), max(float(df["bits"].max()), 0.0)
    span = max(hi - lo, 1e-9)
    y_scale = charts.scale(lo - (0.22 * span if lo < 0 else 0.0), hi + 0.15 * span)
    base = alt.Chart(df, height=style.height(height), width="container")
    x = _outcome_x(order, style)
    offset = alt.XOffset("direction:N", sort=names)
    colours = [series[k][1] for k in names]
    bars = base.mark_bar().encode(
        x=x,
        xOffset=offset,
        y=alt.Y("bits:Q", title="contribution [bits]", scale=y_scale),
        color=alt.Color(
            "direction:N",
            scale=alt.Scale(domain=names, range=colours),
            title=None,
            legend=alt.Legend(orient="top", offset=4),
        ),
        opacity=alt.condition(alt.datum.infinite, alt.value(1.0), alt.value(0.85)),
        stroke=alt.condition(alt.datum.infinite, alt.value("black"), alt.value(None)),
        strokeWidth=alt.condition(alt.datum.infinite, alt.value(3), alt.value(0)),
        tooltip=["outcome", "direction", alt.Tooltip("label:N", title="contribution (bits)")],
    )
    up = base.transform_filter(alt.datum.bits >= 0).mark_text(dy=-9, fontSize=_font(13, style))
    down = base.transform_filter(alt.datum.bits < 0).mark_text(dy=_font(11, style), fontSize=_font(13, style))
    labels_layers = [t.encode(x=x, xOffset=offset, y="bits:Q", text="label:N") for t in (up, down)]
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#444").encode(y="y:Q")
    return alt.layer(bars, *labels_layers, zero)


def kl_terms_chart(view, *, style: Style, height: int = 230) -> alt.LayerChart:
    """The per-outcome terms of KL(p‖q) (blue) and KL(q‖p) (vermillion); "KL = 0: q is p" when q is p.

    ``view``: a ``scenes.kl.Asymmetry`` (``symbols``, ``terms_pq``, ``terms_qp``, ``kl_pq``, ``kl_qp``).
    """
    labels = [str(s) for s in view.symbols]
    series = {"terms of KL(p‖q)": (view.terms_pq, P_COLOR), "terms of KL(q‖p)": (view.terms_qp, Q_COLOR)}
    return _kl_terms(labels, series, style, height).properties(
        autosize=FIT_X,
        description="Grouped bar chart of each outcome's contribution in bits to KL(p‖q) (blue) and to KL(q‖p) "
        "(vermillion), each bar labelled with its number; an infinite term is drawn in black.",
    )


def kl_asymmetry(view, *, style: Style) -> alt.VConcatChart:
    """p and q as bars above the per-outcome terms of KL(p‖q) and KL(q‖p), each with its own colour legend.

    ``view``: a ``scenes.kl.Asymmetry`` (``symbols``, ``p``, ``q``, ``terms_pq``, ``terms_qp``).
    """
    labels = [str(s) for s in view.symbols]
    series = {"terms of KL(p‖q)": (view.terms_pq, P_COLOR), "terms of KL(q‖p)": (view.terms_qp, Q_COLOR)}
    return (
        alt.vconcat(_pq_bars(labels, view.p, view.q, style), _kl_terms(labels, series, style))
        .resolve_scale(color="independent")
        .properties(
            description=f"Above: p and q as grouped bars over {len(labels)} outcomes. Below: each outcome's "
            "contribution in bits to KL(p‖q) and to KL(q‖p), each bar labelled with its number."
        )
    )


def _densities(x: np.ndarray, curves: dict[str, tuple[np.ndarray, str, bool]], style: Style) -> alt.LayerChart:
    """1-D densities on a shared grid. ``curves`` maps name -> (values, colour, filled)."""
    rows = []
    for name, (values, _, _) in curves.items():
        rows.append(pd.DataFrame({"x": x, "density": np.asarray(values, float), "curve": name}))
    df = pd.concat(rows, ignore_index=True)
    names = list(curves)
    colours = [curves[k][1] for k in names]
    legend = alt.Legend(
        columns=1 if len(names) > 2 else 2, labelLimit=0, symbolType="stroke", symbolStrokeWidth=3, symbolSize=400
    )
    color = alt.Color("curve:N", scale=alt.Scale(domain=names, range=colours), title=None, legend=legend)
    base = alt.Chart(df, height=style.height(240), width="container")  # the plot's own height (``FIT_X``)
    layers = []
    for name in (k for k in names if curves[k][2]):  # one constant-colour area per filled curve: no legend entry
        layers.append(
            base.transform_filter(alt.datum.curve == name)
            .mark_area(opacity=0.25, color=curves[name][1])
            .encode(x="x:Q", y=alt.Y("density:Q", stack=None))
        )
    dash = alt.StrokeDash(
        "curve:N",
        scale=alt.Scale(domain=names, range=[[1, 0] if i < 2 else [8, 4] for i in range(len(names))]),
        title=None,
        legend=legend,
    )
    layers.append(
        base.mark_line(strokeWidth=3).encode(
            x=alt.X("x:Q", title="x", scale=charts.scale(float(x[0]), float(x[-1]))),
            y=alt.Y("density:Q", title="density"),
            color=color,
            strokeDash=dash,
        )
    )
    return alt.layer(*layers)


def gaussian_densities(view, *, style: Style) -> alt.LayerChart:
    """The two Gaussians p and q, filled, named by their numbers. ``view``: a ``scenes.kl.Densities``."""
    name_p = f"p = N({view.mu_p:g}, {view.sd_p:g}²)"
    name_q = f"q = N({view.mu_q:g}, {view.sd_q:g}²)"
    curves = {name_p: (view.pdf_p, P_COLOR, True), name_q: (view.pdf_q, Q_COLOR, True)}
    return _densities(view.x, curves, style).properties(
        autosize=FIT_X,
        description=f"Two Gaussian densities: the truth {name_p} (blue) and the model {name_q} (vermillion); "
        f"KL(p‖q) = {view.kl_pq:.3f} bits, KL(q‖p) = {view.kl_qp:.3f} bits.",
    )


def mode_fits_chart(view, *, style: Style) -> alt.LayerChart:
    """A two-mode target p and the Gaussians fitted to it by forward and by reverse KL.

    ``view``: a ``scenes.kl.Fits`` (``x``, ``target``, ``forward``, ``reverse``).
    """
    curves = {
        "target p (two modes)": (view.target, P_COLOR, True),
        "q fitted by forward KL(p‖q)": (view.forward, Q_COLOR, False),
        "q fitted by reverse KL(q‖p)": (view.reverse, Q_COLOR, False),
    }
    return _densities(view.x, curves, style).properties(
        autosize=FIT_X,
        description=f"A two-mode target density p (blue, filled) and two Gaussians fitted to it: by forward KL "
        f"(mean {view.mu_f:.2f}, std {view.sd_f:.2f}, solid) and by reverse KL (mean {view.mu_r:.2f}, std "
        f"{view.sd_r:.2f}, dashed).",
    )


def mc_estimates_chart(view, *, style: Style) -> alt.LayerChart:
    """Monte Carlo KL estimates ± 2 standard errors against sample size; the closed form as a dashed rule.

    ``view``: a ``scenes.kl.MonteCarlo`` (``sample_sizes``, ``estimates``, ``ses``, ``exact`` and the chosen ``n``).
    Estimates are grey, the chosen n black (vermillion means the model q on this page); the closed form is
    orange, the colour of KL.
    """
    estimates, ses = np.asarray(view.estimates, float), np.asarray(view.ses, float)
    df = pd.DataFrame(
        {
            "n": np.asarray(view.sample_sizes, int),
            "estimate": estimates,
            "lo": estimates - 2 * ses,
            "hi": estimates + 2 * ses,
            "chosen": np.asarray(view.sample_sizes, int) == int(view.n),
        }
    )
    x = alt.X("n:Q", scale=alt.Scale(type="log"), title="samples n from p (log scale)")
    base = alt.Chart(df, height=style.height(260), width="container")
    bars = base.mark_rule(strokeWidth=3).encode(
        x=x,
        y=alt.Y("lo:Q", title="KL(p‖q) [bits]"),
        y2="hi:Q",
        color=alt.condition(alt.datum.chosen, alt.value(charts.BLACK), alt.value("#a0a0a0")),
    )
    pts = base.mark_point(filled=True, size=style.size(110), opacity=1).encode(
        x=x,
        y="estimate:Q",
        color=alt.condition(alt.datum.chosen, alt.value(charts.BLACK), alt.value("#a0a0a0")),
        tooltip=[
            "n",
            alt.Tooltip("estimate:Q", format=".4f", title="MC estimate (bits)"),
            alt.Tooltip("lo:Q", format=".4f", title="−2 SE"),
            alt.Tooltip("hi:Q", format=".4f", title="+2 SE"),
        ],
    )
    exact = view.exact
    rule_df = pd.DataFrame({"y": [exact], "text": [f"closed form {exact:.3f} bits"]})
    rule = alt.Chart(rule_df).mark_rule(color=KL_COLOR, strokeDash=[6, 4], strokeWidth=3).encode(y="y:Q")
    # Labelled at the right end, under the rule: there the estimates have converged onto the line and their
    # error bars are short, so the text hides nothing (at the left the wide error bars would cross it).
    text = (
        alt.Chart(rule_df)
        .mark_text(
            align="right", dx=-4, dy=_font(14, style), color="#222", fontWeight="bold", fontSize=_font(13, style)
        )
        .encode(y="y:Q", x=alt.value({"expr": "width"}), text="text:N")
    )
    return alt.layer(bars, pts, rule, *_with_halo(text)).properties(
        description=f"Monte Carlo estimates of KL(p‖q) for {len(df)} sample sizes from {int(df['n'].min())} to "
        f"{int(df['n'].max()):,}, with ± 2 standard error bars (the chosen n = {int(view.n):,} in black), around "
        f"the closed form {exact:.3f} bits (dashed orange)."
    )
