"""What the page "cross_entropy" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "cross_entropy",
    "Cross entropy",
    "Cross entropy is the average message length that is used to transmit the message.",
    ("Cross entropy is the average message length that is used to transmit the message",),
)

TEXT = PageText(
    SLIDE,
    formulas=(r"H(p, q) \;=\; -\sum_x p(x)\,\log_2 q(x) \;=\; H(p) + \mathrm{KL}(p\,\|\,q) \;\ge\; H(p)",),
    where=r"$p$: the true distribution the symbols come from; $q$: the model the code was built for; "
    r"$-\log_2 q(x)$: the length of $x$'s codeword in that code, in bits.",
    notice=(
        "Blue bars are the truth p, vermillion bars the model q. The code is built for q, so every symbol costs "
        "−log₂ q(x) bits, but the symbols arrive with the frequencies of p.",
        "The message sent with the code for q costs about H(p, q) bits per symbol, with the code for p about H(p): "
        "the difference is KL(p‖q), the orange part of the bar. Longer blocks never close that gap.",
        "Set the temperature to 1 (q = p) and the orange part vanishes: the best model is the truth itself.",
    ),
    quizzes=(
        Quiz(
            "A model q is used to encode data from p. Which is always true?",
            ("H(p, q) ≤ H(p)", "H(p, q) ≥ H(p), with equality only when q = p", "H(p, q) = H(q, p)"),
            answer=1,
            explain="H(p, q) = H(p) + KL(p‖q) and KL ≥ 0 (Gibbs' inequality), zero only for q = p. It is not "
            "symmetric.",
        ),
    ),
    deeper=(
        Deeper(
            "why the code for q costs H(p, q), and why that is the ML loss",
            r"""
A code built for $q$ gives $x$ a codeword of about $-\log_2 q(x)$ bits (exactly $\lceil -\log_2 q(x)\rceil$ for
the Shannon code). Symbols arrive with probabilities $p(x)$, so the average length is

$$L \approx \sum_x p(x)\,\big(-\log_2 q(x)\big) = H(p, q)
= \underbrace{-\sum_x p(x)\log_2 p(x)}_{H(p)}
+ \underbrace{\sum_x p(x)\log_2\frac{p(x)}{q(x)}}_{\mathrm{KL}(p\,\|\,q)}.$$

With whole-bit codewords $H(p,q) \le L < H(p,q) + 1$; coding blocks of $n$ symbols shrinks the $+1$ to $+1/n$,
and an **arithmetic code**, which turns the whole message into one binary fraction inside an interval of width
$q(x_1)\cdots q(x_N)$, needs fewer than $-\log_2 q(x_1 \dots x_N) + 1$ bits for all $N$ symbols together.

**Machine learning.** A classifier outputs $q(y \mid x)$. The data's labels are the "true" distribution: the
empirical $p$ puts probability $1/N$ on each observed pair $(x_i, y_i)$. The cross entropy between them is
$-\frac1N\sum_i \ln q(y_i \mid x_i)$: the cross-entropy loss (log loss). Since $H(p)$ does not depend on the model,
minimising the loss is minimising $\mathrm{KL}(p\,\|\,q)$, and it is maximum likelihood.
""",
        ),
    ),
)

# ----------------------------------------------------------------------------------------------- controls

TEMPERATURE_HELP = (
    "q ∝ p^(1/T). T = 1: q = p. T > 1: flatter than p (under-confident). T < 1: sharper (over-confident)."
)
C_HELP = (
    "Inverse strength of the penalty on the weights of the logistic regression: small C keeps "
    "every q(y|x) near 0.5, large C lets the model be sure."
)

# ----------------------------------------------------------------------------------------------- numbers

ENTROPY_HELP = "Bits per symbol with the code built for p itself."
CROSS_ENTROPY_HELP = "Bits per symbol with the code built for q."
KL_HELP = "Bits per symbol wasted by the model."
MEASURED_HELP = (
    "A message of {n:,} symbols drawn from p, sent with an arithmetic code built for q "
    "(bits counted, then decoded back to check)."
)
INFINITE = (
    "The model gives probability 0 to {zero}, which does occur under p. A code built for q "
    "reserves no codeword for it, so the message cannot be sent at any finite length: H(p, q) = "
    "KL(p‖q) = ∞. Give every outcome a little weight and the cost becomes finite."
)

# ----------------------------------------------------------------------------------------------- tabs

STACK_CAPTION = (
    "The whole bar is H(p, q) = {h_pq:.3f} bits: the {h:.3f} bits the source really needs "
    "plus {kl:.3f} bits wasted because the code trusts q. Grey bars: bits per symbol actually "
    "used to send the same {n:,} symbols drawn from p with an arithmetic code built for q and "
    "with one built for p (it codes the whole message as one number, so no bits are lost to rounding; a "
    "random message lands close to, not exactly on, its expected cost)."
)
FIRST_SYMBOLS = "**The first {shown} symbols, one codeword each** (Shannon codes, ⌈−log₂ q(x)⌉ and ⌈−log₂ p(x)⌉ bits):"
FIRST_SYMBOLS_BITS = (
    "These {count} symbols take {bits_p} bits with the code for p and {bits_q} bits with the code for q."
)
NO_MESSAGE = "With H(p, q) = ∞ there is no finite message to show."
BLOCKS_CAPTION = (
    "Shannon codes with codeword lengths ⌈−log₂ q(block)⌉ (vermillion) and ⌈−log₂ p(block)⌉ (blue). "
    "Longer blocks remove the rounding loss (shaded: at most 1/n bit): the code for p falls to H(p), "
    "the code for q only to H(p, q). The gap that no block length removes is KL(p‖q). Diamonds: the "
    "message of {n:,} symbols."
)
CLASSIFIER = (
    "A logistic regression q(y | x) fitted to {n} labelled points (two moons, seed above). Its "
    "training loss is the cross entropy between the labels and the model."
)
LOSS_MAP_CAPTION = (
    "Background: the model's q(y = 1 | x), white where it is unsure (0.5, the dark line). Each dot "
    "is a training point in its true class's colour, sized by its loss −ln q(true y | x): a point "
    "on the wrong side of the line is a big dot and dominates the average."
)
LOSS_HELP = "Mean of −ln q(true y | x) over the {n} points (core.info.cross_entropy_loss)."
SKLEARN_HELP = "sklearn.metrics.log_loss on the same predictions: the same number, computed independently."
ACCURACY_HELP = "Fraction of points on the right side of the line: the loss also rewards confidence."
FIRST_POINTS = "**The first {k} points:** the loss of each is −ln of the probability given to its true class."
