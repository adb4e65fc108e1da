"""Class-sized load against one local server, through Streamlit's own session protocol (no browsers).

Run: .venv/bin/python -m tests.bench.load [--sessions 30] [--seconds 60] [--csv artifacts/bench-load.csv]

Starts ``streamlit run app.py`` on 127.0.0.1 with ``--server.enableAgentApi true``, then N client threads
each open a session (``POST /_stcore/agent/interact``), and for ``--seconds`` move the main slider of the
registered pages in turn, round robin, timing every rerun; after each answer a client pauses ``--think`` seconds,
as a person looks at the new picture before moving the slider again. Prints p50/p95 rerun latency, errors (HTTP
failures, or an exception element in the returned page), and the server's resident memory at start, after
warm-up (the first ``--warmup`` seconds) and at the end. Traffic goes to 127.0.0.1 only; every loop is
bounded in count and time.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import threading
import time
import urllib.request
from pathlib import Path

from tests.browser.server import ROOT, serve
from ui import registry


def post(url: str, body: dict, timeout: float = 60) -> dict:
    req = urllib.request.Request(
        f"{url}/_stcore/agent/interact", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def interact(url: str, body: dict, limit_s: float = 180) -> dict:
    """One interaction, waiting through the server's ``wait_timed_out`` answers (a long first fit) up to ``limit_s``."""
    start = time.time()
    snap = post(url, body)
    while "tree" not in snap and snap.get("session_id") and time.time() - start < limit_s:
        snap = post(url, {"session_id": snap["session_id"]})  # keep waiting for the same run
    if "tree" not in snap:
        raise RuntimeError(f"no page after {limit_s:.0f} s (status {snap.get('status')!r})")
    return snap


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


def server_rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children, in MB (from /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def run_load(url: str, pid: int, sessions: int, seconds: float, warmup: float, think: float) -> dict:
    pages = [p for p in registry.PAGES] or [registry.HOME]
    latencies: list[tuple[float, float]] = []  # (time since start, seconds)
    errors: list[str] = []
    lock = threading.Lock()
    start = time.time()
    stop_at = start + warmup + seconds

    def client(i: int) -> None:
        k = i
        sid = None
        while time.time() < stop_at:
            entry = pages[k % len(pages)]
            k += 1
            try:
                # One session per client for the whole run, moving from page to page like a student.
                snap = interact(url, {"page": entry.url_path} | ({"session_id": sid} if sid else {}))
                sid = snap["session_id"]
                target = main_slider(snap)
                if target is None:
                    time.sleep(0.5)
                for j in range(6):
                    if time.time() >= stop_at or target is None:
                        break
                    key, a, b = target
                    t0 = time.time()
                    snap = interact(url, {"session_id": sid, "widget_state": {key: a if j % 2 == 0 else b}})
                    dt = time.time() - t0
                    time.sleep(think)  # a person looks at the new picture before moving the slider again
                    with lock:
                        latencies.append((t0 - start, dt))
                        if has_exception(snap):
                            errors.append(f"{entry.key}: exception element")
            except Exception as err:  # noqa: BLE001 - a load test counts every failure
                with lock:
                    errors.append(f"{entry.key}: {type(err).__name__}: {err}")
                time.sleep(0.5)

    rss_start = server_rss_mb(pid)
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(sessions)]
    for t in threads:
        t.start()
    time.sleep(warmup)
    rss_warm = server_rss_mb(pid)
    for t in threads:
        t.join(timeout=seconds + warmup + 120)
    rss_end = server_rss_mb(pid)
    measured = sorted(dt for t, dt in latencies if t >= warmup)
    if not measured:
        measured = [float("nan")]
    return {
        "sessions": sessions,
        "seconds": seconds,
        "think_s": think,
        "reruns": len(measured),
        "p50_ms": statistics.median(measured) * 1e3,
        "p95_ms": measured[int(0.95 * (len(measured) - 1))] * 1e3,
        "max_ms": measured[-1] * 1e3,
        "errors": len(errors),
        "rss_start_mb": rss_start,
        "rss_after_warmup_mb": rss_warm,
        "rss_end_mb": rss_end,
        "first_errors": "; ".join(errors[:3]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=30, help="seconds before measuring (first fits, caches)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="pause after each answer before the next slider move, in seconds (0: hammer)",
    )
    parser.add_argument("--csv", default=str(ROOT / "artifacts" / "bench-load.csv"))
    args = parser.parse_args()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with serve(("--server.enableAgentApi", "true")) as (url, pid):
        result = run_load(url, pid, args.sessions, args.seconds, args.warmup, args.think)
    for k, v in result.items():
        print(f"{k:>22}: {v:.1f}" if isinstance(v, float) else f"{k:>22}: {v}")
    growth = (result["rss_end_mb"] - result["rss_after_warmup_mb"]) / max(result["rss_after_warmup_mb"], 1)
    print(f"{'memory growth':>22}: {growth:+.1%} after warm-up")
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(result))
        writer.writeheader()
        writer.writerow(result)
    print(f"\nwritten to {args.csv}")


if __name__ == "__main__":
    main()
