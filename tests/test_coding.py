"""core.coding and core.english: textbook codes, brute-force optimality, Kraft, round trips, block coding."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from core import coding, english, info


def _stats_entropy_bits(p) -> float:
    return float(stats.entropy(p, base=2))


def _is_prefix_free(words) -> bool:
    return not any(a != b and b.startswith(a) for a in words for b in words)


# ---------------------------------------------------------------------------------------------- textbook codes


def test_cover_thomas_example_5_6_1_huffman():
    # Cover & Thomas, Example 5.6.1: p = (.25, .25, .2, .15, .15) -> lengths (2, 2, 2, 3, 3), L = 2.3 bits
    p = [0.25, 0.25, 0.2, 0.15, 0.15]
    assert coding.huffman_code_lengths(p).tolist() == [2, 2, 2, 3, 3]
    assert coding.expected_length(p, coding.huffman_code_lengths(p)) == pytest.approx(2.3)


def test_dyadic_distribution_huffman_meets_entropy_exactly():
    p = [0.5, 0.25, 0.125, 0.125]
    code = coding.huffman_code(p, "abcd")
    assert code == {"a": "0", "b": "10", "c": "110", "d": "111"}
    assert coding.expected_length(p, [len(code[s]) for s in "abcd"]) == pytest.approx(_stats_entropy_bits(p))


def test_shannon_lengths_textbook():
    # Cover & Thomas 5.4: l = ceil(log 1/p); for p = (.6, .3, .1): (1, 2, 4)
    assert coding.shannon_code_lengths([0.6, 0.3, 0.1]).tolist() == [1, 2, 4]
    assert coding.shannon_code_lengths([0.25, 0.25, 0.5]).tolist() == [2, 2, 1]


def test_one_outcome_gets_one_bit_and_zeros_get_no_codeword():
    assert coding.huffman_code([1.0], "a") == {"a": "0"}
    assert coding.huffman_code([0.0, 1.0, 0.0], "abc") == {"b": "0"}
    assert coding.shannon_code([1.0, 0.0], "ab") == {"a": "0"}


# ---------------------------------------------------------------------------------------------- properties

positive_dists = (
    st.integers(min_value=2, max_value=7)
    .flatmap(lambda k: arrays(np.float64, k, elements=st.floats(1e-3, 1.0)))
    .map(lambda a: a / a.sum())
)


def _brute_force_optimal_length(p) -> float:
    """Smallest sum p_i l_i over all length vectors that satisfy Kraft's inequality (lengths up to K - 1)."""
    k = len(p)
    best = math.inf
    for lengths in itertools.product(range(1, k), repeat=k):
        if sum(2.0**-ln for ln in lengths) <= 1 + 1e-12:
            best = min(best, float(np.dot(p, lengths)))
    return best


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=2, max_value=5)
    .flatmap(lambda k: arrays(np.float64, k, elements=st.floats(1e-3, 1.0)))
    .map(lambda a: a / a.sum())
)
def test_huffman_is_optimal_against_brute_force(p):
    lengths = coding.huffman_code_lengths(p)
    assert coding.expected_length(p, lengths) == pytest.approx(_brute_force_optimal_length(p), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(positive_dists)
def test_huffman_and_shannon_within_one_bit_of_entropy(p):
    h = _stats_entropy_bits(p)
    for lengths in (coding.huffman_code_lengths(p), coding.shannon_code_lengths(p)):
        assert sum(2.0 ** -int(ln) for ln in lengths) <= 1 + 1e-12  # Kraft
        L = coding.expected_length(p, lengths)
        assert h - 1e-9 <= L < h + 1
    assert (
        coding.expected_length(p, coding.huffman_code_lengths(p))
        <= coding.expected_length(p, coding.shannon_code_lengths(p)) + 1e-12
    )


@settings(max_examples=100, deadline=None)
@given(positive_dists, st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=300))
def test_encode_decode_round_trip(p, seed, n):
    for build in (coding.huffman_code, coding.shannon_code):
        code = build(p)
        assert _is_prefix_free(list(code.values()))
        message = coding.sample_message(p, n, seed).tolist()
        bits = coding.encode(message, code)
        assert set(bits) <= {"0", "1"}
        assert coding.decode(bits, code) == message


def test_text_round_trip_and_measured_bits_equal_expected_length():
    text = "abracadabra"
    p = info.empirical_distribution(text)
    symbols = sorted(set(text))
    code = coding.huffman_code(p, symbols)
    assert "".join(coding.decode(coding.encode(text, code), code)) == text
    # a message coded with its OWN letter frequencies costs exactly the expected length
    lengths = [len(code[s]) for s in symbols]
    assert coding.bits_per_symbol(text, code) == pytest.approx(coding.expected_length(p, lengths))
    assert _stats_entropy_bits(p) <= coding.bits_per_symbol(text, code) < _stats_entropy_bits(p) + 1


# ---------------------------------------------------------------------------------------------- errors


def test_encode_decode_errors():
    code = {"a": "0", "b": "10"}
    with pytest.raises(ValueError, match="no codeword"):
        coding.encode("abc", code)
    with pytest.raises(ValueError, match="0 and 1"):
        coding.decode("01x", code)
    with pytest.raises(ValueError, match="middle of a codeword"):
        coding.decode("01", code)
    with pytest.raises(ValueError, match="prefix-free"):
        coding.decode("0", {"a": "0", "b": "01"})
    with pytest.raises(ValueError, match="empty"):
        coding.bits_per_symbol("", code)


def test_bad_inputs():
    with pytest.raises(ValueError, match="Kraft"):
        coding.canonical_code([1, 1, 1])
    with pytest.raises(ValueError, match="sum to 1"):
        coding.huffman_code([0.5, 0.2])
    with pytest.raises(ValueError, match="one symbol per probability"):
        coding.huffman_code([0.5, 0.5], "abc")
    with pytest.raises(ValueError, match="limit"):
        coding.block_distribution([0.5, 0.5], 20)
    with pytest.raises(ValueError, match="infinity"):
        coding.block_coding([0.5, 0.5], [1.0, 0.0])


# ---------------------------------------------------------------------------------------------- blocks


def test_block_distribution_is_product():
    p = np.array([0.7, 0.2, 0.1])
    b = coding.block_distribution(p, 3)
    assert b.shape == (27,)
    assert b[1 * 9 + 2 * 3 + 0] == pytest.approx(0.2 * 0.1 * 0.7)
    assert _stats_entropy_bits(b) == pytest.approx(3 * _stats_entropy_bits(p))


def test_source_coding_theorem_bounds():
    p = [0.9, 0.1]
    h = _stats_entropy_bits(p)
    res = coding.block_coding(p, max_block=8, message_length=4000, seed=3)
    n = res.block_lengths
    assert np.all(res.expected >= h - 1e-12)
    assert np.all(res.expected < h + 1 / n)
    assert res.expected[-1] < res.expected[0] - 0.4  # falls from 1 bit toward 0.469
    # a real message of 4000 symbols costs about the expected number of bits
    np.testing.assert_allclose(res.measured, res.expected, atol=0.06)


def test_code_for_wrong_model_costs_cross_entropy():
    p, q = [0.6, 0.3, 0.1], [0.2, 0.3, 0.5]
    h_pq = _stats_entropy_bits(p) + float(stats.entropy(p, q, base=2))
    res = coding.block_coding(p, q, max_block=5, message_length=6000, seed=1, kind="shannon")
    assert res.cross_entropy == pytest.approx(h_pq)
    assert np.all(res.expected >= h_pq - 1e-12)
    assert np.all(res.expected < h_pq + 1 / res.block_lengths)
    np.testing.assert_allclose(res.measured, res.expected, atol=0.1)


def test_max_block_length():
    assert coding.max_block_length(2) == 14
    assert 26 ** coding.max_block_length(26) <= coding.MAX_BLOCK_SYMBOLS < 26 ** (coding.max_block_length(26) + 1)


# ---------------------------------------------------------------------------------------------- English


def test_english_letter_distribution_is_close_to_shannon_f1():
    p = english.english_letter_distribution()
    assert p.shape == (26,) and p.sum() == pytest.approx(1.0)
    assert p[english.LETTERS.index("e")] == p.max()
    assert _stats_entropy_bits(p) == pytest.approx(english.SHANNON_F["F1"], abs=0.1)
    assert english.SHANNON_F["F0"] == pytest.approx(math.log2(26), abs=0.01)


def test_letter_entropies_on_sample_text_against_counts():
    text = english.SAMPLE_TEXT
    letters = [c for c in text.lower() if c.isascii() and c.isalpha()]
    counts = np.array(list({c: letters.count(c) for c in set(letters)}.values()))
    e = english.letter_entropies(text)
    assert e.n_letters == len(letters)
    assert e.F1 == pytest.approx(_stats_entropy_bits(counts))
    assert 0 < e.F2 < e.F1 < e.F0 <= math.log2(26)


def test_letter_entropies_errors_and_degenerate_text():
    with pytest.raises(ValueError, match="no letters"):
        english.letter_entropies("123 !!")
    e = english.letter_entropies("aaaa")
    assert (e.F0, e.F1, e.F2) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------------------------------------- arithmetic code


@settings(max_examples=60, deadline=None)
@given(positive_dists, positive_dists, st.integers(min_value=0, max_value=10_000), st.integers(1, 400))
def test_arithmetic_round_trip_and_length_is_message_surprisal(p, q_raw, seed, n):
    q = q_raw if len(q_raw) == len(p) else np.full(len(p), 1 / len(p))
    message = coding.sample_message(p, n, seed)
    bits = coding.arithmetic_encode(message, q)
    assert coding.arithmetic_decode(bits, q, n) == message.tolist()
    q_used = coding.quantise(q) / 2**coding.ARITHMETIC_PRECISION
    ideal = float(-np.log2(q_used[message]).sum())  # -log2 q(message): the message's surprisal under q
    assert len(bits) < ideal + 1 + 1e-9


def test_arithmetic_code_reaches_cross_entropy():
    p = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.5])
    q = np.array([0.3, 0.1, 0.1, 0.1, 0.2, 0.2])
    message = coding.sample_message(p, 20_000, seed=2)
    per_symbol = len(coding.arithmetic_encode(message, q)) / len(message)
    h_pq = float(stats.entropy(p, base=2) + stats.entropy(p, q, base=2))
    assert per_symbol == pytest.approx(h_pq, abs=0.03)


def test_fair_coin_arithmetic_code_is_one_bit_per_toss_and_zero_prob_fails():
    assert coding.arithmetic_encode([1, 0, 1, 1], [0.5, 0.5]) == "1011"
    with pytest.raises(ValueError, match="probability 0"):
        coding.arithmetic_encode([0, 1], [1.0, 0.0])
    with pytest.raises(ValueError, match="0 and 1"):
        coding.arithmetic_decode("012", [0.5, 0.5], 2)
    assert coding.quantise([0.999999, 0.000001]).tolist() == [65535, 1]
