"""What the page "plan" says: the slide's words and the page's prose."""

from lecture import PLAN, PageText, Slide

SLIDE = Slide(
    "plan",
    "Lecture plan",
    "Generative AI principles, latent variables, and the mathematics underneath: entropy, cross entropy, KL.",
    PLAN,
)

TEXT = PageText(SLIDE)

START = "Start the lecture"
PLAN_HEADING = "The plan, as on the first slide"
FOR_LECTURER_HEADING = "For the lecturer"
FOR_LECTURER = (
    "Switch on **Presenter mode** in the sidebar before the lecture: each page becomes one slide on the "
    "projector (figure, key numbers and controls on one screen), and a presentation clicker moves between "
    "slides (PageDown/PageUp, or N/P when a slider has the keyboard focus). Every page opens on a preset that "
    "makes the slide's point without fiddling, with fixed random seeds, so the picture in the hall is the one "
    "you rehearsed. "
    "Move one or two controls and the figure follows. The address bar carries every setting: paste it "
    "into your slides or the course page and students reopen exactly what you showed. Nothing is fetched "
    "from the internet, so the hall's wifi does not matter."
)
FOR_STUDENT_HEADING = "For the student"
FOR_STUDENT = (
    "Each page pairs a picture with its numbers and its formula, and says in a few sentences what to "
    "notice. Below that, a **question to check yourself** answers at once, and **Go deeper** unfolds "
    "the derivation. Change the seed, the data or the model and see which conclusions survive. The maths "
    "lives in the `core` package: import it in a notebook and the same functions compute the same numbers."
)

NOTATION_HEADING = "Notation, on every page"
#: (symbol, meaning): the one notation of the lecture; formulas, labels and sentences all use it.
NOTATION = (
    ("$p(x)$", "the data (true) distribution; $\\hat p$ the empirical one (the data set itself)"),
    ("$q(x)$, $q_\\theta(x)$", "the model; $\\theta$ its parameters"),
    ("$z$, $p(z)$", "a latent variable and its prior; $q(z \\mid x)$ the approximate posterior (encoder)"),
    ("$q_T$", "a model's distribution sharpened ($T < 1$) or flattened ($T > 1$) by temperature $T$"),
    (
        "$H(p)$, $H(p, q)$, $\\mathrm{KL}(p \\,\\|\\, q)$",
        "entropy, cross entropy, relative entropy: bits unless marked nats",
    ),
)
PICTURES_HEADING = "How to read the pictures"
PICTURES = (
    "Data: hollow grey circles. Held-out data: hollow black circles. A model's samples: filled vermillion triangles.",
    "Blue is the data distribution p, vermillion the model q; on a classifier page the two classes are blue and "
    "vermillion. Densities and probabilities are shaded maps with a colour key; a decision boundary is a dark line.",
    "Every chart's numbers are one click away: its **Data and export** menu shows them as a table and downloads "
    "them as CSV, or the chart as PNG and SVG.",
)
