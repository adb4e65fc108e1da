"""Chart builders for the "Autoregressive models" page: one step of a chain-rule model, drawn.

Colours follow ``ui.charts``: the model's predictive distribution q in ``Q_COLOR``, the data / original in
``P_COLOR``, what the model generated in ``SAMPLE_COLOR``.

The builders take the page's generation scenes (``scenes.autoregressive``: a text, pixel or audio run holding
every step) and the step to draw, so scrubbing only indexes the run; they read the attributes named in each
docstring.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.charts.base import Style

NOT_YET = "#e4e4e4"
GIVEN_ON, GIVEN_OFF = "#222222", "#ffffff"
GEN_ON, GEN_OFF = charts.SAMPLE_COLOR, "#d9f0e8"
MIN_STEPS_SHOWN = 30  # the step chart's x axis spans at least this many steps


def show_char(c: str) -> str:
    """A character as shown on an axis or in a caption: space ␣, new line ⏎, tab ⇥."""
    return {" ": "␣", "\n": "⏎", "\t": "⇥"}.get(c, c)


def md_escape(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark so user text shows literally inside st.markdown/caption
    (no emphasis, links, LaTeX or :directives:). Non-ASCII characters pass through unchanged."""
    return "".join("\\" + c if c in string.punctuation else c for c in text)


def shown_chars(text: str) -> str:
    """Characters for a caption: white space made visible (:func:`show_char`), markdown escaped."""
    return md_escape("".join(show_char(c) for c in text))


# ----------------------------------------------------------------------------------------------- text


def next_char_bars(run, step: int, top: int = 20, title: str = "", *, style: Style) -> alt.Chart:
    """The distribution step ``step`` was drawn from as bars (the ``top`` most likely), the drawn character
    highlighted. ``run``: ``alphabet``, ``probs`` (steps, V), ``chosen`` (steps,).

    If the drawn character is not among the ``top``, it is added at the end so it is always visible.
    One layer only: this chart is redrawn at every step of the slider.
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
        .mark_bar()
        .encode(
            x=alt.X(
                "char:N",
                sort=alt.SortField("rank"),
                title="next character (most likely first)",
                axis=alt.Axis(labelAngle=0, labelFontSize=16),
            ),
            y=alt.Y("p:Q", title="q(next char | context)", scale=alt.Scale(domain=[0, max(0.05, float(df.p.max()))])),
            color=alt.Color(
                "role:N",
                scale=alt.Scale(
                    domain=["other characters", "drawn character"], range=[charts.Q_COLOR, charts.SAMPLE_COLOR]
                ),
                legend=alt.Legend(title=None, orient="top-right", labelLimit=0),
            ),
            tooltip=["char", alt.Tooltip("p:Q", format=".3f")],
        )
        .properties(height=style.height(250), title=title)
    )


def step_series(
    series: dict[str, tuple[np.ndarray, str]],
    current: int,
    n_steps: int,
    height: int = 180,
    y_title: str = "bits",
    x_title: str = "step t",
    title: str = "",
    *,
    style: Style,
) -> alt.LayerChart:
    """Per-step values (e.g. entropy and surprise of each generated character) up to the current step.

    ``series`` maps a name to (values, colour); steps are numbered from 1. The x axis ends at the current step
    (at least ``MIN_STEPS_SHOWN``, at most ``n_steps``): the lines fill the chart at any step instead of a sliver
    of a 200-step axis; the current step is a dashed rule. ``height`` in normal-mode pixels.
    """
    frames = [
        pd.DataFrame({"step": np.arange(1, current + 1), "value": v[:current], "series": name})
        for name, (v, _) in series.items()
    ]
    df = pd.concat(frames, ignore_index=True)
    names = list(series)
    top = max(1.0, max(float(np.max(v)) for v, _ in series.values()))
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=2, interpolate="step-after")
        .encode(
            x=alt.X("step:Q", title=x_title, scale=charts.scale(1, min(n_steps, max(current, MIN_STEPS_SHOWN)))),
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[0, top])),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=names, range=[c for _, c in series.values()]),
                legend=alt.Legend(title=None, orient="top", labelLimit=0),
            ),
            tooltip=["step", "series", alt.Tooltip("value:Q", format=".2f")],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"step": [current]})).mark_rule(color=charts.BLACK, strokeDash=[4, 3]).encode(x="step:Q")
    )
    return alt.layer(lines, rule).properties(height=style.height(height), title=title)


def text_steps(run, step: int, title: str = "", *, style: Style) -> alt.LayerChart:
    """Entropy of each step's distribution and surprise of each drawn character, steps 1 to ``step``.
    ``run``: ``entropy_bits``, ``surprise_bits``, ``n_steps``."""
    series = {
        "entropy of q(· | context)": (run.entropy_bits, charts.Q_COLOR),
        "surprise of the drawn character": (run.surprise_bits, charts.SAMPLE_COLOR),
    }
    return step_series(series, current=step, n_steps=run.n_steps, height=220, title=title, style=style)


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
    return alt.layer(lines, here).properties(height=style.height(230))


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

    Given pixels are black/white, drawn pixels green/pale green, pixels not yet drawn grey; the next pixel is
    outlined. Each drawn pixel and the next one show ``p(x_i = 1 | x_<i)``.
    """
    size = style.height(320)
    df = _pixel_frame(run.images[0], run.probs[0], run.n_given, step)
    axis = alt.Axis(labels=False, ticks=False, title=None, domain=False)
    cells = (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X("col:O", axis=axis),
            y=alt.Y("row:O", axis=axis),
            color=alt.Color(
                "state:N",
                scale=alt.Scale(domain=PIXEL_STATES, range=PIXEL_COLORS),
                legend=alt.Legend(title=None, orient="bottom", columns=3),
            ),
            stroke=alt.condition(alt.datum.current, alt.value(charts.Q_COLOR), alt.value("#bbbbbb")),
            strokeWidth=alt.condition(alt.datum.current, alt.value(4), alt.value(0.5)),
            tooltip=["pixel", "state", alt.Tooltip("p_on:Q", title="p(x_i=1 | x_<i)", format=".2f")],
        )
    )
    shown = df[(df.pixel - 1 >= run.n_given) & ((df.pixel - 1 < step) | df.current)]
    probabilities = (
        alt.Chart(shown)
        .mark_text(fontSize=11 if size < 400 else 14)
        .encode(
            x="col:O",
            y="row:O",
            text=alt.Text("p_on:Q", format=".2f"),
            color=alt.condition(alt.datum.state == "drawn: on", alt.value("white"), alt.value("#333333")),
        )
    )
    return alt.layer(cells, probabilities).properties(width=size, height=size, title=title)


def _image_strip(
    images: Sequence[np.ndarray], titles: Sequence[str], n_given: Sequence[int], size: int
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
    return cells.facet(column=alt.Column("panel:N", title=None, sort=list(titles)), spacing=8)


def finished_images(run, *, style: Style) -> alt.FacetChart:
    """The finished images of ``run`` side by side: the real held-out digit, then its completions of the first
    ``n_given`` pixels; or the samples from scratch. ``run``: ``images``, ``n_given``, ``original`` (or None)."""
    size = style.height(100)
    images = list(run.images)
    if run.original is None:
        titles = [f"sample {k + 1}" for k in range(len(images))]
        return _image_strip(images, titles, [0] * len(images), size)
    titles = ["real digit"] + [f"completion {k + 1}" for k in range(len(images))]
    return _image_strip([run.original, *images], titles, [run.original.size] + [run.n_given] * len(images), size)


# ----------------------------------------------------------------------------------------------- audio


def waveform(run, step: int, sample_rate: int, *, style: Style) -> alt.LayerChart:
    """The end of the real signal (the prompt), then generated samples up to ``step`` (the last point is the
    current step), with the band mean +- 2 sigma of each sample's predictive distribution.
    ``run``: ``prompt``, ``generated``, ``means``, ``std``."""
    prompt, std = run.prompt, run.std
    t_p = np.arange(-len(prompt), 0) / sample_rate * 1000
    t_g = np.arange(step) / sample_rate * 1000
    df = pd.concat(
        [
            pd.DataFrame({"ms": t_p, "x": prompt, "signal": "real signal (context)"}),
            pd.DataFrame({"ms": t_g, "x": run.generated[:step], "signal": "generated"}),
        ]
    )
    band = pd.DataFrame({"ms": t_g, "lo": run.means[:step] - 2 * std, "hi": run.means[:step] + 2 * std})
    x_scale = charts.scale(float(t_p[0]), float(max(t_g[-1] if step else 0, 1000 * 60 / sample_rate)))
    y_scale = charts.scale(-1, 1)
    area = (
        alt.Chart(band)
        .mark_area(opacity=0.25, color=charts.Q_COLOR)
        .encode(x=alt.X("ms:Q", scale=x_scale), y=alt.Y("lo:Q", scale=y_scale), y2="hi:Q")
    )
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=1.6, point=alt.OverlayMarkDef(size=10))
        .encode(
            x=alt.X("ms:Q", title="time (ms); 0 = first generated sample", scale=x_scale),
            y=alt.Y("x:Q", title="amplitude", scale=y_scale),
            color=alt.Color(
                "signal:N",
                scale=alt.Scale(
                    domain=["real signal (context)", "generated"], range=[charts.P_COLOR, charts.SAMPLE_COLOR]
                ),
                legend=alt.Legend(title=None),
            ),
        )
    )
    return alt.layer(area, lines).properties(height=style.height(220))


def predictive_curve(run, step: int, *, style: Style) -> alt.Chart:
    """The predictive distribution over 8-bit levels for step ``step`` (probability per level), the drawn
    level in green. Only the levels within +-4 sigma of the mean (and the drawn one) are drawn.
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
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("level:Q", title="amplitude of the next sample (8-bit levels)"),
            y=alt.Y("P:Q", title="q(x_t = level | x_<t)"),
            color=alt.Color(
                "role:N",
                scale=alt.Scale(domain=["predictive q", "drawn"], range=[charts.Q_COLOR, charts.SAMPLE_COLOR]),
                legend=alt.Legend(title=None, orient="top-right"),
            ),
            tooltip=[alt.Tooltip("level:Q", format=".3f"), alt.Tooltip("P:Q", format=".4f")],
        )
        .properties(height=style.height(180))
    )
