"""Layouts of the "discriminative vs generative" page: its controls, the slide's figure with its key numbers, and
the two tabs (both models as classifiers; Ng & Jordan's data efficiency). Notation: p is the data, q the model."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial

import streamlit as st

from lecture import genai as text
from scenes import genai
from ui import cache, frame, safety
from ui.charts import genai as gc


@dataclass(frozen=True)
class Settings:
    """What the controls say: the data, the two models, the new points and the probe x*."""

    source: str
    n: int
    noise: float
    seed: int
    raw: bytes | None
    dmodel: str
    degree: int
    gmodel: str
    k: int
    n_samples: int
    sample_seed: int
    probe: tuple[float, float]

    @property
    def waiting(self) -> bool:
        """True while "My CSV file" is chosen and no file is there yet."""
        return self.source == genai.UPLOAD and self.raw is None

    @property
    def data(self) -> genai.DataKey:
        digest = hashlib.sha256(self.raw).hexdigest() if self.raw is not None else ""
        return (self.source, self.n, self.noise, self.seed, digest)


@dataclass(frozen=True)
class Fitted:
    """What the slide's section computed, for the tabs and the notice (None: not there, or it failed)."""

    disc: genai.ModelPanel | None = None
    gen: genai.ModelPanel | None = None
    density: genai.Density | None = None
    readout: genai.ProbeReadout | None = None


def controls(page: frame.PageFrame) -> Settings:
    """The controls, most important first: data set, the probe x*, new points; the rest folded away."""
    source = st.selectbox(
        text.DATA_LABEL, list(text.SOURCES), format_func=text.SOURCES.get, key="gen_data", bind="query-params"
    )
    raw = None
    if source == genai.UPLOAD:
        csv_help = text.CSV_HELP.format(max_rows=genai.MAX_ROWS)
        uploaded = st.file_uploader(text.CSV_LABEL, type=["csv", "txt"], key="gen_csv", help=csv_help)
        raw = uploaded.getvalue() if uploaded is not None else None
    st.markdown(text.PROBE_HEADING)
    limit = genai.PROBE_LIMIT
    px = st.slider(text.PROBE_X1, -limit, limit, 3.0, 0.5, key="gen_px", bind="query-params", help=text.PROBE_HELP)
    py = st.slider(text.PROBE_X2, -limit, limit, 2.5, 0.5, key="gen_py", bind="query-params", help=text.PROBE_HELP)
    n_samples = st.slider(
        text.SAMPLES_LABEL, 0, 500, 200, 50, key="gen_samples", bind="query-params", help=text.SAMPLES_HELP
    )
    with st.expander(text.SETTINGS_LABEL):
        n, noise = 0, 0.0  # an upload decides
        if source != genai.UPLOAD:
            n = st.slider(text.N_LABEL, 50, 800, 300, 50, key="gen_n", bind="query-params")
            noise = st.slider(
                text.NOISE_LABEL, 0.0, 1.0, 0.25, 0.05, key="gen_noise", bind="query-params", help=text.NOISE_HELP
            )
        seed = page.seed_control(key="gen_seed")
        dmodel = st.selectbox(
            text.DISCRIMINATIVE_LABEL,
            list(genai.DISCRIMINATIVE_MODELS),
            key="gen_disc",
            format_func=genai.DISCRIMINATIVE_MODELS.get,
            bind="query-params",
            help=text.DISCRIMINATIVE_HELP,
        )
        degree = 1
        if dmodel == "logistic":
            degree = st.slider(text.DEGREE_LABEL, 1, 6, 3, key="gen_degree", bind="query-params", help=text.DEGREE_HELP)
        gmodel = st.selectbox(
            text.GENERATIVE_LABEL,
            list(genai.GENERATIVE_MODELS),
            index=2,
            key="gen_gen",
            format_func=genai.GENERATIVE_MODELS.get,
            bind="query-params",
            help=text.GENERATIVE_HELP,
        )
        k = st.slider(text.K_LABEL, 1, 6, 3, key="gen_k", bind="query-params") if gmodel == "gmm" else 1
        sample_seed = int(
            st.number_input(
                text.SAMPLE_SEED_LABEL,
                0,
                99_999,
                1,
                1,
                key="gen_sample_seed",
                bind="query-params",
                help=text.SAMPLE_SEED_HELP,
            )
        )
    return Settings(
        source,
        int(n),
        float(noise),
        seed,
        raw,
        dmodel,
        int(degree),
        gmodel,
        int(k),
        int(n_samples),
        sample_seed,
        (float(px), float(py)),
    )


def data_notes(ds: genai.Dataset) -> None:
    """For an upload: what was done to it and which label became which class, then its size and columns.

    Labels and column names come from the reader's file: they reach markdown only as plain text.
    """
    if not ds.labels:  # a preset: nothing to explain
        return
    classes = text.CLASS_NAMES.format(zero=safety.plain(ds.labels[0]), one=safety.plain(ds.labels[1]))
    st.info(" ".join(filter(None, [ds.note, classes])), icon=":material/filter_alt:")
    columns = ", ".join(safety.plain(name) for name in ds.names)
    st.caption(text.UPLOAD_CAPTION.format(count=ds.count, columns=columns))


def _details(s: Settings) -> tuple[str, str]:
    ddetail = text.DEGREE_DETAIL.format(degree=s.degree) if s.dmodel == "logistic" else ""
    gdetail = text.COMPONENTS_DETAIL.format(k=s.k) if s.gmodel == "gmm" else ""
    return ddetail, gdetail


def probe_numbers(r: genai.ProbeReadout) -> list[frame.Number]:
    """The slide's key numbers: the discriminative answer at x*, log2 q(x*), and how ordinary x* is."""
    rank = text.pct(r.rank) if r.rank > 0 else text.PROBE_RANK_NONE
    return [
        frame.Number(text.PROBE_DISCRIMINATIVE, r.disc_p1, digits=3, help=text.PROBE_DISCRIMINATIVE_HELP),
        frame.Number(text.PROBE_LOG_PX, r.log_px, "bits", digits=1, help=text.PROBE_LOG_PX_HELP),
        frame.Number(text.PROBE_RANK, rank, help=text.PROBE_RANK_HELP),
        frame.Number(text.TYPICAL_LOG_PX, r.typical_log_px, "bits", digits=1, help=text.TYPICAL_LOG_PX_HELP),
    ]


def verdict(r: genai.ProbeReadout) -> None:
    """What q(x) says about x*: never seen (a warning), at the edge of the data, or among them."""
    if r.verdict == "never seen":
        times, confidence = text.times_less(r.below_typical), text.pct(r.confidence)
        warning = text.NEVER_SEEN.format(times=times, disc_class=r.disc_class, confidence=confidence)
        st.warning(warning, icon=":material/travel_explore:")
    elif r.verdict == "edge":
        st.info(text.AT_THE_EDGE.format(bits=r.below_typical), icon=":material/travel_explore:")
    else:
        st.info(text.AMONG_THE_DATA.format(share=text.pct(r.rank)), icon=":material/travel_explore:")


def slide(page: frame.PageFrame, s: Settings, ds: genai.Dataset) -> Fitted:
    """The slide's figure (discriminative q(y=1|x) beside generative q(x) and its new points), its key numbers
    and what q(x) says about x*. Each model is fitted in its own guard: one that fails leaves the other."""
    disc = gen = None
    with page.guard():
        disc = cache.scene(genai.discriminative, spinner=text.SPINNER)(s.data, s.dmodel, s.degree, _raw=s.raw)
    with page.guard():
        gen = cache.scene(genai.generative, spinner=text.SPINNER)(s.data, s.gmodel, s.k, _raw=s.raw)
    if disc is None or gen is None:
        return Fitted(disc, gen)
    dens = cache.scene(genai.density)(s.data, s.gmodel, s.k, s.n_samples, s.sample_seed, _raw=s.raw)
    mark = cache.scene(genai.probe_mark)(s.probe, disc.extent)
    # the two panels are cached; only x* is added on each rerun, so dragging it redraws nothing else
    base = cache.figure(gc.slide_figure, disc, dens, style=page.style)
    chart = cache.amend(base, partial(gc.with_probe, mark=mark, style=page.style))
    page.show(chart, "main-genai", data=genai.figure_table(dens, s.probe))
    readout = cache.scene(genai.probe_readout)(s.data, s.dmodel, s.degree, s.gmodel, s.k, s.probe, _raw=s.raw)
    page.numbers(probe_numbers(readout), per_row=2)  # two per row: the labels fit a laptop's figure column
    verdict(readout)
    ddetail, gdetail = _details(s)
    samples = text.SLIDE_SAMPLES.format(n=dens.n_samples, seed=s.sample_seed) if dens.n_samples else ""
    st.caption(
        text.SLIDE_CAPTION.format(
            dmodel=genai.DISCRIMINATIVE_MODELS[s.dmodel],
            ddetail=ddetail,
            gmodel=genai.GENERATIVE_MODELS[s.gmodel],
            gdetail=gdetail,
            samples=samples or text.SLIDE_NO_SAMPLES,
        )
    )
    st.caption(text.CANNOT_GENERATE)
    data_notes(ds)
    return Fitted(disc, gen, dens, readout)


def score_numbers(scores) -> list[frame.Number]:
    """Train and test accuracy and log-loss (and, for a generative model, held-out log2 q(x)) as metrics."""
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


def classifiers_tab(page: frame.PageFrame, s: Settings, ds: genai.Dataset | None, fitted: Fitted) -> None:
    """Both models' q(y=1|x) side by side on the same window, with their scores (two per row)."""
    if ds is None or fitted.disc is None:
        st.caption(text.NO_DATA)
        return
    st.markdown(text.CLASSIFIERS_INTRO)
    mark = cache.scene(genai.probe_mark)(s.probe, fitted.disc.extent)
    ddetail, gdetail = _details(s)
    sides = (
        (
            fitted.disc,
            text.DISCRIMINATIVE_HEADING,
            text.DISCRIMINATIVE_TITLE,
            text.DISCRIMINATIVE_CAPTION,
            genai.DISCRIMINATIVE_MODELS[s.dmodel],
            ddetail,
            "genai-discriminative",
        ),
        (
            fitted.gen,
            text.GENERATIVE_HEADING,
            text.GENERATIVE_TITLE,
            text.GENERATIVE_CAPTION,
            genai.GENERATIVE_MODELS[s.gmodel],
            gdetail,
            "genai-generative",
        ),
    )
    for column, (view, heading, title, caption, model, detail, name) in zip(
        st.columns(2, gap="medium"), sides, strict=True
    ):
        with column:
            st.markdown(heading)
            if view is None:
                st.caption(text.NO_GENERATIVE)
                continue
            base = cache.figure(gc.probability_panel, view, title.format(model=model), style=page.style)
            chart = cache.amend(base, partial(gc.with_probe, mark=mark, style=page.style))
            page.show(chart, name, data=ds.table)
            st.caption(caption.format(model=model, detail=detail))
            page.numbers(score_numbers(view.scores), per_row=2)
    if fitted.gen is not None and fitted.readout is not None:
        st.markdown(
            text.CLASSIFIERS_NOTE.format(
                disc_accuracy=100 * fitted.disc.scores.test_accuracy,
                gen_accuracy=100 * fitted.gen.scores.test_accuracy,
                gen_p1=fitted.readout.gen_p1,
            )
        )


def curve_tab(page: frame.PageFrame) -> None:
    """Ng & Jordan's curves with the errors at both ends and where the curves cross."""
    curve = cache.scene(genai.learning_curve, spinner=text.CURVE_SPINNER)()
    curve_fig, curve_text = st.columns((3, 1), gap="large")
    with curve_fig:
        st.markdown(text.CURVE_HEADING)
        page.show(
            cache.figure(gc.learning_curve_chart, curve, style=page.style),
            "genai-ng-jordan",
            data=genai.curve_table(curve),
        )
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
    if curve.crossing:
        st.markdown(text.CURVE_NOTE.format(crossing=curve.crossing))
    else:
        st.markdown(text.CURVE_NOTE_NO_CROSS.format(first=curve.sizes[0], last=curve.sizes[-1]))
    st.caption(text.CURVE_CAPTION.format(repetitions=genai.CURVE_SEEDS, test_points=genai.CURVE_TEST_POINTS))


def notice(page: frame.PageFrame, s: Settings, fitted: Fitted) -> None:
    """'What to notice' about the slide's figure as it is now (a short prompt while there is nothing to see)."""
    r, dens = fitted.readout, fitted.density
    if r is None or dens is None:
        page.notice(text.NOTICE_WAITING)
        return
    right = text.NOTICE_SAMPLES if dens.n_samples else text.NOTICE_NO_SAMPLES
    page.notice(
        text.NOTICE_DISCRIMINATIVE,
        right,
        text.NOTICE_PROBE,
        disc_class=r.disc_class,
        confidence=text.pct(r.confidence),
        n=dens.n_samples,
        log_px=frame.fmt(r.log_px, "bits", 1),
        typical=frame.fmt(r.typical_log_px, "bits", 1),
    )
