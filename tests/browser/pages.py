"""Opening a page of the running app in a real browser, as the browser tests need it."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Error as PlaywrightError

from tests.browser.server import wait_for_css, wait_idle

MAIN = "[data-testid='stMain']"
#: Every test browser asks for reduced motion, as some students' systems do (Streamlit honours it: no entry
#: animations, instant instead of smooth scrolling). Three page loads took about a tenth less CPU with it in a
#: small measurement; over the whole suite the difference was within the run-to-run noise.
REDUCED_MOTION = "reduce"


def outside_hosts(hosts: list[str]) -> list[str]:
    """The hosts among ``hosts`` (as ``open_page`` records them) other than this machine and in-page URLs."""
    return sorted({h for h in hosts if h not in ("127.0.0.1", "data", "blob", "about")})


def open_page(browser, url: str, size: tuple[int, int] = (1366, 768)):
    """A new browser context at ``size``, the page at ``url`` loaded and idle; returns (context, page, hosts asked).
    The caller closes the context (a tab of its own: :class:`Tab`, not the worker's shared one)."""
    own = Tab(browser)
    page, hosts = own.open(url, size)
    return own.context, page, hosts


#: Empties the current document's local and session storage (nothing to empty on a blank or foreign page).
FORGET_STORAGE = "() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }"


class Tab:
    """One browser tab that a worker's browser tests take turns in: each test loads its own link there.

    A link loaded in a tab is a fresh start of the app (a new Streamlit session; the last test's cookies and
    storage emptied first, so nothing of its page is kept), as in a new context. What the tab saves is the new
    context's renderer process and the app's JavaScript compiled again: about 0.8 core-seconds of chromium per
    visit here (6 hostile links: 12 core-s in new contexts, 7 in one tab). A tab closed or crashed is opened again.
    """

    def __init__(self, browser) -> None:
        self.browser = browser
        self.context = self.page = None
        self.hosts: list[str] = []
        self.loads = 0  # links loaded so far: a test that walks on from its own load can tell if another test came

    def open(self, url: str, size: tuple[int, int] = (1366, 768)):
        """The tab at ``size`` with ``url`` loaded and idle: (page, hosts asked since this load began)."""
        if self.page is not None:
            try:
                self._forget_the_last_page(size)
            except PlaywrightError:  # closed or crashed: a new one
                self.close()
        if self.page is None:
            self.context = self.browser.new_context(
                viewport={"width": size[0], "height": size[1]}, reduced_motion=REDUCED_MOTION
            )
            self.page = self.context.new_page()
            self.page.on("request", lambda request: self.hosts.append(_host(request)))
        self.hosts = []
        self.loads += 1
        _load(self.page, url)
        return self.page, self.hosts

    def _forget_the_last_page(self, size: tuple[int, int]) -> None:
        """What the last test's page left in the browser goes, as with a new context: its cookies and storage
        (Streamlit keeps a sidebar opened or closed by hand in localStorage: a slide after one had its sidebar
        open); and the tab takes ``size``."""
        self.context.clear_cookies()
        self.page.evaluate(FORGET_STORAGE)
        if self.page.viewport_size != {"width": size[0], "height": size[1]}:
            self.page.set_viewport_size({"width": size[0], "height": size[1]})

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context = self.page = None


def _host(request) -> str:
    """The host a request asked (``data``, ``blob``, ``about`` for in-page URLs)."""
    return urlparse(request.url).hostname or request.url.split(":", 1)[0]


def _load(page, url: str) -> None:
    """Go to ``url`` and wait until the app has drawn its page and finished the run."""
    page.goto(url, wait_until="domcontentloaded")
    wait_for_css(page, f"{MAIN} h1", 120_000)
    wait_idle(page, timeout_ms=120_000, started_ms=500)
    page.wait_for_timeout(300)


def open_everything(page) -> None:
    """Open every expander and visit every tab of the page (lazy tabs run when opened), so all text is drawn."""
    tabs = page.locator(f"{MAIN} [data-baseweb='tab']")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        wait_idle(page, timeout_ms=120_000, started_ms=800)
        expand_all(page)


#: True once every open "Go deeper" derivation has drawn its text (it draws only once opened: ``frame.derivation``).
DERIVATIONS_DRAWN = """(sel) => Array.from(document.querySelectorAll(sel + ' [data-testid=stExpander] details[open]'))
    .filter(d => (d.querySelector('summary') || {}).innerText.includes('Go deeper'))
    .every(d => d.querySelector('[data-testid=stExpanderDetails] [data-testid=stMarkdown]'))"""


def expand_all(page) -> None:
    """Open every closed expander and wait until the derivations among them have drawn their text."""
    closed = page.locator(f"{MAIN} [data-testid='stExpander'] details:not([open]) summary")
    for _ in range(closed.count()):
        closed.first.click()
        page.wait_for_timeout(150)
    page.wait_for_function(DERIVATIONS_DRAWN, arg=MAIN, timeout=60_000)
    wait_idle(page, timeout_ms=60_000, started_ms=200)
