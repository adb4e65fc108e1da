"""The cross-entropy page's maths, on its scenes: H(p, q) = H(p) + KL, messages sent with codes for q and p,
block codes that never close the gap, and a classifier's loss that is a cross entropy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import log_loss

from scenes import cross_entropy as scene

LOADED = np.array(scene.SOURCES["Loaded die"][1])


def tempered(p: np.ndarray, t: float) -> np.ndarray:
    """q ∝ p^(1/T), written out independently of core.info."""
    w = p ** (1 / t)
    return w / w.sum()


@pytest.mark.parametrize("t", [0.5, 1.0, 3.0])
def test_tempered_model_agrees_with_scipy(t):
    pair = scene.pair("Loaded die", "Tempered p", t, (1,) * 6)
    q = tempered(LOADED, t)
    assert pair.q == pytest.approx(q)
    assert pair.h == pytest.approx(stats.entropy(LOADED, base=2))
    assert pair.kl == pytest.approx(stats.entropy(LOADED, q, base=2), abs=1e-12)
    assert pair.h_pq == pytest.approx(pair.h + pair.kl)
    assert not pair.infinite and pair.zero == ()


def test_temperature_one_means_no_waste():
    pair = scene.pair("Loaded die", "Tempered p", 1.0, (1,) * 6)
    assert pair.kl == 0.0 and pair.h_pq == pytest.approx(pair.h)


def test_uniform_model_costs_log_k():
    pair = scene.pair("Weather", "Uniform", 1.0, (1,) * 4)
    assert pair.h_pq == pytest.approx(2.0)  # a code for 4 equally likely outcomes: 2 bits, whatever p is


def test_a_zero_weight_on_a_real_outcome_makes_it_infinite():
    pair = scene.pair("Loaded die", "My weights", 1.0, (1, 1, 1, 1, 1, 0))
    assert pair.infinite and math.isinf(pair.kl) and pair.zero == ("6",)
    with pytest.raises(ValueError, match="probability 0"):
        scene.codes("Loaded die", "My weights", 1.0, (1, 1, 1, 1, 1, 0), 2000, 0)


def test_all_weights_zero_is_a_clear_error():
    with pytest.raises(ValueError, match="all counts are zero"):
        scene.pair("Weather", "My weights", 1.0, (0, 0, 0, 0))


def test_message_sent_with_the_code_for_q_costs_about_h_pq():
    pair = scene.pair("Loaded die", "Tempered p", 3.0, (1,) * 6)
    codes = scene.codes("Loaded die", "Tempered p", 3.0, (1,) * 6, 2000, 0)
    assert codes.h == pytest.approx(pair.h) and codes.kl == pytest.approx(pair.kl)
    assert codes.arith_q == pytest.approx(pair.h_pq, abs=0.05)
    assert codes.arith_p == pytest.approx(pair.h, abs=0.05)
    assert codes.arith_q > codes.arith_p


def test_first_symbols_and_their_shannon_codewords():
    codes = scene.codes("Weather", "Uniform", 1.0, (1,) * 4, 2000, 0)
    p = dict(zip(*scene.SOURCES["Weather"], strict=True))
    assert len(codes.shown) == scene.SHOWN_SYMBOLS
    assert all(len(b) == math.ceil(-math.log2(p[s])) for s, b in zip(codes.shown, codes.bits_p, strict=True))
    assert all(len(b) == 2 for b in codes.bits_q)  # uniform over 4: two bits each
    assert codes.shown_bits_q == 2 * scene.SHOWN_SYMBOLS
    assert codes.shown_bits_p == sum(len(b) for b in codes.bits_p)
    assert list(codes.first.loc["symbol"]) == list(codes.shown)


def test_longer_blocks_never_close_the_kl_gap():
    pair = scene.pair("Loaded die", "Tempered p", 3.0, (1,) * 6)
    codes = scene.codes("Loaded die", "Tempered p", 3.0, (1,) * 6, 2000, 0)
    fq, fp = codes.for_q, codes.for_p
    n = fq.block_lengths
    assert fq.cross_entropy == pytest.approx(pair.h_pq) and fp.entropy == pytest.approx(pair.h)
    assert np.all(fq.expected >= pair.h_pq - 1e-12) and np.all(fq.expected < pair.h_pq + 1 / n)
    assert np.all(fp.expected >= pair.h - 1e-12) and np.all(fp.expected < pair.h + 1 / n)
    assert np.all(fq.expected - fp.expected > pair.kl - 1 / n)
    assert n[-1] == scene.MAX_BLOCK


def test_classifier_loss_is_the_mean_surprise_of_the_true_class():
    clf = scene.classifier(1.0, 0)
    assert clf.n == scene.N_POINTS
    q_true = clf.proba[np.arange(clf.n), clf.y]
    assert clf.loss == pytest.approx(-np.log(q_true))
    assert clf.ours == pytest.approx(clf.loss.mean()) and clf.ours == pytest.approx(log_loss(clf.y, clf.proba))
    assert clf.sklearn == pytest.approx(clf.ours)
    assert clf.ours_bits == pytest.approx(clf.ours / math.log(2))
    assert 0.5 < clf.accuracy <= 1.0
    assert clf.grid.shape == (scene.GRID, scene.GRID) and np.all((clf.grid > 0) & (clf.grid < 1))
    x0, x1, y0, y1 = clf.extent
    assert x0 < clf.X[:, 0].min() and clf.X[:, 0].max() < x1 and y0 < clf.X[:, 1].min() and clf.X[:, 1].max() < y1
    assert len(clf.first) == scene.FIRST_POINTS


def test_heavy_regularisation_gives_a_less_confident_model_and_a_larger_loss():
    sure, unsure = scene.classifier(1.0, 0), scene.classifier(0.01, 0)
    assert unsure.ours > sure.ours
    assert np.abs(unsure.grid - 0.5).max() < np.abs(sure.grid - 0.5).max()


def test_notice_follows_the_model():
    args = ("Loaded die", "Tempered p", 0.5, (1,) * 6)
    pair, codes = scene.pair(*args), scene.codes(*args, 2000, 0)
    bars, cost, best = scene.notice(pair, codes, "Tempered p", 0.5)
    assert "p sharpened at temperature T = 0.5" in bars
    assert f"{codes.arith_q:.3f} bits per symbol with the code for q" in cost and f"{pair.kl:.3f}" in cost
    assert f"H(p) = {pair.h:.3f} bits" in best
    same = ("Fair die", "Uniform", 1.0, (1,) * 6)  # the uniform model of a fair die is the truth
    assert "Here q is p" in scene.notice(scene.pair(*same), scene.codes(*same, 500, 0), "Uniform", 1.0)[1]
