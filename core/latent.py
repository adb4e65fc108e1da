"""Latent variables on real data: probabilistic PCA of handwritten digits.

Probabilistic PCA (Tipping & Bishop 1999) is the simplest latent-variable model of images:

    z ~ N(0, I_k),        x | z ~ N(mu + W z, sigma^2 I_d),

k hidden numbers z explain d = 64 pixels x. Because everything is linear and Gaussian, z integrates out
in closed form and the model's density is one Gaussian with a low-rank-plus-noise covariance:

    p(x) = N(x | mu, W W^T + sigma^2 I).

Its maximum-likelihood fit is ordinary PCA: W spans the top k principal directions and sigma^2 is the
average variance of the directions left out. So the three promises of latent variables can be measured:

* **enable generation**: pick z (or draw z ~ N(0, I)) and compute x = mu + W z;
* **capture semantics**: the 2-D z of each digit, found without labels, groups digits by their label;
* **reduce complexity**: d k + d + 1 - k(k-1)/2 parameters instead of the d + d(d+1)/2 of a full-covariance
  Gaussian, and the held-out log-likelihood (in bits per pixel) shows what that costs.

Pixels of the 8x8 digits take the integer values 0..16. To compare densities fairly we *dequantise*: add
uniform noise in [0, 1) to each value and divide by 17, so x lies in [0, 1]^64. Then
-log2 p(x) / 64 + log2 17 is a code length in bits per pixel for the original integer image, and a model
that spreads probability evenly over the 17 levels scores exactly log2 17 = 4.09 bits per pixel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

from core.gaussian import BITS_PER_NAT, LOG_2PI, multivariate_normal_logpdf
from core.validation import as_points, check_n_seed

__all__ = [
    "LEVELS",
    "IMAGE_SHAPE",
    "DigitSplit",
    "load_digit_split",
    "bits_per_pixel",
    "PPCA",
    "ppca_n_parameters",
    "ppca_log_likelihood_curve",
    "Baseline",
    "gaussian_baseline",
    "ReconstructionCurve",
    "reconstruction_curve",
    "neighbour_label_agreement",
    "sklearn_pca_score_samples",
]

#: Grey levels of a scikit-learn digit pixel (0..16).
LEVELS = 17
#: Height and width of a digit image.
IMAGE_SHAPE = (8, 8)


@dataclass(frozen=True)
class DigitSplit:
    """Dequantised 8x8 digits in [0, 1]^64, split into training and held-out digits (with labels)."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def load_digit_split(test_size: float = 0.25, seed: int = 0) -> DigitSplit:
    """The 1,797 scikit-learn digits, dequantised to [0, 1] and split (stratified by label).

    x = (pixel + u) / 17 with u ~ Uniform[0, 1) drawn with ``seed``; labels are only used to colour plots.

    Examples
    --------
    >>> s = load_digit_split()
    >>> s.X_train.shape, s.X_test.shape, bool(s.X_train.min() >= 0 and s.X_train.max() <= 1)
    ((1347, 64), (450, 64), True)
    """
    if not 0.05 <= test_size <= 0.5:
        raise ValueError(f"test_size must be between 0.05 and 0.5 (got {test_size})")
    digits = load_digits()
    rng = np.random.default_rng(seed)
    X = (digits.data + rng.uniform(0.0, 1.0, digits.data.shape)) / LEVELS
    X_train, X_test, y_train, y_test = train_test_split(
        X, digits.target, test_size=test_size, random_state=seed, stratify=digits.target
    )
    return DigitSplit(X_train, X_test, y_train, y_test)


def bits_per_pixel(log_density: float | np.ndarray, n_pixels: int = 64, levels: int = LEVELS) -> float | np.ndarray:
    """Convert a log-density (nats, data scaled to [0, 1]) into a code length in bits per pixel.

    ``bits/pixel = -log_density / (n_pixels ln 2) + log2(levels)``: a density on [0, 1]^d assigns
    each integer image the probability of its cell of side 1/levels, about p(x) / levels^d.

    Examples
    --------
    >>> round(bits_per_pixel(0.0), 4)        # the uniform density on [0, 1]^64: log2 17 bits per pixel
    4.0875
    """
    out = -np.asarray(log_density, dtype=float) * BITS_PER_NAT / n_pixels + np.log2(levels)
    return float(out) if out.ndim == 0 else out


def _train_test(X_train: np.ndarray, X_test: np.ndarray, name: str = "X") -> tuple[np.ndarray, np.ndarray]:
    """Training and held-out tables of points, with the same number of columns."""
    X_train = as_points(X_train, name=f"{name}_train", flat=False)
    return X_train, as_points(X_test, dims=X_train.shape[1], name=f"{name}_test", flat=False)


def ppca_n_parameters(d: int, k: int, scale: bool = False) -> int:
    """Free parameters of PPCA: mean d, W d k minus k(k-1)/2 (rotations of z change nothing), sigma^2 1.

    With ``scale`` the d per-pixel scales count too.

    >>> ppca_n_parameters(64, 10), 64 + 64 * 65 // 2     # PPCA with k = 10 vs a full-covariance Gaussian
    (660, 2144)
    """
    return int(d * k + d + 1 - k * (k - 1) // 2 + (d if scale else 0))


class PPCA:
    """Probabilistic PCA: z ~ N(0, I_k), x | z ~ N(mean + W z, sigma^2 S^2), fitted by maximum likelihood.

    Parameters
    ----------
    n_components : int
        k, the number of latent variables (1 <= k < d).
    scale : bool
        If True, the noise of pixel j has its own scale s_j (the pixel's standard deviation in the training
        data): PPCA of the standardised pixels. Plain PPCA (``scale=False``, S = I) gives every pixel the same
        noise sigma^2, which suits near-empty border pixels badly.

    Attributes
    ----------
    mean_ : (d,) mu.
    scale_ : (d,) s (all ones without ``scale``).
    components_ : (k, d) principal directions (of the standardised pixels with ``scale``).
    explained_variance_ : (k,) variance along each direction.
    noise_variance_ : sigma^2, the mean variance of the d - k directions left out.
    W_ : (d, k) the loading matrix in pixel units: x = mean_ + W_ z + noise.
    W_std_ : (d, k) the loading matrix of the standardised pixels (``W_ = scale_[:, None] * W_std_``).
    pca_ : the fitted ``sklearn.decomposition.PCA``.

    Examples
    --------
    >>> s = load_digit_split()
    >>> m = PPCA(n_components=2).fit(s.X_train)
    >>> m.W_.shape, m.inverse_transform([[0.0, 0.0]]).shape
    ((64, 2), (1, 64))
    """

    def __init__(self, n_components: int = 2, scale: bool = False):
        self.n_components = n_components
        self.scale = scale

    def fit(self, X: np.ndarray) -> PPCA:
        X = as_points(X, flat=False)
        n, d = X.shape
        k = int(self.n_components)
        if not 1 <= k < min(n, d):
            raise ValueError(
                f"n_components must be between 1 and {min(n, d) - 1} for data of shape {X.shape} "
                "(one direction must be left for the noise)"
            )
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0, ddof=1) if self.scale else np.ones(d)
        if np.any(self.scale_ <= 0):
            raise ValueError(
                "some pixels are constant in the training data, so they cannot be standardised; "
                "use scale=False or dequantised data"
            )
        self.pca_ = PCA(n_components=k, svd_solver="full").fit(self._standardise(X))
        self.components_ = self.pca_.components_
        self.explained_variance_ = self.pca_.explained_variance_
        self.noise_variance_ = float(self.pca_.noise_variance_)
        if not self.noise_variance_ > 1e-12 * float(np.sum(self.pca_.explained_variance_)):
            raise ValueError(
                f"the data vary in fewer than {k + 1} directions, so no noise is left for sigma^2; use fewer components"
            )
        self.W_std_ = self.components_.T * np.sqrt(np.maximum(self.explained_variance_ - self.noise_variance_, 0))
        self.W_ = self.scale_[:, None] * self.W_std_
        return self

    def _standardise(self, X: np.ndarray) -> np.ndarray:
        return (X - self.mean_) / self.scale_

    @property
    def n_parameters(self) -> int:
        return ppca_n_parameters(self.mean_.size, int(self.n_components), bool(self.scale))

    def covariance(self) -> np.ndarray:
        """The covariance of p(x): W W^T + sigma^2 S^2, a (d, d) matrix."""
        return self.W_ @ self.W_.T + self.noise_variance_ * np.diag(self.scale_**2)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """log p(x) for each row, in nats: log N(x | mean, W W^T + sigma^2 S^2) (z integrated out exactly).

        ``-1/2 [d log 2 pi + log det C + (x - mu)^T C^-1 (x - mu)]``, computed with a Cholesky factor of C
        (:func:`core.gaussian.multivariate_normal_logpdf`).
        """
        X = as_points(X, dims=self.mean_.size, flat=False)
        return multivariate_normal_logpdf(X, self.mean_, self.covariance())

    def score(self, X: np.ndarray) -> float:
        """Average log p(x) over the rows, in nats per image."""
        return float(np.mean(self.score_samples(X)))

    def transform(self, X: np.ndarray) -> np.ndarray:
        """E[z | x]: the latent code of each image, (W_s^T W_s + sigma^2 I)^-1 W_s^T (x - mu) / s."""
        X = as_points(X, dims=self.mean_.size, flat=False)
        Ws = self.W_std_
        M = Ws.T @ Ws + self.noise_variance_ * np.eye(Ws.shape[1])
        return np.linalg.solve(M, Ws.T @ self._standardise(X).T).T

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Generate: x = mean + W z for each row of z (the noise-free image the latent code stands for)."""
        Z = np.atleast_2d(np.asarray(Z, dtype=float))
        if Z.shape[1] != self.W_.shape[1]:
            raise ValueError(f"z must have {self.W_.shape[1]} entries per row (got {Z.shape[1]})")
        return self.mean_ + Z @ self.W_.T

    def reconstruct(self, X: np.ndarray) -> np.ndarray:
        """Project each image onto the k principal directions and back (PCA reconstruction, sigma -> 0)."""
        X = as_points(X, dims=self.mean_.size, flat=False)
        return self.pca_.inverse_transform(self.pca_.transform(self._standardise(X))) * self.scale_ + self.mean_

    def sample(self, n: int = 1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Draw (x, z): z ~ N(0, I), x = mean + W z + sigma S eps."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((int(n), self.W_.shape[1]))
        noise = rng.standard_normal((int(n), self.mean_.size)) * np.sqrt(self.noise_variance_) * self.scale_
        return self.inverse_transform(z) + noise, z


def ppca_log_likelihood_curve(
    X_train: np.ndarray, X_test: np.ndarray, ks: Sequence[int], scale: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Average log p(x) (nats per image) of PPCA for every k in ``ks``, on training and held-out data.

    One eigendecomposition serves all k. With eigenvalues l_1 >= ... >= l_d of the training covariance,
    sigma_k^2 = mean(l_{k+1..d}) and coordinates c = U^T (x - mu):

        log p(x) = -1/2 [ d log 2 pi + sum_{i<=k} log l_i + (d-k) log sigma_k^2
                          + sum_{i<=k} c_i^2 / l_i + sum_{i>k} c_i^2 / sigma_k^2 ]  (- sum_j log s_j with scale).

    Returns
    -------
    train, test : arrays of shape (len(ks),)
    """
    X_train, X_test = _train_test(X_train, X_test)
    n, d = X_train.shape
    ks = np.asarray(ks, dtype=int)
    if ks.size == 0 or ks.min() < 1 or ks.max() >= min(n, d):
        raise ValueError(f"every k must be between 1 and {min(n, d) - 1}")
    mean = X_train.mean(axis=0)
    s = X_train.std(axis=0, ddof=1) if scale else np.ones(d)
    if np.any(s <= 0):
        raise ValueError("some pixels are constant in the training data and cannot be standardised")
    A = (X_train - mean) / s
    lam, U = np.linalg.eigh(A.T @ A / (n - 1))
    lam, U = np.maximum(lam[::-1], 1e-300), U[:, ::-1]
    tail = np.cumsum(lam[::-1])[::-1]  # tail[k] = sum of eigenvalues k..d-1 (0-based)
    log_jac = -np.sum(np.log(s))

    def average(X: np.ndarray) -> np.ndarray:
        c2 = (((X - mean) / s) @ U) ** 2  # (n_points, d)
        out = []
        for k in ks:
            sigma2 = tail[k] / (d - k)
            log_det = np.sum(np.log(lam[:k])) + (d - k) * np.log(sigma2)
            maha = c2[:, :k] @ (1.0 / lam[:k]) + c2[:, k:].sum(axis=1) / sigma2
            out.append(np.mean(-0.5 * (d * LOG_2PI + log_det + maha)) + log_jac)
        return np.array(out)

    return average(X_train), average(X_test)


@dataclass(frozen=True)
class Baseline:
    """A latent-free Gaussian density: its name, average log p(x) (nats per image) and parameter count."""

    name: str
    train: float
    test: float
    n_parameters: int


def gaussian_baseline(X_train: np.ndarray, X_test: np.ndarray, covariance: str = "full") -> Baseline:
    """Fit one Gaussian with no latent variables (``sklearn.mixture.GaussianMixture`` with 1 component).

    ``covariance="full"`` models every pair of pixels (d + d(d+1)/2 parameters); ``"diag"`` treats the
    pixels as independent (2d parameters).

    >>> s = load_digit_split()
    >>> gaussian_baseline(s.X_train, s.X_test, "diag").n_parameters
    128
    """
    X_train, X_test = _train_test(X_train, X_test)
    if covariance not in ("full", "diag"):
        raise ValueError(f"covariance must be 'full' or 'diag' (got {covariance!r})")
    d = X_train.shape[1]
    gm = GaussianMixture(n_components=1, covariance_type=covariance, reg_covar=1e-6, random_state=0).fit(X_train)
    n_params = d + (d * (d + 1) // 2 if covariance == "full" else d)
    name = "full-covariance Gaussian" if covariance == "full" else "independent pixels"
    return Baseline(name, float(gm.score(X_train)), float(gm.score(X_test)), n_params)


@dataclass(frozen=True)
class ReconstructionCurve:
    """How well k principal directions rebuild held-out images, for each k.

    Attributes
    ----------
    ks : (m,) numbers of components.
    mse : (m,) mean squared error per pixel on the held-out images.
    explained_train : (m,) fraction of the training variance the k directions carry.
    explained_test : (m,) fraction of the held-out variance they carry: 1 - SSE_k / SSE_0.
    """

    ks: np.ndarray
    mse: np.ndarray
    explained_train: np.ndarray
    explained_test: np.ndarray


def reconstruction_curve(X_train: np.ndarray, X_test: np.ndarray, ks: Sequence[int]) -> ReconstructionCurve:
    """PCA reconstruction error of held-out images for every k in ``ks`` (one PCA fit serves all k).

    The reconstruction with k directions is mu + U_k U_k^T (x - mu); its squared error is
    |x - mu|^2 - sum_{i<=k} c_i^2 with c = U^T (x - mu).
    """
    X_train, X_test = _train_test(X_train, X_test)
    ks = np.asarray(ks, dtype=int)
    n, d = X_train.shape
    if ks.size == 0 or ks.min() < 0 or ks.max() > min(n, d):
        raise ValueError(f"every k must be between 0 and {min(n, d)}")
    pca = PCA(svd_solver="full").fit(X_train)
    centred = X_test - pca.mean_
    c2 = (centred @ pca.components_.T) ** 2
    total = np.sum(centred**2, axis=1)
    kept = np.concatenate([np.zeros((len(X_test), 1)), np.cumsum(c2, axis=1)], axis=1)
    sse = np.maximum(total[:, None] - kept[:, ks], 0.0)  # (n_test, m)
    ratio = np.concatenate([[0.0], np.cumsum(pca.explained_variance_ratio_)])
    return ReconstructionCurve(
        ks=ks,
        mse=sse.mean(axis=0) / d,
        explained_train=ratio[ks],
        explained_test=1.0 - sse.sum(axis=0) / total.sum(),
    )


def neighbour_label_agreement(
    Z_train: np.ndarray, y_train: np.ndarray, Z_test: np.ndarray, y_test: np.ndarray, n_neighbors: int = 10
) -> float:
    """How often a held-out point's label is the majority label of its nearest training points in z-space.

    A measure of "captured semantics": the latent codes were found without labels; if digits of one kind
    still land together, the share is far above chance (10 % for ten balanced digits).
    ``sklearn.neighbors.KNeighborsClassifier`` accuracy.

    >>> Z = np.array([[0.0], [0.1], [5.0], [5.1]]); y = np.array([0, 0, 1, 1])
    >>> neighbour_label_agreement(Z, y, np.array([[0.05], [5.05]]), np.array([0, 1]), n_neighbors=2)
    1.0
    """
    Z_train, Z_test = _train_test(Z_train, Z_test, "Z")
    if not 1 <= n_neighbors <= len(Z_train):
        raise ValueError(f"n_neighbors must be between 1 and {len(Z_train)}")
    knn = KNeighborsClassifier(n_neighbors=n_neighbors).fit(Z_train, np.asarray(y_train))
    return float(knn.score(Z_test, np.asarray(y_test)))


def sklearn_pca_score_samples(X_train: np.ndarray, X_test: np.ndarray, n_components: int) -> np.ndarray:
    """The reference: ``sklearn.decomposition.PCA(n_components).fit(X_train).score_samples(X_test)`` (nats).

    scikit-learn's PCA exposes exactly the PPCA log-likelihood; :meth:`PPCA.score_samples` must agree with it.
    """
    X_train, X_test = _train_test(X_train, X_test)
    return PCA(n_components=n_components, svd_solver="full").fit(X_train).score_samples(X_test)
