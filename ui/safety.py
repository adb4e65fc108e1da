"""What a hostile link or upload cannot do: inject markdown, or crash a widget with an impossible number.

Two doors let a student's text onto everyone's screen who opens their link: messages that quote what was
typed (a ``ValueError`` from ``core`` repeating the input) and labels taken from an uploaded file. Both go
through :func:`plain`, the one place where user text becomes safe markdown. The third door is the URL:
widgets bound to query parameters read them before the page runs, and an integer widget given ``inf`` or a
10,000-digit number raised inside Streamlit before any control was drawn. :func:`clean_query_params` runs
first in ``app.py`` and drops such values (the page then says so).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

#: Longest query-parameter value kept (characters). The longest legitimate one is a typed distribution or a
#: short coin-flip sequence; a longer value would make a link that browsers and servers refuse to reload.
MAX_QUERY_VALUE = 2_000
#: Largest magnitude a number in the link may have: every numeric control of the app lies far inside it.
MAX_QUERY_NUMBER = 1e12

#: Characters that start markdown constructs: emphasis, code, links and images, autolinks (``<``, ``:`` in
#: ``http://``, ``@`` in e-mail addresses), HTML, headings, tables, strike-through, maths, Streamlit's
#: ``:red[...]`` directives. Plain punctuation (``.,;()-=``) is left alone, so messages read naturally.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!#|~$:{}@])")
_WWW = re.compile(r"(www)\.", re.IGNORECASE)
_BULLET_START = re.compile(r"^(\s*)([-+*])")
_NUMBERED_START = re.compile(r"^(\s*)(\d+)([.)])")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NON_FINITE = re.compile(r"[+-]?(inf|infinity|nan)", re.IGNORECASE)


def plain(text: object) -> str:
    r"""``text`` as markdown that shows exactly these characters: no link, image, styling, maths or HTML.

    CommonMark lets a backslash escape any ASCII punctuation: every character that could start a construct is
    escaped, and so are ``www.`` and a leading list marker. Line breaks become spaces.

    >>> print(plain("![x](//ev.il/a.png) and [Re-login](https://ev.il) :red[**hi**]"))
    \!\[x\](//ev.il/a.png) and \[Re-login\](https\://ev.il) \:red\[\*\*hi\*\*\]
    >>> print(plain("p must sum to 1 (it sums to 0.93)."))
    p must sum to 1 (it sums to 0.93).
    >>> print(plain("- www.ev.il"))
    \- www\.ev.il
    """
    flat = " ".join(str(text).split())
    escaped = _WWW.sub(r"\1\\.", _MARKDOWN_SPECIAL.sub(r"\\\1", flat))
    return _NUMBERED_START.sub(r"\1\2\\\3", _BULLET_START.sub(r"\1\\\2", escaped))


def unusable_query_value(value: str) -> str | None:
    """Why a query-parameter value must be dropped before any widget reads it, or None if it may stay.

    >>> unusable_query_value("inf"), unusable_query_value("1e309"), unusable_query_value("7")
    ('not a finite number', 'not a finite number', None)
    >>> unusable_query_value("9" * 40)
    'a number too large for any control'
    >>> unusable_query_value("0.5, 0.25, 0.25") is None
    True
    """
    if len(value) > MAX_QUERY_VALUE:
        return f"longer than {MAX_QUERY_VALUE:,} characters"
    token = value.strip()
    if _NON_FINITE.fullmatch(token):
        return "not a finite number"
    if _NUMBER.fullmatch(token):
        number = float(token)
        if not math.isfinite(number):
            return "not a finite number"
        if abs(number) > MAX_QUERY_NUMBER:
            return "a number too large for any control"
    return None


def unusable_query_params(params: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """``(name, reason)`` for every parameter with an unusable value (``params``: name -> its values)."""
    found = []
    for name, values in params.items():
        reasons = [r for v in values if (r := unusable_query_value(str(v)))]
        if reasons:
            found.append((name, reasons[0]))
    return found


def clean_query_params() -> list[tuple[str, str]]:
    """Drop every unusable value from this session's link before any widget reads it; ``(name, reason)`` each.

    Streamlit seeds bound widgets from the *initial* query string it stored when the page was opened, not from
    ``st.query_params``, so the value is removed from both (through the session's query-parameter store: the
    public ``st.query_params`` has no way to change the stored initial values).
    """
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as store:
        current = {name: store.get_all(name) for name in store}
        initial = getattr(store, "_initial_query_params", {})
        found = unusable_query_params({**initial, **current})
        for name, _ in found:
            store.remove_param(name)
            initial.pop(name, None)
    return [(name[:40], reason) for name, reason in found]
