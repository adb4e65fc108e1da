"""What the page "approaches" says: the slide's words and the page's prose.

Notation as on every page: p is the data distribution, q_θ the model (q_θ(x | z) its decoder), p(z) the prior of
the latent z, q_φ(z | x) the VAE's encoder (its approximate posterior).
"""

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

#: The lecturer's correction of two of the slide's examples (shown beside the slide's words, which stay as they are).
SLIDE_NOTE_TITLE = "Two of the slide's examples, made precise"
SLIDE_NOTE = (
    r"**Autoencoder.** A plain autoencoder learns an encoder and a decoder $q_\theta(x \mid z)$ but no prior "
    r"$p(z)$: nothing says where its codes lie, so there is no $z$ to draw and it cannot sample new $x$. Adding the "
    r"prior and training the encoder $q_\phi(z \mid x)$ to match it is what makes a **VAE** (the left panel's "
    r"“Small VAE”) a prescribed latent-variable model."
    "\n\n"
    r"**Flow.** A normalizing flow is *likelihood-based* too: its $q_\theta(x)$ is exact, by the change of variables "
    r"(see *Types of generative models*). It is “iterative” only in its layers: one pass through a stack of "
    r"invertible layers, not $T$ noisy steps in time like the diffusion model on the right."
)
#: The same, short, under the slide's words (the long form is a "Go deeper" section and, in presenter mode, below the
#: fold).
SLIDE_NOTE_SHORT = (
    r"Two of the slide's examples, made precise: a plain **autoencoder** has no prior $p(z)$, so it cannot sample (the "
    r"VAE adds one); a **flow** is likelihood-based too, with an exact $q_\theta(x)$, and iterative only in its "
    r"stack of invertible layers, not in time."
)
SLIDE_NOTE_BOX = f"**{SLIDE_NOTE_TITLE}**\n\n{SLIDE_NOTE}"

# ----------------------------------------------------------------------------- controls

#: The data sets offered: label -> ``core.datasets.density_2d`` name.
DATA_SETS = {"Two moons": "moons", "Two rings": "rings", "Spiral": "spiral", "Three blobs": "mixture"}
CSV_OPTION = "Your CSV file (2 columns)"
DATA_LABEL_CONTROL = "Data set"
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
    r"x_T \sim \mathcal N(0, I) \to\!\cdots\!\to x_0",
)

GMM, VAE = "Gaussian mixture (discrete z)", "Small VAE (continuous z)"
FAMILY_LABEL = "Latent z"
FAMILY_HELP = (
    r"Both have an explicit prior $p(z)$ and a decoder $q_\theta(x \mid z)$. Discrete z: $q_\theta(x)$ is an exact "
    r"sum over z. Continuous z: $q_\theta(x)$ is an integral over z, estimated here."
)
K_LABEL = "Mixture components K"
K_HELP = "How many values the discrete latent z can take (one Gaussian blob each)."
NO_DENSITY = (
    "No q(x): this model cannot answer “how likely is this point?”. It only makes samples. It is a "
    "generative moment-matching network (GMMN), trained by the energy distance to the data: no "
    "discriminator, so not a GAN (the slide's example of the same kind: a real one trains further down the page)."
)
STEP_LABEL = "Diffusion step t (sampling runs {T} → 0)"
STEP_HELP = (
    "Which step of the sampling the right panel shows: t = {T} is pure noise, t = 0 the finished samples; "
    "each step removes a little predicted noise. The {n_stops} stops are spaced by noise level, not one per step: "
    "from one stop to the next the noise's share √(1 − ᾱₜ) falls by the same amount, so each move changes the "
    "picture by about as much. The first move, t = {T} → {second}, spans many steps that leave almost pure "
    "noise (its share only falls from {noise_T:.2f} to {noise_second:.2f})."
)

#: What a first visit waits for, per panel (every preset's models are trained in advance: only drawing is left).
SPIN_MIXTURE = "Drawing the Gaussian mixture's density and samples..."
SPIN_VAE = "Drawing the small VAE's density (importance sampling on a grid) and samples..."
SPIN_IMPLICIT = "Drawing the moment-matching generator's samples..."
SPIN_DIFFUSION = "Running the diffusion model's {T} denoising steps..."
SPIN_FLOW = "Running the flow's {layers} layers..."

#: The seed control: why it offers so few seeds, and what happened to a seed in the link that it does not offer.
SEED_HELP = (
    "Which draw of the data set (and of the models' random starts) to show: seeds 0 to {max_seed}, the {n_draws} "
    "draws whose models are trained in advance, so that every choice appears at once. An uploaded file uses the seed "
    "for its split and its training."
)
SEED_DROPPED = (
    "The link asked for seed {value}, which was left out: only the draws whose models are trained in advance can be "
    "shown. The page shows seed 0."
)

# ----------------------------------------------------------------------------- an upload

TOO_FEW_ROWS = (
    "Your file has {n} rows; this page needs at least {min_rows}, because it "
    "trains four models and holds {held_pct} % of the rows out to score them."
)
CONSTANT_COLUMN = (
    "One of your columns has the same value in every row, so the points lie on a line: "
    "a 2-D density needs spread in both columns."
)
#: Training an upload's models: one upload at a time on the server, a few per session.
UPLOAD_MODEL_NAMES = "the small VAE, the moment-matching generator, the diffusion model and the coupling flow"
UPLOAD_TRAINING = (
    "Training the {count} models ({names}) on your {n} points (about {seconds:.0f} s; one upload trains at a time "
    "on this server)..."
)
UPLOAD_TRAINED = "Trained the {count} models on your {n} points in {seconds:.1f} s."
UPLOAD_WAITING = (
    "Another upload is being trained on this server right now: yours starts as soon as it is done (one at a time, "
    "so that nobody's page slows down)."
)
UPLOAD_BUDGET = (
    "This session has already trained models on {per_session} uploads (or seeds of an upload), the most one session "
    "may: training takes the server several seconds each time. Pick one of the data sets, go back to a file or seed "
    "you already used, or open the page again later."
)
#: Caption over the panels for an upload; ``{note}``: what the reader did (subsampling), may be empty.
CSV_NOTE = "Your data were standardised (mean 0, sd 1 per column). {note}"
#: The real sample scored like a model: a fresh draw of a preset, the training points of an upload.
REFERENCE_LABEL = {False: "a fresh draw", True: "training points"}

# ----------------------------------------------------------------------------- panels

#: Legend entries of the point clouds.
DATA_LABEL = "held-out data"
SAMPLE_LABEL = "model samples"
NOISED_LABEL = "data noised to step t"
STEP_LABEL_CLOUD = "model at step t"
PRIOR_DRAWS = "prior draws z ~ p(z)"
CODES = "codes of held-out x"
FLOW_CLOUD = "flow after j layers"
#: The same legend entries on the slide (presenter mode), short enough for one row under a narrow panel.
SHORT_LABELS = {
    DATA_LABEL: "data",
    SAMPLE_LABEL: "samples",
    NOISED_LABEL: "noised data",
    STEP_LABEL_CLOUD: "model",
    FLOW_CLOUD: "flow",
}
#: The two coordinates, as tables and sentences name them.
COORDINATES = ("x₁", "x₂")
#: The prescribed model by name, as the sentences say it.
FAMILY_NAME = {"mixture": "Gaussian mixture with K = {k}", "vae": "small VAE"}
#: The family in a panel's text alternative: no value of the K slider (the title names K).
FAMILY_DESCRIBED = {"mixture": "Gaussian mixture (its K in the title)", "vae": "small VAE"}

#: Chart titles (lists of short lines, at most 22 characters: three panels side by side are narrow).
PRESCRIBED_TITLE = {"mixture": ("Mixture, K = {k}:", "q(x) and samples"), "vae": ("Small VAE:", "q(x) and samples")}
IMPLICIT_TITLE = ("GMMN generator g(z):", "samples only, no q(x)")
STEP_TITLE = ("Diffusion at t = {t}:", "{done} of {T} steps done")
#: The same titles on the slide (presenter mode): one line each; the density's names what its colours show (its
#: colour key then needs no title row).
SLIDE_TITLES = {
    "mixture": "Mixture, K = {k}: q(x)",
    "vae": "Small VAE: q(x)",
    "implicit": "GMMN generator g(z)",
    "diffusion": "Diffusion at t = {t}",
    "flow": "Flow: {j} of {L} layers",
}
CURVE_TITLE = ("GMMN training signal:", "D per minibatch")
CURVE_AXIS = "D (std. units)"
DISTANCE_TITLE = ("Distance D to data", "after each step")
PRIOR_TITLE = ("Prior p(z = k): bars", "data per k: ticks")
LATENT_TITLE = ("Latent space z:", "codes over prior")

#: The charts' one-sentence descriptions (their text alternatives).
DESCRIBE_DENSITY = (
    "Heatmap of the density q(x) of the {model} over x₁ and x₂, with {n} of its samples as vermillion triangles."
)
DESCRIBE_IMPLICIT = (
    "Held-out data as hollow grey circles and the moment-matching generator's samples as vermillion triangles, "
    "on the same axes as the other two panels."
)
#: The step panel and its curve follow the step slider by their data alone (``ui.charts.approaches``): their
#: descriptions name no step; the title names it, and the numbers beside the panels give its distance to the data.
DESCRIBE_DIFFUSION = (
    "Held-out data noised forward to the slider's step t (hollow grey circles) and the diffusion model's cloud at "
    "the same step (vermillion triangles); the title names the step, and points beyond the window sit on its edge."
)
DESCRIBE_CURVE = (
    "The generator's energy distance to a data minibatch over {steps} training steps, ending at {last:.3f}; dashed: "
    "two minibatches of real data, {floor:.3f}."
)
DESCRIBE_DISTANCE = (
    "Energy distance D of the diffusion model's cloud to held-out data at every step from t = {T} to 0; the "
    "slider's stops are dots, the slider's step is circled with a dashed line through it (its D is among the "
    "panel's numbers); dashed across: real data against real data, {floor:.3f}."
)
DESCRIBE_PRIOR = (
    "Bars: the mixture's prior p(z = k) for each k; black ticks: the share of held-out points assigned to k."
)
DESCRIBE_LATENT = (
    "The VAE's latent plane: encoder mean codes of held-out points as hollow grey circles over green draws from the "
    "prior p(z) = N(0, I)."
)

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
    "Energy distance of the model's cloud at step t (triangles) to the held-out data, in the "
    "units of x₁ and x₂. It falls as the noise is removed."
)
GAIN_LABEL = "D: noise → samples"
GAIN_VALUE = "{noise:.2f} → {last:.2f}"
GAIN_HELP = "Energy distance to the held-out data of the starting noise (t = T = {T}) and of the samples (t = 0)."

#: Captions under the latent panel, per family (``{mass}``: the density's mass over the plot).
LATENT_CAPTION = {
    "mixture": r"$q_\theta(x) = \sum_{{k=1}}^{{K}} \pi_k\,\mathcal N(x;\mu_k,\Sigma_k)$: an exact sum over z. Bars: "
    r"the prior $p(z = k) = \pi_k$, fitted by EM (expectation–maximisation). Black ticks: the share of held-out "
    "points whose most probable z is k. Probability mass over the plot above: {mass:.3f} (a real density sums to "
    "about 1).",
    "vae": r"$q_\theta(x) = \int q_\theta(x\mid z)\,p(z)\,dz$: an integral over z, estimated by importance sampling. "
    r"Grey circles: each held-out x mapped by the encoder $q_\phi(z\mid x)$ to its mean code. Green: draws from the "
    r"prior $p(z) = \mathcal N(0, I)$. Training (the ELBO, a lower bound on $\log q_\theta(x)$) pulls the codes over "
    "the prior, so decoding fresh draws of z gives new data. Probability mass over the plot above: {mass:.3f} (a "
    "real density sums to about 1).",
}
IMPLICIT_CAPTION = (
    "The only signal the generator ever gets: the energy distance between a minibatch (a fresh random "
    "batch of {batch} points) of its samples and one of data, in standardised "
    "units. Dashed: two minibatches of real data, where a perfect generator levels off."
)
DIFFUSION_CAPTION = (
    "Sampling runs from left (t = {T}, pure noise) to right (t = 0, finished samples); the dots are the slider's "
    "stops, the circle is the step shown above. D is halfway down from noise to samples at t = {half}: the "
    "last {half} steps do as much as the first {rest}. Dashed: real data against real data, the best any "
    "model can do here."
)

# ----------------------------------------------------------------------------- the flow, layer by layer

#: The slide's other example of iterative refinement: the section under the three panels.
FLOW_HEADING = "③ Iterative refinement, the slide's other example: a flow, layer by layer"
FLOW_STORY = r"z \sim \mathcal N(0, I),\;\; x = f^{-1}(z) = f_1^{-1}\big(\cdots f_L^{-1}(z)\big)"
FLOW_LAYER_LABEL = "Flow layers done (sampling runs 0 → {layers})"
FLOW_LAYER_HELP = (
    "How far the noise has gone through the coupling flow's {layers} invertible layers: 0 is the starting noise "
    "(the same draw as the diffusion model's t = {T}), {layers} the flow's samples. Sampling undoes the layers from "
    "the last to the first; each shifts and scales one coordinate by amounts computed from the other."
)
FLOW_TITLE = ("Coupling flow:", "{j} of {L} layers done")
FLOW_DISTANCE_TITLE = ("Distance D to data", "after each layer")
FLOW_AXIS = "layers done (sampling order)"
#: Which coordinate a layer moved, as the chart's description says it (index: the coordinate).
FLOW_MOVED = ("the last layer moved x₁, given x₂", "the last layer moved x₂, given x₁")
FLOW_NOTHING_MOVED = "no layer yet: the starting noise"
FLOW_MOVED_SHORT = ("x₁ given x₂", "x₂ given x₁")
DESCRIBE_FLOW = (
    "After {j} of the coupling flow's {L} layers ({moved}): held-out data as hollow grey circles and the flow's "
    "cloud as vermillion triangles; {edge} points beyond the window sit on its edge."
)
DESCRIBE_FLOW_DISTANCE = (
    "Energy distance D of the flow's cloud to held-out data after each of its {L} layers, from the noise (0 layers) "
    "to the samples; layer {j} is circled (D = {value:.3f}); dashed: real data, {floor:.3f}."
)
FLOW_D_LABEL = "D after {j} layers"
FLOW_D_HELP = (
    "Energy distance of the flow's cloud (triangles) to the held-out data, in the units of x₁ and x₂: the same "
    "yardstick as the panels above."
)
FLOW_GAIN_HELP = "Energy distance to the held-out data of the starting noise (0 layers) and of the samples (all {L})."
FLOW_LOGLIK_HELP = (
    "Average log₂ q(x) over the held-out points, exact: a flow is likelihood-based too, by the change of variables "
    "log q(x) = log N(f(x)) + log |det ∂f/∂x|. The diffusion model offers only a bound."
)
#: Under the flow: its numbers against the diffusion model's, and what the layer on screen did.
FLOW_CAPTION = (
    "A coupling flow, trained by exact maximum likelihood on the same {n_train} points, starts from the same noise "
    "as the diffusion model at t = {T} and reaches its samples in {L} invertible layers instead of {T} noisy steps: "
    "D goes from {d_noise:.3f} to {d_final:.3f} (the diffusion model after all {T} steps: {d_diffusion:.3f}). "
    "{path_sentence} Nothing random happens after the start: each layer is a fixed, invertible map, which is also "
    "why q(x) is exact. {step_sentence}"
)
#: How D travels between the first and the last layer: up and back down, or only down.
FLOW_PATH_SENTENCE = {
    "detour": "In between it rises to {d_peak:.3f} after layer {peak}: the diffusion model's clouds are noised data at "
    "every step, but a flow's inner layers are trained only for what the last one makes, so its clouds in between "
    "need not look like the data.",
    "direct": "In between it never rises above the noise's {d_noise:.3f}.",
}
FLOW_STEP_SENTENCE = {
    "noise": "On screen: the starting noise, before any layer.",
    "layer": "On screen: after layer {j}, which moved {moved} (D = {d_now:.3f}).",
}

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
#: ``st.table`` renders cells as markdown: maths in ``$...$``.
YARDSTICK_ROWS = (
    (
        "Gaussian mixture, K = {k}",
        "prescribed latent",
        "exact",
        "yes",
        "z = which blob (posterior q(z | x))",
        "{mixture_d}",
        "{mixture_ll}",
    ),
    (
        "Small VAE",
        "prescribed latent",
        "estimate (importance sampling)",
        "yes",
        r"z = mean of the encoder $q_\phi(z \mid x)$",
        "{vae_d}",
        "≈ {vae_ll}",
    ),
    ("Moment-matching generator (GMMN)", "implicit", "no", "yes", "no (no encoder)", "{implicit_d}", NOT_DEFINED),
    (
        "Diffusion model",
        "iterative refinement",
        "bound only (not computed)",
        "yes",
        "no ($x_T$ is fresh noise)",
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

# ----------------------------------------------------------------------------- what to notice (current state)

NOTICE_PANELS = (
    "All three panels share one window and were trained on the same {n_train} points. Only the {prescribed} (left) "
    "paints a density q(x) behind its samples; the moment-matching generator (middle) can only sample, and the "
    "diffusion model (right) turns noise into data step by step."
)
#: The diffusion panel's sentence, by where the step slider stands: at t = 0, at t = T, or between.
NOTICE_STEP = {
    "done": "The step slider is at t = 0: all {T} denoising steps are done, and the triangles score D = {d_now:.3f} "
    "against held-out data, down from {d_noise:.3f} for the pure noise they started as at t = {T}.",
    "noise": "At t = {T} both clouds are pure noise (noise level √(1 − ᾱₜ) = {noise:.2f}), D = {d_now:.3f}. Move the "
    "slider right: from stop to stop the noise level falls by the same amount.",
    "midway": "At step t = {t} the grey circles are the held-out data noised forward to t, at noise level "
    "√(1 − ᾱₜ) = {noise:.2f}. The triangles are the model after {done} of its {T} denoising steps: D = "
    "{d_now:.3f} to held-out data, {d_final:.3f} once all steps are done.",
}
NOTICE_YARDSTICK = (
    "On the one yardstick all models share (energy distance D to held-out points, lower is better) the {best} does "
    "best here, D = {best_d:.3f}; the single Gaussian scores {gauss_d:.3f} and real data against real data "
    "{floor:.3f}. Only the rows whose model has a q(x) get a log-likelihood."
)
#: Names of the models as the yardstick sentence says them.
MODEL_NAMES = {
    "mixture": "Gaussian mixture (K = {k})",
    "vae": "small VAE",
    "implicit": "moment-matching generator",
    "diffusion": "diffusion model",
}

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
    notice=(NOTICE_PANELS, "{step_sentence}", NOTICE_YARDSTICK),
    quizzes=(
        Quiz(
            "A colleague asks how likely the point x = (0, 0) is. Which of the three panels' models can put a number "
            "on its q(x)?",
            (
                "The moment-matching generator (middle)",
                "The prescribed latent-variable model (left)",
                "The diffusion model (right), exactly",
            ),
            answer=1,
            explain="The mixture sums over its K latent values exactly (the VAE estimates its integral over z). The "
            "generator has no q(x) at all; a diffusion model offers a bound, and an exact value only through the "
            "probability-flow ODE along the whole path (not computed here).",
            feedback=(
                "The generator only maps noise to points: nothing in it evaluates q(x), however good its samples look.",
                "Yes: its q(x) is a formula over the latent z that it can evaluate at any point.",
                "Not directly: its training gives a bound on log q(x); the exact value needs an ODE solve along all "
                "T steps.",
            ),
        ),
        Quiz(
            "The slide lists “Autoencoder” among the prescribed latent-variable models. Can a plain (not "
            "variational) autoencoder generate new points?",
            (
                "Yes: decode a random z",
                "Not as it stands: it has no prior p(z) to draw z from",
                "Yes, and it gives q(x) exactly too",
            ),
            answer=1,
            explain="A plain autoencoder's codes fill some region of z-space that nothing describes, so there is no "
            "distribution to draw a new z from. The VAE adds the prior p(z) and trains its encoder to keep the codes "
            "on it (the latent panel of “Small VAE”): that makes it a prescribed latent-variable model.",
            feedback=(
                "Random from which distribution? Without a prior p(z), a z away from the codes it happened to learn "
                "decodes to anything.",
                "Right: on the slide, “Autoencoder” stands for the VAE family, where p(z) is part of the model.",
                "A plain autoencoder defines no density at all; even the VAE only estimates q(x).",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "how each model is trained",
            r"**Prescribed latent (mixture).** EM maximises $\sum_i \log \sum_k \pi_k\,\mathcal N(x_i;\mu_k,"
            r"\Sigma_k)$. **VAE.** The integral $q_\theta(x) = \int q_\theta(x\mid z)p(z)\,dz$ has no closed form, "
            r"so an encoder $q_\phi(z\mid x)$ and the ELBO $\mathbb E_{q_\phi}[\log q_\theta(x\mid z)] - "
            r"\mathrm{KL}(q_\phi(z\mid x)\,\|\,p(z)) \le \log q_\theta(x)$ are trained instead. The log-likelihood on "
            r"this page is the importance-sampled estimate $\log \frac1S\sum_s q_\theta(x\mid z_s)p(z_s)/q_\phi(z_s"
            r"\mid x)$ with $S = 64$ draws $z_s\sim q_\phi(z\mid x)$: unbiased inside the log, slightly low after it "
            r"(Jensen)."
            "\n\n"
            r"**Implicit.** The generator $g_\theta$ never sees a likelihood. It is a generative moment-matching "
            r"network (GMMN, Li et al. 2015): it follows the gradient of the minibatch energy distance, "
            r"$\partial D^2/\partial g_i = \frac{2}{nm}\sum_j \frac{g_i - y_j}{\|g_i - y_j\|} - \frac{2}{n^2}"
            r"\sum_k \frac{g_i - g_k}{\|g_i - g_k\|}$: every generated point is pulled towards the data and pushed "
            r"away from the other generated points. A GAN, the slide's example, trains the same kind of generator "
            r"against a learnt discriminator instead of this fixed distance."
            "\n\n"
            r"**Iterative refinement.** The forward process $x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}"
            r"\,\varepsilon$ forgets the data by $t = T$. A network $\hat\varepsilon_\theta(x_t, t)$ (here "
            r"scikit-learn's `MLPRegressor`) learns to predict $\varepsilon$ by least squares; sampling runs "
            r"$x_{t-1} = \big(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\hat\varepsilon_\theta\big)/\sqrt{1-\beta_t}"
            r" + \sigma_t\xi$ from $t = T$ down to $0$.",
        ),
        Deeper(
            "where the step slider stops",
            r"The forward jump $x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon$ mixes the "
            r"standardised data with noise; the noise level $\sqrt{1-\bar\alpha_t}$ runs from 0 at $t = 0$ to "
            r"almost 1 at $t = T$. The linear schedule ($\beta_t$ rising linearly in $t$) adds little noise per step "
            r"at first and much later, so $\bar\alpha_t = \prod_{s\le t}(1-\beta_s)$ is small long before $t = T$ "
            r"and the noise level stays close to 1 over the last steps: in sampling order ($t = T \to 0$) the first "
            r"steps turn near-noise into near-noise, and the shape appears in the rest. The slider therefore stops "
            r"where the noise level has fallen by equal amounts (at the step nearest each of evenly spaced levels "
            r"between its value at $T$ and 0). The curve of $D$ under the panels marks these stops as dots: its long "
            r"flat start is the near-noise stretch.",
        ),
        Deeper(
            "autoencoders and flows on the slide",
            SLIDE_NOTE
            + "\n\n"
            + r"On the *Types of generative models* page the same families sit in one table: the VAE as "
            r"likelihood-based (a bound), the normalizing flow as likelihood-based with an exact $\log q_\theta(x)$ "
            r"and fast one-pass sampling, diffusion as iterative refinement with $T$ denoising steps.",
        ),
    ),
)
