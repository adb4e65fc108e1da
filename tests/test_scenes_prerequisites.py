"""Scenes of the prior / posterior / variational-inference page: the coin's posterior, q against a grid posterior."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import bayes
from scenes import prerequisites as sc
from ui.charts import NORMAL, PRESENT
from ui.charts import bayes as bayes_charts

# ----------------------------------------------------------------------------- flips


def test_read_flips_normalises_typed_text():
    assert sc.read_flips("hh t,h") == sc.Flips("HHTH")
    assert sc.read_flips("") == sc.Flips("")


def test_read_flips_names_the_bad_character():
    with pytest.raises(ValueError, match="'X'"):
        sc.read_flips("HXT")
    with pytest.raises(ValueError, match="No flips yet"):
        sc.read_flips(" , ")


def test_read_flips_cuts_a_long_sequence_and_says_so():
    flips = sc.read_flips("H" * 100_000)
    assert flips.seq == "H" * sc.MAX_FLIPS
    assert "first 1000 of 100000 flips" in flips.note


def test_simulated_flips_follow_the_bias_and_the_seed():
    assert sc.simulated_flips(20, 0.0, 1).seq == "T" * 20
    assert sc.simulated_flips(20, 1.0, 1).seq == "H" * 20
    assert sc.simulated_flips(50, 0.75, 0) == sc.simulated_flips(50, 0.75, 0)
    assert sc.simulated_flips(50, 0.5, 0) != sc.simulated_flips(50, 0.5, 1)
    expected = bayes.format_flips(bayes.simulate_flips(50, 0.75, seed=0))
    assert sc.simulated_flips(50, 0.75, 0).seq == expected


# ----------------------------------------------------------------------------- coin posterior


def test_default_coin_posterior_counts_the_simulated_flips():
    seq = sc.simulated_flips(50, 0.75, 0).seq
    heads = seq.count("H")
    view = sc.coin(seq, 1.0, 1.0, 50)
    assert (view.heads, view.tails) == (heads, 50 - heads)
    assert (view.a, view.b) == (1 + heads, 1 + 50 - heads)
    assert view.mean == pytest.approx((1 + heads) / 52)
    assert view.frequency == pytest.approx(heads / 50)
    assert view.lower < view.mean < view.upper
    assert view.log_evidence == pytest.approx(bayes.log_evidence_coin(heads, 50 - heads, 1.0, 1.0))


def test_replay_step_gives_the_posterior_after_the_first_k_flips():
    assert sc.coin("HHHT", 1.0, 1.0, 4).mean == pytest.approx(4 / 6)  # Beta(1 + 3, 1 + 1)
    first = sc.coin("HHHT", 1.0, 1.0, 1)
    assert (first.k, first.heads, first.tails, first.a, first.b) == (1, 1, 0, 2.0, 1.0)
    assert first.mean == pytest.approx(2 / 3)
    assert first.shown == "H"
    # the path covers the whole sequence whatever the step
    assert first.steps.tolist() == [0, 1, 2, 3, 4]
    assert first.means.tolist() == pytest.approx([1 / 2, 2 / 3, 3 / 4, 4 / 5, 4 / 6])
    with pytest.raises(ValueError, match="replay step"):
        sc.coin("HHHT", 1.0, 1.0, 5)


def test_prior_presets_act_like_flips_seen_before():
    assert sc.coin("HHTH", *sc.PRIOR_PRESETS["sceptical"][:2], 4).mean == pytest.approx(13 / 24)  # Beta(10+3, 10+1)
    custom = sc.coin("HHTH", 5.0, 1.0, 4)
    assert custom.mean == pytest.approx(8 / 10)  # Beta(5 + 3, 1 + 1)
    assert custom.log_evidence == pytest.approx(bayes.log_evidence_coin(3, 1, 5.0, 1.0))


def test_no_flips_means_the_posterior_is_the_prior():
    view = sc.coin("", 8.0, 2.0, 0)
    assert (view.k, view.a, view.b, view.log_evidence) == (0, 8.0, 2.0, 0.0)
    assert math.isnan(view.frequency)
    prior = view.curves[view.curves["curve"] == "prior"]["density"].to_numpy()
    posterior = view.curves[view.curves["curve"] == "posterior"]["density"].to_numpy()
    assert prior.size == sc.COIN_GRID and np.allclose(prior, posterior)


def test_coin_curves_integrate_to_one():
    view = sc.coin("HHTHHHTHTHHH", 1.0, 1.0, 12)
    for name in ("prior", "posterior"):
        density = view.curves[view.curves["curve"] == name]["density"].to_numpy()
        assert density.sum() / sc.COIN_GRID == pytest.approx(1.0, abs=1e-3)


# ----------------------------------------------------------------------------- variational inference


def test_log_evidence_splits_into_elbo_and_kl():
    view = sc.variational("two_modes", 0, -1.0, 1.0, False)
    assert view.log_evidence == pytest.approx(view.mine.elbo + view.mine.kl, abs=1e-9)
    assert view.mine.elbo < view.log_evidence
    assert (view.fitted, view.path, view.n_iter, view.dashed) == (None, None, 0, ())
    assert list(dict.fromkeys(view.curves["curve"])) == [sc.EXACT, sc.YOUR_Q]
    assert view.curves["theta"].between(*sc.WINDOW).all()


def test_q_on_the_bigger_mode_is_a_better_bound():
    start = sc.variational("two_modes", 0, -1.0, 1.0, False).mine
    moved = sc.variational("two_modes", 0, 1.9, 0.3, False).mine
    assert moved.elbo > start.elbo and moved.kl < start.kl


def test_fit_climbs_the_elbo_from_your_q():
    view = sc.variational("two_modes", 0, -1.0, 1.0, True)
    assert view.mine.elbo < view.fitted.elbo <= view.log_evidence
    assert view.n_iter == len(view.path) - 1 > 0
    assert (view.path["mean"].iloc[0], view.path["sd"].iloc[0]) == pytest.approx((-1.0, 1.0))
    assert (view.path["mean"].iloc[-1], view.path["sd"].iloc[-1]) == pytest.approx((view.fitted.mean, view.fitted.sd))
    assert view.path["elbo"].iloc[-1] == pytest.approx(view.fitted.elbo, abs=1e-9)
    assert list(dict.fromkeys(view.curves["curve"])) == [sc.EXACT, sc.YOUR_Q, sc.FITTED_Q]
    assert view.dashed == (sc.YOUR_Q,)


def test_fit_reaches_the_evidence_on_the_gaussian_posterior():
    view = sc.variational("gaussian", 0, -1.0, 1.0, True)
    assert view.fitted.elbo == pytest.approx(view.log_evidence, abs=1e-3)
    assert view.fitted.kl == pytest.approx(0.0, abs=1e-3)
    mean, sd = bayes.make_model("gaussian", 0).exact_posterior()
    assert (view.fitted.mean, view.fitted.sd) == pytest.approx((mean, sd), abs=5e-3)


def test_landscape_covers_the_slider_ranges_below_the_evidence():
    view = sc.variational("logistic", 2, 0.0, 1.0, False)
    assert view.landscape.shape == (sc.SDS.size, sc.MEANS.size)
    assert view.extent == (-4.0, 4.0, 0.1, 2.0)
    assert np.nanmax(view.landscape) <= view.log_evidence + 1e-9
    j, i = np.abs(sc.SDS - 1.0).argmin(), np.abs(sc.MEANS).argmin()
    assert view.landscape[j, i] == pytest.approx(view.mine.elbo, abs=1e-9)


def test_predictive_probabilities_are_probabilities():
    view = sc.variational("logistic", 0, 1.0, 0.5, True)
    assert view.predictive_label == "P(y=1 | x=1)"
    for p in (view.predictive, view.mine.predictive, view.fitted.predictive):
        assert 0 < p < 1


def test_data_seed_changes_the_posterior():
    assert sc.variational("two_modes", 0, 0.0, 1.0, False).log_evidence != pytest.approx(
        sc.variational("two_modes", 1, 0.0, 1.0, False).log_evidence
    )


# ----------------------------------------------------------------------------- forward vs reverse KL


def test_reverse_kl_seeks_a_mode_and_forward_kl_matches_moments():
    table = sc.kl_comparison(0, -1.0, 1.0).table.set_index("fit")
    exact, rev, fwd = table.loc["exact posterior"], table.loc["reverse KL fit"], table.loc["forward KL fit"]
    assert abs(rev["mean"]) > 1.5 and rev["sd"] < 0.5  # inside one mode
    assert fwd["mean"] == pytest.approx(exact["mean"], abs=0.01)  # moment matching
    assert fwd["sd"] == pytest.approx(exact["sd"], abs=0.01)
    assert rev["KL(q ‖ p)"] < fwd["KL(q ‖ p)"] and fwd["KL(p ‖ q)"] < rev["KL(p ‖ q)"]
    assert list(table.columns) == ["mean", "sd", "KL(q ‖ p)", "KL(p ‖ q)", "P(next y > 0)"]


def test_reverse_fit_settles_in_the_mode_it_starts_near():
    left = sc.kl_comparison(0, -1.0, 1.0).table.set_index("fit").loc["reverse KL fit", "mean"]
    right = sc.kl_comparison(0, 2.0, 1.0).table.set_index("fit").loc["reverse KL fit", "mean"]
    assert left < -1.5 and right > 1.5


def test_kl_fit_curves_show_the_posterior_and_one_fit():
    view = sc.kl_fit(0, -1.0, 1.0, "forward")
    assert list(dict.fromkeys(view.curves["curve"])) == [sc.EXACT, "forward fit"]
    assert view.dashed == ()
    row = sc.kl_comparison(0, -1.0, 1.0).table.set_index("fit").loc["forward KL fit"]
    assert (view.fitted.mean, view.fitted.kl_fwd) == pytest.approx((row["mean"], row["KL(p ‖ q)"]))


# ----------------------------------------------------------------------------- chart builders on the scenes


def test_chart_builders_size_by_style_only():
    coin = sc.coin("HHTH", 1.0, 1.0, 2)
    vi_view = sc.variational("two_modes", 0, -1.0, 1.0, True)
    for build, view in [
        (bayes_charts.coin_posterior, coin),
        (bayes_charts.coin_path, coin),
        (bayes_charts.posterior_vs_q, vi_view),
        (bayes_charts.elbo_landscape, vi_view),
        (bayes_charts.elbo_trace, vi_view),
    ]:
        normal, present = build(view, style=NORMAL), build(view, style=PRESENT)
        assert present.height > normal.height, build.__name__


# ----------------------------------------------------------------------------- reverse KL: several local optima


def _brute_force_reverse_kl(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """KL(q ‖ p) of every q = N(m, s²) on a (mean, sd) grid, written out independently of core.variational."""
    from scipy import stats

    _, post, _ = sc._target(sc.TWO_MODES, seed)
    log_p = np.log(post.density * post.step)
    means, sds = np.linspace(-4, 4, 161), np.linspace(0.1, 2.5, 121)
    kl = np.empty((sds.size, means.size))
    for j, s in enumerate(sds):
        log_q = stats.norm.logpdf(post.theta[None, :], means[:, None], s)
        log_q -= np.log(np.exp(log_q).sum(axis=1, keepdims=True))  # q on the grid cells, as on the page
        kl[j] = (np.exp(log_q) * (log_q - log_p)).sum(axis=1)
    return means, sds, kl, post.density


@pytest.mark.parametrize("seed", [0, 1])
def test_reverse_kl_fits_from_many_starts_match_a_brute_force_grid(seed):
    from scipy.ndimage import minimum_filter

    means, sds, kl, _ = _brute_force_reverse_kl(seed)
    local = kl == minimum_filter(kl, size=3, mode="constant", cval=np.inf)
    minima = [(means[i], sds[j]) for j, i in zip(*np.nonzero(local), strict=True)]
    assert len(minima) == 3  # a q in either mode and a broad q over both: several local optima
    narrow = {m for m in minima if m[1] < 1.0}
    assert len(narrow) == 2 and all(s > 1.0 for _, s in set(minima) - narrow)
    view = sc.kl_starts(seed)
    ends = list(zip(view.starts["fitted μ"], view.starts["fitted σ"], strict=True))
    # every fit ends at one of the brute-force minima (grid steps 0.05 in μ, 0.02 in σ)
    nearest = [min(minima, key=lambda m, e=e: abs(m[0] - e[0]) + abs(m[1] - e[1])) for e in ends]
    for end, m in zip(ends, nearest, strict=True):
        assert abs(end[0] - m[0]) <= 0.05 and abs(end[1] - m[1]) <= 0.03
    assert view.n_one_mode == sum(m in narrow for m in nearest)
    assert 0 < view.n_starts - view.n_one_mode < view.n_one_mode  # usually, not always, one mode
    assert view.n_starts == len(sc.START_MEANS) * len(sc.START_SDS) and view.n_optima == 3
    assert view.optima["starts"].sum() == view.n_starts
    assert len(view.dashed) == 1 and "from" in view.dashed[0]


def test_placement_names_where_the_fit_from_your_q_ends():
    assert sc.placement(0, -1.0, 1.0) == "left"
    assert sc.placement(0, 2.0, 1.0) == "right"
    assert sc.placement(0, 0.0, 1.0) == "broad"
    fit = sc.kl_fit(0, 0.0, 1.0, "reverse").fitted
    assert fit.sd > 1.0  # the broad optimum spreads over both modes


def test_mode_split_lies_in_the_dip_between_the_two_modes():
    from core import variational as vi

    _, post, _ = sc._target(sc.TWO_MODES, 0)
    cut = vi.mode_split(post)
    d = post.density
    left, right = post.theta < cut, post.theta > cut
    peak_l, peak_r = post.theta[left][np.argmax(d[left])], post.theta[right][np.argmax(d[right])]
    between = (post.theta > peak_l) & (post.theta < peak_r)
    assert d[post.theta == cut][0] == pytest.approx(d[between].min())
