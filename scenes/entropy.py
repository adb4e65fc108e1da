"""Scenes of the entropy page: a distribution with its surprisals and Huffman code, a message sent with that
code, the binary entropy curve, block codes reaching H, and Shannon's entropies of English.

Every scene takes the page's distribution settings first, ``(choice, heads, k, weights, typed, normalise,
message_text)``: the distribution chosen, the biased coin's P(heads), the sliders' K and weights, the typed
probabilities and whether to normalise them, and the message text (the characters of the text sources).
"""

from __future__ import annotations

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
MAX_MESSAGE = 3000
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
    """A distribution, its surprisals, its Huffman and Shannon codes; ``bars`` and ``table`` as shown."""

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


def source(
    choice: str, heads: float, k: int, weights: tuple[int, ...], typed: str, normalise: bool, message_text: str
) -> Source:
    """Entropy, surprisals and the Huffman and Shannon codes of the chosen distribution."""
    symbols, p = _resolve(choice, heads, k, weights, typed, normalise, message_text)
    labels = tuple(shown_symbol(s) for s in symbols)
    code = coding.huffman_code(p, symbols)
    huffman = coding.huffman_code_lengths(p)
    shannon = coding.shannon_code_lengths(p)
    surprisal = info.surprisal(p)
    table = pd.DataFrame(
        {
            "outcome": labels,
            "p(x)": np.round(p, 4),
            "−log₂ p(x) [bits]": [round(v, 3) if np.isfinite(v) else None for v in surprisal],
            "Shannon ⌈−log₂ p⌉": [int(v) if v > 0 else None for v in shannon],
            "Huffman codeword": [code.get(s, "(none: p = 0)") for s in symbols],
            "length [bits]": [int(v) if v > 0 else None for v in huffman],
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
        L=coding.expected_length(p, huffman),
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
    code = coding.huffman_code(p, symbols)
    bits = coding.encode(sent, code)
    assert coding.decode(bits, code) == list(sent)  # the receiver gets back exactly what was sent
    shown = sent[:SHOWN_SYMBOLS]
    return Message(
        n=len(sent),
        bits=len(bits),
        bps=coding.bits_per_symbol(sent, code),
        pairs="  ".join(f"{shown_symbol(s)}→{code[s]}" for s in shown),
        sent="".join(code[s] for s in shown),
        more="  …" if len(sent) > SHOWN_SYMBOLS else "",
    )


# ----------------------------------------------------------------------------------------------- tabs


@dataclass(frozen=True)
class Coin:
    """The binary entropy H(p₁) over p₁ in [0, 1]; the current distribution's point on it if it has two outcomes."""

    grid: np.ndarray
    curve: np.ndarray
    point: tuple[float, float] | None
    symbol: str  # the first outcome, as shown
    k: int
    table: pd.DataFrame


def coin(
    choice: str, heads: float, k: int, weights: tuple[int, ...], typed: str, normalise: bool, message_text: str
) -> Coin:
    symbols, p = _resolve(choice, heads, k, weights, typed, normalise, message_text)
    grid = np.linspace(0.0, 1.0, CURVE_POINTS)
    curve = info.binary_entropy(grid)
    point = (float(p[0]), float(info.entropy(p))) if len(p) == 2 else None
    return Coin(grid, curve, point, shown_symbol(symbols[0]), len(p), pd.DataFrame({"p1": grid, "H": curve}))


@dataclass(frozen=True)
class Blocks:
    """Huffman codes for blocks of 1, 2, ... symbols: expected and measured bits per symbol."""

    coding: coding.BlockCoding
    k: int
    max_symbols: int  # the largest number of block symbols a code is built for
    coin_h: float  # the entropy of the biased coin at its default P(heads), for the caption's hint
    table: pd.DataFrame

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
    table = pd.DataFrame({"n": result.block_lengths, "expected": result.expected, "measured": result.measured})
    return Blocks(result, len(p), coding.MAX_BLOCK_SYMBOLS, float(info.binary_entropy(HEADS)), table)


@dataclass(frozen=True)
class Letters:
    """Shannon's F0, F1, F2 measured on a text, beside his 1951 values (``table``)."""

    measured: english.LetterEntropies
    possible_pairs: int
    table: pd.DataFrame


def letters(message_text: str) -> Letters:
    measured = english.letter_entropies(message_text)
    table = pd.DataFrame(
        {
            "": list(text.SHANNON_ROWS),
            "Shannon 1951 [bits/letter]": [english.SHANNON_F[k] for k in ("F0", "F1", "F2")],
            "Your text [bits/letter]": [round(measured.F0, 2), round(measured.F1, 2), round(measured.F2, 2)],
        }
    )
    return Letters(measured, len(english.LETTERS) ** 2, table)
