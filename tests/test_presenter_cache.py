"""A chart made in one mode is never served in the other (the cache key holds the chart's style).

In one process: open a page in normal mode, then in presenter mode. Every chart's size must equal what a
presenter-first run (with cold caches) draws. The bug this guards against: chart builders that read the
mode from the session while their cache did not key on it, so normal-mode charts reached the projector.
On the way, the normal-mode run checks that every chart exports its numbers (CSV), PNG and SVG.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import export_menus, open_export_menus, run_app
from ui import cache, registry


def _chart_sizes(at) -> list[tuple]:
    sizes = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        config = spec.get("config", {})
        sizes.append((spec.get("height"), spec.get("width"), config.get("axis", {}).get("labelFontSize")))
    return sizes


EXPORTS = ("csv", "png", "svg")


def _every_chart_exports_its_numbers(at, key: str) -> None:
    """The README's promise: every chart has a "Data and export" menu with CSV, PNG and SVG (normal mode), made
    only once the menu is open: closed, no menu sends a table or a button."""
    charts = len(at.get("vega_lite_chart"))
    menus = export_menus(at)
    assert len(menus) == charts, f"{key}: {charts} charts, {len(menus)} export menus"
    assert not [b for b in at.get("download_button") if "export_" in b.proto.id], f"{key}: a closed menu's buttons"
    assert open_export_menus(at) and not at.exception
    exports = {ext: [b for b in at.get("download_button") if f"export_{ext}_" in b.proto.id] for ext in EXPORTS}
    for ext, buttons in exports.items():
        assert len(buttons) == charts, f"{key}: {charts} charts, {len(buttons)} {ext.upper()} exports"


@pytest.mark.parametrize("entry", registry.PAGES, ids=[p.key for p in registry.PAGES])
def test_presenter_mode_gets_presenter_charts_after_normal_mode(entry):
    cache.clear()
    presenter_first = _chart_sizes(run_app(entry.file, present=True))
    normal = run_app(entry.file, present=False)
    _every_chart_exports_its_numbers(normal, entry.key)
    after_normal = _chart_sizes(run_app(entry.file, present=True))
    assert presenter_first, f"{entry.key}: no chart drawn"
    assert after_normal == presenter_first
