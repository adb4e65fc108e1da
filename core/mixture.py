"""A Gaussian mixture as a *prescribed latent-variable model* with a discrete latent z.

The generative story, read top to bottom, is the slide's "explicit latent z with known prior p(z),
learn p(x|z)":

    z ~ Categorical(pi_1, ..., pi_K)          (prior p(z): which component)
    x | z = k ~ N(mu_k, Sigma_k)              (decoder p(x|z): a Gaussian blob)

Because z takes only K values, the marginal likelihood is an exact finite sum,

    p(x) = sum_k pi_k N(x; mu_k, Sigma_k),

so this model can give p(x) exactly, sample, and give a latent code (the posterior p(z|x)).
The fitting itself (EM) is scikit-learn's :class:`~sklearn.mixture.GaussianMixture`; this class only
adds the lecture's vocabulary and a seeded ``sample(n, seed)``.
"""

from __future__ import annotations

import numpy as np
from sklearn.mixture import GaussianMixture

from core.validation import as_points, check_n_seed


class MixtureModel:
    """Gaussian mixture: discrete latent z (which blob), exact p(x).

    Parameters
    ----------
    n_components : int
        K, the number of values the latent z can take.
    covariance_type : {"full", "diag", "spherical", "tied"}
        Shape of each blob, passed to :class:`~sklearn.mixture.GaussianMixture`.
    seed : int
        Seed for EM's initialisation.

    Attributes
    ----------
    weights_ : ndarray (K,)
        The prior p(z = k) = pi_k.
    means_, covariances_ : ndarray
        The decoder p(x | z = k) = N(means_[k], covariances_[k]).
    gmm_ : GaussianMixture
        The fitted scikit-learn estimator.

    Examples
    --------
    >>> X = np.r_[np.random.default_rng(0).normal(-3, 1, (200, 2)), np.random.default_rng(1).normal(3, 1, (200, 2))]
    >>> model = MixtureModel(n_components=2).fit(X)
    >>> np.round(np.sort(model.weights_), 2).tolist()
    [0.5, 0.5]
    >>> model.sample(5, seed=0).shape
    (5, 2)
    """

    def __init__(self, n_components: int = 8, covariance_type: str = "full", seed: int = 0) -> None:
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.seed = seed

    def fit(self, X: np.ndarray) -> MixtureModel:
        """Fit the prior and the K Gaussians by EM (maximum likelihood). Returns self."""
        if int(self.n_components) < 1:
            raise ValueError(f"n_components must be at least 1 (got {self.n_components}).")
        X = as_points(X, min_rows=max(2, int(self.n_components)), flat=False)
        self.gmm_ = GaussianMixture(
            n_components=int(self.n_components),
            covariance_type=self.covariance_type,
            random_state=int(self.seed),
            reg_covar=1e-4,
            n_init=1,
        ).fit(X)
        self.weights_ = self.gmm_.weights_
        self.means_ = self.gmm_.means_
        # "full" layout (K, d, d) whatever covariance_type was used, so sampling needs one code path.
        self.covariances_ = self._full_covariances()
        return self

    def _full_covariances(self) -> np.ndarray:
        g, k, d = self.gmm_, self.gmm_.n_components, self.gmm_.means_.shape[1]
        if g.covariance_type == "full":
            return g.covariances_
        if g.covariance_type == "tied":
            return np.repeat(g.covariances_[None], k, axis=0)
        if g.covariance_type == "diag":
            return np.stack([np.diag(c) for c in g.covariances_])
        return np.stack([c * np.eye(d) for c in g.covariances_])

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        r"""Exact log p(x) in nats per point: :math:`\log \sum_k \pi_k \mathcal N(x;\mu_k,\Sigma_k)`."""
        return self.gmm_.score_samples(as_points(X, flat=False))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """The posterior p(z = k | x), shape (n, K): the latent code as a soft assignment."""
        return self.gmm_.predict_proba(as_points(X, flat=False))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most likely latent value argmax_k p(z = k | x), shape (n,)."""
        return self.gmm_.predict(as_points(X, flat=False))

    def sample_latent(self, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Ancestral sampling: z ~ p(z), then x ~ p(x | z). Returns (x of shape (n, d), z of shape (n,))."""
        check_n_seed(n, seed)
        rng = np.random.default_rng(seed)
        z = rng.choice(len(self.weights_), size=int(n), p=self.weights_ / self.weights_.sum())
        chol = np.linalg.cholesky(self.covariances_)  # (K, d, d)
        eps = rng.standard_normal((int(n), self.means_.shape[1]))
        x = self.means_[z] + np.einsum("nij,nj->ni", chol[z], eps)
        return x, z

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Draw n new points, shape (n, d); the same seed gives the same points."""
        return self.sample_latent(n, seed)[0]
