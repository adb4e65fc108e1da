"""What the page "learn_data" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "learn_data",
    "What does it mean to “learn data”?",
    "Data comes from an underlying distribution: learn how likely each data point is, then sample new data.",
    (
        "Data is not just points",
        "Data comes from an underlying distribution",
        "Generative models aim to learn this distribution",
        "Learn how likely each data point is",
        "Once learned → sample new data",
    ),
)

TEXT = PageText(SLIDE)
