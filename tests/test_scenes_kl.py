"""The KL page's maths, on its scenes: asymmetry and infinity, Gaussians in closed form and by Monte Carlo,
forward KL covering both modes and reverse KL seeking one."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from scenes import kl as scene


def kl_normal_bits(mp: float, sp: float, mq: float, sq: float) -> float:
    """Textbook closed form for 1-D Gaussians, written out independently of core.info."""
    nats = math.log(sq / sp) + (sp**2 + (mp - mq) ** 2) / (2 * sq**2) - 0.5
    return nats / math.log(2)


def test_two_dice_are_asymmetric_against_scipy():
    view = scene.asymmetry("Two different dice", 0.0)
    _, p, q = scene.PAIRS["Two different dice"]
    assert view.kl_pq == pytest.approx(stats.entropy(p, q, base=2), abs=1e-12)
    assert view.kl_qp == pytest.approx(stats.entropy(q, p, base=2), abs=1e-12)
    assert abs(view.kl_pq - view.kl_qp) > 0.05
    assert view.terms_pq.sum() == pytest.approx(view.kl_pq) and view.terms_qp.sum() == pytest.approx(view.kl_qp)
    assert view.h_pq == pytest.approx(view.h_p + view.kl_pq)
    assert view.zero == ()


def test_q_missing_an_outcome_is_infinite_one_way_only():
    view = scene.asymmetry("q misses an outcome", 0.0)
    assert math.isinf(view.kl_pq) and view.zero == ("rain",)
    assert view.kl_qp == pytest.approx(stats.entropy([0.6, 0.4, 0], [0.5, 0.3, 0.2], base=2), abs=1e-12)
    assert math.isinf(view.terms_pq[2]) and view.terms_qp[2] == 0.0
    moved = scene.asymmetry("q misses an outcome", 0.2)  # a little of p mixed into q: finite again
    assert math.isfinite(moved.kl_pq) and moved.zero == ()
    assert moved.q == pytest.approx(0.8 * np.array([0.6, 0.4, 0.0]) + 0.2 * np.array([0.5, 0.3, 0.2]))


@pytest.mark.parametrize("pair", list(scene.PAIRS))
def test_moving_q_all_the_way_to_p_makes_both_divergences_zero(pair):
    view = scene.asymmetry(pair, 1.0)
    assert view.kl_pq == 0.0 and view.kl_qp == 0.0
    kls = [scene.asymmetry(pair, t).kl_qp for t in (0.0, 0.3, 0.6, 0.9)]
    assert kls == sorted(kls, reverse=True)  # the closer q is to p, the smaller the divergence


@pytest.mark.parametrize(("mp", "sp", "mq", "sq"), [(0, 1, 1, 2), (0, 1, -1.5, 2), (1, 0.5, -2, 3)])
def test_gaussian_closed_forms_both_ways(mp, sp, mq, sq):
    dens = scene.densities(mp, sp, mq, sq)
    assert dens.kl_pq == pytest.approx(kl_normal_bits(mp, sp, mq, sq), abs=1e-12)
    assert dens.kl_qp == pytest.approx(kl_normal_bits(mq, sq, mp, sp), abs=1e-12)
    assert integrate.trapezoid(dens.pdf_p, dens.x) == pytest.approx(1.0, abs=1e-3)  # the grid covers both
    assert integrate.trapezoid(dens.pdf_q, dens.x) == pytest.approx(1.0, abs=1e-3)
    assert dens.pdf_p == pytest.approx(stats.norm.pdf(dens.x, mp, sp))


def test_monte_carlo_estimates_close_in_on_the_closed_form():
    small = scene.monte_carlo(0.0, 1.0, -1.5, 2.0, 100, 0)
    large = scene.monte_carlo(0.0, 1.0, -1.5, 2.0, 10000, 0)
    exact = kl_normal_bits(0, 1, -1.5, 2)
    assert small.exact == pytest.approx(exact) and large.exact == pytest.approx(exact)
    assert abs(large.estimate - exact) < 4 * large.se + 1e-3
    assert large.se < small.se / 5
    assert small.estimates.tolist() == large.estimates.tolist()  # every size is drawn; n only picks one
    assert large.estimate == large.estimates[scene.SAMPLE_SIZES.index(10000)]
    assert small.ses[-1] < small.ses[0] / 5  # error bars shrink like 1/√n (1000 times the samples)


def test_forward_covers_and_reverse_seeks():
    fits = scene.mode_fits(5.0, 0.65)
    # mixture 0.65 N(-2.5, 0.8²) + 0.35 N(2.5, 0.8²): moments by hand
    mean = 0.65 * -2.5 + 0.35 * 2.5
    var = 0.65 * (0.64 + 6.25) + 0.35 * (0.64 + 6.25) - mean**2
    assert fits.mu_f == pytest.approx(mean, abs=1e-9) and fits.sd_f == pytest.approx(math.sqrt(var), abs=1e-9)
    assert fits.mu_r == pytest.approx(-2.5, abs=0.05) and fits.sd_r == pytest.approx(0.8, abs=0.05)
    assert fits.fwd_at_f < fits.fwd_at_r  # each fit is best at its own divergence
    assert fits.rev_at_r < fits.rev_at_f
    assert integrate.trapezoid(fits.target, fits.x) == pytest.approx(1.0, abs=1e-3)


def test_one_mode_both_fits_agree():
    fits = scene.mode_fits(0.0, 0.65)
    assert fits.mu_f == pytest.approx(fits.mu_r, abs=0.02) and fits.sd_f == pytest.approx(fits.sd_r, abs=0.02)
    assert fits.fwd_at_f == pytest.approx(0.0, abs=1e-6)


def test_notice_of_the_default_pair_names_its_largest_term():
    view = scene.asymmetry("Two different dice", 0.0)
    first, largest, move = scene.asymmetry_notice(view, 0.0)
    assert view.largest == 5 and view.terms_pq[5] == pytest.approx(0.5 * math.log2(5))
    assert f"KL(p‖q) = {view.kl_pq:.3f} bits but KL(q‖p) = {view.kl_qp:.3f} bits" in first
    assert "p·log₂(p/q) = +1.16 bits" in largest and "t = 0.00" in move
    infinite = scene.asymmetry_notice(scene.asymmetry("q misses an outcome", 0.0), 0.0)
    assert "KL(p‖q) = ∞ bits" in infinite[0] and "outcome rain: p(rain) = 0.20 while q(rain) = 0.00" in infinite[1]
    same = scene.asymmetry("Two different dice", 1.0)
    assert same.same and scene.asymmetry_notice(same, 1.0)[0].startswith("At t = 1 the model q is p itself")


def test_fit_window_stays_put_and_the_notice_follows_the_fit():
    assert scene.mode_fits(0.0, 0.65).x.tolist() == scene.mode_fits(8.0, 0.65).x.tolist()
    apart, together = scene.mode_fits(5.0, 0.65), scene.mode_fits(1.0, 0.65)
    assert apart.seeks and not together.seeks
    assert "sits on the left mode" in scene.fit_notice(apart)[1]
    assert "sits on the right mode" in scene.fit_notice(scene.mode_fits(5.0, 0.2))[1]
    assert "blur into one bump" in scene.fit_notice(together)[1]
    assert f"mean {apart.mu_f:.2f} and standard deviation {apart.sd_f:.2f}" in scene.fit_notice(apart)[0]
