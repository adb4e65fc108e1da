"""What does it mean to "learn data"? Fit a density to samples, ask how likely a point is, sample new data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core import datasets, density
from core.sample_quality import density_grid
from ui import charts, frame
from ui import density_charts as dc

PRESETS = {
    "Two bumps (1-D)": "bimodal",
    "Skewed (1-D)": "skewed",
    "Narrow spike on a wide bump (1-D)": "peaked",
    "Three blobs (2-D)": "mixture",
    "Two rings (2-D)": "rings",
    "Banana (2-D)": "banana",
}
PASTE, CSV = "Your numbers (paste)", "Your CSV file (2 columns)"
SOURCES = (*PRESETS, PASTE, CSV)
METHODS = {"Histogram": "histogram", "Kernel density": "kde", "Gaussian mixture": "gmm"}
KNOB = {"histogram": "number of bins", "kde": "bandwidth h", "gmm": "components k"}
N_TEST = 1000  # fresh held-out draws from the truth for the presets
GRID_1D, GRID_2D = 400, 120
EXAMPLE_1D = ", ".join(f"{v:.2f}" for v in density.true_distribution("skewed").sample(60, seed=3).ravel())
EXAMPLE_2D = "\n".join(f"{a:.2f} {b:.2f}" for a, b in density.true_distribution("mixture").sample(60, seed=3))


@dataclass(frozen=True)
class LearnData:
    """Training and held-out points, where to draw them, and the truth's name (None for the user's data)."""

    X_train: np.ndarray
    X_test: np.ndarray
    extent: tuple[float, ...]
    bounds: tuple[float, ...]  # the histogram's range
    truth: str | None
    note: str = ""

    @property
    def dims(self) -> int:
        return self.X_train.shape[1]


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_resource(show_spinner=False, max_entries=64)  # LearnData lives in this script: not picklable
def preset_data(name: str, n: int, seed: int) -> LearnData:
    p = density.true_distribution(name)
    return LearnData(p.sample(n, seed), p.sample(N_TEST, seed + 100_000), p.extent, p.support, name)


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only: never mutate the arrays
def user_data(kind: str, payload: str | bytes, dims: int, seed: int) -> LearnData:
    """The user's pasted numbers or CSV, standardised and split 70 / 30 (ValueError with a clear message)."""
    note = ""
    if kind == "paste":
        X = datasets.parse_numbers(payload, dims=dims)
    else:
        table = datasets.read_points_csv(payload, labelled=False, seed=seed)
        X, note = table.X[:, :dims], table.note
    if np.all(X == X[0]):
        raise ValueError("All your values are the same: a density needs some spread. Add different values.")
    X = density.standardise(X)
    X_train, X_test = density.split_train_test(X, 0.3, seed)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.15 * (hi - lo) + 0.3
    box = tuple(float(v) for pair in zip(lo - pad, hi + pad, strict=True) for v in pair)
    return LearnData(X_train, X_test, box, box, None, note)


def load(key: tuple) -> LearnData:
    return preset_data(*key[1:]) if key[0] == "preset" else user_data(*key)


@st.cache_resource(show_spinner=False, max_entries=128)
def fitted(key: tuple, method: str, value: float, alpha: float):
    data = load(key)
    return density.fit_density(data.X_train, method, value, bounds=data.bounds, alpha=alpha)


@st.cache_data(show_spinner=False, max_entries=128)
def model_picture(key: tuple, method: str, value: float, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """(xs, q(xs)) in 1-D; (empty, q on a GRID_2D x GRID_2D grid) in 2-D."""
    data, q = load(key), fitted(key, method, value, alpha)
    if data.dims == 1:
        return density.density_curve(q, *data.extent, num=GRID_1D)
    return np.empty(0), density_grid(q.score_samples, data.extent, GRID_2D, GRID_2D)


@st.cache_data(show_spinner=False, max_entries=16)
def truth_picture(name: str) -> tuple[np.ndarray, np.ndarray, float, float]:
    """The truth drawn like the model, plus its differential entropy h(p) in bits and its standard error."""
    p = density.true_distribution(name)
    if p.dims == 1:
        xs, values = density.density_curve(p, *p.extent, num=GRID_1D)
    else:
        xs, values = np.empty(0), density_grid(p.score_samples, p.extent, GRID_2D, GRID_2D)
    h, se = density.differential_entropy_mc(p, n=200_000, seed=0)
    return xs, values, h, se


@st.cache_data(show_spinner=False, max_entries=64)
def truth_held_out(key: tuple) -> float:
    data = load(key)
    return density.average_log_likelihood(density.true_distribution(data.truth), data.X_test)


@st.cache_data(show_spinner=False, max_entries=64)
def curve(key: tuple, method: str, alpha: float) -> density.LikelihoodCurve:
    data = load(key)
    values = density.default_values(method)
    if method == "gmm":
        values = values[values <= len(data.X_train)]
    return density.likelihood_curve(data.X_train, data.X_test, method, values, bounds=data.bounds, alpha=alpha)


@st.cache_data(show_spinner=False, max_entries=64)
def new_samples(key: tuple, method: str, value: float, alpha: float, n: int, seed: int) -> np.ndarray:
    return density.sample_density(fitted(key, method, value, alpha), n, seed)


# Charts are cached as objects (shared, never mutated): building an Altair chart costs more than the maths.
@st.cache_resource(show_spinner=False, max_entries=256)
def density_chart(
    key: tuple, method: str, value: float, alpha: float, n_new: int, seed: int, probe: tuple, name: str
) -> tuple:
    data = load(key)
    xs, q_values = model_picture(key, method, value, alpha)
    p_values = truth_picture(data.truth)[1] if data.truth else None
    samples = new_samples(key, method, value, alpha, n_new, seed) if n_new > 0 else None
    if data.dims == 1:
        chart = dc.density_1d(xs, q_values, p_values, data.X_train, samples, probe=probe[0], q_name=name)
        export = pd.DataFrame({"x": xs, "q": q_values, **({"p": p_values} if p_values is not None else {})})
    else:
        chart = dc.density_2d(q_values, data.extent, p_values, data.X_train, samples, probe, q_name=name)
        export = pd.DataFrame(data.X_train, columns=["x1", "x2"])
    return chart, export


@st.cache_resource(show_spinner=False, max_entries=256)
def curve_chart(key: tuple, method: str, alpha: float, value: float) -> tuple:
    lc = curve(key, method, alpha)
    ceiling = truth_held_out(key) if load(key).truth else None
    chart = dc.likelihood_curve(lc.values, lc.train, lc.test, ceiling, value, KNOB[method], log_x=method != "gmm")
    export = pd.DataFrame({KNOB[method]: lc.values, "train_bits": lc.train, "held_out_bits": lc.test})
    return chart, export


# ----------------------------------------------------------------------------------------------- page

page = frame.start("learn_data")
page.formula(
    r"\mathcal D = \{x_1, \dots, x_n\} \sim p(x) \qquad\Longrightarrow\qquad "
    r"\hat q = \arg\max_{q}\; \frac1n \sum_{i=1}^{n} \log q(x_i)",
    r"\mathbb E_{x\sim p}\big[\log_2 q(x)\big] \;=\; -h(p) \;-\; \mathrm{KL}(p\,\|\,q) \;\le\; -h(p)",
    where=r"$p$: the hidden true distribution the data come from; $q$: the model (histogram, kernel density or "
    r"Gaussian mixture) fitted by maximum likelihood; $-\log_2 q(x)$: how surprised the model is by $x$, in bits; "
    r"$h(p) = -\mathbb E_p[\log_2 p(x)]$: the differential entropy of $p$ (bits).",
)

fig, ctrl = page.columns()
with ctrl:
    source = st.selectbox(
        "Data",
        SOURCES,
        index=0,
        key="ld_data",
        bind="query-params",
        help="A hidden distribution the app knows (so it can show the truth), or your own numbers.",
    )
    n, dims, text, upload = 200, 1, "", None
    if source in PRESETS:
        n = st.slider("Data points n", 20, 2000, 200, 10, key="ld_n", bind="query-params")
        dims = density.true_distribution(PRESETS[source]).dims
    else:
        dims = (
            1
            if st.radio("Dimensions", ["1-D", "2-D"], horizontal=True, key="ld_dims", bind="query-params") == "1-D"
            else 2
        )
        if source == PASTE:
            text = st.text_area(
                "Your numbers",
                EXAMPLE_1D if dims == 1 else EXAMPLE_2D,
                height=120,
                max_chars=20_000,
                key="ld_text",
                bind="query-params",
                help="1-D: numbers separated by commas, spaces or new lines. 2-D: one point per line, two numbers "
                "(x1 x2). At least 10 points. They are standardised (mean 0, sd 1) and 30 % are held out.",
            )
        else:
            upload = st.file_uploader(
                "CSV file",
                type=["csv", "txt"],
                key="ld_csv",
                help="Two numeric columns (a header row is fine); 1-D uses the first "
                "column. For a single column of numbers, paste them instead.",
            )
    seed = page.seed_control(key="ld_seed")
    method = METHODS[st.radio("Model q(x)", list(METHODS), index=1, key="ld_method", bind="query-params")]
    alpha = 0.0
    if method == "histogram":
        value = st.select_slider(
            "Bins per axis",
            density.default_values("histogram").tolist(),
            value=20,
            key="ld_bins",
            bind="query-params",
        )
        alpha = st.select_slider(
            "Pseudo-count α per bin",
            [0.0, 0.01, 0.1, 1.0],
            value=0.1,
            key="ld_alpha",
            bind="query-params",
            help="0 = pure maximum likelihood: an empty bin gets probability 0. α > 0 adds "
            "α imaginary points to every bin so no point in range is 'impossible'.",
        )
    elif method == "kde":
        value = st.select_slider(
            "Bandwidth h",
            density.default_values("kde").tolist(),
            value=0.3,
            key="ld_bw",
            bind="query-params",
            help="Width of the Gaussian bump put on each point.",
        )
    else:
        value = st.slider("Components k", 1, 15, 4, key="ld_k", bind="query-params")
    n_new = st.slider("Once learned → sample: new points", 0, 1000, 200, 50, key="ld_new", bind="query-params")

    probe_cols = st.columns(dims)
    x2 = 0.0
    with probe_cols[0]:
        x1 = st.number_input(
            "Probe x" if dims == 1 else "Probe x₁",
            value=0.5,
            step=0.1,
            format="%.2f",
            key="ld_x",
            bind="query-params",
            help="How likely is this point? Its density and surprise appear under the figure.",
        )
    if dims == 2:
        with probe_cols[1]:
            x2 = st.number_input("Probe x₂", value=0.0, step=0.1, format="%.2f", key="ld_x2", bind="query-params")


def data_key() -> tuple:
    if source in PRESETS:
        return ("preset", PRESETS[source], n, seed)
    if source == PASTE:
        return ("paste", text, dims, seed)
    if upload is None:
        raise ValueError("Upload a CSV file with two numeric columns, or pick another data source.")
    payload = upload.getvalue()
    return ("csv", payload, dims, seed)


def model_name() -> str:
    if method == "histogram":
        return f"histogram q(x), {value} bins" + (f", α = {alpha:g}" if alpha else "")
    if method == "kde":
        return f"kernel density q(x), h = {value:g}"
    return f"Gaussian mixture q(x), k = {value}"


fitted_ok = False  # the overfitting section below needs the data and the fit from this one
with page.guard():
    key = data_key()
    data = load(key)
    model = fitted(key, method, value, alpha)
    truth = density.true_distribution(data.truth) if data.truth else None
    probe = (x1,) if data.dims == 1 else (x1, x2)
    at_q = density.point_likelihood(model, probe)
    at_p = density.point_likelihood(truth, probe) if truth is not None else None
    with fig:
        chart, export = density_chart(key, method, value, alpha, n_new, seed + 1, probe, model_name())
        if data.dims == 1:
            charts.show(chart, "learn-data-density", data=export)
        else:  # a narrower column keeps the 2-D picture about square (the chart stretches to its column)
            with st.columns([3, 2])[0]:
                charts.show(chart, "learn-data-density", data=export)
        where = "the ticks under the curves" if data.dims == 1 else "the black dots"
        st.caption(
            f"The {len(data.X_train):,} training points are {where}"
            + (f"; {n_new} green points are new data sampled from q (seed {seed + 1})." if n_new else ".")
            + (f" {data.note}" if data.note else "")
            + ("" if truth is not None else " Your data were standardised (mean 0, sd 1 per axis); 30 % are held out.")
        )

    unit = "per unit" if data.dims == 1 else "per unit²"
    where_text = f"x = {x1:g}" if data.dims == 1 else f"x = ({x1:g}, {x2:g})"
    numbers = [
        frame.Number(
            "q(x): model density",
            at_q.density,
            unit,
            help=f"The fitted density at the probe {where_text}. A density, not a probability: it can exceed 1.",
        ),
        frame.Number(
            "−log₂ q(x): surprise",
            at_q.surprisal_bits,
            "bits",
            help="How surprised the model is to see this point. ∞ = the model says it is impossible.",
        ),
    ]
    if at_p is not None:
        numbers += [
            frame.Number("p(x): true density", at_p.density, unit, help=f"The hidden truth at {where_text}."),
            frame.Number("−log₂ p(x)", at_p.surprisal_bits, "bits", help="The surprise under the truth."),
        ]
    page.numbers(numbers)
    fitted_ok = True


def overfitting_section(key: tuple, data: LearnData, truth: density.Truth | None) -> None:
    """Training vs held-out log-likelihood across the knob, with the truth's ceiling."""
    st.subheader("Learned or memorised? Training vs held-out log-likelihood", anchor=False)
    lc = curve(key, method, alpha)
    i = int(np.argmin(np.abs(lc.values - value)))
    ceiling = truth_held_out(key) if truth is not None else None
    curve_fig, curve_notes = st.columns([3, 1], gap="large")
    with curve_fig:
        chart, export = curve_chart(key, method, alpha, value)
        charts.show(chart, "learn-data-overfitting", data=export)
    with curve_notes:
        st.metric(
            "Training points",
            frame.fmt(lc.train[i], "bits/point"),
            help="Average log₂ q(x) over the points the model was fitted to.",
        )
        st.metric(
            "Held-out points",
            frame.fmt(lc.test[i], "bits/point"),
            help=f"Average log₂ q(x) over {len(data.X_test):,} points the model never saw.",
        )
        if ceiling is not None:
            h, h_se = truth_picture(data.truth)[2:]
            st.metric(
                "Truth p on held-out",
                frame.fmt(ceiling, "bits/point"),
                help="The ceiling: on average no model beats the distribution the data came from.",
            )
            st.metric(
                "Differential entropy h(p)",
                frame.fmt(h, "bits"),
                help=f"Monte Carlo estimate from 200,000 draws of p: {h:.3f} ± {h_se:.3f} bits (1 standard "
                "error). −h(p) is the expected ceiling of the held-out log-likelihood.",
            )
    if not np.isfinite(lc.test[i]):
        st.warning(
            "Some held-out points fall in bins with no training point, so the histogram gives them probability 0 "
            "and the held-out log-likelihood is −∞ (mathematically right: the model calls real data impossible). "
            "Use fewer bins or a pseudo-count α > 0.",
            icon=":material/warning:",
        )
    elif ceiling is not None and lc.test[i] > ceiling:
        st.info(
            "On this held-out sample the model scores slightly above the truth: chance, which fades with more "
            "held-out points. On average the truth always wins (see the formula).",
            icon=":material/info:",
        )
    values = np.r_[lc.train, lc.test]
    off_axis = bool(np.any(~np.isfinite(values) | (values < dc.axis_floor(lc.train, lc.test, ceiling))))
    st.caption(
        f"Best {KNOB[method]} on held-out points: {lc.best_value:g} (dotted line: your current choice)."
        + (
            " Triangles on the bottom edge mark values below the axis (far below, or −∞: hover for the number)."
            if off_axis
            else ""
        )
    )


if fitted_ok:
    with page.guard():
        overfitting_section(key, data, truth)

page.notice(
    "The data are draws from a hidden distribution p (dashed); the model q turns those points into a density that "
    "is high where points crowd and low where they are rare: that is what “learning data” means.",
    "Move the probe: q(x) answers “how likely is this point?”, and −log₂ q(x) is the surprise in bits. The green "
    "points are brand-new data drawn from q: once learned, sample.",
    "A more flexible model always fits its training points better (grey line), but held-out points (vermillion) "
    "peak at a middle setting and stay below the truth (blue dashed): learning p is not memorising the points.",
)
page.quiz(
    "A kernel density with a tiny bandwidth gives its training points a very high log-likelihood. Has it learned p(x)?",
    [
        "Yes: a higher likelihood always means a better model",
        "No: it memorised the points; on held-out points its log-likelihood collapses",
        "It cannot be told without knowing the truth p",
    ],
    answer=1,
    explain="Likelihood on the training points rewards memorising. Held-out points reveal it, and that needs no "
    "knowledge of p: it is how models are chosen in practice.",
)
page.deeper(
    "why maximum likelihood learns p, and the histogram's formula",
    r"""
**Maximum likelihood = minimum KL.** By the law of large numbers the average log-likelihood of the data tends to
its expectation under $p$:

$$\frac1n\sum_{i=1}^n \log_2 q(x_i) \;\longrightarrow\; \mathbb E_{x\sim p}[\log_2 q(x)]
= \underbrace{\mathbb E_p[\log_2 p(x)]}_{-h(p)} - \underbrace{\mathbb E_p\Big[\log_2 \tfrac{p(x)}{q(x)}\Big]}_{
\mathrm{KL}(p\|q)\,\ge\,0}.$$

$h(p)$ does not depend on $q$, so maximising the likelihood minimises $\mathrm{KL}(p\,\|\,q)$: the fit moves
toward the truth, and $-h(p)$ is the ceiling no model can beat on average. On the *training* points the average is
biased upward (the model has seen them), which is why the held-out curve is the honest one.

**The histogram is a maximum-likelihood estimate.** With bins of width $w$ and counts $c_j$, a piecewise-constant
density $q(x) = \pi_j / w$ on bin $j$ has log-likelihood $\sum_j c_j \log(\pi_j/w)$. Maximising it subject to
$\sum_j \pi_j = 1$ (a Lagrange multiplier) gives $\pi_j = c_j / n$: the bin's share of the points. An empty bin gets
$\pi_j = 0$, so a new point there has $-\log_2 q(x) = \infty$. The pseudo-count gives
$\pi_j = (c_j + \alpha)/(n + \alpha B)$: the posterior mean under a Dirichlet prior, as if every bin had already
seen $\alpha$ points.

**Densities are not probabilities.** $q(x)$ is probability *per unit of x*, so it can exceed 1 and
$-\log_2 q(x)$ can be negative. Stretching x by a factor $s$ divides the density by $s$ and shifts every
log-likelihood by $\log_2 s$ bits: compare models only on the same data in the same units.

**The kernel density** puts a Gaussian of width $h$ on each training point, $q(x) = \frac1n\sum_i
\mathcal N(x; x_i, h^2)$; the **Gaussian mixture** has $k$ Gaussians whose weights, means and covariances EM fits.
Both are scikit-learn estimators (`KernelDensity`, `GaussianMixture`).
""",
)
page.end()
