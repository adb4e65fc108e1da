"""Chart builders for the "learn data" and "generative modeling problem" pages.

Every builder takes a scene of ``scenes.learn_data`` or ``scenes.modeling_problem`` (read by its fields only),
scalars, and a :class:`~ui.charts.Style`, and returns an Altair chart with a one-sentence ``description`` (its text
alternative); the picture builders (correlations) return PNG bytes for ``st.image`` instead. The app's visual
language: the truth p in ``P_COLOR`` (blue, dashed or contour lines), the model q in ``Q_COLOR`` (vermillion), data
as hollow grey circles, samples of a model as filled vermillion triangles, held-out results in black, a probe in
purple. Infinite values (-inf log-likelihoods) are never sent to the browser: they are drawn as markers at the edge.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd
from scipy import ndimage

from lecture import learn_data as ld_text
from lecture import modeling_problem as mp_text
from ui import charts
from ui.charts import BLACK, DATA_GREY, GREY, P_COLOR, PURPLE, Q_COLOR, SAMPLE_COLOR

MAX_POINTS = 600  # points drawn per layer: enough to see the cloud, few enough to stay fast
PROBE_COLOR = PURPLE
#: The legend of drawn lines (curves, contours): on the right, one entry per row, drawn as the line is.
LINE_LEGEND = alt.Legend(
    orient="right", direction="vertical", labelLimit=0, symbolType="stroke", symbolStrokeWidth=3, symbolSize=260
)
#: Marks of the points on a density figure: stroke colour, fill ("transparent" = hollow) and shape.
POINT_STYLE = {
    ld_text.LABEL_DATA: (DATA_GREY, "transparent", "circle"),
    ld_text.LABEL_SAMPLES: (SAMPLE_COLOR, SAMPLE_COLOR, "triangle-up"),
    ld_text.LABEL_PROBE: (PROBE_COLOR, PROBE_COLOR, "cross"),
}


def _thin(X: np.ndarray | None, limit: int = MAX_POINTS) -> np.ndarray | None:
    return None if X is None else np.asarray(X)[:limit]


def _nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to ``top`` (about ``count`` of them).

    >>> _nice_ticks(0.31)
    [0.0, 0.1, 0.2, 0.3]
    """
    top = top if top > 0 and math.isfinite(top) else 1.0
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [round(i * step, 10) for i in range(int(top / step + 1e-9) + 1)]


def _points(df: pd.DataFrame, x_enc: alt.X, y_enc: alt.Y, *, style: charts.Style, size: float = 30) -> alt.Chart:
    """Points of the kinds in ``df["what"]`` (data, samples, probe) in the app's marks, with one legend."""
    names = [k for k in POINT_STYLE if k in set(df["what"])]
    stroke, fill, shape = ([POINT_STYLE[k][i] for k in names] for i in range(3))
    legend = alt.Legend(title=None, labelLimit=0, orient="right", direction="vertical", symbolStrokeWidth=1.5)
    return (
        alt.Chart(df)
        .mark_point(filled=False, strokeWidth=1.2, opacity=0.9, clip=True)
        .encode(
            x=x_enc,
            y=y_enc,
            color=alt.Color("what:N", scale=alt.Scale(domain=names, range=stroke), legend=legend),
            fill=alt.Fill("what:N", scale=alt.Scale(domain=names, range=fill), legend=legend),
            shape=alt.Shape("what:N", scale=alt.Scale(domain=names, range=shape), legend=legend),
            size=alt.condition(
                alt.datum.what == ld_text.LABEL_PROBE, alt.value(style.size(220)), alt.value(style.size(size))
            ),
            tooltip=["what:N", alt.Tooltip(x_enc.shorthand, format=".2f"), alt.Tooltip(y_enc.shorthand, format=".2f")],
        )
    )


# ----------------------------------------------------------------------------------------- 1-D densities


def density_1d(view, probe: float | None, q_name: str, *, style: charts.Style) -> alt.LayerChart:
    """The fitted density q (solid vermillion) over the true p (dashed blue); below the axis the data (hollow grey
    circles) and new samples of q (filled vermillion triangles); the probe as a purple line with q(x) and p(x)
    marked on the curves (at the picture's edge, with an arrow, when it lies outside).

    ``view``: a ``scenes.learn_data.Picture`` in 1-D (``xs``, ``q``, ``p``, ``X_train``, ``samples``).
    """
    xs, q, p, samples = view.xs, view.q, view.p, view.samples
    lo, hi = float(xs[0]), float(xs[-1])
    curves = [q_name] + ([ld_text.LABEL_TRUTH] if p is not None else [])
    frames = [pd.DataFrame({"x": xs, "density": q, "what": q_name})]
    if p is not None:
        frames.append(pd.DataFrame({"x": xs, "density": p, "what": ld_text.LABEL_TRUTH}))
    df = pd.concat(frames, ignore_index=True)
    finite = df["density"][np.isfinite(df["density"])]
    top = float(finite.max()) if len(finite) and finite.max() > 0 else 1.0
    rows = {ld_text.LABEL_DATA: -0.08 * top, ld_text.LABEL_SAMPLES: -0.2 * top}
    bottom = -(0.28 if samples is not None else 0.15) * top
    x_enc = alt.X("x:Q", scale=charts.scale(lo, hi), title="x")
    y_scale = charts.scale(bottom, 1.05 * top)
    y_axis = alt.Axis(values=_nice_ticks(top), title=ld_text.AXIS_DENSITY)
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=3 if style.present else 2.4, clip=True)
        .encode(
            x=x_enc,
            y=alt.Y("density:Q", scale=y_scale, axis=y_axis),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=curves, range=[Q_COLOR, P_COLOR][: len(curves)]),
                legend=LINE_LEGEND,
            ),
            strokeDash=alt.StrokeDash(
                "what:N",
                title=None,
                scale=alt.Scale(domain=curves, range=[[1, 0], [7, 4]][: len(curves)]),
                legend=LINE_LEGEND,
            ),
            tooltip=[alt.Tooltip("x:Q", format=".2f"), alt.Tooltip("density:Q", format=".3f"), "what:N"],
        )
    )
    marks = [(_thin(view.X_train), ld_text.LABEL_DATA), (_thin(samples), ld_text.LABEL_SAMPLES)]
    strip = pd.concat(
        [pd.DataFrame({"x": np.ravel(X), "y": rows[label], "what": label}) for X, label in marks if X is not None],
        ignore_index=True,
    )
    layers: list[alt.Chart] = [lines, _points(strip, x_enc, alt.Y("y:Q", scale=y_scale), style=style, size=26)]
    if probe is not None and math.isfinite(probe):
        layers += _probe_1d(view, float(probe), curves, x_enc, y_scale, top, style=style)
    where = ld_text.DESCRIBE_TRUTH_1D if p is not None else ""
    extra = ld_text.DESCRIBE_SAMPLES.format(n=len(samples)) if samples is not None else ""
    description = ld_text.DESCRIBE_1D.format(model=q_name, truth=where, n=len(view.X_train), samples=extra)
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent", shape="independent", fill="independent", strokeDash="independent")
        .properties(height=360 if style.present else 400, width="container", description=description)
    )


def _probe_1d(view, probe: float, curves: list[str], x_enc, y_scale, top: float, *, style: charts.Style) -> list:
    """The probe's line and its value on each curve; outside the picture, a purple arrow at the nearer edge."""
    lo, hi = float(view.xs[0]), float(view.xs[-1])
    if not lo <= probe <= hi:
        edge = lo if probe < lo else hi
        arrow = pd.DataFrame({"x": [edge], "y": [0.9 * top], "label": [ld_text.PROBE_OUTSIDE.format(x=probe)]})
        shape = "triangle-left" if probe < lo else "triangle-right"
        point = alt.Chart(arrow).mark_point(shape=shape, filled=True, size=style.size(260), color=PROBE_COLOR)
        text = alt.Chart(arrow).mark_text(
            align="left" if probe < lo else "right", dx=14 if probe < lo else -14, color=PROBE_COLOR, fontSize=14
        )
        enc = {"x": x_enc, "y": alt.Y("y:Q", scale=y_scale)}
        return [point.encode(**enc, tooltip=["label:N"]), text.encode(**enc, text="label:N")]
    values = [np.interp(probe, view.xs, view.q)] + ([np.interp(probe, view.xs, view.p)] if view.p is not None else [])
    at = pd.DataFrame({"x": [probe] * len(curves), "density": values, "what": curves})
    rule = alt.Chart(at.head(1)).mark_rule(color=PROBE_COLOR, strokeDash=[4, 3], strokeWidth=1.5).encode(x=x_enc)
    dots = (
        alt.Chart(at)
        .mark_point(filled=True, size=style.size(90), opacity=1, stroke="white", strokeWidth=1)
        .encode(
            x=x_enc,
            y=alt.Y("density:Q", scale=y_scale),
            color=alt.Color(
                "what:N", scale=alt.Scale(domain=curves, range=[Q_COLOR, P_COLOR][: len(curves)]), legend=None
            ),
            tooltip=["what:N", alt.Tooltip("density:Q", format=".4f")],
        )
    )
    return [rule, dots]


# ----------------------------------------------------------------------------------------- 2-D densities


#: White -> vermillion ramp for the model's density q(x), light enough that the points drawn on it stay visible.
Q_RAMP = ("#ffffff", "#fde6d6", "#f9cdae", "#f4b084", "#ee955d")
#: Levels of the truth's contours, as fractions of its peak.
CONTOUR_LEVELS = (0.1, 0.5)
#: Each grid cell becomes UPSAMPLE x UPSAMPLE image pixels (bilinear), so the shading has no blocky cells.
UPSAMPLE = 3


def density_image(q_grid: np.ndarray, p_grid: np.ndarray | None = None) -> np.ndarray:
    """RGB image (uint8, top row first) of q(x) shaded white -> vermillion.

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
    return np.ascontiguousarray(rgb[::-1].round().astype(np.uint8))


def contour_paths(values: np.ndarray, extent: Sequence[float], level: float) -> pd.DataFrame:
    """The ``level`` contour of a grid as connected paths: columns ``x``, ``y``, ``path`` and ``order``.

    ``charts.contour_lines`` gives one short segment per grid cell; drawn one by one, their joints show as beads.
    Chaining segments that share an end into one path per connected line draws it smooth.

    >>> v = np.add.outer(np.zeros(4), np.arange(4.0))   # rises along x: the 1.5 level is one straight line
    >>> paths = contour_paths(v, (0, 3, 0, 3), 1.5)
    >>> int(paths["path"].nunique()), sorted(set(paths["x"].round(6)))
    (1, [1.5])
    """
    segments = charts.contour_lines(values, extent, level)[["x", "y"]].to_numpy().reshape(-1, 2, 2)

    def key(point: np.ndarray) -> tuple[float, float]:
        return round(float(point[0]), 7), round(float(point[1]), 7)

    ends: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, (a, b) in enumerate(segments):
        ends[key(a)].append(i)
        ends[key(b)].append(i)
    used = np.zeros(len(segments), bool)
    rows: list[tuple[float, float, int, int]] = []
    for start in range(len(segments)):
        if used[start]:
            continue
        used[start] = True
        line = deque(segments[start])
        for forward in (True, False):
            while True:
                tip = line[-1] if forward else line[0]
                following = next((j for j in ends[key(tip)] if not used[j]), None)
                if following is None:
                    break
                used[following] = True
                a, b = segments[following]
                other = b if key(a) == key(tip) else a
                line.append(other) if forward else line.appendleft(other)
        path = int(rows[-1][2]) + 1 if rows else 0
        rows += [(float(x), float(y), path, k) for k, (x, y) in enumerate(line)]
    return pd.DataFrame(rows, columns=["x", "y", "path", "order"])


def plot_size_2d(extent: Sequence[float], style: charts.Style) -> tuple[int, int]:
    """(width, height) of the 2-D plot area in pixels: equal units on both axes, within limits (the title, axes
    and legend come on top: about 80 pixels of height in all)."""
    x0, x1, y0, y1 = (float(e) for e in extent)
    height = 300 if style.present else 380
    width = int(height * min(max((x1 - x0) / (y1 - y0), 0.7), 1.6))
    return width, height


def density_2d(view, probe: Sequence[float] | None, q_name: str, *, style: charts.Style) -> alt.LayerChart:
    """The fitted density q(x) as vermillion shading, the truth p(x) as smooth blue contours, the data (hollow grey
    circles), new samples of q (filled vermillion triangles) and the probe (purple cross; clamped to the edge when it
    lies outside the picture).

    ``view``: a ``scenes.learn_data.Picture`` in 2-D (``q`` and ``p`` grids over ``extent``, ``X_train``,
    ``samples``). The plot has equal units on both axes (:func:`plot_size_2d`); show it at its own width.
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
    layers: list[alt.Chart] = [image]
    if view.p is not None:
        peak = float(np.max(view.p))
        lines = pd.concat(
            [
                contour_paths(view.p, view.extent, level * peak).assign(path=lambda d, j=j: d["path"] + 100_000 * j)
                for j, level in enumerate(CONTOUR_LEVELS)
            ],
            ignore_index=True,
        ).assign(what=ld_text.LABEL_CONTOURS)
        layers.append(
            alt.Chart(lines)
            .mark_line(strokeWidth=2.4 if style.present else 1.8, clip=True)
            .encode(
                x=alt.X("x:Q", scale=x_scale),
                y=alt.Y("y:Q", scale=y_scale),
                detail="path:N",
                order="order:Q",
                color=alt.Color(
                    "what:N",
                    title=None,
                    scale=alt.Scale(domain=[ld_text.LABEL_CONTOURS], range=[P_COLOR]),
                    legend=LINE_LEGEND,
                ),
            )
        )
    items = [(_thin(view.X_train), ld_text.LABEL_DATA), (_thin(view.samples), ld_text.LABEL_SAMPLES)]
    if probe is not None:  # a probe off the picture is drawn just inside its edge, in the direction where it lies
        mx, my = 0.02 * (x1 - x0), 0.02 * (y1 - y0)
        clamped = [min(max(float(probe[0]), x0 + mx), x1 - mx), min(max(float(probe[1]), y0 + my), y1 - my)]
        items.append((np.array([clamped]), ld_text.LABEL_PROBE))
    df = pd.concat(
        [pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "what": label}) for X, label in items if X is not None and len(X)],
        ignore_index=True,
    )
    x_enc, y_enc = alt.X("x1:Q", scale=x_scale, title="x₁"), alt.Y("x2:Q", scale=y_scale, title="x₂")
    layers.append(_points(df, x_enc, y_enc, style=style, size=40))
    width, height = plot_size_2d(view.extent, style)
    truth = ld_text.DESCRIBE_TRUTH_2D if view.p is not None else ""
    extra = ld_text.DESCRIBE_SAMPLES.format(n=len(view.samples)) if view.samples is not None else ""
    description = ld_text.DESCRIBE_2D.format(model=q_name, truth=truth, n=len(view.X_train), samples=extra)
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent", shape="independent", fill="independent")
        .properties(
            autosize=alt.AutoSizeParams(type="pad"),  # width and height are the plot's: legend and axes come on top
            width=width,
            height=height,
            title=alt.Title(
                ld_text.TITLE_2D.format(model=q_name), fontSize=18 if style.present else 14, anchor="start"
            ),
            description=description,
        )
    )


# ----------------------------------------------------------------------------------------- overfitting curve


def likelihood_curve(view, current: float, *, style: charts.Style) -> alt.LayerChart:
    """Average log-likelihood (bits per point) on training (grey) and held-out (black) points against the knob.

    ``view``: a ``scenes.learn_data.Overfitting`` (``values``, ``train``, ``test``, ``ceiling``, ``floor``,
    ``knob``, ``log_x``). The truth's held-out value is the ceiling (a dashed blue line). Values of -inf (a
    held-out point in an empty histogram bin), and values below ``floor`` that would squash the interesting part
    of the curve, sit on the bottom edge as triangles. The dotted purple line is the current choice.
    """
    values, ceiling, x_title = np.asarray(view.values, float), view.ceiling, view.knob
    train_label, test_label, truth = ld_text.LABEL_TRAIN, ld_text.LABEL_HELD_OUT, ld_text.LABEL_CEILING
    rows = []
    for label, ys in ((train_label, view.train), (test_label, view.test)):
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
    sets = [train_label, test_label] + ([truth] if has_ceiling else [])
    colour = alt.Color(
        "set:N",
        title=None,
        scale=alt.Scale(domain=sets, range=[GREY, BLACK, P_COLOR][: len(sets)]),
        legend=alt.Legend(labelLimit=0, symbolType="stroke", symbolStrokeWidth=3, symbolSize=300),
    )
    x_enc = alt.X("value:Q", scale=x_scale, title=x_title)
    lines = (
        alt.Chart(df)  # a missing value (off the axis) breaks the line there: no segment bridges the gap
        .mark_line(point=True, strokeWidth=2.4)
        .encode(
            x=x_enc,
            y=alt.Y("bits:Q", scale=y_scale, title=ld_text.AXIS_BITS),
            color=colour,
            strokeDash=alt.StrokeDash(
                "set:N", title=None, scale=alt.Scale(domain=sets, range=[[1, 0], [1, 0], [7, 4]][: len(sets)])
            ),
            tooltip=[alt.Tooltip("value:Q", title=x_title), alt.Tooltip("bits:Q", format=".3f"), "set:N"],
        )
    )
    layers: list[alt.Chart] = [lines]
    inf = df[df["inf"]].assign(y=lo - 1.5 * pad)
    layers.append(  # drawn even without such a value (no rows): the chart keeps its layers as n moves (charts.live)
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
    chosen = pd.DataFrame({"value": [current], "label": [ld_text.CURRENT_CHOICE.format(value=current)]})
    layers.append(alt.Chart(chosen).mark_rule(color=PROBE_COLOR, strokeDash=[2, 3], strokeWidth=1.5).encode(x=x_enc))
    span = np.log(values) if view.log_x else values  # the label goes on the side of the line with more room
    right_half = (span[np.argmin(np.abs(values - current))] - span.min()) > 0.5 * (span.max() - span.min())
    layers.append(
        alt.Chart(chosen)
        .mark_text(
            align="right" if right_half else "left",
            dx=-5 if right_half else 5,
            dy=4,
            baseline="top",
            color=PROBE_COLOR,
            fontSize=16 if style.present else 12,
        )
        .encode(x=x_enc, y=alt.value(0), text="label:N")
    )
    description = ld_text.DESCRIBE_CURVE.format(
        knob=x_title, best=view.best_value, truth=ld_text.DESCRIBE_CEILING if has_ceiling else ""
    )
    return alt.layer(*layers).properties(height=style.height(300), width="container", description=description)


# ----------------------------------------------------------------------------------------- digits


def _tiles(images: np.ndarray, ncols: int = 3, factor: int = 8, gap: int = 2) -> np.ndarray:
    """8x8 images (values 0..16, 0 = background) tiled ``ncols`` wide, dark ink on white, as a grey picture."""
    images = np.asarray(images, float)
    n = len(images)
    rows = max(1, -(-n // ncols))
    stack = np.zeros((rows * ncols, 8, 8))
    stack[:n] = images
    return charts.mosaic(stack.reshape(rows, ncols, 8, 8), factor=factor, gap=gap, vmax=16.0)


def _grey_url(picture: np.ndarray) -> str:
    return charts.png_data_url(np.repeat(np.asarray(picture, np.uint8)[..., None], 3, axis=2))


def digit_gallery(view, headings: tuple[str, ...], notes: tuple[str, ...], *, style: charts.Style) -> alt.LayerChart:
    """Real held-out digits beside the samples of each model: one tile of 8x8 images per panel, a heading over
    it and a note (held-out bits/dim) under it, in one chart.

    ``view``: a ``scenes.modeling_problem.Gallery`` (``images`` of shape (panels, n, 8, 8)); ``headings`` and
    ``notes`` have one entry per panel.
    """
    panels = len(view.images)
    image_rows = [
        {"url": _grey_url(_tiles(view.images[i])), "x": i + 0.04, "x2": i + 0.96, "y": 0.0, "y2": 1.0}
        for i in range(panels)
    ]
    x_scale, y_scale = charts.scale(0, panels), charts.scale(-0.13, 1.13)
    hidden = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    enc = {"x": alt.X("x:Q", scale=x_scale, axis=hidden), "y": alt.Y("y:Q", scale=y_scale, axis=hidden)}
    images = (
        alt.Chart(pd.DataFrame(image_rows)).mark_image(aspect=True).encode(**enc, x2="x2:Q", y2="y2:Q", url="url:N")
    )
    size = 19 if style.present else 14
    heads = pd.DataFrame({"x": np.arange(panels) + 0.5, "y": 1.065, "text": list(headings)})
    under = pd.DataFrame({"x": np.arange(panels) + 0.5, "y": -0.065, "text": list(notes)})
    words = [
        alt.Chart(df)
        .mark_text(baseline="middle", fontSize=size, fontWeight=weight, color="#222")
        .encode(**enc, text="text:N")
        for df, weight in ((heads, "bold"), (under, "normal"))
    ]
    return alt.layer(images, *words).properties(
        height=340 if style.present else 280,
        width="container",
        description=mp_text.DESCRIBE_GALLERY.format(n=view.images.shape[1], models=", ".join(mp_text.DESCRIBED_KIND)),
    )


def bits_per_dim_bars(view, *, style: charts.Style) -> alt.LayerChart:
    """Bits per dimension of each model on held-out (black) and training (grey) images; the uniform model as a rule.

    ``view``: a ``scenes.modeling_problem.Scores``; its ``table`` has columns ``model``, ``set`` ("training" /
    "held-out") and ``bits``; ``uniform`` is the "knows nothing" reference.
    """
    df, uniform = view.table, view.uniform
    order = list(dict.fromkeys(df["model"]))
    # sorted by a column, not by a list of the names: the mixture's name carries k, and a list in the spec would
    # make the chart's spec change with the k slider (charts.live: then the browser draws it anew)
    base = alt.Chart(df.assign(rank=[order.index(m) for m in df["model"]]))
    by_rank = alt.EncodingSortField("rank", op="min")
    bars = base.mark_bar().encode(
        y=alt.Y("model:N", sort=by_rank, title=None, axis=alt.Axis(labelLimit=300)),
        yOffset=alt.YOffset("set:N", sort=["held-out", "training"]),
        x=alt.X("bits:Q", title=mp_text.AXIS_BITS, scale=alt.Scale(domain=[0, uniform * 1.3])),
        color=alt.Color(
            "set:N", title=None, scale=alt.Scale(domain=["held-out", "training"], range=[BLACK, "#a8a8a8"])
        ),
        tooltip=["model:N", "set:N", alt.Tooltip("bits:Q", format=".3f")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=16 if style.present else 12).encode(
        y=alt.Y("model:N", sort=by_rank),
        yOffset=alt.YOffset("set:N", sort=["held-out", "training"]),
        x="bits:Q",
        text=alt.Text("bits:Q", format=".2f"),
    )
    rule_df = pd.DataFrame({"x": [uniform], "t": [mp_text.UNIFORM_RULE.format(bits=uniform)]})
    rule = alt.Chart(rule_df).mark_rule(color="black", strokeDash=[6, 3]).encode(x="x:Q")
    text = alt.Chart(rule_df).mark_text(align="left", dx=4, baseline="top", y=2).encode(x="x:Q", text="t:N")
    best = min(order, key=lambda m: float(df[(df["model"] == m) & (df["set"] == "held-out")]["bits"].iloc[0]))
    best = mp_text.DESCRIBED_KIND[order.index(best)] if len(order) == len(mp_text.DESCRIBED_KIND) else best
    return alt.layer(bars, labels, rule, text).properties(
        height=style.height(60 + 48 * len(order)),
        width="container",
        description=mp_text.DESCRIBE_BARS.format(n=len(order), best=best, uniform=uniform),
    )


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
    series = [mp_text.LABEL_CELLS, mp_text.LABEL_POINTS.format(n=n)]
    df = pd.concat(
        [
            pd.DataFrame({"d": dims, "log10": view.cells_log10, "what": series[0]}),
            pd.DataFrame({"d": [dims.min(), dims.max()], "log10": [np.log10(n)] * 2, "what": series[1]}),
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(df, height=style.height(290), width="container", title=mp_text.TITLE_CELLS)
        .mark_line(strokeWidth=2.6)
        .encode(
            x=alt.X("d:Q", title=mp_text.AXIS_DIMS_64),
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
        .properties(description=mp_text.DESCRIBE_CELLS.format(bins=view.bins, n=n))
    )


def curse_error_chart(view, *, style: charts.Style) -> alt.Chart:
    """Total variation distance to the true Gaussian against d, for the histogram and the KDE; share of empty cells.

    ``view``: a ``scenes.modeling_problem.Curse`` (``dims``, ``histogram_tv``, ``kde_tv``, ``empty_fraction``).
    """
    names = list(mp_text.LABELS_ERROR)
    df = pd.concat(
        [
            pd.DataFrame({"d": view.dims, "value": v, "what": name})
            for name, v in zip(names, (view.histogram_tv, view.kde_tv, view.empty_fraction), strict=True)
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(df, height=style.height(290), width="container", title=mp_text.TITLE_ERROR)
        .mark_line(point=True, strokeWidth=2.4)
        .encode(
            x=alt.X("d:Q", title="dimension d", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("value:Q", title="TV error or share (0 to 1)", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=names, range=[Q_COLOR, PURPLE, GREY]),
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
        .properties(
            description=mp_text.DESCRIBE_ERROR.format(
                n=view.n, d=int(view.dims[-1]), hist=float(view.histogram_tv[-1]), kde=float(view.kde_tv[-1])
            )
        )
    )
