"""An upload through the real web server stays in memory: a file just under the cap never reaches the disk.

AppTest hands files to the page directly; only the real server (which spools large request bodies to a
temporary file) can show whether an upload touches the disk. The marker is searched for in the temporary
directories and the project while the upload is live in the session.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
import uuid

from tests.browser.pages import MAIN
from tests.browser.server import ROOT, wait_idle


def _files_containing(marker: bytes) -> list[str]:
    found = []
    for base in {tempfile.gettempdir(), "/tmp", "/var/tmp", str(ROOT)}:
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if d not in (".venv", ".git", "node_modules", "artifacts")]
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    if os.path.getsize(path) < 4_000_000 and marker in open(path, "rb").read():
                        found.append(path)
                except OSError:
                    pass
    return found


def test_an_upload_at_the_cap_stays_in_memory(tab, server_url):
    cap = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"] * 1_000_000
    marker = f"marker-{uuid.uuid4().hex}".encode()  # made at run time: no file holds it unless the upload does
    rows = [b"x1,x2,label"] + [f"{i % 97 / 10},{i % 89 / 10},{'a' if i % 2 else 'b'}".encode() for i in range(200_000)]
    body = b"\n".join(rows)
    body = body[: cap - 2_000]
    body = body[: body.rfind(b"\n")] + b"\n0,0,a," + marker + b"\n"
    assert cap - 10_000 < len(body) < cap  # just under the cap: the largest upload the server takes
    page, _ = tab.open(f"{server_url}/genai")
    # the select box on screen (seen once under load: the first one in the page was an invisible one for 30 s)
    page.locator(f"{MAIN} [data-testid='stSelectbox']").filter(visible=True).first.click()
    page.get_by_role("option", name="My CSV file").click()
    wait_idle(page, timeout_ms=120_000, started_ms=1000)
    page.locator(f"{MAIN} input[type='file']").set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": body}]
    )
    wait_idle(page, timeout_ms=120_000, started_ms=2000)
    page.wait_for_timeout(500)
    assert page.get_by_text("points.csv").count() >= 1, "the file was not taken"
    assert _files_containing(marker) == [], "the upload was written to disk"
