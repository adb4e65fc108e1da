"""The GAN (core.gan): exact gradients of both losses, a training step, sampling, blob coverage, the shipped runs."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
from scipy.special import expit

from core import datasets
from core import gan as core_gan
from core.gan import GAN, discriminator_loss, generator_loss, mode_shares, modes_covered
from core.nn import MLP, Adam
from core.sample_quality import energy_distance
from tests.conftest import ROOT


def _shaken(sizes, seed, activation="tanh") -> MLP:
    """A small MLP whose weights and biases are all away from their initial values (so no gradient is trivially 0)."""
    net = MLP(sizes, seed=seed, activation=activation)
    rng = np.random.default_rng(seed + 100)
    for p in net.params:
        p += rng.normal(0, 0.4, p.shape)
    return net


def _check_against_finite_differences(params, grads, loss, rng, h=1e-6, entries=20):
    """Central differences of ``loss()`` on up to ``entries`` entries of every parameter array agree with ``grads``."""
    for k, (w, g) in enumerate(zip(params, grads, strict=True)):
        assert g.shape == w.shape
        picked = [tuple(i) for i in np.array(list(np.ndindex(w.shape)))[rng.permutation(w.size)[:entries]]]
        numeric, exact = [], []
        for idx in picked:
            old = w[idx]
            w[idx] = old + h
            up = loss()
            w[idx] = old - h
            down = loss()
            w[idx] = old
            numeric.append((up - down) / (2 * h))
            exact.append(g[idx])
        scale = max(np.abs(numeric).max(), 1e-4)
        assert np.abs(np.subtract(numeric, exact)).max() / scale < 1e-6, f"parameter array {k}"


def _bits_d_loss(D: MLP, real: np.ndarray, fake: np.ndarray) -> float:
    """L_D written out independently: -mean log2 sigma(l(real)) - mean log2(1 - sigma(l(fake)))."""
    d_real, d_fake = expit(D.forward(real)[0][:, 0]), expit(D.forward(fake)[0][:, 0])
    return float(-np.mean(np.log2(d_real)) - np.mean(np.log2(1.0 - d_fake)))


# ----------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_discriminator_gradients_agree_with_finite_differences(activation):
    rng = np.random.default_rng(0)
    D = _shaken((2, 6, 5, 1), seed=1, activation=activation)
    real, fake = rng.normal(size=(7, 2)), rng.normal(size=(5, 2)) + 1.0
    loss, grads, on_real, on_fake = discriminator_loss(D, real, fake)
    assert loss == pytest.approx(_bits_d_loss(D, real, fake), rel=1e-12)
    assert on_real == pytest.approx(expit(D.forward(real)[0]).mean())
    assert on_fake == pytest.approx(expit(D.forward(fake)[0]).mean())
    _check_against_finite_differences(D.params, grads, lambda: _bits_d_loss(D, real, fake), rng)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_generator_gradients_agree_with_finite_differences(activation):
    rng = np.random.default_rng(1)
    G, D = _shaken((2, 6, 5, 2), seed=2, activation=activation), _shaken((2, 6, 5, 1), seed=3, activation=activation)
    z = rng.normal(size=(6, 2))

    def written_out() -> float:  # L_G = -mean log2 D(g(z)), independently of generator_loss
        return float(-np.mean(np.log2(expit(D.forward(G.forward(z)[0])[0][:, 0]))))

    loss, grads, grad_x, x = generator_loss(G, D, z)
    assert loss == pytest.approx(written_out(), rel=1e-12)
    np.testing.assert_allclose(x, G.forward(z)[0])
    _check_against_finite_differences(G.params, grads, written_out, rng)
    # and the gradient with respect to each generated point
    h = 1e-6
    for i in range(len(x)):
        for j in range(2):
            up, down = x.copy(), x.copy()
            up[i, j] += h
            down[i, j] -= h
            numeric = (
                -np.mean(np.log2(expit(D.forward(up)[0][:, 0]))) + np.mean(np.log2(expit(D.forward(down)[0][:, 0])))
            ) / (2 * h)
            assert grad_x[i, j] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_generator_gradient_is_the_uphill_direction_of_log_d_in_data_units():
    X = np.random.default_rng(0).normal(size=(200, 2)) * [3.0, 0.5] + [10.0, -2.0]  # far from standardised
    gan = GAN(n_steps=30, hidden=8, seed=4).fit(X)
    z = np.random.default_rng(5).normal(size=(4, 2))
    x, push = gan.generator_gradient(z)
    np.testing.assert_allclose(x, gan.generate(z))
    h = 1e-5
    for i in range(len(x)):
        for j in range(2):
            up, down = x[i : i + 1].copy(), x[i : i + 1].copy()
            up[0, j] += h
            down[0, j] -= h
            numeric = (np.log2(gan.discriminate(up)) - np.log2(gan.discriminate(down)))[0] / (2 * h)
            assert push[i, j] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_a_discriminator_step_lowers_its_loss_on_a_fixed_batch():
    rng = np.random.default_rng(3)
    D = MLP((2, 16, 16, 1), seed=0)
    real, fake = rng.normal(size=(64, 2)) + [2.0, 0.0], rng.normal(size=(64, 2)) - [2.0, 0.0]
    before, grads, _, _ = discriminator_loss(D, real, fake)
    Adam(D.params, learning_rate=1e-2).step(grads)
    after = discriminator_loss(D, real, fake)[0]
    assert after < before


def test_a_generator_step_lowers_its_loss_against_a_fixed_discriminator():
    rng = np.random.default_rng(4)
    G, D = MLP((2, 16, 16, 2), seed=1), _shaken((2, 8, 1), seed=5)
    z = rng.normal(size=(64, 2))
    before, grads, _, _ = generator_loss(G, D, z)
    Adam(G.params, learning_rate=1e-2).step(grads)
    assert generator_loss(G, D, z)[0] < before


def test_a_discriminator_left_guessing_pays_two_bits_and_the_generator_one():
    D = MLP((2, 4, 1), seed=0)
    for p in D.params:
        p[...] = 0.0
    G = MLP((2, 4, 2), seed=1)
    z = np.random.default_rng(0).normal(size=(9, 2))
    assert discriminator_loss(D, np.ones((5, 2)), np.zeros((3, 2)))[0] == pytest.approx(2.0)
    assert generator_loss(G, D, z)[0] == pytest.approx(1.0)


# ----------------------------------------------------------------------------- the model


def test_training_is_seeded_and_sampling_is_reproducible_from_its_seed():
    X = datasets.density_2d("mixture", n=200, seed=0)
    a, b = GAN(n_steps=40, snapshot_every=10, seed=2).fit(X), GAN(n_steps=40, snapshot_every=10, seed=2).fit(X)
    np.testing.assert_array_equal(a.d_loss_, b.d_loss_)
    np.testing.assert_array_equal(a.g_snapshots_, b.g_snapshots_)
    np.testing.assert_array_equal(a.sample(50, seed=3), a.sample(50, seed=3))
    assert not np.allclose(a.sample(50, seed=3), a.sample(50, seed=4))
    assert not np.allclose(a.d_loss_, GAN(n_steps=40, snapshot_every=10, seed=3).fit(X).d_loss_)


def test_snapshots_are_the_networks_at_their_steps():
    X = datasets.density_2d("moons", n=100, seed=0)
    kw = dict(n_steps=30, snapshot_every=10, snapshot_zoom=(12, 16, 2), seed=1)
    full = GAN(**kw).fit(X)
    assert full.snapshot_steps_.tolist() == [0, 10, 12, 14, 16, 20, 30]
    assert full.g_snapshots_.shape == (7, sum(p.size for p in full.generator_.params))
    short = GAN(**{**kw, "n_steps": 14}).fit(X)  # trained only up to step 14: its last networks are snapshot 14
    z = np.random.default_rng(0).normal(size=(5, 2))
    np.testing.assert_allclose(full.at(3).generate(z), short.generate(z))
    np.testing.assert_allclose(full.at(3).discriminate(X[:5]), short.discriminate(X[:5]))
    np.testing.assert_allclose(full.at(-1).generate(z), full.generate(z))
    untrained = GAN(**kw)
    untrained.mean_, untrained.scale_ = full.mean_, full.scale_
    untrained._networks(2)
    np.testing.assert_allclose(full.at(0).generate(z), untrained.generate(z))


def test_save_and_load_round_trip(tmp_path):
    gan = GAN(n_steps=20, snapshot_every=5, snapshot_zoom=(6, 8, 1), seed=3).fit(datasets.density_2d("rings", 80))
    np.savez_compressed(tmp_path / "g.npz", **core_gan.to_arrays(gan))
    back = core_gan.load(tmp_path / "g.npz")
    assert back.get_params() == gan.get_params()
    np.testing.assert_array_equal(back.snapshot_steps_, gan.snapshot_steps_)
    np.testing.assert_allclose(back.g_snapshots_, gan.g_snapshots_, rtol=1e-6, atol=1e-7)  # stored as float32
    np.testing.assert_allclose(back.sample(10, seed=1), gan.sample(10, seed=1), atol=1e-5)
    assert back.d_loss_.dtype == np.float64
    with np.load(tmp_path / "g.npz", allow_pickle=False) as f:  # loads without pickle
        assert set(f.files) >= {"hyperparameters", "g_snapshots_", "d_snapshots_"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(n_steps=0), "n_steps"),
        (dict(hidden=0), "hidden"),
        (dict(learning_rate_g=0.0), "learning rates"),
        (dict(beta1=1.0), "beta1"),
        (dict(snapshot_zoom=(10, 5, 1)), "snapshot_zoom"),
    ],
)
def test_bad_hyperparameters_get_a_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GAN(**kwargs).fit(np.random.default_rng(0).normal(size=(20, 2)))


def test_bad_input_gets_a_message():
    gan = GAN(n_steps=5).fit(np.random.default_rng(0).normal(size=(20, 2)))
    with pytest.raises(ValueError, match="at least 10"):
        GAN().fit(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        gan.discriminate(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="snapshot index"):
        gan.at(5)
    with pytest.raises(ValueError, match="n must be at least 1"):
        gan.sample(0)
    with pytest.raises(ValueError, match="Unknown GAN preset"):
        core_gan.load_shipped("spiral")


# ----------------------------------------------------------------------------- blobs covered


def test_mode_shares_and_coverage_on_a_hand_built_case():
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    samples = np.array(
        [[0.5, 0.0]] * 6  # 6 in the first blob
        + [[9.0, 0.5]] * 3  # 3 in the second
        + [[0.0, 8.5]]  # 1 in the third, but 1.5 from its centre
        + [[5.0, 5.0]] * 2  # 2 far from every centre
    )
    np.testing.assert_allclose(mode_shares(samples, centres, radius=2.0), [6 / 12, 3 / 12, 1 / 12])
    np.testing.assert_allclose(mode_shares(samples, centres, radius=1.2), [6 / 12, 3 / 12, 0.0])
    assert modes_covered(samples, centres, radius=2.0, min_share=0.10) == pytest.approx(2 / 3)
    assert modes_covered(samples, centres, radius=2.0, min_share=0.05) == 1.0
    assert modes_covered(samples, centres, radius=2.0, min_share=0.30) == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="min_share"):
        modes_covered(samples, centres, radius=2.0, min_share=0.0)
    with pytest.raises(ValueError, match="radius"):
        mode_shares(samples, centres, radius=-1.0)


def test_the_mixture_modes_are_those_of_the_apps_data():
    X = datasets.density_2d("mixture", n=30_000, seed=11)
    centres = np.array(core_gan.MIXTURE_CENTRES)
    nearest = np.argmin(((X[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)
    for k, c in enumerate(centres):  # each blob's points: mean at its centre, spread MIXTURE_SD
        blob = X[nearest == k]
        np.testing.assert_allclose(blob.mean(axis=0), c, atol=0.03)
        assert blob.std(axis=0) == pytest.approx([core_gan.MIXTURE_SD] * 2, abs=0.03)
    shares = mode_shares(X, centres, core_gan.MODE_RADIUS)
    radius = core_gan.MODE_RADIUS / core_gan.MIXTURE_SD  # in sd: a 2-D Gaussian holds 1 - exp(-r^2 / 2) within r sd
    assert shares.sum() == pytest.approx(1 - np.exp(-(radius**2) / 2), abs=0.003)
    assert shares.min() > 2 * core_gan.MIN_SHARE  # real data cover every blob with room to spare
    assert modes_covered(X, centres, core_gan.MODE_RADIUS, core_gan.MIN_SHARE) == 1.0


# ----------------------------------------------------------------------------- the shipped runs


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("train_gan", ROOT / "scripts" / "train_gan.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped():
    return {preset: core_gan.load_shipped(preset) for preset in core_gan.PRESETS}


def test_the_shipped_files_are_small():
    files = sorted(core_gan.DATA_DIR.iterdir())
    assert {f.name for f in files} == {f"{p}.{ext}" for p in core_gan.PRESETS for ext in ("npz", "json")}
    assert sum(f.stat().st_size for f in files) < 2_000_000


@pytest.mark.parametrize("preset", list(core_gan.PRESETS))
def test_shipped_snapshots_load_and_reproduce_the_recorded_numbers(shipped, preset):
    gan, record = shipped[preset]
    assert json.loads(json.dumps(gan.get_params())) == record["hyperparameters"]
    assert gan.get_params() == GAN(**core_gan.PRESETS[preset]).get_params()
    assert gan.snapshot_steps_.tolist() == record["snapshot_steps"]
    _, held, fresh = core_gan.preset_data()
    assert record["data"]["held_seed"] == core_gan.DATA_SEED + core_gan.HELD_OFFSET
    assert record["floor"] == pytest.approx(energy_distance(fresh, held), abs=1e-12)
    scores = core_gan.snapshot_scores(gan, held)
    np.testing.assert_allclose(scores["distance"], record["distance"], rtol=0, atol=1e-9)
    np.testing.assert_array_equal(scores["covered"], record["covered"])
    np.testing.assert_allclose(scores["shares"], record["shares"], atol=1e-6)


@pytest.mark.parametrize("preset", list(core_gan.PRESETS))
def test_training_reproduces_the_recorded_first_losses(shipped, script, preset):
    _, record = shipped[preset]
    n = len(record["first_d_losses"])
    model = script.train(preset, n_steps=n)
    np.testing.assert_allclose(model.d_loss_, record["first_d_losses"], rtol=1e-9)
    np.testing.assert_allclose(model.g_loss_, record["first_g_losses"], rtol=1e-9)


def _second_half(record: dict, key: str) -> np.ndarray:
    steps = np.asarray(record["snapshot_steps"])
    return np.asarray(record[key])[steps >= steps[-1] / 2]


def test_one_run_converges_and_the_other_collapses(shipped):
    """The presets make their point: the numbers the page quotes, read from the records."""
    converges, collapses = shipped["converges"][1], shipped["collapses"][1]
    floor = converges["floor"]
    assert (_second_half(converges, "covered") == 1.0).all()  # every blob, every snapshot
    assert np.median(_second_half(converges, "distance")) < 1.6 * floor
    one_blob = _second_half(collapses, "covered") * len(core_gan.MIXTURE_CENTRES) < 1.5
    assert one_blob.mean() > 0.9
    assert np.median(_second_half(collapses, "distance")) > 5 * np.median(_second_half(converges, "distance"))
    # the same networks, data and seed: only the generator's learning rate (and the snapshot schedule) differ
    a, b = dict(converges["hyperparameters"]), dict(collapses["hyperparameters"])
    differ = {k for k in a if a[k] != b[k]}
    assert differ == {"learning_rate_g", "snapshot_zoom"}
