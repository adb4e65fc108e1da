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

import contextlib
import functools
import hashlib
import json
import logging
import random
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import ParamSpec

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

import lecture
from lecture import Deeper, Quiz
from ui import registry, safety
from ui.cache import Rendered
from ui.charts.base import NORMAL, PRESENT, Style, chart_png, chart_svg
from ui.format import Number, fmt  # noqa: F401  (pages use frame.Number and frame.fmt)

log = logging.getLogger(__name__)

#: CSS for presenter mode: one screen per slide, everything readable from the back row. Constant text, never user
#: input. Selectors are this Streamlit's (1.67) data-testids, checked by the browser tests' minimum text size.
PRESENTER_CSS = """
<style>
  .stMainBlockContainer, .block-container { padding-top: 3.2rem; padding-bottom: 2rem; max-width: 100%; }
  [data-testid="stMain"] .stMarkdown p, [data-testid="stMain"] .stMarkdown li,
  [data-testid="stMain"] label p, [data-testid="stMain"] [data-testid="stWidgetLabel"] p,
  [data-testid="stMain"] [data-testid="stRadio"] p, [data-testid="stMain"] [data-testid="stCheckbox"] p,
  [data-testid="stMain"] summary p, [data-testid="stMain"] button p, [data-testid="stPageLink"] p,
  [data-testid="stAlert"] p, [data-testid="stTab"] p, [data-testid="stImageCaption"],
  [data-baseweb="select"] span, [data-baseweb="select"] div, [data-testid="stMain"] input,
  [data-testid="stMain"] textarea, [data-testid="stSliderThumbValue"] p, [data-testid="stSliderTickBar"] p,
  [data-testid="stMain"] [data-baseweb="tab"] p, [data-testid="stMain"] [data-testid="stProgress"] p {
    font-size: 1.3rem !important; }
  h1 { font-size: 2.5rem !important; padding: 0 0 0.2rem 0 !important; }
  h2, h3 { font-size: 1.9rem !important; }
  h4, h5 { font-size: 1.45rem !important; }
  [data-testid="stMetricValue"] { font-size: 1.9rem !important; line-height: 1.15 !important; }
  [data-testid="stMetric"] { padding: 0 !important; gap: 0 !important; }
  [data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
  .katex-display { margin: 0.2rem 0 !important; }
  .katex-display .katex { font-size: 1.45em !important; }
  [data-testid="stCode"] code { font-size: 1.3rem !important; }
  [data-testid="stTable"] th, [data-testid="stTable"] td { font-size: 1.25rem !important; }
  /* the slide view: captions, symbol legends and export menus stay in self-study mode */
  [data-testid="stMain"] [data-testid="stCaptionContainer"] { display: none; }
</style>
"""

#: CSS for both modes: tidy metrics; captions dark enough for WCAG AA contrast on white (4.5:1).
BASE_CSS = """
<style>
  [data-testid="stMetricValue"] { font-size: 1.55rem; }
  .katex { font-size: 1.25em; }
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
  [data-testid="stCaptionContainer"] .katex { color: #4a4a4a !important; opacity: 1 !important; }
</style>
"""

#: Streamlit's sectioned sidebar navigation puts its section blocks inside the page list (a <ul> holding <div>s),
#: which screen readers announce as a broken list (axe: "list", "listitem"). This constant script marks that list
#: and its items as plain structure (the links inside keep their roles), makes display formulas (which scroll
#: sideways when wide) reachable from the keyboard, and does both again whenever the page redraws. It also opens
#: every newly reached page at its top: Streamlit keeps the scroll position when the next page is drawn at once
#: (from the caches), so "Next:" at the foot of one page landed at the foot of the next.
NAV_ROLES_SCRIPT = """
<script>
if (!document.__navRoles) {
  document.__navRoles = true;
  let shown = location.pathname;
  const fix = () => {
    document.querySelectorAll("[data-testid=stSidebarNavItems], [data-testid=stSidebarNavItems] li")
      .forEach((el) => { if (el.getAttribute("role") !== "none") el.setAttribute("role", "none"); });
    // a wide formula scrolls sideways: keyboard users must be able to reach it (axe: scrollable-region-focusable)
    document.querySelectorAll(".katex-display:not([tabindex])").forEach((el) => el.setAttribute("tabindex", "0"));
    if (location.pathname !== shown) {  // another page: start at its top
      shown = location.pathname;
      const main = document.querySelector("[data-testid=stMain]");
      if (main) main.scrollTop = 0;
    }
  };
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
}
</script>
"""

#: Keys that move between slides in presenter mode: what presentation clickers send, and a pair that a focused
#: slider does not take (arrow keys and PageUp/PageDown may move a slider that has the keyboard focus).
NEXT_KEYS = ("PageDown", "n", "N")
PREVIOUS_KEYS = ("PageUp", "p", "P")
#: Presenter mode's key handler (constant text, no user input): attached once to the app's document, it clicks the
#: top "Next slide"/"Previous" link. Typing in a text box or a select box never navigates.
SLIDE_KEYS_SCRIPT = """
<script>
const doc = document;
const NEXT = %s, PREVIOUS = %s;
function slideKeys(event) {
  const target = event.target;
  const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA"].includes(target.tagName)
    && !["range", "checkbox", "radio"].includes(target.type));
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const wanted = NEXT.includes(event.key) ? "Next slide" : PREVIOUS.includes(event.key) ? "Previous" : null;
  if (!wanted) return;
  const link = [...doc.querySelectorAll("[data-testid=stMain] [data-testid=stPageLink] a")]
    .find((a) => a.innerText.trim().endsWith(wanted));
  if (link) { event.preventDefault(); event.stopPropagation(); link.click(); }
}
// one handler at a time: this page's (the previous page's frame, and its handler, are gone)
if (doc.__slideKeys) doc.removeEventListener("keydown", doc.__slideKeys, true);
doc.__slideKeys = slideKeys;
doc.addEventListener("keydown", slideKeys, true);
</script>
"""
#: The element key of a page's main figure: ``page.show(..., name="main-...")`` (one per page).
MAIN_FIGURE_KEY = "main_figure"
#: How many numbers presenter mode shows beside the figure.
KEY_NUMBERS = 3


P = ParamSpec("P")


def live(body: Callable[P, None] | None = None, *, run_every: float | None = None):
    """``body`` as a live panel: a Streamlit fragment (a control inside it reruns ``body`` alone), whose own reruns
    end by publishing the page's controls when this session is a class's lecturer (``ui.classroom.publish``).

    Every fragment of a page is made here (``tests/test_architecture.py`` checks it): a fragment's rerun does not
    run ``app.py``, so without this a student following the lecturer would not see a panel's control move. Use
    as ``live(fn)`` or as a decorator, ``@live`` or ``@live(run_every=0.5)``. The fragment keeps ``body``'s name
    and module, which is how Streamlit tells fragments apart.
    """
    if body is None:
        return functools.partial(live, run_every=run_every)

    @functools.wraps(body)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            body(*args, **kwargs)
        finally:
            if panel_run_alone():  # in a full run, app.py publishes once the whole page is drawn
                from ui import classroom

                classroom.publish()

    return st.fragment(run, run_every=run_every)


def panel_run_alone() -> bool:
    """True in a fragment's own rerun (a control inside it moved, or its timer), False in a full run."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


class PageFrame:
    """The frame of one slide page. Create it with :func:`start`."""

    def __init__(self, key: str):
        self.key = key
        self.text = lecture.text(key)
        self.slide = self.text.slide
        self._quizzes = 0
        self._beside = None  # presenter mode: the figure's column, where the key numbers go under the figure

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
        st.html(BASE_CSS + (PRESENTER_CSS if self.present else ""))
        st.html(NAV_ROLES_SCRIPT, unsafe_allow_javascript=True)  # constant text of ours
        if self.present:  # the title and the slide buttons share one row
            title, buttons = st.columns([5, 2], vertical_alignment="center")
            title.title(self.slide.title, anchor=False)
            with buttons:
                self._slide_buttons()
        else:
            st.title(self.slide.title, anchor=False)
        st.markdown(f"#### {self.slide.key_message}")
        if self.slide.bullets and self.key != "plan" and not self.present:
            st.caption("On the slide: " + "  ·  ".join(self.slide.bullets))

    def _slide_buttons(self) -> None:
        """Presenter mode: previous/next slide links at the top, and the clicker's keys that follow them.

        ``st.switch_page`` refuses to run while a widget is bound to the link (presenter mode's own toggle is), so
        the keys press these links instead, as a click would: a small constant script listens on the app's page for
        PageDown/PageUp (what clickers send) and N/P (which a focused slider does not take), and never while the
        student types in a text box.
        """
        before, after = registry.neighbours(self.key)
        with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
            try:
                if before is not None:
                    st.page_link(before.file, label="Previous", icon=":material/arrow_back:", help=before.title)
                if after is not None:
                    st.page_link(after.file, label="Next slide", icon=":material/arrow_forward:", help=after.title)
            except (StreamlitAPIException, KeyError):  # a page file run outside the app: no links to offer
                return
        # constant text of ours (no user input anywhere in it): the one script the app runs
        st.html(SLIDE_KEYS_SCRIPT % (json.dumps(NEXT_KEYS), json.dumps(PREVIOUS_KEYS)), unsafe_allow_javascript=True)

    def formula(self, *latex: str, where: str | None = None) -> None:
        """Show formulas (default: the lecture text's), then one line naming the symbols (markdown, $maths$).

        Presenter mode shows the first formula alone, on one line: the figure needs the screen.
        """
        if not latex:
            latex, where = self.text.formulas, (self.text.where if where is None else where)
        if self.present:
            st.latex(latex[0])
            return
        with st.container(border=True):
            for expression in latex:
                st.latex(expression)
            if where:
                st.caption(where)

    # -- layout ----------------------------------------------------------------------------
    def columns(self, ratio: Sequence[float] = (3, 1)) -> list:
        """Figure column(s) then a controls column (its labels need the room in presenter mode too).

        In presenter mode the first numbers of :meth:`numbers` go in one row right under the figure (in its
        column), so that figure, key numbers and controls share the first screen.
        """
        cols = st.columns(list(ratio), gap="large")
        if self.present:
            self._beside = cols[0]
        return cols

    def seed_control(
        self,
        key: str | None = None,
        default: int = 0,
        label: str = "Seed",
        max_value: int = 99_999,
        help: str | None = None,
    ) -> int:
        """A random-seed input bound to the URL: the same seed gives the same picture.

        ``max_value``: the largest seed offered (a page whose models are trained in advance offers only those
        draws; ``help`` then says why). A link with a seed beyond it opens on ``default`` (Streamlit drops it).
        """
        return int(
            st.number_input(
                label,
                min_value=0,
                max_value=max_value,
                value=default,
                step=1,
                key=key or f"{self.key}_seed",
                bind="query-params",
                help=help or "The same seed reproduces exactly the same random draw.",
            )
        )

    # -- live panels ------------------------------------------------------------------------
    def panel(self, body: Callable[[], object]) -> None:
        """Run ``body`` (controls and everything they drive) as a fragment: moving one of its controls reruns
        ``body`` alone, so the rest of the page (title, formula, question, derivations) neither reruns nor fades,
        and key presses that arrive while it runs collapse into one rerun with the last value.

        ``body`` must draw only inside itself (nothing in containers made before it) and return nothing the rest
        of the page needs: on a control's rerun only ``body`` runs. Its problems become messages
        (:meth:`guard`), on every rerun.
        """
        quizzes = self._quizzes  # a question inside the panel keeps its widget key on the panel's own reruns

        def run() -> None:
            self._quizzes = quizzes
            with self.guard():
                body()

        # A fragment is known by its function's name and the container it is called in (Streamlit hashes both), so
        # the name must not change from run to run: a panel inside a panel is declared again on each of the outer
        # panel's reruns, and a new name made the browser draw its charts anew every time.
        run.__qualname__ = f"panel.{getattr(body, '__qualname__', 'body')}"
        run.__module__ = getattr(body, "__module__", __name__)
        live(run)()

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
        """The numbers behind the picture, as large metrics with units.

        Presenter mode: the first :data:`KEY_NUMBERS` go in one row under the figure (once per page; put the
        slide's key numbers first), the rest further down.
        """
        values = list(values)
        if self.present and self._beside is not None:
            beside, self._beside = self._beside, None
            key = values[:KEY_NUMBERS]
            with beside:
                for col, n in zip(st.columns(len(key)), key, strict=True):
                    col.metric(n.label, fmt(n.value, n.unit, n.digits), help=n.help)
            values = values[KEY_NUMBERS:]
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

    def quiz(self, quiz: Quiz | int = 0) -> None:
        """A check-yourself question with immediate feedback (hidden in presenter mode).

        Pass a :class:`~lecture.Quiz`, or an index into the lecture text's quizzes (default: the first). The
        options appear in a fixed shuffled order (the same for everyone, so the right answer is not always in
        the same place); the feedback answers the option the student chose, then explains the right one.
        """
        if isinstance(quiz, int):
            quiz = self.text.quizzes[quiz]
        self._quizzes += 1
        from ui import classroom  # (here: classroom mode touches the frame only in its questions)

        if classroom.poll(self.key, quiz, self._quizzes, quiz_order(quiz)):  # a live poll of the class, if any
            return
        if self.present:
            return
        order = quiz_order(quiz)
        with st.container(border=True):
            st.markdown("**:material/quiz: Check yourself**")
            shown = [quiz.options[i] for i in order]
            choice = st.radio(quiz.question, shown, index=None, key=f"{self.key}_quiz{self._quizzes}")
            if choice is not None:
                chosen = order[shown.index(choice)]
                reply = quiz.feedback[chosen] + " " if quiz.feedback else ""
                if chosen == quiz.answer:
                    st.success(f"Right. {reply}{quiz.explain}".strip(), icon=":material/check_circle:")
                else:
                    st.error(f"Not quite. {reply}{quiz.explain}".strip(), icon=":material/cancel:")

    def deeper(self, title: str | Deeper | None = None, body: str = "") -> None:
        """'Go deeper' expanders with derivations (markdown with $LaTeX$); hidden in presenter mode.

        Without arguments, every derivation of the lecture text; or one :class:`~lecture.Deeper`, or title + body.
        Each is drawn only while open (:func:`derivation`).
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
            derivation(item, key=f"{DERIVATION_KEY}{self.key}_{_slug(item.title)}")

    # -- charts ------------------------------------------------------------------------------
    def show(self, chart: Rendered, name: str, data=None, export: bool = True, stretch: bool = True) -> None:
        """Show a finished chart (``cache.figure``'s result) with an Export menu: PNG, SVG and CSV of ``data``.

        PNG and SVG are rendered only when clicked, so export costs nothing on a normal rerun. ``name``
        becomes the file name and must be unique on the page. ``stretch=False`` keeps the chart's own width.
        """
        show(chart, name, data=data, export=export and not self.present, stretch=stretch)

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


#: Session-state key prefix of the "Go deeper" expanders' open/closed state (tests open them by it).
DERIVATION_KEY = "_deeper_"


def derivation(item: Deeper, key: str) -> None:
    """One "Go deeper" expander whose body is drawn only while it is open, as its own live panel.

    A closed derivation sends only its label: its text and maths cost the server and the browser nothing when the
    page loads (a page's derivations were 0.1 to 0.25 s of its load in chromium). Opening it reruns this panel
    alone, which draws the body; the rest of the page neither reruns nor fades. Its state is kept in the
    session under ``key`` (not in the link).
    """

    def body() -> None:
        box = st.expander(f"Go deeper: {item.title}", icon=":material/school:", key=key, on_change="rerun")
        if box.open:
            with box:
                markdown_with_maths(item.body)

    body.__qualname__ = f"derivation.{key}"  # one fragment per derivation, the same on every run
    live(body)()


_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)


def markdown_with_maths(body: str) -> None:
    """Markdown with ``$inline$`` maths and ``$$display$$`` blocks, each display block through ``st.latex``.

    A multi-line ``$$ ... $$`` inside one ``st.markdown`` call does not render in this Streamlit (the whole
    block shows as red LaTeX source), so the text is cut at every display block.
    """
    position = 0
    for match in _DISPLAY_MATH.finditer(body):
        if text := body[position : match.start()].strip():
            st.markdown(text)
        st.latex(match.group(1).strip())
        position = match.end()
    if text := body[position:].strip():
        st.markdown(text)


def quiz_order(quiz: Quiz) -> list[int]:
    """A fixed shuffle of the quiz's options, drawn from its question text (the same on every run)."""
    seed = int.from_bytes(hashlib.sha256(quiz.question.encode("utf-8")).digest()[:8], "big")
    order = list(range(len(quiz.options)))
    random.Random(seed).shuffle(order)
    return order


def presenter() -> bool:
    """True when presenter mode is on (the sidebar toggle or ``?present=true``)."""
    return bool(st.session_state.get("present", False))


def _slug(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.lower())
    return keep.strip("-") or "chart"


def table_for_screen(data):
    """``data`` as shown in a chart's export menu: a missing cell is blank, never "NaN" or "None".

    A column with a missing cell becomes text (Arrow needs one type per column; the CSV keeps the numbers).

    >>> import pandas as pd
    >>> table_for_screen(pd.DataFrame({"k": [1, 2], "p": [0.5, float("nan")]}))["p"].tolist()
    ['0.5', '']
    """
    shown = data.copy()
    for column in data.columns[data.isna().any()]:
        missing = data[column].isna()
        shown[column] = ["" if gone else str(value) for value, gone in zip(data[column], missing, strict=True)]
    return shown


#: The key of a chart's "Data and export" menu is this prefix and the chart's name (``export_menu_<slug>``): its
#: session-state value is whether the menu is open.
EXPORT_MENU = "export_menu_"


def show(chart: Rendered, name: str, data=None, export: bool = True, stretch: bool = True) -> None:
    """Show a finished chart, then a "Data and export" menu: its numbers as a table, CSV, PNG and SVG.

    The chart's one-sentence ``description`` (Vega-Lite) is its text alternative for screen readers; the
    table makes its numbers reachable without seeing it. The menu's content is made only while the menu is open
    (opening it reruns the chart's panel): on every other run a chart costs its spec alone. With the table and
    three download buttons made on every run, the menus were a third of the server's work per slider move (one
    process, 60 students: 1,235 moves served in a minute with them, 1,675 without). PNG and SVG are rendered only
    when clicked.
    """
    if not isinstance(chart, Rendered):
        raise TypeError("show() takes a finished chart: build it with ui.cache.figure(builder, ..., style=...)")
    finished = chart.plain  # exported as shown; st.vega_lite_chart copies the spec it is given
    # the spec's own Vega-Lite description is what a screen reader says for the chart; the slide's main figure
    # sits in a keyed container, so the browser tests find it (class "st-key-main_figure")
    with st.container(key=MAIN_FIGURE_KEY) if name.startswith("main-") else contextlib.nullcontext():
        st.vega_lite_chart(chart.live, theme=None, width="stretch" if stretch else "content")
    if not export:
        return
    slug = _slug(name)
    menu = st.popover(
        "Data and export", icon=":material/table:", type="tertiary", key=EXPORT_MENU + slug, on_change="rerun"
    )
    if not menu.open:
        return
    with menu:
        if chart.description:
            st.markdown(chart.description)
        downloads = [
            ("PNG image", lambda: chart_png(finished), "png", "image/png", ":material/image:"),
            ("SVG (vector)", lambda: chart_svg(finished), "svg", "image/svg+xml", ":material/draw:"),
        ]
        if data is not None:
            st.dataframe(table_for_screen(data), hide_index=True, height=min(36 * (len(data) + 1) + 4, 320))
            csv = (
                "Data (CSV)",
                lambda: data.to_csv(index=False).encode("utf-8"),
                "csv",
                "text/csv",
                ":material/table:",
            )
            downloads.insert(0, csv)
        for label, content, ext, mime, icon in downloads:  # each rendered only when clicked
            st.download_button(
                label,
                data=content,
                file_name=f"{slug}.{ext}",
                mime=mime,
                on_click="ignore",
                key=f"export_{ext}_{slug}",
                icon=icon,
            )


def start(key: str) -> PageFrame:
    """Open a slide page: draws the header (title, key message, slide bullets) and returns its frame."""
    page = PageFrame(key)
    page._header()
    return page
