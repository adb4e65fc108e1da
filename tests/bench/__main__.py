"""Run every benchmark in turn: python -m tests.bench (or bash .ci/bench from a fresh clone).

1. warm rerun per page through AppTest, against an empty page (tests.bench.rerun)
2. first visit, key-to-repaint, a 30-key burst and every data set / preset option per page in Debian's chromium,
   each with its ratio to an empty page measured in the same run (tests.bench.browser)
3. class load: 30, 60 and 120 students, each against 1 process direct, 1 behind nginx and 2 behind nginx
   (tests.bench.load --compare; nginx is installed first if missing, as .ci/nginx.sh does)
4. classroom mode: 30 and 200 students following the lecturer on one process (tests.bench.classroom)

Each prints a table and writes a CSV under artifacts/. Targets (issue 18; README, "Speed"): key to repaint
<= 150 ms median and <= 300 ms p95 on every page, first visit after the server starts <= 2 s, any option <= 1 s;
one process holds 60 active students at p95 <= 1 s with no error and <= 1.5 GB, and 2 processes behind nginx hold
about twice the students at the same p95.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

STEPS = [
    ("warm rerun (AppTest)", ["tests.bench.rerun"]),
    ("cold load and key to repaint (chromium)", ["tests.bench.browser"]),
    (
        "class load, 1 process direct vs 1 and 2 behind nginx (websocket clients, the browser's protocol)",
        [
            "tests.bench.load",
            "--compare",
            "--sessions",
            "30,60,120",
        ],
    ),
    ("classroom mode: students following the lecturer (websocket clients)", ["tests.bench.classroom"]),
]


def ensure_nginx() -> None:
    """Debian's nginx for the load step (the same function .ci/nginx.sh gives the scripts)."""
    subprocess.call(["bash", "-c", "source .ci/nginx.sh && ensure_nginx"], cwd=Path(__file__).resolve().parents[2])


def main() -> int:
    failed = 0
    for title, module in STEPS:
        print(f"\n=== {title} ===", flush=True)
        if module[0] == "tests.bench.load":
            ensure_nginx()
        failed += subprocess.call([sys.executable, "-m", *module]) != 0
    return failed


if __name__ == "__main__":
    sys.exit(main())
