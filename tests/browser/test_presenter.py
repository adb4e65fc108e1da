"""Presenter mode as a slide view, in a real browser: one screen per slide, readable, driven by a clicker.

Threshold: no text in the main area below 18 px at 1366 or 1280 wide (the app's normal body text is 16 px; a
projector in a hall needs more). Chart text is drawn by Vega and checked through the charts' config elsewhere.
"""

from __future__ import annotations

import pytest

from tests.browser.pages import MAIN, open_page
from tests.browser.server import wait_idle
from ui import frame, registry

SIZES = [(1366, 768), (1280, 720)]
MIN_TEXT_PX = 18


def _inside(box, size) -> bool:
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size[1] + 1
        and box["x"] >= 0
        and (box["x"] + box["width"] <= size[0] + 1)
    )


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("entry", registry.PAGES, ids=[p.key for p in registry.PAGES])
def test_the_slide_fits_one_screen_and_reads_from_the_back(browser, server_url, entry, size):
    context, page, _ = open_page(browser, f"{server_url}/{entry.url_path}?present=true", size=size)
    try:
        figure = page.locator(f".st-key-{frame.MAIN_FIGURE_KEY}")
        assert figure.count() == 1, f"{entry.key}: no main figure (page.show name 'main-...')"
        assert _inside(figure.bounding_box(), size), f"{entry.key}: main figure {figure.bounding_box()} off screen"
        metrics = page.locator(f"{MAIN} [data-testid='stMetric']")
        metrics.first.wait_for(timeout=60_000)  # a page that fits models on its first visit draws them last
        for i in range(min(metrics.count(), frame.KEY_NUMBERS)):
            assert _inside(metrics.nth(i).bounding_box(), size), f"{entry.key}: key number {i} below the fold"
        small = page.evaluate(
            """([sel, limit]) => { const out = [];
            const walker = document.createTreeWalker(document.querySelector(sel), NodeFilter.SHOW_TEXT);
            let node; while ((node = walker.nextNode())) {
              const el = node.parentElement; const text = node.textContent.trim();
              const skip = '.katex, svg, canvas, [data-testid=stIconMaterial], [role=tooltip]';
              if (!text || !el || el.closest(skip)) continue;
              const box = el.getBoundingClientRect();
              if (box.width === 0 || box.height === 0 || box.top > innerHeight) continue;   // not on the first screen
              const px = parseFloat(getComputedStyle(el).fontSize);
              if (px < limit) out.push([text.slice(0, 40), px]); }
            return out; }""",
            [MAIN, MIN_TEXT_PX],
        )
        assert not small, f"{entry.key}: text smaller than {MIN_TEXT_PX} px on the slide: {small[:6]}"
    finally:
        context.close()


def test_a_clicker_walks_the_whole_lecture_and_back(browser, server_url):
    """PageDown from the home page visits every slide in order, PageUp walks back; presenter mode stays on."""
    order = list(registry.ordered())
    context, page, _ = open_page(browser, f"{server_url}/?present=true")
    try:
        for key, expected in (("PageDown", order[1:]), ("PageUp", list(reversed(order[:-1])))):
            for entry in expected:
                page.keyboard.press(key)
                page.wait_for_function(
                    "(t) => document.querySelector('[data-testid=stMain] h1')?.innerText.trim() === t",
                    arg=entry.title,
                    timeout=180_000,
                )
                wait_idle(page, timeout_ms=120_000, started_ms=300)
                assert "present=true" in page.url
    finally:
        context.close()
