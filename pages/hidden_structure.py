"""The big idea: hidden structure. Five hidden causes draw a 576-pixel image; PCA counts the causes back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import shapes
from ui import charts, frame
from ui import latent_charts as lc

CAUSES = {c.name: c for c in shapes.CAUSES}
STEPS = {"angle": 1.0, "length": 0.5, "thickness": 0.25, "x": 0.25, "y": 0.25}
FORMATS = {"angle": "%.0f°", "length": "%.1f", "thickness": "%.2f", "x": "%+.2f", "y": "%+.2f"}
LABELS = {c.name: f"{c.label} · {c.role}" for c in shapes.CAUSES}
#: What a person calls each cause (the code names x and y would clash with the image x).
NAMES = {"angle": "angle", "length": "length", "thickness": "thickness", "x": "horizontal position",
         "y": "vertical position"}
PIXELS = shapes.IMAGE_SIZE**2
#: Images are rendered at least this wide and shown at the column's width: a browser shrinks them sharply, but
#: blows small ones up blurred. Each image pixel is a block of whole pixels (hard edges).
MOSAIC_PX = 600
VARIED = ("angle", "thickness", "y")  # the causes varied in the PCA data set by default


@st.cache_data(show_spinner=False, max_entries=256)
def stroke_image(z: tuple[float, ...], factor: int) -> bytes:
    return lc.png(lc.single(shapes.render_strokes(np.array(z)), factor=factor))


@st.cache_data(show_spinner=False, max_entries=64)
def grid_pictures(a: str, b: str, n: int, base: tuple[float, ...]) -> tuple[bytes, np.ndarray, list, list]:
    """The mosaic of images over two causes and the grid's coordinates on its two principal directions."""
    images, va, vb = shapes.cause_grid(a, b, n=n, base=np.array(base))
    flat = images.reshape(n * n, -1)
    coords = shapes.principal_coordinates(flat, 2).reshape(n, n, 2)
    factor = -(-MOSAIC_PX // (shapes.IMAGE_SIZE * n))  # at least MOSAIC_PX wide: shown smaller, never blown up
    return lc.png(lc.mosaic(images, factor=factor, gap=3)), coords, va.tolist(), vb.tolist()


@st.cache_data(show_spinner=False, max_entries=64)
def count_experiment(active: tuple[str, ...], spread: float, noise: float, n: int, seed: int) -> dict:
    data = shapes.sample_shapes(n, active, spread=spread, noise=noise, seed=seed)
    spectrum = shapes.pca_spectrum(data.X, 12)
    floor = shapes.FLOOR_MARGIN * shapes.noise_floor(noise, n, PIXELS)
    examples = np.clip(data.X[:8].reshape(8, shapes.IMAGE_SIZE, shapes.IMAGE_SIZE), 0, 1)
    return {
        "spectrum": spectrum,
        "floor": floor,
        "found": shapes.count_causes(spectrum, noise, n, PIXELS),
        "examples": lc.png(lc.mosaic(examples[None], factor=6, gap=4)),
    }


@st.cache_resource(show_spinner=False, max_entries=64)
def spectrum_figure(active: tuple[str, ...], spread: float, noise: float, n: int, seed: int, present: bool) -> dict:
    res = count_experiment(active, spread, noise, n, seed)
    return charts.spec(lc.spectrum_chart(res["spectrum"], res["floor"], len(active)))


@st.cache_resource(show_spinner=False, max_entries=64)
def surface_figure(a: str, b: str, n: int, base: tuple[float, ...], height: int, present: bool) -> dict:
    _, coords, va, vb = grid_pictures(a, b, n, base)
    return charts.spec(lc.surface_chart(coords, np.array(va), np.array(vb), NAMES[a], NAMES[b], height=height))


# ----------------------------------------------------------------------------------------------- page

page = frame.start("hidden_structure")
page.formula(
    r"\underbrace{z = (\text{angle},\ \text{length},\ \text{thickness},\ \text{pos}_{\leftrightarrow},\ "
    r"\text{pos}_{\updownarrow})}_{\text{5 hidden causes}}"
    r"\;\xrightarrow{\ \text{render}\ }\; \underbrace{x \in [0,1]^{24\times 24}}_{\text{576 observed pixels}}",
    where=r"$z$: the latent causes (pose, size, style; $\text{pos}$ = where the stroke sits, left–right and "
    r"up–down), never seen in real data; $x$: the image we observe. Real photos work the same way with causes "
    r"such as pose, style, meaning and intent.",
)

fig, ctrl = page.columns((3, 2))
with ctrl:
    st.markdown("**Move a hidden cause**")
    z = tuple(
        float(st.slider(LABELS[c.name], c.low, c.high, c.default, STEPS[c.name], key=f"hs_{c.name}",
                        format=FORMATS[c.name], bind="query-params"))
        for c in shapes.CAUSES
    )
with fig, page.guard():
    picture, numbers = st.columns((3, 2), gap="medium")
    with picture:
        st.image(stroke_image(z, 24), width="stretch", output_format="PNG",
                 caption="x = render(z): all 576 pixels follow from the 5 numbers on the right")
    with numbers:
        page.numbers([
            frame.Number("Hidden causes", len(shapes.CAUSES), "numbers",
                         help="angle, length, thickness, horizontal and vertical position"),
            frame.Number("Observed pixels", PIXELS, "numbers", help="24 × 24 grey values between 0 and 1"),
            frame.Number("Compression", PIXELS / len(shapes.CAUSES), "× fewer", digits=1,
                         help="How many pixel values each hidden number stands for."),
        ], per_row=1)

tab_grid, tab_count = st.tabs(["A surface in pixel space", "How many causes? PCA counts them"], key="hs_tab",
                              bind="query-params")

if tab_grid.open:
    with tab_grid:
        # Controls in one row above, so the grid of images and its picture in pixel space sit side by side.
        c1, c2, c3 = st.columns(3)
        names = list(shapes.CAUSE_NAMES)
        a = c1.selectbox("Cause down the rows", names, index=1, format_func=NAMES.get, key="hs_rows",
                         bind="query-params")
        b = c2.selectbox("Cause across the columns", names, index=2, format_func=NAMES.get, key="hs_cols",
                         bind="query-params", help="The other three causes stay where the sliders above put them.")
        n = c3.slider("Images per side", 3, 9, 7, key="hs_n", bind="query-params")
        with page.guard():
            if a == b:
                raise ValueError("Pick two different causes for the rows and the columns.")
            tiles, _, va, vb = grid_pictures(a, b, n, z)
            left, right = st.columns((2, 3), gap="large")
            with left:
                st.image(tiles, width="stretch", output_format="PNG",
                         caption=f"{NAMES[a]} {va[0]:g} → {va[-1]:g} (down) × {NAMES[b]} {vb[0]:g} → {vb[-1]:g} "
                         "(across)")
            with right:
                charts.show(surface_figure(a, b, n, z, 440, page.present), "hidden-surface")
            st.caption(
                f"Right: the same {n * n} images as points in pixel space, seen along the two directions in which "
                "they differ most (PCA); the corner labels mark the corner images of the grid. Neighbouring images "
                f"are joined: they form a smooth 2-D sheet, bent, inside a {PIXELS}-dimensional space. The angle "
                "closes into a loop (turning a stroke by 180° gives the same stroke), and large shifts fold the "
                "sheet over itself in this flat view."
            )

if tab_count.open:
    with tab_count:
        fig3, ctrl3 = page.columns()
        with ctrl3:
            # One checkbox per cause, not a multiselect: every name stays readable in a narrow column.
            st.markdown("**Causes that vary in the data set**")
            active = [name for name in shapes.CAUSE_NAMES
                      if st.checkbox(NAMES[name], value=name in VARIED, key=f"hs_vary_{name}", bind="query-params")]
            spread = st.slider("How far they vary", 0.1, 1.0, 0.1, 0.05, key="hs_spread", bind="query-params",
                               help="0.1: small changes around one image (the surface looks flat). "
                               "1: large changes (the surface bends).")
            noise = st.slider("Pixel noise σ", 0.005, 0.1, 0.02, 0.005, key="hs_noise", bind="query-params",
                              format="%.3f")
            n_img = st.slider("Images in the data set", 100, 800, 400, 50, key="hs_nimg", bind="query-params")
            seed = page.seed_control(key="hs_seed")
        with page.guard():
            if not active:
                raise ValueError("Choose at least one cause to vary: with none, every image is the same.")
            res = count_experiment(tuple(active), float(spread), float(noise), int(n_img), seed)
            with fig3:
                st.image(res["examples"], width="stretch", output_format="PNG",
                         caption="Eight images of the data set: only the chosen causes change, plus pixel noise "
                         "(with a small spread the changes are small too)")
                table = pd.DataFrame({"direction": np.arange(1, res["spectrum"].size + 1),
                                      "variance": res["spectrum"]})
                charts.show(spectrum_figure(tuple(active), float(spread), float(noise), int(n_img), seed,
                                            page.present), "hidden-pca-spectrum", data=table)
            page.numbers([
                frame.Number("Causes varied", len(active), "", help="Hidden from PCA: it only sees the pixels."),
                frame.Number("Directions above the noise", res["found"], "",
                             help="Principal directions with more variance than pixel noise alone can make "
                             "(1.5 × the Marchenko–Pastur edge σ²(1 + √(d/n))²)."),
                frame.Number("Noise floor", res["floor"], "variance", digits=4),
            ])
            if res["found"] == len(active):
                st.success(f"PCA, seeing only pixels, finds {res['found']} directions of real variation: the number "
                           "of hidden causes.", icon=":material/check_circle:")
            else:
                st.info(f"PCA finds {res['found']} directions for {len(active)} cause(s). With large variation the "
                        "surface bends, and a straight (linear) method needs extra directions to follow the "
                        "curve; with strong noise, weak causes sink below the floor. Try 'How far they vary' = 0.1.",
                        icon=":material/info:")

page.notice(
    "Five numbers decide all 576 pixels: the images are not spread through pixel space but lie on a thin surface "
    "with one dimension per hidden cause.",
    "Varying two causes traces out a smooth, bent sheet of images; nearby causes give nearby images.",
    "PCA never sees the causes, only pixels, yet with small variation it finds exactly as many directions above "
    "the noise as there are causes. With large variation the sheet curves and needs more straight directions: "
    "the reason real latent-variable models use a nonlinear decoder.",
)
page.quiz(
    "A data set of 10,000 face photos, 256 × 256 pixels each, was made by varying only head angle and lighting "
    "direction. How many numbers are needed, at least, to describe one photo of it?",
    ["65,536", "10,000", "2", "256"],
    answer=2,
    explain="Two hidden causes made every photo, so two numbers (a latent z in two dimensions) pin each one down; "
    "the pixels are a deterministic (possibly very curved) function of them.",
)
page.deeper(
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
sample covariance's eigenvalues spread up to about $\sigma^2(1 + \sqrt{d/n})^2$ (Marchenko–Pastur). A direction
counts as structure here only if its variance exceeds 1.5 times that edge.
""",
)
page.end()
