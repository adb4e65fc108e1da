"""Types of generative models: likelihood-based families vs implicit ones, compared on one 2-D data set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.errors import StreamlitAPIException

from core import datasets
from core.autoregressive import Autoregressive2D
from core.diffusion import DiffusionModel
from core.ebm import BumpEnergyModel
from core.flow import CouplingFlow
from core.implicit import ImplicitGenerator
from core.vae import SmallVAE
from ui import charts, frame
from ui import likelihood_charts as lc

N_POINTS = 400
SOFT_AUTOREGRESSIVE = "Auto\u00adregressive"  # soft hyphen: breaks as "Auto-regressive" in a narrow column
N_SAMPLES = 300


@dataclass(frozen=True)
class Family:
    """One row of the comparison table and the live model that stands for it on this page."""

    name: str
    kind: str
    log_p: str
    sampling: str
    latent: str
    objective: str
    examples: str
    make: Callable[[int], object]  # seed -> the unfitted live model standing for this family
    page: str
    link_label: str
    query: dict | None


FAMILIES: tuple[Family, ...] = (
    Family(
        name="Autoregressive",
        kind="likelihood-based",
        log_p="exact: product of conditionals p(xᵢ | x<ᵢ)",
        sampling="slow: one step per dimension / token, in order",
        latent="none",
        objective="maximum likelihood (next-token cross-entropy)",
        examples="GPT, PixelCNN, WaveNet",
        make=lambda seed: Autoregressive2D(seed=seed),
        page="pages/autoregressive.py",
        link_label="Autoregressive models",
        query=None,
    ),
    Family(
        name="Normalizing flow",
        kind="likelihood-based",
        log_p="exact: change of variables + log-determinant",
        sampling="fast: one pass through f⁻¹",
        latent="z with the same dimension as x (invertible)",
        objective="maximum likelihood",
        examples="RealNVP, Glow",
        make=lambda seed: CouplingFlow(seed=seed),
        page="pages/likelihood.py",
        link_label="Likelihood-based models, flow tab",
        query={"lk_tab": "Normalizing flow"},
    ),
    Family(
        name="Energy-based",
        kind="likelihood-based",
        log_p="up to the constant Z (intractable in high dimensions)",
        sampling="slow: many MCMC (Langevin) steps",
        latent="none",
        objective="maximum likelihood via MCMC samples",
        examples="Boltzmann machines, JEM",
        make=lambda seed: BumpEnergyModel(),
        page="pages/likelihood.py",
        link_label="Likelihood-based models, energy tab",
        query={"lk_tab": "Energy-based model"},
    ),
    Family(
        name="VAE",
        kind="likelihood-based (a bound)",
        log_p="lower bound (ELBO); importance-sampled estimate",
        sampling="fast: one decoder pass",
        latent="z, lower-dimensional, with an encoder e(z|x)",
        objective="maximise the ELBO",
        examples="VAE, VQ-VAE",
        make=lambda seed: SmallVAE(seed=seed),
        page="pages/approaches.py",
        link_label="Different approaches, VAE",
        query={"ap_family": "Small VAE (continuous z)"},
    ),
    Family(
        name="GAN",
        kind="implicit",
        log_p="none: the model only produces samples",
        sampling="fast: one generator pass",
        latent="z (noise) in, no encoder",
        objective="adversarial game / distance between samples",
        examples="GAN, StyleGAN",
        make=lambda seed: ImplicitGenerator(seed=seed),
        page="pages/approaches.py",
        link_label="Different approaches, implicit",
        query=None,
    ),
    Family(
        name="Diffusion",
        kind="iterative refinement",
        log_p="a bound (ELBO over T steps) or an ODE solve; not computed here",
        sampling="slow: T denoising steps",
        latent="x_T: noise of the same dimension as x",
        objective="denoising (a reweighted ELBO)",
        examples="DDPM, Stable Diffusion",
        make=lambda seed: DiffusionModel(seed=seed),
        page="pages/approaches.py",
        link_label="Different approaches, diffusion",
        query=None,
    ),
)


def family(name: str) -> Family:
    return next(f for f in FAMILIES if f.name == name)


# ----------------------------------------------------------------------------- cached computations


@st.cache_data(show_spinner=False, max_entries=16)
def load(preset: str, seed: int) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    X = datasets.density_2d(preset, n=N_POINTS, seed=seed)
    return X, charts.grid_extent(X, 0.15)


@st.cache_resource(show_spinner="Fitting one model of each family (a few seconds, once)...", max_entries=48)
def fitted(name: str, preset: str, seed: int):  # noqa: ANN201 - one of six model classes
    return family(name).make(seed).fit(load(preset, seed)[0])


@st.cache_data(show_spinner=False, max_entries=48)
def family_samples(name: str, preset: str, seed: int) -> np.ndarray:
    return fitted(name, preset, seed).sample(N_SAMPLES, seed=seed + 1)


@st.cache_data(show_spinner=False, max_entries=48)
def data_average(name: str, preset: str, seed: int) -> float:
    """Average log q over the data in nats (computed once per model, not on every move of x*)."""
    return float(np.mean(fitted(name, preset, seed).score_samples(load(preset, seed)[0])))


@st.cache_data(show_spinner=False, max_entries=256)
def family_scores(name: str, preset: str, seed: int, px: float, py: float) -> tuple[float, float] | None:
    """(log q(x*), average log q over the data) in nats, or None when the model has no likelihood."""
    model = fitted(name, preset, seed)
    if not hasattr(model, "score_samples"):
        return None
    return float(model.score_samples(np.array([[px, py]]))[0]), data_average(name, preset, seed)


def score_text(score: tuple[float, float] | None, fam: Family) -> str:
    if score is None:
        return "cannot: no q(x)" if fam.kind == "implicit" else "not computed here"
    return frame.fmt(score[0], "nats", 2)


@st.cache_data(show_spinner=False, max_entries=64)
def panel_base(preset: str, seed: int, name: str, y_axis: bool, present: bool) -> dict:
    """One family's panel of points as a ready Vega-Lite dict: built once, whatever x* is."""
    X, extent = load(preset, seed)
    panel = lc.family_panel(X[::2], family_samples(name, preset, seed), extent, charts.height(230), y_axis)
    return charts.spec(panel)


def panel_spec(preset: str, seed: int, px: float, py: float, name: str, y_axis: bool, present: bool) -> dict:
    """The panel with the probe x* and, as its title, the family's log q(x*)."""
    score = family_scores(name, preset, seed, px, py)
    if score is not None:
        title = [name, f"log q(x*): {frame.fmt(score[0], 'nats', 2)}"]
    else:
        title = [name, "no q(x) to evaluate" if family(name).kind == "implicit" else "log q(x*) not computed"]
    return lc.with_probe(panel_base(preset, seed, name, y_axis, present), (px, py), title)


# ----------------------------------------------------------------------------- the page

page = frame.start("types")
page.formula(
    r"\text{likelihood-based:}\quad \hat\theta = \arg\max_\theta \sum_{i} \log q_\theta(x_i)"
    r"\qquad\qquad \text{implicit:}\quad x = g_\theta(z),\;\; z \sim \mathcal N(0, I)",
    where=r"$q_\theta(x)$: the model's density, which a likelihood-based model can evaluate (exactly, up to a "
    r"constant, or as a bound); an implicit model only has the sampler $g_\theta$ and no $q_\theta(x)$ at all.",
)

fig, ctrl = page.columns()
with ctrl:
    preset = st.selectbox("Data set", datasets.DENSITY_PRESETS, index=0, key="ty_data", bind="query-params")
    seed = page.seed_control(key="ty_seed")
    px = st.number_input("x* first coordinate", -10.0, 10.0, 0.0, 0.25, key="ty_px", bind="query-params")
    py = st.number_input("x* second coordinate", -10.0, 10.0, 0.25, 0.25, key="ty_py", bind="query-params")

with page.guard():
    names = tuple(f.name for f in FAMILIES)
    scores = {f.name: family_scores(f.name, preset, seed, float(px), float(py)) for f in FAMILIES}
    with fig:
        # A 3 x 2 grid of panels, each filling its column: fits a laptop screen as well as a projector.
        for row in (names[:3], names[3:]):
            for i, (col, name) in enumerate(zip(st.columns(3, gap="small"), row, strict=True)):
                with col:
                    spec = panel_spec(preset, seed, float(px), float(py), name, i == 0, page.present)
                    charts.show(spec, f"samples-{name}", export=False)
        st.caption(
            "Blue: the data (every second point). Green: 300 new points each model generated. Black cross: the probe "
            "point x*, and above each panel the log-density the model gives it, in nats."
        )
    page.numbers(
        [
            frame.Number(
                f"{f.name}: log q(x*)",
                score_text(scores[f.name], f),
                help="average over the data: " + frame.fmt(scores[f.name][1], "nats", 2) if scores[f.name] else None,
            )
            for f in FAMILIES
        ],
        per_row=3,
    )

st.subheader("The families side by side", anchor=False)
COLUMNS = ("Family", "Type", "log p(x)?", "Sampling cost", "Latent code", "Training objective")
widths = [1.3, 1.1, 1.9, 1.6, 1.6, 1.6]
for i, title in enumerate(st.columns(widths)):
    title.markdown(f"**{COLUMNS[i]}**")
for f in FAMILIES:
    with st.container(border=True, gap="small"):
        cells = st.columns(widths)
        cells[0].markdown(f"**{f.name.replace('Autoregressive', SOFT_AUTOREGRESSIVE)}**  \n{f.examples}")
        cells[1].markdown(f.kind)
        cells[2].markdown(f.log_p)
        cells[3].markdown(f.sampling)
        cells[4].markdown(f.latent)
        cells[5].markdown(f.objective)
        # The link gets the row's full width (a seventh column truncated it on laptop screens).
        try:
            st.page_link(
                f.page, label=f"Runs live on: {f.link_label}", icon=":material/arrow_forward:", query_params=f.query
            )
        except (StreamlitAPIException, KeyError):  # page opened on its own, outside the app's navigation
            st.caption(f"Runs live on: {f.link_label}")

page.notice(
    "Every panel generates new points, but only the likelihood-based families also put a number on x*: the "
    "implicit generator has no q(x) to evaluate, and the diffusion model would need a bound over all T steps.",
    "Move x* into an empty region and the likelihood-based numbers drop together; the families disagree most "
    "where they model the data worst (compare a flow with the VAE between the moons).",
    "Exact likelihoods (autoregressive, flow) cost something: slow sequential sampling or an invertible "
    "architecture; VAEs and energy models relax that with a bound or an unknown Z.",
)
page.quiz(
    "A GAN generates sharp images. Can you use it to flag an unusual input by its likelihood?",
    [
        "Yes, via its discriminator's output",
        "No: an implicit model defines no q(x) to evaluate",
        "Yes, by counting nearby samples exactly",
    ],
    answer=1,
    explain="An implicit model only knows how to sample. A discriminator score is not a density, and estimates "
    "from nearby samples are approximations that break down in high dimensions.",
)
page.deeper(
    "where each family's likelihood comes from",
    r"- **Autoregressive:** the chain rule $q(x) = \prod_i q(x_i \mid x_{<i})$, each factor a normalised "
    r"distribution, so $\log q(x)$ is a sum of exact terms."
    "\n"
    r"- **Flow:** $\log q(x) = \log \mathcal N(f(x)) + \log|\det \partial f/\partial x|$ for an invertible $f$."
    "\n"
    r"- **Energy-based:** $q(x) = e^{-E(x)}/Z$; the ratio $q(x)/q(x')$ is easy, $Z$ is the hard part."
    "\n"
    r"- **VAE:** $q(x) = \int q(x\mid z)p(z)\,dz$ is intractable; the ELBO "
    r"$\mathbb E_{e(z|x)}[\log q(x|z)] - \mathrm{KL}(e(z|x)\,\|\,p(z)) \le \log q(x)$ is trained instead, and "
    r"importance sampling estimates $\log q(x)$ afterwards."
    "\n"
    r"- **GAN / implicit:** $x = g(z)$; the density of $g(z)$ exists only implicitly (and may not exist at all "
    r"if $z$ has fewer dimensions than $x$)."
    "\n"
    r"- **Diffusion:** trained on a (reweighted) ELBO over the denoising steps; an exact likelihood needs the "
    r"probability-flow ODE and its Jacobian trace along the whole path.",
)
page.end()
