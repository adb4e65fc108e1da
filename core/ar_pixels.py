"""Images, one pixel at a time: an autoregressive model of binary 8x8 digits (the PixelCNN idea).

Read the 64 pixels in raster order (left to right, top to bottom). The chain rule gives
``p(x) = prod_i p(x_i | x_<i)``, where ``x_<i`` are the pixels above and to the left of pixel i. Each
conditional is a logistic regression on those earlier pixels::

    p(x_i = 1 | x_<i) = sigmoid(b_i + sum_{j<i} W_ij x_j)

``W`` is strictly lower-triangular: pixel i may only look at pixels before it. That mask is exactly the trick
of PixelCNN and MADE (there as masked convolutions / masked weights in a deep network). With every
conditional known, ``log2 p(x)`` of a whole image is a sum of 64 terms (bits), sampling runs pixel by pixel,
and completing an image means fixing its known pixels and sampling the rest.

The baseline, :class:`IndependentPixels`, ignores all context: ``p(x) = prod_i Bernoulli(x_i; q_i)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, log_expit
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

from core.gaussian import BITS_PER_NAT
from core.validation import check_n_seed

SIDE: int = 8
N_PIXELS: int = SIDE * SIDE


@dataclass(frozen=True)
class BinaryDigits:
    """Binarised 8x8 digits split into training and held-out images (rows of 64 pixels in raster order)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def load_binary_digits(threshold: int = 8, n_test: int = 300, seed: int = 0) -> BinaryDigits:
    """scikit-learn's 1797 8x8 digits (grey levels 0..16), pixel = 1 where grey level >= ``threshold``.

    A seeded random ``n_test`` images are held out.

    >>> d = load_binary_digits()
    >>> d.X_train.shape, d.X_test.shape, sorted(np.unique(d.X_train).tolist())
    ((1497, 64), (300, 64), [0, 1])
    """
    if not 1 <= threshold <= 16:
        raise ValueError(f"threshold must be a grey level between 1 and 16 (got {threshold})")
    digits = load_digits()
    X = (digits.data >= threshold).astype(np.int8)
    order = np.random.default_rng(seed).permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return BinaryDigits(X[train], digits.target[train], X[test], digits.target[test])


def _check_binary(X: np.ndarray) -> np.ndarray:
    X = np.atleast_2d(np.asarray(X))
    if X.shape[1] != N_PIXELS:
        raise ValueError(f"images must have {N_PIXELS} pixels per row (8x8, raster order); got {X.shape[1]}")
    if not np.isin(X, (0, 1)).all():
        raise ValueError("pixels must be 0 or 1 (binarise the image first)")
    return X.astype(float)


def _bernoulli_logpmf(X: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """``ln Bernoulli(x; sigmoid(logit))`` elementwise (nats), computed stably in log space."""
    return np.where(X == 1, log_expit(logits), log_expit(-logits))


def _smoothed_logit(column: np.ndarray) -> float:
    """Logit of the Laplace-smoothed frequency (count + 1) / (n + 2): never +-inf."""
    q = (column.sum() + 1.0) / (len(column) + 2.0)
    return float(np.log(q / (1 - q)))


class IndependentPixels:
    """Baseline: every pixel an independent coin, ``q_i`` = Laplace-smoothed frequency of pixel i being on."""

    def fit(self, X: np.ndarray) -> IndependentPixels:
        X = _check_binary(X)
        self.bias_ = np.array([_smoothed_logit(X[:, i]) for i in range(N_PIXELS)])
        return self

    def conditional_probs(self, X: np.ndarray) -> np.ndarray:
        """``p(x_i = 1)`` for every image and pixel (the same for every image: no context)."""
        X = _check_binary(X)
        return np.broadcast_to(expit(self.bias_), X.shape).copy()

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """``ln p(x) = sum_i ln p(x_i)`` per image, in nats (scikit-learn's convention)."""
        X = _check_binary(X)
        return _bernoulli_logpmf(X, np.broadcast_to(self.bias_, X.shape)).sum(axis=1)

    def score_samples_bits(self, X: np.ndarray) -> np.ndarray:
        """``log2 p(x)`` per image, in bits (negative; ``-score`` = bits needed to encode the image)."""
        return self.score_samples(X) * BITS_PER_NAT


class PixelAR:
    """Autoregressive binary-image model: one logistic regression per pixel on all earlier pixels.

    Parameters
    ----------
    C : float
        Inverse L2 regularisation strength of each logistic regression (smaller = smoother, less overfit).

    Attributes
    ----------
    weights_ : ndarray (64, 64)   strictly lower-triangular ``W``: row i holds pixel i's weights on pixels < i.
    bias_ : ndarray (64,)         ``b``. Pixels that are constant in training (always off at the border) get a
                                  Laplace-smoothed bias and no weights.

    Examples
    --------
    >>> d = load_binary_digits()
    >>> model = PixelAR().fit(d.X_train)
    >>> bool(np.all(np.triu(model.weights_) == 0))    # the causal mask: no pixel sees itself or the future
    True
    """

    def __init__(self, C: float = 0.3):
        self.C = C

    def fit(self, X: np.ndarray) -> PixelAR:
        """Fit the 64 conditionals ``p(x_i | x_<i)`` by maximum likelihood (L2-regularised)."""
        X = _check_binary(X)
        if len(X) < 10:
            raise ValueError(f"need at least 10 images to fit (got {len(X)})")
        if not np.isfinite(self.C) or self.C <= 0:
            raise ValueError(f"C must be a positive number (got {self.C})")
        self.weights_ = np.zeros((N_PIXELS, N_PIXELS))
        self.bias_ = np.zeros(N_PIXELS)
        for i in range(N_PIXELS):
            y = X[:, i]
            if i == 0 or y.min() == y.max():
                self.bias_[i] = _smoothed_logit(y)
                continue
            clf = LogisticRegression(C=self.C, solver="newton-cg", max_iter=200).fit(X[:, :i], y)
            self.weights_[i, :i] = clf.coef_[0]
            self.bias_[i] = clf.intercept_[0]
        return self

    def logits(self, X: np.ndarray) -> np.ndarray:
        """``b_i + sum_{j<i} W_ij x_j`` for all pixels at once (the masked matrix product; teacher forcing)."""
        return _check_binary(X) @ self.weights_.T + self.bias_

    def conditional_probs(self, X: np.ndarray) -> np.ndarray:
        """``p(x_i = 1 | x_<i)`` for every image and pixel, given each image's own earlier pixels."""
        return expit(self.logits(X))

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """Chain-rule ``ln p(x) = sum_i ln p(x_i | x_<i)`` per image, in nats (scikit-learn's convention)."""
        X = _check_binary(X)
        return _bernoulli_logpmf(X, self.logits(X)).sum(axis=1)

    def score_samples_bits(self, X: np.ndarray) -> np.ndarray:
        """Chain-rule ``log2 p(x) = sum_i log2 p(x_i | x_<i)`` per image, in bits."""
        return self.score_samples(X) * BITS_PER_NAT

    def sample(self, n: int = 1, seed: int = 0, given: np.ndarray | None = None, n_given: int = 0) -> PixelSamples:
        """Generate ``n`` images pixel by pixel in raster order.

        With ``given`` (one image of 64 pixels) and ``n_given``, the first ``n_given`` pixels are copied from
        ``given`` and only the rest are sampled: a completion (``n_given = 32`` keeps the top half).
        """
        check_n_seed(n, seed)
        if not 0 <= n_given <= N_PIXELS:
            raise ValueError(f"n_given must be between 0 and {N_PIXELS} (got {n_given})")
        if n_given and given is None:
            raise ValueError("n_given > 0 needs an image to copy the given pixels from")
        rng = np.random.default_rng(seed)
        u = rng.random((n, N_PIXELS))
        X = np.zeros((n, N_PIXELS))
        if n_given:
            X[:, :n_given] = _check_binary(given).reshape(-1)[:n_given]
        probs = np.zeros((n, N_PIXELS))
        for i in range(N_PIXELS):
            probs[:, i] = expit(self.bias_[i] + X @ self.weights_[i])  # weights_[i, j>=i] = 0: only x_<i count
            if i >= n_given:
                X[:, i] = (u[:, i] < probs[:, i]).astype(float)
        return PixelSamples(images=X.astype(np.int8), probs=probs, n_given=n_given)


@dataclass(frozen=True)
class PixelSamples:
    """Images generated pixel by pixel: ``probs[k, i] = p(x_i = 1 | x_<i)`` at the moment pixel i was drawn."""

    images: np.ndarray
    probs: np.ndarray
    n_given: int


def bits_per_image(model: PixelAR | IndependentPixels, X: np.ndarray) -> float:
    """Average ``-log2 p(x)`` over the images in ``X``: bits needed per image (lower = better model)."""
    return float(-model.score_samples_bits(X).mean())
