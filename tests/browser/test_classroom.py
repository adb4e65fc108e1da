"""Classroom mode in Debian's chromium: a lecturer and two students, each in their own browser context.

Each test runs on one database: the lecture with its restart on SQLite (the default: a lecturer's own machine
keeps the class in a file), the intruder and the two app processes on PostgreSQL (a throw-away cluster,
``postgres_url``: the database for processes on several machines). Every store operation is tested on both
databases in ``tests/test_classroom.py``; running each browser flow twice only doubled its 60 s.
The app server runs with a lecturer passcode and its own database; the restart test stops it mid-class and starts
it again on the same port, and the browsers reconnect by themselves, as in a lecture hall.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
import uuid

import pytest

import classroom
from lecture import Quiz
from tests.bench.classroom import (
    PASSCODE,
    classroom_server,
    lecturer_sign_in,
    press_slider,
    sidebar_button,
    slider_value,
)
from tests.browser.pages import REDUCED_MOTION
from tests.browser.server import IDLE, free_port, wait_for_css, wait_idle
from ui.frame import quiz_order

#: The issue's promise: a follower shows the lecturer's change within 2 s (measured from the lecturer's own redraw).
FOLLOW_WITHIN_MS = 2_000
#: How long to wait for something to appear when the time is not a promise (the follow delay above is): the suite
#: runs three browser groups side by side on two cores, and a lecturer's live counts can take seconds to redraw.
LOCATE_MS = 30_000


@pytest.fixture(scope="module")
def backend(request):
    """The environment of a classroom-mode server: passcode plus an SQLite folder or a PostgreSQL database."""
    env = {"CLASSROOM_PASSCODE": PASSCODE}
    if request.param == "sqlite":
        env["CLASSROOM_DATA_DIR"] = tempfile.mkdtemp(prefix="classroom-browser-")
        url = f"sqlite:///{env['CLASSROOM_DATA_DIR']}/classroom.sqlite3"
    else:
        import sqlalchemy as sa

        server = request.getfixturevalue("postgres_url")
        name = "b_" + uuid.uuid4().hex[:12]
        engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        url = server.rsplit("/", 1)[0] + "/" + name
        env["CLASSROOM_DATABASE_URL"] = url
    return env, url


@pytest.fixture(scope="module")
def two_processes(backend):
    """Two app processes on one PostgreSQL database, as behind the sticky proxy: (url_a, url_b). The intruder test
    goes to the first, the two-process test uses both (one server start less: 2 to 3 core-seconds)."""
    env, _ = backend
    with (
        classroom_server(env, log_name="classroom-test-a") as (url_a, _pid_a),
        classroom_server(env, log_name="classroom-test-b") as (url_b, _pid_b),
    ):
        yield url_a, url_b


@pytest.fixture(scope="module")
def store(backend):
    db = classroom.Store(backend[1], max_age=0)
    yield db
    db.engine.dispose()


def context(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, reduced_motion=REDUCED_MOTION)
    return ctx, ctx.new_page()


def join(page, url: str, code: str, path: str = "") -> None:
    page.goto(f"{url}/{path}?class={code}")
    wait_for_css(page, IDLE, 60_000)
    page.locator("[data-testid=stSidebar]").get_by_text(f"You are in class {code}").wait_for(timeout=LOCATE_MS)


def path_of(page) -> str:
    return page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def wait_for_value(page, key: str, value: float, timeout_ms: int) -> float:
    """Wait until the slider shows ``value``; the seconds it took (AssertionError after ``timeout_ms``)."""
    start = time.time()
    locator = page.locator(f".st-key-{key} input[type=range]")
    while time.time() - start < timeout_ms / 1000:
        try:
            if abs(float(locator.input_value(timeout=200)) - value) < 1e-9:
                return time.time() - start
        except Exception:  # noqa: BLE001 - the slider is being redrawn
            pass
        page.wait_for_timeout(50)
    raise AssertionError(f"{key} did not reach {value} within {timeout_ms} ms (shows {locator.input_value()})")


def toggle_follow(page) -> None:
    page.locator(".st-key-classroom_follow label").click()
    wait_idle(page)


def poll_options(page):
    return page.locator("[class*='st-key-classroom_poll_'] [data-testid=stRadio] label:has(input[type=radio])")


def answer(page, pick: int) -> None:
    """Choose option ``pick`` (in the order shown) of the poll on screen, until the page confirms it counts (a
    click that lands while the page redraws, for the lecturer's change, is not lost: it is made again)."""
    poll_options(page).first.wait_for(timeout=LOCATE_MS)
    for _ in range(5):
        poll_options(page).nth(pick).click()
        wait_idle(page)
        try:
            page.locator("[data-testid=stMain]").get_by_text("Your answer counts").wait_for(timeout=3_000)
            return
        except Exception:  # noqa: BLE001 - redrawn under the click: click again
            continue
    raise AssertionError("the poll never confirmed the answer")


def lecturer_controls(page) -> list[str]:
    """The lecturer's controls visible on the page (none may be visible to a student)."""
    labels = ("Start a class", "End the class", "Ask the class", "Reveal the answer", "Results (CSV)", "Resume class")
    text = page.locator("[data-testid=stApp]").inner_text()
    return [label for label in labels if label in text]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_students_follow_the_lecturer_answer_a_poll_and_keep_their_answers_across_a_restart(browser, backend, store):
    env, _ = backend
    port = free_port()
    lec_ctx, lec = context(browser)
    a_ctx, a = context(browser)
    b_ctx, b = context(browser)
    try:
        with classroom_server(env, port=port, log_name="classroom-test") as (url, _pid):
            code = lecturer_sign_in(lec, url, "kl_divergence")
            info = store.find(code)
            assert info is not None
            join(a, url, code)
            join(b, url, code)
            # following: both land on the lecturer's page with the lecturer's controls
            for student in (a, b):
                student.wait_for_url(re.compile(r"/kl_divergence"), timeout=LOCATE_MS)
                wait_idle(student)
            assert lecturer_controls(a) == [] and lecturer_controls(b) == []
            toggle_follow(b)  # b explores on their own from now on

            press_slider(lec, "kl_t")
            wait_idle(lec)
            moved = slider_value(lec, "kl_t")
            assert moved == pytest.approx(0.05)
            took = wait_for_value(a, "kl_t", moved, FOLLOW_WITHIN_MS)
            print(f"follower repainted {took:.2f} s after the lecturer's redraw")
            b.wait_for_timeout(1500)
            assert slider_value(b, "kl_t") == 0.0  # the detached student did not follow

            lec.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Entropy", exact=True).click()
            wait_idle(lec)
            a.wait_for_url(re.compile(r"/entropy$"), timeout=FOLLOW_WITHIN_MS)
            b.wait_for_timeout(1500)
            assert path_of(b) == "kl_divergence"
            toggle_follow(b)  # back on: jumps to where the lecturer is now
            b.wait_for_url(re.compile(r"/entropy$"), timeout=FOLLOW_WITHIN_MS + 2000)

            # a live poll: the lecturer asks; both students answer; the lecturer's counts are right
            lec.get_by_role("button", name="Ask the class", exact=True).click()
            wait_idle(lec)
            poll = store.snapshot(info.id, fresh=True).poll
            assert poll is not None and poll.page == "entropy"
            for student, pick in ((a, 0), (b, 1)):
                answer(student, pick)
            order = quiz_order(Quiz(poll.question, poll.options, poll.answer, poll.explain))
            expected = [0] * len(poll.options)
            expected[order[0]] += 1
            expected[order[1]] += 1
            assert store.counts(poll.id) == expected
            main = lec.locator("[data-testid=stMain]")
            main.get_by_text("2 of 2 answered").wait_for(timeout=LOCATE_MS)
            shown = main.locator("[data-testid=stProgress]").all_inner_texts()
            assert [int(re.findall(r": (\d+) \(", t)[-1]) for t in shown] == [expected[k] for k in order]

        # the server stops mid-class and starts again on the same port; the tabs open the app again (a reload:
        # a new session, as after any reconnect to a restarted server) and find the class and their answers
        with classroom_server(env, port=port, log_name="classroom-test-restart") as (url, _pid):
            assert store.counts(poll.id) == expected
            # first visit to the fresh server at its root: a first visit straight to a page's address can leave
            # that tab in Streamlit's old automatic page list (reported to the lead; not classroom mode's doing)
            warm = lec_ctx.new_page()
            warm.goto(url)
            wait_for_css(warm, IDLE, 60_000)
            warm.close()
            for page in (lec, a, b):
                page.reload()
                wait_for_css(page, IDLE, 60_000)
            for student, pick in ((a, 0), (b, 1)):
                student.locator("[data-testid=stSidebar]").get_by_text(f"You are in class {code}").wait_for(
                    timeout=60_000
                )
                options = poll_options(student)
                options.first.wait_for(timeout=LOCATE_MS)
                checked = student.locator("[class*='st-key-classroom_poll_'] input[type=radio]")
                assert checked.nth(pick).is_checked()  # the reconnected browser keeps its answer
            # the lecturer's rights were in the old server's session: the passcode again, then resume the class
            lec.locator("[data-testid=stSidebar] summary").filter(has_text="I am the lecturer").wait_for()
            assert lecturer_controls(lec) == []
            _sign_in_until(lec, f"Resume class {code}")
            sidebar_button(lec, f"Resume class {code}").click()
            wait_idle(lec)
            lec.locator("[data-testid=stMain]").get_by_text("2 of 2 answered").wait_for(timeout=LOCATE_MS)
            lec.get_by_role("button", name="Reveal the answer", exact=True).click()
            wait_idle(lec)
            right = order.index(poll.answer)
            for student, pick in ((a, 0), (b, 1)):
                verdict = "Right." if pick == right else "Not quite."
                student.locator("[data-testid=stMain]").get_by_text(verdict).first.wait_for(timeout=LOCATE_MS)
    finally:
        for ctx in (lec_ctx, a_ctx, b_ctx):
            ctx.close()


def _sign_in_until(page, button: str, attempts: int = 3) -> None:
    """Give the passcode in the sidebar until ``button`` (a lecturer's control) appears. On a loaded machine the
    reloaded page can still be redrawing (the class it rejoins) when the passcode is typed, and the sidebar drawn
    again drops what was typed: then it is typed again, as a lecturer would."""
    for _ in range(attempts):
        _open_lecturer_expander(page)
        page.locator(".st-key-classroom_passcode input").fill(PASSCODE)
        sidebar_button(page, "Sign in").click()
        wait_idle(page)
        try:
            sidebar_button(page, button).wait_for(timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - the sign-in did not land: again
            continue
    raise AssertionError(f"signed in {attempts} times and {button!r} never appeared")


def _open_lecturer_expander(page) -> None:
    """Open the sidebar's "I am the lecturer" expander if it is closed (a click on an open one would close it)."""
    details = page.locator("[data-testid=stSidebar] [data-testid=stExpander] details").filter(
        has_text="I am the lecturer"
    )
    if details.first.get_attribute("open") is None:
        details.first.locator("summary").click()
        page.wait_for_timeout(150)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_student_cannot_reach_the_lecturers_controls(browser, backend, store, two_processes):
    lecturer = classroom.sign_in(PASSCODE, PASSCODE)
    info = store.start_class(lecturer)
    store.publish(lecturer, info.id, "kl_divergence", classroom.state.encode({"kl_t": 0.3}))
    before = store.snapshot(info.id, fresh=True)
    ctx, page = context(browser)
    try:
        url = two_processes[0]
        host = url.split("//")[1].split(":")[0]
        # forged cookies: a script for an id, and the class's code
        ctx.add_cookies(
            [
                {"name": "genai_student", "value": "<script>alert(1)</script>", "domain": host, "path": "/"},
                {"name": "genai_class", "value": info.code, "domain": host, "path": "/"},
            ]
        )
        # a forged link: the real passcode in the URL signs no one in
        forged = f"passcode={PASSCODE}&classroom_passcode={PASSCODE}&lecturer=true&class={info.code}"
        page.goto(f"{url}/?{forged}")
        wait_for_css(page, IDLE, 60_000)
        page.locator("[data-testid=stSidebar]").get_by_text(f"You are in class {info.code}").wait_for(timeout=LOCATE_MS)
        # a student: follows, and that is all (how fast is the main test's and the benchmark's business: on a
        # loaded machine this first follow, a page switch in a fresh session, took over 5 s)
        wait_for_value(page, "kl_t", 0.3, LOCATE_MS)
        assert lecturer_controls(page) == []
        # the forged id was not taken: the server made a new one, and the browser keeps that one now
        cookie = next(c for c in ctx.cookies() if c["name"] == "genai_student")
        assert classroom.codes.valid_student_id(cookie["value"])
        # leave the class and try wrong passcodes: refused, then locked for this tab
        sidebar_button(page, "Leave the class").click()
        wait_idle(page)
        for attempt in range(classroom.rights.MAX_ATTEMPTS):
            _open_lecturer_expander(page)
            page.locator(".st-key-classroom_passcode input").fill(f"{PASSCODE}-{attempt}")
            sidebar_button(page, "Sign in").click()
            wait_idle(page)
            assert lecturer_controls(page) == []
        locked = page.locator("[data-testid=stSidebar]").get_by_text("Too many wrong passcodes")
        with contextlib.suppress(Exception):  # on a busy machine the last attempt's run may still be going
            locked.wait_for(timeout=5_000)
        _open_lecturer_expander(page)
        locked.wait_for(timeout=10_000)
        assert page.locator(".st-key-classroom_passcode input").count() == 0
    finally:
        ctx.close()
    after = store.snapshot(info.id, fresh=True)
    assert (after.version, after.poll_version, after.controls, after.poll) == (
        before.version,
        before.poll_version,
        before.controls,
        before.poll,
    )


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_app_processes_share_one_class(browser, backend, two_processes):
    """As behind the sticky proxy: the lecturer on one process, a student on another, one database between them."""
    url_a, url_b = two_processes
    lec_ctx, lec = context(browser)
    ctx, student = context(browser)
    try:
        assert url_a != url_b
        code = lecturer_sign_in(lec, url_a, "kl_divergence")
        join(student, url_b, code)  # the other process finds the class by its code
        student.wait_for_url(re.compile(r"/kl_divergence"), timeout=LOCATE_MS)
        wait_idle(student)
        for _ in range(2):
            press_slider(lec, "kl_t")
            wait_idle(lec)
            took = wait_for_value(student, "kl_t", slider_value(lec, "kl_t"), FOLLOW_WITHIN_MS)
            print(f"follower on the other process repainted {took:.2f} s after the lecturer's redraw")
        assert student.url.startswith(url_b) and lecturer_controls(student) == []
    finally:
        for c in (lec_ctx, ctx):
            c.close()
