"""The GAN on "Different approaches": the GAN Lab view of two shipped training runs, scrubbed by a step slider and
stepped by a play button. Layout only: the snapshots come from ``scenes.gan`` (loaded, never trained here), every
sentence from ``lecture.gan``.

``show(page)`` draws the section. Its controls and figures run as one fragment: moving the step slider reruns this
section alone. Play re-declares the fragment with ``run_every`` (a full rerun), and each of its runs then shows the
next snapshot, until the last, where it stops (another full rerun drops ``run_every``). Pause or changing the run
stops it. While playing, the step slider is locked and the snapshot shown is kept apart from it (``SHOWN``): the
browser's timer sends the slider's value with every tick, and on a busy server a tick can carry the value from
before the browser drew the last snapshot; as the slider's own change, that stale value paused Play for good.
"""

from __future__ import annotations

import streamlit as st

from lecture import gan as text
from scenes import gan as scenes
from ui import cache
from ui.charts import gan as gc
from ui.frame import PageFrame, live

#: Widget keys (the preset and the step are in the link), the play state in the session, seconds per snapshot.
PRESET_KEY, STEP_KEY, PLAY_KEY, PAUSE_KEY = "gan_preset", "gan_step", "gan_play", "gan_pause"
PLAYING, STARTED, SHOWN, PLAY_SECONDS = "gan_playing", "gan_play_started", "gan_play_shown", 0.7
QUOTED = scenes.QUOTED


def _pause() -> None:
    st.session_state[PLAYING] = False


def _preset_changed() -> None:
    """Pause, and keep the step, or the nearest step the other run has a snapshot of."""
    _pause()
    state = st.session_state
    steps = cache.scene(scenes.steps)(state[PRESET_KEY])
    state[STEP_KEY] = scenes.nearest_step(steps, state.get(STEP_KEY, steps[-1]))


def _advance(steps: tuple[int, ...]) -> None:
    """While playing, every run of the section but the first after Play shows the snapshot after the one shown
    last (``SHOWN``, whatever value the locked slider came back with); at the last one playing stops, and a full
    rerun declares the fragment again without ``run_every``."""
    state = st.session_state
    if not state.get(PLAYING):
        return
    shown = state.get(SHOWN, steps[-1])
    if not state.pop(STARTED, False):
        shown = scenes.next_step(steps, shown)
    state[STEP_KEY] = state[SHOWN] = shown
    if shown == steps[-1]:
        state[PLAYING] = False
        st.rerun()


def _play_button(steps: tuple[int, ...]) -> None:
    """Play, or Pause while playing. Play from the last snapshot starts at step 0; otherwise it shows the next
    snapshot at once.

    Two buttons (one shown at a time), not one that toggles: on a busy server one click can reach the script twice
    (Streamlit replays a click whose run a timer tick cut short), and a toggle pressed twice undid itself (Pause,
    then Play again a tick later). A second Pause meets no Pause button and does nothing."""
    state = st.session_state
    playing = bool(state.get(PLAYING))
    pressed = st.button(
        text.PAUSE if playing else text.PLAY,
        key=PAUSE_KEY if playing else PLAY_KEY,
        icon=":material/pause:" if playing else ":material/play_arrow:",
        help=text.PLAY_HELP.format(seconds=PLAY_SECONDS),
        width="stretch",
    )
    if not pressed:
        return
    if playing:
        state[PLAYING] = False
    else:
        after = scenes.next_step(steps, state.get(STEP_KEY, steps[-1]))
        state[STEP_KEY] = after if after != state.get(STEP_KEY, steps[-1]) else steps[0]  # from the last: step 0
        state[SHOWN] = state[STEP_KEY]
        state[PLAYING] = state[STARTED] = state[STEP_KEY] != steps[-1]
    st.rerun()  # a full run: the fragment is declared again, with or without run_every


def _controls(boxes: dict) -> tuple[str, int]:
    """The run, Play and the step slider (Play and playing come before the slider: they may move it)."""
    with boxes["preset"]:
        preset = st.radio(
            text.PRESET_LABEL,
            scenes.PRESETS,
            format_func=text.PRESET_NAMES.get,
            horizontal=True,
            key=PRESET_KEY,
            bind="query-params",
            on_change=_preset_changed,
            help=text.PRESET_HELP.format(**QUOTED),
        )
    steps = cache.scene(scenes.steps)(preset)
    with boxes["play"]:
        _play_button(steps)  # a press reruns at once: what follows runs only without one
    _advance(steps)
    playing = bool(st.session_state.get(PLAYING))
    with boxes["step"]:
        step = st.select_slider(
            text.STEP_LABEL.format(**QUOTED),
            steps,
            value=steps[-1],
            key=STEP_KEY,
            bind="query-params",
            disabled=playing,  # Pause first: a tick's stale value must not count as a move (module docstring)
            help=text.STEP_HELP.format(**QUOTED),
        )
    return preset, int(step)


def _live(page: PageFrame) -> None:
    """Controls, the field, its numbers, the curves and what to notice: the section's fragment."""
    style, present = page.style, page.present
    if present:  # the figure with its key numbers left, the controls right
        figure, side = page.columns((3, 2))
        boxes = dict.fromkeys(("preset", "play", "step"), side)
    else:
        preset_box, step_box, play_box = st.columns([2, 3, 1], vertical_alignment="bottom")
        boxes = {"preset": preset_box, "step": step_box, "play": play_box}
        figure, side = st.columns([3, 2], gap="medium")
    preset, step = _controls(boxes)
    view = cache.scene(scenes.snapshot)(preset, step)
    with figure:
        page.show(cache.figure(gc.field, view, style=style), "gan-field", data=gc.points_frame(view), stretch=False)
    with figure if present else side:  # presenter mode: the first three under the figure (``page.columns``)
        page.numbers(gc.numbers(view, QUOTED), per_row=1)
    st.info(text.NO_LIKELIHOOD, icon=":material/block:")
    left, right = st.columns(2, gap="medium")
    with left:
        page.show(cache.figure(gc.losses, view, style=style), "gan-losses", data=gc.losses_frame(view))
    with right:
        curve = cache.figure(gc.distances, view, QUOTED["n_eval"], style=style)
        page.show(curve, "gan-distance", data=gc.distances_frame(view))
    st.caption(text.CURVES_CAPTION.format(floor=view.floor, **QUOTED))
    values = scenes.notice_values(view)
    page.notice(text.NOTICE_STATE[values["state"]], text.NOTICE_RUN[preset], text.NOTICE_LOSSES, **values)


def show(page: PageFrame) -> None:
    """The GAN section: heading, generative story and losses, then the live fragment, then its derivation."""
    st.space("small")
    if page.present:
        st.markdown(f"#### {text.HEADING}")
    else:
        st.subheader(text.HEADING, anchor=False)
        st.latex(text.STORY)
        page.formula(*text.FORMULAS, where=text.WHERE)
    playing = bool(st.session_state.get(PLAYING))

    def section() -> None:
        if bool(st.session_state.get(PLAYING)) != playing:  # paused by a control while run_every still ticks
            st.rerun()
        with page.guard():
            _live(page)

    section.__qualname__ = "gan_section"  # the fragment's identity: one per page
    live(section, run_every=PLAY_SECONDS if playing else None)()
    page.deeper(text.DEEPER)
