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
    notice=(
        "Each grey bar is an outcome's surprisal −log₂ p(x), the ideal length of its codeword: rare outcomes get "
        "long codewords. The dashed line is H(p), their average weighted by p.",
        "A real Huffman code spends between H and H + 1 bits per symbol; coding blocks of symbols together pushes "
        "it down to H, never below.",
        "Make the distribution flatter and H rises to its maximum log₂ K; make one outcome dominate and it falls "
        "to 0: entropy measures how unpredictable the source is.",
    ),
    quizzes=(
        Quiz(
            "A fair 8-sided die is rolled. How many bits per roll does the best code need on average?",
            ("2 bits", "3 bits", "8 bits", "It depends on the message"),
            answer=1,
            explain="Eight equally likely outcomes: H = log₂ 8 = 3 bits, and a 3-bit code (000 … 111) reaches it.",
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

The English numbers come from Shannon's *Prediction and Entropy of Printed English* (1951).
""",
        ),
    ),
)

# ----------------------------------------------------------------------------------------------- controls

PROBABILITIES_HELP = "Decimals or fractions such as 1/3. They must sum to 1, or tick the box below."
MESSAGE_HELP = "Encoded with the code below, and measured against Shannon in the English tab."

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
    "Only one outcome is possible here, so the entropy is 0 bits: the receiver can predict every symbol "
    "and no information is sent. A code still spends 1 bit per symbol (it needs at least one bit to send "
    "anything), so L = H + 1 exactly: the one case where the bound H ≤ L < H + 1 is met at its top."
)

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
    "Characters of my message": "The code was built from this very message, so the count is exactly L, between "
    "H = {h:.3f} and H + 1 = {h_plus_1:.3f}.",
    "English letters": "The code was built for English in general (L = {L:.3f}); your letters cost a little more or "
    "less depending on how typical they are.",
}
SAMPLED_WHY = (
    "On average a message costs L = {L:.3f}, between H = {h:.3f} and H + 1; one random "
    "message can come out a little cheaper or dearer, and longer messages land closer to L."
)
DECODED = "Decoding the bits gives back the message exactly (checked)."

# ----------------------------------------------------------------------------------------------- tabs

COIN_ELSEWHERE = (
    "The curve is for two outcomes; the current distribution has {k}. Pick a coin, or "
    "'My sliders' with K = 2, to see it on the curve."
)
COIN_HERE = (
    "The current coin: P({symbol}) = {p1:.2f}, H = {h:.3f} bits. A fair coin is the least predictable: 1 bit per toss."
)
BLOCKS_CAPTION = (
    "Code n symbols at a time with one Huffman code for all {k}ⁿ blocks: the expected bits per "
    "symbol (line) lie in [H, H + 1/n) (shaded) and fall toward H = {h:.3f} bits (dashed). "
    "Diamonds: a real message of {message_length:,} symbols drawn from p. Blocks stop at n = "
    "{top} to keep the code under {max_symbols:,} block symbols."
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
    "Measured on the {n_letters:,} letters a-z of {source} ({n_pairs:,} letter "
    "pairs inside words). Shannon's F0 = log₂ 26; yours counts only the letters you used. Short texts "
    "give too-low F2: a few hundred letters have seen only a fraction of the {possible_pairs:,} possible pairs. The "
    "more of the text the reader already knows, the fewer bits each letter needs."
)
