"""What the page "approaches" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "approaches",
    "Different approaches to model p(x)",
    "Prescribed latent-variable models, implicit models, and iterative refinement: three ways to model p(x).",
    (
        "Prescribed latent variable models / likelihood based models: explicit latent z with known prior p(z); "
        "learn p(x|z); examples: VAE, Autoencoder",
        "Implicit generative models: learn transformation from noise to data; no explicit p(x); examples: GAN",
        "Iterative refinement models: sequential generation / denoising; examples: Diffusion, Flow",
    ),
)

# ----------------------------------------------------------------------------- controls

#: The data sets offered: label -> ``core.datasets.density_2d`` name.
DATA_SETS = {"Two moons": "moons", "Two rings": "rings", "Spiral": "spiral", "Three blobs": "mixture"}
CSV_OPTION = "Your CSV file (2 columns)"
DATA_LABEL = "Data set"
DATA_HELP = (
    "{n_train} points train all models; {n_held} more from the same source are held out to score "
    "them (your CSV: a {train_pct} % / {held_pct} % split)."
)
UPLOAD_LABEL = "CSV file"
UPLOAD_HELP = (
    "Two numeric columns (a header row is fine), at least {min_rows} rows. More than {max_rows:,} rows are subsampled."
)
UPLOAD_PROMPT = "Upload a CSV file with two numeric columns (above, right), or pick one of the data sets."

#: The three panels' headings and their generative stories.
HEADS = ("① Prescribed latent variable", "② Implicit", "③ Iterative refinement")
STORIES = (
    r"z \sim p(z),\;\; x \sim q_\theta(x \mid z)",
    r"z \sim \mathcal N(0, I),\;\; x = g_\theta(z)",
    r"x_T \sim \mathcal N(0, I) \to \cdots \to x_0",
)

GMM, VAE = "Gaussian mixture (discrete z)", "Small VAE (continuous z)"
FAMILY_LABEL = "Latent z"
FAMILY_HELP = (
    "Both have an explicit prior p(z) and decoder q(x|z). Discrete z: q(x) is an exact sum. "
    "Continuous z: q(x) is an integral, estimated here."
)
K_LABEL = "Mixture components K"
K_HELP = "How many values the discrete latent z can take (one Gaussian blob each)."
NO_DENSITY = "No q(x): this model cannot answer “how likely is this point?”. It only makes samples."
STEP_LABEL = "Denoising steps done (of T = {T})"
STEP_HELP = "0 = pure noise x_T ~ N(0, I); each step removes a little predicted noise; {T} = finished samples x_0."

#: What a first visit waits for, per model.
SPIN_MIXTURE = "Fitting the Gaussian mixture (EM)..."
SPIN_VAE = "Training the small VAE on the ELBO (a few seconds)..."
SPIN_IMPLICIT = "Training the implicit generator on the energy distance (a few seconds)..."
SPIN_DIFFUSION = "Training the diffusion model's denoiser (a few seconds)..."

# ----------------------------------------------------------------------------- an upload

TOO_FEW_ROWS = (
    "Your file has {n} rows; this page needs at least {min_rows}, because it "
    "trains four models and holds {held_pct} % of the rows out to score them."
)
CONSTANT_COLUMN = (
    "One of your columns has the same value in every row, so the points lie on a line: "
    "a 2-D density needs spread in both columns."
)
#: Caption over the panels for an upload; ``{note}``: what the reader did (subsampling), may be empty.
CSV_NOTE = "Your data were standardised (mean 0, sd 1 per column). {note}"
#: The real sample scored like a model: a fresh draw of a preset, the training points of an upload.
REFERENCE_LABEL = {False: "a fresh draw", True: "training points"}

# ----------------------------------------------------------------------------- panels

#: Chart titles (lists of short lines: three panels side by side are narrow in presenter mode).
PRESCRIBED_TITLE = {"mixture": ("Mixture, K = {k}:", "q(x) and samples"), "vae": ("Small VAE:", "q(x) and samples")}
IMPLICIT_TITLE = ("Generator g(z):", "samples only")
CURVE_TITLE = ("Training signal:", "D per minibatch")
CURVE_AXIS = "D (std. units)"
STEP_TITLE = ("Step t = {t}:", "{done} of {T} steps done")

DISTANCE_LABEL = "energy distance D"
DISTANCE_HELP = (
    "Energy distance between {n_samples} model samples and the held-out points, in the units of x₁ and x₂ "
    "(formula below the panels). 0 = same distribution; lower is better. Real data against real data "
    "scores about {floor:.3f}."
)
LOGLIK_LABEL = {"mixture": "held-out log-likelihood", "vae": "log-likelihood (estimate)"}
LOGLIK_HELP = (
    "Average log₂ q(x) over the held-out points; higher is better. Exact for the mixture; "
    "for the VAE an importance-sampled estimate ({draws} draws of z per point, slightly low on "
    "average)."
)
IMPLICIT_LOGLIK_LABEL = "held-out log-likelihood"
NOT_DEFINED = "not defined"
IMPLICIT_LOGLIK_HELP = "There is no formula for q(x) here: the generator only maps noise to points."
STEP_DISTANCE_LABEL = "D at step t = {t}"
STEP_DISTANCE_HELP = (
    "Energy distance of the model's cloud at step t (green) to the held-out data, in the "
    "units of x₁ and x₂. It falls as the noise is removed."
)
GAIN_LABEL = "D after 1 step → all T"
GAIN_VALUE = "{first:.2f} → {last:.2f}"
GAIN_HELP = "Energy distance after the first denoising step and after all T = {T}."

#: Captions under the latent panel, per family (``{mass}``: the density's mass over the plot).
LATENT_CAPTION = {
    "mixture": r"$q(x) = \sum_{{k=1}}^{{K}} \pi_k\,\mathcal N(x;\mu_k,\Sigma_k)$: an exact sum over z. Bars: the "
    r"prior $p(z = k) = \pi_k$, fitted by EM (expectation–maximisation). Blue ticks: the share of held-out points "
    "whose most probable z is k. Probability mass over the plot above: {mass:.3f} (a real density sums to about 1).",
    "vae": r"$q(x) = \int q(x\mid z)\,p(z)\,dz$: an integral over z, estimated by importance sampling. Blue: each "
    "held-out x mapped by the encoder e(z|x) to its mean code. Grey: draws from the prior p(z) = N(0, I). Training "
    "(the ELBO, a lower bound on log q(x)) pulls the codes over the prior, so decoding fresh draws of z gives new "
    "data. Probability mass over the plot above: {mass:.3f} (a real density sums to about 1).",
}
IMPLICIT_CAPTION = (
    "The only signal the generator ever gets: the energy distance between a minibatch (a fresh random "
    "batch of {batch} points) of its samples and one of data, in standardised "
    "units. Dashed: two minibatches of real data, where a perfect generator levels off."
)
DIFFUSION_CAPTION = (
    "Sampling runs from left (t = T, pure noise) to right (t = 0, finished samples). Most of the shape "
    "appears in the last third of the steps. Dashed horizontal line: real data against real data, the "
    "best any model can do here."
)

# ----------------------------------------------------------------------------- the yardstick

YARDSTICK_HEADING = "**One yardstick for all three** (samples vs the same held-out points)"
DISTANCE_COLUMN, LOGLIK_COLUMN = "energy distance D ↓", "held-out log-likelihood ↑"
YARDSTICK_COLUMNS = (
    "model",
    "approach",
    "q(x) of a point?",
    "sample?",
    "latent code of a point?",
    DISTANCE_COLUMN,
    LOGLIK_COLUMN,
)
#: One row per model; ``{..._d}`` cells are energy distances, ``{..._ll}`` log-likelihoods in bits per point.
YARDSTICK_ROWS = (
    (
        "Gaussian mixture, K = {k}",
        "prescribed latent",
        "exact",
        "yes",
        "z = which blob (posterior p(z|x))",
        "{mixture_d}",
        "{mixture_ll}",
    ),
    (
        "Small VAE",
        "prescribed latent",
        "estimate (importance sampling)",
        "yes",
        "z = encoder mean E[z|x]",
        "{vae_d}",
        "≈ {vae_ll}",
    ),
    ("Implicit generator g(z)", "implicit", "no", "yes", "no (no encoder)", "{implicit_d}", NOT_DEFINED),
    (
        "Diffusion model",
        "iterative refinement",
        "bound only (not computed)",
        "yes",
        "no (x_T is fresh noise)",
        "{diffusion_d}",
        "—",
    ),
    ("Single Gaussian (baseline)", "reference", "exact", "yes", "no", "{gauss_d}", "{gauss_ll}"),
    ("Real data ({reference})", "reference", "—", "—", "—", "{floor_d}", "—"),
)
FLOOR_CAPTION = (
    "Dashed grey lines and last row: another sample of real data ({reference}) scored the "
    "same way, D = {floor:.3f}. Even a perfect model scores about this much, not 0, because "
    "{n_samples} samples never match {n_held_out} held-out points exactly; differences of a few "
    "hundredths are within that noise. D mostly sees where the points are and how far they spread: fine "
    "detail (such as the gap between two rings) moves it only a little, so look at the pictures too. "
    "Log-likelihoods are of densities of 2-D points (bits per point), so they can be positive; compare "
    "them on the same data only."
)

# ----------------------------------------------------------------------------- around the figure

TEXT = PageText(
    SLIDE,
    formulas=(
        r"D^2(q, p) = 2\,\mathbb E\|X - Y\| - \mathbb E\|X - X'\| - \mathbb E\|Y - Y'\|,"
        r"\qquad X, X' \sim q,\;\; Y, Y' \sim p",
    ),
    where=r"$X$: samples of the model $q$; $Y$: held-out points of the data distribution $p$. "
    r"$D$ is in the units of $x$ and is 0 only when the two distributions agree. It needs nothing but "
    r"samples, so it scores all three approaches on equal terms; a log-likelihood needs a density "
    r"$q(x)$, which not every model has.",
    notice=(
        "All three panels draw from models trained on the same points. Only the prescribed model (left) can paint "
        "a density q(x) behind its samples; the implicit generator (middle) can only sample, and the diffusion "
        "model (right) turns noise into data one small step at a time.",
        "Move the step slider: at 0 steps the green cloud is pure noise and matches the data noised to t = T "
        "(blue); step by step both clouds sharpen together, and the distance to held-out data falls towards the "
        "dashed floor.",
        "The table's energy distance compares all models on equal terms; log-likelihood exists only in the rows "
        "whose model has a q(x).",
    ),
    quizzes=(
        Quiz(
            "A colleague asks how likely the point x = (0, 0) is. Which of the three models on this page can answer "
            "directly?",
            ("The implicit generator", "The prescribed latent-variable model", "The diffusion model, exactly"),
            answer=1,
            explain="The mixture sums over its K latent values exactly (the VAE estimates its integral over z). The "
            "implicit generator has no q(x) at all; a diffusion model only offers a bound unless it is turned into "
            "an ODE.",
        ),
    ),
    deeper=(
        Deeper(
            "how each model is trained",
            r"**Prescribed latent (mixture).** EM maximises $\sum_i \log \sum_k \pi_k\,\mathcal N(x_i;\mu_k,"
            r"\Sigma_k)$. **VAE.** The integral $q_\theta(x) = \int q_\theta(x\mid z)p(z)\,dz$ has no closed form, "
            r"so an encoder $e(z\mid x)$ and the ELBO $\mathbb E_{e}[\log q_\theta(x\mid z)] - \mathrm{KL}(e(z\mid "
            r"x)\,\|\,p(z)) \le \log q_\theta(x)$ are trained instead. The log-likelihood on this page is the "
            r"importance-sampled estimate $\log \frac1S\sum_s q_\theta(x\mid z_s)p(z_s)/e(z_s\mid x)$ with $S = 64$ "
            r"draws $z_s\sim e(z\mid x)$: unbiased inside the log, slightly low after it (Jensen)."
            "\n\n"
            r"**Implicit.** The generator $g_\theta$ never sees a likelihood. It follows the gradient of the "
            r"minibatch energy distance, $\partial D^2/\partial g_i = \frac{2}{nm}\sum_j \frac{g_i - y_j}{\|g_i - "
            r"y_j\|} - \frac{2}{n^2}\sum_k \frac{g_i - g_k}{\|g_i - g_k\|}$: every generated point is pulled towards "
            r"the data and pushed away from the other generated points. A GAN replaces this fixed distance by a "
            r"learnt discriminator."
            "\n\n"
            r"**Iterative refinement.** The forward process $x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}"
            r"\,\varepsilon$ forgets the data by $t = T$. A network $\hat\varepsilon_\theta(x_t, t)$ (here "
            r"scikit-learn's `MLPRegressor`) learns to predict $\varepsilon$ by least squares; sampling runs "
            r"$x_{t-1} = \big(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\hat\varepsilon_\theta\big)/\sqrt{1-\beta_t}"
            r" + \sigma_t\xi$ from $t = T$ down to $0$.",
        ),
    ),
)
