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
    notice=(),  # the page fills the templates of ``NOTICE`` below from the pair on screen
    quizzes=(
        Quiz(
            "In the default picture, q is p flattened at temperature T = 3, and the bar splits H(p, q) into H(p) and "
            "KL(p‖q). Which model makes the orange part, KL(p‖q), vanish?",
            (
                "T = 1, where q is p itself",
                "The uniform model, which treats all six faces alike",
                "A sharper model (T < 1), more sure of the 6",
                "None: a code always wastes some bits",
            ),
            answer=0,
            explain="H(p, q) = H(p) + KL(p‖q), and KL(p‖q) ≥ 0 with equality only when q = p (Gibbs' inequality): "
            "the best model is the truth itself.",
            feedback=(
                "At T = 1, q = p: every symbol gets the codeword length its real frequency deserves.",
                "The uniform model is p flattened all the way (T → ∞): it wastes log₂ 6 − H(p) bits per symbol, "
                "more than at T = 3.",
                "Over-confidence wastes bits too: the rare faces then get longer codewords than their frequency "
                "deserves.",
                "Rounding to whole bits wastes some, but KL(p‖q) is the waste of ideal codeword lengths, and it is "
                "exactly 0 when q = p.",
            ),
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

**Machine learning.** A classifier outputs $q(y \mid x)$. The labelled data stand in for the true distribution:
the empirical $\hat p$ puts probability $1/N$ on each observed pair $(x_i, y_i)$. The cross entropy between them is
$H(\hat p, q) = -\frac1N\sum_i \ln q(y_i \mid x_i)$ nats: the cross-entropy loss (log loss). Since $H(\hat p)$ does
not depend on the model, minimising the loss is minimising $\mathrm{KL}(\hat p\,\|\,q)$, and it is maximum
likelihood.
""",
        ),
    ),
)

#: One precise line under the slide's words (the slide's wording is kept as it is).
PRECISELY = (
    "Precisely: H(p, q) is the average number of bits per symbol with a code built for q when the symbols come from p."
)

#: "What to notice", filled from the pair on screen: ``BARS`` with the model's ``MODELS`` note, then ``COST`` (or
#: ``SAME`` when q is p) and ``BEST``; ``INFINITE`` replaces the last two when q rules out an outcome of p.
NOTICE = {
    "BARS": "Blue bars are the truth p, vermillion bars the model q ({model}). The code is built for q, so a "
    "symbol x costs −log₂ q(x) bits, but the symbols arrive with the frequencies of p.",
    "COST": "The message of {n:,} symbols from p cost {arith_q:.3f} bits per symbol with the code for q and "
    "{arith_p:.3f} with the code for p: the difference, {diff:.3f}, is this message's measure of "
    "KL(p‖q) = {kl:.3f} bits, the orange part of the bar.",
    "SAME": "Here q is p: both codes are the same, the message costs {arith_p:.3f} bits per symbol either way, and "
    "the orange part of the bar, KL(p‖q), has vanished.",
    "BEST": "No model does better than q = p: then KL(p‖q) = 0 and the cost falls to H(p) = {h:.3f} bits per "
    "symbol, the least any code can spend on symbols from p.",
    "INFINITE": "The model gives probability 0 to {zero}, which p produces: the code for q has no codeword for it, "
    "so H(p, q) = KL(p‖q) = ∞ and no message from p can be sent with it.",
    # the "Longer blocks" tab, in place of COST and BEST
    "BLOCKS": "At n = {n_max} symbols per block the code for q still costs {eq:.3f} bits per symbol and the code "
    "for p {ep:.3f}: longer blocks bring them toward H(p, q) = {h_pq:.3f} and H(p) = {h:.3f}, and the gap between "
    "those limits, KL(p‖q) = {kl:.3f} bits, never closes.",
    # the "Cross-entropy loss in ML" tab, in place of COST and BEST
    "LOSS": "The classifier's training loss is {loss:.3f} nats ({bits:.3f} bits): the average of −ln q(true y | x) "
    "over the {n} points, the cross entropy between the labels and the model; scikit-learn's log_loss gives the "
    "same number.",
    "WRONG": "{wrong} of the {n} points lie on the wrong side of the line (training accuracy {accuracy:.0%}): they "
    "are the biggest dots, each costing more than ln 2 ≈ 0.69 nats, and the largest single loss is {worst:.2f} nats.",
    "C": "Raise C and the model may be surer: the points it gets right then cost less, the ones it gets wrong more.",
}
#: What the model q is, by the model chosen (``{t}``: the temperature).
MODELS = {
    "flatter": "p flattened at temperature T = {t:.1f}",
    "sharper": "p sharpened at temperature T = {t:.1f}",
    "same": "at temperature T = 1: q is p",
    "Uniform": "uniform over the outcomes",
    "My weights": "your weights, normalised",
}

# ----------------------------------------------------------------------------------------------- controls

TEMPERATURE_HELP = (
    "$q_T \\propto p^{1/T}$. T = 1: q = p. T > 1: flatter than p (under-confident). T < 1: sharper (over-confident)."
)
C_HELP = (
    "Inverse strength of the penalty on the weights of the logistic regression: small C keeps "
    "every q(y | x) near 0.5, large C lets the model be sure."
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
