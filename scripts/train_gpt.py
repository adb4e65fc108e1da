"""Train the tiny GPT of ``core.gpt`` on the essay and write the shipped weights and their record.

    .venv/bin/python scripts/train_gpt.py            # ~10 minutes on one core; writes core/data/tiny_gpt.{npz,json}
    .venv/bin/python scripts/train_gpt.py --steps 50 --out /tmp/gpt   # a quick look, elsewhere

What it does, all seeded (``SEED``), so a rerun on the same numpy gives the same weights:

1. splits ``core.corpus.CORPUS`` exactly as the "Autoregressive models" page does
   (``core.ar_text.split_heldout(CORPUS, HELDOUT_SHARE)``: the last 10 % of the essay is held out);
2. trains ``TinyGPT(**HYPERPARAMETERS)`` on the training part only (vocabulary: every character of the essay,
   as the n-gram model's alphabet), with one BLAS thread;
3. saves the weights (float32, ``.npz``), reloads them and scores the reloaded model, so the recorded numbers
   are those of the shipped file: held-out and training bits per character, next to the unigram and the best
   n-gram on the same split (back-off strength ``NGRAM_BETA``, as on the page);
4. writes the record (``.json``): hyperparameters, seed, steps, bits per character, parameter count, training
   time, the first training losses (``tests/test_gpt.py`` reruns a few steps and checks them) and a sample.

The hyperparameters were chosen on a validation slice cut from the END of the training part (the held-out text
was not used to choose anything); the final model is then trained on the whole training part. Validation
bits/char of the runs tried (fit on the training part minus its last ``VALIDATION_CHARS`` characters; 2 heads,
batch 32, weight decay 0.1 unless said; for scale, the n-gram on the same slice: 2.608 with the page's beta = 1,
2.326 with beta and k tuned on it)::

    layers  d   block  dropout  lr     steps   validation bits/char
    2       64  64     0.10     3e-3   2000    2.413
    2       64  64     0.20     3e-3   2000    2.478
    2       64  32     0.10     3e-3   3000    2.372
    2       64  32     0.15     5e-3   3000    2.344   <- chosen (110k weights)
    2       64  32     0.20     5e-3   4000    2.363
    2       64  32     0.20     5e-3   3000    2.400   (weight decay 0.3)
    2       64  32     0.15     5e-3   3000    2.415   (batch 64: overfits; 2.358 after 2000 steps)
    2       48  32     0.10     5e-3   4000    2.373
    3       64  32     0.15     5e-3   3000    2.326   (160k weights: the file would be ~0.6 MB)
    3       48  32     0.15     5e-3   3000    2.379

With ~25k characters to learn from, the model overfits long before it runs out of steps: dropout and a short
run matter more than size.
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

from core import ar_text, gpt  # noqa: E402
from core.corpus import CORPUS  # noqa: E402

SEED = 0
#: Share of the essay held out at its end: the same as scenes.autoregressive.HELDOUT_SHARE (tests check it).
HELDOUT_SHARE = 0.1
#: Back-off strength of the n-gram yardstick (scenes.autoregressive.BETA).
NGRAM_BETA = 1.0
MAX_NGRAM_CONTEXT = 8
#: Back-off strengths tried for the tuned n-gram yardstick (chosen on the validation slice).
NGRAM_BETAS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
#: Characters at the end of the training part set aside to choose hyperparameters (about 10 % of it).
VALIDATION_CHARS = 2700
#: Losses recorded for the reproduction test (all inside the warm-up, so they do not depend on n_steps).
N_RECORDED_LOSSES = 3
HYPERPARAMETERS = dict(
    n_layer=2,
    n_head=2,
    d_model=64,
    block_size=32,
    dropout=0.15,
    learning_rate=5e-3,
    weight_decay=0.1,
    n_steps=3000,
    batch_size=32,
    warmup=100,
    grad_clip=1.0,
)


def split() -> tuple[str, str]:
    """(training part, held-out part) of the essay, as on the page."""
    return ar_text.split_heldout(CORPUS, HELDOUT_SHARE)


def validation_split() -> tuple[str, str]:
    """(fitting part, validation slice): the training part with its last VALIDATION_CHARS characters set aside.

    Used only to choose hyperparameters (the GPT's, and the tuned n-gram's); the held-out part stays unseen.
    """
    train_text, _ = split()
    return train_text[:-VALIDATION_CHARS], train_text[-VALIDATION_CHARS:]


def train(n_steps: int | None = None, seed: int = SEED, callback=None, **overrides) -> gpt.TinyGPT:
    """Fit the tiny GPT on the training part of the essay (``n_steps`` defaults to the recorded run's)."""
    params = {**HYPERPARAMETERS, **overrides, "seed": seed}
    if n_steps is not None:
        params["n_steps"] = n_steps
    train_text, _ = split()
    with threadpool_limits(limits=1):
        return gpt.TinyGPT(**params).fit(train_text, alphabet=CORPUS, callback=callback)


def ngram_yardstick() -> dict:
    """Held-out bits/char of the unigram and of the n-gram model, on the same split as the tiny GPT.

    ``page``: the page's model (``beta = NGRAM_BETA``) at its best context length k on the held-out text, as the
    page shows it (k picked on the held-out text itself, which if anything flatters the n-gram).
    ``tuned``: beta and k picked on the validation slice (the end of the training part, as for the GPT), then
    refitted on the whole training part and scored once on the held-out text.
    """
    train_text, held = split()
    _, held_bpc = ar_text.context_length_curve(train_text, held, max_context=MAX_NGRAM_CONTEXT, beta=NGRAM_BETA)
    best = int(np.argmin(held_bpc))
    fit_text, val = validation_split()
    val_scores = {
        beta: ar_text.context_length_curve(fit_text, val, max_context=MAX_NGRAM_CONTEXT, beta=beta)[1]
        for beta in NGRAM_BETAS
    }
    beta_t = min(val_scores, key=lambda b: val_scores[b].min())
    k_t = int(np.argmin(val_scores[beta_t]))
    tuned = ar_text.CharNGram(context=k_t, beta=beta_t).fit(train_text, alphabet=CORPUS)
    return {
        "unigram_heldout_bpc": float(held_bpc[0]),
        "unigram_n_params": len(set(CORPUS)) - 1,
        "page": {
            "beta": NGRAM_BETA,
            "best_k": best,
            "heldout_bpc": float(held_bpc[best]),
            "heldout_bpc_by_k": [round(float(b), 4) for b in held_bpc],
            "n_params": _ngram_n_params(train_text, best, NGRAM_BETA),
        },
        "tuned": {
            "beta": beta_t,
            "k": k_t,
            "validation_bpc": float(val_scores[beta_t][k_t]),
            "heldout_bpc": tuned.bits_per_char(held),
            "n_params": _ngram_n_params(train_text, k_t, beta_t),
        },
    }


def _ngram_n_params(train_text: str, k: int, beta: float) -> int:
    """Stored counts of an n-gram model of context k: one per distinct (context, next character) pair, j <= k."""
    model = ar_text.CharNGram(context=k, beta=beta).fit(train_text, alphabet=CORPUS)
    return int(sum(len(c) for c in model.pair_counts_))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=HYPERPARAMETERS["n_steps"], help="Adam steps")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=gpt.DATA_DIR / "tiny_gpt", help="path without extension")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def progress(step: int, loss: float, _model) -> None:
        if step % 100 == 0 or step == args.steps - 1:
            print(f"step {step:5d}  loss {loss / np.log(2):.3f} bits/char", flush=True)

    t0 = time.perf_counter()
    model = train(args.steps, args.seed, progress)
    seconds = time.perf_counter() - t0
    np.savez_compressed(args.out.with_suffix(".npz"), **model.to_arrays())

    shipped = gpt.TinyGPT.load(args.out.with_suffix(".npz"))
    train_text, held = split()
    with threadpool_limits(limits=1):
        held_bpc = shipped.bits_per_char(held)
        train_bpc = shipped.bits_per_char(train_text)
        sample = shipped.generate("The ", 200, temperature=1.0, seed=0).text
    record = {
        "hyperparameters": model.get_params(),
        "seed": args.seed,
        "steps": args.steps,
        "corpus_chars": len(CORPUS),
        "train_chars": len(train_text),
        "heldout_chars": len(held),
        "heldout_share": HELDOUT_SHARE,
        "vocab_size": len(shipped.vocab_),
        "n_params": shipped.n_params_,
        "heldout_bpc": held_bpc,
        "train_bpc": train_bpc,
        "training_seconds": round(seconds, 1),
        "first_losses": model.loss_curve_[:N_RECORDED_LOSSES],
        "final_train_loss_bits": float(np.mean(model.loss_curve_[-100:]) / np.log(2)),
        "ngram": ngram_yardstick(),
        "sample_prompt": "The ",
        "sample_seed0_T1": sample,
        "numpy": np.__version__,
        "command": " ".join(["python scripts/train_gpt.py", *(sys.argv[1:] if argv is None else argv)]),
    }
    args.out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: record[k] for k in ("n_params", "heldout_bpc", "train_bpc", "training_seconds")}))
    print("n-gram:", record["ngram"])
    print("sample:", sample)
    return record


if __name__ == "__main__":
    main()
