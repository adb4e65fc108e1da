"""Likelihood-based models: four small density models fitted live by (approximate) maximum likelihood."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import datasets, ebm, em, linear_vae
from core.flow import CouplingFlow
from ui import charts, frame
from ui import likelihood_charts as lc

N_POINTS = 400
EM_STEPS = 40
N_CHAINS = 300
VAE_STEPS = 200
GRID = 100
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TABS = ("Maximum likelihood (EM)", "Normalizing flow", "Energy-based model", "VAE", "How likely is this data?")


# ----------------------------------------------------------------------------- cached computations


@st.cache_data(show_spinner=False, max_entries=16)
def load(preset: str, seed: int) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    X = datasets.density_2d(preset, n=N_POINTS, seed=seed)
    return X, charts.grid_extent(X, 0.15)


def plot_grid(preset: str, seed: int) -> ebm.Grid:
    return ebm.Grid(load(preset, seed)[1], GRID, GRID)


@st.cache_data(show_spinner="Running EM...", max_entries=32)
def em_history(preset: str, seed: int, k: int) -> em.EMHistory:
    return em.run_em(load(preset, seed)[0], n_components=k, n_steps=EM_STEPS, seed=seed)


@st.cache_data(show_spinner=False, max_entries=64)
def em_state(preset: str, seed: int, k: int, step: int) -> dict:
    X = load(preset, seed)[0]
    hist = em_history(preset, seed, k)
    p = hist.params[step]
    ref = sklearn_em(preset, seed, k, step)
    return {
        "resp": em.responsibilities(X, p),
        "ellipses": np.stack([em.covariance_ellipse(m, c) for m, c in zip(p.means, p.covariances, strict=True)]),
        "means": p.means,
        "ll": hist.log_likelihood,
        "sk_ll": ref[0],
        "sk_gap": ref[1],
    }


@st.cache_data(show_spinner=False, max_entries=64)
def sklearn_em(preset: str, seed: int, k: int, step: int) -> tuple[float, float]:
    """scikit-learn's GaussianMixture from the same start, ``step`` iterations: (log-lik, max |mean difference|)."""
    X = load(preset, seed)[0]
    hist = em_history(preset, seed, k)
    ref = em.sklearn_em(X, hist.params[0], step)
    return em.average_log_likelihood(X, ref), float(np.abs(ref.means - hist.params[step].means).max())


@st.cache_resource(show_spinner="Training the flow...", max_entries=24)
def flow_model(preset: str, seed: int, n_layers: int) -> CouplingFlow:
    return CouplingFlow(n_layers=n_layers, seed=seed).fit(load(preset, seed)[0])


@st.cache_data(show_spinner=False, max_entries=24)
def flow_view(preset: str, seed: int, n_layers: int) -> dict:
    X = load(preset, seed)[0]
    flow = flow_model(preset, seed, n_layers)
    grid = plot_grid(preset, seed)
    log_q = flow.score_samples(grid.points)
    base, warped = flow.grid_lines(extent=3.0, n_lines=9, n_points=60)
    return {
        "density": np.exp(log_q).reshape(GRID, GRID),
        "mass": float(np.exp(log_q).sum() * grid.cell_area),
        "base": base,
        "warped": warped,
        "Z": flow.transform(X),
        "Z_samples": np.random.default_rng(seed + 1).standard_normal((N_POINTS, 2)),
        "samples": flow.sample(N_POINTS, seed=seed + 1),
        "avg_log_q": float(flow.score_samples(X).mean()),
        "avg_logdet": float(flow.log_det_jacobian(X).mean()),
    }


@st.cache_resource(show_spinner="Fitting the energy model...", max_entries=8)
def energy_model(preset: str, seed: int) -> ebm.BumpEnergyModel:
    return ebm.BumpEnergyModel().fit(load(preset, seed)[0])


@st.cache_data(show_spinner=False, max_entries=8)
def ebm_view(preset: str, seed: int) -> dict:
    model = energy_model(preset, seed)
    grid = plot_grid(preset, seed)
    q_cells = np.exp(model.score_samples(model.grid_.points)) * model.grid_.cell_area
    return {
        "density": np.exp(model.score_samples(grid.points)).reshape(GRID, GRID),
        "log_z": float(model.log_partition_),
        "mean_energy_q": float(q_cells @ model.energy(model.grid_.points)),
        "avg_log_q": float(model.score_samples(load(preset, seed)[0]).mean()),
        "grid_cells": int(model.grid_.nx * model.grid_.ny),
        "grid_per_axis": int(model.grid_.nx),
    }


@st.cache_data(show_spinner="Running Langevin chains...", max_entries=64)
def langevin(preset: str, seed: int, n_steps: int, step_size: float) -> dict:
    model = energy_model(preset, seed)
    x0_, x1_, y0_, y1_ = load(preset, seed)[1]
    rng = np.random.default_rng(seed + 7)
    starts = np.c_[rng.uniform(x0_, x1_, N_CHAINS), rng.uniform(y0_, y1_, N_CHAINS)]
    every = max(1, n_steps // 60)
    final, traj = ebm.langevin_sample(
        model.grad_energy, starts, n_steps=n_steps, step_size=step_size, seed=seed, keep_every=every
    )
    trace_steps = np.arange(len(traj)) * every
    mean_energy = np.array([model.energy(x).mean() for x in traj])
    return {
        "starts": starts,
        "samples": final,
        "trace_steps": trace_steps,
        "trace": mean_energy,
        "mean_energy": float(model.energy(final).mean()),
    }


@st.cache_resource(show_spinner="Training the VAE...", max_entries=8)
def vae_model(preset: str, seed: int) -> linear_vae.LinearVAE:
    return linear_vae.LinearVAE(n_latent=1, n_steps=VAE_STEPS, learning_rate=0.03, seed=seed).fit(load(preset, seed)[0])


@st.cache_data(show_spinner=False, max_entries=64)
def vae_view(preset: str, seed: int, step: int) -> dict:
    vae = vae_model(preset, seed)
    p = vae.history_[step]
    z = np.linspace(-3, 3, 30)[:, None]
    grid = plot_grid(preset, seed)
    return {
        "line": z @ p.W.T + p.mu,
        "samples": vae.sample(N_POINTS, seed=seed + 1, step=step),
        "density": np.exp(linear_vae.exact_log_likelihood(grid.points, p)).reshape(GRID, GRID),
        "elbo": vae.elbo_curve_,
        "log_q": vae.log_likelihood_curve_,
    }


PROBE_MODELS = ("Gaussian mixture (EM)", "Normalizing flow", "Energy-based model", "VAE")


@st.cache_data(show_spinner=False, max_entries=32)
def model_density(preset: str, seed: int, model: str) -> np.ndarray:
    """The plotted-grid density of one of the default models (the ones scored at x*)."""
    if model == "Gaussian mixture (EM)":
        gmm = em_history(preset, seed, 6).params[-1]
        return np.exp(em.score_samples(plot_grid(preset, seed).points, gmm)).reshape(GRID, GRID)
    if model == "Normalizing flow":
        return flow_view(preset, seed, 8)["density"]
    if model == "Energy-based model":
        return ebm_view(preset, seed)["density"]
    return vae_view(preset, seed, VAE_STEPS)["density"]


@st.cache_data(show_spinner="Scoring x* under every model...", max_entries=64)
def probe_scores(preset: str, seed: int, px: float, py: float) -> pd.DataFrame:
    X = load(preset, seed)[0]
    x = np.array([[px, py]])
    gmm = em_history(preset, seed, 6).params[-1]
    flow = flow_model(preset, seed, 8)
    energy = energy_model(preset, seed)
    vae = vae_model(preset, seed)
    rows = [
        ("Gaussian mixture (EM)", "exact", em.score_samples(x, gmm)[0], em.average_log_likelihood(X, gmm)),
        ("Normalizing flow", "exact", flow.score_samples(x)[0], flow.score_samples(X).mean()),
        ("Energy-based model", "exact up to the grid's Z", energy.score_samples(x)[0], energy.score_samples(X).mean()),
        ("VAE: exact log q(x)", "exact (linear decoder)", vae.score_samples(x)[0], vae.score_samples(X).mean()),
        ("VAE: ELBO", "lower bound", vae.elbo(x)[0], vae.elbo(X).mean()),
    ]
    return pd.DataFrame(rows, columns=["model", "kind", "log q(x*)", "average log q(x) over the data"])


# ----------------------------------------------------------------------------- cached figures
# Building and styling Altair charts costs more than the maths on a warm rerun, so the finished Vega-Lite
# dicts are cached too (keyed on the same scalars, plus the presenter flag that changes the style).


@st.cache_data(show_spinner=False, max_entries=64)
def em_charts(preset: str, seed: int, k: int, step: int, height: int, present: bool) -> tuple[dict, dict]:
    X, extent = load(preset, seed)
    s = em_state(preset, seed, k, step)
    fit = lc.em_figure(X, s["resp"], s["ellipses"], s["means"], extent, height)
    steps = np.arange(EM_STEPS + 1)
    ll = lc.curve(
        steps, {"log-likelihood": s["ll"]}, step, height // 2, "nats / point", title="Average log-likelihood per step"
    )
    return charts.spec(fit), charts.spec(ll)


@st.cache_data(show_spinner=False, max_entries=32)
def flow_charts(preset: str, seed: int, n_layers: int, height: int, present: bool) -> tuple[dict, dict]:
    extent = load(preset, seed)[1]
    v = flow_view(preset, seed, n_layers)
    return (
        charts.spec(lc.flow_base_chart(v["base"], v["Z"], v["Z_samples"], height)),
        charts.spec(lc.flow_data_chart(v["density"], v["warped"], v["samples"], extent, height)),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def ebm_charts(
    preset: str, seed: int, n_steps: int, step_size: float, show_starts: bool, height: int, present: bool
) -> tuple[dict, dict]:
    extent = load(preset, seed)[1]
    e, chains = ebm_view(preset, seed), langevin(preset, seed, n_steps, step_size)
    fig = lc.ebm_figure(e["density"], extent, chains["samples"], chains["starts"], height, show_starts=show_starts)
    target = np.full(len(chains["trace"]), e["mean_energy_q"])
    trace = lc.curve(
        chains["trace_steps"],
        {"mean energy of the chains": chains["trace"], "E_q[E] (target)": target},
        n_steps,
        height * 3 // 5,
        "energy (nats)",
        colors=[charts.SAMPLE_COLOR, charts.GREY],
        title="Do the chains reach q?",
    )
    return charts.spec(fig), charts.spec(trace)


@st.cache_data(show_spinner=False, max_entries=64)
def vae_charts(preset: str, seed: int, step: int, height: int, present: bool) -> tuple[dict, dict]:
    X, extent = load(preset, seed)
    vv = vae_view(preset, seed, step)
    model = lc.vae_figure(X, vv["density"], vv["line"], vv["samples"], extent, height)
    curves = lc.curve(
        np.arange(VAE_STEPS + 1),
        {"exact log q(x)": vv["log_q"], "ELBO": vv["elbo"]},
        step,
        height,
        "nats / point",
        colors=[charts.Q_COLOR, charts.PURPLE],
        title=["ELBO stays below", "the exact log q(x)"],
    )
    return charts.spec(model), charts.spec(curves)


@st.cache_data(show_spinner=False, max_entries=64)
def probe_charts(
    preset: str, seed: int, px: float, py: float, behind: str, height: int, present: bool
) -> tuple[dict, dict]:
    X, extent = load(preset, seed)
    scores = probe_scores(preset, seed, px, py)
    data = alt.layer(
        charts.heatmap(model_density(preset, seed, behind), extent, vmin=0.0, title="q(x)"),
        lc.solid_points(X, extent, charts.P_COLOR, size=18, opacity=0.85, outline=0.8),
        lc.probe_marker((px, py), extent),
        height=height,
        title=["Data (blue) and probe x*", f"over q(x) of the {behind.lower()}"],
    )
    dots = lc.probe_dots(scores["model"], scores["log q(x*)"], scores["average log q(x) over the data"], height)
    return charts.spec(data), charts.spec(dots)


# ----------------------------------------------------------------------------- the page

page = frame.start("likelihood")
page.formula(
    r"\hat\theta \;=\; \arg\max_\theta \; \frac{1}{n}\sum_{i=1}^{n} \log q_\theta(x_i)",
    where=r"$x_i$: data points drawn from the unknown $p$; $q_\theta$: the model's density; "
    r"$\log q_\theta(x)$ in nats. Every tab below fits one such $q_\theta$ to the same 2-D data.",
)
H = charts.height(380)

data_col, seed_col, _ = st.columns([2, 1, 3])
with data_col:
    preset = st.selectbox("Data set", datasets.DENSITY_PRESETS, index=0, key="lk_data", bind="query-params")
with seed_col:
    seed = page.seed_control(key="lk_seed")

tabs = st.tabs(list(TABS), key="lk_tab", bind="query-params")

with page.guard():
    X, extent = load(preset, seed)

    # ---------------------------------------------------------------- EM
    if tabs[0].open:
        with tabs[0]:
            st.latex(
                r"r_{ik} = \frac{w_k\,\mathcal N(x_i\mid\mu_k,\Sigma_k)}{\sum_j w_j\,\mathcal N(x_i\mid\mu_j,"
                r"\Sigma_j)}\qquad \mu_k = \frac{\sum_i r_{ik}\,x_i}{\sum_i r_{ik}}"
            )
            st.caption(
                "E-step: $r_{ik}$, the responsibility of component $k$ for point $x_i$ (its posterior probability). "
                r"M-step: each component's weight $w_k$, mean $\mu_k$ and covariance $\Sigma_k$ are refitted with "
                "the points weighted by $r_{ik}$."
            )
            fig, ctrl = page.columns()
            with ctrl:
                k = st.slider("Components K", 1, 8, 6, key="lk_k", bind="query-params")
                step = st.slider(
                    "EM step t",
                    0,
                    EM_STEPS,
                    12,
                    key="lk_step",
                    bind="query-params",
                    help="0 = the random start; each step is one E-step followed by one M-step.",
                )
            s = em_state(preset, seed, k, step)
            with fig:
                fit_chart, ll_chart = em_charts(preset, seed, k, step, H, page.present)
                charts.show(fit_chart, "em-fit")
                charts.show(
                    ll_chart,
                    "em-loglik",
                    data=pd.DataFrame({"step": np.arange(EM_STEPS + 1), "log_likelihood": s["ll"]}),
                )
            change = s["ll"][step] - s["ll"][step - 1] if step > 0 else 0.0
            page.numbers(
                [
                    frame.Number(
                        "log-likelihood at step t",
                        s["ll"][step],
                        "nats/point",
                        help="(1/n) Σ log q(x_i) with the parameters after t EM steps.",
                    ),
                    frame.Number(
                        "change from step t−1",
                        change,
                        "nats/point",
                        help="Never negative: every EM step can only raise the likelihood.",
                    ),
                    frame.Number(
                        "scikit-learn, same start",
                        s["sk_ll"],
                        "nats/point",
                        help="GaussianMixture started from the same weights, means and covariances, "
                        "run for t iterations.",
                    ),
                    frame.Number(
                        "max |μ − μ sklearn|",
                        s["sk_gap"] if s["sk_gap"] >= 1e-9 else 0.0,  # float rounding (~1e-16) shown as 0
                        "",
                        digits=2,
                        help="Largest difference between our means and scikit-learn's after t steps "
                        f"({s['sk_gap']:.1e}: rounding error of floating-point arithmetic).",
                    ),
                ]
            )
            page.notice(
                "Each point's colour mixes its components' colours by the responsibilities r_ik (E-step); each "
                "ellipse is refitted to the points it owns (M-step).",
                "The log-likelihood curve only ever climbs, and scikit-learn's GaussianMixture started from the "
                "same weights, means and covariances lands on the same numbers after the same number of steps.",
            )

    # ---------------------------------------------------------------- flow
    if tabs[1].open:
        with tabs[1]:
            st.latex(
                r"\log q(x) = \log \mathcal N\big(f(x)\mid 0, I\big) + \log\left|\det "
                r"\frac{\partial f}{\partial x}(x)\right|, \qquad x = f^{-1}(z),\; z\sim\mathcal N(0,I)"
            )
            st.caption(
                "$f$: an invertible map from data $x$ to base space $z$ (a stack of coupling layers); "
                r"$|\det \partial f / \partial x|$: how much $f$ stretches a small area around $x$."
            )
            fig, ctrl = page.columns()
            with ctrl:
                n_layers = st.slider(
                    "Coupling layers",
                    0,
                    12,
                    8,
                    key="lk_layers",
                    bind="query-params",
                    help="0 layers = a Gaussian; each layer bends one coordinate as a function of the other.",
                )
            v = flow_view(preset, seed, n_layers)
            with fig:
                base_chart, data_chart = flow_charts(preset, seed, n_layers, H, page.present)
                left, right = st.columns(2)
                with left:
                    charts.show(base_chart, "flow-base")
                with right:
                    charts.show(data_chart, "flow-data")
            page.numbers(
                [
                    frame.Number("average log q(x) on the data", v["avg_log_q"], "nats/point"),
                    frame.Number(
                        "average log |det ∂f/∂x|",
                        v["avg_logdet"],
                        "nats/point",
                        help="The change-of-variables term: how much the flow squeezes data space.",
                    ),
                    frame.Number(
                        "∫ q(x) dx over the plot",
                        v["mass"],
                        "",
                        digits=3,
                        help="Riemann sum of the exact density over the plotted grid: about 1.",
                    ),
                ]
            )
            page.notice(
                "The straight grid of the base space comes out bent in data space: the flow squeezes the "
                "plane onto the data, and the log-determinant term pays for the squeeze with higher density.",
                "With 0 layers the flow is a Gaussian; every coupling layer adds a bend. Holes and separate "
                "clumps (rings, mixture) stay hard: an invertible map can stretch the plane but not tear it.",
            )

    # ---------------------------------------------------------------- EBM
    if tabs[2].open:
        with tabs[2]:
            st.latex(
                r"q(x) = \frac{e^{-E(x)}}{Z},\quad Z = \int e^{-E(x)}\,dx,\qquad x_{t+1} = x_t - "
                r"\frac{\eta}{2}\nabla_x E(x_t) + \sqrt{\eta}\,\xi_t,\;\; \xi_t\sim\mathcal N(0,I)"
            )
            st.caption(
                "$E(x)$: the energy, low where data is likely; $Z$: the normalising constant. Langevin dynamics: "
                r"step $\eta$ downhill on $E$ plus Gaussian noise $\xi_t$; after many steps $x_t$ is a sample of $q$."
            )
            fig, ctrl = page.columns()
            with ctrl:
                n_steps = st.slider("Langevin steps", 0, 2000, 500, step=10, key="lk_lsteps", bind="query-params")
                eta = st.select_slider(
                    "Step size η",
                    options=[0.001, 0.003, 0.01, 0.03, 0.1, 0.3],
                    value=0.03,
                    key="lk_eta",
                    bind="query-params",
                    help="Small: accurate but slow. Large: fast but blurs the distribution.",
                )
                show_starts = st.toggle("Show chain starts", value=True, key="lk_starts", bind="query-params")
            e = ebm_view(preset, seed)
            chains = langevin(preset, seed, n_steps, float(eta))
            with fig:
                ebm_chart, trace_chart = ebm_charts(preset, seed, n_steps, float(eta), show_starts, H, page.present)
                charts.show(ebm_chart, "ebm-langevin")
                st.caption(
                    f"Green: the {N_CHAINS} Langevin chains after {n_steps:,} steps"
                    + ("; grey rings: where they started (uniform over the plot)." if show_starts else ".")
                    + " Below: their average energy, which settles at the energy of q when they sample it."
                )
                charts.show(trace_chart, "ebm-trace")
            d784 = ebm.grid_cells_needed_log10(e["grid_per_axis"], 784)
            page.numbers(
                [
                    frame.Number(
                        "log Z (grid integral)",
                        e["log_z"],
                        "nats",
                        help=f"Sum of exp(−E) over {e['grid_cells']:,} grid cells times the cell area.",
                    ),
                    frame.Number(
                        "grid cells for a 28×28 image",
                        "10" + f"{d784:.0f}".translate(SUPERSCRIPT),
                        "",
                        help=f"{e['grid_per_axis']} points per axis in 784 dimensions: far beyond any "
                        "computer. That is why Z is hard.",
                    ),
                    frame.Number("mean energy of the chains", chains["mean_energy"], "nats"),
                    frame.Number(
                        "E_q[E] on the grid",
                        e["mean_energy_q"],
                        "nats",
                        help="The chains' average energy approaches this value when they sample q.",
                    ),
                ]
            )
            page.notice(
                "The energy model only says which places are good (low E); dividing by Z, summed here over "
                f"{e['grid_cells']:,} grid cells, turns that into a density. In 784 dimensions the same grid "
                "would need more cells than there are atoms in the universe.",
                "Langevin chains never need Z: they follow −∇E plus noise. Start with 0 steps (random starts), "
                "then add steps; a step size that is too large blurs the samples, one too small barely moves.",
            )

    # ---------------------------------------------------------------- VAE
    if tabs[3].open:
        with tabs[3]:
            st.latex(
                r"\log q(x) \;\ge\; \mathrm{ELBO}(x) = \mathbb E_{e(z\mid x)}\big[\log q(x\mid z)\big] - "
                r"\mathrm{KL}\big(e(z\mid x)\,\|\,p(z)\big),\qquad q(x\mid z)=\mathcal N(Wz+\mu,\sigma^2 I)"
            )
            st.caption(
                r"$z$: a 1-D latent code with prior $p(z) = \mathcal N(0, 1)$; $q(x \mid z)$: the linear decoder; "
                r"$e(z \mid x)$: the encoder (often written $q(z \mid x)$, but $q$ is the model here). Linear, so "
                r"the exact $\log q(x)$ can be computed alongside the ELBO."
            )
            fig, ctrl = page.columns()
            with ctrl:
                vstep = st.slider(
                    "Training step",
                    0,
                    VAE_STEPS,
                    20,
                    step=5,
                    key="lk_vstep",
                    bind="query-params",
                    help="Adam steps on the ELBO. The exact log q(x) is computed alongside.",
                )
            vv = vae_view(preset, seed, vstep)
            with fig:
                model_chart, curve_chart = vae_charts(preset, seed, vstep, H, page.present)
                left, right = st.columns(2)
                with left:
                    charts.show(model_chart, "vae-model")
                with right:
                    charts.show(
                        curve_chart,
                        "vae-elbo",
                        data=pd.DataFrame({"step": np.arange(VAE_STEPS + 1), "elbo": vv["elbo"], "log_q": vv["log_q"]}),
                    )
            gap = vv["log_q"][vstep] - vv["elbo"][vstep]
            page.numbers(
                [
                    frame.Number("ELBO", vv["elbo"][vstep], "nats/point"),
                    frame.Number("exact log q(x)", vv["log_q"][vstep], "nats/point"),
                    frame.Number(
                        "gap = KL(e(z|x) ‖ q(z|x))",
                        gap,
                        "nats/point",
                        help="How far the encoder is from the true posterior; never negative.",
                    ),
                ]
            )
            page.notice(
                "The ELBO (purple) is always below the exact log q(x) (vermillion); the space between them is the "
                "KL divergence from the encoder to the true posterior, which training squeezes to zero here.",
                "A linear decoder makes q(x) a single Gaussian stretched along the line Wz + μ: an exact "
                "likelihood, but a poor fit to curved data. Neural decoders fit better and lose the exact log q(x).",
            )

    # ---------------------------------------------------------------- probe
    if tabs[4].open:
        with tabs[4]:
            fig, ctrl = page.columns()
            with ctrl:
                px = st.number_input("x* first coordinate", -10.0, 10.0, 0.0, 0.25, key="lk_px", bind="query-params")
                py = st.number_input("x* second coordinate", -10.0, 10.0, 0.25, 0.25, key="lk_py", bind="query-params")
                behind = st.selectbox(
                    "Density behind the points", list(PROBE_MODELS), index=1, key="lk_behind", bind="query-params"
                )
            scores = probe_scores(preset, seed, float(px), float(py))
            with fig:
                data_chart, dots_chart = probe_charts(preset, seed, float(px), float(py), behind, H, page.present)
                left, right = st.columns(2)
                with left:
                    charts.show(data_chart, "probe-data")
                with right:
                    charts.show(dots_chart, "probe-scores", data=scores)
            st.dataframe(
                scores,
                hide_index=True,
                width="stretch",
                column_config={
                    c: st.column_config.NumberColumn(format="%.3f")
                    for c in ("log q(x*)", "average log q(x) over the data")
                },
            )
            exact = scores.iloc[:4]
            hi, lo = int(exact["log q(x*)"].values.argmax()), int(exact["log q(x*)"].values.argmin())
            page.numbers(
                [
                    frame.Number(f"highest: {exact['model'].iloc[hi]}", float(exact["log q(x*)"].iloc[hi]), "nats"),
                    frame.Number(f"lowest: {exact['model'].iloc[lo]}", float(exact["log q(x*)"].iloc[lo]), "nats"),
                    frame.Number(
                        "ratio of their densities",
                        float(np.exp(exact["log q(x*)"].iloc[hi] - exact["log q(x*)"].iloc[lo])),
                        "×",
                        digits=1,
                        help="q_high(x*) / q_low(x*) = exp(difference of the log-densities).",
                    ),
                ]
            )
            page.notice(
                "Each dot is a model's answer to “how likely is x*?” in nats; the black tick is the same model's "
                "average over the real data, so a dot left of its tick means x* looks less likely than a "
                "typical data point.",
                "The default x* sits in the empty middle of the moons: the flexible models (mixture, flow, "
                "energy) score it below a typical point, while the linear VAE, a single Gaussian, scores it "
                "above: a likelihood is only as good as the model behind it.",
            )

page.quiz(
    "Why can the energy-based model on this page compute log q(x) exactly, when image EBMs cannot?",
    ["Because its energy is convex", "Because Z can be summed over a grid in 2-D", "Because Langevin gives Z"],
    answer=1,
    explain="Z is an integral over all of x-space; a grid with G points per axis needs G^d cells, which is fine "
    "for d = 2 and impossible for d = 784. Langevin dynamics samples without ever knowing Z.",
)
page.deeper(
    "why EM never decreases the likelihood",
    r"For any distribution $r(z)$ over the component $z$, Jensen's inequality gives "
    r"$\log q_\theta(x) \ge \sum_z r(z)\log\frac{q_\theta(x,z)}{r(z)}$, with equality when "
    r"$r(z) = q_\theta(z\mid x)$. The **E-step** sets $r$ to that posterior, so the bound touches "
    r"$\log q_\theta(x)$; the **M-step** maximises the bound over $\theta$, so "
    r"$\log q_{\theta_{new}}(x) \ge \text{bound}(\theta_{new}) \ge \text{bound}(\theta_{old}) = "
    r"\log q_{\theta_{old}}(x)$. The VAE's ELBO is the same bound with a learnt encoder $e(z\mid x)$ in "
    r"place of $r$; its gap is $\mathrm{KL}(e(z\mid x)\,\|\,q(z\mid x))$."
    "\n\n"
    r"**Change of variables.** If $z = f(x)$ is invertible, probability is conserved: "
    r"$q(x)\,dx = \mathcal N(z)\,dz$, so $q(x) = \mathcal N(f(x))\,|\det \partial f/\partial x|$. "
    r"A coupling layer $y_u = x_u e^{s(x_c)} + t(x_c)$ has a triangular Jacobian with determinant "
    r"$e^{s(x_c)}$, so the log-determinant is just $s(x_c)$.",
)
page.end()
