"""The inequalities the lecture teaches, for every input hypothesis finds, across core modules.

Each module has its own tests; this file holds the cross-cutting promises in one place:
H >= 0, KL >= 0, H(p, q) >= H(p), ELBO <= log p(x), probabilities in [0, 1] summing to 1, log-densities finite
where the density is positive, and invalid input always raising ValueError (never another exception or NaN).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import integrate, stats

from core import ar_text, bayes, classifiers, datasets, info, marginal
from core import variational as vi

SETTINGS = settings(max_examples=60, deadline=None)
weights = arrays(np.float64, st.integers(1, 12), elements=st.floats(0, 100, allow_nan=False))


def _normalise(w: np.ndarray) -> np.ndarray:
    assume(w.sum() > 1e-9)
    return w / w.sum()


@SETTINGS
@given(weights, st.data())
def test_information_inequalities(w, data):
    p = _normalise(w)
    q = _normalise(data.draw(arrays(np.float64, len(p), elements=st.floats(0, 100, allow_nan=False))))
    h, hpq, kl = info.entropy(p), info.cross_entropy(p, q), info.kl_divergence(p, q)
    assert 0 <= h <= math.log2(len(p)) + 1e-9
    assert kl >= 0 and hpq >= h - 1e-9
    if math.isfinite(hpq):
        assert hpq == pytest.approx(h + kl, abs=1e-9)
    else:  # infinite exactly when q misses an outcome p can produce
        assert np.any((q == 0) & (p > 0)) and kl == math.inf


@SETTINGS
@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e6, 1e6) | st.just(np.nan) | st.just(np.inf)))
def test_invalid_distributions_raise_value_error(v):
    assume(not (np.all(np.isfinite(v)) and np.all(v >= 0) and abs(v.sum() - 1) < 1e-6))
    for call in (
        info.entropy,
        lambda x: info.kl_divergence(x, np.full(len(x), 1 / len(x))),
        lambda x: info.cross_entropy(np.full(len(x), 1 / len(x)), x),
    ):
        with pytest.raises(ValueError):
            call(v)


@SETTINGS
@given(st.floats(-5, 5), st.floats(0.05, 5), st.floats(-5, 5), st.floats(0.05, 5))
def test_gaussian_kl_is_positive_where_they_differ_and_zero_only_at_equality(m1, s1, m2, s2):
    kl = info.kl_gaussians(m1, s1**2, m2, s2**2, base=math.e)
    assert info.kl_gaussians(m1, s1**2, m1, s1**2) == 0.0
    assume(abs(m1 - m2) > 1e-3 or abs(s1 / s2 - 1) > 1e-3)
    assert kl > 0
    # an independent reference: integrate p ln(p/q) numerically (scipy quadrature, no closed form)
    p, q = stats.norm(m1, s1), stats.norm(m2, s2)
    lo, hi = m1 - 12 * s1, m1 + 12 * s1
    reference, _ = integrate.quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), lo, hi, limit=200)
    assert kl == pytest.approx(reference, rel=1e-6, abs=1e-9)


def test_a_negative_divergence_is_a_bug_not_a_zero():
    with pytest.raises(ArithmeticError, match="negative"):
        info._clip_roundoff(-1e-3)
    assert info._clip_roundoff(-1e-14) == 0.0 and info._clip_roundoff(0.25) == 0.25


@SETTINGS
@given(
    st.integers(0, 40), st.integers(0, 40), st.floats(0.2, 10), st.floats(0.2, 10), st.floats(-3, 3), st.floats(0.05, 2)
)
def test_elbo_never_exceeds_the_log_evidence(heads, tails, a, b, mean, sd):
    post = bayes.coin_grid_posterior(heads, tails, a, b)  # exact posterior over the bias theta, on a grid
    centre = float(np.clip(0.5 + 0.15 * mean, 0.05, 0.95))
    lower = vi.elbo(post, centre, 0.02 + 0.1 * sd)
    assert lower <= post.log_evidence + 1e-9
    if a >= 1 and b >= 1:  # a bounded density: the grid's evidence matches the closed form (a, b < 1 have poles)
        assert post.log_evidence == pytest.approx(bayes.log_evidence_coin(heads, tails, a, b), abs=1e-3)


@SETTINGS
@given(st.integers(1, 4), st.floats(-2, 2), st.floats(-1, 1), st.floats(0.1, 3), st.integers(0, 50))
def test_latent_model_elbo_gap_is_the_posterior_kl(latent_dim, x_shift, q_shift, q_scale, seed):
    model = marginal.linear_gaussian(latent_dim, data_dim=3, seed=seed)
    x = np.full(3, x_shift)
    exact = marginal.marginal_likelihood_exact(model, x)
    mean, cov = marginal.posterior_moments(model, x)
    q_mean, q_cov = mean + q_shift, cov * q_scale
    lower = marginal.elbo(model, x, q_mean, q_cov)
    assert lower <= exact + 1e-9
    assert exact - lower == pytest.approx(info.kl_gaussians(q_mean, q_cov, mean, cov, base=math.e), abs=1e-6)


@pytest.mark.parametrize("name", datasets.CLASSIFICATION_PRESETS)
@pytest.mark.parametrize("model", ["naive_bayes", "qda", "gmm"])
def test_generative_classifier_probabilities_are_probabilities_everywhere(name, model):
    X, y = datasets.classification_2d(name, n=200, seed=1)
    fitted = classifiers.fit_generative(X, y, model, n_components=2, seed=0)
    far = np.array([[0.0, 0.0], [50.0, -50.0], [1e4, 1e4], [-1e6, 3.0]])
    proba = fitted.predict_proba(np.vstack([X[:20], far]))
    assert np.all((proba >= 0) & (proba <= 1)) and np.allclose(proba.sum(axis=1), 1)
    log_px = fitted.score_samples(X)
    assert np.all(np.isfinite(log_px))


@SETTINGS
@given(st.integers(0, 6), st.floats(0.1, 3), st.integers(0, 1000))
def test_next_character_distributions_sum_to_one(context, temperature, seed):
    text = ar_text.prepare_text("the cat sat on the mat and the dog sat on the log " * 4).text
    model = ar_text.CharNGram(context=context).fit(text)
    gen = ar_text.generate(model, 12, prompt="the ", temperature=temperature, seed=seed)
    assert np.all(gen.probs >= 0) and np.allclose(gen.probs.sum(axis=1), 1)
    assert np.all(gen.entropy_bits >= -1e-12) and np.all(np.isfinite(gen.surprise_bits))


@SETTINGS
@given(st.text(max_size=50))
def test_typed_flips_are_parsed_or_refused_with_value_error(text):
    try:
        parsed = bayes.parse_flips(text)
    except ValueError:
        return
    assert set(np.unique(parsed.flips).tolist()) <= {0, 1}
