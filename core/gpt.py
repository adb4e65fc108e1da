r"""A tiny GPT: a decoder-only character transformer, forward AND backward pass written out in numpy.

The model ``q`` reads up to ``block_size`` characters and gives, at every position ``t``, a distribution
``q(x_t | x_<t)`` over the next character. Like the n-gram model of :mod:`core.ar_text` it is an
autoregressive model, ``q(x_1 ... x_n) = prod_t q(x_t | x_<t)``; unlike it, the context is read by learned
attention instead of being looked up in a count table. The whole network, with shapes (B texts of T
characters, model width d, H heads of width d_h = d / H, V characters in the vocabulary)::

    h_0  = W_tok[x] + W_pos[0..T-1]                                  token + position embeddings  (B, T, d)
    for each of the n_layer blocks:                                  (pre-LayerNorm residual blocks, as GPT-2)
        h = h + Attention(LN_1(h))                                   characters look at earlier characters
        h = h + MLP(LN_2(h))                                         each position thinks on its own
    z    = LN_f(h) W_out + b_out                                     logits                        (B, T, V)
    q(x_{t+1} = c | x_<=t) = softmax(z_t)_c

    LN(u)        = g * (u - mean(u)) / sqrt(var(u) + eps) + b        over the d features of one position
    Attention(u) = concat_heads( A_h V_h ) W_o + b_o,   [Q K V] = u W_qkv + b_qkv
    A_h          = softmax( Q_h K_h^T / sqrt(d_h) + M )              M_ij = 0 if j <= i, -inf if j > i (causal)
    MLP(u)       = GELU(u W_1 + b_1) W_2 + b_2                       hidden width 4 d

Row ``i`` of ``A_h`` is how much position ``i`` reads from each position ``j <= i``: it sums to 1 and is
exactly 0 on later positions, so a character can never see the future (the causal mask). The text is
start-padded with a start symbol (not a character: it is never predicted), so even the first character has
a context. Contexts longer than ``block_size - 1`` characters are cut to their most recent part (the
position embeddings only go that far): ``q(x_t | x_<t)`` is read off the last ``block_size`` tokens.

Training minimises the cross-entropy ``L = -(1 / BT) sum_{b,t} ln q(x_{b,t+1} | x_{b,<=t})`` (nats) with
Adam; :meth:`TinyGPT.loss_and_grads` returns ``L`` and its gradient with respect to every weight, from a
backward pass written by hand (one ``*_backward`` function per layer, each stating the chain-rule formula
it applies). The tests check it against finite differences.

Temperature: the model is ``q``; ``q_T`` is ``q`` sharpened (``T < 1``) or flattened (``T > 1``),
``q_T(c) = softmax(z / T)_c`` (the same as ``q(c)^(1/T)`` renormalised). Log-likelihoods and bits per
character are always computed with ``q`` itself (``T = 1``); only sampling uses ``q_T``.

Pure numpy, float64. The shipped weights (``core/data/tiny_gpt.npz``) come from ``scripts/train_gpt.py``.

Examples
--------
>>> m = TinyGPT(n_layer=1, n_head=2, d_model=8, block_size=8, n_steps=30, batch_size=4, seed=0).fit("abcabcabc" * 5)
>>> m.vocab_
'abc'
>>> q = m.next_char_distribution("ab")
>>> q.shape, round(float(q.sum()), 9)
((3,), 1.0)
>>> m.generate("ab", 5, seed=1).text == m.generate("ab", 5, seed=1).text
True
>>> m.next_char_distribution("abd")
Traceback (most recent call last):
...
ValueError: the tiny GPT never saw these characters: 'd' (it knows 3 characters: 'abc'); remove or replace them
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.ar_text import TextGeneration
from core.autoregressive import MIN_TEMPERATURE, entropy_bits, sample_index
from core.nn import Adam

LN_EPS: float = 1e-5
"""The small number added to the variance in LayerNorm so a constant vector does not divide by zero."""
START: str = "⟨start⟩"
"""How the start symbol is labelled in :meth:`TinyGPT.trace` (it is a token, not a character)."""
GELU_C: float = math.sqrt(2.0 / math.pi)

Params = dict[str, np.ndarray]


# ------------------------------------------------------------------------------------------------------------
# the layers: each forward returns (output, cache); each backward takes d(loss)/d(output) and the cache
# ------------------------------------------------------------------------------------------------------------


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """``softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z)`` along ``axis`` (``-inf`` entries give 0).

    >>> softmax(np.array([0.0, np.log(3.0)])).round(3).tolist()
    [0.25, 0.75]
    """
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
    """LayerNorm over the last axis: ``y = g * xhat + b`` with ``xhat = (x - mean) / sqrt(var + eps)``.

    >>> y, _ = layer_norm(np.array([[1.0, 2.0, 3.0]]), np.ones(3), np.zeros(3))
    >>> y.round(3).tolist()
    [[-1.225, 0.0, 1.225]]
    """
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = np.square(centred).sum(axis=-1, keepdims=True) / x.shape[-1]  # numpy's var, its centring shared
    inv_sigma = 1.0 / np.sqrt(variance + LN_EPS)
    xhat = centred * inv_sigma
    return g * xhat + b, (xhat, inv_sigma, g)


def layer_norm_backward(dy: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of LayerNorm: ``dg = sum dy * xhat``, ``db = sum dy`` and, with ``dxhat = dy * g``,

    ``dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sigma``  (means over the d features).

    The two subtracted means are the paths through ``mean(x)`` and ``var(x)``: shifting every feature by
    the same amount, or scaling them all, does not change ``xhat``.
    """
    xhat, inv_sigma, g = cache
    lead = tuple(range(dy.ndim - 1))
    dxhat = dy * g
    dx = inv_sigma * (dxhat - dxhat.mean(axis=-1, keepdims=True) - xhat * (dxhat * xhat).mean(axis=-1, keepdims=True))
    return dx, (dy * xhat).sum(axis=lead), dy.sum(axis=lead)


def gelu(u: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """GELU (tanh form, as GPT-2): ``gelu(u) = u/2 * (1 + tanh(c (u + 0.044715 u^3)))``, ``c = sqrt(2/pi)``.

    A smooth ReLU: ~0 for large negative ``u``, ~``u`` for large positive ``u``. The formula's steps in one
    scratch array, in the formula's order (the same numbers to the last bit); ``out=u`` writes the result over ``u``.

    >>> gelu(np.array([-3.0, 0.0, 3.0])).round(3).tolist()
    [-0.004, 0.0, 2.996]
    """
    t = u * u  # u * u * u: much faster than u**3
    t *= u
    t *= 0.044715
    t += u
    t *= GELU_C
    np.tanh(t, out=t)
    t += 1.0
    out = np.multiply(u, 0.5, out=out)
    out *= t
    return out


def gelu_backward(du_out: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``d gelu / du = (1 + t)/2 + u/2 * (1 - t^2) * c (1 + 3 * 0.044715 u^2)``, ``t = tanh(c (u + 0.044715 u^3))``."""
    t = np.tanh(GELU_C * (u + 0.044715 * (u * u * u)))  # u * u * u: much faster than u**3
    return du_out * (0.5 * (1.0 + t) + 0.5 * u * (1.0 - t * t) * GELU_C * (1.0 + 3 * 0.044715 * u * u))


def causal_self_attention(
    x: np.ndarray, w_qkv: np.ndarray, b_qkv: np.ndarray, w_o: np.ndarray, b_o: np.ndarray, n_head: int
) -> tuple[np.ndarray, np.ndarray, tuple]:
    """Multi-head causal self-attention of ``x`` (B, T, d); returns ``(output, attention, cache)``.

    ``[Q K V] = x W_qkv + b_qkv``, each cut into ``n_head`` heads of width ``d_h``; per head
    ``S = Q K^T / sqrt(d_h)`` with ``S_ij = -inf`` for ``j > i``, ``A = softmax(S)`` row by row,
    ``Y = A V``; the heads are concatenated and mixed: ``output = Y W_o + b_o``.
    ``attention`` is ``A``, shape (B, n_head, T, T): row i is what position i reads, and sums to 1.
    """
    n_b, n_t, d = x.shape
    dh = d // n_head
    qkv = x @ w_qkv + b_qkv  # (B, T, 3d)
    # (B, T, 3d) -> 3 x (B, H, T, dh)
    q, k, v = qkv.reshape(n_b, n_t, 3, n_head, dh).transpose(2, 0, 3, 1, 4)
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh)  # (B, H, T, T)
    future = np.triu(np.ones((n_t, n_t), dtype=bool), k=1)
    att = softmax(np.where(future, -np.inf, scores))
    y = (att @ v).transpose(0, 2, 1, 3).reshape(n_b, n_t, d)  # heads side by side again
    return y @ w_o + b_o, att, (x, q, k, v, att, y, w_qkv, w_o)


def last_position_attention(
    x: np.ndarray, w_qkv: np.ndarray, b_qkv: np.ndarray, w_o: np.ndarray, b_o: np.ndarray, n_head: int
) -> np.ndarray:
    """The output of :func:`causal_self_attention` at the last position only, shape (B, 1, d).

    The last position's query reads the keys and values of every position (none lies in its future, so nothing is
    masked): ``q = x_T W_q + b_q``, ``A = softmax(q K^T / sqrt(d_h))``, ``output = (A V) W_o + b_o``. What scoring
    a text by sliding windows needs, at a fraction of the work: one query instead of T.

    >>> rng = np.random.default_rng(0)
    >>> x, w_qkv, b_qkv = rng.normal(size=(2, 5, 4)), rng.normal(size=(4, 12)), rng.normal(size=12)
    >>> w_o, b_o = rng.normal(size=(4, 4)), rng.normal(size=4)
    >>> full, _, _ = causal_self_attention(x, w_qkv, b_qkv, w_o, b_o, n_head=2)
    >>> bool(np.allclose(last_position_attention(x, w_qkv, b_qkv, w_o, b_o, n_head=2), full[:, -1:]))
    True
    """
    n_b, n_t, d = x.shape
    dh = d // n_head
    q = (x[:, -1] @ w_qkv[:, :d] + b_qkv[:d]).reshape(n_b, n_head, 1, dh)
    k, v = (x @ w_qkv[:, d:] + b_qkv[d:]).reshape(n_b, n_t, 2, n_head, dh).transpose(2, 0, 3, 1, 4)
    att = softmax(q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh))  # (B, H, 1, T)
    y = (att @ v).transpose(0, 2, 1, 3).reshape(n_b, 1, d)
    return y @ w_o + b_o


def causal_self_attention_backward(dout: np.ndarray, cache: tuple) -> tuple[np.ndarray, ...]:
    """Gradients of attention, from the output back: returns ``(dx, dW_qkv, db_qkv, dW_o, db_o)``.

    - ``dW_o = Y^T dout``, ``db_o = sum dout``, ``dY = dout W_o^T``;
    - ``Y = A V``: ``dA = dY V^T``, ``dV = A^T dY``;
    - softmax, row by row: ``dS = A * (dA - sum_j dA_ij A_ij)`` (masked entries have ``A = 0``, so ``dS = 0``);
    - ``S = Q K^T / sqrt(d_h)``: ``dQ = dS K / sqrt(d_h)``, ``dK = dS^T Q / sqrt(d_h)``;
    - ``[Q K V] = x W_qkv + b_qkv``: ``dW_qkv = x^T d[QKV]``, ``db_qkv = sum d[QKV]``, ``dx = d[QKV] W_qkv^T``.
    """
    x, q, k, v, att, y, w_qkv, w_o = cache
    n_b, n_t, d = x.shape
    n_head, dh = q.shape[1], q.shape[3]
    dw_o = y.reshape(-1, d).T @ dout.reshape(-1, d)
    db_o = dout.sum(axis=(0, 1))
    dy = (dout @ w_o.T).reshape(n_b, n_t, n_head, dh).transpose(0, 2, 1, 3)  # (B, H, T, dh)
    datt = dy @ v.transpose(0, 1, 3, 2)
    dv = att.transpose(0, 1, 3, 2) @ dy
    dscores = att * (datt - (datt * att).sum(axis=-1, keepdims=True))
    dq = dscores @ k / math.sqrt(dh)
    dk = dscores.transpose(0, 1, 3, 2) @ q / math.sqrt(dh)
    dqkv = np.stack([dq, dk, dv]).transpose(1, 3, 0, 2, 4).reshape(n_b, n_t, 3 * d)  # undo the head split
    dw_qkv = x.reshape(-1, d).T @ dqkv.reshape(-1, 3 * d)
    return dqkv @ w_qkv.T, dw_qkv, dqkv.sum(axis=(0, 1)), dw_o, db_o


def dropout(x: np.ndarray, p: float, rng: np.random.Generator | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout: zero each entry with probability ``p`` and scale the rest by ``1 / (1 - p)``.

    Only while training (``rng`` given and ``p > 0``); otherwise the identity. Returns ``(output, mask)``;
    the backward pass multiplies by the same scaled mask.
    """
    if rng is None or p <= 0:
        return x, None
    mask = (rng.random(x.shape) >= p) / (1.0 - p)
    return x * mask, mask


# ------------------------------------------------------------------------------------------------------------
# the model
# ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trace:
    """What the model does with one context: the tokens it reads, its next-character distribution, attention.

    ``tokens[i]`` labels position i (``START`` for the start symbol); ``probs`` is ``q_T(next | context)``
    over ``alphabet``; ``attention[l, h, i, j]`` is how much position i reads from position j in head h of
    layer l (each row sums to 1 and is 0 for ``j > i``). The last row of each head is the one that shapes
    ``probs``.
    """

    tokens: tuple[str, ...]
    alphabet: str
    probs: np.ndarray
    attention: np.ndarray


class TinyGPT:
    """A decoder-only character transformer with a hand-written backward pass (scikit-learn style).

    Parameters
    ----------
    n_layer, n_head, d_model : int
        Blocks, attention heads per block, width of the residual stream (``d_model % n_head == 0``).
    block_size : int
        Tokens the model reads at once (the start symbol counts as one), so at most ``block_size - 1``
        characters of context after the start of a text, ``block_size`` later on.
    dropout : float
        Dropout rate on the embeddings and on each residual branch, while training only.
    learning_rate, weight_decay : float
        Adam's peak step size (linear warm-up over the first ``warmup`` steps, then cosine decay to a tenth)
        and the decoupled weight decay of the weight matrices.
    n_steps, batch_size, warmup : int
        Adam steps; windows of ``block_size`` characters drawn at random from the text per step; warm-up steps.
    grad_clip : float
        The gradient (all weights as one vector) is scaled down to this norm when longer.
    seed : int
        Seeds the initial weights, the windows drawn and the dropout masks: same seed, same model.

    Attributes
    ----------
    vocab_ : str                  the characters the model knows, sorted (V = len(vocab_)).
    params_ : dict[str, ndarray]  the weights, by name (``wte``, ``wpe``, ``h0.attn.w_qkv``, ... ``head.w``).
    loss_curve_ : list[float]     the training loss (nats per character) at every step.
    """

    def __init__(
        self,
        n_layer: int = 2,
        n_head: int = 2,
        d_model: int = 64,
        block_size: int = 64,
        *,
        dropout: float = 0.0,
        learning_rate: float = 3e-3,
        weight_decay: float = 0.0,
        n_steps: int = 1000,
        batch_size: int = 32,
        warmup: int = 100,
        grad_clip: float = 1.0,
        seed: int = 0,
    ):
        self.n_layer, self.n_head, self.d_model, self.block_size = n_layer, n_head, d_model, block_size
        self.dropout, self.learning_rate, self.weight_decay = dropout, learning_rate, weight_decay
        self.n_steps, self.batch_size, self.warmup, self.grad_clip = n_steps, batch_size, warmup, grad_clip
        self.seed = seed

    # ----------------------------------------------------------------------------------------- set-up

    def get_params(self) -> dict:
        """The hyperparameters, as given to ``__init__`` (scikit-learn's convention)."""
        names = "n_layer n_head d_model block_size dropout learning_rate weight_decay n_steps batch_size warmup"
        return {k: getattr(self, k) for k in (*names.split(), "grad_clip", "seed")}

    def _check_hyperparameters(self) -> None:
        for name in ("n_layer", "n_head", "d_model", "block_size", "n_steps", "batch_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
                raise ValueError(f"{name} must be a positive integer (got {value!r})")
        if self.d_model % self.n_head:
            raise ValueError(f"d_model ({self.d_model}) must be a multiple of n_head ({self.n_head})")
        if not 0 <= self.dropout < 1:
            raise ValueError(f"dropout must be in [0, 1) (got {self.dropout})")

    def init_params(self, alphabet: str) -> TinyGPT:
        """Random initial weights for the characters of ``alphabet`` (normal, std 0.02; residual outputs
        scaled by ``1 / sqrt(2 n_layer)`` as in GPT-2; LayerNorm gains 1, biases 0). Returns self."""
        self._check_hyperparameters()
        self.vocab_ = "".join(sorted(set(alphabet)))
        if not self.vocab_:
            raise ValueError("the alphabet is empty")
        self._index = {c: i for i, c in enumerate(self.vocab_)}
        rng = np.random.default_rng(self.seed)
        d, n_v = self.d_model, len(self.vocab_)
        std, std_out = 0.02, 0.02 / math.sqrt(2 * self.n_layer)
        p: Params = {
            "wte": rng.normal(0, std, (n_v + 1, d)),  # row n_v is the start symbol
            "wpe": rng.normal(0, std, (self.block_size, d)),
        }
        for i in range(self.n_layer):
            p[f"h{i}.ln1.g"], p[f"h{i}.ln1.b"] = np.ones(d), np.zeros(d)
            p[f"h{i}.attn.w_qkv"], p[f"h{i}.attn.b_qkv"] = rng.normal(0, std, (d, 3 * d)), np.zeros(3 * d)
            p[f"h{i}.attn.w_o"], p[f"h{i}.attn.b_o"] = rng.normal(0, std_out, (d, d)), np.zeros(d)
            p[f"h{i}.ln2.g"], p[f"h{i}.ln2.b"] = np.ones(d), np.zeros(d)
            p[f"h{i}.mlp.w1"], p[f"h{i}.mlp.b1"] = rng.normal(0, std, (d, 4 * d)), np.zeros(4 * d)
            p[f"h{i}.mlp.w2"], p[f"h{i}.mlp.b2"] = rng.normal(0, std_out, (4 * d, d)), np.zeros(d)
        p["lnf.g"], p["lnf.b"] = np.ones(d), np.zeros(d)
        p["head.w"], p["head.b"] = rng.normal(0, std, (d, n_v)), np.zeros(n_v)
        self.params_ = p
        return self

    @property
    def n_params_(self) -> int:
        """The number of weights (every entry of every array in ``params_``)."""
        return int(sum(v.size for v in self.params_.values()))

    @property
    def start_id(self) -> int:
        """The token id of the start symbol (one past the last character)."""
        return len(self.vocab_)

    def unknown_chars(self, text: str) -> str:
        """The characters of ``text`` the model has no embedding for, sorted (empty string if none)."""
        return "".join(sorted(set(text) - set(self.vocab_)))

    def encode(self, text: str) -> np.ndarray:
        """Character ids of ``text``; ``ValueError`` naming any character outside ``vocab_``."""
        if not isinstance(text, str):
            raise ValueError(f"text must be a string (got {type(text).__name__})")
        unknown = self.unknown_chars(text)
        if unknown:
            shown = ", ".join(repr(c) for c in unknown[:12]) + (" ..." if len(unknown) > 12 else "")
            raise ValueError(
                f"the tiny GPT never saw these characters: {shown} (it knows {len(self.vocab_)} characters: "
                f"{self.vocab_!r}); remove or replace them"
            )
        return np.array([self._index[c] for c in text], dtype=np.int64)

    # ----------------------------------------------------------------------------------------- forward

    def _forward(self, ids: np.ndarray, rng: np.random.Generator | None = None):
        """The network on token ids (B, T): returns ``(logits (B, T, V), attentions, cache)``.

        ``rng`` switches on dropout (training); ``attentions[l]`` is layer l's (B, n_head, T, T).
        """
        p, n_t = self.params_, ids.shape[1]
        if n_t > self.block_size:
            raise ValueError(f"at most block_size = {self.block_size} tokens at once (got {n_t})")
        h, mask0 = dropout(p["wte"][ids] + p["wpe"][:n_t], self.dropout, rng)
        attentions, blocks = [], []
        for i in range(self.n_layer):
            a_in, ln1 = layer_norm(h, p[f"h{i}.ln1.g"], p[f"h{i}.ln1.b"])
            a_out, att, attn = causal_self_attention(
                a_in, p[f"h{i}.attn.w_qkv"], p[f"h{i}.attn.b_qkv"], p[f"h{i}.attn.w_o"], p[f"h{i}.attn.b_o"],
                self.n_head,
            )  # fmt: skip
            a_out, mask1 = dropout(a_out, self.dropout, rng)
            h = h + a_out
            m_in, ln2 = layer_norm(h, p[f"h{i}.ln2.g"], p[f"h{i}.ln2.b"])
            u = m_in @ p[f"h{i}.mlp.w1"] + p[f"h{i}.mlp.b1"]
            hidden = gelu(u)
            m_out, mask2 = dropout(hidden @ p[f"h{i}.mlp.w2"] + p[f"h{i}.mlp.b2"], self.dropout, rng)
            h = h + m_out
            attentions.append(att)
            blocks.append((ln1, attn, mask1, ln2, m_in, u, hidden, mask2))
        hf, lnf = layer_norm(h, p["lnf.g"], p["lnf.b"])
        logits = hf @ p["head.w"] + p["head.b"]
        return logits, attentions, (ids, mask0, blocks, lnf, hf)

    def _last_logits(self, ids: np.ndarray) -> np.ndarray:
        """Logits (B, V) at the last position of each window of token ids (B, T), without dropout.

        The network of :meth:`forward`, but its last block is run for the last position only: that block's keys
        and values still come from every position (:func:`last_position_attention`), while its query, its MLP,
        the final LayerNorm and the head see one position, which is all a sliding window's score uses.
        """
        p, n_t = self.params_, ids.shape[1]
        h = p["wte"][ids] + p["wpe"][:n_t]
        for i in range(self.n_layer):
            a_in, _ = layer_norm(h, p[f"h{i}.ln1.g"], p[f"h{i}.ln1.b"])
            weights = (p[f"h{i}.attn.w_qkv"], p[f"h{i}.attn.b_qkv"], p[f"h{i}.attn.w_o"], p[f"h{i}.attn.b_o"])
            if i < self.n_layer - 1:
                h = h + causal_self_attention(a_in, *weights, self.n_head)[0]
            else:
                h = h[:, -1:] + last_position_attention(a_in, *weights, self.n_head)
            m_in, _ = layer_norm(h, p[f"h{i}.ln2.g"], p[f"h{i}.ln2.b"])
            u = m_in @ p[f"h{i}.mlp.w1"]
            u += p[f"h{i}.mlp.b1"]
            m_out = gelu(u, out=u) @ p[f"h{i}.mlp.w2"]
            m_out += h  # (h + MLP(h)) + b: the order the sliding-window scores were recorded in
            m_out += p[f"h{i}.mlp.b2"]
            h = m_out
        hf, _ = layer_norm(h[:, -1], p["lnf.g"], p["lnf.b"])
        return hf @ p["head.w"] + p["head.b"]

    def forward(self, ids: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Logits (B, T, V) and, per layer, the attention weights (B, n_head, T, T) for token ids (B, T).

        Ids are character indices into ``vocab_``, or ``start_id`` for the start symbol. No dropout.
        """
        logits, attentions, _ = self._forward(np.atleast_2d(np.asarray(ids)))
        return logits, attentions

    # ----------------------------------------------------------------------------------------- backward

    def loss_and_grads(
        self, ids: np.ndarray, targets: np.ndarray, rng: np.random.Generator | None = None
    ) -> tuple[float, Params]:
        """Mean cross-entropy ``L`` (nats per character) of ``targets`` given ``ids``, and ``dL/dw`` for all weights.

        ``L = -(1/N) sum_n ln softmax(z_n)[y_n]`` over the N = B T positions; the backward pass runs the
        layers in reverse, starting from ``dL/dz_n = (softmax(z_n) - onehot(y_n)) / N``. A residual
        connection ``h + f(h)`` passes its gradient both straight on and through ``f``, so the two add.
        """
        p = self.params_
        logits, _, (ids, mask0, blocks, lnf, hf) = self._forward(ids, rng)
        n_b, n_t, n_v = logits.shape
        n = n_b * n_t
        probs = softmax(logits)
        rows = np.arange(n)
        flat = probs.reshape(n, n_v)
        loss = float(-np.log(flat[rows, targets.ravel()]).mean())
        g: Params = {}
        dz = flat.copy()
        dz[rows, targets.ravel()] -= 1.0
        dz = (dz / n).reshape(n_b, n_t, n_v)
        g["head.w"] = hf.reshape(n, -1).T @ dz.reshape(n, n_v)
        g["head.b"] = dz.sum(axis=(0, 1))
        dh, g["lnf.g"], g["lnf.b"] = layer_norm_backward(dz @ p["head.w"].T, lnf)
        for i in reversed(range(self.n_layer)):
            ln1, attn, mask1, ln2, m_in, u, hidden, mask2 = blocks[i]
            d_mout = dh if mask2 is None else dh * mask2  # h = h + dropout(MLP(LN_2(h)))
            d_model = m_in.shape[-1]
            g[f"h{i}.mlp.w2"] = hidden.reshape(n, -1).T @ d_mout.reshape(n, d_model)
            g[f"h{i}.mlp.b2"] = d_mout.sum(axis=(0, 1))
            du = gelu_backward(d_mout @ p[f"h{i}.mlp.w2"].T, u)
            g[f"h{i}.mlp.w1"] = m_in.reshape(n, d_model).T @ du.reshape(n, -1)
            g[f"h{i}.mlp.b1"] = du.sum(axis=(0, 1))
            d_min, g[f"h{i}.ln2.g"], g[f"h{i}.ln2.b"] = layer_norm_backward(du @ p[f"h{i}.mlp.w1"].T, ln2)
            dh = dh + d_min
            d_aout = dh if mask1 is None else dh * mask1  # h = h + dropout(Attention(LN_1(h)))
            d_ain, *attn_grads = causal_self_attention_backward(d_aout, attn)
            for name, grad in zip(("w_qkv", "b_qkv", "w_o", "b_o"), attn_grads, strict=True):
                g[f"h{i}.attn.{name}"] = grad
            d_hin, g[f"h{i}.ln1.g"], g[f"h{i}.ln1.b"] = layer_norm_backward(d_ain, ln1)
            dh = dh + d_hin
        if mask0 is not None:
            dh = dh * mask0
        g["wpe"] = np.zeros_like(p["wpe"])
        g["wpe"][:n_t] = dh.sum(axis=0)
        g["wte"] = np.zeros_like(p["wte"])
        np.add.at(g["wte"], ids, dh)  # a row used several times collects every use's gradient
        return loss, g

    # ----------------------------------------------------------------------------------------- training

    def _learning_rate(self, step: int) -> float:
        """Linear warm-up to ``learning_rate`` over ``warmup`` steps, then cosine decay to a tenth of it."""
        if step < self.warmup:
            return self.learning_rate * (step + 1) / self.warmup
        frac = (step - self.warmup) / max(1, self.n_steps - self.warmup)
        return self.learning_rate * (0.1 + 0.9 * 0.5 * (1.0 + math.cos(math.pi * frac)))

    def fit(
        self, text: str, alphabet: str | None = None, callback: Callable[[int, float, TinyGPT], None] | None = None
    ) -> TinyGPT:
        """Train on ``text`` with Adam for ``n_steps`` steps; returns self.

        Each step draws ``batch_size`` windows of ``block_size + 1`` tokens from the start-padded text
        (start symbol + text), predicts every token of a window from the ones before it, and moves the
        weights against the gradient: clipped to norm ``grad_clip``, then :class:`core.nn.Adam` at the
        step size of :meth:`_learning_rate`, with decoupled weight decay ``w -= lr * weight_decay * w`` on
        the weight matrices (AdamW). ``alphabet`` adds characters the text may lack (pass the full text's
        characters when the model will be scored on held-out text). ``callback(step, loss, model)`` is
        called after every step (for progress or validation).
        """
        if not isinstance(text, str) or len(text) < 2:
            raise ValueError("fit needs a text of at least 2 characters")
        self.init_params(set(text) | set(alphabet or ""))
        tokens = np.concatenate([[self.start_id], self.encode(text)])
        n_windows = len(tokens) - self.block_size
        if n_windows < 1:
            raise ValueError(f"the text needs more than block_size = {self.block_size} characters")
        rng = np.random.default_rng([self.seed, 1])  # batches and dropout: a stream apart from the weights'
        names = list(self.params_)
        adam = Adam([self.params_[k] for k in names], beta2=0.99)  # core.nn.Adam updates the arrays in place
        matrices = [w for w in self.params_.values() if w.ndim == 2]  # decayed; biases and LayerNorm gains not
        offsets = np.arange(self.block_size + 1)
        self.loss_curve_ = []
        for step in range(self.n_steps):
            starts = rng.integers(0, n_windows, size=self.batch_size)
            chunk = tokens[starts[:, None] + offsets]
            loss, grads = self.loss_and_grads(chunk[:, :-1], chunk[:, 1:], rng)
            norm = math.sqrt(sum(float((v * v).sum()) for v in grads.values()))
            if norm > self.grad_clip:
                grads = {k: v * (self.grad_clip / norm) for k, v in grads.items()}
            adam.learning_rate = lr = self._learning_rate(step)
            for w in matrices:  # decoupled weight decay (AdamW): shrink the weights a little, apart from Adam
                w -= lr * self.weight_decay * w
            adam.step([grads[k] for k in names])
            self.loss_curve_.append(loss)
            if callback is not None:
                callback(step, loss, self)
        return self

    # ----------------------------------------------------------------------------------------- using it

    def _window(self, context: str) -> np.ndarray:
        """The tokens the model reads to predict what follows ``context``: start + context, last block_size."""
        return np.concatenate([[self.start_id], self.encode(context)])[-self.block_size :]

    def next_char_distribution(self, context: str = "", temperature: float = 1.0) -> np.ndarray:
        """``q_T(next character | context)`` over ``vocab_``, shape (V,): ``softmax(z / T)`` of the last logits.

        ``T = 1`` is the model ``q`` itself. ``ValueError`` naming any character the model never saw.
        """
        _check_temperature(temperature)
        logits, _ = self.forward(self._window(context)[None])
        return softmax(logits[0, -1] / temperature)

    def trace(self, context: str = "", temperature: float = 1.0) -> Trace:
        """The tokens read, ``q_T(next | context)`` and every head's attention (for the heatmaps)."""
        _check_temperature(temperature)
        window = self._window(context)
        logits, attentions = self.forward(window[None])
        labels = tuple(START if i == self.start_id else self.vocab_[i] for i in window)
        att = np.stack([a[0] for a in attentions])  # (n_layer, n_head, T, T)
        return Trace(labels, self.vocab_, softmax(logits[0, -1] / temperature), att)

    def log_prob_bits(self, text: str, history: str = "", batch: int = 32) -> np.ndarray:
        """``log2 q(x_t | x_<t)`` for every character of ``text`` (bits, <= 0), after ``history``; T = 1.

        The text is start-padded; character t is predicted from the (at most) ``block_size`` tokens before
        it, exactly as :meth:`next_char_distribution` would. The first ``block_size`` predictions share one
        forward pass (the causal mask makes each one see only its own past); every later one slides the
        window by a character and reads the logits at its last position only (:meth:`_last_logits`). ``batch``
        windows are scored at once (32: the MLP's hidden layer, batch x block_size x 4 d_model numbers, stays in the
        cache for the shipped model; 128 took a third longer here, with the same numbers to the last bit). Like
        ``score_samples``, one value per item.
        """
        ids = np.concatenate([[self.start_id], self.encode(history + text)])
        n, n_b = len(ids) - 1, self.block_size  # n characters to predict
        out = np.empty(n)
        first = ids[: min(n, n_b)]
        logits, _ = self.forward(first[None])
        out[: len(first)] = _log2_softmax_at(logits[0], ids[1 : len(first) + 1])
        if n > n_b:
            windows = np.lib.stride_tricks.sliding_window_view(ids[1:n], n_b)  # window j predicts ids[j + n_b + 1]
            for s in range(0, len(windows), batch):
                logits = self._last_logits(windows[s : s + batch])
                tgt = ids[s + n_b + 1 : s + n_b + 1 + len(logits)]
                out[n_b + s : n_b + s + len(logits)] = _log2_softmax_at(logits, tgt)
        return out[len(history) :]

    def bits_per_char(self, text: str) -> float:
        """Average code length ``-(1/n) sum_t log2 q(x_t | x_<t)`` of ``text`` in bits (lower = better)."""
        if not text:
            raise ValueError("cannot score an empty text")
        return float(-self.log_prob_bits(text).mean())

    def generate(self, prompt: str = "", n: int = 200, temperature: float = 1.0, seed: int = 0) -> TextGeneration:
        """Sample ``n`` characters after ``prompt``: draw ``x_t ~ q_T(. | x_<t)``, append it, repeat.

        Seeded: the same model, prompt, temperature and seed give the same text. Returns the same record as
        :func:`core.ar_text.generate` (the distributions drawn from, the choices, entropies and surprises).
        """
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n must be a positive integer (got {n!r})")
        _check_temperature(temperature)
        self.encode(prompt)
        u = np.random.default_rng(seed).random(n)
        text = prompt
        probs = np.empty((n, len(self.vocab_)))
        chosen = np.empty(n, dtype=int)
        for t in range(n):
            probs[t] = self.next_char_distribution(text, temperature)
            chosen[t] = sample_index(probs[t], u[t])
            text += self.vocab_[chosen[t]]
        return TextGeneration(
            prompt=prompt,
            text=text[len(prompt) :],
            alphabet=self.vocab_,
            probs=probs,
            chosen=chosen,
            entropy_bits=entropy_bits(probs),
            surprise_bits=-np.log2(probs[np.arange(n), chosen]),
        )

    # ----------------------------------------------------------------------------------------- files

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The fitted model as named arrays for an ``.npz`` file: weights (float32, half the size; :meth:`load`
        reads them back as float64), the vocabulary and the hyperparameters (no pickles). The app never writes
        files: ``scripts/train_gpt.py`` stores these arrays in one compressed ``.npz``."""
        arrays = {f"param/{k}": v.astype(np.float32) for k, v in self.params_.items()}
        return {"vocab": np.array(self.vocab_), "hyperparameters": np.array(json.dumps(self.get_params())), **arrays}

    @classmethod
    def load(cls, path: str | Path) -> TinyGPT:
        """A model from an ``.npz`` of :meth:`to_arrays` (weights as float64)."""
        with np.load(path, allow_pickle=False) as f:
            model = cls(**json.loads(str(f["hyperparameters"])))
            model.init_params(str(f["vocab"]))
            for k in model.params_:
                model.params_[k] = f[f"param/{k}"].astype(np.float64)
        return model


def _check_temperature(temperature: float) -> None:
    if not np.isfinite(temperature) or temperature < MIN_TEMPERATURE:
        raise ValueError(
            f"temperature must be at least {MIN_TEMPERATURE} (got {temperature}); use a small value such as "
            "0.1 for nearly greedy sampling"
        )


def _log2_softmax_at(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """``log2 softmax(logits_n)[targets_n]`` for each row n, computed stably in log space."""
    z = logits - logits.max(axis=-1, keepdims=True)
    log_q = z[np.arange(len(z)), targets] - np.log(np.exp(z).sum(axis=-1))
    return log_q / math.log(2.0)


DATA_DIR = Path(__file__).resolve().parent / "data"
WEIGHTS_PATH = DATA_DIR / "tiny_gpt.npz"
RECORD_PATH = DATA_DIR / "tiny_gpt.json"


def load_shipped() -> tuple[TinyGPT, dict]:
    """The shipped model (``core/data/tiny_gpt.npz``) and its training record (``tiny_gpt.json``)."""
    return TinyGPT.load(WEIGHTS_PATH), json.loads(RECORD_PATH.read_text(encoding="utf-8"))
