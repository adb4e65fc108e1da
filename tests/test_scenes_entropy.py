"""The entropy page's maths, on its scenes directly: entropy, Huffman bounds, sent messages, blocks, English."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from scipy import stats

from scenes import entropy as scene


def settings(
    choice: str,
    heads: float = scene.HEADS,
    k: int = 4,
    weights: tuple[int, ...] = (),
    typed: str = "",
    normalise: bool = False,
    message_text: str = scene.SAMPLE_TEXT,
) -> tuple:
    """The page's distribution settings, with the page's defaults."""
    return choice, heads, k, weights, typed, normalise, message_text


def test_loaded_die_entropy_maximum_and_huffman_bound():
    src = scene.source(*settings("Loaded die"))
    h = stats.entropy(scene.LOADED_DIE, base=2)
    assert src.h == pytest.approx(h, abs=1e-12)
    assert src.h_max == pytest.approx(math.log2(6))
    assert h <= src.L < h + 1
    assert src.surprisal[-1] == pytest.approx(1.0)  # p(6) = 1/2: one bit of surprise
    assert src.support == 6 and src.k == 6
    assert list(src.table["outcome"])[0] == "6"  # the table lists the likeliest outcome first
    assert src.table["length [bits]"].tolist() == [len(src.code[s]) for s in src.table["outcome"]]


@pytest.mark.parametrize("heads", [0.9, 0.7, 0.5])
def test_biased_coin_is_the_binary_entropy(heads):
    src = scene.source(*settings("Biased coin", heads=heads))
    assert src.h == pytest.approx(stats.entropy([heads, 1 - heads], base=2), abs=1e-12)


def test_slider_weights_are_normalised_and_dyadic_weights_meet_h():
    src = scene.source(*settings("My sliders", k=4, weights=scene.SLIDER_DEFAULTS[:4]))
    assert src.h == pytest.approx(1.75) and src.L == pytest.approx(1.75)
    six = scene.source(*settings("My sliders", k=6, weights=scene.SLIDER_DEFAULTS[:6]))
    assert six.h == pytest.approx(stats.entropy([4, 2, 1, 1, 1, 1], base=2))
    assert six.symbols == tuple("ABCDEF")


def test_a_zero_weight_gets_no_codeword():
    src = scene.source(*settings("My sliders", k=3, weights=(1, 1, 0)))
    assert src.support == 2 and "C" not in src.code
    assert "(none: p = 0)" in src.table["Huffman codeword"].tolist()
    assert math.isinf(src.surprisal[2])


@pytest.mark.parametrize(
    ("typed", "normalise", "message"),
    [("0.5, banana", False, "not a probability"), ("0.5, 0.3", False, "sum to 1"), ("1.2, -0.2", False, "negative")],
)
def test_typed_probabilities_that_cannot_be_used_say_why(typed, normalise, message):
    with pytest.raises(ValueError, match=message):
        scene.source(*settings("Typed probabilities", typed=typed, normalise=normalise))


def test_typed_probabilities_normalised_on_request():
    src = scene.source(*settings("Typed probabilities", typed="0.5, 0.3", normalise=True))
    assert src.p.tolist() == pytest.approx([0.625, 0.375])
    assert src.symbols == ("A", "B")
    many = scene.source(*settings("Typed probabilities", typed=", ".join(["1/10"] * 10)))
    assert many.symbols[-1] == "x10" and many.h == pytest.approx(math.log2(10))


def test_empty_message_and_one_symbol_message():
    with pytest.raises(ValueError, match="empty"):
        scene.source(*settings("Characters of my message", message_text=""))
    src = scene.source(*settings("Characters of my message", message_text="aaaa"))
    # a certain source: the best code is the empty codeword, L = H = 0, inside the strict bound H <= L < H + 1
    assert src.h == 0.0 and src.support == 1 and src.certain and src.L == 0.0
    assert src.h <= src.L < src.h + 1
    assert src.code == {"a": ""} and src.table["length [bits]"].tolist() == [0]
    assert src.table["Shannon ⌈−log₂ p⌉"].tolist() == [0]  # ⌈−log₂ 1⌉ = 0
    sent = scene.message(*settings("Characters of my message", message_text="aaaa"), 500, 0)
    assert sent.bps == 0.0 and sent.bits == 0 and sent.n == 4


def test_a_certain_coin_costs_nothing_at_every_block_length():
    src = scene.source(*settings("Biased coin", heads=1.0))
    assert src.certain and src.L == 0.0 and math.isinf(src.surprisal[1])
    blocks = scene.blocks(*settings("Biased coin", heads=1.0), 0)
    assert blocks.certain and np.all(blocks.coding.expected == 0.0) and np.all(blocks.coding.measured == 0.0)
    assert scene.blocks_caption(blocks).startswith("Only one outcome is possible")


def test_own_message_costs_exactly_its_huffman_length():
    own = settings("Characters of my message", message_text="abracadabra, said the wizard")
    src, sent = scene.source(*own), scene.message(*own, 500, 0)
    assert sent.bps == pytest.approx(src.L, abs=1e-12)
    assert src.h <= sent.bps < src.h + 1
    assert sent.n == len("abracadabra, said the wizard") and sent.more == ""
    assert "␣→" in sent.pairs  # the space is shown as ␣


def test_sampled_message_shows_its_first_symbols_and_their_bits():
    src = scene.source(*settings("Loaded die"))
    sent = scene.message(*settings("Loaded die"), 500, 0)
    assert sent.n == 500 and sent.more == "  …"
    assert sent.bps == pytest.approx(sent.bits / 500)
    pairs = [pair.split("→") for pair in sent.pairs.split("  ")]
    assert len(pairs) == scene.SHOWN_SYMBOLS
    assert all(src.code[s] == word for s, word in pairs)
    assert sent.sent == "".join(word for _, word in pairs)
    assert sent != scene.message(*settings("Loaded die"), 500, 1)  # another seed, another message


def test_english_letters_and_a_message_without_letters():
    src = scene.source(*settings("English letters"))
    assert src.h == pytest.approx(4.18, abs=0.01) and src.k == 26
    sent = scene.message(*settings("English letters", message_text="Hello, World"), 500, 0)
    assert sent.n == len("helloworld")
    with pytest.raises(ValueError, match="no letters"):
        scene.message(*settings("English letters", message_text="1234 !!!"), 500, 0)


def test_binary_entropy_curve_and_the_coin_on_it():
    coin = scene.coin(*settings("Biased coin"))
    assert coin.point == pytest.approx((0.9, 0.469), abs=5e-4)
    assert coin.curve.max() == pytest.approx(1.0) and coin.grid[np.argmax(coin.curve)] == pytest.approx(0.5)
    assert coin.symbol == "H" and coin.whole
    assert "P(H) = 0.90, H = 0.469 bits" in scene.coin_caption(coin)


@pytest.mark.parametrize("choice", ["Loaded die", "English letters", "Fair die"])
def test_more_than_two_outcomes_still_mark_a_point_and_the_grouping_rule_adds_up(choice):
    coin = scene.coin(*settings(choice))
    src = scene.source(*settings(choice))
    assert not coin.whole and coin.k == src.k
    i = int(np.argmax(src.p))
    assert coin.p1 == pytest.approx(src.p[i])
    assert coin.h_b == pytest.approx(stats.entropy([coin.p1, 1 - coin.p1], base=2))
    rest = np.delete(src.p, i)
    assert coin.rest_h == pytest.approx(stats.entropy(rest / rest.sum(), base=2))
    # grouping rule: H(p) = H_b(p1) + (1 - p1) H(rest), against scipy's H(p)
    assert coin.h_b + (1 - coin.p1) * coin.rest_h == pytest.approx(stats.entropy(src.p, base=2), abs=1e-12)
    caption = scene.coin_caption(coin)
    assert f"= {coin.h:.3f} bits." in caption and f"is it {coin.symbol}?" in caption


def test_loaded_die_point_is_the_question_is_it_six():
    coin = scene.coin(*settings("Loaded die"))
    assert coin.symbol == "6" and coin.point == pytest.approx((0.5, 1.0))
    assert coin.rest_h == pytest.approx(math.log2(5))  # the five other faces are equally likely


def test_block_codes_fall_toward_h_within_the_bound():
    blocks = scene.blocks(*settings("Biased coin"), 0)
    result = blocks.coding
    h, n = result.entropy, result.block_lengths
    assert h == pytest.approx(stats.entropy([0.9, 0.1], base=2))
    assert np.all(result.expected >= h - 1e-12) and np.all(result.expected < h + 1 / n)
    assert result.expected[-1] < result.expected[0]
    assert blocks.top == scene.MAX_BLOCK and blocks.k == 2
    assert blocks.coin_h == pytest.approx(h)
    die = scene.blocks(*settings("Loaded die"), 0)
    assert 6**die.top <= die.max_symbols < 6 ** (die.top + 1)  # blocks stop before the code grows too large


def test_shannon_letters_table():
    letters = scene.letters(scene.SAMPLE_TEXT)
    assert letters.table["Shannon 1951 [bits/letter]"].tolist() == [4.70, 4.14, 3.56]
    measured = letters.measured
    assert measured.F2 < measured.F1 < measured.F0  # knowing more of the text, fewer bits per letter
    assert letters.possible_pairs == 26**2
    with pytest.raises(ValueError):
        scene.letters("1234")


def _f2_by_hand(text: str) -> float:
    """Shannon's F2 counted independently: H(pair) − H(first letter) over the continuous letter stream."""
    stream = [c for c in text.lower() if "a" <= c <= "z"]
    pairs = Counter(zip(stream, stream[1:], strict=False))
    firsts = Counter(a for a, _ in zip(stream, stream[1:], strict=False))
    return stats.entropy(list(pairs.values()), base=2) - stats.entropy(list(firsts.values()), base=2)


def test_f2_is_shannons_letter_stream_measure():
    # "ab ba": the stream a-b-b-a has the pairs ab, bb, ba (bb crosses the space); first letters a, b, b.
    # H(pair) = log2 3, H(first) = H(1/3, 2/3) = log2 3 - 2/3, so F2 = 2/3 bit. Inside words alone it would be 0.
    assert scene.letters("ab ba").measured.F2 == pytest.approx(2 / 3, abs=1e-12)
    assert scene.letters("ab ba").measured.n_pairs == 3
    measured = scene.letters(scene.SAMPLE_TEXT).measured
    assert measured.F2 == pytest.approx(_f2_by_hand(scene.SAMPLE_TEXT), abs=1e-12)
    assert measured.n_pairs == measured.n_letters - 1  # every adjacent pair of the stream, across words too


def test_notice_speaks_about_the_distribution_on_screen():
    src = scene.source(*settings("Loaded die"))
    first, code, spread = scene.notice(src)
    assert "least likely (1, 2, 3, 4, 5: p = 0.100) cost 3.32 bits each" in first
    assert "most likely (6: p = 0.500) costs 1.00 bits" in first and f"H(p) = {src.h:.3f} bits" in first
    assert f"{src.h:.3f} ≤ {src.L:.3f} < {src.h + 1:.3f}" in code and src.h <= src.L < src.h + 1
    assert f"log₂ K = {math.log2(6):.3f} bits for these 6 outcomes" in spread
    fair = scene.notice(scene.source(*settings("Fair die")))
    assert fair[0].startswith("Every possible outcome here has p = 0.167")
    certain = scene.notice(scene.source(*settings("Characters of my message", message_text="aaaa")))
    assert "0.000 ≤ 0.000 < 1.000" in certain[1] and certain[2].startswith("H = 0 is the minimum")
    hostile = scene.notice(scene.source(*settings("Characters of my message", message_text="*_*")), lambda s: "<" + s)
    assert "<*" in hostile[0] and "<_" in hostile[0]  # every outcome named goes through the page's escaping
