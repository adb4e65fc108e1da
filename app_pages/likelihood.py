"""Likelihood-based models: four small density models fitted live by (approximate) maximum likelihood."""

from __future__ import annotations

import streamlit as st

from lecture import likelihood as text
from ui import frame
from ui.panels import likelihood as panels

#: One layout per tab, in the order of ``text.TABS``.
TAB_LAYOUTS = (panels.em, panels.flow, panels.energy, panels.vae, panels.probe)

page = frame.start("likelihood")
if not page.present:  # presenter mode: the open tab's formula is the slide's one formula
    page.formula()


def live() -> None:
    """The five tabs, the open one's model, controls and all they drive."""
    tabs = st.tabs(list(text.TABS), key="lk_tab", bind="query-params")

    with page.guard():
        for tab, layout in zip(tabs, TAB_LAYOUTS, strict=True):
            if tab.open:  # only the open tab fits its model (and asks its own question)
                with tab:
                    layout(page)


page.panel(live)

page.deeper()
page.end()
