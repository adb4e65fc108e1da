"""Numbers as the screen shows them: one format for metrics, sentences and tables (no Streamlit).

Infinity is written as ∞ and a NaN as "undefined", never "nan"; minus signs are real minus signs.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Number:
    """A number shown beside a figure: label, value, unit, optional help and decimals."""

    label: str
    value: float | int | str
    unit: str = ""
    help: str | None = None
    digits: int = 3


def fmt(value: float | int | str, unit: str = "", digits: int = 3) -> str:
    """Format a number for the screen: infinity as ∞, never 'nan' (shown as 'undefined')."""
    if isinstance(value, str):
        return f"{value} {unit}".strip()
    x = float(value)
    if math.isnan(x):
        log.warning("fmt() was given NaN for unit %r", unit)
        return "undefined"
    if math.isinf(x):
        text = "∞" if x > 0 else "−∞"
    elif isinstance(value, int) or (float(x).is_integer() and abs(x) >= 1000):
        text = f"{int(x):,}"
    elif x != 0 and (abs(x) < 10 ** (-digits) or abs(x) >= 1e6):
        text = f"{x:.{max(1, digits - 1)}e}"
    else:
        text = f"{x:,.{digits}f}"
    if text.startswith("-"):
        text = "−" + text[1:]
    return f"{text} {unit}".strip()
