"""What the page "prerequisites" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
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
)

TEXT = PageText(SLIDE)
