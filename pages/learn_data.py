"""What does it mean to "learn data"? Fit a density to samples, ask how likely a point is, sample new data."""

from __future__ import annotations

import hashlib

import streamlit as st

from lecture import learn_data as lt
from scenes import learn_data as learn
from ui import cache, frame
from ui.charts import density as dc

page = frame.start("learn_data")
page.formula()

fig, ctrl = page.columns()
with ctrl:
    source = st.selectbox("Data", lt.SOURCES, index=0, key="ld_data", bind="query-params", help=lt.HELP_DATA)
    n, dims, text, upload = 200, 1, "", None
    if source in lt.PRESETS:
        n = st.slider("Data points n", 20, 2000, 200, 10, key="ld_n", bind="query-params")
        dims = learn.PRESET_DIMS[lt.PRESETS[source]]
    else:
        shape = st.radio("Dimensions", ["1-D", "2-D"], horizontal=True, key="ld_dims", bind="query-params")
        dims = 1 if shape == "1-D" else 2
        if source == lt.PASTE:
            example = learn.EXAMPLE_1D if dims == 1 else learn.EXAMPLE_2D
            hint = lt.HELP_PASTE.format(min_points=learn.MIN_POINTS, held_out=100 * learn.HELD_OUT)
            text = st.text_area(
                "Your numbers", example, height=120, max_chars=20_000, key="ld_text", bind="query-params", help=hint
            )
        else:
            upload = st.file_uploader("CSV file", type=["csv", "txt"], key="ld_csv", help=lt.HELP_CSV)
    seed = page.seed_control(key="ld_seed")
    method = lt.METHODS[st.radio("Model q(x)", list(lt.METHODS), index=1, key="ld_method", bind="query-params")]
    alpha = 0.0
    if method == "histogram":
        value = st.select_slider(
            "Bins per axis", learn.KNOB_VALUES["histogram"], value=20, key="ld_bins", bind="query-params"
        )
        alpha = st.select_slider(
            "Pseudo-count α per bin", learn.ALPHAS, value=0.1, key="ld_alpha", bind="query-params", help=lt.HELP_ALPHA
        )
    elif method == "kde":
        value = st.select_slider(
            "Bandwidth h", learn.KNOB_VALUES["kde"], value=0.3, key="ld_bw", bind="query-params", help=lt.HELP_BANDWIDTH
        )
    else:
        value = st.slider("Components k", 1, 15, 4, key="ld_k", bind="query-params")
    n_new = st.slider("Once learned → sample: new points", 0, 1000, 200, 50, key="ld_new", bind="query-params")

    probe_cols = st.columns(dims)
    x2 = 0.0
    with probe_cols[0]:
        label = "Probe x" if dims == 1 else "Probe x₁"
        x1 = st.number_input(
            label, value=0.5, step=0.1, format="%.2f", key="ld_x", bind="query-params", help=lt.HELP_PROBE
        )
    if dims == 2:
        with probe_cols[1]:
            x2 = st.number_input("Probe x₂", value=0.0, step=0.1, format="%.2f", key="ld_x2", bind="query-params")


def data_source() -> tuple[tuple, bytes | None]:
    """How the scenes name the data (an upload by its digest), and the upload's bytes."""
    if source in lt.PRESETS:
        return ("preset", lt.PRESETS[source], n, seed), None
    if source == lt.PASTE:
        return ("paste", text, dims, seed), None
    if upload is None:
        raise ValueError(lt.NEED_UPLOAD)
    raw = upload.getvalue()
    return ("csv", hashlib.sha256(raw).hexdigest(), dims, seed), raw


def model_name() -> str:
    return lt.MODEL_NAMES[method].format(value=value) + (lt.ALPHA_NAME.format(alpha=alpha) if alpha else "")


def caption(view: learn.Picture) -> str:
    text = lt.CAPTION_POINTS.format(n=view.n_train, where=lt.WHERE_1D if view.dims == 1 else lt.WHERE_2D)
    text += lt.CAPTION_SAMPLES.format(n_new=n_new, seed=seed + 1) if n_new else lt.CAPTION_END
    text += f" {view.note}" if view.note else ""
    return text + ("" if view.truth else lt.CAPTION_STANDARDISED.format(held_out=100 * learn.HELD_OUT))


fitted = False  # the overfitting section below needs the data and the fit from this one
with page.guard():
    key, raw = data_source()
    view = cache.scene(learn.picture, spinner=lt.SPINNER_FIT)(key, method, value, alpha, n_new, seed + 1, _raw=raw)
    at = cache.scene(learn.probe)(key, method, value, alpha, x1, x2, _raw=raw)
    with fig:
        if view.dims == 1:
            chart = cache.figure(dc.density_1d, view, x1, model_name(), style=page.style)
            page.show(chart, "learn-data-density", data=view.table)
        else:  # a narrower column keeps the 2-D picture about square (the chart stretches to its column)
            chart = cache.figure(dc.density_2d, view, at.point, model_name(), style=page.style)
            with st.columns([3, 2])[0]:
                page.show(chart, "learn-data-density", data=view.table)
        st.caption(caption(view))

    unit = lt.UNIT_1D if view.dims == 1 else lt.UNIT_2D
    where = lt.PROBE_1D.format(x1=x1) if view.dims == 1 else lt.PROBE_2D.format(x1=x1, x2=x2)
    numbers = [
        frame.Number("q(x): model density", at.q.density, unit, help=lt.HELP_Q.format(where=where)),
        frame.Number("−log₂ q(x): surprise", at.q.surprisal_bits, "bits", help=lt.HELP_SURPRISE),
    ]
    if at.p is not None:
        numbers += [
            frame.Number("p(x): true density", at.p.density, unit, help=lt.HELP_P.format(where=where)),
            frame.Number("−log₂ p(x)", at.p.surprisal_bits, "bits", help=lt.HELP_P_SURPRISE),
        ]
    page.numbers(numbers)
    fitted = True


def overfitting_section() -> None:
    """Training vs held-out log-likelihood across the knob, with the truth's ceiling."""
    st.subheader(lt.OVERFITTING_TITLE, anchor=False)
    curve = cache.scene(learn.overfitting, spinner=lt.SPINNER_CURVE)(key, method, alpha, _raw=raw)
    point = curve.at(value)
    curve_fig, curve_notes = st.columns([3, 1], gap="large")
    with curve_fig:
        chart = cache.figure(dc.likelihood_curve, curve, value, style=page.style)
        page.show(chart, "learn-data-overfitting", data=curve.table)
    with curve_notes:
        st.metric("Training points", frame.fmt(point.train, "bits/point"), help=lt.HELP_TRAIN)
        held_out = lt.HELP_HELD_OUT.format(n_test=curve.n_test)
        st.metric("Held-out points", frame.fmt(point.test, "bits/point"), help=held_out)
        if curve.ceiling is not None:
            st.metric("Truth p on held-out", frame.fmt(curve.ceiling, "bits/point"), help=lt.HELP_CEILING)
            entropy = lt.HELP_ENTROPY.format(draws=learn.ENTROPY_DRAWS, h=curve.entropy, se=curve.entropy_se)
            st.metric("Differential entropy h(p)", frame.fmt(curve.entropy, "bits"), help=entropy)
    if point.impossible:
        st.warning(lt.WARN_IMPOSSIBLE, icon=":material/warning:")
    elif point.above_truth:
        st.info(lt.INFO_ABOVE_TRUTH, icon=":material/info:")
    best = lt.CAPTION_BEST.format(knob=curve.knob, best=curve.best_value)
    st.caption(best + (lt.CAPTION_OFF_AXIS if curve.off_axis else ""))


if fitted:
    with page.guard():
        overfitting_section()

page.notice()
page.quiz()
page.deeper()
page.end()
