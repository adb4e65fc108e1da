"""The app's skeleton: registry, navigation, page frame, presenter mode. Every registered page is checked here."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema

from lecture import PLAN
from lecture import text as lecture_text
from tests.conftest import ROOT, open_derivations, run_app, shown_text
from ui import cache, registry

#: One validator for Altair's Vega-Lite schema, made once (Altair's own validate_jsonschema copies the whole schema
#: on every call: 150 ms per chart, against 1 to 3 ms here).
VEGA_LITE = jsonschema.validators.validator_for(load_schema())(load_schema())
PAGES = registry.PAGES
PAGE_IDS = [p.key for p in PAGES]


def test_every_page_file_is_registered():
    files = {str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")}
    registered = {p.file for p in registry.ordered()}
    assert files == registered, f"unregistered page files: {sorted(files - registered)}"


def test_registry_is_consistent():
    keys = [p.key for p in registry.ordered()]
    urls = [p.url_path for p in registry.ordered()]
    assert len(set(keys)) == len(keys) and len(set(urls)) == len(urls)
    section_order = list(PLAN)
    positions = [section_order.index(p.section) for p in PAGES]
    assert positions == sorted(positions), "pages must be grouped by section in lecture order"
    for p in registry.ordered():
        assert lecture_text(p.key).slide.key == p.key
        assert (ROOT / p.file).exists() and p.icon.startswith(":material/")


def test_pages_follow_the_slides_and_the_sidebar_matches_the_home_plan():
    slides = (ROOT.parent / "shared" / "lecture" / "slides.txt").read_text(encoding="utf-8")
    heads = [
        "GenAI Principles:",
        "What does it mean",
        "Modeling Problem",
        "Hidden",
        "Different approaches",
        "Mathematical Prerequisites",
        "Core Challenge",
        "Types of generative",
        "Likelihood based",
        "Autoregressive models",
        "Pre-requisties",
        "Entropy (expressed",
        "Cross Entropy",
        "KL Divergence",
    ]
    at = 0
    for head in heads:  # each slide heading is found after the one before it
        at = slides.find(head, at)
        assert at >= 0, f"slide {head!r} not found after the one before it"
    assert [p.key for p in PAGES] == [
        "genai",
        "learn_data",
        "modeling_problem",
        "hidden_structure",
        "approaches",
        "latent_variables",
        "core_challenge",
        "types",
        "likelihood",
        "autoregressive",
        "prerequisites",
        "entropy",
        "cross_entropy",
        "kl",
    ]
    assert registry.plan() == list(registry.by_section().items())
    assert [item for item, _ in registry.plan()] == list(PLAN)


def test_prev_next_walk_the_whole_lecture():
    pages = registry.ordered()
    walked = [pages[0]]
    while (nxt := registry.neighbours(walked[-1].key)[1]) is not None:
        assert registry.neighbours(nxt.key)[0] == walked[-1]
        walked.append(nxt)
    assert walked == list(pages)


def test_home_page_shows_the_plan_and_links_every_page():
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Lecture plan"
    text = shown_text(at)
    for item in ("Generative AI Principles", "Latent Variables", "Entropy", "KL divergence"):
        assert item in text
    assert "Presenter mode" in text and "check yourself" in text
    linked = {link.proto.page for link in at.get("page_link")}
    for p in PAGES:
        assert any(p.url_path in link or p.file in link for link in linked), p.file


def test_presenter_toggle_is_in_the_sidebar_and_bound_to_the_url():
    at = run_app()
    toggle = at.sidebar.toggle(key="present")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert at.session_state["present"] is True
    assert not at.exception


def test_the_chart_validator_refuses_what_is_not_vega_lite():
    """The control of the page check below: the validator it uses finds a wrong mark and a wrong encoding type."""
    good = {"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    assert not list(VEGA_LITE.iter_errors(good))
    assert list(VEGA_LITE.iter_errors({**good, "mark": "pointy"}))
    assert list(VEGA_LITE.iter_errors({**good, "encoding": {"x": {"field": "a", "type": "numbers"}}}))


@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_registered_page_runs_through_navigation(entry):
    at = run_app(entry.file)
    assert not at.exception, at.exception
    assert at.title[0].value == entry.title
    assert len(at.get("vega_lite_chart")) + len(at.get("image")) >= 1, "a page needs at least one figure"
    text = shown_text(at)
    assert "unexpected problem" not in text, "the page's guard caught an unexpected error (a bug, see the log)"
    assert not re.search(r"\bnan\b", text, flags=re.IGNORECASE), "NaN shown on screen"
    assert "What to notice" in text
    assert "Check yourself" in text, "self-study question missing"
    derivations = [e for e in at.get("expander") if e.label.startswith("Go deeper: ")]
    assert derivations, "'Go deeper' expander missing"
    assert not any(e.children for e in derivations), "a closed derivation is drawn only when opened"
    for chart in at.get("vega_lite_chart"):  # charts are rendered without Altair's validation: validate here
        errors = [e.message[:200] for e in VEGA_LITE.iter_errors(json.loads(chart.proto.spec))]
        assert not errors, f"{entry.key}: a chart that is not valid Vega-Lite: {errors[:3]}"
    # the default view is the app's own: shared by every student, never kept in this session's private cache
    # (the entropy page's default message is longer than a typed text may be and was once kept per session)
    held = at.session_state[cache._PRIVATE_STATE] if cache._PRIVATE_STATE in at.session_state else {}
    assert len(held) == 0, f"default view kept per session: {[k[:2] for k in list(held)[:3]]}"
    # every derivation, opened: its text drawn, display maths through st.latex, no NaN
    assert len(open_derivations(at)) == len(derivations) and not at.exception
    for box in (e for e in at.get("expander") if e.label.startswith("Go deeper: ")):
        written = [str(m.value) for m in box.get("markdown")]
        assert written, f"{entry.key}: {box.label} drew nothing when opened"
        assert not any("$$" in t for t in written), f"{entry.key}: display maths left in markdown in {box.label}"
        said = " ".join(written + [str(m.value) for m in box.get("latex")])
        assert not re.search(r"\bnan\b", said, flags=re.IGNORECASE), f"{entry.key}: NaN in {box.label}"


@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_presenter_mode_hides_self_study(entry):
    at = run_app(entry.file, present=True)
    assert not at.exception, at.exception
    text = shown_text(at)
    assert "Check yourself" not in text
    assert not any(e.proto.label.startswith("Go deeper") for e in at.get("expander"))
    assert "What to notice" in text


def test_pages_directory_has_only_scripts():
    assert all(p.suffix == ".py" for p in Path(ROOT / "app_pages").iterdir() if p.is_file())


def test_no_pages_folder_beside_the_entry_script():
    """A folder named ``pages/`` beside app.py switches Streamlit to its old automatic multipage mode until app.py
    first calls st.navigation: on a fresh server the first sessions asking for a page by its address ran that file
    alone, without app.py (tests/browser's deep link on a fresh server fails with one: checked by a symlink)."""
    assert not (ROOT / "pages").exists()


def _imported_packages(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module and not n.level]
    return {name.split(".")[0] for name in names}


def _app_packages() -> tuple[str, ...]:
    """app.py's PACKAGES, read from its source (importing app.py would run the app)."""
    import ast

    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    (packages,) = [
        ast.literal_eval(n.value)
        for n in tree.body
        if isinstance(n, ast.Assign) and [t.id for t in n.targets if isinstance(t, ast.Name)] == ["PACKAGES"]
    ]
    return packages


def test_the_process_set_up_imports_every_module_a_page_needs():
    """app.py imports every module of the app's own packages once, in one thread, before any page runs (so sessions
    opened together on a fresh server never import the same modules from many threads at once): every project
    package that a page script, a panel or app.py imports must be among those packages."""
    packages = _app_packages()
    own = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} - {"tests", "deploy"}
    assert set(packages) == own, f"the set-up imports {sorted(packages)}; the app's packages are {sorted(own)}"
    files = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
    needed = set().union(*(_imported_packages(f) for f in files)) & (own | {"tests", "deploy", "app_pages"})
    assert needed <= set(packages), f"imported by a page but not set up: {sorted(needed - set(packages))}"


def test_the_process_set_up_gives_every_computation_one_blas_thread():
    """``ui.process.set_up`` in a new process, as app.py calls it when a server starts (numpy, scipy and
    scikit-learn not loaded yet), then read from another thread, as a session's script thread: every BLAS and
    OpenMP library has one thread and the garbage collector has the larger generations. A limit set before the
    libraries were loaded (as app.py did until this test) leaves them at one thread per core; this test found it."""
    import subprocess
    import sys

    from ui import process

    probe = (
        "import gc, json, sys, threading\n"
        "from threadpoolctl import threadpool_info\n"
        "from ui import process\n"
        "assert 'numpy' not in sys.modules\n"
        f"process.set_up({_app_packages()!r})\n"
        "seen = []\n"
        "session = threading.Thread(target=lambda: seen.extend(threadpool_info()))\n"
        "session.start(); session.join()\n"
        "print(json.dumps([[p['user_api'], p['num_threads']] for p in seen] + [list(gc.get_threshold())]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in process.ONE_THREAD}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    *pools, thresholds = json.loads(done.stdout)
    assert {api for api, _ in pools} >= {"blas", "openmp"}, pools  # numpy's and scipy's OpenBLAS, sklearn's OpenMP
    assert all(n == 1 for _, n in pools), pools
    assert tuple(thresholds) == process.GC_THRESHOLDS


def test_a_page_run_still_times_out_and_a_short_run_returns():
    """The suite's wait for an AppTest run (tests/conftest.py: the run's end event instead of AppTest's 1 ms
    polling) keeps AppTest's contract: a run longer than its timeout stops with AppTest's error, a short one
    returns its page."""
    from streamlit.testing.v1 import AppTest

    slow = AppTest.from_string("import time\nimport streamlit as st\ntime.sleep(1.5)\nst.write('late')")
    with pytest.raises(RuntimeError, match=r"timed out after 0.3"):
        slow.run(timeout=0.3)
    quick = AppTest.from_string("import streamlit as st\nst.write('on time')").run(timeout=5)
    assert [m.value for m in quick.markdown] == ["on time"]


def test_a_script_written_again_runs_its_new_text(tmp_path):
    """The suite keeps each page's compiled code for the process (tests/conftest.py); a file written again at the
    same path, longer or of the same length, runs as it is now, in the same AppTest and in a new one."""
    from streamlit.testing.v1 import AppTest

    script = tmp_path / "page.py"
    script.write_text("import streamlit as st\nst.write('one')\n")
    at = AppTest.from_file(str(script)).run(timeout=10)
    assert [m.value for m in at.markdown] == ["one"]
    script.write_text("import streamlit as st\nst.write('three')\n")  # longer
    assert [m.value for m in at.run(timeout=10).markdown] == ["three"]
    script.write_text("import streamlit as st\nst.write('seven')\n")  # the same length: a later time
    info = script.stat()
    os.utime(script, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert [m.value for m in AppTest.from_file(str(script)).run(timeout=10).markdown] == ["seven"]


def test_plan_items_link_their_own_pages():
    plan = dict(registry.plan())
    assert list(plan) == list(registry.PLAN)
    assert sum(len(pages) for pages in plan.values()) == len(PAGES)
    keys = {item: [p.key for p in pages] for item, pages in plan.items()}
    for item, key in (("Entropy", "entropy"), ("Cross entropy", "cross_entropy"), ("KL divergence", "kl")):
        if key in PAGE_IDS:
            assert keys[item] == [key]
