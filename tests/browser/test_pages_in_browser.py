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
    page.wait_for_selector("[data-testid='stApp']", timeout=60_000)
    wait_idle(page, started_ms=5000)
    return context, page, hosts


def _check_clean(page, hosts):
    assert page.locator("[data-testid='stException']").count() == 0, "an exception is shown"
    assert page.get_by_text("Page not found").count() == 0, "the page's URL was not found"
    outside = sorted({h for h in hosts if h not in ("127.0.0.1", "data", "blob", "about")})
    assert not outside, f"requests left 127.0.0.1: {outside}"
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "Traceback" not in text


@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_page_loads_clean_in_both_modes_and_sizes(browser, server_url, shots_dir, entry):
    for mode, query in (("normal", ""), ("present", "?present=true")):
        for size_name, size in SIZES.items():
            context, page, hosts = _open(browser, f"{server_url}/{entry.url_path}{query}", size)
            try:
                assert page.locator("h1").first.inner_text().strip() == entry.title
                _check_clean(page, hosts)
                page.screenshot(path=str(shots_dir / f"{entry.key}-{mode}-{size_name}.png"))
                # Streamlit scrolls inside its main area, so grow the window to capture the whole page too.
                tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
                page.set_viewport_size({"width": size[0], "height": min(int(tall) + 40, 9000)})
                page.wait_for_timeout(400)
                page.screenshot(path=str(shots_dir / f"{entry.key}-{mode}-{size_name}-full.png"))
            finally:
                context.close()


@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_presenter_mode_enlarges_type(browser, server_url, entry):
    sizes = {}
    for mode, query in (("normal", ""), ("present", "?present=true")):
        context, page, _ = _open(browser, f"{server_url}/{entry.url_path}{query}")
        try:
            sizes[mode] = page.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
            if mode == "present":
                assert page.get_by_text("Check yourself", exact=True).count() == 0
        finally:
            context.close()
    assert sizes["present"] > sizes["normal"] * 1.1


@pytest.mark.parametrize("entry", registry.PAGES, ids=[p.key for p in registry.PAGES])
def test_main_slider_changes_the_figure(browser, server_url, entry):
    context, page, hosts = _open(browser, f"{server_url}/{entry.url_path}")
    try:
        slider = page.locator("[data-testid='stMain'] [data-testid='stSlider'] input[type='range']").first
        if slider.count() == 0:
            pytest.skip("this page has no slider")
        figure = page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart']").first
        before = figure.screenshot()
        slider.focus()
        slider.press("ArrowRight")
        wait_idle(page)
        slider.press("ArrowRight")
        wait_idle(page)
        _check_clean(page, hosts)
        after = page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart']").first.screenshot()
        assert before != after, "moving the main slider did not change the first figure"
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
