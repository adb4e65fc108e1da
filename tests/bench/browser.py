"""Speed as a person feels it, in a real browser (Debian chromium via Playwright) against a local server.

Run: .venv/bin/python -m tests.bench.browser [--presses 12] [--csv artifacts/bench-browser.csv]

Per registered page:
- first visit: the first browser session to open the page since the server started. The server is started as
  every launcher starts it, with ``deploy.warm`` opening every page in the background as soon as it answers; a
  page the warm-up has not reached yet pays its own scenes and charts, which are then cached for everyone (the
  very first page also pays the server's imports: reported apart);
- cold load: a fresh browser context (a new Streamlit session, as every other student) opens the page; time
  until the app is idle with its first chart drawn;
- key to repaint: focus the page's main slider, press an arrow key, time until the run it started has ended and the
  browser has painted it (a press whose run changed no chart's pixels is reported); alternate right/left so both
  values are cached, as when a lecturer moves a slider back and forth. Median and p95 over ``--presses`` presses;
- burst: 30 key presses as fast as the keyboard sends them; how many reruns ran (a control's rerun is a fragment:
  presses that arrive while it runs collapse into one rerun with the last value) and the time to settle;
- options: the page's first select box (its data set, preset or model), each option chosen in turn on the warm-up
  run of the server: the slowest option's time to idle and painted (no option may train on the interaction path).

The same measures on the empty-page floor (``tests/bench/floor_app.py``: one slider, one chart) are taken in the
same run, and every page's figure is printed with its ratio to the floor. So is the contract floor
(``tests/bench/contract_app.py``): the least a slide page's live panel holds by the page contract (figure, key
numbers, controls, what to notice), in plain Streamlit: what keeping the contract costs before any content.
Targets (issue 18): key to repaint <= 150 ms median and <= 300 ms p95; first visit after server start <= 2 s; any
option <= 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import statistics
import time
from collections.abc import Iterator

from tests.bench.rerun import p95
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, serve, streamlit_server
from ui import registry

CHART = "[data-testid='stMain'] [data-testid='stVegaLiteChart']"
#: Records every change of the app's run state with its time: an observer sees every state React commits, however
#: short the run, and a 2 ms poll backs it up should React replace the element.
WATCH_RUNS = """() => {
  window.__runs = [];
  const note = () => {
    const app = document.querySelector("[data-testid='stApp']");
    const state = app && app.dataset.testScriptState;
    const last = window.__runs.length ? window.__runs[window.__runs.length - 1][0] : null;
    if (state !== last) window.__runs.push([state, performance.now()]);
  };
  new MutationObserver(note).observe(document.body,
    {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
  const poll = () => { note(); setTimeout(poll, 2); };
  poll();
}"""
PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
SLIDER = "[data-testid='stMain'] [data-testid='stSlider'] input[type='range']"
SELECT = "[data-testid='stMain'] [data-testid='stSelectbox']"
TARGETS = {"repaint_median_ms": 150, "repaint_p95_ms": 300, "first_visit_s": 2.0, "slowest_option_s": 1.0}
BURST = 30


def _idle_and_charted(page, timeout_ms=120_000) -> None:
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    if page.locator(CHART).count():
        page.locator(CHART).first.locator("canvas, svg").first.wait_for(timeout=timeout_ms)


@contextlib.contextmanager
def streamlit_server_for(app: str) -> Iterator[str]:
    with serve(app=app) as (url, _pid):
        yield url


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
    charts = page.locator(CHART)
    times = []
    unchanged = 0
    page.evaluate(WATCH_RUNS)
    for i in range(presses + 2):
        before = _pictures(charts)
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
        unchanged += _pictures(charts) == before
        if i >= 2:  # the first two presses fill the caches for both slider values
            times.append(elapsed)
    if unchanged:
        print(f"  note: {url}: no chart changed after {unchanged} of {presses + 2} presses")
    context.close()
    return times


def _pictures(charts) -> list[bytes]:
    """Every chart's pixels (taken outside the timed span: a press is timed from the key to the painted run)."""
    return [charts.nth(i).screenshot(animations="disabled") for i in range(charts.count())]


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=120_000)
    _idle_and_charted(page)
    return context, page


def _settled_after(page, t0: float, timeout_ms: int = 60_000, start_ms: int | None = None) -> float:
    """Seconds from ``t0`` (performance.now) until a run started after it has ended and the page has painted.
    With ``start_ms``, a run must have started within that time (else a TimeoutError: the action started none)."""
    if start_ms is not None:
        page.wait_for_function(f"window.__runs.some(r => r[0] === 'running' && r[1] > {t0})", timeout=start_ms)
    page.wait_for_function(
        f"window.__runs.some(r => r[0] === 'running' && r[1] > {t0}) && "
        f"window.__runs[window.__runs.length - 1][0] === 'notRunning'",
        timeout=timeout_ms,
    )
    page.evaluate(PAINTED)
    return (page.evaluate("performance.now()") - t0) / 1e3


def burst(browser, url: str, presses: int = BURST) -> tuple[int, float] | None:
    """(reruns, seconds to settle) after ``presses`` arrow keys sent back to back on the main slider."""
    context, page = _open(browser, url)
    try:
        slider = page.locator(SLIDER).first
        try:
            slider.wait_for(state="attached", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page without a slider
            return None
        page.evaluate(WATCH_RUNS)
        slider.focus()
        key = "ArrowLeft" if slider.get_attribute("value") == slider.get_attribute("max") else "ArrowRight"
        t0 = page.evaluate("performance.now()")
        for _ in range(presses):
            page.keyboard.press(key)
        try:
            settle = _settled_after(page, t0, timeout_ms=15_000)
        except Exception:  # noqa: BLE001 - no run seen starting: the empty page's runs can end between two polls
            print(f"  note: {url}: burst: no run seen starting; settle time from the last state change recorded")
            settle = 0.0
        page.wait_for_timeout(500)  # a rerun queued behind the last one would start now
        settle = max(settle, (page.evaluate("window.__runs[window.__runs.length - 1][1]") - t0) / 1e3)
        runs = page.evaluate(f"window.__runs.filter(r => r[0] === 'running' && r[1] > {t0}).length")
        return runs, settle
    finally:
        context.close()


def option_times(browser, url: str) -> tuple[str, float, int]:
    """Choose each option of the page's first select box in turn: (slowest option, its seconds, options tried)."""
    context, page = _open(browser, url)
    slowest, worst, tried = "", 0.0, 0
    try:
        try:
            page.locator(SELECT).first.wait_for(state="attached", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page without a select box
            return slowest, float("nan"), 0
        page.evaluate(WATCH_RUNS)
        page.locator(SELECT).first.click()
        names = page.locator("[role='option']").all_inner_texts()
        page.keyboard.press("Escape")
        current = page.locator(SELECT).first.inner_text()
        for name in names:
            if name.strip() and name.strip() in current:
                continue
            page.locator(SELECT).first.click()
            t0 = page.evaluate("performance.now()")
            try:
                page.locator("[role='option']").filter(has_text=name).first.click(timeout=10_000)
            except Exception:  # noqa: BLE001 - the list closed or changed under us: next option
                page.keyboard.press("Escape")
                continue
            try:
                elapsed = _settled_after(page, t0, timeout_ms=180_000, start_ms=5_000)
            except Exception:  # noqa: BLE001 - choosing it started no run
                continue
            tried += 1
            if elapsed > worst:
                slowest, worst = name.strip(), elapsed
            current = name
    finally:
        context.close()
    return slowest, worst, tried


def floor(browser, app: str = "floor_app.py", label: str = "(empty page)") -> dict:
    """A floor page's first visit, new session and key to repaint, on its own server, in this run."""
    with streamlit_server_for(str(ROOT / "tests" / "bench" / app)) as url:
        first = cold_load(browser, url)
        cold = cold_load(browser, url)
        times = key_to_repaint(browser, url, 20)
        runs = burst(browser, url)
    return {
        "page": label,
        "first_visit_s": first,
        "cold_load_s": cold,
        "repaint_median_ms": statistics.median(times) * 1e3,
        "repaint_p95_ms": p95(times) * 1e3,
        "presses": len(times),
        "burst_runs": runs[0] if runs else 0,
        "burst_settle_s": runs[1] if runs else float("nan"),
        "slowest_option": "",
        "slowest_option_s": float("nan"),
        "options": 0,
    }


def _ratio(value: float, base: float) -> str:
    return f"{value / base:4.1f}x" if base and value == value else "  -  "


def _mark(name: str, value: float) -> str:
    limit = TARGETS.get(name)
    return "" if limit is None or value != value else (" ok" if value <= limit else " MISS")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=12)
    parser.add_argument("--only", default="", help="comma-separated page keys")
    parser.add_argument("--csv", default=str(ROOT / "artifacts" / "bench-browser.csv"))
    args = parser.parse_args()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        base = floor(browser)
        rows += [base, floor(browser, "contract_app.py", "(contract page)")]
        rows += pages(browser, args)
        browser.close()
    report(rows, base)
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten to {args.csv}")


def pages(browser, args) -> list[dict]:
    """Every page on one fresh server: first visits, option changes on the warm-up, then the warm measures."""
    rows = []
    with streamlit_server(warm=True) as url:
        server_start = cold_load(browser, url)  # first visit pays the server's imports
        print(f"server's first page load (imports included): {server_start:.2f} s\n", flush=True)
        for entry in registry.ordered():
            if args.only and entry.key not in args.only.split(","):
                continue
            page_url = f"{url}/{entry.url_path}"
            first = cold_load(browser, page_url)  # the first visitor since server start: pays any model fits
            slowest, worst, tried = option_times(browser, page_url)  # every option's first time on this server
            cold = cold_load(browser, page_url)  # every later student: a fresh session on a warm server
            times = key_to_repaint(browser, page_url, args.presses)
            runs = burst(browser, page_url)
            rows.append(
                {
                    "page": entry.key,
                    "first_visit_s": first,
                    "cold_load_s": cold,
                    "repaint_median_ms": statistics.median(times) * 1e3 if times else float("nan"),
                    "repaint_p95_ms": p95(times) * 1e3 if times else float("nan"),
                    "presses": len(times),
                    "burst_runs": runs[0] if runs else 0,
                    "burst_settle_s": runs[1] if runs else float("nan"),
                    "slowest_option": slowest,
                    "slowest_option_s": worst,
                    "options": tried,
                },
            )
            print(f"  measured {entry.key}", flush=True)
    return rows


def report(rows: list[dict], base: dict) -> None:
    """The table: each figure, its ratio to the empty page, and ok/MISS against its target."""
    print(
        f"\n{'page':<18} {'first visit s':>19} {'new session s':>14} {'repaint median ms':>23} "
        f"{'repaint p95 ms':>21} {BURST} keys: runs, settle s   slowest option s"
    )
    for r in rows:
        cells = []
        for name, width, digits in (
            ("first_visit_s", 6, 2),
            ("cold_load_s", 6, 2),
            ("repaint_median_ms", 6, 0),
            ("repaint_p95_ms", 6, 0),
        ):
            value = r[name]
            cells.append(f"{value:>{width}.{digits}f} {_ratio(value, base[name])}{_mark(name, value):<5}")
        option = r["slowest_option_s"]
        option_cell = (
            f"{option:5.2f}{_mark('slowest_option_s', option)} ({r['slowest_option']})" if r["options"] else "-"
        )
        print(
            f"{r['page']:<18} {cells[0]:>19} {cells[1]:>14} {cells[2]:>23} {cells[3]:>21} "
            f"{r['burst_runs']:>9} {r['burst_settle_s']:>8.2f}   {option_cell}"
        )
    print("\n(ratio: the figure over the empty page's in this run; ok/MISS: against the issue's target)")


if __name__ == "__main__":
    main()
