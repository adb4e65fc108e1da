from __future__ import annotations

import pytest

from tests.browser.server import ROOT, streamlit_server

SHOTS = ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server_url():
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def shots_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
