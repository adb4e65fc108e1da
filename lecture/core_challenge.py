"""What the page "core_challenge" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "core_challenge",
    "The core challenge",
    "To compute the likelihood we must integrate over z: this integral is intractable.",
    (
        "To compute likelihood: p(x) = ∫ p(x|z) p(z) dz",
        "This integral is intractable",
        "Leads to approximation methods",
    ),
)

TEXT = PageText(SLIDE)
