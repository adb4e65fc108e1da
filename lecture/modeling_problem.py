"""What the page "modeling_problem" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "modeling_problem",
    "The generative modeling problem",
    "Given dataset D = {x₁, x₂, ..., xₙ}, learn distribution p(x).",
    (
        "Goal: Given dataset D = {x₁, x₂, ..., xₙ}, learn distribution p(x)",
        "High dimensional data (images: millions of pixels)",
        "Complex dependencies",
        "Cannot model directly",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"\mathcal D = \{x^{(1)}, \dots, x^{(n)}\},\;\; x^{(i)} \in \mathbb R^{64} \qquad\Longrightarrow\qquad "
        r"\text{learn } q(x) \approx p(x) = p(x_1, x_2, \dots, x_{64})",
        r"q_{\text{ind}}(x) = \prod_{j=1}^{64} \mathcal N(x_j;\, \mu_j, \sigma_j^2) \qquad "
        r"q_{\text{Gauss}}(x) = \mathcal N(x;\, \mu, \Sigma) \qquad "
        r"q_{\text{mix}}(x) = \sum_{z=1}^{k} \pi_z\, \mathcal N(x;\, \mu_z, \Sigma_z)",
        r"\text{bits/dim} \;=\; -\frac{1}{n\,d} \sum_{i=1}^{n} \log_2 q\big(x^{(i)}\big)",
    ),
    where=r"$x$: one 8×8 image, $d = 64$ pixel intensities $x_1, \dots, x_{64}$ (0 to 16, dequantised by adding "
    r"uniform noise in [0, 1)); $x^{(i)}$: the $i$-th image of the data set; $p$: the unknown distribution of "
    r"handwritten digits; $q$: a model; $\mu_j, \sigma_j^2$: pixel $j$'s mean and variance; $\Sigma$: the 64×64 "
    r"covariance (2,080 numbers); $z$: which of $k$ components. Lower bits/dim is better; $\log_2 17 = 4.09$ is "
    r"knowing nothing.",
    notice=(
        "Samples from the independent-pixels model look like noise: each pixel has the right mean and spread on its "
        "own, but a digit is made of pixels that move together ({independent} held out).",
        "The full Gaussian keeps every pairwise covariance: its samples start to show strokes and it scores "
        "{gaussian}. The mixture with k = {k} adds “which kind of digit” and does better still: {mixture}.",
        "Lower is better: all three beat the uniform guess of {uniform}, which knows nothing.",
    ),
    quizzes=(
        Quiz(
            "The independent-pixels model matches every pixel's mean and variance. Why do its samples (the second "
            "panel) not look like digits?",
            (
                "It has too few parameters to store 64 means",
                "It ignores how pixels depend on each other, so strokes never line up",
                "Gaussian samples are always noisy",
            ),
            answer=1,
            explain="A product of per-pixel Gaussians draws each pixel on its own. Digits live in the dependencies: "
            "if this pixel is ink, its neighbours along the stroke are ink too. The full Gaussian has the same "
            "per-pixel means and variances and adds the covariances, which capture some of them. (Neither matches a "
            "pixel's actual distribution, which piles up at 0 and 16.)",
            feedback=(
                "It stores exactly 64 means and 64 variances, one pair per pixel: what it lacks is any link between "
                "pixels.",
                "Each pixel is drawn on its own, so the pixels along a stroke are inked independently and the "
                "strokes break up.",
                "The full Gaussian is Gaussian too, and its samples (the third panel) already show strokes: the "
                "difference is its covariance.",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "bits per dimension, parameter counts and the curse of dimensionality",
            r"""
**Bits per dimension.** Pixel values are integers, so a density on them would be infinite at the integers. Adding
uniform noise $u \sim U[0,1)^{64}$ (*dequantisation*) gives continuous data; since the bins have width 1,
*on average over* $u$, $\mathbb{E}_u[-\log_2 q(x+u)]$ is an upper bound on the bits a code based on $q$ needs for the
integer image, $-\log_2 \int q(x+u)\,du$ (Jensen; one draw of $u$ can fall below it) (Theis, van den Oord &
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
smooths between points, but its error still grows with $d$: in $d$ dimensions its mean squared error falls at best
like $n^{-4/(d+4)}$, so each extra dimension needs many times more data.

**The bias of the Gaussian family.** A product of per-pixel *histograms* (17 levels each, one pseudo-count per
level) beats every Gaussian model here (about 2.4 bits/dim held out), because pixel intensities pile up at 0 and 16
(about half of all pixel values are 0), far from bell-shaped: the independent-pixels Gaussian matches each pixel's
mean and variance, not its distribution. The comparison on this
page holds the family fixed (Gaussian) and changes only the dependencies, so it isolates their value.
""",
        ),
    ),
)

#: "What to notice" on each tab, true of what that tab shows. The models' tab: its second sentence depends on how
#: the mixture compares with the single Gaussian (``scenes.modeling_problem.Scores.mixture_vs_gaussian``).
NOTICE_MODELS = TEXT.notice
NOTICE_MIXTURE = {
    "better": TEXT.notice[1],
    "same": "The full Gaussian keeps every pairwise covariance: its samples start to show strokes and it scores "
    "{gaussian}. The mixture with k = {k} scores {mixture}: no better than that one Gaussian.",
    "worse": "The full Gaussian keeps every pairwise covariance: its samples start to show strokes and it scores "
    "{gaussian}. The mixture with k = {k} scores worse, {mixture}: on its training digits it scores {mixture_train}, "
    "so it memorises them.",
}
NOTICE_DEPENDENCIES = (
    "The map shows how pixel ({row}, {col}) moves with every other pixel: its strongest partner is pixel "
    "({partner_row}, {partner_col}), with correlation r = {r}.",
    "{strong:,} of the {pairs:,} pixel pairs have |r| > {threshold:g}: dependencies that the independent-pixels model "
    "throws away and the full Gaussian keeps.",
)
NOTICE_CONSTANT = (
    "Pixel ({row}, {col}) is 0 in every training digit: it never varies, so it has no correlation with anything "
    "(grey).",
    NOTICE_DEPENDENCIES[1],
)
NOTICE_CURSE = (
    "Counting does not scale: with {bins} bins per axis a histogram of 8×8 images needs {cells} cells, against "
    "{n:,} data points, so almost every cell is empty.",
    "Already at d = {d} the histogram's error is {histogram} (1 = all wrong) and {empty} of fresh points land in "
    "an empty cell; the kernel density, which smooths between points, still errs by {kde}.",
)

DATA = (
    "**The data:** {n_total:,} handwritten digits that ship with scikit-learn. Each 8×8 image is one point x in 64 "
    "dimensions; a phone photo has millions. Learn p(x) from {n_train:,} of them and score the other {n_test:,}."
)
TABS = ("Three models of p(x)", "Complex dependencies", "Cannot model directly")
NEXT = (
    "**Next: the way out is hidden structure.** The mixture is already a latent-variable model: a hidden z "
    "(“which component”) explains much of an image at once. The next slides replace that one discrete z by a few "
    "continuous causes (pose, style, thickness) from which the 64 pixels follow."
)

# ----------------------------------------------------------------------------------------------- three models

#: The models' names, in the order of ``scenes.modeling_problem.KINDS``; the mixture's name says its k.
MODEL_NAMES = ("Independent pixels", "One full Gaussian", "Gaussian mixture (k = {k})")
HELP_K = "Each component is a full 64-dimensional Gaussian: a discrete latent z, 'which kind of digit'."
CAPTION_SEED = "The seed picks which images are drawn from each model (and which real digits are shown)."
REAL_CAPTION = "held out, never fitted"
SAMPLE_CAPTION = "held-out: {bits:.2f} bits/dim"
#: Headings of the gallery's panels (the first one: the real digits) and the model names in its table.
GALLERY_HEADINGS = ("Real digits", "Independent pixels", "One full Gaussian", "Mixture, k = {k}")
NUMBER_INDEPENDENT = "Independent pixels"
HELP_INDEPENDENT = "Held-out. 64 separate Gaussians: every pixel's own mean and spread, no dependencies."
NUMBER_GAUSSIAN = "Full Gaussian"
HELP_GAUSSIAN = "Held-out. One Gaussian with all 2,016 pairwise covariances."
NUMBER_MIXTURE = "Mixture, k = {k}"
HELP_MIXTURE = "Held-out. k full Gaussians; too many components memorise the training digits."
NUMBER_UNIFORM = "Uniform (knows nothing)"
HELP_UNIFORM = "log₂ 17: every intensity 0..16 equally likely, every pixel on its own."
WARN_MEMORISES = (
    "With k = {k} the mixture fits its training digits at {train:.2f} bits/dim but scores "
    "{test:.2f} on held-out ones, worse than a single Gaussian: too many parameters for "
    "{n_train:,} images, so it memorises. Lower k."
)

# ----------------------------------------------------------------------------------------------- dependencies

MAP_HEADING = "**Pixel ({row}, {col}) vs every pixel**, laid out as the image"
MATRIX_HEADING = "**All 64 × 64 pixel pairs** (pixel i down, pixel j across)"
KEY_ENDS = ("−1: opposite", "0", "+1: together")
MAP_ALT = "Pixel ({row}, {col})'s correlation with each of the 64 pixels, drawn where that pixel sits in the image."
MATRIX_ALT = "The correlation of every pixel i (row) with every pixel j (column)."
KEY_ALT = "Colour key: blue −1, white 0, vermillion +1."
CAPTION_COLOURS = (
    "Colour = correlation: blue −1 (one is ink when the other is blank), white 0 (unrelated), "
    "vermillion +1 (ink together). Grey: a pixel that never varies. Black frame: the chosen pixel "
    "(its row in the matrix)."
)
INFO_CONSTANT = (
    "Pixel ({row}, {col}) is 0 in every training digit: it never varies, so its correlation with "
    "anything is undefined (grey). Pick a pixel nearer the centre."
)
NUMBER_PARTNER = "Strongest partner"
PARTNER = "({row}, {col})"
HELP_PARTNER = "The pixel whose intensity moves most with the chosen one."
NUMBER_PARTNER_R = "Its correlation"
NUMBER_STRONG = "Pairs with |r| > {strong:g}"
HELP_STRONG = "Out of 2,016 pixel pairs: dependencies the independent-pixels model throws away."
NUMBER_CONSTANT = "Constant pixels"
HELP_CONSTANT = "Always 0 in the training digits (grey in the matrix)."

# ----------------------------------------------------------------------------------------------- the curse

SPINNER_CURSE = "Fitting a histogram and a kernel density in every dimension ..."
CAPTION_TRUTH = "Truth: a standard Gaussian in d dimensions, known exactly. Both estimates see the same n points."
CAPTION_CURSE = (
    "Left: a histogram with {bins} bins per axis has {bins}ᵈ cells (log scale); once they outnumber "
    "the {n:,} data points most cells must stay empty. Right: how far each estimate is from the "
    "true Gaussian, as total variation (TV): the share of probability put in the wrong place, 0 = "
    "perfect, 1 = all wrong. Dashed grey: the share of fresh points that land in an empty cell."
)
NUMBER_CELLS = "Cells for 64 pixels"
HELP_CELLS = "{bins}⁶⁴ histogram cells for an 8×8 image; the universe has about 10⁸⁰ atoms."
NUMBER_HIST = "Histogram error, d = {d}"
HELP_HIST_LAST = "Total variation distance to the truth: 1 = every bit of probability in the wrong place."
NUMBER_KDE_LAST = "Kernel density error, d = {d}"
HELP_KDE_LAST = "Smoothing helps, but the error still climbs with d."

# ----------------------------------------------------------------------------------------------- chart words

DESCRIBE_GALLERY = (
    "Four panels of {n} grey 8×8 images each: real held-out digits, then samples drawn from {models}, each with its "
    "held-out bits per dimension (the panels' headings name the mixture's k)."
)
AXIS_BITS = "bits per dimension (lower = better)"
UNIFORM_RULE = "uniform: {bits:.2f}"
DESCRIBE_BARS = (
    "Bar chart of bits per dimension for {n} models on held-out (black) and training (grey) digits; {best} scores "
    "best on held-out digits; the dashed line is the uniform model at {uniform:.2f}."
)
#: A model's name in the text alternatives, without the value of the k slider (``MODEL_NAMES``, shortened).
DESCRIBED_KIND = ("Independent pixels", "One full Gaussian", "the Gaussian mixture")
LABEL_CELLS = "cells: binsᵈ"
LABEL_POINTS = "data points: n = {n:,}"
TITLE_CELLS = "Cells a histogram needs vs data points"
AXIS_DIMS_64 = "dimension d (8×8 digits: d = 64)"
DESCRIBE_CELLS = (
    "Line chart of log₁₀ of the {bins}ᵈ cells a histogram with {bins} bins per axis needs, against the dimension d "
    "up to 64, with the {n:,} data points as a dashed line."
)
LABELS_ERROR = ("histogram: error", "kernel density: error", "share of new points in empty cells")
TITLE_ERROR = "Estimation error vs dimension"
DESCRIBE_ERROR = (
    "Line chart of the total variation error of a histogram and of a kernel density fitted to {n:,} points of a "
    "standard Gaussian, against the dimension d; at d = {d} the histogram's error is {hist:.2f} and the kernel "
    "density's {kde:.2f}; a dashed grey line shows the share of new points in empty cells."
)
