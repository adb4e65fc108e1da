"""Layouts of the "Likelihood-based models" page's tabs: each fits one model and shows it with its numbers."""

from __future__ import annotations

import streamlit as st

from lecture import likelihood as text
from scenes import likelihood as scenes
from ui import cache, frame
from ui.charts import likelihood as plots

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
STEP_SIZES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3]


def tab_formula(latex: str, where: str) -> None:
    """The tab's own formula and the line naming its symbols."""
    st.latex(latex)
    st.caption(where)


def side_by_side(page: frame.PageFrame, left: tuple, right: tuple) -> None:
    """Two charts in two columns; each side is (chart, export name, optional CSV data)."""
    for column, (chart, name, data) in zip(st.columns(2), (left, right), strict=True):
        with column:
            page.show(chart, name, data=data)


def em(page: frame.PageFrame, preset: str, seed: int) -> None:
    """EM on a Gaussian mixture: the fit after t steps, its log-likelihood curve, scikit-learn beside it."""
    tab_formula(text.EM_FORMULA, text.EM_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        k = st.slider("Components K", 1, 8, 6, key="lk_k", bind="query-params")
        step = st.slider(
            "EM step t", 0, scenes.EM_STEPS, 12, key="lk_step", bind="query-params", help=text.EM_STEP_HELP
        )
    view = cache.scene(scenes.em_fit, spinner=text.EM_RUNNING)(preset, seed, k, step)
    with fig:
        page.show(cache.figure(plots.em_figure, view, style=page.style), "em-fit")
        page.show(cache.figure(plots.em_curve, view, style=page.style), "em-loglik", data=view.table)
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
    page.notice(*text.EM_NOTICE)


def flow(page: frame.PageFrame, preset: str, seed: int) -> None:
    """A coupling flow: base space and data space side by side, the change-of-variables numbers."""
    tab_formula(text.FLOW_FORMULA, text.FLOW_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        n_layers = st.slider(
            "Coupling layers", 0, 12, 8, key="lk_layers", bind="query-params", help=text.FLOW_LAYERS_HELP
        )
    view = cache.scene(scenes.flow_fit, spinner=text.FLOW_TRAINING)(preset, seed, n_layers)
    with fig:
        side_by_side(
            page,
            (cache.figure(plots.flow_base, view, style=page.style), "flow-base", None),
            (cache.figure(plots.flow_data, view, style=page.style), "flow-data", None),
        )
    page.numbers(
        [
            frame.Number(text.FLOW_LOG_Q, view.avg_log_q, "nats/point"),
            frame.Number(text.FLOW_LOGDET, view.avg_logdet, "nats/point", help=text.FLOW_LOGDET_HELP),
            frame.Number(text.FLOW_MASS, view.mass, "", digits=3, help=text.FLOW_MASS_HELP),
        ]
    )
    page.notice(*text.FLOW_NOTICE)


def energy(page: frame.PageFrame, preset: str, seed: int) -> None:
    """An energy model: q = exp(-E)/Z with Langevin chains on it, and why Z is the hard part."""
    tab_formula(text.EBM_FORMULA, text.EBM_WHERE)
    fig, ctrl = page.columns()
    with ctrl:
        n_steps = st.slider("Langevin steps", 0, 2000, 500, step=10, key="lk_lsteps", bind="query-params")
        eta = st.select_slider(
            "Step size η", options=STEP_SIZES, value=0.03, key="lk_eta", bind="query-params", help=text.EBM_ETA_HELP
        )
        show_starts = st.toggle("Show chain starts", value=True, key="lk_starts", bind="query-params")
    model = cache.scene(scenes.energy_fit, spinner=text.EBM_FITTING)(preset, seed)
    chains = cache.scene(scenes.langevin, spinner=text.EBM_RUNNING)(preset, seed, n_steps, float(eta))
    with fig:
        page.show(cache.figure(plots.ebm_figure, model, chains, show_starts, style=page.style), "ebm-langevin")
        caption = text.EBM_CAPTION_STARTS if show_starts else text.EBM_CAPTION
        st.caption(caption.format(chains=scenes.N_CHAINS, steps=n_steps))
        page.show(cache.figure(plots.ebm_trace, model, chains, style=page.style), "ebm-trace")
    cells = "10" + f"{model.image_cells_log10:.0f}".translate(SUPERSCRIPT)
    cells_help = text.EBM_IMAGE_CELLS_HELP.format(per_axis=model.grid_per_axis, dims=scenes.IMAGE_DIMS)
    page.numbers(
        [
            frame.Number(text.EBM_LOG_Z, model.log_z, "nats", help=text.EBM_LOG_Z_HELP.format(cells=model.grid_cells)),
            frame.Number(text.EBM_IMAGE_CELLS, cells, "", help=cells_help),
            frame.Number(text.EBM_CHAINS_ENERGY, chains.mean_energy, "nats"),
            frame.Number(text.EBM_TARGET_ENERGY, model.mean_energy_q, "nats", help=text.EBM_TARGET_ENERGY_HELP),
        ]
    )
    page.notice(*text.EBM_NOTICE, cells=model.grid_cells, dims=scenes.IMAGE_DIMS)


def vae(page: frame.PageFrame, preset: str, seed: int) -> None:
    """A linear VAE: its exact q(x) after t training steps, and the ELBO below the exact log q(x)."""
    tab_formula(text.VAE_FORMULA, text.VAE_WHERE)
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
    view = cache.scene(scenes.vae_fit, spinner=text.VAE_TRAINING)(preset, seed, step)
    with fig:
        side_by_side(
            page,
            (cache.figure(plots.vae_figure, view, style=page.style), "vae-model", None),
            (cache.figure(plots.vae_curves, view, style=page.style), "vae-elbo", view.table),
        )
    page.numbers(
        [
            frame.Number(text.VAE_ELBO, view.elbo_now, "nats/point"),
            frame.Number(text.VAE_LOG_Q, view.log_q_now, "nats/point"),
            frame.Number(text.VAE_GAP, view.gap, "nats/point", help=text.VAE_GAP_HELP),
        ]
    )
    page.notice(*text.VAE_NOTICE)


def probe(page: frame.PageFrame, preset: str, seed: int) -> None:
    """One point x* scored under every model of the page, beside each model's average over the data."""
    fig, ctrl = page.columns()
    with ctrl:
        px = st.number_input("x* first coordinate", -10.0, 10.0, 0.0, 0.25, key="lk_px", bind="query-params")
        py = st.number_input("x* second coordinate", -10.0, 10.0, 0.25, 0.25, key="lk_py", bind="query-params")
        behind = st.selectbox(
            "Density behind the points", list(scenes.PROBE_MODELS), index=1, key="lk_behind", bind="query-params"
        )
    view = cache.scene(scenes.probe, spinner=text.PROBE_SCORING)(preset, seed, float(px), float(py))
    density = cache.scene(scenes.probe_density, spinner=text.PROBE_SCORING)(preset, seed, behind)
    table = view.table
    with fig:
        side_by_side(
            page,
            (cache.figure(plots.probe_data, density, view, style=page.style), "probe-data", None),
            (cache.figure(plots.probe_dots, view, style=page.style), "probe-scores", table),
        )
    number_format = st.column_config.NumberColumn(format="%.3f")
    st.dataframe(
        table, hide_index=True, width="stretch", column_config={c: number_format for c in scenes.PROBE_COLUMNS[2:]}
    )
    page.numbers(
        [
            frame.Number(text.PROBE_HIGHEST.format(model=view.models[view.highest]), view.log_q[view.highest], "nats"),
            frame.Number(text.PROBE_LOWEST.format(model=view.models[view.lowest]), view.log_q[view.lowest], "nats"),
            frame.Number(text.PROBE_RATIO, view.ratio, "×", digits=1, help=text.PROBE_RATIO_HELP),
        ]
    )
    page.notice(*text.PROBE_NOTICE)
