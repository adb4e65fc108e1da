"""What the page "prerequisites" says: the slide's words and the page's prose."""

from lecture import PageText, Quiz, Slide

SLIDE = Slide(
    "prerequisites",
    "Prior, posterior and variational inference",
    "Prior: belief before seeing data. Posterior: belief after seeing data. "
    "Variational inference: approximate what we can't compute.",
    (
        "Prior: belief before seeing data",
        "Posterior: belief after seeing data",
        "Variational Inference: approximate what we can't compute",
        "Replace true posterior with a simpler one; optimize closeness",
    ),
)

# ----------------------------------------------------------------------------- 1 · the coin

COIN_HEADING = "1 · Prior to posterior: a coin with unknown bias"

#: Labels of the prior presets (core.bayes.PRIOR_PRESETS) and of the custom prior.
PRIOR_LABELS = {
    "flat": "Flat: Beta(1, 1)",
    "sceptical": "Sceptical: Beta(10, 10)",
    "confident": "Confident of heads: Beta(8, 2)",
    "custom": "Custom a, b",
}
SOURCES = {"simulate": "Simulate", "hand": "Flip by hand", "typed": "Type a sequence"}

FLIP_LIMIT = "{limit} flips is the limit: Undo or Reset to go on."
#: The typed sequence's cap: every flip the page uses (MAX_FLIPS = 1000) with ", " after each still fits.
SEQ_MAX_CHARS = 4000
HELP_SEQ = (
    "H or h = heads, T or t = tails; spaces and commas are ignored. At most {cap:,} characters; the page uses the "
    "first {limit:,} flips."
)
HELP_BIAS = "P(heads) of the simulated coin: hidden from the model, which sees only the flips."
NO_FLIPS_TYPED = "No flips typed yet, so the posterior is still the prior. Type H and T, e.g. HHTH."
PRESS_TO_FLIP = "Press **Heads** or **Tails** to flip: the posterior updates after every flip."

COIN_TITLE = "{k} flip{plural} ({heads} H, {tails} T): posterior Beta({a:g}, {b:g})"
COIN_TITLE_PRIOR = "No flips yet: posterior = prior Beta({a:g}, {b:g})"
COIN_CAPTION = "Shaded: 95% credible interval. Blue line: posterior mean."
COIN_CAPTION_TRUE_BIAS = (
    "Shaded: 95% credible interval. Blue line: posterior mean; dotted black line: the true bias the flips came from."
)
FLIPS_SO_FAR = "Flips so far: `{flips}`"
FLIPS_SO_FAR_CUT = "Flips so far: `…{flips}`"
FLIPS_SO_FAR_NONE = "Flips so far: none"

HELP_POSTERIOR_MEAN = "E[θ | flips] = (a + h) / (a + b + h + t). It is also P(next flip = heads | flips so far)."
CREDIBLE_INTERVAL = "{lower:.3f} – {upper:.3f}"
HELP_CREDIBLE_INTERVAL = "θ lies in this interval with probability 0.95, given the prior and the flips."
NO_FLIPS_YET = "no flips yet"
HELP_FREQUENCY = "h / (h + t): the maximum-likelihood estimate, which ignores the prior."
HELP_COIN_EVIDENCE = "Log evidence of the flips so far: ln B(a + h, b + t) − ln B(a, b)."

# ----------------------------------------------------------------------------- 2 · variational inference

VI_HEADING = "2 · When the posterior can't be computed: variational inference"
VI_FORMULAS = (
    r"\log p(x) \;=\; \underbrace{\mathbb{E}_{q}\!\left[\log p(x, \theta)\right] - \mathbb{E}_{q}\!\left[\log "
    r"q(\theta)\right]}_{\mathrm{ELBO}(q)} \;+\; \underbrace{\mathrm{KL}\big(q(\theta)\,\|\,p(\theta \mid x)\big)}"
    r"_{\ge\, 0}",
)
VI_WHERE = (
    r"$q(\theta) = \mathcal{N}(\mu, \sigma^2)$: the simple stand-in for the posterior $p(\theta \mid x)$. "
    r"The ELBO needs only $p(x, \theta)$, never $p(x)$; raising it lowers KL$(q\,\|\,p)$ by the same amount."
)

TARGET_LABELS = {
    "two_modes": "Two modes",
    "logistic": "Logistic regression",
    "gaussian": "Gaussian (exact check)",
}
TARGET_STORY = {
    "two_modes": "Six measurements of one quantity θ: three near −2, three near +2, with heavy-tailed (Cauchy) "
    "noise and a prior N(0.5, 2²). Either group could be the outliers, so the posterior has two modes.",
    "logistic": "Eight labelled points x in (−2, 2); P(y = 1 | x, θ) = sigmoid(θ x) with prior θ ~ N(0, 1.5²). "
    "No closed form, and the posterior is skewed: a steep slope is hard to rule out.",
    "gaussian": "Five points y ~ N(θ, 1), prior θ ~ N(0, 1). Conjugate: the posterior IS Gaussian, so the best q "
    "matches it exactly and the ELBO reaches log p(x).",
}
HELP_FIT = "Maximise the ELBO starting from your q: L-BFGS on (μ, log σ) with exact gradients, about ten iterations."

VI_TITLE = "Exact posterior (on a grid) and the Gaussian q"
LANDSCAPE_CAPTION = (
    "Landscape: darker = higher ELBO (the scale stops at log p(x), which no q can pass). Black dot: your q. "
    "Switch on the fit to watch the optimiser climb from it."
)
LANDSCAPE_CAPTION_FIT = (
    "Landscape: darker = higher ELBO (the scale stops at log p(x), which no q can pass). Black dot: your q; "
    "vermillion: the optimiser's path, ending at the diamond (the fitted q). Dashed blue line on the right: log p(x)."
)

HELP_LOG_EVIDENCE = "Log evidence, exact on a grid of {grid} values of θ: the ceiling of the ELBO."
HELP_ELBO = "E_q[log p(x, θ)] + H(q); always ≤ log p(x)."
HELP_KL = "= log p(x) − ELBO: how far your q is from the posterior."
FITTED_Q = "{mean:.2f}, {sd:.2f}"
HELP_FITTED_Q = "q = N(μ, σ²) after {n_iter} L-BFGS iterations"
HELP_FITTED_ELBO = "{gain:+.3f} nats above your q"
HELP_FITTED_KL = "What even the best Gaussian cannot remove."
PREDICTIVE_EXACT = "{label}: exact"
PREDICTIVE_YOURS = "{label}: your q"
PREDICTIVE_FITTED = "{label}: fitted q"
HELP_PREDICTIVE_EXACT = "Predictive probability averaged over the exact posterior."
HELP_PREDICTIVE_YOURS = "The same probability averaged over your q instead."
HELP_PREDICTIVE_FITTED = "The same probability averaged over the fitted q."

# ----------------------------------------------------------------------------- 3 · forward vs reverse KL

KL_HEADING = "3 · Forward vs reverse KL on the two-mode posterior"
KL_CAPTION = (
    "Both fits start from your q (the μ and σ sliders above) on the two-mode posterior with the same data "
    "seed. Variational inference uses the reverse KL(q ‖ p); the forward KL(p ‖ q) is shown for contrast. "
    "Below the table: the reverse fit from many starting q's."
)
STARTS_TITLE = "Reverse KL from {n} starting q's: {one} settle in one mode, {broad} on a broad q"
STARTS_CAPTION = (
    "Each starting q = N(μ₀, σ₀²) with μ₀ in {means} and σ₀ in {sds} is fitted by L-BFGS; fits that end at the same "
    "q are drawn once, the legend says from how many starts. Dashed: a broad q over both modes, a local optimum "
    "of the reverse KL as genuine as the two one-mode fits. Its CSV lists every start."
)
#: Where the reverse-KL fit from your q ends (:func:`scenes.prerequisites.placement`).
PLACEMENT = {
    "left": "inside the left mode",
    "right": "inside the right mode",
    "broad": "on a broad q over both modes",
}
KL_TITLES = {"reverse": "Reverse KL(q ‖ p): mode seeking", "forward": "Forward KL(p ‖ q): mass covering"}

NOTICE_VARIATIONAL = (
    "The blue area is the exact posterior, computed on a grid of θ values: possible here only because θ is a "
    "single number. No Gaussian q can have two bumps, so on the two-mode posterior it must choose.",
    "Reverse KL(q ‖ p) punishes q for putting mass where the posterior has none; from your q its fit settles "
    "{where}. It has several local optima: from {n_starts} starting q's the fits end at {n_optima} different q's, "
    "{n_one} settle inside one mode and {n_broad} on a broad q over both modes. So reverse KL usually, not always, "
    "hides in one mode, and which optimum it finds depends on where it starts.",
    "Forward KL(p ‖ q) punishes missing mass, so q stretches over both modes and centres between them, at the "
    "posterior's mean θ = {forward_mean:.2f}.",
    "Watch the predictive probability {predictive}: the exact posterior gives {p_exact:.3f}, the reverse fit from "
    "your q {p_reverse:.3f}.",
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"\underbrace{p(\theta \mid x)}_{\text{posterior}} \;=\; "
        r"\frac{\overbrace{p(x \mid \theta)}^{\text{likelihood}}\;\overbrace{p(\theta)}^{\text{prior}}}"
        r"{\underbrace{p(x)}_{\text{evidence}}}",
        r"\theta \sim \mathrm{Beta}(a, b),\;\; h \text{ heads},\; t \text{ tails}"
        r"\;\;\Longrightarrow\;\; \theta \mid x \sim \mathrm{Beta}(a + h,\; b + t)",
    ),
    where=r"$\theta$: the unknown (here the coin's bias, P(heads)); $x$: the data (the flips); "
    r"$p(x) = \int p(x\mid\theta)\,p(\theta)\,d\theta$. Natural logs throughout: log-evidences are in nats.",
    notice=(
        "The prior is the dashed grey curve, the posterior the blue one: each heads pushes it right, each tails left, "
        "and the shaded 95% interval narrows as flips accumulate.",
        "A strong prior (sceptical, confident) acts like flips seen before: it pulls the mean towards its own guess "
        "early on, but with many flips the data win and every prior ends near the fraction of heads.",
    ),
    quizzes=(
        Quiz(
            "With a flat Beta(1, 1) prior you see H, H, H. What is P(next flip is heads)?",
            ("1", "0.8", "0.75", "0.5"),
            answer=1,
            feedback=(
                "1 is the fraction of heads so far, the maximum-likelihood answer: it ignores the prior.",
                "Yes: the posterior mean of Beta(4, 1).",
                "0.75 would be Beta(3, 1): the prior adds one pseudo-head and one pseudo-tail, not only a tail.",
                "0.5 is the prior's mean: three heads have moved the posterior.",
            ),
            explain="The posterior is Beta(1 + 3, 1 + 0) = Beta(4, 1), whose mean is 4 / 5 = 0.8 (Laplace's rule of "
            "succession). Only the maximum-likelihood estimate says 1.",
        ),
        Quiz(
            "Your q's ELBO is −18.0 nats and log p(x) = −16.9 nats. What is KL(q ‖ p)?",
            ("−1.1 nats", "1.1 nats", "34.9 nats", "It cannot be known without the posterior"),
            answer=1,
            feedback=(
                "A KL divergence is never negative: the sign is the wrong way round.",
                "Yes: the gap between the evidence and its lower bound.",
                "That adds the two numbers; the KL is their difference.",
                "log p(x) is given here, and log p(x) − ELBO is exactly the KL.",
            ),
            explain="log p(x) = ELBO + KL(q ‖ p), so KL = −16.9 − (−18.0) = 1.1 nats. In practice log p(x) is "
            "unknown, which is exactly why we maximise the ELBO instead of computing the KL.",
        ),
    ),
)

DEEPER_TITLE = "where the ELBO comes from, and why the two KLs disagree"
DEEPER_BODY = r"""
**The identity.** For any density $q(\theta)$, write $p(x, \theta) = p(\theta \mid x)\,p(x)$ and take the
expectation under $q$ of $\log \frac{p(x,\theta)}{q(\theta)}$:

$$\mathbb{E}_q\!\left[\log \frac{p(x,\theta)}{q(\theta)}\right] = \log p(x) + \mathbb{E}_q\!\left[\log
\frac{p(\theta\mid x)}{q(\theta)}\right] = \log p(x) - \mathrm{KL}\big(q \,\|\, p(\cdot\mid x)\big).$$

The left side is the ELBO. Since KL $\ge 0$, ELBO $\le \log p(x)$ (Jensen's inequality gives the same bound),
with equality exactly when $q$ is the posterior. On the **Gaussian mean** posterior the fitted $q$ reaches
this ceiling; on the others a gap remains: the best Gaussian is still not the posterior.

**Conjugacy.**

$$p(\theta \mid x) \propto \theta^{h}(1-\theta)^{t} \cdot \theta^{a-1}(1-\theta)^{b-1}
= \theta^{a+h-1}(1-\theta)^{b+t-1},$$

which is Beta$(a+h, b+t)$: prior and posterior are in the same family, so
the update is just counting. The evidence is $p(x) = B(a+h, b+t) / B(a, b)$.

**Forward KL = moment matching.** For $q = \mathcal{N}(\mu, \sigma^2)$:

$$\mathrm{KL}(p\,\|\,q) = \text{const} - \mathbb{E}_p[\log q(\theta)]
= \text{const} + \log\sigma + \frac{\mathbb{E}_p[(\theta-\mu)^2]}{2\sigma^2}.$$

Setting the derivatives to zero gives $\mu = \mathbb{E}_p[\theta]$ and $\sigma^2 = \mathrm{Var}_p[\theta]$:
$q$ copies the posterior's mean and variance, whatever its shape. Reverse KL
$= \mathbb{E}_q[\log q - \log p(\theta \mid x)]$ is an average under $q$, so regions where $q$ is tiny cost
nothing: $q$ may ignore a whole mode. It has several local optima, though: a $q$ inside either mode, and
sometimes a broad $q$ over both, which pays for the mass it puts in the dip but gains entropy $H(q)$. Which
optimum a fit finds depends on where it starts.

"""
#: The derivation's last paragraph: ``{grid}`` is the number of grid values, ``{grid_tex}`` the same in LaTeX.
DEEPER_GRID = """\
**Why a grid is not the answer.** The exact posterior here uses {grid} values of one parameter. With $d$
parameters the same resolution needs ${grid_tex}^d$ points: a VAE's decoder has millions of parameters and a
latent $z$ per data point, so its posterior is approximated with a $q$ and an ELBO, exactly as on this page.
"""
