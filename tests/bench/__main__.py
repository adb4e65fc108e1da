"""Run every benchmark in turn: python -m tests.bench (or bash .ci/bench from a fresh clone).

1. warm rerun per page through AppTest, against an empty page (tests.bench.rerun)
2. cold first load and key-to-repaint per page in Debian's chromium (tests.bench.browser)
3. 30 concurrent sessions for 60 s against one server (tests.bench.load)

Each prints a table and writes a CSV under artifacts/. Targets (README, "Speed"): warm rerun <= 100 ms median,
key to repaint <= 300 ms median and <= 500 ms p95, cold load <= 3 s, 30 sessions p95 <= 1.5 s with no error
and server memory <= 1.5 GB.
"""

from __future__ import annotations

import subprocess
import sys

STEPS = [
    ("warm rerun (AppTest)", ["tests.bench.rerun"]),
    ("cold load and key to repaint (chromium)", ["tests.bench.browser"]),
    ("30 concurrent sessions (agent API)", ["tests.bench.load", "--sessions", "30", "--seconds", "60"]),
]


def main() -> int:
    failed = 0
    for title, module in STEPS:
        print(f"\n=== {title} ===", flush=True)
        failed += subprocess.call([sys.executable, "-m", *module]) != 0
    return failed


if __name__ == "__main__":
    sys.exit(main())
