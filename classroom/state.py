"""A page's controls as text: what the lecturer publishes and what a follower applies.

A page's state is its page plus the values of its controls bound to the link (``bind="query-params"``). The
values travel as JSON; a tuple (a range slider's two ends) is kept a tuple, so the follower's widget gets back
exactly the type it gave. Values of any other type are left out (no control of this app has one).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

#: Longest published state (characters): far above any page's controls, far below what a row should hold.
MAX_STATE_CHARS = 20_000
#: Parameters that are the viewer's own, never the lecturer's to impose: presenter mode and the join code.
PRIVATE_KEYS = frozenset({"present", "class"})

_SCALARS = (bool, int, float, str, type(None))


def _plain(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        raise TypeError("not a finite number")
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple):
        return {"tuple": [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    raise TypeError(type(value).__name__)


def _back(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"tuple"} and isinstance(value["tuple"], list):
        return tuple(_back(v) for v in value["tuple"])
    if isinstance(value, list):
        return [_back(v) for v in value]
    if isinstance(value, _SCALARS):
        return value
    raise ValueError(f"not a control's value: {value!r}")


def encode(values: Mapping[str, object]) -> str:
    """The controls' values as JSON, keys sorted; private keys and values of other types left out.

    >>> encode({"n": 3, "range": (0.5, 2.0), "present": True, "fig": object()})
    '{"n": 3, "range": {"tuple": [0.5, 2.0]}}'
    """
    kept = {}
    for key, value in values.items():
        if key in PRIVATE_KEYS:
            continue
        try:
            kept[str(key)] = _plain(value)
        except TypeError:
            continue
    text = json.dumps(kept, sort_keys=True, allow_nan=False)
    if len(text) > MAX_STATE_CHARS:
        raise ValueError(f"a page's controls take {len(text):,} characters, more than {MAX_STATE_CHARS:,}")
    return text


def decode(text: str) -> dict[str, object]:
    """The values :func:`encode` wrote (tuples come back as tuples); a clear ``ValueError`` for anything else.

    >>> decode(encode({"n": 3, "range": (0.5, 2.0), "kinds": ["a", "b"]}))
    {'kinds': ['a', 'b'], 'n': 3, 'range': (0.5, 2.0)}
    >>> decode('[1, 2]')
    Traceback (most recent call last):
    ...
    ValueError: a page's state is a JSON object of control values, not list
    """
    if not text:
        return {}
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError(f"a page's state is a JSON object of control values, not {type(raw).__name__}")
    return {str(k): _back(v) for k, v in raw.items() if k not in PRIVATE_KEYS}


def differences(wanted: Mapping[str, object], current: Mapping[str, object]) -> dict[str, object]:
    """The values of ``wanted`` that ``current`` does not have (a list and a tuple of equal items differ).

    >>> differences({"a": 1, "b": (1, 2), "c": "x"}, {"a": 1, "b": [1, 2]})
    {'b': (1, 2), 'c': 'x'}
    """
    missing = object()
    out = {}
    for key, value in wanted.items():
        have = current.get(key, missing)
        if have is missing or type(have) is not type(value) or have != value:
            out[key] = value
    return out
