"""What the page "likelihood" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "likelihood",
    "Likelihood-based models",
    "Directly learn the distribution's density (or mass) function via (approximate) maximum likelihood.",
    (
        "Directly learn the distribution's probability density (or mass) function via (approximate) maximum likelihood",
        "Autoregressive models (GPT, Transformer (decoder-based), etc.)",
        "Normalizing flows",
        "Energy based models",
        "Variational Autoencoders (VAE)",
        "They can answer: “How likely is this data?” Trained by maximizing likelihood",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(r"\hat\theta \;=\; \arg\max_\theta \; \frac{1}{n}\sum_{i=1}^{n} \log q_\theta(x_i)",),
    where=r"$x_i$: data points drawn from the unknown $p$; $q_\theta$: the model's density; "
    r"$\log q_\theta(x)$ in nats. Every tab below fits one such $q_\theta$ to the same 2-D data.",
    quizzes=(
        Quiz(
            "Why can the energy-based model on this page compute log q(x) exactly, when image EBMs cannot?",
            ("Because its energy is convex", "Because Z can be summed over a grid in 2-D", "Because Langevin gives Z"),
            answer=1,
            explain="Z is an integral over all of x-space; a grid with G points per axis needs G^d cells, which is "
            "fine for d = 2 and impossible for d = 784. Langevin dynamics samples without ever knowing Z.",
        ),
    ),
    deeper=(
        Deeper(
            "why EM never decreases the likelihood",
            r"For any distribution $r(z)$ over the component $z$, Jensen's inequality gives "
            r"$\log q_\theta(x) \ge \sum_z r(z)\log\frac{q_\theta(x,z)}{r(z)}$, with equality when "
            r"$r(z) = q_\theta(z\mid x)$. The **E-step** sets $r$ to that posterior, so the bound touches "
            r"$\log q_\theta(x)$; the **M-step** maximises the bound over $\theta$, so "
            r"$\log q_{\theta_{new}}(x) \ge \text{bound}(\theta_{new}) \ge \text{bound}(\theta_{old}) = "
            r"\log q_{\theta_{old}}(x)$. The VAE's ELBO is the same bound with a learnt encoder $e(z\mid x)$ in "
            r"place of $r$; its gap is $\mathrm{KL}(e(z\mid x)\,\|\,q(z\mid x))$."
            "\n\n"
            r"**Change of variables.** If $z = f(x)$ is invertible, probability is conserved: "
            r"$q(x)\,dx = \mathcal N(z)\,dz$, so $q(x) = \mathcal N(f(x))\,|\det \partial f/\partial x|$. "
            r"A coupling layer $y_u = x_u e^{s(x_c)} + t(x_c)$ has a triangular Jacobian with determinant "
            r"$e^{s(x_c)}$, so the log-determinant is just $s(x_c)$.",
        ),
    ),
)

#: The page's tabs (their labels are also the values of ``?lk_tab=`` in links).
TABS = ("Maximum likelihood (EM)", "Normalizing flow", "Energy-based model", "VAE", "How likely is this data?")

# ----------------------------------------------------------------------------- EM tab

EM_RUNNING = "Running EM..."
EM_FORMULA = (
    r"r_{ik} = \frac{w_k\,\mathcal N(x_i\mid\mu_k,\Sigma_k)}{\sum_j w_j\,\mathcal N(x_i\mid\mu_j,"
    r"\Sigma_j)}\qquad \mu_k = \frac{\sum_i r_{ik}\,x_i}{\sum_i r_{ik}}"
)
EM_WHERE = (
    "E-step: $r_{ik}$, the responsibility of component $k$ for point $x_i$ (its posterior probability). "
    r"M-step: each component's weight $w_k$, mean $\mu_k$ and covariance $\Sigma_k$ are refitted with "
    "the points weighted by $r_{ik}$."
)
EM_STEP_HELP = "0 = the random start; each step is one E-step followed by one M-step."
EM_LOG_LIKELIHOOD = "log-likelihood at step t"
EM_LOG_LIKELIHOOD_HELP = "(1/n) Σ log q(x_i) with the parameters after t EM steps."
EM_CHANGE = "change from step t−1"
EM_CHANGE_HELP = "Never negative: every EM step can only raise the likelihood."
EM_SKLEARN = "scikit-learn, same start"
EM_SKLEARN_HELP = "GaussianMixture started from the same weights, means and covariances, run for t iterations."
EM_GAP = "max |μ − μ sklearn|"
EM_GAP_HELP = (
    "Largest difference between our means and scikit-learn's after t steps "
    "({gap:.1e}: rounding error of floating-point arithmetic)."
)
EM_NOTICE = (
    "Each point's colour mixes its components' colours by the responsibilities r_ik (E-step); each "
    "ellipse is refitted to the points it owns (M-step).",
    "The log-likelihood curve only ever climbs, and scikit-learn's GaussianMixture started from the "
    "same weights, means and covariances lands on the same numbers after the same number of steps.",
)

# ----------------------------------------------------------------------------- flow tab

FLOW_TRAINING = "Training the flow..."
FLOW_FORMULA = (
    r"\log q(x) = \log \mathcal N\big(f(x)\mid 0, I\big) + \log\left|\det "
    r"\frac{\partial f}{\partial x}(x)\right|, \qquad x = f^{-1}(z),\; z\sim\mathcal N(0,I)"
)
FLOW_WHERE = (
    "$f$: an invertible map from data $x$ to base space $z$ (a stack of coupling layers); "
    r"$|\det \partial f / \partial x|$: how much $f$ stretches a small area around $x$."
)
FLOW_LAYERS_HELP = "0 layers = a Gaussian; each layer bends one coordinate as a function of the other."
FLOW_LOG_Q = "average log q(x) on the data"
FLOW_LOGDET = "average log |det ∂f/∂x|"
FLOW_LOGDET_HELP = "The change-of-variables term: how much the flow squeezes data space."
FLOW_MASS = "∫ q(x) dx over the plot"
FLOW_MASS_HELP = "Riemann sum of the exact density over the plotted grid: about 1."
FLOW_NOTICE = (
    "The straight grid of the base space comes out bent in data space: the flow squeezes the "
    "plane onto the data, and the log-determinant term pays for the squeeze with higher density.",
    "With 0 layers the flow is a Gaussian; every coupling layer adds a bend. Holes and separate "
    "clumps (rings, mixture) stay hard: an invertible map can stretch the plane but not tear it.",
)

# ----------------------------------------------------------------------------- energy tab

EBM_FITTING = "Fitting the energy model..."
EBM_RUNNING = "Running Langevin chains..."
EBM_FORMULA = (
    r"q(x) = \frac{e^{-E(x)}}{Z},\quad Z = \int e^{-E(x)}\,dx,\qquad x_{t+1} = x_t - "
    r"\frac{\eta}{2}\nabla_x E(x_t) + \sqrt{\eta}\,\xi_t,\;\; \xi_t\sim\mathcal N(0,I)"
)
EBM_WHERE = (
    "$E(x)$: the energy, low where data is likely; $Z$: the normalising constant. Langevin dynamics: "
    r"step $\eta$ downhill on $E$ plus Gaussian noise $\xi_t$; after many steps $x_t$ is a sample of $q$."
)
EBM_ETA_HELP = "Small: accurate but slow. Large: fast but blurs the distribution."
#: Under the figure, with or without the chains' start points shown.
EBM_CAPTION_STARTS = (
    "Green: the {chains} Langevin chains after {steps:,} steps; grey rings: where they started (uniform over the "
    "plot). Below: their average energy, which settles at the energy of q when they sample it."
)
EBM_CAPTION = (
    "Green: the {chains} Langevin chains after {steps:,} steps. Below: their average energy, which settles at the "
    "energy of q when they sample it."
)
EBM_LOG_Z = "log Z (grid integral)"
EBM_LOG_Z_HELP = "Sum of exp(−E) over {cells:,} grid cells times the cell area."
EBM_IMAGE_CELLS = "grid cells for a 28×28 image"
EBM_IMAGE_CELLS_HELP = (
    "{per_axis} points per axis in {dims} dimensions: far beyond any computer. That is why Z is hard."
)
EBM_CHAINS_ENERGY = "mean energy of the chains"
EBM_TARGET_ENERGY = "E_q[E] on the grid"
EBM_TARGET_ENERGY_HELP = "The chains' average energy approaches this value when they sample q."
EBM_NOTICE = (
    "The energy model only says which places are good (low E); dividing by Z, summed here over "
    "{cells:,} grid cells, turns that into a density. In {dims} dimensions the same grid "
    "would need more cells than there are atoms in the universe.",
    "Langevin chains never need Z: they follow −∇E plus noise. Start with 0 steps (random starts), "
    "then add steps; a step size that is too large blurs the samples, one too small barely moves.",
)

# ----------------------------------------------------------------------------- VAE tab

VAE_TRAINING = "Training the VAE..."
VAE_FORMULA = (
    r"\log q(x) \;\ge\; \mathrm{ELBO}(x) = \mathbb E_{e(z\mid x)}\big[\log q(x\mid z)\big] - "
    r"\mathrm{KL}\big(e(z\mid x)\,\|\,p(z)\big),\qquad q(x\mid z)=\mathcal N(Wz+\mu,\sigma^2 I)"
)
VAE_WHERE = (
    r"$z$: a 1-D latent code with prior $p(z) = \mathcal N(0, 1)$; $q(x \mid z)$: the linear decoder; "
    r"$e(z \mid x)$: the encoder (often written $q(z \mid x)$, but $q$ is the model here). Linear, so "
    r"the exact $\log q(x)$ can be computed alongside the ELBO."
)
VAE_STEP_HELP = "Adam steps on the ELBO. The exact log q(x) is computed alongside."
VAE_ELBO = "ELBO"
VAE_LOG_Q = "exact log q(x)"
VAE_GAP = "gap = KL(e(z|x) ‖ q(z|x))"
VAE_GAP_HELP = "How far the encoder is from the true posterior; never negative."
VAE_NOTICE = (
    "The ELBO (purple) is always below the exact log q(x) (vermillion); the space between them is the "
    "KL divergence from the encoder to the true posterior, which training squeezes to zero here.",
    "A linear decoder makes q(x) a single Gaussian stretched along the line Wz + μ: an exact "
    "likelihood, but a poor fit to curved data. Neural decoders fit better and lose the exact log q(x).",
)

# ----------------------------------------------------------------------------- probe tab

PROBE_SCORING = "Scoring x* under every model..."
PROBE_HIGHEST = "highest: {model}"
PROBE_LOWEST = "lowest: {model}"
PROBE_RATIO = "ratio of their densities"
PROBE_RATIO_HELP = "q_high(x*) / q_low(x*) = exp(difference of the log-densities)."
PROBE_NOTICE = (
    "Each dot is a model's answer to “how likely is x*?” in nats; the black tick is the same model's "
    "average over the real data, so a dot left of its tick means x* looks less likely than a "
    "typical data point.",
    "The default x* sits in the empty middle of the moons: the flexible models (mixture, flow, "
    "energy) score it below a typical point, while the linear VAE, a single Gaussian, scores it "
    "above: a likelihood is only as good as the model behind it.",
)
