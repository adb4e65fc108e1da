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
    notice=(
        "KL(p‖q) and KL(q‖p) are different numbers: KL measures the cost of using q in place of p, and that cost "
        "depends on which one produces the data.",
        "Where q gives 0 probability to something p can produce, KL(p‖q) is infinite; slide q toward p and every "
        "divergence falls to 0 exactly when q = p.",
        "Fitting one Gaussian to two modes: forward KL covers both modes, reverse KL picks one.",
    ),
    quizzes=(
        Quiz(
            "q(rain) = 0 but p(rain) = 0.2. Which divergence is infinite?",
            ("KL(p‖q)", "KL(q‖p)", "Both", "Neither"),
            answer=0,
            explain="KL(p‖q) averages log p/q over p, and p produces rain where q = 0: log(0.2/0) = ∞. "
            "KL(q‖p) averages over q, which never produces rain, so that term is 0·log 0 = 0.",
        ),
    ),
    deeper=(
        Deeper(
            "Gibbs' inequality, the Gaussian formula, and the two directions",
            r"""
**KL ≥ 0 (Gibbs).** Since $\ln t \le t - 1$,
$-\mathrm{KL}(p\,\|\,q) = \sum_x p(x) \ln\frac{q(x)}{p(x)} \le \sum_x p(x)\Big(\frac{q(x)}{p(x)} - 1\Big)
= \sum_x q(x) - 1 \le 0$, with equality only if $q(x) = p(x)$ wherever $p(x) > 0$.

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

# ----------------------------------------------------------------------------------------------- asymmetry

#: What each pair of distributions stands for (the caption under its chart), by the pair's name.
PAIR_NOTES = {
    "Two different dice": "p: a die loaded toward 6. q: a model that believes in low numbers.",
    "q misses an outcome": "p: real weather, rain included. q: a model that says it never rains.",
    "Broad p, narrow q": "p: a fair die. q: a model sure that 6 comes up.",
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

MONTE_CARLO_HELP = "Mean of log₂ p(x) − log₂ q(x) over n samples from p, ± one standard error."
OTHER_DIRECTION_HELP = "The other direction: different."
GAUSSIANS_CAPTION = (
    "Top: the two densities. Bottom: Monte Carlo estimates for growing n (vermillion: your n), with "
    "error bars of ± 2 standard errors, shrinking like 1/√n around the closed form (dashed). For "
    "small n an estimate can even dip below 0, though KL itself never does."
)

# ----------------------------------------------------------------------------------------------- fitting q

FORWARD_HELP = "The smallest KL(p‖q) any Gaussian reaches; the reverse fit scores {other:.3f} bits on it."
REVERSE_HELP = "The smallest KL(q‖p) any Gaussian reaches; the forward fit scores {other:.3f} bits on it."
FIT_CAPTION = (
    "One Gaussian cannot match two modes, so the direction decides what it gives up. Forward KL(p‖q) "
    "punishes q wherever p has mass and q has little: q stretches over both modes (mode covering; "
    "maximum likelihood does this). Reverse KL(q‖p) punishes q for mass where p has little: q settles on "
    "one mode (mode seeking; variational inference does this)."
)
