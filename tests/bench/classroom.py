"""Classroom mode under a class-sized load: 200 students following the lecturer on one app process.

Run: .venv/bin/python -m tests.bench.classroom [--followers 200] [--quiet 20] [--moves 8] [--csv ...]

Starts ``streamlit run app.py`` on 127.0.0.1 with classroom mode on (a passcode and a fresh SQLite file, or
``--database-url`` for PostgreSQL). The lecturer is a real Debian chromium: it signs in with the passcode, starts a
class and opens the KL divergence page. The followers are N websocket clients that speak Streamlit's own protocol,
as a browser tab does: each joins with the class's link (``?class=CODE``, a browser id in its cookie), then answers
every ``auto_rerun`` request of the follow fragment with a fragment rerun, on the fragment's own interval, as the
browser's timer does. No browser per follower: one process drives them all.

Two measures:

- **poll cost**: the server's CPU time (``/proc/<pid>/stat``, user + system) per second of wall time while the
  lecturer does nothing and every follower ticks once a second, compared with the same server idle before the
  class (the floor);
- **key -> follower repaint**: the lecturer presses the right arrow on the slider "Move q toward p" (a real key
  press in chromium); each follower's latency is the time until the server sends that follower the redrawn page
  with the new value (its URL carries ``kl_t=<new value>``). The table gives p50 / p95 / max and how many
  followers followed.

Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from deploy import warm as warm_up
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, free_port, wait_idle

PASSCODE = "bench-passcode-1"
SLIDER = "kl_t"  # "Move q toward p" on the KL page: 0 to 1 in steps of 0.05


# -- a server with classroom mode on -------------------------------------------------------------------------------
@contextlib.contextmanager
def classroom_server(env: dict[str, str], port: int | None = None, log_name: str = "classroom") -> Iterator[tuple]:
    """``streamlit run app.py`` with ``env`` added (passcode, database): yields ``(url, pid)``; stopped after."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
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
    ]
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "artifacts" / f"server-{log_name}-{port}.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while not warm_up.healthy(url):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"streamlit did not start (exit code {proc.poll()})")
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (seconds)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- the lecturer, in chromium --------------------------------------------------------------------------------------
def sidebar_button(page, label: str):
    return page.locator("[data-testid=stSidebar] button").filter(has_text=label).first


def lecturer_sign_in(page, url: str, path: str = "", passcode: str = PASSCODE) -> str:
    """Open the app at ``path``, sign in with the passcode and start a class: its join code. (Opening another
    address afterwards would start a new session, without the lecturer's rights: move with the sidebar's links.)"""
    page.goto(f"{url}/{path}")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.locator("[data-testid=stSidebar] summary").filter(has_text="I am the lecturer").click()
    page.locator(".st-key-classroom_passcode input").fill(passcode)
    sidebar_button(page, "Sign in").click()
    wait_idle(page)
    sidebar_button(page, "Start a class").click()
    wait_idle(page)
    text = page.locator("[data-testid=stSidebar]").inner_text()
    match = re.search(r"Join code: ([A-Z0-9]{6})", text)
    if not match:
        raise AssertionError(f"no join code in the sidebar: {text[:500]!r}")
    return match.group(1)


def slider_value(page, key: str) -> float:
    return float(page.locator(f".st-key-{key} input[type=range]").input_value())


def press_slider(page, key: str, press: str = "ArrowRight") -> float:
    """Focus the slider and press a key; the time of the key press."""
    thumb = page.locator(f".st-key-{key} input[type=range]")
    thumb.focus()
    t0 = time.time()
    thumb.press(press)
    return t0


# -- a follower: one websocket, Streamlit's protocol ----------------------------------------------------------------
class Follower:
    """A student's browser tab without the browser: joins through the class link and runs the follow fragment on
    the interval the server asks for. ``events`` records (time, query string) of every URL change it is sent."""

    def __init__(self, url: str, code: str, student: str):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.code = code
        self.cookie = f"genai_student={student}"
        self.query = f"class={code}"
        self.page_hash = ""
        self.timers: dict[str, asyncio.Task] = {}
        self.events: list[tuple[float, str]] = []
        self.runs = 0
        self.fragment_runs = 0
        self.errors: list[str] = []
        self.hashes: set[str] = set()  # cacheable messages already received: the server then sends a reference
        self.ws = None

    async def run(self, until: float) -> None:
        import websockets
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._BackMsg = BackMsg
        async with websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],
            additional_headers={"Cookie": self.cookie},
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        ) as ws:
            self.ws = ws
            await self.rerun()
            while time.time() < until:
                try:
                    data = await asyncio.wait_for(ws.recv(), timeout=max(0.1, until - time.time()))
                except TimeoutError:
                    break
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                if msg.metadata.cacheable and msg.hash:
                    self.hashes.add(msg.hash)
                if kind == "auto_rerun":
                    self.start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
                elif kind == "page_info_changed":
                    self.query = msg.page_info_changed.query_string
                    self.events.append((time.time(), self.query))
                elif kind == "navigation":
                    self.page_hash = msg.navigation.page_script_hash
                elif kind == "new_session":
                    self.page_hash = msg.new_session.page_script_hash or self.page_hash
                elif kind == "script_finished":
                    self.runs += 1
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    if msg.delta.new_element.WhichOneof("type") == "exception":
                        self.errors.append(msg.delta.new_element.exception.message[:200])
            for task in self.timers.values():
                task.cancel()

    def start_timer(self, fragment_id: str, interval: float) -> None:
        if fragment_id in self.timers:
            return

        async def tick() -> None:
            while True:
                await asyncio.sleep(interval)
                self.fragment_runs += 1
                await self.rerun(fragment_id)

        self.timers[fragment_id] = asyncio.ensure_future(tick())

    async def rerun(self, fragment_id: str = "") -> None:
        back = self._BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(self.hashes)  # as a browser reports its message cache
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        with contextlib.suppress(Exception):
            await self.ws.send(back.SerializeToString())


def run_followers(followers: list[Follower], seconds: float) -> threading.Thread:
    """Drive every follower in one event loop, on a thread, for ``seconds``."""

    def main() -> None:
        async def all_of_them() -> None:
            until = time.time() + seconds
            tasks = []
            for f in followers:  # connect in small waves, as a hall does, not all in one millisecond
                tasks.append(asyncio.ensure_future(f.run(until)))
                await asyncio.sleep(0.02)
            results = await asyncio.gather(*tasks, return_exceptions=True)
            for f, r in zip(followers, results, strict=True):
                if isinstance(r, BaseException):
                    f.errors.append(f"{type(r).__name__}: {r}")

        asyncio.run(all_of_them())

    thread = threading.Thread(target=main, daemon=True)
    thread.start()
    return thread


def arrival(follower: Follower, after: float, value: float) -> float | None:
    """When the follower was first sent a URL with the slider at ``value`` (after ``after``), or None."""
    wanted = f"{SLIDER}={value:g}"
    for t, query in follower.events:
        if t >= after and wanted in query.split("&"):
            return t
    return None


# -- the benchmark ---------------------------------------------------------------------------------------------------
def bench(n: int, quiet: float, moves: int, gap: float, database_url: str | None) -> dict:
    from playwright.sync_api import sync_playwright

    from classroom import codes

    data_dir = tempfile.mkdtemp(prefix="classroom-bench-")
    env = {"CLASSROOM_PASSCODE": PASSCODE, "CLASSROOM_DATA_DIR": data_dir}
    if database_url:
        env["CLASSROOM_DATABASE_URL"] = database_url
    with classroom_server(env, log_name="bench") as (url, pid), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        code = lecturer_sign_in(page, url, "kl_divergence")
        time.sleep(2)
        c0, w0 = cpu_seconds(pid), time.time()
        time.sleep(5)
        floor = (cpu_seconds(pid) - c0) / (time.time() - w0)  # the lecturer's own tab alone

        followers = [Follower(url, code, codes.new_student_id()) for _ in range(n)]
        total = 20 + n * 0.1 + quiet + moves * gap + 30
        thread = run_followers(followers, total)
        deadline = time.time() + 60 + n * 0.1
        while time.time() < deadline and sum(f.fragment_runs > 0 for f in followers) < n:
            time.sleep(0.5)
        joined = sum(f.fragment_runs > 0 for f in followers)
        time.sleep(3)
        c1, w1 = cpu_seconds(pid), time.time()
        ticks0 = sum(f.fragment_runs for f in followers)
        time.sleep(quiet)
        cores = (cpu_seconds(pid) - c1) / (time.time() - w1)
        ticks = (sum(f.fragment_runs for f in followers) - ticks0) / (time.time() - w1)

        presses: list[tuple[float, float]] = []  # (time of the key press, the value it set)
        c2, w2 = cpu_seconds(pid), time.time()
        for _ in range(moves):
            before = slider_value(page, SLIDER)
            t0 = press_slider(page, SLIDER, "ArrowRight" if before < 0.95 else "ArrowLeft")
            time.sleep(gap)
            presses.append((t0, round(slider_value(page, SLIDER), 2)))
        time.sleep(10)  # stragglers
        moving_cpu, moving_wall = cpu_seconds(pid) - c2, time.time() - w2
        thread.join(timeout=total + 30)
        browser.close()
    if os.environ.get("BENCH_DEBUG"):
        print("presses", presses)
        for f in followers[:3]:
            print("follower", f.runs, f.fragment_runs, f.events[-3:], f.errors[:2])
    latencies: list[float] = []
    missed = 0
    for t0, value in presses:
        for f in followers:
            t = arrival(f, t0, value)
            if t is None:
                missed += 1
            else:
                latencies.append(t - t0)
    latencies.sort()
    errors = [e for f in followers for e in f.errors]
    return {
        "followers": n,
        "joined": joined,
        "fragment_ticks_per_s": round(ticks, 1),
        "server_cpu_idle_cores": round(floor, 3),
        "server_cpu_following_cores": round(cores, 3),
        "poll_cost_ms_per_follower_tick": round(1000 * (cores - floor) / max(ticks, 1e-9), 2),
        "moves": moves,
        "repaints": len(latencies),
        "missed": missed,
        # the server's CPU for one follower's repaint: the CPU of the moving phase beyond the polls, per repaint
        "repaint_cpu_ms_per_follower": round(1000 * (moving_cpu - cores * moving_wall) / max(len(latencies), 1), 1),
        "latency_p50_s": round(statistics.median(latencies), 3) if latencies else float("nan"),
        "latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else float("nan"),
        "latency_max_s": round(latencies[-1], 3) if latencies else float("nan"),
        "errors": len(errors),
        "first_errors": "; ".join(errors[:3]),
        "database": "postgresql" if database_url else "sqlite",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", default="30,200", help="class sizes, one server each: 30,200")
    parser.add_argument("--quiet", type=float, default=20, help="seconds of following without moves (poll cost)")
    parser.add_argument("--moves", type=int, default=8, help="lecturer key presses (latency)")
    parser.add_argument("--gap", type=float, default=4.0, help="seconds between key presses")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--csv", default=str(ROOT / "artifacts" / "bench-classroom.csv"))
    args = parser.parse_args()
    results = [
        bench(int(n), args.quiet, args.moves, args.gap, args.database_url) for n in args.followers.split(",") if n
    ]
    width = max(len(k) for k in results[0])
    print(f"{'measure':<{width}}  " + "  ".join(f"{r['followers']:>10}" for r in results))
    for k in results[0]:
        if k != "first_errors":
            print(f"{k:<{width}}  " + "  ".join(f"{r[k]!s:>10}" for r in results))
    for r in results:
        if r["first_errors"]:
            print(f"errors with {r['followers']} followers: {r['first_errors']}")
    Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(results[0]))
        writer.writeheader()
        writer.writerows(results)
    print(f"\nwritten to {args.csv}")


if __name__ == "__main__":
    main()
