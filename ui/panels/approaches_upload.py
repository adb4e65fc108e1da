"""An upload on "Different approaches" is the one thing that still trains: here it is bounded and said.

- one upload trains at a time on the whole server (``scenes.approaches.UPLOADS``); a second one waits, and says so;
- a session may train at most ``scenes.approaches.UPLOADS_PER_SESSION`` uploads (a file and a seed each); models the
  server already keeps (this file and seed, from this session or another) cost nothing and are not counted;
- while it trains, a status box says what, on how many points, and about how long.
"""

from __future__ import annotations

import streamlit as st

from lecture import approaches as text
from scenes import approaches as scenes
from ui import frame

#: This session's trained uploads (``digest:seed``), in ``st.session_state``.
TRAINED_KEY = "ap_uploads_trained"
#: The finished training's status, (``digest:seed``, label), kept for the whole-page run that follows: training
#: happens in the panel's own rerun, which a new data set ends by rerunning the whole page (app_pages/approaches.py).
JUST_TRAINED = "_ap_upload_just_trained"


def trained(data: tuple, raw: bytes) -> bool:
    """Make sure the models of the upload ``data = (source, seed, digest)`` exist, training them if this session may.

    False (with a message) when the session has used its budget. An unusable file raises ``ValueError`` (its
    message says why) before anything trains.
    """
    tag = f"{data[2]}:{data[1]}"
    if scenes.upload_ready(*data):
        done = st.session_state.pop(JUST_TRAINED, None)
        if done is not None and done[0] == tag:  # the run right after the training: say it is done, once
            st.status(done[1], state="complete", expanded=False)
        return True
    n = scenes.upload_points(*data, _raw=raw)  # reads and checks the file: nothing trains for a bad one
    mine: list[str] = st.session_state.setdefault(TRAINED_KEY, [])
    if tag not in mine and len(mine) >= scenes.UPLOADS_PER_SESSION:
        st.warning(text.UPLOAD_BUDGET.format(per_session=scenes.UPLOADS_PER_SESSION), icon=":material/hourglass:")
        return False
    count = len(scenes.UPLOAD_MODELS)
    if scenes.UPLOADS.busy():
        st.info(text.UPLOAD_WAITING, icon=":material/hourglass_top:")
    estimate = scenes.upload_estimate()
    label = text.UPLOAD_TRAINING.format(count=count, names=text.UPLOAD_MODEL_NAMES, n=n, seconds=estimate)
    with st.status(label, expanded=False) as status:
        seconds = scenes.train_upload(*data, _raw=raw)
        finished = text.UPLOAD_TRAINED.format(count=count, n=n, seconds=seconds)
        status.update(label=finished, state="complete")
    if frame.panel_run_alone():  # the page is about to be drawn again whole: the status goes with it
        st.session_state[JUST_TRAINED] = (tag, finished)
    if tag not in mine:
        mine.append(tag)
    return True
