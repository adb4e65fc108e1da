"""Prior, posterior and variational inference: a coin's bias, a posterior with no closed form, a Gaussian q."""

from __future__ import annotations

import streamlit as st

import lecture.prerequisites as text
from scenes import prerequisites as scenes
from ui import frame
from ui.panels import prerequisites as panels

page = frame.start("prerequisites")
if not page.present:  # presenter mode: the coin's figure, numbers and controls first, the formula under them
    page.formula()
    st.subheader(text.COIN_HEADING, anchor=False)
page.panel(lambda: panels.coin(page))  # the coin's controls rerun the coin alone
if page.present:
    page.formula()
page.notice()

st.subheader(text.VI_HEADING, anchor=False)
page.formula(*text.VI_FORMULAS, where=text.VI_WHERE)


def variational() -> None:
    """The variational family's controls and all they drive: q on p, then forward vs reverse KL, what to notice."""
    seed, mu, sd = panels.variational(page)
    st.subheader(text.KL_HEADING, anchor=False)
    st.caption(text.KL_CAPTION)
    if (values := panels.forward_reverse(page, seed, mu, sd)) is not None:
        page.notice(*text.NOTICE_VARIATIONAL, **values)


page.panel(variational)

page.quiz(0)
page.quiz(1)
grid = f"{scenes.GRID_SIZE:,}"
page.deeper(text.DEEPER_TITLE, text.DEEPER_BODY + text.DEEPER_GRID.format(grid=grid, grid_tex=grid.replace(",", "{,}")))
page.end()
