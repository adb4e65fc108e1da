"""Class-sized load through Streamlit's own session protocol (no browsers): one process, or N behind nginx.

Run:
  .venv/bin/python -m tests.bench.load [--sessions 30] [--seconds 60] [--think 1] [--csv artifacts/bench-load.csv]
  .venv/bin/python -m tests.bench.load --processes 2 --sessions 120     # 2 app processes behind nginx
  .venv/bin/python -m tests.bench.load --compare --sessions 30,60,120   # 1 direct, 1 and 2 behind nginx
  ... --pages entropy,kl   or   --exclude approaches,types            # which pages the students use
  ... --client agent                                                  # Streamlit's agent API instead

Without ``--processes`` it starts one ``streamlit run app.py`` on 127.0.0.1 and the clients talk to it directly;
with ``--processes N`` it starts N app processes behind Debian's nginx with sticky sessions (``deploy/scaled.py``,
as ``bash scripts/serve_scaled.sh N`` serves a class) and the clients go through nginx, each keeping its own
cookies like a browser.

A client ("student") is, by default, a websocket that speaks the front end's protocol (:class:`BrowserClient`):
it loads the app's page, opens ``/_stcore/stream``, asks for a page by its address, and moves the page's first
slider as the front end does (the new value as a widget state, sent with the slider's fragment, so only its panel
reruns), reporting the messages it has cached. All clients run in one asyncio loop. ``--client agent`` uses
Streamlit's agent API instead (``POST /_stcore/agent/interact``, one session per client; the server then also
describes every element for the agent and serves each chart's data over HTTP, about a quarter of its work in a
profile, which a browser's session never asks for: that is why the websocket is the default).

Each student, for ``--warmup`` plus ``--seconds`` seconds, visits the chosen pages in turn (round robin, each
client starting at a different page) and moves each page's main slider 6 times, timing every rerun (from the
request to the run's end); after each answer a client pauses ``--think`` seconds, as a person looks at the new
picture before moving the slider again. Only reruns after the warm-up are counted.

Per run it prints and writes (CSV): sessions, processes, p50/p95/max rerun latency, errors (failures, or an
exception element in the returned page), total resident memory of the app processes (at start, after warm-up, at
the end), how the sessions were spread over the processes, and the CPU (in cores) used by the app processes, by
the load generator itself and by everything else on the machine meanwhile (nginx and any other work: on a shared
machine this says how much of the cores the app really had). ``--compare`` prints one table over all runs and writes
``artifacts/bench-load-compare.csv``. Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import csv
import http.cookiejar
import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

from tests.browser.server import ROOT, serve
from ui import registry

MOVES_PER_PAGE = 6


class Client:
    """One student: its own cookie jar (the proxy's sticky cookie), talking to the agent API."""

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.upstream: str | None = None  # the process that answered last (nginx's X-Upstream, when present)

    def post(self, body: dict, timeout: float = 60) -> dict:
        req = urllib.request.Request(
            f"{self.url}/_stcore/agent/interact",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(req, timeout=timeout) as r:
            self.upstream = r.headers.get("X-Upstream") or self.upstream
            return json.loads(r.read())

    def interact(self, body: dict, limit_s: float = 180) -> dict:
        """One interaction, waiting through ``wait_timed_out`` answers (a long first fit) up to ``limit_s``."""
        start = time.time()
        snap = self.post(body)
        while "tree" not in snap and snap.get("session_id") and time.time() - start < limit_s:
            snap = self.post({"session_id": snap["session_id"]})  # keep waiting for the same run
        if "tree" not in snap:
            raise RuntimeError(f"no page after {limit_s:.0f} s (status {snap.get('status')!r})")
        return snap


class BrowserClient:
    """One student's browser tab without the browser: one websocket speaking Streamlit's own protocol, as the
    front end does (``tests/bench/classroom.py``'s followers do the same). It loads the app's page first (behind
    nginx that response sets the sticky cookie, kept for the websocket), reports the messages it holds in its cache
    as a browser does (the server then sends a reference instead of the whole message), and moves a slider the way
    the front end does: the slider's new value as a widget state, with the fragment the slider was drawn in, so
    that only its panel reruns. The server describes nothing for an agent and serves no data over HTTP."""

    def __init__(self, url: str):
        self.url = url
        self.ws = None
        self.upstream: str | None = None
        self.page_hash = ""
        self.query = ""
        self.hashes: set[str] = set()

    async def connect(self) -> None:
        import websockets

        def first_get() -> tuple[str, str | None]:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            with opener.open(f"{self.url}/", timeout=60) as r:
                r.read()
                upstream = r.headers.get("X-Upstream")
            return "; ".join(f"{c.name}={c.value}" for c in jar), upstream

        cookie, self.upstream = await asyncio.to_thread(first_get)
        self.ws = await websockets.connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": cookie} if cookie else {},
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        self.upstream = self.ws.response.headers.get("X-Upstream") or self.upstream

    async def rerun(self, page: str | None = None, widget=None, fragment_id: str = "", limit_s: float = 180) -> dict:
        """Ask for a run (a page by its address, or a slider's new value) and read until it has finished: the main
        area's sliders drawn in it (with their fragments) and the exception drawn, if any ("" if none)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg()
        state = back.rerun_script
        if page is not None:  # a link opened: the page by its address, no query
            state.page_name, self.query = page, ""
        else:
            state.page_script_hash = self.page_hash
        state.query_string = self.query
        state.cached_message_hashes.extend(self.hashes)
        if widget is not None:
            state.widget_states.widgets.append(widget)
            state.fragment_id = fragment_id
        await self.ws.send(back.SerializeToString())
        sliders, exception = [], ""
        deadline = time.time() + limit_s
        while True:
            data = await asyncio.wait_for(self.ws.recv(), timeout=max(deadline - time.time(), 0.1))
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.metadata.cacheable and msg.hash:
                self.hashes.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "new_session" and msg.new_session.page_script_hash:
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                exception = f"page not found: {msg.page_not_found.page_name!r}"
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    exception = f"{element.exception.type}: {element.exception.message[:160]}"
                elif which == "alert" and "unexpected problem" in element.alert.body:  # a page's guard caught a bug
                    exception = f"caught by the page: {element.alert.body[:160]}"
                elif which == "slider" and list(msg.metadata.delta_path[:1]) == [0]:  # 0: the main area
                    sliders.append((element.slider, msg.delta.fragment_id))
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return {"sliders": sliders, "exception": exception}

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def browser_slider(sliders: list) -> tuple[object, str, float | str, float | str] | None:
    """The first single-valued slider of the main area: (its proto, its fragment, value to move to, value back).

    A select slider's values are its options' labels, as the front end sends them (a string array: an index sent
    as a number made every move of approaches' step slider fail inside the page, caught by its guard)."""
    for slider, fragment in sliders:
        current = list(slider.value) if slider.set_value else list(slider.default)
        if len(current) != 1:
            continue
        v, step = current[0], slider.step or (slider.max - slider.min) / 20
        other = v + step if v + step <= slider.max else v - step
        if slider.options:  # a select slider: its value and step are positions among the options
            return slider, fragment, slider.options[int(other)], slider.options[int(v)]
        return slider, fragment, other, v
    return None


def slider_state(slider, value: float | str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=slider.id)
    if isinstance(value, str):
        state.string_array_value.data.append(value)
    else:
        state.double_array_value.data.append(value)
    return state


def post(url: str, body: dict, timeout: float = 60) -> dict:
    """A single request without cookies (kept for other benchmarks and scripts)."""
    return Client(url).post(body, timeout)


def interact(url: str, body: dict, limit_s: float = 180) -> dict:
    return Client(url).interact(body, limit_s)


def walk(node: dict):
    yield node
    for child in node.get("children", []) or []:
        yield from walk(child)


def main_slider(snapshot: dict) -> tuple[str, float, float] | None:
    """The first slider in the main area: (key, value to move to, value to move back to)."""
    main = next((c for c in snapshot["tree"].get("children", []) if c.get("type") == "main"), None)
    for node in walk(main or {}):
        if node.get("type") == "slider" and node.get("key") and not isinstance(node.get("value"), list):
            props = node.get("props", {})
            lo, hi, v = props.get("min_value"), props.get("max_value"), node.get("value")
            step = props.get("step") or ((hi - lo) / 20 if hi is not None and lo is not None else 1)
            other = v + step if hi is None or v + step <= hi else v - step
            return node["key"], other, v
    return None


def has_exception(snapshot: dict) -> bool:
    return any(n.get("type") == "exception" for n in walk(snapshot.get("tree", {})))


def _family(pid: int) -> list[int]:
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return pids


def server_rss_mb(pid: int | Sequence[int]) -> float:
    """Resident memory of the server process(es) and their children, in MB (from /proc)."""
    total = 0
    for root in [pid] if isinstance(pid, int) else pid:
        for p in _family(root):
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{p}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
    return total / 1024


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time used so far by the processes and their children (from /proc/<pid>/stat)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for root in pids:
        for p in _family(root):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all cores, every process), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def choose_pages(pages: str | None = None, exclude: str | None = None) -> list[registry.LecturePage]:
    """The registered pages named in ``pages`` (comma separated keys; default all), minus ``exclude``."""
    known = {p.key: p for p in registry.PAGES}
    wanted = [k.strip() for k in pages.split(",") if k.strip()] if pages else list(known)
    dropped = {k.strip() for k in exclude.split(",") if k.strip()} if exclude else set()
    unknown = [k for k in [*wanted, *dropped] if k not in known]
    if unknown:
        raise SystemExit(f"unknown page keys {unknown}; known: {', '.join(known)}")
    chosen = [known[k] for k in wanted if k not in dropped]
    if not chosen:
        raise SystemExit("no pages left to load")
    return chosen


def run_load(
    url: str,
    pid: int | Sequence[int],
    sessions: int,
    seconds: float,
    warmup: float,
    think: float,
    pages: Sequence[registry.LecturePage] | None = None,
    moves_per_page: int = MOVES_PER_PAGE,
    client_kind: str = "browser",
) -> dict:
    """``sessions`` clients against ``url`` for ``warmup + seconds``; figures over the reruns after the warm-up."""
    pids = [pid] if isinstance(pid, int) else list(pid)
    pages = list(pages or registry.PAGES) or [registry.HOME]
    latencies: list[tuple[float, float, str]] = []  # (time since start, seconds, page key)
    visits: list[tuple[float, float]] = []  # page openings: (time since start, seconds)
    errors: list[str] = []
    homes: dict[int, str] = {}
    lock = threading.Lock()
    start = time.time()
    stop_at = start + warmup + seconds

    def client(i: int) -> None:
        me = Client(url)
        k = i
        sid = None
        while time.time() < stop_at:
            entry = pages[k % len(pages)]
            k += 1
            try:
                # One session per client for the whole run, moving from page to page like a student.
                t0 = time.time()
                snap = me.interact({"page": entry.url_path} | ({"session_id": sid} if sid else {}))
                with lock:
                    visits.append((t0 - start, time.time() - t0))
                sid = snap["session_id"]
                target = main_slider(snap)
                if target is None:
                    time.sleep(0.5)
                for j in range(moves_per_page):
                    if time.time() >= stop_at or target is None:
                        break
                    key, a, b = target
                    t0 = time.time()
                    snap = me.interact({"session_id": sid, "widget_state": {key: a if j % 2 == 0 else b}})
                    dt = time.time() - t0
                    with lock:
                        latencies.append((t0 - start, dt, entry.key))
                        if has_exception(snap):
                            errors.append(f"{entry.key}: exception element")
                    time.sleep(think)  # a person looks at the new picture before moving the slider again
            except Exception as err:  # noqa: BLE001 - a load test counts every failure
                if isinstance(err, urllib.error.HTTPError):
                    with contextlib.suppress(Exception):
                        err = RuntimeError(f"HTTP {err.code} {err.read()[:200]!r}")
                with lock:
                    errors.append(f"{entry.key}: {type(err).__name__}: {err}")
                time.sleep(0.5)
            if me.upstream:
                homes[i] = me.upstream.split(", ")[-1]

    async def browser_student(i: int, me: BrowserClient) -> None:
        k = i
        while time.time() < stop_at:
            entry = pages[k % len(pages)]
            k += 1
            try:
                if me.ws is None:
                    await me.connect()
                t0 = time.time()
                shown = await me.rerun(page=entry.url_path)
                with lock:
                    visits.append((t0 - start, time.time() - t0))
                    if shown["exception"]:
                        errors.append(f"{entry.key}: opening: {shown['exception']}")
                target = browser_slider(shown["sliders"])
                if target is None:
                    await asyncio.sleep(0.5)
                for j in range(moves_per_page):
                    if time.time() >= stop_at or target is None:
                        break
                    slider, fragment, a, b = target
                    t0 = time.time()
                    shown = await me.rerun(widget=slider_state(slider, a if j % 2 == 0 else b), fragment_id=fragment)
                    dt = time.time() - t0
                    with lock:
                        latencies.append((t0 - start, dt, entry.key))
                        if shown["exception"]:
                            errors.append(f"{entry.key}: {shown['exception']}")
                    await asyncio.sleep(think)  # a person looks at the new picture before moving the slider again
            except Exception as err:  # noqa: BLE001 - a load test counts every failure
                with lock:
                    errors.append(f"{entry.key}: {type(err).__name__}: {err}")
                with contextlib.suppress(Exception):
                    await me.close()
                me.ws = None  # a new connection (a new session), as a browser reconnects
                await asyncio.sleep(0.5)
            if me.upstream:
                homes[i] = me.upstream.split(", ")[-1]

    def browser_class() -> None:
        async def everyone() -> None:
            tabs = [BrowserClient(url) for _ in range(sessions)]
            tasks = []
            for i, tab in enumerate(tabs):  # students arrive over a few seconds, not in one millisecond
                tasks.append(asyncio.ensure_future(browser_student(i, tab)))
                await asyncio.sleep(0.05)
            await asyncio.gather(*tasks, return_exceptions=True)
            for tab in tabs:
                with contextlib.suppress(Exception):
                    await tab.close()

        asyncio.run(everyone())

    rss_start = server_rss_mb(pids)
    if client_kind == "browser":
        threads = [threading.Thread(target=browser_class, daemon=True)]
    else:
        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(sessions)]
    for t in threads:
        t.start()
    time.sleep(warmup)
    rss_warm = server_rss_mb(pids)
    app_cpu0, me_cpu0, t_measure = cpu_seconds(pids), time.process_time(), time.time()
    busy0 = machine_busy_seconds()
    for t in threads:
        t.join(timeout=max(stop_at - time.time(), 0) + 120)
    wall = max(time.time() - t_measure, 1e-9)
    app_cpu, client_cpu = (cpu_seconds(pids) - app_cpu0) / wall, (time.process_time() - me_cpu0) / wall
    other_cpu = (machine_busy_seconds() - busy0) / wall - app_cpu - client_cpu  # nginx and everything else
    rss_end = server_rss_mb(pids)
    measured = sorted(dt for t, dt, _ in latencies if t >= warmup)
    if not measured:
        measured = [float("nan")]
    by_page = collections.defaultdict(list)
    for t, dt, key in latencies:
        if t >= warmup:
            by_page[key].append(dt)
    page_p95 = {k: sorted(v)[int(0.95 * (len(v) - 1))] for k, v in by_page.items()}
    slowest = sorted(page_p95.items(), key=lambda kv: -kv[1])[:3]
    spread = collections.Counter(homes.values())
    opened = sorted(dt for t, dt in visits if t >= warmup) or [float("nan")]
    return {
        "client": client_kind,
        "sessions": sessions,
        "processes": len(pids),
        "seconds": seconds,
        "think_s": think,
        "reruns": len(measured),
        "p50_ms": statistics.median(measured) * 1e3,
        "p95_ms": measured[int(0.95 * (len(measured) - 1))] * 1e3,
        "max_ms": measured[-1] * 1e3,
        "page_visits": len(opened),
        "visit_p50_ms": statistics.median(opened) * 1e3,
        "visit_p95_ms": opened[int(0.95 * (len(opened) - 1))] * 1e3,
        "errors": len(errors),
        "rss_start_mb": rss_start,
        "rss_after_warmup_mb": rss_warm,
        "rss_end_mb": rss_end,
        "sessions_per_process": "/".join(str(n) for _, n in sorted(spread.items())) or str(sessions),
        "app_cpu_cores": app_cpu,
        "client_cpu_cores": client_cpu,
        "other_cpu_cores": other_cpu,
        "slowest_pages_p95_ms": " ".join(f"{k}={v * 1e3:.0f}" for k, v in slowest),
        "pages": ",".join(p.key for p in pages),
        "first_errors": "; ".join(errors[:3]),
    }


def app_args(sessions: int, client_kind: str = "browser") -> tuple[str, ...]:
    if client_kind == "browser":
        return ()
    # The agent API refuses more than 100 sessions per process by default; a student is one session.
    return ("--server.enableAgentApi", "true", "--server.agentMaxSessions", str(max(100, sessions + 20)))


@contextlib.contextmanager
def target(processes: int | None, sessions: int, client_kind: str = "browser") -> Iterator[tuple[str, list[int]]]:
    """(url, app pids) of one direct server (``processes`` None) or of N processes behind nginx."""
    if processes is None:
        with serve(app_args(sessions, client_kind)) as (url, pid):
            yield url, [pid]
        return
    from deploy.scaled import nginx_binary, scaled

    if nginx_binary() is None:
        raise SystemExit("nginx is not installed: source .ci/nginx.sh && ensure_nginx (or bash .ci/bench)")
    run_dir = ROOT / "artifacts" / f"nginx-{processes}x{sessions}"  # nginx's and each process's log, kept
    with scaled(processes, debug=True, app_args=app_args(sessions, client_kind), run_dir=run_dir) as cluster:
        yield cluster.url, cluster.app_pids()


def one_run(processes: int | None, sessions: int, args, pages) -> dict:
    with target(processes, sessions, args.client) as (url, pids):
        result = run_load(
            url, pids, sessions, args.seconds, args.warmup, args.think, pages, args.moves_per_page, args.client
        )
    return {"mode": "direct" if processes is None else "nginx"} | result


def print_result(result: dict) -> None:
    for k, v in result.items():
        print(f"{k:>22}: {v:.2f}" if isinstance(v, float) else f"{k:>22}: {v}")
    growth = (result["rss_end_mb"] - result["rss_after_warmup_mb"]) / max(result["rss_after_warmup_mb"], 1)
    print(f"{'memory growth':>22}: {growth:+.1%} after warm-up")


TABLE = (
    ("mode", "{}"),
    ("client", "{}"),
    ("processes", "{}"),
    ("sessions", "{}"),
    ("sessions_per_process", "{}"),
    ("reruns", "{}"),
    ("p50_ms", "{:.0f}"),
    ("p95_ms", "{:.0f}"),
    ("max_ms", "{:.0f}"),
    ("errors", "{}"),
    ("rss_end_mb", "{:.0f}"),
    ("app_cpu_cores", "{:.2f}"),
    ("client_cpu_cores", "{:.2f}"),
    ("other_cpu_cores", "{:.2f}"),
)


def print_table(rows: list[dict]) -> None:
    cells = [[name for name, _ in TABLE]] + [[fmt.format(r[name]) for name, fmt in TABLE] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(TABLE))]
    for n, row in enumerate(cells):
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def write_csv(path: str | Path, rows: list[dict]) -> None:
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten to {path}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="30", help="students; with --compare a list: 30,60,120")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=30, help="seconds before measuring (first fits, caches)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="pause after each answer before the next slider move, in seconds (0: hammer)",
    )
    parser.add_argument(
        "--moves-per-page", type=int, default=MOVES_PER_PAGE, help="slider moves before a student opens the next page"
    )
    parser.add_argument(
        "--client",
        choices=("browser", "agent"),
        default="browser",
        help="browser: websockets speaking the front end's protocol (default); agent: Streamlit's agent API",
    )
    parser.add_argument("--processes", type=int, default=None, help="N app processes behind nginx (default: none)")
    parser.add_argument("--compare", action="store_true", help="1 direct, 1 and 2 behind nginx, each session count")
    parser.add_argument("--pages", default=None, help="comma-separated page keys (default: every registered page)")
    parser.add_argument("--exclude", default=None, help="comma-separated page keys to leave out")
    parser.add_argument("--csv", default=None, help="default artifacts/bench-load.csv (compare: -compare.csv)")
    args = parser.parse_args(argv)
    counts = [int(s) for s in str(args.sessions).split(",") if s.strip()]
    if not counts or min(counts) < 1:
        raise SystemExit(f"--sessions needs positive counts, got {args.sessions!r}")
    pages = choose_pages(args.pages, args.exclude)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with contextlib.suppress(OSError):
        print(f"machine: {os.cpu_count()} cores, load average {Path('/proc/loadavg').read_text().split()[:3]}")
    print(f"pages: {', '.join(p.key for p in pages)}", flush=True)
    if not args.compare:
        if len(counts) != 1:
            raise SystemExit("one --sessions count per run (a list needs --compare)")
        result = one_run(args.processes, counts[0], args, pages)
        print_result(result)
        write_csv(args.csv or ROOT / "artifacts" / "bench-load.csv", [result])
        return
    rows = []
    for sessions in counts:
        for processes in (None, 1, 2):
            label = "direct, 1 process" if processes is None else f"nginx, {processes} process(es)"
            print(f"\n--- {sessions} sessions, {label} ---", flush=True)
            rows.append(one_run(processes, sessions, args, pages))
            print_table(rows[-1:])
            with contextlib.suppress(OSError):
                print(f"load average after: {Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    print(
        f"\nload through nginx vs direct: {args.seconds:.0f} s measured after {args.warmup:.0f} s warm-up, think "
        f"{args.think:g} s, pages {', '.join(p.key for p in pages)}\n"
    )
    print_table(rows)
    write_csv(args.csv or ROOT / "artifacts" / "bench-load-compare.csv", rows)


if __name__ == "__main__":
    main()
