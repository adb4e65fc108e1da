"""The maths of "Latent variables", on its scenes: PPCA generates, rebuilds, groups and compresses digits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes import latent_variables as lv


@pytest.mark.parametrize("k", [1, 2, 5, 8])
def test_generator_counts_its_parameters(k):
    gen = lv.generator(k)
    assert gen.k == k and gen.pixels == 64
    assert gen.n_parameters == 64 * k + 64 + 1 - k * (k - 1) // 2  # mu, W minus rotations, sigma^2
    assert gen.traversal.shape == (k, len(lv.TRAVERSAL), 8, 8)


def test_more_latents_leave_less_noise():
    noise = [lv.generator(k).noise_sd for k in (1, 2, 5, 8)]
    assert all(0 < b < a for a, b in zip(noise, noise[1:], strict=False))


def test_traversal_moves_one_latent_and_its_middle_column_is_the_mean_digit():
    gen = lv.generator(3)
    middle = lv.TRAVERSAL.index(0.0)
    mean = lv.generated(3, (0.0, 0.0, 0.0)).image
    for j in range(3):
        assert np.allclose(gen.traversal[j, middle], mean)
        z = [0.0, 0.0, 0.0]
        z[j] = lv.TRAVERSAL[-1]
        assert np.allclose(gen.traversal[j, -1], lv.generated(3, tuple(z)).image)
    assert np.abs(gen.traversal[0, 0] - gen.traversal[0, -1]).max() > 0.1


def test_generated_digit_is_linear_in_z():
    a, b = lv.generated(2, (1.0, -1.0)).image, lv.generated(2, (-1.0, 1.0)).image
    assert np.allclose((a + b) / 2, lv.generated(2, (0.0, 0.0)).image)
    with pytest.raises(ValueError):
        lv.generated(2, (1.0, 2.0, 3.0))


def test_draw_z_is_standard_normal_rounded_and_clipped():
    draws = np.array([lv.draw_z(5, d) for d in range(1, 200)])
    assert draws.shape == (199, 5)
    assert np.all(np.abs(draws) <= lv.Z_RANGE) and np.allclose(draws, np.round(draws, 1))
    assert abs(draws.mean()) < 0.1 and 0.85 < draws.std() < 1.15
    assert lv.draw_z(5, 7) == lv.draw_z(5, 7) != lv.draw_z(5, 8)


def test_reconstruction_improves_with_k():
    rec8, rec30 = lv.reconstruction(8), lv.reconstruction(30)
    assert 50 < rec8.rebuilt_percent < 90 and rec30.rebuilt_percent > rec8.rebuilt_percent
    assert rec30.rms_at_k < rec8.rms_at_k
    assert rec8.pairs.shape == (2, lv.SHOWN_DIGITS, 8, 8)
    assert np.abs(rec30.pairs[1] - rec30.pairs[0]).mean() < np.abs(rec8.pairs[1] - rec8.pairs[0]).mean()
    assert rec8.ks.tolist() == list(range(lv.MAX_K_REBUILT + 1)) and rec8.explained[0] == pytest.approx(0)
    assert np.all(np.diff(rec8.explained) > 0)
    assert rec8.explained_at_k == rec8.explained[8] and rec8.rms_at_k == pytest.approx(math.sqrt(rec8.mse[8]))
    assert list(rec8.table.columns) == ["k", "held_out_variance_rebuilt", "mse_per_pixel"]
    with pytest.raises(ValueError):
        lv.reconstruction(lv.MAX_K_REBUILT + 1)


def test_latent_space_groups_digits_without_labels():
    space = lv.latent_space(tuple(range(10)))
    assert space.Z.shape == (450, 2) and set(space.labels) == set(range(10))
    assert space.agreement_percent > 50 and space.chance_percent == pytest.approx(10)
    assert space.reach >= np.abs(space.Z).max()
    assert len(space.table) == 450 and list(space.table.columns) == ["z1", "z2", "digit"]


def test_showing_fewer_digits_keeps_the_window():
    everything, two = lv.latent_space(tuple(range(10))), lv.latent_space((0, 1))
    assert set(two.labels) == {0, 1} and len(two.Z) < len(everything.Z)
    assert two.reach == everything.reach and two.agreement == everything.agreement


def test_ppca_agrees_with_sklearn_and_reduces_complexity():
    cx = lv.complexity(10)
    assert cx.sklearn_gap < 1e-8
    assert cx.full_bits < cx.standardised_bits < cx.diag_bits < cx.uniform == pytest.approx(math.log2(17))
    assert (cx.diag_parameters, cx.full_parameters) == (128, 64 + 64 * 65 // 2)
    assert cx.standardised_parameters == 64 * 10 + 64 + 1 - 45 + 64  # plus one scale per pixel
    more = lv.complexity(40)
    assert more.standardised_bits < cx.standardised_bits and more.sklearn_gap < 1e-8


def test_complexity_table_holds_both_ppca_curves_and_the_baselines():
    table = lv.complexity(1).table
    curves = table[table["k"].notna()]
    assert set(curves["model"]) == {"PPCA", lv.STANDARDISED}
    assert len(curves) == 2 * lv.MAX_K
    assert sorted(table.loc[table["k"].isna(), "model"]) == ["full-covariance Gaussian", "independent pixels"]
    # standardised PPCA with k = 1 already beats independent pixels (the page's "what to notice")
    assert lv.complexity(1).standardised_bits < lv.complexity(1).diag_bits


def test_the_quiz_numbers_are_the_parameter_counts():
    """The quiz quotes 660 parameters (k = 10) against 2,144 (full Gaussian), 640 numbers in W, 45 rotations."""
    from core import latent
    from lecture import latent_variables as text

    quiz = text.TEXT.quizzes[0]
    assert "k = 10" in quiz.question
    k10, full = latent.ppca_n_parameters(64, 10), 64 + 64 * 65 // 2
    assert f"{k10} against {full:,}" in quiz.explain and f"W has {64 * 10} numbers (minus {10 * 9 // 2}" in quiz.explain
    assert 0.25 < k10 / full < 0.4  # "about a third"
    assert len(quiz.feedback) == len(quiz.options)


def test_first_k_that_beats_independent_pixels():
    cx = lv.complexity(10)
    table = cx.table
    for name, first in ((lv.STANDARDISED, cx.standardised_k), ("PPCA", cx.plain_k)):
        curve = table[table["model"] == name].set_index("k")["bits"]
        assert curve.loc[first] < cx.diag_bits
        assert all(curve.loc[k] >= cx.diag_bits for k in range(1, first))
    assert cx.standardised_k == 1 and cx.plain_k > 10


def test_sentences_quote_the_panels():
    from lecture import latent_variables as text

    rec, space, cx = lv.reconstruction(8), lv.latent_space(tuple(range(10))), lv.complexity(10)
    filled = [s.format(**v.values) for s, v in zip(text.NOTICE_TAB, (rec, space, cx), strict=True)]
    assert f"keep {rec.rebuilt_percent:.0f}%" in filled[0]
    assert f"for {space.agreement_percent:.0f}% of held-out digits" in filled[1]
    assert f"scores {cx.standardised_bits:.2f} bits per pixel" in filled[2] and "2,144" in filled[2]
    assert lv.training_size() == 1347
    where = text.WHERE.format(pixels=lv.PIXELS, n_train=lv.training_size())
    assert "fitted to 1,347 digits" in where and r"\mathcal{N}(0, I_k)" in where
