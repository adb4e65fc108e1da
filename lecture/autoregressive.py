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
        r"q(x) = \prod\nolimits_{t=1}^{n} q(x_t \mid x_{<t}) \quad\Longrightarrow\quad "
        r"\log_2 q(x) = \sum\nolimits_{t=1}^{n} \log_2 q(x_t \mid x_{<t}) \;\text{bits}",
    ),
    where=r"The chain rule of probability holds for any distribution over sequences, the data's $p$ as well as "
    r"the model $q$; an autoregressive model only chooses how to compute each conditional "
    r"$q(x_t \mid x_{<t})$. $x_t$: step $t$ of $n$ (a character, a pixel, an audio sample); $x_{<t}$: everything "
    r"generated before it. Generate by drawing $x_1$, then $x_2$ given $x_1$, and so on.",
    notice=(
        "Each step is an ordinary probability distribution over the next character, pixel or sample; drawing "
        "from it and appending the result is all that generation is.",
        "Because every step's probability is explicit, the model scores any example exactly: the bits of a whole "
        "text, image or sound are the sum of −log₂ of its step probabilities (the chain rule).",
    ),
    quizzes=(
        Quiz(
            "A character model q gives a 4-character word the step probabilities 0.5, 0.25, 0.5 and 1. How many "
            "bits does it need to encode the word?",
            ("1.25 bits", "4 bits", "2.25 bits", "0.0625 bits"),
            answer=1,
            explain="Chain rule: log₂ q(word) = log₂ 0.5 + log₂ 0.25 + log₂ 0.5 + log₂ 1 = −1 − 2 − 1 + 0 = −4, so "
            "4 bits (q(word) = 1/16).",
            feedback=(
                "1.25 is the sum of the probabilities themselves; bits add up −log₂ of each probability instead.",
                "The step surprises −log₂ 0.5 = 1, −log₂ 0.25 = 2, 1 and 0 add up to 4 bits.",
                "2.25 adds 1, 0.25, 1 and 0: the middle step has probability 1/4, which costs 2 bits, not 0.25.",
                "0.0625 = 1/16 is q(word) itself, a probability; the code length is −log₂ 1/16 = 4 bits.",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "the chain rule, teacher forcing and why sampling is slow",
            r"""
**The chain rule** follows from the product rule $q(a, b) = q(a)\,q(b \mid a)$ applied repeatedly:
$q(x_1, x_2, x_3) = q(x_1)\,q(x_2 \mid x_1)\,q(x_3 \mid x_1, x_2)$. It assumes nothing and holds for the data
distribution $p$ too; a model only has to choose how to compute each conditional (here: counts with back-off,
logistic regressions, a linear predictor). Because each conditional sums to one over the next value, the product
sums to one over whole sequences: the model is normalised by construction, with no partition function to
estimate.

**Training is parallel.** For a training example every $x_{<t}$ is known, so all $n$ conditionals are scored at
once ("teacher forcing"): for the pixels this is one masked matrix product $\sigma(XW^\top + b)$ with $W$
strictly lower-triangular. PixelCNN masks convolutions, Transformers mask attention the same way.
Maximum likelihood then minimises $-\frac1N\sum_i \log_2 q(x^{(i)})$, the bits needed to encode the data: the
cross-entropy $H(\hat p, q)$ between the empirical distribution $\hat p$ and the model.

**Sampling is sequential.** $x_t$ cannot be drawn before $x_{t-1}$ exists, so generating $n$ steps takes $n$
passes: 200 characters, 64 pixels, 8,000 audio samples per second here; millions of steps for a real image or
sound, which is why WaveNet was slow to sample.

**Temperature changes the sampler, not the model.** Sampling at temperature $T$ draws from
$q_T(c) \propto q(c)^{1/T}$. The bars, the entropy curve and the surprise on the Text tab show $q_T$, the
distribution each character was actually drawn from; the number $\log_2 q(x_1 \dots x_t)$ scores the same
characters with the model $q$ itself. At $T = 1$ the two agree; below 1 the sampler is surer of its draws than the
model is.

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
    r"q(x_1,\dots,x_n) = \prod_{t=1}^{n} q(x_t \mid \underbrace{x_{t-k},\dots,x_{t-1}}_{\text{context } s})",
    r"q(c \mid s) = \frac{\mathrm{count}(s,c) + \beta\, q(c \mid s')}{\mathrm{count}(s) + \beta}",
)
#: What the symbols of each tab's formula mean (hidden in presenter mode, where the figure needs the room).
TEXT_WHERE = (
    r"$x_t$: the $t$-th character; $s$: the last $k$ characters (the context); $s'$: $s$ without its "
    r"first character (back-off to a shorter context, down to uniform). Sampling at temperature $T$ draws "
    r"from $q_T(c) \propto q(c)^{1/T}$ ($q_1 = q$): the bars, the entropy and the surprise show $q_T$."
)
#: "What to notice" on the Text tab: templates filled from the run and the held-out curve.
TEXT_NOTICE = (
    "Each step is an ordinary probability distribution over the next character: the bars show the distribution "
    "the character at the step slider was drawn from (temperature T = {temperature:g}); drawing from it and "
    "appending the draw is all that generation is. Scrub the step slider to watch it happen.",
    "The model scores any text exactly with the chain rule: the {n} generated characters cost −log₂ q = "
    "{bits:.1f} bits under the model, the sum of −log₂ q(xₜ | context) over their {n} steps.",
)
#: The third sentence of the Text tab's notice: long contexts overfit this text, or (a text too repetitive to
#: overfit) they do not.
TEXT_NOTICE_OVERFIT = (
    "Context beats letter frequencies: on held-out text k = {best} needs {best_bpc:.2f} bits per character against "
    "{unigram:.2f} for k = 0, and the longest context, k = {max_k}, overfits ({long_bpc:.2f} bits per character)."
)
TEXT_NOTICE_NO_OVERFIT = (
    "On held-out text k = {best} needs {best_bpc:.2f} bits per character against {unigram:.2f} for k = 0; this "
    "text is regular enough that even k = {max_k} does not overfit it ({long_bpc:.2f})."
)
BUILTIN, PASTED = "Built-in essay", "My own text"
SOURCE_HELP = "Built-in: {title}, {chars:,} characters."
PASTE_LABEL = "Paste any text, any language (at least {min_chars} characters)"
PASTE_HELP = (
    "Longer is better: at most {cap:,} characters fit in the box and the model learns from the first {max_chars:,}. "
    "The last {held:.0%} is held out to measure bits per character. Not kept in the page's link (too long for one)."
)
PASTE_FIRST = (
    "Paste a text in the box to learn from it; until then the page shows the built-in essay. (A pasted text is not "
    "kept in the page's link.)"
)
K_HELP = "How many previous characters the model looks at (0 to {max_k}). k = 0: letter frequencies only."
TEMPERATURE_HELP = (
    "The sampler draws from $q_T(c) \\propto q(c)^{1/T}$. Below 1: safer, more repetitive. Above 1: wilder."
)
PROMPT_HELP = "The generation continues this text. At most {cap} characters."
STEP_LABEL = "Step t: scrub through the generation"
MODEL_SPINNER = "Counting contexts of every length …"
CURVE_SPINNER = "Scoring held-out text for every context length …"
LONG_TEXT = "Long text: {note}, to keep the page fast."
UNKNOWN_PROMPT = (
    "The prompt uses characters that never occur in the text ({chars}), so the model cannot continue it: starting "
    "from the beginning of a text instead."
)
SINGLE_CHARACTER = "The text uses a single character, so every prediction is certain: 0 bits per character."
TEXT_STEP = "Step {step}: context “{context}” → drew “{drawn}” with probability {p:.3f} (q at T = {temperature:g})."
TEXT_STEPS_TITLE = "Steps 1 to {step} of {n}: uncertainty and surprise per step"
#: Axis and legend titles of the Text tab's charts (plain text: Vega-Lite titles render no maths).
BARS_Y = "q(· | context) at T = {temperature:g}"
ENTROPY_SERIES = "entropy of q at T = {temperature:g}"
SURPRISE_SERIES = "surprise of the drawn character"
ENTROPY_AT = "Entropy H at step {step}"
ENTROPY_HELP = (
    "$H(q_T)$ at $T = {temperature:g}$: the entropy of the distribution character {step} was drawn from, how unsure "
    "the sampler was."
)
SURPRISE_AT = "Surprise of the draw"
SURPRISE_HELP = "$-\\log_2 q_T$ of the drawn character at $T = {temperature:g}$: how unexpected the draw was."
LOG2_Q_AT = "log₂ q(x₁ … x{step_sub})"
#: Digits as subscripts, for labels that name x₁ … x₂₄ (plain text cannot render maths).
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
LOG2_Q_HELP = (
    "The chain rule: the sum of $\\log_2 q(x_t \\mid \\text{{context}})$ over the first {step} generated characters, "
    "scored by the model $q$ itself. All {n}: {total:.1f} bits."
)
LOG2_Q_T_HELP = (
    " The sampler's $q_T$ at $T = {temperature:g}$ gave all {n} characters {total_t:.1f} bits: temperature changes "
    "the sampler, not the model."
)
HELD_OUT_HELP = (
    "Average $-\\log_2 q(x_t \\mid \\text{{context}})$ on the last {held:.0%} of the text, never seen in training."
)
UNIGRAM_HELP = "The independent baseline: character frequencies only."
BEST_K_HELP = "The context length with the fewest held-out bits per character."
CONTEXT_CURVE = (
    "**Bits per character vs context length.** On held-out text the best context is k = {best} "
    "({bpc:.2f} bits/char). Shorter contexts underfit: they cannot spell. Longer ones overfit: almost every long "
    "context was seen once, so the model recalls what followed it in training (the dashed curve keeps falling) and "
    "is wrong on new text."
)
CONTEXT_CURVE_NO_OVERFIT = (
    "**Bits per character vs context length.** On held-out text the best context is k = {best} "
    "({bpc:.2f} bits/char): this text is regular enough that longer contexts keep helping on new text too."
)
ALPHABET = "Alphabet: {size} characters; the last {held:.0%} of the text is held out."

# ----------------------------------------------------------------------------------------------- text tab: tiny GPT

MODEL_LABEL = "Model"
MODEL_HELP = (
    "n-gram: counts of what followed each context of k characters in the chosen text. tiny GPT: a small "
    "transformer trained once on the built-in essay (shipped weights, loaded from a file, never retrained here)."
)
GPT_FORMULAS = (
    r"q(x_t = c \mid x_{<t}) = \mathrm{softmax}(z_t)_c,\qquad z_t = \mathrm{GPT}_\theta(x_{<t})",
    r"A_h = \mathrm{softmax}\big(Q_h K_h^{\top} / \sqrt{d_h} + M\big),\qquad M_{ij} = -\infty \text{ for } j > i",
)
GPT_WHERE = (
    r"$z_t$: the network's score (logit) for each of the {vocab} characters; $\theta$: its {params:,} weights, "
    r"{layers} layers of {heads} attention heads, width {width}, reading at most the last {block} tokens. $A_h$: "
    r"attention of head $h$; row $i$ says how much position $i$ reads from each position $j \le i$ and sums to 1; "
    r"$M$ hides later positions (the causal mask). Sampling at temperature $T$ draws from "
    r"$q_T(c) = \mathrm{{softmax}}(z_t / T)_c$; $\log_2 q$ of the text is scored with $q$ itself ($T = 1$)."
)
GPT_SPINNER = "Loading the tiny GPT and generating 200 characters …"
GPT_ONLY_ESSAY = (
    "The tiny GPT learned from the first {share:.0%} of the built-in essay ({train:,} characters); context length "
    "and a pasted text apply to the n-gram."
)
GPT_UNKNOWN_PROMPT = (
    "The tiny GPT never saw these characters in training ({chars}): it knows only the essay's {size} characters, "
    "so it cannot read this prompt. Starting from the beginning of a text instead."
)
ATTENTION = (
    "**What each head reads at step {step}.** One heatmap per layer and head: row i shows how position i shares "
    "its attention (each row sums to 1) over the positions up to it, never after it (the causal mask). The "
    "outlined bottom row is what the prediction of character {step} reads; ▸ is the start symbol."
)
YARDSTICK_HEADING = (
    "**One yardstick: held-out bits per character** (trained on the first {train:,} characters of the essay, "
    "scored on the last {held:,}; lower is better)"
)
YARDSTICK_COLUMNS = ("model", "held-out bits/char", "parameters")
YARDSTICK_ROWS = (
    ("unigram (letter frequencies)", "{unigram_bpc:.3f}", "{unigram_params:,} probabilities"),
    ("n-gram, k = {ngram_k}, β = 1 (this page's best k)", "{ngram_bpc:.3f}", "{ngram_params:,} counts"),
    (
        "n-gram, k = {tuned_k}, β = {tuned_beta:g} (tuned on a validation slice)",
        "{tuned_bpc:.3f}",
        "{tuned_params:,} counts",
    ),
    ("tiny GPT ({n_layer} layers × {n_head} heads)", "{gpt_bpc:.3f}", "{gpt_params:,} weights"),
)
YARDSTICK_NOTE = (
    "Measured, not quoted: the numbers come from the shipped record and a test re-measures each one against the "
    "models. This page's n-gram picks k on the held-out text itself, which flatters it; the tuned n-gram and the "
    "GPT chose their settings on a validation slice cut from the training part. An n-gram's parameters are its "
    "stored counts, one per (context, next character) pair seen. The GPT scores {gpt_train:.2f} bits per "
    "character on its own training text."
)
#: The Text tab's "what to notice" with the tiny GPT: the bars, the chain rule, the attention and the yardstick.
GPT_NOTICE = (
    "Each step is an ordinary probability distribution over the next character: the bars show the distribution "
    "the character at the step slider was drawn from (temperature T = {temperature:g}), computed by the tiny GPT "
    "from the characters before it.",
    "The model scores any text exactly with the chain rule: the {n} generated characters cost −log₂ q = "
    "{bits:.1f} bits under the model, the sum of −log₂ q(xₜ | x₁ … xₜ₋₁) over their {n} steps.",
    "In every heatmap the cells right of the diagonal are empty: a position can only read the ones before it, "
    "which is what lets the model be trained on all positions of a text at once.",
)
GPT_NOTICE_TUNED_WINS = (
    "On held-out text the tiny GPT needs {gpt:.2f} bits per character with {gpt_params:,} weights, this page's "
    "best n-gram {ngram:.2f} and letter frequencies {unigram:.2f}; an n-gram with its back-off tuned on a "
    "validation slice needs {tuned:.2f} with {tuned_params:,} counts: with {train:,} characters to learn from, "
    "attention does not beat well-tuned counting."
)
GPT_NOTICE_GPT_WINS = (
    "On held-out text the tiny GPT needs {gpt:.2f} bits per character with {gpt_params:,} weights, this page's "
    "best n-gram {ngram:.2f}, an n-gram tuned on a validation slice {tuned:.2f} and letter frequencies "
    "{unigram:.2f}."
)

# ----------------------------------------------------------------------------------------------- image tab

IMAGE_FORMULAS = (
    r"q(x) = \prod_{i=1}^{64} q(x_i \mid x_{<i}),\qquad "
    r"q(x_i = 1 \mid x_{<i}) = \sigma\Big(b_i + \sum_{j<i} W_{ij}\, x_j\Big)",
)
IMAGE_WHERE = (
    r"$x_i \in \{0, 1\}$: pixel $i$ of a binarised 8×8 digit, in raster order (left to right, top to "
    r"bottom); $x_{<i}$: the pixels above and to its left; $W$ is strictly lower-triangular, the causal mask "
    r"of PixelCNN; one logistic regression per pixel."
)
IMAGE_NOTICE = (
    "Each pixel is a coin whose probability depends on the pixels drawn before it: every drawn pixel of the canvas "
    "shows q(xᵢ = 1 | x₁ … xᵢ₋₁), the probability it was drawn with.",
    "Context beats independent pixels: the model needs {ar:.1f} bits per held-out digit, independent pixels "
    "{independent:.1f}; {subject} costs {this:.1f} bits, the sum of −log₂ q over its {pixels} pixels.",
)
TASKS = ("Complete a held-out digit", "Generate from scratch")
DIGIT_HELP = "One of {n} digits the model never saw in training."
ROWS_HELP = "The top rows are copied from the real digit; the rest is generated."
PIXEL_STEP_LABEL = "Step i: pixels drawn so far"
PIXEL_STEP_HELP = "With i pixels drawn, pixel i + 1 (outlined) is drawn next from q(xᵢ₊₁ | x₁ … xᵢ)."
PIXEL_SPINNER = "Fitting {n} logistic regressions, one per pixel …"
CANVAS_TITLE = "q(xᵢ = 1 | x₁ … xᵢ₋₁) of each drawn pixel"
NEXT_PIXEL = "**Next: pixel {pixel}** (row {row}, column {column})"
NEXT_PIXEL_P = "q(on | pixels before) = **{p:.2f}**"
SAMPLER = "The sampler draws a uniform number u and turns the pixel on if u < q."
ALL_DRAWN = "**All {n} pixels drawn.**"
GIVEN_FIRST = "The first {n} pixels are given, so the drawing starts at pixel {start}."
AR_IMAGE_HELP = "Average $-\\log_2 q(x)$ over the {n} held-out digits: the chain rule summed over {pixels} pixels."
INDEPENDENT_HELP = "Baseline: every pixel its own coin, no context."
#: The image the tab scores: the real held-out digit (completion) or the first sample (from scratch, on the canvas).
THIS_IMAGE = ("Real digit", "Sample 1")
THIS_SUBJECT = ("the real held-out digit", "sample 1 (on the canvas)")
THIS_IMAGE_HELP = (
    "$-\\log_2 q(x)$ of {subject}: the chain rule over its {pixels} pixels, each scored given the pixels before it."
)
PER_PIXEL_HELP = "The held-out bits per image shared over its {pixels} pixels (1 bit = a fair coin per pixel)."
FINISHED = "**Finished images** (every one drawn pixel by pixel; the first is the one above)"

# ----------------------------------------------------------------------------------------------- audio tab

AUDIO_FORMULAS = (
    r"q(x_1,\dots,x_n) = \prod_t q(x_t \mid x_{<t}),\qquad "
    r"q(x_t \mid x_{<t}) = \mathcal{N}\Big(x_t;\; c + \sum_{k} a_k\, x_{t-\ell_k},\; \sigma^2\Big)",
)
AUDIO_WHERE = (
    r"$x_t$: the $t$-th audio sample (8 kHz, 8 bits: 256 levels in $[-1, 1]$, each level gets the "
    r"Gaussian's mass over its cell); lags $\ell_k = 1, 2, \dots, m$ ($m$ coefficients) or dilated "
    r"$1, 2, 4, 8, \dots$; $a_k, c$ by least squares, $\sigma$ = residual spread."
)
AUDIO_NOTICE = (
    "Each sample is drawn from a Gaussian around a weighted sum of the samples before it: the shaded band is its "
    "mean ± 2σ, and the bars show the distribution the sample at the step slider was drawn from.",
    "Context beats white noise: looking back {samples} samples, the model needs {ar:.2f} bits per held-out sample "
    "against {white:.2f} for independent draws.",
)
AUDIO_STEP_LABEL = "Step t: samples generated so far"
DILATED_HELP = (
    "Look back 1, 2, 4, 8, … samples instead of 1, 2, 3, 4, …: WaveNet's trick to see far back with few coefficients."
)
AUDIO_SPINNER = "Fitting the AR model and generating one second of sound …"
AUDIO_STEP = (
    "Step {step}: predicted μ = {mean:.3f}, σ = {std:.4f}; drew {drawn:.3f} (probability {p:.3f} for its 8-bit level)."
)
AR_AUDIO_HELP = (
    "Average $-\\log_2 q(x_t \\mid x_{{<t}})$ on the last {seconds:g} s of the sound (not used for fitting)."
)
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
