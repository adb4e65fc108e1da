"""Layout of the "core challenge" page's controls: the estimator's (model, d, S, proposal, runs, seed), the ELBO's."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lecture import core_challenge as text
from scenes import core_challenge as cc
from ui import frame

MAX_SAMPLES = (100, 1_000, 10_000, 100_000)


@dataclass(frozen=True)
class Estimator:
    """The estimator's settings: the model, the slider's d and the d used (1 unless linear), S, width, runs, seed."""

    kind: str
    dim_set: int
    dim: int
    max_samples: int
    width: float
    n_seeds: int
    seed: int


@dataclass(frozen=True)
class Elbo:
    """The ELBO's settings: the decoder, the observed x and the Gaussian q's mean and spread."""

    decoder: str
    x_obs: float
    q_mean: float
    q_std: float


def fit_q() -> None:
    """Button callback: move q's sliders to the Gaussian with the largest ELBO (searched from where they are)."""
    state = st.session_state
    mean, std = cc.fit_q(
        state.get("cc_dec", "square"), state.get("cc_x", 2.0), state.get("cc_qm", 1.0), state.get("cc_qs", 0.3)
    )
    state["cc_qm"], state["cc_qs"] = mean, std


def estimator_controls(page: frame.PageFrame) -> Estimator:
    """The slide's controls first: in presenter mode the last ones (runs, seed) sit below the fold."""
    kind = st.selectbox(
        "Model",
        list(text.MODELS),
        format_func=text.MODELS.get,
        key="cc_model",
        bind="query-params",
        help=text.HELP_MODEL,
    )
    dim_set = st.slider(
        "Latent dimension d",
        1,
        cc.D_MAX,
        16,
        key="cc_dim",
        bind="query-params",
        disabled=kind != "linear",
        help=text.HELP_DIM,
    )
    max_samples = st.select_slider(
        "Most samples S",
        MAX_SAMPLES,
        value=10_000,
        key="cc_max",
        format_func=lambda v: f"{v:,}",
        bind="query-params",
    )
    width = st.slider(
        "Proposal width",
        1.0,
        3.0,
        1.5,
        0.1,
        key="cc_width",
        bind="query-params",
        help=text.HELP_WIDTH,
        format="%.1f ×",
    )
    n_seeds = st.slider("Runs (seeds)", 4, 20, 12, key="cc_seeds", bind="query-params", help=text.HELP_SEEDS)
    seed = page.seed_control(key="cc_seed")
    dim = int(dim_set) if kind == "linear" else 1
    return Estimator(kind, int(dim_set), dim, int(max_samples), float(width), int(n_seeds), seed)


def elbo_controls() -> Elbo:
    """The decoder, the observation and q's sliders, and the button that maximises the ELBO."""
    decoder = st.selectbox(
        "Decoder",
        list(text.DECODERS),
        index=1,
        format_func=text.DECODERS.get,
        help=text.HELP_DECODER,
        key="cc_dec",
        bind="query-params",
    )
    x_obs = st.slider("Observed x", -1.0, 4.0, 2.0, 0.1, key="cc_x", bind="query-params")
    q_mean = st.slider(
        "qᵩ mean m", cc.Q_MEAN.low, cc.Q_MEAN.high, 1.0, cc.Q_MEAN.step, key="cc_qm", bind="query-params"
    )
    q_std = st.slider("qᵩ spread s", cc.Q_STD.low, cc.Q_STD.high, 0.3, cc.Q_STD.step, key="cc_qs", bind="query-params")
    st.button("Maximise ELBO", key="cc_fit", on_click=fit_q, icon=":material/trending_up:", help=text.HELP_FIT)
    return Elbo(decoder, float(x_obs), float(q_mean), float(q_std))
