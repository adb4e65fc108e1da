"""The big idea: hidden structure. Five hidden causes draw a 576-pixel image; PCA counts the causes back."""

from __future__ import annotations

import streamlit as st

from lecture import hidden_structure as text
from scenes import hidden_structure as hs
from ui import cache, frame
from ui.charts import latent as lc
from ui.panels import latent as panels

STEPS = {"angle": 1.0, "length": 0.5, "thickness": 0.25, "x": 0.25, "y": 0.25}
FORMATS = {"angle": "%.0f°", "length": "%.1f", "thickness": "%.2f", "x": "%+.2f", "y": "%+.2f"}

page = frame.start("hidden_structure")
page.formula()

fig, ctrl = page.columns((3, 2))
with ctrl:
    st.markdown(text.MOVE_CAUSE)
    z = tuple(
        float(
            st.slider(
                text.CAUSE_LABEL.format(label=c.label, role=c.role),
                c.low,
                c.high,
                c.default,
                STEPS[c.name],
                key=f"hs_{c.name}",
                format=FORMATS[c.name],
                bind="query-params",
            )
        )
        for c in hs.CAUSES
    )
with fig, page.guard():
    stroke = cache.scene(hs.stroke)(z)
    picture, numbers = st.columns((3, 2), gap="medium")
    caption = text.STROKE_CAPTION.format(pixels=stroke.pixels, causes=stroke.n_causes)
    panels.picture(cache.picture(lc.stroke_picture, stroke), caption, where=picture)
    with numbers:
        page.numbers(
            [
                frame.Number("Hidden causes", stroke.n_causes, "numbers", help=text.HELP_CAUSES),
                frame.Number(
                    "Observed pixels", stroke.pixels, "numbers", help=text.HELP_PIXELS.format(side=stroke.side)
                ),
                frame.Number("Compression", stroke.compression, "× fewer", digits=1, help=text.HELP_COMPRESSION),
            ],
            per_row=1,
        )

tab_grid, tab_count = st.tabs(list(text.TABS), key="hs_tab", bind="query-params")
if tab_grid.open:
    with tab_grid:
        panels.cause_grid(page, z)
if tab_count.open:
    with tab_count:
        panels.cause_count(page)

page.notice()
page.quiz()
page.deeper()
page.end()
