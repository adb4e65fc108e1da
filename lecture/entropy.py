"""What the page "entropy" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "entropy",
    "Entropy",
    "According to Shannon, entropy is the minimum number of useful bits required to transfer information "
    "from a sender to a receiver.",
    (
        "Entropy (expressed in ‘bits’) is a measure of how unpredictable the probability distribution is",
        "The more the individual events vary, the more is its entropy",
    ),
)

TEXT = PageText(SLIDE)
