"""The generative modeling problem: learn p(x) for real 64-dimensional data, and see why it is hard."""

from __future__ import annotations

import streamlit as st

from lecture import modeling_problem as lt
from scenes import modeling_problem as problem
from ui import cache, frame
from ui.charts import density as dc

page = frame.start("modeling_problem")
page.formula()

digits = cache.scene(problem.digits)()
st.markdown(lt.DATA.format(n_total=digits.n_total, n_train=digits.n_train, n_test=digits.n_test))

tab_models, tab_deps, tab_curse = st.tabs(list(lt.TABS), key="mp_tab", bind="query-params")

if tab_models.open:
    with tab_models:
        fig, ctrl = page.columns()
        with ctrl:
            k = st.slider("Mixture components k", 1, 20, 8, key="mp_k", bind="query-params", help=lt.HELP_K)
            seed = page.seed_control(key="mp_seed")
            st.caption(lt.CAPTION_SEED)
        with page.guard():
            labels = (*lt.MODEL_NAMES[:-1], lt.MODEL_NAMES[-1].format(k=k))
            scores = cache.scene(problem.scores)(k, labels)
            with fig:
                columns = st.columns(4)
                with columns[0]:
                    st.markdown(lt.REAL_HEADING)
                    st.image(cache.picture(dc.digit_tiles, cache.scene(problem.real_digits)(seed)), width="stretch")
                    st.caption(lt.REAL_CAPTION)
                for col, kind, heading in zip(columns[1:], problem.KINDS, lt.SAMPLE_HEADINGS, strict=True):
                    with col:
                        st.markdown(heading.format(k=k))
                        samples = cache.scene(problem.model_samples)(kind, k, seed)
                        st.image(cache.picture(dc.digit_tiles, samples), width="stretch")
                        st.caption(lt.SAMPLE_CAPTION.format(bits=scores.held_out(kind)))
                chart = cache.figure(dc.bits_per_dim_bars, scores, style=page.style)
                page.show(chart, "digits-bits-per-dim", data=scores.table)
            page.numbers(
                [
                    frame.Number(
                        lt.NUMBER_INDEPENDENT, scores.held_out("independent"), "bits/dim", help=lt.HELP_INDEPENDENT
                    ),
                    frame.Number(lt.NUMBER_GAUSSIAN, scores.held_out("gaussian"), "bits/dim", help=lt.HELP_GAUSSIAN),
                    frame.Number(
                        lt.NUMBER_MIXTURE.format(k=k), scores.held_out("mixture"), "bits/dim", help=lt.HELP_MIXTURE
                    ),
                    frame.Number(lt.NUMBER_UNIFORM, scores.uniform, "bits/dim", help=lt.HELP_UNIFORM),
                ]
            )
            if scores.memorises:
                train, test = scores.trained("mixture"), scores.held_out("mixture")
                warning = lt.WARN_MEMORISES.format(k=k, train=train, test=test, n_train=scores.n_train)
                st.warning(warning, icon=":material/warning:")

if tab_deps.open:
    with tab_deps:
        fig, ctrl = page.columns()
        with ctrl:
            row = st.slider("Pixel row", 0, 7, 0, key="mp_row", bind="query-params")
            col = st.slider("Pixel column", 0, 7, 2, key="mp_col", bind="query-params")
        with page.guard():
            deps = cache.scene(problem.dependencies)(row, col)
            width = page.style.height(320)
            with fig:
                left, right = st.columns(2)
                with left:
                    st.markdown(lt.MAP_HEADING.format(row=row, col=col))
                    st.image(cache.picture(dc.pixel_map_picture, deps), width=width)
                with right:
                    st.markdown(lt.MATRIX_HEADING)
                    st.image(cache.picture(dc.correlation_picture, deps), width=width)
                with st.container(width=width, gap=None):
                    st.image(cache.picture(dc.colour_bar), width="stretch")
                    ends = st.columns(3, gap=None)
                    ends[0].caption(lt.KEY_ENDS[0])
                    ends[1].caption(lt.KEY_ENDS[1], text_alignment="center")
                    ends[2].caption(lt.KEY_ENDS[2], text_alignment="right")
                st.caption(lt.CAPTION_COLOURS)
            if deps.constant:
                st.info(lt.INFO_CONSTANT.format(row=row, col=col), icon=":material/info:")
            else:
                partner_row, partner_col = deps.partner
                page.numbers(
                    [
                        frame.Number(
                            lt.NUMBER_PARTNER, lt.PARTNER.format(row=partner_row, col=partner_col), help=lt.HELP_PARTNER
                        ),
                        frame.Number(lt.NUMBER_PARTNER_R, deps.partner_r, "", digits=2),
                        frame.Number(
                            lt.NUMBER_STRONG.format(strong=problem.STRONG), deps.strong_pairs, "", help=lt.HELP_STRONG
                        ),
                        frame.Number(lt.NUMBER_CONSTANT, deps.constant_pixels, "", help=lt.HELP_CONSTANT),
                    ]
                )

if tab_curse.open:
    with tab_curse:
        fig, ctrl = page.columns()
        with ctrl:
            n = st.select_slider(
                "Data points n", [100, 250, 500, 1000, 2000], value=500, key="mp_n", bind="query-params"
            )
            bins = st.slider("Bins per axis", 2, 20, 10, key="mp_bins", bind="query-params")
            st.caption(lt.CAPTION_TRUTH)
        with page.guard():
            curse = cache.scene(problem.curse, spinner=lt.SPINNER_CURSE)(n, bins)
            with fig:
                left, right = st.columns(2)
                with left:
                    page.show(cache.figure(dc.cells_chart, curse, style=page.style), "curse-cells")
                with right:
                    chart = cache.figure(dc.curse_error_chart, curse, style=page.style)
                    page.show(chart, "curse-error", data=curse.table)
                st.caption(lt.CAPTION_CURSE.format(bins=bins, n=n))
            first, last = int(curse.dims[0]), int(curse.dims[-1])
            page.numbers(
                [
                    frame.Number(lt.NUMBER_CELLS, curse.cells_64, help=lt.HELP_CELLS.format(bins=bins)),
                    frame.Number(lt.NUMBER_HIST.format(d=first), float(curse.histogram_tv[0]), "", digits=2),
                    frame.Number(
                        lt.NUMBER_HIST.format(d=last),
                        float(curse.histogram_tv[-1]),
                        "",
                        digits=2,
                        help=lt.HELP_HIST_LAST,
                    ),
                    frame.Number(
                        lt.NUMBER_KDE_LAST.format(d=last), float(curse.kde_tv[-1]), "", digits=2, help=lt.HELP_KDE_LAST
                    ),
                ]
            )

page.notice()
st.info(lt.NEXT, icon=":material/arrow_forward:")
page.quiz()
page.deeper()
page.end()
