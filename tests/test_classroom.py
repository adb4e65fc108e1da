"""Classroom mode without Streamlit: settings, codes, rights, control state and the store, on SQLite and PostgreSQL.

Every store test runs twice (``classroom_url``): on an SQLite file and on a throw-away PostgreSQL cluster.
"""

from __future__ import annotations

import csv
import doctest
import io
import sqlite3
import threading

import pytest
import sqlalchemy as sa

import classroom
from classroom import codes, config, rights, state, store
from classroom.rights import sign_in
from classroom.store import Store

PASSCODE = "lecture-hall-7"


@pytest.mark.parametrize("module", [config, codes, rights, state, store])
def test_doctests(module):
    # pyproject's testpaths does not list classroom/ yet: its doctests run here
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# -- settings ---------------------------------------------------------------------------------------------------
def test_off_without_a_passcode_and_environment_wins_over_secrets(tmp_path):
    assert not config.Config.load({}).enabled
    secrets = {"passcode": "from-secrets", "base_url": "https://hall.example/"}
    cfg = config.Config.load({"CLASSROOM_DATA_DIR": str(tmp_path)}, secrets)
    assert cfg.enabled and cfg.passcode == "from-secrets" and cfg.base_url == "https://hall.example"
    assert config.Config.load({"CLASSROOM_PASSCODE": "from-environment"}, secrets).passcode == "from-environment"
    assert cfg.url == f"sqlite:///{tmp_path / 'classroom.sqlite3'}"


def test_default_data_dir_follows_xdg_and_home():
    assert config.Config.load({"HOME": "/home/ada"}).data_dir == "/home/ada/.local/share/genai-foundations"
    assert config.Config.load({"XDG_DATA_HOME": "/data"}).data_dir == "/data/genai-foundations"


@pytest.mark.parametrize(
    ("environ", "says"),
    [
        ({"CLASSROOM_PASSCODE": "abc"}, "at least 6 characters"),
        ({"CLASSROOM_POLL_SECONDS": "soon"}, "number of seconds"),
        ({"CLASSROOM_POLL_SECONDS": "0.01"}, "between 0.2 and 30"),
        ({"CLASSROOM_POLL_SECONDS": "nan"}, "between 0.2 and 30"),
    ],
)
def test_bad_settings_are_refused_with_a_message(environ, says):
    with pytest.raises(ValueError, match=says):
        config.Config.load(environ)


# -- codes and rights ---------------------------------------------------------------------------------------------
def test_join_codes_use_only_unmistakable_characters_and_vary():
    drawn = {codes.new_code() for _ in range(500)}
    assert len(drawn) == 500  # 24**6 codes: 500 draws do not collide
    used = set("".join(drawn))
    assert used <= set(codes.ALPHABET) and not used & set("0O1IL2Z5S8B")
    assert all(codes.normalise_code(c.lower()) == c for c in drawn)


def test_a_forged_lecturer_is_refused_and_wrong_passcodes_sign_in_no_one():
    assert sign_in(PASSCODE, PASSCODE) is not None
    for wrong in ("", PASSCODE[:-1], PASSCODE + " ", PASSCODE.upper(), None, 12345):
        assert sign_in(wrong, PASSCODE) is None
    assert sign_in("", "") is None  # no passcode configured: nobody is the lecturer
    with pytest.raises(PermissionError):
        rights.require(rights.Lecturer())
    with pytest.raises(PermissionError):
        rights.require(object())


def test_the_server_refuses_sign_ins_after_many_wrong_passcodes_from_any_tabs():
    throttle = rights.Throttle(limit=3, window=60.0)
    for second in range(3):
        assert throttle.allows(now=float(second))
        throttle.failed(now=float(second))
    assert not throttle.allows(now=30.0)  # a fourth tab gets no try, however new its session is
    assert not throttle.allows(now=59.9)
    assert throttle.allows(now=60.5)  # the first wrong passcode left the window
    throttle.failed(now=60.5)
    assert not throttle.allows(now=60.7)  # three in the last minute again (at 1, 2 and 60.5 s)
    assert rights.THROTTLE.limit == rights.SERVER_ATTEMPTS and rights.SERVER_ATTEMPTS > rights.MAX_ATTEMPTS


# -- control state ------------------------------------------------------------------------------------------------
def test_state_round_trips_the_types_of_controls_and_drops_private_keys():
    values = {"n": 30, "noise": 0.25, "show": True, "kind": "moons", "range": (1.5, 4.0), "pick": ["a", "b"]}
    text = state.encode({**values, "present": True, "class": "QA7TKM", "upload": b"bytes", "bad": float("inf")})
    assert state.decode(text) == values
    assert isinstance(state.decode(text)["range"], tuple) and isinstance(state.decode(text)["n"], int)
    assert state.differences(values, values) == {}
    assert state.differences(values, {**values, "n": 31, "range": [1.5, 4.0]}) == {"n": 30, "range": (1.5, 4.0)}


@pytest.mark.parametrize("text", ['"text"', "[1]", '{"a": {"b": 1}}', '{"a": {"tuple": 3}}'])
def test_state_refuses_what_no_control_holds(text):
    with pytest.raises(ValueError):
        state.decode(text)


# -- the store ------------------------------------------------------------------------------------------------------
@pytest.fixture
def db(classroom_url):
    s = Store(classroom_url)
    yield s
    s.engine.dispose()


@pytest.fixture
def lecturer():
    return sign_in(PASSCODE, PASSCODE)


STUDENTS = [codes.new_student_id() for _ in range(3)]
QUIZ = {"question": "Which?", "options": ["a", "b", "c"], "answer": 1, "explain": "b.", "feedback": ["x", "y", "z"]}


def test_only_the_lecturer_steers(db, lecturer):
    forged = rights.Lecturer()
    with pytest.raises(PermissionError):
        db.start_class(forged)
    info = db.start_class(lecturer)
    for call in (
        lambda r: db.publish(r, info.id, "entropy", "{}"),
        lambda r: db.open_poll(r, info.id, "entropy", **QUIZ),
        lambda r: db.reveal(r, info.id, 1),
        lambda r: db.close_poll(r, info.id),
        lambda r: db.results_csv(r, info.id),
        lambda r: db.end_class(r, info.id),
    ):
        with pytest.raises(PermissionError):
            call(None)
        with pytest.raises(PermissionError):
            call(forged)
    snap = db.snapshot(info.id, fresh=True)
    assert snap.version == 0 and snap.page == "" and snap.poll is None and snap.active


def test_join_code_finds_the_class_until_it_ends_or_expires(db, lecturer, classroom_url):
    info = db.start_class(lecturer)
    assert db.find(info.code) == info and db.find(info.code.lower()) == info
    assert db.find("ZZZZZZ") is None and db.find("<script>") is None
    db.end_class(lecturer, info.id)
    assert db.find(info.code) is None and not db.snapshot(info.id).active
    # a class also ends by itself when its time is up
    now = [1_000_000.0]
    timed = Store(classroom_url, clock=lambda: now[0])
    short = timed.start_class(lecturer, hours=1)
    assert timed.find(short.code) == short
    now[0] += 3601
    assert timed.find(short.code) is None and short not in timed.active_classes()
    timed.engine.dispose()


def test_publish_bumps_the_version_only_when_something_changed(db, lecturer):
    info = db.start_class(lecturer)
    controls = state.encode({"entropy_k": 6, "range": (0.1, 0.9)})
    v1 = db.publish(lecturer, info.id, "entropy", controls)
    assert db.publish(lecturer, info.id, "entropy", controls) == v1 == 1
    v2 = db.publish(lecturer, info.id, "entropy", state.encode({"entropy_k": 7, "range": (0.1, 0.9)}))
    v3 = db.publish(lecturer, info.id, "kl_divergence", state.encode({"entropy_k": 7, "range": (0.1, 0.9)}))
    assert (v2, v3) == (2, 3)
    snap = db.snapshot(info.id)
    assert (snap.page, snap.values) == ("kl_divergence", {"entropy_k": 7, "range": (0.1, 0.9)})
    with pytest.raises(ValueError):
        db.publish(lecturer, info.id, "entropy", "[1, 2]")  # a state no follower could apply is refused


def test_snapshot_is_shared_for_a_moment_then_read_again(classroom_url, lecturer):
    db = Store(classroom_url, max_age=60)
    info = db.start_class(lecturer)
    db.snapshot(info.id)
    before = db.queries
    for _ in range(200):  # 200 followers within the cache's lifetime: no query
        db.snapshot(info.id)
    assert db.queries == before
    db.publish(lecturer, info.id, "genai", "{}")  # the lecturer's own process sees its change at once
    assert db.snapshot(info.id).page == "genai" and db.queries == before + 1
    other = Store(classroom_url, max_age=0.0)  # another process: reads the database
    assert other.snapshot(info.id).page == "genai"
    db.engine.dispose(), other.engine.dispose()


def test_a_poll_counts_one_answer_per_student_and_the_last_one_wins(db, lecturer):
    info = db.start_class(lecturer)
    poll = db.open_poll(lecturer, info.id, "entropy", **QUIZ)
    snap = db.snapshot(info.id)
    assert snap.poll.id == poll and snap.poll.options == ("a", "b", "c") and not snap.poll.revealed
    a, b, c = STUDENTS
    assert db.answer(poll, a, 0) and db.answer(poll, b, 1) and db.answer(poll, c, 1)
    assert db.answer(poll, a, 1)  # a changes their mind: replaces, not adds
    assert db.counts(poll) == [0, 3, 0]
    assert db.answer_of(poll, a) == 1 and db.answer_of(poll, codes.new_student_id()) is None
    with pytest.raises(ValueError):
        db.answer(poll, a, 3)  # no such option
    with pytest.raises(ValueError):
        db.answer(poll, "' OR 1=1 --", 0)  # not a student id
    db.reveal(lecturer, info.id, poll)
    assert db.snapshot(info.id).poll.revealed
    assert not db.answer(poll, a, 0) and db.counts(poll) == [0, 3, 0]  # a revealed poll takes no more answers
    second = db.open_poll(lecturer, info.id, "kl", "Second?", ["yes", "no"], 0)
    assert not db.answer(poll, b, 0)  # the old poll is off the screen
    assert db.answer(second, b, 1) and db.counts(second) == [0, 1]
    db.close_poll(lecturer, info.id)
    assert db.snapshot(info.id).poll is None and not db.answer(second, a, 0)


def test_poll_versions_tell_followers_when_to_redraw(db, lecturer):
    info = db.start_class(lecturer)
    seen = [db.snapshot(info.id).poll_version]
    poll = db.open_poll(lecturer, info.id, "entropy", **QUIZ)
    seen.append(db.snapshot(info.id).poll_version)
    db.answer(poll, STUDENTS[0], 0)  # an answer changes no one else's screen
    seen.append(db.snapshot(info.id, fresh=True).poll_version)
    db.reveal(lecturer, info.id, poll)
    seen.append(db.snapshot(info.id).poll_version)
    db.close_poll(lecturer, info.id)
    seen.append(db.snapshot(info.id).poll_version)
    assert seen == [0, 1, 1, 2, 3]


def test_members_are_counted_once(db, lecturer):
    info = db.start_class(lecturer)
    for s in STUDENTS + STUDENTS:
        db.join(info.id, s)
    assert db.member_count(info.id) == 3


def test_results_csv_has_every_answer_and_no_browser_id(db, lecturer):
    info = db.start_class(lecturer)
    p1 = db.open_poll(lecturer, info.id, "entropy", **QUIZ)
    db.answer(p1, STUDENTS[0], 1)
    db.answer(p1, STUDENTS[1], 2)
    db.open_poll(lecturer, info.id, "kl", "Nobody answers, ok?", ["yes", "no"], 0)
    text = db.results_csv(lecturer, info.id)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["poll"], r["answer"], r["correct"]) for r in rows] == [
        (str(p1), "b", "True"),
        (str(p1), "c", "False"),
        (str(p1 + 1), "", ""),
    ]
    assert all(r["class"] == info.code for r in rows) and rows[0]["right_answer"] == "b"
    assert rows[0]["student"] == store.pseudonym(STUDENTS[0]) != rows[1]["student"]
    assert not any(s in text for s in STUDENTS)


def test_answers_and_classes_survive_a_new_process(classroom_url, lecturer):
    first = Store(classroom_url)
    info = first.start_class(lecturer)
    poll = first.open_poll(lecturer, info.id, "entropy", **QUIZ)
    for i, s in enumerate(STUDENTS):
        first.answer(poll, s, i)
    first.engine.dispose()  # the server stops
    second = Store(classroom_url)  # and starts again
    assert second.find(info.code) == info
    assert second.counts(poll) == [1, 1, 1] and second.snapshot(info.id).poll.id == poll
    second.engine.dispose()


def test_concurrent_answers_from_many_threads_all_count(db, lecturer):
    info = db.start_class(lecturer)
    poll = db.open_poll(lecturer, info.id, "entropy", **QUIZ)
    students = [codes.new_student_id() for _ in range(40)]
    errors = []

    def answer(i: int, s: str) -> None:
        try:
            db.answer(poll, s, i % 3)
            db.answer(poll, s, (i + 1) % 3)  # and change it
        except Exception as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=answer, args=(i, s)) for i, s in enumerate(students)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    expected = [sum((i + 1) % 3 == k for i in range(40)) for k in range(3)]
    assert db.counts(poll) == expected


def test_sqlite_runs_in_wal_mode(tmp_path, lecturer):
    path = tmp_path / "deep" / "folder" / "c.sqlite3"
    db = Store(f"sqlite:///{path}")
    db.start_class(lecturer)
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    db.engine.dispose()
    # an independent reader (the sqlite3 module itself) finds the class in the file
    with sqlite3.connect(path) as raw:
        assert raw.execute("select count(*) from classroom_classes").fetchone() == (1,)


def test_only_sqlite_and_postgresql_are_accepted():
    with pytest.raises(ValueError, match="SQLite or PostgreSQL"):
        store.make_engine("mysql://u@h/db")


def test_the_package_names_its_parts():
    assert classroom.Store is Store and classroom.open_store("sqlite://") is classroom.open_store("sqlite://")
