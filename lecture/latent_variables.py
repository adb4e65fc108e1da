"""What the page "latent_variables" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "latent_variables",
    "Latent variables",
    "Hidden/unobserved variables that explain data: z represents compressed information about x.",
    (
        "What are latent variables? Hidden/unobserved variables that explain data",
        "z represents compressed information about x",
        "Why latent variables help: reduce complexity, capture semantics, enable generation",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"z \sim \mathcal{N}(0, I_k), \qquad x = \mu + W z + \varepsilon,\quad "
        r"\varepsilon \sim \mathcal{N}(0, \sigma^2 I)",
        r"\Longrightarrow\qquad q(x) = \int q(x \mid z)\,p(z)\,dz = \mathcal{N}\!\big(x \mid \mu,\; W W^\top +"
        r" \sigma^2 I\big)",
    ),
    quizzes=(
        Quiz(
            "PPCA with k = 10 latent dimensions is fitted to 64-pixel digits. Which statement is true?",
            (
                "Each digit needs 64 numbers to be stored, as before",
                "The covariance W Wᵀ + σ² I has 2,080 free numbers, like a full Gaussian",
                "It has about a third of a full Gaussian's parameters, and its density q(x) is still exact",
                "Its density q(x) can only be estimated by sampling z",
            ),
            answer=2,
            explain="W has 640 numbers (minus 45 rotations) plus μ and σ²: 660 against 2,144. Because everything is "
            "linear and Gaussian, integrating z out is exact; for nonlinear decoders it is not (the next page).",
            feedback=(
                "Stored compressed, a digit needs only its 10 numbers z (plus the shared μ and W).",
                "W Wᵀ has rank 10: it is fixed by W's 640 numbers, not 2,080 free ones.",
                "Yes: fewer parameters, and integrating a Gaussian z through a linear decoder gives q(x) in closed "
                "form.",
                "Sampling is needed only when the decoder is nonlinear; here the integral has a closed form.",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "why PPCA's maximum-likelihood solution is PCA",
            r"""
Integrating $z$ out: $x = \mu + W z + \varepsilon$ is a sum of Gaussians, so the model's density is
$q(x) = \mathcal{N}(x \mid \mu, C)$ with $C = W W^\top + \sigma^2 I$. Its log-likelihood for $n$ digits with
sample covariance $S$ is
$$\ell = -\tfrac{n}{2}\big[d \log 2\pi + \log\det C + \operatorname{tr}(C^{-1} S)\big].$$
Tipping & Bishop (1999) show the maximum is at
$$W = U_k (\Lambda_k - \sigma^2 I)^{1/2} R, \qquad \sigma^2 = \frac{1}{d-k}\sum_{j > k} \lambda_j,$$
where $U_k, \Lambda_k$ are the top $k$ eigenvectors and eigenvalues of $S$ (ordinary PCA), $R$ any rotation
(why $k(k-1)/2$ parameters are not free) and $\sigma^2$ the average variance PCA leaves out.

**Bits per pixel.** Pixels are integers $0..16$; each is dequantised to $(v + u)/17$ with $u \sim U[0,1)$. Then
$-\log_2 q(x)/64 + \log_2 17$, *averaged over* $u$, is an upper bound on the code length per pixel of the integer image
(Jensen: one draw of $u$ can fall below it); a model that
knows nothing scores $\log_2 17 = 4.09$.

**Why standardise.** Plain PPCA gives every pixel the same noise $\sigma^2$, but the border pixels of these
digits are almost always blank: their true spread is tiny. Dividing each pixel by its spread first
(a fixed rescaling, whose log-Jacobian $-\sum_j \log s_j$ is added back) gives PPCA a fair noise model; plain
PPCA needs many more latents before it beats independent pixels (the third tab counts them).
""",
        ),
    ),
)

#: The symbols of the formulas (filled from the data: pixels per digit, training digits).
WHERE = (
    r"$x$: a digit, {pixels} pixels; $z$: $k$ hidden numbers with prior $p(z) = \mathcal{{N}}(0, I_k)$; "
    r"$W$ (${pixels} \times k$): what each $z_j$ adds to the image; $\mu$: the mean digit; $q$: the model. This is "
    r"probabilistic PCA, fitted to {n_train:,} digits without their labels."
)

#: "What to notice": the generated digit at the top, then one sentence for the open tab (filled from its numbers).
NOTICE_GENERATE = (
    "Generation: {k_gen} latent number(s) z and one matrix W draw a whole digit of {pixels} pixels; each row of the "
    "strip shows what moving one latent number does to it."
)
NOTICE_TAB = (
    "Compression: squeezed to k = {k} numbers, held-out digits keep {rebuilt:.0f}% of their pixel variance (RMS "
    "error {rms:.3f} per pixel), and more numbers keep more.",
    "Semantics: the k = 2 codes were found without labels, yet for {agree:.0f}% of held-out digits most of the "
    "{neighbours} nearest training digits in z-space share their label (chance: {chance:.0f}%).",
    "Complexity: with k = {k} latents standardised PPCA has {parameters:,} parameters (a full Gaussian "
    "{full_parameters:,}) and scores {bits:.2f} bits per pixel, against {diag_bits:.2f} for independent pixels and "
    "{full_bits:.2f} for the full Gaussian.",
)

HELP_RESET = "The mean digit μ."
TRAVERSAL_CAPTION = (
    "Row j: only zⱼ moves, {steps} from left to right; every other z is 0. What one latent number changes."
)
HELP_LATENT = "What the model must store to describe a digit."
HELP_PARAMETERS = "μ (64) + W (64·k, minus k(k−1)/2 rotations) + σ² (1)."
HELP_NOISE = "What k latent dimensions leave unexplained, on a 0..1 pixel scale."

TABS = ("Reconstruct held-out digits", "Semantics: the 2-D latent space", "Reduce complexity: bits vs parameters")

HELP_REBUILT_K = "Each held-out digit is squeezed to k numbers z and rebuilt as μ + W z."
RECONSTRUCTION_CAPTION = "Top: held-out digits (never used to fit). Bottom: rebuilt from k = {k} numbers."
HELP_REBUILT = "1 − (squared error with k) / (squared error of the mean digit), held-out."
HELP_RMS = "Root mean squared pixel error on the 0..1 scale."
NUMBERS_PER_DIGIT = "{pixels} → {k}"
HELP_NUMBERS_PER_DIGIT = "Pixels in, latent numbers kept."

SPACE_CAPTION = (
    "Each held-out digit is drawn as its label at its code E[z | x] of a k = {k} model. The labels only "
    "colour the plot: the model never saw them."
)
NO_DIGIT = "Pick at least one digit to show."
HELP_AGREE = "Held-out digits whose {neighbours} nearest training digits in z-space mostly share their label."
HELP_CHANCE = "Guessing among ten balanced digits."

COMPLEXITY_CAPTION = (
    "Held-out log q(x) turned into bits per pixel: the cost of sending each grey level (0..16) with a code built "
    "from the model. Lower is better. Each point of a PPCA curve is one k, from k = 1 (left) to {max_k} (right); the "
    "big dots mark the chosen k. Standardised PPCA beats independent pixels from k = {standardised_k}; plain PPCA, "
    "which gives every pixel the same noise, only from k = {plain_k}."
)
STANDARDISED_LABEL = "PPCA standardised, k = {k}"
HELP_STANDARDISED = "{parameters:,} parameters."
HELP_DIAG = "{parameters} parameters: a mean and a variance per pixel, no z."
HELP_FULL = "{parameters:,} parameters: every pair of pixels, no z."
HELP_SKLEARN = (
    "Largest |our log q(x) − `PCA.score_samples`| over held-out digits, plain PPCA: the closed form and "
    "scikit-learn agree."
)
