"""What only a browser shows: every formula renders, no raw markup leaks, and axe finds no serious barrier.

AppTest sees the markdown source; only KaTeX in a browser knows whether ``$$ ... $$`` rendered or became a red
``.katex-error``. Every page is opened, every tab visited and every expander opened before looking.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.pages import MAIN, expand_all, open_everything, open_page
from ui import registry

PAGES = registry.ordered()
#: Markup that means something did not render: display-maths fences, LaTeX commands, markdown bold, raw subscripts.
RAW = re.compile(r"\$\$|\\frac|\\mathbb|\\sum|\*\*|(?<![\w/])[a-zA-Z]_(\{|[a-z0-9<])")


def _visible_text_outside_maths(page) -> str:
    return page.evaluate(
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


@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_every_formula_renders_and_no_markup_leaks(browser, server_url, entry):
    context, page, _ = open_page(browser, f"{server_url}/{entry.url_path}", size=(1920, 1080))
    try:
        open_everything(page)
        expand_all(page)
        errors = page.locator(f"{MAIN} .katex-error")
        sources = [errors.nth(i).get_attribute("title") or errors.nth(i).inner_text() for i in range(errors.count())]
        assert not sources, f"{entry.key}: LaTeX that did not render: {sources[:3]}"
        text = _visible_text_outside_maths(page)
        found = [text[max(0, m.start() - 30) : m.end() + 30] for m in RAW.finditer(text)]
        assert not found, f"{entry.key}: raw markup on screen: {found[:5]}"
    finally:
        context.close()


SERIOUS = ("serious", "critical")


@pytest.mark.parametrize("mode", ["normal", "present"])
@pytest.mark.parametrize("entry", PAGES, ids=[p.key for p in PAGES])
def test_no_serious_accessibility_violation(browser, server_url, entry, mode):
    from axe_playwright_python.sync_playwright import Axe

    query = "?present=true" if mode == "present" else ""
    context, page, _ = open_page(browser, f"{server_url}/{entry.url_path}{query}")
    try:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]
        assert not bad, f"{entry.key} ({mode}): {bad}"
    finally:
        context.close()
