"""Tab layouts of the "hidden structure" and "latent variables" pages: controls, one scene, its pictures and numbers."""

from __future__ import annotations

import streamlit as st

from lecture import hidden_structure as hs_text
from lecture import latent_variables as lv_text
from scenes import hidden_structure as hs
from scenes import latent_variables as lv
from ui import cache, frame
from ui.charts import latent as lc

#: The causes varied in the PCA data set by default.
VARIED = ("angle", "thickness", "y")
CAUSE_NAMES = hs_text.CAUSE_NAMES


def picture(png: bytes, caption: str, where=st) -> None:
    """A PNG made by a picture builder, at its column's width (shrunk sharply, never blown up); the caption is
    also its text alternative (without the maths markers)."""
    where.image(png, width="stretch", output_format="PNG", caption=caption, alt=caption.replace("$", ""))


# ----------------------------------------------------------------------------------------------- hidden structure


def cause_grid(page: frame.PageFrame, z: tuple[float, ...]) -> hs.CauseGrid | None:
    """Images over two causes (the others where the sliders put them) beside their bent sheet in pixel space.

    Returns the grid shown (None if the two causes are the same), for the page's sentences.
    """
    # Controls in one row above, so the grid of images and its picture in pixel space sit side by side.
    c1, c2, c3 = st.columns(3)
    names = list(hs.CAUSE_NAMES)
    a = c1.selectbox(
        "Cause down the rows", names, index=1, format_func=CAUSE_NAMES.get, key="hs_rows", bind="query-params"
    )
    b = c2.selectbox(
        "Cause across the columns",
        names,
        index=2,
        format_func=CAUSE_NAMES.get,
        key="hs_cols",
        bind="query-params",
        help=hs_text.HELP_COLUMNS,
    )
    n = c3.slider("Images per side", 3, 9, 7, key="hs_n", bind="query-params")
    grid = None
    with page.guard():
        if a == b:
            raise ValueError(hs_text.SAME_CAUSE)
        grid = cache.scene(hs.cause_grid)(a, b, n, z)
        left, right = st.columns((2, 3), gap="large")
        first_a, last_a, first_b, last_b = grid.values_a[0], grid.values_a[-1], grid.values_b[0], grid.values_b[-1]
        caption = hs_text.GRID_CAPTION.format(
            name_a=CAUSE_NAMES[a], a_first=first_a, a_last=last_a, name_b=CAUSE_NAMES[b], b_first=first_b, b_last=last_b
        )
        picture(cache.picture(lc.grid_picture, grid), caption, where=left)
        with right:
            surface = cache.figure(lc.surface_chart, grid, CAUSE_NAMES[a], CAUSE_NAMES[b], style=page.style)
            page.show(surface, "hidden-surface", data=grid.table)
        notes = dict.fromkeys(hs_text.SURFACE_NOTES[c] for c in (a, b) if c in hs_text.SURFACE_NOTES)
        st.caption(" ".join([hs_text.SURFACE_CAPTION.format(images=grid.n * grid.n, pixels=hs.PIXELS), *notes]))
    return grid


def cause_count(page: frame.PageFrame) -> hs.CauseCount | None:
    """A data set in which the chosen causes vary, and how many directions PCA finds above the noise.

    Returns the count shown (None if no cause varies), for the page's sentences.
    """
    fig, ctrl = page.columns()
    with ctrl:
        # One checkbox per cause, not a multiselect: every name stays readable in a narrow column.
        st.markdown(hs_text.VARY_TITLE)
        active = tuple(
            name
            for name in hs.CAUSE_NAMES
            if st.checkbox(CAUSE_NAMES[name], value=name in VARIED, key=f"hs_vary_{name}", bind="query-params")
        )
        spread = st.slider(
            "How far they vary", 0.1, 1.0, 0.1, 0.05, key="hs_spread", bind="query-params", help=hs_text.HELP_SPREAD
        )
        noise = st.slider("Pixel noise σ", 0.005, 0.1, 0.02, 0.005, key="hs_noise", bind="query-params", format="%.3f")
        n_img = st.slider("Images in the data set", 100, 800, 400, 50, key="hs_nimg", bind="query-params")
        seed = page.seed_control(key="hs_seed")
    count = None
    with page.guard():
        if not active:
            raise ValueError(hs_text.NO_CAUSE)
        count = cache.scene(hs.count_causes)(active, float(spread), float(noise), int(n_img), seed)
        with fig:
            picture(cache.picture(lc.examples_picture, count), hs_text.EXAMPLES_CAPTION)
            spectrum = cache.figure(lc.spectrum_chart, count, style=page.style)
            page.show(spectrum, "hidden-pca-spectrum", data=count.table)
        found_help = hs_text.HELP_FOUND.format(margin=hs.FLOOR_MARGIN)
        page.numbers(
            [
                frame.Number("Causes varied", count.n_varied, "", help=hs_text.HELP_VARIED),
                frame.Number("Directions above the noise", count.found, "", help=found_help),
                frame.Number("Noise floor", count.floor, "variance", digits=4),
            ]
        )
        if count.all_found:
            st.success(hs_text.FOUND_ALL.format(found=count.found), icon=":material/check_circle:")
        else:
            st.info(hs_text.FOUND_OTHER.format(found=count.found, varied=count.n_varied), icon=":material/info:")
    return count


# ----------------------------------------------------------------------------------------------- latent variables


def reconstruction(page: frame.PageFrame) -> lv.Reconstruction | None:
    """Held-out digits rebuilt from k numbers, and the share of their variance every k rebuilds (returned)."""
    fig, ctrl = page.columns()
    with ctrl:
        k = st.slider(
            "Latent dimensions k",
            1,
            lv.MAX_K_REBUILT,
            8,
            key="lv_krec",
            bind="query-params",
            help=lv_text.HELP_REBUILT_K,
        )
    rec = None
    with page.guard():
        rec = cache.scene(lv.reconstruction)(k)
        with fig:
            picture(cache.picture(lc.reconstruction_picture, rec), lv_text.RECONSTRUCTION_CAPTION.format(k=rec.k))
            page.show(cache.figure(lc.explained_chart, rec, style=page.style), "latent-reconstruction", data=rec.table)
        kept = lv_text.NUMBERS_PER_DIGIT.format(pixels=rec.pixels, k=rec.k)
        page.numbers(
            [
                frame.Number("Variance rebuilt", rec.rebuilt_percent, "%", digits=1, help=lv_text.HELP_REBUILT),
                frame.Number("Error per pixel", rec.rms_at_k, "RMS", digits=3, help=lv_text.HELP_RMS),
                frame.Number("Numbers per digit", kept, "", help=lv_text.HELP_NUMBERS_PER_DIGIT),
            ]
        )
    return rec


def latent_space(page: frame.PageFrame) -> lv.LatentSpace | None:
    """The held-out digits at their 2-D codes, coloured by the labels the model never saw (returned)."""
    fig, ctrl = page.columns()
    with ctrl:
        everything = list(range(10))
        shown = st.multiselect("Digits to show", everything, default=everything, key="lv_digits", bind="query-params")
        st.caption(lv_text.SPACE_CAPTION.format(k=lv.K_SPACE))
    space = None
    with page.guard():
        if not shown:
            raise ValueError(lv_text.NO_DIGIT)
        space = cache.scene(lv.latent_space)(tuple(sorted(shown)))
        with fig:
            scatter = cache.figure(lc.latent_scatter, space, style=page.style)
            page.show(scatter, "latent-space", data=space.table, stretch=False)
        agree_help = lv_text.HELP_AGREE.format(neighbours=lv.NEIGHBOURS)
        page.numbers(
            [
                frame.Number("Neighbours agree", space.agreement_percent, "%", digits=1, help=agree_help),
                frame.Number("Chance", space.chance_percent, "%", digits=0, help=lv_text.HELP_CHANCE),
            ]
        )
    return space


def complexity(page: frame.PageFrame) -> lv.Complexity | None:
    """Held-out bits per pixel against parameters: PPCA for every k and the two Gaussians without a latent z."""
    fig, ctrl = page.columns()
    with ctrl:
        k = st.slider("Latent dimensions k", 1, lv.MAX_K, 10, key="lv_kll", bind="query-params")
    cx = None
    with page.guard():
        cx = cache.scene(lv.complexity)(k)
        caption = lv_text.COMPLEXITY_CAPTION.format(
            max_k=lv.MAX_K, standardised_k=cx.standardised_k, plain_k=cx.plain_k
        )
        ctrl.caption(caption)
        with fig:
            chart = cache.figure(lc.complexity_chart, cx, style=page.style)
            page.show(chart, "latent-bits-vs-parameters", data=cx.table)
        page.numbers(
            [
                frame.Number(
                    lv_text.STANDARDISED_LABEL.format(k=cx.k),
                    cx.standardised_bits,
                    "bits/pixel",
                    help=lv_text.HELP_STANDARDISED.format(parameters=cx.standardised_parameters),
                ),
                frame.Number(
                    "Independent pixels",
                    cx.diag_bits,
                    "bits/pixel",
                    help=lv_text.HELP_DIAG.format(parameters=cx.diag_parameters),
                ),
                frame.Number(
                    "Full-covariance Gaussian",
                    cx.full_bits,
                    "bits/pixel",
                    help=lv_text.HELP_FULL.format(parameters=cx.full_parameters),
                ),
                frame.Number("PPCA vs sklearn", cx.sklearn_gap, "nats", digits=2, help=lv_text.HELP_SKLEARN),
            ]
        )
    return cx
