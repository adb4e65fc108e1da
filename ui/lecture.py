"""The lecture's own words, kept inside the project (the app never reads files outside it).

Each :class:`Slide` holds a slide's title, its bullet points as on the slide, and the key message a
page states under its title. ``PLAN`` is the lecture plan from the first slide. The page registry in
``ui.registry`` says which page shows which slide; this module only holds text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    key_message: str
    bullets: tuple[str, ...]


#: The lecture plan, as on the first slide.
PLAN: tuple[str, ...] = (
    "Generative AI Principles",
    "Latent Variables",
    "Mathematical Foundations of GenAI",
    "Entropy",
    "Cross entropy",
    "KL divergence",
)

_SLIDES: tuple[Slide, ...] = (
    Slide(
        "plan",
        "Lecture plan",
        "Generative AI principles, latent variables, and the mathematics underneath: entropy, cross entropy, KL.",
        PLAN,
    ),
    Slide(
        "genai",
        "Generative AI: discriminative vs generative",
        "GenAI principles: learn the data distribution, then generate new samples.",
        (
            "GenAI Principles: learn data distribution; generate new samples",
            "Discriminative → P(y | x)",
            "Generative → P(x)",
        ),
    ),
    Slide(
        "learn_data",
        "What does it mean to “learn data”?",
        "Data comes from an underlying distribution: learn how likely each data point is, then sample new data.",
        (
            "Data is not just points",
            "Data comes from an underlying distribution",
            "Generative models aim to learn this distribution",
            "Learn how likely each data point is",
            "Once learned → sample new data",
        ),
    ),
    Slide(
        "modeling_problem",
        "The generative modeling problem",
        "Given dataset D = {x₁, x₂, ..., xₙ}, learn distribution p(x).",
        (
            "Goal: Given dataset D = {x₁, x₂, ..., xₙ}, learn distribution p(x)",
            "High dimensional data (images: millions of pixels)",
            "Complex dependencies",
            "Cannot model directly",
        ),
    ),
    Slide(
        "hidden_structure",
        "The big idea: hidden structure",
        "Data has hidden causes: introduce latent variables.",
        (
            "Data has hidden causes",
            "Introduce Latent Variables: pose, style, meaning, intent",
        ),
    ),
    Slide(
        "approaches",
        "Different approaches to model p(x)",
        "Prescribed latent-variable models, implicit models, and iterative refinement: three ways to model p(x).",
        (
            "Prescribed latent variable models / likelihood based models: explicit latent z with known prior p(z); "
            "learn p(x|z); examples: VAE, Autoencoder",
            "Implicit generative models: learn transformation from noise to data; no explicit p(x); examples: GAN",
            "Iterative refinement models: sequential generation / denoising; examples: Diffusion, Flow",
        ),
    ),
    Slide(
        "latent_variables",
        "Latent variables",
        "Hidden/unobserved variables that explain data: z represents compressed information about x.",
        (
            "What are latent variables? Hidden/unobserved variables that explain data",
            "z represents compressed information about x",
            "Why latent variables help: reduce complexity, capture semantics, enable generation",
        ),
    ),
    Slide(
        "core_challenge",
        "The core challenge",
        "To compute the likelihood we must integrate over z: this integral is intractable.",
        (
            "To compute likelihood: p(x) = ∫ p(x|z) p(z) dz",
            "This integral is intractable",
            "Leads to approximation methods",
        ),
    ),
    Slide(
        "types",
        "Types of generative models",
        "Two types: likelihood-based models and implicit generative models.",
        (
            "Likelihood-based models",
            "Implicit generative models",
        ),
    ),
    Slide(
        "likelihood",
        "Likelihood-based models",
        "Directly learn the distribution's density (or mass) function via (approximate) maximum likelihood.",
        (
            "Directly learn the distribution's probability density (or mass) function via (approximate) "
            "maximum likelihood",
            "Autoregressive models (GPT, Transformer (decoder-based), etc.)",
            "Normalizing flows",
            "Energy based models",
            "Variational Autoencoders (VAE)",
            "They can answer: “How likely is this data?” Trained by maximizing likelihood",
        ),
    ),
    Slide(
        "autoregressive",
        "Autoregressive models",
        "Generate data one step at a time; each step depends on previous outputs.",
        (
            "Generate data one step at a time",
            "Each step depends on previous outputs",
            "Explicitly compute probabilities",
            "Examples: GPT / Transformer language models, PixelCNN, WaveNet",
        ),
    ),
    Slide(
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
    ),
    Slide(
        "entropy",
        "Entropy",
        "According to Shannon, entropy is the minimum number of useful bits required to transfer information "
        "from a sender to a receiver.",
        (
            "Entropy (expressed in ‘bits’) is a measure of how unpredictable the probability distribution is",
            "The more the individual events vary, the more is its entropy",
        ),
    ),
    Slide(
        "cross_entropy",
        "Cross entropy",
        "Cross entropy is the average message length that is used to transmit the message.",
        ("Cross entropy is the average message length that is used to transmit the message",),
    ),
    Slide(
        "kl",
        "Measuring “closeness”: KL divergence",
        "The amount by which the cross-entropy exceeds the entropy is called relative entropy, "
        "or Kullback-Leibler (KL) divergence.",
        (
            "The amount by which the cross-entropy exceeds the entropy is called Relative Entropy, or "
            "Kullback-Leibler (KL) divergence",
            "Used to quantify the difference between one probability distribution and a reference distribution",
        ),
    ),
)

SLIDES: dict[str, Slide] = {s.key: s for s in _SLIDES}


def slide(key: str) -> Slide:
    """The slide with this key; a clear error for a typo."""
    try:
        return SLIDES[key]
    except KeyError:
        raise KeyError(f"No slide {key!r}; known slides: {', '.join(SLIDES)}") from None
