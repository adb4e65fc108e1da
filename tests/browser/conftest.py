from __future__ import annotations

import os

import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

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
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: run `bash .ci/test` (it installs it)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def shots_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
