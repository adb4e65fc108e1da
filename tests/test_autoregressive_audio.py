"""Sample-by-sample model of a waveform (core.ar_audio): AR(2) recovery, 8-bit likelihoods, generation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import lfilter
from scipy.stats import norm

from core import ar_audio as A


@pytest.fixture(scope="module")
def vowel():
    return A.synthetic_signal("vowel a", duration=1.0)


def test_recovers_the_coefficients_of_a_synthetic_ar2_process():
    rng = np.random.default_rng(1)
    e = 0.05 * rng.standard_normal(30_000)
    x = lfilter([1.0], [1.0, -1.2, 0.5], e) + 0.1  # x_t = 1.2 x_{t-1} - 0.5 x_{t-2} + e_t, plus a mean shift
    model = A.LinearAR(order=2).fit(x)
    assert model.coef_ == pytest.approx([1.2, -0.5], abs=0.02)
    assert model.noise_std_ == pytest.approx(0.05, rel=0.03)
    # stationary mean 0.1 -> intercept c = 0.1 * (1 - 1.2 + 0.5)
    assert model.intercept_ == pytest.approx(0.03, abs=0.005)


def test_level_probabilities_sum_to_one_and_match_scipy():
    for mean, sd in ((0.0, 0.1), (0.95, 0.05), (-0.3, 0.002), (2.0, 0.5)):
        p = A.level_probabilities(mean, sd)
        assert p.shape == (256,) and p.sum() == pytest.approx(1.0, abs=1e-12)
        grid = np.linspace(-1, 1, 256)
        half = 1 / 255
        edges = np.r_[-np.inf, grid[:-1] + half, np.inf]
        assert p == pytest.approx(np.diff(norm.cdf(edges, mean, sd)), abs=1e-12)


def test_chain_rule_bits_equal_the_sum_of_step_probabilities(vowel):
    """Vectorised scoring == each step's discretised Gaussian, computed with scipy, one step at a time."""
    model = A.LinearAR(order=6).fit(vowel)
    x = vowel[:400]
    m = model.receptive_field
    steps = []
    for t in range(m, len(x)):
        mean = model.intercept_ + model.coef_ @ x[t - model.lags_]
        lo, hi = x[t] - 1 / 255, x[t] + 1 / 255
        lo = -np.inf if x[t] <= -1 else lo
        hi = np.inf if x[t] >= 1 else hi
        steps.append(np.log2(norm.cdf(hi, mean, model.noise_std_) - norm.cdf(lo, mean, model.noise_std_)))
    assert model.step_log2_probs(x) == pytest.approx(np.array(steps), abs=1e-9)
    assert -model.step_log2_probs(x).sum() == pytest.approx(-np.sum(steps), rel=1e-12)


@pytest.mark.parametrize("name", A.SIGNAL_PRESETS)
@pytest.mark.parametrize("dilated", [False, True])
def test_ar_beats_white_noise_on_heldout_audio(name, dilated):
    x = A.synthetic_signal(name, duration=1.0, seed=2)
    train, held = x[:6000], x[6000:]
    ar = A.LinearAR(order=8, dilated=dilated).fit(train).bits_per_sample(held)
    white = A.WhiteNoise().fit(train).bits_per_sample(held)
    assert ar < white - 1.5
    assert 0 < ar < 8 and 6 < white < 8.5


def test_no_gain_on_actual_white_noise():
    x = A.quantise(0.2 * np.random.default_rng(0).standard_normal(8000))
    ar = A.LinearAR(order=8).fit(x[:6000]).bits_per_sample(x[6000:])
    white = A.WhiteNoise().fit(x[:6000]).bits_per_sample(x[6000:])
    assert ar == pytest.approx(white, abs=0.02)


def test_white_noise_bits_match_the_gaussian_entropy_formula():
    """For a wide Gaussian, bits per 8-bit level ~ differential entropy - log2(cell width)."""
    sd = 0.2
    x = A.quantise(sd * np.random.default_rng(3).standard_normal(50_000))
    bits = A.WhiteNoise().fit(x).bits_per_sample(x)
    expected = 0.5 * np.log2(2 * np.pi * np.e * sd**2) - np.log2(2 / 255)
    assert bits == pytest.approx(expected, abs=0.02)


def test_generation_is_seeded_on_the_grid_and_follows_the_means(vowel):
    model = A.LinearAR(order=12).fit(vowel)
    prompt = vowel[:200]
    a = model.sample(500, prompt, seed=4)
    b = model.sample(500, prompt, seed=4)
    assert np.array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, model.sample(500, prompt, seed=5).samples)
    assert np.allclose(A.quantise(a.samples), a.samples)  # every sample is an 8-bit level
    full = np.r_[prompt, a.samples]
    recomputed = model.intercept_ + A._lagged(full, model.lags_)[len(prompt) - model.receptive_field :] @ model.coef_
    assert a.means == pytest.approx(recomputed)
    resid = (a.samples - a.means) / a.std
    assert abs(resid.mean()) < 0.2 and 0.8 < resid.std() < 1.2


def test_signals_are_8_bit_and_reproducible():
    for name in A.SIGNAL_PRESETS:
        x = A.synthetic_signal(name, duration=0.25, seed=1)
        assert len(x) == 2000 and np.abs(x).max() <= 1.0
        assert np.allclose(A.quantise(x), x)
        assert np.array_equal(x, A.synthetic_signal(name, duration=0.25, seed=1))


def test_dilated_lags_double():
    assert A.ar_lags(5, dilated=True).tolist() == [1, 2, 4, 8, 16]
    assert A.LinearAR(order=5, dilated=True).fit(A.synthetic_signal()).receptive_field == 16


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: A.synthetic_signal("violin"), "unknown signal"),
        (lambda: A.synthetic_signal(duration=60), "duration"),
        (lambda: A.LinearAR(order=0).fit(np.zeros(1000)), "order"),
        (lambda: A.LinearAR(order=8).fit(np.zeros(30)), "too short"),
        (lambda: A.LinearAR(order=2).fit(np.r_[np.zeros(100), np.nan]), "NaN"),
        (lambda: A.LinearAR(order=8).fit(A.synthetic_signal()).sample(10, np.zeros(3)), "at least 8 samples"),
    ],
)
def test_bad_input_raises_clear_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
