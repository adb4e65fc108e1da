"""Different approaches to model p(x): a prescribed latent model, an implicit generator and a diffusion model,
each trained live on the same 2-D data and scored with one common yardstick."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core import datasets
from core.diffusion import DiffusionModel
from core.implicit import ImplicitGenerator
from core.mixture import MixtureModel
from core.sample_quality import density_grid, energy_distance, grid_mass, log_likelihood_bits
from core.vae import SmallVAE
from ui import approaches_charts as ac
from ui import charts, frame

PRESETS = {"Two moons": "moons", "Two rings": "rings", "Spiral": "spiral", "Three blobs": "mixture"}
CSV = "Your CSV file (2 columns)"
GMM, VAE = "Gaussian mixture (discrete z)", "Small VAE (continuous z)"
N_TRAIN, N_HELD, N_SAMPLES = 500, 500, 500
MIN_CSV_ROWS, MAX_CSV_ROWS = 40, 2000
GRID = 100
DISTANCE_COLUMN, LOGLIK_COLUMN = "energy distance D ↓", "held-out log-likelihood ↑"
# Diffusion training: about this many noisy rows per epoch and in total, whatever the data size. Many short
# epochs give the moving average of the weights (ema) more snapshots to smooth: sharper samples than a few
# long epochs for the same time (about 2 s).
DIFFUSION_ROWS_PER_EPOCH, DIFFUSION_ROWS = 1_000, 600_000


@dataclass(frozen=True)
class ApproachData:
    """Training points, held-out points, another real sample for reference, and where to draw them."""

    train: np.ndarray
    held_out: np.ndarray
    reference: np.ndarray
    reference_label: str
    extent: tuple[float, float, float, float]
    note: str = ""


def _split(X: np.ndarray, held_share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(len(X))
    n_held = int(round(held_share * len(X)))
    return X[order[n_held:]], X[order[:n_held]]


# ----------------------------------------------------------------------------- cached data and models


@st.cache_data(show_spinner=False, max_entries=32)
def preset_data(name: str, seed: int) -> tuple:
    # three independent draws: training points, held-out points, and a reference sample
    train = datasets.density_2d(name, n=N_TRAIN, seed=seed)
    held = datasets.density_2d(name, n=N_HELD, seed=seed + 5_000)
    fresh = datasets.density_2d(name, n=N_SAMPLES, seed=seed + 10_000)
    return train, held, fresh, "a fresh draw", charts.grid_extent(np.vstack([train, held]), 0.12), ""


@st.cache_data(show_spinner=False, max_entries=8)
def csv_data(digest: str, _payload: bytes, seed: int) -> tuple:
    """The user's CSV: read, checked, standardised, split 70 / 30 (ValueError with a clear message)."""
    table = datasets.read_points_csv(_payload, labelled=False, max_rows=MAX_CSV_ROWS, seed=seed)
    X = table.X
    if len(X) < MIN_CSV_ROWS:
        raise ValueError(
            f"Your file has {len(X)} rows; this page needs at least {MIN_CSV_ROWS}, because it "
            "trains four models and holds 30 % of the rows out to score them."
        )
    if np.any(X.std(axis=0) == 0):
        raise ValueError(
            "One of your columns has the same value in every row, so the points lie on a line: "
            "a 2-D density needs spread in both columns."
        )
    X = datasets.standardise_2d(X)
    train, held = _split(X, 0.3, seed)
    note = "Your data were standardised (mean 0, sd 1 per column). " + table.note
    return train, held, train[:N_SAMPLES], "training points", charts.grid_extent(X, 0.12), note.strip()


def load(key: tuple) -> ApproachData:
    """key = ("preset", name, seed) or ("csv", digest, seed); the CSV bytes live in session state.

    The cached readers return plain tuples: a class defined in a page script cannot be pickled by
    ``st.cache_data`` when the page runs inside the app's navigation.
    """
    if key[0] == "preset":
        return ApproachData(*preset_data(key[1], key[2]))
    return ApproachData(*csv_data(key[1], st.session_state["ap_payload"], key[2]))


@st.cache_resource(show_spinner="Fitting the Gaussian mixture (EM)...", max_entries=64)
def gmm_model(key: tuple, k: int) -> MixtureModel:
    return MixtureModel(n_components=k, seed=key[-1]).fit(load(key).train)


@st.cache_resource(show_spinner="Training the small VAE on the ELBO (a few seconds)...", max_entries=16)
def vae_model(key: tuple) -> SmallVAE:
    return SmallVAE(seed=key[-1]).fit(load(key).train)


@st.cache_resource(
    show_spinner="Training the implicit generator on the energy distance (a few seconds)...", max_entries=16
)
def implicit_model(key: tuple) -> ImplicitGenerator:
    return ImplicitGenerator(seed=key[-1]).fit(load(key).train)


@st.cache_resource(show_spinner="Training the diffusion model's denoiser (a few seconds)...", max_entries=16)
def diffusion_model(key: tuple) -> DiffusionModel:
    train = load(key).train
    copies = max(1, round(DIFFUSION_ROWS_PER_EPOCH / len(train)))
    epochs = max(50, round(DIFFUSION_ROWS / (copies * len(train))))
    return DiffusionModel(copies=copies, n_epochs=epochs, seed=key[-1]).fit(train)


def prescribed(key: tuple, family: str, k: int):
    return gmm_model(key, k) if family == GMM else vae_model(key)


@st.cache_data(show_spinner=False, max_entries=64)
def prescribed_view(key: tuple, family: str, k: int) -> dict:
    data, model = load(key), prescribed(key, family, k)
    density = density_grid(model.score_samples, data.extent, GRID, GRID)
    samples = model.sample(N_SAMPLES, seed=key[-1] + 1)
    view = {
        "density": density,
        "mass": grid_mass(density, data.extent),
        "samples": samples,
        "distance": energy_distance(samples, data.held_out),
        "loglik": log_likelihood_bits(model.score_samples(data.held_out)),
    }
    if family == GMM:
        view["weights"] = model.weights_
        view["assigned"] = np.bincount(model.predict(data.held_out), minlength=k) / len(data.held_out)
    else:
        view["codes"] = model.transform(data.held_out)
        view["prior"] = np.random.default_rng(key[-1] + 2).standard_normal((300, model.latent_dim))[:, :2]
    return view


@st.cache_data(show_spinner=False, max_entries=16)
def implicit_view(key: tuple) -> dict:
    data, model = load(key), implicit_model(key)
    samples = model.sample(N_SAMPLES, seed=key[-1] + 1)
    return {
        "samples": samples,
        "curve": model.loss_curve_,
        "floor": model.loss_floor(data.train, seed=key[-1]),
        "distance": energy_distance(samples, data.held_out),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def diffusion_view(key: tuple) -> dict:
    data, model = load(key), diffusion_model(key)
    path = model.sample_trajectory(N_SAMPLES, seed=key[-1] + 1)
    forward = np.stack([model.noise(data.held_out, t, seed=key[-1] + 3) for t in range(model.n_steps + 1)])
    # room for the starting noise: 3.5 standard deviations around the data's centre
    corners = model.mean_ + np.array([[-3.5, -3.5], [3.5, 3.5]]) * model.scale_
    wide = charts.grid_extent(np.vstack([data.held_out, corners]), 0.02)
    return {
        "path": path,
        "forward": forward,
        "T": model.n_steps,
        "wide": wide,
        "distance": np.array([energy_distance(cloud, data.held_out) for cloud in path]),
    }


@st.cache_data(show_spinner=False, max_entries=32)
def reference_view(key: tuple) -> dict:
    data = load(key)
    gauss = MixtureModel(n_components=1, seed=key[-1]).fit(data.train)
    return {
        "gauss_distance": energy_distance(gauss.sample(N_SAMPLES, seed=key[-1] + 1), data.held_out),
        "gauss_loglik": log_likelihood_bits(gauss.score_samples(data.held_out)),
        "floor": energy_distance(data.reference, data.held_out),
    }


@st.cache_resource(show_spinner=False, max_entries=64)
def prescribed_specs(key: tuple, family: str, k: int, h: int, h_small: int, present: bool) -> tuple:
    """The prescribed panel's two charts, rendered once per input (presenter mode is part of the key)."""
    data, pv = load(key), prescribed_view(key, family, k)
    name = f"Mixture, K = {k}:" if family == GMM else "Small VAE:"
    top = charts.render(ac.density_panel(pv["density"], data.extent, pv["samples"], h,
                                         [name, "q(x) and samples"]))
    if family == GMM:
        bottom = charts.render(ac.prior_bars(pv["weights"], pv["assigned"], h_small))
    else:
        bottom = charts.render(ac.latent_panel(pv["codes"], pv["prior"], h_small))
    return top, bottom


@st.cache_resource(show_spinner=False, max_entries=16)
def implicit_specs(key: tuple, h: int, h_small: int, present: bool) -> tuple:
    data, iv = load(key), implicit_view(key)
    top = charts.render(ac.samples_panel(data.held_out, iv["samples"], data.extent, h,
                                         ["Generator g(z):", "samples only"], stacked_legend=present))
    bottom = charts.render(ac.training_curve(iv["curve"], h_small, "D (std. units)",
                                             ["Training signal:", "D per minibatch"],
                                             floor=iv["floor"]))
    return top, bottom


@st.cache_resource(show_spinner=False, max_entries=256)
def diffusion_specs(key: tuple, t: int, h: int, h_small: int, present: bool) -> tuple:
    dv, floor = diffusion_view(key), reference_view(key)["floor"]
    done = dv["T"] - t
    top = charts.render(ac.diffusion_panel(dv["forward"][t], dv["path"][t], dv["wide"], h,
                                           [f"Step t = {t}:", f"{done} of {dv['T']} steps done"],
                                           stacked_legend=present))
    bottom = charts.render(ac.distance_by_step(dv["distance"], t, h_small, floor=floor))
    return top, bottom


def yardstick_table(key: tuple, k: int) -> pd.DataFrame:
    """One row per model: what it can do, and the common yardstick on held-out data."""
    gmm, vae = prescribed_view(key, GMM, k), prescribed_view(key, VAE, 0)
    imp, dif, ref = implicit_view(key), diffusion_view(key), reference_view(key)

    def d(x: float) -> str:
        return frame.fmt(x, digits=3)

    def bits(x: float) -> str:
        return frame.fmt(x, "bits/point", digits=2)

    rows = [
        (
            f"Gaussian mixture, K = {k}",
            "prescribed latent",
            "exact",
            "yes",
            "z = which blob (posterior p(z|x))",
            d(gmm["distance"]),
            bits(gmm["loglik"]),
        ),
        (
            "Small VAE",
            "prescribed latent",
            "estimate (importance sampling)",
            "yes",
            "z = encoder mean E[z|x]",
            d(vae["distance"]),
            "≈ " + bits(vae["loglik"]),
        ),
        ("Implicit generator g(z)", "implicit", "no", "yes", "no (no encoder)", d(imp["distance"]), "not defined"),
        (
            "Diffusion model",
            "iterative refinement",
            "bound only (not computed)",
            "yes",
            "no (x_T is fresh noise)",
            d(dif["distance"][0]),
            "—",
        ),
        (
            "Single Gaussian (baseline)",
            "reference",
            "exact",
            "yes",
            "no",
            d(ref["gauss_distance"]),
            bits(ref["gauss_loglik"]),
        ),
        (f"Real data ({load(key).reference_label})", "reference", "—", "—", "—", d(ref["floor"]), "—"),
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "model",
            "approach",
            "q(x) of a point?",
            "sample?",
            "latent code of a point?",
            DISTANCE_COLUMN,
            LOGLIK_COLUMN,
        ],
    )


def q_formula(family: str) -> str:
    """How the prescribed model gets q(x), as caption markdown."""
    if family == GMM:
        return r"$q(x) = \sum_{k=1}^{K} \pi_k\,\mathcal N(x;\mu_k,\Sigma_k)$: an exact sum over z"
    return r"$q(x) = \int q(x\mid z)\,p(z)\,dz$: an integral over z, estimated by importance sampling"


def show_table(table: pd.DataFrame, present: bool) -> None:
    """The yardstick table as HTML (st.table), so it wraps instead of scrolling at 1366 px; bigger in presenter
    mode, where st.dataframe (drawn on a canvas) would keep its small type."""
    if present:
        big = {"font-size": "1.25rem"}
        styled = table.style.set_uuid("ap_yardstick").hide(axis="index").set_properties(**big).set_table_styles(
            [{"selector": "th", "props": list(big.items())}])
        st.table(styled)
    else:
        st.table(table, hide_index=True)


# ----------------------------------------------------------------------------- the page

page = frame.start("approaches")
H = charts.height(360)  # tall enough that the 2-D clouds keep roughly their true shape at 1920 px
H_SMALL = charts.height(210)

data_col, seed_col, upload_col = st.columns([2, 1, 3])
with data_col:
    source = st.selectbox(
        "Data set",
        [*PRESETS, CSV],
        index=0,
        key="ap_data",
        bind="query-params",
        help=f"{N_TRAIN} points train all models; {N_HELD} more from the same source are held out to score "
        "them (your CSV: a 70 % / 30 % split).",
    )
with seed_col:
    seed = page.seed_control(key="ap_seed")
upload = None
with upload_col:
    if source == CSV:
        upload = st.file_uploader(
            "CSV file",
            type=["csv", "txt"],
            key="ap_csv",
            help=f"Two numeric columns (a header row is fine), at least {MIN_CSV_ROWS} rows. "
            f"More than {MAX_CSV_ROWS:,} rows are subsampled.",
        )

heads = st.columns(3, gap="medium")
with heads[0]:
    st.subheader("① Prescribed latent variable", anchor=False)
    st.latex(r"z \sim p(z),\;\; x \sim q_\theta(x \mid z)")
    family = st.radio(
        "Latent z",
        [GMM, VAE],
        index=0,
        horizontal=True,
        key="ap_family",
        bind="query-params",
        help="Both have an explicit prior p(z) and decoder q(x|z). Discrete z: q(x) is an exact sum. "
        "Continuous z: q(x) is an integral, estimated here.",
    )
    k = st.slider(
        "Mixture components K",
        1,
        12,
        8,
        key="ap_k",
        bind="query-params",
        disabled=family != GMM,
        help="How many values the discrete latent z can take (one Gaussian blob each).",
    )
with heads[1]:
    st.subheader("② Implicit", anchor=False)
    st.latex(r"z \sim \mathcal N(0, I),\;\; x = g_\theta(z)")
    st.info(
        "No q(x): this model cannot answer “how likely is this point?”. It only makes samples.", icon=":material/block:"
    )
with heads[2]:
    st.subheader("③ Iterative refinement", anchor=False)
    st.latex(r"x_T \sim \mathcal N(0, I) \to \cdots \to x_0")
    T = DiffusionModel().n_steps
    done = st.slider(
        f"Denoising steps done (of T = {T})",
        0,
        T,
        T,
        key="ap_step",
        bind="query-params",
        help=f"0 = pure noise x_T ~ N(0, I); each step removes a little predicted noise; {T} = finished samples x_0.",
    )


def data_key() -> tuple:
    if source in PRESETS:
        return ("preset", PRESETS[source], seed)
    payload = upload.getvalue()
    st.session_state["ap_payload"] = payload
    return ("csv", hashlib.sha256(payload).hexdigest(), seed)


def show_models(key: tuple) -> None:
    """The three panels, their numbers and the yardstick table for one data set."""
    data = load(key)
    if data.note:
        st.caption(data.note)
    k_used = k if family == GMM else 0  # the VAE does not depend on K: one cache entry, not twelve
    pv = prescribed_view(key, family, k_used)
    iv = implicit_view(key)
    dv = diffusion_view(key)
    ref = reference_view(key)
    t = dv["T"] - done

    present = page.present
    tops = st.columns(3, gap="medium")
    with tops[0]:
        top, bottom_prescribed = prescribed_specs(key, family, k_used, H, H_SMALL, present)
        charts.show(top, "prescribed-density")
    with tops[1]:
        top, bottom_implicit = implicit_specs(key, H, H_SMALL, present)
        charts.show(top, "implicit-samples")
    with tops[2]:
        top, bottom_diffusion = diffusion_specs(key, t, H, H_SMALL, present)
        charts.show(top, "diffusion-step")

    # the numbers right under their pictures, one per line so that no label or value is cut off at 1366 px
    nums = st.columns(3, gap="medium")
    distance_help = (
        f"Energy distance between {N_SAMPLES} model samples and the held-out points, in the units of x₁ and x₂ "
        f"(formula below the panels). 0 = same distribution; lower is better. Real data against real data "
        f"scores about {ref['floor']:.3f}."
    )
    with nums[0]:
        page.numbers(
            [
                frame.Number("energy distance D", pv["distance"], "", help=distance_help),
                frame.Number(
                    "held-out log-likelihood" if family == GMM else "log-likelihood (estimate)",
                    pv["loglik"],
                    "bits/point",
                    digits=2,
                    help="Average log₂ q(x) over the held-out points; higher is better. Exact for the mixture; "
                    "for the VAE an importance-sampled estimate (64 draws of z per point, slightly low on "
                    "average).",
                ),
            ],
            per_row=1,
        )
    with nums[1]:
        page.numbers(
            [
                frame.Number("energy distance D", iv["distance"], "", help=distance_help),
                frame.Number(
                    "held-out log-likelihood",
                    "not defined",
                    "",
                    help="There is no formula for q(x) here: the generator only maps noise to points.",
                ),
            ],
            per_row=1,
        )
    with nums[2]:
        page.numbers(
            [
                frame.Number(
                    f"D at step t = {t}",
                    float(dv["distance"][t]),
                    "",
                    help="Energy distance of the model's cloud at step t (green) to the held-out data, in the "
                    "units of x₁ and x₂. It falls as the noise is removed.",
                ),
                frame.Number(
                    "D after 1 step → all T",
                    f"{dv['distance'][-2]:.2f} → {dv['distance'][0]:.2f}",
                    "",
                    help=f"Energy distance after the first denoising step and after all T = {dv['T']}.",
                ),
            ],
            per_row=1,
        )

    st.space("small")
    bottoms = st.columns(3, gap="medium")
    with bottoms[0]:
        charts.show(bottom_prescribed, "prescribed-latent")
        if family == GMM:
            st.caption(
                f"{q_formula(family)}. Bars: the prior $p(z = k) = \\pi_k$, fitted by EM (expectation–maximisation). "
                "Blue ticks: the share of held-out points whose most probable z is k. Probability mass over "
                f"the plot above: {pv['mass']:.3f} (a real density sums to about 1)."
            )
        else:
            st.caption(
                f"{q_formula(family)}. Blue: each held-out x mapped by the encoder e(z|x) to its mean code. "
                "Grey: draws from the prior p(z) = N(0, I). Training (the ELBO, a lower bound on log q(x)) "
                "pulls the codes over the prior, so decoding fresh draws of z gives new data. Probability mass "
                f"over the plot above: {pv['mass']:.3f} (a real density sums to about 1)."
            )
    with bottoms[1]:
        charts.show(bottom_implicit, "implicit-training", data=ac.thin_curve(iv["curve"]))
        st.caption(
            "The only signal the generator ever gets: the energy distance between a minibatch (a fresh random "
            f"batch of {ImplicitGenerator().batch_size} points) of its samples and one of data, in standardised "
            "units. Dashed: two minibatches of real data, where a perfect generator levels off."
        )
    with bottoms[2]:
        charts.show(bottom_diffusion, "diffusion-distance",
                    data=pd.DataFrame({"t": np.arange(dv["T"] + 1), "energy_distance": dv["distance"]}))
        st.caption(
            "Sampling runs from left (t = T, pure noise) to right (t = 0, finished samples). Most of the shape "
            "appears in the last third of the steps. Dashed horizontal line: real data against real data, the "
            "best any model can do here."
        )

    st.markdown("**One yardstick for all three** (samples vs the same held-out points)")
    page.formula(
        r"D^2(q, p) = 2\,\mathbb E\|X - Y\| - \mathbb E\|X - X'\| - \mathbb E\|Y - Y'\|,"
        r"\qquad X, X' \sim q,\;\; Y, Y' \sim p",
        where=r"$X$: samples of the model $q$; $Y$: held-out points of the data distribution $p$. "
        r"$D$ is in the units of $x$ and is 0 only when the two distributions agree. It needs nothing but "
        r"samples, so it scores all three approaches on equal terms; a log-likelihood needs a density "
        r"$q(x)$, which not every model has.",
    )
    show_table(yardstick_table(key, k), present)
    st.caption(
        f"Dashed grey lines and last row: another sample of real data ({data.reference_label}) scored the "
        f"same way, D = {ref['floor']:.3f}. Even a perfect model scores about this much, not 0, because "
        f"{N_SAMPLES} samples never match {len(data.held_out)} held-out points exactly; differences of a few "
        "hundredths are within that noise. D mostly sees where the points are and how far they spread: fine "
        "detail (such as the gap between two rings) moves it only a little, so look at the pictures too. "
        "Log-likelihoods are of densities of 2-D points (bits per point), so they can be positive; compare "
        "them on the same data only."
    )

if source == CSV and upload is None:
    st.info("Upload a CSV file with two numeric columns (above, right), or pick one of the data sets.",
            icon=":material/upload_file:")
else:
    with page.guard():
        show_models(data_key())

page.notice(
    "All three panels draw from models trained on the same points. Only the prescribed model (left) can paint "
    "a density q(x) behind its samples; the implicit generator (middle) can only sample, and the diffusion "
    "model (right) turns noise into data one small step at a time.",
    "Move the step slider: at 0 steps the green cloud is pure noise and matches the data noised to t = T (blue); "
    "step by step both clouds sharpen together, and the distance to held-out data falls towards the dashed floor.",
    "The table's energy distance compares all models on equal terms; log-likelihood exists only in the rows "
    "whose model has a q(x).",
)
page.quiz(
    "A colleague asks how likely the point x = (0, 0) is. Which of the three models on this page can answer directly?",
    ["The implicit generator", "The prescribed latent-variable model", "The diffusion model, exactly"],
    answer=1,
    explain="The mixture sums over its K latent values exactly (the VAE estimates its integral over z). The "
    "implicit generator has no q(x) at all; a diffusion model only offers a bound unless it is turned into an ODE.",
)
page.deeper(
    "how each model is trained",
    r"**Prescribed latent (mixture).** EM maximises $\sum_i \log \sum_k \pi_k\,\mathcal N(x_i;\mu_k,\Sigma_k)$. "
    r"**VAE.** The integral $q_\theta(x) = \int q_\theta(x\mid z)p(z)\,dz$ has no closed form, so an encoder "
    r"$e(z\mid x)$ and the ELBO $\mathbb E_{e}[\log q_\theta(x\mid z)] - \mathrm{KL}(e(z\mid x)\,\|\,p(z)) \le "
    r"\log q_\theta(x)$ are trained instead. The log-likelihood on this page is the importance-sampled estimate "
    r"$\log \frac1S\sum_s q_\theta(x\mid z_s)p(z_s)/e(z_s\mid x)$ with $S = 64$ draws $z_s\sim e(z\mid x)$: "
    r"unbiased inside the log, slightly low after it (Jensen)."
    "\n\n"
    r"**Implicit.** The generator $g_\theta$ never sees a likelihood. It follows the gradient of the minibatch "
    r"energy distance, $\partial D^2/\partial g_i = \frac{2}{nm}\sum_j \frac{g_i - y_j}{\|g_i - y_j\|} - "
    r"\frac{2}{n^2}\sum_k \frac{g_i - g_k}{\|g_i - g_k\|}$: every generated point is pulled towards the data "
    r"and pushed away from the other generated points. A GAN replaces this fixed distance by a learnt "
    r"discriminator."
    "\n\n"
    r"**Iterative refinement.** The forward process $x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,"
    r"\varepsilon$ forgets the data by $t = T$. A network $\hat\varepsilon_\theta(x_t, t)$ (here scikit-learn's "
    r"`MLPRegressor`) learns to predict $\varepsilon$ by least squares; sampling runs "
    r"$x_{t-1} = \big(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\hat\varepsilon_\theta\big)/\sqrt{1-\beta_t} + "
    r"\sigma_t\xi$ from $t = T$ down to $0$.",
)
page.end()
