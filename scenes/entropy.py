"""Scenes of the entropy page: a distribution with its surprisals and Huffman code, a message sent with that
code, the binary entropy curve, block codes reaching H, and Shannon's entropies of English.

Every scene takes the page's distribution settings first, ``(choice, heads, k, weights, typed, normalise,
message_text)``: the distribution chosen, the biased coin's P(heads), the sliders' K and weights, the typed
probabilities and whether to normalise them, and the message text (the characters of the text sources).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import coding, english, info
from lecture import entropy as text

DISTRIBUTIONS = (
    "Fair coin",
    "Biased coin",
    "Fair die",
    "Loaded die",
    "English letters",
    "Characters of my message",
    "My sliders",
    "Typed probabilities",
)
TEXT_SOURCES = ("English letters", "Characters of my message")
HEADS = 0.9  # the biased coin's P(heads) until the slider moves
SLIDER_SYMBOLS = "ABCDEFGH"
SLIDER_DEFAULTS = (4, 2, 1, 1, 1, 1, 1, 1)  # K = 4 gives (1/2, 1/4, 1/8, 1/8): a code meets H exactly
LOADED_DIE = (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)
SAMPLE_TEXT = english.SAMPLE_TEXT
MAX_MESSAGE = 2000  # characters: a link that carries the message stays short
SHOWN_SYMBOLS = 40
MAX_BLOCK = 8
BLOCK_MESSAGE = 3000
CURVE_POINTS = 201
#: Names of typed outcomes: the sliders' letters, then x9, x10, ...
TYPED_SYMBOLS = tuple(SLIDER_SYMBOLS) + tuple(f"x{i}" for i in range(len(SLIDER_SYMBOLS) + 1, 65))


def shown_symbol(s: object) -> str:
    """A symbol as shown on an axis or in a table: a space becomes ␣, a new line ⏎, a tab ⇥."""
    shown = str(s)
    return {" ": "␣", "\n": "⏎", "\t": "⇥"}.get(shown, shown)


def _resolve(
    choice: str, heads: float, k: int, weights: tuple[int, ...], typed: str, normalise: bool, message_text: str
) -> tuple[tuple[str, ...], np.ndarray]:
    """The chosen distribution as (symbols, probabilities); ValueError with a clear message if invalid."""
    if choice == "Fair coin":
        return ("H", "T"), np.array([0.5, 0.5])
    if choice == "Biased coin":
        return ("H", "T"), np.array([heads, 1.0 - heads])
    if choice == "Fair die":
        return tuple("123456"), np.full(6, 1 / 6)
    if choice == "Loaded die":
        return tuple("123456"), np.array(LOADED_DIE)
    if choice == "English letters":
        return tuple(english.LETTERS), english.english_letter_distribution()
    if choice == "Characters of my message":
        if not message_text:
            raise ValueError(text.EMPTY_MESSAGE)
        symbols = tuple(sorted(set(message_text)))
        return symbols, info.empirical_distribution(message_text, alphabet=symbols)
    if choice == "My sliders":
        return tuple(SLIDER_SYMBOLS[:k]), info.empirical_distribution(weights)  # weights -> probabilities
    values = info.parse_probabilities(typed)
    if normalise:
        values = info.empirical_distribution(values)
    info.entropy(values)  # validates: sums to 1, no negatives (raises a ValueError that says what to fix)
    return TYPED_SYMBOLS[: len(values)], np.asarray(values, float)


# ----------------------------------------------------------------------------------------------- the distribution


@dataclass(frozen=True)
class Source:
    """A distribution, its surprisals, its Huffman and Shannon codes; ``bars`` and ``table`` as shown.

    A certain source (one possible outcome) gets the best code there is: the empty codeword, 0 bits, so
    ``L = H = 0`` and the bound ``H <= L < H + 1`` holds (a 1-bit codeword would make ``L = H + 1``).
    """

    symbols: tuple[str, ...]
    labels: tuple[str, ...]
    p: np.ndarray
    h: float
    h_max: float
    surprisal: np.ndarray
    code: dict
    huffman_lengths: np.ndarray
    shannon_lengths: np.ndarray
    L: float
    support: int
    bars: pd.DataFrame
    table: pd.DataFrame

    @property
    def k(self) -> int:
        return len(self.p)

    @property
    def certain(self) -> bool:
        """True when only one outcome is possible (H = 0)."""
        return self.support == 1

    @property
    def likeliest(self) -> tuple[int, ...]:
        """Indices of the most likely outcomes (several when tied)."""
        return tuple(int(i) for i in np.flatnonzero(np.isclose(self.p, self.p.max(), rtol=0, atol=1e-12)))

    @property
    def rarest(self) -> tuple[int, ...]:
        """Indices of the least likely outcomes that can happen (p > 0; several when tied)."""
        low = self.p[self.p > 0].min()
        return tuple(int(i) for i in np.flatnonzero((self.p > 0) & np.isclose(self.p, low, rtol=0, atol=1e-12)))

    @property
    def uniform(self) -> bool:
        """True when every possible outcome is equally likely."""
        live = self.p[self.p > 0]
        return bool(np.allclose(live, live[0], rtol=0, atol=1e-12))


def _code(p: np.ndarray, symbols: tuple[str, ...]) -> tuple[dict, np.ndarray]:
    """The Huffman code and its lengths; a certain source's one symbol gets the empty codeword (0 bits)."""
    if np.count_nonzero(p > 0) == 1:
        only = int(np.argmax(p))
        return {symbols[only]: ""}, np.zeros(len(p), dtype=int)
    return coding.huffman_code(p, symbols), coding.huffman_code_lengths(p)


def source(
    choice: str, heads: float, k: int, weights: tuple[int, ...], typed: str, normalise: bool, message_text: str
) -> Source:
    """Entropy, surprisals and the Huffman and Shannon codes of the chosen distribution."""
    symbols, p = _resolve(choice, heads, k, weights, typed, normalise, message_text)
    labels = tuple(shown_symbol(s) for s in symbols)
    code, huffman = _code(p, symbols)
    shannon = coding.shannon_code_lengths(p)
    surprisal = info.surprisal(p)
    live = p > 0
    table = pd.DataFrame(
        {
            "outcome": labels,
            "p(x)": np.round(p, 4),
            "−log₂ p(x) [bits]": [round(v, 3) + 0.0 if np.isfinite(v) else None for v in surprisal],
            "Shannon ⌈−log₂ p⌉": [
                int(np.ceil(v - 1e-9)) if ok else None for v, ok in zip(surprisal, live, strict=True)
            ],
            "Huffman codeword": [(code[s] or text.EMPTY_CODEWORD) if s in code else text.NO_CODEWORD for s in symbols],
            "length [bits]": [int(v) if ok else None for v, ok in zip(huffman, live, strict=True)],
        }
    ).sort_values("p(x)", ascending=False, kind="stable")
    return Source(
        symbols=symbols,
        labels=labels,
        p=p,
        h=float(info.entropy(p)),
        h_max=info.max_entropy(len(p)),
        surprisal=surprisal,
        code=code,
        huffman_lengths=huffman,
        shannon_lengths=shannon,
        L=0.0 if np.count_nonzero(live) == 1 else coding.expected_length(p, huffman),
        support=int(np.count_nonzero(p > 0)),
        bars=pd.DataFrame({"outcome": labels, "p": p, "surprisal_bits": surprisal}),
        table=table,
    )


# ----------------------------------------------------------------------------------------------- the message


@dataclass(frozen=True)
class Message:
    """A message sent with the Huffman code of the distribution: its cost, and its first symbols as sent."""

    n: int
    bits: int
    bps: float
    pairs: str  # the first symbols and their codewords, "6→0  3→100 ..."
    sent: str  # the same symbols' bits, one string
    more: str  # "  …" when the message is longer than what is shown


def message(
    choice: str,
    heads: float,
    k: int,
    weights: tuple[int, ...],
    typed: str,
    normalise: bool,
    message_text: str,
    n: int,
    seed: int,
) -> Message:
    """The typed text for text sources (its letters a-z for English), otherwise ``n`` symbols drawn from p."""
    symbols, p = _resolve(choice, heads, k, weights, typed, normalise, message_text)
    if choice == "English letters":
        sent = tuple(english.letters_only(message_text))
        if not sent:
            raise ValueError(text.NO_LETTERS)
    elif choice == "Characters of my message":
        sent = tuple(message_text)
    else:
        sent = tuple(symbols[i] for i in coding.sample_message(p, n, seed))
    code, _ = _code(p, symbols)
    bits = coding.encode(sent, code)
    if bits:  # the receiver gets back exactly what was sent (a certain source sends no bits: nothing to decode)
        assert coding.decode(bits, code) == list(sent)
    shown = sent[:SHOWN_SYMBOLS]
    return Message(
        n=len(sent),
        bits=len(bits),
        bps=coding.bits_per_symbol(sent, code),
        pairs="  ".join(f"{shown_symbol(s)}→{code[s] or text.EMPTY_CODEWORD}" for s in shown),
        sent="".join(code[s] for s in shown) or text.NO_BITS,
        more="  …" if len(sent) > SHOWN_SYMBOLS else "",
    )


# ----------------------------------------------------------------------------------------------- tabs


@dataclass(frozen=True)
class Coin:
    """The binary entropy H(p₁) over p₁ in [0, 1], and the current distribution's point on it, always.

    Two outcomes: the point is (p(first outcome), H(p)). Otherwise it is the yes/no question "is it the likeliest
    outcome?", with p₁ = its probability and H_b(p₁) bits, and the grouping rule
    ``H(p) = H_b(p₁) + (1 − p₁) · H(rest)`` splits H(p) into that answer and, when the answer is no, the entropy
    ``rest_h`` of the other outcomes (renormalised).
    """

    grid: np.ndarray
    curve: np.ndarray
    p1: float
    h_b: float  # H_b(p1): the point's height
    symbol: str  # the outcome p₁ belongs to, as shown
    k: int
    h: float  # H(p) of the whole distribution
    rest_h: float  # entropy of the other outcomes given that it is not ``symbol``
    table: pd.DataFrame

    @property
    def point(self) -> tuple[float, float]:
        return self.p1, self.h_b

    @property
    def whole(self) -> bool:
        """True when the point is the distribution itself (two outcomes)."""
        return self.k == 2


def coin(
    choice: str, heads: float, k: int, weights: tuple[int, ...], typed: str, normalise: bool, message_text: str
) -> Coin:
    symbols, p = _resolve(choice, heads, k, weights, typed, normalise, message_text)
    grid = np.linspace(0.0, 1.0, CURVE_POINTS)
    curve = info.binary_entropy(grid)
    i = 0 if len(p) == 2 else int(np.argmax(p))
    p1 = float(p[i])
    rest = np.delete(p, i)
    rest_h = float(info.entropy(rest / rest.sum())) if rest.sum() > 0 else 0.0
    return Coin(
        grid=grid,
        curve=curve,
        p1=p1,
        h_b=float(info.binary_entropy(p1)),
        symbol=shown_symbol(symbols[i]),
        k=len(p),
        h=float(info.entropy(p)),
        rest_h=rest_h,
        table=pd.DataFrame({"p1": grid, "H": curve}),
    )


@dataclass(frozen=True)
class Blocks:
    """Huffman codes for blocks of 1, 2, ... symbols: expected and measured bits per symbol.

    A certain source costs 0 bits at every block length (the empty codeword).
    """

    coding: coding.BlockCoding
    k: int
    max_symbols: int  # the largest number of block symbols a code is built for
    coin_h: float  # the entropy of the biased coin at its default P(heads), for the caption's hint
    table: pd.DataFrame

    certain: bool  # only one outcome is possible: 0 bits at every block length

    @property
    def top(self) -> int:
        return int(self.coding.block_lengths[-1])


def blocks(
    choice: str,
    heads: float,
    k: int,
    weights: tuple[int, ...],
    typed: str,
    normalise: bool,
    message_text: str,
    seed: int,
) -> Blocks:
    _, p = _resolve(choice, heads, k, weights, typed, normalise, message_text)
    result = coding.block_coding(p, max_block=MAX_BLOCK, message_length=BLOCK_MESSAGE, seed=seed)
    if np.count_nonzero(p > 0) == 1:  # one possible block at every n: the empty codeword, 0 bits (see ``Source``)
        zeros = np.zeros(len(result.block_lengths))
        result = coding.BlockCoding(result.block_lengths, zeros, zeros, 0.0, 0.0, result.message_length, result.kind)
    table = pd.DataFrame({"n": result.block_lengths, "expected": result.expected, "measured": result.measured})
    certain = bool(np.count_nonzero(p > 0) == 1)
    return Blocks(result, len(p), coding.MAX_BLOCK_SYMBOLS, float(info.binary_entropy(HEADS)), table, certain)


@dataclass(frozen=True)
class Letters:
    """Shannon's F0, F1, F2 measured on a text, beside his 1951 values (``table``); F2 over the letter stream."""

    measured: english.LetterEntropies
    possible_pairs: int
    table: pd.DataFrame


def letters(message_text: str) -> Letters:
    measured = english.letter_entropies(message_text)
    table = pd.DataFrame(
        {
            "": list(text.SHANNON_ROWS),
            "Shannon 1951 [bits/letter]": [english.SHANNON_F[k] for k in ("F0", "F1", "F2")],
            "This text [bits/letter]": [round(measured.F0, 2), round(measured.F1, 2), round(measured.F2, 2)],
        }
    )
    return Letters(measured, len(english.LETTERS) ** 2, table)


# ----------------------------------------------------------------------------------------------- what to notice


def notice(src: Source, plain: Callable[[str], str] = str) -> tuple[str, ...]:
    """The page's "what to notice", filled from the distribution on screen.

    ``plain`` makes an outcome's name safe for markdown (the page passes ``ui.safety.plain``: a typed message's
    characters are the student's text).
    """
    rare, common = src.rarest, src.likeliest

    def names(indices: tuple[int, ...]) -> str:
        shown = ", ".join(plain(src.labels[i]) for i in indices[: text.NAMED])
        return shown + (", …" if len(indices) > text.NAMED else "")

    values = {
        "rare": names(rare),
        "p_rare": src.p[rare[0]],
        "s_rare": src.surprisal[rare[0]] + 0.0,
        "rare_cost": text.COSTS[len(rare) > 1],
        "rare_each": text.EACH[len(rare) > 1],
        "common": names(common),
        "p_common": src.p[common[0]],
        "s_common": src.surprisal[common[0]] + 0.0,
        "common_cost": text.COSTS[len(common) > 1],
        "common_each": text.EACH[len(common) > 1],
        "h": src.h,
        "h_plus_1": src.h + 1,
        "L": src.L,
        "h_max": src.h_max,
        "k": src.k,
    }
    keys = ("SURPRISALS_EQUAL" if src.uniform else "SURPRISALS", "CODE", "RANGE_CERTAIN" if src.certain else "RANGE")
    return tuple(text.NOTICE[key].format(**values) for key in keys)


def coin_caption(coin: Coin, plain: Callable[[str], str] = str) -> str:
    """The sentence under the binary entropy curve: two outcomes, a certain one, or more (the grouping rule)."""
    said = text.COIN_HERE if coin.whole else text.COIN_CERTAIN if coin.k == 1 else text.COIN_GROUPED
    return said.format(
        symbol=plain(coin.symbol),
        p1=coin.p1,
        h=coin.h,
        h_b=coin.h_b,
        k=coin.k,
        rest_w=1 - coin.p1,
        rest_h=coin.rest_h,
    )


def blocks_caption(blocks: Blocks) -> str:
    """The sentence under the source-coding chart (a hint to try the coin unless the source is one)."""
    if blocks.certain:
        return text.BLOCKS_CERTAIN
    caption = text.BLOCKS_CAPTION.format(
        k=blocks.k,
        h=blocks.coding.entropy,
        message_length=blocks.coding.message_length,
        top=blocks.top,
        max_symbols=blocks.max_symbols,
    )
    return caption + ("" if blocks.k == 2 else text.BLOCKS_COIN_HINT.format(coin_h=blocks.coin_h))
