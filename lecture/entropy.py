"""What the page "entropy" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "entropy",
    "Entropy",
    "According to Shannon, entropy is the minimum number of useful bits required to transfer information "
    "from a sender to a receiver.",
    (
        "Entropy (expressed in ‘bits’) is a measure of how unpredictable the probability distribution is",
        "The more the individual events vary, the more is its entropy",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"H(p) \;=\; -\sum_{x} p(x)\,\log_2 p(x) \;=\; \mathbb{E}_{x\sim p}\big[-\log_2 p(x)\big]"
        r"\qquad 0 \;\le\; H(p) \;\le\; \log_2 K",
    ),
    where=r"$p(x)$: probability of outcome $x$ (one of $K$); $-\log_2 p(x)$: its surprisal, the ideal codeword "
    r"length in bits. Huffman code: $H(p) \le L < H(p) + 1$ bits per symbol.",
    notice=(),  # the page fills the templates of ``NOTICE`` below from the distribution on screen
    quizzes=(
        Quiz(
            "In the default picture (the loaded die), outcome 6 has p = 1/2. How long is its Huffman codeword?",
            (
                "1 bit",
                "L bits, the code's average length",
                "3 bits: enough to number six outcomes",
                "0 bits: 6 is the outcome the receiver expects",
            ),
            answer=0,
            explain="An outcome's ideal codeword length is its surprisal −log₂ p(x); for p = 1/2 that is exactly "
            "1 bit, and the Huffman code in the table gives 6 the one-bit codeword 0.",
            feedback=(
                "Its surprisal is −log₂(1/2) = 1 bit, a whole number, so the code can meet it exactly.",
                "L is the average over all six outcomes weighted by p; each outcome has its own length, and the likely "
                "6 gets a shorter one than the average.",
                "That is a fixed-length code: ⌈log₂ 6⌉ = 3 bits on every roll. Huffman shortens the likely 6 and "
                "lengthens the rare outcomes, and so spends less on average.",
                "Only a certain outcome (p = 1) costs 0 bits; a 6 still has to be told apart from the five other "
                "faces, which together come up half of the time.",
            ),
        ),
    ),
    deeper=(
        Deeper(
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

A certain source ($p(x) = 1$ for one $x$) has $H = 0$: the best code gives its one symbol the empty codeword,
$L = 0$, and the bound holds as $0 \le 0 < 1$. A code that still spends one bit per symbol has $L = H + 1$: it is
not optimal, which is why it misses the strict bound.

The English numbers come from Shannon's *Prediction and Entropy of Printed English* (1951). His $F_2$ is the
entropy of a letter given the letter before it, $H(\text{pair}) - H(\text{first letter})$, counted over the
continuous stream of the 26 letters (no space): a word's last letter and the next word's first letter form a pair.
""",
        ),
    ),
)

#: One precise line under the slide's words (the slide's wording is kept as it is).
PRECISELY = (
    "Precisely: H(p) is the minimum *average* number of bits per symbol, over long messages of symbols drawn from p."
)

#: "What to notice", filled from the distribution on screen. ``SURPRISALS`` (outcomes of different probability)
#: or ``SURPRISALS_EQUAL`` (all possible outcomes equally likely) comes first, then ``CODE`` and ``RANGE``.
NOTICE = {
    "SURPRISALS": "Each grey bar is an outcome's surprisal −log₂ p(x), the ideal length of its codeword: here the "
    "least likely ({rare}: p = {p_rare:.3f}) {rare_cost} {s_rare:.2f} bits{rare_each} and the most likely "
    "({common}: p = {p_common:.3f}) {common_cost} {s_common:.2f} bits{common_each}. The dashed line is "
    "H(p) = {h:.3f} bits, their average weighted by p.",
    "SURPRISALS_EQUAL": "Every possible outcome here has p = {p_common:.3f}, so each costs the same "
    "−log₂ p(x) = {s_common:.2f} bits (grey bars), and their average, the dashed line H(p), is {h:.3f} bits too.",
    "CODE": "The Huffman code in the table spends L = {L:.3f} bits per symbol on average, within the bound of every "
    "optimal code: H ≤ L < H + 1, here {h:.3f} ≤ {L:.3f} < {h_plus_1:.3f}. Coding blocks of symbols together "
    "(the source-coding tab) brings L down toward H, never below.",
    "RANGE": "Make the distribution flatter and H rises to its maximum log₂ K = {h_max:.3f} bits for these {k} "
    "outcomes; let one outcome dominate and it falls to 0: entropy measures how unpredictable the source is.",
    "RANGE_CERTAIN": "H = 0 is the minimum: nothing here is unpredictable. Give more outcomes a chance, and more "
    "evenly, and H rises toward log₂ K: entropy measures how unpredictable the source is.",
}
#: ``{rare_cost}``/``{rare_each}`` (and the same for ``common``) of ``NOTICE["SURPRISALS"]``: one outcome, or several
#: tied.
COSTS = ("costs", "cost")
EACH = ("", " each")
#: How many tied outcomes the notice names before "…".
NAMED = 5

# ----------------------------------------------------------------------------------------------- controls

#: Longest typed list of probabilities: 64 outcomes written as "1/64, " take 384 characters.
MAX_PROBABILITIES = 500
PROBABILITIES_HELP = (
    "Decimals or fractions such as 1/3. They must sum to 1, or tick the box below. At most 500 characters "
    "(64 outcomes), so the link stays short."
)
MESSAGE_HELP = (
    "Encoded with the code below, and measured against Shannon in the English tab. At most 2,000 characters, "
    "so the link that carries it stays short enough to share."
)

# ----------------------------------------------------------------------------------------------- the distribution

#: The caption under the bars, by the distribution chosen (none for the others); ``{n}``: the message's length.
NOTES = {
    "Loaded die": "The die shows 6 half of the time.",
    "English letters": "Letter frequencies of English text (a to z, no spaces).",
    "Characters of my message": "Character frequencies of your message ({n} characters).",
    "My sliders": "Weights normalised: p(x) = weight(x) / sum of weights.",
}
EMPTY_MESSAGE = "The message is empty: type a few words in 'Your message' to count its characters."
NO_LETTERS = "Your message has no letters a-z to encode with the English code: type some words."
ONE_OUTCOME = (
    "Only one outcome is possible here, so H(p) = 0 bits: the receiver can predict every symbol. The best code "
    "sends nothing at all: its one codeword is empty, so L = 0 bits per symbol (only the message length has to be "
    "agreed), and H ≤ L < H + 1 holds as 0 ≤ 0 < 1. A code that spent one bit per symbol would have L = H + 1: "
    "not optimal."
)
#: The codeword of a certain source's one symbol, and what its message sends.
EMPTY_CODEWORD = "(empty)"
NO_CODEWORD = "(none: p = 0)"
NO_BITS = "(none: the receiver already knows every symbol)"

# ----------------------------------------------------------------------------------------------- numbers

ENTROPY_HELP = "Average surprisal: the minimum average bits per symbol."
MAXIMUM_HELP = "Uniform over K = {k} outcomes."
HUFFMAN_HELP = "Expected codeword length under p."
MEASURED_HELP = "Bits used to send {note}."

# ----------------------------------------------------------------------------------------------- the message

#: What is sent, by the distribution chosen; any other distribution sends symbols drawn from p.
MESSAGE_NOTES = {
    "English letters": "the letters a-z of your message (spaces and punctuation dropped)",
    "Characters of my message": "your message, with the code built from its own characters",
}
SAMPLED_NOTE = "{n} symbols drawn from p (seed {seed})"
ENCODED_TITLE = "**The message, encoded.** Sending {note}:"
ENCODED_BITS = "{pairs}{more}\n\nbits sent: {sent}{more}"
ENCODED_TOTAL = "{n:,} symbols → {bits:,} bits = {bps:.3f} bits/symbol."
#: Why the measured cost is what it is, by the distribution chosen; ``SAMPLED_WHY`` for every other one.
WHY = {
    "Characters of my message": "The code was built from this very message, so the count is exactly L, with "
    "H = {h:.3f} ≤ L < H + 1 = {h_plus_1:.3f}.",
    "English letters": "The code was built for English in general (L = {L:.3f}); your letters cost a little more or "
    "less depending on how typical they are.",
}
SAMPLED_WHY = (
    "On average a message costs L = {L:.3f}, with H = {h:.3f} ≤ L < H + 1; one random "
    "message can come out a little cheaper or dearer, and longer messages land closer to L."
)
DECODED = "Decoding the bits gives back the message exactly (checked)."

# ----------------------------------------------------------------------------------------------- tabs

#: The caption under the binary entropy curve: two outcomes, one outcome, or more (the grouping rule).
COIN_HERE = (
    "The current distribution has two outcomes: P({symbol}) = {p1:.2f}, H = {h:.3f} bits. A fair coin is the least "
    "predictable: 1 bit per toss."
)
COIN_CERTAIN = "The only possible outcome, {symbol}, has $p_1$ = 1: the answer is known, H = 0 bits."
COIN_GROUPED = (
    "The curve is the binary entropy $H_b(p_1)$ of a yes/no question answered yes with probability $p_1$. The "
    "current distribution has {k} outcomes, so the dot asks "
    "“is it {symbol}?” (its likeliest outcome, $p_1$ = {p1:.2f}): $H_b(p_1)$ = {h_b:.3f} bits. The grouping "
    "rule adds the rest: $H(p) = H_b(p_1) + (1 - p_1)\\,H(\\text{{others}})$ = {h_b:.3f} + {rest_w:.2f} × "
    "{rest_h:.3f} = {h:.3f} bits."
)
BLOCKS_CAPTION = (
    "Code n symbols at a time with one Huffman code for all {k}ⁿ blocks: the expected bits per "
    "symbol (line) lie in [H, H + 1/n) (shaded) and fall toward H = {h:.3f} bits (dashed). "
    "Diamonds: a real message of {message_length:,} symbols drawn from p. Blocks stop at n = "
    "{top} to keep the code under {max_symbols:,} block symbols."
)
BLOCKS_CERTAIN = (
    "Only one outcome is possible, so only one block of each length is: the best code gives it the empty codeword "
    "and spends 0 bits per symbol at every block length, exactly H = 0 (dashed)."
)
#: Added to ``BLOCKS_CAPTION`` unless the source is a coin; ``{coin_h}``: the entropy of the default biased coin.
BLOCKS_COIN_HINT = (
    " The fall is steepest when single symbols waste the most: try the biased coin, whose one-"
    "symbol code needs a whole bit per toss although H = {coin_h:.2f} bits."
)
SHANNON_ROWS = ("F0: all letters equally likely", "F1: letter frequencies", "F2: given the letter before")
ENGLISH_OWN = "your message"
ENGLISH_SAMPLE = "the sample text (choose a text source to type your own)"
ENGLISH_CAPTION = (
    "Measured on the {n_letters:,} letters a-z of {source}, with spaces and punctuation dropped, and on their "
    "{n_pairs:,} adjacent pairs, across word boundaries as in Shannon's F2. Shannon's F0 = log₂ 26; this one "
    "counts only the letters used. Short texts give too-low F2: a few hundred letters have seen only a fraction "
    "of the {possible_pairs:,} possible pairs. The more of the text the reader already knows, the fewer bits each "
    "letter needs."
)
