"""Scenes: what each panel of a page shows, computed by pure functions from the page's settings.

A scene function takes scalars and small tuples (the controls' values: preset, seed, n, a slider) and returns
a small frozen dataclass of arrays and numbers, composed from ``core`` calls. It imports no Streamlit and no
Altair, so it is unit-tested directly and a notebook can call it. The page wraps it in the app's one cache
(``ui.cache.scene``) and hands the result to a chart builder (``ui.charts``) and the page frame.

A model fit that several panels of a page share is memoised in-process with :func:`shared`, keyed on the
same scalars, so that each panel's scene stays a plain function of its settings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def shared(maxsize: int = 16) -> Callable[[F], F]:
    """Memoise a fit that several scenes use (arguments must be hashable scalars). Never mutate its result."""
    return functools.lru_cache(maxsize=maxsize)  # type: ignore[return-value]
