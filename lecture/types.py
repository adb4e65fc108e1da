"""What the page "types" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "types",
    "Types of generative models",
    "Two types: likelihood-based models and implicit generative models.",
    (
        "Likelihood-based models",
        "Implicit generative models",
    ),
)

TEXT = PageText(SLIDE)
