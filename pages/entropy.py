"""Entropy: the minimum number of useful bits per symbol, made literal with a real Huffman code."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import coding, english, info
from ui import charts, frame
from ui import info_charts as ic

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
SLIDER_SYMBOLS = "ABCDEFGH"
SLIDER_DEFAULTS = (4, 2, 1, 1, 1, 1, 1, 1)  # K = 4 gives (1/2, 1/4, 1/8, 1/8): a code meets H exactly
LOADED_DIE = (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)
MAX_MESSAGE = 3000
SHOWN_SYMBOLS = 40


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_data(show_spinner=False, max_entries=128)
def analyse(p: tuple[float, ...], symbols: tuple[str, ...]) -> dict:
    """Entropy, surprisals and the Huffman and Shannon codes of one distribution."""
    code = coding.huffman_code(p, symbols)
    huffman = coding.huffman_code_lengths(p)
    return {
        "h": float(info.entropy(p)),
        "h_max": info.max_entropy(len(p)),
        "surprisal": info.surprisal(p),
        "code": code,
        "huffman_lengths": huffman,
        "shannon_lengths": coding.shannon_code_lengths(p),
        "L": coding.expected_length(p, huffman),
        "support": int(np.count_nonzero(np.asarray(p) > 0)),
    }


@st.cache_data(show_spinner=False, max_entries=128)
def sampled_message(p: tuple[float, ...], symbols: tuple[str, ...], n: int, seed: int) -> tuple[str, ...]:
    return tuple(symbols[i] for i in coding.sample_message(p, n, seed))


@st.cache_data(show_spinner=False, max_entries=128)
def encode_message(message: tuple[str, ...], p: tuple[float, ...], symbols: tuple[str, ...]) -> dict:
    code = coding.huffman_code(p, symbols)
    bits = coding.encode(message, code)
    assert coding.decode(bits, code) == list(message)  # the receiver gets back exactly what was sent
    return {"bits": bits, "n": len(message), "bps": coding.bits_per_symbol(message, code)}


@st.cache_data(show_spinner=False, max_entries=64)
def source_coding(p: tuple[float, ...], seed: int) -> coding.BlockCoding:
    return coding.block_coding(p, max_block=8, message_length=3000, seed=seed)


@st.cache_data(show_spinner=False)
def binary_curve() -> tuple[np.ndarray, np.ndarray]:
    grid = np.linspace(0.0, 1.0, 201)
    return grid, info.binary_entropy(grid)


@st.cache_data(show_spinner=False, max_entries=64)
def shannon_letters(text: str) -> english.LetterEntropies:
    return english.letter_entropies(text)


# Charts are cached as objects (shared, never mutated). `present` is part of the cache key because chart sizes
# grow in presenter mode.
@st.cache_resource(show_spinner=False, max_entries=128)
def surprisal_chart(symbols: tuple[str, ...], p: tuple[float, ...], present: bool):
    res = analyse(p, symbols)
    return ic.surprisal_bars(symbols, np.array(p), res["surprisal"], res["h"])


@st.cache_resource(show_spinner=False, max_entries=128)
def coin_chart(point: tuple[float, float] | None, present: bool):
    grid, curve = binary_curve()
    return ic.binary_entropy_curve(grid, curve, point)


@st.cache_resource(show_spinner=False, max_entries=64)
def blocks_chart(p: tuple[float, ...], seed: int, present: bool):
    blocks = source_coding(p, seed)
    series = {"Huffman code for blocks of p": (blocks.expected, blocks.measured, blocks.entropy, charts.P_COLOR)}
    return ic.block_rate_chart(blocks.block_lengths, series, limit_names=["H(p)"])


# ----------------------------------------------------------------------------------------------- page

page = frame.start("entropy")
page.formula(
    r"H(p) \;=\; -\sum_{x} p(x)\,\log_2 p(x) \;=\; \mathbb{E}_{x\sim p}\big[-\log_2 p(x)\big]"
    r"\qquad 0 \;\le\; H(p) \;\le\; \log_2 K",
    where=r"$p(x)$: probability of outcome $x$ (one of $K$); $-\log_2 p(x)$: its surprisal, the ideal codeword "
    r"length in bits. Huffman code: $H(p) \le L < H(p) + 1$ bits per symbol.",
)

fig, ctrl = page.columns()
with ctrl:
    choice = st.selectbox("Distribution p", DISTRIBUTIONS, index=3, key="ent_dist", bind="query-params")
    heads, k, weights, typed, normalise = 0.9, 4, [], "", False
    if choice == "Biased coin":
        heads = st.slider("P(heads)", 0.0, 1.0, 0.9, 0.01, key="ent_heads", bind="query-params")
    elif choice == "My sliders":
        k = st.slider("Outcomes K", 2, 8, 4, key="ent_k", bind="query-params")
        weights = [
            st.slider(f"weight of {SLIDER_SYMBOLS[i]}", 0, 10, SLIDER_DEFAULTS[i], key=f"ent_w{i}", bind="query-params")
            for i in range(k)
        ]
    elif choice == "Typed probabilities":
        typed = st.text_input(
            "Probabilities (comma separated)", "0.5, 0.25, 0.125, 0.125", key="ent_probs", bind="query-params",
            help="Decimals or fractions such as 1/3. They must sum to 1, or tick the box below.",
        )  # fmt: skip
        normalise = st.checkbox("Normalise for me", value=False, key="ent_norm", bind="query-params")
    sampled = choice not in TEXT_SOURCES
    message_text = english.SAMPLE_TEXT
    if not sampled:
        message_text = st.text_area(
            "Your message",
            english.SAMPLE_TEXT,
            max_chars=MAX_MESSAGE,
            height=140,
            key="ent_msg",
            bind="query-params",
            help="Encoded with the code below, and measured against Shannon in the English tab.",
        )
    n_sampled, seed = 500, 0
    if sampled:
        n_sampled = st.slider("Symbols drawn from p", 50, 3000, 500, 50, key="ent_n", bind="query-params")
        seed = page.seed_control()


def resolve() -> tuple[tuple[str, ...], tuple[float, ...], str]:
    """The chosen distribution as (symbols, probabilities, note); ValueError with a clear message if invalid."""
    if choice == "Fair coin":
        return ("H", "T"), (0.5, 0.5), ""
    if choice == "Biased coin":
        return ("H", "T"), (heads, 1.0 - heads), ""
    if choice == "Fair die":
        return tuple("123456"), (1 / 6,) * 6, ""
    if choice == "Loaded die":
        return tuple("123456"), LOADED_DIE, "The die shows 6 half of the time."
    if choice == "English letters":
        p = english.english_letter_distribution()
        return tuple(english.LETTERS), tuple(p), "Letter frequencies of English text (a to z, no spaces)."
    if choice == "Characters of my message":
        if not message_text:
            raise ValueError("The message is empty: type a few words in 'Your message' to count its characters.")
        symbols = tuple(sorted(set(message_text)))
        p = info.empirical_distribution(message_text, alphabet=symbols)
        return symbols, tuple(p), f"Character frequencies of your message ({len(message_text)} characters)."
    if choice == "My sliders":
        p = info.empirical_distribution(weights)  # weights -> probabilities, explicitly
        return tuple(SLIDER_SYMBOLS[:k]), tuple(p), "Weights normalised: p(x) = weight(x) / sum of weights."
    values = info.parse_probabilities(typed)
    if normalise:
        values = info.empirical_distribution(values)
    info.entropy(values)  # validates: sums to 1, no negatives (raises a ValueError that says what to fix)
    names = tuple(SLIDER_SYMBOLS) + tuple(f"x{i}" for i in range(len(SLIDER_SYMBOLS) + 1, 65))
    return names[: len(values)], tuple(float(v) for v in values), ""


def message_symbols(symbols: tuple[str, ...], p: tuple[float, ...]) -> tuple[tuple[str, ...], str]:
    """The message to encode: the typed text for text sources, otherwise symbols drawn from p."""
    if choice == "English letters":
        letters = english.letters_only(message_text)
        if not letters:
            raise ValueError("Your message has no letters a-z to encode with the English code: type some words.")
        return tuple(letters), "the letters a-z of your message (spaces and punctuation dropped)"
    if choice == "Characters of my message":
        return tuple(message_text), "your message, with the code built from its own characters"
    return sampled_message(p, symbols, n_sampled, seed), f"{n_sampled} symbols drawn from p (seed {seed})"


def show_code_table(symbols: tuple[str, ...], p: tuple[float, ...], res: dict) -> None:
    table = pd.DataFrame(
        {
            "outcome": [ic.show_symbol(s) for s in symbols],
            "p(x)": np.round(p, 4),
            "−log₂ p(x) [bits]": [round(v, 3) if np.isfinite(v) else None for v in res["surprisal"]],
            "Shannon ⌈−log₂ p⌉": [int(v) if v > 0 else None for v in res["shannon_lengths"]],
            "Huffman codeword": [res["code"].get(s, "(none: p = 0)") for s in symbols],
            "length [bits]": [int(v) if v > 0 else None for v in res["huffman_lengths"]],
        }
    ).sort_values("p(x)", ascending=False, kind="stable")
    st.dataframe(table, hide_index=True, width="stretch", height=min(36 * (len(symbols) + 1) + 4, 420))


def show_encoded(message: tuple[str, ...], note: str, encoded: dict, res: dict) -> None:
    shown = message[:SHOWN_SYMBOLS]
    more = "  …" if len(message) > SHOWN_SYMBOLS else ""
    st.markdown(f"**The message, encoded.** Sending {note}:")
    pairs = "  ".join(f"{ic.show_symbol(s)}→{res['code'][s]}" for s in shown)
    sent = "".join(res["code"][s] for s in shown)
    st.code(f"{pairs}{more}\n\nbits sent: {sent}{more}", language=None, wrap_lines=True)
    total = f"{encoded['n']:,} symbols → {len(encoded['bits']):,} bits = {encoded['bps']:.3f} bits/symbol."
    if choice == "Characters of my message":
        why = (
            "The code was built from this very message, so the count is exactly L, between "
            f"H = {res['h']:.3f} and H + 1 = {res['h'] + 1:.3f}."
        )
    elif choice == "English letters":
        why = (
            f"The code was built for English in general (L = {res['L']:.3f}); your letters cost a little more or "
            "less depending on how typical they are."
        )
    else:
        why = (
            f"On average a message costs L = {res['L']:.3f}, between H = {res['h']:.3f} and H + 1; one random "
            "message can come out a little cheaper or dearer, and longer messages land closer to L."
        )
    st.caption(f"{total} {why} Decoding the bits gives back the message exactly (checked).")


res = None
with page.guard():
    symbols, p, note = resolve()
    res = analyse(p, symbols)
    with fig:
        bars = pd.DataFrame(
            {"outcome": [ic.show_symbol(s) for s in symbols], "p": p, "surprisal_bits": res["surprisal"]}
        )
        charts.show(surprisal_chart(symbols, p, page.present), "entropy-surprisal", data=bars)
        if note:
            st.caption(note)

if res is not None:
    encoded = None
    with page.guard():
        message, message_note = message_symbols(symbols, p)
        encoded = encode_message(message, p, symbols)
    numbers = [
        frame.Number("Entropy H(p)", res["h"], "bits", help="Average surprisal: the minimum average bits per symbol."),
        frame.Number("Maximum log₂ K", res["h_max"], "bits", help=f"Uniform over K = {len(p)} outcomes."),
        frame.Number("Huffman L per symbol", res["L"], "bits", help="Expected codeword length under p."),
    ]
    if encoded is not None:
        numbers.append(
            frame.Number("Measured per symbol", encoded["bps"], "bits", help=f"Bits used to send {message_note}.")
        )
    page.numbers(numbers)
    if res["support"] == 1:
        st.warning(
            "Only one outcome is possible here, so the entropy is 0 bits: the receiver can predict every symbol "
            "and no information is sent. A code still spends 1 bit per symbol (it needs at least one bit to send "
            "anything), so L = H + 1 exactly: the one case where the bound H ≤ L < H + 1 is met at its top.",
            icon=":material/info:",
        )

    # Lazy tabs: only the open tab runs, and the open tab is kept in the link.
    tab_code, tab_coin, tab_blocks, tab_english = st.tabs(
        ["Huffman code", "Binary entropy", "Source coding theorem", "English (Shannon)"],
        key="ent_tab",
        bind="query-params",
    )
    if tab_code.open:
        with tab_code:
            show_code_table(symbols, p, res)
            if encoded is not None:
                show_encoded(message, message_note, encoded, res)
    if tab_coin.open:
        with tab_coin:
            point = (p[0], res["h"]) if len(p) == 2 else None
            grid, curve = binary_curve()
            charts.show(coin_chart(point, page.present), "binary-entropy", data=pd.DataFrame({"p1": grid, "H": curve}))
            if point is None:
                st.caption(
                    f"The curve is for two outcomes; the current distribution has {len(p)}. Pick a coin, or "
                    "'My sliders' with K = 2, to see it on the curve."
                )
            else:
                st.caption(
                    f"The current coin: P({ic.show_symbol(symbols[0])}) = {p[0]:.2f}, H = {res['h']:.3f} bits. "
                    "A fair coin is the least predictable: 1 bit per toss."
                )
    if tab_blocks.open:
        with tab_blocks, page.guard():
            blocks = source_coding(p, seed)
            table = pd.DataFrame({"n": blocks.block_lengths, "expected": blocks.expected, "measured": blocks.measured})
            charts.show(blocks_chart(p, seed, page.present), "source-coding", data=table)
            st.caption(
                f"Code n symbols at a time with one Huffman code for all {len(p)}ⁿ blocks: the expected bits per "
                f"symbol (line) lie in [H, H + 1/n) (shaded) and fall toward H = {blocks.entropy:.3f} bits (dashed). "
                f"Diamonds: a real message of {blocks.message_length:,} symbols drawn from p. Blocks stop at n = "
                f"{blocks.block_lengths[-1]} to keep the code under {coding.MAX_BLOCK_SYMBOLS:,} block symbols."
                + (
                    ""
                    if len(p) == 2
                    else " The fall is steepest when single symbols waste the most: try the biased coin, whose one-"
                    "symbol code needs a whole bit per toss although H = 0.47 bits."
                )
            )
    if tab_english.open:
        with tab_english, page.guard():
            measured = shannon_letters(message_text)
            rows = pd.DataFrame(
                {
                    "": ["F0: all letters equally likely", "F1: letter frequencies", "F2: given the letter before"],
                    "Shannon 1951 [bits/letter]": [english.SHANNON_F[k] for k in ("F0", "F1", "F2")],
                    "Your text [bits/letter]": [round(measured.F0, 2), round(measured.F1, 2), round(measured.F2, 2)],
                }
            )
            st.dataframe(rows, hide_index=True, width="stretch")
            source_text = "your message" if not sampled else "the sample text (choose a text source to type your own)"
            st.caption(
                f"Measured on the {measured.n_letters:,} letters a-z of {source_text} ({measured.n_pairs:,} letter "
                "pairs inside words). Shannon's F0 = log₂ 26; yours counts only the letters you used. Short texts "
                "give too-low F2: a few hundred letters have seen only a fraction of the 676 possible pairs. The "
                "more of the text the reader already knows, the fewer bits each letter needs."
            )

page.notice(
    "Each grey bar is an outcome's surprisal −log₂ p(x), the ideal length of its codeword: rare outcomes get "
    "long codewords. The dashed line is H(p), their average weighted by p.",
    "A real Huffman code spends between H and H + 1 bits per symbol; coding blocks of symbols together pushes "
    "it down to H, never below.",
    "Make the distribution flatter and H rises to its maximum log₂ K; make one outcome dominate and it falls "
    "to 0: entropy measures how unpredictable the source is.",
)
page.quiz(
    "A fair 8-sided die is rolled. How many bits per roll does the best code need on average?",
    ["2 bits", "3 bits", "8 bits", "It depends on the message"],
    answer=1,
    explain="Eight equally likely outcomes: H = log₂ 8 = 3 bits, and a 3-bit code (000 … 111) reaches it.",
)
page.deeper(
    "why H ≤ L < H + 1, and why blocks reach H",
    r"""
A prefix-free code with codeword lengths $l(x)$ must satisfy **Kraft's inequality** $\sum_x 2^{-l(x)} \le 1$.
Minimising the expected length $L = \sum_x p(x)\,l(x)$ under that constraint (a Lagrange multiplier, ignoring that
lengths are whole numbers) gives $l^*(x) = -\log_2 p(x)$ and $L^* = H(p)$: no code does better than the entropy.

Rounding up, $l(x) = \lceil -\log_2 p(x) \rceil$ (the **Shannon code**) still satisfies Kraft and costs
$L < \sum_x p(x)\,(-\log_2 p(x) + 1) = H(p) + 1$. **Huffman's** code is optimal, so it is at least as short:
$H(p) \le L_{\text{Huffman}} < H(p) + 1$.

For blocks of $n$ independent symbols, $H(p^n) = n\,H(p)$, so the same bound per block gives
$H(p) \le L_n / n < H(p) + 1/n$: the rounding loss of at most one bit is shared by $n$ symbols. This is
Shannon's **source coding theorem** (Shannon 1948; Cover & Thomas, *Elements of Information Theory*, ch. 5).

The English numbers come from Shannon's *Prediction and Entropy of Printed English* (1951).
""",
)
page.end()
