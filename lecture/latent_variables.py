"""What the page "latent_variables" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "latent_variables",
    "Latent variables",
    "Hidden/unobserved variables that explain data: z represents compressed information about x.",
    (
        "What are latent variables? Hidden/unobserved variables that explain data",
        "z represents compressed information about x",
        "Why latent variables help: reduce complexity, capture semantics, enable generation",
    ),
)

TEXT = PageText(SLIDE)
