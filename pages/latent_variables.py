"""Latent variables: probabilistic PCA of handwritten digits (generate, reconstruct, semantics, complexity)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import latent
from ui import charts, frame
from ui import latent_charts as lc

MAX_K_GEN = 8
MAX_K = 63  # one direction must stay for the noise sigma^2
TRAVERSAL = (-2.0, -1.0, 0.0, 1.0, 2.0)
SHOWN_DIGITS = 8
Z_RANGE = 3.0
#: Where the z sliders start: a clear "0" (with k = 2), so the first picture is a digit, not the blurry mean.
Z_DEFAULT = {2: -2.0}
#: Images are rendered at least this wide and shown at their column's width (shrunk sharply, never blown up).
DIGIT_PX = 448


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_resource(show_spinner=False)
def digits() -> latent.DigitSplit:
    return latent.load_digit_split()


@st.cache_resource(show_spinner=False, max_entries=128)
def model(k: int, scale: bool = False) -> latent.PPCA:
    return latent.PPCA(k, scale=scale).fit(digits().X_train)


@st.cache_data(show_spinner=False, max_entries=512)
def generated(k: int, z: tuple[float, ...]) -> bytes:
    image = model(k).inverse_transform(np.array([z]))[0].reshape(latent.IMAGE_SHAPE)
    return lc.png(lc.single(image, factor=DIGIT_PX // latent.IMAGE_SHAPE[1]))


@st.cache_data(show_spinner=False, max_entries=16)
def traversal(k: int) -> bytes:
    """Row j: z_j = -2 .. +2 with every other latent at 0, what each latent dimension 'means'."""
    m = model(k)
    Z = np.zeros((k, len(TRAVERSAL), k))
    for j in range(k):
        Z[j, :, j] = TRAVERSAL
    images = m.inverse_transform(Z.reshape(-1, k)).reshape(k, len(TRAVERSAL), *latent.IMAGE_SHAPE)
    # Five columns whatever k is: the strip keeps its width, and each image its size, as rows are added.
    factor = -(-DIGIT_PX // (len(TRAVERSAL) * latent.IMAGE_SHAPE[1]))
    return lc.png(lc.mosaic(images, factor=factor, gap=4))  # row j: z_j from -2 (left) to +2 (right)


@st.cache_data(show_spinner=False)
def reconstruction_table() -> latent.ReconstructionCurve:
    s = digits()
    return latent.reconstruction_curve(s.X_train, s.X_test, np.arange(0, 41))


@st.cache_data(show_spinner=False, max_entries=64)
def reconstructions(k: int) -> bytes:
    s = digits()
    shown = s.X_test[:SHOWN_DIGITS]
    rebuilt = model(k).reconstruct(shown)
    stack = np.stack([shown, rebuilt]).reshape(2, SHOWN_DIGITS, *latent.IMAGE_SHAPE)
    return lc.png(lc.mosaic(stack, factor=16, gap=6))  # ~1,060 px wide: shown at the column's width, sharp


@st.cache_data(show_spinner=False)
def latent_space() -> dict:
    s, m = digits(), model(2)
    Z_train, Z_test = m.transform(s.X_train), m.transform(s.X_test)
    return {
        "Z_test": Z_test,
        "y_test": s.y_test,
        "agreement": latent.neighbour_label_agreement(Z_train, s.y_train, Z_test, s.y_test, 10),
    }


@st.cache_data(show_spinner=False)
def complexity() -> dict:
    """Held-out bits per pixel of PPCA for every k (raw and standardised pixels) and of the two baselines."""
    s = digits()
    ks = np.arange(1, MAX_K + 1)
    d = s.X_train.shape[1]
    rows = []
    for scale, name in ((False, "PPCA"), (True, "PPCA, pixels standardised")):
        _, test = latent.ppca_log_likelihood_curve(s.X_train, s.X_test, ks, scale=scale)
        rows.append(pd.DataFrame({"model": name, "k": ks, "parameters": [latent.ppca_n_parameters(d, k, scale)
                                                                            for k in ks],
                                  "bits": latent.bits_per_pixel(test)}))
    baselines = {kind: latent.gaussian_baseline(s.X_train, s.X_test, kind) for kind in ("diag", "full")}
    for b in baselines.values():
        rows.append(pd.DataFrame({"model": [b.name], "k": [None], "parameters": [b.n_parameters],
                                  "bits": [latent.bits_per_pixel(b.test)]}))
    return {"table": pd.concat(rows, ignore_index=True), "baselines": baselines}


@st.cache_data(show_spinner=False, max_entries=64)
def sklearn_agreement(k: int) -> float:
    """Largest difference between our PPCA log p(x) and scikit-learn's PCA.score_samples on held-out digits."""
    s = digits()
    ours = model(k).score_samples(s.X_test)
    return float(np.max(np.abs(ours - latent.sklearn_pca_score_samples(s.X_train, s.X_test, k))))


@st.cache_resource(show_spinner=False, max_entries=64)
def explained_figure(k: int, present: bool) -> dict:
    curve = reconstruction_table()
    return charts.spec(lc.explained_chart(curve.ks, curve.explained_test, k))


@st.cache_resource(show_spinner=False, max_entries=64)
def complexity_figure(k: int, present: bool) -> dict:
    return charts.spec(lc.complexity_chart(complexity()["table"], k, float(np.log2(latent.LEVELS))))


@st.cache_resource(show_spinner=False, max_entries=64)
def scatter_figure(shown: tuple[int, ...], present: bool) -> dict:
    res = latent_space()
    keep = np.isin(res["y_test"], shown)
    reach = float(np.ceil(np.abs(res["Z_test"]).max() * 2) / 2)  # all digits: filtering does not rescale
    # Square: 600 px fits beside the controls on a 1366 px laptop; presenter mode gives the column more room.
    return charts.spec(lc.latent_scatter(res["Z_test"][keep], res["y_test"][keep], size=680 if present else 600,
                                         reach=reach))


# ----------------------------------------------------------------------------------------------- sampling buttons


def draw_z(k: int) -> None:
    """Button callback: z ~ N(0, I), written into the z sliders (rounded to their step)."""
    st.session_state["lv_draws"] = st.session_state.get("lv_draws", 0) + 1
    z = np.random.default_rng(st.session_state["lv_draws"]).standard_normal(k)
    for j, v in enumerate(np.clip(np.round(z, 1), -Z_RANGE, Z_RANGE)):
        st.session_state[f"lv_z{j + 1}"] = float(v)


def reset_z(k: int) -> None:
    for j in range(k):
        st.session_state[f"lv_z{j + 1}"] = 0.0


# ----------------------------------------------------------------------------------------------- page

page = frame.start("latent_variables")
page.formula(
    r"z \sim \mathcal{N}(0, I_k), \qquad x = \mu + W z + \varepsilon,\quad \varepsilon \sim \mathcal{N}(0, \sigma^2 I)",
    r"\Longrightarrow\qquad p(x) = \int p(x \mid z)\,p(z)\,dz = \mathcal{N}\!\big(x \mid \mu,\; W W^\top +"
    r" \sigma^2 I\big)",
    where=r"$x$: a digit, 64 pixels; $z$: $k$ hidden numbers; $W$ ($64 \times k$): what each $z_j$ adds to the "
    r"image; $\mu$: the mean digit. This is probabilistic PCA, fitted to 1,347 digits without their labels.",
)

fig, ctrl = page.columns((3, 2))
with ctrl:
    k = st.slider("Latent dimensions k", 1, MAX_K_GEN, 2, key="lv_k", bind="query-params")
    z = tuple(
        float(st.slider(f"z{j + 1}", -Z_RANGE, Z_RANGE, Z_DEFAULT.get(j + 1, 0.0), 0.1, key=f"lv_z{j + 1}",
                        bind="query-params"))
        for j in range(k)
    )
    left, right = st.columns(2)
    left.button("Sample z ~ N(0, I)", key="lv_sample", on_click=draw_z, args=(k,), icon=":material/casino:",
                width="stretch")
    right.button("z = 0", key="lv_reset", on_click=reset_z, args=(k,), icon=":material/restart_alt:",
                 width="stretch", help="The mean digit μ.")
with fig, page.guard():
    one, many = st.columns(2, gap="medium")
    with one:
        st.image(generated(k, z), width="stretch", output_format="PNG",
                 caption=f"x = μ + W z with z = ({', '.join(f'{v:.1f}'.replace('-', '−') for v in z)})")
    with many:
        st.image(traversal(k), width="stretch", output_format="PNG",
                 caption=f"Row j: only z_j moves, {lc.traversal_labels(TRAVERSAL)} from left to right; every "
                 "other z is 0. What one latent number changes.")

page.numbers([
    frame.Number("Latent z", k, "numbers", help="What the model must store to describe a digit."),
    frame.Number("Image x", 64, "pixels"),
    frame.Number("Model parameters", model(k).n_parameters, "",
                 help="μ (64) + W (64·k, minus k(k−1)/2 rotations) + σ² (1)."),
    frame.Number("Noise σ", float(np.sqrt(model(k).noise_variance_)), "per pixel", digits=3,
                 help="What k latent dimensions leave unexplained, on a 0..1 pixel scale."),
])

tab_rec, tab_space, tab_lik = st.tabs(
    ["Reconstruct held-out digits", "Semantics: the 2-D latent space", "Reduce complexity: bits vs parameters"],
    key="lv_tab", bind="query-params",
)

if tab_rec.open:
    with tab_rec:
        fig2, ctrl2 = page.columns()
        with ctrl2:
            k_rec = st.slider("Latent dimensions k", 1, 40, 8, key="lv_krec", bind="query-params",
                              help="Each held-out digit is squeezed to k numbers z and rebuilt as μ + W z.")
        with page.guard():
            curve = reconstruction_table()
            with fig2:
                st.image(reconstructions(k_rec), width="stretch", output_format="PNG",
                         caption=f"Top: held-out digits (never used to fit). Bottom: rebuilt from k = {k_rec} "
                         "numbers.")
                data = pd.DataFrame({"k": curve.ks, "held_out_variance_rebuilt": curve.explained_test,
                                     "mse_per_pixel": curve.mse})
                charts.show(explained_figure(k_rec, page.present), "latent-reconstruction", data=data)
            page.numbers([
                frame.Number("Variance rebuilt", 100 * float(curve.explained_test[k_rec]), "%", digits=1,
                             help="1 − (squared error with k) / (squared error of the mean digit), held-out."),
                frame.Number("Error per pixel", float(np.sqrt(curve.mse[k_rec])), "RMS", digits=3,
                             help="Root mean squared pixel error on the 0..1 scale."),
                frame.Number("Numbers per digit", f"64 → {k_rec}", "", help="Pixels in, latent numbers kept."),
            ])

if tab_space.open:
    with tab_space:
        fig3, ctrl3 = page.columns()
        with ctrl3:
            shown = st.multiselect("Digits to show", list(range(10)), default=list(range(10)), key="lv_digits",
                                   bind="query-params")
            st.caption("Each held-out digit is drawn as its label at its code E[z | x] of a k = 2 model. The labels "
                       "only colour the plot: the model never saw them.")
        with page.guard():
            if not shown:
                raise ValueError("Pick at least one digit to show.")
            res = latent_space()
            keep = np.isin(res["y_test"], shown)
            data = pd.DataFrame({"z1": res["Z_test"][keep, 0], "z2": res["Z_test"][keep, 1],
                                 "digit": res["y_test"][keep]})
            with fig3:
                charts.show(scatter_figure(tuple(sorted(shown)), page.present), "latent-space", data=data,
                            stretch=False)
            page.numbers([
                frame.Number("Neighbours agree", 100 * res["agreement"], "%", digits=1,
                             help="Held-out digits whose 10 nearest training digits in z-space mostly share their "
                             "label."),
                frame.Number("Chance", 10.0, "%", digits=0, help="Guessing among ten balanced digits."),
            ])

if tab_lik.open:
    with tab_lik:
        fig4, ctrl4 = page.columns()
        with ctrl4:
            k_ll = st.slider("Latent dimensions k", 1, MAX_K, 10, key="lv_kll", bind="query-params")
            st.caption("Held-out log p(x) turned into bits per pixel: the cost of sending each grey level (0..16) "
                       "with a code built from the model. Lower is better. Each point of a PPCA curve is one k, from "
                       "k = 1 (left) to 63 (right); the big dots mark the chosen k.")
        with page.guard():
            res = complexity()
            table = res["table"]
            with fig4:
                charts.show(complexity_figure(k_ll, page.present), "latent-bits-vs-parameters", data=table)
            at_k = table[(table["k"] == k_ll)].set_index("model")
            diag, full = res["baselines"]["diag"], res["baselines"]["full"]
            page.numbers([
                frame.Number(f"PPCA standardised, k = {k_ll}", float(at_k.loc["PPCA, pixels standardised", "bits"]),
                             "bits/pixel", help=f"{int(at_k.loc['PPCA, pixels standardised', 'parameters']):,} "
                             "parameters."),
                frame.Number("Independent pixels", latent.bits_per_pixel(diag.test), "bits/pixel",
                             help=f"{diag.n_parameters} parameters: a mean and a variance per pixel, no z."),
                frame.Number("Full-covariance Gaussian", latent.bits_per_pixel(full.test), "bits/pixel",
                             help=f"{full.n_parameters:,} parameters: every pair of pixels, no z."),
                frame.Number("PPCA vs sklearn", sklearn_agreement(k_ll), "nats", digits=2,
                             help="Largest |our log p(x) − PCA.score_samples| over held-out digits, plain PPCA: "
                             "the closed form and scikit-learn agree."),
            ])

page.notice(
    "Generation: a handful of numbers z and one matrix W draw a digit; each row of the strip shows what one "
    "latent number changes (thickness, slant, a loop opening).",
    "Semantics: the k = 2 codes were found without labels, yet digits of one kind land together.",
    "Complexity: with a latent z a Gaussian needs 64·k instead of 2,080 covariance numbers; standardised PPCA with "
    "k = 1 already beats independent pixels, and a few dozen latents come close to the full Gaussian.",
)
page.quiz(
    "PPCA with k = 10 latent dimensions is fitted to 64-pixel digits. Which statement is true?",
    [
        "Each digit needs 64 numbers to be stored, as before",
        "The covariance W Wᵀ + σ² I has 2,080 free numbers, like a full Gaussian",
        "It has about a third of a full Gaussian's parameters, and its density p(x) is still exact",
        "Its density p(x) can only be estimated by sampling z",
    ],
    answer=2,
    explain="W has 640 numbers (minus 45 rotations) plus μ and σ²: 660 against 2,144. Because everything is linear "
    "and Gaussian, integrating z out is exact; for nonlinear decoders it is not (the next page).",
)
page.deeper(
    "why PPCA's maximum-likelihood solution is PCA",
    r"""
Integrating $z$ out: $x = \mu + W z + \varepsilon$ is a sum of Gaussians, so $x \sim \mathcal{N}(\mu, C)$ with
$C = W W^\top + \sigma^2 I$. Its log-likelihood for $n$ digits with sample covariance $S$ is
$$\ell = -\tfrac{n}{2}\big[d \log 2\pi + \log\det C + \operatorname{tr}(C^{-1} S)\big].$$
Tipping & Bishop (1999) show the maximum is at
$$W = U_k (\Lambda_k - \sigma^2 I)^{1/2} R, \qquad \sigma^2 = \frac{1}{d-k}\sum_{j > k} \lambda_j,$$
where $U_k, \Lambda_k$ are the top $k$ eigenvectors and eigenvalues of $S$ (ordinary PCA), $R$ any rotation
(why $k(k-1)/2$ parameters are not free) and $\sigma^2$ the average variance PCA leaves out.

**Bits per pixel.** Pixels are integers $0..16$; each is dequantised to $(v + u)/17$ with $u \sim U[0,1)$. Then
$-\log_2 p(x)/64 + \log_2 17$ is an (upper bound on the) code length per pixel of the integer image; a model that
knows nothing scores $\log_2 17 = 4.09$.

**Why standardise.** Plain PPCA gives every pixel the same noise $\sigma^2$, but the border pixels of these
digits are almost always blank: their true spread is tiny. Dividing each pixel by its spread first
(a fixed rescaling, whose log-Jacobian $-\sum_j \log s_j$ is added back) gives PPCA a fair noise model; plain
PPCA needs about 22 latents before it beats independent pixels.
""",
)
page.end()
