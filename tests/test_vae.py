"""core.vae: the numpy MLP and its backprop, the ELBO gradient, and a trained small VAE."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from core.datasets import density_2d
from core.sample_quality import density_grid, energy_distance, grid_mass
from core.vae import MLP, Adam, SmallVAE, gaussian_log_pdf


@pytest.fixture(scope="module")
def moons():
    # independent draws for training and held-out scoring
    return density_2d("moons", n=500, seed=0), density_2d("moons", n=500, seed=5_000)


@pytest.fixture(scope="module")
def vae(moons):
    return SmallVAE(seed=0).fit(moons[0])


def numerical_grad(f, arrays, h=1e-6, picks=6, seed=0):
    """Central differences of scalar f() w.r.t. a few random entries of each array (changed in place)."""
    r = np.random.default_rng(seed)
    out = []
    for a in arrays:
        for idx in zip(*(r.integers(0, s, picks) for s in a.shape), strict=True):
            old = a[idx]
            a[idx] = old + h
            up = f()
            a[idx] = old - h
            down = f()
            a[idx] = old
            out.append((a, idx, (up - down) / (2 * h)))
    return out


def test_mlp_backward_matches_finite_differences():
    net = MLP((3, 5, 4, 2), seed=1)
    x = np.random.default_rng(2).normal(size=(7, 3))
    w = np.random.default_rng(3).normal(size=(7, 2))  # loss = sum(w * net(x))

    def loss():
        return float((w * net.forward(x)[0]).sum())

    grads, g_x = net.backward(net.forward(x)[1], w)
    by_id = {id(p): g for p, g in zip(net.params, grads, strict=True)}
    for a, idx, num in numerical_grad(loss, net.params):
        assert by_id[id(a)][idx] == pytest.approx(num, rel=1e-5, abs=1e-8)
    for _, idx, num in numerical_grad(loss, [x]):
        assert g_x[idx] == pytest.approx(num, rel=1e-5, abs=1e-8)


def test_elbo_gradient_matches_finite_differences(moons):
    model = SmallVAE(hidden=8, n_steps=5, seed=0).fit(moons[0])
    x = (moons[0][:16] - model.mean_) / model.scale_

    def loss():
        return model._loss_and_grads(x, np.random.default_rng(7), beta=1.0)[0]

    _, grads = model._loss_and_grads(x, np.random.default_rng(7), beta=1.0)
    params = model.encoder_.params + model.decoder_.params
    by_id = {id(p): g for p, g in zip(params, grads, strict=True)}
    for a, idx, num in numerical_grad(loss, params, picks=3):
        assert by_id[id(a)][idx] == pytest.approx(num, rel=1e-4, abs=1e-7)


def test_adam_minimises_a_quadratic_bowl():
    p = np.array([5.0, -3.0])
    opt = Adam([p], learning_rate=0.05)
    for _ in range(2000):
        opt.step([np.array([2.0, 20.0]) * (p - [1.0, 2.0])])
    np.testing.assert_allclose(p, [1.0, 2.0], atol=1e-3)


def test_gaussian_log_pdf_matches_scipy():
    x, m, lv = np.array([0.3, -1.0]), np.array([0.1, 0.5]), np.array([-0.4, 0.7])
    expected = stats.multivariate_normal(m, np.diag(np.exp(lv))).logpdf(x)
    assert gaussian_log_pdf(x, m, lv) == pytest.approx(expected)


def test_training_lowers_the_negative_elbo(vae):
    assert vae.loss_curve_[-200:].mean() < vae.loss_curve_[:50].mean() - 0.5


def test_beats_a_single_gaussian_on_held_out_data(vae, moons):
    train, held_out = moons
    baseline = stats.multivariate_normal(train.mean(0), np.cov(train.T))
    d_vae = energy_distance(vae.sample(500, seed=1), held_out)
    d_base = energy_distance(baseline.rvs(500, random_state=1), held_out)
    assert d_vae < 0.9 * d_base
    assert vae.score_samples(held_out).mean() > baseline.logpdf(held_out).mean() + 0.2


def test_importance_sampled_density_integrates_to_about_one(vae):
    extent = (-3.5, 3.5, -2.5, 2.5)
    mass = grid_mass(density_grid(vae.score_samples, extent, 70, 50), extent)
    # an estimate, biased slightly low by Jensen's inequality (log of an average)
    assert 0.85 < mass < 1.05


def test_importance_sampled_estimate_is_above_the_elbo(vae, moons):
    held_out = moons[1]
    assert vae.score_samples(held_out).mean() > vae.elbo(held_out).mean()


def test_latent_codes_and_reproducible_samples(vae, moons):
    z = vae.transform(moons[1])
    assert z.shape == (len(moons[1]), 2)
    # the KL term pulls the codes towards the prior N(0, I)
    assert np.all(np.abs(z.mean(0)) < 0.5) and np.all((z.std(0) > 0.3) & (z.std(0) < 1.5))
    np.testing.assert_array_equal(vae.sample(40, seed=2), vae.sample(40, seed=2))
    assert not np.allclose(vae.sample(40, seed=2), vae.sample(40, seed=3))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: SmallVAE(n_steps=2).fit(np.zeros((5, 2))), "at least 10"),
        (lambda: SmallVAE(n_steps=2).fit(np.full((20, 2), np.inf)), "NaN or infinity"),
        (lambda: SmallVAE(latent_dim=0).fit(np.zeros((20, 2))), "positive"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_bad_points_to_score(vae):
    with pytest.raises(ValueError, match="NaN"):
        vae.score_samples(np.array([[0.0, np.nan]]))
    with pytest.raises(ValueError, match="positive"):
        vae.sample(0)
