"""What the page "modeling_problem" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "modeling_problem",
    "The generative modeling problem",
    "Given dataset D = {x₁, x₂, ..., xₙ}, learn distribution p(x).",
    (
        "Goal: Given dataset D = {x₁, x₂, ..., xₙ}, learn distribution p(x)",
        "High dimensional data (images: millions of pixels)",
        "Complex dependencies",
        "Cannot model directly",
    ),
)

TEXT = PageText(SLIDE)
