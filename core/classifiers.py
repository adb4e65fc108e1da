"""Discriminative P(y|x) versus generative p(x|y) p(y): two ways to learn from the same labelled points.

A **discriminative** classifier (logistic regression, a small neural net, an RBF SVM) learns only the
conditional probability P(y|x): given a point, which class? A **generative** classifier learns how the data
themselves are distributed, one density per class p(x|y) and the class priors p(y). From those it gets

* the joint density            p(x, y) = p(x|y) p(y),
* the data density             p(x) = sum_y p(x|y) p(y)          ("how likely is this point at all?"),
* the class posterior          P(y|x) = p(x|y) p(y) / p(x)       (Bayes' rule),
* and new data:                y ~ p(y), then x ~ p(x|y)          (generation).

Every generative model here is a class-conditional Gaussian mixture, fitted with a scikit-learn estimator:
Gaussian naive Bayes (one axis-aligned Gaussian per class), QDA (one full Gaussian per class) and a
Gaussian mixture with k components per class. :class:`GenerativeClassifier` reads the fitted parameters
(``priors_``, ``weights_``, ``means_``, ``covariances_``) so that densities, Bayes' rule and sampling are
computed the same way for all three.

Log densities are natural logs (nats) unless a name says ``bits``; divide by ln 2 for bits. Ng & Jordan
(2002), "On discriminative vs. generative classifiers", is reproduced by :func:`learning_curve`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.linalg import LinAlgError
from scipy.special import logsumexp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.svm import SVC

from core.gaussian import BITS_PER_NAT, multivariate_mixture_logpdf
from core.validation import as_points, check_n_seed

DISCRIMINATIVE_MODELS: dict[str, str] = {
    "logistic": "Logistic regression",
    "mlp": "Neural network (MLP)",
    "rbf_svm": "Kernel SVM (RBF)",
}
GENERATIVE_MODELS: dict[str, str] = {
    "naive_bayes": "Gaussian naive Bayes",
    "qda": "QDA: full Gaussians",
    "gmm": "Gaussian mixtures",
}

#: Fewest points a class needs in the whole data set to be split into train and test and fitted.
MIN_PER_CLASS = 5


# ----------------------------------------------------------------------------------------------- data checks


def _check_labels(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have one label per point: X has {X.shape[0]} rows but y has shape {y.shape}.")
    if not np.issubdtype(y.dtype, np.integer):
        if not np.all(np.equal(np.mod(y, 1), 0)):
            raise ValueError("y must hold integer class labels 0 and 1.")
        y = y.astype(int)
    classes = np.unique(y)
    if len(classes) < 2:
        raise ValueError(
            f"Only one class ({classes[0] if len(classes) else 'none'}) in y: a classifier needs two classes."
        )
    if not np.array_equal(classes, [0, 1]):
        raise ValueError(f"y must hold the two class labels 0 and 1 (found {classes.tolist()[:5]}).")
    return y


@dataclass(frozen=True)
class Split:
    """A stratified train/test split of labelled points."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def split_data(X: np.ndarray, y: np.ndarray, test_fraction: float = 0.3, seed: int = 0) -> Split:
    """Split labelled points into a training and a held-out test set, keeping the class proportions.

    The test set is never used for fitting: accuracy, log-loss and log p(x) on it measure how well a model
    generalises to points it has not seen.

    Examples
    --------
    >>> X = np.arange(40, dtype=float).reshape(20, 2); y = np.arange(20) % 2
    >>> s = split_data(X, y, test_fraction=0.3, seed=0)
    >>> len(s.y_train), len(s.y_test), int(s.y_test.sum())
    (14, 6, 3)
    """
    X = as_points(X, flat=False)
    y = _check_labels(X, y)
    if not 0.1 <= test_fraction <= 0.9:
        raise ValueError(f"test_fraction must be between 0.1 and 0.9 (got {test_fraction}).")
    counts = np.bincount(y, minlength=2)
    small = int(np.argmin(counts))
    if counts[small] < MIN_PER_CLASS:
        raise ValueError(
            f"Class {small} has only {counts[small]} point(s); each class needs at least {MIN_PER_CLASS} so that "
            "both the training and the test set contain it."
        )
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_fraction, random_state=seed, stratify=y)
    return Split(X_train, X_test, y_train, y_test)


# ----------------------------------------------------------------------------------------------- discriminative


def fit_discriminative(
    X: np.ndarray, y: np.ndarray, model: str = "logistic", *, degree: int = 1, C: float = 1.0, seed: int = 0
) -> Pipeline:
    """Fit a discriminative classifier: it learns P(y|x) and nothing about p(x).

    Parameters
    ----------
    model : {"logistic", "mlp", "rbf_svm"}
        ``logistic``: logistic regression on polynomial features of degree ``degree`` (1 = a straight
        boundary), P(y=1|x) = sigmoid(w . phi(x) + b). ``mlp``: a two-layer ReLU network (32 units each,
        L2 penalty alpha = 1). ``rbf_svm``: a support vector machine with a Gaussian kernel, probabilities
        by Platt scaling.
    degree : int
        Polynomial degree for ``logistic`` (1 to 8); ignored by the others.
    C : float
        Inverse regularisation strength of the logistic regression and the SVM.
    seed : int
        Seed for the network's initial weights.

    Returns
    -------
    A fitted scikit-learn pipeline (features standardised first) with ``predict_proba``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.r_[rng.normal(-2, 1, (50, 2)), rng.normal(2, 1, (50, 2))]; y = np.repeat([0, 1], 50)
    >>> clf = fit_discriminative(X, y, "logistic")
    >>> round(float(clf.predict_proba([[3.0, 3.0]])[0, 1]), 2)
    1.0
    """
    X = as_points(X, flat=False)
    y = _check_labels(X, y)
    if model == "logistic":
        if not 1 <= int(degree) <= 8:
            raise ValueError(f"degree must be between 1 and 8 (got {degree}).")
        steps = [StandardScaler(), LogisticRegression(C=C, max_iter=5000)]
        if int(degree) > 1:
            steps.insert(0, PolynomialFeatures(int(degree), include_bias=False))
        clf = make_pipeline(*steps)
    elif model == "mlp":
        clf = make_pipeline(
            StandardScaler(),
            MLPClassifier(hidden_layer_sizes=(32, 32), solver="lbfgs", alpha=1.0, max_iter=600, random_state=seed),
        )
    elif model == "rbf_svm":
        # Platt scaling: a sigmoid of the SVM's score, fitted on 5-fold out-of-fold scores.
        platt = CalibratedClassifierCV(SVC(kernel="rbf", C=C, gamma="scale"), method="sigmoid", cv=5, ensemble=False)
        clf = make_pipeline(StandardScaler(), platt)
    else:
        raise ValueError(f"Unknown discriminative model {model!r}; choose one of {', '.join(DISCRIMINATIVE_MODELS)}.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return clf


# ----------------------------------------------------------------------------------------------- generative


class GenerativeClassifier:
    """A class-conditional generative classifier: p(x, y) = p(x|y) p(y), each p(x|y) a Gaussian mixture.

    Parameters
    ----------
    kind : {"naive_bayes", "qda", "gmm"}
        ``naive_bayes``: scikit-learn's ``GaussianNB``, one Gaussian per class with a diagonal covariance
        (features independent given the class). ``qda``: ``QuadraticDiscriminantAnalysis``, one Gaussian
        per class with a full covariance. ``gmm``: one ``GaussianMixture`` of ``n_components`` full
        Gaussians per class.
    n_components : int
        Components per class for ``gmm`` (1 to 8).
    seed : int
        Seed of the mixture's initialisation (``gmm`` only; the others have a closed-form fit).

    Attributes (after ``fit``)
    --------------------------
    classes_ : array [0, 1]
    priors_ : (n_classes,) class priors p(y), the class frequencies in the training data
    weights_, means_, covariances_ : per class, the mixture weights (k,), means (k, d) and covariances (k, d, d)
    estimators_ : the fitted scikit-learn estimator(s)
    """

    def __init__(self, kind: str = "naive_bayes", n_components: int = 2, seed: int = 0):
        self.kind = kind
        self.n_components = n_components
        self.seed = seed

    # -- fitting ------------------------------------------------------------------------------
    def fit(self, X: np.ndarray, y: np.ndarray) -> GenerativeClassifier:
        """Fit p(y) (class frequencies) and p(x|y) (one scikit-learn density estimate per class)."""
        X = as_points(X, flat=False)
        y = _check_labels(X, y)
        counts = np.bincount(y, minlength=2)
        need = max(2, int(self.n_components)) if self.kind == "gmm" else 2
        if counts.min() < need:
            c = int(np.argmin(counts))
            what = f"the k = {self.n_components} mixture components" if self.kind == "gmm" else "a covariance"
            raise ValueError(
                f"Class {c} has only {counts[c]} training point(s), too few to fit {what}. "
                "Use more points" + (" or fewer components." if self.kind == "gmm" else ".")
            )
        self.classes_ = np.array([0, 1])
        self.priors_ = counts / counts.sum()
        if self.kind == "naive_bayes":
            nb = GaussianNB().fit(X, y)
            self.estimators_ = [nb]
            self.weights_ = [np.ones(1) for _ in self.classes_]
            self.means_ = [nb.theta_[c][None, :] for c in self.classes_]
            self.covariances_ = [np.diag(nb.var_[c])[None, :, :] for c in self.classes_]
        elif self.kind == "qda":
            # A touch of regularisation (Sigma -> 0.9999 Sigma + 0.0001 I) keeps a class whose points lie on a
            # line (or on one point) fittable; tol below that floor, so such a class never counts as rank-deficient.
            qda = QuadraticDiscriminantAnalysis(reg_param=1e-4, tol=1e-6)
            try:
                qda.fit(X, y)
            except LinAlgError as err:
                raise ValueError(
                    "The points of one class lie on a line, so its covariance is singular; "
                    "QDA cannot fit it. Try naive Bayes or add more varied points."
                ) from err
            self.estimators_ = [qda]
            self.weights_ = [np.ones(1) for _ in self.classes_]
            self.means_ = [qda.means_[c][None, :] for c in self.classes_]
            # Sigma_c = R diag(s) R^T: exactly the covariance QDA itself scores with (reg_param included).
            self.covariances_ = [
                ((qda.rotations_[c] * qda.scalings_[c]) @ qda.rotations_[c].T)[None, :, :] for c in self.classes_
            ]
        elif self.kind == "gmm":
            if not 1 <= int(self.n_components) <= 8:
                raise ValueError(f"n_components must be between 1 and 8 (got {self.n_components}).")
            self.estimators_ = []
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                for c in self.classes_:
                    gm = GaussianMixture(
                        int(self.n_components), covariance_type="full", reg_covar=1e-4, n_init=2, random_state=self.seed
                    ).fit(X[y == c])
                    self.estimators_.append(gm)
            self.weights_ = [gm.weights_ for gm in self.estimators_]
            self.means_ = [gm.means_ for gm in self.estimators_]
            self.covariances_ = [gm.covariances_ for gm in self.estimators_]
        else:
            raise ValueError(f"Unknown generative model {self.kind!r}; choose one of {', '.join(GENERATIVE_MODELS)}.")
        return self

    # -- densities ----------------------------------------------------------------------------
    def class_log_density(self, X: np.ndarray) -> np.ndarray:
        """log p(x|y=c) for every point and class, shape (n, n_classes), in nats."""
        X = as_points(X, flat=False)
        return np.column_stack(
            [
                multivariate_mixture_logpdf(X, self.weights_[c], self.means_[c], self.covariances_[c])
                for c in self.classes_
            ]
        )

    def joint_log_density(self, X: np.ndarray) -> np.ndarray:
        """log p(x, y=c) = log p(x|y=c) + log p(y=c), shape (n, n_classes), in nats."""
        return self.class_log_density(X) + np.log(self.priors_)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log p(x) = log sum_y p(x|y) p(y) per point, in nats: how likely the model finds each point."""
        return logsumexp(self.joint_log_density(X), axis=1)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(y|x) by Bayes' rule, p(x|y) p(y) / p(x), computed in log space; shape (n, n_classes)."""
        joint = self.joint_log_density(X)
        return np.exp(joint - logsumexp(joint, axis=1, keepdims=True))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class for each point."""
        return self.classes_[np.argmax(self.joint_log_density(X), axis=1)]

    # -- generation ---------------------------------------------------------------------------
    def sample(self, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Generate ``n`` new labelled points: y ~ p(y), a component k ~ w_y, then x ~ N(mu_yk, Sigma_yk).

        Returns
        -------
        X : (n, d) generated points;  y : (n,) their classes.
        """
        check_n_seed(n, seed, min_n=0, max_n=1_000_000)
        rng = np.random.default_rng(seed)
        d = self.means_[0].shape[1]
        y = rng.choice(self.classes_, size=int(n), p=self.priors_)
        X = np.empty((int(n), d))
        for c in self.classes_:
            rows = np.flatnonzero(y == c)
            comp = rng.choice(len(self.weights_[c]), size=len(rows), p=self.weights_[c])
            for k in range(len(self.weights_[c])):
                these = rows[comp == k]
                chol = np.linalg.cholesky(self.covariances_[c][k])
                X[these] = self.means_[c][k] + rng.standard_normal((len(these), d)) @ chol.T
        return X, y


def fit_generative(
    X: np.ndarray, y: np.ndarray, model: str = "naive_bayes", *, n_components: int = 2, seed: int = 0
) -> GenerativeClassifier:
    """Fit a generative classifier p(x|y) p(y) (see :class:`GenerativeClassifier`).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.r_[rng.normal(-2, 1, (50, 2)), rng.normal(2, 1, (50, 2))]; y = np.repeat([0, 1], 50)
    >>> gen = fit_generative(X, y, "qda")
    >>> gen.priors_.tolist()
    [0.5, 0.5]
    >>> Xnew, ynew = gen.sample(4, seed=1)
    >>> Xnew.shape, sorted(set(ynew.tolist())) <= [0, 1]
    ((4, 2), True)
    """
    return GenerativeClassifier(model, n_components=n_components, seed=seed).fit(X, y)


# ----------------------------------------------------------------------------------------------- evaluation


def grid_points(extent: tuple[float, float, float, float], resolution: int = 120) -> np.ndarray:
    """The centres of a ``resolution`` x ``resolution`` grid over ``extent = (x0, x1, y0, y1)``, shape (r*r, 2).

    Rows run along x1 first, starting at the lowest x2, so ``values.reshape(r, r)[0]`` is the bottom row.

    Examples
    --------
    >>> grid_points((0, 2, 0, 2), resolution=2).tolist()
    [[0.5, 0.5], [1.5, 0.5], [0.5, 1.5], [1.5, 1.5]]
    """
    x0, x1, y0, y1 = (float(e) for e in extent)
    if not (np.isfinite([x0, x1, y0, y1]).all() and x1 > x0 and y1 > y0):
        raise ValueError(f"extent must be finite with x0 < x1 and y0 < y1 (got {extent}).")
    if not 2 <= int(resolution) <= 1000:
        raise ValueError(f"resolution must be between 2 and 1000 (got {resolution}).")
    r = int(resolution)
    xs = x0 + (np.arange(r) + 0.5) * (x1 - x0) / r
    ys = y0 + (np.arange(r) + 0.5) * (y1 - y0) / r
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def probability_grid(model, extent: tuple[float, float, float, float], resolution: int = 120) -> np.ndarray:
    """P(y=1|x) of any fitted classifier on a grid, shape (resolution, resolution), row 0 = lowest x2."""
    P = grid_points(extent, resolution)
    return np.asarray(model.predict_proba(P))[:, 1].reshape(int(resolution), int(resolution))


def log_density_grid(
    model: GenerativeClassifier, extent: tuple[float, float, float, float], resolution: int = 120
) -> np.ndarray:
    """log p(x) (nats) of a generative model on a grid, shape (resolution, resolution), row 0 = lowest x2."""
    P = grid_points(extent, resolution)
    return model.score_samples(P).reshape(int(resolution), int(resolution))


def log_loss_bits(y: np.ndarray, p1: np.ndarray) -> float:
    """Average log-loss (cross-entropy) of P(y=1|x) against the true labels, in bits per point.

    log-loss = -(1/n) sum_i log2 P(y_i|x_i): 0 for certain and right, 1 bit for a coin flip (0.5), large
    for confident mistakes. Probabilities are clipped at machine precision (as scikit-learn does), so one
    certain mistake costs about 52 bits instead of infinity.

    Examples
    --------
    >>> log_loss_bits(np.array([0, 1]), np.array([0.5, 0.5]))
    1.0
    """
    return float(log_loss(np.asarray(y), np.asarray(p1, float), labels=[0, 1]) * BITS_PER_NAT)


@dataclass(frozen=True)
class Scores:
    """How well a classifier does on its training data and on held-out test data."""

    train_accuracy: float
    test_accuracy: float
    train_log_loss: float  # bits per point
    test_log_loss: float  # bits per point
    test_log_px: float | None = None  # average held-out log2 p(x), bits per point (generative models only)


def evaluate(model, split: Split) -> Scores:
    """Accuracy and log-loss (bits/point) on train and test; for generative models also mean test log2 p(x).

    The held-out log p(x) is the generative model's own score: the average number of bits of "surprise"
    per test point is its negative. Higher is better; it is a log *density*, so it can be positive.
    """
    p_train = np.asarray(model.predict_proba(split.X_train))[:, 1]
    p_test = np.asarray(model.predict_proba(split.X_test))[:, 1]
    log_px = None
    if isinstance(model, GenerativeClassifier):
        log_px = float(np.mean(model.score_samples(split.X_test)) * BITS_PER_NAT)
    return Scores(
        train_accuracy=float(np.mean((p_train >= 0.5) == split.y_train)),
        test_accuracy=float(np.mean((p_test >= 0.5) == split.y_test)),
        train_log_loss=log_loss_bits(split.y_train, p_train),
        test_log_loss=log_loss_bits(split.y_test, p_test),
        test_log_px=log_px,
    )


def density_rank(model: GenerativeClassifier, X_ref: np.ndarray, x: np.ndarray) -> float:
    """Fraction of the reference points (e.g. the training data) that the model finds LESS likely than ``x``.

    0.0 means ``x`` is less likely than every reference point: "never seen anything like this".

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 2)); y = np.arange(40) % 2
    >>> gen = fit_generative(X, y, "qda")
    >>> density_rank(gen, X, [50.0, 50.0]), density_rank(gen, X, [0.0, 0.0]) > 0.8
    (0.0, True)
    """
    ref = model.score_samples(as_points(X_ref, name="X_ref", flat=False))
    here = model.score_samples(as_points(np.atleast_2d(np.asarray(x, float)), name="x", flat=False))[0]
    return float(np.mean(ref < here))


# ----------------------------------------------------------------------------------------------- Ng & Jordan


def nuisance_task(n: int, seed: int = 0, n_signal: int = 6, n_loud: int = 14) -> tuple[np.ndarray, np.ndarray]:
    """A high-dimensional two-class task made to show Ng & Jordan's crossing (20 features by default).

    Each example has ``n_signal`` quiet measurements that carry the class (means -0.4 and +0.4, spread 1)
    and ``n_loud`` loud measurements (spread 3) that carry no class information. All features share one
    random disturbance z (like the lighting of a photo). Naive Bayes assumes features independent given
    the class, so it can never subtract z; logistic regression can learn to (using the loud features),
    but it has 21 weights to learn from the labels alone. Classes alternate 0, 1, 0, 1, ... so every
    prefix of even length is balanced.

    Examples
    --------
    >>> X, y = nuisance_task(6, seed=0)
    >>> X.shape, y.tolist()
    ((6, 20), [0, 1, 0, 1, 0, 1])
    """
    if int(n) < 2:
        raise ValueError(f"n must be at least 2 (got {n}).")
    rng = np.random.default_rng(seed)
    y = np.arange(int(n)) % 2
    rho = 0.2  # share of each feature's variance that comes from the common disturbance z
    z = rng.standard_normal((int(n), 1))
    signal = np.sqrt(1 - rho) * rng.standard_normal((int(n), n_signal)) + np.sqrt(rho) * z + 0.4 * (2 * y[:, None] - 1)
    loud = 3.0 * (np.sqrt(1 - rho) * rng.standard_normal((int(n), n_loud)) + np.sqrt(rho) * z)
    return np.hstack([signal, loud]), y


@dataclass(frozen=True)
class LearningCurve:
    """Test error of naive Bayes and logistic regression against training-set size, over several seeds."""

    sizes: np.ndarray  # (n_sizes,) training-set sizes
    nb_error: np.ndarray  # (n_seeds, n_sizes) test error rates of Gaussian naive Bayes
    lr_error: np.ndarray  # (n_seeds, n_sizes) test error rates of logistic regression

    @staticmethod
    def _se(err: np.ndarray) -> np.ndarray:
        return err.std(axis=0, ddof=1) / np.sqrt(err.shape[0]) if err.shape[0] > 1 else np.zeros(err.shape[1])

    @property
    def nb_mean(self) -> np.ndarray:
        return self.nb_error.mean(axis=0)

    @property
    def lr_mean(self) -> np.ndarray:
        return self.lr_error.mean(axis=0)

    @property
    def nb_se(self) -> np.ndarray:
        return self._se(self.nb_error)

    @property
    def lr_se(self) -> np.ndarray:
        return self._se(self.lr_error)

    def crossing(self) -> float | None:
        """The training-set size where logistic regression overtakes naive Bayes (log-interpolated).

        None unless naive Bayes is ahead at the smallest size and behind at the largest.
        """
        gap = self.nb_mean - self.lr_mean  # > 0: logistic regression is better
        if not (gap[0] < 0 < gap[-1]):
            return None
        i = int(np.flatnonzero((gap[:-1] < 0) & (gap[1:] >= 0))[0])
        t = -gap[i] / (gap[i + 1] - gap[i])
        return float(np.exp(np.log(self.sizes[i]) + t * (np.log(self.sizes[i + 1]) - np.log(self.sizes[i]))))


def learning_curve(
    sizes: tuple[int, ...] = (10, 20, 40, 80, 160, 320), n_seeds: int = 10, seed: int = 0, n_test: int = 1000
) -> LearningCurve:
    """Ng & Jordan's experiment: test error vs training-set size, naive Bayes vs logistic regression.

    For each of ``n_seeds`` repetitions, draw a fresh training sequence and test set from
    :func:`nuisance_task`, fit ``GaussianNB`` and ``LogisticRegression`` (scikit-learn defaults) on the first
    m training points for every m in ``sizes``, and record the error rate on the test set. The generative
    model approaches its (higher) asymptotic error after few examples; the discriminative one needs more
    data but ends lower, so the curves cross (Ng & Jordan, NIPS 2002).

    Examples
    --------
    >>> lc = learning_curve(sizes=(10, 40), n_seeds=2, n_test=200)
    >>> lc.nb_error.shape
    (2, 2)
    """
    sizes_arr = np.asarray(sorted(int(s) for s in sizes))
    if sizes_arr.size < 2 or sizes_arr[0] < 4 or sizes_arr[-1] > 5000:
        raise ValueError("sizes must hold at least two training-set sizes between 4 and 5000.")
    if not 1 <= int(n_seeds) <= 100:
        raise ValueError(f"n_seeds must be between 1 and 100 (got {n_seeds}).")
    nb = np.empty((int(n_seeds), sizes_arr.size))
    lr = np.empty_like(nb)
    _fill_learning_curve(nb, lr, sizes_arr, int(n_seeds), int(seed), int(n_test))
    return LearningCurve(sizes=sizes_arr, nb_error=nb, lr_error=lr)


def _fill_learning_curve(
    nb: np.ndarray, lr: np.ndarray, sizes_arr: np.ndarray, n_seeds: int, seed: int, n_test: int
) -> None:
    for r in range(n_seeds):
        X, y = nuisance_task(int(sizes_arr[-1]) + 1 + int(n_test), seed=seed * 1000 + r)
        X_test, y_test = X[: int(n_test)], y[: int(n_test)]
        X_pool, y_pool = X[int(n_test) :], y[int(n_test) :]
        for j, m in enumerate(sizes_arr):
            m = int(m) + int(m) % 2  # even, so both classes appear equally often
            nb[r, j] = 1.0 - GaussianNB().fit(X_pool[:m], y_pool[:m]).score(X_test, y_test)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                logreg = LogisticRegression(max_iter=2000).fit(X_pool[:m], y_pool[:m])
            lr[r, j] = 1.0 - logreg.score(X_test, y_test)
