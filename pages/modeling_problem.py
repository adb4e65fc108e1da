"""The generative modeling problem: learn p(x) for real 64-dimensional data, and see why it is hard."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import highdim
from ui import charts, frame
from ui import density_charts as dc

MODEL_NAMES = {
    "independent": "Independent pixels",
    "gaussian": "One full Gaussian",
    "mixture": "Gaussian mixture",
}
N_SHOWN = 12  # images per model
TABS = ["Three models of p(x)", "Complex dependencies", "Cannot model directly"]
DIMS = list(range(1, 11))
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_resource(show_spinner=False)
def digits() -> highdim.DigitsSplit:
    return highdim.load_digit_split(test_fraction=0.3, seed=0)


@st.cache_resource(show_spinner=False, max_entries=32)
def model(kind: str, k: int):
    return highdim.fit_digits_model(digits().X_train, kind, k=k, seed=0)


@st.cache_data(show_spinner=False, max_entries=64)
def scores(kind: str, k: int) -> tuple[float, float]:
    """(training, held-out) bits per dimension."""
    m, s = model(kind, k), digits()
    return highdim.bits_per_dim(m, s.X_train), highdim.bits_per_dim(m, s.X_test)


@st.cache_data(show_spinner=False, max_entries=128)
def sample_tiles(kind: str, k: int, seed: int) -> np.ndarray:
    return dc.digit_tiles(highdim.sample_images(model(kind, k), N_SHOWN, seed), ncols=3)


@st.cache_data(show_spinner=False, max_entries=64)
def real_tiles(seed: int) -> np.ndarray:
    s = digits()
    pick = np.random.default_rng(seed).choice(len(s.raw_test), N_SHOWN, replace=False)
    return dc.digit_tiles(s.raw_test[pick].reshape(-1, 8, 8), ncols=3)


@st.cache_resource(show_spinner=False)
def correlation() -> highdim.PixelCorrelation:
    return highdim.pixel_correlation(digits().raw_train)


@st.cache_data(show_spinner=False, max_entries=32)
def benchmark(n: int, bins: int) -> highdim.DimensionBenchmark:
    return highdim.curse_of_dimensionality(DIMS, n=n, bins=bins, n_eval=2000, seed=0)


# Charts are cached as objects (shared, never mutated): building an Altair chart costs more than the maths.
@st.cache_resource(show_spinner=False, max_entries=64)
def bits_chart(k: int) -> tuple:
    rows = []
    for kind, name in MODEL_NAMES.items():
        train, test = scores(kind, k)
        label = f"{name} (k = {k})" if kind == "mixture" else name
        rows += [{"model": label, "set": "held-out", "bits": test}, {"model": label, "set": "training", "bits": train}]
    df = pd.DataFrame(rows)
    return dc.bits_per_dim_bars(df, highdim.UNIFORM_BITS_PER_DIM), df


@st.cache_data(show_spinner=False, max_entries=64)
def correlation_pictures(pixel: int) -> tuple[np.ndarray, np.ndarray]:
    """Images, not charts: two pictures of pixels redraw in a millisecond."""
    c = correlation()
    return dc.correlation_image(c.matrix, pixel), dc.pixel_map_image(c.matrix[pixel], pixel)


@st.cache_resource(show_spinner=False, max_entries=64)
def curse_charts(n: int, bins: int) -> tuple:
    b = benchmark(n, bins)
    table = pd.DataFrame(
        {
            "d": b.dims,
            "cells": b.cells,
            "histogram_tv": b.histogram_tv,
            "kde_tv": b.kde_tv,
            "empty_fraction": b.empty_fraction,
        }
    )
    return (
        dc.cells_chart(np.arange(1, 65), bins, n),
        dc.curse_error_chart(b.dims, b.histogram_tv, b.kde_tv, b.empty_fraction),
        table,
    )


# ----------------------------------------------------------------------------------------------- page

page = frame.start("modeling_problem")
page.formula(
    r"\mathcal D = \{x_1, \dots, x_n\},\;\; x_i \in \mathbb R^{64} \qquad\Longrightarrow\qquad "
    r"\text{learn } q(x) \approx p(x) = p(x_1, x_2, \dots, x_{64})",
    r"q_{\text{ind}}(x) = \prod_{j=1}^{64} \mathcal N(x_j;\, \mu_j, \sigma_j^2) \qquad "
    r"q_{\text{Gauss}}(x) = \mathcal N(x;\, \mu, \Sigma) \qquad "
    r"q_{\text{mix}}(x) = \sum_{z=1}^{k} \pi_z\, \mathcal N(x;\, \mu_z, \Sigma_z)",
    r"\text{bits/dim} \;=\; -\frac{1}{n\,d} \sum_{i=1}^{n} \log_2 q(x_i)",
    where=r"$x$: one 8×8 image, $d = 64$ pixel intensities (0 to 16, dequantised by adding uniform noise in [0, 1)); "
    r"$p$: the unknown distribution of handwritten digits; $q$: a model; $\Sigma$: the 64×64 covariance (2,080 "
    r"numbers); $z$: which of $k$ components. Lower bits/dim is better; $\log_2 17 = 4.09$ is knowing nothing.",
)

st.markdown(
    f"**The data:** {len(digits().X_train) + len(digits().X_test):,} handwritten digits that ship with "
    "scikit-learn. Each 8×8 image is one point x in 64 dimensions; a phone photo has millions. Learn p(x) from "
    f"{len(digits().X_train):,} of them and score the other {len(digits().X_test):,}."
)

tab_models, tab_deps, tab_curse = st.tabs(TABS, key="mp_tab", bind="query-params")

if tab_models.open:
    with tab_models:
        fig, ctrl = page.columns()
        with ctrl:
            k = st.slider(
                "Mixture components k",
                1,
                20,
                8,
                key="mp_k",
                bind="query-params",
                help="Each component is a full 64-dimensional Gaussian: a discrete latent z, 'which kind of digit'.",
            )
            seed = page.seed_control(key="mp_seed")
            st.caption("The seed picks which images are drawn from each model (and which real digits are shown).")
        with page.guard(), fig:
            columns = st.columns(4)
            # Short one-line headings, so the four pictures stay level on a laptop screen too
            with columns[0]:
                st.markdown("**Real digits**")
                st.image(real_tiles(seed), width="stretch", output_format="PNG")
                st.caption("held out: never used for fitting")
            for col, (kind, name) in zip(columns[1:], MODEL_NAMES.items(), strict=True):
                train, test = scores(kind, k)
                with col:
                    st.markdown(f"**Mixture, k = {k}**" if kind == "mixture" else f"**{name}**")
                    st.image(sample_tiles(kind, k, seed), width="stretch", output_format="PNG")
                    st.caption(f"held-out: **{test:.2f} bits/dim**")
            chart, table = bits_chart(k)
            charts.show(chart, "digits-bits-per-dim", data=table)
        with page.guard():
            page.numbers(
                [
                    frame.Number(
                        "Independent pixels",
                        scores("independent", k)[1],
                        "bits/dim",
                        help="Held-out. 64 separate Gaussians: every pixel's own mean and spread, no dependencies.",
                    ),
                    frame.Number(
                        "Full Gaussian",
                        scores("gaussian", k)[1],
                        "bits/dim",
                        help="Held-out. One Gaussian with all 2,016 pairwise covariances.",
                    ),
                    frame.Number(
                        f"Mixture, k = {k}",
                        scores("mixture", k)[1],
                        "bits/dim",
                        help="Held-out. k full Gaussians; too many components memorise the training digits.",
                    ),
                    frame.Number(
                        "Uniform (knows nothing)",
                        highdim.UNIFORM_BITS_PER_DIM,
                        "bits/dim",
                        help="log₂ 17: every intensity 0..16 equally likely, every pixel on its own.",
                    ),
                ]
            )
            train, test = scores("mixture", k)
            if test > scores("gaussian", k)[1]:
                st.warning(
                    f"With k = {k} the mixture fits its training digits at {train:.2f} bits/dim but scores "
                    f"{test:.2f} on held-out ones, worse than a single Gaussian: too many parameters for "
                    f"{len(digits().X_train):,} images, so it memorises. Lower k.",
                    icon=":material/warning:",
                )

if tab_deps.open:
    with tab_deps:
        fig, ctrl = page.columns()
        with ctrl:
            row = st.slider("Pixel row", 0, 7, 0, key="mp_row", bind="query-params")
            col = st.slider("Pixel column", 0, 7, 2, key="mp_col", bind="query-params")
        with page.guard():
            pixel = 8 * row + col
            c = correlation()
            with fig:
                matrix_img, map_img = correlation_pictures(pixel)
                left, right = st.columns(2)
                with left:
                    st.markdown(f"**Pixel ({row}, {col}) vs every pixel**, laid out as the image")
                    st.image(map_img, width=charts.height(320), output_format="PNG")
                with right:
                    st.markdown("**All 64 × 64 pixel pairs** (pixel i down, pixel j across)")
                    st.image(matrix_img, width=charts.height(320), output_format="PNG")
                with st.container(width=charts.height(320), gap=None):
                    st.image(dc.colour_bar(), width="stretch", output_format="PNG")
                    ends = st.columns(3, gap=None)
                    ends[0].caption("−1: opposite")
                    ends[1].caption("0", text_alignment="center")
                    ends[2].caption("+1: together", text_alignment="right")
                st.caption(
                    "Colour = correlation: blue −1 (one is ink when the other is blank), white 0 (unrelated), "
                    "vermillion +1 (ink together). Grey: a pixel that never varies. Black frame: the chosen pixel "
                    "(its row in the matrix)."
                )
            if c.constant[pixel]:
                st.info(
                    f"Pixel ({row}, {col}) is 0 in every training digit: it never varies, so its correlation with "
                    "anything is undefined (grey). Pick a pixel nearer the centre.",
                    icon=":material/info:",
                )
            else:
                others = np.where(np.arange(64) == pixel, np.nan, c.matrix[pixel])
                best = int(np.nanargmax(np.abs(others)))
                upper = c.matrix[np.triu_indices(64, 1)]
                page.numbers(
                    [
                        frame.Number(
                            "Strongest partner",
                            f"({best // 8}, {best % 8})",
                            help="The pixel whose intensity moves most with the chosen one.",
                        ),
                        frame.Number("Its correlation", float(others[best]), "", digits=2),
                        frame.Number(
                            "Pairs with |r| > 0.5",
                            int(np.sum(np.abs(upper[np.isfinite(upper)]) > 0.5)),
                            "",
                            help="Out of 2,016 pixel pairs: dependencies the independent-pixels model throws away.",
                        ),
                        frame.Number(
                            "Constant pixels",
                            int(c.constant.sum()),
                            "",
                            help="Always 0 in the training digits (grey in the matrix).",
                        ),
                    ]
                )

if tab_curse.open:
    with tab_curse:
        fig, ctrl = page.columns()
        with ctrl:
            n = st.select_slider(
                "Data points n", [100, 250, 500, 1000, 2000], value=500, key="mp_n", bind="query-params"
            )
            bins = st.slider("Bins per axis", 2, 20, 10, key="mp_bins", bind="query-params")
            st.caption(
                "Truth: a standard Gaussian in d dimensions, known exactly. Both estimates see the same n points."
            )
        with page.guard():
            cells, errors, table = curse_charts(n, bins)
            with fig:
                left, right = st.columns(2)
                with left:
                    charts.show(cells, "curse-cells")
                with right:
                    charts.show(errors, "curse-error", data=table)
                st.caption(
                    f"Left: a histogram with {bins} bins per axis has {bins}^d cells (log scale); once they outnumber "
                    f"the {n:,} data points most cells must stay empty. Right: how far each estimate is from the "
                    "true Gaussian, as total variation (TV): the share of probability put in the wrong place, 0 = "
                    "perfect, 1 = all wrong. Dashed grey: the share of fresh points that land in an empty cell."
                )
            b = benchmark(n, bins)
            page.numbers(
                [
                    frame.Number(
                        "Cells for 64 pixels",
                        ("" if bins == 10 else "≈ ") + "10" + str(round(64 * np.log10(bins))).translate(SUPERSCRIPT),
                        help=f"{bins}⁶⁴ histogram cells for an 8×8 image; the universe has about 10⁸⁰ atoms.",
                    ),
                    frame.Number("Histogram error, d = 1", float(b.histogram_tv[0]), "", digits=2),
                    frame.Number(
                        f"Histogram error, d = {DIMS[-1]}",
                        float(b.histogram_tv[-1]),
                        "",
                        digits=2,
                        help="Total variation distance to the truth: 1 = every bit of probability in the wrong place.",
                    ),
                    frame.Number(
                        f"Kernel density error, d = {DIMS[-1]}",
                        float(b.kde_tv[-1]),
                        "",
                        digits=2,
                        help="Smoothing helps, but the error still climbs with d.",
                    ),
                ]
            )

page.notice(
    "Samples from the independent-pixels model look like noise: each pixel is right on its own, but a digit is "
    "made of pixels that move together. The full Gaussian keeps every pairwise dependency and its samples start to "
    "look like strokes; the mixture adds “which kind of digit” and does better still, in pictures and in bits/dim.",
    "The correlation map shows those dependencies: pixels far apart (top and bottom of the same stroke) move "
    "together, others exclude each other.",
    "Why not just count? A histogram needs bins^d cells: with 64 pixels that is astronomically more than any "
    "dataset, so almost every cell is empty and the estimate is all wrong. p(x) cannot be modelled directly.",
)
st.info(
    "**Next: the way out is hidden structure.** The mixture is already a latent-variable model: a hidden z "
    "(“which component”) explains much of an image at once. The next slides replace that one discrete z by a few "
    "continuous causes (pose, style, thickness) from which the 64 pixels follow.",
    icon=":material/arrow_forward:",
)
page.quiz(
    "The independent-pixels model gets every single pixel's distribution right. Why do its samples not look like "
    "digits?",
    [
        "It has too few parameters to store 64 means",
        "It ignores how pixels depend on each other, so strokes never line up",
        "Gaussian samples are always noisy",
    ],
    answer=1,
    explain="A product of marginals draws each pixel on its own. Digits live in the dependencies: if this pixel is "
    "ink, its neighbours along the stroke are ink too. The full Gaussian, with the same marginals, captures some of "
    "them.",
)
page.deeper(
    "bits per dimension, parameter counts and the curse of dimensionality",
    r"""
**Bits per dimension.** Pixel values are integers, so a density on them would be infinite at the integers. Adding
uniform noise $u \sim U[0,1)^{64}$ (*dequantisation*) gives continuous data; since the bins have width 1,
$-\log_2 q(x+u)$ is an upper bound on the bits a code based on $q$ needs for the integer image (Theis, van den Oord &
Bethge 2016). Dividing by $d = 64$ gives bits per pixel, comparable across image sizes; a uniform guess costs
$\log_2 17 = 4.09$.

**Counting parameters.** Independent pixels: $2d = 128$ numbers. One full Gaussian: $d + d(d+1)/2 = 2{,}144$. A mixture
of $k$ of them: about $2{,}145\,k$, so $k = 20$ has 43,000 numbers for 1,258 training images: it memorises, and
held-out bits/dim rise while training bits/dim keep falling. For a million-pixel photo a full covariance would have
$5 \times 10^{11}$ entries.

**The curse of dimensionality.** A histogram with $b$ bins per axis has $b^d$ cells. With $n$ points at most $n$ cells
are occupied, so once $b^d \gg n$ a fresh point almost surely lands in an empty cell, where the histogram says
"impossible". Its error, the total variation distance
$\mathrm{TV}(p, q) = \int (p - q)_+\,dx = \mathbb E_{x\sim p}[(1 - q(x)/p(x))_+]$, climbs to 1. A kernel estimate
smooths between points, but its error still grows with $d$: in $d$ dimensions the best rate is
$n^{-4/(d+4)}$, so each extra dimension needs many times more data.

**The bias of the Gaussian family.** A product of per-pixel *histograms* (17 levels each) beats every Gaussian here
(about 2.4 bits/dim), because pixel intensities pile up at 0 and 16, far from bell-shaped. The comparison on this
page holds the family fixed (Gaussian) and changes only the dependencies, so it isolates their value.
""",
)
page.end()
