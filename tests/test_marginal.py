"""core.marginal: exact log p(x), Monte Carlo and importance-sampling estimates, and the ELBO."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.stats import multivariate_normal, norm

from core import marginal as M


def gauss_kl(m0, S0, m1, S1):
    """KL(N(m0, S0) || N(m1, S1)) in nats, written out here independently of core."""
    m0, m1 = np.atleast_1d(m0), np.atleast_1d(m1)
    S0, S1 = np.atleast_2d(S0), np.atleast_2d(S1)
    inv = np.linalg.inv(S1)
    d = m1 - m0
    return 0.5 * (np.trace(inv @ S0) + d @ inv @ d - m0.size + np.log(np.linalg.det(S1) / np.linalg.det(S0)))


def quad_log_marginal(model, x):
    """log p(x) by adaptive quadrature (scipy), around the likelihood's scale."""
    val, _ = integrate.quad(
        lambda z: math.exp(model.log_joint(x, np.array([z]))[0]),
        -12,
        12,
        limit=400,
        points=[-2, -1.4, -1, 0, 1, 1.4, 2],
        epsabs=0,
        epsrel=1e-11,
    )
    return math.log(val)


@pytest.mark.parametrize("k, d", [(1, 1), (1, 3), (3, 5), (8, 10)])
def test_linear_gaussian_exact_equals_scipy_multivariate_normal(k, d):
    model = M.linear_gaussian(k, d, noise=0.7, seed=k)
    model.b = np.linspace(-1, 1, d)
    x = np.linspace(0.5, -0.3, d)
    expected = multivariate_normal(model.b, model.W @ model.W.T + 0.49 * np.eye(d)).logpdf(x)
    assert M.marginal_likelihood_exact(model, x) == pytest.approx(expected, rel=1e-10)


def test_quadrature_agrees_with_closed_form_and_scipy_quad():
    model = M.LinearGaussian([[1.3]], b=[0.4], noise=0.6)
    for x in (-2.0, 0.0, 1.7):
        exact = M.marginal_likelihood_exact(model, x)
        assert M.log_marginal_quadrature(model, x) == pytest.approx(exact, abs=1e-9)
        assert norm(0.4, math.sqrt(1.3**2 + 0.36)).logpdf(x) == pytest.approx(exact, abs=1e-12)


@pytest.mark.parametrize("decoder", list(M.DECODERS))
@pytest.mark.parametrize("x", [-1.0, 0.5, 2.0, 4.0])
def test_nonlinear_exact_log_marginal_equals_adaptive_quadrature(decoder, x):
    model = M.Decoder1D(decoder, noise=0.3)
    assert M.marginal_likelihood_exact(model, x) == pytest.approx(quad_log_marginal(model, x), abs=1e-7)


def test_posterior_density_integrates_to_one_and_is_bimodal_for_the_square_decoder():
    model = M.Decoder1D("square", noise=0.3)
    z = np.linspace(-6, 6, 6001)
    dens = M.posterior_density(model, 2.0, z)
    assert np.trapezoid(dens, z) == pytest.approx(1.0, abs=1e-9)
    assert dens[np.argmin(abs(z - math.sqrt(2)))] == pytest.approx(dens[np.argmin(abs(z + math.sqrt(2)))])
    assert dens[np.argmin(abs(z))] < 1e-3 * dens.max()  # the mean z = 0 is itself implausible
    mean, cov = M.posterior_moments(model, 2.0)
    assert abs(mean[0]) < 1e-9 and cov[0, 0] == pytest.approx(np.trapezoid(dens * z**2, z), rel=1e-6)


@pytest.mark.parametrize("model, x", [(M.linear_gaussian(5, seed=2), None), (M.Decoder1D("square", 0.3), 2.0)])
def test_importance_sampling_converges_to_the_exact_value(model, x):
    if x is None:
        x = model.sample(1, seed=5)[0][0]
    exact = M.marginal_likelihood_exact(model, x)
    mean, cov = M.posterior_moments(model, x)
    assert M.marginal_likelihood_is(model, x, mean, 2.0 * cov, 200_000, seed=1) == pytest.approx(exact, abs=0.01)
    runs = M.estimator_runs(model, x, [100, 10_000], n_seeds=20, q_mean=mean, q_cov=2.0 * cov)
    err = np.abs(runs - exact).mean(axis=0)
    assert err[1] < err[0] / 4  # ~ 1/sqrt(S): 10x less error for 100x the samples


def test_importance_sampling_with_the_true_posterior_has_zero_variance():
    model = M.linear_gaussian(4, seed=1)
    x = model.sample(1, seed=2)[0][0]
    mean, cov = model.posterior(x)
    lw = M.log_weights(model, x, 50, seed=0, q_mean=mean, q_cov=cov)
    np.testing.assert_allclose(lw, M.marginal_likelihood_exact(model, x), atol=1e-9)


def test_monte_carlo_is_unbiased_for_p_of_x_but_biased_low_for_log_p_of_x():
    model = M.linear_gaussian(3, seed=0)
    x = model.sample(1, seed=3)[0][0]
    exact = M.marginal_likelihood_exact(model, x)
    est = M.estimator_runs(model, x, [10], n_seeds=3000, seed=0)[:, 0]
    ratio = np.exp(est - exact)  # p_hat / p
    se = ratio.std(ddof=1) / math.sqrt(ratio.size)
    assert abs(ratio.mean() - 1.0) < 4 * se  # E[p_hat] = p
    log_se = est.std(ddof=1) / math.sqrt(est.size)
    assert est.mean() < exact - 5 * log_se  # E[log p_hat] < log p (Jensen)


def test_naive_monte_carlo_collapses_as_the_latent_dimension_grows():
    errors = {}
    for k in (1, 20):
        model = M.linear_gaussian(k, seed=0)
        x = model.sample(1, seed=1)[0][0]
        est = M.estimator_runs(model, x, [1000], n_seeds=10)[:, 0]
        errors[k] = np.median(est) - M.marginal_likelihood_exact(model, x)
        lw = M.log_weights(model, x, 1000, seed=0)
        errors[f"ess{k}"] = M.effective_sample_size(lw)
    assert abs(errors[1]) < 0.05 and errors[20] < -0.5
    assert errors["ess1"] > 300 and errors["ess20"] < 30


def test_runs_are_prefixes_of_single_estimates():
    model = M.linear_gaussian(2, seed=4)
    x = model.sample(1, seed=0)[0][0]
    mean, cov = model.posterior(x)
    sizes = M.sample_sizes(500)
    runs = M.estimator_runs(model, x, sizes, n_seeds=3, seed=7)
    runs_is = M.estimator_runs(model, x, sizes, n_seeds=3, seed=7, q_mean=mean, q_cov=cov * 3)
    for r in range(3):
        for j, n in enumerate(sizes):
            assert runs[r, j] == pytest.approx(M.marginal_likelihood_mc(model, x, int(n), seed=7 + r), abs=1e-10)
            assert runs_is[r, j] == pytest.approx(
                M.marginal_likelihood_is(model, x, mean, cov * 3, int(n), seed=7 + r), abs=1e-10
            )


def test_effective_sample_size():
    assert M.effective_sample_size(np.zeros(40)) == pytest.approx(40)
    assert M.effective_sample_size(np.array([0.0, -50.0, -60.0])) == pytest.approx(1.0, abs=1e-9)
    assert M.effective_sample_size(np.log([1.0, 1.0, 2.0])) == pytest.approx(16 / 6)


# ------------------------------------------------------------------------------------------ ELBO

models_1d = st.sampled_from(
    [
        M.Decoder1D("square", 0.3),
        M.Decoder1D("tanh", 0.4),
        M.Decoder1D("linear", 0.5),
        M.LinearGaussian([[1.2]], noise=0.5),
    ]
)


@settings(max_examples=60, deadline=None)
@given(model=models_1d, x=st.floats(-2, 4), m=st.floats(-3, 3), sd=st.floats(0.05, 3))
def test_elbo_never_exceeds_log_p_and_the_gap_is_the_kl_to_the_posterior(model, x, m, sd):
    log_p = M.marginal_likelihood_exact(model, x)
    bound = M.elbo(model, x, m, sd**2)
    assert bound <= log_p + 1e-9
    assert log_p - bound == pytest.approx(M.kl_to_posterior(model, x, m, sd**2), abs=1e-6, rel=1e-6)


@settings(max_examples=30, deadline=None)
@given(k=st.integers(1, 4), seed=st.integers(0, 100), shift=st.floats(-2, 2), scale=st.floats(0.2, 3))
def test_linear_gaussian_gap_equals_an_independent_closed_form_kl(k, seed, shift, scale):
    model = M.linear_gaussian(k, seed=seed)
    x = model.sample(1, seed=seed + 1)[0][0]
    post_mean, post_cov = model.posterior(x)
    q_mean, q_cov = post_mean + shift, post_cov * scale
    gap = M.marginal_likelihood_exact(model, x) - M.elbo(model, x, q_mean, q_cov)
    assert gap >= -1e-9
    assert gap == pytest.approx(gauss_kl(q_mean, q_cov, post_mean, post_cov), rel=1e-8, abs=1e-9)


def test_elbo_equals_log_p_when_q_is_the_true_posterior():
    model = M.linear_gaussian(3, seed=0)
    x = model.sample(1, seed=1)[0][0]
    mean, cov = model.posterior(x)
    assert M.elbo(model, x, mean, cov) == pytest.approx(M.marginal_likelihood_exact(model, x), abs=1e-10)
    # the linear 1-D decoder by quadrature: posterior N(w x / (w^2 + s^2), s^2 / (w^2 + s^2)) with w = 1.5
    dec = M.Decoder1D("linear", noise=0.5)
    w, s2, x1 = 1.5, 0.25, 1.2
    assert M.elbo(dec, x1, w * x1 / (w**2 + s2), s2 / (w**2 + s2)) == pytest.approx(
        M.marginal_likelihood_exact(dec, x1), abs=1e-9
    )


def test_closed_form_elbo_matches_its_monte_carlo_definition():
    model = M.linear_gaussian(2, seed=3)
    x = model.sample(1, seed=0)[0][0]
    q_mean, q_cov = np.array([0.3, -0.2]), np.array([[0.5, 0.1], [0.1, 0.3]])
    z = np.random.default_rng(0).multivariate_normal(q_mean, q_cov, 400_000)
    mc = np.mean(model.log_joint(x, z) - multivariate_normal(q_mean, q_cov).logpdf(z))
    assert M.elbo(model, x, q_mean, q_cov) == pytest.approx(mc, abs=0.01)


@pytest.mark.parametrize("decoder", list(M.DECODERS))
@pytest.mark.parametrize("m, sd", [(0.0, 1.0), (1.3, 0.2), (-0.5, 2.5)])
def test_nonlinear_elbo_matches_scipy_quad(decoder, m, sd):
    model = M.Decoder1D(decoder, noise=0.4)
    q = norm(m, sd)
    expected, _ = integrate.quad(
        lambda z: q.pdf(z) * model.log_joint(0.7, np.array([z]))[0], m - 14 * sd, m + 14 * sd, limit=400, epsabs=1e-12
    )
    expected += 0.5 * math.log(2 * math.pi * math.e * sd**2)  # entropy of q
    assert M.elbo(model, 0.7, m, sd**2) == pytest.approx(expected, abs=1e-8)


def test_nonlinear_kl_matches_scipy_quad():
    model = M.Decoder1D("square", noise=0.3)
    log_p = quad_log_marginal(model, 2.0)
    q = norm(1.2, 0.4)

    def integrand(z):
        return q.pdf(z) * (q.logpdf(z) - (model.log_joint(2.0, np.array([z]))[0] - log_p))

    expected, _ = integrate.quad(integrand, -6, 6, limit=200)
    assert M.kl_to_posterior(model, 2.0, 1.2, 0.16) == pytest.approx(expected, abs=1e-7)


def test_optimal_gaussian_q():
    lg = M.linear_gaussian(2, seed=0)
    x = lg.sample(1, seed=0)[0][0]
    for got, want in zip(M.optimal_gaussian_q(lg, x), lg.posterior(x), strict=True):
        np.testing.assert_allclose(got, want)
    dec = M.Decoder1D("linear", noise=0.5)
    mean, cov = M.optimal_gaussian_q(dec, 1.2, init_mean=-1.0)
    assert mean[0] == pytest.approx(1.5 * 1.2 / 2.5, abs=1e-4) and cov[0, 0] == pytest.approx(0.1, rel=1e-3)
    sq = M.Decoder1D("square", noise=0.3)
    mean, cov = M.optimal_gaussian_q(sq, 2.0, init_mean=1.0, init_std=0.5)
    assert mean[0] == pytest.approx(math.sqrt(2), abs=0.05)  # settles in one of the two modes
    best = M.elbo(sq, 2.0, mean, cov)
    assert best > M.elbo(sq, 2.0, mean + 0.05, cov) and best > M.elbo(sq, 2.0, mean, cov * 1.3)
    # one mode holds half the posterior: the gap cannot close below about log 2
    assert M.marginal_likelihood_exact(sq, 2.0) - best == pytest.approx(math.log(2), abs=0.05)


def test_sample_sizes():
    assert M.sample_sizes(7).tolist() == [1, 2, 5, 7]
    assert M.sample_sizes(10_000)[-1] == 10_000


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: M.marginal_likelihood_exact(M.linear_gaussian(2), [1.0, 2.0]), "4 entries"),
        (lambda: M.marginal_likelihood_exact(M.Decoder1D(), np.nan), "finite"),
        (lambda: M.marginal_likelihood_mc(M.Decoder1D(), 1.0, 0), "n_samples"),
        (lambda: M.marginal_likelihood_is(M.Decoder1D(), 1.0, 0.0, -1.0, 10), "positive definite"),
        (lambda: M.marginal_likelihood_is(M.linear_gaussian(2), np.zeros(4), [0.0], 1.0, 10), "2 entries"),
        (lambda: M.elbo(M.Decoder1D(), 1.0, 0.0, [[1.0, 0], [0, 1.0]]), "1 x 1"),
        (lambda: M.Decoder1D("cube"), "unknown decoder"),
        (lambda: M.Decoder1D("square", noise=0.0), "noise"),
        (lambda: M.LinearGaussian([[1.0]], noise=-1), "positive"),
        (lambda: M.linear_gaussian(0), "latent_dim"),
        (lambda: M.log_weights(M.Decoder1D(), 1.0, 10, q_mean=0.0), "both"),
        (lambda: M.log_marginal_quadrature(M.linear_gaussian(2), np.zeros(4)), "one-dimensional"),
        (lambda: M.estimator_runs(M.Decoder1D(), 1.0, [0, 10]), "sizes"),
    ],
)
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
