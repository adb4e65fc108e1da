"""What the page "hidden_structure" says: the slide's words and the page's prose."""

from lecture import Deeper, PageText, Quiz, Slide

SLIDE = Slide(
    "hidden_structure",
    "The big idea: hidden structure",
    "Data has hidden causes: introduce latent variables.",
    (
        "Data has hidden causes",
        "Introduce Latent Variables: pose, style, meaning, intent",
    ),
)

TEXT = PageText(
    SLIDE,
    formulas=(
        r"\underbrace{z = (\text{angle},\ \text{length},\ \text{thickness},\ \text{pos}_{\leftrightarrow},\ "
        r"\text{pos}_{\updownarrow})}_{\text{5 hidden causes}}"
        r"\;\xrightarrow{\ \text{render}\ }\; \underbrace{x \in [0,1]^{24\times 24}}_{\text{576 observed pixels}}",
    ),
    where=r"$z$: the latent causes (pose, size, style; $\text{pos}$ = where the stroke sits, left–right and "
    r"up–down), never seen in real data; $x$: the image we observe. Real photos work the same way with causes "
    r"such as pose, style, meaning and intent.",
    quizzes=(
        Quiz(
            "A data set of 10,000 face photos, 256 × 256 pixels each, was made by varying only two things: how far "
            "the head is turned left or right (one angle) and how bright the one lamp is (one number). How many "
            "numbers are needed, at least, to describe one photo of it?",
            ("65,536", "10,000", "2", "256"),
            answer=2,
            explain="Two hidden causes made every photo, so two numbers (a latent z in two dimensions) pin each one "
            "down; the pixels are a deterministic (possibly very curved) function of them.",
            feedback=(
                "That is the number of pixels: enough, but every one of them follows from the two causes.",
                "That is the number of photos in the data set, not what one photo needs.",
                "Yes: the turn of the head and the brightness of the lamp.",
                "That is the side of a photo in pixels; the photos differ in only two ways.",
            ),
        ),
    ),
    deeper=(
        Deeper(
            "why PCA counts causes only locally, and what the noise floor is",
            r"""
Write the renderer as $x = g(z) + \varepsilon$. Near a reference $z_0$, a Taylor expansion gives
$g(z) \approx g(z_0) + J\,(z - z_0)$ with the $576 \times 5$ Jacobian $J$. If only $k$ causes vary, and only a
little, the images fill a **flat** $k$-dimensional patch spanned by $k$ columns of $J$: the covariance of $x$ is
$J_k \Sigma_z J_k^\top + \sigma^2 I$, with exactly $k$ eigenvalues above $\sigma^2$. That is what PCA sees.

When causes vary a lot, the second-order terms $\tfrac12 (z-z_0)^\top \nabla^2 g\,(z-z_0)$ matter: the patch
bends, and the bent sheet spans more straight directions than it has dimensions (a circle, one-dimensional,
needs two). Linear PCA then overcounts; a **nonlinear** decoder $g$ (as in a VAE) can still use $k$ latents.

**The floor.** Even pure noise does not give $n$ equal eigenvalues $\sigma^2$: with $n$ images in $d$ pixels, the
sample covariance's eigenvalues spread up to about $\sigma^2(1 + \sqrt{d/n})^2$ (Marchenko–Pastur).
""",
        ),
    ),
)

#: The derivation's last sentence, filled from the page's margin over the noise floor.
DEEPER_MARGIN = "A direction counts as structure here only if its variance exceeds {margin:g} times that edge."

#: "What to notice": the picture at the top, then one sentence for the open tab (filled from its numbers).
NOTICE_STROKE = (
    "{causes} numbers decide all {pixels} pixels: the images are not spread through pixel space but lie on a thin "
    "surface with one dimension per hidden cause."
)
NOTICE_GRID = (
    "Varying {name_a} and {name_b} traces out a smooth, bent sheet of {images} images; nearby causes give nearby "
    "images."
)
NOTICE_COUNT = {
    True: "PCA never sees the causes, only pixels, yet it finds exactly {found} direction(s) above the noise for the "
    "{varied} cause(s) that vary: small variation keeps the surface nearly flat.",
    False: "PCA never sees the causes, only pixels: here it finds {found} direction(s) above the noise for {varied} "
    "varied cause(s). Large variation bends the surface, and a straight (linear) method needs extra directions to "
    "follow the curve: the reason real latent-variable models use a nonlinear decoder.",
}

#: What a person calls each cause (the code names x and y would clash with the image x).
CAUSE_NAMES = {
    "angle": "angle",
    "length": "length",
    "thickness": "thickness",
    "x": "horizontal position",
    "y": "vertical position",
}
#: A cause slider's label: the cause with its unit, then the kind of hidden cause it stands for.
CAUSE_LABEL = "{label} · {role}"

MOVE_CAUSE = "**Move a hidden cause**"
STROKE_CAPTION = (
    "All {pixels} pixels follow from the {causes} numbers set on the right: move one and the whole image changes."
)
HELP_CAUSES = "angle, length, thickness, horizontal and vertical position"
HELP_PIXELS = "{side} × {side} grey values between 0 and 1"
HELP_COMPRESSION = "How many pixel values each hidden number stands for."

TABS = ("A surface in pixel space", "How many causes? PCA counts them")
HELP_COLUMNS = "The other three causes stay where the sliders above put them."
SAME_CAUSE = "Pick two different causes for the rows and the columns."
GRID_CAPTION = "{name_a} {a_first:g} → {a_last:g} (down) × {name_b} {b_first:g} → {b_last:g} (across)"
SURFACE_CAPTION = (
    "Right: the same {images} images as points in pixel space, seen along the two directions in which they differ "
    "most (PCA); the corner labels mark the corner images of the grid. Neighbouring images are joined: they form a "
    "smooth 2-D sheet, bent, inside a {pixels}-dimensional space."
)
#: Added to the caption when the grid sweeps this cause.
SURFACE_NOTES = {
    "angle": "The angle closes into a loop: turning a stroke by 180° gives the same stroke.",
    "x": "Large shifts fold the sheet over itself in this flat view.",
    "y": "Large shifts fold the sheet over itself in this flat view.",
}

VARY_TITLE = "**Causes that vary in the data set**"
HELP_SPREAD = "0.1: small changes around one image (the surface looks flat). 1: large changes (the surface bends)."
NO_CAUSE = "Choose at least one cause to vary: with none, every image is the same."
EXAMPLES_CAPTION = (
    "Eight images of the data set: only the chosen causes change, plus pixel noise (with a small "
    "spread the changes are small too)"
)
HELP_VARIED = "Hidden from PCA: it only sees the pixels."
HELP_FOUND = (
    "Principal directions with more variance than pixel noise alone can make ({margin:g} × the "
    "Marchenko–Pastur edge σ²(1 + √(d/n))²)."
)
FOUND_ALL = "PCA, seeing only pixels, finds {found} directions of real variation: the number of hidden causes."
FOUND_OTHER = (
    "PCA finds {found} directions for {varied} cause(s). With large variation the surface bends, and a straight "
    "(linear) method needs extra directions to follow the curve; with strong noise, weak causes sink below the "
    "floor. Try 'How far they vary' = 0.1."
)
