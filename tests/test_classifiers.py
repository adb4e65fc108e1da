"""core.classifiers: generative models obey Bayes' rule, sample what they fitted, integrate to 1; the
discriminative ones do what their names say; the Ng & Jordan curve is reproducible and crosses."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import multivariate_normal
from sklearn.metrics import accuracy_score

from core import classifiers as C
from core.datasets import classification_2d

KINDS = tuple(C.GENERATIVE_MODELS)


@pytest.fixture(scope="module")
def moons():
    X, y = classification_2d("moons", n=300, noise=0.25, seed=3)
    return C.split_data(X, y, seed=0)


@pytest.fixture(scope="module")
def fitted(moons):
    return {k: C.fit_generative(moons.X_train, moons.y_train, k, n_components=3, seed=0) for k in KINDS}


# ------------------------------------------------------------------------------------------ Bayes' rule


@pytest.fixture(scope="module")
def imbalanced():
    X, y = classification_2d("imbalanced", n=300, noise=0.3, seed=5)
    return {k: C.fit_generative(X, y, k, n_components=2, seed=0) for k in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_posterior_is_bayes_rule_from_own_densities_and_priors(imbalanced, kind):
    """P(y|x) = p(x|y) p(y) / sum_y' p(x|y') p(y'), each p(x|y) rebuilt with scipy from the fitted parameters."""
    gen = imbalanced[kind]
    assert gen.priors_[1] < 0.25  # unequal priors, so forgetting p(y) would be caught
    pts = np.random.default_rng(1).uniform(-3, 3, size=(200, 2))
    dens = np.column_stack(
        [
            sum(
                w * multivariate_normal(m, c).pdf(pts)
                for w, m, c in zip(gen.weights_[y], gen.means_[y], gen.covariances_[y], strict=True)
            )
            for y in (0, 1)
        ]
    )
    joint = dens * gen.priors_
    np.testing.assert_allclose(gen.predict_proba(pts), joint / joint.sum(axis=1, keepdims=True), atol=1e-9)
    np.testing.assert_allclose(np.exp(gen.score_samples(pts)), joint.sum(axis=1), rtol=1e-9)


@pytest.mark.parametrize("kind", ["naive_bayes", "qda"])
def test_posterior_matches_scikit_learns_own_classifier(fitted, kind):
    gen = fitted[kind]
    pts = np.random.default_rng(2).uniform(-4, 4, size=(300, 2))
    np.testing.assert_allclose(gen.predict_proba(pts), gen.estimators_[0].predict_proba(pts), atol=1e-8)


def test_mixture_class_densities_match_gaussian_mixture(fitted):
    gen = fitted["gmm"]
    pts = np.random.default_rng(3).normal(size=(100, 2))
    for c, gm in enumerate(gen.estimators_):
        np.testing.assert_allclose(gen.class_log_density(pts)[:, c], gm.score_samples(pts), rtol=1e-9)


def test_priors_are_class_frequencies(moons, fitted):
    freq = np.bincount(moons.y_train) / len(moons.y_train)
    for gen in fitted.values():
        np.testing.assert_allclose(gen.priors_, freq)


# ------------------------------------------------------------------------------------------ densities


@pytest.mark.parametrize("kind", KINDS)
def test_density_integrates_to_one(fitted, kind):
    extent = (-10.0, 10.0, -10.0, 10.0)
    r = 400
    cell = (20 / r) ** 2
    total = np.exp(C.log_density_grid(fitted[kind], extent, resolution=r)).sum() * cell
    assert total == pytest.approx(1.0, abs=2e-3)


def test_grid_row_zero_is_the_lowest_x2():
    P = C.grid_points((0.0, 1.0, 10.0, 20.0), resolution=5)
    rows = P.reshape(5, 5, 2)
    assert np.all(rows[0, :, 1] == rows[0, 0, 1]) and rows[0, 0, 1] < rows[-1, 0, 1]
    assert rows[0, 0, 0] < rows[0, -1, 0]


# ------------------------------------------------------------------------------------------ sampling


@pytest.mark.parametrize("kind", KINDS)
def test_samples_have_the_fitted_priors_means_and_covariances(fitted, kind):
    gen = fitted[kind]
    n = 40_000
    X, y = gen.sample(n, seed=7)
    freq = np.mean(y == 1)
    assert abs(freq - gen.priors_[1]) < 4 * np.sqrt(gen.priors_[1] * gen.priors_[0] / n)
    for c in (0, 1):
        w, mu, cov = gen.weights_[c], gen.means_[c], gen.covariances_[c]
        mean = w @ mu  # mixture mean and covariance (law of total variance)
        second = np.einsum("k,kij->ij", w, cov + np.einsum("ki,kj->kij", mu, mu))
        covariance = second - np.outer(mean, mean)
        Xc = X[y == c]
        se = np.sqrt(np.diag(covariance) / len(Xc))
        assert np.all(np.abs(Xc.mean(axis=0) - mean) < 5 * se)
        np.testing.assert_allclose(np.cov(Xc.T), covariance, atol=0.06 * np.abs(covariance).max())


def test_sampling_is_seeded(fitted):
    a, b, c = (fitted["gmm"].sample(50, seed=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.allclose(a[0], c[0])


# ------------------------------------------------------------------------------------------ discriminative


def test_polynomial_features_and_networks_bend_the_boundary():
    X, y = classification_2d("xor", n=400, noise=0.1, seed=0)
    s = C.split_data(X, y, seed=0)
    acc = {}
    for name, kw in [
        ("linear", {"model": "logistic"}),
        ("quadratic", {"model": "logistic", "degree": 2}),
        ("mlp", {"model": "mlp"}),
        ("svm", {"model": "rbf_svm"}),
    ]:
        acc[name] = C.evaluate(C.fit_discriminative(s.X_train, s.y_train, **kw), s).test_accuracy
    assert acc["linear"] < 0.7  # a straight line cannot solve XOR
    assert min(acc["quadratic"], acc["mlp"], acc["svm"]) > 0.85


def test_far_from_the_data_logistic_regression_stays_confident(moons, fitted):
    clf = C.fit_discriminative(moons.X_train, moons.y_train, "logistic")
    far = np.array([[40.0, 40.0], [-40.0, -40.0]])
    assert np.all(np.max(clf.predict_proba(far), axis=1) > 0.999)
    # ... while the generative model's density there is astronomically small: never seen anything like it.
    gen = fitted["qda"]
    assert np.all(gen.score_samples(far) < gen.score_samples(moons.X_train).min() - 100)
    assert C.density_rank(gen, moons.X_train, far[0]) == 0.0


# ------------------------------------------------------------------------------------------ scores


def test_evaluate_against_independent_formulas(moons, fitted):
    gen = fitted["naive_bayes"]
    sc = C.evaluate(gen, moons)
    p = gen.predict_proba(moons.X_test)[:, 1]
    p_true = np.where(moons.y_test == 1, p, 1 - p)
    assert sc.test_log_loss == pytest.approx(-np.mean(np.log2(p_true)), rel=1e-9)
    assert sc.test_accuracy == pytest.approx(accuracy_score(moons.y_test, gen.predict(moons.X_test)))
    assert sc.test_log_px == pytest.approx(np.mean(np.log2(np.exp(gen.score_samples(moons.X_test)))), rel=1e-9)
    disc = C.evaluate(C.fit_discriminative(moons.X_train, moons.y_train, "mlp"), moons)
    assert disc.test_log_px is None


def test_log_loss_of_a_confident_mistake_is_large_but_finite():
    assert C.log_loss_bits(np.array([1]), np.array([0.0])) == pytest.approx(52, abs=1)
    assert C.log_loss_bits(np.array([0, 1]), np.array([0.5, 0.5])) == pytest.approx(1.0)


def test_split_is_stratified_and_reproducible():
    X, y = classification_2d("imbalanced", n=200, seed=1)
    a, b = C.split_data(X, y, seed=4), C.split_data(X, y, seed=4)
    np.testing.assert_array_equal(a.X_test, b.X_test)
    assert abs(a.y_test.mean() - y.mean()) < 0.03 and len(a.y_test) == 60


# ------------------------------------------------------------------------------------------ Ng & Jordan


def test_learning_curve_is_reproducible_and_crosses():
    a = C.learning_curve(seed=0)
    b = C.learning_curve(seed=0)
    np.testing.assert_array_equal(a.nb_error, b.nb_error)
    np.testing.assert_array_equal(a.lr_error, b.lr_error)
    assert a.nb_error.shape == (10, 6)
    assert not np.array_equal(a.lr_error, C.learning_curve(seed=1, n_seeds=2).lr_error[:2])
    # The point of the experiment: naive Bayes ahead with few examples, logistic regression ahead with many.
    assert a.nb_mean[0] + 2 * a.nb_se[0] < a.lr_mean[0]
    assert a.lr_mean[-1] + 2 * a.lr_se[-1] < a.nb_mean[-1]
    assert a.sizes[0] < a.crossing() < a.sizes[-1]


def test_crossing_is_none_without_a_sign_change():
    lc = C.LearningCurve(np.array([10, 20]), np.array([[0.1, 0.1]]), np.array([[0.2, 0.3]]))
    assert lc.crossing() is None


# ------------------------------------------------------------------------------------------ properties


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=1, max_size=20), st.sampled_from(KINDS))
def test_posterior_is_a_finite_distribution_anywhere(fitted, pts, kind):
    P = np.array(pts, float)
    prob = fitted[kind].predict_proba(P)
    assert np.all(np.isfinite(prob)) and np.all((prob >= 0) & (prob <= 1))
    np.testing.assert_allclose(prob.sum(axis=1), 1.0)
    assert np.all(np.isfinite(fitted[kind].score_samples(P)))


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "X, y, kw, match",
    [
        (np.array([[0.0, np.nan]] * 10), np.arange(10) % 2, {}, "NaN"),
        (np.zeros((10, 2)), np.zeros(10, int), {}, "one class"),
        (np.zeros((10, 2)), np.arange(10) % 3, {}, "0 and 1"),
        (np.zeros((10, 2)), np.arange(9) % 2, {}, "one label per point"),
        (
            np.random.default_rng(0).normal(size=(12, 2)),
            np.arange(12) % 2,
            {"model": "gmm", "n_components": 8},
            "components",
        ),
        (np.random.default_rng(0).normal(size=(12, 2)), np.arange(12) % 2, {"model": "bogus"}, "Unknown"),
    ],
)
def test_generative_bad_input_raises_clear_value_error(X, y, kw, match):
    with pytest.raises(ValueError, match=match):
        C.fit_generative(X, y, **kw)


@pytest.mark.parametrize("kind", KINDS)
def test_degenerate_class_on_a_line_or_one_point_still_fits(kind):
    """Points of one class on a line (or all equal) have a singular covariance; the small regularisation keeps
    every model usable, with finite probabilities and densities, instead of a LinAlgError."""
    t = np.linspace(0, 1, 10)
    rng = np.random.default_rng(0)
    for degenerate in (np.c_[t, 2 * t], np.ones((10, 2))):
        X = np.r_[degenerate, rng.normal(size=(10, 2))]
        gen = C.fit_generative(X, np.repeat([0, 1], 10), kind, n_components=2)
        pts = rng.normal(size=(50, 2)) * 3
        assert np.all(np.isfinite(gen.predict_proba(pts))) and np.all(np.isfinite(gen.score_samples(pts)))


def test_discriminative_and_split_bad_input():
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = np.arange(20) % 2
    with pytest.raises(ValueError, match="degree"):
        C.fit_discriminative(X, y, "logistic", degree=20)
    with pytest.raises(ValueError, match="Unknown"):
        C.fit_discriminative(X, y, "forest")
    with pytest.raises(ValueError, match="Class 1 has only 3"):
        C.split_data(X, np.r_[np.zeros(17, int), np.ones(3, int)])
    with pytest.raises(ValueError, match="extent"):
        C.grid_points((1, 0, 0, 1))
