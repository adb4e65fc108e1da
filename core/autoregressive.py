"""Autoregressive models: the chain rule, one step at a time.

Every autoregressive model rests on one identity, the chain rule of probability::

    p(x) = p(x_1) p(x_2 | x_1) p(x_3 | x_1, x_2) ... = prod_t p(x_t | x_<t)

It holds for ANY distribution over sequences; the modelling is only the choice of how to compute each
conditional ``p(x_t | x_<t)``. Because each factor is an explicit distribution, the model gives the exact
log-likelihood ``log p(x) = sum_t log p(x_t | x_<t)`` of any example, and it generates by drawing ``x_1``,
then ``x_2`` given ``x_1``, and so on.

This module holds the small pieces shared by the three modality modules (``core.ar_text`` for characters,
``core.ar_pixels`` for binary images, ``core.ar_audio`` for waveforms) and :class:`Autoregressive2D`, a
density on 2-D points written as ``p(x1) p(x2 | x1)``.

Units: ``score_samples`` returns natural-log densities (nats), as in scikit-learn; the ``*_bits`` and
``log2_*`` functions return bits (1 nat = 1/ln 2 = 1.4427 bits).
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp
from sklearn.linear_model import LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import SplineTransformer

from core import info
from core.gaussian import normal_logpdf
from core.validation import as_points, check_n_seed

MIN_TEMPERATURE: float = 0.05


def entropy_bits(p: np.ndarray) -> np.ndarray:
    """Entropy of the distribution(s) in ``p`` along the last axis, in bits.

    ``H(p) = -sum_x p(x) log2 p(x)``: the average surprise of a draw from ``p``, the number of yes/no
    questions an optimal guesser needs on average. 0 bits for a certain outcome, ``log2 K`` for K equally
    likely outcomes. A thin wrapper around ``core.info.entropy`` (base 2) that always returns an array.

    Examples
    --------
    >>> float(entropy_bits(np.array([0.5, 0.5])))
    1.0
    >>> np.round(entropy_bits(np.array([[1.0, 0.0], [0.25, 0.75]])), 3).tolist()
    [0.0, 0.811]
    """
    return np.asarray(info.entropy(p, base=2), dtype=float)


def apply_temperature(p: np.ndarray, temperature: float) -> np.ndarray:
    """Sharpen or flatten a distribution: ``p_T(x) = p(x)^(1/T) / sum_y p(y)^(1/T)`` (last axis).

    ``T = 1`` leaves ``p`` unchanged, ``T < 1`` sharpens it toward the most likely outcome (greedy as
    ``T -> 0``), ``T > 1`` flattens it toward uniform. The ranking of the outcomes never changes. Computed in
    log space (``core.info.temper``); zero probabilities stay zero.

    Examples
    --------
    >>> np.round(apply_temperature(np.array([0.2, 0.8]), 0.5), 3).tolist()
    [0.059, 0.941]
    >>> np.round(apply_temperature(np.array([0.2, 0.8]), 1.0), 3).tolist()
    [0.2, 0.8]
    """
    if not np.isfinite(temperature) or temperature < MIN_TEMPERATURE:
        raise ValueError(
            f"temperature must be at least {MIN_TEMPERATURE} (got {temperature}); use a small value such as "
            "0.1 for nearly greedy sampling"
        )
    return info.temper(p, temperature)


def sample_index(p: np.ndarray, u: float) -> int:
    """Draw an outcome index from the distribution ``p`` using one uniform number ``u`` in [0, 1).

    Inverse-CDF sampling: the first index whose cumulative probability exceeds ``u``.

    >>> sample_index(np.array([0.1, 0.6, 0.3]), 0.05), sample_index(np.array([0.1, 0.6, 0.3]), 0.65)
    (0, 1)
    """
    cdf = np.cumsum(p)
    return int(min(np.searchsorted(cdf, u * cdf[-1], side="right"), len(p) - 1))


class Autoregressive2D:
    """An autoregressive density on 2-D points: ``p(x1, x2) = p(x1) p(x2 | x1)``.

    - ``p(x1)``: a 1-D Gaussian mixture (``sklearn.mixture.GaussianMixture``).
    - ``p(x2 | x1)``: the range of ``x2`` is cut into ``n_bins`` bins and a multinomial logistic regression on
      spline features of ``x1`` gives ``P(bin b | x1)`` (a softmax over bins, like PixelCNN / WaveNet's softmax
      over pixel or sample values). Each bin is smoothed into a Gaussian bump at its centre, so
      ``p(x2 | x1) = sum_b P(b | x1) N(x2; c_b, h^2)``: a proper density, positive everywhere, integrating to 1.

    Both factors are explicit, so ``score_samples`` gives the exact log-density (nats), and ``sample`` draws
    ``x1`` first, then ``x2`` given it: generation one coordinate at a time.

    Parameters
    ----------
    n_components : int
        Mixture components for ``p(x1)``.
    n_bins : int
        Number of bins (softmax outputs) for ``x2``.
    n_knots : int
        Spline knots for the features of ``x1`` fed to the logistic regression (more = wigglier conditional).
    C : float
        Inverse L2 regularisation strength of the logistic regression.
    seed : int
        Seed for the mixture fit.

    Attributes
    ----------
    marginal_ : GaussianMixture      fitted ``p(x1)``.
    conditional_ : Pipeline          spline features + logistic regression, ``P(bin | x1)``.
    bin_centres_ : ndarray (n_bins,) centres ``c_b`` of the x2 bins.
    bandwidth_ : float               width ``h`` of each Gaussian bump.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x1 = rng.normal(size=400); X = np.c_[x1, x1 ** 2 + 0.1 * rng.normal(size=400)]
    >>> model = Autoregressive2D().fit(X)
    >>> bool(model.score_samples([[1.0, 1.0]])[0] > model.score_samples([[1.0, -1.0]])[0])
    True
    """

    def __init__(self, n_components: int = 5, n_bins: int = 24, n_knots: int = 10, C: float = 10.0, seed: int = 0):
        self.n_components = n_components
        self.n_bins = n_bins
        self.n_knots = n_knots
        self.C = C
        self.seed = seed

    def fit(self, X: np.ndarray) -> Autoregressive2D:
        """Fit ``p(x1)`` and ``p(x2 | x1)`` by maximum likelihood on the rows of ``X`` (n, 2)."""
        X = as_points(X, dims=2, min_rows=10)
        if self.n_bins < 2:
            raise ValueError("n_bins must be at least 2")
        if np.ptp(X[:, 0]) == 0 or np.ptp(X[:, 1]) == 0:
            raise ValueError("each coordinate must vary: a constant column has no density to learn")
        k = int(min(self.n_components, len(np.unique(X[:, 0]))))
        self.marginal_ = GaussianMixture(n_components=k, random_state=self.seed).fit(X[:, :1])
        lo, hi = X[:, 1].min(), X[:, 1].max()
        edges = np.linspace(lo, hi, self.n_bins + 1)
        self.bin_centres_ = 0.5 * (edges[:-1] + edges[1:])
        self.bandwidth_ = float(edges[1] - edges[0])
        bins = np.clip(np.searchsorted(edges, X[:, 1], side="right") - 1, 0, self.n_bins - 1)
        self.conditional_: Pipeline = make_pipeline(
            SplineTransformer(n_knots=self.n_knots, degree=3, knots="quantile", extrapolation="constant"),
            LogisticRegression(C=self.C, max_iter=500),
        )
        if len(np.unique(bins)) == 1:  # cannot happen with ptp > 0, kept for safety
            raise ValueError("x2 must vary across points")
        self.conditional_.fit(X[:, :1], bins)
        return self

    def bin_probabilities(self, x1: np.ndarray) -> np.ndarray:
        """``P(bin b | x1)`` for each value in ``x1``: shape (n, n_bins), rows sum to 1."""
        x1 = np.asarray(x1, dtype=float).reshape(-1, 1)
        out = np.zeros((len(x1), self.n_bins))
        out[:, self.conditional_.classes_] = self.conditional_.predict_proba(x1)
        return out

    def conditional_log_density(self, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
        """``log p(x2 | x1)`` in nats, elementwise over matching arrays ``x1``, ``x2``."""
        x1 = np.asarray(x1, dtype=float).ravel()
        x2 = np.asarray(x2, dtype=float).ravel()
        with np.errstate(divide="ignore"):
            log_w = np.log(self.bin_probabilities(x1))  # (n, B)
        log_bump = normal_logpdf(x2[:, None], self.bin_centres_, self.bandwidth_)  # log N(x2; c_b, h^2), (n, B)
        return logsumexp(log_w + log_bump, axis=1)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """Per-point ``log p(x) = log p(x1) + log p(x2 | x1)`` in nats (sklearn convention)."""
        X = as_points(X, dims=2)
        return self.marginal_.score_samples(X[:, :1]) + self.conditional_log_density(X[:, 0], X[:, 1])

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Draw ``n`` points: ``x1 ~ p(x1)``, then a bin ``b ~ P(b | x1)``, then ``x2 ~ N(c_b, h^2)``."""
        check_n_seed(n, seed)
        n = int(n)
        rng = np.random.default_rng(seed)
        gm = self.marginal_
        comp = rng.choice(len(gm.weights_), size=n, p=gm.weights_ / gm.weights_.sum())
        sd = np.sqrt(gm.covariances_.reshape(-1)[comp])
        x1 = gm.means_[comp, 0] + sd * rng.standard_normal(n)
        P = self.bin_probabilities(x1)
        u = rng.random(n)
        b = np.array([sample_index(P[i], u[i]) for i in range(n)])
        x2 = self.bin_centres_[b] + self.bandwidth_ * rng.standard_normal(n)
        return np.c_[x1, x2]
