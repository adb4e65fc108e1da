"""The page frame: what every slide page shows around its figure, so no page repeats boilerplate.

A page script reads: ``page = frame.start("entropy")`` -> ``page.formula()`` -> controls -> one cached scene
inside ``page.guard()`` (``ui.cache.scene``) -> ``page.show(cache.figure(builder, view, style=page.style))``
-> ``page.numbers`` -> ``page.notice(**values)`` -> ``page.quiz()`` -> ``page.deeper()`` -> ``page.end()``.
Every sentence comes from the page's lecture text (``lecture/<key>.py``); numbers fill its templates.

Presenter mode (``st.session_state["present"]``, set by the sidebar toggle or ``?present=true``)
enlarges type and figures and hides the self-study blocks (questions, derivations). The frame is the one
place that reads it: it hands charts an explicit :class:`~ui.charts.Style` (``page.style``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitAPIException

import lecture
from lecture import Deeper, Quiz
from ui import registry, safety
from ui.cache import Rendered
from ui.charts.base import NORMAL, PRESENT, Style, chart_png, chart_svg

log = logging.getLogger(__name__)

#: CSS for presenter mode: larger type everywhere, less chrome. Constant text, never user input.
PRESENTER_CSS = """
<style>
  .stMainBlockContainer, .block-container { padding-top: 2.6rem; max-width: 100%; }
  [data-testid="stMain"] .stMarkdown p, [data-testid="stMain"] .stMarkdown li,
  [data-testid="stMain"] .stCaption p, [data-testid="stMain"] label p { font-size: 1.3rem !important; }
  h1 { font-size: 3.6rem !important; }
  h2, h3 { font-size: 2rem !important; }
  h4, h5 { font-size: 1.55rem !important; }
  [data-testid="stMetricValue"] { font-size: 2.1rem !important; }
  [data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
  .katex-display .katex { font-size: 1.55em !important; }
  [data-testid="stCaptionContainer"] .katex { font-size: 1.05em !important; }
  [data-testid="stCode"] code { font-size: 1.3rem !important; }
  [data-testid="stTable"] th, [data-testid="stTable"] td { font-size: 1.25rem !important; }
  [data-testid="stAlert"] p, [data-testid="stImageCaption"], [data-testid="stTab"] p,
  [data-testid="stSelectbox"] div[value], [data-baseweb="select"] span { font-size: 1.3rem !important; }
</style>
"""

#: CSS for both modes: keep metric values and the header tidy.
BASE_CSS = """
<style>
  [data-testid="stMetricValue"] { font-size: 1.55rem; }
  .katex { font-size: 1.25em; }
</style>
"""


@dataclass(frozen=True)
class Number:
    """A number shown beside a figure: label, value, unit, optional help and decimals."""

    label: str
    value: float | int | str
    unit: str = ""
    help: str | None = None
    digits: int = 3


def fmt(value: float | int | str, unit: str = "", digits: int = 3) -> str:
    """Format a number for the screen: infinity as ∞, never 'nan' (shown as 'undefined')."""
    if isinstance(value, str):
        return f"{value} {unit}".strip()
    x = float(value)
    if math.isnan(x):
        log.warning("fmt() was given NaN for unit %r", unit)
        return "undefined"
    if math.isinf(x):
        text = "∞" if x > 0 else "−∞"
    elif isinstance(value, int) or (float(x).is_integer() and abs(x) >= 1000):
        text = f"{int(x):,}"
    elif x != 0 and (abs(x) < 10 ** (-digits) or abs(x) >= 1e6):
        text = f"{x:.{max(1, digits - 1)}e}"
    else:
        text = f"{x:,.{digits}f}"
    if text.startswith("-"):
        text = "−" + text[1:]
    return f"{text} {unit}".strip()


class PageFrame:
    """The frame of one slide page. Create it with :func:`start`."""

    def __init__(self, key: str):
        self.key = key
        self.text = lecture.text(key)
        self.slide = self.text.slide
        self._quizzes = 0

    @property
    def present(self) -> bool:
        """True in presenter mode."""
        return presenter()

    @property
    def style(self) -> Style:
        """The chart style for the current mode: pass it to every chart builder (``cache.figure``)."""
        return PRESENT if self.present else NORMAL

    # -- header and formulas -------------------------------------------------------------
    def _header(self) -> None:
        st.html(PRESENTER_CSS if self.present else BASE_CSS)
        st.title(self.slide.title, anchor=False)
        st.markdown(f"#### {self.slide.key_message}")
        if self.slide.bullets and self.key != "plan":
            st.caption("On the slide: " + "  ·  ".join(self.slide.bullets))

    def formula(self, *latex: str, where: str | None = None) -> None:
        """Show formulas (default: the lecture text's), then one line naming the symbols (markdown, $maths$)."""
        if not latex:
            latex, where = self.text.formulas, (self.text.where if where is None else where)
        with st.container(border=True):
            for expression in latex:
                st.latex(expression)
            if where:
                st.caption(where)

    # -- layout ----------------------------------------------------------------------------
    def columns(self, ratio: Sequence[float] = (3, 1)) -> list:
        """Figure column(s) then a controls column (its labels need the room in presenter mode too)."""
        return st.columns(list(ratio), gap="large")

    def seed_control(self, key: str | None = None, default: int = 0, label: str = "Seed") -> int:
        """A random-seed input bound to the URL: the same seed gives the same picture."""
        return int(st.number_input(label, min_value=0, max_value=99_999, value=default, step=1,
                                   key=key or f"{self.key}_seed", bind="query-params",
                                   help="The same seed reproduces exactly the same random draw."))

    # -- errors ----------------------------------------------------------------------------
    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn problems into messages: ValueError -> its text; anything else -> a friendly note.

        The rest of the page (and the app) keeps working; Streamlit's own rerun/stop signals pass through.
        """
        try:
            yield
        except ValueError as err:  # its text may quote what the student typed: shown as plain text
            st.error(safety.plain(err), icon=":material/error:")
        except Exception:
            log.exception("Unexpected error on page %s", self.key)
            st.error(
                "This part of the page ran into an unexpected problem and was skipped. The rest of the app "
                "still works: try other settings, or reload the page.",
                icon=":material/sentiment_dissatisfied:",
            )

    # -- numbers and notes -------------------------------------------------------------------
    def numbers(self, values: Sequence[Number], per_row: int = 4) -> None:
        """The numbers behind the picture, as large metrics with units."""
        values = list(values)
        for start in range(0, len(values), per_row):
            row = values[start : start + per_row]
            for col, n in zip(st.columns(len(row)), row, strict=True):
                col.metric(n.label, fmt(n.value, n.unit, n.digits), help=n.help)

    def notice(self, *sentences: str, **values: object) -> None:
        """'What to notice': two or three sentences that say what the picture shows.

        Without ``sentences`` the lecture text's ``notice`` is used. With ``values``, every sentence is a
        template whose ``{fields}`` are filled from them (numbers computed from the model, never typed).
        """
        sentences = sentences or self.text.notice
        if values:
            sentences = tuple(s.format(**values) for s in sentences)
        with st.container(border=True):
            st.markdown("**:material/visibility: What to notice**")
            st.markdown("\n".join(f"- {s}" for s in sentences))

    def quiz(self, question: str | Quiz | int = 0, options: Sequence[str] = (), answer: int = 0,
             explain: str = "") -> None:
        """A check-yourself question with immediate feedback (hidden in presenter mode).

        Pass a :class:`~lecture.Quiz`, or an index into the lecture text's quizzes (default: the first).
        """
        if isinstance(question, int):
            question = self.text.quizzes[question]
        if isinstance(question, Quiz):
            question, options, answer, explain = question.question, question.options, question.answer, question.explain
        self._quizzes += 1
        if self.present:
            return
        with st.container(border=True):
            st.markdown("**:material/quiz: Check yourself**")
            choice = st.radio(question, list(options), index=None, key=f"{self.key}_quiz{self._quizzes}")
            if choice is not None:
                if list(options).index(choice) == answer:
                    st.success(f"Right. {explain}", icon=":material/check_circle:")
                else:
                    st.error(f"Not quite. {explain}", icon=":material/cancel:")

    def deeper(self, title: str | Deeper | None = None, body: str = "") -> None:
        """'Go deeper' expanders with derivations (markdown with $LaTeX$); hidden in presenter mode.

        Without arguments, every derivation of the lecture text; or one :class:`~lecture.Deeper`, or title + body.
        """
        if self.present:
            return
        if title is None:
            items = list(self.text.deeper)
        elif isinstance(title, Deeper):
            items = [title]
        else:
            items = [Deeper(title, body)]
        for item in items:
            with st.expander(f"Go deeper: {item.title}", icon=":material/school:"):
                st.markdown(item.body)

    # -- charts ------------------------------------------------------------------------------
    def show(self, chart: Rendered, name: str, data=None, export: bool = True, stretch: bool = True) -> None:
        """Show a finished chart (``cache.figure``'s result) with an Export menu: PNG, SVG and CSV of ``data``.

        PNG and SVG are rendered only when clicked, so export costs nothing on a normal rerun. ``name``
        becomes the file name and must be unique on the page. ``stretch=False`` keeps the chart's own width.
        """
        show(chart, name, data=data, export=export, stretch=stretch)

    # -- footer ------------------------------------------------------------------------------
    def end(self) -> None:
        """Prev / next links in lecture order (from the registry)."""
        before, after = registry.neighbours(self.key)
        if before is None and after is None:
            return
        st.divider()
        left, _, right = st.columns([2, 1, 2])
        try:
            if before is not None:
                left.page_link(before.file, label=f"Previous: {before.title}", icon=":material/arrow_back:")
            if after is not None:
                right.page_link(after.file, label=f"Next: {after.title}", icon=":material/arrow_forward:")
        except (StreamlitAPIException, KeyError):
            # Run outside the app's navigation (a page file opened on its own): no links to offer.
            pass


def presenter() -> bool:
    """True when presenter mode is on (the sidebar toggle or ``?present=true``)."""
    return bool(st.session_state.get("present", False))


def _slug(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.lower())
    return keep.strip("-") or "chart"


def show(chart: Rendered, name: str, data=None, export: bool = True, stretch: bool = True) -> None:
    """Show a finished chart with an Export menu (see :meth:`PageFrame.show`)."""
    if not isinstance(chart, Rendered):
        raise TypeError("show() takes a finished chart: build it with ui.cache.figure(builder, ..., style=...)")
    finished = chart.plain  # exported as shown; st.vega_lite_chart copies the spec it is given
    st.vega_lite_chart(chart.spec, theme=None, width="stretch" if stretch else "content")
    if not export:
        return
    slug = _slug(name)
    with st.popover("Export", icon=":material/download:", type="tertiary"):
        st.download_button("PNG image", data=lambda: chart_png(finished), file_name=f"{slug}.png",
                           mime="image/png", on_click="ignore", key=f"export_png_{slug}", icon=":material/image:")
        st.download_button("SVG (vector)", data=lambda: chart_svg(finished), file_name=f"{slug}.svg",
                           mime="image/svg+xml", on_click="ignore", key=f"export_svg_{slug}",
                           icon=":material/draw:")
        if data is not None:
            st.download_button("Data (CSV)", data=lambda: data.to_csv(index=False).encode("utf-8"),
                               file_name=f"{slug}.csv", mime="text/csv", on_click="ignore",
                               key=f"export_csv_{slug}", icon=":material/table:")


def _run_through_app() -> None:
    """Make sure the page runs inside ``app.py``'s navigation, never as a bare script.

    Streamlit decides at server start whether a ``pages/`` folder means the old automatic multipage
    mode, and leaves that mode only when ``app.py`` calls ``st.navigation``. If the very first visit to a
    freshly started server is a shared link to a page (``/entropy``), Streamlit would run that page file
    on its own: no sidebar toggle, no wide layout. Here we switch the old mode off and rerun, so the same
    URL goes through ``app.py``. Costs nothing once the app has run (the flag is already off).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def start(key: str) -> PageFrame:
    """Open a slide page: draws the header (title, key message, slide bullets) and returns its frame."""
    _run_through_app()
    page = PageFrame(key)
    page._header()
    return page
