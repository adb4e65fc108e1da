"""core.bayes: conjugate coin updates, grid posteriors, evidence, the one-parameter models."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from core import bayes

# ----------------------------------------------------------------------------- typed and simulated flips


def test_parse_flips_reads_heads_and_tails_ignoring_case_and_separators():
    parsed = bayes.parse_flips(" h H,t;\nh ")
    assert parsed.flips.tolist() == [1, 1, 0, 1]
    assert parsed.note is None


@pytest.mark.parametrize("text, needle", [("HXT", "'X'"), ("HH2", "'2'"), ("héllo", "'É'")])
def test_parse_flips_rejects_other_characters_naming_the_culprit(text, needle):
    with pytest.raises(ValueError, match="not a coin flip") as err:
        bayes.parse_flips(text)
    assert needle in str(err.value)
    assert "H for heads" in str(err.value)


@pytest.mark.parametrize("text", ["", "   ", ",,\n"])
def test_parse_flips_rejects_an_empty_sequence_with_an_example(text):
    with pytest.raises(ValueError, match="No flips yet.*HHTH"):
        bayes.parse_flips(text)


def test_parse_flips_caps_a_huge_sequence_and_says_so():
    parsed = bayes.parse_flips("HT" * 50_000)
    assert parsed.flips.size == bayes.MAX_FLIPS
    assert parsed.flips[:4].tolist() == [1, 0, 1, 0]
    assert "1000 of 100000" in parsed.note


def test_format_flips_inverts_parse_flips():
    text = "HHTHTTTH"
    assert bayes.format_flips(bayes.parse_flips(text).flips) == text


def test_simulate_flips_is_reproducible_and_has_the_right_frequency():
    a = bayes.simulate_flips(1000, 0.3, seed=4)
    assert np.array_equal(a, bayes.simulate_flips(1000, 0.3, seed=4))
    assert not np.array_equal(a, bayes.simulate_flips(1000, 0.3, seed=5))
    assert abs(a.mean() - 0.3) < 0.05  # binomial sd is 0.0145


@pytest.mark.parametrize("n, bias", [(10, 1.5), (10, -0.1), (-1, 0.5), (bayes.MAX_FLIPS + 1, 0.5)])
def test_simulate_flips_rejects_bad_arguments(n, bias):
    with pytest.raises(ValueError):
        bayes.simulate_flips(n, bias)


# ----------------------------------------------------------------------------- conjugate vs grid


@pytest.mark.parametrize("a, b, heads, tails", [(1, 1, 7, 3), (10, 10, 2, 9), (8, 2, 0, 5), (2.5, 1.5, 40, 22)])
def test_conjugate_posterior_equals_the_grid_posterior(a, b, heads, tails):
    grid = bayes.coin_grid_posterior(heads, tails, a, b, n_grid=4000)
    pa, pb = bayes.beta_update(a, b, heads, tails)
    exact = stats.beta.pdf(grid.theta, pa, pb)
    assert np.max(np.abs(grid.density - exact)) < 1e-3 * exact.max()
    assert grid.mean() == pytest.approx(pa / (pa + pb), abs=1e-6)
    assert grid.log_evidence == pytest.approx(bayes.log_evidence_coin(heads, tails, a, b), abs=1e-4)


@pytest.mark.parametrize("a, b, heads, tails", [(1, 1, 3, 1), (10, 10, 2, 9), (0.5, 0.5, 4, 0)])
def test_log_evidence_coin_matches_numerical_integration(a, b, heads, tails):
    value, _ = integrate.quad(lambda t: t**heads * (1 - t) ** tails * stats.beta.pdf(t, a, b), 0, 1)
    assert bayes.log_evidence_coin(heads, tails, a, b) == pytest.approx(np.log(value), rel=1e-7)


def test_evidence_of_a_sequence_is_the_product_of_predictive_probabilities():
    # p(HHT) = P(H) P(H | H) P(T | HH) with P(H | data) = posterior mean (Laplace's rule for a flat prior)
    assert np.exp(bayes.log_evidence_coin(2, 1, 1, 1)) == pytest.approx(1 / 2 * 2 / 3 * 1 / 4)


def test_posterior_path_matches_updating_one_flip_at_a_time():
    flips = bayes.simulate_flips(60, 0.7, seed=1)
    path = bayes.beta_posterior_path(flips, 2.0, 3.0)
    a, b = 2.0, 3.0
    for t, f in enumerate(flips, start=1):
        a, b = bayes.beta_update(a, b, int(f), 1 - int(f))
        assert (path.a[t], path.b[t]) == (a, b)
        assert path.mean[t] == pytest.approx(a / (a + b))
    assert np.isnan(path.frequency[0]) and path.frequency[-1] == pytest.approx(flips.mean())


def test_credible_interval_holds_95_percent_of_the_grid_posterior():
    post = bayes.coin_grid_posterior(13, 6, 1, 1, n_grid=20000)
    lo, hi = bayes.beta_credible_interval(14, 7)
    inside = post.mass[(post.theta >= lo) & (post.theta <= hi)].sum()
    assert inside == pytest.approx(0.95, abs=1e-3)
    below = post.mass[post.theta < lo].sum()
    assert below == pytest.approx(0.025, abs=1e-3)  # equal tails


def test_posterior_mean_moves_toward_the_data_frequency_as_flips_grow():
    flips = bayes.simulate_flips(1000, 0.8, seed=0)
    a, b = bayes.PRIOR_PRESETS["sceptical"][:2]
    path = bayes.beta_posterior_path(flips, a, b)
    gap = np.abs(path.mean[1:] - path.frequency[1:])
    assert gap[9] > 0.1  # after 10 flips the sceptical prior still pulls towards 1/2
    assert gap[-1] < 0.01  # after 1000 the data dominate
    width = path.upper - path.lower
    assert width[-1] < width[10] < width[0]


@settings(max_examples=60, deadline=None)
@given(a=st.floats(0.5, 50), b=st.floats(0.5, 50), pattern=st.lists(st.booleans(), min_size=1, max_size=6))
def test_repeating_the_same_data_brings_the_mean_closer_to_its_frequency(a, b, pattern):
    flips = np.array(pattern * 40, int)
    freq = flips.mean()
    path = bayes.beta_posterior_path(flips, a, b)
    # compare after whole repetitions, where the frequency is exactly the same
    ends = np.arange(1, 41) * len(pattern)
    gaps = np.abs(path.mean[ends] - freq)
    prior_gap = abs(a / (a + b) - freq)
    assert np.all(np.diff(gaps) <= 1e-12)
    assert np.all(gaps <= prior_gap + 1e-12)
    lo, hi = min(a / (a + b), freq), max(a / (a + b), freq)
    assert np.all((path.mean[ends] >= lo - 1e-12) & (path.mean[ends] <= hi + 1e-12))


def test_bad_prior_parameters_raise():
    with pytest.raises(ValueError, match="positive"):
        bayes.beta_update(0.0, 1.0, 1, 1)
    with pytest.raises(ValueError, match="positive"):
        bayes.beta_posterior_path(np.array([1, 0]), 1.0, -2.0)
    with pytest.raises(ValueError, match="0 \\(tails\\) and 1"):
        bayes.beta_posterior_path(np.array([1, 2]), 1.0, 1.0)


# ----------------------------------------------------------------------------- grid posterior


def test_grid_posterior_normalises_and_returns_the_evidence():
    theta = np.linspace(-12, 16, 2801)
    # unnormalised N(2, 1.5^2) times 7: evidence 7 * sqrt(2 pi) * 1.5
    post = bayes.grid_posterior(theta, np.log(7) - 0.5 * ((theta - 2) / 1.5) ** 2)
    assert post.log_evidence == pytest.approx(np.log(7 * np.sqrt(2 * np.pi) * 1.5), abs=1e-9)
    assert post.mass.sum() == pytest.approx(1.0)
    assert post.mean() == pytest.approx(2.0, abs=1e-9) and post.sd() == pytest.approx(1.5, abs=1e-9)


def test_grid_posterior_allows_impossible_values():
    theta = np.linspace(-1, 2, 301)
    post = bayes.grid_posterior(theta, np.where(theta >= 0, -theta, -np.inf))  # Exp(1) on theta >= 0
    assert post.density[theta < 0].max() == 0.0
    assert post.mean() == pytest.approx(1 - 2 / (np.exp(2) - 1), abs=0.01)  # mean of Exp(1) cut at 2


@pytest.mark.parametrize(
    "theta, log_joint, match",
    [
        (np.array([0.0, 1.0, 3.0]), np.zeros(3), "evenly spaced"),
        (np.linspace(0, 1, 5), np.array([0, np.nan, 0, 0, 0]), "NaN"),
        (np.linspace(0, 1, 5), np.full(5, -np.inf), "impossible"),
        (np.linspace(0, 1, 5), np.zeros(4), "same length"),
    ],
)
def test_grid_posterior_rejects_bad_input(theta, log_joint, match):
    with pytest.raises(ValueError, match=match):
        bayes.grid_posterior(theta, log_joint)


# ----------------------------------------------------------------------------- the one-parameter models


def _post(model):
    return bayes.grid_posterior(bayes.THETA_GRID, model.log_joint(bayes.THETA_GRID))


@pytest.mark.parametrize("seed", [0, 3])
def test_gaussian_model_grid_posterior_matches_its_closed_form(seed):
    model = bayes.make_model("gaussian", seed)
    post = _post(model)
    mean, sd = model.exact_posterior()
    assert post.mean() == pytest.approx(mean, abs=1e-8) and post.sd() == pytest.approx(sd, abs=1e-8)
    n = model.y.size
    cov = model.noise**2 * np.eye(n) + model.prior_sd**2 * np.ones((n, n))
    evidence = stats.multivariate_normal(np.full(n, model.prior_mean), cov).logpdf(model.y)
    assert post.log_evidence == pytest.approx(evidence, abs=1e-8)


def test_logistic_model_likelihood_and_skew():
    model = bayes.make_model("logistic", 0)
    theta = np.array([-1.0, 0.5, 2.0])
    z = np.outer(theta, model.x)
    p1 = 1 / (1 + np.exp(-z))
    manual = np.sum(np.where(model.y == 1, np.log(p1), np.log(1 - p1)), axis=1)
    assert model.log_likelihood(theta) == pytest.approx(manual)
    post = _post(model)
    skew = post.expect((post.theta - post.mean()) ** 3) / post.sd() ** 3
    assert skew > 0.1  # not Gaussian: the right tail is longer
    assert post.mass[[0, -1]].max() < 1e-8  # the grid holds all the mass


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_mode_model_has_two_separated_modes(seed):
    post = _post(bayes.make_model("two_modes", seed))
    d = post.density
    peaks = np.flatnonzero((d[1:-1] > d[:-2]) & (d[1:-1] > d[2:])) + 1
    assert len(peaks) == 2
    assert post.theta[peaks[0]] < -1 and post.theta[peaks[1]] > 1
    assert d[peaks].min() > 0.1 * d[peaks].max()  # both modes matter


def test_model_predictive_probabilities_match_their_formulas():
    theta = np.array([-2.0, 0.0, 1.5])
    cauchy = bayes.make_model("two_modes", 0)
    assert cauchy.predictive(theta) == pytest.approx(0.5 + np.arctan(theta / cauchy.scale) / np.pi)
    logistic = bayes.make_model("logistic", 0)
    assert logistic.predictive(theta) == pytest.approx(1 / (1 + np.exp(-theta)))
    gaussian = bayes.make_model("gaussian", 0)
    assert gaussian.predictive(theta) == pytest.approx(stats.norm.cdf(theta))


def test_make_model_is_seeded_and_rejects_unknown_names():
    assert np.array_equal(bayes.make_model("logistic", 5).x, bayes.make_model("logistic", 5).x)
    assert not np.array_equal(bayes.make_model("logistic", 5).x, bayes.make_model("logistic", 6).x)
    with pytest.raises(ValueError, match="unknown model"):
        bayes.make_model("banana")
