"""Entry point: page config, navigation over the lecture registry, presenter mode, shared sidebar.

Run with ``streamlit run app.py``. Every page is listed once, in ``ui/registry.py``.
"""

from __future__ import annotations

import logging

import streamlit as st

#: The app's own packages: every module in them is imported at a process's start (see below).
PACKAGES = ("core", "scenes", "lecture", "ui", "classroom")


@st.cache_resource(show_spinner=False)
def _set_up_the_process() -> None:
    """Once per server process, before any page runs (a session that arrives meanwhile waits for it): one BLAS
    thread, every module of the app's packages imported in this one thread, the garbage collector's larger
    generations (``ui.process`` says why)."""
    from ui import process

    process.set_up(PACKAGES)


_set_up_the_process()

from ui import classroom, registry, safety  # noqa: E402  (after the process's set-up: see above)

# A presenter link (?present=true) opens with the sidebar folded away: on a projector every pixel goes to the page.
_presenting = st.query_params.get("present", "").lower() in ("true", "1")
st.set_page_config(
    page_title="GenAI Foundations: lecture companion",
    page_icon="ui/favicon.png",  # a local file: a material icon here would be fetched from the internet
    layout="wide",
    initial_sidebar_state="collapsed" if _presenting else "expanded",
)


# Before any widget reads the link: drop values no control can take (inf, 1e309, a 10,000-digit number, a
# megabyte of text). A widget given such a value would fail inside Streamlit before the page could say why.
_dropped = safety.clean_query_params()


def _st_page(entry: registry.LecturePage, default: bool = False) -> st.Page:
    return st.Page(entry.file, title=entry.title, icon=entry.icon, url_path=entry.url_path or None, default=default)


navigation = {"": [_st_page(registry.HOME, default=True)]}
for section, pages in registry.by_section().items():
    navigation[section] = [_st_page(p) for p in pages]
current = st.navigation(navigation, position="sidebar", expanded=True)

with st.sidebar:
    st.divider()
    st.toggle(
        "Presenter mode",
        key="present",
        bind="query-params",
        help="For a projector: larger type and figures; questions and derivations are hidden. "
        "Also opens with ?present=true in the link.",
    )
    st.caption(
        "The page's controls are saved in its link (not your files, pasted text or hand-entered flips): "
        "copy the address bar to share exactly what you see. "
        "Works offline; nothing is fetched from the internet."
    )
    classroom.sidebar(current.url_path)  # classroom mode (join, follow, lecturer): nothing without a passcode

if _dropped:
    st.warning(
        "This link carried values no control can take, so they were left out: "
        + "; ".join(f"{safety.plain(name)} ({reason})" for name, reason in _dropped)
        + ". The page shows its defaults for them.",
        icon=":material/link_off:",
    )

try:
    current.run()
    classroom.publish(current.url_path)  # the lecturer's page and controls, for the students who follow
except Exception:  # a page failed outside its own guard: say so kindly, keep the app alive
    logging.getLogger("app").exception("Page %s failed", current.title)
    st.error(
        "This page ran into an unexpected problem. The rest of the app still works: pick another page "
        "in the sidebar, or reload this one.",
        icon=":material/sentiment_dissatisfied:",
    )
