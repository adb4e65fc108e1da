"""The maths of the "Autoregressive models" page, on its scene functions (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pytest

from core import ar_text
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
    assert curve.overfits
    assert curve.table.shape == (ar.MAX_K + 1, 3)


def test_generation_steps_are_distributions_and_the_chain_rule_adds_up():
    run = ar.text_run(ESSAY, 3, "The ", 1.0, 0)
    assert run.prompt == "The " and run.unknown == "" and run.n_steps == len(run.text) == ar.N_CHARS
    np.testing.assert_allclose(run.probs.sum(axis=1), 1.0)
    p_drawn = run.probs[np.arange(run.n_steps), run.chosen]
    np.testing.assert_allclose(run.surprise_bits, -np.log2(p_drawn))
    assert run.log2_q_T == pytest.approx(np.log2(p_drawn).sum())
    assert run.log2_q == pytest.approx(run.log2_q_T)  # at T = 1 the sampler q_T is the model q
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
    assert now.table.shape == (len(run.alphabet), 2) and now.table.q_T.sum() == pytest.approx(1.0)
    assert now.log2_q_so_far == pytest.approx(run.step_log2_q[:24].sum())
    assert run.at(1).context == "he " and run.at(ar.N_CHARS).so_far == "The " + run.text
    assert run.at(ar.N_CHARS).log2_q_so_far == pytest.approx(run.log2_q)
    assert ar.text_run(ESSAY, 0, "The ", 1.0, 0).at(5).context == ""  # k = 0: no context
    assert run.table.shape == (ar.N_CHARS, 6)


def test_temperature_controls_the_entropy_of_each_step():
    """Step 1 always follows the prompt, so its distribution is the same q, sharpened or flattened by T."""
    entropies = [ar.text_run(ESSAY, 3, "The ", t, 0).at(1).entropy_bits for t in (0.1, 1.0, 2.0)]
    assert entropies[0] < entropies[1] < entropies[2]


def _independent_log2_q(text: str, run: ar.TextRun) -> float:
    """log₂ q(generated text) summed step by step from a freshly fitted model's next-character distributions (its
    scalar path, not the vectorised scoring the scene uses), at temperature 1."""
    train, _ = ar_text.split_heldout(text, ar.HELDOUT_SHARE)
    model = ar_text.CharNGram(context=ar.MAX_K, beta=ar.BETA).fit(train, alphabet=text)
    history, total = run.prompt, 0.0
    for c in run.text:
        total += float(np.log2(model.next_char_probs(history, context=run.k)[model.alphabet_.index(c)]))
        history += c
    return total


@pytest.mark.parametrize("temperature", [0.5, 1.0, 1.5])
def test_log2_q_of_the_generated_text_scores_with_the_model_not_the_sampler(temperature):
    """Issue item 1: "log₂ q(generated text)" is the model's q at any temperature; q_T is the sampler's."""
    run = ar.text_run(ESSAY, 3, "The ", temperature, 0)
    assert run.temperature == temperature
    assert run.log2_q == pytest.approx(_independent_log2_q(ESSAY, run), abs=1e-9)
    p_drawn = run.probs[np.arange(run.n_steps), run.chosen]  # the sampler's q_T of each drawn character
    assert run.log2_q_T == pytest.approx(np.log2(p_drawn).sum())
    if temperature == 1.0:
        assert run.log2_q == pytest.approx(run.log2_q_T)
    else:  # the two differ by tens of bits: a label must say which one it shows
        assert abs(run.log2_q - run.log2_q_T) > 10
    if temperature < 1:  # a sharpened sampler is surer of its own draws than the model is
        assert run.log2_q_T > run.log2_q


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


# ----------------------------------------------------------------------------------------------- tiny GPT


@pytest.fixture(scope="module")
def gpt_run() -> ar.TextRun:
    return ar.gpt_run("The ", 1.0, 0)


def test_the_tiny_gpt_is_loaded_once_from_the_shipped_file():
    from core import gpt

    assert ar._gpt() is ar._gpt()  # memoised: one load per process, no training on the way
    model, record = ar._gpt()
    assert model.get_params() == record["hyperparameters"]
    assert ar.gpt_vocabulary() == "".join(sorted(set(ESSAY))) == model.vocab_
    assert gpt.WEIGHTS_PATH.exists()


def test_gpt_generation_is_a_chain_of_distributions_and_the_running_log2_q_adds_up(gpt_run):
    run, (model, record) = gpt_run, ar._gpt()
    assert run.model == ar.GPT and run.prompt == "The " and run.n_steps == ar.N_CHARS and run.k == model.block_size
    assert run.text == record["sample_seed0_T1"]  # the same seeded sample the training script recorded
    np.testing.assert_allclose(run.probs.sum(axis=1), 1.0)
    # the running log2 q shown at each step = the sum of per-character log2 q, each from the model's own scalar path
    history, per_char = run.prompt, []
    for c in run.text:
        per_char.append(np.log2(model.next_char_distribution(history)[model.vocab_.index(c)]))
        history += c
    np.testing.assert_allclose(run.step_log2_q, per_char, atol=1e-9)
    for step in (1, 24, 100, ar.N_CHARS):
        assert run.at(step).log2_q_so_far == pytest.approx(sum(per_char[:step]), abs=1e-9)
    assert run.log2_q == pytest.approx(run.log2_q_T, abs=1e-9)  # T = 1: the sampler is the model
    assert run.at(40).context == ("The " + run.text[:39])[-model.block_size :]


def test_gpt_log2_q_is_scored_with_q_not_the_sampler():
    run = ar.gpt_run("The ", 0.5, 0)
    model, _ = ar._gpt()
    assert run.log2_q == pytest.approx(model.log_prob_bits(run.text, history="The ").sum(), abs=1e-9)
    assert run.log2_q_T > run.log2_q + 10  # the sharpened sampler is surer of its own draws


def test_attention_rows_sum_to_one_and_never_read_the_future(gpt_run):
    for step in (1, 10, 60):  # a window shorter than the block, and a full one
        att = ar.gpt_attention(gpt_run.prompt + gpt_run.text[: step - 1])
        n_t = len(att.tokens)
        assert att.weights.shape == (2, 2, n_t, n_t)
        np.testing.assert_allclose(att.weights.sum(axis=-1), 1.0, atol=1e-12)
        assert np.all(np.triu(att.weights, k=1) == 0)
        assert len(att.table) == 4 * n_t * (n_t + 1) // 2
    assert ar.gpt_attention("The ").tokens == (ar.START_LABEL, "T", "h", "e", " ")


def test_an_unknown_character_in_the_prompt_is_named_not_a_crash():
    run = ar.gpt_run("Thé ~", 1.0, 0)
    assert set(run.unknown) == {"é", "~"}
    assert run.prompt == "" and len(run.text) == ar.N_CHARS
    with pytest.raises(ValueError, match="never saw these characters"):
        ar.gpt_attention("é")


def test_the_yardstick_numbers_are_re_measured_against_the_models(curve):
    """Every number of the yardstick table (read from the shipped record) re-measured on the same split, to 1e-9."""
    board = ar.yardstick()
    model, record = ar._gpt()
    train, held = ar_text.split_heldout(ESSAY, ar.HELDOUT_SHARE)
    assert (board.train_chars, board.heldout_chars, board.heldout_share) == (len(train), len(held), ar.HELDOUT_SHARE)
    assert board.gpt_bpc == pytest.approx(model.bits_per_char(held), abs=1e-9)
    assert board.gpt_train_bpc == pytest.approx(model.bits_per_char(train), abs=1e-9)
    assert board.gpt_params == model.n_params_ == 110_464
    # the page's n-gram: the same numbers as the context curve below it
    assert board.unigram_bpc == pytest.approx(curve.held_bpc[0], abs=1e-9)
    assert board.ngram_k == curve.best_k and board.ngram_bpc == pytest.approx(curve.best_bpc, abs=1e-9)
    assert board.unigram_params == len(set(ESSAY)) - 1
    tuned = ar_text.CharNGram(context=board.tuned_k, beta=board.tuned_beta).fit(train, alphabet=ESSAY)
    assert board.tuned_bpc == pytest.approx(tuned.bits_per_char(held), abs=1e-9)
    assert board.tuned_params == sum(len(c) for c in tuned.pair_counts_)
    page = ar_text.CharNGram(context=board.ngram_k, beta=ar.BETA).fit(train, alphabet=ESSAY)
    assert board.ngram_params == sum(len(c) for c in page.pair_counts_)
    assert board.table.shape == (4, 3)
