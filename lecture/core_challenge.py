"""What the page "core_challenge" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "core_challenge",
    "The core challenge",
    "To compute the likelihood we must integrate over z: this integral is intractable.",
    (
        "To compute likelihood: p(x) = ∫ p(x|z) p(z) dz",
        "This integral is intractable",
        "Leads to approximation methods",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"p(x) \;=\; \int p(x \mid z)\, p(z)\, dz \;=\; \mathbb{E}_{z \sim p(z)}\big[p(x \mid z)\big]"
        r"\;\approx\; \frac{1}{S}\sum_{s=1}^{S} p(x \mid z_s),\quad z_s \sim p(z)",
        r"p(x) \;=\; \mathbb{E}_{z \sim q(z \mid x)}\!\left[\frac{p(x \mid z)\,p(z)}{q(z \mid x)}\right]"
        r"\;\approx\; \frac{1}{S}\sum_{s=1}^{S} \frac{p(x \mid z_s)\,p(z_s)}{q(z_s \mid x)},\quad z_s \sim q(z \mid x)",
    ),
    where=r"$p(z)$: the prior over explanations; $p(x \mid z)$: the decoder; $q(z \mid x)$: a proposal close to the "
    r"posterior $p(z \mid x)$ (importance sampling). All logarithms are natural: values in nats.",
    notice=(
        "Sampling z from the prior and averaging p(x|z) is right on average for p(x), but its log is too low and "
        "noisy for small S (Jensen). As the latent dimension d grows, almost no prior sample explains x: at d = 16 "
        "the average is still more than a nat too low after 10,000 samples (try d = 4, then d = 30).",
        "Importance sampling with a proposal near the posterior hits the exact value with a few samples: good "
        "approximations of p(z | x) are the key to likelihoods.",
        "The ELBO is always below log p(x), and the gap is exactly KL(q ‖ p(z|x)): push q onto the true posterior "
        "and the bound becomes tight. With two posterior modes, one Gaussian cannot close it.",
    ),
    quizzes=(
        Quiz(
            "You average p(x | z_s) over S = 10 prior samples, many times, and take the log of each average. "
            "Compared with the true log p(x), the mean of these logs is…",
            ("exactly right (the estimator is unbiased)", "too low", "too high", "random, with no systematic error"),
            answer=1,
            explain="The average of p(x|z_s) is unbiased for p(x), but log is concave, so E[log p̂] ≤ log E[p̂] = "
            "log p(x) (Jensen). The bias shrinks as S grows.",
        ),
    ),
    deeper=(
        Deeper(
            "the ELBO identity and why prior sampling fails in high dimension",
            r"""
For any density $q(z)$ with $q > 0$ where the posterior is,
$$\log p(x) = \mathbb{E}_q[\log p(x)] = \mathbb{E}_q\!\left[\log \frac{p(x, z)}{q(z)}\right]
 + \mathbb{E}_q\!\left[\log \frac{q(z)}{p(z \mid x)}\right] = \mathrm{ELBO}(q) + \mathrm{KL}(q \,\|\, p(z\mid x)),$$
using $p(x) = p(x, z) / p(z \mid x)$ inside the expectation. As $\mathrm{KL} \ge 0$, $\mathrm{ELBO}(q) \le \log p(x)$,
with equality iff $q = p(z \mid x)$. Maximising the ELBO over $q$ is variational inference; maximising it also over the
decoder is how a VAE is trained.

**Jensen.** $\hat p = \frac1S \sum_s p(x \mid z_s)$ has $\mathbb{E}[\hat p] = p(x)$, but $\log$ is concave, so
$\mathbb{E}[\log \hat p] \le \log p(x)$; for large $S$ the bias is about $-\mathrm{Var}(\hat p) / (2 p(x)^2)$.

**Dimension.** In the linear-Gaussian model here each latent's posterior has about a fifth of the prior's variance.
The prior sample that lands in the posterior's bulk has probability roughly $e^{-\mathrm{KL}(p(z\mid x)\,\|\,p(z))}$,
and that KL grows linearly in $d$ (about 0.8 nats per dimension): at $d = 20$ you need on the order of $e^{16}$
(ten million) samples. Importance sampling with $q \approx p(z \mid x)$ avoids the search; its weight variance
still grows with $d$ when $q$ is too wide (try width 3).
""",
        ),
    ),
)

#: The models of the estimator panel and the decoders of the ELBO panel, as a person reads them.
MODELS = {"linear": "Linear-Gaussian", "square": "Nonlinear: x = z²"}
DECODERS = {"linear": "x = 1.5 z", "square": "x = z²", "tanh": "x = 2 tanh(2z)"}

HELP_MODEL = (
    "Linear-Gaussian: x = A z + noise with z in d dimensions (d is yours to choose); exact log p(x) in closed form. "
    "Nonlinear: x = z² + noise with one latent number z; the exact value comes from numerical integration "
    "(quadrature)."
)
HELP_DIM = "The prior must be searched in d dimensions; the posterior fills a shrinking part of it."
HELP_SEEDS = "Each thin line is one run; the thick line is their average."
HELP_WIDTH = "q(z|x) = N(posterior mean, (width × posterior sd)²): 1 is perfect, wider is safer but noisier."
DRAWING = "Drawing samples…"

HELP_EXACT = "Closed form (linear-Gaussian) or quadrature on a fine grid (1-D nonlinear)."
MC_LABEL = "prior MC, S = {S}"
IS_LABEL = "IS with q, S = {S}"
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
    r"\log p(x) \;=\; \underbrace{\mathbb{E}_{q(z\mid x)}\big[\log p(x \mid z)\big] - "
    r"\mathrm{KL}\big(q(z \mid x)\,\|\,p(z)\big)}_{\mathrm{ELBO}(q)} \;+\; "
    r"\underbrace{\mathrm{KL}\big(q(z \mid x)\,\|\,p(z \mid x)\big)}_{\ge 0}"
)
ELBO_WHERE = (
    r"$q(z \mid x) = \mathcal{N}(m, s^2)$: the approximate posterior; the ELBO needs only $p(x \mid z)$ and "
    r"$p(z)$, never the intractable $p(x)$, yet it is never above $\log p(x)$."
)
HELP_DECODER = (
    "x = 1.5 z: the posterior is Gaussian, q can match it exactly. x = z²: two explanations z = ±√x, a two-peaked "
    "posterior. x = 2 tanh(2z): saturates, a skewed posterior. Each adds Gaussian noise to x."
)
HELP_FIT = "Variational inference: move m and s uphill on the ELBO, starting from where they are now."
BAR_CAPTION = (
    "Both bars start at the same point on the left; compare their right ends. The ELBO (vermillion) plus "
    "the KL gap (orange) always reaches exactly log p(x) (blue)."
)
HELP_LOG_P = "Exact, by quadrature over z."
HELP_ELBO = "E_q[log p(x, z)] + entropy of q."
HELP_KL = "Computed on its own from q and the exact posterior: equal to the gap."
TWO_MODES = (
    "Here the posterior has two modes (z = +√x and z = −√x explain x equally well). One Gaussian q can cover only "
    "one of them, so even the best q keeps a gap of about log 2 = 0.69 nats."
)
