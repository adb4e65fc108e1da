"""How the suite is shared between pytest-xdist's workers (``bash .ci/test`` runs it over several workers).

The suite is two kinds of work. Browser tests mostly *wait* (for a page to draw, a follower's poll, a server to
restart): a worker running them leaves its core mostly free. AppTest, fuzz and unit tests *compute*. So the
browser tests run in a few fixed groups of about the same length, each group on one worker with its own app
server and chromium, side by side from the start; the computing tests go, one unit at a time, to whichever
worker is free, the heavy ones first. A unit is one test, or a whole module when its tests share a
module-scoped fixture (a fitted model, two app processes behind nginx) so that the fixture is made once.

pytest-xdist's own ``--dist loadgroup`` would do the grouping from ``xdist_group`` marks, but pytest-xdist 3.8
writes the group into ``item._nodeid``, which pytest 9 no longer reads: the groups are silently ignored. This
scheduler decides from the test ids instead (pytest-xdist's ``pytest_xdist_make_scheduler`` hook).
"""

from __future__ import annotations

from xdist.scheduler.loadscope import LoadScopeScheduling

#: Browser groups: (a substring of the test id, its group). Pages alternate between the two page groups in lecture
#: order, and each group walks one half of the lecture as slides; the rest are placed to even out the groups'
#: lengths.
PAGE_GROUPS = ("browser: pages 1", "browser: pages 2")
BROWSER_GROUPS: tuple[tuple[str, str], ...] = (
    ("tests/browser/test_classroom.py", "browser: classroom"),
    ("tests/browser/test_every_page.py::test_a_", PAGE_GROUPS[0]),
    ("tests/browser/test_hostile_links.py", PAGE_GROUPS[0]),
    ("tests/browser/test_uploads.py", PAGE_GROUPS[1]),
)
#: Modules whose tests share no module-scoped fixture and are heavy: each test is its own unit, heavy ones first.
ONE_BY_ONE = ("tests/test_fuzz.py", "tests/test_sessions.py", "tests/test_safety.py", "tests/test_app.py")
#: Modules whose tests take long and share a module-scoped fixture: whole-module units, started early.
HEAVY_MODULES = (
    "tests/test_proxy.py",
    "tests/test_page_approaches.py",
    "tests/test_page_autoregressive.py",
    "tests/test_scenes_autoregressive.py",
    "tests/test_scenes_approaches.py",
    "tests/test_warm.py",
)


def unit_of(nodeid: str, page_keys: list[str]) -> str:
    """The work unit of a test id: a browser group, the test itself, or its module.

    >>> unit_of("tests/browser/test_every_page.py::test_page_for_the_student[kl]", ["plan", "kl"])
    'browser: pages 2'
    >>> unit_of("tests/browser/test_every_page.py::test_the_lecture_as_slides_with_the_clicker[2]", [])
    'browser: pages 2'
    >>> unit_of("tests/test_fuzz.py::test_fuzz_page[kl]", [])
    'tests/test_fuzz.py::test_fuzz_page[kl]'
    >>> unit_of("tests/test_em.py::test_monotone_property", [])
    'tests/test_em.py'
    """
    if nodeid.startswith("tests/browser/test_every_page.py::test_page_for_the_student"):
        key = nodeid.rsplit("[", 1)[-1].rstrip("]")
        return PAGE_GROUPS[page_keys.index(key) % 2] if key in page_keys else PAGE_GROUPS[0]
    if nodeid.startswith("tests/browser/test_every_page.py::test_the_lecture_as_slides"):  # a half per group
        return PAGE_GROUPS[1] if nodeid.endswith("[2]") else PAGE_GROUPS[0]
    for part, group in BROWSER_GROUPS:
        if part in nodeid:
            return group
    module = nodeid.split("::", 1)[0]
    return nodeid if module in ONE_BY_ONE else module


def priority(unit: str) -> int:
    """Order of the work queue: browser groups first (one per worker), then the heavy units, then the rest.

    >>> [priority(u) for u in ("browser: classroom", "tests/test_proxy.py", "tests/test_em.py")]
    [0, 1, 2]
    """
    if unit.startswith("browser: "):
        return 0
    if unit.startswith(ONE_BY_ONE) or unit in HEAVY_MODULES:
        return 1
    return 2


class GroupedScheduling(LoadScopeScheduling):
    """pytest-xdist's scope scheduling (a unit at a time to whichever worker is free) over :func:`unit_of`."""

    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        from ui import registry

        self._page_keys = [entry.key for entry in registry.ordered()]

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid, self._page_keys)

    def schedule(self) -> None:
        """The parent's first distribution, with the work queue in :func:`priority` order (then collection order)."""
        if self.collection is not None or not self._check_nodes_have_same_collection():
            super().schedule()  # a later call (a new node), or collections that differ (the parent reports it)
            return
        self.collection = list(next(iter(self.registered_collections.values())))
        if not self.collection:
            return
        units: dict[str, dict[str, bool]] = {}
        for nodeid in self.collection:
            units.setdefault(self._split_scope(nodeid), {})[nodeid] = False
        ranked = sorted(enumerate(units.items()), key=lambda pair: (priority(pair[1][0]), pair[0]))
        for _, (unit, tests) in ranked:
            self.workqueue[unit] = tests
        for node in self.nodes[len(self.workqueue) :]:  # more workers than units: the spare ones stop
            self.assigned_work.pop(node, None)
            node.shutdown()
        for node in self.nodes:
            self._assign_work_unit(node)
        for node in self.nodes:
            self._reschedule(node)
        if not self.workqueue:
            for node in self.nodes:
                node.shutdown()
