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
        r"\textstyle \mathcal D = \{x_1, \dots, x_n\} \sim p(x) \quad\Longrightarrow\quad "
        r"q_\theta(x) \approx p(x), \quad \hat\theta = \arg\max_{\theta}\; \frac1n \sum_{i=1}^{n} \log_2 q_\theta(x_i)",
        r"\mathbb E_{x\sim p}\big[\log_2 q(x)\big] \;=\; -h(p) \;-\; \mathrm{KL}(p\,\|\,q) \;\le\; -h(p)",
    ),
    where=r"$p$: the hidden true distribution the data come from; $q_\theta$: the model, with parameters $\theta$. "
    r"Maximum likelihood fits the histogram's bin heights (for a fixed number of bins, with $\alpha = 0$) and the "
    r"Gaussian mixture's weights, means and covariances (by EM). The kernel density is *not* a maximum-likelihood "
    r"fit: it puts one bump of width $h$ on every point, and maximising the training likelihood over $h$ would drive "
    r"$h \to 0$. Every knob (bins, $h$, $k$) is chosen on held-out points. $-\log_2 q(x)$: how surprised the model "
    r"is by $x$, in bits; $h(p) = -\mathbb E_p[\log_2 p(x)]$: the differential entropy of $p$ (bits).",
    notice=(
        "The {n:,} grey circles under the curves are draws from the hidden p (blue, dashed). The model q (vermillion) "
        "turns them into a density, high where they crowd and low where they are rare: that is what “learning data” "
        "means.",
        "At the probe {where} the model says q(x) = {q}, a surprise of {surprise}; the truth says p(x) = {p}. "
        "The {n_new:,} vermillion triangles are brand-new points drawn from q: once learned, sample.",
        "On the overfitting curve, training points score {train} and held-out points {test} with {knob} = "
        "{value:g}. Held-out points do best with {knob} = {best:g} and stay below the truth's {ceiling}: learning p "
        "is not memorising the points.",
    ),
    quizzes=(
        Quiz(
            "A kernel density with a tiny bandwidth h gives its training points a very high log-likelihood. "
            "Has it learned p(x)?",
            (
                "Yes: a higher likelihood always means a better model",
                "No: it memorised the points; on held-out points its log-likelihood collapses",
                "It cannot be told without knowing the truth p",
            ),
            answer=1,
            explain="Likelihood on the training points rewards memorising. Held-out points reveal it, and that needs "
            "no knowledge of p: it is how models are chosen in practice.",
            feedback=(
                "Only on points the model has not seen: on its own training points a tiny h puts a spike on each "
                "point and scores them as if they were certain.",
                "Each training point sits under its own spike, so a new point between the spikes gets almost no "
                "density (the held-out curve falls at the left of the chart).",
                "Held-out points from the same source are enough: the held-out curve falls at small h, and it was "
                "computed without any knowledge of p.",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "why maximum likelihood learns p, which models it fits, and the histogram's formula",
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
seen $\alpha$ points (no longer maximum likelihood: a prior pulls it toward the uniform histogram).

**The kernel density is not fitted by maximum likelihood.** It puts a Gaussian of width $h$ on each training point,
$q(x) = \frac1n\sum_i \mathcal N(x; x_i, h^2)$. Every training point scores at least its own bump,
$q(x_i) \ge 1/(n\,h\sqrt{2\pi})$ in 1-D, and that bound grows without limit as $h \to 0$: maximum likelihood on the
training points would shrink $h$ to nothing and put a spike on every point. So $h$ is chosen on held-out points.
The **Gaussian mixture** has $k$ Gaussians whose weights, means and covariances EM fits by maximum likelihood (a
local maximum); $k$ itself is chosen on held-out points. Both are scikit-learn estimators (`KernelDensity`,
`GaussianMixture`); the kernel density's $\log q(x)$ is summed exactly here (scikit-learn's tree approximates it far
from the data).

**Densities are not probabilities.** $q(x)$ is probability *per unit of x* (per unit area in 2-D), so it can exceed 1
and $-\log_2 q(x)$ can be negative. Stretching every coordinate by a factor $s$ divides a $d$-dimensional density by
$s^d$ and lowers every log-likelihood by $d \log_2 s$ bits: compare models only on the same data in the same units.
""",
        ),
    ),
)

#: "What to notice", sentence by sentence, chosen by what the figure shows. The first sentence depends on the
#: picture (1-D curves or 2-D shading) and on whether the truth p is known (a preset) or not (the student's data).
NOTICE_FIT = {
    (1, True): TEXT.notice[0],
    (1, False): "The {n:,} grey circles under the curve are your training points. The model q (vermillion) turns "
    "them into a density, high where they crowd and low where they are rare: that is what “learning data” means.",
    (2, True): "The {n:,} grey circles are draws from the hidden p (blue contours). The model q (vermillion shading) "
    "turns them into a density, dark where they crowd and pale where they are rare: that is what “learning data” "
    "means.",
    (2, False): "The {n:,} grey circles are your training points. The model q (vermillion shading) turns them into a "
    "density, dark where they crowd and pale where they are rare: that is what “learning data” means.",
}
#: The probe, with (True) or without (False) the truth; then the new samples, if any are drawn.
NOTICE_PROBE = {
    True: "At the probe {where} the model says q(x) = {q}, a surprise of {surprise}; the truth says p(x) = {p}.",
    False: "At the probe {where} the model says q(x) = {q}, a surprise of {surprise}.",
}
NOTICE_SAMPLES = {
    True: "The {n_new:,} vermillion triangles are brand-new points drawn from q: once learned, sample.",
    False: "Set “New points drawn from q” above 0 to draw brand-new data from q: once learned, sample.",
}
#: The overfitting curve: held-out below the truth everywhere (True), or above it somewhere by chance (False),
#: or no truth known (None).
NOTICE_CURVE = {
    True: TEXT.notice[2],
    False: "On the overfitting curve, training points score {train} and held-out points {test} with {knob} = "
    "{value:g}. Held-out points do best with {knob} = {best:g}, close to the truth's {ceiling} (above it only by "
    "the chance of this held-out sample): learning p is not memorising the points.",
    None: "On the overfitting curve, training points score {train} and held-out points {test} with {knob} = "
    "{value:g}. Held-out points do best with {knob} = {best:g}: the setting that learned the data rather than "
    "memorised them.",
}

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
#: The longest pasted text (characters): thousands of numbers, far more than a hand-pasted sample needs.
MAX_CHARS = 20_000
HELP_PASTE = (
    "1-D: numbers separated by commas, spaces or new lines. 2-D: one point per line, two numbers "
    "(x₁ x₂). At least {min_points} points, at most {max_chars:,} characters. They are standardised (mean 0, "
    "sd 1) and {held_out:g} % are held out."
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
NEW_POINTS = "New points drawn from q"
HELP_NEW_POINTS = "Once learned → sample: how many brand-new points to draw from the fitted model q."
HELP_PROBE = "How likely is this point? Its density and surprise appear under the figure (a probe outside the "
"picture is marked at its edge)."
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
WHERE_1D, WHERE_2D = "the grey circles under the curves", "the grey circles"
CAPTION_SAMPLES = "; the {n_new:,} vermillion triangles are new data sampled from q (seed {seed})."
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
CAPTION_BEST = "Best {knob} on held-out points: {best:g} (purple dotted line: your current choice)."
CAPTION_KDE = (
    " For the kernel density the training curve keeps rising as h shrinks ({train_small} at h = {h_small:g}): "
    "maximum likelihood on the training points would pick h → 0, so h is chosen on held-out points."
)
CAPTION_OFF_AXIS = " Triangles on the bottom edge mark values below the axis (far below, or −∞: hover for the number)."

# ----------------------------------------------------------------------------------------------- chart words

LABEL_TRUTH = "truth p(x)"
LABEL_CONTOURS = "truth p(x), contours"
LABEL_DATA = "data (training points)"
LABEL_SAMPLES = "new samples from q"
LABEL_PROBE = "probe x"
AXIS_DENSITY = "density"
PROBE_OUTSIDE = "probe x = {x:g}, off the picture"
TITLE_2D = "Shading: {model}"
DESCRIBE_1D = (
    "Density curves over x: the fitted {model} (solid vermillion){truth}, the training points as grey circles "
    "under the axis{samples}, and the probe x as a purple dashed line."
)
DESCRIBE_TRUTH_1D = " and the true density p(x) (dashed blue)"
DESCRIBE_SAMPLES = ", new samples drawn from q as vermillion triangles (as many as the slider asks for)"
DESCRIBE_2D = (
    "A 2-D map of the fitted {model} as vermillion shading{truth}, the training points as grey circles"
    "{samples}, and the probe x as a purple cross."
)
DESCRIBE_TRUTH_2D = ", the true density p(x) as blue contour lines at 10 % and 50 % of its peak"
LABEL_TRAIN, LABEL_HELD_OUT, LABEL_CEILING = "training points", "held-out points", "truth p on held-out points"
AXIS_BITS = "mean log₂ q(x) [bits/point]"
CURRENT_CHOICE = "your choice: {value:g}"
DESCRIBE_CURVE = (
    "Line chart of the average log₂ q(x) in bits per point against the {knob}: on the training points (grey) and on "
    "held-out points (black){truth}; held-out points do best at {best:g}."
)
DESCRIBE_CEILING = ", with the truth's held-out score as a dashed blue ceiling"
