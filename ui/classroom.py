"""Classroom mode in the app: the sidebar section, the follow fragment, the lecturer's publishing, live polls.

Three hooks, each a no-op while no lecturer passcode is configured (the app then behaves exactly as without it):

- :func:`sidebar` (``app.py``, in the sidebar): join a class (``?class=CODE`` from the QR code, a typed code, or the
  browser's cookie after a reconnect), sign in as the lecturer, start/resume/end a class, the QR code, the CSV of
  results; for a student the "Following the lecturer" switch and the *follow fragment*, which every
  ``poll_seconds`` reads the class's shared snapshot (:meth:`classroom.Store.snapshot`, one cheap query per process
  every quarter second whatever the number of followers) and, when the lecturer moved, applies the lecturer's page
  and control values.
- :func:`publish` (``app.py`` after the page ran, and ``ui.frame.live`` after a panel's own rerun): the lecturer's
  session writes its page and the values of the page's controls bound to the link whenever they changed.
- :func:`poll` (``ui/frame.py``, ``PageFrame.quiz``): the check-yourself question as a live poll: the lecturer asks
  it, sees the counts live and reveals the answer; a student answers it (one answer, which a new one replaces).

Rights: the lecturer is whoever gave the passcode *in this server-side session* (``st.session_state``, never a URL,
cookie or widget value); every steering call of the store requires that proof. Students are a random browser id
kept in a cookie, so a reconnecting browser keeps its answers.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from classroom import Config, Store, codes, open_store, rights, sign_in, state
from lecture import Quiz
from lecture import classroom as text
from ui import registry

log = logging.getLogger(__name__)

STUDENT_COOKIE = "genai_student"
CLASS_COOKIE = "genai_class"
COOKIE_DAYS = 180
#: The lecturer's live counts refresh this often (seconds).
COUNTS_SECONDS = 1.0

# session-state keys (server side only; none is a widget's key, so no browser can set them)
_RIGHTS = "_classroom_rights"
_ATTEMPTS = "_classroom_attempts"
_CLASS = "_classroom_class"  # (class id, code, role) with role "lecturer" or "student"
_STUDENT = "_classroom_student"
_SEEN = "_classroom_seen"  # (version, poll version) a follower last applied
_PUBLISHED = "_classroom_published"  # (page, controls) the lecturer last wrote
_FULL_RUN = "_classroom_full_run"  # True while app.py's full run draws the sidebar (the fragment runs inline)
_PAGE = "_classroom_page"  # url path of the page this session shows
_MESSAGE = "_classroom_message"
_CFG = "_classroom_config"  # this run's settings (set by the sidebar hook only while classroom mode is on)
_APPLIED = "_classroom_applied"  # (version, times) a follower applied it: a value a control refuses is not retried
FOLLOW_KEY = "classroom_follow"


def _survives_the_database(fallback: object = None):
    """Classroom mode never takes the app down: if its database cannot be reached (PostgreSQL down, a full disk),
    the hook logs it, says so once in the sidebar's words, and the page goes on without classroom mode."""

    def wrap(hook):
        @functools.wraps(hook)
        def guarded(*args, **kwargs):
            try:
                return hook(*args, **kwargs)
            except SQLAlchemyError:
                log.exception("classroom mode: the database failed in %s", hook.__name__)
                st.warning(text.DATABASE_DOWN, icon=":material/cloud_off:")
                return fallback

        return guarded

    return wrap


# -- settings and the store ----------------------------------------------------------------------------------------
def config() -> Config:
    """This process's settings: the environment over ``[classroom]`` in ``.streamlit/secrets.toml``."""
    secrets = {}
    if st.secrets.load_if_toml_exists():
        secrets = dict(st.secrets.get("classroom", {}))
    return Config.load(os.environ, secrets)


def _store(cfg: Config) -> Store:
    return open_store(cfg.url)


def _joined() -> tuple[int, str, str] | None:
    return st.session_state.get(_CLASS)


def _lecturer() -> rights.Lecturer | None:
    return st.session_state.get(_RIGHTS)


# -- the sidebar -----------------------------------------------------------------------------------------------------
@_survives_the_database()
def sidebar(page_url_path: str) -> None:
    """The classroom section of the sidebar (call inside ``with st.sidebar``). Nothing without a passcode."""
    try:
        cfg = config()
    except ValueError as err:
        st.warning(text.MISCONFIGURED.format(reason=err), icon=":material/school:")
        return
    if not cfg.enabled:
        return
    st.session_state[_CFG] = cfg
    st.session_state[_PAGE] = page_url_path
    db = _store(cfg)
    _join_from_link_or_cookie(db)
    st.divider()
    st.markdown(f"**:material/school: {text.SECTION}**")
    if message := st.session_state.pop(_MESSAGE, None):
        st.info(message)
    joined = _joined()
    if joined and joined[2] == "lecturer" and _lecturer() is not None:
        _lecturer_panel(cfg, db, joined)
    elif joined and joined[2] == "student":
        _student_panel(cfg, db, joined)
    elif _lecturer() is not None:
        _lecturer_start(db)
    else:
        _join_form(db)
        _sign_in_form(cfg)


def _student_id() -> str:
    """This browser's anonymous id: from its cookie if it has a valid one, else a new one (the cookie follows)."""
    if _STUDENT not in st.session_state:
        cookie = st.context.cookies.get(STUDENT_COOKIE)
        st.session_state[_STUDENT] = cookie if codes.valid_student_id(cookie) else codes.new_student_id()
    return st.session_state[_STUDENT]


def _join(db: Store, code: object, quiet: bool = False) -> bool:
    info = db.find(codes.normalise_code(code))
    if info is None:
        if not quiet:
            normal = codes.normalise_code(code)
            st.session_state[_MESSAGE] = text.NO_SUCH_CLASS.format(code=normal) if normal else text.NOT_A_CODE
        return False
    db.join(info.id, _student_id())
    st.session_state[_CLASS] = (info.id, info.code, "student")
    st.session_state[_SEEN] = (-1, -1)
    return True


def _join_from_link_or_cookie(db: Store) -> None:
    """``?class=CODE`` (the QR code's link) joins and leaves the link; a browser that was in a live class (its
    cookie) joins it again after a reconnect or a server restart."""
    first = "_classroom_cookie_tried" not in st.session_state  # the cookie counts once: after "Leave", never
    st.session_state["_classroom_cookie_tried"] = True
    code = st.query_params.get("class")
    if code is not None:
        del st.query_params["class"]
        if _lecturer() is None:
            _join(db, code)
        return
    if first and _CLASS not in st.session_state and _lecturer() is None:
        remembered = st.context.cookies.get(CLASS_COOKIE)
        if remembered:
            _join(db, remembered, quiet=True)


#: Keeps the browser's anonymous id (set once; replaced only if it is not a valid id) and the class it is in (so
#: that a reconnect, or a restarted server, finds it again). Constant text of ours; the values filled in are
#: JSON-quoted.
COOKIE_SCRIPT = """<script>
(() => {
  const set = (name, value, age) => { document.cookie = `${name}=${value}; path=/; max-age=${age}; SameSite=Lax`; };
  const get = (name) => document.cookie.split("; ").find((c) => c.startsWith(name + "="))?.slice(name.length + 1);
  const has = (name) => get(name) !== undefined;
  const [studentName, student, studentAge] = %s, [className, code] = %s;
  // a browser keeps its id; one that is not an id this app made (edited by hand, forged) is replaced
  if (!/^[A-Za-z0-9_-]{22,64}$/.test(get(studentName) || "")) set(studentName, student, studentAge);
  if (code === null) { if (has(className)) set(className, "", 0); } else set(className, code, 43200);
})();
</script>"""


def _cookies(student: str, code: str | None) -> None:
    """Run :data:`COOKIE_SCRIPT` for this browser (``student`` is a validated id, ``code`` a join code or None)."""
    if not codes.valid_student_id(student) or (code is not None and codes.normalise_code(code) != code):
        return
    values = (json.dumps([STUDENT_COOKIE, student, COOKIE_DAYS * 86400]), json.dumps([CLASS_COOKIE, code]))
    st.html(COOKIE_SCRIPT % values, unsafe_allow_javascript=True)


def _join_form(db: Store) -> None:
    with st.form("classroom_join", border=False, enter_to_submit=True):
        code = st.text_input(
            text.JOIN_LABEL, placeholder=text.JOIN_PLACEHOLDER, help=text.JOIN_HELP, max_chars=12, key="classroom_code"
        )
        if st.form_submit_button(text.JOIN_BUTTON, icon=":material/group_add:") and _join(db, code):
            st.rerun()


def _sign_in_form(cfg: Config) -> None:
    with st.expander(text.LECTURER_EXPANDER, icon=":material/co_present:"):
        attempts = st.session_state.get(_ATTEMPTS, 0)
        if attempts >= rights.MAX_ATTEMPTS:
            st.error(text.LOCKED)
            return
        with st.form("classroom_sign_in", border=False):
            given = st.text_input(
                text.PASSCODE_LABEL, type="password", help=text.PASSCODE_HELP, max_chars=200, key="classroom_passcode"
            )
            if st.form_submit_button(text.SIGN_IN, icon=":material/login:"):
                if not rights.THROTTLE.allows():  # many wrong passcodes from many tabs: everyone waits a minute
                    st.session_state[_MESSAGE] = text.BUSY
                    st.rerun()
                lecturer = sign_in(given, cfg.passcode)
                if lecturer is None:
                    rights.THROTTLE.failed()
                    st.session_state[_ATTEMPTS] = attempts + 1
                    st.session_state[_MESSAGE] = text.WRONG_PASSCODE.format(left=rights.MAX_ATTEMPTS - attempts - 1)
                else:
                    st.session_state[_RIGHTS] = lecturer
                    st.session_state[_ATTEMPTS] = 0
                    st.session_state.pop(_CLASS, None)
                st.rerun()


def _lecturer_start(db: Store) -> None:
    lecturer = _lecturer()
    if st.button(text.START, help=text.START_HELP, icon=":material/play_arrow:", type="primary"):
        info = db.start_class(lecturer)
        st.session_state[_CLASS] = (info.id, info.code, "lecturer")
        st.session_state.pop(_PUBLISHED, None)
        st.rerun()
    for info in db.active_classes()[:3]:
        if st.button(text.RESUME.format(code=info.code), key=f"classroom_resume_{info.id}"):
            st.session_state[_CLASS] = (info.id, info.code, "lecturer")
            st.session_state.pop(_PUBLISHED, None)
            st.rerun()
    if st.button(text.SIGN_OUT, icon=":material/logout:"):
        st.session_state.pop(_RIGHTS, None)
        st.rerun()


def join_url(cfg: Config, code: str) -> str:
    """The link the QR code opens: the configured public address, else the address this browser used."""
    base = cfg.base_url
    if not base:
        base = (st.context.url or "http://localhost:8501").split("?")[0].rstrip("/")
        here = st.session_state.get(_PAGE, "")
        if here and base.endswith("/" + here):
            base = base[: -len(here) - 1]
    return f"{base}/?class={code}"


def qr_png(url: str, scale: int = 8) -> bytes:
    """The QR code of ``url`` as a PNG (segno: pure Python, no network)."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


@st.dialog(text.QR_TITLE, width="large")
def _qr_dialog(url: str, code: str) -> None:
    st.markdown(text.QR_CODE_LINE.format(code=code))
    st.image(qr_png(url, scale=14), width=520)
    st.caption(text.QR_CAPTION.format(url=url))


def _lecturer_panel(cfg: Config, db: Store, joined: tuple[int, str, str]) -> None:
    class_id, code, _ = joined
    lecturer = _lecturer()
    snap = db.snapshot(class_id)
    if snap is None or not snap.active:
        st.session_state.pop(_CLASS, None)
        st.rerun()
    url = join_url(cfg, code)
    st.markdown(text.CODE_LINE.format(code=code))
    st.image(qr_png(url, scale=5), width=170)
    st.caption(text.JOINED.format(n=db.member_count(class_id)))
    if st.button(text.SHOW_QR, icon=":material/qr_code_2:"):
        _qr_dialog(url, code)
    st.download_button(
        text.DOWNLOAD,
        data=lambda: db.results_csv(lecturer, class_id).encode("utf-8"),
        file_name=f"class-{code}-results.csv",
        mime="text/csv",
        on_click="ignore",
        help=text.DOWNLOAD_HELP,
        icon=":material/download:",
    )
    if st.button(text.END, help=text.END_HELP, icon=":material/stop_circle:"):
        db.end_class(lecturer, class_id)
        st.session_state.pop(_CLASS, None)
        st.rerun()
    st.caption(text.LECTURER_NOTE)


def _student_panel(cfg: Config, db: Store, joined: tuple[int, str, str]) -> None:
    class_id, code, _ = joined
    snap = db.snapshot(class_id)
    if snap is None or not snap.active:
        _leave(text.ENDED.format(code=code))
        return
    _cookies(_student_id(), code)
    st.markdown(text.IN_CLASS.format(code=code))
    following = st.toggle(text.FOLLOW, value=True, key=FOLLOW_KEY, help=text.FOLLOW_HELP)
    st.caption(text.FOLLOWING_NOTE if following else text.DETACHED_NOTE)
    if snap.poll is not None and snap.poll.page != _page_key(st.session_state.get(_PAGE, "")):
        entry = registry.by_key(snap.poll.page)
        if entry is not None:
            st.caption(text.POLL_ELSEWHERE)
            st.page_link(entry.file, label=entry.title, icon=":material/how_to_vote:")
    if st.button(text.LEAVE, icon=":material/logout:"):
        _leave(None)
        st.rerun()
    st.session_state[_FULL_RUN] = True
    try:
        st.fragment(_follow, run_every=cfg.poll_seconds)(class_id, cfg.url)
    finally:
        st.session_state[_FULL_RUN] = False


def _leave(message: str | None) -> None:
    st.session_state.pop(_CLASS, None)
    st.session_state.pop(_SEEN, None)
    _cookies(_student_id(), None)
    if message:
        st.info(message)


def _page_key(url_path: str) -> str:
    return next((p.key for p in registry.ordered() if p.url_path == url_path), "")


@_survives_the_database()
def _follow(class_id: int, url: str) -> None:
    """The follow fragment: look at the class; when the lecturer moved (or this student's page drifted while
    following), take the lecturer's page and controls. A dictionary look-up and a comparison when nothing changed."""
    snap = open_store(url).snapshot(class_id)
    inline = bool(st.session_state.get(_FULL_RUN))  # drawn in a full run: the page has not been drawn yet
    if snap is None or not snap.active:
        if not inline:
            st.rerun()  # the sidebar then says the class ended
        return
    seen_version, seen_poll = st.session_state.get(_SEEN, (-1, -1))
    redraw = snap.poll_version != seen_poll
    st.session_state[_SEEN] = (snap.version, snap.poll_version)
    if st.session_state.get(FOLLOW_KEY, True) and snap.version > 0 and (snap.version != seen_version or not inline):
        applied_version, times = st.session_state.get(_APPLIED, (-1, 0))
        times = times if applied_version == snap.version else 0
        if times < 2:  # a value a control cannot take (clamped, an option gone) is not forced again and again
            if snap.page != st.session_state.get(_PAGE, ""):
                st.session_state[_APPLIED] = (snap.version, times + 1)
                _go(snap)
            wanted = snap.values
            changed = state.differences(wanted, {k: st.session_state.get(k) for k in wanted})
            if changed:
                st.session_state[_APPLIED] = (snap.version, times + 1)
                st.session_state.update(changed)
                redraw = True
    if redraw and not inline:
        st.rerun()


def _go(snap) -> None:
    """Switch to the lecturer's page with the lecturer's control values."""
    entry = next((p for p in registry.ordered() if p.url_path == snap.page), None)
    if entry is None:
        return
    st.session_state.update(snap.values)
    st.session_state[_SEEN] = (snap.version, snap.poll_version)
    st.switch_page(entry.file, query_params={})


# -- the lecturer publishes ----------------------------------------------------------------------------------------
def bound_values() -> dict[str, object]:
    """The values of this page's controls bound to the link (``bind="query-params"``), defaults included.

    Streamlit keeps the bindings in the session's query-parameter store; each records the page that drew it.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.state.session_state_proxy import get_session_state

    ctx = get_script_run_ctx()
    page_hash = ctx.page_script_hash if ctx is not None else None
    with get_session_state().query_params() as store:
        keys = [k for k, b in store._bindings_by_param.items() if page_hash is None or b.script_hash == page_hash]
    return {k: st.session_state[k] for k in keys if k in st.session_state and k not in state.PRIVATE_KEYS}


@_survives_the_database()
def publish(page_url_path: str | None = None) -> None:
    """The lecturer's session writes its page and controls, if they changed since it last wrote: at the end of
    every full run (``app.py``, with the page's path) and of every live panel's own rerun (``ui.frame.live``: a
    panel's rerun does not run ``app.py``). Nothing for anyone else: a dictionary look-up."""
    joined, cfg, lecturer = _joined(), st.session_state.get(_CFG), _lecturer()
    if not joined or joined[2] != "lecturer" or lecturer is None or cfg is None:
        return
    page = page_url_path or st.session_state.get(_PAGE, "")
    controls = state.encode(bound_values())
    if page and st.session_state.get(_PUBLISHED) != (page, controls):
        _store(cfg).publish(lecturer, joined[0], page, controls)
        st.session_state[_PUBLISHED] = (page, controls)


# -- live polls ------------------------------------------------------------------------------------------------------
@_survives_the_database(False)
def poll(page_key: str, quiz: Quiz, number: int, order: list[int]) -> bool:
    """Show ``quiz`` as the class's live poll where that applies (True: shown; False: the frame shows its own)."""
    joined, cfg = _joined(), st.session_state.get(_CFG)
    if not joined or cfg is None:
        return False
    db = _store(cfg)
    class_id, _, role = joined
    snap = db.snapshot(class_id)
    if snap is None or not snap.active:
        return False
    on_screen = snap.poll if snap.poll and (snap.poll.page, snap.poll.question) == (page_key, quiz.question) else None
    if role == "lecturer" and _lecturer() is not None:
        _lecturer_poll(db, class_id, page_key, quiz, number, order, on_screen)
        return True
    if on_screen is not None:
        _student_poll(db, class_id, on_screen, order)
        return True
    return False


def _lecturer_poll(db, class_id, page_key, quiz, number, order, on_screen) -> None:
    lecturer = _lecturer()
    with st.container(border=True):
        st.markdown(text.POLL_HEADING)
        st.markdown(quiz.question)
        if on_screen is None:
            st.markdown("\n".join(f"{i + 1}. {quiz.options[k]}" for i, k in enumerate(order)))

            def ask() -> None:
                db.open_poll(
                    lecturer, class_id, page_key, quiz.question, quiz.options, quiz.answer, quiz.explain, quiz.feedback
                )

            st.button(
                text.ASK, help=text.ASK_HELP, key=f"classroom_ask_{page_key}_{number}", on_click=ask, type="primary"
            )
            return
        poll_id = on_screen.id

        @_survives_the_database()
        def counts() -> None:
            _counts(db, class_id, on_screen, order, db.counts(poll_id), show_right=on_screen.revealed)

        st.fragment(counts, run_every=COUNTS_SECONDS)()
        left, right = st.columns(2)
        if not on_screen.revealed:
            left.button(
                text.REVEAL,
                key=f"classroom_reveal_{poll_id}",
                on_click=lambda: db.reveal(lecturer, class_id, poll_id),
                icon=":material/visibility:",
            )
        else:
            st.success(on_screen.explain)
        right.button(
            text.TAKE_DOWN, key=f"classroom_down_{poll_id}", on_click=lambda: db.close_poll(lecturer, class_id)
        )


def _counts(db, class_id, poll_info, order, counts, show_right: bool) -> None:
    total = sum(counts)
    st.markdown(text.ANSWERED.format(answered=total, joined=db.member_count(class_id)))  # on the slide too
    for k in order:
        mark = text.RIGHT_MARK if show_right and k == poll_info.answer else ""
        share = counts[k] / total if total else 0.0
        st.progress(share, text=text.COUNT_LINE.format(option=poll_info.options[k] + mark, n=counts[k], share=share))


def _student_poll(db: Store, class_id: int, poll_info, order: list[int]) -> None:
    student = _student_id()
    mine = db.answer_of(poll_info.id, student)
    shown = [poll_info.options[k] for k in order]
    key = f"classroom_poll_{poll_info.id}"

    with st.container(border=True):
        st.markdown(text.POLL_HEADING)
        choice = st.radio(
            poll_info.question,
            shown,
            index=order.index(mine) if mine is not None else None,
            key=key,
            disabled=poll_info.revealed,
        )
        # recorded from the widget's value on any run, not in a callback: a click whose run was cut short by the
        # follow fragment's rerun is still counted on the next run (and a click on the same option again is no
        # change the browser would send)
        picked = order[shown.index(choice)] if choice in shown else None
        if picked is not None and not poll_info.revealed and picked != mine:
            if db.answer(poll_info.id, student, picked):
                mine = picked
            else:
                st.warning(text.TOO_LATE)
        if not poll_info.revealed:
            st.caption(text.STUDENT_WAITING if mine is not None else text.STUDENT_PROMPT)
            return
        explain = poll_info.explain
        if mine is None:
            st.info(text.NO_ANSWER.format(explain=explain))
        else:
            reply = poll_info.feedback[mine] + " " if poll_info.feedback else ""
            if mine == poll_info.answer:
                st.success(text.RIGHT.format(reply=reply, explain=explain), icon=":material/check_circle:")
            else:
                st.error(text.WRONG.format(reply=reply, explain=explain), icon=":material/cancel:")
        st.caption(text.ROOM)
        _counts(db, class_id, poll_info, order, db.counts(poll_info.id), show_right=True)
