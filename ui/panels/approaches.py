"""The models of "Different approaches": three panels on shared axes, their numbers, the charts under them and the
yardstick table (the flow layer by layer, below them, is ``ui.panels.approaches_flow``). Layout only: every number
comes from a scene of ``scenes.approaches``, every sentence from ``lecture.approaches``.

One column per approach (``COLUMNS``); each column's top panel, numbers and lower chart come from the same scenes,
so a new model in a column (the implicit one, say) is one more entry in the functions below.
"""

from __future__ import annotations

import streamlit as st

from lecture import approaches as text
from scenes import approaches as scenes
from ui import cache
from ui.charts import approaches as ac
from ui.frame import PageFrame

T, QUOTED, STOPS = scenes.STEPS, scenes.QUOTED, scenes.STOPS


def models(page: PageFrame, data: tuple, raw: bytes, family: str, k: int, t: int, figure_col=None) -> None:
    """The three panels, their numbers and the yardstick for one data set: ``data = (source, seed,
    digest)``, ``raw`` an upload's bytes (``b""`` for a preset); ``figure_col``: presenter mode's figure column."""
    style, present = page.style, page.present
    ref = cache.scene(scenes.reference)(*data, _raw=raw)
    mixture_fit = cache.scene(scenes.prescribed, spinner=text.SPIN_MIXTURE)
    vae_fit = cache.scene(scenes.prescribed, spinner=text.SPIN_VAE)
    if family == text.GMM:
        shown = mixture_fit(*data, scenes.MIXTURE, k, _raw=raw)
    else:
        shown = vae_fit(*data, scenes.VAE, 0, _raw=raw)  # the VAE does not depend on K: one cache entry
    imp = cache.scene(scenes.implicit, spinner=text.SPIN_IMPLICIT)(*data, _raw=raw)
    dif = cache.scene(scenes.diffusion, spinner=text.SPIN_DIFFUSION.format(T=T))(*data, _raw=raw)

    tops = (figure_col if present else st).columns(3, gap="medium")
    with tops[0]:  # the main figure: the three panels side by side, on shared axes
        page.show(cache.figure(ac.density_panel, shown, style=style), "main-three-approaches", data=ac.samples(shown))
    with tops[1]:
        page.show(cache.figure(ac.samples_panel, imp, style=style), "implicit-samples", data=ac.samples(imp))
    with tops[2]:
        page.show(cache.figure(ac.diffusion_panel, dif, t, style=style), "diffusion-step", data=ac.samples(dif, t))

    numbers = ac.panel_numbers(shown, imp, dif, ref.floor, t, QUOTED)
    if present:  # the three distances in one row under the panels, the rest below the fold
        page.numbers([n[0] for n in numbers] + [n[1] for n in numbers], per_row=3)
        st.info(text.NO_DENSITY, icon=":material/block:")
    else:
        for column, below in zip(st.columns(3, gap="medium"), numbers, strict=True):
            with column:
                page.numbers(below, per_row=1)
    if ref.note:
        st.caption(ref.note)

    st.space("small")
    bottoms = st.columns(3, gap="medium")
    with bottoms[0]:
        page.show(cache.figure(ac.latent_chart, shown, style=style), "prescribed-latent", data=ac.latent_data(shown))
        st.caption(text.LATENT_CAPTION[shown.family].format(mass=shown.mass))
    with bottoms[1]:
        page.show(cache.figure(ac.training_curve, imp, style=style), "implicit-training", data=ac.thin_curve(imp.curve))
        st.caption(text.IMPLICIT_CAPTION.format(**QUOTED))
    with bottoms[2]:
        curve = cache.figure(ac.distance_by_step, dif, t, ref.floor, STOPS, style=style)
        page.show(curve, "diffusion-distance", data=dif.table)
        st.caption(text.DIFFUSION_CAPTION.format(T=T, half=dif.half, rest=T - dif.half))

    st.markdown(text.YARDSTICK_HEADING)
    page.formula()
    mixture = mixture_fit(*data, scenes.MIXTURE, k, _raw=raw)
    vae = vae_fit(*data, scenes.VAE, 0, _raw=raw)
    st.table(ac.yardstick_table(mixture, vae, imp, dif, ref, style=style), hide_index=True)
    reference = text.REFERENCE_LABEL[ref.from_csv]
    st.caption(text.FLOOR_CAPTION.format(reference=reference, floor=ref.floor, n_held_out=ref.n_held, **QUOTED))
    page.notice(**scenes.notice_values(shown, imp, dif, ref, t))
