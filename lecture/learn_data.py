"""What the page "learn_data" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "learn_data",
    "What does it mean to “learn data”?",
    "Data comes from an underlying distribution: learn how likely each data point is, then sample new data.",
    (
        "Data is not just points",
        "Data comes from an underlying distribution",
        "Generative models aim to learn this distribution",
        "Learn how likely each data point is",
        "Once learned → sample new data",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"\mathcal D = \{x_1, \dots, x_n\} \sim p(x) \qquad\Longrightarrow\qquad "
        r"\hat q = \arg\max_{q}\; \frac1n \sum_{i=1}^{n} \log q(x_i)",
        r"\mathbb E_{x\sim p}\big[\log_2 q(x)\big] \;=\; -h(p) \;-\; \mathrm{KL}(p\,\|\,q) \;\le\; -h(p)",
    ),
    where=r"$p$: the hidden true distribution the data come from; $q$: the model (histogram, kernel density or "
    r"Gaussian mixture) fitted by maximum likelihood; $-\log_2 q(x)$: how surprised the model is by $x$, in bits; "
    r"$h(p) = -\mathbb E_p[\log_2 p(x)]$: the differential entropy of $p$ (bits).",
    notice=(
        "The data are draws from a hidden distribution p (dashed); the model q turns those points into a density "
        "that is high where points crowd and low where they are rare: that is what “learning data” means.",
        "Move the probe: q(x) answers “how likely is this point?”, and −log₂ q(x) is the surprise in bits. The green "
        "points are brand-new data drawn from q: once learned, sample.",
        "A more flexible model always fits its training points better (grey line), but held-out points (vermillion) "
        "peak at a middle setting and stay below the truth (blue dashed): learning p is not memorising the points.",
    ),
    quizzes=(
        Quiz(
            "A kernel density with a tiny bandwidth gives its training points a very high log-likelihood. "
            "Has it learned p(x)?",
            (
                "Yes: a higher likelihood always means a better model",
                "No: it memorised the points; on held-out points its log-likelihood collapses",
                "It cannot be told without knowing the truth p",
            ),
            answer=1,
            explain="Likelihood on the training points rewards memorising. Held-out points reveal it, and that needs "
            "no knowledge of p: it is how models are chosen in practice.",
        ),
    ),
    deeper=(
        Deeper(
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
        ),
    ),
)

# ----------------------------------------------------------------------------------------------- controls

#: The data sources: preset label -> the hidden distribution's name (``core.density.true_distribution``).
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
#: Model label -> the estimator's name (``core.density.fit_density``).
METHODS = {"Histogram": "histogram", "Kernel density": "kde", "Gaussian mixture": "gmm"}

HELP_DATA = "A hidden distribution the app knows (so it can show the truth), or your own numbers."
HELP_PASTE = (
    "1-D: numbers separated by commas, spaces or new lines. 2-D: one point per line, two numbers "
    "(x1 x2). At least {min_points} points. They are standardised (mean 0, sd 1) and {held_out:g} % are held out."
)
HELP_CSV = (
    "Two numeric columns (a header row is fine); 1-D uses the first "
    "column. For a single column of numbers, paste them instead."
)
HELP_ALPHA = (
    "0 = pure maximum likelihood: an empty bin gets probability 0. α > 0 adds "
    "α imaginary points to every bin so no point in range is 'impossible'."
)
HELP_BANDWIDTH = "Width of the Gaussian bump put on each point."
HELP_PROBE = "How likely is this point? Its density and surprise appear under the figure."
NEED_UPLOAD = "Upload a CSV file with two numeric columns, or pick another data source."

# ----------------------------------------------------------------------------------------------- the fit

#: The model's name in the figure's legend, per estimator; ``ALPHA_NAME`` is appended when α > 0.
MODEL_NAMES = {
    "histogram": "histogram q(x), {value} bins",
    "kde": "kernel density q(x), h = {value:g}",
    "gmm": "Gaussian mixture q(x), k = {value}",
}
ALPHA_NAME = ", α = {alpha:g}"

SPINNER_FIT = "Fitting the model and drawing its density ..."
CAPTION_POINTS = "The {n:,} training points are {where}"
WHERE_1D, WHERE_2D = "the ticks under the curves", "the black dots"
CAPTION_SAMPLES = "; {n_new} green points are new data sampled from q (seed {seed})."
CAPTION_END = "."
CAPTION_STANDARDISED = " Your data were standardised (mean 0, sd 1 per axis); {held_out:g} % are held out."

PROBE_1D, PROBE_2D = "x = {x1:g}", "x = ({x1:g}, {x2:g})"
UNIT_1D, UNIT_2D = "per unit", "per unit²"
HELP_Q = "The fitted density at the probe {where}. A density, not a probability: it can exceed 1."
HELP_SURPRISE = "How surprised the model is to see this point. ∞ = the model says it is impossible."
HELP_P = "The hidden truth at {where}."
HELP_P_SURPRISE = "The surprise under the truth."

# ----------------------------------------------------------------------------------------------- overfitting

SPINNER_CURVE = "Fitting the model at every setting of the knob ..."
OVERFITTING_TITLE = "Learned or memorised? Training vs held-out log-likelihood"
HELP_TRAIN = "Average log₂ q(x) over the points the model was fitted to."
HELP_HELD_OUT = "Average log₂ q(x) over {n_test:,} points the model never saw."
HELP_CEILING = "The ceiling: on average no model beats the distribution the data came from."
HELP_ENTROPY = (
    "Monte Carlo estimate from {draws:,} draws of p: {h:.3f} ± {se:.3f} bits (1 standard "
    "error). −h(p) is the expected ceiling of the held-out log-likelihood."
)
WARN_IMPOSSIBLE = (
    "Some held-out points fall in bins with no training point, so the histogram gives them probability 0 "
    "and the held-out log-likelihood is −∞ (mathematically right: the model calls real data impossible). "
    "Use fewer bins or a pseudo-count α > 0."
)
INFO_ABOVE_TRUTH = (
    "On this held-out sample the model scores slightly above the truth: chance, which fades with more "
    "held-out points. On average the truth always wins (see the formula)."
)
CAPTION_BEST = "Best {knob} on held-out points: {best:g} (dotted line: your current choice)."
CAPTION_OFF_AXIS = " Triangles on the bottom edge mark values below the axis (far below, or −∞: hover for the number)."
