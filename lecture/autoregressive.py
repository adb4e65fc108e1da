"""What the page "autoregressive" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

SLIDE = Slide(
    "autoregressive",
    "Autoregressive models",
    "Generate data one step at a time; each step depends on previous outputs.",
    (
        "Generate data one step at a time",
        "Each step depends on previous outputs",
        "Explicitly compute probabilities",
        "Examples: GPT / Transformer language models, PixelCNN, WaveNet",
    ),
)

TEXT = PageText(SLIDE)
