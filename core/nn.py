r"""A small neural network in plain numpy: a dense MLP with backpropagation by hand, and the Adam optimiser.

The network maps an input row :math:`h_0 = x` through L dense layers,

.. math:: a_l = h_{l-1} W_l + b_l, \qquad h_l = f(a_l) \ (l < L), \qquad y = a_L \ \text{(linear output)},

with :math:`f` = tanh or ReLU. Backpropagation is the chain rule run from the output back to the input:
given :math:`g = \partial \text{Loss} / \partial a_l` for a batch,

.. math:: \frac{\partial \text{Loss}}{\partial W_l} = h_{l-1}^\top g, \quad
          \frac{\partial \text{Loss}}{\partial b_l} = \textstyle\sum_{\text{rows}} g, \quad
          \frac{\partial \text{Loss}}{\partial a_{l-1}} = (g W_l^\top) \odot f'(a_{l-1}),

and :math:`f'` is read off the stored activations: :math:`\tanh' = 1 - h^2`, :math:`\text{relu}' = [h > 0]`.
That is all of it: the VAE (``core.vae``) and the implicit generator (``core.implicit``) train this network
with :class:`Adam`, which ``core.linear_vae`` uses too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

#: Each activation f and its derivative written in terms of the output h = f(a). Each f takes ``out=``: the forward
#: pass writes h over a (no new array per layer; the VAE's density grid of 640,000 rows of 64 units took a quarter
#: less time so, 1.03 s -> 0.75 s).
ACTIVATIONS: dict[str, tuple[Callable[..., np.ndarray], Callable[[np.ndarray], np.ndarray]]] = {
    "tanh": (np.tanh, lambda h: 1.0 - h**2),
    "relu": (lambda a, out=None: np.maximum(a, 0.0, out=out), lambda h: (h > 0).astype(float)),
}


class MLP:
    """A multilayer perceptron ``x -> f(x W1 + b1) -> ... -> h W_L + b_L`` (linear last layer).

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, e.g. ``(2, 64, 64, 4)``.
    seed : int
        Seed for the initial weights, ``W_l ~ N(0, gain / fan_in)`` with gain 1 for tanh (units start in their
        linear range) and 2 for ReLU (He et al. 2015); biases start at 0.
    activation : {"tanh", "relu"}
        The non-linearity f of the hidden layers.

    Attributes
    ----------
    params : list of ndarray
        ``[W1, b1, W2, b2, ...]``, updated in place by an optimiser.

    Examples
    --------
    >>> net = MLP((3, 8, 2), seed=0)
    >>> y, acts = net.forward(np.ones((5, 3)))
    >>> y.shape, len(net.params)
    ((5, 2), 4)
    >>> grads, g_x = net.backward(acts, np.ones_like(y))     # d sum(y) / d params and d sum(y) / d x
    >>> [g.shape for g in grads], g_x.shape
    ([(3, 8), (8,), (8, 2), (2,)], (5, 3))
    """

    def __init__(self, sizes: Sequence[int], seed: int = 0, activation: str = "tanh") -> None:
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)} (got {activation!r}).")
        self.activation = activation
        gain = 1.0 if activation == "tanh" else 2.0
        rng = np.random.default_rng(seed)
        self.params: list[np.ndarray] = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
            self.params += [rng.normal(0.0, 1.0 / np.sqrt(fan_in / gain), (fan_in, fan_out)), np.zeros(fan_out)]

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Output for inputs x (n, d_in), and the activations ``[x, h_1, ..., y]`` that :meth:`backward` needs."""
        f = ACTIVATIONS[self.activation][0]
        acts = [x]
        n_layers = len(self.params) // 2
        for i in range(n_layers):
            x = x @ self.params[2 * i]  # a new array: the bias and f below work in it, in place
            x += self.params[2 * i + 1]
            if i < n_layers - 1:
                f(x, out=x)
            acts.append(x)
        return x, acts

    def predict(self, x: np.ndarray, block: int = 4096) -> np.ndarray:
        """The output alone, ``block`` rows at a time, keeping no activations: what scoring many points needs.

        A block's activations (4,096 rows of 64 units: 2 MB) stay in the processor's cache; one pass over 640,000
        rows (the VAE's density grid) writes and reads back 330 MB per layer and took about twice as long. Equal to
        ``forward(x)[0]`` up to the last bit (a matrix product adds in an order that depends on its size).

        >>> net = MLP((2, 8, 3), seed=0)
        >>> x = np.random.default_rng(0).normal(size=(10, 2))
        >>> bool(np.allclose(net.predict(x, block=4), net.forward(x)[0], rtol=1e-14, atol=0))
        True
        """
        if len(x) <= block:
            return self.forward(x)[0]
        out = np.empty((len(x), self.params[-1].shape[0]))
        for start in range(0, len(x), block):
            out[start : start + block] = self.forward(x[start : start + block])[0]
        return out

    def backward(self, acts: list[np.ndarray], grad_out: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        """Chain rule from dLoss/dOutput (n, d_out) back to (dLoss/dParams, dLoss/dInput)."""
        f_prime = ACTIVATIONS[self.activation][1]
        grads: list[np.ndarray] = [np.empty(0)] * len(self.params)
        g = grad_out
        for i in reversed(range(len(self.params) // 2)):
            grads[2 * i] = acts[i].T @ g
            grads[2 * i + 1] = g.sum(axis=0)
            g = g @ self.params[2 * i].T
            if i > 0:
                g *= f_prime(acts[i])
        return grads, g


class Adam:
    r"""The Adam optimiser (Kingma & Ba 2015): per-parameter step sizes from running gradient moments.

    For each parameter array p with gradient g, at step t = 1, 2, ...

    .. math:: m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \quad
              p \leftarrow p - \eta \, \frac{m / (1 - \beta_1^t)}{\sqrt{v / (1 - \beta_2^t)} + \epsilon}

    The two divisions undo the bias of moments that start at 0. The step is about ``learning_rate`` (in the
    units of p) whatever the scale of the gradient. ``step(grads)`` updates the arrays it was given *in place*.

    Examples
    --------
    Minimise (p - 3)^2 from p = 0:

    >>> p = np.zeros(1)
    >>> opt = Adam([p], learning_rate=0.1)
    >>> for _ in range(300):
    ...     opt.step([2 * (p - 3)])
    >>> round(float(p[0]), 2)
    3.0
    """

    def __init__(
        self,
        params: list[np.ndarray],
        learning_rate: float = 1e-3,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.params, self.learning_rate = params, learning_rate
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads: list[np.ndarray]) -> None:
        """One update of every parameter array, given its gradient (same shapes, same order)."""
        self.t += 1
        c1, c2 = 1.0 - self.beta1**self.t, 1.0 - self.beta2**self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            p -= self.learning_rate * (m / c1) / (np.sqrt(v / c2) + self.eps)
