"""Serve N Streamlit processes behind Debian's nginx on one machine, with sticky sessions.

Run it through ``bash scripts/serve_scaled.sh N [--port 8080] [--address 0.0.0.0]`` (which sets up ``.venv`` and
installs nginx first); this module is what it runs: ``python -m deploy.scaled --processes N --port 8080``.

Each app process is ``streamlit run app.py`` on its own 127.0.0.1 port; nginx listens on ``--port`` and keeps each
browser on one process (see ``deploy/nginx/streamlit.conf.template`` for how). Everything a run writes (nginx.conf,
pid, logs, nginx's temp files, one log per app process) goes to a run directory, not /etc/nginx. Ctrl-C (or SIGTERM)
stops nginx and every app process. A process that dies is restarted on its port (its students lose their session
and land on the other processes at once; new visitors go to the restarted one, which has the fewest).

The same code serves the proxy test (``tests/test_proxy.py``) and the load benchmark (``tests/bench/load.py``)
through :func:`scaled`, a context manager.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deploy import warm as warm_up

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "streamlit.conf.template"
COOKIE = "genai_route"  # the sticky cookie: the index of the process a browser stays on
APP_PORT_BASE = 8601


def nginx_binary() -> str | None:
    """The nginx executable, or None (``source .ci/nginx.sh && ensure_nginx`` installs Debian's)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def render(listen: str, backends: Sequence[str], run_dir: Path | str, *, debug: bool = False) -> str:
    """The nginx config for ``backends`` (``host:port`` of each app process) listening on ``listen``.

    ``debug`` adds the response header ``X-Upstream: <the process that answered>`` (tests and benchmarks only).

    >>> conf = render("127.0.0.1:8080", ["127.0.0.1:8601", "127.0.0.1:8602"], "/run/x")
    >>> "upstream streamlit_1 {" in conf and "server 127.0.0.1:8601 backup max_fails=0;" in conf
    True
    >>> "X-Upstream" in conf, "X-Upstream" in render("8080", ["127.0.0.1:8601"], "/run/x", debug=True)
    (False, True)
    """
    if not backends:
        raise ValueError("at least one app process (host:port) is needed behind nginx")
    for b in backends:
        if not re.fullmatch(r"[A-Za-z0-9.\-]+:\d{1,5}", b):
            raise ValueError(f"backend {b!r} is not host:port")
    if len(set(backends)) != len(backends):
        raise ValueError(f"backends must be distinct: {list(backends)}")
    pad = " " * 8
    pinned = []
    for i, own in enumerate(backends):
        # max_fails=0: one failed request (a reset connection) never marks a live process down for the others,
        # which would move its browsers away from their sessions; a dead one is still skipped on every request.
        lines = [f"    upstream streamlit_{i} {{", f"{pad}server {own} max_fails=0;"]
        lines += [f"{pad}server {other} backup max_fails=0;" for other in backends if other != own]
        lines += [f"{pad}keepalive 8;", f"{pad}keepalive_timeout 4s;", "    }"]
        pinned.append("\n".join(lines))
    cookie_value = "{cookie}={i}; Path=/; HttpOnly; SameSite=Lax"
    values = {
        "run_dir": str(run_dir),
        "listen": listen,
        "cookie": COOKIE,
        "any_servers": "\n".join(f"{pad}server {b};" for b in backends),
        "pinned_upstreams": "\n".join(pinned),
        "cookie_to_pool": "\n".join(f'{pad}"{i}" streamlit_{i};' for i in range(len(backends))),
        "addr_to_cookie": "\n".join(
            f'{pad}~(^|\\s){re.escape(b)}$ "{cookie_value.format(cookie=COOKIE, i=i)}";' for i, b in enumerate(backends)
        ),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"^#if debug\n(.*?)^#endif\n", r"\1" if debug else "", text, flags=re.S | re.M)
    text = re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], text)
    return text


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # runs in the child before exec: SIGTERM it when the serving process dies
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class App:
    """One Streamlit process behind the proxy."""

    index: int
    port: int
    proc: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"


@dataclass
class Cluster:
    """N app processes and the nginx in front of them (made by :func:`scaled`)."""

    url: str
    apps: list[App]
    run_dir: Path
    conf: Path
    app_args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None
    warm: bool = False  # open every page once on each app process as it starts (deploy/warm.py)
    warmers: list[subprocess.Popen] = field(default_factory=list)

    def app_pids(self) -> list[int]:
        return [a.proc.pid for a in self.apps if a.proc is not None and a.proc.poll() is None]

    def start_app(self, app: App) -> None:
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(app.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            *self.app_args,
        ]
        with open(self.run_dir / f"app-{app.index}.log", "ab") as log:  # the child keeps its own copy
            app.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                start_new_session=True,  # a terminal's Ctrl-C reaches only the serving process, which stops all
                preexec_fn=_die_with_parent,
            )
        if self.warm:  # it waits for the process's health check itself, then warms it and ends
            self.warmers.append(warm_up.start_in_background(app.url))

    def kill_app(self, index: int, sig: int = signal.SIGKILL) -> None:
        """Kill one app process at once (as a crash would); its sessions are lost, nginx moves its students."""
        proc = self.apps[index].proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(sig)
            proc.wait(timeout=15)

    def start_nginx(self) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed: run `source .ci/nginx.sh && ensure_nginx` (Debian's nginx)")
        # -e: nginx would otherwise open its compiled-in error log before reading the config.
        args = [binary, "-p", str(self.run_dir), "-c", str(self.conf), "-e", str(self.run_dir / "error.log")]
        check = subprocess.run([*args, "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected {self.conf}:\n{check.stderr}")
        self.nginx = subprocess.Popen(
            [*args, "-g", "daemon off;"],
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def stop_nginx(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()  # SIGTERM: fast shutdown, every connection (and websocket) closed
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        self.nginx = None

    def wait_ready(self, timeout: float = 120) -> None:
        """Block until every app process and the proxy answer ``/_stcore/health`` with ``ok``."""
        deadline = time.time() + timeout
        waiting = list(self.apps)
        while waiting:
            for app in list(waiting):
                if app.proc is not None and app.proc.poll() is not None:
                    raise RuntimeError(f"app process {app.index} exited ({app.proc.returncode}): see {self.run_dir}")
                if warm_up.healthy(app.url):
                    waiting.remove(app)
            if waiting and time.time() > deadline:
                raise RuntimeError(f"app processes {[a.index for a in waiting]} not healthy after {timeout:.0f} s")
            if waiting:
                time.sleep(0.3)
        while not warm_up.healthy(self.url):
            if self.nginx is None or self.nginx.poll() is not None:
                raise RuntimeError(f"nginx exited: see {self.run_dir / 'error.log'}")
            if time.time() > deadline:
                raise RuntimeError(f"no answer through nginx at {self.url} after {timeout:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        for warmer in self.warmers:
            if warmer.poll() is None:
                warmer.kill()
        self.stop_nginx()
        for app in self.apps:
            if app.proc is not None and app.proc.poll() is None:
                app.proc.terminate()
        for app in self.apps:
            if app.proc is None:
                continue
            try:
                app.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                app.proc.kill()
                app.proc.wait()


@contextlib.contextmanager
def scaled(
    processes: int,
    *,
    port: int | None = None,
    address: str = "127.0.0.1",
    app_ports: Sequence[int] | None = None,
    app_args: Sequence[str] = (),
    debug: bool = False,
    run_dir: Path | str | None = None,
    keep: bool = False,
    timeout: float = 120,
    warm: bool = False,
) -> Iterator[Cluster]:
    """Start ``processes`` app processes and nginx in front of them; yield the :class:`Cluster`; stop it all after.

    ``port`` (nginx) and ``app_ports`` default to free ports; ``app_args`` go to every ``streamlit run``;
    ``debug`` adds the ``X-Upstream`` response header; ``warm`` opens every page once on each app process as it
    starts (:mod:`deploy.warm`), as ``serve_scaled.sh`` does. All processes share one random ``server.cookieSecret``.
    Without ``run_dir``, config and logs go to a new temporary directory, removed at the end unless ``keep``.
    """
    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    ports = list(app_ports) if app_ports else [free_port() for _ in range(processes)]
    if len(ports) != processes:
        raise ValueError(f"{processes} processes need {processes} app ports, got {ports}")
    port = port or free_port()
    if run_dir is None:
        run = Path(tempfile.mkdtemp(prefix="genai-nginx-"))
    else:
        run = Path(run_dir)
        run.mkdir(parents=True, exist_ok=True)
    (run / "tmp").mkdir(exist_ok=True)
    run.chmod(0o755)  # nginx's workers (user nobody when started as root) create their temp files under it
    apps = [App(i, p) for i, p in enumerate(ports)]
    conf = run / "nginx.conf"
    conf.write_text(render(f"{address}:{port}", [a.address for a in apps], run, debug=debug), encoding="utf-8")
    env = dict(os.environ)
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))  # the same in every process
    host = "127.0.0.1" if address in ("0.0.0.0", "::", "[::]") else address
    cluster = Cluster(f"http://{host}:{port}", apps, run, conf, tuple(app_args), env, warm=warm)
    try:
        for app in apps:
            cluster.start_app(app)
        cluster.start_nginx()
        cluster.wait_ready(timeout)
        yield cluster
    finally:
        cluster.stop()
        if run_dir is None and not keep:
            shutil.rmtree(run, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Serve N app processes behind nginx with sticky sessions (Ctrl-C stops everything).",
        epilog="Arguments after -- go to every `streamlit run` (e.g. -- --server.maxUploadSize 1).",
    )
    parser.add_argument("--processes", "-n", type=int, default=os.cpu_count() or 1, help="app processes (1 a core)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--address", default="0.0.0.0", help="nginx's address (default 0.0.0.0: the whole network)")
    parser.add_argument("--app-port", type=int, default=APP_PORT_BASE, help="first app port (on 127.0.0.1)")
    parser.add_argument("--run-dir", default=None, help="where config, pid and logs go (default: a temp dir)")
    parser.add_argument("--debug-headers", action="store_true", help="add X-Upstream to every answer")
    args, app_args = parser.parse_known_args(argv)
    app_args = [a for a in app_args if a != "--"]

    def stop(_signum, _frame):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # one stop; a second Ctrl-C does not cut it short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    ports = [args.app_port + i for i in range(args.processes)]
    try:
        with scaled(
            args.processes,
            port=args.port,
            address=args.address,
            app_ports=ports,
            app_args=app_args,
            debug=args.debug_headers,
            run_dir=args.run_dir,
            keep=True,
            warm=True,
        ) as cluster:
            print(f"serving {args.processes} app processes on 127.0.0.1 ports {ports} behind nginx", flush=True)
            print(f"  open {cluster.url.replace('127.0.0.1', 'localhost')} (nginx on {args.address}:{args.port})")
            print(f"  config, pid and logs in {cluster.run_dir}; Ctrl-C stops everything", flush=True)
            while True:
                for app in cluster.apps:
                    if app.proc is not None and app.proc.poll() is not None:
                        print(f"app process {app.index} exited ({app.proc.returncode}): restarting it", flush=True)
                        cluster.start_app(app)
                if cluster.nginx is not None and cluster.nginx.poll() is not None:
                    print(f"nginx exited ({cluster.nginx.returncode}): restarting it", flush=True)
                    cluster.start_nginx()
                time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    print("stopped nginx and the app processes", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
