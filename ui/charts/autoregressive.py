"""Chart builders for the "Autoregressive models" page: one step of a chain-rule model, drawn.

Colours follow ``ui.charts``: the model's predictive distribution q in a light tint of ``Q_COLOR``, what the
model drew (a sample) in ``SAMPLE_COLOR`` (full vermillion), the real data in ``DATA_GREY``.

The builders take the page's generation scenes (``scenes.autoregressive``: a text, pixel or audio run holding
every step) and the step to draw, so scrubbing only indexes the run; they read the attributes named in each
docstring. Every chart carries a one-sentence ``description`` (its text alternative).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.charts.base import Style

#: The predictive distribution q (the bars of every option): a light tint of the model colour, so the one
#: option the sampler drew (full vermillion, outlined) stands out as the sample.
Q_TINT = "#f2b998"
NOT_YET = "#e4e4e4"
GIVEN_ON, GIVEN_OFF = "#222222", "#ffffff"
GEN_ON, GEN_OFF = charts.SAMPLE_COLOR, "#fbe1d1"
PRESENT_KEY_WIDTH = 170  # presenter mode: the pixel canvas's key, beside it (pixels)
MIN_STEPS_SHOWN = 30  # the step chart's x axis spans at least this many steps


def show_char(c: str) -> str:
    """A character as shown on an axis or in a caption: space ␣, new line ⏎, tab ⇥."""
    return {" ": "␣", "\n": "⏎", "\t": "⇥"}.get(c, c)


def show_chars(text: str) -> str:
    """White space made visible (:func:`show_char`); pass the result through ``ui.safety.plain`` for markdown."""
    return "".join(show_char(c) for c in text)


# ----------------------------------------------------------------------------------------------- text


def next_char_bars(
    run, step: int, top: int = 20, title: str = "", y_title: str = "q(next char | context)", *, style: Style
) -> alt.Chart:
    """The distribution step ``step`` was drawn from as bars (the ``top`` most likely), the drawn character
    highlighted. ``run``: ``alphabet``, ``probs`` (steps, V), ``chosen`` (steps,).

    If the drawn character is not among the ``top``, it is added at the end so it is always visible.
    One layer only: this chart is redrawn at every step of the slider. ``y_title`` names the distribution
    (the page says which temperature it was sampled at).
    """
    probs, chosen = run.probs[step - 1], int(run.chosen[step - 1])
    order = list(np.argsort(-probs, kind="stable")[:top])
    if chosen not in order:
        order.append(chosen)
    df = pd.DataFrame(
        {
            "char": [show_char(run.alphabet[i]) for i in order],
            "p": probs[order],
            "role": ["drawn character" if i == chosen else "other characters" for i in order],
            "rank": range(len(order)),
        }
    )
    return (
        alt.Chart(df)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=alt.X(
                "char:N",
                sort=alt.SortField("rank"),
                title="next character (most likely first)",
                axis=alt.Axis(labelAngle=0, labelFontSize=20 if style.present else 16),
            ),
            y=alt.Y(
                "p:Q", title=y_title, scale=alt.Scale(domain=[0, max(0.05, float(df.p.max()))], nice=False, zero=True)
            ),
            color=alt.Color(
                "role:N",
                scale=alt.Scale(domain=["other characters", "drawn character"], range=[Q_TINT, charts.SAMPLE_COLOR]),
                legend=alt.Legend(title=None, orient="top-right", labelLimit=0),
            ),
            stroke=alt.condition(alt.datum.role == "drawn character", alt.value(charts.BLACK), alt.value(None)),
            tooltip=["char", alt.Tooltip("p:Q", format=".3f")],
        )
        .properties(
            height=220 if style.present else 250,  # presenter: fits under the text at 1280x720
            title=title,
            description=f"Bar chart of the {len(order)} most likely next characters at the chosen step "
            "(the key numbers beside it name the step), with their probabilities; the drawn character is highlighted.",
        )
    )


def step_series(
    series: dict[str, tuple[np.ndarray, str]],
    current: int,
    n_steps: int,
    height: int = 180,
    y_title: str = "bits",
    x_title: str = "step t",
    title: str = "",
    description: str = "",
    *,
    style: Style,
) -> alt.LayerChart:
    """Per-step values (e.g. entropy and surprise of each generated character) up to the current step.

    ``series`` maps a name to (values, colour); steps are numbered from 1. The x axis ends at the current step
    (at least ``MIN_STEPS_SHOWN``, at most ``n_steps``): the lines fill the chart at any step instead of a sliver
    of a 200-step axis; the current step is a dashed rule and every line marks its value there with a dot.
    ``height`` in normal-mode pixels.
    """
    frames = [
        pd.DataFrame({"step": np.arange(1, current + 1), "value": v[:current], "series": name})
        for name, (v, _) in series.items()
    ]
    df = pd.concat(frames, ignore_index=True)
    names = list(series)
    top = max(1.0, max(float(np.max(v)) for v, _ in series.values()))
    x = alt.X("step:Q", title=x_title, scale=charts.scale(1, min(n_steps, max(current, MIN_STEPS_SHOWN))))
    colours = alt.Scale(domain=names, range=[c for _, c in series.values()])
    colour = alt.Color("series:N", scale=colours, legend=alt.Legend(title=None, orient="top", labelLimit=0))
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=2, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[0, top])),
            color=colour,
            tooltip=["step", "series", alt.Tooltip("value:Q", format=".2f")],
        )
    )
    now = (
        alt.Chart(df[df.step == current])
        .mark_point(filled=True, size=style.size(60), opacity=1)
        .encode(x=x, y="value:Q", color=alt.Color("series:N", legend=None, scale=colours))
    )
    rule = (
        alt.Chart(pd.DataFrame({"step": [current]})).mark_rule(color=charts.BLACK, strokeDash=[4, 3]).encode(x="step:Q")
    )
    return alt.layer(lines, rule, now).properties(height=style.height(height), title=title, description=description)


def text_steps(
    run,
    step: int,
    title: str = "",
    entropy_name: str = "entropy of q",
    surprise_name: str = "surprise of the drawn character",
    *,
    style: Style,
) -> alt.LayerChart:
    """Entropy of each step's distribution (``entropy_name``, the model colour) and surprise of each drawn
    character (``surprise_name``, black), steps 1 to ``step``. ``run``: ``entropy_bits``, ``surprise_bits``,
    ``n_steps``."""
    series = {entropy_name: (run.entropy_bits, charts.Q_COLOR), surprise_name: (run.surprise_bits, charts.BLACK)}
    description = (
        "Line chart over the generation steps so far (named in the title): the entropy of each step's distribution "
        "and the surprise of each drawn character, in bits."
    )
    return step_series(
        series, current=step, n_steps=run.n_steps, height=220, title=title, description=description, style=style
    )


def context_curve(curve, current: int, *, style: Style) -> alt.LayerChart:
    """Bits per character against context length: training text (dashed) and held-out text (solid), the
    current k circled. ``curve``: ``train_bpc``, ``held_bpc`` (one value per k = 0, 1, ...)."""
    ks = np.arange(len(curve.train_bpc))
    df = pd.concat(
        [
            pd.DataFrame({"k": ks, "bits": curve.held_bpc, "text": "held-out text"}),
            pd.DataFrame({"k": ks, "bits": curve.train_bpc, "text": "training text"}),
        ]
    )
    lines = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("k:Q", title="context length k (characters)", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("bits:Q", title="bits per character", scale=alt.Scale(zero=True)),
            color=alt.Color(
                "text:N",
                scale=alt.Scale(domain=["held-out text", "training text"], range=[charts.Q_COLOR, charts.GREY]),
                legend=alt.Legend(title=None),
            ),
            strokeDash=alt.StrokeDash(
                "text:N",
                scale=alt.Scale(domain=["held-out text", "training text"], range=[[1, 0], [5, 3]]),
                legend=None,
            ),
            tooltip=["k", "text", alt.Tooltip("bits:Q", format=".3f")],
        )
    )
    here = (
        alt.Chart(pd.DataFrame({"k": [current], "bits": [curve.held_bpc[current]]}))
        .mark_point(size=260, shape="circle", filled=False, strokeWidth=2.5, color=charts.BLACK)
        .encode(x="k:Q", y="bits:Q")
    )
    description = (
        f"Line chart of bits per character against context length k = 0 to {len(ks) - 1}, on the training text "
        f"(dashed) and on held-out text (solid); k = {current} is circled at {curve.held_bpc[current]:.2f} bits."
    )
    return alt.layer(lines, here).properties(height=style.height(230), description=description)


# ----------------------------------------------------------------------------------------------- pixels


def _pixel_frame(image: np.ndarray, probs: np.ndarray, n_given: int, step: int) -> pd.DataFrame:
    """One row per pixel of a square image in raster order: position, state (given / drawn / not yet) and q."""
    i = np.arange(image.size)
    side = int(round(np.sqrt(image.size)))
    state = np.where(
        i < n_given, np.where(image == 1, "given: on", "given: off"), np.where(image == 1, "drawn: on", "drawn: off")
    )
    state = np.where(i >= max(step, n_given), "not yet drawn", state)
    return pd.DataFrame(
        {
            "col": i % side,
            "row": i // side,
            "pixel": i + 1,
            "state": state,
            "p_on": np.round(probs, 3),
            "current": i == step,
        }
    )


PIXEL_STATES = ["given: on", "given: off", "drawn: on", "drawn: off", "not yet drawn"]
PIXEL_COLORS = [GIVEN_ON, GIVEN_OFF, GEN_ON, GEN_OFF, NOT_YET]


def pixel_canvas(run, step: int, title: str = "", *, style: Style) -> alt.LayerChart:
    """The first image of ``run`` painted in raster order up to ``step`` (pixels 0..step-1 drawn, pixel
    ``step`` next). ``run``: ``images``, ``probs`` (images, 64), ``n_given``.

    Given pixels are black/white, drawn pixels vermillion/pale vermillion (the model's sample), pixels not yet
    drawn grey; the next pixel is outlined in black. Each drawn pixel and the next one show q(xᵢ = 1 | x₁ … xᵢ₋₁).
    Presenter mode puts the key beside the canvas, so canvas, key and numbers share one screen.
    """
    size = 260 if style.present else 320
    df = _pixel_frame(run.images[0], run.probs[0], run.n_given, step)
    keep = [run.n_given > 0 or not state.startswith("given") for state in PIXEL_STATES]  # the key lists what is used
    states = [s for s, k in zip(PIXEL_STATES, keep, strict=True) if k]
    colours = [c for c, k in zip(PIXEL_COLORS, keep, strict=True) if k]
    axis = alt.Axis(labels=False, ticks=False, title=None, domain=False)
    legend = (
        alt.Legend(title=None, orient="right", labelLimit=0)
        if style.present
        else alt.Legend(title=None, orient="bottom", columns=3)
    )
    cells = (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X("col:O", axis=axis),
            y=alt.Y("row:O", axis=axis),
            color=alt.Color("state:N", scale=alt.Scale(domain=states, range=colours), legend=legend),
            stroke=alt.condition(alt.datum.current, alt.value(charts.BLACK), alt.value("#bbbbbb")),
            strokeWidth=alt.condition(alt.datum.current, alt.value(4), alt.value(0.5)),
            tooltip=["pixel", "state", alt.Tooltip("p_on:Q", title="q(xᵢ = 1 | x₁ … xᵢ₋₁)", format=".2f")],
        )
    )
    shown = df[(df.pixel - 1 >= run.n_given) & ((df.pixel - 1 < step) | df.current)]
    probabilities = (
        alt.Chart(shown)
        .mark_text(fontSize=13 if style.present else 11)
        .encode(
            x="col:O",
            y="row:O",
            text=alt.Text("p_on:Q", format=".2f"),
            color=alt.condition(alt.datum.state == "drawn: on", alt.value("white"), alt.value("#333333")),
        )
    )
    drawn = max(0, min(step, run.images.shape[1]) - run.n_given)
    description = (
        f"An 8 by 8 pixel canvas: {run.n_given} given pixels, {drawn} pixels drawn so far, each labelled with the "
        "probability it was drawn with; the next pixel is outlined."
    )
    # the page shows the chart at its own width, legend included: presenter mode adds the key's width to the canvas
    width = size + PRESENT_KEY_WIDTH if style.present else size
    return alt.layer(cells, probabilities).properties(width=width, height=size, title=title, description=description)


def _image_strip(
    images: Sequence[np.ndarray], titles: Sequence[str], n_given: Sequence[int], size: int, description: str
) -> alt.FacetChart:
    """Finished 8x8 images side by side (one faceted chart: fast to build), coloured like ``pixel_canvas``."""
    frames = [
        _pixel_frame(np.asarray(img), np.zeros(img.size), g, img.size).assign(panel=t)
        for img, t, g in zip(images, titles, n_given, strict=True)
    ]
    axis = alt.Axis(labels=False, ticks=False, title=None, domain=False)
    cells = (
        alt.Chart(pd.concat(frames, ignore_index=True))
        .mark_rect(stroke="#bbbbbb", strokeWidth=0.5)
        .encode(
            x=alt.X("col:O", axis=axis),
            y=alt.Y("row:O", axis=axis),
            color=alt.Color("state:N", scale=alt.Scale(domain=PIXEL_STATES, range=PIXEL_COLORS), legend=None),
        )
        .properties(width=size, height=size)
    )
    strip = cells.facet(column=alt.Column("panel:N", title=None, sort=list(titles)), spacing=8)
    return strip.properties(description=description)


def finished_images(run, *, style: Style) -> alt.FacetChart:
    """The finished images of ``run`` side by side: the real held-out digit, then its completions of the first
    ``n_given`` pixels; or the samples from scratch. ``run``: ``images``, ``n_given``, ``original`` (or None)."""
    size = style.height(100)
    images = list(run.images)
    if run.original is None:
        titles = [f"sample {k + 1}" for k in range(len(images))]
        description = f"{len(images)} binary 8 by 8 images the model drew from scratch, pixel by pixel."
        return _image_strip(images, titles, [0] * len(images), size, description)
    titles = ["real digit"] + [f"completion {k + 1}" for k in range(len(images))]
    description = (
        f"A held-out binary 8 by 8 digit, then {len(images)} completions that keep its first {run.n_given} pixels "
        "and draw the rest."
    )
    given = [run.original.size] + [run.n_given] * len(images)
    return _image_strip([run.original, *images], titles, given, size, description)


# ----------------------------------------------------------------------------------------------- audio

REAL, GENERATED = "real signal (context)", "generated"


def waveform(run, step: int, sample_rate: int, *, style: Style) -> alt.LayerChart:
    """The end of the real signal (the prompt, data grey), then generated samples up to ``step`` (vermillion; the
    current step marked with a filled triangle), over the band mean ± 2σ of each sample's predictive distribution.
    ``run``: ``prompt``, ``generated``, ``means``, ``std``."""
    prompt, std = run.prompt, run.std
    t_p = np.arange(-len(prompt), 0) / sample_rate * 1000
    t_g = np.arange(step) / sample_rate * 1000
    df = pd.concat(
        [
            pd.DataFrame({"ms": t_p, "x": prompt, "signal": REAL}),
            pd.DataFrame({"ms": t_g, "x": run.generated[:step], "signal": GENERATED}),
        ]
    )
    band = pd.DataFrame({"ms": t_g, "lo": run.means[:step] - 2 * std, "hi": run.means[:step] + 2 * std})
    x_scale = charts.scale(float(t_p[0]), float(max(t_g[-1] if step else 0, 1000 * 60 / sample_rate)))
    y_scale = charts.scale(-1, 1)
    area = (
        alt.Chart(band)
        .mark_area(opacity=0.3, color=Q_TINT)
        .encode(x=alt.X("ms:Q", scale=x_scale), y=alt.Y("lo:Q", scale=y_scale), y2="hi:Q")
    )
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=1.6)
        .encode(
            x=alt.X("ms:Q", title="time (ms); 0 = first generated sample", scale=x_scale),
            y=alt.Y("x:Q", title="amplitude", scale=y_scale),
            color=alt.Color(
                "signal:N",
                scale=alt.Scale(domain=[REAL, GENERATED], range=[charts.DATA_GREY, charts.SAMPLE_COLOR]),
                legend=alt.Legend(title=None),
            ),
        )
    )
    now = pd.DataFrame({"ms": t_g[-1:], "x": run.generated[step - 1 : step]}) if step else df.iloc[:0]
    current = (
        alt.Chart(now)
        .mark_point(shape="triangle-up", filled=True, size=style.size(90), color=charts.SAMPLE_COLOR, opacity=1)
        .encode(x=alt.X("ms:Q", scale=x_scale), y=alt.Y("x:Q", scale=y_scale))
    )
    description = (
        f"Waveform: the last {len(prompt)} real samples, then the first {step} generated samples, each inside the "
        "band of mean ± 2σ of the distribution it was drawn from; the newest sample is marked."
    )
    height = 250 if style.present else 220
    return alt.layer(area, lines, current).properties(height=height, description=description)


def predictive_curve(run, step: int, *, style: Style) -> alt.Chart:
    """The predictive distribution over 8-bit levels for step ``step`` (probability per level, light tint), the
    drawn level in full vermillion. Only the levels within ±4σ of the mean (and the drawn one) are drawn.
    ``run``: ``levels``, ``level_probs`` (steps, levels), ``means``, ``std``, ``generated``."""
    levels, probs = run.levels, run.level_probs[step - 1]
    mean, drawn = float(run.means[step - 1]), float(run.generated[step - 1])
    keep = np.abs(levels - mean) <= max(4 * run.std, 0.03)
    keep |= np.isclose(levels, drawn)
    df = pd.DataFrame(
        {
            "level": levels[keep],
            "P": probs[keep],
            "role": np.where(np.isclose(levels[keep], drawn), "drawn", "predictive q"),
        }
    )
    description = (
        f"Bar chart of the probability of each 8-bit level for sample {step}, a Gaussian around {mean:.3f}; the drawn "
        f"level {drawn:.3f} is highlighted."
    )
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("level:Q", title="level of the next sample"),
            y=alt.Y("P:Q", title="q(xₜ | x₁ … xₜ₋₁)"),
            color=alt.Color(
                "role:N",
                scale=alt.Scale(domain=["predictive q", "drawn"], range=[Q_TINT, charts.SAMPLE_COLOR]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[alt.Tooltip("level:Q", format=".3f"), alt.Tooltip("P:Q", format=".4f")],
        )
        .properties(height=200 if style.present else 180, description=description)
    )


# ----------------------------------------------------------------------------------------------- tiny GPT


def attention_grid(attention, *, style: Style) -> alt.FacetChart:
    """Every head's attention as a heatmap, one panel per (layer, head): row i = the position reading, column
    j = the position read, darker = more weight; the cells right of the diagonal are empty (the causal mask) and
    the bottom row (what the next character's prediction reads) is outlined. ``attention``: ``tokens`` (one
    label per position) and ``weights`` (layers, heads, T, T)."""
    weights = np.asarray(attention.weights)
    n_layer, n_head, n_t, _ = weights.shape
    l_, h_, i_, j_ = np.nonzero(np.broadcast_to(np.tril(np.ones((n_t, n_t), dtype=bool)), weights.shape))
    df = pd.DataFrame(
        {
            "layer": [f"layer {v + 1}" for v in l_],
            "head": [f"head {v + 1}" for v in h_],
            "i": i_,
            "j": j_,
            "reads": [show_char(attention.tokens[v]) for v in j_],
            "weight": weights[l_, h_, i_, j_],
            "last": i_ == n_t - 1,
        }
    )
    labels = json.dumps([show_char(t) for t in attention.tokens], ensure_ascii=False)
    font = 12 if style.present else 11
    side = 250 if style.present else 270
    scale = alt.Scale(domain=list(range(n_t)))
    x = alt.X(
        "j:O",
        scale=scale,
        title="position read (j)",
        axis=alt.Axis(labelExpr=f"{labels}[datum.value]", labelAngle=0, labelFontSize=font, ticks=False),
    )
    y = alt.Y(
        "i:O",
        scale=scale,
        title="position reading (i)",
        axis=alt.Axis(labelExpr=f"{labels}[datum.value]", labelAngle=0, labelFontSize=font, ticks=False),
    )
    cells = (
        alt.Chart()
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "weight:Q",
                scale=alt.Scale(domain=[0, 1], scheme="oranges"),
                legend=alt.Legend(title="attention weight", orient="right", gradientLength=side),
            ),
            tooltip=["layer", "head", "i", "j", "reads", alt.Tooltip("weight:Q", format=".3f")],
        )
    )
    last = (
        alt.Chart()
        .transform_filter(alt.datum.last)
        .mark_rect(fill=None, stroke=charts.BLACK, strokeWidth=0.6, strokeOpacity=0.8)
        .encode(x=x, y=y)
    )
    description = (
        f"A grid of {n_layer} by {n_head} heatmaps, one per layer and attention head: each row shows how the "
        f"attention of one of the {n_t} positions is shared over the positions before it; the bottom row, outlined, "
        "is what the prediction of the next character reads."
    )
    grid = alt.layer(cells, last, data=df).properties(width=side, height=side)
    return grid.facet(
        row=alt.Row("layer:N", title=None, header=alt.Header(labelFontSize=font + 2)),
        column=alt.Column("head:N", title=None, header=alt.Header(labelFontSize=font + 2)),
        spacing=10,
    ).properties(description=description)


def big_table(rows: Sequence[Sequence[str]], columns: Sequence[str], *, style: Style):
    """A small table of formatted cells for ``st.table``: a DataFrame, or in presenter mode a ``Styler`` with
    bigger type (``st.table`` is HTML, so the style reaches the screen)."""
    table = pd.DataFrame([list(r) for r in rows], columns=list(columns))
    if not style.present:
        return table
    big = {"font-size": "1.25rem"}
    return (
        table.style.set_uuid("ar_yardstick")
        .hide(axis="index")
        .set_properties(**big)
        .set_table_styles([{"selector": "th", "props": list(big.items())}])
    )
