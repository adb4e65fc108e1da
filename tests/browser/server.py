"""Start the app on a free port on 127.0.0.1 and drive it with Debian's chromium (shared by tests and benchmarks)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from deploy import warm as warm_up

ROOT = Path(__file__).resolve().parents[2]
#: Debian's chromium: its headless shell (package chromium-headless-shell, what ``.ci/setup`` installs; the build
#: Playwright drives headless, a sixth cheaper in CPU here than the full browser), else the full chromium.
CHROMIUM = os.environ.get(
    "CHROMIUM", shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(extra_args: tuple[str, ...] = (), warm: bool = False) -> Iterator[str]:
    """Run ``streamlit run app.py`` headless on a free local port; yield its base URL; stop it after."""
    with serve(extra_args, warm=warm) as (url, _pid):
        yield url


@contextlib.contextmanager
def serve(extra_args: tuple[str, ...] = (), app: str = "app.py", warm: bool = False) -> Iterator[tuple[str, int]]:
    """Like :func:`streamlit_server`, but yield ``(url, server pid)`` (benchmarks read its memory); ``app``: the
    script to run (the benchmarks' empty-page floor runs its own); ``warm``: start ``deploy.warm`` against it as
    soon as it answers, as every launcher of the app does (``.ci/start``, the Dockerfile, ``deploy/scaled.py``)."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra_args,
    ]
    log = open(server_log(port), "w") if (ROOT / "artifacts").is_dir() else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    warming = None
    try:
        deadline = time.time() + 60
        while not warm_up.healthy(url):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"streamlit did not start (exit code {proc.poll()})")
            time.sleep(0.3)
        warming = warm_up.start_in_background(url) if warm else None
        yield url, proc.pid
    finally:
        if warming is not None and warming.poll() is None:
            warming.kill()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


#: How often the waits below look at the page (ms). Playwright's own waits look on every animation frame, which
#: keeps the browser drawing frames while it waits: 0.05 to 0.3 core-seconds per second of waiting here, in a suite
#: that waits for pages thousands of times on two cores. Looking every 50 ms costs a fraction of that.
POLL_MS = 50
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def wait_for_css(page, selector: str, timeout_ms: int) -> None:
    """Wait until an element matches ``selector`` (looking every ``POLL_MS``); Playwright's TimeoutError after."""
    page.wait_for_function("(sel) => !!document.querySelector(sel)", arg=selector, timeout=timeout_ms, polling=POLL_MS)


def wait_idle(page, timeout_ms: int = 60_000, started_ms: int = 1500) -> None:
    """Wait until the app's script run has finished (after an action that may start one)."""
    with contextlib.suppress(Exception):
        wait_for_css(page, RUNNING, started_ms)
    wait_for_css(page, IDLE, timeout_ms)
    page.wait_for_timeout(150)  # let charts paint


#: What the app's server logs when a bug reached a page: a page's guard caught an exception (the student saw "ran
#: into an unexpected problem"), or an exception escaped the app (Streamlit's error page).
BUG_IN_LOG = ("Unexpected error on page", "Uncaught app execution")


def server_log(port: int) -> Path:
    """Where a test server on ``port`` writes its log (when ``artifacts/`` exists)."""
    return ROOT / "artifacts" / f"server-{port}.log"


def bugs_in_log(log: Path) -> list[str]:
    """The lines of a server's log that say a bug reached a page (none when the log is missing)."""
    if not log.exists():
        return []
    return [line for line in log.read_text(errors="replace").splitlines() if any(b in line for b in BUG_IN_LOG)]
