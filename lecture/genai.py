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

#: The slide's formulas (presenter mode shows the first alone). Notation: p is the data distribution, q the model.
FORMULAS = (
    r"\underbrace{q(y\mid x) \approx p(y\mid x)}_{\text{discriminative: which class?}}"
    r"\qquad\qquad"
    r"\underbrace{q(x, y) = q(x\mid y)\,q(y) \approx p(x, y)}_{\text{generative: where are the data?}}",
    r"q(x) = \sum_{y} q(x\mid y)\,q(y), \qquad x_{\text{new}} \sim q(x), \qquad "
    r"q(y\mid x) = \frac{q(x\mid y)\,q(y)}{q(x)}",
)

WHERE = (
    r"$p$: the data (true) distribution, known only through its samples; $q$: a model fitted to them. "
    r"$x = (x_1, x_2)$: a point; $y \in \{0, 1\}$: its class; $q(y)$: class prior; $q(x\mid y)$: class-conditional "
    r"density; $q(x)$: how likely the model finds the point at all. A generative model can draw new points from "
    r"$q(x)$ and gets $q(y\mid x)$ by Bayes' rule (the last formula); a discriminative model learns only "
    r"$q(y\mid x)$."
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
DATA_LABEL = "Data set"
CSV_LABEL = "CSV: two numeric features, then a label"
CSV_HELP = (
    "One row per point: x1, x2, label. A header row is optional; labels can be words or numbers "
    "(exactly two classes, sorted: the first is class 0). Features are standardised; files over {max_rows:,} "
    "rows are subsampled. Nothing is stored."
)
PROBE_HEADING = "**The probe x\\***"
PROBE_X1, PROBE_X2 = "x₁ of x*", "x₂ of x*"
PROBE_HELP = (
    "A point of your choice: what does each model say about it? The window stays put; outside it, an arrow at "
    "the edge points to x*."
)
SAMPLES_LABEL = "New points from q"
SAMPLES_HELP = "How many new labelled points the generative model draws: y ~ q(y), then x ~ q(x | y). 0: none."
SETTINGS_LABEL = "Models and data"
N_LABEL, NOISE_LABEL = "Points n", "Noise"
NOISE_HELP = "How far the points scatter around the ideal shape."
DISCRIMINATIVE_LABEL = "Discriminative q(y | x)"
DISCRIMINATIVE_HELP = (
    "Logistic regression: q(y=1 | x) = σ(w·features + b). MLP: a small neural network. "
    "Kernel SVM: a support vector machine with a Gaussian (RBF) kernel, its scores turned "
    "into probabilities. All three learn q(y | x) only."
)
DEGREE_LABEL = "Polynomial degree"
DEGREE_HELP = "1 = a straight boundary; higher degrees bend it (features x₁, x₂, x₁², x₁x₂, …)."
GENERATIVE_LABEL = "Generative q(x | y) q(y)"
GENERATIVE_HELP = (
    "q(x | y) per class: naive Bayes = one Gaussian with independent features; QDA "
    "(quadratic discriminant analysis) = one Gaussian with a full covariance; Gaussian "
    "mixtures = k Gaussians per class. q(y) = the class frequencies."
)
K_LABEL = "Components per class k"
SAMPLE_SEED_LABEL = "Sample seed"
SAMPLE_SEED_HELP = "The same seed draws the same new points."

# ----------------------------------------------------------------------------------------------- the data

EXAMPLE_CSV = "x1,x2,label\n0.3,1.2,cat\n-0.5,0.4,dog\n...\n"
UPLOAD_PROMPT = (
    "Upload a CSV file with two numeric feature columns and a label column (two classes), e.g.\n\n"
    f"```\n{EXAMPLE_CSV}```\nor pick a preset data set."
)
#: After the reader's note on the upload (subsampling): which label became which class (labels already plain text).
CLASS_NAMES = "Class 0 = “{zero}”, class 1 = “{one}”."
UPLOAD_CAPTION = (
    "Your file: {count:,} points, columns {columns}; features "
    "standardised (mean 0, standard deviation 1), so the axes are in standard deviations."
)
NO_DATA = "No data to fit yet: see the message above."

# ----------------------------------------------------------------------------------------------- the slide's figure

SPINNER = "Fitting the two models…"
DEGREE_DETAIL = ", degree {degree}"
COMPONENTS_DETAIL = ", k = {k} per class"
SLIDE_CAPTION = (
    "Left: **{dmodel}**{ddetail} learns q(y | x) and nothing else; the line is where q(y=1 | x) = 0.5, the dots "
    r"are the data in their class colours. Right: **{gmodel}**{gdetail} learns q(x | y) and q(y), so it has "
    r"$q(x) = \sum_y q(x\mid y)\,q(y)$, painted white (0) to dark blue{samples}."
)
SLIDE_SAMPLES = (
    "; the {n} triangles are new points drawn from it, y ~ q(y) then x ~ q(x | y) (sample seed {seed}): new "
    "draws from what the model learned, not copies of the data (circles)"
)
SLIDE_NO_SAMPLES = "; the circles are the data"

#: The key numbers under the figure (presenter mode: the first three, in one row).
PROBE_DISCRIMINATIVE = "Discriminative q(y=1|x*)"
PROBE_DISCRIMINATIVE_HELP = "The discriminative model's probability that x* is class 1."
PROBE_LOG_PX = "Generative log₂ q(x*)"
PROBE_LOG_PX_HELP = "How likely the generative model finds x* at all: its log density, in bits."
PROBE_RANK = "Data less likely than x*"
PROBE_RANK_HELP = "Share of the training points that q(x) finds less likely than x* (none: x* is unlike all of them)."
#: The value of PROBE_RANK when x* is less likely than every training point.
PROBE_RANK_NONE = "none"
TYPICAL_LOG_PX = "Typical point log₂ q(x)"
TYPICAL_LOG_PX_HELP = "log₂ q(x) of the median training point: what an ordinary x scores."
NEVER_SEEN = (
    "**q(x) says: never seen anything like this.** x* is less likely than every training "
    "point, {times} less likely than a typical one. "
    "Yet the discriminative model answers class {disc_class} with "
    "{confidence} confidence: q(y | x) is an answer even where there are no data."
)
AT_THE_EDGE = (
    "x* is at the edge of the data: less likely than every training point ({bits:.1f} bits below a typical one). "
    "Drag it further out."
)
AMONG_THE_DATA = "x* lies among the data: {share} of training points are less likely. Drag it far away (e.g. 10, 10)."
CANNOT_GENERATE = (
    "The discriminative model cannot do either: it learned only q(y | x), the answer to “which class, given x?”. "
    "It has no q(x) to draw new points from, and no way to say how unusual an x is."
)

# ----------------------------------------------------------------------------------------------- tabs

TABS = ("Both models as classifiers", "Few data: Ng & Jordan (2002)")
CLASSIFIERS_INTRO = (
    "Bayes' rule turns the generative model into a classifier too: q(y | x) = q(x | y) q(y) / q(x). Both panels "
    "show q(y=1 | x) on the same window, with the same colours and the 0.5 boundary as a line."
)
DISCRIMINATIVE_HEADING = "##### Discriminative: q(y | x)"
GENERATIVE_HEADING = "##### Generative: q(x | y) q(y)"
DISCRIMINATIVE_TITLE = "Discriminative model {model}"
GENERATIVE_TITLE = "Generative model {model}, by Bayes' rule"
DISCRIMINATIVE_CAPTION = "**{model}**{detail}: fits q(y | x) directly and nothing else."
GENERATIVE_CAPTION = "**{model}**{detail}: fits q(x | y) and q(y); the picture is q(y | x) = q(x | y) q(y) / q(x)."
NO_GENERATIVE = "The generative model could not be fitted: see the message above."
CLASSIFIERS_NOTE = (
    "On these data the discriminative model reaches {disc_accuracy:.0f} % test accuracy and the generative one "
    "{gen_accuracy:.0f} %: classifying does not need q(x). At x* the generative model answers q(y=1 | x*) = "
    "{gen_p1:.3f}: Bayes' rule only compares the two classes, so it can be confident far from the data too; "
    "what tells it x* is unusual is q(x*)."
)

#: The numbers under each model, one per metric and two per row: short labels and values that fit a half-width
#: panel on a laptop. Templates: ``{test_share}`` is the percentage of points held out.
HELD_OUT = "the {test_share:.0f} % of points held out from fitting"
LOSS_HELP = (
    "Average −log₂ q(true class | x) in bits per point, the cross-entropy H(p̂, q) of the labels: 0 = certain "
    "and right, 1 bit = a coin flip, large = confident mistakes."
)
TRAIN_ACCURACY = "Train accuracy"
TRAIN_ACCURACY_HELP = "Share of the training points classified right."
TEST_ACCURACY = "Test accuracy"
TEST_ACCURACY_HELP = f"Share of the test points classified right ({HELD_OUT})."
TRAIN_LOG_LOSS = "Train log-loss"
TEST_LOG_LOSS = "Test log-loss"
TEST_LOG_LOSS_HELP = f"{LOSS_HELP} Test: {HELD_OUT}."
HELD_OUT_LOG_PX = "Held-out log₂ q(x)"
HELD_OUT_LOG_PX_HELP = (
    "Average log₂ density of the test points under the model: higher means "
    "the model expected them. Only a generative model has this number."
)

CURVE_HEADING = "##### Data efficiency: naive Bayes vs logistic regression"
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
CURVE_NOTE = (
    "With few examples naive Bayes wins; after about n ≈ {crossing:.0f} logistic regression overtakes it. "
    "The generative model's strong assumption (features independent given the class) is a head start: each of "
    "its parameters is estimated separately from few points. The same assumption is wrong here, so it levels "
    "off higher, while the discriminative model keeps improving."
)
CURVE_NOTE_NO_CROSS = "In this run the curves do not cross between n = {first} and n = {last}."

# ----------------------------------------------------------------------------------------------- notice

NOTICE_DISCRIMINATIVE = (
    "Left: the discriminative model paints every point of the window with a class, data or no data; the line "
    "where q(y=1 | x) = 0.5 is all it learned. At x* it answers class {disc_class} with {confidence} confidence."
)
NOTICE_SAMPLES = (
    "Right: the generative model's q(x) is dark only where the data are, and the {n} new points it drew "
    "(triangles) land among the data (circles): it learned where the data live, so it can generate."
)
NOTICE_NO_SAMPLES = (
    "Right: the generative model's q(x) is dark only where the data are: it learned where the data live. "
    "Set “New points from q” above 0 to let it generate."
)
NOTICE_PROBE = (
    "At x*, log₂ q(x*) = {log_px}, against {typical} for a typical training point: q(x) tells "
    "an unusual x from an ordinary one; q(y | x) cannot."
)

NOTICE_WAITING = (
    "Once there are data, the two panels show what each model learned from the same points: the discriminative one "
    "a class for every x, the generative one where the data live."
)

QUIZ = Quiz(
    "A classifier trained on cat and dog photos says q(dog | x) = 0.99 for a photo of a car. What does the 0.99 "
    "tell you?",
    (
        "The car looks a lot like a dog.",
        "Nothing about whether x resembles the training data: q(y | x) assumes x is a cat or a dog and only says "
        "which.",
        "The model has detected that the photo is unusual.",
    ),
    answer=1,
    explain="q(y | x) is conditional on x: it always splits 100 % between the classes it knows. To notice that x "
    "is unlike anything seen, you need q(x), which only a generative model has: drag x* far out on this page and "
    "compare the discriminative q(y=1 | x*) with log₂ q(x*).",
    feedback=(
        "Not necessarily: q(y | x) must split 100 % between cat and dog whatever x is, so 0.99 says “more dog "
        "than cat”, not “dog-like”.",
        "Yes: a conditional probability takes x as given; it has no way to say that x itself is unusual.",
        "It cannot: noticing an unusual x takes q(x), how likely x is at all, and a discriminative model never "
        "learned q(x).",
    ),
)

DEEPER = Deeper(
    "Bayes' rule, the logistic link, and why the curves cross",
    r"""
**From a generative model to a classifier.** A generative classifier fits the class prior $q(y)$ (the class
frequencies) and a density per class $q(x\mid y)$. Bayes' rule turns them into the posterior

$$q(y=1\mid x) = \frac{q(x\mid y=1)\,q(y=1)}{q(x\mid y=0)\,q(y=0) + q(x\mid y=1)\,q(y=1)} = \sigma\big(a(x)\big),$$

$$a(x) = \ln\frac{q(x\mid y=1)\,q(y=1)}{q(x\mid y=0)\,q(y=0)},$$

with $\sigma(a) = 1/(1+e^{-a})$. For two Gaussians with the **same** covariance, $a(x)$ is linear in $x$: the
posterior has exactly the form of logistic regression, $\sigma(w^\top x + b)$. With different covariances (QDA,
naive Bayes) $a(x)$ is quadratic; with mixtures it can take any shape. Logistic regression fits $w, b$
directly by maximising $\sum_i \ln q(y_i\mid x_i)$ and never models $x$.

**Far from the data.** For logistic regression $|w^\top x + b|$ grows without bound as $x$ moves away, so
$q(y\mid x) \to 0$ or $1$: maximal confidence exactly where there is no evidence. A ReLU network is piecewise
linear and does the same. The generative model's $q(x)$ instead falls like $e^{-\lVert x\rVert^2/2}$: within the
sliders' range $\log_2 q(x)$ drops by hundreds of bits, which is how it says "never seen anything like this". (Its
own $q(y\mid x)$ can still be confident there: Bayes' rule only compares the classes.) The RBF SVM is a special
case: far away its kernel features vanish and its $q(y\mid x)$ returns to a constant, but it cannot tell you that
the point is unusual either.

**The numbers.** Log-loss is the cross-entropy of the labels, $H(\hat p, q) = -\frac{1}{n}\sum_i \log_2
q(y_i\mid x_i)$ in bits per point (1 bit = a coin flip). The held-out $\frac{1}{n}\sum_i \log_2 q(x_i)$ is a log
*density*, so it depends on the units of $x$ and can be positive; it is comparable between models on the same
data, higher is better.

**Ng & Jordan (2002).** With $d$ features, naive Bayes estimates each of its parameters separately, and is
close to its own best error after $O(\log d)$ examples; logistic regression fits all $d+1$ weights jointly and
needs $O(d)$. But the naive Bayes assumption (features independent given the class) is usually wrong, so its
best error is higher. Few examples: the generative model wins; many: the discriminative one does. In the
experiment (the second tab), the shared disturbance breaks the independence assumption: logistic regression
learns to subtract it (using the loud features, which carry the disturbance but no class signal), naive Bayes
cannot. In two dimensions there is little to gain, which is why the experiment uses 20 features.
""",
)

TEXT = PageText(
    SLIDE,
    formulas=FORMULAS,
    where=WHERE,
    notice=(NOTICE_DISCRIMINATIVE, NOTICE_SAMPLES, NOTICE_PROBE),
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
