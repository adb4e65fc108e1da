"""Every registered page in a real browser (Debian chromium via Playwright), against a local server.

Checks: no exception box, moving the main slider changes the figure, presenter mode enlarges type,
and no request leaves 127.0.0.1. Screenshots of every page in both modes at two screen sizes are
saved under artifacts/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.server import wait_idle
from ui import registry

PAGES = registry.ordered()
SIZES = {"1920": (1920, 1080), "1366": (1366, 768)}


def _open(browser, url: str, size=(1920, 1080)):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    hosts: list[str] = []
    page.on("request", lambda req: hosts.append(urlparse(req.url).hostname or req.url.split(":", 1)[0]))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=120_000)  # the script has started drawing
    wait_idle(page, timeout_ms=120_000, started_ms=500)
    return context, page, hosts


def _check_clean(page, hosts):
    assert page.locator("[data-testid='stException']").count() == 0, "an exception is shown"
    assert page.get_by_text("Page not found").count() == 0, "the page's URL was not found"
    outside = sorted({h for h in hosts if h not in ("127.0.0.1", "data", "blob", "about")})
    assert not outside, f"requests left 127.0.0.1: {outside}"
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "Traceback" not in text


def _screenshots(page, shots_dir, name: str) -> None:
    """What fits on the screen, then the whole page (Streamlit scrolls inside its main area)."""
    page.screenshot(path=str(shots_dir / f"{name}.png"))
    size = page.viewport_size
    tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(tall) + 40, 9000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(shots_dir / f"{name}-full.png"))
    page.set_viewport_size(size)


@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_page_in_both_modes_and_sizes(browser, server_url, shots_dir, entry):
    """Loads clean (no exception, nothing fetched from outside) in both modes; presenter mode enlarges type and
    hides self-study; screenshots at 1920x1080 and 1366x768 for a person to look at."""
    h1_size = {}  # the key message's size in each mode
    for mode, query in (("normal", ""), ("present", "?present=true")):
        context, page, hosts = _open(browser, f"{server_url}/{entry.url_path}{query}")
        try:
            assert page.locator("h1").first.inner_text().strip() == entry.title
            _check_clean(page, hosts)
            # body text: presenter mode enlarges it (the title itself shrinks, to stay on one line)
            size = (
                "parseFloat(getComputedStyle(document.querySelector("
                "'[data-testid=stMain] [data-testid=stMarkdownContainer] p')).fontSize)"
            )
            if mode == "present":  # the presenter style arrives with the run: give a loaded machine time
                page.wait_for_function(f"{size} > {h1_size['normal'] * 1.1}", timeout=30_000)
                assert page.get_by_text("Check yourself", exact=True).count() == 0
                assert page.locator("[data-testid='stExpander']").filter(has_text="Go deeper").count() == 0
            h1_size[mode] = page.evaluate(size)
            for size_name, (width, height) in SIZES.items():
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(300)
                _screenshots(page, shots_dir, f"{entry.key}-{mode}-{size_name}")
            _check_clean(page, hosts)
        finally:
            context.close()
    assert h1_size["present"] > h1_size["normal"] * 1.1


#: Records the text of every element the front end marks stale (waiting for the rerun to redraw it).
WATCH_STALE = """() => { window.__stale = [];
  new MutationObserver((changes) => { for (const c of changes) {
      if (c.target.getAttribute('data-stale') === 'true') window.__stale.push((c.target.innerText || '').trim()); } })
    .observe(document.querySelector('[data-testid=stMain]'),
             {attributes: true, subtree: true, attributeFilter: ['data-stale']}); }"""
#: The footer's links: drawn by ``page.end()``, outside every panel on every page.
FOOTER = ("Previous:", "Next:")


@pytest.mark.parametrize("entry", registry.PAGES, ids=[p.key for p in registry.PAGES])
def test_main_slider_changes_the_figure(browser, server_url, entry):
    """The page's first slider, moved with the keyboard, changes what the page shows (a chart or its numbers),
    goes into the link, and reruns only its panel: the footer outside it is never marked stale.

    (On most pages a chart; on the entropy page the first slider is the message length, which changes the
    encoded message and its measured bits per symbol.) The control of the staleness check is
    ``test_a_full_rerun_marks_the_footer_stale``."""
    context, page, hosts = _open(browser, f"{server_url}/{entry.url_path}")
    try:
        slider = page.locator("[data-testid='stMain'] [data-testid='stSlider'] input[type='range']").first
        if slider.count() == 0:
            pytest.skip("this page has no slider")
        charts = page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart']")
        numbers = page.locator("[data-testid='stMain'] [data-testid='stMetricValue']")
        before = [charts.nth(i).screenshot() for i in range(charts.count())] + numbers.all_inner_texts()
        link = page.url
        page.evaluate(WATCH_STALE)
        slider.focus()
        for key in (
            ("ArrowRight", "ArrowRight")
            if slider.get_attribute("value") != slider.get_attribute("max")
            else ("ArrowLeft", "ArrowLeft")
        ):
            slider.press(key)
            wait_idle(page)
        _check_clean(page, hosts)
        after = [charts.nth(i).screenshot() for i in range(charts.count())] + numbers.all_inner_texts()
        assert before != after, "moving the main slider changed no figure and no number"
        assert page.url != link, "the slider's new value is not in the link"
        stale = [t for t in page.evaluate("() => window.__stale") if any(f in t for f in FOOTER)]
        assert not stale, f"the slider reran the whole page (the footer went stale): {stale[:2]}"
    finally:
        context.close()


def test_a_full_rerun_marks_the_footer_stale(browser, server_url):
    """The control of the check above: the presenter toggle reruns the whole page, and the footer goes stale."""
    context, page, _ = _open(browser, f"{server_url}/hidden_structure")
    try:
        page.evaluate(WATCH_STALE)
        page.get_by_text("Presenter mode").click()
        page.wait_for_timeout(300)
        wait_idle(page)
        stale = page.evaluate("() => window.__stale")
        assert any(FOOTER[0] in t for t in stale), stale[:5]
    finally:
        context.close()


def test_a_shared_link_opened_first_on_a_fresh_server_goes_through_the_app(browser):
    """The first visit after server start is a deep link: it must get the app's navigation, not a bare page."""
    from tests.browser.server import streamlit_server

    entry = registry.PAGES[-1] if registry.PAGES else registry.HOME
    with streamlit_server() as url:
        context, page, hosts = _open(browser, f"{url}/{entry.url_path}?present=true")
        try:
            _check_clean(page, hosts)
            assert page.locator("h1").first.inner_text().strip() == entry.title
            nav = page.locator("[data-testid='stSidebarNavLink']").all_inner_texts()
            assert any(registry.HOME.title in item for item in nav), nav
            assert not any(item.strip() == "app" for item in nav), "Streamlit's automatic pages/ listing is shown"
            assert page.get_by_text("Presenter mode").count() == 1
        finally:
            context.close()
