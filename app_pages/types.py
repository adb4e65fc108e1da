"""Types of generative models: likelihood-based families vs implicit ones, compared on one 2-D data set."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lecture import types as text
from scenes import types as families
from ui import cache, frame
from ui.charts import likelihood as plots
from ui.panels.shipped import seed_control

TABLE_WIDTHS = [1.3, 1.1, 1.9, 1.6, 1.6, 1.6]


def panel_title(score: families.FamilyScore, present: bool) -> tuple[str, ...]:
    """A panel's title: the family, and its log q(x*) (≈ for an estimate) or why there is none; one line when
    presenting (the slide needs the height), two otherwise."""
    value = frame.fmt(score.log_q, "nats", 2) if score.log_q is not None else ""
    if present:
        if score.log_q is not None:
            answer = text.PANEL_SHORT_ESTIMATE.format(score=value) if score.estimate else value
        else:
            answer = text.PANEL_SHORT_NO_Q if score.implicit else text.PANEL_SHORT_NOT_COMPUTED
        return (text.PANEL_ONE_LINE.format(family=text.SHORT_NAMES.get(score.name, score.name), answer=answer),)
    if score.log_q is not None:
        return score.name, (text.PANEL_ESTIMATE if score.estimate else text.PANEL_SCORE).format(score=value)
    return score.name, text.PANEL_NO_Q if score.implicit else text.PANEL_NOT_COMPUTED


def describe(score: families.FamilyScore, panel: families.FamilyPanel, probe: tuple[float, float]) -> str:
    """The panel's text alternative; its ``{where}`` (inside the window or at its edge) is filled by the chart."""
    said = text.PANEL_DESCRIBE_SCORE.format(score=frame.fmt(score.log_q, "nats", 2)) if score.log_q is not None else ""
    return text.PANEL_DESCRIBE.format(
        n_data=len(panel.data),
        n_samples=len(panel.samples),
        family=score.name,
        px=f"{probe[0]:.2f}",
        py=f"{probe[1]:.2f}",
        where="{where}",
        score=said or text.PANEL_DESCRIBE_NO_SCORE,
    )


def score_number(score: families.FamilyScore) -> frame.Number:
    """The family's log q(x*) as a number under the panels (its average over the data as help)."""
    label = text.SCORE_LABEL.format(family=score.name)
    if score.log_q is None:
        return frame.Number(label, text.SCORE_NO_Q if score.implicit else text.SCORE_NOT_COMPUTED)
    average = frame.fmt(score.average, "nats", 2)
    helped = (text.SCORE_ESTIMATE_HELP if score.estimate else text.SCORE_HELP).format(average=average)
    return frame.Number(label, frame.fmt(score.log_q, "nats", 2), help=helped)


page = frame.start("types")
page.formula()


def live() -> None:
    """The probe, data set and seed, and all they drive: six panels, their scores, what to notice."""
    fig, ctrl = page.columns()
    with ctrl:
        px = st.number_input("x* first coordinate", -10.0, 10.0, 0.0, 0.25, key="ty_px", bind="query-params")
        py = st.number_input("x* second coordinate", -10.0, 10.0, 0.25, 0.25, key="ty_py", bind="query-params")
        preset = st.selectbox("Data set", families.PRESETS, index=0, key="ty_data", bind="query-params")
        said = {"max_seed": families.DRAWS[-1], "n_draws": len(families.DRAWS)}
        seed = seed_control(page, "ty_seed", families.DRAWS, text.SEED_HELP.format(**said), text.SEED_DROPPED)

    with page.guard():
        view = cache.scene(families.scores, spinner=text.FITTING)(preset, seed, float(px), float(py))
        with fig:
            # A 3 x 2 grid of panels on one window, each filling its column: fits a laptop screen and a projector.
            for r, row in enumerate((view.families[:3], view.families[3:])):
                for c, (col, score) in enumerate(zip(st.columns(3, gap="small"), row, strict=True)):
                    with col:
                        panel = cache.scene(families.panel, spinner=text.FITTING)(score.name, preset, seed)
                        base = cache.figure(plots.family_panel, panel, c == 0, r == 1, style=page.style)
                        # the points do not depend on x*: only the probe, the title and the description change per rerun
                        probe = partial(
                            plots.with_probe,
                            probe=view.probe,
                            title=panel_title(score, page.present),
                            describe=describe(score, panel, view.probe),
                            style=page.style,
                        )
                        # the last panel closes the grid: as "main-" it marks the figure's lower right corner
                        name = "main-panel-" if (r, c) == (1, 2) else "panel-"
                        table = families.table(panel, score, view.probe)
                        page.show(cache.amend(base, probe), name + score.name, data=table)
            if not page.present:  # presenter mode hides captions: no empty gap under the panels
                st.caption(text.PANELS_CAPTION.format(samples=families.N_SAMPLES))
        high, low = view.highest, view.lowest
        page.numbers(
            [
                frame.Number(
                    text.SCORED_LABEL,
                    text.SCORED_VALUE.format(scored=len(view.scored), families=len(view.families)),
                    help=text.SCORED_HELP,
                ),
                frame.Number(text.HIGHEST_LABEL.format(family=high.name), frame.fmt(high.log_q, "nats", 2)),
                frame.Number(text.LOWEST_LABEL.format(family=low.name), frame.fmt(low.log_q, "nats", 2)),
                *(score_number(score) for score in view.families),
            ],
            per_row=3,
        )
        page.notice(
            scored=len(view.scored),
            px=f"{px:.2f}",
            py=f"{py:.2f}",
            spread=frame.fmt(view.spread, "", 2),
            low=low.name,
            low_value=frame.fmt(low.log_q, "nats", 2),
            high=high.name,
            high_value=frame.fmt(high.log_q, "nats", 2),
        )


page.panel(live)

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

page.quiz()
page.deeper()
page.end()
