"""deploy/warm.py: the start-up client that opens every page once, so the first students find them computed.

Against a real app process (``streamlit run app.py`` on a free port). What is observed is the server's own: its
``/_stcore/metrics`` list each shared cache once it holds something and count its misses, so a fresh process
lists no chart cache; after the warm-up opened a page it lists the scene and chart caches that page filled, and a
second visit to that page computes nothing.
"""

from __future__ import annotations

import re
import urllib.request

import pytest

from deploy import warm
from tests.browser.server import serve


def _metrics(url: str) -> str:
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as response:
        return response.read().decode()


def _caches(url: str) -> set[str]:
    """The names of the shared caches that hold entries (from the server's metrics)."""
    return set(re.findall(r'cache_memory_bytes\{[^}]*cache="([^"]+)"', _metrics(url)))


def _misses(url: str) -> int:
    """How many times the app's scene and chart caches had to compute (cache misses, from the server's metrics)."""
    pattern = r'cache_lookups_total\{cache="ui\.cache\.[^"]+",[^}]*result="miss"\} (\d+)'
    return sum(int(n) for n in re.findall(pattern, _metrics(url)))


@pytest.fixture(scope="module")
def fresh_server():
    with serve() as (url, _pid):
        yield url


def test_warming_a_page_fills_the_shared_caches_in_both_modes(fresh_server):
    assert not {"ui.cache._scene_result", "ui.cache._figure"} & _caches(fresh_server)  # nothing computed yet
    runs = list(warm.warm(fresh_server, pages=["entropy"]))
    assert [(page, mode) for page, mode, _ in runs] == [("entropy", "normal"), ("entropy", "presenter")]
    assert all(seconds > 0 for _, _, seconds in runs)
    assert {"ui.cache._scene_result", "ui.cache._figure"} <= _caches(fresh_server)
    computed = _misses(fresh_server)
    assert computed > 0
    list(warm.warm(fresh_server, pages=["entropy"]))  # the next visitor: everything comes from the caches
    assert _misses(fresh_server) == computed


def test_a_page_the_app_does_not_have_is_an_error_not_a_silent_pass(fresh_server):
    with pytest.raises(ValueError, match="no page 'no_such_page'"):
        list(warm.warm(fresh_server, pages=["no_such_page"]))


def test_a_server_that_does_not_answer_leaves_the_command_with_exit_code_1(capsys):
    assert warm.main(["--url", "http://127.0.0.1:9", "--wait", "0.5"]) == 1
    assert "did not answer" in capsys.readouterr().err
