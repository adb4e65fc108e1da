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


def estimators() -> None:
    """The estimators' controls and all they drive, with their notice and derivation (it quotes the chosen d)."""
    fig, ctrl = page.columns()
    with ctrl:
        chosen = panels.estimator_controls(page)

    with page.guard():
        est = cache.scene(cc.estimates, spinner=text.DRAWING)(
            chosen.kind, chosen.dim, int(chosen.max_samples), int(chosen.n_seeds), float(chosen.width), chosen.seed
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
        page.notice(text.NOTICE_PRIOR[est.prior_verdict], text.NOTICE_IS[est.is_verdict], **est.values)
    with page.guard():
        cost = cache.scene(cc.dimension_cost)(int(chosen.dim_set), chosen.seed)
        page.deeper(
            text.DEEPER_ESTIMATOR_TITLE, text.DEEPER_JENSEN + "\n" + text.DEEPER_DIMENSION.format(**cost.values)
        )


def elbo() -> None:
    """The ELBO's controls and all they drive, with their notice."""
    fig, ctrl = page.columns()
    with ctrl:
        chosen = panels.elbo_controls()

    with page.guard():
        state = cache.scene(cc.elbo_state)(
            chosen.decoder, float(chosen.x_obs), float(chosen.q_mean), float(chosen.q_std)
        )
        best = cache.scene(cc.best_q)(chosen.decoder, float(chosen.x_obs))
        with fig:
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
        page.notice(text.NOTICE_ELBO[state.two_modes], **state.values, best_gap=best.gap)


# Two live panels: a control reruns only its own section (the estimators' d slider does not redraw the ELBO's).
page.panel(estimators)
page.quiz()  # its question is about the estimators (Jensen): it follows their section
st.subheader(text.ELBO_TITLE)
page.formula(text.ELBO_FORMULA, where=text.ELBO_WHERE)
page.panel(elbo)
page.deeper(text.DEEPER_ELBO_TITLE, text.DEEPER_ELBO)
page.end()
