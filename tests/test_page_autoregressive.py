"""The "Autoregressive models" page through AppTest: three tabs, step sliders, bad pasted text.

The maths behind the numbers is tested on the scenes (tests/test_scenes_autoregressive.py); here: the controls
move what the page shows, the frame's blocks are there, and bad input gives a message.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from scenes import autoregressive as ar
from tests.conftest import drawn_spec_texts, run_app, shown_text

PAGE = "app_pages/autoregressive.py"
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
    """Each chart's Vega-Lite spec as JSON; with its data, so new data = new spec."""
    return drawn_spec_texts(at)


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
    # the notice speaks about this run and this text, with computed numbers
    run = ar.text_run(ar.text_source(True, "").text, 3, "The ", 1.0, 0)
    assert f"cost −log₂ q = {-run.log2_q:.1f} bits" in text
    assert "k = 3 needs 2.51 bits per character against 4.27 for k = 0" in text and "overfits" in text
    assert [e.label for e in at.get("expander")] == [
        "Go deeper: the chain rule, teacher forcing and why sampling is slow"
    ]


def test_scrubbing_the_step_slider_moves_bars_text_and_numbers():
    at = open_page()
    before_specs, before_code = specs(at), at.get("code")[0].value
    at.slider(key="ar_step").set_value(80).run()
    assert not at.exception
    assert any(m.label == "Entropy H at step 80" for m in at.metric)
    assert any(m.label == "log₂ q(x₁ … x₈₀)" for m in at.metric)
    assert "Step 80: context" in shown_text(at)
    after = specs(at)
    assert after[0] != before_specs[0]  # a different next-character distribution
    assert after[2] == before_specs[2]  # the context curve does not depend on the step
    assert len(at.get("code")[0].value) == len(before_code) + 80 - 24
    assert metric(at, "Held-out, this k") == pytest.approx(2.51)  # unchanged by scrubbing
    for step in (1, ar.N_CHARS):  # both ends of the generation
        at.slider(key="ar_step").set_value(step).run()
        assert not at.exception and not at.error
        assert any(m.label == f"Entropy H at step {step}" for m in at.metric)


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
        entropies.append(metric(at, "Entropy H at step 1"))
    assert entropies[0] < entropies[1]


def test_controls_are_read_from_the_url():
    at = open_page(query={"ar_k": "5", "ar_step": "50"})
    assert at.slider(key="ar_k").value == 5
    assert any(m.label == "Entropy H at step 50" for m in at.metric)


def test_at_another_temperature_the_labels_say_which_distribution_they_show():
    """Issue item 1: the whole-text number scores with the model q (not the sampler's q_T), and says so; the bars,
    the entropy and the surprise show q_T and name the temperature."""
    at = open_page(query={"ar_temp": "0.5", "ar_step": str(ar.N_CHARS)})
    run = ar.text_run(ar.text_source(True, "").text, 3, "The ", 0.5, 0)
    label = "log₂ q(x₁ … x₂₀₀)"
    assert metric(at, label) == pytest.approx(run.log2_q, abs=0.05)
    assert abs(metric(at, label) - run.log2_q_T) > 10  # the sampler's number would be far off
    log2 = next(m for m in at.metric if m.label == label)
    assert f"{run.log2_q_T:.1f} bits" in log2.help and "$q_T$ at $T = 0.5$" in log2.help
    bars, steps = (json.dumps(json.loads(spec), ensure_ascii=False) for spec in specs(at)[:2])
    assert "q(· | context) at T = 0.5" in bars  # the bars' axis
    assert "entropy of q at T = 0.5" in steps  # the entropy curve's legend
    assert "$H(q_T)$ at $T = 0.5$" in next(m for m in at.metric if m.label.startswith("Entropy H")).help


def test_the_charts_keep_distinct_colours_and_describe_themselves():
    at = open_page()
    bars, steps, curve = (json.loads(s) for s in specs(at))
    colours = bars["encoding"]["color"]["scale"]["range"]
    assert len(set(colours)) == 2  # "other characters" and "drawn character" differ
    assert all(json.loads(s).get("description") for s in specs(at))


# ----------------------------------------------------------------------------------------------- tiny GPT

GPT = {"ar_model": "tiny GPT"}


def test_the_tiny_gpt_steps_through_its_generation_with_bars_and_attention():
    at = open_page(query=GPT)
    assert at.radio(key="ar_model").value == "tiny GPT"  # read from the link
    assert len(at.get("vega_lite_chart")) == 3  # next-char bars, attention heatmaps, per-step entropy
    run = ar.gpt_run("The ", 1.0, 0)
    assert at.get("code")[0].value == "The " + run.text[:24] + "▌"
    assert metric(at, "log₂ q(x₁ … x₂₄)") == pytest.approx(run.at(24).log2_q_so_far, abs=0.05)
    bars, attention = specs(at)[:2]
    assert "attention weight" in attention and "position read (j)" in attention
    at.slider(key="ar_step").set_value(80).run()  # the step scrubber moves the bars, the heatmaps and the numbers
    assert not at.exception and not at.error
    assert specs(at)[0] != bars and specs(at)[1] != attention
    assert metric(at, "log₂ q(x₁ … x₈₀)") == pytest.approx(run.at(80).log2_q_so_far, abs=0.05)
    assert "What each head reads at step 80" in shown_text(at)


def test_the_yardstick_table_and_the_notice_show_the_measured_numbers():
    at = open_page(query=GPT)
    board = ar.yardstick()
    table = at.get("table")[0].value
    assert list(table.columns) == ["model", "held-out bits/char", "parameters"]
    cells = table.to_string()
    for value in (board.unigram_bpc, board.ngram_bpc, board.tuned_bpc, board.gpt_bpc):
        assert f"{value:.3f}" in cells
    assert f"{board.gpt_params:,} weights" in cells and f"{board.ngram_params:,} counts" in cells
    text = shown_text(at)
    assert f"the tiny GPT needs {board.gpt_bpc:.2f} bits per character" in text
    if board.tuned_bpc < board.gpt_bpc:  # whichever way the numbers go, the sentence says it
        assert "does not beat well-tuned counting" in text
    run = ar.gpt_run("The ", 1.0, 0)
    assert f"cost −log₂ q = {-run.log2_q:.1f} bits" in text


@pytest.mark.parametrize("prompt", ["Thé ", "<b>x</b> ~"])
def test_an_unknown_character_in_the_prompt_gives_a_message_not_a_crash(prompt):
    at = open_page(query=GPT)
    at.text_input(key="ar_prompt").input(prompt).run()
    assert not at.exception and not at.error
    warning = next(w.value for w in at.warning if "tiny GPT never saw these characters" in w.value)
    assert "é" in warning or "\\<" in warning or "<" in warning
    assert len(at.get("vega_lite_chart")) == 3


def test_the_tiny_gpt_in_presenter_mode_keeps_bars_numbers_and_table():
    at = open_page(present=True, query=GPT)
    assert [m.label for m in at.metric][:3] == ["Entropy H at step 24", "Surprise of the draw", "log₂ q(x₁ … x₂₄)"]
    assert len(at.get("latex")) == 1 and at.get("table")


# ----------------------------------------------------------------------------------------------- pasted text


def paste(at: AppTest, text: str) -> AppTest:
    at.radio(key="ar_src").set_value("My own text").run()
    at.text_area(key="ar_paste").input(text).run()
    assert not at.exception, at.exception
    return at


def test_my_own_text_without_a_text_shows_the_essay_and_says_why():
    """A shared link can say "My own text" but cannot carry the text: the page stays alive on the built-in essay."""
    at = open_page(query={"ar_src": "My own text"})
    assert at.text_area(key="ar_paste").value == ""
    assert any("Paste a text in the box" in i.value for i in at.info)
    assert not at.error and len(at.get("vega_lite_chart")) == 3
    assert metric(at, "Held-out, this k") == pytest.approx(2.51)


@pytest.mark.parametrize(("text", "message"), [("x" * 20, "only 20 characters"), ("hi there", "at least")])
def test_bad_pasted_text_gives_a_clear_message_and_the_page_goes_on(text, message):
    at = paste(open_page(), text)
    assert any(message in e.value for e in at.error)
    assert "What to notice" in shown_text(at)  # the rest of the page still renders
    at.radio(key="ar_src").set_value("Built-in essay").run()
    assert not at.error and len(at.get("vega_lite_chart")) == 3


def test_text_controls_are_capped_and_user_text_stays_plain():
    at = open_page()
    assert at.text_input(key="ar_prompt").max_chars == ar.PROMPT_CAP
    at.radio(key="ar_src").set_value("My own text").run()
    assert at.text_area(key="ar_paste").max_chars == ar.PASTE_CAP > ar.MAX_CHARS
    text = "[Re-login](//ev.il/login) *probability* and information " * 4
    at.text_area(key="ar_paste").input(text).run()
    at.text_input(key="ar_prompt").input("![x](//ev.il/a.png) ").run()  # "!" and "/" never occur in the text
    warning = next(w.value for w in at.warning if "prompt uses characters" in w.value)
    assert "\\!" in warning and "\\(" not in warning  # plain text: markdown characters escaped
    for caption in at.caption:
        assert "](" not in caption.value.replace("\\]", "")


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
    assert metric(at, "Entropy H at step") == pytest.approx(0.0)


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
    this = metric(at, "Real digit")
    at.radio(key="ar_px_mode").set_value("Generate from scratch").run()
    assert not at.exception and not at.error
    assert "sample 1" in specs(at)[1] and metric(at, "Sample 1") != this
    assert "sample 1 (on the canvas) costs" in shown_text(at)
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
    assert len(at.get("latex")) == 1  # the page's one formula; the tab's formula box stays in self-study mode
    assert len(at.metric) >= 3


def test_presenter_mode_shows_the_text_tabs_key_numbers_beside_the_figure():
    at = open_page(present=True)
    assert [m.label for m in at.metric][:3] == ["Entropy H at step 24", "Surprise of the draw", "log₂ q(x₁ … x₂₄)"]
    at.slider(key="ar_step").set_value(60).run()  # the fragment reruns: the numbers follow, nothing doubles
    assert [m.label for m in at.metric][:3] == ["Entropy H at step 60", "Surprise of the draw", "log₂ q(x₁ … x₆₀)"]
    assert len(at.metric) == 6
