"""Small 2-D data sets and safe readers for data a student brings.

Everything here is generated offline from a seed (no downloads), so every figure in the app is
reproducible. The readers turn an uploaded CSV or pasted numbers into a clean float array, or raise
``ValueError`` with a message that says exactly what to fix.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_moons

from core.validation import as_points, check_n_seed, standardise

CLASSIFICATION_PRESETS: tuple[str, ...] = ("blobs", "moons", "circles", "xor", "imbalanced")
DENSITY_PRESETS: tuple[str, ...] = ("moons", "rings", "spiral", "mixture")

#: The most rows a reader keeps; larger inputs are subsampled (with a note), never silently truncated.
MAX_ROWS = 5000
#: The fewest rows that make a meaningful fit and a train/test split.
MIN_ROWS = 10
#: Upper bound on pasted or uploaded text (characters) before it is even parsed. Equal to the server's upload cap
#: (``server.maxUploadSize`` = 1 MB in .streamlit/config.toml), so every file the server accepts is read, and its
#: rows beyond ``MAX_ROWS`` are subsampled with a note, never refused.
MAX_TEXT_CHARS = 1_048_576


def _check_n_noise_seed(n: int, noise: float, seed: int) -> None:
    check_n_seed(n, seed, min_n=2, max_n=100_000)
    if not 0 <= noise <= 5:
        raise ValueError(f"noise must be between 0 and 5 (got {noise}).")


def classification_2d(name: str, n: int = 300, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labelled 2-D points for a two-class problem.

    Parameters
    ----------
    name : {"blobs", "moons", "circles", "xor", "imbalanced"}
        The shape of the two classes. ``imbalanced`` has about 85 % class 0 and 15 % class 1.
    n : int
        Number of points.
    noise : float
        Spread of the points around the ideal shape (in the data's own units, about 0 to 1).
    seed : int
        Random seed: the same seed gives the same points.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,), integer labels 0 and 1

    Examples
    --------
    >>> X, y = classification_2d("moons", n=100, seed=1)
    >>> X.shape, sorted(set(y.tolist()))
    ((100, 2), [0, 1])
    """
    _check_n_noise_seed(n, noise, seed)
    rng = np.random.default_rng(seed)
    n = int(n)
    if name == "blobs":
        X, y = make_blobs(
            n_samples=n, centers=[(-1.2, -0.6), (1.2, 0.6)], cluster_std=0.5 + 2 * noise, random_state=seed
        )
    elif name == "moons":
        X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
        X = (X - [0.5, 0.25]) * 1.5
    elif name == "circles":
        X, y = make_circles(n_samples=n, noise=noise / 2, factor=0.45, random_state=seed)
        X = X * 2.0
    elif name == "xor":
        X = rng.uniform(-2, 2, size=(n, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        X = X + rng.normal(scale=noise, size=X.shape)
    elif name == "imbalanced":
        n1 = max(2, int(round(0.15 * n)))
        X0 = rng.normal(loc=(-0.6, 0.0), scale=(0.9 + noise, 0.7 + noise), size=(n - n1, 2))
        X1 = rng.normal(loc=(1.4, 0.8), scale=0.35 + noise / 2, size=(n1, 2))
        X = np.vstack([X0, X1])
        y = np.r_[np.zeros(n - n1, int), np.ones(n1, int)]
        order = rng.permutation(n)
        X, y = X[order], y[order]
    else:
        raise ValueError(f"Unknown data set {name!r}; choose one of {', '.join(CLASSIFICATION_PRESETS)}.")
    return np.asarray(X, float), np.asarray(y, int)


def density_2d(name: str, n: int = 500, noise: float = 0.1, seed: int = 0) -> np.ndarray:
    """Unlabelled 2-D points drawn from a shape with interesting structure.

    Parameters
    ----------
    name : {"moons", "rings", "spiral", "mixture"}
    n : int
        Number of points.
    noise : float
        Standard deviation of Gaussian noise added to the ideal shape.
    seed : int
        Random seed.

    Returns
    -------
    X : ndarray of shape (n, 2), roughly centred on 0 with a spread of about 1 to 2.

    Examples
    --------
    >>> density_2d("rings", n=50, seed=0).shape
    (50, 2)
    """
    _check_n_noise_seed(n, noise, seed)
    rng = np.random.default_rng(seed)
    n = int(n)
    if name == "moons":
        X, _ = make_moons(n_samples=n, noise=noise, random_state=seed)
        X = (X - [0.5, 0.25]) * 1.5
    elif name == "rings":
        radius = rng.choice([0.8, 2.0], size=n)
        angle = rng.uniform(0, 2 * np.pi, size=n)
        X = np.c_[radius * np.cos(angle), radius * np.sin(angle)] + rng.normal(scale=noise, size=(n, 2))
    elif name == "spiral":
        t = np.sqrt(rng.uniform(0.05, 1.0, size=n)) * 3 * np.pi
        X = np.c_[t * np.cos(t), t * np.sin(t)] / 3.5 + rng.normal(scale=noise, size=(n, 2))
    elif name == "mixture":
        centres = np.array([(-1.5, -1.0), (1.5, -1.0), (0.0, 1.5)])
        which = rng.choice(3, size=n, p=[0.4, 0.35, 0.25])
        X = centres[which] + rng.normal(scale=0.35 + noise, size=(n, 2))
    else:
        raise ValueError(f"Unknown data set {name!r}; choose one of {', '.join(DENSITY_PRESETS)}.")
    return np.asarray(X, float)


@dataclass(frozen=True)
class PointsTable:
    """What :func:`read_points_csv` found: clean features, optional labels, and a note for the reader."""

    X: np.ndarray
    y: np.ndarray | None
    columns: tuple[str, ...]
    note: str = ""
    classes: tuple[str, ...] = ()  # the label text behind y = 0, 1, ... (empty when unlabelled)


def _as_text(data: bytes | str) -> str:
    """Bytes as text: UTF-8 (with or without a byte-order mark) or UTF-16 with its byte-order mark."""
    if isinstance(data, bytes):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (as some spreadsheet programs save "Unicode text")
            try:
                data = data.decode("utf-16").encode("utf-8")
            except UnicodeDecodeError as err:
                raise ValueError("This file says it is UTF-16 text but is not. Save it as CSV (UTF-8).") from err
        if b"\x00" in data[:4096]:
            raise ValueError("This file looks binary, not a CSV text file. Save it as CSV (comma-separated text).")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ValueError("This file is not UTF-8 text. Save it as CSV with UTF-8 encoding.") from err
    else:
        text = data
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"The input is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}).")
    return text


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def read_points_csv(data: bytes | str, *, labelled: bool, max_rows: int = MAX_ROWS, seed: int = 0) -> PointsTable:
    """Read 2-D points (and optionally a class label) from CSV text.

    The expected layout is two numeric feature columns, then (when ``labelled``) one label column.
    A header row is optional. Labels may be any text or numbers; they are mapped to 0, 1, ... in
    sorted order. More than ``max_rows`` rows are subsampled uniformly at random (``seed``), and
    the returned ``note`` says so.

    Raises
    ------
    ValueError
        For binary or non-UTF-8 files, empty files, a header with no rows, the wrong number of
        columns, non-numeric or missing cells, NaN or infinite values, fewer than 10 rows, or
        (labelled) fewer than two classes.

    Examples
    --------
    >>> rows = "x1,x2,label\\n" + "\\n".join(f"{i},{i % 3},{i % 2}" for i in range(12))
    >>> table = read_points_csv(rows, labelled=True)
    >>> table.X.shape, table.y[:4].tolist(), table.columns, table.classes
    ((12, 2), [0, 1, 0, 1], ('x1', 'x2', 'label'), ('0', '1'))
    """
    text = _as_text(data)
    if not text.strip():
        raise ValueError("The file is empty. Expected rows like: 0.5, 1.2" + (", A" if labelled else "") + ".")
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t ")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), dialect) if any(c.strip() for c in r)]
    except csv.Error as err:
        raise ValueError(f"This file could not be read as CSV ({err}). Save it as comma-separated text.") from err
    rows = [[c.strip() for c in r] for r in rows]
    want = 3 if labelled else 2
    layout = "two numeric feature columns and a label column" if labelled else "two numeric columns"
    header: tuple[str, ...] = ()
    if rows and not all(_is_number(c) for c in rows[0][:2]):
        header = tuple(rows[0])
        rows = rows[1:]
    if not rows:
        raise ValueError(f"The file has a header but no data rows. Expected {layout}.")
    bad_width = [i for i, r in enumerate(rows) if len(r) != want]
    if bad_width:
        i = bad_width[0]
        raise ValueError(f"Expected {want} columns ({layout}), but row {i + 1 + bool(header)} has {len(rows[i])}.")
    if len(rows) < MIN_ROWS:
        raise ValueError(f"Only {len(rows)} data rows; at least {MIN_ROWS} are needed to fit and test a model.")
    features = np.empty((len(rows), 2))
    for i, r in enumerate(rows):
        for j in range(2):
            cell = r[j]
            if cell == "":
                raise ValueError(f"Row {i + 1 + bool(header)}, column {j + 1} is empty: every cell needs a number.")
            try:
                features[i, j] = float(cell)
            except ValueError as err:
                raise ValueError(
                    f"Row {i + 1 + bool(header)}, column {j + 1} is {cell[:30]!r}, which is not a number."
                ) from err
    if not np.all(np.isfinite(features)):
        i = int(np.argwhere(~np.isfinite(features))[0, 0])
        raise ValueError(f"Row {i + 1 + bool(header)} contains NaN or infinity; remove or fix it.")
    if np.max(np.abs(features)) > 1e12:
        raise ValueError("Some values are larger than 1e12 in size; rescale the data first.")
    y = None
    if labelled:
        raw = [r[2] for r in rows]
        if any(lab == "" for lab in raw):
            raise ValueError("Some rows have an empty label; every row needs a class label.")
        classes = sorted(set(raw))
        if len(classes) < 2:
            raise ValueError(f"Only one class ({classes[0]!r}) in the label column; a classifier needs two.")
        if len(classes) > 2:
            raise ValueError(
                f"Found {len(classes)} classes ({', '.join(map(repr, classes[:5]))}...); this page compares "
                "two-class models, so keep two."
            )
        index = {c: k for k, c in enumerate(classes)}
        y = np.array([index[lab] for lab in raw], int)
    note = ""
    if len(features) > max_rows:
        keep = np.sort(np.random.default_rng(seed).choice(len(features), size=max_rows, replace=False))
        note = f"Subsampled {max_rows:,} of {len(features):,} rows at random (seed {seed}) to keep the page fast."
        features = features[keep]
        y = None if y is None else y[keep]
    columns = header if header else (("x1", "x2", "label") if labelled else ("x1", "x2"))
    return PointsTable(X=features, y=y, columns=tuple(columns), note=note, classes=tuple(classes) if labelled else ())


_SEPARATORS = re.compile(r"[,\s;]+")


def parse_numbers(text: str, *, dims: int, max_values: int = 100_000) -> np.ndarray:
    """Parse pasted numbers into an array of points.

    For ``dims=1`` any mix of commas, spaces, semicolons and newlines separates values. For
    ``dims=2`` each non-empty line is one point with two numbers.

    Returns
    -------
    ndarray of shape (n, dims)

    Raises
    ------
    ValueError
        Empty text, a token that is not a number, NaN or infinity, a line with the wrong count of
        numbers, fewer than 10 points, or more than ``max_values`` numbers.

    Examples
    --------
    >>> parse_numbers("1, 2, 3 4\\n5 6 7 8 9 10", dims=1).ravel().tolist()
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    """
    if dims not in (1, 2):
        raise ValueError(f"dims must be 1 or 2 (got {dims}).")
    text = _as_text(text)
    if not text.strip():
        raise ValueError("Nothing to read: paste some numbers, e.g. 0.3, 1.2, -0.5, ...")
    if dims == 1:
        tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
        lines = [[t] for t in tokens]
    else:
        lines = [[t for t in _SEPARATORS.split(line.strip()) if t] for line in text.splitlines() if line.strip()]
    count = sum(len(line) for line in lines)
    if count > max_values:
        raise ValueError(f"Too many numbers ({count:,}); the limit is {max_values:,}.")
    out = np.empty((len(lines), dims))
    for i, line in enumerate(lines):
        if len(line) != dims:
            raise ValueError(f"Line {i + 1} has {len(line)} numbers; each line needs exactly {dims} (x1 x2).")
        for j, token in enumerate(line):
            try:
                value = float(token)
            except ValueError as err:
                raise ValueError(f"{token[:30]!r} is not a number (item {i + 1}).") from err
            if not math.isfinite(value):
                raise ValueError(f"{token[:30]!r} is not a finite number (item {i + 1}); remove NaN and infinity.")
            if abs(value) > 1e12:
                raise ValueError(f"{token[:30]!r} is too large in size (item {i + 1}); rescale the data first.")
            out[i, j] = value
    if len(out) < MIN_ROWS:
        raise ValueError(f"Only {len(out)} points; paste at least {MIN_ROWS}.")
    return out


def standardise_2d(X: np.ndarray) -> np.ndarray:
    """Shift and scale each column to mean 0 and standard deviation 1.

    A constant column (zero spread) is only shifted, since it cannot be scaled.

    Examples
    --------
    >>> Z = standardise_2d(np.array([[1.0, 10.0], [3.0, 30.0]]))
    >>> Z.tolist()
    [[-1.0, -1.0], [1.0, 1.0]]
    """
    return standardise(as_points(X, flat=False))
