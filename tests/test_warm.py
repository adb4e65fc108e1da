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


def test_the_load_benchmarks_student_moves_the_slider_as_a_browser_does(fresh_server):
    """The load benchmark's websocket student (``tests.bench.load.BrowserClient``) must really move what it times:
    it opens the KL page by its address, finds the page's first slider and the fragment it was drawn in, and a move
    reruns that panel only (a fragment run) with the new value: the KL numbers change, and moving back restores
    them. A client that sent the value the wrong way would time reruns of an unchanged page."""
    import asyncio
    import concurrent.futures

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from tests.bench.load import BrowserClient, browser_slider, slider_state

    async def student() -> list[list[str]]:
        tab = BrowserClient(fresh_server)
        await tab.connect()
        shown = await tab.rerun(page="kl_divergence")
        assert not shown["exception"] and tab.page_hash
        slider, fragment, moved, back = browser_slider(shown["sliders"])
        assert slider.id.endswith("-kl_t") and fragment and (moved, back) == (0.05, 0.0)
        numbers: list[list[str]] = []
        recv, finished = tab.ws.recv, []

        async def reading() -> bytes:  # the metrics each run sends, and how the run ended
            data = await recv()
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "metric":
                numbers[-1].append(msg.delta.new_element.metric.body)
            if msg.WhichOneof("type") == "script_finished":
                finished.append(msg.script_finished)
            return data

        tab.ws.recv = reading
        for value in (moved, back, moved):
            numbers.append([])
            shown = await tab.rerun(widget=slider_state(slider, value), fragment_id=fragment)
            assert not shown["exception"]
        await tab.close()
        assert finished == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY] * 3
        return numbers

    # its own thread: a worker that also runs browser tests has Playwright's event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        first, second, third = thread.submit(asyncio.run, student()).result()
    assert first and first != second and first == third


def test_the_load_client_moves_a_select_slider_as_the_front_end_does(fresh_server):
    """A select slider's value goes as its option's label (a string array), as the front end sends it: approaches'
    step slider, moved there and back, reruns its panel each time without the page's guard catching an error (the
    client once sent an index as a number, and every move failed inside the page, unseen by the benchmark)."""
    import asyncio
    import concurrent.futures

    from tests.bench.load import BrowserClient, browser_slider, slider_state

    async def student() -> list[str]:
        tab = BrowserClient(fresh_server)
        await tab.connect()
        shown = await tab.rerun(page="approaches")
        assert not shown["exception"]
        slider, fragment, moved, back = browser_slider(shown["sliders"])
        assert slider.id.endswith("-ap_step") and isinstance(moved, str) and moved in slider.options
        said = []
        for value in (moved, back):
            shown = await tab.rerun(widget=slider_state(slider, value), fragment_id=fragment)
            said.append(shown["exception"])
        await tab.close()
        return said

    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        assert thread.submit(asyncio.run, student()).result() == ["", ""]
