from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.pages import Tab
from tests.browser.server import ROOT, bugs_in_log, server_log, streamlit_server

SHOTS = ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server_url():
    """The app's server shared by this worker's browser tests. Whatever the tests drove, no bug may have reached a
    page: a guard's "unexpected problem" looks like a handled message on screen, so its log is read at the end."""
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with streamlit_server() as url:
        yield url
    bugs = bugs_in_log(server_log(urlparse(url).port))
    assert not bugs, f"a bug reached a page during the browser tests (see the server's log): {bugs[:3]}"


@pytest.fixture(scope="session")
def shots_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture(scope="session")
def tab(browser):
    """The worker's shared tab (:class:`tests.browser.pages.Tab`): a test that needs one fresh visit to a link
    loads it here instead of opening a new context."""
    shared = Tab(browser)
    yield shared
    shared.close()
