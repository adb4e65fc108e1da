"""What the page "genai" says: the slide's words and the page's prose."""

import math

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "genai",
    "Generative AI: discriminative vs generative",
    "GenAI principles: learn the data distribution, then generate new samples.",
    (
        "GenAI Principles: learn data distribution; generate new samples",
        "Discriminative → P(y | x)",
        "Generative → P(x)",
    ),
)

#: The slide's formulas: two lines in presenter mode, where the big type would cut one line off on a 1366 px screen.
FORMULAS = (
    r"\underbrace{P(y\mid x)}_{\text{discriminative}}"
    r"\qquad\qquad"
    r"\underbrace{p(x, y) = p(x\mid y)\,p(y)}_{\text{generative}}",
    r"p(x) = \sum_{y} p(x\mid y)\,p(y),\quad "
    r"P(y\mid x) = \frac{p(x\mid y)\,p(y)}{p(x)}",
)
#: The same formulas on one line (normal mode).
FORMULA_ONE_LINE = ",\\quad ".join(FORMULAS)

WHERE = (
    r"$x = (x_1, x_2)$: a data point; $y \in \{0, 1\}$: its class; $p(y)$: class prior; $p(x\mid y)$: "
    r"class-conditional density; $p(x)$: how likely the point is at all. The last formula is Bayes' rule: the "
    r"generative model gets $P(y\mid x)$ for free, the discriminative one learns only that."
)

# ----------------------------------------------------------------------------------------------- controls

#: The data sets offered, by the value the URL holds.
SOURCES: dict[str, str] = {
    "moons": "Moons",
    "blobs": "Blobs",
    "circles": "Circles",
    "xor": "XOR",
    "imbalanced": "Imbalanced classes",
    "upload": "My CSV file",
}
DATA_HEADING = "**Data**"
MODELS_HEADING = "**Models**"
GENERATE_HEADING = "**Generate new data from p(x, y)**"
PROBE_HEADING = "**Out-of-distribution probe x\\***"
CSV_HELP = (
    "One row per point: x1, x2, label. A header row is optional; labels can be words or numbers "
    "(exactly two classes, sorted: the first is class 0). Features are standardised; files over {max_rows:,} "
    "rows are subsampled. Nothing is stored."
)
NOISE_HELP = "How far the points scatter around the ideal shape."
DISCRIMINATIVE_HELP = (
    "Logistic regression: P(y=1|x) = σ(w·features + b). MLP: a small neural network. "
    "Kernel SVM: a support vector machine with a Gaussian (RBF) kernel, its scores turned "
    "into probabilities. All three learn P(y|x) only."
)
DEGREE_HELP = "1 = a straight boundary; higher degrees bend it (features x₁, x₂, x₁², x₁x₂, …)."
GENERATIVE_HELP = (
    "p(x|y) per class: naive Bayes = one Gaussian with independent features; QDA "
    "(quadratic discriminant analysis) = one Gaussian with a full covariance; Gaussian "
    "mixtures = k Gaussians per class. p(y) = the class frequencies."
)
GENERATE_HELP = "Draw new labelled points: y ~ p(y), then x ~ p(x | y)."
PROBE_HELP = "A point of your choice: where do the two models think it belongs, and how likely does p(x) find it?"
PROBE_CAPTION = "Drag x* far from the data (e.g. 10, 10) and compare the two models' answers."

# ----------------------------------------------------------------------------------------------- the data

EXAMPLE_CSV = "x1,x2,label\n0.3,1.2,cat\n-0.5,0.4,dog\n...\n"
UPLOAD_PROMPT = (
    "Upload a CSV file with two numeric feature columns and a label column (two classes), e.g.\n\n"
    f"```\n{EXAMPLE_CSV}```\nor pick a preset data set."
)
#: After the reader's note on the upload (subsampling): which label became which class.
CLASS_NAMES = "Class 0 = “{zero}”, class 1 = “{one}”."
UPLOAD_CAPTION = (
    "Your file: {count:,} points, columns {columns}; features "
    "standardised (mean 0, standard deviation 1), so the axes are in standard deviations."
)

# ----------------------------------------------------------------------------------------------- the two models

# Short headings (one line even at 1366 px in presenter mode) keep the two pictures level.
DISCRIMINATIVE_HEADING = "##### Discriminative: P(y | x)"
GENERATIVE_HEADING = "##### Generative: p(x | y) p(y)"
DISCRIMINATIVE_SPINNER = "Fitting the discriminative model…"
GENERATIVE_SPINNER = "Fitting the generative model…"
DEGREE_DETAIL = ", degree {degree}"
COMPONENTS_DETAIL = ", k = {k} per class"
DISCRIMINATIVE_CAPTION = (
    "**{model}**{detail}: fits P(y | x) directly and nothing else. Dots: the data in their class colours."
)
GENERATIVE_CAPTION = (
    "**{model}**{detail}: fits p(x | y) and p(y); the picture is P(y | x) = p(x | y) p(y) / p(x) (Bayes' rule)."
)

#: The numbers under each model, one per metric and two per row: short labels and values that fit a half-width
#: panel on a laptop. Templates: ``{test_share}`` is the percentage of points held out.
HELD_OUT = "the {test_share:.0f} % of points held out from fitting"
LOSS_HELP = (
    "Average −log₂ P(true class | x) in bits per point: 0 = certain and right, 1 bit = a coin flip, "
    "large = confident mistakes."
)
TRAIN_ACCURACY = "Train accuracy"
TRAIN_ACCURACY_HELP = "Share of the training points classified right."
TEST_ACCURACY = "Test accuracy"
TEST_ACCURACY_HELP = f"Share of the test points classified right ({HELD_OUT})."
TRAIN_LOG_LOSS = "Train log-loss"
TEST_LOG_LOSS = "Test log-loss"
TEST_LOG_LOSS_HELP = f"{LOSS_HELP} Test: {HELD_OUT}."
HELD_OUT_LOG_PX = "Held-out log₂ p(x)"
HELD_OUT_LOG_PX_HELP = (
    "Average log₂ density of the test points under the model: higher means "
    "the model expected them. Only a generative model has this number."
)

# ----------------------------------------------------------------------------------------------- p(x) and the probe

PX_HEADING = "##### Only the generative model knows p(x): it can generate, and it can say *“never seen this”*"
CANNOT_GENERATE = (
    "**The discriminative model cannot generate.** It learned only P(y|x), the answer to “which class, "
    "given x?”. It has no p(x) to sample new points from, and no way to say how unusual an x is."
)
PROBE_OFF = "Turn on the probe x* to compare the two models on a point of your choice."
PROBE_NEEDS_BOTH = "The probe needs both models: see the message above."
PROBE_DISCRIMINATIVE = "Discriminative P(y=1|x*)"
PROBE_GENERATIVE = "Generative P(y=1|x*)"
PROBE_LOG_PX = "log₂ p(x*)"
PROBE_LOG_PX_HELP = "Log density of the probe under the generative model."
PROBE_RANK = "Training points less likely"
PROBE_RANK_HELP = "Share of training points that p(x) finds less likely than x*."
#: The value of PROBE_RANK when x* is less likely than every training point.
PROBE_RANK_NONE = "none"
NEVER_SEEN = (
    "**p(x) says: never seen anything like this.** x* is less likely than every training "
    "point, {times} less likely than a typical one. "
    "Yet the discriminative model answers class {disc_class} with "
    "{confidence} confidence: P(y|x) is an answer even where there is no data."
)
AT_THE_EDGE = "x* is at the edge of the data: less likely than every training point. Drag it further out."
AMONG_THE_DATA = "x* lies among the data: {share} of training points are less likely. Drag it far away (e.g. 10, 10)."
NO_DENSITY = "No density to show: the generative model could not be fitted (see the message above)."
DENSITY_TITLE = "**Its density p(x)**"
DENSITY_WITH_SAMPLES = " and {n} new points it generated"
DENSITY_WITH_DATA = " with the data"
SAMPLES_CAPTION = (
    "Triangles: {n} new labelled points, y ~ p(y) then x ~ p(x|y) (sample seed "
    "{seed}). They are not copies of the data: they are new draws from what the "
    "model learned."
)

# ----------------------------------------------------------------------------------------------- Ng & Jordan

CURVE_HEADING = "Data efficiency: naive Bayes vs logistic regression (Ng & Jordan, 2002)"
CURVE_SPINNER = "Running Ng & Jordan's experiment (once)…"
CURVE_NUMBERS = "Test error, naive Bayes / logistic regression"
CURVE_ERROR = "Error, n = {n}"
CURVE_ERROR_VALUE = "{nb:.0f} / {lr:.0f} %"
CURVE_ERROR_HELP = "Test error of naive Bayes (generative) / logistic regression (discriminative), averaged over seeds."
CURVE_CROSS = "Curves cross at"
CURVE_CROSS_VALUE = "n ≈ {n:.0f}"
CURVE_NO_CROSS = "no crossing"
CURVE_CAPTION = (
    "A 20-feature task (6 quiet features carry the class, 14 loud ones do not, and all share one random "
    "disturbance, like the lighting of a photo); {repetitions} repetitions with fresh data, {test_points:,} test "
    "points each; bands are ±2 standard errors. scikit-learn's GaussianNB and LogisticRegression with default "
    "settings."
)

# ----------------------------------------------------------------------------------------------- notice

NOTICE_ACCURACY = (
    "Both panels answer the same question, P(y=1|x), with the same colours and the 0.5 boundary as a dark line: "
    "on this data the discriminative model reaches {disc_accuracy:.0f} % test accuracy and "
    "the generative one {gen_accuracy:.0f} %. Classifying does not need p(x)."
)
NOTICE_GENERATE = (
    "Only the generative model learned where the data live: it draws new points that look like the data, and "
    "far from the data its p(x) collapses to almost nothing. The discriminative model still hands out a P(y|x) "
    "wherever you put x*, usually with near certainty: it cannot tell “unlike anything seen” from “clearly class 1”."
)
NOTICE_CROSSING = (
    "With few examples naive Bayes wins; after about n ≈ {crossing:.0f} logistic regression overtakes it. "
    "The generative model's strong assumption (features independent given the class) is a head start: each of "
    "its parameters is estimated separately from few points. The same assumption is wrong here, so it levels "
    "off higher, while the discriminative model keeps improving (Ng & Jordan, 2002)."
)

QUIZ = Quiz(
    "A classifier trained on cat and dog photos says P(dog | x) = 0.99 for a photo of a car. What does the 0.99 "
    "tell you?",
    (
        "The car looks a lot like a dog.",
        "Nothing about whether x resembles the training data: P(y|x) assumes x is a cat or a dog and only says which.",
        "The model has detected that the photo is unusual.",
    ),
    answer=1,
    explain="P(y|x) is conditional on x: it always splits 100 % between the classes it knows. To notice that x is "
    "unlike anything seen, you need p(x), which only a generative model has.",
)

DEEPER = Deeper(
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

TEXT = PageText(
    SLIDE,
    formulas=FORMULAS,
    where=WHERE,
    notice=(NOTICE_ACCURACY, NOTICE_GENERATE, NOTICE_CROSSING),
    quizzes=(QUIZ,),
    deeper=(DEEPER,),
)

# ----------------------------------------------------------------------------------------------- number words

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def times_less(bits: float) -> str:
    """'about 2²³ (8 million) times' for a difference of 23 bits: the power of two written so a room can read it."""
    e = int(round(bits))
    power = "2" + str(e).translate(_SUPERSCRIPT)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if e < 60 and 2.0**e >= size:
            return f"about {power} ({2.0**e / size:,.0f} {word}) times"
    if e < 60:
        return f"about {power} ({2**e:,}) times"
    return f"about {power} (a number with {int(e * math.log10(2)) + 1:,} digits) times"


def pct(p: float) -> str:
    """A share as a percentage with one decimal, or '< 0.1 %' / '> 99.9 %' at the ends."""
    return f"{100 * p:.1f} %" if 0.001 <= p <= 0.999 else ("< 0.1 %" if p < 0.001 else "> 99.9 %")
