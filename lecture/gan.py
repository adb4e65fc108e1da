"""What the GAN panel on "Different approaches" says: every sentence, label and help of ``ui.panels.gan``.

Notation as on every page: p is the data distribution, q_θ the model; here the model is the generator g_θ (its
samples x = g_θ(z) have a distribution q_θ that nothing in the model can evaluate) and D_ψ the discriminator,
D_ψ(x) = P(real | x). Losses are in bits (log₂), as every quantity of the app unless marked nats.
"""

from lecture import Deeper

# ----------------------------------------------------------------------------- heading and formulas

HEADING = "② Implicit, the slide's example: a GAN you can watch train"
#: The generative story and the discriminator, beside the heading.
STORY = r"z \sim \mathcal N(0, I),\;\; x = g_\theta(z);\qquad D_\psi(x) = P(\text{real} \mid x)"
#: The two losses the networks take turns on (bits).
FORMULAS = (
    r"L_D = -\,\mathbb E_{x \sim p} \log_2 D_\psi(x) \;-\; \mathbb E_{z} \log_2\!\big(1 - D_\psi(g_\theta(z))\big)",
    r"L_G = -\,\mathbb E_{z} \log_2 D_\psi(g_\theta(z)) \qquad \text{(non-saturating)}",
)
WHERE = (
    r"$D_\psi$ (the discriminator) learns to say 1 on data points and 0 on generated ones; $g_\theta$ (the generator) "
    r"learns to make $D_\psi$ say 1 on its samples. It never sees a data point: all it gets is the gradient of "
    r"$L_G$ at its own samples (the arrows). If the samples matched the data, the best $D_\psi$ could do is "
    r"$\tfrac12$ everywhere: then $L_D = 2$ bits and $L_G = 1$ bit."
)
#: Under the figure: no likelihood for the GAN.
NO_LIKELIHOOD = (
    "No likelihood here either: a GAN has no q(x) and no way to compute one. Its discriminator's P(real | x) is not "
    "a density of the data (it only says how well it tells real from generated, here and now), so the GAN is scored "
    "like the moment-matching generator: by the energy distance of its samples to held-out data."
)

# ----------------------------------------------------------------------------- controls

PRESET_LABEL = "Training run"
PRESET_NAMES = {"converges": "Converges", "collapses": "Mode collapse"}
PRESET_HELP = (
    "Two runs shipped with the app, on the same {n_train} points of the three blobs, with the same networks and the "
    "same seed. Only the generator's learning rate differs: {lr_converges:g} in the run that converges, "
    "{lr_collapses:g} (with the discriminator's at {lr_d:g}) in the one that collapses."
)
STEP_LABEL = "Training step"
STEP_HELP = (
    "Scrub through training: both networks were saved every {every} of the {n_steps:,} steps when the run was "
    "trained (`scripts/train_gan.py`), and in the collapsing run every {zoom_every} steps from {zoom_start:,} to "
    "{zoom_stop:,}, where its samples hop from blob to blob faster than every {every} steps. Moving the slider "
    "trains nothing: it loads the saved snapshot."
)
PLAY, PAUSE = "Play", "Pause"
PLAY_HELP = (
    "Step through the snapshots, one every {seconds:g} s, and stop at the last one. From the last snapshot, Play "
    "starts again at step 0. While it plays the slider is locked: Pause (or changing the run) stops it there."
)

# ----------------------------------------------------------------------------- the figure

#: Legend entries (the same words as the panels above: data are circles, a model's samples triangles).
DATA_LABEL = "data (training points)"
SAMPLE_LABEL = "generated x = g(z)"
#: On the slide (presenter mode): one short row.
SHORT_LABELS = {DATA_LABEL: "data", SAMPLE_LABEL: "generated"}
FIELD_TITLE = ("GAN at step {step:,} of {n_steps:,}:", "D's P(real | x) and g's push")
FIELD_SLIDE_TITLE = "GAN at step {step:,}: D(x) and g's push"
KEY_TITLE = "D(x) = P(real | x)"
KEY_ENDS = ("≥ {high:.1f}: real", "≤ {low:.1f}: generated")
DESCRIBE_FIELD = (
    "At training step {step} of {n_steps}: the discriminator's probability that a point is real as a heatmap (blue: "
    "real, vermillion: generated, white: 1/2; full colour from {low:.1f} and {high:.1f} on) behind {n_data} "
    "training points (hollow grey circles) and {n_samples} generated points (vermillion triangles); black arrows "
    "on {n_arrows} of them point where the generator's loss pushes each sample. {edge} points beyond the window "
    "sit on its edge."
)
#: Loss curves.
LOSS_TITLE = ("Losses per step (bits)", "dashed: D left guessing")
D_LOSS, G_LOSS = "L_D (discriminator)", "L_G (generator)"
LOSS_AXIS = "loss (bits)"
STEP_AXIS = "training step"
DESCRIBE_LOSSES = (
    "The discriminator's loss L_D and the generator's loss L_G in bits, averaged over stretches of {stretch} steps, "
    "from step 0 to {step}; dashed lines at 2 and 1 bits, their values when D says 1/2 everywhere."
)
DISTANCE_TITLE = ("Energy distance to held-out data", "at each snapshot")
DISTANCE_AXIS = "energy distance"
DESCRIBE_DISTANCE = (
    "Energy distance of {n_eval} generated points to the held-out data at every snapshot up to step {step} "
    "({distance:.3f} there); dashed: real data against real data, {floor:.3f}."
)
CURVES_CAPTION = (
    "Left: the two losses, averaged over stretches of {stretch} steps (one minibatch of {batch} real and {batch} "
    "generated points per step). They are not a score: each measures one network against the other as it is at "
    "that step, so they hover around 2 and 1 bits whether the generator is good or collapsed. Right: the yardstick "
    "that is a score, the energy distance of {n_eval} samples to {n_held} held-out points; dashed: real data, "
    "{floor:.3f}."
)

# ----------------------------------------------------------------------------- the numbers

DISTANCE_LABEL = "energy distance"
DISTANCE_HELP = (
    "Energy distance between {n_eval} generated points and the {n_held} held-out points, in the units of x₁ and x₂; "
    "lower is better. Real data against real data: {floor:.3f}."
)
MODES_LABEL = "blobs covered"
MODES_VALUE = "{covered} of {n_modes}"
MODES_HELP = (
    "A blob is covered when at least {min_share:.0%} of the generated points lie nearest its centre and within "
    "{radius_sd:.0f} standard deviations of it (the data hold 25 to 40 % in each). Shares now: {shares}."
)
D_MEANS_LABEL = "D(x): data / samples"
D_MEANS_VALUE = "{data:.2f} / {samples:.2f}"
D_MEANS_HELP = (
    "The discriminator's average P(real | x) over the held-out points and over the generated points (samples). "
    "1/2 on both: D cannot tell them apart (or has given up on it)."
)
LOGLIK_LABEL = "held-out log-likelihood"
NOT_DEFINED = "not defined"
LOGLIK_HELP = "A GAN has no formula for q(x): its generator only maps noise to points."

# ----------------------------------------------------------------------------- what to notice

#: What the figure shows at this step, by how many blobs the samples cover: all, some, or one.
NOTICE_STATE = {
    "all": "At step {step:,}, the generated triangles cover all {n_modes} blobs, at an energy distance of "
    "{distance:.3f} from held-out data (real data against real data: {floor:.3f}). D's P(real | x) averages "
    "{d_on_data:.2f} on data and {d_on_samples:.2f} on the samples: it can hardly tell them apart. The longest arrows "
    "start where it still can, on triangles that stray into the vermillion between the blobs.",
    "some": "At step {step:,}, the generated triangles cover {covered} of the {n_modes} blobs (energy distance "
    "{distance:.3f}; real data: {floor:.3f}). The heatmap turns vermillion (\u201cgenerated\u201d) where the "
    "triangles crowd and blue where data lie without them, and the arrows push the triangles towards the blue.",
    "one": "At step {step:,}, {biggest:.0%} of the generated triangles sit on one blob: the generator covers "
    "{covered} of {n_modes} (energy distance {distance:.3f}; real data: {floor:.3f}). That is mode collapse: g "
    "found one region D calls real and put everything there.",
}
#: What the run as a whole shows.
NOTICE_RUN = {
    "converges": "In this run both networks learn at the same rate ({lr_g:g}). Press Play from step {play_from:,}: the "
    "triangles spread out to the blobs (all {n_modes} covered from step {settled:,} on), the heatmap fades towards "
    "white (D = 1/2) and the losses settle near {equilibrium_d:g} and {equilibrium_g:g} bits.",
    "collapses": "This run differs in one setting only: the generator learns {ratio:.0f} times faster than the "
    "discriminator ({lr_g:g} against {lr_d:g}). Press Play from step {play_from:,}: the discriminator marks the "
    "crowded blob as generated, the arrows push the whole crowd to another blob, and the chase starts again. "
    "Nothing in L_G asks g to cover all of the data, only to be called real now.",
}
NOTICE_LOSSES = (
    "The losses do not show any of this: after step {settled_losses:,} both runs' losses stay within {tolerance:g} "
    "bits of {equilibrium_d:g} and {equilibrium_g:g} bits. Only a yardstick outside the game, such as the energy "
    "distance, tells the two runs apart."
)

# ----------------------------------------------------------------------------- go deeper

DEEPER = Deeper(
    "why a GAN learns the data (and where it can fail)",
    r"For a fixed generator with sample distribution $q_\theta$, the discriminator that minimises $L_D$ is, point by "
    r"point, $D^*(x) = \dfrac{p(x)}{p(x) + q_\theta(x)}$: it says $\tfrac12$ wherever the two agree. Put back into "
    r"the loss,"
    "\n\n"
    r"$$L_D(D^*) = 2 - 2\,\mathrm{JS}(p \,\|\, q_\theta),\qquad \mathrm{JS}(p\,\|\,q) = \tfrac12\mathrm{KL}\big(p"
    r"\,\|\,\tfrac{p+q}{2}\big) + \tfrac12\mathrm{KL}\big(q\,\|\,\tfrac{p+q}{2}\big)$$"
    "\n\n"
    r"(in bits), so a generator that maximises the best discriminator's loss minimises the Jensen-Shannon "
    r"divergence between data and samples, which is 0 only when $q_\theta = p$. Goodfellow et al. (2014) had $g$ "
    r"minimise $\mathbb E_z \log_2(1 - D(g(z)))$; its gradient vanishes when $D$ confidently rejects the samples, "
    r"which is exactly the start of training. The *non-saturating* loss $L_G = -\mathbb E_z \log_2 D(g(z))$ has the "
    r"same fixed point and a strong gradient there: at a sample $x$ it is $-\nabla_x L_G \propto (1 - D(x))\,"
    r"\nabla_x \ell_\psi(x)$, with $D = \sigma(\ell_\psi)$ (the arrows)."
    "\n\n"
    r"The argument assumes $D$ is optimal at every step. In practice each network takes one small step at a time. "
    r"When $g$ moves much faster than $D$ (the collapsing run), it does not face $D^*$ but yesterday's $D$: every "
    r"sample follows the same arrows to the same spot $D$ still calls real, $D$ then learns that this spot is "
    r"generated, and the crowd moves on. Nothing in $L_G$ rewards spreading out. The losses stay near 2 and 1 bits "
    r"throughout, because each is measured against the other network as it is at that moment.",
)
