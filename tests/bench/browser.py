"""Speed as a person feels it, in a real browser (Debian chromium via Playwright) against a local server.

Run: .venv/bin/python -m tests.bench.browser [--presses 12] [--csv artifacts/bench-browser.csv]

Per registered page:
- cold first load: a fresh browser context (a new Streamlit session) opens the page; time until the app is
  idle with its first chart drawn (the very first page also pays the server's imports: reported apart);
- key to repaint: focus the page's main slider, press an arrow key, time until the app is idle again and
  the first chart's pixels have changed; alternate right/left so both values are cached, as when a
  lecturer moves a slider back and forth. Median and p95 over ``--presses`` presses.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time

from tests.bench.rerun import p95
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, streamlit_server, wait_idle
from ui import registry

CHART = "[data-testid='stMain'] [data-testid='stVegaLiteChart']"
SLIDER = "[data-testid='stMain'] [data-testid='stSlider'] input[type='range']"


def _idle_and_charted(page, timeout_ms=120_000) -> None:
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    if page.locator(CHART).count():
        page.locator(CHART).first.locator("canvas, svg").first.wait_for(timeout=timeout_ms)


def cold_load(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=120_000)  # the script has started drawing
    _idle_and_charted(page)
    elapsed = time.perf_counter() - t0
    context.close()
    return elapsed


def key_to_repaint(browser, url: str, presses: int) -> list[float]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    wait_idle(page, timeout_ms=120_000, started_ms=3000)
    slider = page.locator(SLIDER).first
    if slider.count() == 0 or page.locator(CHART).count() == 0:
        context.close()
        return []
    chart = page.locator(CHART).first
    times = []
    for i in range(presses + 2):
        before = chart.screenshot(animations="disabled")
        slider.focus()
        t0 = time.perf_counter()
        slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        deadline = t0 + 30
        # Poll until the script run is over and the chart's pixels differ from before the key press.
        while time.perf_counter() < deadline:
            page.wait_for_timeout(15)
            if page.locator(IDLE).count() and chart.screenshot(animations="disabled") != before:
                break
        elapsed = time.perf_counter() - t0
        if i >= 2:  # the first two presses fill the caches for both slider values
            times.append(elapsed)
        wait_idle(page, started_ms=200)
    context.close()
    return times


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=12)
    parser.add_argument("--only", default="", help="comma-separated page keys")
    parser.add_argument("--csv", default=str(ROOT / "artifacts" / "bench-browser.csv"))
    args = parser.parse_args()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    rows = []
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        server_start = cold_load(browser, url)  # first visit pays the server's imports
        for entry in registry.ordered():
            if args.only and entry.key not in args.only.split(","):
                continue
            page_url = f"{url}/{entry.url_path}"
            cold = cold_load(browser, page_url)
            times = key_to_repaint(browser, page_url, args.presses)
            rows.append(
                {
                    "page": entry.key,
                    "cold_load_s": cold,
                    "repaint_median_ms": statistics.median(times) * 1e3 if times else float("nan"),
                    "repaint_p95_ms": p95(times) * 1e3 if times else float("nan"),
                    "presses": len(times),
                }
            )
        browser.close()
    print(f"server's first page load (imports included): {server_start:.2f} s\n")
    print(f"{'page':<20} {'cold load s':>11} {'repaint median ms':>18} {'repaint p95 ms':>15}")
    for r in rows:
        print(f"{r['page']:<20} {r['cold_load_s']:>11.2f} {r['repaint_median_ms']:>18.0f} {r['repaint_p95_ms']:>15.0f}")
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten to {args.csv}")


if __name__ == "__main__":
    main()
