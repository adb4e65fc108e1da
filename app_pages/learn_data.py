"""What does it mean to "learn data"? Fit a density to samples, ask how likely a point is, sample new data."""

from __future__ import annotations

import hashlib

import streamlit as st

from lecture import learn_data as lt
from scenes import learn_data as learn
from ui import cache, frame
from ui.charts import density as dc
from ui.panels import learn_data as panels

page = frame.start("learn_data")
page.formula()


def live() -> None:
    """The data and model controls and all they drive: density, probe numbers, overfitting curve, what to notice."""
    fig, ctrl = page.columns()
    # Presenter mode: the controls that do not make the slide's point (sample size, seed) go under the figure.
    later = st.container() if page.present else ctrl
    with ctrl:
        source = st.selectbox("Data", lt.SOURCES, index=0, key="ld_data", bind="query-params", help=lt.HELP_DATA)
        n, dims, text, upload = 200, 1, "", None
        if source in lt.PRESETS:
            dims = learn.PRESET_DIMS[lt.PRESETS[source]]
            with later:
                n = st.slider("Data points n", 20, 2000, 200, 10, key="ld_n", bind="query-params")
        else:
            shape = st.radio("Dimensions", ["1-D", "2-D"], horizontal=True, key="ld_dims", bind="query-params")
            dims = 1 if shape == "1-D" else 2
            if source == lt.PASTE:
                example = learn.EXAMPLE_1D if dims == 1 else learn.EXAMPLE_2D
                hint = lt.HELP_PASTE.format(
                    min_points=learn.MIN_POINTS, max_chars=lt.MAX_CHARS, held_out=100 * learn.HELD_OUT
                )
                text = st.text_area(
                    "Your numbers",
                    example,
                    height=120,
                    max_chars=lt.MAX_CHARS,
                    key="ld_text",
                    bind="query-params",
                    help=hint,
                )
            else:  # a file cannot travel in a link: the uploader alone is not bound to the URL
                upload = st.file_uploader("CSV file", type=["csv", "txt"], key="ld_csv", help=lt.HELP_CSV)
        method = lt.METHODS[st.radio("Model q(x)", list(lt.METHODS), index=1, key="ld_method", bind="query-params")]
        alpha = 0.0
        if method == "histogram":
            value = st.select_slider(
                "Bins per axis", learn.KNOB_VALUES["histogram"], value=20, key="ld_bins", bind="query-params"
            )
            alpha = st.select_slider(
                "Pseudo-count α per bin",
                learn.ALPHAS,
                value=0.1,
                key="ld_alpha",
                bind="query-params",
                help=lt.HELP_ALPHA,
            )
        elif method == "kde":
            value = st.select_slider(
                "Bandwidth h",
                learn.KNOB_VALUES["kde"],
                value=0.3,
                key="ld_bw",
                bind="query-params",
                help=lt.HELP_BANDWIDTH,
            )
        else:
            value = st.slider("Components k", 1, 15, 4, key="ld_k", bind="query-params")
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
        n_new = st.slider(lt.NEW_POINTS, 0, 1000, 200, 50, key="ld_new", bind="query-params", help=lt.HELP_NEW_POINTS)
        with later:
            seed = page.seed_control(key="ld_seed")

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

    view = at = None  # the sections below need the data and the fit from this one
    with page.guard():
        key, raw = data_source()
        view = cache.scene(learn.picture, spinner=lt.SPINNER_FIT)(key, method, value, alpha, n_new, seed + 1, _raw=raw)
        at = cache.scene(learn.probe)(key, method, value, alpha, x1, x2, _raw=raw)
        with fig:
            if view.dims == 1:
                chart = cache.figure(dc.density_1d, view, x1, model_name(), style=page.style)
                page.show(chart, "main-density", data=view.table)
            else:  # equal units on both axes: the chart keeps its own width
                chart = cache.figure(dc.density_2d, view, at.point, model_name(), style=page.style)
                page.show(chart, "main-density", data=view.table, stretch=False)
            st.caption(panels.caption(view, n_new, seed + 1))

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

    curve = None
    if view is not None:
        with page.guard():
            curve = panels.overfitting(page, key, raw, method, alpha, value)
        panels.notice(page, view, at, curve, value, n_new)


page.panel(live)
page.quiz()
page.deeper()
page.end()
