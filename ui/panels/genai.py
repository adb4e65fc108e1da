"""Layouts of the "discriminative vs generative" page's sections: each shows one scene with its words and numbers."""

from __future__ import annotations

import streamlit as st

from lecture import genai as text
from scenes import genai
from ui import cache, frame
from ui.charts import genai as gc


def data_notes(ds: genai.Dataset) -> None:
    """For an upload: what was done to it and which label became which class, then its size and columns."""
    if not ds.labels:  # a preset: nothing to explain
        return
    classes = text.CLASS_NAMES.format(zero=ds.labels[0], one=ds.labels[1])
    st.info(" ".join(filter(None, [ds.note, classes])), icon=":material/filter_alt:")
    st.caption(text.UPLOAD_CAPTION.format(count=ds.count, columns=", ".join(ds.names)))


def score_numbers(scores) -> list[frame.Number]:
    """Train and test accuracy and log-loss (and, for a generative model, held-out log2 p(x)) as metrics."""
    share = 100 * genai.TEST_FRACTION
    test_accuracy_help = text.TEST_ACCURACY_HELP.format(test_share=share)
    test_loss_help = text.TEST_LOG_LOSS_HELP.format(test_share=share)
    numbers = [
        frame.Number(text.TRAIN_ACCURACY, 100 * scores.train_accuracy, "%", digits=1, help=text.TRAIN_ACCURACY_HELP),
        frame.Number(text.TEST_ACCURACY, 100 * scores.test_accuracy, "%", digits=1, help=test_accuracy_help),
        frame.Number(text.TRAIN_LOG_LOSS, scores.train_log_loss, "bits", digits=2, help=text.LOSS_HELP),
        frame.Number(text.TEST_LOG_LOSS, scores.test_log_loss, "bits", digits=2, help=test_loss_help),
    ]
    if scores.test_log_px is not None:
        held_out = frame.Number(
            text.HELD_OUT_LOG_PX, scores.test_log_px, "bits/pt", digits=2, help=text.HELD_OUT_LOG_PX_HELP
        )
        numbers.append(held_out)
    return numbers


def model_panel(page: frame.PageFrame, view: genai.ModelPanel, ds: genai.Dataset, name: str, caption: str) -> None:
    """One model's P(y=1|x) over the data (under its heading), what the model is, and its scores (two per row)."""
    page.show(cache.figure(gc.probability_panel, view, style=page.style), name, data=ds.table)
    st.caption(caption)
    page.numbers(score_numbers(view.scores), per_row=2)


def probe_readout(page: frame.PageFrame, r: genai.ProbeReadout) -> None:
    """Both models' answers at x*, how likely p(x) finds it, and what that means."""
    rank = text.pct(r.rank) if r.rank > 0 else text.PROBE_RANK_NONE
    numbers = [
        frame.Number(text.PROBE_DISCRIMINATIVE, r.disc_p1, digits=3),
        frame.Number(text.PROBE_GENERATIVE, r.gen_p1, digits=3),
        frame.Number(text.PROBE_LOG_PX, r.log_px, "bits", digits=1, help=text.PROBE_LOG_PX_HELP),
        frame.Number(text.PROBE_RANK, rank, help=text.PROBE_RANK_HELP),
    ]
    page.numbers(numbers, per_row=1 if page.present else 2)  # presenter type is big: one per row, labels in full
    if r.verdict == "never seen":
        times, confidence = text.times_less(r.below_typical), text.pct(r.confidence)
        warning = text.NEVER_SEEN.format(times=times, disc_class=r.disc_class, confidence=confidence)
        st.warning(warning, icon=":material/travel_explore:")
    elif r.verdict == "edge":
        st.caption(text.AT_THE_EDGE)
    else:
        st.caption(text.AMONG_THE_DATA.format(share=text.pct(r.rank)))


def density_panel(page: frame.PageFrame, view: genai.Density, n_samples: int, sample_seed: int) -> None:
    """The generative model's p(x) with the points it generated (or the data)."""
    extra = text.DENSITY_WITH_SAMPLES.format(n=n_samples) if n_samples else text.DENSITY_WITH_DATA
    st.markdown(text.DENSITY_TITLE + extra)
    page.show(cache.figure(gc.density_panel, view, style=page.style), "genai-density", data=None)
    if n_samples:
        st.caption(text.SAMPLES_CAPTION.format(n=n_samples, seed=sample_seed))


def learning_curve(page: frame.PageFrame, curve: genai.LearningCurve) -> None:
    """Ng & Jordan's curves with the errors at both ends and where the curves cross."""
    curve_fig, curve_text = st.columns((3, 1), gap="large")
    with curve_fig:
        page.show(cache.figure(gc.learning_curve_chart, curve, style=page.style), "genai-ng-jordan", data=None)
    with curve_text:
        st.caption(text.CURVE_NUMBERS)
        ends = [
            frame.Number(
                text.CURVE_ERROR.format(n=curve.sizes[i]),
                text.CURVE_ERROR_VALUE.format(nb=100 * curve.nb_mean[i], lr=100 * curve.lr_mean[i]),
                help=text.CURVE_ERROR_HELP,
            )
            for i in (0, -1)
        ]
        cross = text.CURVE_CROSS_VALUE.format(n=curve.crossing) if curve.crossing else text.CURVE_NO_CROSS
        page.numbers([*ends, frame.Number(text.CURVE_CROSS, cross)], per_row=1)
    st.caption(text.CURVE_CAPTION.format(repetitions=genai.CURVE_SEEDS, test_points=genai.CURVE_TEST_POINTS))
