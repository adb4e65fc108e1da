"""What the page "genai" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "genai",
    "Generative AI: discriminative vs generative",
    "GenAI principles: learn the data distribution, then generate new samples.",
    (
        "GenAI Principles: learn data distribution; generate new samples",
        "Discriminative → P(y | x)",
        "Generative → P(x)",
    ),
)

TEXT = PageText(SLIDE)
