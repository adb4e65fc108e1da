"""The house's rules, checked on the code: thin layouts, pure scenes and charts, text as data, free core.

Layers, and what each may import (an arrow is "may import"):

    pages/  ->  ui/, scenes/, lecture/          (layout only: no maths, no Altair, <= 150 lines)
    ui/panels/  ->  as pages/                    (a page's tab layouts, when they do not fit in 150 lines)
    ui/charts/  ->  numpy, pandas, altair        (pure builders: no Streamlit)
    scenes/  ->  core/, numpy, scipy, sklearn    (pure: no Streamlit, no Altair)
    lecture/  ->  nothing but itself             (text as data)
    core/  ->  numpy, scipy, sklearn             (the maths: no Streamlit, no Altair, no ui/scenes)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_PAGE_LINES = 150


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).exists() else []


RULES = {
    "pages": {"numpy", "scipy", "sklearn", "altair", "pandas", "core"},
    "ui/panels": {"numpy", "scipy", "sklearn", "altair", "pandas", "core"},
    "ui/charts": {"streamlit", "core", "scenes"},
    "scenes": {"streamlit", "altair", "ui"},
    "lecture": {"streamlit", "altair", "numpy", "core", "ui", "scenes"},
    "core": {"streamlit", "altair", "ui", "scenes", "lecture"},
    "classroom": {"streamlit", "altair", "ui", "scenes", "core", "pages"},
}


@pytest.mark.parametrize("folder", list(RULES))
def test_layer_imports(folder):
    broken = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & RULES[folder])
        for path in _files(folder)
        if _imports(path) & RULES[folder]
    }
    assert not broken, f"{folder} must not import {sorted(RULES[folder])}: {broken}"


def test_page_scripts_are_thin():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _files("pages")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert not long, f"page scripts over {MAX_PAGE_LINES} lines: {long}"


def test_pages_define_no_caches_and_read_no_session_for_charts():
    for path in _files("pages") + _files("ui/panels"):
        text = path.read_text(encoding="utf-8")
        assert "@st.cache" not in text, f"{path.name}: pages call ui.cache.scene/figure, they define no caches"
    for path in _files("ui/charts"):
        assert "session_state" not in path.read_text(encoding="utf-8"), f"{path.name} reads the session"


def test_every_page_has_its_lecture_text():
    from lecture import PageText, text
    from ui import registry

    for page in registry.ordered():
        assert isinstance(text(page.key), PageText), page.key
