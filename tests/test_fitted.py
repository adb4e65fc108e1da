"""Fitted models as plain arrays (core.fitted) and the fits shipped in core/data/fits (scripts/fit_presets.py).

Round trips per model class, the refusal of anything that is not plain arrays of known classes, and the shipped
files: every one loads, scores, belongs to the data the page would draw, and a fresh fit of a cheap model matches it.
"""

from __future__ import annotations

import importlib.util
import io
import json
from itertools import product

import numpy as np
import pytest

from core import datasets, fitted
from core.autoregressive import Autoregressive2D
from core.diffusion import DiffusionModel
from core.ebm import BumpEnergyModel
from core.flow import CouplingFlow
from core.implicit import ImplicitGenerator
from core.mixture import MixtureModel
from core.vae import SmallVAE
from tests.conftest import ROOT

#: One small, quick fit of every class the pages ship.
SMALL = {
    "autoregressive": lambda: Autoregressive2D(seed=1),
    "flow": lambda: CouplingFlow(n_layers=4, max_iter=40, seed=1),
    "energy": lambda: BumpEnergyModel(),
    "vae": lambda: SmallVAE(n_steps=150, seed=1),
    "gmmn": lambda: ImplicitGenerator(n_steps=60, seed=1),
    "diffusion": lambda: DiffusionModel(n_epochs=3, seed=1),
    "mixture": lambda: MixtureModel(n_components=3, seed=1),
}
X = datasets.density_2d("moons", n=300, seed=3)
PROBE = np.array([[0.0, 0.25], [-0.75, 1.0], [3.0, -2.0]])


@pytest.fixture(scope="module")
def small_fits() -> dict:
    return {name: make().fit(X) for name, make in SMALL.items()}


def round_trip(models: dict, **kw) -> fitted.Bundle:
    buffer = io.BytesIO()
    fitted.save(buffer, models, **kw)
    buffer.seek(0)
    return fitted.load(buffer)


def outputs(model) -> list[np.ndarray]:
    """What a page uses of a model: its samples (seeded) and, if it has one, its log-density."""
    out = [model.sample(40, seed=5)]
    if hasattr(model, "score_samples"):
        out.append(model.score_samples(np.vstack([X[:50], PROBE])))
    return out


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", SMALL)
def test_an_exact_round_trip_gives_identical_samples_and_scores(small_fits, name):
    model = small_fits[name]
    again = round_trip({name: model}, float_dtype=np.float64).models[name]
    assert type(again) is type(model)
    assert fitted.hyperparameters(again).keys() == fitted.hyperparameters(model).keys()
    for before, after in zip(outputs(model), outputs(again), strict=True):
        np.testing.assert_array_equal(after, before)
    assert fitted.differences({name: model}, {name: again}, rtol=0, atol=0) == []


@pytest.mark.parametrize("name", SMALL)
def test_a_float32_file_is_the_model_to_float32_precision_and_loads_the_same_every_time(small_fits, name):
    model = small_fits[name]
    first = round_trip({name: model}).models[name]
    second = round_trip({name: first}).models[name]  # saving the loaded model changes nothing
    for a, b in zip(outputs(first), outputs(second), strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(outputs(model), outputs(first), strict=True):
        np.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-4)
    assert fitted.differences({name: model}, {name: first}) == []


def test_float32_halves_the_file(small_fits):
    sizes = {}
    for dtype in (np.float32, np.float64):
        buffer = io.BytesIO()
        fitted.save(buffer, small_fits, float_dtype=dtype)
        sizes[dtype] = len(buffer.getvalue())
    assert sizes[np.float32] < 0.6 * sizes[np.float64]


def test_hyperparameters_and_meta_survive(small_fits):
    bundle = round_trip({"flow": small_fits["flow"]}, meta={"preset": "moons", "seconds": {"flow": 0.5}})
    assert bundle.meta == {"preset": "moons", "seconds": {"flow": 0.5}}
    flow = bundle.models["flow"]
    assert (flow.n_layers, flow.max_iter, flow.seed) == (4, 40, 1)
    diffusion = round_trip({"d": small_fits["diffusion"]}).models["d"]
    assert diffusion.hidden == (64, 64) and isinstance(diffusion.hidden, tuple)


def test_differences_name_what_changed(small_fits):
    other = SmallVAE(n_steps=151, seed=1).fit(X)
    found = fitted.differences({"vae": small_fits["vae"]}, {"vae": other})
    assert "vae.init.n_steps: 150 against 151" in found
    assert any(line.startswith("vae.fitted.encoder_") for line in found)


# ----------------------------------------------------------------------------- what a file may not do


def _file(manifest: dict, **arrays) -> io.BytesIO:
    buffer = io.BytesIO()
    text = np.frombuffer(json.dumps(manifest).encode(), dtype=np.uint8)
    np.savez(buffer, __manifest__=text, **arrays)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    "manifest, message",
    [
        ({"format": fitted.FORMAT, "models": {"m": {"object": "os.system", "init": {}, "fitted": {}}}}, "unknown"),
        ({"format": fitted.FORMAT, "models": {"m": {"object": "builtins.eval", "init": {}, "fitted": {}}}}, "unknown"),
        (
            {
                "format": fitted.FORMAT,
                "models": {"m": {"object": "core.flow.CouplingFlow", "init": {}, "fitted": {"__class__": None}}},
            },
            "Refusing the attribute",
        ),
        ({"format": fitted.FORMAT, "models": {"m": {"scalar": "|O", "value": 1}}}, "Refusing a scalar"),
        ({"format": "something else", "models": {}}, "format"),
    ],
)
def test_a_file_can_only_build_known_classes(manifest, message):
    with pytest.raises(ValueError, match=message):
        fitted.load(_file(manifest))


def test_a_pickled_array_is_refused_unread():
    buffer = io.BytesIO()
    np.savez(buffer, __manifest__=np.frombuffer(b"{}", dtype=np.uint8), evil=np.array([object()], dtype=object))
    buffer.seek(0)
    with pytest.raises(ValueError, match="plain arrays"):
        fitted.load(buffer)


def test_a_file_without_a_manifest_or_not_an_npz_is_refused():
    buffer = io.BytesIO()
    np.savez(buffer, weights=np.zeros(3))
    buffer.seek(0)
    with pytest.raises(ValueError, match="manifest"):
        fitted.load(buffer)
    with pytest.raises(ValueError, match="Cannot read|plain arrays"):
        fitted.load(io.BytesIO(b"not a zip file at all"))


def test_only_plain_values_can_be_saved():
    with pytest.raises(ValueError, match="cannot save"):
        fitted.save(io.BytesIO(), {"m": object()})
    with pytest.raises(ValueError, match="Nothing to save"):
        fitted.save(io.BytesIO(), {})


# ----------------------------------------------------------------------------- the shipped files


def _script():
    spec = importlib.util.spec_from_file_location("fit_presets", ROOT / "scripts" / "fit_presets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
SHIPPED = list(product(SCRIPT.PAGES, datasets.DENSITY_PRESETS, range(fitted.DRAWS)))


@pytest.mark.parametrize("page, preset, draw", SHIPPED)
def test_every_shipped_file_loads_scores_and_belongs_to_the_pages_data(page, preset, draw):
    bundle = fitted.load(fitted.shipped_path(page, preset, draw))
    assert tuple(bundle.models) == SCRIPT.KEYS[page]
    X_train = SCRIPT.training_points(page, preset, draw)
    assert bundle.meta["data"] == fitted.data_digest(X_train), "the page would draw other points than the fit saw"
    assert (bundle.meta["page"], bundle.meta["preset"], bundle.meta["draw"]) == (page, preset, draw)
    derived = {"vae-density": (100, 100), "diffusion-distance": (101,)} if page == "approaches" else {}
    assert set(bundle.meta["seconds"]) == set(SCRIPT.MODELS[page]) | ({"derive"} if derived else set())
    for name, shape in derived.items():
        values = bundle.models.pop(name)
        assert values.shape == shape and np.isfinite(values).all() and (values >= 0).all(), name
    for name, model in bundle.models.items():
        assert getattr(model, "seed", draw) == draw, name
        samples = model.sample(20, seed=1)
        assert samples.shape == (20, 2) and np.isfinite(samples).all(), name
        if hasattr(model, "score_samples"):
            assert np.isfinite(model.score_samples(X_train[:50])).all(), name


def test_the_shipped_files_are_small():
    files = sorted(fitted.FITS_DIR.glob("*.npz"))
    assert len(files) == len(SHIPPED)
    assert sum(p.stat().st_size for p in files) < 6e6


@pytest.mark.parametrize(
    "job, only",
    [
        (("types", "moons", 0), ("autoregressive",)),
        (("approaches", "spiral", 1), ("mixture-3", "flow")),
        (("approaches", "rings", 2), ("diffusion-distance",)),
    ],
)
def test_a_fresh_fit_matches_the_shipped_file(job, only):
    """What ``scripts/fit_presets.py --check`` does for every file, for a few cheap models."""
    assert SCRIPT.check(job, only) == []


def test_a_seed_without_shipped_models_is_refused():
    with pytest.raises(ValueError, match=f"choose a seed from 0 to {fitted.DRAWS - 1}"):
        fitted.shipped_path("types", "moons", fitted.DRAWS)
