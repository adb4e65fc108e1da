"""The lecture's words as data: one module per page, beside the slide text it belongs to.

Each module ``lecture/<key>.py`` holds ``SLIDE`` (the slide's title, its bullet points as on the slide, and
the key message the page states under its title) and ``TEXT`` (a :class:`PageText`: the formulas, the
symbol legend, "what to notice", check-yourself questions and "go deeper" derivations). Sentences that quote
a number are templates with ``{named}`` fields: the page fills them from the model, never by typing a number.
Anything else a page says (captions, table headings) is a named constant of the same module.

The page registry (``ui.registry``) says which page shows which slide; this package only holds text, so it
imports nothing of Streamlit and can be proof-read (and tested) on its own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    key_message: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Quiz:
    """A check-yourself question: ``answer`` is the index of the right option; ``explain`` follows any choice.

    ``feedback``, when given, has one sentence per option that answers a student who chose it.
    """

    question: str
    options: tuple[str, ...]
    answer: int
    explain: str
    feedback: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"answer {self.answer} is not an option of {self.question!r}")
        if self.feedback and len(self.feedback) != len(self.options):
            raise ValueError(f"{self.question!r}: one feedback sentence per option")


@dataclass(frozen=True)
class Deeper:
    """A "go deeper" derivation: markdown with ``$inline$`` maths and ``$$display$$`` blocks."""

    title: str
    body: str


@dataclass(frozen=True)
class PageText:
    """Everything a page says around its figure, rendered by the page frame (``ui.frame``)."""

    slide: Slide
    formulas: tuple[str, ...] = ()
    where: str = ""
    notice: tuple[str, ...] = ()
    quizzes: tuple[Quiz, ...] = ()
    deeper: tuple[Deeper, ...] = field(default_factory=tuple)


#: The lecture plan, as on the first slide.
PLAN: tuple[str, ...] = (
    "Generative AI Principles",
    "Latent Variables",
    "Mathematical Foundations of GenAI",
    "Entropy",
    "Cross entropy",
    "KL divergence",
)


def text(key: str) -> PageText:
    """The text of the page with this key (the module ``lecture/<key>.py``); a clear error for a typo."""
    try:
        module = importlib.import_module(f"lecture.{key}")
    except ModuleNotFoundError:
        raise KeyError(f"No lecture text {key!r}: add lecture/{key}.py with SLIDE and TEXT") from None
    return module.TEXT


def slide(key: str) -> Slide:
    """The slide with this key."""
    return text(key).slide
