"""What the page "approaches" says: the slide's words and the page's prose."""

from lecture import PageText, Slide

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

TEXT = PageText(SLIDE)
