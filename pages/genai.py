"""Generative AI principles: a discriminative P(y|x) and a generative p(x|y)p(y) side by side on the same data."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import streamlit as st

from core import classifiers as clf
from core import datasets
from ui import charts, frame
from ui import genai_charts as gc

UPLOAD = "upload"
SOURCES: dict[str, str] = {
    "moons": "Moons",
    "blobs": "Blobs",
    "circles": "Circles",
    "xor": "XOR",
    "imbalanced": "Imbalanced classes",
    UPLOAD: "My CSV file",
}
RESOLUTION = 120  # grid cells per side of every heatmap: both panels share it
PROBE_LIMIT = 12.0
EXAMPLE_CSV = "x1,x2,label\n0.3,1.2,cat\n-0.5,0.4,dog\n...\n"
#: The slide's formulas: shown on one line, or as two lines in presenter mode.
FORMULAS = (
    r"\underbrace{P(y\mid x)}_{\text{discriminative}}"
    r"\qquad\qquad"
    r"\underbrace{p(x, y) = p(x\mid y)\,p(y)}_{\text{generative}}",
    r"p(x) = \sum_{y} p(x\mid y)\,p(y),\quad "
    r"P(y\mid x) = \frac{p(x\mid y)\,p(y)}{p(x)}",
)


# ----------------------------------------------------------------------------------------------- cached core calls
# Everything is keyed on scalars (preset, n, noise, seed, model settings; for an upload its SHA-256 digest).
# The upload's bytes travel in the unhashed ``_raw`` argument and are never written to disk.


@st.cache_data(show_spinner=False, max_entries=32)
def load_data(source: str, n: int, noise: float, seed: int, digest: str, _raw: bytes | None) -> dict:
    """The labelled points (uploads standardised) and a note for the reader."""
    if source == UPLOAD:
        table = datasets.read_points_csv(_raw or b"", labelled=True, seed=seed)
        # Column names are the user's text: keep letters, digits and a few separators (no markdown, no links).
        names = tuple(re.sub(r"[^\w .\-]", "", str(c))[:30] or f"x{i + 1}" for i, c in enumerate(table.columns[:2]))
        labels = [re.sub(r"[^\w .\-]", "", c)[:30] or "?" for c in table.classes]
        note = " ".join(filter(None, [table.note, f"Class 0 = “{labels[0]}”, class 1 = “{labels[1]}”."]))
        return {"X": datasets.standardise_2d(table.X), "y": table.y, "note": note, "names": tuple(names)}
    X, y = datasets.classification_2d(source, n=n, noise=noise, seed=seed)
    return {"X": X, "y": y, "note": "", "names": ("x1", "x2")}


@st.cache_resource(show_spinner=False, max_entries=32)
def get_split(key: tuple, _raw: bytes | None) -> clf.Split:
    data = load_data(*key, _raw)
    return clf.split_data(data["X"], data["y"], test_fraction=0.3, seed=key[3])


@st.cache_resource(show_spinner="Fitting the discriminative model…", max_entries=64)
def discriminative(key: tuple, model: str, degree: int, _raw: bytes | None):
    s = get_split(key, _raw)
    return clf.fit_discriminative(s.X_train, s.y_train, model, degree=degree, seed=key[3])


@st.cache_resource(show_spinner="Fitting the generative model…", max_entries=64)
def generative(key: tuple, model: str, k: int, _raw: bytes | None) -> clf.GenerativeClassifier:
    s = get_split(key, _raw)
    return clf.fit_generative(s.X_train, s.y_train, model, n_components=k, seed=key[3])


@st.cache_data(show_spinner=False, max_entries=64)
def disc_scores(key: tuple, model: str, degree: int, _raw: bytes | None) -> clf.Scores:
    return clf.evaluate(discriminative(key, model, degree, _raw), get_split(key, _raw))


@st.cache_data(show_spinner=False, max_entries=64)
def gen_scores(key: tuple, model: str, k: int, _raw: bytes | None) -> clf.Scores:
    return clf.evaluate(generative(key, model, k, _raw), get_split(key, _raw))


@st.cache_data(show_spinner=False, max_entries=64)
def generated(key: tuple, model: str, k: int, n: int, sample_seed: int, _raw: bytes | None):
    return generative(key, model, k, _raw).sample(n, seed=sample_seed)


@st.cache_data(show_spinner=False, max_entries=256)
def probe_readout(key: tuple, dmodel: str, degree: int, gmodel: str, k: int, probe: tuple[float, float],
                  _raw: bytes | None) -> dict:
    """Both models' answers at the probe x*, and how likely p(x) finds it compared with the training data."""
    d, g, s = discriminative(key, dmodel, degree, _raw), generative(key, gmodel, k, _raw), get_split(key, _raw)
    x = np.array([probe])
    train_log_px = g.score_samples(s.X_train) * clf.BITS_PER_NAT
    log_px = float(g.score_samples(x)[0] * clf.BITS_PER_NAT)
    return {
        "disc_p1": float(d.predict_proba(x)[0, 1]),
        "gen_p1": float(g.predict_proba(x)[0, 1]),
        "log_px": log_px,
        "below_typical": float(np.median(train_log_px) - log_px),  # bits below a typical training point
        "rank": clf.density_rank(g, s.X_train, x[0]),
    }


def view_extent(X: np.ndarray, probe: tuple[float, float] | None) -> tuple[float, float, float, float]:
    """The data's window, widened to include the probe; rounded out to half units so caches are reused."""
    x0, x1, y0, y1 = charts.grid_extent(X, margin=0.12)
    if probe is not None:
        span = max(x1, probe[0]) - min(x0, probe[0]), max(y1, probe[1]) - min(y0, probe[1])
        px, py = max(0.6, 0.08 * span[0]), max(0.6, 0.08 * span[1])  # room for the marker and its label
        x0, x1 = min(x0, probe[0] - px), max(x1, probe[0] + px)
        y0, y1 = min(y0, probe[1] - py), max(y1, probe[1] + py)
    return (float(np.floor(x0 * 2) / 2), float(np.ceil(x1 * 2) / 2),
            float(np.floor(y0 * 2) / 2), float(np.ceil(y1 * 2) / 2))


# Charts are cached as objects (shared, never mutated): building them costs more than the maths.
@st.cache_resource(show_spinner=False, max_entries=64)
def disc_chart(key: tuple, model: str, degree: int, extent: tuple, probe, present: bool, _raw: bytes | None):
    data = load_data(*key, _raw)
    prob = clf.probability_grid(discriminative(key, model, degree, _raw), extent, RESOLUTION)
    return charts.render(gc.probability_panel(prob, extent, gc.points_df(data["X"], data["y"], extent), probe=probe))


@st.cache_resource(show_spinner=False, max_entries=64)
def gen_chart(key: tuple, model: str, k: int, extent: tuple, probe, present: bool, _raw: bytes | None):
    data = load_data(*key, _raw)
    prob = clf.probability_grid(generative(key, model, k, _raw), extent, RESOLUTION)
    return charts.render(gc.probability_panel(prob, extent, gc.points_df(data["X"], data["y"], extent), probe=probe))


@st.cache_resource(show_spinner=False, max_entries=64)
def density_chart(key: tuple, model: str, k: int, extent: tuple, probe, n_samples: int, sample_seed: int,
                  present: bool, _raw: bytes | None):
    g = generative(key, model, k, _raw)
    density = np.exp(clf.log_density_grid(g, extent, RESOLUTION))
    if n_samples:
        Xs, ys = generated(key, model, k, n_samples, sample_seed, _raw)
        return charts.render(gc.density_panel(density, extent, samples=gc.points_df(Xs, ys, extent), probe=probe))
    data = load_data(*key, _raw)
    points = gc.points_df(data["X"], data["y"], extent)
    return charts.render(gc.density_panel(density, extent, data=points, probe=probe))


@st.cache_data(show_spinner="Running Ng & Jordan's experiment (once)…")
def ng_jordan() -> clf.LearningCurve:
    return clf.learning_curve(sizes=(10, 20, 40, 80, 160, 320), n_seeds=10, seed=0)


@st.cache_resource(show_spinner=False, max_entries=4)
def ng_jordan_chart(present: bool):
    lc = ng_jordan()
    return charts.render(gc.learning_curve_chart(lc.sizes, lc.nb_mean, lc.nb_se, lc.lr_mean, lc.lr_se, lc.crossing()))


def score_numbers(s: clf.Scores) -> list[frame.Number]:
    """Train and test accuracy and log-loss (and, for a generative model, held-out log2 p(x)) as metrics.

    One number per metric, two per row: short labels and values that fit a half-width panel on a laptop.
    """
    held_out = "the 30 % of points held out from fitting"
    loss = ("Average −log₂ P(true class | x) in bits per point: 0 = certain and right, 1 bit = a coin flip, "
            "large = confident mistakes.")
    numbers = [
        frame.Number("Train accuracy", 100 * s.train_accuracy, "%", digits=1,
                     help="Share of the training points classified right."),
        frame.Number("Test accuracy", 100 * s.test_accuracy, "%", digits=1,
                     help=f"Share of the test points classified right ({held_out})."),
        frame.Number("Train log-loss", s.train_log_loss, "bits", digits=2, help=loss),
        frame.Number("Test log-loss", s.test_log_loss, "bits", digits=2, help=f"{loss} Test: {held_out}."),
    ]
    if s.test_log_px is not None:
        numbers.append(frame.Number("Held-out log₂ p(x)", s.test_log_px, "bits/pt", digits=2,
                                    help="Average log₂ density of the test points under the model: higher means "
                                    "the model expected them. Only a generative model has this number."))
    return numbers


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def times_less(bits: float) -> str:
    """'about 2²³ (8 million) times' for a difference of 23 bits: the power of two written so a room can read it."""
    e = int(round(bits))
    power = "2" + str(e).translate(SUPERSCRIPT)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if e < 60 and 2.0**e >= size:
            return f"about {power} ({2.0**e / size:,.0f} {word}) times"
    if e < 60:
        return f"about {power} ({2**e:,}) times"
    return f"about {power} (a number with {int(e * np.log10(2)) + 1:,} digits) times"


def pct(p: float) -> str:
    return f"{100 * p:.1f} %" if 0.001 <= p <= 0.999 else ("< 0.1 %" if p < 0.001 else "> 99.9 %")


# ----------------------------------------------------------------------------------------------- page

page = frame.start("genai")
page.formula(
    # One line; two in presenter mode, where the big type would cut it off on a 1366 px screen.
    *(FORMULAS if page.present else [",\\quad ".join(FORMULAS)]),
    where=r"$x = (x_1, x_2)$: a data point; $y \in \{0, 1\}$: its class; $p(y)$: class prior; $p(x\mid y)$: "
    r"class-conditional density; $p(x)$: how likely the point is at all. The last formula is Bayes' rule: the "
    r"generative model gets $P(y\mid x)$ for free, the discriminative one learns only that.",
)

fig, ctrl = page.columns((3, 1))
with ctrl:
    st.markdown("**Data**")
    source = st.selectbox("Data set", list(SOURCES), format_func=SOURCES.get, key="gen_data",
                          bind="query-params")
    raw: bytes | None = None
    n, noise = 300, 0.2
    if source == UPLOAD:
        uploaded = st.file_uploader(
            "CSV: two numeric features, then a label", type=["csv", "txt"], key="gen_csv",
            help="One row per point: x1, x2, label. A header row is optional; labels can be words or numbers "
            "(exactly two classes, sorted: the first is class 0). Features are standardised; files over 5,000 "
            "rows are subsampled. Nothing is stored.",
        )  # fmt: skip
        raw = uploaded.getvalue() if uploaded is not None else None
    else:
        n = st.slider("Points n", 50, 800, 300, 50, key="gen_n", bind="query-params")
        noise = st.slider("Noise", 0.0, 1.0, 0.25, 0.05, key="gen_noise", bind="query-params",
                          help="How far the points scatter around the ideal shape.")
    seed = page.seed_control(key="gen_seed")

    st.markdown("**Models**")
    dmodel = st.selectbox("Discriminative P(y|x)", list(clf.DISCRIMINATIVE_MODELS),
                          format_func=clf.DISCRIMINATIVE_MODELS.get, key="gen_disc", bind="query-params",
                          help="Logistic regression: P(y=1|x) = σ(w·features + b). MLP: a small neural network. "
                          "Kernel SVM: a support vector machine with a Gaussian (RBF) kernel, its scores turned "
                          "into probabilities. All three learn P(y|x) only.")
    degree = 1
    if dmodel == "logistic":
        degree = st.slider("Polynomial degree", 1, 6, 3, key="gen_degree", bind="query-params",
                           help="1 = a straight boundary; higher degrees bend it (features x₁, x₂, x₁², x₁x₂, …).")
    gmodel = st.selectbox("Generative p(x|y) p(y)", list(clf.GENERATIVE_MODELS), index=2,
                          format_func=clf.GENERATIVE_MODELS.get, key="gen_gen", bind="query-params",
                          help="p(x|y) per class: naive Bayes = one Gaussian with independent features; QDA "
                          "(quadratic discriminant analysis) = one Gaussian with a full covariance; Gaussian "
                          "mixtures = k Gaussians per class. p(y) = the class frequencies.")
    k = 1
    if gmodel == "gmm":
        k = st.slider("Components per class k", 1, 6, 3, key="gen_k", bind="query-params")

    st.markdown("**Generate new data from p(x, y)**")
    # Short toggle labels: the controls column is narrow on a laptop in presenter mode.
    do_generate = st.toggle("Generate", value=True, key="gen_generate", bind="query-params",
                            help="Draw new labelled points: y ~ p(y), then x ~ p(x | y).")
    n_samples, sample_seed = 0, 0
    if do_generate:
        n_samples = st.slider("How many", 50, 500, 200, 50, key="gen_samples", bind="query-params")
        sample_seed = int(st.number_input("Sample seed", 0, 99_999, 1, 1, key="gen_sample_seed",
                                          bind="query-params"))

    st.markdown("**Out-of-distribution probe x\\***")
    show_probe = st.toggle("Show x*", value=True, key="gen_probe", bind="query-params",
                           help="A point of your choice: where do the two models think it belongs, and how likely "
                           "does p(x) find it?")
    probe: tuple[float, float] | None = None
    if show_probe:
        px = st.slider("x₁ of x*", -PROBE_LIMIT, PROBE_LIMIT, 3.0, 0.5, key="gen_px", bind="query-params")
        py = st.slider("x₂ of x*", -PROBE_LIMIT, PROBE_LIMIT, 3.0, 0.5, key="gen_py", bind="query-params")
        probe = (float(px), float(py))
        st.caption("Drag x* far from the data (e.g. 10, 10) and compare the two models' answers.")

present = page.present
ready = False
key: tuple = ()
data: dict = {}
with fig, page.guard():  # a bad upload's message appears where the figure would be
    if source == UPLOAD and raw is None:
        st.info(
            "Upload a CSV file with two numeric feature columns and a label column (two classes), e.g.\n\n"
            f"```\n{EXAMPLE_CSV}```\nor pick a preset data set.",
            icon=":material/upload_file:",
        )
    else:
        digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
        key = (source, n, noise, seed, digest) if source != UPLOAD else (source, 0, 0.0, seed, digest)
        data = load_data(*key, raw)
        get_split(key, raw)  # validates both classes are big enough before any fit
        ready = True

d_scores: clf.Scores | None = None
g_scores: clf.Scores | None = None

if ready:
    extent = view_extent(data["X"], probe)
    with fig:
        if data["note"]:
            st.info(data["note"], icon=":material/filter_alt:")
        if source == UPLOAD:
            st.caption(f"Your file: {len(data['y']):,} points, columns {', '.join(data['names'])}; features "
                       "standardised (mean 0, standard deviation 1), so the axes are in standard deviations.")
        left, right = st.columns(2, gap="medium")
        # Short headings (one line even at 1366 px in presenter mode) keep the two pictures level.
        with left, page.guard():
            st.markdown("##### Discriminative: P(y | x)")
            charts.show(disc_chart(key, dmodel, degree, extent, probe, present, raw), "genai-discriminative",
                        data=gc.points_df(data["X"], data["y"]))
            st.caption(f"**{clf.DISCRIMINATIVE_MODELS[dmodel]}**"
                       + (f", degree {degree}" if dmodel == "logistic" else "")
                       + ": fits P(y | x) directly and nothing else. Dots: the data in their class colours.")
            d_scores = disc_scores(key, dmodel, degree, raw)
            page.numbers(score_numbers(d_scores), per_row=2)
        with right, page.guard():
            st.markdown("##### Generative: p(x | y) p(y)")
            charts.show(gen_chart(key, gmodel, k, extent, probe, present, raw), "genai-generative",
                        data=gc.points_df(data["X"], data["y"]))
            st.caption(f"**{clf.GENERATIVE_MODELS[gmodel]}**" + (f", k = {k} per class" if gmodel == "gmm" else "")
                       + ": fits p(x | y) and p(y); the picture is P(y | x) = p(x | y) p(y) / p(x) (Bayes' rule).")
            g_scores = gen_scores(key, gmodel, k, raw)
            page.numbers(score_numbers(g_scores), per_row=2)

        st.markdown("##### Only the generative model knows p(x): it can generate, and it can say *“never seen this”*")
        left, right = st.columns(2, gap="medium")
        with left, page.guard():
            st.info(
                "**The discriminative model cannot generate.** It learned only P(y|x), the answer to “which class, "
                "given x?”. It has no p(x) to sample new points from, and no way to say how unusual an x is.",
                icon=":material/block:",
            )
            if probe is None:
                st.caption("Turn on the probe x* to compare the two models on a point of your choice.")
            elif d_scores is None or g_scores is None:
                st.caption("The probe needs both models: see the message above.")
            else:
                r = probe_readout(key, dmodel, degree, gmodel, k, probe, raw)
                page.numbers([
                    frame.Number("Discriminative P(y=1|x*)", r["disc_p1"], digits=3),
                    frame.Number("Generative P(y=1|x*)", r["gen_p1"], digits=3),
                    frame.Number("log₂ p(x*)", r["log_px"], "bits", digits=1,
                                 help="Log density of the probe under the generative model."),
                    frame.Number("Training points less likely", pct(r["rank"]) if r["rank"] > 0 else "none",
                                 help="Share of training points that p(x) finds less likely than x*."),
                ], per_row=1 if present else 2)  # presenter type is big: one per row, labels in full
                confident = max(r["disc_p1"], 1 - r["disc_p1"])
                if r["rank"] == 0.0 and r["below_typical"] > 10:
                    st.warning(
                        f"**p(x) says: never seen anything like this.** x* is less likely than every training "
                        f"point, {times_less(r['below_typical'])} less likely than a typical one. "
                        f"Yet the discriminative model answers class {int(r['disc_p1'] >= 0.5)} with "
                        f"{pct(confident)} confidence: P(y|x) is an answer even where there is no data.",
                        icon=":material/travel_explore:",
                    )
                elif r["rank"] == 0.0:
                    st.caption("x* is at the edge of the data: less likely than every training point. Drag it "
                               "further out.")
                else:
                    st.caption(f"x* lies among the data: {pct(r['rank'])} of training points are less likely. "
                               "Drag it far away (e.g. 10, 10).")
        with right, page.guard():
            if g_scores is None:
                st.caption("No density to show: the generative model could not be fitted (see the message above).")
            else:
                st.markdown("**Its density p(x)**" + (f" and {n_samples} new points it generated" if n_samples
                                                       else " with the data"))
                charts.show(density_chart(key, gmodel, k, extent, probe, n_samples, sample_seed, present, raw),
                        "genai-density", data=None)
                if n_samples:
                    st.caption(f"Triangles: {n_samples} new labelled points, y ~ p(y) then x ~ p(x|y) (sample seed "
                               f"{sample_seed}). They are not copies of the data: they are new draws from what the "
                               "model learned.")

# ----------------------------------------------------------------------------------------------- Ng & Jordan

st.subheader("Data efficiency: naive Bayes vs logistic regression (Ng & Jordan, 2002)")
lc = None
with page.guard():
    lc = ng_jordan()
    cross = lc.crossing()
    curve_fig, curve_text = st.columns((3, 1), gap="large")
    with curve_fig:
        charts.show(ng_jordan_chart(present), "genai-ng-jordan", data=None)
    with curve_text:
        st.caption("Test error, naive Bayes / logistic regression")
        both = "Test error of naive Bayes (generative) / logistic regression (discriminative), averaged over seeds."
        page.numbers([
            frame.Number(f"Error, n = {lc.sizes[0]}", f"{100 * lc.nb_mean[0]:.0f} / {100 * lc.lr_mean[0]:.0f} %",
                         help=both),
            frame.Number(f"Error, n = {lc.sizes[-1]}",
                         f"{100 * lc.nb_mean[-1]:.0f} / {100 * lc.lr_mean[-1]:.0f} %", help=both),
            frame.Number("Curves cross at", f"n ≈ {cross:.0f}" if cross else "no crossing"),
        ], per_row=1)
    st.caption(
        "A 20-feature task (6 quiet features carry the class, 14 loud ones do not, and all share one random "
        "disturbance, like the lighting of a photo); 10 repetitions with fresh data, 1,000 test points each; bands "
        "are ±2 standard errors. scikit-learn's GaussianNB and LogisticRegression with default settings."
    )

# ----------------------------------------------------------------------------------------------- notes

notes = []
if d_scores is not None and g_scores is not None:
    notes.append(
        f"Both panels answer the same question, P(y=1|x), with the same colours and the 0.5 boundary as a dark line: "
        f"on this data the discriminative model reaches {100 * d_scores.test_accuracy:.0f} % test accuracy and "
        f"the generative one {100 * g_scores.test_accuracy:.0f} %. Classifying does not need p(x)."
    )
notes.append(
    "Only the generative model learned where the data live: it draws new points that look like the data, and "
    "far from the data its p(x) collapses to almost nothing. The discriminative model still hands out a P(y|x) "
    "wherever you put x*, usually with near certainty: it cannot tell “unlike anything seen” from “clearly class 1”."
)
if lc is not None and lc.crossing():
    notes.append(
        f"With few examples naive Bayes wins; after about n ≈ {lc.crossing():.0f} logistic regression overtakes it. "
        "The generative model's strong assumption (features independent given the class) is a head start: each of "
        "its parameters is estimated separately from few points. The same assumption is wrong here, so it levels "
        "off higher, while the discriminative model keeps improving (Ng & Jordan, 2002)."
    )
page.notice(*notes)

page.quiz(
    "A classifier trained on cat and dog photos says P(dog | x) = 0.99 for a photo of a car. What does the 0.99 "
    "tell you?",
    [
        "The car looks a lot like a dog.",
        "Nothing about whether x resembles the training data: P(y|x) assumes x is a cat or a dog and only says which.",
        "The model has detected that the photo is unusual.",
    ],
    answer=1,
    explain="P(y|x) is conditional on x: it always splits 100 % between the classes it knows. To notice that x is "
    "unlike anything seen, you need p(x), which only a generative model has.",
)
page.deeper(
    "Bayes' rule, the logistic link, and why the curves cross",
    r"""
**From a generative model to a classifier.** A generative classifier fits the class prior $p(y)$ (the class
frequencies) and a density per class $p(x\mid y)$. Bayes' rule turns them into the posterior
$$P(y=1\mid x) = \frac{p(x\mid y=1)\,p(y=1)}{p(x\mid y=0)\,p(y=0) + p(x\mid y=1)\,p(y=1)}
= \sigma\!\big(a(x)\big),\qquad a(x) = \log\frac{p(x\mid y=1)\,p(y=1)}{p(x\mid y=0)\,p(y=0)},$$
with $\sigma(a) = 1/(1+e^{-a})$. For two Gaussians with the **same** covariance, $a(x)$ is linear in $x$: the
posterior has exactly the form of logistic regression, $\sigma(w^\top x + b)$. With different covariances (QDA,
naive Bayes) $a(x)$ is quadratic; with mixtures it can take any shape. Logistic regression fits $w, b$
directly by maximising $\sum_i \log P(y_i\mid x_i)$ and never models $x$.

**Far from the data.** For logistic regression $|w^\top x + b|$ grows without bound as $x$ moves away, so
$P(y\mid x) \to 0$ or $1$: maximal confidence exactly where there is no evidence. A ReLU network is piecewise
linear and does the same. The generative model's $p(x)$ instead falls like $e^{-\|x\|^2/2}$: the log density
$\log_2 p(x)$ drops by thousands of bits, which is how it says "never seen anything like this". (Its own
$P(y\mid x)$ can still be confident there: Bayes' rule only compares the classes.) The RBF SVM is a special
case: far away its kernel features vanish and its P(y|x) returns to a constant, but it cannot tell you that
the point is unusual either.

**The numbers.** Log-loss is the cross-entropy $-\frac{1}{n}\sum_i \log_2 P(y_i\mid x_i)$ in bits per point
(1 bit = a coin flip). The held-out $\frac{1}{n}\sum_i \log_2 p(x_i)$ is a log *density*, so it depends on the
units of $x$ and can be positive; it is comparable between models on the same data, higher is better.

**Ng & Jordan (2002).** With $d$ features, naive Bayes estimates each of its parameters separately, and is
close to its own best error after $O(\log d)$ examples; logistic regression fits all $d+1$ weights jointly and
needs $O(d)$. But the naive Bayes assumption (features independent given the class) is usually wrong, so its
best error is higher. Few examples: the generative model wins; many: the discriminative one does. In the
experiment, the shared disturbance breaks the independence assumption: logistic regression learns to subtract
it (using the loud features, which carry the disturbance but no class signal), naive Bayes cannot. In two
dimensions there is little to gain, which is why the experiment uses 20 features.
""",
)
page.end()
