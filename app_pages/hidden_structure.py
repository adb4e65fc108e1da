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


def live() -> None:
    """The causes' sliders and all they drive: the stroke, its numbers, the tabs, what to notice."""
    notice, values = [], {}

    # Not page.columns(): the three numbers stand beside the stroke in both modes (5 numbers -> 576 numbers).
    fig, ctrl = st.columns((3, 2), gap="large")
    with ctrl:
        if not page.present:  # presenter mode: the formula above names the causes, the sliders need the height
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
        with picture:
            page.show(
                cache.figure(lc.stroke_chart, stroke, style=page.style), "main-stroke", data=stroke.table, stretch=False
            )
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
        st.caption(text.STROKE_CAPTION.format(pixels=stroke.pixels, causes=stroke.n_causes))
        notice.append(text.NOTICE_STROKE)
        values.update(causes=stroke.n_causes, pixels=stroke.pixels)

    tab_grid, tab_count = st.tabs(list(text.TABS), key="hs_tab", bind="query-params")
    if tab_grid.open:
        with tab_grid:
            grid = panels.cause_grid(page, z)
        if grid is not None:
            notice.append(text.NOTICE_GRID)
            values.update(name_a=text.CAUSE_NAMES[grid.a], name_b=text.CAUSE_NAMES[grid.b], images=grid.n * grid.n)
    if tab_count.open:
        with tab_count:
            count = panels.cause_count(page)
        if count is not None:
            notice.append(text.NOTICE_COUNT[count.all_found])
            values.update(found=count.found, varied=count.n_varied)

    page.notice(*notice, **values)


page.panel(live)
page.quiz()
derivation = text.TEXT.deeper[0]
page.deeper(derivation.title, derivation.body + text.DEEPER_MARGIN.format(margin=hs.FLOOR_MARGIN))
page.end()
