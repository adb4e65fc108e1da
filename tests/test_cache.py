"""The app's two caches: scenes keyed on scalars and shared read-only; figures keyed on their style."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import pytest

from ui import cache, charts

CALLS: list[tuple] = []


@dataclass(frozen=True)
class Line:
    x: np.ndarray
    y: np.ndarray
    slope: float


def line_scene(slope: float, n: int = 5) -> Line:
    CALLS.append((slope, n))
    x = np.arange(n, dtype=float)
    return Line(x, slope * x, slope)


def line_chart(view: Line, *, style: charts.Style) -> alt.Chart:
    df = pd.DataFrame({"x": view.x, "y": view.y})
    return alt.Chart(df).mark_line().encode(x="x", y="y").properties(height=style.height(200))


@pytest.fixture(autouse=True)
def _cold():
    cache.clear()
    CALLS.clear()


def test_a_scene_is_computed_once_per_settings_and_shared_read_only():
    first = cache.scene(line_scene)(2.0, n=4)
    again = cache.scene(line_scene)(2.0, n=4)
    other = cache.scene(line_scene)(3.0, n=4)
    assert first is again and other is not first
    assert CALLS == [(2.0, 4), (3.0, 4)]
    with pytest.raises(ValueError, match="read-only"):
        first.y[0] = 99.0


def test_a_scene_refuses_an_array_as_a_cache_key():
    with pytest.raises(TypeError, match="scalars"):
        cache.scene(line_scene)(np.ones(3))


def test_private_arguments_pass_unhashed():
    def with_upload(digest: str, _raw: bytes) -> Line:
        return line_scene(float(len(_raw)))

    assert cache.scene(with_upload)("abc", _raw=b"12345").slope == 5.0
    assert cache.scene(with_upload)("abc", _raw=b"1").slope == 5.0  # same digest: the cached result


def test_a_figure_is_cached_per_style_so_modes_never_mix():
    view = cache.scene(line_scene)(1.0)
    normal = cache.figure(line_chart, view, style=charts.NORMAL)
    present = cache.figure(line_chart, view, style=charts.PRESENT)
    assert normal.spec["height"] == 200 and present.spec["height"] == 270
    assert cache.figure(line_chart, view, style=charts.NORMAL) is normal
    assert present.spec["config"]["axis"]["labelFontSize"] > normal.spec["config"]["axis"]["labelFontSize"]


def test_a_figure_keys_on_the_scene_that_made_its_data():
    a = cache.figure(line_chart, cache.scene(line_scene)(1.0), style=charts.NORMAL)
    b = cache.figure(line_chart, cache.scene(line_scene)(2.0), style=charts.NORMAL)
    assert a is not b
    assert a.plain["datasets"] != b.plain["datasets"]
    assert isinstance(next(iter(a.spec["datasets"].values())), bytes)  # sent as Arrow


def test_a_picture_is_made_once():
    made = []

    def grey(view: Line) -> bytes:
        made.append(1)
        return charts.png_bytes(charts.mosaic(np.zeros((1, 1, 2, 2))))

    view = cache.scene(line_scene)(1.0)
    assert cache.picture(grey, view) == cache.picture(grey, view)
    assert made == [1]


def test_results_made_from_a_students_long_text_stay_in_their_session_and_are_bounded():
    """A paste (or an upload's bytes) is kept in the student's own session, at most MAX_PRIVATE results, never in
    the shared cache: cycling texts cannot fill the server, and a new session computes its own."""
    import streamlit as st

    def from_text(text: str, n: int = 3) -> Line:
        return line_scene(float(len(text)), n)

    long = "x" * (cache.USER_TEXT + 1)
    first = cache.scene(from_text)(long)
    assert cache.scene(from_text)(long) is first and len(CALLS) == 1  # kept for this session
    figure = cache.figure(line_chart, first, style=charts.NORMAL)
    assert cache.figure(line_chart, first, style=charts.NORMAL) is figure
    for extra in range(cache.MAX_PRIVATE):  # more texts than the session keeps: the first goes
        cache.scene(from_text)(long + "y" * (extra + 1))
    assert len(st.session_state[cache._PRIVATE_STATE]) <= cache.MAX_PRIVATE
    cache.scene(from_text)(long)
    assert len(CALLS) == cache.MAX_PRIVATE + 2  # computed again: it had been dropped
    st.session_state[cache._PRIVATE_STATE].clear()  # another session: nothing shared
    cache.scene(from_text)(long)
    assert len(CALLS) == cache.MAX_PRIVATE + 3
    short = cache.scene(from_text)("short")  # a short setting is shared as before
    st.session_state[cache._PRIVATE_STATE].clear()
    assert cache.scene(from_text)("short") is short
