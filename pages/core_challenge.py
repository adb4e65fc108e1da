"""The core challenge: q(x) = integral of q(x|z) p(z) dz is intractable; sampling estimates and the ELBO."""

from __future__ import annotations

import streamlit as st

from lecture import core_challenge as text
from scenes import core_challenge as cc
from ui import cache, frame
from ui.charts import latent as lc
from ui.panels import core_challenge as panels


def samples_that_count(label: str, ess: float, samples: str, note: str) -> frame.Number:
    """An effective sample size, with a decimal only while it is small."""
    return frame.Number(label, ess, text.SAMPLES_OF.format(S=samples), digits=1 if ess < 10 else 0, help=note)


page = frame.start("core_challenge")
page.formula()


def live() -> None:
    """Both sections' controls and all they drive; the derivation quotes the chosen dimension, so it is inside."""
    notice, values = [], {}

    fig, ctrl = page.columns()
    with ctrl:
        est_set = panels.estimator_controls(page)
    kind, dim_set, dim, max_samples, width = (
        est_set.kind,
        est_set.dim_set,
        est_set.dim,
        est_set.max_samples,
        est_set.width,
    )
    n_seeds, seed = est_set.n_seeds, est_set.seed

    with page.guard():
        est = cache.scene(cc.estimates, spinner=text.DRAWING)(
            kind, dim, int(max_samples), int(n_seeds), float(width), seed
        )
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
        chosen = panels.elbo_controls()
    decoder, x_obs, q_mean, q_std = chosen.decoder, chosen.x_obs, chosen.q_mean, chosen.q_std

    with page.guard():
        state = cache.scene(cc.elbo_state)(decoder, float(x_obs), float(q_mean), float(q_std))
        best = cache.scene(cc.best_q)(decoder, float(x_obs))
        with fig2:
            page.show(
                cache.figure(lc.posterior_chart, state, style=page.style), "elbo-posterior-vs-q", data=state.curves
            )
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


page.panel(live)
page.end()
