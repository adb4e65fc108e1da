"""Scenes of the cross-entropy page: a truth p and a model q, one message sent with codes built for each,
and a classifier whose training loss is a cross entropy.

The distribution scenes take the page's settings first, ``(source, model, temperature, weights)``: the true
distribution's name, the kind of model, the tempered model's T and the hand-set model's weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from core import coding, datasets, info
from core.sample_quality import window_around
from lecture import cross_entropy as text

SOURCES: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Loaded die": (tuple("123456"), (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)),
    "Weather": (("sun", "cloud", "rain", "snow"), (0.5, 0.25, 0.2, 0.05)),
    "Fair die": (tuple("123456"), (1 / 6,) * 6),
}
MODELS = ("Tempered p", "Uniform", "My weights")
C_VALUES = (0.01, 0.1, 1.0, 10.0, 100.0)
SHOWN_SYMBOLS = 16
MAX_BLOCK = 5
N_POINTS = 60  # labelled points the classifier is fitted to
NOISE = 0.25
GRID = 90  # q(y=1|x) is evaluated on GRID x GRID points
MARGIN = 0.1  # the map's window around the points, as a share of their range
FIRST_POINTS = 8


def _model(
    source: str, model: str, temperature: float, weights: tuple[int, ...]
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """(symbols, p, q) for the settings; ValueError if the weights cannot be normalised."""
    symbols, p = SOURCES[source]
    if model == "Tempered p":
        q = info.temper(p, temperature)
    elif model == "Uniform":
        q = info.empirical_distribution(np.ones(len(p)))
    else:
        q = info.empirical_distribution(weights)  # weights -> probabilities, explicitly
    return symbols, np.array(p), q


@dataclass(frozen=True)
class Pair:
    """The truth p, the model q, and H(p), H(p, q), KL(p‖q) in bits; ``zero``: outcomes p has and q rules out."""

    symbols: tuple[str, ...]
    p: np.ndarray
    q: np.ndarray
    h: float
    h_pq: float
    kl: float
    zero: tuple[str, ...]
    table: pd.DataFrame

    @property
    def infinite(self) -> bool:
        return math.isinf(self.h_pq)


def pair(source: str, model: str, temperature: float, weights: tuple[int, ...]) -> Pair:
    symbols, p, q = _model(source, model, temperature, weights)
    return Pair(
        symbols=symbols,
        p=p,
        q=q,
        h=float(info.entropy(p)),
        h_pq=float(info.cross_entropy(p, q)),
        kl=float(info.kl_divergence(p, q)),
        zero=tuple(str(s) for s, a, b in zip(symbols, p, q, strict=True) if a > 0 and b == 0),
        table=pd.DataFrame({"outcome": symbols, "p": p, "q": q}),
    )


@dataclass(frozen=True)
class Codes:
    """One message of ``n`` symbols from p, sent with codes built for q and for p.

    ``arith_q``/``arith_p``: bits per symbol of arithmetic codes for the whole message; ``for_q``/``for_p``: Shannon
    block codes of 1 to ``MAX_BLOCK`` symbols; ``shown``: the first symbols, ``bits_p``/``bits_q`` their codewords.
    """

    n: int
    h: float
    kl: float
    arith_q: float
    arith_p: float
    for_q: coding.BlockCoding
    for_p: coding.BlockCoding
    shown: tuple[str, ...]
    bits_p: tuple[str, ...]
    bits_q: tuple[str, ...]
    first: pd.DataFrame  # the shown symbols and their two codewords, one column each
    stack_table: pd.DataFrame
    blocks_table: pd.DataFrame

    @property
    def shown_bits_p(self) -> int:
        """Bits the shown symbols take with the code for p."""
        return sum(map(len, self.bits_p))

    @property
    def shown_bits_q(self) -> int:
        """Bits the shown symbols take with the code for q."""
        return sum(map(len, self.bits_q))


def codes(source: str, model: str, temperature: float, weights: tuple[int, ...], n: int, seed: int) -> Codes:
    """One message drawn from p, sent with codes built for q and for p (arithmetic and Shannon block codes)."""
    symbols, p, q = _model(source, model, temperature, weights)
    full = coding.sample_message(p, n, seed)
    arith_q = coding.arithmetic_encode(full, q)
    arith_p = coding.arithmetic_encode(full, p)
    assert coding.arithmetic_decode(arith_q, q, n) == full.tolist()  # the receiver gets the message back
    for_q = coding.block_coding(p, q, max_block=MAX_BLOCK, message_length=n, seed=seed, kind="shannon")
    for_p = coding.block_coding(p, None, max_block=MAX_BLOCK, message_length=n, seed=seed, kind="shannon")
    code_q, code_p = coding.shannon_code(q, symbols), coding.shannon_code(p, symbols)
    shown = tuple(symbols[i] for i in full[:SHOWN_SYMBOLS])
    bits_p, bits_q = tuple(code_p[s] for s in shown), tuple(code_q[s] for s in shown)
    h, kl = float(info.entropy(p)), float(info.kl_divergence(p, q))
    return Codes(
        n=n,
        h=h,
        kl=kl,
        arith_q=len(arith_q) / n,
        arith_p=len(arith_p) / n,
        for_q=for_q,
        for_p=for_p,
        shown=shown,
        bits_p=bits_p,
        bits_q=bits_q,
        first=pd.DataFrame(
            [shown, bits_p, bits_q],
            index=["symbol", "code for p", "code for q"],
            columns=[str(i + 1) for i in range(len(shown))],
        ),
        stack_table=pd.DataFrame({"part": ["H(p)", "KL(p||q)"], "bits": [h, kl]}),
        blocks_table=pd.DataFrame(
            {
                "n": for_q.block_lengths,
                "code_for_q_expected": for_q.expected,
                "code_for_q_measured": for_q.measured,
                "code_for_p_expected": for_p.expected,
                "code_for_p_measured": for_p.measured,
            }
        ),
    )


# ----------------------------------------------------------------------------------------------- classifier


@dataclass(frozen=True)
class Classifier:
    """A logistic regression q(y | x) on labelled 2-D points: its training loss two ways, q(y=1|x) on a grid.

    ``loss``: each point's −ln q(true y | x) in nats; ``ours``: their mean (``core.info``), ``sklearn``: the same by
    scikit-learn's ``log_loss``; ``grid``: q(y=1|x) over ``extent``, row 0 the lowest x₂.
    """

    X: np.ndarray
    y: np.ndarray
    proba: np.ndarray
    loss: np.ndarray
    grid: np.ndarray
    extent: tuple[float, float, float, float]
    accuracy: float
    ours: float
    ours_bits: float
    sklearn: float
    points: pd.DataFrame  # every point and its loss
    first: pd.DataFrame  # the first points, with their probabilities

    @property
    def n(self) -> int:
        return len(self.y)


def classifier(c: float, seed: int) -> Classifier:
    """Logistic regression with inverse regularisation ``c`` on ``N_POINTS`` two-moons points drawn with ``seed``."""
    X, y = datasets.classification_2d("moons", n=N_POINTS, noise=NOISE, seed=seed)
    model = LogisticRegression(C=c).fit(X, y)
    proba = model.predict_proba(X)
    extent = window_around(X, MARGIN)
    gx, gy = np.meshgrid(np.linspace(extent[0], extent[1], GRID), np.linspace(extent[2], extent[3], GRID))
    grid = model.predict_proba(np.c_[gx.ravel(), gy.ravel()])[:, 1].reshape(gx.shape)
    q_true = proba[np.arange(len(y)), y]
    loss = -np.log(q_true)
    ours = info.cross_entropy_loss(y, proba)  # mean of -ln q(y|x), nats
    k = FIRST_POINTS
    return Classifier(
        X=X,
        y=y,
        proba=proba,
        loss=loss,
        grid=grid,
        extent=extent,
        accuracy=float(np.mean(model.predict(X) == y)),
        ours=ours,
        ours_bits=ours * info.BITS_PER_NAT,
        sklearn=float(log_loss(y, proba)),
        points=pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "y": y, "loss_nats": loss}),
        first=pd.DataFrame(
            {
                "x₁": X[:k, 0].round(2),
                "x₂": X[:k, 1].round(2),
                "true class y": y[:k],
                "q(y=0|x)": proba[:k, 0].round(3),
                "q(y=1|x)": proba[:k, 1].round(3),
                "q(true y|x)": q_true[:k].round(3),
                "−ln q(true y|x) [nats]": loss[:k].round(3),
            }
        ),
    )


# ----------------------------------------------------------------------------------------------- what to notice


def notice(
    pair: Pair,
    codes: Codes | None,
    model: str,
    temperature: float,
    tab: str = "stack",
    clf: Classifier | None = None,
) -> tuple[str, ...]:
    """The page's "what to notice", filled from what is on screen: the p/q bars, then the open tab
    (``"stack"``: the message and the bar H(p) + KL, ``"blocks"``: longer blocks, ``"ml"``: the classifier ``clf``).
    """
    if model == "Tempered p":
        kind = "same" if temperature == 1.0 else "flatter" if temperature > 1.0 else "sharper"
    else:
        kind = model
    sentences = [text.NOTICE["BARS"].format(model=text.MODELS[kind].format(t=temperature))]
    if tab == "ml" and clf is not None:
        values = {
            "loss": clf.ours,
            "bits": clf.ours_bits,
            "n": clf.n,
            "wrong": int(np.sum(clf.proba.argmax(axis=1) != clf.y)),
            "accuracy": clf.accuracy,
            "worst": float(clf.loss.max()),
        }
        return (*sentences, *(text.NOTICE[k].format(**values) for k in ("LOSS", "WRONG", "C")))
    if pair.infinite:
        return (*sentences, text.NOTICE["INFINITE"].format(zero=", ".join(pair.zero)))
    if codes is None:
        return tuple(sentences)
    if tab == "blocks":
        values = {
            "n_max": int(codes.for_q.block_lengths[-1]),
            "eq": codes.for_q.expected[-1],
            "ep": codes.for_p.expected[-1],
            "h_pq": pair.h_pq,
            "h": pair.h,
            "kl": pair.kl,
        }
        return (*sentences, text.NOTICE["BLOCKS"].format(**values))
    values = {
        "n": codes.n,
        "arith_q": codes.arith_q,
        "arith_p": codes.arith_p,
        "diff": codes.arith_q - codes.arith_p,
        "kl": pair.kl,
    }
    sentences.append(text.NOTICE["SAME" if pair.kl < 1e-12 else "COST"].format(**values))
    sentences.append(text.NOTICE["BEST"].format(h=pair.h))
    return tuple(sentences)
