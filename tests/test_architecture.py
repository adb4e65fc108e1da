"""The house's rules, checked on the code: thin layouts, pure scenes and charts, text as data, free core.

Layers, and what each may import (an arrow is "may import"):

    app_pages/  ->  ui/, scenes/, lecture/          (layout only: no maths, no Altair, <= 150 lines)
    ui/panels/  ->  as app_pages/                    (a page's tab layouts, when they do not fit in 150 lines)
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
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files, f"no Python files in {folder}/: a rule on a missing folder would check nothing"
    return files


RULES = {
    "app_pages": {"numpy", "scipy", "sklearn", "altair", "pandas", "core"},
    "ui/panels": {"numpy", "scipy", "sklearn", "altair", "pandas", "core"},
    "ui/charts": {"streamlit", "core", "scenes"},
    "scenes": {"streamlit", "altair", "ui"},
    "lecture": {"streamlit", "altair", "numpy", "core", "ui", "scenes"},
    "core": {"streamlit", "altair", "ui", "scenes", "lecture"},
    "classroom": {"streamlit", "altair", "ui", "scenes", "core", "app_pages"},
}


@pytest.mark.parametrize("folder", list(RULES))
def test_layer_imports(folder):
    broken = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & RULES[folder])
        for path in _files(folder)
        if _imports(path) & RULES[folder]
    }
    assert not broken, f"{folder} must not import {sorted(RULES[folder])}: {broken}"


def test_every_fragment_is_a_live_panel():
    """A fragment's own rerun does not run app.py: only ``ui.frame.live`` ends one by publishing the lecturer's
    controls to the class, so a page's fragments are made by it (classroom mode's own timers are its business)."""
    bare = [
        str(path.relative_to(ROOT))
        for folder in ("app_pages", "ui")
        for path in _files(folder)
        if "st.fragment" in path.read_text(encoding="utf-8")
        and path.relative_to(ROOT).as_posix() not in ("ui/frame.py", "ui/classroom.py")
    ]
    assert not bare, f"st.fragment outside ui.frame.live: {bare}"


def test_page_scripts_are_thin():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _files("app_pages")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert not long, f"page scripts over {MAX_PAGE_LINES} lines: {long}"


def test_pages_define_no_caches_and_read_no_session_for_charts():
    for path in _files("app_pages") + _files("ui/panels"):
        text = path.read_text(encoding="utf-8")
        assert "@st.cache" not in text, f"{path.name}: pages call ui.cache.scene/figure, they define no caches"
    for path in _files("ui/charts"):
        assert "session_state" not in path.read_text(encoding="utf-8"), f"{path.name} reads the session"


def test_every_page_has_its_lecture_text():
    from lecture import PageText, text
    from ui import registry

    for page in registry.ordered():
        assert isinstance(text(page.key), PageText), page.key


INPUT_WIDGETS = {
    "slider", "select_slider", "selectbox", "radio", "text_input", "text_area", "number_input", "checkbox",
    "toggle", "segmented_control", "pills", "multiselect", "file_uploader", "color_picker", "data_editor",
}  # fmt: skip
# The controls that are not kept in the link, each for a reason the README's "Links" paragraph gives.
NOT_IN_THE_LINK = {
    ("app_pages/approaches.py", "'ap_csv'"),  # an uploaded file: a student's own data, too big for an address
    ("app_pages/learn_data.py", "'ld_csv'"),
    ("ui/panels/genai.py", "'gen_csv'"),
    ("ui/panels/autoregressive.py", "'ar_paste'"),  # pasted text: up to 100,000 characters
    ("ui/panels/prerequisites.py", "'pr_step'"),  # the replay slider: its range follows the flips
    ("ui/frame.py", "f'{self.key}_quiz{self._quizzes}'"),  # a student's answer to the check-yourself question
    ("ui/classroom.py", "FOLLOW_KEY"),  # classroom mode: a student's own choices and the passcode
    ("ui/classroom.py", "'classroom_code'"),
    ("ui/classroom.py", "'classroom_passcode'"),
    ("ui/classroom.py", "key"),  # a poll answer
}


def test_every_control_is_in_the_link_but_the_listed_ones():
    """Every input widget is bound to the URL (bind="query-params"), except the few the README names and why."""
    unbound = set()
    for path in [ROOT / "app.py", *_files("app_pages"), *_files("ui")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in INPUT_WIDGETS:
                keywords = {k.arg: k.value for k in node.keywords}
                if "bind" not in keywords:
                    key = ast.unparse(keywords["key"]) if "key" in keywords else "no key"
                    unbound.add((str(path.relative_to(ROOT)), key))
    assert unbound == NOT_IN_THE_LINK, f"new controls outside the link: {sorted(unbound - NOT_IN_THE_LINK)}"
