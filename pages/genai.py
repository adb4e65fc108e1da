"""Generative AI principles: a discriminative P(y|x) and a generative p(x|y)p(y) side by side on the same data."""

from __future__ import annotations

import hashlib

import streamlit as st

from lecture import genai as text
from scenes import genai
from ui import cache, frame
from ui.panels import genai as panels

page = frame.start("genai")
if page.present:
    page.formula()  # two lines: the big type would cut one line off on a 1366 px screen
else:
    page.formula(text.FORMULA_ONE_LINE, where=text.WHERE)

fig, ctrl = page.columns((3, 1))
with ctrl:
    st.markdown(text.DATA_HEADING)
    source = st.selectbox(
        "Data set", list(text.SOURCES), format_func=text.SOURCES.get, key="gen_data", bind="query-params"
    )
    raw: bytes | None = None
    if source == genai.UPLOAD:
        n, noise = 0, 0.0  # the file decides
        csv_help = text.CSV_HELP.format(max_rows=genai.MAX_ROWS)
        uploaded = st.file_uploader(
            "CSV: two numeric features, then a label", type=["csv", "txt"], key="gen_csv", help=csv_help
        )
        raw = uploaded.getvalue() if uploaded is not None else None
    else:
        n = st.slider("Points n", 50, 800, 300, 50, key="gen_n", bind="query-params")
        noise = st.slider("Noise", 0.0, 1.0, 0.25, 0.05, key="gen_noise", bind="query-params", help=text.NOISE_HELP)
    seed = page.seed_control(key="gen_seed")

    st.markdown(text.MODELS_HEADING)
    dmodel = st.selectbox(
        "Discriminative P(y|x)",
        list(genai.DISCRIMINATIVE_MODELS),
        format_func=genai.DISCRIMINATIVE_MODELS.get,
        key="gen_disc",
        bind="query-params",
        help=text.DISCRIMINATIVE_HELP,
    )
    degree = 1
    if dmodel == "logistic":
        degree = st.slider("Polynomial degree", 1, 6, 3, key="gen_degree", bind="query-params", help=text.DEGREE_HELP)
    gmodel = st.selectbox(
        "Generative p(x|y) p(y)",
        list(genai.GENERATIVE_MODELS),
        index=2,
        format_func=genai.GENERATIVE_MODELS.get,
        key="gen_gen",
        bind="query-params",
        help=text.GENERATIVE_HELP,
    )
    k = 1
    if gmodel == "gmm":
        k = st.slider("Components per class k", 1, 6, 3, key="gen_k", bind="query-params")

    st.markdown(text.GENERATE_HEADING)
    # Short toggle labels: the controls column is narrow on a laptop in presenter mode.
    n_samples, sample_seed = 0, 0
    if st.toggle("Generate", value=True, key="gen_generate", bind="query-params", help=text.GENERATE_HELP):
        n_samples = st.slider("How many", 50, 500, 200, 50, key="gen_samples", bind="query-params")
        sample_seed = int(st.number_input("Sample seed", 0, 99_999, 1, 1, key="gen_sample_seed", bind="query-params"))

    st.markdown(text.PROBE_HEADING)
    probe: tuple[float, float] | None = None
    if st.toggle("Show x*", value=True, key="gen_probe", bind="query-params", help=text.PROBE_HELP):
        limit = genai.PROBE_LIMIT
        px = st.slider("x₁ of x*", -limit, limit, 3.0, 0.5, key="gen_px", bind="query-params")
        py = st.slider("x₂ of x*", -limit, limit, 3.0, 0.5, key="gen_py", bind="query-params")
        probe = (float(px), float(py))
        st.caption(text.PROBE_CAPTION)

ds = disc = gen = None
data = (source, n, noise, seed, hashlib.sha256(raw).hexdigest() if raw is not None else "")
with fig, page.guard():  # a bad upload's message appears where the figure would be
    if source == genai.UPLOAD and raw is None:
        st.info(text.UPLOAD_PROMPT, icon=":material/upload_file:")
    else:
        ds = cache.scene(genai.dataset)(data, _raw=raw)

if ds is not None:
    with fig:
        panels.data_notes(ds)
        left, right = st.columns(2, gap="medium")
        # The headings come first: a model that cannot be fitted leaves its heading above the message.
        with left, page.guard():
            st.markdown(text.DISCRIMINATIVE_HEADING)
            fit = cache.scene(genai.discriminative, spinner=text.DISCRIMINATIVE_SPINNER)
            disc = fit(data, dmodel, degree, probe, _raw=raw)
            detail = text.DEGREE_DETAIL.format(degree=degree) if dmodel == "logistic" else ""
            caption = text.DISCRIMINATIVE_CAPTION.format(model=genai.DISCRIMINATIVE_MODELS[dmodel], detail=detail)
            panels.model_panel(page, disc, ds, "genai-discriminative", caption)
        with right, page.guard():
            st.markdown(text.GENERATIVE_HEADING)
            gen = cache.scene(genai.generative, spinner=text.GENERATIVE_SPINNER)(data, gmodel, k, probe, _raw=raw)
            detail = text.COMPONENTS_DETAIL.format(k=k) if gmodel == "gmm" else ""
            caption = text.GENERATIVE_CAPTION.format(model=genai.GENERATIVE_MODELS[gmodel], detail=detail)
            panels.model_panel(page, gen, ds, "genai-generative", caption)

        st.markdown(text.PX_HEADING)
        left, right = st.columns(2, gap="medium")
        with left, page.guard():
            st.info(text.CANNOT_GENERATE, icon=":material/block:")
            if probe is None:
                st.caption(text.PROBE_OFF)
            elif disc is None or gen is None:
                st.caption(text.PROBE_NEEDS_BOTH)
            else:
                readout = cache.scene(genai.probe_readout)(data, dmodel, degree, gmodel, k, probe, _raw=raw)
                panels.probe_readout(page, readout)
        with right, page.guard():
            if gen is None:
                st.caption(text.NO_DENSITY)
            else:
                view = cache.scene(genai.density)(data, gmodel, k, probe, n_samples, sample_seed, _raw=raw)
                panels.density_panel(page, view, n_samples, sample_seed)

st.subheader(text.CURVE_HEADING)
curve = None
with page.guard():
    curve = cache.scene(genai.learning_curve, spinner=text.CURVE_SPINNER)()
    panels.learning_curve(page, curve)

notes, values = [text.NOTICE_GENERATE], {}
if disc is not None and gen is not None:
    notes.insert(0, text.NOTICE_ACCURACY)
    values.update(disc_accuracy=100 * disc.scores.test_accuracy, gen_accuracy=100 * gen.scores.test_accuracy)
if curve is not None and curve.crossing:
    notes.append(text.NOTICE_CROSSING)
    values.update(crossing=curve.crossing)
page.notice(*notes, **values)
page.quiz()
page.deeper()
page.end()
