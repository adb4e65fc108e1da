"""deploy/warm.py: the start-up client that opens every page once, so the first students find them computed.

Against a real app process (``streamlit run app.py`` on a free port). What is observed is the server's own: its
``/_stcore/metrics`` count each shared cache's lookups that had to compute (misses) and that found the result (hits):
a fresh process has computed nothing; the warm-up computes a page's scenes and charts, and a second visit to the
page finds them all.
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


def _lookups(url: str, result: str) -> int:
    """How often the app's scene and chart caches were asked and had to compute (``miss``) or had it (``hit``)."""
    pattern = rf'cache_lookups_total\{{cache="ui\.cache\.[^"]+",[^}}]*result="{result}"\}} (\d+)'
    return sum(int(n) for n in re.findall(pattern, _metrics(url)))


@pytest.fixture(scope="module")
def fresh_server():
    with serve() as (url, _pid):
        yield url


def test_warming_a_page_computes_it_once_for_every_later_visitor(fresh_server):
    assert _lookups(fresh_server, "miss") == 0  # a fresh process has computed nothing
    runs = list(warm.warm(fresh_server, pages=["entropy"], options=False))
    assert [(page, mode) for page, mode, _ in runs] == [("entropy", "normal"), ("entropy", "presenter")]
    assert all(seconds > 0 for _, _, seconds in runs)
    defaults = _lookups(fresh_server, "miss")
    assert defaults > 0

    # then every other option of the page's link-bound select box ("Distribution p"), each in a new session: each
    # computes what that option shows (a session's link sets a control only on its first run)
    modes = [mode for _, mode, _ in warm.warm(fresh_server, pages=["entropy"])]
    assert modes[:2] == ["normal", "presenter"] and len(modes) >= 5
    assert all(mode.startswith("ent_dist=") for mode in modes[2:])
    computed, hits = _lookups(fresh_server, "miss"), _lookups(fresh_server, "hit")
    assert computed > defaults

    list(warm.warm(fresh_server, pages=["entropy"]))  # later visitors, on every option: all from the caches
    assert _lookups(fresh_server, "miss") == computed
    assert _lookups(fresh_server, "hit") > hits


def test_a_page_the_app_does_not_have_is_an_error_not_a_silent_pass(fresh_server):
    with pytest.raises(ValueError, match="no page 'no_such_page'"):
        list(warm.warm(fresh_server, pages=["no_such_page"]))


def test_a_server_that_does_not_answer_leaves_the_command_with_exit_code_1(capsys):
    assert warm.main(["--url", "http://127.0.0.1:9", "--wait", "0.5"]) == 1
    assert "did not answer" in capsys.readouterr().err
