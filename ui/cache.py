"""The app's caches: one for scenes, one for finished figures. Both keyed on scalars.

A page never decorates functions itself. It calls a pure scene through :func:`scene` and hands the result
to a pure chart builder through :func:`figure`::

    view = cache.scene(entropy_scenes.surprisal)(probs, symbols)
    chart = cache.figure(info_charts.surprisal_bars, view, style=page.style)
    page.show(chart, "entropy-surprisal", data=view.table)

``scene`` keys on the call's arguments, which must be scalars (numbers, strings, booleans, None, bytes)
or tuples of them: caching on a large array would hash a sample of it and could serve the wrong result.
Keyword arguments whose names start with ``_`` (an upload's bytes) are passed through unhashed; the caller
puts a digest of them among the hashed arguments. The result is shared by every session (never copied), so
its numpy arrays are made read-only: a page that tried to change one would fail loudly instead of changing
what other students see.

``figure`` keys on the builder's name, its scalar arguments, the scenes it is given (by the call that made
them, not by their contents) and the :class:`~ui.charts.Style`, so a chart made for presenter mode is never
served in normal mode.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from ui.charts.base import LIVE_DATA, Style, live, spec

T = TypeVar("T")

#: How many results each cache keeps (least recently used go first): a few per page and control state.
MAX_SCENES = 600
MAX_FIGURES = 400

#: A scene whose key holds a string longer than this (a student's pasted text) or that is given uploaded bytes
#: (``_raw``) is made from the student's own input: its results stay in that student's session (at most
#: :data:`MAX_PRIVATE` of them, and of their figures), never in the shared caches, so one student cannot fill the
#: server's memory, and the memory goes when the session ends. Presets and sliders share results as before.
USER_TEXT = 256
MAX_PRIVATE = 16
#: The app's own long texts (a page's sample message, an example to paste): results made from them are shared like
#: any preset's, however long they are. The panels that show them name them once, at import, with :func:`app_text`.
_APP_TEXTS: set[str] = set()
_PRIVATE_STATE = "_cache_private"

_SCALARS = (int, float, str, bool, bytes, type(None), np.integer, np.floating, np.bool_)
_KEY_ATTRIBUTE = "_scene_key"


def _check_key(value: Any, where: str) -> Any:
    """``value`` if it is a scalar or a (nested) tuple of scalars; TypeError otherwise."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple):
        return tuple(_check_key(v, where) for v in value)
    raise TypeError(
        f"{where}: cache keys must be scalars or tuples of scalars, got {type(value).__name__}. "
        "Pass the settings that produce the data (seed, n, preset), not the data itself."
    )


def _freeze(value: Any) -> Any:
    """Make the numpy arrays inside a shared result read-only (recursing through dataclasses and containers)."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _freeze(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            _freeze(v)
    elif isinstance(value, dict):
        for v in value.values():
            _freeze(v)
    return value


@st.cache_resource(show_spinner=False, max_entries=MAX_SCENES)
def _scene_result(name: str, args: tuple, kwargs: tuple, _fn: Callable, _private: dict) -> Any:
    result = _fn(*args, **dict(kwargs), **_private)
    _freeze(result)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        try:
            object.__setattr__(result, _KEY_ATTRIBUTE, (name, args, kwargs))
        except (AttributeError, TypeError):  # a dataclass with __slots__: figures then key on its id
            pass
    return result


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def app_text(text: str) -> str:
    """``text``, marked as the app's own (a default message, an example): results made from it are shared.

    Without it a long default text would look typed by a student, and every session would compute (and keep) its
    own copy of the page's default pictures.

    >>> long = "the quick brown fox " * 20
    >>> before = _student_made(long)
    >>> before, _student_made(app_text(long)), _student_made(long + "!")
    (True, False, True)
    """
    _APP_TEXTS.add(text)
    return text


def _student_made(key: Any) -> bool:
    """True if ``key`` holds a long string (typed or pasted by a student) or names a private scene's result."""
    if isinstance(key, str):
        return len(key) > USER_TEXT and key not in _APP_TEXTS
    if isinstance(key, tuple):
        return bool(key) and (key[0] == "private" or any(_student_made(k) for k in key))
    return False


def _private_cache() -> collections.OrderedDict:
    """This session's small cache of results made from its own input (least recently used go first)."""
    return st.session_state.setdefault(_PRIVATE_STATE, collections.OrderedDict())


def _kept_privately(key: tuple, make: Callable[[], Any]) -> Any:
    store = _private_cache()
    if key in store:
        store.move_to_end(key)
        return store[key]
    value = make()
    store[key] = value
    while len(store) > MAX_PRIVATE:
        store.popitem(last=False)
    return value


def _private_scene(name: str, args: tuple, kwargs: tuple, fn: Callable, private: dict) -> Any:
    def make() -> Any:
        result = fn(*args, **dict(kwargs), **private)
        _freeze(result)
        if dataclasses.is_dataclass(result) and not isinstance(result, type):
            with contextlib.suppress(AttributeError, TypeError):
                object.__setattr__(result, _KEY_ATTRIBUTE, ("private", name, args, kwargs))
        return result

    return _kept_privately(("scene", name, args, kwargs), make)


@functools.cache
def scene(fn: Callable[..., T], spinner: str | None = None) -> Callable[..., T]:
    """``fn`` behind the shared scene cache. ``spinner``: a message shown if a first call takes over 0.5 s."""
    name = _name(fn)

    @functools.wraps(fn)
    def cached(*args: Any, **kwargs: Any) -> T:
        private = {k: v for k, v in kwargs.items() if k.startswith("_")}
        public = tuple(sorted((k, _check_key(v, name)) for k, v in kwargs.items() if not k.startswith("_")))
        key_args = _check_key(tuple(args), name)
        # a preset passes ``_raw`` empty (b"" or None): its result is shared like any other
        run = _private_scene if private.get("_raw") or _student_made((key_args, public)) else _scene_result
        if spinner is None:
            return run(name, key_args, public, fn, private)
        with st.spinner(spinner, show_time=True):
            return run(name, key_args, public, fn, private)

    return cached


def scene_key(value: Any) -> Any:
    """The key a cached scene was made with (what :func:`figure` caches on); ``value`` itself for scalars."""
    key = getattr(value, _KEY_ATTRIBUTE, None)
    if key is not None:
        return ("scene", key)
    return _check_key(value, "figure")


# ----------------------------------------------------------------------------------------------- figures


@dataclasses.dataclass(frozen=True)
class Rendered:
    """A chart's finished Vega-Lite spec, ready to send, and the same spec as plain JSON for export.

    ``spec``'s datasets are stored as Arrow bytes, the form Streamlit sends to the browser, so a warm rerun
    converts nothing (about 20 ms per heatmap chart on a loaded machine). ``plain`` keeps them as JSON rows,
    which the PNG/SVG export (vl-convert) reads.
    """

    spec: dict
    plain: dict

    @functools.cached_property
    def live(self) -> dict:
        """The spec as sent to the browser (:func:`ui.charts.base.live`: what a control changes moved into data,
        so the browser updates the drawn chart instead of drawing it again); made once per figure."""
        sent = live(self.spec)
        if LIVE_DATA in sent["datasets"]:
            sent["datasets"][LIVE_DATA] = _arrow(sent["datasets"][LIVE_DATA])
        return sent

    @property
    def description(self) -> str:
        """The chart's one-sentence text alternative (Vega-Lite ``description``), "" if it has none."""
        return str(self.plain.get("description", ""))


def render(chart: Any, style: Style) -> Rendered:
    """The page-style spec of an Altair chart with its datasets converted to Arrow once."""
    plain = spec(chart, style)
    send = dict(plain)
    send["datasets"] = {name: _arrow(values) for name, values in (plain.get("datasets") or {}).items()}
    return Rendered(send, plain)


@st.cache_resource(show_spinner=False, max_entries=MAX_FIGURES)
def _figure(
    name: str, key: tuple, kwargs: tuple, style: Style, _builder: Callable, _args: tuple, _kwargs: dict
) -> Rendered:
    return render(_builder(*_args, **_kwargs, style=style), style)


def figure(builder: Callable[..., Any], *args: Any, style: Style, **kwargs: Any) -> Rendered:
    """``builder(*args, **kwargs, style=style)`` rendered once and cached.

    ``args``/``kwargs`` are cached scenes (keyed by the call that made them) or scalars/tuples of scalars.
    """
    key = tuple(scene_key(a) for a in args)
    kw_key = tuple(sorted((k, scene_key(v)) for k, v in kwargs.items()))
    if _student_made((key, kw_key)):
        figure_key = ("figure", _name(builder), key, kw_key, style)
        return _kept_privately(figure_key, lambda: render(builder(*args, **kwargs, style=style), style))
    return _figure(_name(builder), key, kw_key, style, builder, args, kwargs)


def amend(base: Rendered, edit: Callable[[dict], dict]) -> Rendered:
    """A cached chart with a cheap, pure edit applied to its spec (not cached: it runs on every rerun).

    For a mark that follows a control while the rest of the chart stays (a probe point over fitted samples):
    the costly chart is cached once by :func:`figure`; ``edit`` returns a changed copy of a finished spec
    (a chart builder's pure function, e.g. ``functools.partial(add_probe, probe=..., style=...)``).
    """
    send = edit(base.spec)
    if send.get("datasets"):  # a dataset the edit added (as JSON rows) goes to the browser as Arrow, like the rest
        send["datasets"] = {name: _arrow(values) for name, values in send["datasets"].items()}
    return Rendered(send, edit(base.plain))


def _arrow(values: Any) -> bytes:
    return values if isinstance(values, bytes) else dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(values))


@st.cache_resource(show_spinner=False, max_entries=MAX_FIGURES)
def _picture(name: str, key: tuple, kwargs: tuple, _builder: Callable, _args: tuple, _kwargs: dict) -> bytes:
    return _builder(*_args, **_kwargs)


def picture(builder: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    """``builder(*args, **kwargs)``, a PNG for ``st.image`` (a digit mosaic, rendered strokes), made once.

    Keyed like :func:`figure`: cached scenes by the call that made them, other arguments as scalars.
    """
    key = tuple(scene_key(a) for a in args)
    kw_key = tuple(sorted((k, scene_key(v)) for k, v in kwargs.items()))
    if _student_made((key, kw_key)):
        return _kept_privately(("picture", _name(builder), key, kw_key), lambda: builder(*args, **kwargs))
    return _picture(_name(builder), key, kw_key, builder, args, kwargs)


def clear() -> None:
    """Empty the caches (tests use it to compare a cold start with a warm one)."""
    _scene_result.clear()
    _figure.clear()
    _picture.clear()
