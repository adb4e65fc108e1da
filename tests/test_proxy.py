"""Two app processes behind Debian's nginx (deploy/scaled.py, as `bash scripts/serve_scaled.sh 2` runs them).

What must hold for a class served by several processes: a student's requests and websocket keep reaching the
process that holds the session (also when the websocket reconnects), and a process that dies takes only its own
sessions with it. Which process answered is read from nginx's own ``$upstream_addr`` (the ``X-Upstream`` header
that only the test build of the config has) and checked against the processes themselves: an agent API session
exists in one process only, and each process counts its websocket connects and reconnects
(``/_stcore/metrics`` on its own 127.0.0.1 port; the proxy does not serve that endpoint).
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from deploy import scaled as sc
from tests.browser.pages import REDUCED_MOTION
from tests.browser.server import ROOT, wait_idle

PAGE = "entropy"  # a light page: the test is about the proxy, not about a page's first fit
SLIDER = "[data-testid='stMain'] [data-testid='stSlider'] input[type='range']"
READY = "[data-testid='stMain'] [data-testid='stSlider']"
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"


def _nginx_or_skip() -> str:
    binary = sc.nginx_binary()
    if binary is None:  # as .ci/test does: Debian's nginx, with apt-get
        done = subprocess.run(
            ["bash", "-c", "source .ci/nginx.sh && ensure_nginx"], cwd=ROOT, capture_output=True, text=True
        )
        binary = sc.nginx_binary()
        if binary is None:
            pytest.skip(f"nginx is not installed and apt-get could not install it: {done.stderr.strip()[-400:]}")
    return binary


@pytest.fixture(scope="module")
def cluster():
    _nginx_or_skip()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with sc.scaled(2, debug=True, app_args=("--server.enableAgentApi", "true")) as c:
        yield c


class Student:
    """A client without a browser that keeps its cookies, like a browser does, and drives the agent API."""

    def __init__(self, url: str, *, cookies: bool = True):
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar)] if cookies else []
        self.opener = urllib.request.build_opener(*handlers)

    def interact(self, body: dict, url: str | None = None) -> tuple[int, str | None, dict]:
        """POST /_stcore/agent/interact: (HTTP status, X-Upstream, JSON answer)."""
        req = urllib.request.Request(
            f"{url or self.url}/_stcore/agent/interact",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.headers.get("X-Upstream"), json.loads(r.read())
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("X-Upstream"), json.loads(err.read() or b"{}")

    def get(self, path: str) -> tuple[int, str | None, bytes]:
        try:
            with self.opener.open(f"{self.url}{path}", timeout=30) as r:
                return r.status, r.headers.get("X-Upstream"), r.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("X-Upstream"), err.read()


def session_events(app: sc.App) -> dict[str, int]:
    """The process's own websocket counters: connect, reconnect, disconnect (from its metrics endpoint)."""
    with urllib.request.urlopen(f"{app.url}/_stcore/metrics?families=session_events", timeout=10) as r:
        text = r.read().decode()
    return {m[1]: int(float(m[2])) for m in re.finditer(r'session_events_total\{type="(\w+)"\} (\S+)', text)}


def open_browser(browser, url: str):
    """A new browser (context) on ``url``: (context, page, nginx's answer to the page, websocket frames received)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion=REDUCED_MOTION)
    page = context.new_page()
    frames = [0]  # messages the app process sent over any websocket of this page: proof it answers

    def count(_frame) -> None:
        frames[0] += 1

    page.on("websocket", lambda ws: ws.on("framereceived", count))
    answer = page.goto(f"{url}/{PAGE}", wait_until="domcontentloaded")
    page.wait_for_selector(READY, timeout=90_000)
    wait_idle(page, timeout_ms=90_000, started_ms=500)
    return context, page, answer, frames


def move_slider(page, frames: list[int]) -> None:
    """Press a key on the page's first slider; the app process must answer with a rerun, without an error."""
    page.wait_for_selector(CONNECTED, timeout=60_000)
    before = frames[0]
    page.locator(SLIDER).first.focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page, timeout_ms=60_000, started_ms=3000)
    page.wait_for_function("() => true")  # one more event-loop turn for the last frames
    assert frames[0] > before, "the app process did not answer the slider"
    assert page.locator("[data-testid='stException']").count() == 0


def test_rendered_config_is_valid_nginx(tmp_path):
    binary = _nginx_or_skip()
    (tmp_path / "tmp").mkdir()
    backends = ["127.0.0.1:18601", "127.0.0.1:18602", "127.0.0.1:18603"]
    for debug in (False, True):
        conf = tmp_path / "nginx.conf"
        conf.write_text(sc.render("127.0.0.1:18080", backends, tmp_path, debug=debug))
        check = subprocess.run(
            [binary, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
        assert ("X-Upstream" in conf.read_text()) is debug  # the header that names a process is for tests only
    with pytest.raises(ValueError, match="host:port"):
        sc.render("8080", ["127.0.0.1"], tmp_path)


def test_health_through_the_proxy_and_metrics_blocked(cluster):
    student = Student(cluster.url)
    status, upstream, body = student.get("/_stcore/health")
    assert (status, body) == (200, b"ok")
    assert upstream in {a.address for a in cluster.apps}
    assert student.get("/_stcore/metrics")[0] == 404  # public on the processes themselves, not through nginx
    with urllib.request.urlopen(f"{cluster.apps[0].url}/_stcore/metrics", timeout=10) as r:
        assert r.status == 200


def test_students_with_their_cookie_stay_on_their_process(cluster):
    addresses = {a.address: a for a in cluster.apps}
    students = [Student(cluster.url) for _ in range(6)]
    home: dict[int, str] = {}
    sessions: dict[int, str] = {}
    for i, s in enumerate(students):
        status, upstream, snap = s.interact({})
        assert status == 200 and snap.get("status") == "ready", snap
        home[i], sessions[i] = upstream, snap["session_id"]
        assert [c.value for c in s.jar if c.name == sc.COOKIE] == [str(addresses[upstream].index)]
    assert set(home.values()) == set(addresses), f"new students should spread over both processes: {home}"
    for _ in range(3):
        for i, s in enumerate(students):
            status, upstream, snap = s.interact({"session_id": sessions[i]})
            assert status == 200 and upstream == home[i] and "tree" in snap, (i, status, snap.get("error"))
            assert s.get("/_stcore/health")[1] == home[i]
    # Independent of nginx's header: each session lives in one process only, and the other does not know it.
    for i in range(len(students)):
        other = next(a for addr, a in addresses.items() if addr != home[i])
        status, _, snap = Student(other.url, cookies=False).interact({"session_id": sessions[i]}, url=other.url)
        assert status == 404 and snap["error"]["code"] == "unknown_session"
    # And a client that throws its cookie away is not kept anywhere: some of its requests land on the other process.
    forgetful = Student(cluster.url, cookies=False)
    assert len({forgetful.interact({})[1] for _ in range(6)}) == 2


@pytest.mark.browser
def test_browsers_keep_their_process_and_a_killed_process_loses_only_its_own(cluster, browser):
    addresses = {a.address: a for a in cluster.apps}
    contexts = []
    try:
        opened: dict[str, tuple] = {}  # process address -> (context, page) of a browser served by it
        for _ in range(4):  # least_conn: a new visitor goes to the process without an open websocket
            before = {a.address: session_events(a) for a in cluster.apps}
            context, page, answer, frames = open_browser(browser, cluster.url)
            contexts.append(context)
            upstream = answer.headers["x-upstream"]
            after = {a.address: session_events(a) for a in cluster.apps}
            # The websocket went to the process that served the page, and only there.
            assert {k: after[k]["connect"] - before[k]["connect"] for k in after} == {
                k: int(k == upstream) for k in after
            }
            opened.setdefault(upstream, (context, page, frames))
            if len(opened) == 2:
                break
        assert set(opened) == set(addresses), f"two browsers should land on the two processes: {list(opened)}"

        # A websocket that drops and reconnects reaches its process again, which resumes the same session.
        before = {a.address: session_events(a) for a in cluster.apps}
        cluster.stop_nginx()  # every connection through the proxy closes, as in a network blip
        cluster.start_nginx()
        deadline = time.time() + 40
        while time.time() < deadline:
            now = {a.address: session_events(a) for a in cluster.apps}
            if all(now[k]["reconnect"] > before[k]["reconnect"] for k in now):
                break
            time.sleep(0.5)
        for k in now:
            assert now[k]["reconnect"] - before[k]["reconnect"] == 1, (k, before[k], now[k])
            assert now[k]["connect"] == before[k]["connect"], "a reconnect must not start a new session"

        # Kill one process (a crash): the browser on the other one keeps its session and keeps working.
        lost, kept = sorted(opened, key=lambda k: addresses[k].index)
        survivor = addresses[kept]
        _, kept_page, kept_frames = opened[kept]
        events = session_events(survivor)
        cluster.kill_app(addresses[lost].index)
        move_slider(kept_page, kept_frames)
        now = session_events(survivor)
        assert now["disconnect"] == events["disconnect"]  # its websocket never dropped

        # A new visitor is served by the surviving process.
        context, page, answer, frames = open_browser(browser, cluster.url)
        contexts.append(context)
        assert answer.headers["x-upstream"].split(", ")[-1] == kept
        move_slider(page, frames)

        # The browser whose process died is re-pinned to the survivor at its reconnect; its session is gone
        # (Streamlit then ignores a control that reruns a fragment of the old session: a reload fixes it),
        # and after a reload the page works on the surviving process.
        lost_context, lost_page, lost_frames = opened[lost]
        deadline = time.time() + 30
        while time.time() < deadline:
            cookie = {c["name"]: c["value"] for c in lost_context.cookies()}.get(sc.COOKIE)
            if cookie == str(survivor.index):
                break
            time.sleep(0.5)
        assert cookie == str(survivor.index)
        answer = lost_page.reload(wait_until="domcontentloaded")
        assert answer.headers["x-upstream"] == kept
        lost_page.wait_for_selector(READY, timeout=90_000)
        wait_idle(lost_page, timeout_ms=90_000, started_ms=500)
        move_slider(lost_page, lost_frames)
    finally:
        for context in contexts:
            context.close()


def _manifests() -> dict[str, dict]:
    yaml = pytest.importorskip("yaml", reason="PyYAML parses the Kubernetes manifests (test extras: pyyaml)")
    docs = {}
    for path in sorted((ROOT / "deploy" / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            assert doc and {"apiVersion", "kind"} <= set(doc), f"{path.name}: not a Kubernetes object"
            docs[doc["kind"]] = doc
    return docs


def test_kubernetes_manifests_fit_together_and_the_image():
    """The recipe for many machines: replicas of the Dockerfile's image, health probes, a sticky Ingress."""
    docs = _manifests()
    assert {"Deployment", "Service", "Ingress", "Kustomization"} <= set(docs)
    kustomization, deployment, service, ingress = (
        docs[k] for k in ("Kustomization", "Deployment", "Service", "Ingress")
    )
    listed = set(kustomization["resources"])
    assert listed == {p.name for p in (ROOT / "deploy" / "k8s").glob("*.yaml")} - {"kustomization.yaml"}

    pod = deployment["spec"]["template"]
    assert deployment["spec"]["replicas"] >= 2
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    assert service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    (container,) = pod["spec"]["containers"]
    # The port the image listens on (Dockerfile EXPOSE and its CMD) is the one probed and served.
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    exposed = int(re.search(r"^EXPOSE (\d+)", dockerfile, re.M).group(1))
    assert f"--server.port={exposed}" in dockerfile
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": exposed}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}, probe
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) <= set(container["resources"]["limits"])
    uid = int(re.search(r"useradd .*--uid (\d+)", dockerfile).group(1))
    assert pod["spec"]["securityContext"]["runAsUser"] == uid
    assert container["image"] in {i["name"] for i in kustomization["images"]}

    svc_port = service["spec"]["ports"][0]
    assert svc_port["targetPort"] in ("http", exposed)
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    assert backend["port"].get("name", svc_port["name"]) == svc_port["name"]
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"]
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # a quiet websocket stays open


def test_kustomize_renders_the_manifests():
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed (the YAML itself is checked by the test above)")
    try:
        done = subprocess.run(
            [kubectl, "kustomize", str(ROOT / "deploy" / "k8s")], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.skip("kubectl kustomize did not finish in 60 s")
    assert done.returncode == 0, done.stderr
    assert "kind: Ingress" in done.stdout and "image: registry.example.org/genai-foundations:latest" in done.stdout
