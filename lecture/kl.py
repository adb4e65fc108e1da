"""What the page "kl" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "kl",
    "Measuring “closeness”: KL divergence",
    "The amount by which the cross-entropy exceeds the entropy is called relative entropy, "
    "or Kullback-Leibler (KL) divergence.",
    (
        "The amount by which the cross-entropy exceeds the entropy is called Relative Entropy, or "
        "Kullback-Leibler (KL) divergence",
        "Used to quantify the difference between one probability distribution and a reference distribution",
    ),
)

TEXT = PageText(SLIDE)
