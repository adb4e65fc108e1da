"""Likelihood-based models: four small density models fitted live by (approximate) maximum likelihood."""

from __future__ import annotations

import streamlit as st

from lecture import likelihood as text
from scenes import likelihood as scenes
from ui import frame
from ui.panels import likelihood as panels

#: One layout per tab, in the order of ``text.TABS``.
TAB_LAYOUTS = (panels.em, panels.flow, panels.energy, panels.vae, panels.probe)

page = frame.start("likelihood")
page.formula()

data_col, seed_col, _ = st.columns([2, 1, 3])
with data_col:
    preset = st.selectbox("Data set", scenes.PRESETS, index=0, key="lk_data", bind="query-params")
with seed_col:
    seed = page.seed_control(key="lk_seed")

tabs = st.tabs(list(text.TABS), key="lk_tab", bind="query-params")

with page.guard():
    for tab, layout in zip(tabs, TAB_LAYOUTS, strict=True):
        if tab.open:  # only the open tab fits its model
            with tab:
                layout(page, preset, seed)

page.quiz()
page.deeper()
page.end()
