"""Character n-gram model (core.ar_text): normalisation, chain rule, held-out bits, bad pasted text."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import ar_text as T
from core.autoregressive import apply_temperature, entropy_bits
from core.corpus import CORPUS

texts = st.text(alphabet="ab c.", min_size=1, max_size=40)


@pytest.fixture(scope="module")
def split():
    return T.split_heldout(CORPUS, 0.1)


@pytest.fixture(scope="module")
def curve(split):
    return T.context_length_curve(*split, max_context=8)


# ----------------------------------------------------------------------------- probabilities


@settings(max_examples=40, deadline=None)
@given(
    train=st.text(alphabet="abc d", min_size=2, max_size=60),
    history=texts,
    k=st.integers(0, 4),
    beta=st.floats(0.05, 5.0),
)
def test_next_char_probabilities_sum_to_one_and_are_positive(train, history, k, beta):
    model = T.CharNGram(context=k, beta=beta).fit(train, alphabet="abc d.")
    p = model.next_char_probs(history)
    assert p.shape == (6,)
    assert math.isclose(p.sum(), 1.0, abs_tol=1e-12)
    assert np.all(p > 0)  # back-off to the uniform distribution: nothing is impossible


@settings(max_examples=40, deadline=None)
@given(train=st.text(alphabet="ab c.", min_size=2, max_size=60), text=texts, k=st.integers(0, 4))
def test_chain_rule_log_likelihood_is_the_sum_of_step_log_probabilities(train, text, k):
    """Vectorised count-table scoring == stepping through prefixes with next_char_probs, one char at a time."""
    model = T.CharNGram(context=k, beta=0.7).fit(train, alphabet="ab c.")
    steps = [math.log2(model.next_char_probs(text[:t])[model.alphabet_.index(ch)]) for t, ch in enumerate(text)]
    assert model.log2_prob(text) == pytest.approx(sum(steps), abs=1e-9)
    assert model.step_log2_probs(text) == pytest.approx(np.array(steps), abs=1e-9)


def test_unigram_matches_hand_counts():
    """k = 0: p(c) = (count(c) + beta / V) / (N + beta), counted independently here."""
    text, beta = "hello world, hello chain rule", 2.0
    counts, V, N = Counter(text), len(set(text)), len(text)
    model = T.CharNGram(context=0, beta=beta).fit(text)
    expected = np.array([(counts[c] + beta / V) / (N + beta) for c in sorted(set(text))])
    assert model.next_char_probs("") == pytest.approx(expected)
    assert model.next_char_probs("hello") == pytest.approx(expected)  # no context: the history is ignored
    assert model.bits_per_char("lol") == pytest.approx(
        -np.mean(np.log2([expected[sorted(set(text)).index(c)] for c in "lol"]))
    )


def test_bigram_matches_hand_counts():
    """k = 1 after 'l' in 'hello hello': followed by l, o, l, o -> (2 + beta p0(c)) / (4 + beta)."""
    text, beta = "hello hello", 1.0
    model = T.CharNGram(context=1, beta=beta).fit(text)
    unigram = T.CharNGram(context=0, beta=beta).fit(text).next_char_probs("")
    p = model.next_char_probs("hel")
    for c, n in (("l", 2), ("o", 2), ("h", 0)):
        i = model.alphabet_.index(c)
        assert p[i] == pytest.approx((n + beta * unigram[i]) / (4 + beta))


def test_only_the_last_k_characters_matter():
    model = T.CharNGram(context=2, beta=1.0).fit(CORPUS[:3000])
    assert model.next_char_probs("xxxxx the") == pytest.approx(model.next_char_probs("he"))
    assert not np.allclose(model.next_char_probs("he"), model.next_char_probs("e"))


def test_a_long_model_used_with_a_shorter_context_equals_a_short_model(split):
    """One count table serves every context length j <= k: same probabilities, bits and generated text."""
    train, held = split
    long = T.CharNGram(context=6, beta=1.0).fit(train, alphabet=CORPUS)
    short = T.CharNGram(context=3, beta=1.0).fit(train, alphabet=CORPUS)
    assert long.next_char_probs("of the", context=3) == pytest.approx(short.next_char_probs("of the"))
    assert long.bits_per_char(held[:2000], context=3) == pytest.approx(short.bits_per_char(held[:2000]))
    assert long.bits_per_char_by_context(held[:2000])[3] == pytest.approx(short.bits_per_char(held[:2000]))
    a = T.generate(long, 50, prompt="The ", seed=2, context=3)
    b = T.generate(short, 50, prompt="The ", seed=2)
    assert a.text == b.text
    with pytest.raises(ValueError, match="between 0 and 3"):
        short.next_char_probs("the", context=4)


# ----------------------------------------------------------------------------- held-out bits


def test_context_beats_unigram_on_heldout_text(curve):
    train_bpc, held_bpc = curve
    assert held_bpc[3] < held_bpc[0] - 1.0  # three characters of context save more than a bit per character
    assert 3.8 < held_bpc[0] < 4.6  # unigram English: about 4.1-4.3 bits per character


def test_too_short_underfits_and_too_long_overfits(curve):
    train_bpc, held_bpc = curve
    best = int(np.argmin(held_bpc))
    assert 2 <= best <= 5
    assert held_bpc[-1] > held_bpc[best] + 0.3  # long contexts: worse on new text ...
    assert np.all(np.diff(train_bpc) < 0)  # ... while the training text keeps getting cheaper
    assert train_bpc[-1] < 0.5 * held_bpc[-1]


def test_bits_per_char_of_a_perfectly_predictable_text_tends_to_zero():
    model = T.CharNGram(context=1, beta=0.01).fit("ab" * 200)
    assert model.bits_per_char("abababab") < 0.05


# ----------------------------------------------------------------------------- generation


def test_generation_is_seeded_and_each_step_is_a_distribution(split):
    model = T.CharNGram(context=3, beta=1.0).fit(split[0], alphabet=CORPUS)
    a = T.generate(model, 80, prompt="The ", temperature=1.0, seed=3)
    b = T.generate(model, 80, prompt="The ", temperature=1.0, seed=3)
    c = T.generate(model, 80, prompt="The ", temperature=1.0, seed=4)
    assert a.text == b.text and a.text != c.text
    assert len(a.text) == 80 and a.probs.shape == (80, model.vocab_size)
    assert np.allclose(a.probs.sum(axis=1), 1.0)
    assert all(a.alphabet[i] == ch for i, ch in zip(a.chosen, a.text, strict=True))
    # step 0 is exactly the model's prediction after the prompt
    assert a.probs[0] == pytest.approx(model.next_char_probs("The "))
    assert a.surprise_bits == pytest.approx(-np.log2(a.probs[np.arange(80), a.chosen]))


def test_low_temperature_lowers_the_entropy_of_each_step(split):
    model = T.CharNGram(context=3, beta=1.0).fit(split[0], alphabet=CORPUS)
    cold = T.generate(model, 60, prompt="The ", temperature=0.3, seed=0)
    hot = T.generate(model, 60, prompt="The ", temperature=2.0, seed=0)
    assert cold.entropy_bits.mean() < hot.entropy_bits.mean()
    assert hot.entropy_bits.max() <= math.log2(model.vocab_size) + 1e-9


def test_temperature_and_entropy_helpers_against_hand_values():
    p = np.array([0.5, 0.25, 0.25])
    assert apply_temperature(p, 1.0) == pytest.approx(p)
    q = apply_temperature(p, 0.5)  # p^2 normalised: (0.25, 0.0625, 0.0625) / 0.375
    assert q == pytest.approx([2 / 3, 1 / 6, 1 / 6])
    assert float(entropy_bits(p)) == pytest.approx(1.5)
    with pytest.raises(ValueError, match="temperature"):
        apply_temperature(p, 0.0)


# ----------------------------------------------------------------------------- bad and foreign input


@pytest.mark.parametrize("text", ["", "   \n\t  ", "x"])
def test_empty_blank_and_one_character_text_get_a_clear_message(text):
    with pytest.raises(ValueError, match=r"empty|only 1 character"):
        T.prepare_text(text)


def test_short_text_says_how_much_is_needed():
    with pytest.raises(ValueError, match=f"at least {T.MIN_CHARS}"):
        T.prepare_text("too short")


def test_huge_text_is_capped_and_says_so():
    prepared = T.prepare_text("abc " * 40_000)
    assert len(prepared.text) == T.MAX_CHARS
    assert prepared.note == f"used the first {T.MAX_CHARS:,} of 160,000 characters"


def test_line_endings_and_control_characters_are_cleaned():
    prepared = T.prepare_text("line one\r\nline two\x07\x00 " * 10)
    assert "\r" not in prepared.text and "\x00" not in prepared.text and "\x07" not in prepared.text
    assert prepared.text.count("\n") == 10


@pytest.mark.parametrize(
    "text",
    [
        "Η πιθανότητα είναι η γλώσσα της αβεβαιότητας. " * 6,
        "概率是描述不确定性的语言。信息论给惊讶定价。" * 6,
        "Learning 🤖 is compression 📦! Emoji 👩‍🔬 are code points too. " * 4,
        "مرحبا بالعالم، هذا نص عربي قصير للتجربة. " * 5,
    ],
)
def test_non_latin_scripts_and_emoji_just_work(text):
    prepared = T.prepare_text(text)
    train, held = T.split_heldout(prepared.text)
    model = T.CharNGram(context=2, beta=1.0).fit(train, alphabet=prepared.text)
    bpc = model.bits_per_char(held)
    assert np.isfinite(bpc) and bpc < math.log2(model.vocab_size)
    gen = T.generate(model, 30, prompt=prepared.text[:2], seed=1)
    assert set(gen.text) <= set(prepared.text)


def test_a_single_repeated_character_works_with_zero_entropy():
    prepared = T.prepare_text("a" * 100)
    model = T.CharNGram(context=2, beta=1.0).fit(prepared.text)
    gen = T.generate(model, 10, seed=0)
    assert gen.text == "a" * 10
    assert gen.entropy_bits == pytest.approx(np.zeros(10))


def test_unknown_characters_in_a_prompt_are_refused_with_a_message():
    model = T.CharNGram(context=2).fit("hello world " * 10)
    assert model.unknown_chars("hello ZX") == "XZ"
    with pytest.raises(ValueError, match="not in the model's alphabet: 'X', 'Z'"):
        T.generate(model, 5, prompt="hello ZX")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"context": -1}, "context"),
        ({"context": 99}, "context"),
        ({"beta": 0.0}, "beta"),
        ({"beta": float("nan")}, "beta"),
    ],
)
def test_bad_hyperparameters_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        T.CharNGram(**kwargs).fit("some text")
