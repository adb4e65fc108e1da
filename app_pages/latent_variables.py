"""Latent variables: probabilistic PCA of handwritten digits (generate, reconstruct, semantics, complexity)."""

from __future__ import annotations

import streamlit as st

from lecture import latent_variables as text
from scenes import latent_variables as lv
from ui import cache, frame
from ui.charts import latent as lc
from ui.panels import latent as panels

MAX_K_GEN = 8
#: Where the z sliders start: a clear "0" (with k = 2), so the first picture is a digit, not the blurry mean.
Z_DEFAULT = {2: -2.0}
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def draw_z(k: int) -> None:
    """Button callback: z ~ N(0, I), written into the z sliders (rounded to their step)."""
    st.session_state["lv_draws"] = st.session_state.get("lv_draws", 0) + 1
    for j, v in enumerate(lv.draw_z(k, st.session_state["lv_draws"])):
        st.session_state[f"lv_z{j + 1}"] = v


def reset_z(k: int) -> None:
    for j in range(k):
        st.session_state[f"lv_z{j + 1}"] = 0.0


page = frame.start("latent_variables")
page.formula(*text.TEXT.formulas, where=text.WHERE.format(pixels=lv.PIXELS, n_train=lv.training_size()))


def live() -> None:
    """The generator's controls and all they drive: the digit, the traversal, the tabs, what to notice."""
    fig, ctrl = page.columns((3, 2))
    with ctrl:
        k = st.slider("Latent dimensions k", 1, MAX_K_GEN, 2, key="lv_k", bind="query-params")
        z = tuple(
            float(
                st.slider(
                    f"z{j + 1}".translate(SUBSCRIPTS),
                    -lv.Z_RANGE,
                    lv.Z_RANGE,
                    Z_DEFAULT.get(j + 1, 0.0),
                    lv.Z_STEP,
                    key=f"lv_z{j + 1}",
                    bind="query-params",
                )
            )
            for j in range(k)
        )
        left, right = st.columns(2)
        left.button(
            "Sample z ~ N(0, I)", key="lv_sample", on_click=draw_z, args=(k,), icon=":material/casino:", width="stretch"
        )
        right.button(
            "z = 0",
            key="lv_reset",
            on_click=reset_z,
            args=(k,),
            icon=":material/restart_alt:",
            width="stretch",
            help=text.HELP_RESET,
        )
    notice = []
    values = {"k_gen": k, "pixels": lv.PIXELS}
    with page.guard():
        gen = cache.scene(lv.generator)(k)
        digit = cache.scene(lv.generated)(k, z)
        with fig:
            one, many = st.columns((5, 4), gap="medium")
            with one:
                page.show(
                    cache.figure(lc.digit_chart, digit, style=page.style), "main-digit", data=digit.table, stretch=False
                )
            steps = lc.traversal_labels(gen.steps)
            panels.picture(
                cache.picture(lc.traversal_picture, gen), text.TRAVERSAL_CAPTION.format(steps=steps), where=many
            )
        page.numbers(
            [
                frame.Number("Latent z", gen.k, "numbers", help=text.HELP_LATENT),
                frame.Number("Image x", gen.pixels, "pixels"),
                frame.Number("Model parameters", gen.n_parameters, "", help=text.HELP_PARAMETERS),
                frame.Number("Noise σ", gen.noise_sd, "per pixel", digits=3, help=text.HELP_NOISE),
            ]
        )
        notice.append(text.NOTICE_GENERATE)

    tabs = st.tabs(list(text.TABS), key="lv_tab", bind="query-params")
    layouts = (panels.reconstruction, panels.latent_space, panels.complexity)
    for tab, panel, sentence in zip(tabs, layouts, text.NOTICE_TAB, strict=True):
        if tab.open:
            with tab:
                shown = panel(page)
            if shown is not None:
                notice.append(sentence)
                values.update(shown.values)

    page.notice(*notice, **values)


page.panel(live)
page.quiz()
page.deeper()
page.end()
