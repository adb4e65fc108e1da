"""What the page "hidden_structure" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "hidden_structure",
    "The big idea: hidden structure",
    "Data has hidden causes: introduce latent variables.",
    (
        "Data has hidden causes",
        "Introduce Latent Variables: pose, style, meaning, intent",
    ),
)

TEXT = PageText(SLIDE)
