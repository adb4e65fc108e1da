"""KL divergence: how many bits the cross entropy exceeds the entropy by; asymmetric, sometimes infinite."""

from __future__ import annotations

import streamlit as st

from lecture import kl as text
from scenes import kl as scene
from ui import cache, frame
from ui.charts import info as info_charts

page = frame.start("kl")
page.formula()


def live() -> None:
    """The three tabs, their controls and all they drive, and what to notice in the open one."""
    tab_asym, tab_gauss, tab_fit = st.tabs(
        ["Asymmetry", "Two Gaussians: closed form vs Monte Carlo", "Fitting q: forward vs reverse KL"],
        key="kl_tab",
        bind="query-params",
    )
    notice: tuple[str, ...] = ()
    PANEL = 145  # presenter mode: two panels side by side, each this tall (before the presenter scale)

    if tab_asym.open:
        with tab_asym:
            fig, ctrl = page.columns()
            with ctrl:
                pair = st.selectbox("Distributions", list(scene.PAIRS), key="kl_pair", bind="query-params")
                t = st.slider(
                    "Move q toward p", 0.0, 1.0, 0.0, 0.05, key="kl_t", bind="query-params", help=text.MOVE_HELP
                )
            with page.guard():
                view = cache.scene(scene.asymmetry)(pair, t)
                with fig:
                    if page.present:  # side by side: both panels tall enough to read, the whole figure on one screen
                        left, right = st.columns(2)
                        with left:
                            bars = cache.figure(info_charts.pq_bars, view, style=page.style, height=PANEL)
                            page.show(bars, "main-kl-p-q", data=view.table)
                        with right:
                            terms = cache.figure(info_charts.kl_terms_chart, view, style=page.style, height=PANEL)
                            page.show(terms, "kl-terms", data=view.table)
                    else:
                        chart = cache.figure(info_charts.kl_asymmetry, view, style=page.style)
                        page.show(chart, "main-kl-asymmetry", data=view.table)
                    st.caption(text.PAIR_NOTES[pair])
                page.numbers(
                    [
                        frame.Number("KL(p‖q)", view.kl_pq, "bits", help=text.KL_PQ_HELP),
                        frame.Number("KL(q‖p)", view.kl_qp, "bits", help=text.KL_QP_HELP),
                        frame.Number("H(p, q) = H(p) + KL(p‖q)", view.h_pq, "bits", help=text.CROSS_ENTROPY_HELP),
                        frame.Number("H(p)", view.h_p, "bits", help=text.ENTROPY_HELP),
                    ]
                )
                if view.zero:
                    st.warning(text.INFINITE.format(zero=", ".join(view.zero)), icon=":material/all_inclusive:")
                notice = scene.asymmetry_notice(view, t)

    if tab_gauss.open:
        with tab_gauss:
            fig, ctrl = page.columns()
            with ctrl:
                mu_p = st.slider(text.MU_P, -3.0, 3.0, 0.0, 0.1, key="kl_mu_p", bind="query-params")
                sd_p = st.slider(text.SD_P, 0.2, 3.0, 1.0, 0.1, key="kl_sd_p", bind="query-params")
                mu_q = st.slider(text.MU_Q, -3.0, 3.0, 1.0, 0.1, key="kl_mu_q", bind="query-params")
                sd_q = st.slider(text.SD_Q, 0.2, 3.0, 2.0, 0.1, key="kl_sd_q", bind="query-params")
                n = st.select_slider(
                    "Monte Carlo samples n", scene.SAMPLE_SIZES, value=100, key="kl_n", bind="query-params"
                )
                seed = page.seed_control(key="kl_seed")
            with page.guard():
                dens = cache.scene(scene.densities)(mu_p, sd_p, mu_q, sd_q)
                mc = cache.scene(scene.monte_carlo)(mu_p, sd_p, mu_q, sd_q, n, seed)
                with fig:
                    top, bottom = st.columns(2) if page.present else (st.container(), st.container())
                    with top:
                        chart = cache.figure(info_charts.gaussian_densities, dens, style=page.style)
                        page.show(chart, "kl-gaussians", data=dens.table)
                    with bottom:
                        chart = cache.figure(info_charts.mc_estimates_chart, mc, style=page.style)
                        page.show(chart, "kl-monte-carlo", data=mc.table)
                page.numbers(
                    [
                        frame.Number("KL(p‖q), closed form", dens.kl_pq, "bits"),
                        frame.Number(
                            f"Monte Carlo, n = {n:,}",
                            f"{frame.fmt(mc.estimate)} ± {frame.fmt(mc.se)}",
                            "bits",
                            help=text.MONTE_CARLO_HELP,
                        ),
                        frame.Number("KL(q‖p), closed form", dens.kl_qp, "bits", help=text.OTHER_DIRECTION_HELP),
                    ]
                )
                st.caption(text.GAUSSIANS_CAPTION)
                notice = scene.gaussians_notice(dens, mc)

    if tab_fit.open:
        with tab_fit:
            fig, ctrl = page.columns()
            with ctrl:
                separation = st.slider(
                    "Distance between the modes", 0.0, scene.MAX_SEPARATION, 5.0, 0.5, key="kl_sep", bind="query-params"
                )
                weight = st.slider("Weight of the left mode", 0.1, 0.9, 0.65, 0.05, key="kl_w", bind="query-params")
            with page.guard():
                fits = cache.scene(scene.mode_fits)(separation, weight)
                with fig:
                    chart = cache.figure(info_charts.mode_fits_chart, fits, style=page.style)
                    page.show(chart, "kl-forward-reverse", data=fits.table)
                page.numbers(
                    [
                        frame.Number("Forward fit: mean μ", round(fits.mu_f, 2) + 0.0, digits=2),
                        frame.Number("Forward fit: std σ", fits.sd_f, digits=2),
                        frame.Number(
                            "Forward fit: KL(p‖q)",
                            fits.fwd_at_f,
                            "bits",
                            help=text.FORWARD_HELP.format(other=fits.fwd_at_r),
                        ),
                        frame.Number("Reverse fit: mean μ", round(fits.mu_r, 2) + 0.0, digits=2),
                        frame.Number("Reverse fit: std σ", fits.sd_r, digits=2),
                        frame.Number(
                            "Reverse fit: KL(q‖p)",
                            fits.rev_at_r,
                            "bits",
                            help=text.REVERSE_HELP.format(other=fits.rev_at_f),
                        ),
                    ],
                    per_row=3,
                )
                st.caption(text.FIT_CAPTION)
                notice = scene.fit_notice(fits)

    if notice:
        page.notice(*notice)


page.panel(live)
page.quiz()
page.deeper()
page.end()
