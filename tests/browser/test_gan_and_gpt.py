"""The GAN's step slider and play button, and the tiny GPT's generation step, in Debian's chromium.

AppTest drives the same controls (tests/test_panel_gan.py, tests/test_page_autoregressive.py); here the browser
shows what AppTest cannot: the slider moved with the keyboard repaints the GAN Lab field and goes into the link, Play
advances the snapshots by itself (a timed fragment in the browser) and Pause stops it, and a step of generation
redraws the text, the next-character bars and the attention heatmaps.
"""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, quote, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lecture import gan as gan_text
from scenes import autoregressive as ar
from scenes import gan as gan_scenes
from tests.browser.pages import MAIN
from tests.browser.server import POLL_MS, wait_idle

GAN_STEP = ".st-key-gan_step input[type=range]"  # a select slider: its value is the option's index, its text the step


#: From now on, every step the GAN's slider shows is pushed to ``window.__ganSteps`` (the first: the current one).
RECORD_STEPS = """(sel) => {
  const step = () => { const v = document.querySelector(sel)?.getAttribute('aria-valuetext');
                       return v == null ? null : Number(v.replace(/,/g, '')); };
  window.__ganSteps = [step()];
  new MutationObserver(() => { const n = step();
                               if (n != null && window.__ganSteps.at(-1) !== n) window.__ganSteps.push(n); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuetext']});
}"""


def _query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


#: The indices (among the main area's charts) of the charts that come after the GAN's step slider.
_CHARTS_AFTER_SLIDER = """() => { const s = document.querySelector('.st-key-gan_step');
    return s ? [...document.querySelectorAll("[data-testid=stMain] [data-testid=stVegaLiteChart]")]
      .map((c, i) => (s.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) ? i : -1)
      .filter(i => i >= 0) : []; }"""


def _gan_charts(page) -> list[bytes]:
    """Pictures of the charts of the GAN section: the charts that come after its step slider on the page."""
    charts = page.locator(f"{MAIN} [data-testid=stVegaLiteChart]")
    # the section's charts may still be drawing after its slider (seen once in a full run: the page was idle and
    # the slider on screen, but no chart after it yet); they must come within 30 s
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({_CHARTS_AFTER_SLIDER})().length > 0", timeout=30_000, polling=POLL_MS)
    after = page.evaluate(_CHARTS_AFTER_SLIDER)
    assert after, "no chart after the GAN's step slider"
    return [charts.nth(i).screenshot() for i in after]


def _gan_step(page) -> int:
    return int(page.locator(GAN_STEP).get_attribute("aria-valuetext").replace(",", ""))


def test_gan_step_slider_scrubs_and_play_steps_through_the_snapshots(tab, server_url):
    steps = gan_scenes.steps(gan_scenes.PRESETS[0])
    page, _ = tab.open(f"{server_url}/approaches")
    slider = page.locator(GAN_STEP)
    slider.scroll_into_view_if_needed()
    assert _gan_step(page) == steps[-1]  # opens on the last snapshot
    before = _gan_charts(page)
    slider.focus()
    slider.press("ArrowLeft")
    wait_idle(page)
    assert _gan_step(page) == steps[-2]
    assert _query(page).get("gan_step") == str(steps[-2])  # in the link
    after = _gan_charts(page)
    assert len(after) == len(before) and after[0] != before[0], "the step slider did not repaint the GAN field"

    # Play from the last snapshot starts at step 0 and moves on by itself; Pause stops it where it is
    slider.focus()
    slider.press("End")
    wait_idle(page)
    # every step the slider shows from here on is recorded in the page, so a busy machine that is slow to
    # answer us cannot make Play's first steps pass unseen
    page.evaluate(RECORD_STEPS, GAN_STEP)
    page.locator(".st-key-gan_play button").first.click()
    _button_says(page, gan_text.PAUSE)  # on a busy machine the click's run may start late
    wait_idle(page)
    # Play's timer moves a snapshot about once a second; a machine busy with other tests can take far longer
    page.wait_for_function(f"() => window.__ganSteps.at(-1) > {steps[1]}", timeout=60_000, polling=POLL_MS)
    shown = page.evaluate("() => window.__ganSteps")
    assert shown[:2] == [steps[-1], steps[0]], shown  # Play from the last snapshot went back to the first
    assert all(a < b for a, b in zip(shown[1:], shown[2:], strict=False)), shown  # then only forwards
    page.locator(".st-key-gan_pause button").first.click()
    _button_says(page, gan_text.PLAY)
    wait_idle(page)
    # a step the timer had already sent when Pause was clicked may still land (seen once on a loaded machine:
    # one snapshot after the button said Play); after that nothing moves
    page.wait_for_timeout(1_500)
    wait_idle(page)
    paused = _gan_step(page)
    page.wait_for_timeout(2_500)
    assert _gan_step(page) == paused  # paused: no further steps
    assert page.locator("[data-testid='stException']").count() == 0


def _button_says(page, label: str) -> None:
    """Wait (up to 15 s) until the Play or the Pause button (whichever is shown) reads ``label``."""
    page.wait_for_function(
        """(label) => [...document.querySelectorAll('.st-key-gan_play button, .st-key-gan_pause button')]
                        .some((b) => b.innerText.trim().endsWith(label))""",
        arg=label,
        timeout=15_000,
        polling=POLL_MS,
    )


def test_tiny_gpt_steps_through_generation_and_explains_an_unknown_prompt(tab, server_url):
    model = quote(ar.GPT)
    page, _ = tab.open(f"{server_url}/autoregressive?ar_model={model}&ar_step=24")
    main = page.locator(MAIN)
    attention = main.get_by_text("What each head reads at step 24")
    attention.wait_for(timeout=30_000)
    text_before = main.locator("[data-testid=stCode]").first.inner_text()
    charts = main.locator("[data-testid=stVegaLiteChart]")
    # the bars, the attention heatmaps and the step curves; under load the text can be up before the charts
    page.wait_for_function(
        "(sel) => document.querySelectorAll(sel).length >= 3",
        arg=f"{MAIN} [data-testid=stVegaLiteChart] canvas, {MAIN} [data-testid=stVegaLiteChart] svg.marks",
        timeout=30_000,
        polling=POLL_MS,
    )
    before = [charts.nth(i).screenshot() for i in range(charts.count())]
    assert len(before) == 3
    step = main.locator(".st-key-ar_step input[type=range]")
    step.focus()
    step.press("ArrowRight")
    wait_idle(page)
    main.get_by_text("What each head reads at step 25").wait_for(timeout=10_000)
    assert main.get_by_text("Step 25: context").count() == 1
    text_after = main.locator("[data-testid=stCode]").first.inner_text()
    assert len(text_after) == len(text_before) + 1 and text_after.startswith(text_before.rstrip("▌"))
    after = [charts.nth(i).screenshot() for i in range(charts.count())]
    assert len(after) == len(before) and all(a != b for a, b in zip(before, after, strict=True)), (
        "a generation step must redraw the bars, the attention heatmaps and the step curves"
    )
    assert _query(page).get("ar_step") == "25"

    # a prompt with a character the model never saw: a clear message, the page carries on
    prompt = main.locator(".st-key-ar_prompt input")
    prompt.fill("Zürich ∑ ")
    prompt.press("Enter")
    wait_idle(page)
    main.get_by_text("The tiny GPT never saw these characters").wait_for(timeout=10_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert main.get_by_text("What each head reads at step 25").count() == 1
