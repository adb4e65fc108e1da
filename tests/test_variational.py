"""core.variational: ELBO, KL on the grid, Gaussian fits by reverse and forward KL."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import bayes, info
from core import variational as vi


def _post(name: str, seed: int = 0) -> tuple[object, bayes.GridPosterior]:
    model = bayes.make_model(name, seed)
    return model, bayes.grid_posterior(bayes.THETA_GRID, model.log_joint(bayes.THETA_GRID))


@pytest.fixture(scope="module")
def posts():
    return {name: _post(name) for name in bayes.MODEL_NAMES}


def _closed_form_elbo(model: bayes.GaussianMean, mean: float, sd: float) -> float:
    """ELBO of N(mean, sd^2) for the Gaussian-mean model, by hand: expected log densities + entropy."""
    s2, p2 = model.noise**2, model.prior_sd**2
    e_loglik = np.sum(-0.5 * np.log(2 * np.pi * s2) - ((model.y - mean) ** 2 + sd**2) / (2 * s2))
    e_logprior = -0.5 * np.log(2 * np.pi * p2) - ((mean - model.prior_mean) ** 2 + sd**2) / (2 * p2)
    entropy = 0.5 * np.log(2 * np.pi * np.e * sd**2)
    return float(e_loglik + e_logprior + entropy)


@pytest.mark.parametrize("mean, sd", [(0.0, 1.0), (1.3, 0.2), (-2.0, 2.0), (4.0, 2.0)])
def test_elbo_matches_the_closed_form_for_the_gaussian_model(posts, mean, sd):
    model, post = posts["gaussian"]
    # q is cut at the grid ends (|theta| = 13): at most a few 1e-6 of its mass, so a relative error of 1e-4
    assert vi.elbo(post, mean, sd) == pytest.approx(_closed_form_elbo(model, mean, sd), rel=1e-4)


def test_elbo_equals_log_evidence_when_q_is_the_gaussian_posterior(posts):
    model, post = posts["gaussian"]
    mean, sd = model.exact_posterior()
    assert vi.elbo(post, mean, sd) == pytest.approx(post.log_evidence, abs=1e-9)
    assert vi.kl_q_p(post, mean, sd) == pytest.approx(0.0, abs=1e-9)
    assert vi.elbo(post, mean + 0.1, sd) < post.log_evidence - 1e-3


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(bayes.MODEL_NAMES), mean=st.floats(-4, 4), sd=st.floats(0.1, 2))
def test_elbo_is_a_lower_bound_and_the_gap_is_kl(name, mean, sd):
    _, post = _POSTS[name]
    value = vi.elbo(post, mean, sd)
    assert value <= post.log_evidence + 1e-9
    # log p(x) = ELBO + KL(q || p), with the KL from core.info
    assert post.log_evidence - value == pytest.approx(vi.kl_q_p(post, mean, sd), abs=1e-8)


_POSTS = {name: _post(name) for name in bayes.MODEL_NAMES}


def test_kl_on_the_grid_matches_the_gaussian_closed_form(posts):
    model, post = posts["gaussian"]
    m, s = model.exact_posterior()
    for mean, sd in [(0.0, 1.0), (2.0, 0.3)]:
        reverse = info.kl_gaussians(mean, sd**2, m, s**2, base=math.e)
        forward = info.kl_gaussians(m, s**2, mean, sd**2, base=math.e)
        assert vi.kl_q_p(post, mean, sd) == pytest.approx(reverse, abs=1e-6)
        assert vi.kl_p_q(post, mean, sd) == pytest.approx(forward, abs=1e-6)


@pytest.mark.parametrize("name", bayes.MODEL_NAMES)
def test_kl_matches_core_info_on_the_cell_probabilities(posts, name):
    _, post = posts[name]
    for mean, sd in [(-1.0, 0.8), (1.5, 0.4), (0.0, 2.0)]:
        q = vi.gaussian_mass(post, mean, sd)
        assert vi.kl_q_p(post, mean, sd) == pytest.approx(info.kl_divergence(q, post.mass, base=math.e), abs=1e-9)
        expected = info.kl_divergence(post.mass, q, base=math.e)
        if np.isfinite(expected):
            assert vi.kl_p_q(post, mean, sd) == pytest.approx(expected, abs=1e-9)


def test_forward_kl_stays_finite_when_a_narrow_q_underflows_in_the_tails(posts):
    _, post = posts["two_modes"]
    q = vi.gaussian_mass(post, 1.8, 0.3)
    assert info.kl_divergence(post.mass, q, base=math.e) == math.inf  # q is exactly 0 at theta = -13 ...
    value = vi.kl_p_q(post, 1.8, 0.3)  # ... but the true KL is finite
    assert 5 < value < 100
    log_q = -0.5 * ((post.theta - 1.8) / 0.3) ** 2
    log_q -= np.log(np.sum(np.exp(log_q)))
    p = post.mass
    assert value == pytest.approx(np.sum(p * (np.log(p) - log_q)), rel=1e-9)


def test_gradients_match_finite_differences(posts):
    _, post = posts["two_modes"]
    log_p = np.log(post.mass)
    h = 1e-6
    for divergence in vi.DIVERGENCES:
        for mean, log_sd in [(-1.0, 0.0), (1.7, math.log(0.4))]:
            _, _, grad = vi._value_and_grad(post, log_p, mean, log_sd, divergence)

            def f(m, s, div=divergence):
                return vi._value_and_grad(post, log_p, m, s, div)[0]

            numeric = [
                (f(mean + h, log_sd) - f(mean - h, log_sd)) / (2 * h),
                (f(mean, log_sd + h) - f(mean, log_sd - h)) / (2 * h),
            ]
            assert grad == pytest.approx(numeric, rel=1e-5, abs=1e-6)


def test_elbo_landscape_agrees_with_elbo(posts):
    _, post = posts["logistic"]
    means, sds = np.array([-1.0, 0.5, 2.0]), np.array([0.2, 1.0])
    land = vi.elbo_landscape(post, means, sds)
    assert land.shape == (2, 3)
    for j, sd in enumerate(sds):
        for i, mean in enumerate(means):
            assert land[j, i] == pytest.approx(vi.elbo(post, mean, sd), abs=1e-9)


@pytest.mark.parametrize("name", bayes.MODEL_NAMES)
@pytest.mark.parametrize("start", [(-3.0, 0.15), (0.0, 2.5), (3.5, 1.0)])
def test_fitted_q_beats_the_starting_q(posts, name, start):
    _, post = posts[name]
    fit = vi.fit_gaussian(post, *start, divergence="reverse")
    assert fit.converged
    assert fit.elbos[-1] > fit.elbos[0] + 0.1
    assert np.all(np.diff(fit.elbos) >= -1e-9)  # every iteration improves the bound
    assert fit.elbos[-1] <= post.log_evidence + 1e-9
    assert fit.elbos[-1] == pytest.approx(vi.elbo(post, fit.mean_, fit.sd_), abs=1e-9)
    assert fit.n_iter_ < 60


def test_reverse_fit_recovers_a_gaussian_posterior(posts):
    model, post = posts["gaussian"]
    fit = vi.fit_gaussian(post, -3.0, 2.0)
    mean, sd = model.exact_posterior()
    assert (fit.mean_, fit.sd_) == pytest.approx((mean, sd), abs=1e-4)
    assert fit.objective[-1] == pytest.approx(0.0, abs=1e-7)


@pytest.mark.parametrize("name", ["logistic", "two_modes"])
@pytest.mark.parametrize("start", [(-3.0, 0.15), (2.0, 0.3)])
def test_forward_kl_fit_matches_the_posterior_mean_and_variance(posts, name, start):
    _, post = posts[name]
    fit = vi.fit_gaussian(post, *start, divergence="forward")
    assert fit.mean_ == pytest.approx(post.mean(), abs=2e-3)
    assert fit.sd_**2 == pytest.approx(post.sd() ** 2, rel=5e-3)
    assert fit.objective[-1] < fit.objective[0]


def test_reverse_fit_on_two_modes_picks_one_mode_and_forward_covers_both(posts):
    _, post = posts["two_modes"]
    d = post.density
    peaks = post.theta[np.flatnonzero((d[1:-1] > d[:-2]) & (d[1:-1] > d[2:])) + 1]
    left = vi.fit_gaussian(post, -2.0, 0.3)
    right = vi.fit_gaussian(post, 2.0, 0.3)
    assert left.mean_ == pytest.approx(peaks[0], abs=0.15) and right.mean_ == pytest.approx(peaks[1], abs=0.15)
    for fit in (left, right):
        assert fit.sd_ < 0.5 * post.sd()  # q hides inside one mode
    forward = vi.fit_gaussian(post, -2.0, 0.3, divergence="forward")
    assert peaks[0] < forward.mean_ < peaks[1] and forward.sd_ > 1.5
    # mode seeking vs mass covering: each fit wins on its own divergence
    assert vi.kl_q_p(post, right.mean_, right.sd_) < vi.kl_q_p(post, forward.mean_, forward.sd_)
    assert vi.kl_p_q(post, forward.mean_, forward.sd_) < vi.kl_p_q(post, right.mean_, right.sd_)


def test_predictive_under_q_versus_exact(posts):
    model, post = posts["gaussian"]
    mean, sd = model.exact_posterior()
    values = model.predictive(post.theta)
    assert vi.expectation_under_q(post, values, mean, sd) == pytest.approx(post.expect(values), abs=1e-9)
    cauchy, post2 = posts["two_modes"]
    fit = vi.fit_gaussian(post2, 2.0, 0.3)
    values = cauchy.predictive(post2.theta)
    # q in the right-hand mode is far more sure the next measurement is positive than the exact posterior
    assert vi.expectation_under_q(post2, values, fit.mean_, fit.sd_) > post2.expect(values) + 0.15


@pytest.mark.parametrize(
    "mean, sd, match",
    [(0.0, 0.001, "below two grid steps"), (20.0, 1.0, "outside the grid"), (float("nan"), 1.0, "must be numbers")],
)
def test_bad_q_raises(posts, mean, sd, match):
    _, post = posts["gaussian"]
    with pytest.raises(ValueError, match=match):
        vi.elbo(post, mean, sd)


def test_bad_divergence_raises(posts):
    _, post = posts["gaussian"]
    with pytest.raises(ValueError, match="divergence"):
        vi.fit_gaussian(post, 0.0, 1.0, divergence="sideways")
