"""The core challenge: q(x) = integral of q(x|z) p(z) dz is intractable; sampling estimates and the ELBO."""

from __future__ import annotations

import streamlit as st

from lecture import core_challenge as text
from scenes import core_challenge as cc
from ui import cache, frame
from ui.charts import latent as lc

MAX_SAMPLES = (100, 1_000, 10_000, 100_000)


def fit_q() -> None:
    """Button callback: move q's sliders to the Gaussian with the largest ELBO (searched from where they are)."""
    state = st.session_state
    mean, std = cc.fit_q(
        state.get("cc_dec", "square"), state.get("cc_x", 2.0), state.get("cc_qm", 1.0), state.get("cc_qs", 0.3)
    )
    state["cc_qm"], state["cc_qs"] = mean, std


def samples_that_count(label: str, ess: float, samples: str, note: str) -> frame.Number:
    """An effective sample size, with a decimal only while it is small."""
    return frame.Number(label, ess, text.SAMPLES_OF.format(S=samples), digits=1 if ess < 10 else 0, help=note)


page = frame.start("core_challenge")
page.formula()
notice, values = [], {}

fig, ctrl = page.columns()
with ctrl:  # the slide's controls first: in presenter mode the last ones (runs, seed) sit below the fold
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
        "Most samples S", MAX_SAMPLES, value=10_000, key="cc_max", format_func=lambda v: f"{v:,}", bind="query-params"
    )
    width = st.slider(
        "Proposal width", 1.0, 3.0, 1.5, 0.1, key="cc_width", bind="query-params", help=text.HELP_WIDTH, format="%.1f ×"
    )
    n_seeds = st.slider("Runs (seeds)", 4, 20, 12, key="cc_seeds", bind="query-params", help=text.HELP_SEEDS)
    seed = page.seed_control(key="cc_seed")
    dim = int(dim_set) if kind == "linear" else 1

with page.guard():
    est = cache.scene(cc.estimates, spinner=text.DRAWING)(kind, dim, int(max_samples), int(n_seeds), float(width), seed)
    with fig:
        page.show(cache.figure(lc.estimator_chart, est, style=page.style), "main-log-q-estimates", data=est.table)
    S = f"{est.max_samples:,}"
    page.numbers(
        [
            frame.Number("exact log qθ(x)", est.exact, "nats", help=text.HELP_EXACT),
            frame.Number(
                text.MC_LABEL.format(S=S),
                est.mc_mean,
                "nats",
                help=text.HELP_AVERAGE.format(runs=est.n_seeds, error=est.mc_error),
            ),
            frame.Number(
                text.IS_LABEL.format(S=S),
                est.is_mean,
                "nats",
                help=text.HELP_AVERAGE.format(runs=est.n_seeds, error=est.is_error),
            ),
            frame.Number("latent dimension d", est.dim, "", help=text.HELP_D),
            frame.Number("prior MC spread", est.mc_spread, "nats", help=text.HELP_SPREAD),
            samples_that_count("prior samples that count", est.ess_mc, S, text.HELP_ESS_MC),
            frame.Number("IS spread", est.is_spread, "nats", help=text.HELP_SPREAD),
            samples_that_count("qᵩ samples that count", est.ess_is, S, text.HELP_ESS_IS),
        ]
    )
    if est.prior_fails:
        st.warning(text.TOO_FEW.format(d=est.dim, S=S, shortfall=est.mc_shortfall), icon=":material/warning:")
    notice += [text.NOTICE_PRIOR[est.prior_verdict], text.NOTICE_IS[est.is_verdict]]
    values.update(est.values)

st.subheader(text.ELBO_TITLE)
page.formula(text.ELBO_FORMULA, where=text.ELBO_WHERE)
fig2, ctrl2 = page.columns()
with ctrl2:
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

with page.guard():
    state = cache.scene(cc.elbo_state)(decoder, float(x_obs), float(q_mean), float(q_std))
    best = cache.scene(cc.best_q)(decoder, float(x_obs))
    with fig2:
        page.show(cache.figure(lc.posterior_chart, state, style=page.style), "elbo-posterior-vs-q", data=state.curves)
        page.show(cache.figure(lc.elbo_bar, state, style=page.style), "elbo-gap", data=state.bar)
        st.caption(text.BAR_CAPTION)
    page.numbers(
        [
            frame.Number("log qθ(x)", state.log_p, "nats", help=text.HELP_LOG_P),
            frame.Number("ELBO(qᵩ)", state.elbo, "nats", help=text.HELP_ELBO),
            frame.Number("gap log qθ(x) − ELBO", state.gap, "nats"),
            frame.Number("KL(qᵩ ‖ qθ(z|x)), direct", state.kl, "nats", help=text.HELP_KL),
        ]
    )
    if state.two_modes:
        st.info(text.TWO_MODES.format(**state.values, best_gap=best.gap), icon=":material/info:")
    notice.append(text.NOTICE_ELBO[state.two_modes])
    values.update(state.values, best_gap=best.gap)

page.notice(*notice, **values)
page.quiz()
with page.guard():
    cost = cache.scene(cc.dimension_cost)(int(dim_set), seed)
    page.deeper(text.DEEPER_TITLE, text.DEEPER_IDENTITY + "\n" + text.DEEPER_DIMENSION.format(**cost.values))
page.end()
