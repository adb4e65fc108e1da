"""Every page in a real browser (Debian chromium via Playwright), in both modes: what only a browser shows.

Each page is loaded twice, once per mode, and every check of that mode is made on that load (loads are the slow
part of a browser suite):

- as slides (``test_the_lecture_as_slides_with_the_clicker``): the lecture in presenter mode, walked with the
  clicker's keys in two halves (PageDown to every next slide, PageUp back at the end). On every slide, at 1366x768
  and at 1280x720, the main figure and its key numbers are on the first screen and no text on it is under 18 px;
  questions and derivations are hidden; axe on one slide (``AXE_AS_A_SLIDE``: presenter mode draws the same
  widgets as normal mode, larger, plus the slide's own parts (previous/next links, the key-number row), which
  every slide page shares);
- for the student (``test_page_for_the_student``, one test per page): normal mode, reached by the sidebar. Clean (no
  exception, no "Page not found", nothing fetched from outside 127.0.0.1); axe finds no serious barrier on the whole
  page (the viewport made as tall as the page: axe checks the contrast of on-screen text only; the sidebar, the
  same on every page, on the first); every
  chart is labelled; the first slider changes a figure or a number, goes into the link and reruns only its panel
  (the footer outside every panel is never marked stale); on one page the first chart's "Data and export" menu
  opens from the keyboard with the chart's table and downloads; then every tab visited and every expander opened: every
  formula renders (no ``.katex-error``) and no raw markup leaks (``$$``, ``\\frac``, ``**``, raw subscripts).

Screenshots of both modes at 1366x768 (and the whole page in normal mode) go to artifacts/screenshots/ for a person
to look at. A deep link on a fresh server and the sidebar's presenter toggle (a full rerun) have their own tests.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.pages import DERIVATIONS_DRAWN, MAIN, expand_all, open_everything, open_page, outside_hosts
from tests.browser.server import POLL_MS, bugs_in_log, wait_idle
from ui import frame, registry

PAGES = registry.ordered()
SLIDES = [(1366, 768), (1280, 720)]
MIN_TEXT_PX = 18
SERIOUS = ("serious", "critical")
#: The slide that axe also checks in presenter mode (the richest: three model families, the GAN, every control).
AXE_AS_A_SLIDE = "approaches"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
#: The page whose axe check in normal mode takes in the sidebar (app.py draws it, the same on every page; the other
#: pages' checks leave it out: a tenth of axe's time on a small page).
SIDEBAR_CHECKED_ON = registry.HOME.key
#: The page whose first chart's export menu is opened in the browser (every page's menus come from one function,
#: ``ui.frame.show``; tests/test_presenter_cache.py opens every menu of every page through AppTest).
EXPORT_MENU_PAGE = "kl"
#: Markup that means something did not render: display-maths fences, LaTeX commands, markdown bold, raw subscripts.
RAW = re.compile(r"\$\$|\\frac|\\mathbb|\\sum|\*\*|(?<![\w/])[a-zA-Z]_(\{|[a-z0-9<])")
#: Records the text of every element the front end marks stale (waiting for the rerun to redraw it).
WATCH_STALE = """() => { window.__stale = [];
  new MutationObserver((changes) => { for (const c of changes) {
      if (c.target.getAttribute('data-stale') === 'true') window.__stale.push((c.target.innerText || '').trim()); } })
    .observe(document.querySelector('[data-testid=stMain]'),
             {attributes: true, subtree: true, attributeFilter: ['data-stale']}); }"""
#: The footer's links: drawn by ``page.end()``, outside every panel on every page.
FOOTER = ("Previous:", "Next:")
#: Text of a page's other live panel, which its first slider must leave alone (core challenge: the ELBO's numbers).
#: Only a sibling panel can be checked so: the browser marks no element of a nested panel stale.
OTHER_PANEL = {"core_challenge": "gap log qθ(x) − ELBO"}
SLIDER = f"{MAIN} [data-testid='stSlider'] input[type='range']"
SMALL_TEXT = """([sel, limit]) => { const out = [];
    const walker = document.createTreeWalker(document.querySelector(sel), NodeFilter.SHOW_TEXT);
    let node; while ((node = walker.nextNode())) {
      const el = node.parentElement; const text = node.textContent.trim();
      const skip = '.katex, svg, canvas, [data-testid=stIconMaterial], [role=tooltip]';
      if (!text || !el || el.closest(skip)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.top > innerHeight) continue;   // not on the first screen
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < limit) out.push([text.slice(0, 40), px]); }
    return out; }"""


def _stale_footer(page) -> list[str]:
    """The footer's texts that the front end marked stale since ``WATCH_STALE`` (a whole-page rerun marks them)."""
    return [t for t in page.evaluate("() => window.__stale") if any(f in t for f in FOOTER)]


def _check_clean(page, hosts, key: str) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, f"{key}: an exception is shown"
    assert page.get_by_text("Page not found").count() == 0, f"{key}: the page's URL was not found"
    outside = outside_hosts(hosts)
    assert not outside, f"{key}: requests left 127.0.0.1: {outside}"
    assert "Traceback" not in page.locator(MAIN).inner_text(), key


def _axe(page, where: str, sidebar: bool = True) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # A chart's marks (thousands of SVG paths Vega draws) are left out: axe spends ~90 % of its time on them (27 s of
    # 29 s on "Different approaches"). Each chart's container stays in; its role and label (the chart's one-sentence
    # description, what a screen reader says) are checked by _charts_are_labelled.
    context = {"exclude": [[f"{MAIN} [data-testid='stVegaLiteChart'] svg > g"]]}
    if not sidebar:  # the sidebar is app.py's, the same on every page: checked on the first page (SIDEBAR_CHECKED_ON)
        context["exclude"].append(["[data-testid='stSidebar']"])
    results = Axe().run(
        page, context=context, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    )
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert not bad, f"{where}: {bad}"


def _screenshot(page, shots_dir, name: str) -> None:
    """What fits on the screen (the viewport the checks ran at)."""
    page.screenshot(path=str(shots_dir / f"{name}-{page.viewport_size['width']}.png"))


@contextlib.contextmanager
def _whole_page_on_screen(page):
    """The viewport made as tall as the page for the time of the ``with`` (Streamlit scrolls inside its main, so a
    screenshot shows only the first screen, and axe's colour-contrast rule checks only text that is on screen:
    text further down a page was never checked before; the control test shows both)."""
    size = page.viewport_size
    main = "document.querySelector('[data-testid=stMain]')"
    for _ in range(4):  # until all of it fits, measured again after each resize: once, in a full run under load,
        # the control's pale words went unreported (a page still growing after one measure is the likely cause)
        tall, seen = page.evaluate(f"[{main}.scrollHeight, {main}.clientHeight]")
        if tall <= seen or page.viewport_size["height"] >= 9000:
            break
        page.set_viewport_size(
            {"width": size["width"], "height": min(page.viewport_size["height"] + tall - seen + 40, 9000)}
        )
        page.wait_for_timeout(300)
    try:
        yield
    finally:
        page.set_viewport_size(size)
        page.wait_for_timeout(300)


def _inside(box, size) -> bool:
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size[1] + 1
        and box["x"] >= 0
        and (box["x"] + box["width"] <= size[0] + 1)
    )


def _moves_only_its_panel(page, key: str) -> None:
    """The first slider, moved with the keyboard, changes a chart or a number, the link, and only its panel."""
    slider = page.locator(SLIDER).first
    if slider.count() == 0:
        return
    numbers = page.locator(f"{MAIN} [data-testid='stMetricValue']")
    before = numbers.all_inner_texts()
    link = page.url
    page.evaluate(WATCH_STALE)
    drawn = [mark for mark in page.evaluate(_CHART_SVGS, [MAIN, True]) if mark is not None]
    slider.focus()
    at_end = slider.get_attribute("value") == slider.get_attribute("max")
    arrows = ("ArrowLeft", "ArrowLeft") if at_end else ("ArrowRight", "ArrowRight")
    _press(page, slider, arrows)
    assert page.url != link, f"{key}: the slider's new value is not in the link"
    stale = _stale_footer(page)
    assert not stale, f"{key}: the slider reran the whole page (the footer went stale): {stale[:2]}"
    other = [t for t in page.evaluate("() => window.__stale") if key in OTHER_PANEL and OTHER_PANEL[key] in t]
    assert not other, f"{key}: the slider reran another panel too: {other[:1]}"
    # the charts it moves get new data, not a new drawing (charts.live)
    kept = page.evaluate(_CHART_SVGS, [MAIN, False])
    redrawn = [mark for mark in drawn if mark not in kept]
    assert not redrawn, f"{key}: the main slider drew charts {redrawn} anew"
    if numbers.all_inner_texts() != before:
        return  # a number moved
    # no number moved, so a chart must have: every chart with the slider here and moved back (a screenshot per
    # chart scrolls it into view: Streamlit draws a chart only once it is seen)
    charts = page.locator(f"{MAIN} [data-testid='stVegaLiteChart']")
    moved = [charts.nth(i).screenshot() for i in range(charts.count())]
    _press(page, slider, ["ArrowRight" if a == "ArrowLeft" else "ArrowLeft" for a in arrows])
    back = [charts.nth(i).screenshot() for i in range(charts.count())]
    assert moved != back, f"{key}: moving the main slider changed no figure and no number"


#: Each chart's drawn SVG, marked (``mark``) or read back: Streamlit puts a new SVG in when it draws a chart anew.
_CHART_SVGS = """([sel, mark]) => [...document.querySelectorAll(sel + ' [data-testid=stVegaLiteChart] svg')]
    .map((svg, i) => { if (mark) svg.setAttribute('data-drawn', i); return svg.getAttribute('data-drawn'); })"""
_CHART_TITLES = """(sel) => [...document.querySelectorAll(sel + ' [data-testid=stVegaLiteChart]')]
    .map(c => [...c.querySelectorAll('.role-title-text')].map(t => t.textContent).join(' '))"""


def _the_step_moves_data_not_charts(page) -> None:
    """Approaches' step slider changes only the data of the step panel and its curve (the title's row among it):
    a key press draws no chart of the page anew, and the step panel's title names the new step."""
    before = page.evaluate(_CHART_SVGS, [MAIN, True])
    titles = page.evaluate(_CHART_TITLES, MAIN)
    step = next(i for i, title in enumerate(titles) if title.startswith("Diffusion at t = 0"))
    _press(page, page.locator(".st-key-ap_step input[type='range']"), ["ArrowLeft"])
    after = page.evaluate(_CHART_SVGS, [MAIN, False])
    assert after == before, f"approaches: the step slider drew charts anew: {before} -> {after}"
    moved = page.evaluate(_CHART_TITLES, MAIN)[step]
    assert moved.startswith("Diffusion at t = ") and moved != titles[step], (titles[step], moved)


def _a_data_set_redraws_the_flow(page) -> None:
    """Approaches' flow section sits outside the panel its K and step rerun; choosing another data set reruns the
    whole page, so the flow section shows the new data set's flow (its caption's numbers change), and back."""
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']").filter(has_text="A coupling flow, trained")
    before = caption.inner_text()
    for name in ("Spiral", "Two moons"):
        page.locator(f"{MAIN} .st-key-ap_data input[role='combobox']").click()
        page.locator("[role='option']").filter(has_text=name).first.click()
        page.wait_for_timeout(POLL_MS)
        wait_idle(page)
        # the page's run may still be replacing its elements on a busy machine: wait for the caption to say what
        # the data set should make it say (another data set's numbers; the first data set's numbers again)
        with contextlib.suppress(PlaywrightTimeout):
            caption.filter(has_text=before).wait_for(
                state="detached" if name == "Spiral" else "visible", timeout=30_000
            )
        now = caption.inner_text()
        assert (now != before) == (name == "Spiral"), f"approaches: with {name} the flow's caption says {now[:200]!r}"


def _export_menu_opens(page) -> None:
    """The first chart's "Data and export" menu, opened from the keyboard, shows the chart's numbers as a table
    and its three downloads (the menu's content is made only once it is open: opening it reruns its panel);
    Escape closes it again."""
    menu = page.locator(f"{MAIN} [data-testid='stPopover'] button").filter(has_text="Data and export").first
    if menu.count() == 0:
        return
    menu.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    body = page.locator("[data-testid='stPopoverBody']")
    body.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
    body.locator("[data-testid='stDownloadButton']").nth(2).wait_for(timeout=30_000)
    labels = body.locator("[data-testid='stDownloadButton']").all_inner_texts()
    assert [label.split("\n")[-1].strip() for label in labels] == ["Data (CSV)", "PNG image", "SVG (vector)"], labels
    page.keyboard.press("Escape")
    wait_idle(page)
    body.wait_for(state="detached", timeout=10_000)


def _press(page, slider, keys) -> None:
    slider.focus()
    for k in keys:
        slider.press(k)
        wait_idle(page)


def _charts_are_labelled(page, key: str) -> None:
    """Every chart is announced as a graphic with its description (Vega-Lite's ``description`` -> aria-label)."""
    labels = page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel + ' [data-testid=stVegaLiteChart]'))
             .map(c => [c.getAttribute('role'), (c.getAttribute('aria-label') || '').trim()])""",
        MAIN,
    )
    bad = [label for role, label in labels if role != "graphics-document" or len(label) < 20]
    assert not bad, f"{key}: charts without a role or a description: {bad[:3]}"


def _a_derivation_opens_alone(page, key: str) -> None:
    """The first "Go deeper", closed, holds no text; a click draws its maths in its own panel's rerun (the footer,
    outside it, is not marked stale)."""
    boxes = page.locator(f"{MAIN} [data-testid='stExpander']").filter(has_text="Go deeper")
    if boxes.count() == 0:  # the plan: no derivation
        return
    box = boxes.first
    assert box.locator("[data-testid='stMarkdown']").count() == 0, f"{key}: a closed derivation drew its text"
    page.evaluate(WATCH_STALE)
    box.locator("summary").click()
    page.wait_for_function(DERIVATIONS_DRAWN, arg=MAIN, timeout=60_000)
    wait_idle(page, timeout_ms=60_000, started_ms=200)
    assert box.locator(".katex").count() > 0, f"{key}: the opened derivation shows no maths"
    stale = _stale_footer(page)
    assert not stale, f"{key}: opening a derivation reran the whole page: {stale[:2]}"


def _renders_every_formula(page, key: str) -> None:
    _a_derivation_opens_alone(page, key)
    open_everything(page)
    expand_all(page)
    errors = page.locator(f"{MAIN} .katex-error")
    sources = [errors.nth(i).get_attribute("title") or errors.nth(i).inner_text() for i in range(errors.count())]
    assert not sources, f"{key}: LaTeX that did not render: {sources[:3]}"
    text = page.evaluate(
        """(sel) => { const main = document.querySelector(sel); const out = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode())) {
          const el = node.parentElement;
          if (!el || el.closest('.katex, code, pre, [data-testid=stCode], textarea, input')) continue;
          if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;   // not shown
          out.push(node.textContent); }
        return out.join(' '); }""",
        MAIN,
    )
    found = [text[max(0, m.start() - 30) : m.end() + 30] for m in RAW.finditer(text)]
    assert not found, f"{key}: raw markup on screen: {found[:5]}"


class StudentTab:
    """One normal-mode tab that goes from page to page by the sidebar's links, as a student does: a move within the
    app costs chromium 0.5 to 1.3 core-seconds here, a fresh load of the app 2.6 to 4. The first page, any page
    after a failed one, and any page after another test loaded a link in the worker's shared tab (``tab``) is a
    fresh load of the page's own link in that tab instead."""

    def __init__(self, tab, url: str) -> None:
        self.tab, self.url = tab, url
        self.page = self.hosts = None
        self.load = -1  # which of the shared tab's loads this walk is on

    def show(self, entry):
        """The tab on ``entry``'s page, drawn and idle: (page, hosts asked since the tab's last fresh load)."""
        if self.page is None or self.tab.loads != self.load:
            self.page, self.hosts = self.tab.open(f"{self.url}/{entry.url_path}", SLIDES[0])
            self.load = self.tab.loads
        else:
            self.page.locator(f"[data-testid=stSidebarNav] a[href$='/{entry.url_path}']").click()
            _arrived(self.page, entry)
            self.page.wait_for_timeout(300)
            # the last page's checks left it scrolled to its foot: the next page still opens at its top
            top = self.page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop")
            assert top == 0, f"{entry.key}: reached from another page's foot, it opened {top} px down"
        assert "present" not in self.page.url, f"{entry.key}: not in normal mode"
        return self.page, self.hosts

    def restart(self) -> None:
        """The next page starts from a fresh load, not from what this one left behind."""
        self.page = self.hosts = None


@pytest.fixture(scope="module")
def student_tab(tab, server_url):
    return StudentTab(tab, server_url)


@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_page_for_the_student(student_tab, shots_dir, entry):
    """Normal mode, as a student reaches the page (its slide view is checked by the clicker's walk)."""
    page, hosts = student_tab.show(entry)
    try:
        _for_the_student(page, hosts, shots_dir, entry)
    except BaseException:
        student_tab.restart()
        raise


def _current_size_first(page) -> list[tuple[int, int]]:
    """The slide sizes, the viewport's own first: a slide is checked at the size it arrived at (as a lecturer's
    screen shows it) and then once resized, not drawn a third time to go back to the first size."""
    now = (page.viewport_size["width"], page.viewport_size["height"])
    return sorted(SLIDES, key=lambda size: size != now)


def _resize(page, size: tuple[int, int]) -> None:
    """The viewport at ``size``, and the page laid out again for it (a no-op at the current size)."""
    if (page.viewport_size["width"], page.viewport_size["height"]) != size:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.wait_for_timeout(500)


def _for_the_student(page, hosts, shots_dir, entry) -> None:
    _check_clean(page, hosts, entry.key)
    _screenshot(page, shots_dir, f"{entry.key}-normal")
    with _whole_page_on_screen(page):
        page.screenshot(path=str(shots_dir / f"{entry.key}-normal-1366-full.png"))
        _axe(page, f"{entry.key} (normal)", sidebar=entry.key == SIDEBAR_CHECKED_ON)
    _charts_are_labelled(page, entry.key)
    if entry.key == EXPORT_MENU_PAGE:
        _export_menu_opens(page)
    _moves_only_its_panel(page, entry.key)
    if entry.key == "approaches":
        _the_step_moves_data_not_charts(page)
        _a_data_set_redraws_the_flow(page)
    _renders_every_formula(page, entry.key)
    _check_clean(page, hosts, entry.key)


def _as_a_slide(page, hosts, shots_dir, entry) -> None:
    _check_clean(page, hosts, entry.key)
    assert page.locator("h1").first.inner_text().strip() == entry.title
    assert page.get_by_text("Check yourself", exact=True).count() == 0, f"{entry.key}: a question on the slide"
    assert page.locator("[data-testid='stExpander']").filter(has_text="Go deeper").count() == 0, entry.key
    sizes = _current_size_first(page)
    if entry == registry.HOME:  # the lecture plan as a slide: no figure, every part of the plan on one screen
        for size in sizes:
            _resize(page, size)
            for item, _ in registry.plan():
                box = page.locator(MAIN).get_by_text(item, exact=True).first.bounding_box()
                assert _inside(box, size), f"plan at {size[0]}x{size[1]}: {item!r} is not on the first screen"
            assert not page.evaluate(SMALL_TEXT, [MAIN, MIN_TEXT_PX]), f"plan at {size}: text under 18 px"
            if size == SLIDES[0]:
                _screenshot(page, shots_dir, "plan-present")
        return
    figure = page.locator(f".st-key-{frame.MAIN_FIGURE_KEY}")
    assert figure.count() == 1, f"{entry.key}: no main figure (page.show name 'main-...')"
    for size in sizes:
        _resize(page, size)
        _settled(page)
        where = f"{entry.key} at {size[0]}x{size[1]}"
        assert _inside(figure.bounding_box(), size), f"{where}: main figure {figure.bounding_box()} off screen"
        metrics = page.locator(f"{MAIN} [data-testid='stMetric']")
        metrics.first.wait_for(timeout=60_000)
        for i in range(min(metrics.count(), frame.KEY_NUMBERS)):
            assert _inside(metrics.nth(i).bounding_box(), size), f"{where}: key number {i} below the fold"
        small = page.evaluate(SMALL_TEXT, [MAIN, MIN_TEXT_PX])
        assert not small, f"{where}: text smaller than {MIN_TEXT_PX} px on the slide: {small[:6]}"
        if size == SLIDES[0]:
            _screenshot(page, shots_dir, f"{entry.key}-present")
    if entry.key == AXE_AS_A_SLIDE:
        _axe(page, f"{entry.key} (presenter)")
    _check_clean(page, hosts, entry.key)


#: The slide's figure and key numbers, each inside the viewport; ``arguments``: the figure's key class, the main
#: area's selector, how many key numbers.
_SLIDE_ON_SCREEN = """([figure, main, k]) => {
    const inside = (el) => { if (!el) return false; const r = el.getBoundingClientRect();
        return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1; };
    const numbers = [...document.querySelectorAll(main + ' [data-testid=stMetric]')].slice(0, k);
    return numbers.length > 0 && inside(document.querySelector('.st-key-' + figure)) && numbers.every(inside);
}"""


def _settled(page) -> None:
    """Give the slide time to take its final layout after a resize or an arrival: seen once in a full run, under
    load, core_challenge's key numbers stood 180 px low (below the fold) right after its run had ended and the
    figure was on screen; alone it lays out at once (what stood in between was not caught: a panel's spinner is
    the likely one). Waits until the figure and key numbers are on screen, at most 10 s; the assertions after it
    say what is off screen if they never are."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            _SLIDE_ON_SCREEN, arg=[frame.MAIN_FIGURE_KEY, MAIN, frame.KEY_NUMBERS], timeout=10_000, polling=POLL_MS
        )


#: The sidebar is closed and Streamlit has noted that in the browser's storage (for the tab's next visit).
COLLAPSED_BY_HAND = """() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'true'
    && Object.keys(localStorage).some(k => k.startsWith('stSidebarCollapsed'))"""


def test_a_link_in_the_shared_tab_starts_as_fresh_as_in_a_new_browser(tab, server_url):
    """The shared tab forgets the last test's page: a sidebar a student closed by hand (Streamlit keeps that in
    localStorage), its storage and its cookies. Kept, they changed the next test's page: a slide drawn with the
    sidebar open put its key numbers below the fold. A tab that was closed is opened again."""
    page, _ = tab.open(f"{server_url}/entropy")
    sidebar = "[data-testid=stSidebar]"
    assert page.locator(sidebar).get_attribute("data-collapsed") == "false"  # normal mode opens with the sidebar
    for _ in range(3):  # the button shows on hover; a click in the middle of a redraw can be lost: again
        page.locator(sidebar).hover()
        page.locator("[data-testid=stSidebarCollapseButton] button").click()
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(COLLAPSED_BY_HAND, timeout=5_000, polling=POLL_MS)
            break
    assert page.evaluate(COLLAPSED_BY_HAND), "the sidebar did not close (or Streamlit no longer keeps that)"
    page.evaluate("() => sessionStorage.setItem('left', 'behind')")
    tab.context.add_cookies([{"name": "left", "value": "behind", "url": server_url}])
    page, _ = tab.open(f"{server_url}/kl_divergence")
    assert page.locator(sidebar).get_attribute("data-collapsed") == "false"
    assert page.evaluate("() => sessionStorage.getItem('left')") is None
    assert "left" not in {c["name"] for c in tab.context.cookies()}
    page.close()  # a test that closed the tab (or a crash): the next link gets a new one
    page, _ = tab.open(f"{server_url}/entropy")
    assert not page.is_closed() and page.locator("h1").first.inner_text().strip() == "Entropy"


def test_a_the_accessibility_check_finds_what_it_is_for(tab, server_url):
    """The control of ``_axe``: with its options (the rule tags, the charts' marks left out, violations only), a
    nameless button and pale words put at the foot of a page are reported; the pale words only when the whole
    page is on screen, as the student test runs it (axe checks the contrast of what is on screen)."""
    page, _ = tab.open(f"{server_url}/kl_divergence")  # clean as it is: the student test's axe
    page.evaluate(
        """(sel) => { const foot = document.querySelector(sel + ' [data-testid=stMainBlockContainer]');
             foot.insertAdjacentHTML('beforeend', '<button id="nameless"></button>');
             foot.insertAdjacentHTML('beforeend', '<p id="pale" style="color:#ccc;background:#fff">pale</p>'); }""",
        MAIN,
    )
    with pytest.raises(AssertionError) as below_the_fold:
        _axe(page, "kl with a nameless button and pale words, first screen")
    found = str(below_the_fold.value)
    assert "button-name" in found and "#nameless" in found and "color-contrast" not in found, found
    with _whole_page_on_screen(page), pytest.raises(AssertionError) as whole:
        _axe(page, "kl with a nameless button and pale words, whole page")
    found = str(whole.value)
    assert "#nameless" in found and "color-contrast" in found and "#pale" in found, found


def test_a_full_rerun_marks_the_footer_stale(tab, server_url):
    """The control of the panel check: the presenter toggle reruns the whole page, and the footer goes stale."""
    page, _ = tab.open(f"{server_url}/hidden_structure")
    page.evaluate(WATCH_STALE)
    stale: list[str] = []
    for _ in range(4):  # a very fast full rerun can finish before the front end marks anything stale
        expand = page.locator("[data-testid=stExpandSidebarButton]")
        if expand.is_visible():  # presenter mode collapses the sidebar once its rerun lands
            expand.click()
        page.locator("[data-testid=stSidebar]").get_by_text("Presenter mode", exact=True).click()
        page.wait_for_timeout(300)
        wait_idle(page)
        stale = page.evaluate("() => window.__stale")
        if any(FOOTER[0] in t for t in stale):
            break
    assert any(FOOTER[0] in t for t in stale), stale[:5]


#: The lecture's two halves, each walked by the clicker in its own test (and so on its own worker: tests/scheduling).
HALVES = (PAGES[: len(PAGES) // 2], PAGES[len(PAGES) // 2 :])


@pytest.mark.parametrize("half", [1, 2])
def test_the_lecture_as_slides_with_the_clicker(tab, server_url, shots_dir, half):
    """Presenter mode, as a lecturer gives the lecture: each half opened at its first slide (the home page's
    presenter link, or a presenter link to the middle slide), then PageDown to every next slide in order, and each
    slide checked where it lands (``_as_a_slide``); at the end PageUp walks back three slides (the same order read
    backwards). Presenter mode stays on throughout."""
    slides = HALVES[half - 1]
    start = "" if slides[0] == registry.HOME else slides[0].url_path
    page, hosts = tab.open(f"{server_url}/{start}?present=true", size=SLIDES[0])
    _as_a_slide(page, hosts, shots_dir, slides[0])
    for entry in slides[1:]:
        _clicker(page, "PageDown", entry)
        _as_a_slide(page, hosts, shots_dir, entry)
    if half == len(HALVES):
        for entry in reversed(PAGES[-4:-1]):
            _clicker(page, "PageUp", entry)


def _clicker(page, key: str, entry) -> None:
    """Press the clicker's ``key`` and wait until ``entry``'s slide is drawn, still in presenter mode."""
    page.keyboard.press(key)
    _arrived(page, entry)
    assert "present=true" in page.url, f"{entry.key}: the clicker left presenter mode"


def _arrived(page, entry) -> None:
    """After a move within the app (a clicker key, a sidebar link): wait until ``entry``'s page is drawn."""
    page.wait_for_function(
        "(t) => document.querySelector('[data-testid=stMain] h1')?.innerText.trim() === t",
        arg=entry.title,
        timeout=180_000,
        polling=POLL_MS,
    )
    wait_idle(page, timeout_ms=120_000, started_ms=1000)
    # and nothing of the last page left: Streamlit keeps the old page's elements (marked stale) until the new
    # page's run has drawn its own (seen once: a lower panel's number stood where the slide's key numbers go)
    page.wait_for_function(
        "(sel) => !document.querySelector(sel + ' [data-stale=true]')", arg=MAIN, timeout=60_000, polling=POLL_MS
    )


def test_a_shared_link_opened_first_on_a_fresh_server_goes_through_the_app(browser):
    """The first visit after server start is a deep link: it must get the app's navigation, not a bare page."""
    from tests.browser.server import streamlit_server

    entry = registry.PAGES[-1]
    with streamlit_server() as url:
        context, page, hosts = open_page(browser, f"{url}/{entry.url_path}?present=true")
        try:
            _check_clean(page, hosts, entry.key)
            assert page.locator("h1").first.inner_text().strip() == entry.title
            nav = page.locator("[data-testid='stSidebarNavLink']").all_inner_texts()
            assert any(registry.HOME.title in item for item in nav), nav
            assert not any(item.strip() == "app" for item in nav), "Streamlit's automatic page listing is shown"
            # the sidebar's toggle may still be drawing after the page's links (once, under a full run's load)
            page.get_by_text("Presenter mode").first.wait_for(timeout=30_000)
            assert page.get_by_text("Presenter mode").count() == 1
        finally:
            context.close()


def test_the_log_check_finds_a_bug_that_reached_a_page(tmp_path):
    """The control of the browser server's end-of-session check: a guard's catch and an escaped exception are
    found in a server's log, a handled message for bad input is not."""
    log = tmp_path / "server.log"
    log.write_text(
        "  URL: http://127.0.0.1:1\n"
        "Unexpected error on page approaches\nTypeError: must be real number, not str\n"
        "2026-12-07 22:01:18.050 Uncaught app execution\n"
        "p must sum to 1 (it sums to 0.93).\n"
    )
    assert [b[:24] for b in bugs_in_log(log)] == ["Unexpected error on page", "2026-12-07 22:01:18.050 "]
    assert bugs_in_log(tmp_path / "missing.log") == []
