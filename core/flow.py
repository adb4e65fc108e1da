"""A small normalizing flow in 2-D: affine coupling layers trained by exact maximum likelihood.

A normalizing flow is an invertible map f from data space x to a base space z where the points should look
like a standard Gaussian. Because f is invertible and smooth, the change-of-variables formula gives the
exact density of the model q at any x:

    log q(x) = log N(f(x) | 0, I) + log |det df/dx (x)|.

The second term (the log-determinant of the Jacobian) corrects for how much f stretches or squeezes space
around x: where f squeezes a big data region into a small base region, probability piles up.
Sampling runs the map backwards: draw z ~ N(0, I) and return x = f^{-1}(z).

Each layer here is an *affine coupling* layer (Dinh et al., "Density estimation using Real NVP", 2017).
It leaves one coordinate c unchanged and moves the other coordinate u by a scale and shift that depend only
on c:

    y_c = x_c,    y_u = x_u * exp(s(x_c)) + t(x_c),    log |det| = s(x_c).

The Jacobian is triangular, so its log-determinant is just s(x_c), and the inverse is explicit:
x_u = (y_u - t(y_c)) * exp(-s(y_c)). Layers alternate which coordinate they move. Here s and t are
linear combinations of fixed Gaussian bumps (radial basis features) of x_c, so the whole model is small
enough to train by L-BFGS with a hand-written gradient.

Before the layers the data are standardised (a fixed affine map whose log-determinant is included).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from core.gaussian import LOG_2PI, standard_normal_logpdf  # the base density log N(z | 0, I)
from core.validation import as_points, check_n_seed

__all__ = ["CouplingFlow", "standard_normal_logpdf"]


class CouplingFlow:
    """A 2-D normalizing flow: standardisation followed by ``n_layers`` affine coupling layers.

    Parameters
    ----------
    n_layers : number of coupling layers; layer l moves coordinate ``l % 2`` conditioned on the other one.
    n_features : Gaussian bumps per layer used to build s(x_c) and t(x_c).
    max_iter : L-BFGS iterations.
    weight_decay : L2 penalty on the layer weights (keeps scales moderate).
    seed : seed of the small random initialisation.

    Attributes (after ``fit``)
    --------------------------
    shift_, scale_ : the standardisation z0 = (x - shift_) / scale_.
    scale_weights_, shift_weights_ : (n_layers, n_features) weights a, b with s = phi(x_c) @ a, t = phi(x_c) @ b.
    loss_curve_ : average negative log-likelihood (nats per point, penalty excluded) per L-BFGS iteration.

    Examples
    --------
    A flow fitted to a stretched Gaussian gives a density that sums to about 1 over a grid.

    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 2)) * [2.0, 0.5]
    >>> flow = CouplingFlow(n_layers=2, max_iter=30).fit(X)
    >>> g = np.linspace(-9, 9, 181)
    >>> gx, gy = np.meshgrid(g, g)
    >>> mass = np.exp(flow.score_samples(np.c_[gx.ravel(), gy.ravel()])).sum() * (g[1] - g[0]) ** 2
    >>> round(float(mass), 2)
    1.0
    """

    def __init__(
        self,
        n_layers: int = 8,
        n_features: int = 8,
        max_iter: int = 300,
        weight_decay: float = 0.03,
        seed: int = 0,
    ) -> None:
        self.n_layers = n_layers
        self.n_features = n_features
        self.max_iter = max_iter
        self.weight_decay = weight_decay
        self.seed = seed

    # ---- building blocks -------------------------------------------------------------------------
    def _features(self, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """phi_j(c) = exp(-(c - m_j)^2 / (2 w^2)) and its derivative, both (n, n_features)."""
        diff = (c[:, None] - self.centres_[None, :]) / self.width_
        phi = np.exp(-0.5 * diff**2)
        return phi, -diff / self.width_ * phi

    def _standardise(self, X: np.ndarray) -> np.ndarray:
        return (X - self.shift_) / self.scale_

    # ---- the map x -> z and its inverse -----------------------------------------------------------
    def transform(self, X: np.ndarray) -> np.ndarray:
        """f(x): data space -> base space (where points should look like N(0, I))."""
        return self._forward(as_points(X, dims=2))[0]

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return f(x) and log |det df/dx| per point."""
        self._check_fitted()
        Y = self._standardise(X)
        logdet = np.full(len(Y), -np.sum(np.log(self.scale_)))
        for layer in range(self.n_layers):
            u, c = layer % 2, 1 - layer % 2
            phi, _ = self._features(Y[:, c])
            s, t = phi @ self.scale_weights_[layer], phi @ self.shift_weights_[layer]
            Y = Y.copy()
            Y[:, u] = Y[:, u] * np.exp(s) + t
            logdet += s
        return Y, logdet

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """f^{-1}(z): base space -> data space. Undo the layers in reverse order, then un-standardise."""
        self._check_fitted()
        Y = as_points(Z, dims=2, name="Z").copy()
        for layer in reversed(range(self.n_layers)):
            u, c = layer % 2, 1 - layer % 2
            phi, _ = self._features(Y[:, c])
            s, t = phi @ self.scale_weights_[layer], phi @ self.shift_weights_[layer]
            Y[:, u] = (Y[:, u] - t) * np.exp(-s)
        return Y * self.scale_ + self.shift_

    def inverse_path(self, Z: np.ndarray) -> np.ndarray:
        r"""f^{-1}(z) one layer at a time: the points after undoing 0, 1, ..., ``n_layers`` layers, in data units.

        Shape (n_layers + 1, n, 2). Entry 0 is z itself, only un-standardised (``z * scale_ + shift_``: the base
        noise N(0, I) drawn in the data's units); entry l has the last l layers undone; the last entry is
        :meth:`inverse_transform` of z, computed by the same operations. Sampling is this path's last step.

        >>> flow = CouplingFlow(n_layers=2, max_iter=5).fit(np.random.default_rng(0).normal(size=(50, 2)))
        >>> Z = np.zeros((3, 2))
        >>> path = flow.inverse_path(Z)
        >>> path.shape, bool(np.array_equal(path[-1], flow.inverse_transform(Z)))
        ((3, 3, 2), True)
        """
        self._check_fitted()
        Y = as_points(Z, dims=2, name="Z").copy()
        out = [Y * self.scale_ + self.shift_]
        for layer in reversed(range(self.n_layers)):
            u, c = layer % 2, 1 - layer % 2
            phi, _ = self._features(Y[:, c])
            s, t = phi @ self.scale_weights_[layer], phi @ self.shift_weights_[layer]
            Y[:, u] = (Y[:, u] - t) * np.exp(-s)
            out.append(Y * self.scale_ + self.shift_)
        return np.stack(out)

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """Exact log q(x) = log N(f(x) | 0, I) + log |det df/dx|, in nats, per point."""
        Z, logdet = self._forward(as_points(X, dims=2))
        return standard_normal_logpdf(Z) + logdet

    def log_det_jacobian(self, X: np.ndarray) -> np.ndarray:
        """log |det df/dx| per point: how much the flow expands (> 0) or squeezes (< 0) space at x, in nats."""
        return self._forward(as_points(X, dims=2))[1]

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """Draw z ~ N(0, I) and push it through f^{-1}: n samples in data space."""
        check_n_seed(n, seed)
        Z = np.random.default_rng(seed).standard_normal((int(n), 2))
        return self.inverse_transform(Z)

    # ---- training ---------------------------------------------------------------------------------
    def _unpack(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a, b = theta.reshape(2, self.n_layers, self.n_features)
        return a, b

    def _loss_and_grad(self, theta: np.ndarray, X0: np.ndarray) -> tuple[float, np.ndarray]:
        """Average negative log-likelihood of standardised data X0 (+ L2 penalty) and its gradient.

        The constant log-determinant of the standardisation is left out (it does not depend on theta).
        """
        a, b = self._unpack(theta)
        n = len(X0)
        Y, cache = X0, []
        for layer in range(self.n_layers):  # forward pass, keeping what backprop needs
            u, c = layer % 2, 1 - layer % 2
            phi, dphi = self._features(Y[:, c])
            es = np.exp(phi @ a[layer])
            cache.append((Y, phi, dphi, es))
            Y = Y.copy()
            Y[:, u] = Y[:, u] * es + phi @ b[layer]
        loss = 0.5 * np.mean(np.sum(Y**2, axis=1)) - sum(np.mean(np.log(es)) for *_, es in cache)
        ga, gb = np.zeros_like(a), np.zeros_like(b)
        G = Y / n  # dLoss/dY for the Gaussian term
        for layer in reversed(range(self.n_layers)):  # backward pass
            u, c = layer % 2, 1 - layer % 2
            Yin, phi, dphi, es = cache[layer]
            ds = G[:, u] * Yin[:, u] * es - 1.0 / n  # dLoss/ds (the -1/n is the log-det term)
            dt = G[:, u]
            ga[layer], gb[layer] = phi.T @ ds, phi.T @ dt
            Gin = np.empty_like(G)
            Gin[:, u] = G[:, u] * es
            Gin[:, c] = G[:, c] + (dphi @ a[layer]) * ds + (dphi @ b[layer]) * dt
            G = Gin
        loss += self.weight_decay * np.sum(theta**2)
        grad = np.concatenate([ga.ravel(), gb.ravel()]) + 2 * self.weight_decay * theta
        return float(loss), grad

    def fit(self, X: np.ndarray) -> CouplingFlow:
        """Maximise the average log-likelihood (1/n) sum_i log q(x_i) with L-BFGS."""
        X = as_points(X, dims=2, min_rows=5)
        if self.n_layers < 0 or self.n_features < 1:
            raise ValueError("n_layers must be >= 0 and n_features >= 1.")
        self.shift_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)
        if np.any(self.scale_ < 1e-12):
            raise ValueError("The data do not vary along one axis; a 2-D density cannot be fitted to a line.")
        self.centres_ = np.linspace(-2.5, 2.5, self.n_features)
        self.width_ = max(5.0 / max(self.n_features - 1, 1), 0.3)
        X0 = self._standardise(X)
        rng = np.random.default_rng(self.seed)
        theta0 = 0.01 * rng.standard_normal(2 * self.n_layers * self.n_features)
        const = np.sum(np.log(self.scale_)) + LOG_2PI  # turns the training loss into the true NLL
        curve: list[float] = []

        def callback(intermediate_result) -> None:  # noqa: ANN001 - scipy's OptimizeResult
            penalty = self.weight_decay * float(np.sum(intermediate_result.x**2))
            curve.append(float(intermediate_result.fun) - penalty + const)

        if theta0.size:
            res = minimize(
                self._loss_and_grad,
                theta0,
                args=(X0,),
                jac=True,
                method="L-BFGS-B",
                callback=callback,
                options={"maxiter": self.max_iter},
            )
            theta = res.x
        else:
            theta = theta0
        self.scale_weights_, self.shift_weights_ = (w.copy() for w in self._unpack(theta))
        self.loss_curve_ = np.array(curve)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "scale_weights_"):
            raise ValueError("This flow is not fitted yet; call fit(X) first.")

    def grid_lines(self, extent: float = 3.0, n_lines: int = 9, n_points: int = 80) -> tuple[np.ndarray, np.ndarray]:
        """A square grid of lines in base space and the same lines pushed to data space by f^{-1}.

        Returns (base, data), both (n_lines * 2, n_points, 2): horizontal lines first, then vertical ones.
        Shows how the flow warps space: straight lines in z become the curves the density follows in x.
        """
        levels = np.linspace(-extent, extent, n_lines)
        t = np.linspace(-extent, extent, n_points)
        horiz = [np.c_[t, np.full_like(t, v)] for v in levels]
        vert = [np.c_[np.full_like(t, v), t] for v in levels]
        base = np.stack(horiz + vert)
        data = self.inverse_transform(base.reshape(-1, 2)).reshape(base.shape)
        return base, data
