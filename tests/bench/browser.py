"""Speed as a person feels it, in a real browser (Debian chromium via Playwright) against a local server.

Run: .venv/bin/python -m tests.bench.browser [--presses 12] [--csv artifacts/bench-browser.csv]

Per registered page:
- first visit: the first browser session to open the page since the server started; it pays the page's model
  fits, which are then cached for everyone (the very first page also pays the server's imports: reported apart);
- cold load: a fresh browser context (a new Streamlit session, as every other student) opens the page; time
  until the app is idle with its first chart drawn;
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
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, streamlit_server
from ui import registry

CHART = "[data-testid='stMain'] [data-testid='stVegaLiteChart']"
#: Records every change of the app's run state with its time (polled every 2 ms), so short runs are seen too.
WATCH_RUNS = """() => {
  window.__runs = [];
  let last = null;
  const poll = () => {  // React may replace the element, so look it up each time instead of observing one node
    const app = document.querySelector("[data-testid='stApp']");
    const state = app && app.dataset.testScriptState;
    if (state !== last) { window.__runs.push([state, performance.now()]); last = state; }
    setTimeout(poll, 2);
  };
  poll();
}"""
PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
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
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=120_000)
    _idle_and_charted(page)
    slider = page.locator(SLIDER).first
    try:  # the run may still be drawing: give the slider and the chart a moment to appear
        slider.wait_for(state="attached", timeout=10_000)
        page.locator(CHART).first.wait_for(state="attached", timeout=10_000)
    except Exception:  # noqa: BLE001 - a page without a slider or chart has nothing to time
        context.close()
        return []
    chart = page.locator(CHART).first
    times = []
    unchanged = 0
    page.evaluate(WATCH_RUNS)
    for i in range(presses + 2):
        before = chart.screenshot(animations="disabled")
        slider.focus()
        t0 = page.evaluate("performance.now()")
        slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        # the rerun this key started has ended (recorded by the observer, however short it was) ...
        try:
            page.wait_for_function(
                f"window.__runs.some(r => r[0] === 'running' && r[1] > {t0}) && "
                f"window.__runs[window.__runs.length - 1][0] === 'notRunning'",
                timeout=15_000,
            )
        except Exception:  # noqa: BLE001 - the key started no run (slider at its end, or disabled)
            print(f"  note: {url}: key press {i} started no run")
            continue
        page.evaluate(PAINTED)  # ... and the browser has painted the new elements
        elapsed = (page.evaluate("performance.now()") - t0) / 1e3
        unchanged += chart.screenshot(animations="disabled") == before
        if i >= 2:  # the first two presses fill the caches for both slider values
            times.append(elapsed)
    if unchanged:
        print(f"  note: {url}: the first chart did not change after {unchanged} of {presses + 2} presses")
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
            first = cold_load(browser, page_url)  # the first visitor since server start: pays the model fits
            cold = cold_load(browser, page_url)  # every later student: a fresh session on a warm server
            times = key_to_repaint(browser, page_url, args.presses)
            rows.append(
                {
                    "page": entry.key,
                    "first_visit_s": first,
                    "cold_load_s": cold,
                    "repaint_median_ms": statistics.median(times) * 1e3 if times else float("nan"),
                    "repaint_p95_ms": p95(times) * 1e3 if times else float("nan"),
                    "presses": len(times),
                }
            )
        browser.close()
    print(f"server's first page load (imports included): {server_start:.2f} s\n")
    print(f"{'page':<20} {'first visit s':>13} {'new session s':>13} {'repaint median ms':>18} {'repaint p95 ms':>15}")
    for r in rows:
        print(
            f"{r['page']:<20} {r['first_visit_s']:>13.2f} {r['cold_load_s']:>13.2f} {r['repaint_median_ms']:>18.0f} "
            f"{r['repaint_p95_ms']:>15.0f}"
        )
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten to {args.csv}")


if __name__ == "__main__":
    main()
