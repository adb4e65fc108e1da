"""Different approaches to model p(x): a prescribed latent model, an implicit generator (a moment-matching network)
and a diffusion model (and, beside it, a flow layer by layer), trained on the same 2-D data, drawn on shared axes and
scored with one yardstick. The presets' models are trained in advance (``scenes.approaches``): nothing trains here
but an upload (``ui.panels.approaches_upload``). Presenter mode: panels and key numbers left, the controls that drive
them right, everything else below the fold."""

from __future__ import annotations

import hashlib

import streamlit as st

from lecture import approaches as text
from scenes import approaches as scenes
from ui import frame
from ui.panels import approaches as panels
from ui.panels import approaches_flow
from ui.panels import approaches_upload as uploads
from ui.panels import gan as gan_panel
from ui.panels.shipped import seed_control

page = frame.start("approaches")
present = page.present
T, QUOTED, STOPS = scenes.STEPS, scenes.QUOTED, scenes.STOPS
#: The data set the page shows, as the main panel last drew it: ((source, seed, digest), upload bytes).
DATA_SHOWN = "_ap_data_shown"


def live() -> None:
    """The data, the family, the step and all they drive: the three models, their numbers, the flow's layers."""
    figure_col = None  # presenter mode: the column the three figures go in
    if present:  # the figure and its numbers left, the controls right (most important first)
        figure_col, side = page.columns((3, 1))
        boxes = dict.fromkeys(("step", "family", "data", "seed", "upload"), side)
        heads, stories = figure_col.columns(3, gap="medium"), figure_col.columns(3, gap="medium")
    else:
        st.caption(text.SLIDE_NOTE_SHORT)  # the lecturer's correction of two of the slide's examples
        data_col, seed_col, upload_col = st.columns([2, 1, 3])
        heads, stories = st.columns(3, gap="medium"), st.columns(3, gap="medium")
        boxes = {"step": stories[2], "family": stories[0], "data": data_col, "seed": seed_col, "upload": upload_col}
    for head, below, title, story in zip(heads, stories, text.HEADS, text.STORIES, strict=True):
        if present:  # one size down: the slide needs the height for the figure
            head.markdown(f"#### {title}")
        else:
            head.subheader(title, anchor=False)
        below.latex(story)
    if not present:
        stories[1].info(text.NO_DENSITY, icon=":material/block:")

    with boxes["step"]:
        t = st.select_slider(
            text.STEP_LABEL.format(T=T),
            STOPS,
            value=0,
            key="ap_step",
            bind="query-params",
            help=text.STEP_HELP.format(**QUOTED),
        )
    with boxes["family"]:
        family = st.radio(
            text.FAMILY_LABEL,
            [text.GMM, text.VAE],
            index=0,
            horizontal=not present,
            key="ap_family",
            bind="query-params",
            help=text.FAMILY_HELP,
        )
        k = st.slider(
            text.K_LABEL,
            scenes.K_VALUES[0],
            scenes.K_VALUES[-1],
            scenes.K_DEFAULT,
            key="ap_k",
            bind="query-params",
            disabled=family != text.GMM,
            help=text.K_HELP,
        )
    with boxes["data"]:
        source = st.selectbox(
            text.DATA_LABEL_CONTROL,
            [*text.DATA_SETS, text.CSV_OPTION],
            index=0,
            key="ap_data",
            bind="query-params",
            help=text.DATA_HELP.format(**QUOTED),
        )
    with boxes["seed"]:
        seed = seed_control(page, "ap_seed", scenes.DRAWS, text.SEED_HELP.format(**QUOTED), text.SEED_DROPPED)
    upload = None
    if source == text.CSV_OPTION:
        with boxes["upload"]:
            upload = st.file_uploader(
                text.UPLOAD_LABEL, type=["csv", "txt"], key="ap_csv", help=text.UPLOAD_HELP.format(**QUOTED)
            )

    shown = None  # the data set drawn, if any: (data, raw)
    if source == text.CSV_OPTION and upload is None:
        st.info(text.UPLOAD_PROMPT, icon=":material/upload_file:")
    else:
        with page.guard():
            if upload is None:
                shown = (text.DATA_SETS[source], seed, ""), b""
                panels.models(page, *shown, family, k, t, figure_col)
            else:
                raw = upload.getvalue()
                data = (scenes.CSV, seed, hashlib.sha256(raw).hexdigest())
                if uploads.trained(data, raw):
                    shown = data, raw
                    panels.models(page, data, raw, family, k, t, figure_col)
    # The flow section below depends on the data set alone, so it is not in this panel (its K and step presses
    # would redraw it too): a new data set reruns the whole page instead, the flow section with it.
    before = st.session_state.get(DATA_SHOWN)
    st.session_state[DATA_SHOWN] = shown
    if frame.panel_run_alone() and (before and before[0]) != (shown and shown[0]):
        st.rerun(scope="app")


page.panel(live)
if st.session_state.get(DATA_SHOWN):  # the flow layer by layer, for the data set the panel above shows
    approaches_flow.section(page, *st.session_state[DATA_SHOWN])
gan_panel.show(page)  # the slide's implicit example, trained adversarially: its own live panel (step slider, play)

if present:
    st.info(text.SLIDE_NOTE_BOX, icon=":material/edit_note:")
for quiz in range(len(text.TEXT.quizzes)):
    page.quiz(quiz)
page.deeper()
page.end()
