"""Layouts of the "generative modeling problem" page's three tabs, each with its own "what to notice"."""

from __future__ import annotations

import streamlit as st

from lecture import modeling_problem as lt
from scenes import modeling_problem as problem
from ui import cache, frame
from ui.charts import density as dc


def models(page: frame.PageFrame) -> None:
    """Real digits beside samples of three models, their held-out bits per dimension, and the memorising warning."""
    fig, ctrl = page.columns()
    with ctrl:
        k = st.slider("Mixture components k", 1, 20, 8, key="mp_k", bind="query-params", help=lt.HELP_K)
        seed = page.seed_control(key="mp_seed")
        st.caption(lt.CAPTION_SEED)
    with page.guard():
        labels = (*lt.MODEL_NAMES[:-1], lt.MODEL_NAMES[-1].format(k=k))
        scores = cache.scene(problem.scores)(k, labels)
        headings = (*lt.GALLERY_HEADINGS[:-1], lt.GALLERY_HEADINGS[-1].format(k=k))
        notes = (lt.REAL_CAPTION, *(lt.SAMPLE_CAPTION.format(bits=scores.held_out(kind)) for kind in problem.KINDS))
        gallery = cache.scene(problem.gallery)(k, seed, headings)
        bars = cache.figure(dc.bits_per_dim_bars, scores, style=page.style)
        with fig:
            chart = cache.figure(dc.digit_gallery, gallery, headings, notes, style=page.style)
            page.show(chart, "main-gallery", data=gallery.table)
            if not page.present:  # the slide shows the pictures and their numbers; the bars come further down
                page.show(bars, "digits-bits-per-dim", data=scores.table)
        held_out = [scores.held_out(kind) for kind in problem.KINDS]
        page.numbers(
            [
                frame.Number(lt.NUMBER_INDEPENDENT, held_out[0], "bits/dim", lt.HELP_INDEPENDENT, digits=2),
                frame.Number(lt.NUMBER_GAUSSIAN, held_out[1], "bits/dim", lt.HELP_GAUSSIAN, digits=2),
                frame.Number(lt.NUMBER_MIXTURE.format(k=k), held_out[2], "bits/dim", lt.HELP_MIXTURE, digits=2),
                frame.Number(lt.NUMBER_UNIFORM, scores.uniform, "bits/dim", lt.HELP_UNIFORM, digits=2),
            ]
        )
        if page.present:
            page.show(bars, "digits-bits-per-dim", data=scores.table)
        if scores.memorises:
            train, test = scores.trained("mixture"), scores.held_out("mixture")
            warning = lt.WARN_MEMORISES.format(k=k, train=train, test=test, n_train=scores.n_train)
            st.warning(warning, icon=":material/warning:")
        values = {kind: frame.fmt(bits, "bits/dim", 2) for kind, bits in zip(problem.KINDS, held_out, strict=True)}
        values |= {"k": k, "mixture_train": frame.fmt(scores.trained("mixture"), "bits/dim", 2)}
        values["uniform"] = frame.fmt(scores.uniform, "bits/dim", 2)
        sentences = lt.NOTICE_MODELS
        page.notice(sentences[0], lt.NOTICE_MIXTURE[scores.mixture_vs_gaussian], sentences[2], **values)
    page.quiz()  # about the pictures of this tab, so it is asked beside them


def dependencies(page: frame.PageFrame) -> None:
    """One pixel's correlation with every pixel, the whole correlation matrix, and the counts around them."""
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
                picture = cache.picture(dc.pixel_map_picture, deps)
                st.image(picture, width=width, alt=lt.MAP_ALT.format(row=row, col=col))
            with right:
                st.markdown(lt.MATRIX_HEADING)
                st.image(cache.picture(dc.correlation_picture, deps), width=width, alt=lt.MATRIX_ALT)
            with st.container(width=width, gap=None):
                st.image(cache.picture(dc.colour_bar), width="stretch", alt=lt.KEY_ALT)
                ends = st.columns(3, gap=None)
                ends[0].caption(lt.KEY_ENDS[0])
                ends[1].caption(lt.KEY_ENDS[1], text_alignment="center")
                ends[2].caption(lt.KEY_ENDS[2], text_alignment="right")
            st.caption(lt.CAPTION_COLOURS)
        counts = {"strong": deps.strong_pairs, "pairs": problem.PAIRS, "threshold": problem.STRONG}
        if deps.constant:
            st.info(lt.INFO_CONSTANT.format(row=row, col=col), icon=":material/info:")
            page.notice(*lt.NOTICE_CONSTANT, row=row, col=col, **counts)
            return
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
        r = frame.fmt(deps.partner_r, digits=2)
        page.notice(
            *lt.NOTICE_DEPENDENCIES, row=row, col=col, partner_row=partner_row, partner_col=partner_col, r=r, **counts
        )


def curse(page: frame.PageFrame) -> None:
    """Cells a histogram needs against the data, and the estimates' error as the dimension grows."""
    fig, ctrl = page.columns()
    with ctrl:
        n = st.select_slider("Data points n", [100, 250, 500, 1000, 2000], value=500, key="mp_n", bind="query-params")
        bins = st.slider("Bins per axis", 2, 20, 10, key="mp_bins", bind="query-params")
        st.caption(lt.CAPTION_TRUTH)
    with page.guard():
        view = cache.scene(problem.curse, spinner=lt.SPINNER_CURSE)(n, bins)
        with fig:
            left, right = st.columns(2)
            with left:
                page.show(cache.figure(dc.cells_chart, view, style=page.style), "curse-cells", data=view.cells_table)
            with right:
                chart = cache.figure(dc.curse_error_chart, view, style=page.style)
                page.show(chart, "curse-error", data=view.table)
            st.caption(lt.CAPTION_CURSE.format(bins=bins, n=n))
        first, last = int(view.dims[0]), int(view.dims[-1])
        histogram, kde = float(view.histogram_tv[-1]), float(view.kde_tv[-1])
        page.numbers(
            [
                frame.Number(lt.NUMBER_CELLS, view.cells_64, help=lt.HELP_CELLS.format(bins=bins)),
                frame.Number(lt.NUMBER_HIST.format(d=first), float(view.histogram_tv[0]), "", digits=2),
                frame.Number(lt.NUMBER_HIST.format(d=last), histogram, "", digits=2, help=lt.HELP_HIST_LAST),
                frame.Number(lt.NUMBER_KDE_LAST.format(d=last), kde, "", digits=2, help=lt.HELP_KDE_LAST),
            ]
        )
        empty = frame.fmt(100 * float(view.empty_fraction[-1]), "%", 1)
        page.notice(
            *lt.NOTICE_CURSE,
            bins=bins,
            cells=view.cells_64,
            n=n,
            d=last,
            histogram=frame.fmt(histogram, digits=2),
            empty=empty,
            kde=frame.fmt(kde, digits=2),
        )
