"""Warm-rerun benchmark through AppTest: per registered page, move its first control and time the rerun.

Run: .venv/bin/python -m tests.bench.rerun [--repeats 15] [--csv artifacts/bench-rerun.csv]

For each page: open it through app.py's navigation, then alternately set its first control (a slider,
select box, number input, radio or toggle in the main area) to two values and time each rerun. The same
is done for an empty page as the floor, so each page's ratio to the floor is reported. Not a test: it
prints figures; the targets live in the README.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ui import registry  # noqa: E402

EMPTY_PAGE = "import streamlit as st\nst.title('empty')\nx = st.slider('x', 0, 10, 5, key='x')\nst.write(x)\n"


def _first_control(at: AppTest):
    """The first movable control in the main area and two values to alternate between."""
    for kind in ("slider", "select_slider", "selectbox", "radio", "number_input", "segmented_control", "toggle"):
        for w in at.main.get(kind):
            if kind == "slider":
                lo, hi = w.min, w.max
                v = w.value
                if isinstance(v, tuple | list):
                    continue
                step = w.step or (hi - lo) / 20
                other = v + step if v + step <= hi else v - step
                return w, (other, v)
            if kind == "select_slider" or kind in ("selectbox", "radio", "segmented_control"):
                options = list(w.options)
                if len(options) >= 2:
                    return w, (options[1] if w.value == options[0] else options[0], w.value)
            if kind == "number_input":
                step = w.step or 1
                return w, (w.value + step, w.value)
            if kind == "toggle":
                return w, (not w.value, w.value)
    return None, None


def time_reruns(at: AppTest, repeats: int) -> tuple[list[float], str]:
    widget, values = _first_control(at)
    if widget is None:
        return [], "no control"
    label, key = widget.label, widget.key
    times = []
    for i in range(repeats + 2):
        w = next(x for x in at.main.get(widget.type) if x.key == key and x.label == label)
        w.set_value(values[i % 2])
        t0 = time.perf_counter()
        at.run()
        if i >= 2:  # the first two runs warm the caches for both values
            times.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(f"exception while benchmarking: {at.exception[0].message}")
    return times, f"{widget.type} '{label}'"


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--csv", default=str(ROOT / "artifacts" / "bench-rerun.csv"))
    parser.add_argument("--only", default="", help="comma-separated page keys")
    args = parser.parse_args()

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(EMPTY_PAGE)
    floor_at = AppTest.from_file(f.name, default_timeout=60).run()
    floor_times, _ = time_reruns(floor_at, args.repeats)
    floor = statistics.median(floor_times)

    rows = [
        {
            "page": "(empty page)",
            "control": "slider 'x'",
            "median_ms": floor * 1e3,
            "p95_ms": p95(floor_times) * 1e3,
            "ratio_to_floor": 1.0,
        }
    ]
    pages = [p for p in registry.ordered() if not args.only or p.key in args.only.split(",")]
    for entry in pages:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.run()
        at.switch_page(entry.file)
        at.run()
        times, control = time_reruns(at, args.repeats)
        if not times:
            rows.append(
                {
                    "page": entry.key,
                    "control": control,
                    "median_ms": float("nan"),
                    "p95_ms": float("nan"),
                    "ratio_to_floor": float("nan"),
                }
            )
            continue
        med = statistics.median(times)
        rows.append(
            {
                "page": entry.key,
                "control": control,
                "median_ms": med * 1e3,
                "p95_ms": p95(times) * 1e3,
                "ratio_to_floor": med / floor,
            }
        )

    print(f"{'page':<20} {'control':<42} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}")
    for r in rows:
        print(
            f"{r['page']:<20} {r['control'][:42]:<42} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} "
            f"{r['ratio_to_floor']:>8.1f}"
        )
    Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten to {args.csv}")


if __name__ == "__main__":
    main()
