"""Layouts of the "Likelihood-based models" page's tabs: each fits one model and shows it with its numbers.

Every tab has the same shape, so that in presenter mode its first screen is a slide: the tab's formula, then the
main figure with its key numbers in one row under it (left) beside the controls (right: the tab's own first, the
data set and seed below them); secondary charts, the notice and the tab's own question come after.
"""

from __future__ import annotations

import streamlit as st

from lecture import likelihood as text
from scenes import likelihood as scenes
from ui import cache, frame
from ui.charts import likelihood as plots

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
STEP_SIZES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3]


def data_controls(page: frame.PageFrame) -> tuple[str, int]:
    """The data set and seed every tab fits (the same widgets, bound to the link, whichever tab is open)."""
    preset = st.selectbox(text.DATA_LABEL, scenes.PRESETS, index=0, key="lk_data", bind="query-params")
    return preset, page.seed_control(key="lk_seed")


def names(items: tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def em(page: frame.PageFrame) -> None:
    """EM on a Gaussian mixture: the fit after t steps, its log-likelihood curve, scikit-learn beside it."""
    page.formula(text.EM_FORMULA, where=text.EM_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        k = st.slider("Components K", 1, scenes.K_MAX, 6, key="lk_k", bind="query-params")
        step = st.slider(
            "EM step t", 0, scenes.EM_STEPS, 12, key="lk_step", bind="query-params", help=text.EM_STEP_HELP
        )
        preset, seed = data_controls(page)
    view = cache.scene(scenes.em_fit, spinner=text.EM_RUNNING)(preset, seed, k, step)
    with fig:
        page.show(cache.figure(plots.em_figure, view, style=page.style), "main-em-fit", data=view.points)
    page.numbers(
        [
            frame.Number(text.EM_LOG_LIKELIHOOD, view.now, "nats/point", help=text.EM_LOG_LIKELIHOOD_HELP),
            frame.Number(text.EM_CHANGE, view.change, "nats/point", help=text.EM_CHANGE_HELP),
            frame.Number(text.EM_SKLEARN, view.sklearn_log_likelihood, "nats/point", help=text.EM_SKLEARN_HELP),
            frame.Number(
                text.EM_GAP, view.sklearn_gap_shown, "", digits=2, help=text.EM_GAP_HELP.format(gap=view.sklearn_gap)
            ),
        ]
    )
    with fig:  # under the key numbers: in presenter mode below the first screen
        page.show(cache.figure(plots.em_curve, view, style=page.style), "em-loglik", data=view.table)
    ll = view.log_likelihood
    page.notice(
        *text.EM_NOTICE,
        k=view.k,
        step=view.step,
        steps=scenes.EM_STEPS,
        start=frame.fmt(ll[0], "nats/point"),
        now=frame.fmt(view.now, "nats/point"),
        end=frame.fmt(ll[-1], "nats/point"),
        sklearn=frame.fmt(view.sklearn_log_likelihood, "nats/point"),
    )
    page.quiz(0)


def flow(page: frame.PageFrame) -> None:
    """A coupling flow: base space and data space side by side, the change-of-variables numbers."""
    page.formula(text.FLOW_FORMULA, where=text.FLOW_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        n_layers = st.slider(
            "Coupling layers", 0, 12, 8, key="lk_layers", bind="query-params", help=text.FLOW_LAYERS_HELP
        )
        preset, seed = data_controls(page)
    view = cache.scene(scenes.flow_fit, spinner=text.FLOW_TRAINING)(preset, seed, n_layers)
    with fig:
        left, right = st.columns(2)
        with left:
            page.show(cache.figure(plots.flow_base, view, style=page.style), "flow-base", data=view.base_table)
        with right:
            chart = cache.figure(plots.flow_data, view, n_layers, style=page.style)
            page.show(chart, "flow-data", data=view.samples_table)
    page.numbers(
        [
            frame.Number(text.FLOW_LOG_Q, view.avg_log_q, "nats/point"),
            frame.Number(text.FLOW_LOGDET, view.avg_logdet, "nats/point", help=text.FLOW_LOGDET_HELP),
            frame.Number(text.FLOW_MASS, view.mass, "", digits=3, help=text.FLOW_MASS_HELP),
        ]
    )
    page.notice(
        *text.FLOW_NOTICE,
        layers=n_layers,
        logdet=frame.fmt(view.avg_logdet, "nats"),
        log_q=frame.fmt(view.avg_log_q, "nats/point"),
    )
    page.quiz(1)


def energy(page: frame.PageFrame) -> None:
    """An energy model: q = exp(-E)/Z with Langevin chains on it, and why Z is the hard part."""
    page.formula(text.EBM_FORMULA, where=text.EBM_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        n_steps = st.slider(
            "Langevin steps", 0, 2000, 500, step=10, key="lk_lsteps", bind="query-params", help=text.EBM_STEPS_HELP
        )
        eta = st.select_slider(
            "Step size η", options=STEP_SIZES, value=0.03, key="lk_eta", bind="query-params", help=text.EBM_ETA_HELP
        )
        show_starts = st.toggle(text.EBM_STARTS_LABEL, value=True, key="lk_starts", bind="query-params")
        preset, seed = data_controls(page)
    model = cache.scene(scenes.energy_fit, spinner=text.EBM_FITTING)(preset, seed)
    chains = cache.scene(scenes.langevin, spinner=text.EBM_RUNNING)(preset, seed, n_steps, float(eta))
    with fig:
        chart = cache.figure(plots.ebm_figure, model, chains, show_starts, style=page.style)
        page.show(chart, "ebm-langevin", data=chains.points)
        caption = text.EBM_CAPTION_STARTS if show_starts else text.EBM_CAPTION
        st.caption(caption.format(chains=scenes.N_CHAINS, steps=n_steps))
    cells = "10" + f"{model.image_cells_log10:.0f}".translate(SUPERSCRIPT)
    cells_help = text.EBM_IMAGE_CELLS_HELP.format(per_axis=model.grid_per_axis, dims=scenes.IMAGE_DIMS)
    page.numbers(
        [
            frame.Number(text.EBM_CHAINS_ENERGY, chains.mean_energy, "nats"),
            frame.Number(text.EBM_TARGET_ENERGY, model.mean_energy_q, "nats", help=text.EBM_TARGET_ENERGY_HELP),
            frame.Number(text.EBM_LOG_Z, model.log_z, "nats", help=text.EBM_LOG_Z_HELP.format(cells=model.grid_cells)),
            frame.Number(text.EBM_IMAGE_CELLS, cells, "", help=cells_help),
        ]
    )
    with fig:
        page.show(cache.figure(plots.ebm_trace, model, chains, style=page.style), "ebm-trace", data=chains.table)
    page.notice(
        *text.EBM_NOTICE,
        cells=model.grid_cells,
        dims=scenes.IMAGE_DIMS,
        steps=n_steps,
        eta=eta,
        chains=frame.fmt(chains.mean_energy, "nats"),
        target=frame.fmt(model.mean_energy_q, "nats"),
    )
    page.quiz(2)


def vae(page: frame.PageFrame) -> None:
    """A linear VAE: its exact q(x) after t training steps, and the ELBO below the exact log q(x)."""
    page.formula(text.VAE_FORMULA, where=text.VAE_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        step = st.slider(
            "Training step",
            0,
            scenes.VAE_STEPS,
            20,
            step=5,
            key="lk_vstep",
            bind="query-params",
            help=text.VAE_STEP_HELP,
        )
        preset, seed = data_controls(page)
    view = cache.scene(scenes.vae_fit, spinner=text.VAE_TRAINING)(preset, seed, step)
    with fig:
        left, right = st.columns(2)
        with left:
            page.show(cache.figure(plots.vae_figure, view, style=page.style), "vae-model", data=view.points)
        with right:
            page.show(cache.figure(plots.vae_curves, view, style=page.style), "vae-elbo", data=view.table)
    page.numbers(
        [
            frame.Number(text.VAE_ELBO, view.elbo_now, "nats/point"),
            frame.Number(text.VAE_LOG_Q, view.log_q_now, "nats/point"),
            frame.Number(text.VAE_GAP, view.gap, "nats/point", help=text.VAE_GAP_HELP),
        ]
    )
    page.notice(
        *text.VAE_NOTICE,
        step=step,
        steps=scenes.VAE_STEPS,
        gap=frame.fmt(view.gap, "nats/point"),
        final=frame.fmt(view.final_gap, "nats/point", 5),
    )
    page.quiz(3)


def probe(page: frame.PageFrame) -> None:
    """One point x* scored under every model of the page, beside each model's average over the data."""
    fig, ctrl = page.columns()
    with ctrl:
        px = st.number_input(
            text.PROBE_X, -10.0, 10.0, 0.0, 0.25, key="lk_px", bind="query-params", help=text.PROBE_XY_HELP
        )
        py = st.number_input(
            text.PROBE_Y, -10.0, 10.0, 0.25, 0.25, key="lk_py", bind="query-params", help=text.PROBE_XY_HELP
        )
        behind = st.selectbox(
            text.PROBE_BEHIND, list(scenes.PROBE_MODELS), index=1, key="lk_behind", bind="query-params"
        )
        preset, seed = data_controls(page)
    view = cache.scene(scenes.probe, spinner=text.PROBE_SCORING)(preset, seed, float(px), float(py))
    density = cache.scene(scenes.probe_density, spinner=text.PROBE_SCORING)(preset, seed, behind)
    with fig:
        left, right = st.columns(2)
        with left:
            page.show(
                cache.figure(plots.probe_data, density, view, style=page.style), "probe-data", data=density.points
            )
        with right:
            page.show(cache.figure(plots.probe_dots, view, style=page.style), "probe-scores", data=view.table)
    page.numbers(
        [
            frame.Number(
                text.PROBE_HIGHEST.format(model=scenes.PROBE_SHORT[view.highest]), view.log_q[view.highest], "nats"
            ),
            frame.Number(
                text.PROBE_LOWEST.format(model=scenes.PROBE_SHORT[view.lowest]), view.log_q[view.lowest], "nats"
            ),
            frame.Number(text.PROBE_RATIO, view.ratio, "×", digits=1, help=text.PROBE_RATIO_HELP),
        ]
    )
    st.table(view.shown, hide_index=True)  # big type in presenter mode (the frame's CSS), unlike a data grid
    where = {"px": f"{px:.2f}", "py": f"{py:.2f}"}
    if view.below and view.above:
        split = text.PROBE_SPLIT.format(
            **where,
            below=names(view.below),
            above=names(view.above),
            score_below="scores" if len(view.below) == 1 else "score",
            score_above="scores" if len(view.above) == 1 else "score",
        )
    else:
        split = (text.PROBE_ALL_BELOW if view.below else text.PROBE_ALL_ABOVE).format(**where)
    page.notice(*text.PROBE_NOTICE, split)
    page.quiz(4)
