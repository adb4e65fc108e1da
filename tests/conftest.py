"""Shared test fixtures: run the app or one page through AppTest, from the repository root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)  # page files and the registry use paths relative to the repository root
threadpool_limits(limits=1)  # as in app.py: a 2-thread BLAS on 2 shared cores is far slower than 1

#: First runs import scikit-learn and fit models: far longer than AppTest's 3 s default.
TIMEOUT = 120


def run_app(page_file: str | None = None, *, present: bool = False, query: dict | None = None) -> AppTest:
    """The ONE page driver: open ``page_file`` through ``app.py`` (navigation, sidebar, presenter toggle).

    Like a browser opening a link: the first run is already the page, with ``query`` as the link's parameters.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if page_file is not None:
        at.switch_page(page_file)
    return at.run()


def run_page(page_file: str, *, present: bool = False) -> AppTest:
    """Run one page script on its own (no navigation), e.g. while it is not yet registered."""
    at = AppTest.from_file(str(ROOT / page_file), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    return at.run()


@pytest.fixture
def app_page():
    """``app_page("pages/x.py", present=False)`` -> AppTest of the app switched to that page."""
    return run_app


def shown_text(at: AppTest) -> str:
    """Everything a person reads on the page (markdown, captions, metrics, errors, titles), joined."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "latex", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [str(t.value) for t in at.get("table")] + [str(d.value) for d in at.dataframe]
    return "\n".join(parts)


def table_with(at: AppTest, column: str):
    """The first table (``st.dataframe``) on the page that has ``column``: pages also show each chart's numbers
    as a table in its "Data and export" menu, so tables are found by what they hold, not by position."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a column {column!r}")
