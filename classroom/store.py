"""Classes, followers, polls and answers in a real database, through SQLAlchemy Core.

One code path for SQLite and PostgreSQL: the same tables and statements; the only dialect-specific piece is the
"insert or update" of an answer (``INSERT ... ON CONFLICT``), which both dialects spell the same way in
SQLAlchemy. SQLite runs in WAL mode (readers never wait for the writer; several processes on one machine can
share the file); PostgreSQL lets several app processes, on several machines, share one class.

What a follower reads once a second is :meth:`Store.snapshot`: one row by primary key, and the same answer is
shared by every session of the process for :data:`SNAPSHOT_MAX_AGE` seconds, so 200 followers cost the database
a few queries a second, not 200.

Every change commits before the call returns: a restarted server finds every class and every answer.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from classroom import codes, state
from classroom.rights import Lecturer, require

#: A class ends by itself this long after it started (hours), if the lecturer does not end it before.
CLASS_HOURS = 8.0
#: How long (seconds) one process reuses a class snapshot for all its followers.
SNAPSHOT_MAX_AGE = 0.25

metadata = sa.MetaData()

classes = sa.Table(
    "classroom_classes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("started_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("ended_at", sa.Float, nullable=True),
    sa.Column("version", sa.Integer, nullable=False, default=0),  # +1 whenever page or controls change
    sa.Column("page", sa.String(100), nullable=False, default=""),
    sa.Column("controls", sa.Text, nullable=False, default="{}"),
    sa.Column("poll_id", sa.Integer, nullable=True),  # the poll on screen (open or revealed), if any
    sa.Column("poll_version", sa.Integer, nullable=False, default=0),  # +1 whenever a poll opens, reveals, closes
)

members = sa.Table(
    "classroom_members",
    metadata,
    sa.Column("class_id", sa.Integer, sa.ForeignKey("classroom_classes.id"), primary_key=True),
    sa.Column("student", sa.String(64), primary_key=True),
    sa.Column("joined_at", sa.Float, nullable=False),
)

polls = sa.Table(
    "classroom_polls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("class_id", sa.Integer, sa.ForeignKey("classroom_classes.id"), nullable=False, index=True),
    sa.Column("page", sa.String(100), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("options", sa.Text, nullable=False),  # JSON list of the options, in the lecture text's order
    sa.Column("answer", sa.Integer, nullable=False),
    sa.Column("explain", sa.Text, nullable=False, default=""),
    sa.Column("feedback", sa.Text, nullable=False, default="[]"),  # JSON list, one sentence per option (or [])
    sa.Column("asked_at", sa.Float, nullable=False),
    sa.Column("revealed_at", sa.Float, nullable=True),
)

answers = sa.Table(
    "classroom_answers",
    metadata,
    sa.Column("poll_id", sa.Integer, sa.ForeignKey("classroom_polls.id"), primary_key=True),
    sa.Column("student", sa.String(64), primary_key=True),
    sa.Column("option", sa.Integer, nullable=False),
    sa.Column("answered_at", sa.Float, nullable=False),
)


@dataclass(frozen=True)
class ClassInfo:
    id: int
    code: str
    started_at: float
    expires_at: float


@dataclass(frozen=True)
class PollInfo:
    """A poll as everyone may see it; ``answer``, ``explain`` and ``feedback`` matter once ``revealed``."""

    id: int
    page: str
    question: str
    options: tuple[str, ...]
    answer: int
    explain: str
    feedback: tuple[str, ...]
    revealed: bool


@dataclass(frozen=True)
class Snapshot:
    """What a follower needs once a second: where the lecturer is, and the poll on screen."""

    class_id: int
    code: str
    active: bool
    version: int
    page: str
    controls: str
    poll_version: int
    poll: PollInfo | None

    @property
    def values(self) -> dict[str, object]:
        """The lecturer's control values (decoded from :attr:`controls`)."""
        return state.decode(self.controls)


def _connect_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer; survives a crash
    cursor.execute("PRAGMA synchronous=FULL")  # a committed answer is on disk before the call returns
    cursor.execute("PRAGMA busy_timeout=5000")  # another process writing: wait, do not fail
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url``: SQLite (its folder is created, WAL mode) or PostgreSQL (checked connections)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":  # one shared connection: the data lives in it
            engine = sa.create_engine(url, poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False})
        else:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(url, connect_args={"timeout": 5})
        sa.event.listen(engine, "connect", _connect_sqlite)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"Classroom mode stores classes in SQLite or PostgreSQL, not {parsed.get_backend_name()}")
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class Store:
    """Classes, followers, polls and answers in one database. Thread-safe: every session of a process shares it.

    Steering calls take a :class:`~classroom.rights.Lecturer` and refuse without one; students' calls (join,
    answer) touch only their own rows.
    """

    def __init__(self, url: str, clock: Callable[[], float] = time.time, max_age: float = SNAPSHOT_MAX_AGE):
        self.url = url
        self.engine = make_engine(url)
        self.clock = clock
        self.max_age = max_age
        metadata.create_all(self.engine)
        self._insert = sqlite.insert if self.engine.dialect.name == "sqlite" else postgresql.insert
        self._cache: dict[int, tuple[float, Snapshot | None]] = {}
        self._lock = threading.Lock()
        self.queries = 0  # snapshot queries sent to the database (the benchmark reads it)

    # -- classes ---------------------------------------------------------------------------------------------
    def start_class(self, rights: Lecturer, hours: float = CLASS_HOURS) -> ClassInfo:
        """Start a class with a fresh join code, valid for ``hours``."""
        require(rights)
        if not 0 < hours <= 48:
            raise ValueError(f"a class lasts between a minute and 48 hours, not {hours} hours")
        now = self.clock()
        for _ in range(20):  # a code is never reused: on the rare collision, draw again
            code = codes.new_code()
            try:
                with self.engine.begin() as conn:
                    row = conn.execute(
                        classes.insert()
                        .values(code=code, started_at=now, expires_at=now + hours * 3600, version=0, page="")
                        .returning(classes.c.id)
                    )
                    return ClassInfo(row.scalar_one(), code, now, now + hours * 3600)
            except IntegrityError:
                continue
        raise RuntimeError("could not draw an unused join code")

    def active_classes(self) -> list[ClassInfo]:
        """Classes that have neither ended nor expired, newest first."""
        now = self.clock()
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(classes.c.id, classes.c.code, classes.c.started_at, classes.c.expires_at)
                .where(classes.c.ended_at.is_(None), classes.c.expires_at > now)
                .order_by(classes.c.id.desc())
            ).all()
        return [ClassInfo(*row) for row in rows]

    def find(self, code: str | None) -> ClassInfo | None:
        """The active class with this join code, or None (unknown, ended or expired: codes expire with the class)."""
        code = codes.normalise_code(code)
        if code is None:
            return None
        return next((c for c in self.active_classes() if c.code == code), None)

    def end_class(self, rights: Lecturer, class_id: int) -> None:
        """End the class: its code stops working, its followers stop following; its answers stay for export."""
        require(rights)
        with self.engine.begin() as conn:
            conn.execute(
                classes.update()
                .where(classes.c.id == class_id, classes.c.ended_at.is_(None))
                .values(ended_at=self.clock(), poll_version=classes.c.poll_version + 1)
            )
        self._forget(class_id)

    def publish(self, rights: Lecturer, class_id: int, page: str, controls: str) -> int:
        """Set the lecturer's page and controls (``controls``: :func:`classroom.state.encode`); the new version.

        Writes only when something changed, so the lecturer's session may call it as often as it likes.
        """
        require(rights)
        state.decode(controls)  # refuse anything a follower could not apply
        with self.engine.begin() as conn:
            conn.execute(
                classes.update()
                .where(
                    classes.c.id == class_id,
                    sa.or_(classes.c.page != page, classes.c.controls != controls),
                )
                .values(page=page, controls=controls, version=classes.c.version + 1)
            )
            version = conn.execute(sa.select(classes.c.version).where(classes.c.id == class_id)).scalar_one()
        self._forget(class_id)
        return version

    # -- followers ---------------------------------------------------------------------------------------------
    def join(self, class_id: int, student: str) -> None:
        """Count a browser as a member of the class (once; joining again changes nothing)."""
        if not codes.valid_student_id(student):
            raise ValueError("not a student id")
        with self.engine.begin() as conn:
            conn.execute(
                self._insert(members)
                .values(class_id=class_id, student=student, joined_at=self.clock())
                .on_conflict_do_nothing(index_elements=["class_id", "student"])
            )

    def member_count(self, class_id: int) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.count()).select_from(members).where(members.c.class_id == class_id)
            ).scalar_one()

    def snapshot(self, class_id: int, fresh: bool = False) -> Snapshot | None:
        """The class as followers see it, shared by all sessions of this process for ``max_age`` seconds."""
        now = time.monotonic()
        if not fresh:
            with self._lock:
                hit = self._cache.get(class_id)
            if hit is not None and now - hit[0] < self.max_age:
                return hit[1]
        snap = self._read(class_id)
        with self._lock:
            self._cache[class_id] = (now, snap)
        return snap

    def _forget(self, class_id: int) -> None:
        with self._lock:
            self._cache.pop(class_id, None)

    def _read(self, class_id: int) -> Snapshot | None:
        self.queries += 1
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(classes).where(classes.c.id == class_id)).mappings().first()
            if row is None:
                return None
            poll = None
            if row["poll_id"] is not None:
                prow = conn.execute(sa.select(polls).where(polls.c.id == row["poll_id"])).mappings().first()
                poll = _poll(prow) if prow is not None else None
        active = row["ended_at"] is None and row["expires_at"] > self.clock()
        return Snapshot(
            class_id=row["id"],
            code=row["code"],
            active=active,
            version=row["version"],
            page=row["page"],
            controls=row["controls"],
            poll_version=row["poll_version"],
            poll=poll,
        )

    # -- polls ---------------------------------------------------------------------------------------------------
    def open_poll(
        self,
        rights: Lecturer,
        class_id: int,
        page: str,
        question: str,
        options: Sequence[str],
        answer: int,
        explain: str = "",
        feedback: Sequence[str] = (),
    ) -> int:
        """Ask a question to the class: it replaces the poll on screen; the new poll's id."""
        require(rights)
        if len(options) < 2 or not 0 <= answer < len(options):
            raise ValueError("a poll needs two or more options and the index of the right one")
        if feedback and len(feedback) != len(options):
            raise ValueError("a poll's feedback has one sentence per option")
        with self.engine.begin() as conn:
            poll_id = conn.execute(
                polls.insert()
                .values(
                    class_id=class_id,
                    page=page,
                    question=question,
                    options=json.dumps(list(options)),
                    answer=answer,
                    explain=explain,
                    feedback=json.dumps(list(feedback)),
                    asked_at=self.clock(),
                )
                .returning(polls.c.id)
            ).scalar_one()
            conn.execute(
                classes.update()
                .where(classes.c.id == class_id)
                .values(poll_id=poll_id, poll_version=classes.c.poll_version + 1)
            )
        self._forget(class_id)
        return poll_id

    def reveal(self, rights: Lecturer, class_id: int, poll_id: int) -> None:
        """Show everyone the right answer and the feedback of each option; the poll takes no more answers."""
        require(rights)
        with self.engine.begin() as conn:
            conn.execute(
                polls.update()
                .where(polls.c.id == poll_id, polls.c.class_id == class_id, polls.c.revealed_at.is_(None))
                .values(revealed_at=self.clock())
            )
            conn.execute(
                classes.update().where(classes.c.id == class_id).values(poll_version=classes.c.poll_version + 1)
            )
        self._forget(class_id)

    def close_poll(self, rights: Lecturer, class_id: int) -> None:
        """Take the poll off everyone's screen (its answers stay for the export)."""
        require(rights)
        with self.engine.begin() as conn:
            conn.execute(
                classes.update()
                .where(classes.c.id == class_id)
                .values(poll_id=None, poll_version=classes.c.poll_version + 1)
            )
        self._forget(class_id)

    def answer(self, poll_id: int, student: str, option: int) -> bool:
        """Record a student's answer (one per student and poll: a new one replaces it). False if the poll no longer
        takes answers (revealed, replaced, or its class ended)."""
        if not codes.valid_student_id(student):
            raise ValueError("not a student id")
        now = self.clock()
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(
                    polls.c.options, polls.c.revealed_at, classes.c.poll_id, classes.c.ended_at, classes.c.expires_at
                )
                .join(classes, classes.c.id == polls.c.class_id)
                .where(polls.c.id == poll_id)
            ).first()
            if row is None:
                raise ValueError(f"no poll {poll_id}")
            if not 0 <= option < len(json.loads(row.options)):
                raise ValueError(f"poll {poll_id} has no option {option}")
            if (
                row.revealed_at is not None
                or row.poll_id != poll_id
                or row.ended_at is not None
                or row.expires_at <= now
            ):
                return False
            stmt = self._insert(answers).values(poll_id=poll_id, student=student, option=option, answered_at=now)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["poll_id", "student"], set_={"option": option, "answered_at": now}
                )
            )
        return True

    def answer_of(self, poll_id: int, student: str) -> int | None:
        """The option this student chose in this poll (None if they have not answered)."""
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(answers.c.option).where(answers.c.poll_id == poll_id, answers.c.student == student)
            ).scalar_one_or_none()

    def counts(self, poll_id: int) -> list[int]:
        """How many students chose each option (in the lecture text's order of the options)."""
        with self.engine.connect() as conn:
            n_options = len(
                json.loads(conn.execute(sa.select(polls.c.options).where(polls.c.id == poll_id)).scalar_one())
            )
            rows = conn.execute(
                sa.select(answers.c.option, sa.func.count())
                .where(answers.c.poll_id == poll_id)
                .group_by(answers.c.option)
            ).all()
        out = [0] * n_options
        for option, n in rows:
            out[option] = n
        return out

    def results_csv(self, rights: Lecturer, class_id: int) -> str:
        """Every answer of the class, one row each (polls nobody answered get one row without an answer).

        Students appear as a short pseudonym (a hash of their browser id), the same across the class's polls.
        """
        require(rights)
        with self.engine.connect() as conn:
            code = conn.execute(sa.select(classes.c.code).where(classes.c.id == class_id)).scalar_one()
            rows = (
                conn.execute(
                    sa.select(polls, answers.c.student, answers.c.option, answers.c.answered_at)
                    .select_from(polls.outerjoin(answers, answers.c.poll_id == polls.c.id))
                    .where(polls.c.class_id == class_id)
                    .order_by(polls.c.id, answers.c.answered_at)
                )
                .mappings()
                .all()
            )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "class",
                "poll",
                "page",
                "question",
                "asked_at",
                "student",
                "answer",
                "correct",
                "right_answer",
                "answered_at",
            ]
        )
        for r in rows:
            options = json.loads(r["options"])
            answered = r["option"] is not None
            writer.writerow(
                [
                    code,
                    r["id"],
                    r["page"],
                    r["question"],
                    _iso(r["asked_at"]),
                    pseudonym(r["student"]) if answered else "",
                    options[r["option"]] if answered else "",
                    (r["option"] == r["answer"]) if answered else "",
                    options[r["answer"]],
                    _iso(r["answered_at"]) if answered else "",
                ]
            )
        return out.getvalue()


def pseudonym(student: str) -> str:
    """A short stable stand-in for a browser id in exports (the id itself is the browser's key to its answers).

    >>> pseudonym("x" * 22)
    'S-ec4a4fcd91'
    """
    return "S-" + hashlib.sha256(student.encode("utf-8")).hexdigest()[:10]


def _iso(t: float | None) -> str:
    return "" if t is None else time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t))


def _poll(row) -> PollInfo:
    return PollInfo(
        id=row["id"],
        page=row["page"],
        question=row["question"],
        options=tuple(json.loads(row["options"])),
        answer=row["answer"],
        explain=row["explain"],
        feedback=tuple(json.loads(row["feedback"])),
        revealed=row["revealed_at"] is not None,
    )


@functools.cache
def open_store(url: str) -> Store:
    """The one store of this process for ``url`` (every session shares its engine and its snapshot cache)."""
    return Store(url)
