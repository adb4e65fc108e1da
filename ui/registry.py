"""The ONE registry of the lecture: which page shows which slide, in lecture order.

Navigation (``app.py``), the home page's lecture plan and the prev/next links all read this list;
nothing else lists pages. A page is added here only when it is finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ui.lecture import PLAN, slide


@dataclass(frozen=True)
class Section:
    title: str
    plan_item: str  # the lecture-plan line (first slide) this section belongs to


@dataclass(frozen=True)
class LecturePage:
    key: str  # slide key in ui.lecture
    file: str  # script path, relative to the repository root
    icon: str
    section: str

    @property
    def url_path(self) -> str:
        """The page's address: its file name without ``.py`` ("" for the home page).

        Kept equal to the file name on purpose: on a freshly started server, a shared link to a page is
        resolved before the app's navigation has run, and only a file-name path is found then.
        """
        return "" if self is HOME or self.file == HOME_FILE else Path(self.file).stem

    @property
    def title(self) -> str:
        return slide(self.key).title

    @property
    def key_message(self) -> str:
        return slide(self.key).key_message


GENAI = "Generative AI principles"
LATENT = "Latent variables and the core challenge"
FAMILIES = "Model families"
PREREQ = "Prerequisites: prior, posterior, VI"
INFO = "Information theory"

SECTIONS: tuple[Section, ...] = (
    Section(GENAI, PLAN[0]),
    Section(LATENT, PLAN[1]),
    Section(FAMILIES, PLAN[1]),
    Section(PREREQ, PLAN[2]),
    Section(INFO, PLAN[3]),
)

HOME_FILE = "pages/lecture_plan.py"
HOME = LecturePage("plan", HOME_FILE, ":material/list_alt:", "")  # served at the app's root URL

#: Finished pages, in lecture order.
PAGES: tuple[LecturePage, ...] = (
    LecturePage("genai", "pages/genai.py", ":material/compare_arrows:", GENAI),
    LecturePage("learn_data", "pages/learn_data.py", ":material/scatter_plot:", GENAI),
    LecturePage("modeling_problem", "pages/modeling_problem.py", ":material/grid_on:", GENAI),
    LecturePage("hidden_structure", "pages/hidden_structure.py", ":material/visibility:", LATENT),
    LecturePage("latent_variables", "pages/latent_variables.py", ":material/compress:", LATENT),
    LecturePage("core_challenge", "pages/core_challenge.py", ":material/calculate:", LATENT),
    LecturePage("approaches", "pages/approaches.py", ":material/compare:", FAMILIES),
    LecturePage("types", "pages/types.py", ":material/category:", FAMILIES),
    LecturePage("likelihood", "pages/likelihood.py", ":material/functions:", FAMILIES),
    LecturePage("autoregressive", "pages/autoregressive.py", ":material/timeline:", FAMILIES),
    LecturePage("prerequisites", "pages/prerequisites.py", ":material/balance:", PREREQ),
    LecturePage("entropy", "pages/entropy.py", ":material/casino:", INFO),
    LecturePage("cross_entropy", "pages/cross_entropy.py", ":material/compare_arrows:", INFO),
    LecturePage("kl", "pages/kl_divergence.py", ":material/difference:", INFO),
)


def ordered() -> tuple[LecturePage, ...]:
    """Home first, then every registered page in lecture order."""
    return (HOME, *PAGES)


def by_key(key: str) -> LecturePage | None:
    return next((p for p in ordered() if p.key == key), None)


def neighbours(key: str) -> tuple[LecturePage | None, LecturePage | None]:
    """The pages before and after ``key`` in lecture order (None at either end or if unregistered)."""
    pages = ordered()
    keys = [p.key for p in pages]
    if key not in keys:
        return None, None
    i = keys.index(key)
    return (pages[i - 1] if i > 0 else None), (pages[i + 1] if i + 1 < len(pages) else None)


#: The last three plan items are single slides: their pages are named here; other pages follow their section.
PLAN_ITEM_OF_PAGE: dict[str, str] = {"entropy": PLAN[3], "cross_entropy": PLAN[4], "kl": PLAN[5]}


def plan() -> list[tuple[str, list[LecturePage]]]:
    """The lecture plan of the first slide, each item with its registered pages in lecture order."""
    section_item = {s.title: s.plan_item for s in SECTIONS}
    items: dict[str, list[LecturePage]] = {item: [] for item in PLAN}
    for p in PAGES:
        items[PLAN_ITEM_OF_PAGE.get(p.key, section_item[p.section])].append(p)
    return list(items.items())


def by_section() -> dict[str, list[LecturePage]]:
    """Registered pages grouped by section title, sections in lecture order (empty ones dropped)."""
    groups: dict[str, list[LecturePage]] = {s.title: [] for s in SECTIONS}
    for p in PAGES:
        groups[p.section].append(p)
    return {title: pages for title, pages in groups.items() if pages}
