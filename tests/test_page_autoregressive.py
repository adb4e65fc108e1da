"""The "Autoregressive models" page through AppTest: three tabs, step sliders, bad pasted text.

The maths behind the numbers is tested on the scenes (tests/test_scenes_autoregressive.py); here: the controls
move what the page shows, the frame's blocks are there, and bad input gives a message.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scenes import autoregressive as ar
from tests.conftest import run_app, shown_text

PAGE = "pages/autoregressive.py"
TEXT, IMAGES, AUDIO = "Text: the GPT idea", "Images: the PixelCNN idea", "Audio: the WaveNet idea"


def open_page(tab: str = TEXT, *, present: bool = False, query: dict | None = None) -> AppTest:
    """The app switched to this page with ``tab`` open (the tabs are bound to the URL)."""
    at = run_app(PAGE, present=present, query={"ar_tab": tab, **(query or {})})
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label_start: str) -> float:
    m = next(m for m in at.metric if m.label.startswith(label_start))
    return float(m.value.split()[0].replace("−", "-").replace(",", ""))


def specs(at: AppTest) -> list[str]:
    """Each chart's Vega-Lite spec as JSON; its data sets are referenced by content hash, so new data = new spec."""
    return [c.proto.spec for c in at.get("vega_lite_chart")]


# ----------------------------------------------------------------------------------------------- text


def test_text_tab_shows_generation_numbers_and_the_frame():
    at = open_page()
    text = shown_text(at)
    assert at.title[0].value == "Autoregressive models"
    assert "Generate data one step at a time" in text
    assert len(at.get("vega_lite_chart")) == 3  # next-char bars, per-step entropy, bits vs context length
    assert metric(at, "Held-out, this k") == pytest.approx(2.51)
    assert "the best context is k = 3 (2.51 bits/char)" in text
    assert at.get("code")[0].value.startswith("The ")
    assert "Step 24: context" in text
    assert "What to notice" in text and "Check yourself" in text
    assert [e.label for e in at.get("expander")] == [
        "Go deeper: the chain rule, teacher forcing and why sampling is slow"
    ]


def test_scrubbing_the_step_slider_moves_bars_text_and_numbers():
    at = open_page()
    before_specs, before_code = specs(at), at.get("code")[0].value
    at.slider(key="ar_step").set_value(80).run()
    assert not at.exception
    assert any(m.label == "Entropy at step 80" for m in at.metric)
    assert "Step 80: context" in shown_text(at)
    after = specs(at)
    assert after[0] != before_specs[0]  # a different next-character distribution
    assert after[2] == before_specs[2]  # the context curve does not depend on the step
    assert len(at.get("code")[0].value) == len(before_code) + 80 - 24
    assert metric(at, "Held-out, this k") == pytest.approx(2.51)  # unchanged by scrubbing
    for step in (1, ar.N_CHARS):  # both ends of the generation
        at.slider(key="ar_step").set_value(step).run()
        assert not at.exception and not at.error
        assert any(m.label == f"Entropy at step {step}" for m in at.metric)


def test_context_length_moves_the_heldout_number_and_the_curve():
    at = open_page()
    curve = specs(at)[2]
    at.slider(key="ar_k").set_value(0).run()
    assert metric(at, "Held-out, this k") == pytest.approx(metric(at, "Unigram"))
    assert specs(at)[2] != curve  # the circle moved to k = 0
    at.slider(key="ar_k").set_value(8).run()
    assert metric(at, "Held-out, this k") > 3.0
    assert metric(at, "Best k") == 3


def test_temperature_moves_the_entropy_of_the_first_step():
    at = open_page(query={"ar_step": "1"})
    entropies = []
    for t in (0.1, 2.0):
        at.slider(key="ar_temp").set_value(t).run()
        entropies.append(metric(at, "Entropy at step 1"))
    assert entropies[0] < entropies[1]


def test_controls_are_read_from_the_url():
    at = open_page(query={"ar_k": "5", "ar_step": "50"})
    assert at.slider(key="ar_k").value == 5
    assert any(m.label == "Entropy at step 50" for m in at.metric)


# ----------------------------------------------------------------------------------------------- pasted text


def paste(at: AppTest, text: str) -> AppTest:
    at.radio(key="ar_src").set_value("My own text").run()
    at.text_area(key="ar_paste").input(text).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("text", "message"), [("", "The text is empty"), ("hi there", "at least")])
def test_bad_pasted_text_gives_a_clear_message_and_the_page_goes_on(text, message):
    at = paste(open_page(), text)
    assert any(message in e.value for e in at.error)
    assert "What to notice" in shown_text(at)  # the rest of the page still renders
    at.radio(key="ar_src").set_value("Built-in essay").run()
    assert not at.error and len(at.get("vega_lite_chart")) == 3


def test_huge_pasted_text_is_capped_with_a_note():
    at = paste(open_page(), "probability and information " * 3000)
    assert any(f"used the first {ar.MAX_CHARS:,} of 84,000 characters" in i.value for i in at.info)
    assert not at.error and len(at.get("vega_lite_chart")) == 3


def test_a_prompt_in_another_script_gets_a_warning_and_generation_starts_afresh():
    text = "概率是描述不确定性的语言。信息论给惊讶定价。学习就是压缩。" * 8
    at = paste(open_page(), text)
    assert not at.error and len(at.get("vega_lite_chart")) == 3
    assert any("prompt uses characters that never occur" in w.value for w in at.warning)
    assert set(at.get("code")[0].value.rstrip("▌")) <= set(text)


def test_a_text_of_one_repeated_character_is_certain():
    at = paste(open_page(), "a" * 120)
    assert any("single character" in w.value for w in at.warning)
    assert metric(at, "Entropy at step") == pytest.approx(0.0)


# ----------------------------------------------------------------------------------------------- images


def test_image_tab_shows_the_canvas_the_completions_and_the_bits():
    at = open_page(IMAGES)
    assert len(at.get("vega_lite_chart")) == 2  # the canvas being painted + the finished completions
    assert metric(at, "AR model, held-out") < metric(at, "Independent pixels")
    assert "Next: pixel 45" in shown_text(at)
    assert "completion 1" in specs(at)[1]


def test_scrubbing_the_pixel_step_repaints_the_canvas_only():
    at = open_page(IMAGES)
    canvas_before, strip_before = specs(at)
    at.slider(key="ar_px_step").set_value(50).run()
    assert not at.exception
    assert "Next: pixel 51" in shown_text(at)
    assert specs(at)[0] != canvas_before and specs(at)[1] == strip_before
    at.slider(key="ar_px_step").set_value(10).run()  # before the given rows end: drawing starts after them
    assert "The first 32 pixels are given" in shown_text(at)
    at.slider(key="ar_px_step").set_value(64).run()
    assert "All 64 pixels drawn" in shown_text(at)


def test_generate_from_scratch_and_other_digits():
    at = open_page(IMAGES)
    this = metric(at, "This image")
    at.radio(key="ar_px_mode").set_value("Generate from scratch").run()
    assert not at.exception and not at.error
    assert "sample 1" in specs(at)[1] and metric(at, "This image") != this
    at.radio(key="ar_px_mode").set_value("Complete a held-out digit").run()
    at.number_input(key="ar_px_digit").set_value(299).run()
    at.slider(key="ar_px_rows").set_value(1).run()
    assert not at.exception and not at.error
    assert "Next: pixel 45" in shown_text(at)


# ----------------------------------------------------------------------------------------------- audio


def test_audio_tab_plays_original_and_generated_sound():
    at = open_page(AUDIO)
    assert len(at.get("audio")) == 2
    assert len(at.get("vega_lite_chart")) == 2  # waveform + predictive distribution of the current step
    assert metric(at, "AR model, held-out") < metric(at, "White noise")


def test_scrubbing_the_audio_step_and_dilation():
    at = open_page(AUDIO)
    caption = next(c.value for c in at.caption if c.value.startswith("Step 60"))
    at.slider(key="ar_au_step").set_value(300).run()
    assert not at.exception
    assert any(c.value.startswith("Step 300") for c in at.caption)
    assert caption not in [c.value for c in at.caption]
    looks_back = metric(at, "Looks back")
    at.toggle(key="ar_au_dilated").set_value(True).run()
    assert not at.exception and not at.error
    assert at.slider(key="ar_au_order_d").value == 8
    assert metric(at, "Looks back") > 10 * looks_back  # lags 1, 2, 4, ..., 128 vs 1..12


def test_another_sound_changes_the_numbers():
    at = open_page(AUDIO)
    bits = metric(at, "AR model, held-out")
    at.selectbox(key="ar_au_signal").set_value("tones + noise").run()
    assert not at.exception and not at.error
    assert metric(at, "AR model, held-out") != bits


# ----------------------------------------------------------------------------------------------- presenter mode


@pytest.mark.parametrize("tab", [TEXT, IMAGES, AUDIO])
def test_presenter_mode_keeps_figures_and_hides_self_study(tab):
    at = open_page(tab, present=True)
    assert at.get("vega_lite_chart")
    assert "Check yourself" not in shown_text(at)
    assert not at.get("expander")
