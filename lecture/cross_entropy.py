"""What the page "cross_entropy" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "cross_entropy",
    "Cross entropy",
    "Cross entropy is the average message length that is used to transmit the message.",
    ("Cross entropy is the average message length that is used to transmit the message",),
)

TEXT = PageText(SLIDE)
