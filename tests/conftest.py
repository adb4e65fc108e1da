"""Shared test fixtures: run the app or one page through AppTest, from the repository root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import process

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)  # page files and the registry use paths relative to the repository root
process.set_up()  # as app.py does: one BLAS thread, the garbage collector's larger generations

#: First runs import scikit-learn and fit models: far longer than AppTest's 3 s default.
TIMEOUT = 120


def _scan_for_components_once() -> None:
    """Streamlit looks for installed custom components by reading the metadata of every installed package, and an
    AppTest does it on its first run: 0.18 s here, nine tenths of opening a page in AppTest, ~1,000 times a suite.
    The installed packages do not change while the tests run, so the scan is made once per process and its answer
    reused (a copy of the same list: what Streamlit registers is unchanged)."""
    import functools

    from streamlit.components.v2 import manifest_scanner

    scan = functools.lru_cache(maxsize=1)(manifest_scanner.scan_component_manifests)
    manifest_scanner.scan_component_manifests = lambda max_workers=None: list(scan())


_scan_for_components_once()


def _wait_for_a_run_without_polling() -> None:
    """AppTest waits for each script run by waking every millisecond to scan the run's event list (every element
    sent is an event): thousands of wake-ups and GIL hand-offs per second of every run, in a suite of ~2,000 page
    runs on two busy cores. This waits for the run's end (its SHUTDOWN event) instead, with the same timeout and
    the same error (``test_app.py`` checks both). A fuzz and page workload: 0.7 of 2.4 core-seconds of system
    time less, about 3 % of its CPU."""
    import threading

    from streamlit.runtime.scriptrunner import ScriptRunnerEvent
    from streamlit.testing.v1 import local_script_runner as runner_module

    def require_widgets_deltas(runner, timeout: float = 3) -> None:
        ended = threading.Event()

        def on_event(sender, event, **kwargs) -> None:
            if event == ScriptRunnerEvent.SHUTDOWN:
                ended.set()

        runner.on_event.connect(on_event, weak=False)
        if runner.script_stopped() or ended.wait(timeout):  # the first: it ended before we listened
            return
        runner.request_stop()  # as AppTest does: stop the script, then say so
        runner.join()
        raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    runner_module.require_widgets_deltas = require_widgets_deltas


_wait_for_a_run_without_polling()


def _compile_each_script_once() -> None:
    """AppTest makes a new script cache for every run, so every run compiled ``app.py`` and its page again: 1.7 ms
    of an 11 ms run of a light page, ~2,000 runs a suite. The compiled code is kept for the process instead, keyed
    on the file's path, size and modification time (a file written again is compiled again); a miss asks
    Streamlit's own cache, so the code is compiled exactly as before."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    compiled: dict[tuple, object] = {}

    class CompiledOnce(ScriptCache):
        def get_bytecode(self, script_path: str):
            info = os.stat(script_path)
            key = (script_path, info.st_size, info.st_mtime_ns)
            if key not in compiled:
                compiled[key] = super().get_bytecode(script_path)
            return compiled[key]

    app_test.ScriptCache = local_script_runner.ScriptCache = CompiledOnce


_compile_each_script_once()


def run_app(page_file: str | None = None, *, present: bool = False, query: dict | None = None) -> AppTest:
    """The ONE page driver: open ``page_file`` through ``app.py`` (navigation, sidebar, presenter toggle).

    Like a browser opening a link: the first run is already the page, with ``query`` as the link's parameters.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if page_file is not None:
        at.switch_page(page_file)
    return at.run()


def run_page(page_file: str, *, present: bool = False) -> AppTest:
    """Run one page script on its own (no navigation), e.g. while it is not yet registered."""
    at = AppTest.from_file(str(ROOT / page_file), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    return at.run()


@pytest.hookimpl(optionalhook=True)  # a run without pytest-xdist (-p no:xdist) has no such hook
def pytest_xdist_make_scheduler(config, log):
    """How pytest-xdist shares the suite between its workers (``.ci/test``): :mod:`tests.scheduling`."""
    from tests.scheduling import GroupedScheduling

    return GroupedScheduling(config, log)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, one per worker process (the browser tests and the proxy test share it:
    Playwright's sync API cannot run twice at once in one process)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.server import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: run `bash .ci/test` (it installs it)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def app_page():
    """``app_page("app_pages/x.py", present=False)`` -> AppTest of the app switched to that page."""
    return run_app


def shown_text(at: AppTest) -> str:
    """Everything a person reads on the page (markdown, captions, metrics, errors, titles), joined."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "latex", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [str(t.value) for t in at.get("table")] + [str(d.value) for d in at.dataframe]
    return "\n".join(parts)


def export_menus(at: AppTest) -> list[str]:
    """The keys of the page's "Data and export" menus (one per chart shown with one; the value: open or not)."""
    from ui import frame

    return _keys_starting(at, frame.EXPORT_MENU)


def open_export_menus(at: AppTest) -> bool:
    """Open every closed "Data and export" menu on the page, as a student clicks each one, and rerun: a menu makes
    its table and download buttons only while it is open (``ui.frame.show``). False, and no rerun, if none was
    closed. Open menus stay open through later runs, as in the browser."""
    from ui import frame

    return bool(_open_closed(at, frame.EXPORT_MENU))


def open_derivations(at: AppTest) -> list[str]:
    """Open every closed "Go deeper" derivation, as a student clicks each one, and rerun: a derivation draws its
    text only while open (``ui.frame.derivation``). Returns the keys opened (none: no rerun)."""
    from ui import frame

    return _open_closed(at, frame.DERIVATION_KEY)


def _keys_starting(at: AppTest, prefix: str) -> list[str]:
    """The session-state keys that start with ``prefix`` (a kind of expander or menu: its value is open or not)."""
    return [k for k in at.session_state.keys() if str(k).startswith(prefix)]


def _open_closed(at: AppTest, prefix: str) -> list[str]:
    """Open every closed expander or menu whose session key starts with ``prefix`` and rerun once (none closed: no
    rerun); returns the keys opened."""
    closed = [k for k in _keys_starting(at, prefix) if not at.session_state[k]]
    for key in closed:
        at.session_state[key] = True
    if closed:
        at.run()
    return closed


def drawn_specs(at: AppTest) -> list[dict]:
    """Every chart on the page as it draws (``ui.charts.base.drawn``): the spec Streamlit sent, with the values the
    browser reads from data put back as literals (titles, axis domains: ``ui.charts.base.live`` moves them into a
    row of data so that a control changes only data), and its datasets as rows, so new data makes a new spec."""
    import json

    import pyarrow as pa

    from ui.charts.base import drawn

    out = []
    for chart in at.get("vega_lite_chart"):
        rows = {d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records") for d in chart.proto.datasets}
        out.append(drawn(json.loads(chart.proto.spec), rows))
    return out


def drawn_spec_texts(at: AppTest) -> list[str]:
    """:func:`drawn_specs` as JSON text (characters as they are), for tests that look for words in a chart."""
    import json

    return [json.dumps(spec, ensure_ascii=False, default=str) for spec in drawn_specs(at)]


def table_with(at: AppTest, column: str):
    """The first table (``st.dataframe``) on the page that has ``column``: pages also show each chart's numbers
    as a table in its "Data and export" menu (opened here if no table on screen has it), so tables are found by
    what they hold, not by position."""
    for attempt in range(2):
        for frame in at.dataframe:
            if column in frame.value.columns:
                return frame.value
        if attempt == 0 and not open_export_menus(at):
            break
    raise AssertionError(f"no table with a column {column!r}")


# -- classroom mode: a throw-away PostgreSQL cluster, and the two databases its tests run on ----------------------


def _postgres_bindir() -> Path | None:
    """Debian's PostgreSQL server binaries (``.ci/postgres.sh`` installs them), or None."""
    import glob

    found = os.environ.get("POSTGRES_BINDIR")
    candidates = [Path(found)] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None)


@pytest.fixture(scope="session")
def postgres_url():
    """A running throw-away PostgreSQL on 127.0.0.1 (data under /tmp, removed after): its SQLAlchemy URL.

    initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user that Debian's package
    creates. Skipped, saying why, only when no PostgreSQL server is installed (``.ci/postgres.sh`` installs one).
    """
    import shutil
    import socket
    import subprocess
    import tempfile

    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (source .ci/postgres.sh and run ensure_postgresql)")
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="classroom-pg-"))
    if os.geteuid() == 0:
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to own the test cluster")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, capture_output=True, timeout=120)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "-t", "60", "start")
    try:
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        yield url
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def classroom_url(request, tmp_path):
    """A fresh, empty classroom database: an SQLite file, then a PostgreSQL database of the throw-away cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    import uuid

    import sqlalchemy as sa

    server = request.getfixturevalue("postgres_url")
    name = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name
