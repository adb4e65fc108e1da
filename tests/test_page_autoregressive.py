"""The "Autoregressive models" page through AppTest: three tabs, step sliders, bad pasted text."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core import ar_text
from tests.conftest import ROOT, TIMEOUT, shown_text

PAGE = "pages/autoregressive.py"
TEXT, IMAGES, AUDIO = "Text: the GPT idea", "Images: the PixelCNN idea", "Audio: the WaveNet idea"


def open_page(tab: str = TEXT, *, present: bool = False, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=TIMEOUT)
    at.session_state["ar_tab"] = tab
    if present:
        at.session_state["present"] = True
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label_start: str) -> float:
    m = next(m for m in at.metric if m.label.startswith(label_start))
    return float(m.value.split()[0].replace("−", "-").replace(",", ""))


def specs(at: AppTest) -> list[str]:
    """Each chart's Vega-Lite spec as JSON; its data sets are referenced by content hash, so new data = new spec."""
    return [c.proto.spec for c in at.get("vega_lite_chart")]


# ----------------------------------------------------------------------------------------------- text


def test_text_tab_generates_and_scores_text():
    at = open_page()
    assert at.title[0].value == "Autoregressive models"
    assert "Generate data one step at a time" in shown_text(at)
    assert len(at.get("vega_lite_chart")) == 3  # next-char bars, per-step entropy, bits vs context length
    held, unigram = metric(at, "Held-out, this k"), metric(at, "Unigram")
    assert held < unigram - 1.0  # three characters of context beat letter frequencies by more than a bit
    assert at.get("code")[0].value.startswith("The ")
    assert "Check yourself" in shown_text(at)


def test_scrubbing_the_step_slider_moves_bars_text_and_numbers():
    at = open_page()
    before_specs, before_code = specs(at), at.get("code")[0].value
    at.slider(key="ar_step").set_value(80).run()
    assert not at.exception
    assert any(m.label == "Entropy at step 80" for m in at.metric)
    after = specs(at)
    assert after[0] != before_specs[0]  # a different next-character distribution
    assert len(at.get("code")[0].value) == len(before_code) + 80 - 24
    assert metric(at, "Held-out, this k") == pytest.approx(2.510, abs=0.01)  # unchanged by scrubbing
    for step in (1, 200):  # both ends of the generation
        at.slider(key="ar_step").set_value(step).run()
        assert not at.exception and not at.error
        assert any(m.label == f"Entropy at step {step}" for m in at.metric)


def test_context_length_changes_heldout_bits_and_overfits():
    at = open_page()
    at.slider(key="ar_k").set_value(0).run()
    assert metric(at, "Held-out, this k") == pytest.approx(metric(at, "Unigram"))
    at.slider(key="ar_k").set_value(3).run()
    best = metric(at, "Held-out, this k")
    at.slider(key="ar_k").set_value(8).run()
    assert metric(at, "Held-out, this k") > best + 0.5  # long contexts overfit the essay
    assert metric(at, "Best k") == 3


def test_temperature_controls_the_entropy_of_each_step():
    """Step 1 always follows the prompt, so its distribution is the same q, sharpened or flattened by T."""
    at = open_page(query={"ar_step": "1"})
    entropies = []
    for t in (0.1, 1.0, 2.0):
        at.slider(key="ar_temp").set_value(t).run()
        entropies.append(metric(at, "Entropy at step 1"))
    assert entropies[0] < entropies[1] < entropies[2]


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


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "The text is empty"), ("   \n  ", "The text is empty"), ("x", "only 1 character"), ("hi there", "at least")],
)
def test_bad_pasted_text_gives_a_clear_message_and_the_page_goes_on(text, message):
    at = paste(open_page(), text)
    assert any(message in e.value for e in at.error)
    assert "What to notice" in shown_text(at)  # the rest of the page still renders
    at.radio(key="ar_src").set_value("Built-in essay").run()
    assert not at.error and len(at.get("vega_lite_chart")) == 3


def test_huge_pasted_text_is_capped_with_a_note():
    at = paste(open_page(), "probability and information " * 3000)
    assert any(f"used the first {ar_text.MAX_CHARS:,} of 84,000 characters" in i.value for i in at.info)
    assert not at.error and len(at.get("vega_lite_chart")) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Η πιθανότητα είναι η γλώσσα της αβεβαιότητας και η πληροφορία η τιμή της έκπληξης. " * 5,
        "概率是描述不确定性的语言。信息论给惊讶定价。学习就是压缩。" * 8,
        "Learning 🤖 is compression 📦! Emoji 👩‍🔬 and accents: café, naïve, Zürich. " * 5,
    ],
)
def test_non_latin_pasted_text_just_works(text):
    at = paste(open_page(), text)
    assert not at.error
    assert len(at.get("vega_lite_chart")) == 3
    # the default prompt "The " uses letters the text lacks: a warning, and generation starts afresh
    assert any("prompt uses characters that never occur" in w.value for w in at.warning)
    generated = at.get("code")[0].value.rstrip("▌")
    assert set(generated) <= set(text)


def test_a_text_of_one_repeated_character_is_certain():
    at = paste(open_page(), "a" * 120)
    assert any("single character" in w.value for w in at.warning)
    assert metric(at, "Entropy at step") == pytest.approx(0.0)


# ----------------------------------------------------------------------------------------------- images


def test_image_tab_completes_a_heldout_digit_and_beats_independent_pixels():
    at = open_page(IMAGES)
    assert len(at.get("vega_lite_chart")) == 2  # the canvas being painted + the finished completions
    ar, independent = metric(at, "AR model, held-out"), metric(at, "Independent pixels")
    assert ar < independent - 6
    assert "Next: pixel 45" in shown_text(at)


def test_scrubbing_the_pixel_step_repaints_the_canvas():
    at = open_page(IMAGES)
    canvas_before = specs(at)[0]
    at.slider(key="ar_px_step").set_value(50).run()
    assert not at.exception
    assert "Next: pixel 51" in shown_text(at)
    assert specs(at)[0] != canvas_before
    at.slider(key="ar_px_step").set_value(10).run()  # before the given rows end: drawing starts after them
    assert "The first 32 pixels are given" in shown_text(at)
    at.slider(key="ar_px_step").set_value(64).run()
    assert "All 64 pixels drawn" in shown_text(at)


def test_generate_from_scratch_and_other_digits():
    at = open_page(IMAGES)
    at.radio(key="ar_px_mode").set_value("Generate from scratch").run()
    assert not at.exception and not at.error
    assert "sample 1" in specs(at)[1]
    at.radio(key="ar_px_mode").set_value("Complete a held-out digit").run()
    at.number_input(key="ar_px_digit").set_value(299).run()
    at.slider(key="ar_px_rows").set_value(1).run()
    assert not at.exception and not at.error


# ----------------------------------------------------------------------------------------------- audio


def test_audio_tab_plays_original_and_generated_sound():
    at = open_page(AUDIO)
    assert len(at.get("audio")) == 2
    assert len(at.get("vega_lite_chart")) == 2  # waveform + predictive distribution of the current step
    assert metric(at, "AR model, held-out") < metric(at, "White noise") - 1.5


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
    assert metric(at, "Looks back") > 10 * looks_back  # lags 1, 2, 4, ..., 128 vs 1..12


@pytest.mark.parametrize("signal", ["vowel i", "tones + noise"])
def test_other_sounds(signal):
    at = open_page(AUDIO)
    at.selectbox(key="ar_au_signal").set_value(signal).run()
    at.slider(key="ar_au_noise").set_value(0.0).run()
    assert not at.exception and not at.error
    assert metric(at, "AR model, held-out") < metric(at, "White noise")


# ----------------------------------------------------------------------------------------------- presenter mode


@pytest.mark.parametrize("tab", [TEXT, IMAGES, AUDIO])
def test_presenter_mode_keeps_figures_and_hides_self_study(tab):
    at = open_page(tab, present=True)
    assert at.get("vega_lite_chart")
    assert "Check yourself" not in shown_text(at)
    assert not at.get("expander")
