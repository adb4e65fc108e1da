"""What the page "core_challenge" says: the slide's words and the page's prose.

Notation: the model is q_θ (decoder q_θ(x | z), likelihood q_θ(x), exact posterior q_θ(z | x)); p(z) is the
prior; q_φ(z | x) is a Gaussian approximation of the posterior (the proposal of importance sampling, the q of
the ELBO). In plain text (charts, numbers) they are written qθ and qᵩ.
"""

from lecture import PageText, Quiz, Slide

SLIDE = Slide(
    "core_challenge",
    "The core challenge",
    "To compute the likelihood we must integrate over z: this integral is intractable.",
    (
        "To compute likelihood: q(x) = ∫ q(x|z) p(z) dz",
        "This integral is intractable",
        "Leads to approximation methods",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"q_\theta(x) \;=\; \int q_\theta(x \mid z)\, p(z)\, dz \;=\; "
        r"\mathbb{E}_{z \sim p(z)}\big[q_\theta(x \mid z)\big]"
        r"\;\approx\; \frac{1}{S}\sum_{s=1}^{S} q_\theta(x \mid z_s),\quad z_s \sim p(z)",
        r"q_\theta(x) \;=\; \mathbb{E}_{z \sim q_\phi(z \mid x)}\!\left["
        r"\frac{q_\theta(x \mid z)\,p(z)}{q_\phi(z \mid x)}\right]"
        r"\;\approx\; \frac{1}{S}\sum_{s=1}^{S} \frac{q_\theta(x \mid z_s)\,p(z_s)}{q_\phi(z_s \mid x)},"
        r"\quad z_s \sim q_\phi(z \mid x)",
    ),
    where=r"$p(z)$: the prior over explanations; $q_\theta(x \mid z)$: the model's decoder (parameters $\theta$), "
    r"$q_\theta(x)$ its likelihood and $q_\theta(z \mid x)$ its exact posterior; $q_\phi(z \mid x)$: a Gaussian close "
    r"to that posterior (the proposal of importance sampling). All logarithms are natural: values in nats.",
    quizzes=(
        Quiz(
            r"You average $q_\theta(x \mid z_s)$ over $S = 10$ prior samples, many times, and take the log of each "
            r"average. Compared with the true $\log q_\theta(x)$, the mean of these logs is…",
            ("exactly right (the estimator is unbiased)", "too low", "too high", "random, with no systematic error"),
            answer=1,
            explain=r"The average of $q_\theta(x \mid z_s)$ is unbiased for $q_\theta(x)$, but log is concave, so "
            r"$\mathbb{E}[\log \hat q] \le \log \mathbb{E}[\hat q] = \log q_\theta(x)$ (Jensen). The bias shrinks "
            "as S grows: the purple line on the chart climbs towards the exact value.",
            feedback=(
                "The average itself is unbiased, but its log is not: the log of an average is not the average of "
                "the logs.",
                "Yes: a concave log turns the unbiased average into a downward-biased log.",
                "The bias goes the other way: rare large terms pull the average up, but most averages miss them "
                "and come out small.",
                "The estimates do scatter, but not evenly around the truth: most of them lie below it.",
            ),
        ),
    ),
)

#: "What to notice", one sentence per panel, chosen by what the panels show now (filled from their numbers).
NOTICE_PRIOR = {
    "fails": "Averaging qθ(x | z) over prior samples is right on average for qθ(x), but its log comes out too low "
    "(Jensen), and with d = {d} latent dimensions almost no prior sample explains x: after {S} samples the average "
    "is still {shortfall:.1f} nats below the exact value (compare d = 4).",
    "close": "With d = {d}, prior samples still find the posterior: after {S} samples their average is within "
    "{mc_miss:.2f} nats of the exact log qθ(x). The miss grows quickly with d: try d = 30.",
    "one": "With one latent number (x = z²) prior samples cover the posterior well: after {S} samples they are "
    "within {mc_miss:.2f} nats of the exact log qθ(x). Prior sampling fails only when z has many dimensions "
    "(choose the linear-Gaussian model).",
}
NOTICE_IS = {
    "hits": "Importance sampling aims its samples at the posterior: {ess_is} of its {S} samples count (against "
    "{ess_mc} for prior sampling), and it lands within {is_miss:.2f} nats of the exact value. Good approximations "
    "of the posterior are the key to likelihoods.",
    "wide": "Importance sampling misses by {is_error} nats here: only {ess_is} of its {S} samples count. A "
    "proposal wider than the posterior wastes its samples, the more so the larger d (width 1 makes qᵩ exact in this "
    "model).",
    "few": "Importance sampling misses by {is_error} nats here: one Gaussian qᵩ cannot match the two-peaked "
    "posterior of x = z², and only {ess_is} of its {S} samples count. More samples close the gap.",
}
NOTICE_ELBO = {
    False: "The ELBO ({elbo} nats) lies below log qθ(x) ({log_p}) by exactly KL(qᵩ ‖ qθ(z|x)) = {gap:.2f} "
    "nats: move qᵩ onto the exact posterior (or press Maximise ELBO) and the bound becomes tight; the best Gaussian "
    "leaves {best_gap:.2f} nats.",
    True: "The ELBO ({elbo} nats) lies below log qθ(x) ({log_p}) by exactly KL(qᵩ ‖ qθ(z|x)) = {gap:.2f} "
    "nats. With two posterior peaks one Gaussian cannot close it: even the best keeps {best_gap:.2f} nats.",
}

#: Two derivations, each under its section: the estimators' (Jensen, then the dimension paragraph filled from the
#: page's linear-Gaussian model) and the ELBO's identity.
DEEPER_ESTIMATOR_TITLE = "why prior sampling fails in high dimension"
DEEPER_JENSEN = r"""
**Jensen.** $\hat q = \frac1S \sum_s q_\theta(x \mid z_s)$ has $\mathbb{E}[\hat q] = q_\theta(x)$, but $\log$ is
concave, so $\mathbb{E}[\log \hat q] \le \log q_\theta(x)$; for large $S$ the bias is about
$-\mathrm{Var}(\hat q) / (2\, q_\theta(x)^2)$.
"""
DEEPER_ELBO_TITLE = "the ELBO identity"
DEEPER_ELBO = r"""
For any density $q_\phi(z)$ with $q_\phi > 0$ where the posterior is,
$$\log q_\theta(x) = \mathbb{E}_{q_\phi}[\log q_\theta(x)] = \mathbb{E}_{q_\phi}\!\left[\log
\frac{q_\theta(x, z)}{q_\phi(z)}\right] + \mathbb{E}_{q_\phi}\!\left[\log \frac{q_\phi(z)}{q_\theta(z \mid x)}\right]
= \mathrm{ELBO}(q_\phi) + \mathrm{KL}(q_\phi \,\|\, q_\theta(z\mid x)),$$
using $q_\theta(x) = q_\theta(x, z) / q_\theta(z \mid x)$ inside the expectation, with
$q_\theta(x, z) = q_\theta(x \mid z)\,p(z)$. As $\mathrm{KL} \ge 0$, $\mathrm{ELBO}(q_\phi) \le \log q_\theta(x)$,
with equality iff $q_\phi = q_\theta(z \mid x)$. Maximising the ELBO over $q_\phi$ is variational inference;
maximising it also over the decoder's $\theta$ is how a VAE is trained.
"""
#: The derivation's last paragraph, filled from the linear-Gaussian model the page builds (its d and seed).
DEEPER_DIMENSION = (
    r"**Dimension.** In the linear-Gaussian model on this page ($d = {d}$) the posterior of a latent has on "
    r"average {variance:.2f} of the prior's variance. A prior sample lands in the posterior's bulk with probability "
    r"roughly $e^{{-\mathrm{{KL}}(q_\theta(z\mid x)\,\|\,p(z))}}$, and that KL grows about linearly in $d$: here it "
    r"is {kl:.1f} nats ({kl_per_dim:.2f} per dimension), so on the order of $e^{{{kl:.1f}}}$ ≈ {samples} prior "
    r"samples are needed; at $d = {d_max}$ it is {kl_max:.1f} nats ({kl_max_per_dim:.2f} per dimension), about "
    r"{samples_max} samples. Importance sampling with $q_\phi \approx q_\theta(z \mid x)$ avoids the search; its "
    r"weight variance still grows with $d$ when $q_\phi$ is too wide (try width 3)."
)

#: The models of the estimator panel and the decoders of the ELBO panel, as a person reads them.
MODELS = {"linear": "Linear-Gaussian", "square": "Nonlinear: x = z²"}
DECODERS = {"linear": "x = 1.5 z", "square": "x = z²", "tanh": "x = 2 tanh(2z)"}

HELP_MODEL = (
    "Linear-Gaussian: x = A z + noise with z in d dimensions (d is yours to choose); exact log qθ(x) in closed "
    "form. Nonlinear: x = z² + noise with one latent number z; the exact value comes from numerical integration "
    "(quadrature)."
)
HELP_DIM = "The prior must be searched in d dimensions; the posterior fills a shrinking part of it."
HELP_SEEDS = "Each thin line is one run; the thick line is their average."
HELP_WIDTH = (
    "qᵩ(z|x) = N(posterior mean, (width × posterior sd)²). In the linear-Gaussian model the posterior is Gaussian, "
    "so width 1 makes qᵩ exact (every weight equals qθ(x)). For x = z² the posterior has two peaks and no Gaussian "
    "is exact. Wider is safer but noisier."
)
DRAWING = "Drawing samples…"

HELP_EXACT = "Closed form (linear-Gaussian) or quadrature on a fine grid (1-D nonlinear)."
MC_LABEL = "prior MC, S = {S}"
IS_LABEL = "IS with qᵩ, S = {S}"
HELP_AVERAGE = "Average over {runs} runs; error {error:+.3f} nats."
HELP_SPREAD = "Standard deviation over the runs."
SAMPLES_OF = "of {S}"
HELP_ESS_MC = (
    "Effective sample size (Σw)²/Σw² of the first run: most prior samples explain x so badly that their "
    "weight is almost 0."
)
HELP_ESS_IS = "Effective sample size of importance sampling (first run)."
HELP_D = "Where the integral over z lives."
TOO_FEW = (
    "With d = {d}, {S} prior samples are not enough: the estimate is {shortfall:.1f} nats too low on average. Only "
    "the rare z that explain x count, and they get rarer exponentially as d grows. Importance sampling aims its "
    "samples at the posterior instead."
)

ELBO_TITLE = "The ELBO: a bound we can compute"
ELBO_FORMULA = (
    r"\log q_\theta(x) \;=\; \underbrace{\mathbb{E}_{q_\phi(z\mid x)}\big[\log q_\theta(x \mid z)\big] - "
    r"\mathrm{KL}\big(q_\phi(z \mid x)\,\|\,p(z)\big)}_{\mathrm{ELBO}(q_\phi)} \;+\; "
    r"\underbrace{\mathrm{KL}\big(q_\phi(z \mid x)\,\|\,q_\theta(z \mid x)\big)}_{\ge 0}"
)
ELBO_WHERE = (
    r"$q_\phi(z \mid x) = \mathcal{N}(m, s^2)$: the approximate posterior; the ELBO needs only the decoder "
    r"$q_\theta(x \mid z)$ and the prior $p(z)$, never the intractable $q_\theta(x)$, yet it is never above "
    r"$\log q_\theta(x)$."
)
HELP_DECODER = (
    "x = 1.5 z: the posterior is Gaussian, qᵩ can match it exactly. x = z²: two explanations z = ±√x, a two-peaked "
    "posterior. x = 2 tanh(2z): saturates, a skewed posterior. Each adds Gaussian noise to x."
)
HELP_FIT = (
    "Variational inference: the Gaussian with the largest ELBO, searched from where m and s are now and from a few "
    "other starts (one start can stall on a saddle); of two equally good fits, the one nearer the current m."
)
BAR_CAPTION = (
    "Both bars start at the same point on the left; compare their right ends. The ELBO (vermillion) plus "
    "the KL gap (orange) always reaches exactly log qθ(x) (blue)."
)
HELP_LOG_P = "Exact, by quadrature over z."
HELP_ELBO = "E over qᵩ of log qθ(x, z), plus the entropy of qᵩ."
HELP_KL = "Computed on its own from qᵩ and the exact posterior: equal to the gap."
TWO_MODES = (
    "Here the exact posterior has two peaks, near z = −{peak:.2f} and z = +{peak:.2f}: a negative and a positive z "
    "explain x equally well. No single Gaussian matches both: the best one keeps a gap of {best_gap:.2f} nats "
    "(log 2 = 0.69 once the peaks are far apart and it covers one of them)."
)
