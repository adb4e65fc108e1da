"""Cross entropy: the average message length when the code was built for a model q but the data come from p."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from core import coding, datasets, info
from ui import charts, frame
from ui import info_charts as ic

SOURCES: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Loaded die": (tuple("123456"), (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)),
    "Weather": (("sun", "cloud", "rain", "snow"), (0.5, 0.25, 0.2, 0.05)),
    "Fair die": (tuple("123456"), (1 / 6,) * 6),
}
MODELS = ("Tempered p", "Uniform", "My weights")
C_VALUES = (0.01, 0.1, 1.0, 10.0, 100.0)
SHOWN_SYMBOLS = 16


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_data(show_spinner=False, max_entries=256)
def distributions(source: str, model: str, temperature: float, weights: tuple[int, ...]) -> dict:
    symbols, p = SOURCES[source]
    if model == "Tempered p":
        q = info.temper(p, temperature)
    elif model == "Uniform":
        q = info.empirical_distribution(np.ones(len(p)))
    else:
        q = info.empirical_distribution(weights)  # weights -> probabilities, explicitly
    return {
        "symbols": symbols,
        "p": np.array(p),
        "q": q,
        "h": float(info.entropy(p)),
        "h_pq": float(info.cross_entropy(p, q)),
        "kl": float(info.kl_divergence(p, q)),
    }


@st.cache_data(show_spinner=False, max_entries=256)
def codes(source: str, model: str, temperature: float, weights: tuple[int, ...], n: int, seed: int) -> dict:
    """One message drawn from p, sent with codes built for q and for p (arithmetic and Shannon block codes)."""
    d = distributions(source, model, temperature, weights)
    full = coding.sample_message(d["p"], n, seed)
    arith_q = coding.arithmetic_encode(full, d["q"])
    arith_p = coding.arithmetic_encode(full, d["p"])
    assert coding.arithmetic_decode(arith_q, d["q"], n) == full.tolist()  # the receiver gets the message back
    for_q = coding.block_coding(d["p"], d["q"], max_block=5, message_length=n, seed=seed, kind="shannon")
    for_p = coding.block_coding(d["p"], None, max_block=5, message_length=n, seed=seed, kind="shannon")
    message = full[:SHOWN_SYMBOLS]
    code_q = coding.shannon_code(d["q"], d["symbols"])
    code_p = coding.shannon_code(d["p"], d["symbols"])
    shown = [d["symbols"][i] for i in message]
    return {
        "arith_q": len(arith_q) / n,
        "arith_p": len(arith_p) / n,
        "arith_bits_q": arith_q[:120],
        "for_q": for_q,
        "for_p": for_p,
        "code_q": code_q,
        "code_p": code_p,
        "shown": shown,
        "bits_q": [code_q[s] for s in shown],
        "bits_p": [code_p[s] for s in shown],
    }


@st.cache_data(show_spinner=False, max_entries=32)
def classifier(c: float, seed: int) -> dict:
    """A logistic-regression classifier on 60 labelled 2-D points; its loss two ways; q(y=1|x) on a grid."""
    X, y = datasets.classification_2d("moons", n=60, noise=0.25, seed=seed)
    model = LogisticRegression(C=c).fit(X, y)
    proba = model.predict_proba(X)
    extent = charts.grid_extent(X, 0.1)
    gx, gy = np.meshgrid(np.linspace(extent[0], extent[1], 90), np.linspace(extent[2], extent[3], 90))
    grid = model.predict_proba(np.c_[gx.ravel(), gy.ravel()])[:, 1].reshape(gx.shape)
    return {
        "X": X,
        "y": y,
        "proba": proba,
        "grid": grid,
        "extent": extent,
        "accuracy": float(np.mean(model.predict(X) == y)),
        "ours": info.cross_entropy_loss(y, proba),  # mean of -ln q(y|x), nats
        "sklearn": float(log_loss(y, proba)),
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def loss_chart(c: float, seed: int, present: bool):
    clf = classifier(c, seed)
    y, proba = clf["y"], clf["proba"]
    loss = -np.log(proba[np.arange(len(y)), y])
    return ic.loss_map(clf["grid"], clf["extent"], clf["X"], y, loss)


# Charts are cached as objects (shared, never mutated). `present` is part of the cache key because chart sizes
# grow in presenter mode.
@st.cache_resource(show_spinner=False, max_entries=256)
def bars_chart(source: str, model: str, temperature: float, weights: tuple[int, ...], present: bool):
    d = distributions(source, model, temperature, weights)
    return ic.pq_bars(d["symbols"], d["p"], d["q"])


@st.cache_resource(show_spinner=False, max_entries=256)
def stack_chart(
    source: str, model: str, temperature: float, weights: tuple[int, ...], n: int, seed: int, present: bool
):
    d = distributions(source, model, temperature, weights)
    c = codes(source, model, temperature, weights, n, seed)
    marks = {"message sent with the code for q": c["arith_q"], "message sent with the code for p": c["arith_p"]}
    return ic.cross_entropy_stack(d["h"], d["kl"], marks)


@st.cache_resource(show_spinner=False, max_entries=256)
def blocks_chart(
    source: str, model: str, temperature: float, weights: tuple[int, ...], n: int, seed: int, present: bool
):
    c = codes(source, model, temperature, weights, n, seed)
    fq, fp = c["for_q"], c["for_p"]
    series = {
        "code built for q": (fq.expected, fq.measured, fq.cross_entropy, charts.Q_COLOR),
        "code built for p": (fp.expected, fp.measured, fp.entropy, charts.P_COLOR),
    }
    return ic.block_rate_chart(fq.block_lengths, series, limit_names=["H(p, q)", "H(p)"])


# ----------------------------------------------------------------------------------------------- page

page = frame.start("cross_entropy")
page.formula(
    r"H(p, q) \;=\; -\sum_x p(x)\,\log_2 q(x) \;=\; H(p) + \mathrm{KL}(p\,\|\,q) \;\ge\; H(p)",
    where=r"$p$: the true distribution the symbols come from; $q$: the model the code was built for; "
    r"$-\log_2 q(x)$: the length of $x$'s codeword in that code, in bits.",
)

fig, ctrl = page.columns()
with ctrl:
    source = st.selectbox("True distribution p", list(SOURCES), key="ce_p", bind="query-params")
    model = st.selectbox("Model q", MODELS, key="ce_model", bind="query-params")
    temperature, weights = 1.0, (1,) * len(SOURCES[source][0])
    if model == "Tempered p":
        temperature = st.slider(
            "Temperature T", 0.2, 5.0, 3.0, 0.1, key="ce_temp", bind="query-params",
            help="q ∝ p^(1/T). T = 1: q = p. T > 1: flatter than p (under-confident). T < 1: sharper (over-confident).",
        )  # fmt: skip
    elif model == "My weights":
        names = SOURCES[source][0]
        weights = tuple(
            st.slider(f"weight of {names[i]}", 0, 10, 1, key=f"ce_q{i}", bind="query-params") for i in range(len(names))
        )
    n_message = st.slider("Message length (symbols)", 200, 5000, 2000, 100, key="ce_n", bind="query-params")
    seed = page.seed_control()

d = None
with page.guard():
    d = distributions(source, model, temperature, weights)
    with fig:
        frame_df = pd.DataFrame({"outcome": d["symbols"], "p": d["p"], "q": d["q"]})
        charts.show(bars_chart(source, model, temperature, weights, page.present), "cross-entropy-p-q", data=frame_df)

if d is not None:
    infinite = math.isinf(d["h_pq"])
    c = None
    if not infinite:
        with page.guard():
            c = codes(source, model, temperature, weights, n_message, seed)
    numbers = [
        frame.Number("Entropy H(p)", d["h"], "bits", help="Bits per symbol with the code built for p itself."),
        frame.Number("Cross entropy H(p, q)", d["h_pq"], "bits", help="Bits per symbol with the code built for q."),
        frame.Number("KL(p‖q) = H(p, q) − H(p)", d["kl"], "bits", help="Bits per symbol wasted by the model."),
    ]
    if c is not None:
        numbers.append(
            frame.Number(
                "Measured, code for q",
                c["arith_q"],
                "bits",
                help=f"A message of {n_message:,} symbols drawn from p, sent with an arithmetic code built for q "
                "(bits counted, then decoded back to check).",
            )
        )
    page.numbers(numbers)
    if infinite:
        zero = [str(s) for s, pp, qq in zip(d["symbols"], d["p"], d["q"], strict=True) if pp > 0 and qq == 0]
        st.warning(
            f"The model gives probability 0 to {', '.join(zero)}, which does occur under p. A code built for q "
            "reserves no codeword for it, so the message cannot be sent at any finite length: H(p, q) = "
            "KL(p‖q) = ∞. Give every outcome a little weight and the cost becomes finite.",
            icon=":material/all_inclusive:",
        )

    tab_stack, tab_blocks, tab_ml = st.tabs(
        ["H(p, q) = H(p) + KL", "Longer blocks", "Cross-entropy loss in ML"], key="ce_tab", bind="query-params"
    )
    if tab_stack.open and c is not None:
        with tab_stack:
            table = pd.DataFrame({"part": ["H(p)", "KL(p||q)"], "bits": [d["h"], d["kl"]]})
            charts.show(
                stack_chart(source, model, temperature, weights, n_message, seed, page.present),
                "cross-entropy-stack",
                table,
            )
            st.caption(
                f"The whole bar is H(p, q) = {d['h_pq']:.3f} bits: the {d['h']:.3f} bits the source really needs "
                f"plus {d['kl']:.3f} bits wasted because the code trusts q. Grey bars: bits per symbol actually "
                f"used to send the same {n_message:,} symbols drawn from p with an arithmetic code built for q and "
                "with one built for p (it codes the whole message as one number, so no bits are lost to rounding; a "
                "random message lands close to, not exactly on, its expected cost)."
            )
            st.markdown(
                f"**The first {SHOWN_SYMBOLS} symbols, one codeword each** (Shannon codes, ⌈−log₂ q(x)⌉ and "
                "⌈−log₂ p(x)⌉ bits):"
            )
            st.dataframe(
                pd.DataFrame(
                    [c["shown"], c["bits_p"], c["bits_q"]],
                    index=["symbol", "code for p", "code for q"],
                    columns=[str(i + 1) for i in range(len(c["shown"]))],
                ),
                width="stretch",
            )
            st.caption(
                f"These {len(c['shown'])} symbols take {sum(map(len, c['bits_p']))} bits with the code for p and "
                f"{sum(map(len, c['bits_q']))} bits with the code for q."
            )
    elif tab_stack.open:
        with tab_stack:
            st.info("With H(p, q) = ∞ there is no finite message to show.", icon=":material/all_inclusive:")
    if tab_blocks.open and c is not None:
        with tab_blocks:
            fq, fp = c["for_q"], c["for_p"]
            table = pd.DataFrame(
                {"n": fq.block_lengths, "code_for_q_expected": fq.expected, "code_for_q_measured": fq.measured,
                 "code_for_p_expected": fp.expected, "code_for_p_measured": fp.measured}
            )  # fmt: skip
            charts.show(
                blocks_chart(source, model, temperature, weights, n_message, seed, page.present),
                "cross-entropy-blocks",
                table,
            )
            st.caption(
                "Shannon codes with codeword lengths ⌈−log₂ q(block)⌉ (vermillion) and ⌈−log₂ p(block)⌉ (blue). "
                "Longer blocks remove the rounding loss (shaded: at most 1/n bit): the code for p falls to H(p), "
                "the code for q only to H(p, q). The gap that no block length removes is KL(p‖q). Diamonds: the "
                f"message of {n_message:,} symbols."
            )
    if tab_ml.open:
        with tab_ml, page.guard():
            fig_ml, ctrl_ml = page.columns()
            with ctrl_ml:
                c_value = st.select_slider(
                    "Regularisation C (larger = more confident)", C_VALUES, value=1.0, key="ce_c",
                    bind="query-params",
                    help="Inverse strength of the penalty on the weights of the logistic regression: small C keeps "
                    "every q(y|x) near 0.5, large C lets the model be sure.",
                )  # fmt: skip
                st.caption(
                    "A logistic regression q(y | x) fitted to 60 labelled points (two moons, seed above). Its "
                    "training loss is the cross entropy between the labels and the model."
                )
            clf = classifier(float(c_value), seed)
            y, proba = clf["y"], clf["proba"]
            q_true = proba[np.arange(len(y)), y]
            with fig_ml:
                charts.show(
                    loss_chart(float(c_value), seed, page.present),
                    "cross-entropy-loss-map",
                    data=pd.DataFrame(
                        {"x1": clf["X"][:, 0], "x2": clf["X"][:, 1], "y": y, "loss_nats": -np.log(q_true)}
                    ),
                )
                st.caption(
                    "Background: the model's q(y = 1 | x), white where it is unsure (0.5, the dark line). Each dot "
                    "is a training point in its true class's colour, sized by its loss −ln q(true y | x): a point "
                    "on the wrong side of the line is a big dot and dominates the average."
                )
            page.numbers(
                [
                    frame.Number(
                        "Cross-entropy loss",
                        clf["ours"],
                        "nats",
                        help="Mean of −ln q(true y | x) over the 60 points (core.info.cross_entropy_loss).",
                    ),
                    frame.Number("Same loss in bits", clf["ours"] * info.BITS_PER_NAT, "bits"),
                    frame.Number(
                        "scikit-learn log_loss",
                        clf["sklearn"],
                        "nats",
                        help="sklearn.metrics.log_loss on the same predictions: the same number, computed "
                        "independently.",
                    ),
                    frame.Number(
                        "Training accuracy",
                        f"{clf['accuracy']:.0%}",
                        help="Fraction of points on the right side of the line: the loss also rewards confidence.",
                    ),
                ]
            )
            rows = pd.DataFrame(
                {
                    "x₁": clf["X"][:8, 0].round(2),
                    "x₂": clf["X"][:8, 1].round(2),
                    "true class y": y[:8],
                    "q(y=0|x)": proba[:8, 0].round(3),
                    "q(y=1|x)": proba[:8, 1].round(3),
                    "q(true y|x)": q_true[:8].round(3),
                    "−ln q(true y|x) [nats]": (-np.log(q_true[:8])).round(3),
                }
            )
            st.markdown("**The first 8 points:** the loss of each is −ln of the probability given to its true class.")
            st.dataframe(rows, hide_index=True, width="stretch")

page.notice(
    "Blue bars are the truth p, vermillion bars the model q. The code is built for q, so every symbol costs "
    "−log₂ q(x) bits, but the symbols arrive with the frequencies of p.",
    "The message sent with the code for q costs about H(p, q) bits per symbol, with the code for p about H(p): "
    "the difference is KL(p‖q), the orange part of the bar. Longer blocks never close that gap.",
    "Set the temperature to 1 (q = p) and the orange part vanishes: the best model is the truth itself.",
)
page.quiz(
    "A model q is used to encode data from p. Which is always true?",
    ["H(p, q) ≤ H(p)", "H(p, q) ≥ H(p), with equality only when q = p", "H(p, q) = H(q, p)"],
    answer=1,
    explain="H(p, q) = H(p) + KL(p‖q) and KL ≥ 0 (Gibbs' inequality), zero only for q = p. It is not symmetric.",
)
page.deeper(
    "why the code for q costs H(p, q), and why that is the ML loss",
    r"""
A code built for $q$ gives $x$ a codeword of about $-\log_2 q(x)$ bits (exactly $\lceil -\log_2 q(x)\rceil$ for
the Shannon code). Symbols arrive with probabilities $p(x)$, so the average length is

$$L \approx \sum_x p(x)\,\big(-\log_2 q(x)\big) = H(p, q)
= \underbrace{-\sum_x p(x)\log_2 p(x)}_{H(p)}
+ \underbrace{\sum_x p(x)\log_2\frac{p(x)}{q(x)}}_{\mathrm{KL}(p\,\|\,q)}.$$

With whole-bit codewords $H(p,q) \le L < H(p,q) + 1$; coding blocks of $n$ symbols shrinks the $+1$ to $+1/n$,
and an **arithmetic code**, which turns the whole message into one binary fraction inside an interval of width
$q(x_1)\cdots q(x_N)$, needs fewer than $-\log_2 q(x_1 \dots x_N) + 1$ bits for all $N$ symbols together.

**Machine learning.** A classifier outputs $q(y \mid x)$. The data's labels are the "true" distribution: the
empirical $p$ puts probability $1/N$ on each observed pair $(x_i, y_i)$. The cross entropy between them is
$-\frac1N\sum_i \ln q(y_i \mid x_i)$: the cross-entropy loss (log loss). Since $H(p)$ does not depend on the model,
minimising the loss is minimising $\mathrm{KL}(p\,\|\,q)$, and it is maximum likelihood.
""",
)
page.end()
