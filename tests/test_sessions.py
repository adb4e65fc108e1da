"""Uploads stay in their own session and in memory: two students upload different files at the same time; a
preset's results are shared by every session."""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytest

from scenes import approaches
from tests.conftest import ROOT, run_app
from tests.test_fuzz import CHOICES, _choose, _find
from tests.test_scenes_approaches import cheap_recipes
from ui import registry


def _csv(seed: int, columns: int, marker: str) -> bytes:
    rng = np.random.default_rng(seed)
    X = rng.normal(loc=3 * seed, scale=1 + seed, size=(80, 2))
    rows = [f"x1_{marker},x2" + (",label" if columns == 3 else "")]
    for i, (a, b) in enumerate(X):
        rows.append(f"{a:.4f},{b:.4f}" + (f",{i % 2}" if columns == 3 else ""))
    return "\n".join(rows).encode()


def _reach_uploader(at):
    """Choose options until a file uploader shows; return (kind, key, label, option) that revealed it."""
    if at.main.get("file_uploader"):
        return None
    for kind in CHOICES:
        for w in list(at.main.get(kind)):
            for option in list(w.options):
                target = _find(at, kind, w.key, w.label)
                _choose(target, option)
                at.run()
                if at.main.get("file_uploader"):
                    return kind, w.key, w.label, option
    pytest.skip("no file uploader on this page")


def _results(at) -> list[str]:
    return [f"{m.label}={m.value}" for m in at.metric] + [str(c.proto.spec)[:20000] for c in at.get("vega_lite_chart")]


def _upload(at, content: bytes) -> None:
    at.main.get("file_uploader")[0].set_value(("data.csv", content, "text/csv")).run()


def _open_with_upload(entry, path_to_uploader):
    at = run_app(entry.file)
    if path_to_uploader:
        kind, key, label, option = path_to_uploader
        _choose(_find(at, kind, key, label), option)
        at.run()
    return at


def _files_containing(marker: str) -> list[str]:
    found = []
    for base in (str(ROOT), tempfile.gettempdir()):
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if d not in (".venv", ".git", "node_modules", "artifacts")]
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    if os.path.getsize(path) < 2_000_000 and marker.encode() in open(path, "rb").read():
                        found.append(path)
                except OSError:
                    pass
    return found


UPLOAD_PAGES = [p for p in registry.PAGES if "file_uploader" in (ROOT / p.file).read_text()]


@pytest.mark.parametrize("entry", UPLOAD_PAGES, ids=[p.key for p in UPLOAD_PAGES])
def test_two_sessions_upload_different_files(entry, monkeypatch):
    # an upload on "Different approaches" trains the small versions of its models (the same classes, far fewer
    # steps; its real training is tested on its scenes and page): this test is about whose file a session sees
    monkeypatch.setattr(approaches, "recipes", cheap_recipes)
    probe = run_app(entry.file)
    path = _reach_uploader(probe)
    marker = "m4rk3r" + entry.key
    for columns in (2, 3):
        first = _open_with_upload(entry, path)
        _upload(first, _csv(1, columns, marker))
        if not first.error:
            break
    assert not first.exception and not first.error, [e.value for e in first.error]
    mine = _results(first)

    second = _open_with_upload(entry, path)
    _upload(second, _csv(2, columns, marker))
    assert not second.exception and not second.error
    assert _results(second) != mine, "the second student's upload shows the first student's results"

    first.run()  # the first student's next rerun still sees their own file
    assert _results(first) == mine
    assert _files_containing(marker) == [], "uploaded data was written to disk"


@pytest.mark.parametrize("page", ["app_pages/approaches.py", "app_pages/learn_data.py", "app_pages/genai.py"])
def test_a_presets_results_are_shared_not_kept_in_the_session(page):
    """The pages that accept an upload pass its bytes as ``_raw``; for a preset those are empty, and its scenes and
    figures must go to the shared caches (made once for every student), not to the session's small private cache
    (which one rerun of "Different approaches" overflowed: every rerun recomputed every scene and figure)."""
    from ui import cache

    at = run_app(page)
    at.run()
    assert not at.exception
    held = at.session_state[cache._PRIVATE_STATE] if cache._PRIVATE_STATE in at.session_state else {}
    assert len(held) == 0, f"{page}: {len(held)} preset results held privately: {[k[:2] for k in list(held)[:3]]}"
