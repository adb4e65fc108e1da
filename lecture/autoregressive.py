"""What the page "autoregressive" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "autoregressive",
    "Autoregressive models",
    "Generate data one step at a time; each step depends on previous outputs.",
    (
        "Generate data one step at a time",
        "Each step depends on previous outputs",
        "Explicitly compute probabilities",
        "Examples: GPT / Transformer language models, PixelCNN, WaveNet",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"p(x) = \prod_{t=1}^{T} p(x_t \mid x_{<t}) \qquad\Longrightarrow\qquad "
        r"\log_2 p(x) = \sum_{t=1}^{T} \log_2 p(x_t \mid x_{<t}) \;\text{bits}",
    ),
    where=r"The chain rule of probability: exact for any distribution over sequences. $x_t$: step $t$ "
    r"(a character, a pixel, an audio sample); $x_{<t}$: everything generated before it; $q$: the model's "
    r"estimate of each conditional. Generate by drawing $x_1$, then $x_2$ given $x_1$, and so on.",
    notice=(
        "Each step is an ordinary probability distribution over the next character, pixel or sample; drawing "
        "from it and appending the result is all that generation is. Scrub the step slider to watch it happen.",
        "Because every step's probability is explicit, the model scores any example exactly: the bits per "
        "character, image or sample are sums of −log₂ of the step probabilities (the chain rule).",
        "Context is what beats the independent baselines (unigram letters, independent pixels, white noise); "
        "too much context for the data overfits, as the held-out curve in the Text tab shows.",
    ),
    quizzes=(
        Quiz(
            "A character model gives a 4-character word the step probabilities 0.5, 0.25, 0.5 and 1. How many bits "
            "does it need to encode the word?",
            ("1.25 bits", "4 bits", "2.25 bits", "0.0625 bits"),
            answer=1,
            explain="Chain rule: log₂ p(word) = log₂ 0.5 + log₂ 0.25 + log₂ 0.5 + log₂ 1 = −1 − 2 − 1 + 0 = −4, so "
            "4 bits (p(word) = 1/16).",
        ),
    ),
    deeper=(
        Deeper(
            "the chain rule, teacher forcing and why sampling is slow",
            r"""
**The chain rule** follows from the product rule $p(a, b) = p(a)\,p(b \mid a)$ applied repeatedly:
$p(x_1, x_2, x_3) = p(x_1)\,p(x_2 \mid x_1)\,p(x_3 \mid x_1, x_2)$. It assumes nothing; a model only has to
choose how to compute each conditional (here: counts with back-off, logistic regressions, a linear predictor).
Because each conditional sums to one over the next value, the product sums to one over whole sequences: the
model is normalised by construction, with no partition function to estimate.

**Training is parallel.** For a training example every $x_{<t}$ is known, so all $T$ conditionals are scored at
once ("teacher forcing"): for the pixels this is one masked matrix product $\sigma(XW^\top + b)$ with $W$
strictly lower-triangular. PixelCNN masks convolutions, Transformers mask attention the same way.
Maximum likelihood then minimises $-\frac1N\sum_n \log_2 q(x^{(n)})$, the bits needed to encode the data: the
cross-entropy between data and model.

**Sampling is sequential.** $x_t$ cannot be drawn before $x_{t-1}$ exists, so generating $T$ steps takes $T$
passes: 200 characters, 64 pixels, 8,000 audio samples per second here; millions of steps for a real image or
sound, which is why WaveNet was slow to sample.

**Overfitting in bits.** A context seen once in training puts $1/(1+\beta)$ of its mass on the character that
followed it. On the training text that is nearly always right; on new text it is usually wrong. Held-out bits per
character are the honest score (Shannon 1951 estimated about 1 bit per character for English, given a human's
knowledge of the language).
""",
        ),
    ),
)

TABS = ("Text: the GPT idea", "Images: the PixelCNN idea", "Audio: the WaveNet idea")

# ----------------------------------------------------------------------------------------------- text tab

TEXT_FORMULAS = (
    r"p(x_1,\dots,x_T) = \prod_{t=1}^{T} q(x_t \mid \underbrace{x_{t-k},\dots,x_{t-1}}_{\text{context } s})",
    r"q(c \mid s) = \frac{\mathrm{count}(s,c) + \beta\, q(c \mid s')}{\mathrm{count}(s) + \beta}",
)
#: What the symbols of each tab's formula mean (hidden in presenter mode, where the figure needs the room).
TEXT_WHERE = (
    r"$x_t$: the $t$-th character; $s$: the last $k$ characters (the context); $s'$: $s$ without its "
    r"first character (back-off to a shorter context, down to uniform). Sampling at temperature $T$ draws "
    r"from $q_T(c) \propto q(c)^{1/T}$."
)
BUILTIN, PASTED = "Built-in essay", "My own text"
SOURCE_HELP = "Built-in: {title}, {chars:,} characters."
PASTE_LABEL = "Paste any text, any language (at least {min_chars} characters)"
PASTE_HELP = (
    "Longer is better. Only the first {max_chars:,} characters are used. The last {held:.0%} is held out to measure "
    "bits per character."
)
K_HELP = "How many previous characters the model looks at. k = 0: letter frequencies only."
TEMPERATURE_HELP = "Below 1: safer, more repetitive. Above 1: wilder."
MODEL_SPINNER = "Counting contexts of every length …"
CURVE_SPINNER = "Scoring held-out text for every context length …"
LONG_TEXT = "Long text: {note}, to keep the page fast."
UNKNOWN_PROMPT = (
    "The prompt uses characters that never occur in the text ({chars}), so the model cannot continue it: starting "
    "from the beginning of a text instead."
)
SINGLE_CHARACTER = "The text uses a single character, so every prediction is certain: 0 bits per character."
TEXT_STEP = "Step {step}: context “{context}” → drew “{drawn}” with probability {p:.3f}."
TEXT_STEPS_TITLE = "Steps 1 to {step} of {n}: uncertainty and surprise per step"
ENTROPY_AT = "Entropy at step {step}"
ENTROPY_HELP = "H(q_T) of the distribution the character was drawn from: how unsure the model was."
SURPRISE_HELP = "−log₂ of the drawn character's probability."
HELD_OUT_HELP = "Average −log₂ q(x_t | context) on the last {held:.0%} of the text, never seen in training."
UNIGRAM_HELP = "The independent baseline: character frequencies only."
BEST_K_HELP = "The context length with the fewest held-out bits per character."
LOG2_Q_HELP = "log₂ q of the {n} generated characters: the sum of the step log-probabilities."
CONTEXT_CURVE = (
    "**Bits per character vs context length.** On held-out text the best context is k = {best} "
    "({bpc:.2f} bits/char). Shorter contexts underfit: they cannot spell. Longer ones overfit: almost every long "
    "context was seen once, so the model recalls what followed it in training (the dashed curve keeps falling) and "
    "is wrong on new text."
)
ALPHABET = "Alphabet: {size} characters; the last {held:.0%} of the text is held out."

# ----------------------------------------------------------------------------------------------- image tab

IMAGE_FORMULAS = (
    r"p(x) = \prod_{i=1}^{64} q(x_i \mid x_{<i}),\qquad "
    r"q(x_i = 1 \mid x_{<i}) = \sigma\Big(b_i + \sum_{j<i} W_{ij}\, x_j\Big)",
)
IMAGE_WHERE = (
    r"$x_i \in \{0, 1\}$: pixel $i$ of a binarised 8×8 digit, in raster order (left to right, top to "
    r"bottom); $x_{<i}$: the pixels above and to its left; $W$ is strictly lower-triangular, the causal mask "
    r"of PixelCNN; one logistic regression per pixel."
)
TASKS = ("Complete a held-out digit", "Generate from scratch")
DIGIT_HELP = "One of {n} digits the model never saw in training."
ROWS_HELP = "The top rows are copied from the real digit; the rest is generated."
PIXEL_STEP_HELP = "Pixel i + 1 (outlined) is drawn next from q(x_i | x_<i)."
PIXEL_SPINNER = "Fitting {n} logistic regressions, one per pixel …"
CANVAS_TITLE = "q(x_i = 1 | x_<i) of each drawn pixel"
NEXT_PIXEL = "**Next: pixel {pixel}** (row {row}, column {column})"
NEXT_PIXEL_P = "q(on | pixels before) = {p:.2f}"
SAMPLER = "The sampler draws a uniform number u and turns the pixel on if u < q."
ALL_DRAWN = "**All {n} pixels drawn.**"
GIVEN_FIRST = "The first {n} pixels are given, so the drawing starts at pixel {start}."
AR_IMAGE_HELP = "Average −log₂ p(x) over the {n} held-out digits: the chain rule summed over {pixels} pixels."
INDEPENDENT_HELP = "Baseline: every pixel its own coin, no context."
THIS_IMAGE_HELP = "−log₂ p(x) of the real digit (completion) or of sample 1 (from scratch)."
PER_PIXEL_HELP = "The held-out bits per image shared over its {pixels} pixels (1 bit = a fair coin per pixel)."
FINISHED = "**Finished images** (every one drawn pixel by pixel; the first is the one above)"

# ----------------------------------------------------------------------------------------------- audio tab

AUDIO_FORMULAS = (
    r"p(x_1,\dots,x_T) = \prod_t q(x_t \mid x_{<t}),\qquad "
    r"q(x_t \mid x_{<t}) = \mathcal{N}\Big(x_t;\; c + \sum_{k} a_k\, x_{t-\ell_k},\; \sigma^2\Big)",
)
AUDIO_WHERE = (
    r"$x_t$: the $t$-th audio sample (8 kHz, 8 bits: 256 levels in $[-1, 1]$, each level gets the "
    r"Gaussian's mass over its cell); lags $\ell_k = 1, 2, \dots, p$ or dilated $1, 2, 4, 8, \dots$; "
    r"$a_k, c$ by least squares, $\sigma$ = residual spread."
)
DILATED_HELP = (
    "Look back 1, 2, 4, 8, … samples instead of 1, 2, 3, 4, …: WaveNet's trick to see far back with few coefficients."
)
AUDIO_SPINNER = "Fitting the AR model and generating one second of sound …"
AUDIO_STEP = (
    "Step {step}: predicted μ = {mean:.3f}, σ = {std:.4f}; drew {drawn:.3f} (probability {p:.3f} for its 8-bit level)."
)
AR_AUDIO_HELP = "Average −log₂ P(x_t | x_<t) on the last {seconds:g} s of the sound (not used for fitting)."
WHITE_NOISE_HELP = "Baseline: every sample drawn independently from one Gaussian."
SPREAD_HELP = "The standard deviation of every predictive distribution (the residual spread)."
LOOKS_BACK_HELP = "{samples} samples with {coefficients} coefficients."
ORIGINAL = "**Original** (1 s, made in numpy)"
GENERATED = "**Generated**, one sample at a time (1 s)"
AUDIO_CAPTION = (
    "The linear model gets the resonances (the colour of the sound) right, but its only source is random noise: "
    "the vowel comes out whispered. WaveNet replaces the weighted sum by a deep network of dilated convolutions and "
    "the Gaussian by a softmax over the 256 levels."
)
