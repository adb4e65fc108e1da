"""What the page "kl" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "kl",
    "Measuring “closeness”: KL divergence",
    "The amount by which the cross-entropy exceeds the entropy is called relative entropy, "
    "or Kullback-Leibler (KL) divergence.",
    (
        "The amount by which the cross-entropy exceeds the entropy is called Relative Entropy, or "
        "Kullback-Leibler (KL) divergence",
        "Used to quantify the difference between one probability distribution and a reference distribution",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(r"\mathrm{KL}(p\,\|\,q) \;=\; \sum_x p(x)\,\log_2\frac{p(x)}{q(x)} \;=\; H(p, q) - H(p) \;\ge\; 0",),
    where=r"$p$: the reference (true) distribution; $q$: the model. Equal to 0 only when $q = p$; not symmetric: "
    r"$\mathrm{KL}(p\,\|\,q) \ne \mathrm{KL}(q\,\|\,p)$ in general; $\infty$ when $q(x) = 0 < p(x)$.",
    notice=(),  # per tab: the page fills ``NOTICE_ASYMMETRY``, ``NOTICE_GAUSSIANS`` or ``NOTICE_FIT`` below
    quizzes=(
        Quiz(
            "In the default picture (two different dice), the tallest term of KL(p‖q) is at outcome 6. Why there?",
            (
                "p(6) = 0.5 is large and q(6) = 0.1 is small: data from p often show a 6, and the code built for q "
                "gives 6 a long codeword",
                "q(6) = 0.1 is the smallest probability that q gives",
                "Every outcome contributes the same; 6 is simply the last one",
                "6 is the largest face value",
            ),
            answer=0,
            explain="Each term of KL(p‖q) is p(x)·log₂(p(x)/q(x)): large where p is large and p/q is large. At 6 "
            "that is 0.5·log₂ 5, while at 1, 2 and 3 (where q > p) the terms are negative.",
            feedback=(
                "The term p(6)·log₂(p(6)/q(6)) = 0.5·log₂ 5 is weighted by p, and p puts half its mass on 6.",
                "q gives 0.1 to 4 and 5 as well, and their terms are 0 because there p = q: a term needs p large "
                "where q is small.",
                "The terms are p(x)·log₂(p(x)/q(x)) and differ by outcome: those of 1, 2 and 3 are even negative.",
                "KL looks only at the probabilities of the outcomes, never at their names or values.",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "Gibbs' inequality, the Gaussian formula, and the two directions",
            r"""
**KL ≥ 0 (Gibbs).** Since $\ln t \le t - 1$ for every $t > 0$ (summing over the $x$ with $p(x) > 0$):

$$-\mathrm{KL}(p\,\|\,q) = \sum_x p(x) \ln\frac{q(x)}{p(x)} \le \sum_x p(x)\Big(\frac{q(x)}{p(x)} - 1\Big)
= \sum_x q(x) - 1 \le 0,$$

with equality only if $q(x) = p(x)$ wherever $p(x) > 0$.

**Two Gaussians.** For $p = \mathcal N(\mu_p, \sigma_p^2)$ and $q = \mathcal N(\mu_q, \sigma_q^2)$,
$$\mathrm{KL}(p\,\|\,q) = \ln\frac{\sigma_q}{\sigma_p} + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2\sigma_q^2} - \frac12
\ \text{nats}$$
(divide by $\ln 2$ for bits). The Monte Carlo estimate averages $\ln p(x_i) - \ln q(x_i)$ over
$x_i \sim p$: unbiased, with standard error $\mathrm{sd}/\sqrt n$. It is how KL is computed when no formula exists.

**Forward vs reverse.** $\mathrm{KL}(p\,\|\,q) = \mathbb E_p[\ln p - \ln q]$: wherever $p$ is large and $q$ tiny,
$-\ln q$ explodes, so $q$ must cover all of $p$. Among Gaussians its minimiser matches the mean and variance of
$p$. $\mathrm{KL}(q\,\|\,p) = \mathbb E_q[\ln q - \ln p]$ only looks where $q$ puts mass: $q$ avoids the valley
between the modes and sits on one. Variational inference minimises this reverse direction (the ELBO), which is
why variational posteriors tend to be too narrow.
""",
        ),
    ),
)

# ----------------------------------------------------------------------------------------------- what to notice

#: "What to notice" of the asymmetry tab (the default), filled from the pair on screen: ``ASYMMETRY`` while q differs
#: from p (``{term}`` may be ∞), ``SAME`` once q is p.
NOTICE_ASYMMETRY = {
    "ASYMMETRY": (
        "Here KL(p‖q) = {kl_pq} bits but KL(q‖p) = {kl_qp} bits: the same two distributions, two different numbers, "
        "because each direction weighs the outcomes by the distribution that produces the data (p in the first, "
        "q in the second).",
        "The largest term of KL(p‖q) (blue) is outcome {x}: p({x}) = {px:.2f} while q({x}) = {qx:.2f}, so data from "
        "p show {x} often and the code built for q gives it a long codeword: p·log₂(p/q) = {term} bits there. "
        "Terms are negative where q > p; the sums never are.",
        "Slide “Move q toward p” (now t = {t:.2f}) and both divergences shrink, to exactly 0 at t = 1, where q is p.",
    ),
    "SAME": (
        "At t = 1 the model q is p itself: every term of both directions is 0, so KL(p‖q) = KL(q‖p) = 0.",
        "That is the only way KL can be 0 (Gibbs' inequality): any difference between q and p costs bits.",
    ),
}
NOTICE_GAUSSIANS = (
    "In closed form KL(p‖q) = {kl_pq:.3f} bits and KL(q‖p) = {kl_qp:.3f} bits: different again, because each "
    "direction averages over a different distribution's samples.",
    "With n = {n:,} samples from p, Monte Carlo estimates {estimate:.3f} ± {se:.3f} bits (black): the error bars "
    "shrink like 1/√n around the closed form (dashed orange).",
    "Give q the same mean and standard deviation as p and both divergences are 0.",
)
#: The fitting tab: the forward fit, the reverse fit (``SEEKS`` one mode or ``COVERS`` a single bump), the scores.
NOTICE_FIT = {
    "FORWARD": "Forward KL(p‖q) fits q with mean {mu_f:.2f} and standard deviation {sd_f:.2f}: exactly p's mean "
    "and spread, so q covers all of p's mass, valley included (mode covering; maximum likelihood does this).",
    "SEEKS": "Reverse KL(q‖p) fits q with mean {mu_r:.2f} and standard deviation {sd_r:.2f}: it sits on the {side} "
    "mode and ignores the other (mode seeking; variational inference does this).",
    "COVERS": "Reverse KL(q‖p) fits q with mean {mu_r:.2f} and standard deviation {sd_r:.2f}: the modes are close "
    "enough to blur into one bump, so this fit covers it too. Move them apart and it jumps onto one of them.",
    "SCORES": "Each fit is best at its own divergence: on KL(p‖q) the forward fit scores {fwd_at_f:.3f} bits and "
    "the reverse fit {fwd_at_r:.3f}; on KL(q‖p) the reverse fit scores {rev_at_r:.3f} and the forward fit "
    "{rev_at_f:.3f}.",
}
SIDES = ("left", "right")

# ----------------------------------------------------------------------------------------------- asymmetry

#: What each pair of distributions stands for (the caption under its chart), by the pair's name.
PAIR_NOTES = {
    "Two different dice": "p: a die loaded toward 6. q at t = 0: a model that believes in low numbers.",
    "q misses an outcome": "p: real weather, rain included. q at t = 0: a model that says it never rains.",
    "Broad p, narrow q": "p: a fair die. q at t = 0: a model sure that 6 comes up.",
}
MOVE_HELP = "q ← (1 − t)·q + t·p. At t = 1 the model is the truth and both divergences are 0."
KL_PQ_HELP = "Bits wasted coding data from p with a code for q."
KL_QP_HELP = "Bits wasted coding data from q with a code for p."
ENTROPY_HELP = "Entropy of p: bits per symbol with the code for p."
CROSS_ENTROPY_HELP = "Bits per symbol with the code for q."
INFINITE = (
    "KL(p‖q) = ∞ because q({zero}) = 0 while p gives it a chance. A code built for q has "
    "no codeword for it, so data from p cannot be sent at any finite cost. The other direction, "
    "KL(q‖p), stays finite: data from q never shows that outcome. Move q a little toward p and "
    "the infinity disappears."
)

# ----------------------------------------------------------------------------------------------- two Gaussians

#: Slider labels (markdown with maths: the subscripts render as subscripts).
MU_P, SD_P, MU_Q, SD_Q = (
    r"Mean of p, $\mu_p$",
    r"Standard deviation of p, $\sigma_p$",
    r"Mean of q, $\mu_q$",
    r"Standard deviation of q, $\sigma_q$",
)
MONTE_CARLO_HELP = "Mean of log₂ p(x) − log₂ q(x) over n samples from p, ± one standard error."
OTHER_DIRECTION_HELP = "The other direction: different."
GAUSSIANS_CAPTION = (
    "Top: the two densities. Bottom: Monte Carlo estimates for growing n (black: your n), with "
    "error bars of ± 2 standard errors, shrinking like 1/√n around the closed form (dashed orange). For "
    "small n an estimate can even dip below 0, though KL itself never does."
)

# ----------------------------------------------------------------------------------------------- fitting q

FORWARD_HELP = "The smallest KL(p‖q) any Gaussian reaches; the reverse fit scores {other:.3f} bits on it."
REVERSE_HELP = "The smallest KL(q‖p) any Gaussian reaches; the forward fit scores {other:.3f} bits on it."
FIT_CAPTION = (
    "One Gaussian cannot match two modes, so the direction decides what it gives up. Forward KL(p‖q) "
    "punishes q wherever p has mass and q has little, so q must cover all of p (mode covering; maximum likelihood "
    "does this). Reverse KL(q‖p) punishes q for mass where p has little, so q stays inside p and, once the modes "
    "stand apart, settles on one of them (mode seeking; variational inference does this)."
)
