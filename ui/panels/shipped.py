"""The seed control of a page whose models are trained in advance ("types", "approaches"): only the shipped draws.

A link may still carry another seed (``?ty_seed=7``, typed by hand or from before the pages shipped their fits).
Streamlit drops a bound value outside the control's range and opens on the default; this control also says so,
as ``app.py`` does for values no control can take, so that a link never silently shows something else.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui import safety
from ui.frame import PageFrame


def _offered(value: str, draws: Sequence[int]) -> bool:
    """True if the control takes the link's ``value``: a number whose whole part is one of ``draws`` (``"3"``,
    ``"3.0"``; Streamlit reads ``"2.5"`` as 2, as an integer control does)."""
    try:
        return int(float(value)) in draws
    except (ValueError, OverflowError):
        return False


def seed_control(page: PageFrame, key: str, draws: Sequence[int], help: str, dropped: str) -> int:
    """The page's seed, one of ``draws``; ``help`` says why only these, ``dropped`` (a template with ``{value}``)
    what happened to a seed in the link that is not one of them."""
    asked = st.query_params.get(key)  # read before the control: Streamlit removes a value it cannot use
    seed = page.seed_control(key=key, max_value=max(draws), help=help)
    if asked is not None and not _offered(asked, draws):
        st.warning(safety.plain(dropped.format(value=asked[:20])), icon=":material/link_off:")
    return seed
