"""Generative AI principles: a discriminative q(y|x) beside a generative q(x) that can say "never seen" and generate.

Notation: p is the data distribution, q a fitted model. The slide's figure comes first; the two models as
classifiers and Ng & Jordan's data-efficiency experiment are in tabs below it.
"""

from __future__ import annotations

import streamlit as st

from lecture import genai as text
from scenes import genai
from ui import cache, frame
from ui.panels import genai as panels

page = frame.start("genai")
page.formula()


def live() -> None:
    """The data and model controls and all they drive: the slide's figure, the tabs, what to notice."""
    fig, ctrl = page.columns((3, 1))
    with ctrl:
        settings = panels.controls(page)

    ds, fitted = None, panels.Fitted()
    with fig, page.guard():  # a bad upload's message appears where the figure would be
        if settings.waiting:
            st.info(text.UPLOAD_PROMPT, icon=":material/upload_file:")
        else:
            ds = cache.scene(genai.dataset)(settings.data, _raw=settings.raw)
    if ds is not None:
        with fig:
            fitted = panels.slide(page, settings, ds)

    tab_models, tab_curve = st.tabs(text.TABS, key="gen_tab", bind="query-params")
    with tab_models:
        if tab_models.open:
            with page.guard():
                panels.classifiers_tab(page, settings, ds, fitted)
    with tab_curve:
        if tab_curve.open:
            with page.guard():
                panels.curve_tab(page)

    panels.notice(page, settings, fitted)


page.panel(live)
page.quiz()
page.deeper()
page.end()
