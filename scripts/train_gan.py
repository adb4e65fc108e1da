"""Train the two shipped GAN runs of ``core.gan`` and write their snapshots and numbers to ``core/data/gan/``.

    .venv/bin/python scripts/train_gan.py            # both presets, ~10 s each on one core; writes core/data/gan/
    .venv/bin/python scripts/train_gan.py --check    # retrain in memory and compare with the shipped files
    .venv/bin/python scripts/train_gan.py --out /tmp/gan --preset collapses   # one run, elsewhere

What it does, all seeded (``core.gan.PRESETS``: seed 0), so a rerun on the same numpy gives the same files:

1. draws the data as the page "Different approaches" does: ``density_2d("mixture", 500, seed=0)`` to train on,
   a second draw (seed 5000) held out to score, a third (seed 10000) as real data scored the same way;
2. trains ``GAN(**PRESETS[preset])`` with one BLAS thread, keeping both networks every 50 of its 3,000 steps
   (the collapsing run also every 5 steps from 1,400 to 1,600: its samples hop from blob to blob every ~20 steps);
3. saves the snapshots (float32, ``.npz``), reloads them and scores every snapshot of the reloaded model, so the
   recorded numbers are those of the shipped file: energy distance of 500 samples to the held-out points, and the
   share of the three blobs covered (a blob is covered when at least 10 % of the samples lie within 3 sd of its
   centre, nearest to it);
4. writes the record (``.json``): hyperparameters, data, those numbers per snapshot, the first losses (the tests
   rerun a few steps and compare), the training time.

``--check`` retrains without writing and compares with the shipped files: the same snapshots (to float32 rounding)
and the same numbers. Another BLAS or CPU can round differently, and a GAN amplifies tiny differences over
thousands of steps (the "collapses" run above all), so on another machine the first snapshots agree and the late
ones may not: ``--check`` says from which step on.

How the presets were chosen (seed 0 unless said; tanh networks 2-32-32-2 and 2-32-32-1, latent dimension 2, batch
128, Adam beta1 = 0.5, one D update per g update; D = energy distance of the last snapshot, real data: 0.087;
blobs: share of the samples in each, data 40/35/25 %)::

    lr g     lr D     beta1   outcome over 3,000 steps
    5e-4     5e-4     0.5     converges: D 0.11 to 0.16 from step 1,500 on, blobs 38/34/26  <- "converges"
    5e-4     5e-4     0.5     seeds 1 and 2: the same (final D 0.14 and 0.16, all three blobs)
    1e-3     1e-3     0.5     converges, noisier (D 0.15 to 0.28)
    1e-2     5e-4     0.5     from step ~1,400 all samples on ONE blob, hopping blob to blob   <- "collapses"
    1e-2     5e-4     0.5     seed 2: the same; seed 1: no collapse (D 0.3 to 0.5, brief collapses)
    1e-2     1e-3     0.9     collapses onto one blob and hops from step ~2,000 (samples far off before)
    1e-3     1e-2     0.5     D 10x faster: stuck on two of the three blobs for all 3,000 steps
    5e-3     5e-4     0.5     oscillates early, then covers all three (D about 0.3)
    2e-2     5e-4     0.5     covers, collapses around steps 1,400-1,600 and 2,700-3,000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import gan as core_gan  # noqa: E402
from core.sample_quality import energy_distance  # noqa: E402

#: Losses recorded for the reproduction test (``tests/test_gan.py`` reruns these first steps).
N_RECORDED_LOSSES = 5
#: ``--check``: how close a retrained snapshot must be to the shipped one (float32 rounding is about 1e-7 relative).
CHECK_ATOL = 1e-4


def train(preset: str, n_steps: int | None = None) -> core_gan.GAN:
    """Fit the GAN of ``preset`` on the training draw with one BLAS thread (``n_steps``: fewer steps, for tests)."""
    params = dict(core_gan.PRESETS[preset])
    if n_steps is not None:
        params["n_steps"] = n_steps
    train_points, _, _ = core_gan.preset_data()
    with threadpool_limits(limits=1):
        return core_gan.GAN(**params).fit(train_points)


def record(preset: str, trained: core_gan.GAN, shipped: core_gan.GAN, seconds: float, argv: list[str]) -> dict:
    """The numbers of a run, measured on the model as loaded from its file (``shipped``); the first losses are the
    training's own (``trained``, in float64: the file keeps float32)."""
    _, held, fresh = core_gan.preset_data()
    with threadpool_limits(limits=1):
        scores = core_gan.snapshot_scores(shipped, held)
    return {
        "preset": preset,
        "hyperparameters": shipped.get_params(),
        "data": {
            "data_set": core_gan.DATA_SET,
            "n_train": core_gan.N_TRAIN,
            "n_held": core_gan.N_HELD,
            "train_seed": core_gan.DATA_SEED,
            "held_seed": core_gan.DATA_SEED + core_gan.HELD_OFFSET,
            "fresh_seed": core_gan.DATA_SEED + 2 * core_gan.HELD_OFFSET,
        },
        "scoring": {
            "n_samples": core_gan.N_EVAL,
            "noise_seed": core_gan.EVAL_SEED,
            "mode_centres": [list(c) for c in core_gan.MIXTURE_CENTRES],
            "mode_radius": core_gan.MODE_RADIUS,
            "min_share": core_gan.MIN_SHARE,
        },
        "floor": energy_distance(fresh, held),
        "snapshot_steps": shipped.snapshot_steps_.tolist(),
        "distance": scores["distance"].tolist(),
        "covered": scores["covered"].tolist(),
        "shares": np.round(scores["shares"], 6).tolist(),
        "first_d_losses": trained.d_loss_[:N_RECORDED_LOSSES].tolist(),
        "first_g_losses": trained.g_loss_[:N_RECORDED_LOSSES].tolist(),
        "training_seconds": round(seconds, 1),
        "numpy": np.__version__,
        "command": " ".join(["python scripts/train_gan.py", *argv]),
    }


def summary(rec: dict) -> str:
    """One line per run: final D, its median over the second half, how often all blobs were covered."""
    d, covered = np.array(rec["distance"]), np.array(rec["covered"])
    half = int(np.searchsorted(rec["snapshot_steps"], rec["snapshot_steps"][-1] / 2))  # snapshots of the second half
    return (
        f"{rec['preset']:10s} final energy distance {d[-1]:.3f}, median over the second half {np.median(d[half:]):.3f} "
        f"(real data {rec['floor']:.3f}); all blobs covered in {np.mean(covered[half:] == 1):.0%} of the second "
        f"half's snapshots, one blob only in {np.mean(covered[half:] < 0.5):.0%}; trained in "
        f"{rec['training_seconds']} s"
    )


def check(preset: str) -> bool:
    """Retrain ``preset`` in memory and compare with the shipped file; print where they part. True if they agree."""
    shipped, rec = core_gan.load_shipped(preset)
    fresh = train(preset)
    g_fresh = fresh.g_snapshots_.astype(np.float32).astype(np.float64)
    d_fresh = fresh.d_snapshots_.astype(np.float32).astype(np.float64)
    gap = np.maximum(np.abs(g_fresh - shipped.g_snapshots_).max(axis=1), np.abs(d_fresh - shipped.d_snapshots_).max(1))
    apart = np.flatnonzero(gap > CHECK_ATOL)
    _, held, _ = core_gan.preset_data()
    with threadpool_limits(limits=1):
        numbers = core_gan.snapshot_scores(shipped, held)
    same_numbers = np.allclose(numbers["distance"], rec["distance"], rtol=0, atol=1e-9) and np.array_equal(
        numbers["covered"], rec["covered"]
    )
    if apart.size:
        print(
            f"{preset}: retrained snapshots differ from step {int(shipped.snapshot_steps_[apart[0]])} on "
            f"(largest gap {gap.max():.2e})"
        )
    else:
        print(f"{preset}: all {len(gap)} snapshots agree with the shipped file (largest gap {gap.max():.2e})")
    print(f"{preset}: the shipped file {'reproduces' if same_numbers else 'does NOT reproduce'} its recorded numbers")
    return not apart.size and same_numbers


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", choices=list(core_gan.PRESETS), action="append", help="default: both")
    parser.add_argument("--out", type=Path, default=core_gan.DATA_DIR, help="folder for <preset>.npz and .json")
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped files")
    args = parser.parse_args(argv)
    presets = args.preset or list(core_gan.PRESETS)
    if args.check:
        return 0 if all([check(preset) for preset in presets]) else 1
    args.out.mkdir(parents=True, exist_ok=True)
    for preset in presets:
        t0 = time.perf_counter()
        model = train(preset)
        seconds = time.perf_counter() - t0
        path = args.out / f"{preset}.npz"
        np.savez_compressed(path, **core_gan.to_arrays(model))
        shipped = core_gan.load(path)
        rec = record(preset, model, shipped, seconds, argv)
        (args.out / f"{preset}.json").write_text(json.dumps(rec, indent=1) + "\n", encoding="utf-8")
        print(summary(rec), f"; {path.stat().st_size / 1024:.0f} KB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
