"""core.nn: the numpy MLP's hand-written backpropagation and the Adam optimiser."""

from __future__ import annotations

import numpy as np
import pytest

from core.nn import MLP, Adam


def _loss_and_grads(net: MLP, x: np.ndarray, w: np.ndarray) -> tuple[float, list[np.ndarray], np.ndarray]:
    """loss = sum(w * net(x)), its gradient with respect to every parameter and to the input."""
    y, acts = net.forward(x)
    grads, g_x = net.backward(acts, w)
    return float((w * y).sum()), grads, g_x


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_backward_matches_central_differences_for_every_entry(activation):
    rng = np.random.default_rng(4)
    net = MLP((3, 6, 5, 2), seed=1, activation=activation)
    x = rng.normal(size=(7, 3))
    w = rng.normal(size=(7, 2))
    _, grads, g_x = _loss_and_grads(net, x, w)
    h = 1e-6
    for array, grad in [*zip(net.params, grads, strict=True), (x, g_x)]:
        numeric = np.empty_like(array)
        for idx in np.ndindex(array.shape):
            old = array[idx]
            array[idx] = old + h
            up = _loss_and_grads(net, x, w)[0]
            array[idx] = old - h
            down = _loss_and_grads(net, x, w)[0]
            array[idx] = old
            numeric[idx] = (up - down) / (2 * h)
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)


def test_forward_shapes_and_activations():
    net = MLP((2, 4, 3), seed=0, activation="relu")
    y, acts = net.forward(np.ones((5, 2)))
    assert y.shape == (5, 3) and [a.shape for a in acts] == [(5, 2), (5, 4), (5, 3)]
    assert np.all(acts[1] >= 0)  # ReLU hidden units
    assert np.all(np.abs(MLP((2, 4, 3), seed=0).forward(np.ones((5, 2)))[1][1]) < 1)  # tanh hidden units
    with pytest.raises(ValueError, match="activation"):
        MLP((2, 3), activation="sigmoid")


def test_same_seed_same_weights():
    a, b = MLP((3, 8, 2), seed=5), MLP((3, 8, 2), seed=5)
    assert all(np.array_equal(p, q) for p, q in zip(a.params, b.params, strict=True))


def test_adam_minimises_an_ill_conditioned_quadratic():
    target = np.array([1.0, -2.0, 0.5])
    curvature = np.array([1.0, 100.0, 0.01])  # loss = sum(c (p - t)^2 / 2): a bowl 10^4 times steeper one way
    p = np.zeros(3)
    opt = Adam([p], learning_rate=0.05)
    for _ in range(3000):
        opt.step([curvature * (p - target)])
    np.testing.assert_allclose(p, target, atol=1e-3)
    assert opt.t == 3000


def test_adam_trains_the_mlp_on_a_regression():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=(200, 1))
    y = np.sin(x)
    net = MLP((1, 16, 1), seed=0)
    opt = Adam(net.params, learning_rate=0.01)

    def mse() -> float:
        return float(np.mean((net.forward(x)[0] - y) ** 2))

    start = mse()
    for _ in range(1500):
        out, acts = net.forward(x)
        opt.step(net.backward(acts, 2 * (out - y) / len(x))[0])
    assert mse() < 0.01 * start


def test_models_use_the_one_network_and_optimiser():
    from core import implicit, linear_vae, vae

    assert vae.MLP is MLP and vae.Adam is Adam
    assert implicit.MLP is MLP and implicit.Adam is Adam
    assert linear_vae.Adam is Adam


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_the_in_place_forward_pass_gives_the_textbook_numbers_and_leaves_its_input_alone(activation):
    """``forward`` adds the bias and applies f in the array the product made (no new arrays): the same numbers, to
    the last bit, as a_l = h_{l-1} W_l + b_l, h_l = f(a_l) written out, and the input is not touched."""
    from core.nn import ACTIVATIONS

    net = MLP((3, 16, 16, 2), seed=2, activation=activation)
    x = np.random.default_rng(5).normal(size=(50, 3))
    kept = x.copy()
    y, acts = net.forward(x)
    f = ACTIVATIONS[activation][0]
    h = x
    expected = [x]
    for i in range(3):
        h = h @ net.params[2 * i] + net.params[2 * i + 1]
        h = f(h) if i < 2 else h
        expected.append(h)
    assert np.array_equal(x, kept) and acts[0] is x
    assert all(np.array_equal(a, b) for a, b in zip(acts, expected, strict=True)) and np.array_equal(y, expected[-1])
    assert not np.all(expected[1] == 0) and len({id(a) for a in acts}) == len(acts)


def test_predict_in_blocks_gives_the_forward_pass_output_for_every_row():
    """``predict`` runs the rows in blocks (a last, shorter block included) and keeps the rows in order."""
    net = MLP((2, 32, 32, 4), seed=3)
    x = np.random.default_rng(6).normal(size=(10_001, 2))
    whole = net.forward(x)[0]
    for block in (4096, 1000, 10_001):
        got = net.predict(x, block=block)
        assert got.shape == whole.shape
        np.testing.assert_allclose(got, whole, rtol=1e-13, atol=1e-15)
