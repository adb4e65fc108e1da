"""Scenes of the "Likelihood-based models" page: four density models fitted to the same 2-D data, and a probe x*.

Every tab fits one model q_theta by (approximate) maximum likelihood: a Gaussian mixture by EM, a coupling
flow, an energy model with Z summed on a grid that covers all of its mass, and a linear VAE trained on its ELBO.
The last tab scores one point x* under all of them. The fits are shared between the tabs (``scenes.shared``);
each scene function returns what one tab draws and the numbers beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import datasets, ebm, em, linear_vae
from core.flow import CouplingFlow
from core.sample_quality import window_around
from scenes import shared

PRESETS: tuple[str, ...] = datasets.DENSITY_PRESETS
N_POINTS = 400
EM_STEPS = 40
#: The most mixture components the EM tab offers (its K slider goes 1 to K_MAX; each has a colour of its own).
K_MAX = 8
N_CHAINS = 300
VAE_STEPS = 200
GRID = 100
#: Digits of 784 = 28 x 28 pixels: the dimension whose grid of cells shows why Z is hard.
IMAGE_DIMS = 784
#: The models the probe tab scores, with the settings the other tabs open on (K = 6, 8 coupling layers).
PROBE_MODELS: tuple[str, ...] = ("Gaussian mixture (EM)", "Normalizing flow", "Energy-based model", "VAE")
PROBE_K = 6
PROBE_LAYERS = 8
PROBE_COLUMNS = ("model", "kind", "log q(x*)", "average log q(x) over the data")
#: Short names of the four exact models, as the probe tab's sentences name them (order of PROBE_MODELS).
PROBE_SHORT = ("Gaussian mixture", "flow", "energy model", "linear VAE")

Extent = tuple[float, float, float, float]


# ----------------------------------------------------------------------------- shared data and fits


@shared(16)
def data(preset: str, seed: int) -> tuple[np.ndarray, Extent]:
    """The page's data set (400 points) and the plotting window around it."""
    X = datasets.density_2d(preset, n=N_POINTS, seed=seed)
    return X, window_around(X, 0.15)


def plot_grid(preset: str, seed: int) -> ebm.Grid:
    """The GRID x GRID cells over the plotting window on which densities are drawn."""
    return ebm.Grid(data(preset, seed)[1], GRID, GRID)


@shared(32)
def em_history(preset: str, seed: int, k: int) -> em.EMHistory:
    """EM_STEPS steps of EM with K components from a random start (every state kept)."""
    return em.run_em(data(preset, seed)[0], n_components=k, n_steps=EM_STEPS, seed=seed)


@shared(24)
def flow_model(preset: str, seed: int, n_layers: int) -> CouplingFlow:
    return CouplingFlow(n_layers=n_layers, seed=seed).fit(data(preset, seed)[0])


@shared(8)
def energy_model(preset: str, seed: int) -> ebm.BumpEnergyModel:
    return ebm.BumpEnergyModel().fit(data(preset, seed)[0])


@shared(8)
def vae_model(preset: str, seed: int) -> linear_vae.LinearVAE:
    return linear_vae.LinearVAE(n_latent=1, n_steps=VAE_STEPS, learning_rate=0.03, seed=seed).fit(data(preset, seed)[0])


# ----------------------------------------------------------------------------- EM


@dataclass(frozen=True)
class EMView:
    """The mixture after ``step`` EM steps, its log-likelihood curve and scikit-learn's run from the same start."""

    X: np.ndarray
    extent: Extent
    resp: np.ndarray  # (n, K) responsibilities r_ik (row i: point x_i, column k: component k)
    ellipses: np.ndarray  # (K, 64, 2) two-sigma ellipse of each component
    means: np.ndarray  # (K, 2)
    log_likelihood: np.ndarray  # (EM_STEPS + 1,) average log-likelihood per step, nats per point
    step: int
    sklearn_log_likelihood: float
    sklearn_gap: float  # max |mean difference| between our EM and scikit-learn's

    @property
    def now(self) -> float:
        return float(self.log_likelihood[self.step])

    @property
    def k(self) -> int:
        return int(self.means.shape[0])

    @property
    def change(self) -> float:
        """Change of the log-likelihood from step t-1 to step t (0 at the start; rounding noise below 1e-12 is 0)."""
        if self.step == 0:
            return 0.0
        change = float(self.log_likelihood[self.step] - self.log_likelihood[self.step - 1])
        return 0.0 if abs(change) < 1e-12 else change

    @property
    def sklearn_gap_shown(self) -> float:
        """The gap as shown: float rounding (~1e-16) counts as 0."""
        return self.sklearn_gap if self.sklearn_gap >= 1e-9 else 0.0

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"step": np.arange(EM_STEPS + 1), "log_likelihood": self.log_likelihood})

    @property
    def points(self) -> pd.DataFrame:
        """The data with the component that owns each point most and its responsibility (the picture's numbers)."""
        return pd.DataFrame(
            {
                "x1": self.X[:, 0],
                "x2": self.X[:, 1],
                "component": self.resp.argmax(axis=1) + 1,
                "responsibility": self.resp.max(axis=1),
            }
        )


def em_fit(preset: str, seed: int, k: int, step: int) -> EMView:
    X, extent = data(preset, seed)
    hist = em_history(preset, seed, k)
    p = hist.params[step]
    ref = em.sklearn_em(X, hist.params[0], step)
    return EMView(
        X=X,
        extent=extent,
        resp=em.responsibilities(X, p),
        ellipses=np.stack([em.covariance_ellipse(m, c) for m, c in zip(p.means, p.covariances, strict=True)]),
        means=p.means,
        log_likelihood=hist.log_likelihood,
        step=int(step),
        sklearn_log_likelihood=em.average_log_likelihood(X, ref),
        sklearn_gap=float(np.abs(ref.means - p.means).max()),
    )


# ----------------------------------------------------------------------------- flow


@dataclass(frozen=True)
class FlowView:
    """A coupling flow: its density on the plot grid, the warped base grid, data in z and samples in x."""

    extent: Extent
    density: np.ndarray  # (GRID, GRID) exact q(x)
    mass: float  # Riemann sum of q over the plotted grid (about 1)
    base: np.ndarray  # straight grid lines in z
    warped: np.ndarray  # the same lines through f^{-1}
    Z: np.ndarray  # data mapped to base space, f(x)
    Z_samples: np.ndarray  # draws z ~ N(0, I)
    samples: np.ndarray  # x = f^{-1}(z)
    avg_log_q: float
    avg_logdet: float

    @property
    def base_table(self) -> pd.DataFrame:
        """The base-space panel's points: the data mapped by f, and draws from N(0, I)."""
        return pd.concat(
            [
                pd.DataFrame({"points": "data f(x)", "z1": self.Z[:, 0], "z2": self.Z[:, 1]}),
                pd.DataFrame({"points": "draw z ~ N(0, I)", "z1": self.Z_samples[:, 0], "z2": self.Z_samples[:, 1]}),
            ],
            ignore_index=True,
        )

    @property
    def samples_table(self) -> pd.DataFrame:
        """The data-space panel's samples x = f^{-1}(z)."""
        return pd.DataFrame({"x1": self.samples[:, 0], "x2": self.samples[:, 1]})


def flow_fit(preset: str, seed: int, n_layers: int) -> FlowView:
    X, extent = data(preset, seed)
    flow = flow_model(preset, seed, n_layers)
    grid = plot_grid(preset, seed)
    q = np.exp(flow.score_samples(grid.points))
    base, warped = flow.grid_lines(extent=3.0, n_lines=9, n_points=60)
    return FlowView(
        extent=extent,
        density=q.reshape(GRID, GRID),
        mass=float(q.sum() * grid.cell_area),
        base=base,
        warped=warped,
        Z=flow.transform(X),
        Z_samples=np.random.default_rng(seed + 1).standard_normal((N_POINTS, 2)),
        samples=flow.sample(N_POINTS, seed=seed + 1),
        avg_log_q=float(flow.score_samples(X).mean()),
        avg_logdet=float(flow.log_det_jacobian(X).mean()),
    )


# ----------------------------------------------------------------------------- energy model


@dataclass(frozen=True)
class EnergyView:
    """The energy model's density q = exp(-E) / Z, its log Z and the grid it was summed on."""

    extent: Extent
    density: np.ndarray  # (GRID, GRID)
    log_z: float
    mean_energy_q: float  # E_q[E] on the integration grid (which covers the whole mass)
    grid_cells: int
    grid_per_axis: int
    image_cells_log10: float  # log10 of the cells the same grid needs for a 28 x 28 image


def energy_fit(preset: str, seed: int) -> EnergyView:
    model = energy_model(preset, seed)
    grid = plot_grid(preset, seed)
    return EnergyView(
        extent=data(preset, seed)[1],
        density=np.exp(model.score_samples(grid.points)).reshape(GRID, GRID),
        log_z=float(model.log_partition_),
        mean_energy_q=ebm.expected_energy(model.energy, model.grid_),
        grid_cells=int(model.grid_.nx * model.grid_.ny),
        grid_per_axis=int(model.grid_.nx),
        image_cells_log10=ebm.grid_cells_needed_log10(model.grid_.nx, IMAGE_DIMS),
    )


@dataclass(frozen=True)
class ChainsView:
    """N_CHAINS Langevin chains on the energy model, started uniformly over the plot window."""

    n_steps: int
    starts: np.ndarray
    samples: np.ndarray
    trace_steps: np.ndarray  # the steps at which the mean energy was recorded (the last one is n_steps)
    trace: np.ndarray  # mean energy of the chains at those steps
    mean_energy: float
    step_size: float = 0.03

    @property
    def table(self) -> pd.DataFrame:
        """The chains' mean energy at the recorded steps (the trace chart's numbers)."""
        return pd.DataFrame({"step": self.trace_steps, "mean_energy": self.trace})

    @property
    def points(self) -> pd.DataFrame:
        """Where each chain started and where it is after n_steps (the picture's points)."""
        return pd.DataFrame(
            {
                "start_x1": self.starts[:, 0],
                "start_x2": self.starts[:, 1],
                "x1": self.samples[:, 0],
                "x2": self.samples[:, 1],
            }
        )


def langevin(preset: str, seed: int, n_steps: int, step_size: float) -> ChainsView:
    """Run the chains ``n_steps`` steps of size ``step_size``; ValueError if they diverge."""
    model = energy_model(preset, seed)
    x0, x1, y0, y1 = data(preset, seed)[1]
    rng = np.random.default_rng(seed + 7)
    starts = np.c_[rng.uniform(x0, x1, N_CHAINS), rng.uniform(y0, y1, N_CHAINS)]
    every = max(1, n_steps // 60)
    final, path = ebm.langevin_sample(
        model.grad_energy, starts, n_steps=n_steps, step_size=step_size, seed=seed, keep_every=every
    )
    steps = np.arange(len(path)) * every
    if steps[-1] != n_steps:  # the trace always ends at the chains' current step, where the chart marks it
        path, steps = np.concatenate([path, final[None]]), np.r_[steps, n_steps]
    return ChainsView(
        n_steps=int(n_steps),
        starts=starts,
        samples=final,
        trace_steps=steps,
        trace=np.array([model.energy(x).mean() for x in path]),
        mean_energy=float(model.energy(final).mean()),
        step_size=float(step_size),
    )


# ----------------------------------------------------------------------------- linear VAE


@dataclass(frozen=True)
class VAEView:
    """The linear VAE after ``step`` Adam steps: its exact density, decoder line, samples and both curves."""

    X: np.ndarray
    extent: Extent
    line: np.ndarray  # decoder mean W z + mu for z in [-3, 3]
    samples: np.ndarray
    density: np.ndarray  # (GRID, GRID) exact q(x)
    elbo: np.ndarray  # (VAE_STEPS + 1,) average ELBO per step
    log_q: np.ndarray  # (VAE_STEPS + 1,) average exact log q(x) per step
    step: int

    @property
    def elbo_now(self) -> float:
        return float(self.elbo[self.step])

    @property
    def log_q_now(self) -> float:
        return float(self.log_q[self.step])

    @property
    def gap(self) -> float:
        """log q(x) - ELBO = KL(q_phi(z|x) || q_theta(z|x)): encoder vs the model's posterior, mean over the data."""
        return self.log_q_now - self.elbo_now

    @property
    def final_gap(self) -> float:
        """The same gap after the last training step."""
        return float(self.log_q[-1] - self.elbo[-1])

    @property
    def points(self) -> pd.DataFrame:
        """The picture's points: the data and the model's samples."""
        return pd.concat(
            [
                pd.DataFrame({"points": "data", "x1": self.X[:, 0], "x2": self.X[:, 1]}),
                pd.DataFrame({"points": "sample", "x1": self.samples[:, 0], "x2": self.samples[:, 1]}),
            ],
            ignore_index=True,
        )

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"step": np.arange(VAE_STEPS + 1), "elbo": self.elbo, "log_q": self.log_q})


def vae_fit(preset: str, seed: int, step: int) -> VAEView:
    X, extent = data(preset, seed)
    vae = vae_model(preset, seed)
    p = vae.history_[step]
    z = np.linspace(-3, 3, 30)[:, None]
    return VAEView(
        X=X,
        extent=extent,
        line=z @ p.W.T + p.mu,
        samples=vae.sample(N_POINTS, seed=seed + 1, step=step),
        density=np.exp(linear_vae.exact_log_likelihood(plot_grid(preset, seed).points, p)).reshape(GRID, GRID),
        elbo=vae.elbo_curve_,
        log_q=vae.log_likelihood_curve_,
        step=int(step),
    )


# ----------------------------------------------------------------------------- probe x*


@dataclass(frozen=True)
class ProbeView:
    """log q(x*) under every model beside its average over the data; the highest and lowest exact ones."""

    probe: tuple[float, float]
    models: tuple[str, ...]
    kinds: tuple[str, ...]
    log_q: np.ndarray
    average: np.ndarray
    highest: int  # index of the exact model that finds x* most likely
    lowest: int

    @property
    def below(self) -> tuple[str, ...]:
        """Short names of the exact models that score x* below their average over the data."""
        n = len(PROBE_MODELS)
        return tuple(name for name, a, b in zip(PROBE_SHORT, self.log_q[:n], self.average[:n], strict=True) if a < b)

    @property
    def above(self) -> tuple[str, ...]:
        """Short names of the exact models that score x* at or above their average over the data."""
        return tuple(name for name in PROBE_SHORT if name not in self.below)

    @property
    def ratio(self) -> float:
        """q_high(x*) / q_low(x*)."""
        return float(np.exp(self.log_q[self.highest] - self.log_q[self.lowest]))

    @property
    def shown(self) -> pd.DataFrame:
        """The table as the page prints it: log-densities with three decimals and a real minus sign."""
        table = self.table
        for column in PROBE_COLUMNS[2:]:
            table[column] = [f"{v:.3f}".replace("-", "\u2212") for v in table[column]]
        return table

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                PROBE_COLUMNS[0]: list(self.models),
                PROBE_COLUMNS[1]: list(self.kinds),
                PROBE_COLUMNS[2]: self.log_q,
                PROBE_COLUMNS[3]: self.average,
            }
        )


def probe(preset: str, seed: int, px: float, py: float) -> ProbeView:
    """Score x* = (px, py) under the four default models (and the VAE's ELBO, a lower bound)."""
    X = data(preset, seed)[0]
    x = np.array([[px, py]])
    gmm = em_history(preset, seed, PROBE_K).params[-1]
    flow = flow_model(preset, seed, PROBE_LAYERS)
    energy = energy_model(preset, seed)
    vae = vae_model(preset, seed)
    rows = [
        ("Gaussian mixture (EM)", "exact", em.score_samples(x, gmm)[0], em.average_log_likelihood(X, gmm)),
        ("Normalizing flow", "exact", flow.score_samples(x)[0], flow.score_samples(X).mean()),
        (
            "Energy-based model",
            "exact (Z summed on a grid)",
            energy.score_samples(x)[0],
            energy.score_samples(X).mean(),
        ),
        ("VAE: exact log q(x)", "exact (linear decoder)", vae.score_samples(x)[0], vae.score_samples(X).mean()),
        ("VAE: ELBO", "lower bound", vae.elbo(x)[0], vae.elbo(X).mean()),
    ]
    log_q = np.array([float(r[2]) for r in rows])
    exact = log_q[: len(PROBE_MODELS)]  # the ELBO is a bound, not a density: left out of highest / lowest
    return ProbeView(
        probe=(float(px), float(py)),
        models=tuple(r[0] for r in rows),
        kinds=tuple(r[1] for r in rows),
        log_q=log_q,
        average=np.array([float(r[3]) for r in rows]),
        highest=int(exact.argmax()),
        lowest=int(exact.argmin()),
    )


@dataclass(frozen=True)
class DensityView:
    """The data over one default model's density on the plot grid (the probe tab's background)."""

    model: str
    X: np.ndarray
    extent: Extent
    density: np.ndarray

    @property
    def points(self) -> pd.DataFrame:
        """The data drawn over the density."""
        return pd.DataFrame({"x1": self.X[:, 0], "x2": self.X[:, 1]})


def probe_density(preset: str, seed: int, model: str) -> DensityView:
    """The plotted-grid density of one of PROBE_MODELS (the ones scored at x*)."""
    if model not in PROBE_MODELS:
        raise ValueError(f"Unknown model {model!r}; choose one of {', '.join(PROBE_MODELS)}.")
    X, extent = data(preset, seed)
    if model == "Gaussian mixture (EM)":
        gmm = em_history(preset, seed, PROBE_K).params[-1]
        density = np.exp(em.score_samples(plot_grid(preset, seed).points, gmm)).reshape(GRID, GRID)
    elif model == "Normalizing flow":
        density = flow_fit(preset, seed, PROBE_LAYERS).density
    elif model == "Energy-based model":
        density = energy_fit(preset, seed).density
    else:
        density = vae_fit(preset, seed, VAE_STEPS).density
    return DensityView(model=model, X=X, extent=extent, density=density)
