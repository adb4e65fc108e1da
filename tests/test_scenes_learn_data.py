"""The maths of the "learn data" page, on its scene functions (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pytest

from core import density
from scenes import learn_data as learn

BIMODAL = ("preset", "bimodal", 200, 0)
RINGS = ("preset", "rings", 200, 0)
PASTED_1D = ("paste", ", ".join(str(v / 7) for v in range(40)), 1, 0)
ROWS_2D = [(v / 7, (v * 3) % 5) for v in range(40)]


def _truth_draws(name: str, n: int = 200, seed: int = 0):
    p = density.true_distribution(name)
    return p, p.sample(n, seed), p.sample(learn.N_TEST, seed + learn.TEST_SEED_OFFSET)


# ----------------------------------------------------------------------------------------------- the picture


def test_1d_picture_draws_model_and_truth_on_the_same_grid():
    view = learn.picture(BIMODAL, "kde", 0.3, 0.0, 200, 1)
    p, X_train, _ = _truth_draws("bimodal")
    assert view.dims == 1 and view.n_train == 200 and view.truth == "bimodal"
    assert view.xs.shape == view.q.shape == view.p.shape == (learn.GRID_1D,)
    assert (view.xs[0], view.xs[-1]) == p.extent
    np.testing.assert_allclose(view.p, np.exp(p.score_samples(view.xs[:, None])))
    np.testing.assert_array_equal(view.X_train, X_train)
    assert np.trapezoid(view.q, view.xs) == pytest.approx(1.0, abs=0.02)  # a density: area 1 (tails cut)
    assert list(view.table.columns) == ["x", "q", "p"] and len(view.table) == learn.GRID_1D


def test_new_samples_come_from_the_fit_and_follow_the_seed():
    a = learn.picture(BIMODAL, "gmm", 4, 0.0, 300, 1)
    b = learn.picture(BIMODAL, "gmm", 4, 0.0, 300, 1)
    c = learn.picture(BIMODAL, "gmm", 4, 0.0, 300, 2)
    assert a.samples.shape == (300, 1)
    np.testing.assert_array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, c.samples)
    assert abs(a.samples.mean() - a.X_train.mean()) < 0.4  # the fit's draws land where the data are
    assert learn.picture(BIMODAL, "gmm", 4, 0.0, 0, 1).samples is None


def test_2d_picture_is_a_grid_over_the_extent_and_exports_the_points():
    view = learn.picture(RINGS, "histogram", 20, 0.1, 0, 1)
    p = density.true_distribution("rings")
    assert view.dims == 2 and view.xs.size == 0
    assert view.q.shape == view.p.shape == (learn.GRID_2D, learn.GRID_2D)
    assert view.extent == p.extent
    x0, x1, y0, y1 = p.extent
    cell = (x1 - x0) * (y1 - y0) / learn.GRID_2D**2
    assert 0.9 < float(view.q.sum() * cell) <= 1.0  # a density: mass 1, a little of it outside the picture
    assert list(view.table.columns) == ["x1", "x2", "kind"] and len(view.table) == 200  # no samples asked for


# ----------------------------------------------------------------------------------------------- the probe


def test_probe_is_the_fit_and_the_truth_at_that_point():
    at = learn.probe(BIMODAL, "kde", 0.3, 0.0, 0.5, 9.0)  # 1-D: x2 is ignored
    p, X_train, _ = _truth_draws("bimodal")
    q = density.fit_density(X_train, "kde", 0.3, bounds=p.support)
    assert at.point == (0.5,)
    assert at.q == density.point_likelihood(q, 0.5)
    assert at.p == density.point_likelihood(p, 0.5)
    assert at.q.surprisal_bits == pytest.approx(-np.log2(at.q.density))


def test_probe_in_2d_and_on_the_students_data():
    assert learn.probe(RINGS, "kde", 0.3, 0.0, 1.0, -0.5).point == (1.0, -0.5)
    mine = learn.probe(PASTED_1D, "kde", 0.3, 0.0, 0.0, 0.0)
    assert mine.p is None and mine.q.density > 0


def test_empty_histogram_bin_is_impossible():
    at = learn.probe(BIMODAL, "histogram", 200, 0.0, 5.9, 0.0)  # far right: no training point there
    assert at.q.density == 0 and at.q.surprisal_bits == np.inf


# ----------------------------------------------------------------------------------------------- overfitting


@pytest.mark.parametrize(
    ("source", "method", "value", "alpha"),
    [(BIMODAL, "kde", 0.3, 0.0), (RINGS, "histogram", 150, 1.0), (BIMODAL, "gmm", 4, 0.0)],
)
def test_curve_is_the_held_out_likelihood_of_each_fit(source, method, value, alpha):
    """The numbers the page shows equal a fit computed here from the same draws (n = 200, seed 0)."""
    curve = learn.overfitting(source, method, alpha)
    p, X_train, X_test = _truth_draws(source[1])
    q = density.fit_density(X_train, method, value, bounds=p.support, alpha=alpha)
    point = curve.at(value)
    assert point.test == density.average_log_likelihood(q, X_test)
    assert point.train == density.average_log_likelihood(q, X_train)
    assert curve.ceiling == density.average_log_likelihood(p, X_test)
    assert curve.n_test == learn.N_TEST and curve.knob == learn.KNOB[method]
    np.testing.assert_array_equal(curve.values, density.default_values(method))


def test_truth_is_the_ceiling_and_training_points_flatter_the_fit():
    curve = learn.overfitting(BIMODAL, "kde", 0.0)
    assert curve.ceiling > curve.test.max()
    assert curve.train[0] > curve.test[0] + 2  # the tiniest bandwidth memorises
    assert curve.best_value == pytest.approx(0.3)
    assert curve.entropy == pytest.approx(-curve.ceiling, abs=0.1)  # E_p[log2 p] = -h(p)
    assert 0 < curve.entropy_se < 0.01
    assert curve.log_x and not learn.overfitting(BIMODAL, "gmm", 0.0).log_x


def test_at_takes_the_nearest_knob_value():
    curve = learn.overfitting(BIMODAL, "kde", 0.0)
    i = list(curve.values).index(0.3)
    assert curve.at(0.29).test == curve.test[i] == curve.at(0.3).test


def test_pure_maximum_likelihood_histogram_calls_held_out_points_impossible():
    curve = learn.overfitting(BIMODAL, "histogram", 0.0)
    point = curve.at(200)
    assert point.impossible and point.test == -np.inf and not point.above_truth
    assert curve.off_axis
    assert not learn.overfitting(BIMODAL, "histogram", 0.1).at(200).impossible


def test_axis_floor_keeps_the_interesting_part_of_the_curve():
    assert learn.axis_floor(np.array([-1.0, 0.0]), np.array([-2.0, -1.5]), None) == -6.0  # 4 bits below -1.5 at least
    assert learn.axis_floor(np.array([5.0]), np.array([-1.0]), -0.5) == pytest.approx(-0.5 - 3 * 5.5)
    assert learn.axis_floor(np.array([-1.0]), np.array([-np.inf]), None) == -np.inf
    curve = learn.overfitting(BIMODAL, "kde", 0.0)
    assert curve.floor == learn.axis_floor(curve.train, curve.test, curve.ceiling)


def test_mixture_sweep_stops_at_the_number_of_training_points():
    few = ("paste", " ".join(str(v) for v in range(12)), 1, 0)  # 12 points -> 8 for training
    assert learn.overfitting(few, "gmm", 0.0).values.tolist() == list(range(1, 9))


# ----------------------------------------------------------------------------------------------- the student's data


def test_pasted_numbers_are_standardised_and_split():
    view = learn.picture(PASTED_1D, "kde", 0.3, 0.0, 0, 1)
    curve = learn.overfitting(PASTED_1D, "kde", 0.0)
    assert view.truth is None and curve.ceiling is None and curve.entropy is None
    assert view.n_train + curve.n_test == 40 and curve.n_test == round(learn.HELD_OUT * 40)
    X = np.r_[view.X_train, learn._data(PASTED_1D, None).X_test]
    assert X.mean() == pytest.approx(0.0, abs=1e-12) and X.std() == pytest.approx(1.0)
    assert view.xs[0] < X.min() and view.xs[-1] > X.max()


def test_csv_bytes_give_the_same_data_as_the_same_numbers_pasted():
    raw = ("a,b\n" + "\n".join(f"{a},{b}" for a, b in ROWS_2D)).encode()
    pasted = ("paste", "\n".join(f"{a} {b}" for a, b in ROWS_2D), 2, 3)
    from_csv = learn.picture(("csv", "digest", 2, 3), "kde", 0.3, 0.0, 0, 1, _raw=raw)
    np.testing.assert_array_equal(from_csv.X_train, learn.picture(pasted, "kde", 0.3, 0.0, 0, 1).X_train)
    one_column = learn.picture(("csv", "digest", 1, 3), "kde", 0.3, 0.0, 0, 1, _raw=raw)
    assert one_column.dims == 1


@pytest.mark.parametrize(
    ("source", "method", "value", "message"),
    [
        (("paste", "5 " * 20, 1, 0), "kde", 0.3, "same"),
        (("paste", "1, 2, 3, four, 5, 6, 7, 8, 9, 10, 11", 1, 0), "kde", 0.3, "'four' is not a number"),
        (("paste", "1 2 3", 1, 0), "kde", 0.3, "at least 10"),
        (("paste", " ".join(str(v) for v in range(12)), 1, 0), "gmm", 10, "lower k"),
        (("csv", "digest", 2, 0), "kde", 0.3, "empty"),
    ],
)
def test_unusable_data_give_a_clear_message(source, method, value, message):
    with pytest.raises(ValueError, match=message):
        learn.picture(source, method, value, 0.0, 0, 1)


def test_controls_offer_the_swept_values_and_the_examples_parse():
    assert learn.KNOB_VALUES["kde"] == tuple(density.default_values("kde").tolist())
    assert learn.PRESET_DIMS == {"bimodal": 1, "skewed": 1, "peaked": 1, "mixture": 2, "rings": 2, "banana": 2}
    assert learn.picture(("paste", learn.EXAMPLE_1D, 1, 0), "kde", 0.3, 0.0, 0, 1).n_train == 42
    assert learn.picture(("paste", learn.EXAMPLE_2D, 2, 0), "kde", 0.3, 0.0, 0, 1).dims == 2


# ----------------------------------------------------------------------------------------------- what the text claims


def test_kernel_density_is_not_a_maximum_likelihood_fit():
    """Item 8: without held-out points the likelihood always prefers a smaller bandwidth, so ML would pick h -> 0.

    Reference: each training point scores at least its own bump, q(x_i) >= 1 / (n h sqrt(2 pi)) in 1-D, a bound
    that grows without limit as h shrinks; and the kernel density computed here with scipy equals the page's.
    """
    from scipy import stats
    from scipy.special import logsumexp

    curve = learn.overfitting(BIMODAL, "kde", 0.0)
    assert np.all(np.diff(curve.values) > 0) and np.all(np.diff(curve.train) < 0)  # smaller h, higher likelihood
    _, X_train, _ = _truth_draws("bimodal")
    n = len(X_train)
    for h in (1.0, 0.1, 1e-2, 1e-4):
        own = density.average_log_likelihood(density.fit_density(X_train, "kde", h), X_train)
        by_hand = logsumexp(stats.norm.logpdf(X_train, X_train.T, h), axis=1) - np.log(n)
        assert own == pytest.approx(np.mean(by_hand) / np.log(2), rel=1e-9)
        assert own >= -np.log2(n * h * np.sqrt(2 * np.pi)) - 1e-9
    spikes = density.average_log_likelihood(density.fit_density(X_train, "kde", 1e-4), X_train)
    assert spikes > curve.ceiling + 6  # "beats" the truth by 6 bits per point: memorised, not learned
    assert curve.best_value > curve.values[0]  # held-out points do not want the smallest h


def test_stretching_the_data_shifts_every_log_likelihood_by_d_log2_s():
    """Item 11: a d-dimensional density stretched by s is divided by s^d: log-likelihoods drop by d log2 s bits."""
    X = density.true_distribution("mixture").sample(300, seed=0)
    s = 3.0
    for d, data in ((1, X[:, :1]), (2, X)):
        plain = density.average_log_likelihood(density.fit_density(data, "kde", 0.3), data)
        stretched = density.average_log_likelihood(density.fit_density(s * data, "kde", 0.3 * s), s * data)
        assert plain - stretched == pytest.approx(d * np.log2(s), rel=1e-9)


def test_below_truth_and_the_2d_export():
    curve = learn.overfitting(BIMODAL, "kde", 0.0)
    assert curve.below_truth == bool(np.all(curve.test < curve.ceiling))
    assert not learn.overfitting(PASTED_1D, "kde", 0.0).below_truth  # no truth, nothing to be below
    view = learn.picture(RINGS, "kde", 0.3, 0.0, 50, 1)
    assert view.table["kind"].value_counts().to_dict() == {"training point": 200, "new sample from q": 50}
