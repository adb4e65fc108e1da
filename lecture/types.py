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

TEXT = PageText(
    SLIDE,
    formulas=(
        r"\text{likelihood-based:}\quad \hat\theta = \arg\max_\theta \sum_{i} \log q_\theta(x_i)"
        r"\qquad\qquad \text{implicit:}\quad x = g_\theta(z),\;\; z \sim \mathcal N(0, I)",
    ),
    where=r"$q_\theta(x)$: the model's density, which a likelihood-based model can evaluate (exactly, up to a "
    r"constant, or as a bound); an implicit model only has the sampler $g_\theta$ and no $q_\theta(x)$ at all.",
    notice=(
        "Every panel generates new points, but only the likelihood-based families also put a number on x*: the "
        "implicit generator has no q(x) to evaluate, and the diffusion model would need a bound over all T steps.",
        "Move x* into an empty region and the likelihood-based numbers drop together; the families disagree most "
        "where they model the data worst (compare a flow with the VAE between the moons).",
        "Exact likelihoods (autoregressive, flow) cost something: slow sequential sampling or an invertible "
        "architecture; VAEs and energy models relax that with a bound or an unknown Z.",
    ),
    quizzes=(
        Quiz(
            "A GAN generates sharp images. Can you use it to flag an unusual input by its likelihood?",
            (
                "Yes, via its discriminator's output",
                "No: an implicit model defines no q(x) to evaluate",
                "Yes, by counting nearby samples exactly",
            ),
            answer=1,
            explain="An implicit model only knows how to sample. A discriminator score is not a density, and "
            "estimates from nearby samples are approximations that break down in high dimensions.",
        ),
    ),
    deeper=(
        Deeper(
            "where each family's likelihood comes from",
            r"- **Autoregressive:** the chain rule $q(x) = \prod_i q(x_i \mid x_{<i})$, each factor a normalised "
            r"distribution, so $\log q(x)$ is a sum of exact terms."
            "\n"
            r"- **Flow:** $\log q(x) = \log \mathcal N(f(x)) + \log|\det \partial f/\partial x|$ for an invertible $f$."
            "\n"
            r"- **Energy-based:** $q(x) = e^{-E(x)}/Z$; the ratio $q(x)/q(x')$ is easy, $Z$ is the hard part."
            "\n"
            r"- **VAE:** $q(x) = \int q(x\mid z)p(z)\,dz$ is intractable; the ELBO "
            r"$\mathbb E_{e(z|x)}[\log q(x|z)] - \mathrm{KL}(e(z|x)\,\|\,p(z)) \le \log q(x)$ is trained instead, and "
            r"importance sampling estimates $\log q(x)$ afterwards."
            "\n"
            r"- **GAN / implicit:** $x = g(z)$; the density of $g(z)$ exists only implicitly (and may not exist at all "
            r"if $z$ has fewer dimensions than $x$)."
            "\n"
            r"- **Diffusion:** trained on a (reweighted) ELBO over the denoising steps; an exact likelihood needs the "
            r"probability-flow ODE and its Jacobian trace along the whole path.",
        ),
    ),
)

#: Shown while the six models are fitted (the first visit for a data set and seed).
FITTING = "Fitting one model of each family (a few seconds, once)..."
#: Under the grid of panels: {samples} is how many points each model generated.
PANELS_CAPTION = (
    "Blue: the data (every second point). Green: {samples} new points each model generated. Black cross: the probe "
    "point x*, and above each panel the log-density the model gives it, in nats."
)
#: Second line of a panel's title: what the family says about x*.
PANEL_SCORE = "log q(x*): {score}"
PANEL_NO_Q = "no q(x) to evaluate"
PANEL_NOT_COMPUTED = "log q(x*) not computed"
#: The numbers under the panels: one per family.
SCORE_LABEL = "{family}: log q(x*)"
SCORE_NO_Q = "cannot: no q(x)"
SCORE_NOT_COMPUTED = "not computed here"
SCORE_HELP = "average over the data: {average}"

TABLE_TITLE = "The families side by side"
TABLE_COLUMNS = ("Family", "Type", "log p(x)?", "Sampling cost", "Latent code", "Training objective")
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
        log_p="exact: product of conditionals p(xᵢ | x<ᵢ)",
        sampling="slow: one step per dimension / token, in order",
        latent="none",
        objective="maximum likelihood (next-token cross-entropy)",
        examples="GPT, PixelCNN, WaveNet",
        page="pages/autoregressive.py",
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
        page="pages/likelihood.py",
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
        page="pages/likelihood.py",
        link_label="Likelihood-based models, energy tab",
        query={"lk_tab": "Energy-based model"},
    ),
    FamilyRow(
        name="VAE",
        kind="likelihood-based (a bound)",
        log_p="lower bound (ELBO); importance-sampled estimate",
        sampling="fast: one decoder pass",
        latent="z, lower-dimensional, with an encoder e(z|x)",
        objective="maximise the ELBO",
        examples="VAE, VQ-VAE",
        page="pages/approaches.py",
        link_label="Different approaches, VAE",
        query={"ap_family": "Small VAE (continuous z)"},
    ),
    FamilyRow(
        name="GAN",
        kind="implicit",
        log_p="none: the model only produces samples",
        sampling="fast: one generator pass",
        latent="z (noise) in, no encoder",
        objective="adversarial game / distance between samples",
        examples="GAN, StyleGAN",
        page="pages/approaches.py",
        link_label="Different approaches, implicit",
        query=None,
    ),
    FamilyRow(
        name="Diffusion",
        kind="iterative refinement",
        log_p="a bound (ELBO over T steps) or an ODE solve; not computed here",
        sampling="slow: T denoising steps",
        latent="x_T: noise of the same dimension as x",
        objective="denoising (a reweighted ELBO)",
        examples="DDPM, Stable Diffusion",
        page="pages/approaches.py",
        link_label="Different approaches, diffusion",
        query=None,
    ),
)
