"""Fit, in advance, every model the pages "Types of generative models" and "Different approaches" can show on their
preset data sets, and write them to ``core/data/fits/`` (the pages then load them and never train).

    .venv/bin/python scripts/fit_presets.py             # every file: 2 pages x 4 presets x 5 draws = 40 files
    .venv/bin/python scripts/fit_presets.py --jobs 2    # the same on two processes (same files: each fit is seeded)
    .venv/bin/python scripts/fit_presets.py --check     # refit all, compare with the shipped files, write nothing
    .venv/bin/python scripts/fit_presets.py --page types --preset moons --draw 0    # one file (or --check it)

What it writes, one file per (page, preset, draw), ``<page>-<preset>-<draw>.npz`` (``core.fitted`` format: plain
arrays and a JSON manifest, no pickle, float arrays as float32):

- ``types``: the six families of ``scenes.types.train`` (autoregressive, flow, energy, vae, gmmn, diffusion), each
  fitted to the 400 points of ``core.datasets.density_2d(preset, n=400, seed=draw)`` with seed ``draw``;
- ``approaches``: the models of ``scenes.approaches.recipes`` (the small VAE, the moment-matching generator, the
  diffusion model, the coupling flow, and the Gaussian mixture for every K the page's slider offers), each fitted to
  the page's 500 training points of that preset and draw, with seed ``draw``; then the two results of its scenes that
  take seconds (``scenes.approaches.derive``: the VAE's density grid, the diffusion path's energy distance at every
  step), computed from the models as written to the file, so that a first visit only draws.

The recipes (hyperparameters, data, seeds) live in the scenes, not here: this script only runs them, so a page and
its shipped file cannot disagree. Each file's ``meta`` records the page, preset, draw, a fingerprint of the training
points (``core.fitted.data_digest``), the seconds each fit took and the library versions.

Deterministic: every fit is seeded and runs on one BLAS thread (as the app does), so a rerun on the same machine and
library versions writes the same numbers; ``--check`` refits and compares them with the shipped files within float32
precision (``core.fitted.differences``) and exits with status 1 if any differ. ``tests/test_fitted.py`` does the same
for one cheap model on every run of the suite, and checks that every shipped file loads, scores and matches its data.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import product
from pathlib import Path

import numpy as np
import scipy
import sklearn
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import fitted  # noqa: E402
from core.datasets import DENSITY_PRESETS  # noqa: E402
from scenes import approaches, types  # noqa: E402

PAGES = ("types", "approaches")
#: What each page's files hold: its models, then (approaches) the slow results of its scenes, derived from them.
MODELS = {"types": tuple(types.FILE_KEYS.values()), "approaches": tuple(approaches.recipes(approaches.Source("", 0)))}
KEYS = {"types": MODELS["types"], "approaches": (*MODELS["approaches"], *approaches.DERIVED)}


def training_points(page: str, preset: str, draw: int) -> np.ndarray:
    """The points the page's models of this preset and draw are fitted to."""
    if page == "types":
        return types.data(preset, draw).X
    return approaches.load(approaches.Source(preset, draw)).train


def fit(page: str, preset: str, draw: int, only: tuple[str, ...] | None = None) -> tuple[dict, dict]:
    """The page's models on one preset and draw (``only`` these keys), and the seconds each fit took."""
    threadpool_limits(limits=1)
    models, seconds = {}, {}
    for key in MODELS[page] if only is None else only:
        start = time.perf_counter()
        if page == "types":
            models |= types.train(preset, draw, only=(key,))
        else:
            models |= approaches.train(approaches.Source(preset, draw), only=(key,))
        seconds[key] = round(time.perf_counter() - start, 3)
    return models, seconds


def meta(page: str, preset: str, draw: int, seconds: dict) -> dict:
    """What a shipped file records besides its models."""
    X = training_points(page, preset, draw)
    return {
        "page": page,
        "preset": preset,
        "draw": draw,
        "n_train": len(X),
        "data": fitted.data_digest(X),
        "seconds": seconds,
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
        "made_by": "scripts/fit_presets.py",
    }


def derive(preset: str, draw: int) -> tuple[dict, float]:
    """The approaches page's derived results (``scenes.approaches.derive``) from the shipped file, and the seconds."""
    start = time.perf_counter()
    approaches._shipped.cache_clear()  # read the file as it is now
    derived = approaches.derive(approaches.Source(preset, draw))
    return derived, round(time.perf_counter() - start, 3)


def write(job: tuple[str, str, int]) -> str:
    """Fit one file's models and write it; a line for the log."""
    page, preset, draw = job
    start = time.perf_counter()
    models, seconds = fit(page, preset, draw)
    path = fitted.shipped_path(page, preset, draw)
    path.parent.mkdir(parents=True, exist_ok=True)
    fitted.save(path, models, meta=meta(page, preset, draw, seconds))
    if page == "approaches":  # the scenes' slow results, from the models as the page loads them
        derived, seconds["derive"] = derive(preset, draw)
        fitted.save(path, models | derived, meta=meta(page, preset, draw, seconds))
    took = time.perf_counter() - start
    extra = f" and {len(approaches.DERIVED)} derived results" if page == "approaches" else ""
    return f"{path.relative_to(ROOT)}: {len(models)} models{extra}, {path.stat().st_size / 1024:.0f} KB, {took:.1f} s"


def check(job: tuple[str, str, int], only: tuple[str, ...] | None = None) -> list[str]:
    """Refit one file's models (``only`` these keys) and compare them with the shipped file: the differences."""
    page, preset, draw = job
    path = fitted.shipped_path(page, preset, draw)
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing"]
    bundle = fitted.load(path)
    problems = []
    if bundle.meta.get("data") != fitted.data_digest(training_points(page, preset, draw)):
        problems.append("the training points changed since the file was written")
    wanted = KEYS[page] if only is None else only
    fresh, _ = fit(page, preset, draw, tuple(key for key in wanted if key in MODELS[page]))
    if any(key in approaches.DERIVED for key in wanted):
        derived, _ = derive(preset, draw)  # from the shipped models: the stored results must be theirs
        fresh |= {key: value for key, value in derived.items() if key in wanted}
    shipped = {key: bundle.models[key] for key in fresh if key in bundle.models}
    problems += [f"{key}: not in the file" for key in fresh if key not in bundle.models]
    return problems + fitted.differences(fresh, shipped)


def _check_line(job: tuple[str, str, int]) -> tuple[str, list[str]]:
    path = fitted.shipped_path(*job).relative_to(ROOT)
    return str(path), check(job)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="refit and compare with the shipped files")
    parser.add_argument("--page", choices=PAGES, action="append", help="only this page (repeatable)")
    parser.add_argument("--preset", choices=DENSITY_PRESETS, action="append", help="only this preset (repeatable)")
    parser.add_argument("--draw", type=int, choices=range(fitted.DRAWS), action="append", help="only this draw")
    parser.add_argument("--jobs", type=int, default=1, help="processes working in parallel (default 1)")
    args = parser.parse_args(argv)
    jobs = list(product(args.page or PAGES, args.preset or DENSITY_PRESETS, args.draw or range(fitted.DRAWS)))
    start = time.perf_counter()
    failed = 0
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        if args.check:
            for path, problems in pool.map(_check_line, jobs):
                failed += bool(problems)
                print(f"{path}: {'matches' if not problems else 'DIFFERS'}", flush=True)
                for line in problems[:10]:
                    print(f"    {line}", flush=True)
        else:
            for line in pool.map(write, jobs):
                print(line, flush=True)
    took = time.perf_counter() - start
    files = sorted(fitted.FITS_DIR.glob("*.npz"))
    size = sum(p.stat().st_size for p in files)
    print(f"{len(jobs)} files {'checked' if args.check else 'written'} in {took / 60:.1f} min with {args.jobs} job(s)")
    print(f"{fitted.FITS_DIR.relative_to(ROOT)}: {len(files)} files, {size / 1e6:.2f} MB in all")
    if failed:
        print(f"{failed} file(s) differ from a fresh fit")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
