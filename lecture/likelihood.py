"""What the page "likelihood" says: the slide's words and the page's prose.

Notation: p is the data distribution, q_θ the model; in the VAE tab q_θ(x|z) is the decoder, q_φ(z|x) the encoder
(the approximate posterior) and q_θ(z|x) the model's own, exact posterior. Log-densities are in nats.
"""

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

#: One check-yourself question per tab (order of TABS): each asks about what its own tab shows.
QUIZZES = (
    Quiz(
        "The curve under the picture climbs with every EM step. Why can EM never lower the log-likelihood?",
        (
            "The E-step makes a lower bound touch log q, and the M-step can only raise that bound",
            "Adding components always raises the likelihood",
            "scikit-learn's GaussianMixture checks every step and undoes a bad one",
        ),
        answer=0,
        explain=r"With the responsibilities $r(z) = q_\theta(z \mid x)$ the bound "
        r"$\sum_z r(z) \log\big(q_\theta(x, z) / r(z)\big)$ equals $\log q_\theta(x)$; maximising it over $\theta$ "
        r"can only raise it, and $\log q_\theta(x)$ is never below the bound (see Go deeper).",
        feedback=(
            "The bound touches at the old parameters and the M-step raises it, so log q cannot fall.",
            "K is fixed while t moves: the climb happens with the same components, step by step.",
            "scikit-learn only runs the same two steps from the same start; nothing is undone.",
        ),
    ),
    Quiz(
        "In the data-space panel the base grid, pushed through f⁻¹, crowds together in some places. What is q(x) "
        "there?",
        (
            "Higher: a small area around x holds the probability of a large area of z",
            "Lower: crowded lines mean the flow squeezes probability away",
            "Unchanged: the grid shows the map, not the density",
        ),
        answer=0,
        explain="q(x) = N(f(x)) |det ∂f/∂x|: where f⁻¹ squeezes a square of z into a small patch of x, "
        "|det ∂f/∂x| is large and the same probability is packed into less area.",
        feedback=(
            "The log-determinant term is large where f stretches a small patch of x over a large patch of z.",
            "Probability is conserved, not lost: squeezing the same mass into less area raises the density.",
            "The grid is the density's bookkeeping: its cell areas are exactly the |det| term of the formula.",
        ),
    ),
    Quiz(
        "This tab computes log q(x) = −E(x) − log Z for its energy model. Why is that possible here, but not for an "
        "energy model of 28×28 images?",
        (
            "Z can be summed over a grid in 2-D; the same grid in 784 dimensions has far too many cells",
            "The energy here is convex, so Z has a closed form",
            "The Langevin chains estimate Z as they run",
        ),
        answer=0,
        explain="$Z$ is an integral over all of x-space; a grid with $G$ points per axis needs $G^d$ cells, fine for "
        "$d = 2$ and hopeless for $d = 784$. Langevin dynamics samples without ever knowing $Z$.",
        feedback=(
            "In 2-D a grid that covers all of the mass is cheap; in 784-D it would need G⁷⁸⁴ cells.",
            "It is not convex: the learnt bumps carve several valleys (one per clump of data) into the energy.",
            "The chains use only −∇E; Z never enters their update, so they say nothing about it.",
        ),
    ),
    Quiz(
        "On the right, the ELBO stays below the exact log q(x). What is the gap between the two curves?",
        (
            "The KL divergence from the encoder to the model's exact posterior",
            "The KL divergence from the encoder to the prior p(z)",
            "The decoder's reconstruction error",
        ),
        answer=0,
        explain=r"$\log q_\theta(x) = \mathrm{ELBO}(x) + \mathrm{KL}\big(q_\phi(z \mid x)\,\Vert\,q_\theta(z \mid x)"
        r"\big)$: the bound is tight exactly when the encoder equals the model's posterior, which a linear VAE can "
        "reach.",
        feedback=(
            "The gap closes when the encoder matches the posterior, as it does here by the last step.",
            "That KL is a term inside the ELBO (it pulls the encoder towards the prior), not the gap to log q(x).",
            "The reconstruction term is part of the ELBO; the gap is what the ELBO misses of log q(x).",
        ),
    ),
    Quiz(
        "Two models give x* different log-densities. Which numbers tell you which model to trust more?",
        (
            "Their average log q over the data (the ticks): higher means the model explains the data better",
            "Their log q(x*) (the dots): a model that finds x* likely is the more confident one",
            "None: log-densities of different models cannot be compared",
        ),
        answer=0,
        explain="The average log-likelihood of data is the yardstick maximum likelihood optimises (on held-out data "
        "it also guards against overfitting); a single point's score says nothing about the model's quality.",
        feedback=(
            "The model with the higher average log q explains the data better; its answer at x* is worth more.",
            "A poor model can score an odd point highly, as one Gaussian does for a point between two clumps of data.",
            "They can be compared: all are densities on the same plane, in the same unit (nats).",
        ),
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(r"\hat\theta \;=\; \arg\max_\theta \; \frac{1}{n}\sum_{i=1}^{n} \log q_\theta(x_i)",),
    where=r"$x_i$: data points drawn from the unknown $p$; $q_\theta$: the model's density; "
    r"$\log q_\theta(x)$ in nats. Every tab below fits one such $q_\theta$ to the same 2-D data.",
    quizzes=QUIZZES,
    deeper=(
        Deeper(
            "why EM never decreases the likelihood",
            r"For any distribution $r(z)$ over the component $z$, Jensen's inequality gives a lower bound on the "
            r"log-likelihood:"
            "\n\n"
            r"$$\log q_\theta(x) \;=\; \log \sum_z r(z)\,\frac{q_\theta(x, z)}{r(z)} \;\ge\; \sum_z r(z)\,"
            r"\log\frac{q_\theta(x, z)}{r(z)} \;=:\; \mathcal L(r, \theta),$$"
            "\n\n"
            r"with equality when $r(z) = q_\theta(z \mid x)$. The **E-step** sets $r$ to that posterior (the "
            r"responsibilities $r_{ik}$), so the bound touches $\log q_\theta(x)$; the **M-step** maximises the bound "
            r"over $\theta$. Hence"
            "\n\n"
            r"$$\log q_{\theta_{\text{new}}}(x) \;\ge\; \mathcal L(r, \theta_{\text{new}}) \;\ge\; "
            r"\mathcal L(r, \theta_{\text{old}}) \;=\; \log q_{\theta_{\text{old}}}(x).$$"
            "\n\n"
            r"The VAE's ELBO is the same bound with a learnt encoder $q_\phi(z \mid x)$ in place of $r$; its gap is "
            r"$\mathrm{KL}\big(q_\phi(z \mid x)\,\big\Vert\,q_\theta(z \mid x)\big)$.",
        ),
        Deeper(
            "the change of variables behind a flow",
            r"If $z = f(x)$ is invertible, probability is conserved: $q(x)\,dx = \mathcal N(z)\,dz$, so"
            "\n\n"
            r"$$q(x) \;=\; \mathcal N\big(f(x)\big)\,\left|\det \frac{\partial f}{\partial x}(x)\right|.$$"
            "\n\n"
            r"A coupling layer keeps one coordinate $x_c$ and moves the other, $y_u = x_u\,e^{s(x_c)} + t(x_c)$. "
            r"Its Jacobian is triangular, so its determinant is the product of the diagonal, $e^{s(x_c)}$, and the "
            r"log-determinant is just $s(x_c)$: a stack of such layers has an exact $\log q(x)$ at the cost of one "
            r"pass.",
        ),
        Deeper(
            "why unadjusted Langevin is only approximately right",
            r"The update $x_{t+1} = x_t - \tfrac{\eta}{2}\nabla E(x_t) + \sqrt{\eta}\,\xi_t$ is one Euler step of "
            r"the Langevin diffusion $dx = -\tfrac12 \nabla E(x)\,dt + dW$, whose stationary law is exactly "
            r"$q \propto e^{-E}$. A finite step $\eta$ adds an error of order $\eta$: for a Gaussian energy "
            r"$E(x) = x^2 / (2\sigma^2)$ the chain settles at the variance"
            "\n\n"
            r"$$\operatorname{Var}_\infty \;=\; \frac{\sigma^2}{1 - \eta / (4\sigma^2)} \;>\; \sigma^2,$$"
            "\n\n"
            r"slightly too wide. A Metropolis accept/reject step (MALA) removes the bias; smaller steps shrink it "
            r"but need more of them.",
        ),
    ),
)

#: The page's tabs (their labels are also the values of ``?lk_tab=`` in links).
TABS = ("Maximum likelihood (EM)", "Normalizing flow", "Energy-based model", "VAE", "How likely is this data?")
#: The data controls every tab shows under its own controls.
DATA_LABEL = "Data set"

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
EM_LOG_LIKELIHOOD_HELP = "(1/n) Σᵢ log q(xᵢ) with the parameters after t EM steps."
EM_CHANGE = "change from step t−1"
EM_CHANGE_HELP = "Never negative: every EM step can only raise the likelihood."
EM_SKLEARN = "scikit-learn, same start"
EM_SKLEARN_HELP = "GaussianMixture started from the same weights, means and covariances, run for t iterations."
EM_GAP = "max |μ − μ sklearn|"
EM_GAP_HELP = (
    "Largest difference between our means and scikit-learn's after t steps "
    "({gap:.1e}: rounding error of floating-point arithmetic)."
)
EM_TITLE = "Points coloured by their responsibilities; ellipses: the K components (2σ)"
EM_DESCRIBE = (
    "Scatter plot of the {n} data points, each coloured by its responsibilities over the K mixture components after "
    "t EM steps (K and t as set beside the chart), with each component drawn as its two-sigma ellipse and its mean "
    "as a diamond."
)
EM_CURVE_TITLE = "Average log-likelihood per step"
EM_CURVE_DESCRIBE = (
    "Line chart of the average log-likelihood in nats per point over {steps} EM steps, climbing with every step; "
    "step {step} is marked (its value is among the key numbers)."
)
EM_NOTICE = (
    "Each point's colour mixes its components' colours by the responsibilities $r_{{ik}}$ (E-step); each of the "
    "K = {k} ellipses is refitted to the points it owns (M-step).",
    "The log-likelihood curve only ever climbs: from {start} at the random start to {now} at step {step} "
    "({end} after {steps} steps). scikit-learn's GaussianMixture, started from the same weights, means and "
    "covariances, reaches {sklearn} at step {step}: the same number.",
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
FLOW_MASS_HELP = (
    "Midpoint sum of the exact density over the plotted window. The flow's q integrates to 1 over the whole plane, "
    "so this is just below 1: the rest of the mass lies outside the window."
)
FLOW_BASE_TITLE = ["Base space z = f(x): data (grey circles)", "and draws z ~ N(0, I) (triangles)"]
FLOW_BASE_DESCRIBE = (
    "Scatter plot of base space: the {n} data points mapped by the flow f as hollow grey circles and {n} draws from "
    "the standard normal as vermillion triangles, over a straight grid."
)
FLOW_DATA_TITLE = ["Data space: q(x), the grid through f⁻¹,", "samples x = f⁻¹(z) (triangles)"]
FLOW_DATA_DESCRIBE = (
    "Heatmap of the flow's exact density q(x) with {layers} coupling layers, the base grid bent by the inverse map, "
    "and {n} samples as vermillion triangles."
)
FLOW_NOTICE = (
    "The straight grid of the base space comes out bent in data space: the flow squeezes the plane onto the data, "
    "and the log-determinant term ({logdet} per point on average) pays for the squeeze with higher density.",
    "With 0 layers the flow is a Gaussian; every coupling layer adds a bend (here {layers}: an average log q of "
    "{log_q}). Holes and separate clumps (rings, mixture) stay hard: an invertible map can stretch the plane but not "
    "tear it.",
)

# ----------------------------------------------------------------------------- energy tab

EBM_FITTING = "Fitting the energy model..."
EBM_RUNNING = "Running Langevin chains..."
EBM_FORMULA = (
    r"q(x) = \frac{e^{-E(x)}}{Z},\quad Z = \int e^{-E(x)}\,dx,\qquad x_{t+1} = x_t - "
    r"\frac{\eta}{2}\nabla_x E(x_t) + \sqrt{\eta}\,\xi_t,\;\; \xi_t\sim\mathcal N(0,I)"
)
EBM_WHERE = (
    "$E(x)$: the energy, low where data is likely; $Z$: the normalising constant, summed here over a grid that holds "
    r"all of the mass. Langevin dynamics: step $\eta$ downhill on $E$ plus Gaussian noise $\xi_t$; after many small "
    r"steps $x_t$ is approximately a sample of $q$ (without a Metropolis correction the chain is biased by an amount "
    r"that shrinks with $\eta$)."
)
EBM_ETA_HELP = "Small: accurate but slow. Large: fast, but the chains settle on a wider, blurred copy of q."
EBM_STEPS_HELP = "0 steps: the chains are still at their uniform random starts."
EBM_STARTS_LABEL = "Show chain starts"
#: Under the figure, with or without the chains' start points shown.
EBM_CAPTION_STARTS = (
    "Vermillion triangles: the {chains} Langevin chains after {steps:,} steps; grey squares: where they started "
    "(uniform over the plot). Below: their average energy, which approaches the average energy under q as the chains "
    "mix; a large step size leaves a gap however long they run (the bias of unadjusted Langevin)."
)
EBM_CAPTION = (
    "Vermillion triangles: the {chains} Langevin chains after {steps:,} steps. Below: their average energy, which "
    "approaches the average energy under q as the chains mix; a large step size leaves a gap however long they run "
    "(the bias of unadjusted Langevin)."
)
EBM_TITLE = "q(x) = exp(−E(x)) / Z and the Langevin chains"
EBM_DESCRIBE = (
    "Heatmap of the energy model's density q(x) with {chains} Langevin chains after {steps} steps of size {eta} drawn "
    "as vermillion triangles{starts}."
)
EBM_DESCRIBE_STARTS = " and their uniform starting points as grey squares"
EBM_TRACE_TITLE = "Do the chains reach q?"
EBM_TRACE_CHAINS = "the chains' mean energy"
EBM_TRACE_TARGET = "target: its average under q"
EBM_TRACE_DESCRIBE = (
    "Line chart of the chains' mean energy over {steps} Langevin steps, ending at {now:.3f} nats, beside the average "
    "energy under q, {target:.3f} nats."
)
EBM_LOG_Z = "log Z (grid integral)"
EBM_LOG_Z_HELP = (
    "Sum of exp(−E) over {cells:,} grid cells times the cell area. The grid spans five widths of the energy's "
    "Gaussian well around the data, so it holds the whole mass: q integrates to 1 over the plane, not just the plot."
)
EBM_IMAGE_CELLS = "grid cells for a 28×28 image"
EBM_IMAGE_CELLS_HELP = (
    "{per_axis} points per axis in {dims} dimensions: far beyond any computer. That is why Z is hard."
)
EBM_CHAINS_ENERGY = "mean energy of the chains"
EBM_TARGET_ENERGY = "average energy under q"
EBM_TARGET_ENERGY_HELP = (
    "The average of E(x) under q, summed on the grid: exact samples of q have this mean energy. Langevin chains "
    "approach it, up to their step-size bias."
)
EBM_NOTICE = (
    "The energy model only says which places are good (low E); dividing by Z, summed here over {cells:,} grid cells "
    "that cover all of the mass, turns that into a density. In {dims} dimensions the same grid would need more cells "
    "than there are atoms in the universe.",
    "Langevin chains never need Z: they follow −∇E plus noise. After {steps:,} steps of size η = {eta}, their mean "
    "energy is {chains} against {target} under q. Start from 0 steps (the random starts) and add steps; a larger "
    "step size settles faster but on a wider, blurred copy of q.",
)

# ----------------------------------------------------------------------------- VAE tab

VAE_TRAINING = "Training the VAE..."
VAE_FORMULA = (
    r"\log q_\theta(x) \;\ge\; \mathrm{ELBO}(x) = \mathbb E_{q_\phi(z\mid x)}\big[\log q_\theta(x\mid z)\big] - "
    r"\mathrm{KL}\big(q_\phi(z\mid x)\,\Vert\,p(z)\big),\qquad q_\theta(x\mid z)=\mathcal N(Wz+\mu,\sigma^2 I)"
)
VAE_WHERE = (
    r"$z$: a 1-D latent code with prior $p(z) = \mathcal N(0, 1)$; $q_\theta(x \mid z)$: the linear decoder; "
    r"$q_\phi(z \mid x)$: the encoder (the approximate posterior); $q_\theta(z \mid x)$: the model's exact posterior. "
    r"The decoder is linear, so the exact $\log q_\theta(x)$ can be computed alongside the ELBO."
)
VAE_STEP_HELP = "Adam steps on the ELBO. The exact log q(x) is computed alongside."
VAE_ELBO = "ELBO"
VAE_LOG_Q = "exact log q(x)"
VAE_GAP = "gap: log q(x) − ELBO"
VAE_GAP_HELP = (
    "log q(x) − ELBO: the KL divergence from the encoder to the model's exact posterior over z; never negative."
)
VAE_TITLE = ["Exact q(x), data (grey circles),", "samples (triangles), decoder line Wz + μ"]
VAE_LINE = "decoder mean W z + μ"
VAE_DESCRIBE = (
    "Heatmap of the linear VAE's exact density after {step} training steps, with the {n} data points as hollow grey "
    "circles, {n} samples as vermillion triangles and the decoder's line W z + μ in black."
)
VAE_CURVE_TITLE = ["ELBO stays below", "the exact log q(x)"]
VAE_CURVE_Q = "exact log q(x)"
VAE_CURVE_ELBO = "ELBO"
VAE_CURVE_DESCRIBE = (
    "Line chart of the average ELBO and the exact log q(x) over {steps} training steps; at step {step} the ELBO is "
    "{elbo:.3f} and log q(x) is {log_q:.3f} nats per point."
)
VAE_NOTICE = (
    "The ELBO (purple) is always below the exact log q(x) (vermillion); the space between them is the KL divergence "
    "from the encoder to the exact posterior: {gap} at step {step}, squeezed to {final} by step {steps}.",
    "A linear decoder makes q(x) a single Gaussian stretched along the line Wz + μ: an exact likelihood, but a poor "
    "fit to curved data. Neural decoders fit better and lose the exact log q(x).",
)

# ----------------------------------------------------------------------------- probe tab

PROBE_SCORING = "Scoring x* under every model..."
PROBE_X = "x* first coordinate"
PROBE_Y = "x* second coordinate"
PROBE_XY_HELP = (
    "The plot keeps its window: a point outside it is marked by a black triangle at the edge, pointing to it."
)
PROBE_BEHIND = "Density behind the points"
PROBE_HIGHEST = "highest: {model}"
PROBE_LOWEST = "lowest: {model}"
PROBE_RATIO = "ratio of their densities"
PROBE_RATIO_HELP = "The highest q(x*) divided by the lowest: exp of the difference of the log-densities."
PROBE_DATA_TITLE = ["Data (grey circles) and probe x*", "over q(x) of the {model}"]
PROBE_DATA_DESCRIBE = (
    "Heatmap of the {model}'s density with the {n} data points as hollow grey circles and the probe x* = ({px}, {py}) "
    "as a black cross{outside}."
)
PROBE_OUTSIDE = " (outside the window: a black triangle at the edge points towards it)"
PROBE_DOTS_TITLE = "How likely is x* under each model?"
PROBE_DOTS_AXIS = ["log q(x*) in nats (dot);", "average over the data (tick)"]
PROBE_DOTS_DESCRIBE = (
    "Dot plot of log q(x*) under {n} models, each beside the model's average log q over the data; the highest is "
    "the {high} at {high_value:.3f} nats and the lowest the {low} at {low_value:.3f} nats."
)
PROBE_NOTICE = (
    "Each dot is a model's answer to “how likely is x*?” in nats; the black tick is the same model's average over the "
    "real data, so a dot left of its tick means x* looks less likely than a typical data point.",
)
#: The second sentence, by how the four exact models split around their averages ({below}, {above}: model names).
PROBE_SPLIT = (
    "At x* = ({px}, {py}) the {below} {score_below} it below a typical data point, while the {above} {score_above} it "
    "above: a likelihood is only as good as the model behind it."
)
PROBE_ALL_BELOW = (
    "At x* = ({px}, {py}) all four models score it below a typical data point: it lies away from where they put the "
    "data."
)
PROBE_ALL_ABOVE = (
    "At x* = ({px}, {py}) all four models score it at or above a typical data point: it lies where they all put "
    "the data."
)
