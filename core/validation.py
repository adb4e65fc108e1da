"""Input checks shared by the core modules, with messages a student can act on: one definition each.

* :func:`as_points` - a cloud of points, shape (n, d), finite;
* :func:`check_n_seed` and :func:`as_seed` - how many samples to draw, and the seed that makes them repeatable;
* :func:`standardisation` and :func:`standardise` - shift and scale each column to mean 0 and standard deviation 1.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def as_points(
    X: ArrayLike,
    dims: int | None = None,
    min_rows: int = 1,
    name: str = "X",
    *,
    flat: bool = True,
    rows: str = "points",
) -> np.ndarray:
    """Return ``X`` as a finite float array of shape (n, d).

    Parameters
    ----------
    X : array_like
        One point per row. With ``flat=True`` a flat list of numbers is read as n points in 1-D, shape (n, 1);
        with ``flat=False`` only a 2-D array is accepted (models that need whole points).
    dims : int, optional
        The number of columns the model needs.
    min_rows : int
        The fewest points accepted.
    name : str
        How the error messages call ``X``.
    rows : str
        How the error messages call its rows (``"images"``, ...).

    Raises
    ------
    ValueError
        For a wrong shape or number of columns, fewer than ``min_rows`` points, or NaN/infinity.

    Examples
    --------
    >>> as_points([1.0, 2.0, 3.0]).shape
    (3, 1)
    >>> as_points([[0.0, 1.0], [2.0, 3.0]], dims=2).tolist()
    [[0.0, 1.0], [2.0, 3.0]]
    >>> as_points([1.0, 2.0], flat=False)
    Traceback (most recent call last):
    ValueError: X must be a 2-D array of points with shape (n, d); got shape (2,).
    """
    X = np.asarray(X, dtype=float)
    if X.ndim == 1 and flat:
        X = X[:, None]
    if X.ndim != 2:
        wanted = "a list of numbers or an (n, d) array of points" if flat else "a 2-D array of points with shape (n, d)"
        raise ValueError(f"{name} must be {wanted}; got shape {X.shape}.")
    if dims is not None and X.shape[1] != dims:
        cols = f"{X.shape[1]} column" + ("" if X.shape[1] == 1 else "s")
        raise ValueError(
            f"{name} must have shape (n, {dims}): this model is {dims}-dimensional, one point per row, "
            f"but {name} has {cols}."
        )
    if len(X) < min_rows:
        what = rows[:-1] if min_rows == 1 and rows.endswith("s") else rows
        raise ValueError(f"{name} needs at least {min_rows} {what}; got {len(X)}.")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity; remove those values first.")
    return X


def as_seed(seed: int) -> int:
    """Return ``seed`` as an int, or raise ``ValueError`` if it is negative (numpy seeds are >= 0).

    The same seed always gives the same draws: every ``sample(n, seed)`` in ``core`` is repeatable.

    Examples
    --------
    >>> as_seed(7)
    7
    """
    if int(seed) < 0:
        raise ValueError(f"seed must be a non-negative integer (got {seed}).")
    return int(seed)


def check_n_seed(n: int, seed: int, min_n: int = 1, max_n: int | None = None) -> None:
    """Validate a sample size ``min_n <= n <= max_n`` and a seed (shared by every model's ``sample``).

    Examples
    --------
    >>> check_n_seed(10, 0)
    >>> check_n_seed(0, 0)
    Traceback (most recent call last):
    ValueError: n must be at least 1 (got 0): the number of points to draw is a positive whole number.
    """
    if int(n) < min_n:
        kind = "a positive whole number" if min_n >= 1 else "a whole number"
        raise ValueError(f"n must be at least {min_n} (got {n}): the number of points to draw is {kind}.")
    if max_n is not None and int(n) > max_n:
        raise ValueError(f"n must be at most {max_n} points (got {n}); use fewer points.")
    as_seed(seed)


def standardisation(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""The shift and scale that standardise each column: :math:`z = (x - \mu) / s`.

    ``mu`` is the column mean and ``s`` the column standard deviation (``ddof=0``), in the units of ``X``;
    a constant column gets ``s = 1`` (it can only be shifted). Models that standardise their data inside
    ``fit`` keep these as ``mean_`` and ``scale_``.

    Examples
    --------
    >>> mean, scale = standardisation(np.array([[1.0, 5.0], [3.0, 5.0]]))
    >>> mean.tolist(), scale.tolist()
    ([2.0, 5.0], [1.0, 1.0])
    """
    sd = X.std(axis=0)
    return X.mean(axis=0), np.where(sd > 0, sd, 1.0)


def standardise(X: ArrayLike) -> np.ndarray:
    """Shift and scale every column to mean 0 and standard deviation 1 (a constant column is only shifted).

    Examples
    --------
    >>> standardise([1.0, 3.0]).ravel().tolist()
    [-1.0, 1.0]
    """
    X = as_points(X)
    mean, scale = standardisation(X)
    return (X - mean) / scale
