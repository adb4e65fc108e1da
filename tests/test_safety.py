"""A hostile link cannot inject markdown or kill a page (issue: a hostile student with a link)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_app
from ui import registry, safety

INJECTIONS = [
    "![](//ev.il/a.png)",
    "[Re-login](//ev.il/login)",
    ":red[**styled**]",
    "<img src=//ev.il/b.png>",
    "https://ev.il/c and www.ev.il",
    "$\\frac{1}{0}$",
]
BAD_NUMBERS = ["inf", "-inf", "Infinity", "1e309", "9" * 10_000, "nan"]
#: Markdown that would fetch or link the payloads' host: an image or link, an autolink, raw HTML, a colour directive.
LIVE_MARKDOWN = re.compile(
    r"(?<!\\)\]\((https?:)?//ev\.il|(?<!\\)<img|(?<!\\):red(?<!\\)\[|(?<!\\)https?(?<!\\)://ev|(?<!\\)www\.ev"
)


def _shown(at) -> list[str]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success")
    return [str(e.value) for kind in kinds for e in at.get(kind)]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_plain_text_never_forms_markdown(payload):
    assert not LIVE_MARKDOWN.search(safety.plain(payload))


def test_live_markdown_pattern_catches_the_payloads_unescaped():
    assert all(LIVE_MARKDOWN.search(p) for p in INJECTIONS[:5])


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_unusable_numbers_are_dropped(value):
    assert safety.unusable_query_value(value) is not None


@pytest.mark.parametrize("value", ["0", "7", "0.25", "Typed probabilities", "0.5, 0.25, 0.25", "HHT", "true"])
def test_usable_values_stay(value):
    assert safety.unusable_query_value(value) is None


def test_an_injected_distribution_is_shown_as_plain_text():
    at = run_app("app_pages/entropy.py", query={"ent_dist": "Typed probabilities", "ent_probs": "![](//ev.il/a.png)"})
    assert not at.exception
    assert at.error, "the typed text is not a distribution: the page must say so"
    for text in _shown(at):
        assert not LIVE_MARKDOWN.search(text), text


def test_a_phishing_link_in_pasted_data_stays_text():
    query = {"ld_data": "Your numbers (paste)", "ld_text": "[Re-login](//ev.il/login)"}
    at = run_app("app_pages/learn_data.py", query=query)
    assert not at.exception
    for text in _shown(at):
        assert not LIVE_MARKDOWN.search(text), text


@pytest.mark.parametrize("entry", registry.PAGES, ids=[p.key for p in registry.PAGES])
def test_a_hostile_link_neither_kills_the_page_nor_forms_markdown(entry):
    """Impossible numbers in every number and slider key are dropped and said; markdown payloads in every text key
    stay text. One discovery run finds the page's keys for both (a page without text controls has nothing to
    inject into, so it gets no payload runs)."""
    first = run_app(entry.file)
    numbers = sorted({w.key for kind in ("number_input", "slider") for w in first.main.get(kind) if w.key})
    texts = sorted({w.key for kind in ("text_input", "text_area") for w in first.main.get(kind) if w.key})
    for value in ("inf", "1e309", "9" * 10_000):
        at = run_app(entry.file, query={k: value for k in numbers} | {f"{entry.key}_seed": value})
        assert not at.exception, f"{entry.key} with {value[:10]}: {at.exception}"
        assert not [e for e in at.error if "unexpected problem" in str(e.value)]
        assert any("left out" in str(w.value) for w in at.warning), "the page must say the link's values were dropped"
    for payload in INJECTIONS[:3] if texts else ():
        at = run_app(entry.file, query=dict.fromkeys(texts, payload))
        assert not at.exception
        for text in _shown(at):
            assert not LIVE_MARKDOWN.search(text), f"{entry.key}: {text[:120]}"


@pytest.mark.parametrize(
    "page, key, value",
    [
        ("app_pages/types.py", "ty_seed", "7"),
        ("app_pages/approaches.py", "ap_seed", "99999"),
        ("app_pages/types.py", "ty_seed", "-1"),
        ("app_pages/approaches.py", "ap_seed", "12"),
        ("app_pages/types.py", "ty_seed", "two"),
    ],
)
def test_a_seed_without_models_trained_in_advance_is_dropped_and_said(page, key, value):
    """ty_seed / ap_seed offer only the shipped draws: another seed in a link opens seed 0, and the page says so."""
    at = run_app(page, query={key: value})
    assert not at.exception
    assert not [e for e in at.error if "unexpected problem" in str(e.value)]
    assert at.number_input(key=key).value == 0
    assert at.number_input(key=key).max == 4
    said = [str(w.value) for w in at.warning if "left out" in str(w.value)]
    assert said and f"seed {value}, which was left out" in said[0]
    assert "trained in advance" in at.number_input(key=key).help
    at.number_input(key=key).set_value(3).run()  # an offered seed: no message
    assert not at.exception and not [w for w in at.warning if "left out" in str(w.value)]


@pytest.mark.parametrize(
    "page, key, value", [("app_pages/types.py", "ty_seed", "4"), ("app_pages/approaches.py", "ap_seed", "2.5")]
)
def test_an_offered_seed_in_the_link_is_kept(page, key, value):
    at = run_app(page, query={key: value})
    assert not at.exception
    assert at.number_input(key=key).value == int(float(value))
    assert not [w for w in at.warning if "left out" in str(w.value)]
