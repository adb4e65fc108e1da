"""Security and privacy promises: settings, no user text as HTML, uploads kept in memory and per session."""

from __future__ import annotations

import json
import re
import tomllib

from tests.conftest import ROOT

PRODUCT = [
    ROOT / "app.py",
    *(
        path
        for folder in ("app_pages", "ui", "scenes", "lecture", "core")
        for path in sorted((ROOT / folder).rglob("*.py"))
    ),
]


def test_server_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert 1 <= config["server"]["maxUploadSize"] <= 20  # MB: a readable cap, far below Streamlit's 200 MB default
    assert config["runner"]["postScriptGC"] is False
    assert config["client"]["showErrorDetails"] == "none"  # never a traceback in the browser


def test_no_unsafe_html_anywhere():
    """No markdown may carry raw HTML, and the one script the app runs is the frame's constant key handler."""
    for path in PRODUCT:
        text = path.read_text()
        assert "unsafe_allow_html=True" not in text, path
        scripts = re.findall(r"st\.html\((.*), unsafe_allow_javascript=True\)", text)
        expected = {
            "frame.py": ["NAV_ROLES_SCRIPT", "SLIDE_KEYS_SCRIPT % (json.dumps(NEXT_KEYS), json.dumps(PREVIOUS_KEYS))"],
            "classroom.py": ["COOKIE_SCRIPT % values"],  # validated id and code, JSON-quoted: see the test below
        }
        assert scripts == expected.get(path.name if path.parent.name == "ui" else "", []), path


def test_the_key_handler_script_is_constant():
    from ui import frame

    assert frame.SLIDE_KEYS_SCRIPT.count("%s") == 2 and "{" not in frame.SLIDE_KEYS_SCRIPT.split("function")[0]
    assert all(key.isalnum() for key in frame.NEXT_KEYS + frame.PREVIOUS_KEYS)


def test_raw_html_only_from_constants_in_the_frame():
    """st.html is used only for the frame's constant CSS, never for anything a user typed."""
    for path in PRODUCT:
        for match in re.finditer(r"st\.html\((.*)\)", path.read_text()):
            if path.name == "classroom.py" and path.parent.name == "ui":
                assert match.group(1).strip() == "COOKIE_SCRIPT % values, unsafe_allow_javascript=True"
                continue
            assert path.name == "frame.py" and match.group(1).strip() in (
                'BASE_CSS + (PRESENTER_CSS if self.present else "")',
                "SLIDE_KEYS_SCRIPT % (json.dumps(NEXT_KEYS), json.dumps(PREVIOUS_KEYS)), unsafe_allow_javascript=True",
                "NAV_ROLES_SCRIPT, unsafe_allow_javascript=True",
            ), f"{path}: st.html({match.group(1)})"


def test_the_cookie_script_takes_only_a_valid_id_and_code(monkeypatch):
    """Classroom mode's cookie script is constant text; the two values it is given are checked, then JSON-quoted."""
    from classroom import codes
    from ui import classroom

    assert classroom.COOKIE_SCRIPT.count("%s") == 2 and "%" not in classroom.COOKIE_SCRIPT.replace("%s", "")
    shown = []
    monkeypatch.setattr(classroom.st, "html", lambda body, **kw: shown.append(body))
    good = codes.new_student_id()
    hostile = ['"];alert(1);//' + "a" * 30, "</script><script>alert(1)</script>", "a b c d e f g h i j k l m n o p"]
    for student in hostile:
        classroom._cookies(student, None)
    classroom._cookies(good, '"];alert(1);//')
    classroom._cookies(good, "abc</script>")
    assert shown == []  # nothing that is not an id this app made, nor a code it would accept, reaches the script
    classroom._cookies(good, None)
    assert len(shown) == 1 and json.dumps(good) in shown[0] and "alert" not in shown[0]


def test_nothing_writes_files():
    """Uploaded or typed data is never written to disk: no file writes anywhere in the product."""
    writes = re.compile(
        r"open\([^)]*['\"][wa]b?['\"]|\.to_csv\(\s*['\"]|np\.save|\.tofile\(|write_text\(|write_bytes\("
    )
    for path in PRODUCT:
        text = path.read_text()
        if path.name == "fitted.py":  # core.fitted.save writes the shipped fits; only scripts/ call it
            assert text.count("np.save") == 1 and not writes.search(text.replace("np.savez_compressed(path", "")), path
            continue
        assert not writes.search(text), f"{path} writes a file"
        assert "fitted.save(" not in text, f"{path} writes a fitted model"


def test_core_imports_no_streamlit_or_altair():
    for path in sorted((ROOT / "core").glob("*.py")):
        assert not re.search(r"^\s*(import|from)\s+(streamlit|altair)\b", path.read_text(), re.MULTILINE), path


def test_the_upload_cap_keeps_uploads_in_memory():
    """The web server spools a multipart part larger than its spool size to a temporary file on disk; the upload
    cap (Streamlit counts it in MiB) is at most that size, so an accepted upload never touches the disk."""
    from starlette.formparsers import MultiPartParser

    cap_bytes = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"] * 1024**2
    assert cap_bytes <= MultiPartParser.spool_max_size
