"""The ONE registry of the lecture: which page shows which slide, in lecture order.

Navigation (``app.py``), the home page's lecture plan and the prev/next links all read this list;
nothing else lists pages. A page is added here only when it is finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lecture import PLAN, slide


@dataclass(frozen=True)
class LecturePage:
    key: str  # the lecture text's module: lecture/<key>.py
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


#: The sidebar's sections are the six items of the lecture plan (first slide), in order; the home page shows
#: the same grouping.
GENAI, LATENT, FOUNDATIONS, ENTROPY, CROSS_ENTROPY, KL = PLAN

HOME_FILE = "app_pages/lecture_plan.py"
HOME = LecturePage("plan", HOME_FILE, ":material/list_alt:", "")  # served at the app's root URL

#: Every slide page, in the order of the slides.
PAGES: tuple[LecturePage, ...] = (
    LecturePage("genai", "app_pages/genai.py", ":material/compare_arrows:", GENAI),
    LecturePage("learn_data", "app_pages/learn_data.py", ":material/scatter_plot:", GENAI),
    LecturePage("modeling_problem", "app_pages/modeling_problem.py", ":material/grid_on:", GENAI),
    LecturePage("hidden_structure", "app_pages/hidden_structure.py", ":material/visibility:", LATENT),
    LecturePage("approaches", "app_pages/approaches.py", ":material/compare:", LATENT),
    LecturePage("latent_variables", "app_pages/latent_variables.py", ":material/compress:", LATENT),
    LecturePage("core_challenge", "app_pages/core_challenge.py", ":material/calculate:", LATENT),
    LecturePage("types", "app_pages/types.py", ":material/category:", LATENT),
    LecturePage("likelihood", "app_pages/likelihood.py", ":material/functions:", LATENT),
    LecturePage("autoregressive", "app_pages/autoregressive.py", ":material/timeline:", LATENT),
    LecturePage("prerequisites", "app_pages/prerequisites.py", ":material/balance:", FOUNDATIONS),
    LecturePage("entropy", "app_pages/entropy.py", ":material/casino:", ENTROPY),
    LecturePage("cross_entropy", "app_pages/cross_entropy.py", ":material/compare_arrows:", CROSS_ENTROPY),
    LecturePage("kl", "app_pages/kl_divergence.py", ":material/difference:", KL),
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


def by_section() -> dict[str, list[LecturePage]]:
    """The lecture plan of the first slide, each item with its pages in slide order (the sidebar's sections)."""
    groups: dict[str, list[LecturePage]] = {item: [] for item in PLAN}
    for p in PAGES:
        groups[p.section].append(p)
    return {title: pages for title, pages in groups.items() if pages}


def plan() -> list[tuple[str, list[LecturePage]]]:
    """The home page's plan: the same items and pages as the sidebar."""
    return list(by_section().items())
