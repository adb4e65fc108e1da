"""The GAN panel (ui.panels.gan) through AppTest, on the approaches page's frame (tests/fixtures/gan_panel.py): the
step slider, Play and Pause, the run control, the link, presenter mode. Nothing trains: every step is a snapshot."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lecture import gan as text
from scenes import gan as scenes
from tests.conftest import ROOT, TIMEOUT, drawn_specs
from ui.charts import base

FIXTURE = str(ROOT / "tests" / "fixtures" / "gan_panel.py")


def _open(present: bool = False, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(FIXTURE, default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _numbers(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _step(at: AppTest) -> int:
    return int(at.select_slider(key="gan_step").value)


def _field(at: AppTest) -> dict:
    """The spec of the GAN Lab figure (the chart whose title names the step)."""
    for spec in drawn_specs(at):
        if "GAN at step" in json.dumps(spec.get("title", "")):
            return spec
    raise AssertionError("no GAN field chart")


def _clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(scope="module")
def opened() -> AppTest:
    return _open()


def test_the_panel_opens_on_the_converged_run_with_its_numbers(opened):
    at = opened
    _clean(at)
    last = scenes.steps("converges")[-1]
    assert _step(at) == last and at.radio(key="gan_preset").value == "converges"
    view = scenes.snapshot("converges", last)
    numbers = _numbers(at)
    assert numbers[text.DISTANCE_LABEL] == f"{view.distance:.3f}"
    assert numbers[text.MODES_LABEL] == "3 of 3"
    assert numbers[text.LOGLIK_LABEL] == text.NOT_DEFINED
    assert any(text.NO_LIKELIHOOD in str(i.value) for i in at.info)
    assert len(at.get("vega_lite_chart")) == 3  # the field, the losses, the distance
    notice = " ".join(str(m.value) for m in at.markdown)
    assert "What to notice" in notice and f"{view.distance:.3f}" in notice
    assert f"step {last:,}" in json.dumps(_field(at)["title"])


def test_moving_the_step_slider_changes_the_picture_and_the_numbers():
    at = _open()
    before = _numbers(at)
    at.select_slider(key="gan_step").set_value(500).run()
    _clean(at)
    after = _numbers(at)
    assert after[text.DISTANCE_LABEL] == f"{scenes.snapshot('converges', 500).distance:.3f}"
    assert after != before
    assert "step 500" in json.dumps(_field(at)["title"])


def test_play_steps_through_the_snapshots_and_pause_stops():
    at = _open()
    at.select_slider(key="gan_step").set_value(1000).run()
    seen = [_numbers(at)[text.DISTANCE_LABEL]]
    at.button(key="gan_play").click().run()  # shows the next snapshot at once, and plays
    _clean(at)
    assert _step(at) == 1050 and at.session_state["gan_playing"]
    # while playing only Pause is shown, and after Pause only Play: a click that reaches the server twice (a busy
    # server replays a click whose run a timer tick cut short) cannot undo itself
    assert [(b.key, b.label) for b in at.button if (b.key or "").startswith("gan_")] == [("gan_pause", text.PAUSE)]
    seen.append(_numbers(at)[text.DISTANCE_LABEL])
    for expected in (1100, 1150):  # each run while playing shows the next snapshot (the browser's timer reruns it)
        at.run()
        assert _step(at) == expected
        seen.append(_numbers(at)[text.DISTANCE_LABEL])
    assert len(set(seen)) == len(seen)  # the numbers change with every snapshot
    at.button(key="gan_pause").click().run()
    assert not at.session_state["gan_playing"]
    assert [(b.key, b.label) for b in at.button if (b.key or "").startswith("gan_")] == [("gan_play", text.PLAY)]
    at.run()
    assert _step(at) == 1150  # paused: no further step
    _clean(at)


def test_play_stops_at_the_last_snapshot_and_starts_again_from_zero():
    at = _open()
    steps = scenes.steps("converges")
    at.select_slider(key="gan_step").set_value(steps[-3]).run()
    at.button(key="gan_play").click().run()
    assert _step(at) == steps[-2] and at.session_state["gan_playing"]
    at.run()  # reaches the last snapshot: playing stops there
    assert _step(at) == steps[-1] and not at.session_state["gan_playing"]
    at.run()
    assert _step(at) == steps[-1]  # and stays
    assert at.button(key="gan_play").label == text.PLAY
    at.button(key="gan_play").click().run()  # from the last snapshot: back to the start
    assert _step(at) == steps[0] and at.session_state["gan_playing"]
    _clean(at)


def test_while_playing_the_slider_is_locked_and_a_stale_tick_neither_pauses_nor_rewinds():
    """The browser's timer sends the slider's value with every tick; on a busy server a tick can carry the value from
    before the browser drew the last snapshot. That value is not a move: Play goes on from the snapshot it showed
    (it used to count as the slider's change and pause Play for good)."""
    at = _open()
    at.select_slider(key="gan_step").set_value(1000).run()
    at.button(key="gan_play").click().run()
    assert _step(at) == 1050 and at.select_slider(key="gan_step").disabled  # locked while playing
    at.run()
    assert _step(at) == 1100
    # a tick carrying the value from before 1100 was drawn (set as the browser's state, not as a user's move:
    # AppTest rightly refuses a user's move on a locked slider)
    at.select_slider(key="gan_step")._value = 1050
    at.run()
    assert at.session_state["gan_playing"] and _step(at) == 1150
    at.button(key="gan_pause").click().run()  # Pause unlocks it, where it stopped
    assert not at.session_state["gan_playing"] and not at.select_slider(key="gan_step").disabled
    at.select_slider(key="gan_step").set_value(2000).run()
    at.run()
    assert _step(at) == 2000
    _clean(at)


def test_switching_runs_keeps_the_step_or_the_nearest_one():
    at = _open()
    at.radio(key="gan_preset").set_value("collapses").run()
    _clean(at)
    assert _numbers(at)[text.MODES_LABEL] == "1 of 3"
    at.select_slider(key="gan_step").set_value(1415).run()  # kept only in the collapsing run
    at.radio(key="gan_preset").set_value("converges").run()
    _clean(at)
    assert _step(at) == 1400
    assert _numbers(at)[text.DISTANCE_LABEL] == f"{scenes.snapshot('converges', 1400).distance:.3f}"


def test_a_link_reopens_the_run_and_step_and_a_bad_step_is_dropped():
    at = _open(query={"gan_preset": text.PRESET_NAMES["collapses"], "gan_step": "1500"})
    _clean(at)
    assert at.radio(key="gan_preset").value == "collapses" and _step(at) == 1500
    at = _open(query={"gan_step": "1405"})  # not a snapshot of the converging run
    _clean(at)
    assert _step(at) == scenes.steps("converges")[-1]


def test_presenter_mode_fits_the_figure_on_one_slide():
    at = _open(present=True)
    _clean(at)
    spec = _field(at)
    assert spec["height"] <= base.PRESENT_MAX_HEIGHT and spec["width"] == spec["height"]
    assert not at.get("expander")  # the derivation steps aside
    at.select_slider(key="gan_step").set_value(250).run()
    _clean(at)
    assert "step 250" in json.dumps(_field(at)["title"])
