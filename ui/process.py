"""What a process that runs the app's pages sets once, before any page: the server (``app.py``) and the tests.

- One thread per BLAS (and OpenMP) computation: the server runs many sessions at once on few cores, and a
  multi-threaded BLAS fighting over 2 cores made small fits up to 70x slower here. ``threadpoolctl`` limits only
  the libraries already loaded, and a server's process loads numpy, scipy and scikit-learn only when the app's
  modules are imported: so the environment asks every library loaded later for one thread, and the limit is set
  again once the app's modules (and with them the libraries) are loaded. (Until 2026-12-08 the limit was set
  before any library was loaded, and the server ran with one BLAS thread per core.)
- Every module of the app's packages imported, in this one thread (about 1.5 s). Each page imports its modules
  when it first runs; when a class opened pages at once on a fresh server, several sessions imported the same
  modules from their own threads, and Python handed some of them a half-imported module ("cannot import name
  'genai' from 'scenes'", "partially initialized module 'sklearn.svm._base'"): those students saw an error page.
- Larger generations for Python's cyclic garbage collector: a page run makes many short-lived objects (chart
  specs, tables, protobuf messages), and with the default sizes (700, 10, 10) the collector ran ~2,000 times in a
  27 s workload of page runs and fits, 1.5 s in all; with these sizes 126 times, 0.4 s.

``tests/test_app.py`` checks the thread limits and the collector's generations in a new process, as a server
starts, and that the app's packages cover every module a page imports.
"""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
from collections.abc import Iterable

from threadpoolctl import threadpool_limits

#: Objects allocated before a young collection, and young / middle collections before an older one.
GC_THRESHOLDS = (10_000, 20, 20)
#: What OpenBLAS, OpenMP and MKL read when they are loaded.
ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def set_up(packages: Iterable[str] = ()) -> None:
    """One BLAS thread, every module of ``packages`` imported, the collector's larger generations: this process."""
    for name in ONE_THREAD:
        os.environ[name] = "1"
    for package in packages:
        for module in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
            importlib.import_module(module.name)
    threadpool_limits(limits=1)
    gc.set_threshold(*GC_THRESHOLDS)
