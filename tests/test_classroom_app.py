"""Classroom mode through AppTest: off without a passcode, a lecturer starts a class and a student joins it by the
QR code's link, and a database that cannot be reached pauses classroom mode without breaking a page."""

from __future__ import annotations

import pytest

import classroom
from lecture import classroom as text
from tests.conftest import run_app

PASSCODE = "lecture-hall-7"


def _sidebar_text(at) -> str:
    return " ".join(str(getattr(el, "value", "") or getattr(el, "label", "")) for el in at.sidebar)


def _button(at, label: str):
    found = [b for b in at.sidebar.button if b.label == label]
    assert found, f"no sidebar button {label!r}: {[b.label for b in at.sidebar.button]}"
    return found[0]


@pytest.fixture
def classroom_on(monkeypatch, tmp_path):
    monkeypatch.setenv("CLASSROOM_PASSCODE", PASSCODE)
    monkeypatch.setenv("CLASSROOM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CLASSROOM_DATABASE_URL", raising=False)
    return f"sqlite:///{tmp_path / 'classroom.sqlite3'}"


def test_off_without_a_passcode(monkeypatch):
    monkeypatch.delenv("CLASSROOM_PASSCODE", raising=False)
    at = run_app("app_pages/entropy.py")
    assert not at.exception and text.SECTION not in _sidebar_text(at)
    assert not [t for t in at.sidebar.text_input if t.key and t.key.startswith("classroom")]


def test_a_student_joins_by_the_link_and_follows_the_lecturers_page(classroom_on):
    """The lecturer's side is driven in the browser (tests/browser/test_classroom.py): AppTest does not deliver a
    click to a widget drawn by the navigation's main script. Here the class is started through the store."""
    plain = run_app("app_pages/entropy.py")
    assert not plain.exception and text.SECTION in _sidebar_text(plain)
    assert not [b for b in plain.sidebar.button if b.label in (text.START, text.END)]  # no rights without passcode
    db = classroom.Store(classroom_on, max_age=0)
    lecturer = classroom.sign_in(PASSCODE, PASSCODE)
    info = db.start_class(lecturer)
    db.publish(lecturer, info.id, "kl_divergence", classroom.state.encode({"kl_t": 0.35}))

    student = run_app("app_pages/entropy.py", query={"class": info.code.lower()})  # a code is forgiven its case
    assert not student.exception
    assert text.IN_CLASS.format(code=info.code).split("**")[0] in _sidebar_text(student)
    assert student.toggle(key="classroom_follow").value is True
    assert not [b for b in student.sidebar.button if b.label in (text.START, text.END, text.SHOW_QR)]
    assert db.member_count(info.id) == 1
    assert "class" not in student.query_params  # the code leaves the link once used
    assert student.session_state["kl_t"] == 0.35  # the lecturer's control value, taken on the way to their page


def test_a_database_that_cannot_be_reached_pauses_classroom_mode_only(monkeypatch):
    monkeypatch.setenv("CLASSROOM_PASSCODE", PASSCODE)
    monkeypatch.setenv("CLASSROOM_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")
    at = run_app("app_pages/entropy.py")
    assert not at.exception
    assert [w for w in at.sidebar.warning if w.value == text.DATABASE_DOWN]
    assert at.title and "Entropy" in at.title[0].value or any("Entropy" in h.value for h in at.header)
