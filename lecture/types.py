"""What the page "types" says: the slide's words and the page's prose."""

from dataclasses import dataclass

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "types",
    "Types of generative models",
    "Two types: likelihood-based models and implicit generative models.",
    (
        "Likelihood-based models",
        "Implicit generative models",
    ),
)

#: The implicit family's name: the generator here is a generative moment-matching network (energy distance between
#: generated and data points, no discriminator), not a GAN.
IMPLICIT = "Moment-matching network"

TEXT = PageText(
    SLIDE,
    formulas=(
        r"\text{likelihood-based:}\quad \hat\theta = \arg\max_\theta \sum\nolimits_{i} \log q_\theta(x_i)"
        r"\qquad\qquad \text{implicit:}\quad x = g_\theta(z),\;\; z \sim \mathcal N(0, I)",
    ),
    where=r"$q_\theta(x)$: the model's density, which a likelihood-based model can evaluate (exactly, up to a "
    r"constant, or as a bound); an implicit model only has the sampler $g_\theta$ and no $q_\theta(x)$ at all.",
    notice=(
        "Every panel generates new points, but only {scored} of the six families put a number on x*: the "
        "moment-matching network has no q(x) to evaluate, and the diffusion model would need a bound over all T steps.",
        "At x* = ({px}, {py}) their answers span {spread} nats, from {low} ({low_value}) to {high} ({high_value}). "
        "On the data they nearly agree; away from it each family guesses in its own way, and far out they all drop, "
        "by very different amounts.",
        "Exact likelihoods (autoregressive, flow) cost something: slow sequential sampling or an invertible "
        "architecture; VAEs and energy models relax that with a bound (the VAE's number is an estimate, marked ≈) "
        "or an unknown Z (summed on a grid here, which only works in a few dimensions).",
    ),
    quizzes=(
        Quiz(
            "The moment-matching network's samples cover the moons about as well as the other panels'. Can you use "
            "that model to say, by its likelihood, how unusual x* is?",
            (
                "No: it has a sampler but no q(x) to evaluate",
                "Yes: its generator's output at x* is the density",
                "Yes: counting its samples near x* gives q(x*) exactly",
            ),
            answer=0,
            explain="An implicit model only knows how to sample. Counting nearby samples is a kernel density "
            "estimate (an approximation that depends on the kernel's width and breaks down in high dimensions), "
            "and a GAN's discriminator score is not a density either.",
            feedback=(
                "Training matched its samples to the data without ever writing down q(x).",
                "The generator maps noise z to a point g(z): it takes z, not x, and returns a point, not a density.",
                "Counting gives an estimate that depends on the neighbourhood's size, never the exact q(x*).",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "where each family's likelihood comes from",
            r"**Autoregressive.** The chain rule, each factor a normalised distribution, so $\log q(x)$ is a sum of "
            r"exact terms:"
            "\n\n"
            r"$$q(x) = \prod_{i=1}^{d} q(x_i \mid x_1, \dots, x_{i-1}).$$"
            "\n\n"
            r"**Normalizing flow.** For an invertible $f$ that maps $x$ to $z \sim \mathcal N(0, I)$:"
            "\n\n"
            r"$$\log q(x) = \log \mathcal N\big(f(x)\big) + \log\left|\det \frac{\partial f}{\partial x}\right|.$$"
            "\n\n"
            r"**Energy-based.** $q(x) = e^{-E(x)}/Z$: the ratio $q(x)/q(x') = e^{E(x') - E(x)}$ is easy, $Z$ is the "
            r"hard part (on this page it is summed over a 2-D grid that holds all of the mass)."
            "\n\n"
            r"**VAE.** $q_\theta(x) = \int q_\theta(x \mid z)\,p(z)\,dz$ has no closed form; the ELBO, with an "
            r"encoder $q_\phi(z \mid x)$, is trained instead, and importance sampling estimates $\log q_\theta(x)$ "
            r"afterwards (the panel's ≈):"
            "\n\n"
            r"$$\log q_\theta(x) \;\ge\; \mathbb E_{q_\phi(z\mid x)}\big[\log q_\theta(x\mid z)\big] - "
            r"\mathrm{KL}\big(q_\phi(z\mid x)\,\Vert\,p(z)\big).$$"
            "\n\n"
            r"**Implicit (moment-matching network).** $x = g_\theta(z)$: the density of $g_\theta(z)$ exists only "
            r"implicitly (and not at all if $z$ has fewer dimensions than $x$). This page's generator is trained, with "
            r"no discriminator, to shrink the energy distance between its points and the data:"
            "\n\n"
            r"$$D^2 = 2\,\mathbb E\,\lVert g_\theta(z) - x\rVert - \mathbb E\,\lVert g_\theta(z) - g_\theta(z')\rVert"
            r" - \mathbb E\,\lVert x - x'\rVert \;\ge\; 0,$$"
            "\n\n"
            r"zero only when the two distributions agree. A GAN trains a discriminator to tell them apart instead."
            "\n\n"
            r"**Diffusion.** Trained on a (reweighted) ELBO over the denoising steps; an exact likelihood needs the "
            r"probability-flow ODE and the trace of its Jacobian along the whole path.",
        ),
    ),
)

#: Shown while the six models are loaded (trained in advance) and draw their samples, the first time a data set and
#: seed are asked for in this server process.
FITTING = "Loading the six families' models (trained in advance) and drawing their samples..."
#: The seed control: why it offers so few seeds, and what happened to a seed in the link that it does not offer.
SEED_HELP = (
    "Which draw of the data set (and of the models' random starts) to show: seeds 0 to {max_seed}, the {n_draws} "
    "draws whose models are trained in advance, so that every choice appears at once."
)
SEED_DROPPED = (
    "The link asked for seed {value}, which was left out: only the draws whose models are trained in advance can be "
    "shown. The page shows seed 0."
)
#: Under the grid of panels: {samples} is how many points each model generated.
PANELS_CAPTION = (
    "Grey circles: the data (every second point). Vermillion triangles: {samples} new points each model generated. "
    "Black cross: the probe point x* (a black triangle at the edge, pointing to it, when it lies outside the window), "
    "and above each panel the log-density the model gives it, in nats (≈: an importance-sampling estimate). All six "
    "panels share one window."
)
#: Second line of a panel's title: what the family says about x*.
PANEL_SCORE = "log q(x*): {score}"
PANEL_ESTIMATE = "log q(x*) ≈ {score}"
PANEL_NO_Q = "no q(x) to evaluate"
PANEL_NOT_COMPUTED = "log q(x*) not computed"
#: Presenter mode: one title line per panel (the slide needs the height); the key numbers say "log q(x*)".
PANEL_ONE_LINE = "{family}: {answer}"
#: Shorter family names for those one-line titles (the others fit as they are).
SHORT_NAMES = {IMPLICIT: "Moment matching"}
PANEL_SHORT_ESTIMATE = "≈ {score}"
PANEL_SHORT_NO_Q = "no q(x)"
PANEL_SHORT_NOT_COMPUTED = "not computed"
#: The numbers under the panels: one per family.
SCORE_LABEL = "{family}: log q(x*)"
SCORE_NO_Q = "cannot: no q(x)"
SCORE_NOT_COMPUTED = "not computed here"
SCORE_HELP = "average over the data: {average}"
SCORE_ESTIMATE_HELP = "an importance-sampling estimate; average over the data: {average}"
#: The key numbers: how many families score x*, and the highest and lowest of their answers.
SCORED_LABEL = "families that give log q(x*)"
SCORED_VALUE = "{scored} of {families}"
SCORED_HELP = "The moment-matching network has no q(x); diffusion's needs a bound over all T steps (not computed here)."
HIGHEST_LABEL = "highest: {family}"
LOWEST_LABEL = "lowest: {family}"
#: The panels' text alternative (each panel's Vega-Lite description).
PANEL_DESCRIBE = (
    "Scatter plot of {n_data} data points as hollow grey circles and {n_samples} samples of the {family} model as "
    "vermillion triangles, with the probe x* = ({px}, {py}) {where}; {score}."
)
PANEL_BASE_DESCRIBE = (
    "Scatter plot of {n_data} data points as hollow grey circles and {n_samples} samples of the {family} model as "
    "vermillion triangles."
)
PANEL_INSIDE = "as a black cross"
PANEL_OUTSIDE = "outside the window, marked by a black triangle at its edge"
PANEL_DESCRIBE_SCORE = "the model gives it log q(x*) = {score}"
PANEL_DESCRIBE_NO_SCORE = "the model gives it no log-density"

TABLE_TITLE = "The families side by side"
TABLE_COLUMNS = ("Family", "Type", "log q(x)?", "Sampling cost", "Latent code", "Training objective")
#: Where a family runs live: a link inside the app, plain text when the page runs on its own.
RUNS_LIVE = "Runs live on: {page}"


@dataclass(frozen=True)
class FamilyRow:
    """One row of the comparison table, and the page (and its settings) where the family runs live."""

    name: str
    kind: str
    log_p: str
    sampling: str
    latent: str
    objective: str
    examples: str
    page: str
    link_label: str
    query: dict | None

    @property
    def heading(self) -> str:
        """The name as the table shows it: a soft hyphen lets a long name break in a narrow column."""
        return self.name.replace("Autoregressive", "Auto\u00adregressive")


#: The table, in the order of the panels (``scenes.types.FAMILIES``).
ROWS: tuple[FamilyRow, ...] = (
    FamilyRow(
        name="Autoregressive",
        kind="likelihood-based",
        log_p="exact: a product of conditionals q(xᵢ | x₁, …, xᵢ₋₁)",
        sampling="slow: one step per dimension / token, in order",
        latent="none",
        objective="maximum likelihood (next-token cross-entropy)",
        examples="GPT, PixelCNN, WaveNet",
        page="app_pages/autoregressive.py",
        link_label="Autoregressive models",
        query=None,
    ),
    FamilyRow(
        name="Normalizing flow",
        kind="likelihood-based",
        log_p="exact: change of variables + log-determinant",
        sampling="fast: one pass through f⁻¹",
        latent="z with the same dimension as x (invertible)",
        objective="maximum likelihood",
        examples="RealNVP, Glow",
        page="app_pages/likelihood.py",
        link_label="Likelihood-based models, flow tab",
        query={"lk_tab": "Normalizing flow"},
    ),
    FamilyRow(
        name="Energy-based",
        kind="likelihood-based",
        log_p="up to the constant Z (intractable in high dimensions)",
        sampling="slow: many MCMC (Langevin) steps",
        latent="none",
        objective="maximum likelihood via MCMC samples",
        examples="Boltzmann machines, JEM",
        page="app_pages/likelihood.py",
        link_label="Likelihood-based models, energy tab",
        query={"lk_tab": "Energy-based model"},
    ),
    FamilyRow(
        name="VAE",
        kind="likelihood-based (a bound)",
        log_p="lower bound (ELBO); importance-sampled estimate",
        sampling="fast: one decoder pass",
        latent=r"z, lower-dimensional, with an encoder $q_\phi(z \mid x)$",
        objective="maximise the ELBO",
        examples="VAE, VQ-VAE",
        page="app_pages/approaches.py",
        link_label="Different approaches, VAE",
        query={"ap_family": "Small VAE (continuous z)"},
    ),
    FamilyRow(
        name=IMPLICIT,
        kind="implicit",
        log_p="none: the model only produces samples",
        sampling="fast: one generator pass",
        latent="z (noise) in, no encoder",
        objective="energy distance between generated and data points, no discriminator (a GAN: an adversarial "
        "discriminator instead)",
        examples="GMMN (run here); GANs such as StyleGAN",
        page="app_pages/approaches.py",
        link_label="Different approaches, implicit",
        query=None,
    ),
    FamilyRow(
        name="Diffusion",
        kind="iterative refinement",
        log_p="a bound (ELBO over T steps) or an ODE solve; not computed here",
        sampling="slow: T denoising steps",
        latent="$x_T$: noise of the same dimension as x",
        objective="denoising (a reweighted ELBO)",
        examples="DDPM, Stable Diffusion",
        page="app_pages/approaches.py",
        link_label="Different approaches, diffusion",
        query=None,
    ),
)
