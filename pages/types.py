"""Types of generative models: likelihood-based families vs implicit ones, compared on one 2-D data set."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lecture import types as text
from scenes import types as families
from ui import cache, frame
from ui.charts import likelihood as plots

TABLE_WIDTHS = [1.3, 1.1, 1.9, 1.6, 1.6, 1.6]


def panel_title(score: families.FamilyScore) -> tuple[str, str]:
    """A panel's two title lines: the family, and its log q(x*) or why there is none."""
    if score.log_q is not None:
        return score.name, text.PANEL_SCORE.format(score=frame.fmt(score.log_q, "nats", 2))
    return score.name, text.PANEL_NO_Q if score.implicit else text.PANEL_NOT_COMPUTED


def score_number(score: families.FamilyScore) -> frame.Number:
    """The family's log q(x*) as a number under the panels (its average over the data as help)."""
    if score.log_q is None:
        return frame.Number(
            text.SCORE_LABEL.format(family=score.name), text.SCORE_NO_Q if score.implicit else text.SCORE_NOT_COMPUTED
        )
    return frame.Number(
        text.SCORE_LABEL.format(family=score.name),
        frame.fmt(score.log_q, "nats", 2),
        help=text.SCORE_HELP.format(average=frame.fmt(score.average, "nats", 2)),
    )


page = frame.start("types")
page.formula()

fig, ctrl = page.columns()
with ctrl:
    preset = st.selectbox("Data set", families.PRESETS, index=0, key="ty_data", bind="query-params")
    seed = page.seed_control(key="ty_seed")
    px = st.number_input("x* first coordinate", -10.0, 10.0, 0.0, 0.25, key="ty_px", bind="query-params")
    py = st.number_input("x* second coordinate", -10.0, 10.0, 0.25, 0.25, key="ty_py", bind="query-params")

with page.guard():
    view = cache.scene(families.scores, spinner=text.FITTING)(preset, seed, float(px), float(py))
    with fig:
        # A 3 x 2 grid of panels, each filling its column: fits a laptop screen as well as a projector.
        for row in (view.families[:3], view.families[3:]):
            for i, (col, score) in enumerate(zip(st.columns(3, gap="small"), row, strict=True)):
                with col:
                    panel = cache.scene(families.panel, spinner=text.FITTING)(score.name, preset, seed)
                    base = cache.figure(plots.family_panel, panel, i == 0, style=page.style)
                    # the points do not depend on x*: only the cross and the title are added on each rerun
                    probe = partial(plots.with_probe, probe=view.probe, title=panel_title(score), style=page.style)
                    chart = cache.amend(base, probe)
                    page.show(chart, f"samples-{score.name}", export=False)
        st.caption(text.PANELS_CAPTION.format(samples=families.N_SAMPLES))
    page.numbers([score_number(score) for score in view.families], per_row=3)

st.subheader(text.TABLE_TITLE, anchor=False)
for column, title in zip(st.columns(TABLE_WIDTHS), text.TABLE_COLUMNS, strict=True):
    column.markdown(f"**{title}**")
for row in text.ROWS:
    with st.container(border=True, gap="small"):
        cells = st.columns(TABLE_WIDTHS)
        cells[0].markdown(f"**{row.heading}**  \n{row.examples}")
        for cell, value in zip(cells[1:], (row.kind, row.log_p, row.sampling, row.latent, row.objective), strict=True):
            cell.markdown(value)
        # The link gets the row's full width (a seventh column truncated it on laptop screens).
        label = text.RUNS_LIVE.format(page=row.link_label)
        try:
            st.page_link(row.page, label=label, icon=":material/arrow_forward:", query_params=row.query)
        except (StreamlitAPIException, KeyError):  # page opened on its own, outside the app's navigation
            st.caption(label)

page.notice()
page.quiz()
page.deeper()
page.end()
