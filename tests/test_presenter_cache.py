"""A chart made in one mode is never served in the other (the cache key holds the chart's style).

In one process: open a page in normal mode, then in presenter mode. Every chart's size must equal what a
presenter-first run (with cold caches) draws. The bug this guards against: chart builders that read the
mode from the session while their cache did not key on it, so normal-mode charts reached the projector.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_app
from ui import cache, registry


def _chart_sizes(at) -> list[tuple]:
    sizes = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        config = spec.get("config", {})
        sizes.append((spec.get("height"), spec.get("width"), config.get("axis", {}).get("labelFontSize")))
    return sizes


@pytest.mark.parametrize("entry", registry.PAGES, ids=[p.key for p in registry.PAGES])
def test_presenter_mode_gets_presenter_charts_after_normal_mode(entry):
    cache.clear()
    presenter_first = _chart_sizes(run_app(entry.file, present=True))
    run_app(entry.file, present=False)
    after_normal = _chart_sizes(run_app(entry.file, present=True))
    assert presenter_first, f"{entry.key}: no chart drawn"
    assert after_normal == presenter_first
