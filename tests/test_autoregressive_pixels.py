"""Pixel-by-pixel model of binary digits (core.ar_pixels): causal mask, chain rule, completion, bits."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from core import ar_pixels as P


@pytest.fixture(scope="module")
def digits():
    return P.load_binary_digits()


@pytest.fixture(scope="module")
def model(digits):
    return P.PixelAR().fit(digits.X_train)


@pytest.fixture(scope="module")
def independent(digits):
    return P.IndependentPixels().fit(digits.X_train)


def test_digits_are_binary_and_split_without_overlap(digits):
    assert digits.X_train.shape == (1497, 64) and digits.X_test.shape == (300, 64)
    assert set(np.unique(digits.X_train)) == {0, 1}
    train_rows = {r.tobytes() for r in digits.X_train}
    # a few binarised digits coincide by chance, but the split itself is disjoint by index
    assert sum(r.tobytes() in train_rows for r in digits.X_test) < 30


def test_conditionals_are_probabilities(model, digits):
    p = model.conditional_probs(digits.X_test)
    assert p.shape == (300, 64)
    assert np.all((p > 0) & (p < 1))  # p(x_i = 1) and p(x_i = 0) = 1 - p(x_i = 1): each step sums to 1


def test_the_mask_is_causal(model, digits):
    """Flipping pixel j changes the predictions for pixels after j only, never for pixel j or before."""
    x = digits.X_test[:1].copy()
    base = model.conditional_probs(x)[0]
    for j in (0, 20, 37, 63):
        y = x.copy()
        y[0, j] = 1 - y[0, j]
        changed = np.flatnonzero(~np.isclose(model.conditional_probs(y)[0], base))
        assert np.all(changed > j)
    assert np.all(np.triu(model.weights_) == 0)


def test_chain_rule_log_likelihood_equals_sum_of_sequential_steps(model, digits):
    """Vectorised masked-matrix scoring == walking the image pixel by pixel (sample with every pixel given)."""
    for x in digits.X_test[:5]:
        walk = model.sample(1, given=x, n_given=64)
        step_p = np.where(x == 1, walk.probs[0], 1 - walk.probs[0])
        assert model.score_samples_bits(x[None])[0] == pytest.approx(np.log2(step_p).sum())


def test_the_joint_distribution_is_normalised(model, digits):
    """Summing p(x) over all 2^5 settings of the last five pixels gives p(first 59 pixels)."""
    x = digits.X_test[3].copy()
    prefix = model.conditional_probs(x[None])[0][:59]
    p_prefix = np.prod(np.where(x[:59] == 1, prefix, 1 - prefix))
    total = 0.0
    for tail in itertools.product((0, 1), repeat=5):
        x[59:] = tail
        total += 2.0 ** model.score_samples_bits(x[None])[0]
    assert total == pytest.approx(p_prefix, rel=1e-9)


def test_independent_baseline_matches_hand_formula(independent, digits):
    q = (digits.X_train.sum(axis=0) + 1) / (len(digits.X_train) + 2)
    x = digits.X_test[:10]
    expected = np.log2(np.where(x == 1, q, 1 - q)).sum(axis=1)
    assert independent.score_samples_bits(x) == pytest.approx(expected)


def test_context_beats_independent_pixels_on_heldout_digits(model, independent, digits):
    ar = P.bits_per_image(model, digits.X_test)
    ind = P.bits_per_image(independent, digits.X_test)
    assert ar < ind - 6.0  # looking above and to the left saves many bits per image
    assert 20 < ar < 32 and 30 < ind < 42


def test_completion_keeps_the_given_pixels_and_is_seeded(model, digits):
    x = digits.X_test[0]
    a = model.sample(6, seed=1, given=x, n_given=32)
    b = model.sample(6, seed=1, given=x, n_given=32)
    assert np.array_equal(a.images, b.images)
    assert np.all(a.images[:, :32] == x[:32])
    assert set(np.unique(a.images)) <= {0, 1}
    assert not np.array_equal(a.images, model.sample(6, seed=2, given=x, n_given=32).images)


def test_samples_look_like_digits_more_than_noise(model, independent, digits):
    """Generated images score better under the AR model than under the independent baseline."""
    s = model.sample(50, seed=0).images
    assert s.mean() == pytest.approx(digits.X_train.mean(), abs=0.08)
    assert P.bits_per_image(model, s) < P.bits_per_image(independent, s)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda m: m.score_samples_bits(np.full((1, 64), 2)), "0 or 1"),
        (lambda m: m.score_samples_bits(np.zeros((1, 63))), "64 pixels"),
        (lambda m: m.sample(1, n_given=10), "needs an image"),
        (lambda m: m.sample(1, given=np.zeros(64), n_given=65), "n_given"),
        (lambda m: m.sample(0), "at least 1"),
    ],
)
def test_bad_input_raises_clear_errors(model, call, match):
    with pytest.raises(ValueError, match=match):
        call(model)


def test_bad_threshold_and_too_few_images():
    with pytest.raises(ValueError, match="threshold"):
        P.load_binary_digits(threshold=0)
    with pytest.raises(ValueError, match="at least 10"):
        P.PixelAR().fit(np.zeros((3, 64)))
