"""The tiny GPT (core.gpt): exact gradients, the causal mask, attention, sampling, the shipped weights."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from core import gpt
from core.gpt import TinyGPT
from core.nn import Adam
from tests.conftest import ROOT


def _tiny(dropout: float = 0.0, block_size: int = 6, seed: int = 3) -> TinyGPT:
    """A small random model whose weights are shaken up (LayerNorm gains away from 1, biases away from 0)."""
    model = TinyGPT(n_layer=2, n_head=2, d_model=8, block_size=block_size, dropout=dropout, seed=seed)
    model.init_params("abcde")
    rng = np.random.default_rng(seed)
    for w in model.params_.values():
        w += rng.normal(0, 0.3, w.shape)
    return model


@pytest.fixture(scope="module")
def shipped():
    return gpt.load_shipped()


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("train_gpt", ROOT / "scripts" / "train_gpt.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- layers


def test_gelu_and_layer_norm_are_their_formulas_to_the_last_bit():
    """The layers work in scratch arrays for speed; their numbers are the formulas written out, bit for bit, and
    ``gelu(u, out=u)`` writes over ``u`` while ``gelu(u)`` leaves it alone."""
    rng = np.random.default_rng(5)
    u = rng.normal(0, 3, (4, 7, 16))
    kept = u.copy()
    written_out = 0.5 * u * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (u + 0.044715 * u**3)))
    assert np.allclose(gpt.gelu(u), written_out, rtol=1e-12, atol=1e-15)
    assert np.array_equal(gpt.gelu(u), 0.5 * u * (1.0 + np.tanh(gpt.GELU_C * (u + 0.044715 * (u * u * u)))))
    assert np.array_equal(u, kept)
    out = gpt.gelu(u, out=u)
    assert out is u and np.array_equal(u, gpt.gelu(kept))
    g, b = rng.normal(1, 0.2, 16), rng.normal(0, 0.2, 16)
    y, (xhat, inv_sigma, _) = gpt.layer_norm(kept, g, b)
    sigma = np.sqrt(kept.var(axis=-1, keepdims=True) + gpt.LN_EPS)
    assert np.array_equal(inv_sigma, 1.0 / sigma)
    assert np.array_equal(y, g * ((kept - kept.mean(axis=-1, keepdims=True)) * (1.0 / sigma)) + b)
    assert np.allclose(xhat.mean(axis=-1), 0, atol=1e-12) and np.allclose(xhat.std(axis=-1), 1, atol=1e-4)


# ----------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("dropout", [0.0, 0.3])
def test_gradients_agree_with_finite_differences(dropout):
    model = _tiny(dropout)
    rng = np.random.default_rng(0)
    ids = rng.integers(0, model.start_id + 1, (3, 6))
    targets = rng.integers(0, len(model.vocab_), (3, 6))

    def loss() -> float:  # the same dropout masks on every call
        return model.loss_and_grads(ids, targets, np.random.default_rng(7) if dropout else None)[0]

    _, grads = model.loss_and_grads(ids, targets, np.random.default_rng(7) if dropout else None)
    assert set(grads) == set(model.params_)
    h = 1e-5
    for name, w in model.params_.items():  # central differences on (up to) 24 entries of every weight array
        entries = list(np.ndindex(w.shape))
        picked = [entries[i] for i in rng.choice(len(entries), min(24, len(entries)), replace=False)]
        numeric, exact = [], []
        for idx in picked:
            old = w[idx]
            w[idx] = old + h
            up = loss()
            w[idx] = old - h
            down = loss()
            w[idx] = old
            numeric.append((up - down) / (2 * h))
            exact.append(grads[name][idx])
        scale = max(np.abs(numeric).max(), 1e-3)
        assert np.abs(np.subtract(numeric, exact)).max() / scale < 1e-6, name


def test_a_training_step_lowers_the_loss_on_a_fixed_batch():
    model = TinyGPT(n_layer=2, n_head=2, d_model=16, block_size=8, seed=1).init_params("abcdefgh")
    rng = np.random.default_rng(2)
    ids, targets = rng.integers(0, 9, (4, 8)), rng.integers(0, 8, (4, 8))
    before, grads = model.loss_and_grads(ids, targets)
    names = list(model.params_)
    Adam([model.params_[k] for k in names], learning_rate=1e-2).step([grads[k] for k in names])
    after, _ = model.loss_and_grads(ids, targets)
    assert after < before


def test_fit_lowers_the_training_loss_and_is_seeded():
    text = "the cat sat on the mat. " * 8
    kw = dict(n_layer=1, n_head=2, d_model=16, block_size=16, n_steps=60, batch_size=8, warmup=10, seed=4)
    a, b = TinyGPT(**kw).fit(text), TinyGPT(**kw).fit(text)
    assert np.mean(a.loss_curve_[-10:]) < a.loss_curve_[0] - 0.5
    assert a.loss_curve_ == b.loss_curve_


# ----------------------------------------------------------------------------- mask, attention, probabilities


def test_changing_a_later_character_never_changes_an_earlier_prediction():
    model = _tiny(block_size=6)
    rng = np.random.default_rng(5)
    text = "".join(rng.choice(list(model.vocab_), 20))  # longer than the block: the sliding windows too
    base = model.log_prob_bits(text)
    for j in range(len(text)):
        changed = text[:j] + ("a" if text[j] != "a" else "b") + text[j + 1 :]
        after = model.log_prob_bits(changed)
        np.testing.assert_array_equal(after[:j], base[:j])  # exactly: no information flows backwards
        assert after[j] != base[j]
    ids = rng.integers(0, 6, (2, 6))
    logits, _ = model.forward(ids)
    ids2 = ids.copy()
    ids2[:, 4] = (ids2[:, 4] + 1) % 5
    np.testing.assert_array_equal(model.forward(ids2)[0][:, :4], logits[:, :4])


def test_attention_rows_sum_to_one_and_never_look_ahead():
    model = _tiny(block_size=6)
    _, attentions = model.forward(np.random.default_rng(0).integers(0, 6, (3, 6)))
    assert len(attentions) == model.n_layer
    for att in attentions:
        assert att.shape == (3, model.n_head, 6, 6)
        np.testing.assert_allclose(att.sum(axis=-1), 1.0, atol=1e-12)
        assert np.all(att >= 0)
        assert np.all(att[..., np.triu(np.ones((6, 6), dtype=bool), k=1)] == 0)  # j > i: exactly 0


def test_log_prob_bits_is_the_chain_rule_of_next_char_distribution():
    model = _tiny(block_size=6)
    text = "abcdeedcbaabcde"
    steps = model.log_prob_bits(text)
    for t in range(len(text)):
        q = model.next_char_distribution(text[:t])
        assert steps[t] == pytest.approx(np.log2(q[model.vocab_.index(text[t])]), abs=1e-12)
    np.testing.assert_allclose(model.log_prob_bits(text[5:], history=text[:5]), steps[5:], atol=1e-12)
    assert model.bits_per_char(text) == pytest.approx(-steps.mean())
    for batch in (1, 3, 64):  # how many windows are scored at once is a matter of speed only
        np.testing.assert_allclose(model.log_prob_bits(text, batch=batch), steps, rtol=0, atol=1e-14)


def test_temperature_sharpens_and_flattens_q():
    model = _tiny()
    q = model.next_char_distribution("abc")
    assert q.sum() == pytest.approx(1.0)
    for temp in (0.5, 2.0):
        expected = q ** (1 / temp) / (q ** (1 / temp)).sum()
        np.testing.assert_allclose(model.next_char_distribution("abc", temp), expected, atol=1e-12)
    with pytest.raises(ValueError, match="temperature"):
        model.next_char_distribution("abc", 0.0)


def test_trace_gives_the_tokens_probabilities_and_every_head():
    model = _tiny(block_size=6)
    short, long = model.trace("ab"), model.trace("abcdeabcde")
    assert short.tokens == (gpt.START, "a", "b")
    assert short.attention.shape == (2, 2, 3, 3)
    assert long.tokens == tuple("eabcde")  # the last block_size characters
    np.testing.assert_allclose(long.probs, model.next_char_distribution("abcdeabcde"))


# ----------------------------------------------------------------------------- generation and messages


def test_generation_is_reproducible_from_its_seed():
    model = _tiny()
    a, b = model.generate("ab", 30, temperature=0.8, seed=11), model.generate("ab", 30, temperature=0.8, seed=11)
    assert a.text == b.text and len(a.text) == 30 and set(a.text) <= set(model.vocab_)
    np.testing.assert_array_equal(a.probs, b.probs)
    assert model.generate("ab", 30, temperature=0.8, seed=12).text != a.text
    np.testing.assert_allclose(a.probs.sum(axis=1), 1.0)
    np.testing.assert_allclose(a.surprise_bits, -np.log2(a.probs[np.arange(30), a.chosen]))


def test_unknown_characters_get_a_message_naming_them(shipped):
    model, _ = shipped
    prompt = "Caf\u00e9 \u2603 and \u00e9"
    assert model.unknown_chars(prompt) == "\u00e9\u2603"
    for call in (
        lambda: model.next_char_distribution(prompt),
        lambda: model.generate(prompt, 5),
        lambda: model.bits_per_char(prompt),
        lambda: model.trace(prompt),
    ):
        with pytest.raises(ValueError, match="never saw") as err:
            call()
        assert "'\u00e9'" in str(err.value) and "'\u2603'" in str(err.value)


def test_bad_hyperparameters_are_refused():
    with pytest.raises(ValueError, match="multiple of n_head"):
        TinyGPT(d_model=10, n_head=3).init_params("ab")
    with pytest.raises(ValueError, match="block_size"):
        TinyGPT(block_size=0).init_params("ab")
    with pytest.raises(ValueError, match="more than block_size"):
        TinyGPT(block_size=16).fit("short text")


# ----------------------------------------------------------------------------- files


def test_save_and_load_round_trip(tmp_path):
    model = _tiny()
    np.savez_compressed(tmp_path / "m.npz", **model.to_arrays())
    back = TinyGPT.load(tmp_path / "m.npz")
    assert back.vocab_ == model.vocab_ and back.get_params() == model.get_params()
    for k, w in model.params_.items():  # stored as float32
        np.testing.assert_allclose(back.params_[k], w, rtol=1e-6, atol=1e-7)
        assert back.params_[k].dtype == np.float64


def test_shipped_weights_load_and_give_the_recorded_heldout_bits(shipped, script):
    model, record = shipped
    assert gpt.WEIGHTS_PATH.stat().st_size < 1_000_000
    assert model.n_params_ == record["n_params"]
    assert model.get_params() == record["hyperparameters"]
    train, held = script.split()
    assert len(held) == record["heldout_chars"]
    assert model.bits_per_char(held) == pytest.approx(record["heldout_bpc"], abs=1e-9)


def test_the_script_uses_the_pages_split_and_yardstick(script):
    from scenes import autoregressive as page

    assert script.HELDOUT_SHARE == page.HELDOUT_SHARE
    assert script.NGRAM_BETA == page.BETA


def test_training_reproduces_the_recorded_first_losses(shipped, script):
    _, record = shipped
    n = len(record["first_losses"])
    model = script.train(n_steps=n, seed=record["seed"])
    np.testing.assert_allclose(model.loss_curve_, record["first_losses"], rtol=1e-9)


def test_recorded_numbers_are_consistent(shipped):
    _, record = shipped
    assert json.loads(json.dumps(record)) == record
    assert record["heldout_bpc"] < record["ngram"]["unigram_heldout_bpc"]
    assert record["training_seconds"] < 15 * 60
