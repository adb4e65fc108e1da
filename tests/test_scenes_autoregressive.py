"""The maths of the "Autoregressive models" page, on its scene functions (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import autoregressive as ar

ESSAY = ar.text_source(True, "").text


# ----------------------------------------------------------------------------------------------- text


@pytest.fixture(scope="module")
def curve() -> ar.TextCurve:
    return ar.text_curve(ESSAY)


def test_builtin_essay_is_used_whole():
    source = ar.text_source(True, "ignored when the built-in essay is chosen")
    assert len(source.text) == ar.CORPUS_CHARS and source.note == ""
    assert ar.text_model(source.text).alphabet_size == len(set(source.text))


def test_context_beats_letter_frequencies_and_long_contexts_overfit(curve):
    held, train = curve.held_bpc, curve.train_bpc
    assert len(held) == len(train) == ar.MAX_K + 1
    assert held[3] < held[0] - 1.0  # three characters of context beat letter frequencies by more than a bit
    assert held[3] == pytest.approx(2.510, abs=0.01)
    assert curve.best_k == 3 and curve.best_bpc == pytest.approx(held[3])
    assert held[8] > held[3] + 0.5  # long contexts overfit the essay ...
    assert np.all(np.diff(train) < 0)  # ... while the training text only gets easier
    assert curve.table.shape == (ar.MAX_K + 1, 3)


def test_generation_steps_are_distributions_and_the_chain_rule_adds_up():
    run = ar.text_run(ESSAY, 3, "The ", 1.0, 0)
    assert run.prompt == "The " and run.unknown == "" and run.n_steps == len(run.text) == ar.N_CHARS
    np.testing.assert_allclose(run.probs.sum(axis=1), 1.0)
    p_drawn = run.probs[np.arange(run.n_steps), run.chosen]
    np.testing.assert_allclose(run.surprise_bits, -np.log2(p_drawn))
    assert run.log2_q == pytest.approx(np.log2(p_drawn).sum())
    assert "".join(run.alphabet[i] for i in run.chosen) == run.text
    again = ar.text_run(ESSAY, 3, "The ", 1.0, 0)  # seeded
    assert again.text == run.text and np.array_equal(again.probs, run.probs)
    assert run.text != ar.text_run(ESSAY, 3, "The ", 1.0, 1).text


def test_a_step_shows_the_last_k_characters_and_the_drawn_one():
    run = ar.text_run(ESSAY, 3, "The ", 1.0, 0)
    now = run.at(24)
    assert now.so_far == "The " + run.text[:24]
    assert now.context == ("The " + run.text[:23])[-3:] and now.drawn == run.text[23]
    assert now.p_drawn == pytest.approx(run.probs[23, run.chosen[23]])
    assert now.entropy_bits == pytest.approx(-(run.probs[23] * np.log2(run.probs[23])).sum())
    assert now.table.shape == (len(run.alphabet), 2) and now.table.q.sum() == pytest.approx(1.0)
    assert run.at(1).context == "he " and run.at(ar.N_CHARS).so_far == "The " + run.text
    assert ar.text_run(ESSAY, 0, "The ", 1.0, 0).at(5).context == ""  # k = 0: no context
    assert run.table.shape == (ar.N_CHARS, 5)


def test_temperature_controls_the_entropy_of_each_step():
    """Step 1 always follows the prompt, so its distribution is the same q, sharpened or flattened by T."""
    entropies = [ar.text_run(ESSAY, 3, "The ", t, 0).at(1).entropy_bits for t in (0.1, 1.0, 2.0)]
    assert entropies[0] < entropies[1] < entropies[2]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "The text is empty"), ("   \n  ", "The text is empty"), ("x", "only 1 character"), ("hi there", "at least")],
)
def test_bad_pasted_text_gives_a_clear_message(text, message):
    with pytest.raises(ValueError, match=message):
        ar.text_source(False, text)


def test_huge_pasted_text_is_capped_with_a_note():
    source = ar.text_source(False, "probability and information " * 3000)
    assert len(source.text) == ar.MAX_CHARS
    assert source.note == f"used the first {ar.MAX_CHARS:,} of 84,000 characters"


@pytest.mark.parametrize(
    "text",
    [
        "Η πιθανότητα είναι η γλώσσα της αβεβαιότητας και η πληροφορία η τιμή της έκπληξης. " * 5,
        "概率是描述不确定性的语言。信息论给惊讶定价。学习就是压缩。" * 8,
    ],
)
def test_a_prompt_the_text_cannot_continue_starts_afresh(text):
    source = ar.text_source(False, text)
    run = ar.text_run(source.text, 3, "The ", 1.0, 0)
    assert set(run.unknown) == set("The ") - set(text) and run.prompt == ""
    assert set(run.text) <= set(text)


def test_a_text_of_one_repeated_character_is_certain():
    source = ar.text_source(False, "a" * 120)
    assert ar.text_model(source.text).alphabet_size == 1
    run = ar.text_run(source.text, 3, "a", 1.0, 0)
    assert run.text == "a" * ar.N_CHARS and np.all(run.entropy_bits == 0)
    np.testing.assert_allclose(ar.text_curve(source.text).held_bpc, 0.0, atol=1e-12)


# ----------------------------------------------------------------------------------------------- pixels


def test_pixel_context_beats_independent_pixels():
    fit = ar.pixel_fit()
    assert fit.ar_bits < fit.independent_bits - 6
    assert fit.ar_bits_per_pixel == pytest.approx(fit.ar_bits / 64)


def test_a_completion_keeps_the_given_rows_and_scores_the_real_digit():
    run = ar.pixel_run(True, 0, 4, 0)
    assert run.n_given == 32 and run.images.shape == (ar.N_COMPLETIONS, 64) and run.original is not None
    assert np.all(run.images[:, :32] == run.original[:32])
    assert np.all((run.probs[:, 32:] > 0) & (run.probs[:, 32:] < 1))
    other = ar.pixel_run(True, 0, 4, 1)
    assert not np.array_equal(run.images, other.images) and run.this_bits == other.this_bits  # the real digit's bits
    assert run.this_bits == pytest.approx(18.3, abs=0.05)
    assert run.table.shape == (64, 3) and run.images_table.shape == (ar.N_COMPLETIONS, 64)


def test_from_scratch_scores_the_first_sample():
    run = ar.pixel_run(False, 0, 0, 0)
    assert run.n_given == 0 and run.original is None
    # -log2 p of sample 1: the chain rule over the probabilities it was drawn from
    p = np.where(run.images[0] == 1, run.probs[0], 1 - run.probs[0])
    assert run.this_bits == pytest.approx(-np.log2(p).sum())


def test_a_pixel_step_names_the_next_pixel():
    run = ar.pixel_run(True, 0, 4, 0)
    now = run.at(44)
    assert (now.shown, now.next_pixel, now.row, now.column, now.done) == (44, 45, 6, 5, False)
    assert now.p_next == pytest.approx(run.probs[0, 44])
    early = run.at(10)  # before the given rows end: the canvas starts after them
    assert early.before_given and early.shown == 32 and early.next_pixel == 33
    end = run.at(64)
    assert end.done and end.p_next is None and not end.before_given


# ----------------------------------------------------------------------------------------------- audio


@pytest.fixture(scope="module")
def vowel() -> ar.AudioRun:
    return ar.audio_run("vowel a", 12, False, 0.01, 0)


def test_audio_context_beats_white_noise(vowel):
    assert vowel.ar_bits < vowel.white_bits - 1.5
    assert len(vowel.signal) == len(vowel.generated) == ar.SAMPLE_RATE
    assert len(vowel.prompt) == ar.PROMPT_SHOWN and len(vowel.means) == ar.AUDIO_STEPS
    assert vowel.receptive_field == vowel.n_coefficients == 12
    assert vowel.looks_back_ms == pytest.approx(1.5)


def test_each_audio_step_is_a_distribution_over_the_levels(vowel):
    np.testing.assert_allclose(vowel.level_probs.sum(axis=1), 1.0)
    assert vowel.level_probs.shape == (ar.AUDIO_STEPS, len(vowel.levels))
    now = vowel.at(60)
    assert now.mean == vowel.means[59] and now.drawn == vowel.generated[59]
    level = int(np.argmin(np.abs(vowel.levels - now.drawn)))
    assert now.p_drawn == pytest.approx(vowel.level_probs[59, level])
    assert now.table.shape == (len(vowel.levels), 2)
    assert vowel.table.shape == (ar.AUDIO_STEPS, 3)


def test_dilated_lags_look_much_further_back(vowel):
    dilated = ar.audio_run("vowel a", 8, True, 0.01, 0)
    assert dilated.receptive_field == 128 and dilated.n_coefficients == 8
    assert dilated.looks_back_ms > 10 * vowel.looks_back_ms


@pytest.mark.parametrize("signal", ["vowel i", "tones + noise"])
def test_other_sounds(signal):
    run = ar.audio_run(signal, 12, False, 0.0, 0)
    assert run.ar_bits < run.white_bits
