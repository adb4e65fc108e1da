"""Input checks shared by the core modules, with messages a student can act on."""

from __future__ import annotations

import numpy as np


def as_points(X: np.ndarray | list, dims: int | None = None, min_rows: int = 1, name: str = "X") -> np.ndarray:
    """Return ``X`` as a finite float array of shape (n, d); a flat array of numbers becomes (n, 1).

    Raises ``ValueError`` for a wrong shape or number of columns (``dims``), fewer than ``min_rows`` points,
    or NaN/infinity.

    Examples
    --------
    >>> as_points([1.0, 2.0, 3.0]).shape
    (3, 1)
    >>> as_points([[0.0, 1.0], [2.0, 3.0]], dims=2).tolist()
    [[0.0, 1.0], [2.0, 3.0]]
    """
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2:
        raise ValueError(f"{name} must be a list of numbers or an (n, d) array of points; got shape {X.shape}.")
    if dims is not None and X.shape[1] != dims:
        raise ValueError(
            f"{name} must have shape (n, {dims}): this model is {dims}-dimensional, one point per row, "
            f"but {name} has {X.shape[1]} column(s)."
        )
    if len(X) < min_rows:
        raise ValueError(f"{name} needs at least {min_rows} points; got {len(X)}.")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity; remove those values first.")
    return X
