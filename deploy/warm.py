"""Warm a freshly started app process: open every page once, as a first visitor would, before the students come.

A page's first run on a new process computes its scenes and builds its charts (about 1 to 1.5 s of server work on
the heaviest pages, genai and approaches, measured on a quiet 2-core machine); every later visitor gets them from
the process's shared caches (``ui/cache.py``). This client pays that once, in the background, right after the
server starts: it opens one Streamlit session over the app's own websocket (the protocol the browser speaks: a
``rerun_script`` message per page, then wait for ``script_finished``) and runs every page of the registry in the
lecture's order, in normal mode and then in presenter mode (its charts are made at projector size, cached apart).
In normal mode it also opens each option of a page's link-bound select boxes (data set, preset, model) through the
page's link (``?ap_data=Spiral``), so that choosing one is quick from the start too. It reads only run status,
exceptions and those select boxes, sends nothing a browser could not, and gives up quietly if the server does not
answer: a cold page is slower, never broken.

Run (every launcher in this project does it for you)::

    python -m deploy.warm --url http://127.0.0.1:8501      # waits for the server's health check first

As a library: :func:`warm` returns (page, mode, seconds) for each run, e.g. for the benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The query strings a page is warmed with: a student's first visit, then a presenter link.
MODES: tuple[tuple[str, str], ...] = (("normal", ""), ("presenter", "present=true"))


def healthy(url: str, timeout: float = 2) -> bool:
    """True if the Streamlit server at ``url`` answers its health check (``/_stcore/health`` says ``ok``)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def wait_healthy(url: str, timeout_s: float = 120.0) -> bool:
    """True once ``url`` answers its health check (:func:`healthy`); False after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if healthy(url):
            return True
        time.sleep(0.2)
    return False


#: At most this many options of one select box are warmed (every data set / preset list in the app is shorter).
MAX_OPTIONS = 12


def _run_page(ws, page: str, query: str, timeout_s: float) -> list[tuple[str, list[str], int]]:
    """One full run of ``page`` in this session, until the server says the script finished (not for a rerun).

    Returns the run's select boxes that are bound to the link: (query parameter, option labels, default index).
    ValueError if the app has no such page; RuntimeError if the page showed an exception (a bug: say so loudly)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    ws.send(msg.SerializeToString())
    deadline = time.monotonic() + timeout_s
    choices: list[tuple[str, list[str], int]] = []
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        kind = reply.WhichOneof("type")
        if kind == "page_not_found":
            raise ValueError(f"the app has no page {page!r}")
        if kind == "delta":
            element = reply.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"page {page!r} ({query or 'normal'}) raised: {element.exception.message}")
            if element.WhichOneof("type") == "selectbox" and element.selectbox.query_param_key:
                box = element.selectbox
                choices.append((box.query_param_key, list(box.options), box.default))
        if kind == "new_session":  # a new run starts: only its own select boxes count
            choices = []
        if kind == "script_finished" and reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return choices


def warm(
    url: str, pages: list[str] | None = None, timeout_s: float = 120.0, options: bool = True
) -> Iterator[tuple[str, str, float]]:
    """Open each page (registry order by default) in both modes in one session: yields (page, mode, seconds).

    With ``options``, each select box bound to the link (a page's data set, preset or model) is then opened on each
    of its other options, one at a time, through the page's link (``?ap_data=Spiral``): mode ``"ap_data=Spiral"``.
    Each option gets a session of its own, as a shared link does: a session's link sets a control only on its
    first run.
    """
    if pages is None:
        from ui import registry

        pages = [entry.url_path for entry in registry.ordered()]
    found: list[tuple[str, str, int, list[str]]] = []
    with _session(url) as ws:
        if pages[:1] != [""]:
            # the app's root first, as a browser's first visit does (app.py's set-up imports every module once)
            _run_page(ws, "", "", timeout_s)
        for mode, query in MODES:
            for page in pages:
                start = time.perf_counter()
                choices = _run_page(ws, page, query, timeout_s)
                yield page, mode, time.perf_counter() - start
                if not query:
                    found += [(page, key, default, labels) for key, labels, default in choices]
    if not options:
        return
    for page, key, default, labels in found:
        for i, label in enumerate(labels[:MAX_OPTIONS]):
            if i != default:
                with _session(url) as ws:
                    start = time.perf_counter()
                    _run_page(ws, page, urllib.parse.urlencode({key: label}), timeout_s)
                    yield page, f"{key}={label}", time.perf_counter() - start


@contextlib.contextmanager
def _session(url: str):
    """A new Streamlit session on ``url``'s own websocket (closed after)."""
    from websockets.sync.client import connect

    stream = url.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + "/_stcore/stream"
    # max_queue=None: a page can send more messages than the default queue holds after the warm-up stops reading
    # (a page that is not found: the app's default page draws on), and a full queue holds up the closing handshake
    # until its 10 s timeout
    with connect(stream, subprotocols=["streamlit"], max_size=None, max_queue=None, open_timeout=30) as ws:
        yield ws


def start_in_background(url: str) -> subprocess.Popen:
    """``python -m deploy.warm --url url`` as a detached child (it ends by itself when every page is warm)."""
    return subprocess.Popen(
        [sys.executable, "-m", "deploy.warm", "--url", url, "--quiet"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8501", help="the app process (not a proxy)")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    parser.add_argument("--wait", type=float, default=120.0, help="seconds to wait for the server (default 120)")
    args = parser.parse_args(argv)
    if not wait_healthy(args.url, args.wait):
        if not args.quiet:
            print(f"warm: {args.url} did not answer its health check; nothing warmed", file=sys.stderr)
        return 1
    total = time.perf_counter()
    try:
        for page, mode, seconds in warm(args.url):
            if not args.quiet:
                print(f"warm: {page or '(home)'} ({mode}) {seconds:.2f} s", flush=True)
    except Exception as exc:  # noqa: BLE001 - a warm-up that fails leaves pages cold, never the app broken
        if not args.quiet:
            print(f"warm: stopped ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"warm: every page warm after {time.perf_counter() - total:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
