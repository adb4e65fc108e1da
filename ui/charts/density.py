"""Chart builders for the "learn data" and "generative modeling problem" pages.

Every builder takes a scene of ``scenes.learn_data`` or ``scenes.modeling_problem`` (read by its fields only),
scalars, and a :class:`~ui.charts.Style`, and returns an Altair chart; the picture builders (digits,
correlations) return PNG bytes for ``st.image`` instead. Colours follow the app: truth / data p in ``P_COLOR``
(blue), model q in ``Q_COLOR`` (vermillion), generated samples in ``SAMPLE_COLOR`` (green). Infinite values
(-inf log-likelihoods) are never sent to the browser: they are drawn as markers labelled -∞.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd
from scipy import ndimage

from ui import charts
from ui.charts import GREY, P_COLOR, Q_COLOR, SAMPLE_COLOR

MAX_POINTS = 600  # points drawn per layer: enough to see the cloud, few enough to stay fast
DATA_COLOR = charts.BLACK  # data points on a density picture (blue dots would vanish in it)
#: Colour and shape of the points drawn over a 2-D density.
POINT_STYLE = {
    "data": (DATA_COLOR, "circle"),
    "new sample": (SAMPLE_COLOR, "circle"),
    "probe x": (charts.PURPLE, "cross"),
}


def _thin(X: np.ndarray | None, limit: int = MAX_POINTS) -> np.ndarray | None:
    return None if X is None else np.asarray(X)[:limit]


# ----------------------------------------------------------------------------------------- 1-D densities


def density_1d(view, probe: float | None, q_name: str, *, style: charts.Style) -> alt.LayerChart:
    """The fitted density q (solid) over the true p (dashed), the data as a rug, new samples as a second rug.

    ``view``: a ``scenes.learn_data.Picture`` in 1-D (``xs``, ``q``, ``p``, ``X_train``, ``samples``).
    ``probe`` draws a vertical line with q(probe) and p(probe) marked on the curves. Four layers in all:
    every extra layer costs the browser time on each rerun.
    """
    xs, q, p, samples = view.xs, view.q, view.p, view.samples
    lo, hi = float(xs[0]), float(xs[-1])
    curves = [q_name] + (["truth p(x)"] if p is not None else [])
    rugs = ["data"] + (["new samples"] if samples is not None else [])
    colour = alt.Color(
        "what:N",
        title=None,
        scale=alt.Scale(
            domain=curves + rugs, range=[Q_COLOR, P_COLOR][: len(curves)] + [P_COLOR, SAMPLE_COLOR][: len(rugs)]
        ),
        # line symbols, so the legend shows q solid and the truth dashed, as drawn
        legend=alt.Legend(labelLimit=360, symbolType="stroke", symbolStrokeWidth=3, symbolSize=300),
    )
    frames = [pd.DataFrame({"x": xs, "density": q, "what": q_name})]
    if p is not None:
        frames.append(pd.DataFrame({"x": xs, "density": p, "what": "truth p(x)"}))
    df = pd.concat(frames, ignore_index=True)
    top = float(np.nanmax(df["density"])) if len(df) else 1.0
    x_enc = alt.X("x:Q", scale=charts.scale(lo, hi), title="x")
    y_scale = charts.scale(-0.2 * top, 1.05 * top)
    lines = (
        alt.Chart(df, height=style.height(370), width="container")
        .mark_line(strokeWidth=3 if style.present else 2.4, clip=True)
        .encode(
            x=x_enc,
            y=alt.Y("density:Q", scale=y_scale, title="density"),
            color=colour,
            strokeDash=alt.StrokeDash(
                "what:N",
                title=None,
                scale=alt.Scale(domain=curves + rugs, range=[[1, 0], [7, 4]][: len(curves)] + [[1, 0]] * len(rugs)),
            ),
            tooltip=[alt.Tooltip("x:Q", format=".2f"), alt.Tooltip("density:Q", format=".3f"), "what:N"],
        )
    )
    rug_rows = [pd.DataFrame({"x": np.ravel(_thin(view.X_train)), "y": -0.06 * top, "what": "data"})]
    if samples is not None:
        rug_rows.append(pd.DataFrame({"x": np.ravel(_thin(samples)), "y": -0.15 * top, "what": "new samples"}))
    rug = (
        alt.Chart(pd.concat(rug_rows, ignore_index=True))
        .mark_tick(thickness=1.5, size=style.height(14), opacity=0.7, clip=True)
        .encode(x=x_enc, y=alt.Y("y:Q", scale=y_scale), color=colour)
    )
    layers: list[alt.Chart] = [lines, rug]
    if probe is not None and lo <= probe <= hi:
        marks = pd.DataFrame(
            {
                "x": [probe] * len(curves),
                "density": [np.interp(probe, xs, q)] + ([np.interp(probe, xs, p)] if p is not None else []),
                "what": curves,
            }
        )
        layers.append(alt.Chart(marks).mark_rule(color=GREY, strokeDash=[3, 3]).encode(x=x_enc))
        layers.append(
            alt.Chart(marks)
            .mark_point(filled=True, size=style.size(90), opacity=1)
            .encode(
                x=x_enc,
                y=alt.Y("density:Q", scale=y_scale),
                color=colour,
                tooltip=["what:N", alt.Tooltip("density:Q", format=".4f")],
            )
        )
    return alt.layer(*layers)


# ----------------------------------------------------------------------------------------- 2-D densities


#: White -> vermillion ramp for the model's density q(x) (the app's model colour), zero density is white.
Q_RAMP = ("#ffffff", "#fbe3d4", "#f0a679", Q_COLOR, "#6e2f00")
#: Levels of the truth's contours, as fractions of its peak.
CONTOUR_LEVELS = (0.1, 0.5)
#: Each grid cell becomes UPSAMPLE x UPSAMPLE image pixels (bilinear), so contour lines are thin and smooth.
UPSAMPLE = 3


def density_image(q_grid: np.ndarray, p_grid: np.ndarray | None = None) -> np.ndarray:
    """RGB image (uint8, top row first) of q(x) shaded white -> vermillion, with p(x) contours in blue.

    ``q_grid[0]`` is the lowest y row, as from ``density_grid``. Shading saturates at the truth's peak if
    given (else the model's), so a spikier model than the truth shows as dark patches.
    """
    q = ndimage.zoom(np.nan_to_num(np.asarray(q_grid, float), nan=0.0, posinf=0.0), UPSAMPLE, order=1)
    top = float(np.max(p_grid if p_grid is not None else q))
    t = np.clip(q / (top if top > 0 else 1.0), 0.0, 1.0)
    stops = np.array([charts.hex_to_rgb(c) for c in Q_RAMP])
    pos = t * (len(stops) - 1)
    i = np.minimum(pos.astype(int), len(stops) - 2)
    frac = (pos - i)[..., None]
    rgb = stops[i] * (1 - frac) + stops[i + 1] * frac
    if p_grid is not None:
        p = ndimage.zoom(np.asarray(p_grid, float), UPSAMPLE, order=1)
        edge = np.zeros(p.shape, bool)
        for level in CONTOUR_LEVELS:
            edge |= charts.contour_edges(p, level * float(np.max(p)))
        rgb[edge] = charts.hex_to_rgb(P_COLOR)
    return np.ascontiguousarray(rgb[::-1].round().astype(np.uint8))


def density_2d(view, probe: Sequence[float] | None, q_name: str, *, style: charts.Style) -> alt.LayerChart:
    """The fitted density q(x) as vermillion shading, the truth p(x) as blue contour lines over it, the data
    (black), new samples (green) and the probe point (purple cross): one picture, two layers, fast to redraw.

    ``view``: a ``scenes.learn_data.Picture`` in 2-D (``q`` and ``p`` grids over ``extent``, ``X_train``,
    ``samples``).
    """
    x0, x1, y0, y1 = (float(e) for e in view.extent)
    url = charts.png_data_url(density_image(view.q, view.p))
    x_scale, y_scale = charts.scale(x0, x1), charts.scale(y0, y1)
    image = (
        alt.Chart(alt.Data(values=[{"url": url, "x": x0, "x2": x1, "y": y0, "y2": y1}]))
        .mark_image(aspect=False, align="left", baseline="bottom")
        .encode(
            x=alt.X("x:Q", scale=x_scale, title="x₁"),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, title="x₂"),
            y2="y2:Q",
            url="url:N",
        )
    )
    probe_pt = None if probe is None else np.array([probe], float)
    items = [(_thin(view.X_train), "data"), (_thin(view.samples), "new sample"), (probe_pt, "probe x")]
    df = pd.concat(
        [pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "what": label}) for X, label in items if X is not None and len(X)],
        ignore_index=True,
    )
    names = list(POINT_STYLE) + ["model q(x)", "truth p(x)"][: 2 if view.p is not None else 1]
    colours = [POINT_STYLE[k][0] for k in POINT_STYLE] + [Q_COLOR, P_COLOR]
    dots = (
        alt.Chart(df)
        .mark_point(filled=True, stroke="white", strokeWidth=0.6, opacity=0.85, clip=True)
        .encode(
            x=alt.X("x1:Q", scale=x_scale, title="x₁"),
            y=alt.Y("x2:Q", scale=y_scale, title="x₂"),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=names, range=colours[: len(names)]),
                legend=alt.Legend(columns=3, labelLimit=200),
            ),
            shape=alt.Shape(
                "what:N",
                title=None,
                legend=alt.Legend(columns=3, labelLimit=200),
                scale=alt.Scale(
                    domain=names,
                    range=([v[1] for v in POINT_STYLE.values()] + ["square", "square"])[: len(names)],
                ),
            ),
            size=alt.condition(alt.datum.what == "probe x", alt.value(style.size(240)), alt.value(style.size(28))),
            tooltip=["what:N", alt.Tooltip("x1:Q", format=".2f"), alt.Tooltip("x2:Q", format=".2f")],
        )
    )
    # The chart fills its column (the page gives it about 60 % of the figure column, so x and y units look
    # about alike); the height covers the two-line title, the axis and the legend (about 130 px).
    aspect = min(max((y1 - y0) / (x1 - x0), 0.6), 1.4)
    title = [f"{q_name}: shading"] + (["truth p(x): blue contours"] if view.p is not None else [])
    return alt.layer(image, dots).properties(
        width="container",
        height=int(style.height(400) * aspect) + style.height(130),
        title=alt.Title(title, fontSize=16 if style.present else 13, anchor="start"),
    )


# ----------------------------------------------------------------------------------------- overfitting curve


def likelihood_curve(view, current: float, *, style: charts.Style) -> alt.LayerChart:
    """Average log-likelihood (bits per point) on training and held-out points against the knob.

    ``view``: a ``scenes.learn_data.Overfitting`` (``values``, ``train``, ``test``, ``ceiling``, ``floor``,
    ``knob``, ``log_x``). The truth's held-out value is the ceiling (a dashed blue line). Values of -inf (a
    held-out point in an empty histogram bin), and values below ``floor`` that would squash the interesting part
    of the curve, sit on the bottom edge as triangles. The dotted vertical line is the current choice.
    """
    values, ceiling, x_title = np.asarray(view.values, float), view.ceiling, view.knob
    truth = "truth p on held-out points"
    rows = []
    for label, ys in (("training points", view.train), ("held-out points", view.test)):
        for v, y in zip(values, ys, strict=True):
            shown = bool(np.isfinite(y) and y >= view.floor)
            rows.append(
                {
                    "value": v,
                    "bits": float(y) if shown else None,
                    "set": label,
                    "inf": not shown,
                    "actual": "−∞" if not np.isfinite(y) else f"{y:.1f}",
                }
            )
    has_ceiling = ceiling is not None and np.isfinite(ceiling)
    if has_ceiling:
        rows += [
            {"value": v, "bits": float(ceiling), "set": truth, "inf": False, "actual": f"{ceiling:.1f}"}
            for v in (values[0], values[-1])
        ]
    df = pd.DataFrame(rows)
    finite = df["bits"].dropna()
    lo = float(finite.min()) if len(finite) else -10.0
    hi = float(finite.max()) if len(finite) else 0.0
    pad = max(0.05 * (hi - lo), 0.05)
    y_scale = charts.scale(lo - 2 * pad, hi + pad)
    x_scale = charts.scale(values.min(), values.max(), **({"type": "log"} if view.log_x else {}))
    sets = ["training points", "held-out points"] + ([truth] if has_ceiling else [])
    colour = alt.Color(
        "set:N",
        title=None,
        scale=alt.Scale(domain=sets, range=[GREY, Q_COLOR, P_COLOR][: len(sets)]),
        legend=alt.Legend(labelLimit=0, symbolType="stroke", symbolStrokeWidth=3, symbolSize=300),
    )
    x_enc = alt.X("value:Q", scale=x_scale, title=x_title)
    lines = (
        alt.Chart(df, height=style.height(300), width="container")
        .transform_filter("datum.bits != null")
        .mark_line(point=True, strokeWidth=2.4)
        .encode(
            x=x_enc,
            y=alt.Y("bits:Q", scale=y_scale, title="mean log₂ q(x) [bits/point]"),
            color=colour,
            strokeDash=alt.StrokeDash(
                "set:N", title=None, scale=alt.Scale(domain=sets, range=[[1, 0], [1, 0], [7, 4]][: len(sets)])
            ),
            tooltip=[alt.Tooltip("value:Q", title=x_title), alt.Tooltip("bits:Q", format=".3f"), "set:N"],
        )
    )
    layers: list[alt.Chart] = [lines]
    inf = df[df["inf"]].assign(y=lo - 1.5 * pad)
    if len(inf):
        layers.append(
            alt.Chart(inf)
            .mark_point(shape="triangle-down", filled=True, size=90)
            .encode(
                x=x_enc,
                y=alt.Y("y:Q", scale=y_scale),
                color=colour,
                tooltip=[
                    alt.Tooltip("value:Q", title=x_title),
                    alt.Tooltip("set:N", title="below the axis on"),
                    alt.Tooltip("actual:N", title="bits/point"),
                ],
            )
        )
    layers.append(
        alt.Chart(pd.DataFrame({"value": [current]})).mark_rule(color="black", strokeDash=[2, 3]).encode(x=x_enc)
    )
    return alt.layer(*layers)


# ----------------------------------------------------------------------------------------- digits


def digit_tiles(view, ncols: int = 3, factor: int = 8, gap: int = 2) -> bytes:
    """8x8 images (``view.images``, values 0..16, 0 = background) tiled ``ncols`` wide, dark ink on white: a PNG.

    Pixels are enlarged by ``factor`` with hard edges (no blur), separated by ``gap`` light-grey pixels.
    """
    images = np.asarray(view.images, float)
    n = len(images)
    rows = max(1, -(-n // ncols))
    stack = np.zeros((rows * ncols, 8, 8))
    stack[:n] = images
    return charts.png_bytes(charts.mosaic(stack.reshape(rows, ncols, 8, 8), factor=factor, gap=gap, vmax=16.0))


def bits_per_dim_bars(view, *, style: charts.Style) -> alt.LayerChart:
    """Bits per dimension of each model on training and held-out images (shorter is better); uniform as a rule.

    ``view``: a ``scenes.modeling_problem.Scores``; its ``table`` has columns ``model``, ``set`` ("training" /
    "held-out") and ``bits``; ``uniform`` is the "knows nothing" reference.
    """
    df, uniform = view.table, view.uniform
    order = list(dict.fromkeys(df["model"]))
    base = alt.Chart(df, height=style.height(90 + 56 * len(order)), width="container")
    bars = base.mark_bar().encode(
        y=alt.Y("model:N", sort=order, title=None),
        yOffset=alt.YOffset("set:N", sort=["held-out", "training"]),
        x=alt.X("bits:Q", title="bits per dimension (lower = better)", scale=alt.Scale(domain=[0, uniform * 1.3])),
        color=alt.Color("set:N", title=None, scale=alt.Scale(domain=["held-out", "training"], range=[Q_COLOR, GREY])),
        tooltip=["model:N", "set:N", alt.Tooltip("bits:Q", format=".3f")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=16 if style.present else 12).encode(
        y=alt.Y("model:N", sort=order),
        yOffset=alt.YOffset("set:N", sort=["held-out", "training"]),
        x="bits:Q",
        text=alt.Text("bits:Q", format=".2f"),
    )
    rule_df = pd.DataFrame({"x": [uniform], "t": [f"uniform: {uniform:.2f}"]})
    rule = alt.Chart(rule_df).mark_rule(color="black", strokeDash=[6, 3]).encode(x="x:Q")
    text = alt.Chart(rule_df).mark_text(align="left", dx=4, baseline="top", y=2).encode(x="x:Q", text="t:N")
    return alt.layer(bars, labels, rule, text)


def _correlation_rgb(values: np.ndarray, factor: int) -> np.ndarray:
    """Correlations (first row at the top) as an RGB image, each cell factor x factor pixels: blue -1, white 0,
    vermillion +1, grey where undefined."""
    return charts.colorize(charts.enlarge(np.asarray(values, float)[::-1], factor), "probability", -1.0, 1.0)


def correlation_picture(view, factor: int = 5) -> bytes:
    """The 64x64 pixel correlation matrix as a PNG: pixel i down, pixel j across (0 at the top left).

    ``view``: a ``scenes.modeling_problem.Dependencies``. Grey for pixels that never vary; the chosen pixel's
    row is framed in black.
    """
    rgb = _correlation_rgb(view.matrix, factor)
    rgb[[view.pixel * factor, (view.pixel + 1) * factor - 1], :] = 0
    return charts.png_bytes(rgb)


def pixel_map_picture(view, factor: int = 40) -> bytes:
    """The chosen pixel's correlation with every pixel, laid out as the 8x8 image, the pixel framed in black: a PNG."""
    rgb = _correlation_rgb(np.asarray(view.matrix[view.pixel], float).reshape(8, 8), factor)
    y, x, k, w = view.row * factor, view.col * factor, factor, max(2, factor // 12)
    rgb[y : y + w, x : x + k] = 0  # the frame's top, bottom, left and right edges
    rgb[y + k - w : y + k, x : x + k] = 0
    rgb[y : y + k, x : x + w] = 0
    rgb[y : y + k, x + k - w : x + k] = 0
    return charts.png_bytes(rgb)


def colour_bar(width: int = 320, height: int = 14) -> bytes:
    """The correlation colour scale from -1 (left) to +1 (right), as a PNG strip."""
    strip = charts.colorize(np.linspace(-1, 1, width)[None, :], "probability", -1.0, 1.0)
    return charts.png_bytes(np.repeat(strip, height, axis=0))


# ----------------------------------------------------------------------------------------- curse of dimensionality


def cells_chart(view, *, style: charts.Style) -> alt.Chart:
    """log10 of the cells a histogram needs, bins^d, against d; the number of data points n as a rule.

    ``view``: a ``scenes.modeling_problem.Curse`` (``cells_dims``, ``cells_log10``, ``n``). The vermillion
    line crosses the blue rule where the cells outnumber the data: beyond it most cells must be empty,
    whatever the data.
    """
    dims, n = np.asarray(view.cells_dims), view.n
    series = ["cells: bins^d", f"data points: n = {n:,}"]
    df = pd.concat(
        [
            pd.DataFrame({"d": dims, "log10": view.cells_log10, "what": series[0]}),
            pd.DataFrame({"d": [dims.min(), dims.max()], "log10": [np.log10(n)] * 2, "what": series[1]}),
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(df, height=style.height(290), width="container", title="Cells a histogram needs vs data points")
        .mark_line(strokeWidth=2.6)
        .encode(
            x=alt.X("d:Q", title="dimension d (8×8 digits: d = 64)"),
            y=alt.Y("log10:Q", title="log₁₀ (count)"),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=series, range=[Q_COLOR, P_COLOR]),
                legend=alt.Legend(columns=1, labelLimit=0),
            ),
            strokeDash=alt.StrokeDash(
                "what:N",
                title=None,
                scale=alt.Scale(domain=series, range=[[1, 0], [7, 4]]),
                legend=alt.Legend(columns=1, labelLimit=0),
            ),
            tooltip=["d:Q", "what:N", alt.Tooltip("log10:Q", format=".1f", title="log₁₀ count")],
        )
    )


def curse_error_chart(view, *, style: charts.Style) -> alt.Chart:
    """Total variation distance to the true Gaussian against d, for the histogram and the KDE; share of empty cells.

    ``view``: a ``scenes.modeling_problem.Curse`` (``dims``, ``histogram_tv``, ``kde_tv``, ``empty_fraction``).
    """
    names = ["histogram: error", "kernel density: error", "share of new points in empty cells"]
    df = pd.concat(
        [
            pd.DataFrame({"d": view.dims, "value": v, "what": name})
            for name, v in zip(names, (view.histogram_tv, view.kde_tv, view.empty_fraction), strict=True)
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(df, height=style.height(290), width="container", title="Estimation error vs dimension")
        .mark_line(point=True, strokeWidth=2.4)
        .encode(
            x=alt.X("d:Q", title="dimension d", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("value:Q", title="TV error or share (0 to 1)", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=names, range=[Q_COLOR, charts.PURPLE, GREY]),
                legend=alt.Legend(columns=1, labelLimit=0),
            ),
            strokeDash=alt.StrokeDash(
                "what:N",
                title=None,
                scale=alt.Scale(domain=names, range=[[1, 0], [1, 0], [4, 3]]),
                legend=alt.Legend(columns=1, labelLimit=0),
            ),
            tooltip=["d:Q", "what:N", alt.Tooltip("value:Q", format=".3f")],
        )
    )
