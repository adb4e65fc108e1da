"""What the page "likelihood" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

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

TEXT = PageText(SLIDE)
