"""core.info against independent references: textbook values, scipy, sklearn, numerical integration."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import integrate, special, stats
from sklearn.metrics import log_loss

from core import info

# ---------------------------------------------------------------------------------------------- textbook values


def test_cover_thomas_example_2_1_2_four_outcomes():
    # Cover & Thomas, Example 2.1.2: P = (1/2, 1/4, 1/8, 1/8) has H = 7/4 bits
    assert info.entropy([0.5, 0.25, 0.125, 0.125]) == pytest.approx(1.75)


def test_cover_thomas_example_2_3_1_kl_is_asymmetric():
    # Cover & Thomas, Example 2.3.1 with r = 1/2, s = 1/4:
    # D(p||q) = 1 - 1/2 log2 3 = 0.2075 bits, D(q||p) = 3/4 log2 3 - 1 = 0.1887 bits
    p, q = [0.5, 0.5], [0.75, 0.25]
    assert info.kl_divergence(p, q) == pytest.approx(1 - 0.5 * math.log2(3))
    assert info.kl_divergence(q, p) == pytest.approx(0.75 * math.log2(3) - 1)
    assert info.kl_divergence(p, q) == pytest.approx(0.2075, abs=1e-4)
    assert info.kl_divergence(q, p) == pytest.approx(0.1887, abs=1e-4)


def test_fair_coin_die_and_nats():
    assert info.entropy([0.5, 0.5]) == 1.0
    assert info.entropy([1 / 6] * 6) == pytest.approx(math.log2(6))
    assert info.entropy([0.5, 0.5], base=math.e) == pytest.approx(math.log(2))
    assert info.entropy([1.0, 0.0, 0.0]) == 0.0
    assert info.max_entropy(6) == pytest.approx(math.log2(6))
    assert info.BITS_PER_NAT == pytest.approx(math.log2(math.e))


def test_binary_entropy_known_points():
    assert info.binary_entropy(0.5) == 1.0
    assert info.binary_entropy(0.0) == 0.0
    assert info.binary_entropy(0.11) == pytest.approx(-(0.11 * math.log2(0.11) + 0.89 * math.log2(0.89)))
    with pytest.raises(ValueError):
        info.binary_entropy(1.2)


def test_surprisal_in_bits_and_zero():
    np.testing.assert_allclose(info.surprisal([0.5, 0.25, 0.25, 0.0]), [1, 2, 2, np.inf])


# ---------------------------------------------------------------------------------------------- against scipy


def _random_dists(seed: int, n: int, k: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.dirichlet(np.full(k, 0.7), size=n)


@pytest.mark.parametrize("base", [2, math.e, 10])
def test_entropy_matches_scipy_on_random_distributions(base):
    P = _random_dists(1, 50, 7)
    expected = stats.entropy(P, base=base, axis=-1)
    np.testing.assert_allclose(info.entropy(P, base=base), expected, rtol=1e-12)
    assert info.entropy(P[0], base=base) == pytest.approx(expected[0])


def test_kl_matches_scipy_rel_entr_and_stats_entropy():
    P, Q = _random_dists(2, 40, 5), _random_dists(3, 40, 5)
    via_rel_entr = special.rel_entr(P, Q).sum(axis=-1) / math.log(2)
    np.testing.assert_allclose(info.kl_divergence(P, Q), via_rel_entr, rtol=1e-12)
    np.testing.assert_allclose(info.kl_divergence(P, Q), stats.entropy(P, Q, base=2, axis=-1), rtol=1e-10)


def test_cross_entropy_matches_scipy_sum():
    P, Q = _random_dists(4, 40, 6), _random_dists(5, 40, 6)
    expected = stats.entropy(P, base=2, axis=-1) + stats.entropy(P, Q, base=2, axis=-1)
    np.testing.assert_allclose(info.cross_entropy(P, Q), expected, rtol=1e-10)


def test_kl_terms_sum_to_kl_and_can_be_negative():
    p, q = [0.7, 0.2, 0.1], [0.2, 0.5, 0.3]
    terms = info.kl_terms(p, q)
    assert terms.sum() == pytest.approx(stats.entropy(p, q, base=2))
    assert (terms < 0).any()


def test_broadcasting_one_p_against_many_q():
    p = np.array([0.5, 0.3, 0.2])
    Q = _random_dists(6, 4, 3)
    np.testing.assert_allclose(info.kl_divergence(p, Q), [stats.entropy(p, q, base=2) for q in Q])


# ---------------------------------------------------------------------------------------------- conventions


def test_zero_conventions():
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(1.0)
    assert info.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0  # p(x) = 0 terms count nothing even if q(x) = 0
    assert info.kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert np.isfinite(info.entropy([0.0, 1.0]))


# ---------------------------------------------------------------------------------------------- properties

dists = (
    st.integers(min_value=1, max_value=8)
    .flatmap(lambda k: arrays(np.float64, k, elements=st.floats(0.0, 1.0)).filter(lambda a: a.sum() > 1e-3))
    .map(lambda a: a / a.sum())
)


def _pairs():
    return (
        st.integers(min_value=2, max_value=8)
        .flatmap(
            lambda k: st.tuples(
                arrays(np.float64, k, elements=st.floats(0.0, 1.0)).filter(lambda a: a.sum() > 1e-3),
                arrays(np.float64, k, elements=st.floats(1e-3, 1.0)),
            )
        )
        .map(lambda t: (t[0] / t[0].sum(), t[1] / t[1].sum()))
    )


@settings(max_examples=150, deadline=None)
@given(dists)
def test_entropy_between_zero_and_log_k(p):
    h = info.entropy(p)
    assert 0.0 <= h <= math.log2(len(p)) + 1e-9


@settings(max_examples=150, deadline=None)
@given(_pairs())
def test_gibbs_inequality_and_decomposition(pq):
    p, q = pq
    kl = info.kl_divergence(p, q)
    assert kl >= 0.0
    assert info.cross_entropy(p, q) == pytest.approx(info.entropy(p) + kl, abs=1e-9)
    assert info.kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)
    if np.abs(p - q).max() > 1e-2:  # equality only when p = q
        assert kl > 0.0


# ---------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "bad, fragment",
    [
        ([0.5, 0.6], "sum to 1"),
        ([0.3, 0.3], "sums to 0.6"),
        ([1.2, -0.2], "negative"),
        ([np.nan, 1.0], "NaN"),
        ([np.inf, 0.0], "NaN or infinity"),
        ([], "empty"),
        (0.5, "one per outcome"),
    ],
)
def test_bad_distributions_raise_actionable_errors(bad, fragment):
    with pytest.raises(ValueError, match=fragment):
        info.entropy(bad)


def test_sum_error_points_to_empirical_distribution():
    with pytest.raises(ValueError, match="divide each value by their sum"):
        info.kl_divergence([0.2, 0.2], [0.5, 0.5])


def test_mismatched_outcomes_and_bad_base():
    with pytest.raises(ValueError, match="same outcomes"):
        info.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="base"):
        info.entropy([0.5, 0.5], base=1)
    with pytest.raises(ValueError, match="base"):
        info.entropy([0.5, 0.5], base=-2)


# ---------------------------------------------------------------------------------------------- empirical


def test_empirical_distribution_counts_text_and_mapping():
    np.testing.assert_allclose(info.empirical_distribution([3, 1]), [0.75, 0.25])
    np.testing.assert_allclose(info.empirical_distribution([[1, 1], [0, 2]]), [[0.5, 0.5], [0, 1]])
    np.testing.assert_allclose(info.empirical_distribution("abba"), [0.5, 0.5])
    np.testing.assert_allclose(info.empirical_distribution("abba", alphabet="abc"), [0.5, 0.5, 0.0])
    np.testing.assert_allclose(info.empirical_distribution({"x": 1, "y": 3}), [0.25, 0.75])


@pytest.mark.parametrize(
    "bad, fragment",
    [([0, 0], "all counts are zero"), ([1, -1], "negative"), ([1, np.nan], "NaN"), ("", "empty"), ([], "at least")],
)
def test_empirical_distribution_errors(bad, fragment):
    with pytest.raises(ValueError, match=fragment):
        info.empirical_distribution(bad)


def test_empirical_distribution_unknown_symbol():
    with pytest.raises(ValueError, match="not in the alphabet"):
        info.empirical_distribution("abz", alphabet="ab")


# ---------------------------------------------------------------------------------------------- ML loss


def test_cross_entropy_loss_matches_sklearn_log_loss():
    rng = np.random.default_rng(0)
    proba = rng.dirichlet([1, 1, 1], size=30)
    y = rng.integers(0, 3, size=30)
    y[:3] = [0, 1, 2]
    assert info.cross_entropy_loss(y, proba) == pytest.approx(log_loss(y, proba, labels=[0, 1, 2]), rel=1e-9)
    assert info.cross_entropy_loss(y, proba, base=2) == pytest.approx(
        log_loss(y, proba, labels=[0, 1, 2]) / math.log(2)
    )


def test_cross_entropy_loss_errors():
    with pytest.raises(ValueError, match="labels"):
        info.cross_entropy_loss([0, 3], [[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(ValueError, match="one label per row"):
        info.cross_entropy_loss([0], [[0.5, 0.5], [0.5, 0.5]])


# ---------------------------------------------------------------------------------------------- Gaussians


@pytest.mark.parametrize("var", [0.01, 0.5, 1.0, 9.0])
def test_gaussian_entropy_matches_scipy(var):
    assert info.gaussian_entropy(var, base=math.e) == pytest.approx(stats.norm(0, math.sqrt(var)).entropy())
    assert info.gaussian_entropy(var) == pytest.approx(stats.norm(0, math.sqrt(var)).entropy() / math.log(2))


def test_gaussian_entropy_multivariate_matches_scipy():
    cov = np.array([[2.0, 0.6, 0.1], [0.6, 1.0, 0.2], [0.1, 0.2, 0.5]])
    ref = stats.multivariate_normal(np.zeros(3), cov).entropy()
    assert info.gaussian_entropy(cov, base=math.e) == pytest.approx(ref)


@pytest.mark.parametrize("mp, vp, mq, vq", [(0, 1, 0, 1), (1, 1, 0, 1), (0.5, 0.3, -1, 2.5), (2, 4, 0, 0.5)])
def test_kl_gaussians_matches_numerical_integration(mp, vp, mq, vq):
    p, q = stats.norm(mp, math.sqrt(vp)), stats.norm(mq, math.sqrt(vq))
    ref, _ = integrate.quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), -30, 30, limit=200)
    assert info.kl_gaussians(mp, vp, mq, vq, base=math.e) == pytest.approx(ref, abs=1e-7)
    assert info.kl_gaussians(mp, vp, mq, vq) == pytest.approx(ref / math.log(2), abs=1e-7)


def test_kl_gaussians_multivariate_against_scipy_monte_carlo():
    mp, cp = np.array([0.0, 1.0]), np.array([[1.0, 0.5], [0.5, 2.0]])
    mq, cq = np.array([1.0, -1.0]), np.array([[2.0, -0.3], [-0.3, 1.0]])
    p, q = stats.multivariate_normal(mp, cp), stats.multivariate_normal(mq, cq)
    x = p.rvs(size=200_000, random_state=np.random.default_rng(1))
    ratio = p.logpdf(x) - q.logpdf(x)
    se = ratio.std() / math.sqrt(len(x))
    assert info.kl_gaussians(mp, cp, mq, cq, base=math.e) == pytest.approx(ratio.mean(), abs=4 * se)


def test_kl_gaussians_validation():
    with pytest.raises(ValueError, match="positive definite"):
        info.kl_gaussians(0, 0.0, 0, 1)
    with pytest.raises(ValueError, match="positive definite"):
        info.gaussian_entropy(-1.0)
    with pytest.raises(ValueError, match="dimensional"):
        info.kl_gaussians([0, 0], np.eye(2), 0.0, 1.0)
    with pytest.raises(ValueError, match="symmetric"):
        info.kl_gaussians([0, 0], [[1, 0.5], [0, 1]], [0, 0], np.eye(2))


def test_kl_monte_carlo_agrees_with_closed_form_and_error_shrinks():
    p, q = stats.norm(1.0, 0.8), stats.norm(-0.5, 1.5)
    exact = info.kl_gaussians(1.0, 0.64, -0.5, 2.25)
    ses = []
    for n, seed in [(200, 0), (20_000, 1)]:
        x = p.rvs(size=n, random_state=np.random.default_rng(seed))
        est, se = info.kl_monte_carlo(p.logpdf, q.logpdf, x)
        assert abs(est - exact) < 4 * se
        ses.append(se)
    assert ses[1] < ses[0] / 5  # 100x the samples -> about 10x smaller error


def test_kl_monte_carlo_accepts_arrays_and_reports_inf():
    x = np.array([0.1, 0.2, 0.3])
    est, se = info.kl_monte_carlo(np.zeros(3), np.array([0.0, -np.inf, 0.0]), x)
    assert est == math.inf and se == math.inf
    est, se = info.kl_monte_carlo(np.log([0.5, 0.5]), np.log([0.25, 0.25]), x[:2], base=2)
    assert est == pytest.approx(1.0) and se == pytest.approx(0.0)


def test_kl_monte_carlo_validation():
    with pytest.raises(ValueError, match="at least 2"):
        info.kl_monte_carlo(np.zeros(1), np.zeros(1), np.zeros(1))
    with pytest.raises(ValueError, match="one value per sample"):
        info.kl_monte_carlo(np.zeros(3), np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="drawn from p"):
        info.kl_monte_carlo(np.array([0.0, -np.inf]), np.zeros(2), np.zeros(2))


# ---------------------------------------------------------------------------------------------- mixture fits

W, M, S = [0.6, 0.4], [-2.5, 2.5], [0.8, 0.8]


def _mixture_pdf(x):
    return sum(w * stats.norm(m, s).pdf(x) for w, m, s in zip(W, M, S, strict=True))


def test_mixture_logpdf_matches_scipy():
    x = np.linspace(-6, 6, 25)
    np.testing.assert_allclose(info.mixture_logpdf(x, W, M, S), np.log(_mixture_pdf(x)), rtol=1e-10)


def test_forward_fit_matches_sample_moments():
    rng = np.random.default_rng(0)
    comp = rng.choice(2, size=400_000, p=W)
    x = rng.normal(np.array(M)[comp], np.array(S)[comp])
    mu, sd = info.fit_gaussian_forward_kl(W, M, S)
    assert mu == pytest.approx(x.mean(), abs=0.01)
    assert sd == pytest.approx(x.std(), abs=0.01)


def test_kl_quadratures_match_numerical_integration():
    mu, sd = 0.3, 1.7
    q = stats.norm(mu, sd)
    fwd, _ = integrate.quad(lambda x: _mixture_pdf(x) * (np.log(_mixture_pdf(x)) - q.logpdf(x)), -15, 15)
    rev, _ = integrate.quad(lambda x: q.pdf(x) * (q.logpdf(x) - np.log(_mixture_pdf(x))), -15, 15)
    assert info.kl_mixture_to_gaussian(W, M, S, mu, sd, base=math.e) == pytest.approx(fwd, rel=1e-5)
    assert info.kl_gaussian_to_mixture(mu, sd, W, M, S, base=math.e) == pytest.approx(rev, rel=1e-5)


def test_forward_covers_modes_reverse_seeks_one():
    mu_f, sd_f = info.fit_gaussian_forward_kl(W, M, S)
    mu_r, sd_r = info.fit_gaussian_reverse_kl(W, M, S)
    assert sd_f > 2.0 and abs(mu_f) < 1.0  # spread over both modes
    assert mu_r == pytest.approx(-2.5, abs=0.1) and sd_r == pytest.approx(0.8, abs=0.1)  # on the heavy mode
    # each fit is (near) the best of a brute-force grid for its own objective
    grid = [(m, s) for m in np.linspace(-4, 4, 17) for s in np.linspace(0.4, 4, 13)]
    best_fwd = min(info.kl_mixture_to_gaussian(W, M, S, m, s) for m, s in grid)
    best_rev = min(info.kl_gaussian_to_mixture(m, s, W, M, S) for m, s in grid)
    assert info.kl_mixture_to_gaussian(W, M, S, mu_f, sd_f) <= best_fwd + 1e-9
    assert info.kl_gaussian_to_mixture(mu_r, sd_r, W, M, S) <= best_rev + 1e-9


# ---------------------------------------------------------------------------------------------- typed input


def test_parse_probabilities_reads_numbers_and_fractions_without_normalising():
    np.testing.assert_allclose(info.parse_probabilities("1/3 1/3, 1/3"), [1 / 3] * 3)
    np.testing.assert_allclose(info.parse_probabilities("0.3; 0.3"), [0.3, 0.3])  # kept as typed
    with pytest.raises(ValueError, match="sum to 1"):
        info.entropy(info.parse_probabilities("0.3; 0.3"))


@pytest.mark.parametrize(
    "bad, fragment",
    [("", "type some"), ("0.5, abc", "not a probability"), ("1/0", "not a probability"), ("nan 1", "finite")],
)
def test_parse_probabilities_errors(bad, fragment):
    with pytest.raises(ValueError, match=fragment):
        info.parse_probabilities(bad)
