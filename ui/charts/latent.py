"""Pictures for the latent-variable pages: crisp upscaled images and the charts beside them.

Images (rendered strokes, 8x8 digits) are drawn as dark ink on white and enlarged with hard pixel edges, so
they stay sharp on a projector: the picture builders turn a scene's arrays into PNG bytes for ``st.image``
(the page caches them with ``ui.cache.picture``); :func:`image_chart` shows one such image as a chart, with pixel
axes and a data table. Chart builders take a scene (and scalars) plus the page's :class:`~ui.charts.Style` and
return Altair charts, each with a one-sentence ``description``. Colours follow the app: the true distribution p
(and an exact posterior) in ``P_COLOR``, the model / approximation q in ``Q_COLOR``; two families of grid lines
that mean neither get colours of their own (purple, green).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.charts import BLACK, DATA_GREY, GREEN, GREY, ORANGE, P_COLOR, PURPLE, Q_COLOR, Style

#: Ten colours for the ten digit labels: Okabe-Ito without its yellow (unreadable as text on white), then four
#: darker extras that stay apart from them.
DIGIT_COLORS: tuple[str, ...] = (*charts.PALETTE[:6], "#9A7D0A", "#444444", "#8C564B", "#6A3D9A")
#: Colours of the two estimators of log q(x), in the order of a scene's ``runs``: prior Monte Carlo, then
#: importance sampling.
ESTIMATOR_COLORS: tuple[str, ...] = (PURPLE, Q_COLOR)

#: Images are rendered at least this wide (pixels) and shown at their column's width: a browser shrinks them
#: sharply but blows small ones up blurred. Each image pixel is a block of whole pixels (hard edges).
MOSAIC_PX = 600
DIGIT_PX = 448


def _ceil_div(a: int, b: int) -> int:
    return -(-int(a) // int(b))


# ----------------------------------------------------------------------------------------------- hidden structure


def image_chart(image: np.ndarray, title: str, description: str, side: int, *, style: Style) -> alt.LayerChart:
    """A grey image (values in [0, 1], dark ink on white) as a square chart with pixel axes.

    Row 0 is at the top, column 0 on the left, as the image is stored; the picture is enlarged with hard pixel
    edges before the browser shrinks it, so it stays sharp. ``side``: the plot's width and height in pixels.
    """
    img = np.asarray(image, dtype=float)
    rows, cols = img.shape
    factor = max(1, -(-600 // cols))
    url = (
        "data:image/png;base64," + base64.b64encode(charts.png_bytes(charts.enlarge(charts.ink(img), factor))).decode()
    )
    axis = alt.Axis(tickMinStep=1, tickCount=min(cols, 6), grid=False)
    x = alt.X("x:Q", title="pixel column", scale=charts.scale(0, cols), axis=axis)
    y = alt.Y(
        "y:Q", title="pixel row", scale=alt.Scale(domain=[0, rows], nice=False, zero=False, reverse=True), axis=axis
    )
    frame = pd.DataFrame({"url": [url], "x": [0], "x2": [cols], "y": [0], "y2": [rows]})
    picture = (
        alt.Chart(frame)
        .mark_image(aspect=False, align="left", baseline="top")
        .encode(x=x, x2="x2:Q", y=y, y2="y2:Q", url="url:N")
    )
    border = (
        alt.Chart(frame).mark_rect(fill=None, stroke="#999999", strokeWidth=1).encode(x=x, x2="x2:Q", y=y, y2="y2:Q")
    )
    return alt.layer(picture, border).properties(
        width=side,
        height=side,
        title=title,
        description=description,
        autosize=alt.AutoSizeParams(type="pad", contains="padding"),  # a square plot, axes and title around it
    )


def stroke_chart(stroke: Any, *, style: Style) -> alt.LayerChart:
    """The image of a ``scenes.hidden_structure.stroke`` scene as a square chart: 576 pixels from 5 numbers."""
    side = 340 if style.present else 250
    title = f"x = render(z): {stroke.side} × {stroke.side} = {stroke.pixels} pixels"
    description = (
        f"A {stroke.side} by {stroke.side} grey image of one pen stroke, drawn from the {stroke.n_causes} hidden "
        "causes z set on the sliders: angle, length, thickness, horizontal and vertical position."
    )
    return image_chart(stroke.image, title, description, side, style=style)


def grid_picture(grid: Any) -> bytes:
    """The images of a ``cause_grid`` scene as one mosaic (at least ``MOSAIC_PX`` wide), as PNG bytes."""
    n, _, _, width = grid.images.shape
    return charts.png_bytes(charts.mosaic(grid.images, factor=_ceil_div(MOSAIC_PX, width * n), gap=3))


def examples_picture(count: Any) -> bytes:
    """The example images of a ``count_causes`` scene in one row, as PNG bytes."""
    return charts.png_bytes(charts.mosaic(count.examples[None], factor=6, gap=4))


def spectrum_chart(count: Any, *, style: Style) -> alt.LayerChart:
    """Variance along each principal direction (log scale), with the pixel-noise floor as a dashed line.

    ``count``: a ``count_causes`` scene (``spectrum``, ``floor``, ``n_varied``).
    """
    spectrum = np.maximum(np.asarray(count.spectrum, dtype=float), 1e-12)
    floor = float(count.floor)
    above = spectrum > floor
    lo, hi = min(float(spectrum.min()), floor) / 3, float(spectrum.max()) * 2
    df = pd.DataFrame(
        {
            "direction": np.arange(1, spectrum.size + 1),
            "variance": spectrum,
            "base": lo,  # bars on a log axis need an explicit bottom
            "kind": np.where(above, "structure (above the noise)", "noise"),
        }
    )
    y_scale = alt.Scale(type="log", domain=[lo, hi], nice=False)
    base = alt.Chart(df, height=style.height(300), width="container")
    bars = base.mark_bar(size=style.height(22)).encode(
        x=alt.X("direction:O", title="principal direction (largest variance first)", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("variance:Q", title="variance along it (log scale)", scale=y_scale),
        y2="base:Q",
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(domain=["structure (above the noise)", "noise"], range=[P_COLOR, "#bdbdbd"]),
        ),
        tooltip=["direction:O", alt.Tooltip("variance:Q", format=".3g")],
    )
    rule_df = pd.DataFrame({"y": [floor], "t": ["noise floor"]})
    rule = (
        alt.Chart(rule_df)
        .mark_rule(color=BLACK, strokeDash=[6, 4], strokeWidth=2)
        .encode(y=alt.Y("y:Q", scale=y_scale))
    )
    text = (
        alt.Chart(rule_df)
        .mark_text(align="right", baseline="bottom", dy=-3, x="width", dx=-4)
        .encode(y=alt.Y("y:Q", scale=y_scale), text="t:N")
    )
    return alt.layer(bars, rule, text).properties(
        title=f"{int(count.n_varied)} cause(s) varied: {int(above.sum())} direction(s) rise above the noise",
        description=(
            f"Bar chart of the variance along each of the first {spectrum.size} principal directions of the images, "
            f"on a log scale, with the noise floor ({floor:.2g}) as a dashed line: {int(above.sum())} bar(s) rise "
            f"above it for {int(count.n_varied)} varied cause(s)."
        ),
    )


def surface_chart(grid: Any, name_a: str, name_b: str, height: int = 440, *, style: Style) -> alt.LayerChart:
    """The grid of images seen through two principal directions: a bent sheet, lines of constant cause.

    ``grid``: a ``cause_grid`` scene (``coords``, ``values_a``, ``values_b``); ``name_a``, ``name_b``: what a
    person calls its two causes. The four corner images are labelled ("top left", ...) as in the mosaic, so
    the two pictures can be matched.
    """
    coords = np.asarray(grid.coords)
    n = coords.shape[0]
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    df = pd.DataFrame(
        {
            "pc1": coords[..., 0].ravel(),
            "pc2": coords[..., 1].ravel(),
            "i": ii.ravel(),
            "j": jj.ravel(),
            name_a: np.repeat(grid.values_a, n).round(2),
            name_b: np.tile(grid.values_b, n).round(2),
        }
    )
    corner_names = {
        (0, 0): "top left",
        (0, n - 1): "top right",
        (n - 1, 0): "bottom left",
        (n - 1, n - 1): "bottom right",
    }
    df["corner"] = [corner_names.get((i, j), "") for i, j in zip(df["i"], df["j"], strict=True)]
    enc = {
        "x": alt.X("pc1:Q", title="principal direction 1", scale=alt.Scale(zero=False, padding=24)),
        "y": alt.Y("pc2:Q", title="principal direction 2", scale=alt.Scale(zero=False, padding=24)),
    }
    base = alt.Chart(df, height=style.height(height), width="container")
    rows = base.mark_line(color=PURPLE, strokeWidth=2).encode(**enc, detail="i:N", order="j:Q")
    cols = base.mark_line(color=GREEN, strokeWidth=2, strokeDash=[6, 3]).encode(**enc, detail="j:N", order="i:Q")
    dots = base.mark_point(size=style.size(45), shape="circle", filled=False, color=DATA_GREY, strokeWidth=1.5).encode(
        **enc, tooltip=[alt.Tooltip(f"{name_a}:Q"), alt.Tooltip(f"{name_b}:Q")]
    )
    corners = base.transform_filter(alt.datum.corner != "")
    big = corners.mark_circle(size=style.height(130), color=BLACK, opacity=1).encode(**enc)
    text = {"dy": -14, "fontWeight": "bold", "fontSize": style.height(14)}
    halo = corners.mark_text(**text, color="white", stroke="white", strokeWidth=5).encode(**enc, text="corner:N")
    labels = corners.mark_text(**text, color=BLACK).encode(**enc, text="corner:N")
    return alt.layer(rows, cols, dots, big, halo, labels).properties(
        title=alt.TitleParams(
            [
                f"solid purple lines: {name_a} fixed, {name_b} changes",
                f"dashed green lines: {name_b} fixed, {name_a} changes",
            ]
        ),
        description=(
            f"The {n} × {n} images of the grid as points in pixel space, seen along their two principal directions, "
            f"with neighbours joined: a smooth, bent sheet. Along solid lines {name_a} is fixed; along dashed lines "
            f"{name_b} is fixed."
        ),
    )


# ----------------------------------------------------------------------------------------------- latent variables


def digit_chart(digit: Any, *, style: Style) -> alt.LayerChart:
    """The digit of a ``generated`` scene, x = mu + W z, as a square chart with pixel axes."""
    z = ", ".join(f"{v:.1f}".replace("-", "−") for v in digit.z)
    side = 260 if style.present else 220
    rows, cols = digit.image.shape
    description = (
        f"An {rows} by {cols} grey image: the digit that the fitted model draws from the latent numbers z set on "
        "the sliders (their values in the title), with no noise added."
    )
    return image_chart(np.clip(digit.image, 0, 1), f"x = μ + W z, z = ({z})", description, side, style=style)


def traversal_picture(generator: Any) -> bytes:
    """A ``generator`` scene's traversal strip: row j, z_j from the first step (left) to the last (right).

    The strip keeps its width whatever k is (the same number of columns), and each image its size, as rows
    are added.
    """
    _, steps, _, width = generator.traversal.shape
    return charts.png_bytes(charts.mosaic(generator.traversal, factor=_ceil_div(DIGIT_PX, steps * width), gap=4))


def reconstruction_picture(rec: Any) -> bytes:
    """Held-out digits above their reconstructions (a ``reconstruction`` scene), as PNG bytes.

    About 1,060 pixels wide: shown at the column's width, sharp.
    """
    return charts.png_bytes(charts.mosaic(rec.pairs, factor=16, gap=6))


def latent_scatter(space: Any, *, style: Style) -> alt.Chart:
    """Each digit as its label, placed at its 2-D latent code z and coloured by the label.

    ``space``: a ``latent_space`` scene (``Z``, ``labels``, ``reach``). Drawn square with the same range
    [-reach, reach] on both axes, so distances in z-space look like distances (and showing fewer digits does
    not rescale the picture); the legend sits on the right. 600 px wide fits beside the controls on a 1366 px
    laptop; presenter mode gives the column more room.
    """
    Z = np.asarray(space.Z)
    df = pd.DataFrame({"z1": Z[:, 0], "z2": Z[:, 1], "digit": np.asarray(space.labels).astype(str)})
    scale = alt.Scale(domain=[-space.reach, space.reach], nice=False)
    side = 680 if style.present else 600
    description = (
        f"Scatter of {len(df)} held-out digits, each drawn as its label at its two latent numbers z₁ and z₂ "
        "(found without labels), coloured by the label."
    )
    return (
        alt.Chart(df, height=side, width=side, description=description)
        .mark_text(fontWeight="bold", fontSize=style.height(15))
        .encode(
            x=alt.X("z1:Q", title="latent z₁", scale=scale),
            y=alt.Y("z2:Q", title="latent z₂", scale=scale),
            text="digit:N",
            color=alt.Color(
                "digit:N",
                title="label",
                scale=alt.Scale(domain=[str(d) for d in range(10)], range=list(DIGIT_COLORS)),
                legend=alt.Legend(orient="right", symbolSize=style.height(160)),
            ),
            tooltip=["digit:N", alt.Tooltip("z1:Q", format=".2f"), alt.Tooltip("z2:Q", format=".2f")],
        )
    )


def explained_chart(rec: Any, *, style: Style) -> alt.LayerChart:
    """Share of the held-out pixel variance that k latent dimensions rebuild, against k (a ``reconstruction``
    scene: ``ks``, ``explained``, the chosen ``k`` and ``explained_at_k``)."""
    df = pd.DataFrame({"k": rec.ks, "explained": rec.explained})
    base = alt.Chart(df, height=style.height(240), width="container")
    line = base.mark_line(color=Q_COLOR, strokeWidth=2.5, point=alt.OverlayMarkDef(color=Q_COLOR)).encode(
        x=alt.X("k:Q", title="latent dimensions k"),
        y=alt.Y(
            "explained:Q", title="held-out variance rebuilt", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
        ),
        tooltip=["k:Q", alt.Tooltip("explained:Q", format=".1%")],
    )
    now = pd.DataFrame({"k": [rec.k], "explained": [rec.explained_at_k]})
    rule = alt.Chart(now).mark_rule(color=BLACK, strokeDash=[4, 3]).encode(x="k:Q")
    dot = alt.Chart(now).mark_point(color=BLACK, size=style.height(160), filled=True).encode(x="k:Q", y="explained:Q")
    description = (
        f"Line chart of the share of held-out pixel variance the model rebuilds from k latent numbers, k from "
        f"{int(rec.ks[0])} to {int(rec.ks[-1])}; the chosen k = {rec.k} rebuilds {rec.explained_at_k:.0%}."
    )
    return alt.layer(line, rule, dot).properties(description=description)


#: Colours of the complexity chart: PPCA models in the model colour family (not the data colour, blue),
#: the two Gaussians without a latent z in black and grey.
COMPLEXITY_COLORS = (PURPLE, Q_COLOR, BLACK, GREY)


def complexity_chart(cx: Any, *, style: Style) -> alt.LayerChart:
    """Held-out bits per pixel against the number of parameters, for every model (lower and left = better).

    ``cx``: a ``complexity`` scene, whose ``table`` has columns ``model``, ``k`` (None for the baselines),
    ``parameters`` and ``bits``; its ``k`` is marked, its ``uniform`` drawn as a dashed line. The baselines
    (one point each) are labelled on the chart itself.
    """
    df, k, uniform = cx.table, cx.k, cx.uniform
    order = list(dict.fromkeys(df["model"]))
    palette = list(COMPLEXITY_COLORS[: len(order)])
    curve_names = [m for m in order if df.loc[df["model"] == m, "k"].notna().any()]
    # One legend for all layers (a layer with legend=None would hide it): it lists the curves; the baselines are
    # labelled beside their diamonds.
    colour = alt.Color(
        "model:N",
        title=None,
        scale=alt.Scale(domain=order, range=palette),
        legend=alt.Legend(orient="top", labelLimit=400, symbolType="stroke", symbolStrokeWidth=4, values=curve_names),
    )
    top = float(df["parameters"].max()) * 2.6  # room right of the last diamond
    x = alt.X(
        "parameters:Q",
        title="number of parameters (log scale)",
        scale=alt.Scale(type="log", domain=[100, top], nice=False),
    )
    y = alt.Y("bits:Q", title="held-out bits per pixel (lower = better)", scale=alt.Scale(zero=False))
    tips = ["model:N", "k:Q", "parameters:Q", alt.Tooltip("bits:Q", format=".3f")]
    base = alt.Chart(df, height=style.height(360), width="container")
    curves = (
        base.transform_filter(alt.datum.k != None)  # noqa: E711 (a Vega expression, not a Python comparison)
        .mark_line(strokeWidth=3)
        .encode(x=x, y=y, color=colour, tooltip=tips)
    )
    baselines = base.transform_filter(alt.datum.k == None)  # noqa: E711
    singles = baselines.mark_point(filled=True, size=style.height(260), shape="diamond", opacity=1).encode(
        x=x, y=y, color=colour, tooltip=tips
    )
    label = {"dy": -14, "fontSize": style.height(14), "fontWeight": "bold"}
    # labels run away from the nearer edge: right of the small model, left of the large one (never cut off)
    small, large = alt.datum.parameters < 1000, alt.datum.parameters >= 1000
    names = alt.layer(
        baselines.transform_filter(small).mark_text(align="left", dx=12, **label),
        baselines.transform_filter(large).mark_text(align="right", dx=-12, **label),
    ).encode(x=x, y=y, text="model:N", color=colour)
    now = (
        base.transform_filter(alt.datum.k == k)
        .mark_point(filled=True, size=style.height(170), stroke="white", strokeWidth=1.5, opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=tips)
    )
    uni = pd.DataFrame({"bits": [uniform], "t": [f"uniform over 17 grey levels: {uniform:.2f}"]})
    rule = alt.Chart(uni).mark_rule(color=GREY, strokeDash=[6, 4]).encode(y="bits:Q")
    text = (
        alt.Chart(uni)
        .mark_text(align="right", baseline="top", dy=4, x="width", dx=-4, color=GREY)
        .encode(y="bits:Q", text="t:N")
    )
    description = (
        "Held-out bits per pixel against the number of parameters (log scale) for PPCA with every k, on raw and on "
        f"standardised pixels, and for two Gaussians without a latent z; the chosen k = {k} is marked. Lower is better."
    )
    return alt.layer(curves, singles, names, now, rule, text).properties(description=description)


def traversal_labels(values: Sequence[float]) -> str:
    """Caption text for a latent traversal: the z values of the columns."""
    return "  ·  ".join("0" if v == 0 else f"{v:+g}".replace("-", "−") for v in values)


# ----------------------------------------------------------------------------------------------- core challenge


def estimator_chart(est: Any, *, style: Style) -> alt.LayerChart:
    """Estimates of log q(x) against the number of samples: one thin line per seed, the mean thick, the exact
    value as a dashed black line. Estimates more than 15 nats below the exact value are cut off at the bottom
    edge, and a note there says so.

    ``est``: an ``estimates`` scene (``sizes``, ``runs`` by estimator name, ``exact``).
    """
    sizes, runs, exact = est.sizes, est.runs, float(est.exact)
    frames, means = [], []
    for name, values in runs.items():
        for r in range(values.shape[0]):
            frames.append(pd.DataFrame({"S": sizes, "estimate": values[r], "run": f"{name} {r}", "method": name}))
        means.append(pd.DataFrame({"S": sizes, "estimate": values.mean(axis=0), "method": name}))
    df, mean_df = pd.concat(frames, ignore_index=True), pd.concat(means, ignore_index=True)
    values = np.concatenate([e.ravel() for e in runs.values()] + [[exact]])
    lo = max(float(values.min()), exact - 15.0)
    hi = float(values.max())
    pad = 0.08 * max(hi - lo, 0.05)
    y_scale = alt.Scale(domain=[lo - pad, hi + pad], zero=False, nice=False)
    x = alt.X("S:Q", title="number of samples S (log scale)", scale=alt.Scale(type="log"))
    scale = alt.Scale(domain=list(runs), range=list(ESTIMATOR_COLORS[: len(runs)]))
    legend = alt.Legend(labelLimit=400, symbolType="stroke", symbolStrokeWidth=4, symbolOpacity=1)
    colour = alt.Color("method:N", title=None, legend=legend, scale=scale)
    base = alt.Chart(df, height=350 if style.present else 360, width="container")
    thin = base.mark_line(strokeWidth=1, opacity=0.35, clip=True).encode(
        x=x, y=alt.Y("estimate:Q", title="estimate of log qθ(x) [nats]", scale=y_scale), color=colour, detail="run:N"
    )
    thick = (
        alt.Chart(mean_df)
        .mark_line(strokeWidth=3.5, point=True, clip=True)
        .encode(
            x=x,
            y=alt.Y("estimate:Q", scale=y_scale),
            color=colour,
            tooltip=["method:N", "S:Q", alt.Tooltip("estimate:Q", format=".3f", title="mean over seeds")],
        )
    )
    ex = pd.DataFrame({"y": [exact], "t": [f"exact log qθ(x) = {exact:.3f}".replace("-", "−")]})
    rule = alt.Chart(ex).mark_rule(color=BLACK, strokeDash=[7, 4], strokeWidth=2).encode(y=alt.Y("y:Q", scale=y_scale))
    text = (
        alt.Chart(ex)
        .mark_text(align="right", baseline="bottom", dy=-5, x="width", dx=-4, fontWeight="bold")
        .encode(y=alt.Y("y:Q", scale=y_scale), text="t:N")
    )
    layers = [thin, thick, rule, text]
    # some estimates off the chart: said at the bottom edge (the layer is there without them too, with no rows, so
    # the chart keeps its layers as the dimension slider moves: charts.live)
    off = float(values.min()) < lo
    cut = pd.DataFrame(
        {"y": [lo - pad] * off, "t": [f"↓ estimates below {lo:.0f} are cut off".replace("-", "−")] * off}
    )
    note = alt.Chart(cut).mark_text(align="right", baseline="bottom", dy=-4, x="width", dx=-4, color=GREY)
    layers.append(note.encode(y=alt.Y("y:Q", scale=y_scale), text="t:N"))
    names = " and ".join(runs)
    description = (
        f"Line chart of estimates of log qθ(x) against the number of samples S (1 to {int(sizes[-1]):,}, log scale) "
        f"by {names}: one thin line per run, the mean of {next(iter(runs.values())).shape[0]} runs thick, and the "
        "exact value as a dashed line (its number is among the page's key numbers)."
    )
    return alt.layer(*layers).properties(description=description)


#: The three densities of the ELBO panel, as its legend names them.
DENSITIES = ("prior p(z)", "exact posterior qθ(z | x)", "Gaussian qᵩ(z | x)")


def posterior_chart(state: Any, *, style: Style) -> alt.LayerChart:
    """The prior p(z), the model's exact posterior q_theta(z | x) and the Gaussian q_phi(z | x) over z.

    ``state``: an ``elbo_state`` scene (``z``, ``prior``, ``posterior``, ``q``). The density axis is scaled to
    the prior and posterior (up to three times their height for a narrow q); a q that peaks higher is cut off at
    the top edge, and a note there gives its peak.
    """
    z, prior, posterior, q = state.z, state.prior, state.posterior, state.q
    names = list(DENSITIES)
    df = pd.concat(
        [pd.DataFrame({"z": z, "density": d, "curve": n}) for n, d in zip(names, (prior, posterior, q), strict=True)],
        ignore_index=True,
    )
    top = float(min(max(posterior.max(), q.max(), prior.max()), 3 * max(posterior.max(), prior.max())))
    colour = alt.Color(
        "curve:N",
        title=None,
        scale=alt.Scale(domain=names, range=[GREY, P_COLOR, Q_COLOR]),
        legend=alt.Legend(labelLimit=400, symbolType="stroke", symbolStrokeWidth=3),
    )
    base = alt.Chart(df, height=style.height(300), width="container")
    x = alt.X(
        "z:Q",
        title="latent z",
        scale=alt.Scale(domain=[float(z[0]), float(z[-1])], nice=False),
        axis=alt.Axis(tickMinStep=0.5),
    )
    y = alt.Y("density:Q", title="density", scale=alt.Scale(domain=[0, 1.05 * top], nice=False))
    area = (
        base.transform_filter(alt.datum.curve == names[1])
        .mark_area(opacity=0.18, color=P_COLOR, clip=True)
        .encode(x=x, y=y)
    )
    lines = base.mark_line(strokeWidth=3, clip=True).encode(
        x=x,
        y=y,
        color=colour,
        strokeDash=alt.StrokeDash(
            "curve:N",
            title=None,
            legend=alt.Legend(labelLimit=400, symbolType="stroke", symbolStrokeWidth=3),
            scale=alt.Scale(domain=names, range=[[5, 4], [1, 0], [1, 0]]),
        ),
    )
    layers = [area, lines]
    if float(q.max()) > 1.05 * top:  # q is off the scale: mark where it leaves the chart
        peak = float(z[int(np.argmax(q))])
        off = pd.DataFrame({"z": [peak], "density": [1.05 * top], "t": [f"▲ qᵩ peaks at {float(q.max()):.1f}"]})
        mark = alt.Chart(off).mark_text(baseline="top", dy=2, dx=6, align="left", color=Q_COLOR, fontWeight="bold")
        layers.append(mark.encode(x=x, y=y, text="t:N"))
    description = (
        f"Line chart over the latent z from {float(z[0]):g} to {float(z[-1]):g} of three densities: the prior "
        f"p(z) (dashed grey), the model's exact posterior (blue, shaded) and the Gaussian approximation qᵩ(z | x) "
        f"(vermillion); the gap between them is {float(state.gap):.2f} nats."
    )
    return alt.layer(*layers).properties(description=description)


#: The parts of the ELBO bar, as its legend names them.
ELBO_PARTS = ("log qθ(x)", "ELBO(qᵩ)", "KL(qᵩ ‖ qθ(z|x)) = gap")


#: How many nats left of log q(x) the ELBO bar's axis reaches; a lower ELBO is cut off at that edge (and marked).
ELBO_REACH = 8.0


def elbo_bar(state: Any, *, style: Style) -> alt.LayerChart:
    """log q_theta(x) = ELBO + KL(q_phi || posterior) as a stacked horizontal bar, with log q_theta(x) above it.

    ``state``: an ``elbo_state`` scene (``log_p``, ``elbo``, ``gap``). Both bars start at the same point on
    the left of the axis, so their right ends can be compared: the ELBO segment ends where the KL gap begins,
    and the gap ends exactly at log q_theta(x). The axis depends on log q_theta(x) only (it stays put while q
    moves) and reaches ``ELBO_REACH`` nats below it; an ELBO further down is cut off at the left edge, and a note
    there gives its value.
    """
    log_p, elbo, gap = float(state.log_p), float(state.elbo), float(state.gap)
    floor = float(np.floor(log_p - ELBO_REACH))
    shown = max(elbo, floor)  # where the ELBO segment ends on the chart (and the gap begins)
    rows = ["log qθ(x), exact", "ELBO + KL gap"]
    parts = list(ELBO_PARTS)
    df = pd.DataFrame(
        {
            "row": [rows[0], rows[1], rows[1]],
            "part": parts,
            "start": [floor, floor, shown],
            "end": [log_p, shown, log_p],
            "value": [log_p, elbo, gap],
        }
    )
    colour = alt.Color("part:N", title=None, scale=alt.Scale(domain=parts, range=[P_COLOR, Q_COLOR, ORANGE]))
    x_scale = alt.Scale(domain=[floor, log_p + 0.5], nice=False)
    x = alt.X("start:Q", title="nats", scale=x_scale)
    base = alt.Chart(df, height=style.height(150), width="container")
    bars = base.mark_bar(size=style.height(34)).encode(
        x=x,
        x2="end:Q",
        y=alt.Y("row:N", sort=rows, title=None),
        color=colour,
        tooltip=["part:N", alt.Tooltip("value:Q", format=".3f")],
    )
    labelled = base.transform_filter(alt.datum.end - alt.datum.start > 0.6)  # only segments wide enough for one
    labels = labelled.mark_text(align="right", dx=-6, color="white", fontWeight="bold").encode(
        x="end:Q", y=alt.Y("row:N", sort=rows), text=alt.Text("value:Q", format=".2f")
    )
    layers = [bars, labels]
    if elbo < floor:
        cut = pd.DataFrame(
            {"row": [rows[1]], "x": [floor], "t": [f"◂ ELBO {elbo:.1f}, off the scale".replace("-", "−")]}
        )
        note = alt.Chart(cut).mark_text(align="left", dx=6, color="white", fontWeight="bold")
        layers.append(note.encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("row:N", sort=rows), text="t:N"))
    description = (
        f"Two horizontal bars in nats: log qθ(x) = {log_p:.2f}, and below it the ELBO ({elbo:.2f}) followed by the "
        f"KL gap ({gap:.2f}), which ends exactly where log qθ(x) does."
    )
    return alt.layer(*layers).properties(description=description)
