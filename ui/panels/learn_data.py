"""Layouts of the "learn data" page's lower sections: the overfitting curve, and "what to notice" for what is shown."""

from __future__ import annotations

import streamlit as st

from lecture import learn_data as lt
from scenes import learn_data as learn
from ui import cache, frame, safety
from ui.charts import density as dc

for _example in (learn.EXAMPLE_1D, learn.EXAMPLE_2D):  # the examples to paste are the app's own: shared results
    cache.app_text(_example)


def caption(view: learn.Picture, n_new: int, seed: int) -> str:
    """What the figure's marks are; for the student's data, what was done to it (the note quotes their file)."""
    text = lt.CAPTION_POINTS.format(n=view.n_train, where=lt.WHERE_1D if view.dims == 1 else lt.WHERE_2D)
    text += lt.CAPTION_SAMPLES.format(n_new=n_new, seed=seed) if n_new else lt.CAPTION_END
    text += f" {safety.plain(view.note)}" if view.note else ""
    return text + ("" if view.truth else lt.CAPTION_STANDARDISED.format(held_out=100 * learn.HELD_OUT))


def overfitting(page: frame.PageFrame, key: tuple, raw: bytes | None, method: str, alpha: float, value: float):
    """Training vs held-out log-likelihood across the knob, with the truth's ceiling; returns the curve."""
    st.subheader(lt.OVERFITTING_TITLE, anchor=False)
    curve = cache.scene(learn.overfitting, spinner=lt.SPINNER_CURVE)(key, method, alpha, _raw=raw)
    point = curve.at(value)
    curve_fig, curve_notes = st.columns([3, 1], gap="large")
    with curve_fig:
        chart = cache.figure(dc.likelihood_curve, curve, value, style=page.style)
        page.show(chart, "learn-data-overfitting", data=curve.table)
    with curve_notes:
        st.metric(lt.LABEL_TRAIN.capitalize(), frame.fmt(point.train, "bits/point"), help=lt.HELP_TRAIN)
        held_out = lt.HELP_HELD_OUT.format(n_test=curve.n_test)
        st.metric(lt.LABEL_HELD_OUT.capitalize(), frame.fmt(point.test, "bits/point"), help=held_out)
        if curve.ceiling is not None:
            st.metric("Truth p on held-out", frame.fmt(curve.ceiling, "bits/point"), help=lt.HELP_CEILING)
            entropy = lt.HELP_ENTROPY.format(draws=learn.ENTROPY_DRAWS, h=curve.entropy, se=curve.entropy_se)
            st.metric("Differential entropy h(p)", frame.fmt(curve.entropy, "bits"), help=entropy)
    if point.impossible:
        st.warning(lt.WARN_IMPOSSIBLE, icon=":material/warning:")
    elif point.above_truth:
        st.info(lt.INFO_ABOVE_TRUTH, icon=":material/info:")
    best = lt.CAPTION_BEST.format(knob=curve.knob, best=curve.best_value)
    if method == "kde":
        small = lt.CAPTION_KDE.format(train_small=frame.fmt(curve.train[0], "bits/point"), h_small=curve.values[0])
        best += small
    st.caption(best + (lt.CAPTION_OFF_AXIS if curve.off_axis else ""))
    return curve


def notice(page: frame.PageFrame, view: learn.Picture, at: learn.Probe, curve, value: float, n_new: int) -> None:
    """ "What to notice", sentence by sentence true of what is shown: the fit, the probe, new samples, the curve."""
    known = at.p is not None
    unit = lt.UNIT_1D if view.dims == 1 else lt.UNIT_2D
    where = lt.PROBE_1D.format(x1=at.point[0]) if view.dims == 1 else lt.PROBE_2D.format(x1=at.point[0], x2=at.point[1])
    values = {
        "n": view.n_train,
        "where": where,
        "q": frame.fmt(at.q.density, unit),
        "surprise": frame.fmt(at.q.surprisal_bits, "bits"),
        "p": frame.fmt(at.p.density, unit) if known else "",
        "n_new": n_new,
    }
    sentences = [
        lt.NOTICE_FIT[view.dims, view.truth is not None],
        f"{lt.NOTICE_PROBE[known]} {lt.NOTICE_SAMPLES[n_new > 0]}",
    ]
    if curve is not None:
        point = curve.at(value)
        values |= {
            "train": frame.fmt(point.train, "bits/point"),
            "test": frame.fmt(point.test, "bits/point"),
            "knob": curve.knob,
            "value": value,
            "best": curve.best_value,
            "ceiling": frame.fmt(curve.ceiling, "bits/point") if curve.ceiling is not None else "",
        }
        sentences.append(lt.NOTICE_CURVE[curve.below_truth if curve.ceiling is not None else None])
    page.notice(*sentences, **values)
