r"""Fitted models as plain arrays: save a trained model to an ``.npz`` file and load it back, without pickle.

A model here follows scikit-learn's convention: its hyperparameters are the arguments of ``__init__`` (kept as
attributes of the same names) and everything ``fit`` learns is an attribute whose name ends in ``_``. So a
fitted model is fully described by

.. math:: \text{model} = \text{class}\big(\text{hyperparameters}\big) + \{\text{name}\_ : \text{value}\},

and that is what is written: a small JSON *manifest* (class names, hyperparameters, the structure of the
fitted attributes, a free ``meta`` record) and the numbers as named arrays, together in one compressed ``.npz``.
Values may be numbers, strings, ``None``, arrays, lists / tuples / dicts of them, a :class:`core.nn.MLP`
(its ``params`` and activation) or another model of this kind (scikit-learn estimators inside the app's models:
a ``GaussianMixture``, a ``Pipeline``, a ``BSpline``).

Why not pickle: loading a pickle runs whatever code the file names, so a shipped or downloaded pickle must be
trusted completely. Loading here reads arrays with ``allow_pickle=False`` and only ever builds classes from
:data:`CLASSES`, a fixed list; anything else in a file is refused with a ``ValueError``.

Float arrays are stored as ``float32`` by default (half the size) and come back as ``float64``: the model loaded
from the file is then *the* model (a fresh fit agrees with it to float32 precision, about 7 digits), and loading
the same file always gives the same numbers. ``float_dtype=np.float64`` stores them exactly.

Examples
--------
>>> import io
>>> from core.flow import CouplingFlow
>>> X = np.random.default_rng(0).normal(size=(200, 2)) * [2.0, 0.5]
>>> flow = CouplingFlow(n_layers=2, max_iter=20).fit(X)
>>> buffer = io.BytesIO()
>>> save(buffer, {"flow": flow}, meta={"data": "stretched Gaussian"}, float_dtype=np.float64)
>>> _ = buffer.seek(0)
>>> bundle = load(buffer)
>>> again = bundle.models["flow"]
>>> type(again).__name__, again.n_layers, bundle.meta["data"]
('CouplingFlow', 2, 'stretched Gaussian')
>>> bool(np.array_equal(again.score_samples(X), flow.score_samples(X)))
True
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
from scipy.interpolate import BSpline
from sklearn.linear_model import LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import SplineTransformer

from core.autoregressive import Autoregressive2D
from core.diffusion import DiffusionModel
from core.ebm import BumpEnergyModel, Grid
from core.flow import CouplingFlow
from core.implicit import ImplicitGenerator
from core.mixture import MixtureModel
from core.nn import MLP
from core.vae import SmallVAE

#: The format written in every manifest; :func:`load` refuses any other.
FORMAT = "genai-foundations/fitted-1"
#: Where the project's shipped fits live (``scripts/fit_presets.py`` writes them).
FITS_DIR = Path(__file__).resolve().parent / "data" / "fits"
#: How many draws (seeds 0, 1, ...) of each preset data set have shipped fits.
DRAWS = 5

#: The only classes a file may name: the app's model classes and the scikit-learn / scipy parts inside them.
CLASSES: dict[str, type] = {
    f"{cls.__module__}.{cls.__qualname__}": cls
    for cls in (
        SmallVAE,
        ImplicitGenerator,
        DiffusionModel,
        CouplingFlow,
        BumpEnergyModel,
        Grid,
        Autoregressive2D,
        MixtureModel,
        GaussianMixture,
        MLPRegressor,
        LogisticRegression,
        SplineTransformer,
        Pipeline,
        BSpline,
    )
}
_MLP = f"{MLP.__module__}.{MLP.__qualname__}"
#: A fitted attribute's name: lower-case letters, digits and underscores, ending in one underscore.
_FITTED_NAME = re.compile(r"[a-z]([a-z0-9_]*[a-z0-9])?_")
_MANIFEST = "__manifest__"


@dataclass(frozen=True)
class Bundle:
    """What a file holds: its models by name, and the ``meta`` record saved with them."""

    models: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)


def class_name(model: object) -> str:
    """The name a file records for ``model``'s class (``module.Class``).

    >>> class_name(CouplingFlow())
    'core.flow.CouplingFlow'
    """
    cls = type(model)
    return f"{cls.__module__}.{cls.__qualname__}"


def hyperparameters(model: object) -> dict[str, Any]:
    """The arguments of ``type(model).__init__``, read from the model's attributes of the same names.

    >>> hyperparameters(CouplingFlow(n_layers=3))["n_layers"]
    3
    """
    out = {}
    for name, parameter in inspect.signature(type(model).__init__).parameters.items():
        if name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if not hasattr(model, name):
            raise ValueError(
                f"{class_name(model)} does not keep its argument {name!r} as an attribute, so it cannot be saved."
            )
        out[name] = getattr(model, name)
    return out


def fitted_attributes(model: object) -> dict[str, Any]:
    """What ``fit`` learned: the attributes whose names end in ``_`` (private ``_names`` are not part of it)."""
    return {k: v for k, v in vars(model).items() if k.endswith("_") and not k.startswith("_")}


# ----------------------------------------------------------------------------- encoding


class _Writer:
    """Turns values into JSON-able structure, collecting the arrays under keys ``a0``, ``a1``, ..."""

    def __init__(self, float_dtype: np.dtype) -> None:
        self.float_dtype = np.dtype(float_dtype)
        self.arrays: dict[str, np.ndarray] = {}

    def array(self, value: np.ndarray, exact: bool = False) -> str:
        if value.dtype == object or value.dtype.kind not in "biufU":
            raise ValueError(f"Cannot save an array of dtype {value.dtype}: only numbers, booleans and text.")
        if value.dtype.kind == "f" and not exact:
            value = value.astype(self.float_dtype)
        key = f"a{len(self.arrays)}"
        self.arrays[key] = value
        return key

    def encode(self, value: Any, where: str) -> Any:
        if value is None or isinstance(value, bool | str):
            return value
        if isinstance(value, int | float) and not isinstance(value, np.generic):
            return value if isinstance(value, int) or np.isfinite(value) else {"float": repr(float(value))}
        if isinstance(value, np.generic):  # a numpy scalar keeps its dtype and its exact value
            if value.dtype.kind not in "biuf":
                raise ValueError(f"{where}: cannot save a numpy scalar of dtype {value.dtype}.")
            number = value.item()
            if isinstance(number, float) and not np.isfinite(number):
                number = repr(number)
            return {"scalar": value.dtype.str, "value": number}
        if isinstance(value, np.ndarray):
            return {"array": self.array(value, exact=value.ndim == 0)}
        if isinstance(value, tuple | list):
            items = [self.encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
            return {"tuple": items} if isinstance(value, tuple) else {"list": items}
        if isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                raise ValueError(f"{where}: only dicts with text keys can be saved.")
            return {"dict": {k: self.encode(v, f"{where}[{k!r}]") for k, v in value.items()}}
        if isinstance(value, MLP):
            return {
                "object": _MLP,
                "activation": value.activation,
                "params": [{"array": self.array(np.asarray(p))} for p in value.params],
            }
        name = class_name(value)
        if name not in CLASSES:
            raise ValueError(f"{where}: cannot save a {name}; known classes: {', '.join(sorted(CLASSES))}.")
        init = {k: self.encode(v, f"{where}.{k}") for k, v in hyperparameters(value).items()}
        learned = {k: self.encode(v, f"{where}.{k}") for k, v in fitted_attributes(value).items()}
        return {"object": name, "init": init, "fitted": learned}


def save(
    path: str | Path | IO[bytes],
    models: Mapping[str, object],
    meta: Mapping[str, Any] | None = None,
    float_dtype: type | np.dtype = np.float32,
) -> None:
    """Write fitted ``models`` (name -> model) and a JSON-able ``meta`` record to one compressed ``.npz``.

    Float arrays are stored as ``float_dtype`` (default float32; 0-d arrays and numpy scalars stay exact).
    Raises ``ValueError`` for anything that cannot be written as plain arrays (see :data:`CLASSES`).
    """
    if not models:
        raise ValueError("Nothing to save: pass at least one model, e.g. {'flow': flow}.")
    writer = _Writer(float_dtype)
    manifest = {
        "format": FORMAT,
        "models": {str(k): writer.encode(m, str(k)) for k, m in models.items()},
        "meta": json.loads(json.dumps(dict(meta or {}))),  # refuses what JSON cannot hold
    }
    text = np.frombuffer(json.dumps(manifest).encode("utf-8"), dtype=np.uint8)  # UTF-8 bytes: 4x smaller than str
    np.savez_compressed(path, **{_MANIFEST: text}, **writer.arrays)


# ----------------------------------------------------------------------------- decoding


class _Reader:
    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        self.arrays = arrays

    def array(self, key: str) -> np.ndarray:
        if key not in self.arrays:
            raise ValueError(f"The file names an array {key!r} it does not hold.")
        value = self.arrays[key]
        return value.astype(np.float64) if value.dtype.kind == "f" and value.ndim else value

    def decode(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if not isinstance(value, dict) or len(value) == 0:
            raise ValueError(f"Unreadable entry in the file: {str(value)[:80]}")
        if "float" in value:
            return float(value["float"])
        if "scalar" in value:
            dtype = np.dtype(value["scalar"])
            if dtype.kind not in "biuf":
                raise ValueError(f"Refusing a scalar of dtype {dtype}: only numbers and booleans.")
            number = value["value"]
            return dtype.type(float(number) if isinstance(number, str) else number)
        if "array" in value:
            return self.array(value["array"])
        if "tuple" in value:
            return tuple(self.decode(v) for v in value["tuple"])
        if "list" in value:
            return [self.decode(v) for v in value["list"]]
        if "dict" in value:
            return {k: self.decode(v) for k, v in value["dict"].items()}
        if value.get("object") == _MLP:
            params = [self.array(p["array"]) for p in value["params"]]
            sizes = [w.shape[0] for w in params[::2]] + [params[-2].shape[1]]
            net = MLP(sizes, activation=value["activation"])
            net.params = params
            return net
        if value.get("object") in CLASSES:
            cls = CLASSES[value["object"]]
            model = cls(**{k: self.decode(v) for k, v in value["init"].items()})
            for name, v in value["fitted"].items():
                if not _FITTED_NAME.fullmatch(name):
                    raise ValueError(f"Refusing the attribute {name!r}: fitted attributes end in one '_'.")
                setattr(model, name, self.decode(v))
            return model
        raise ValueError(f"The file names an unknown class {value.get('object')!r}; nothing was loaded.")


def load(path: str | Path | IO[bytes]) -> Bundle:
    """The models and ``meta`` record of a file written by :func:`save` (float arrays come back as float64).

    Only classes of :data:`CLASSES` are built and no pickle is read: a file that asks for anything else raises
    ``ValueError``.
    """
    try:
        with np.load(path, allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files}
    except (OSError, EOFError) as err:
        raise ValueError(f"Cannot read fitted models from {path}: {err}") from err
    except ValueError as err:  # numpy refuses object arrays without pickle
        raise ValueError(f"Refusing {path}: it holds something other than plain arrays ({err}).") from err
    if _MANIFEST not in arrays:
        raise ValueError(f"{path} is not a file of fitted models (it has no manifest).")
    try:
        manifest = json.loads(arrays.pop(_MANIFEST).astype(np.uint8).tobytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise ValueError(f"{path} has an unreadable manifest ({err}).") from err
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{path} has format {manifest.get('format')!r}; this code reads {FORMAT!r}.")
    reader = _Reader(arrays)
    try:
        return Bundle({name: reader.decode(v) for name, v in manifest["models"].items()}, manifest.get("meta", {}))
    except (TypeError, KeyError, AttributeError, IndexError) as err:
        raise ValueError(f"{path} does not describe models this code can build ({err!r}).") from err


def differences(a: Mapping[str, object], b: Mapping[str, object], rtol: float = 1e-5, atol: float = 1e-6) -> list[str]:
    """Where two sets of fitted models differ, compared as :func:`save` writes them (float arrays as float32).

    Structure, classes, hyperparameters and every non-float value must be equal; float arrays and numbers agree
    within ``rtol``/``atol``. Returns one line per difference (empty: they agree): how ``scripts/fit_presets.py
    --check`` and the tests compare a fresh fit with a shipped file.

    >>> from core.mixture import MixtureModel
    >>> X = np.random.default_rng(0).normal(size=(100, 2))
    >>> differences({"m": MixtureModel(2).fit(X)}, {"m": MixtureModel(2).fit(X)})
    []
    >>> differences({"m": MixtureModel(2).fit(X)}, {"m": MixtureModel(2).fit(X + 1)})[0]
    'm.fitted.gmm_.fitted.means_: arrays differ ...'
    """
    left, right = _Writer(np.float32), _Writer(np.float32)
    ma = {k: left.encode(v, k) for k, v in a.items()}
    mb = {k: right.encode(v, k) for k, v in b.items()}
    found: list[str] = []

    def close(x: np.ndarray, y: np.ndarray) -> bool:
        if x.shape != y.shape or x.dtype.kind != y.dtype.kind:
            return False
        if x.dtype.kind == "f":
            return bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))
        return bool(np.array_equal(x, y))

    def walk(x: Any, y: Any, where: str) -> None:
        if isinstance(x, dict) and isinstance(y, dict):
            if set(x) != set(y):
                found.append(f"{where}: entries {sorted(set(x) ^ set(y))} on one side only")
                return
            for key in x:
                if key == "array" and isinstance(x[key], str) and isinstance(y[key], str):
                    xa, ya = left.arrays[x[key]], right.arrays[y[key]]
                    if not close(xa, ya):
                        gap = np.max(np.abs(xa - ya)) if xa.shape == ya.shape and xa.dtype.kind in "fiu" else "-"
                        found.append(f"{where}: arrays differ (shapes {xa.shape}, {ya.shape}; largest gap {gap})")
                    continue
                inner = where if key in ("dict", "list", "tuple") else f"{where}.{key}"
                walk(x[key], y[key], inner)
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                found.append(f"{where}: {len(x)} items against {len(y)}")
                return
            for i, (u, v) in enumerate(zip(x, y, strict=True)):
                walk(u, v, f"{where}[{i}]")
        elif isinstance(x, float) and isinstance(y, float):
            if not np.isclose(x, y, rtol=rtol, atol=atol):
                found.append(f"{where}: {x!r} against {y!r}")
        elif x != y or type(x) is not type(y):
            found.append(f"{where}: {x!r} against {y!r}")

    walk(ma, mb, "")
    return [line.lstrip(".") for line in found]


def shipped_path(group: str, preset: str, draw: int) -> Path:
    """The shipped file of one page's fits (``group``) on one preset data set and draw (its seed).

    >>> shipped_path("types", "moons", 0).name
    'types-moons-0.npz'
    """
    if not re.fullmatch(r"[a-z]+", group) or not re.fullmatch(r"[a-z]+", preset):
        raise ValueError(f"group and preset are lower-case names (got {group!r}, {preset!r}).")
    if not 0 <= int(draw) < DRAWS:
        raise ValueError(f"Seed {draw} has no model trained in advance: choose a seed from 0 to {DRAWS - 1}.")
    return FITS_DIR / f"{group}-{preset}-{int(draw)}.npz"


def data_digest(X: np.ndarray) -> str:
    """A short fingerprint of the training points a fit saw (SHA-256 of their float64 bytes, 16 hex digits).

    >>> data_digest(np.zeros((2, 2)))
    '66687aadf862bd77'
    """
    return hashlib.sha256(np.ascontiguousarray(X, dtype=np.float64).tobytes()).hexdigest()[:16]
