"""The generative modeling problem: learn p(x) for real 64-dimensional data, and see why it is hard."""

from __future__ import annotations

import streamlit as st

from lecture import modeling_problem as lt
from scenes import modeling_problem as problem
from ui import cache, frame
from ui.panels import modeling_problem as panels

page = frame.start("modeling_problem")
page.formula()

digits = cache.scene(problem.digits)()
if not page.present:  # the lecturer says it; the slide keeps its first screen for the pictures
    st.markdown(lt.DATA.format(n_total=digits.n_total, n_train=digits.n_train, n_test=digits.n_test))


def live() -> None:
    """The three tabs, the open one's controls and all they drive (each tab says what to notice in it)."""
    tab_models, tab_deps, tab_curse = st.tabs(list(lt.TABS), key="mp_tab", bind="query-params")
    # Each tab says what to notice in it (and the first asks its question): a sentence about a closed tab would
    # describe nothing on the screen.
    if tab_models.open:
        with tab_models:
            panels.models(page)
    if tab_deps.open:
        with tab_deps:
            panels.dependencies(page)
    if tab_curse.open:
        with tab_curse:
            panels.curse(page)


page.panel(live)

st.info(lt.NEXT, icon=":material/arrow_forward:")
page.deeper()
page.end()
