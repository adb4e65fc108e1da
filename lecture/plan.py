"""What the page "plan" says: the slide's words and the page's prose."""

from lecture import PLAN, PageText, Slide

SLIDE = Slide(
    "plan",
    "Lecture plan",
    "Generative AI principles, latent variables, and the mathematics underneath: entropy, cross entropy, KL.",
    PLAN,
)

TEXT = PageText(SLIDE)
