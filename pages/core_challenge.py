"""The core challenge: p(x) = integral of p(x|z) p(z) dz is intractable; sampling estimates and the ELBO."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from core import marginal as M
from ui import charts, frame
from ui import latent_charts as lc

MODELS = {
    "linear": "Linear-Gaussian",
    "square": "Nonlinear: x = z²",
}
MAX_SAMPLES = (100, 1_000, 10_000, 100_000)
#: Decoders of the ELBO section, their noise sigma, and how a person reads them.
DECODERS = {
    "linear": (0.5, "x = 1.5 z"),
    "square": (0.3, "x = z²"),
    "tanh": (0.4, "x = 2 tanh(2z)"),
}
SQUARE_X = 2.0
Z_PLOT = np.linspace(-4.0, 4.0, 401)
MC, IS = list(lc.ESTIMATOR_COLORS)


# ----------------------------------------------------------------------------------------------- cached core calls


def build(kind: str, dim: int, seed: int) -> tuple[M.LatentModel, np.ndarray]:
    """The model and the data point x whose likelihood we want."""
    if kind == "linear":
        model = M.linear_gaussian(dim, seed=seed)
        return model, model.sample(1, seed=seed + 1)[0][0]
    return M.Decoder1D("square", noise=0.3), np.array([SQUARE_X])


@st.cache_data(show_spinner="Drawing samples…", max_entries=64)
def estimates(kind: str, dim: int, max_samples: int, n_seeds: int, width: float, seed: int) -> dict:
    model, x = build(kind, dim, seed)
    exact = M.marginal_likelihood_exact(model, x)
    mean, cov = M.posterior_moments(model, x)
    q_cov = width**2 * cov
    sizes = M.sample_sizes(max_samples)
    runs = {
        MC: M.estimator_runs(model, x, sizes, n_seeds, seed),
        IS: M.estimator_runs(model, x, sizes, n_seeds, seed, q_mean=mean, q_cov=q_cov),
    }
    return {
        "exact": exact,
        "sizes": sizes,
        "runs": runs,
        "ess_mc": M.effective_sample_size(M.log_weights(model, x, max_samples, seed)),
        "ess_is": M.effective_sample_size(M.log_weights(model, x, max_samples, seed, mean, q_cov)),
    }


@st.cache_resource(show_spinner=False, max_entries=64)
def estimates_figure(kind: str, dim: int, max_samples: int, n_seeds: int, width: float, seed: int,
                     present: bool) -> dict:
    res = estimates(kind, dim, max_samples, n_seeds, width, seed)
    return charts.spec(lc.estimator_chart(res["sizes"], res["runs"], res["exact"]))


@st.cache_data(show_spinner=False, max_entries=1024)
def elbo_state(decoder: str, x: float, q_mean: float, q_std: float) -> dict:
    model = M.Decoder1D(decoder, noise=DECODERS[decoder][0])
    log_p = M.marginal_likelihood_exact(model, x)
    bound = M.elbo(model, x, q_mean, q_std**2)
    return {
        "log_p": log_p,
        "elbo": bound,
        "kl": M.kl_to_posterior(model, x, q_mean, q_std**2),
        "prior": np.exp(model.log_prior(Z_PLOT)),
        "posterior": M.posterior_density(model, x, Z_PLOT),
        "q": np.exp(-0.5 * ((Z_PLOT - q_mean) / q_std) ** 2) / (q_std * math.sqrt(2 * math.pi)),
    }


@st.cache_resource(show_spinner=False, max_entries=256)
def elbo_figures(decoder: str, x: float, q_mean: float, q_std: float, present: bool) -> tuple[dict, dict]:
    s = elbo_state(decoder, x, q_mean, q_std)
    return (charts.spec(lc.posterior_chart(Z_PLOT, s["prior"], s["posterior"], s["q"])),
            charts.spec(lc.elbo_bar(s["log_p"], s["elbo"], s["log_p"] - s["elbo"])))


def fit_q() -> None:
    """Button callback: move q's sliders to the Gaussian with the largest ELBO (starting from where they are)."""
    decoder = st.session_state.get("cc_dec", "square")
    model = M.Decoder1D(decoder, noise=DECODERS[decoder][0])
    mean, cov = M.optimal_gaussian_q(model, st.session_state.get("cc_x", 2.0),
                                     init_mean=st.session_state.get("cc_qm", 1.0),
                                     init_std=st.session_state.get("cc_qs", 0.3))
    st.session_state["cc_qm"] = float(np.clip(round(float(mean[0]) / 0.05) * 0.05, -3.0, 3.0))
    st.session_state["cc_qs"] = float(np.clip(round(math.sqrt(float(cov[0, 0])) / 0.01) * 0.01, 0.05, 2.0))


# ----------------------------------------------------------------------------------------------- page

page = frame.start("core_challenge")
page.formula(
    r"p(x) \;=\; \int p(x \mid z)\, p(z)\, dz \;=\; \mathbb{E}_{z \sim p(z)}\big[p(x \mid z)\big]"
    r"\;\approx\; \frac{1}{S}\sum_{s=1}^{S} p(x \mid z_s),\quad z_s \sim p(z)",
    r"p(x) \;=\; \mathbb{E}_{z \sim q(z \mid x)}\!\left[\frac{p(x \mid z)\,p(z)}{q(z \mid x)}\right]"
    r"\;\approx\; \frac{1}{S}\sum_{s=1}^{S} \frac{p(x \mid z_s)\,p(z_s)}{q(z_s \mid x)},\quad z_s \sim q(z \mid x)",
    where=r"$p(z)$: the prior over explanations; $p(x \mid z)$: the decoder; $q(z \mid x)$: a proposal close to the "
    r"posterior $p(z \mid x)$ (importance sampling). All logarithms are natural: values in nats.",
)

fig, ctrl = page.columns()
with ctrl:
    kind = st.selectbox("Model", list(MODELS), format_func=MODELS.get, key="cc_model", bind="query-params",
                        help="Linear-Gaussian: x = A z + noise with z in d dimensions (d is yours to choose); exact "
                        "log p(x) in closed form. Nonlinear: x = z² + noise with one latent number z; the exact value "
                        "comes from numerical integration (quadrature).")
    dim = st.slider("Latent dimension d", 1, 30, 16, key="cc_dim", bind="query-params", disabled=kind != "linear",
                    help="The prior must be searched in d dimensions; the posterior fills a shrinking part of it.")
    max_samples = st.select_slider("Most samples S", MAX_SAMPLES, value=10_000, key="cc_max",
                                   format_func=lambda v: f"{v:,}", bind="query-params")
    n_seeds = st.slider("Runs (seeds)", 4, 20, 12, key="cc_seeds", bind="query-params",
                        help="Each thin line is one run; the thick line is their average.")
    width = st.slider("Proposal width (× posterior spread)", 1.0, 3.0, 1.5, 0.1, key="cc_width", bind="query-params",
                      help="q(z|x) = N(posterior mean, (width × posterior sd)²): 1 is perfect, wider is safer but "
                      "noisier.")
    seed = page.seed_control(key="cc_seed")
    if kind != "linear":
        dim = 1

res = None
with page.guard():
    res = estimates(kind, int(dim), int(max_samples), int(n_seeds), float(width), seed)
    with fig:
        table = pd.concat([pd.DataFrame({"method": name, "run": np.repeat(np.arange(est.shape[0]), est.shape[1]),
                                         "S": np.tile(res["sizes"], est.shape[0]), "estimate": est.ravel()})
                           for name, est in res["runs"].items()], ignore_index=True)
        charts.show(estimates_figure(kind, int(dim), int(max_samples), int(n_seeds), float(width), seed, page.present),
                    "log-p-estimates", data=table)
if res is not None:
    mc_end, is_end = res["runs"][MC][:, -1], res["runs"][IS][:, -1]
    S = f"{int(max_samples):,}"
    page.numbers([
        frame.Number("exact log p(x)", res["exact"], "nats",
                     help="Closed form (linear-Gaussian) or quadrature on a fine grid (1-D nonlinear)."),
        frame.Number(f"prior MC, S = {S}", float(mc_end.mean()), "nats",
                     help=f"Average over {n_seeds} runs; error {mc_end.mean() - res['exact']:+.3f} nats."),
        frame.Number("prior MC spread", float(mc_end.std()), "nats", help="Standard deviation over the runs."),
        frame.Number("prior samples that count", res["ess_mc"], f"of {S}", digits=1 if res["ess_mc"] < 10 else 0,
                     help="Effective sample size (Σw)²/Σw² of the first run: most prior samples explain x so badly "
                     "that their weight is almost 0."),
        frame.Number("latent dimension d", int(dim), "", help="Where the integral over z lives."),
        frame.Number(f"IS with q, S = {S}", float(is_end.mean()), "nats",
                     help=f"Average over {n_seeds} runs; error {is_end.mean() - res['exact']:+.3f} nats."),
        frame.Number("IS spread", float(is_end.std()), "nats",
                     help="Standard deviation over the runs."),
        frame.Number("q samples that count", res["ess_is"], f"of {S}", digits=1 if res["ess_is"] < 10 else 0,
                     help="Effective sample size of importance sampling (first run)."),
    ])
    if kind == "linear" and mc_end.mean() < res["exact"] - 0.5:
        st.warning(
            f"With d = {dim}, {S} prior samples are not enough: the estimate is {res['exact'] - mc_end.mean():.1f} "
            "nats too low on average. Only the rare z that explain x count, and they get rarer exponentially as d "
            "grows. Importance sampling aims its samples at the posterior instead.",
            icon=":material/warning:",
        )

st.subheader("The ELBO: a bound we can compute")
page.formula(
    r"\log p(x) \;=\; \underbrace{\mathbb{E}_{q(z\mid x)}\big[\log p(x \mid z)\big] - "
    r"\mathrm{KL}\big(q(z \mid x)\,\|\,p(z)\big)}_{\mathrm{ELBO}(q)} \;+\; "
    r"\underbrace{\mathrm{KL}\big(q(z \mid x)\,\|\,p(z \mid x)\big)}_{\ge 0}",
    where=r"$q(z \mid x) = \mathcal{N}(m, s^2)$: the approximate posterior; the ELBO needs only $p(x \mid z)$ and "
    r"$p(z)$, never the intractable $p(x)$, yet it is never above $\log p(x)$.",
)
fig2, ctrl2 = page.columns()
with ctrl2:
    decoder = st.selectbox("Decoder", list(DECODERS), index=1, format_func=lambda d: DECODERS[d][1],
                           help="x = 1.5 z: the posterior is Gaussian, q can match it exactly. x = z²: two "
                           "explanations z = ±√x, a two-peaked posterior. x = 2 tanh(2z): saturates, a skewed "
                           "posterior. Each adds Gaussian noise to x.", key="cc_dec",
                           bind="query-params")
    x_obs = st.slider("Observed x", -1.0, 4.0, 2.0, 0.1, key="cc_x", bind="query-params")
    q_mean = st.slider("q mean m", -3.0, 3.0, 1.0, 0.05, key="cc_qm", bind="query-params")
    q_std = st.slider("q spread s", 0.05, 2.0, 0.3, 0.01, key="cc_qs", bind="query-params")
    st.button("Maximise ELBO", key="cc_fit", on_click=fit_q, icon=":material/trending_up:",
              help="Variational inference: move m and s uphill on the ELBO, starting from where they are now.")

with page.guard():
    s = elbo_state(decoder, float(x_obs), float(q_mean), float(q_std))
    gap = s["log_p"] - s["elbo"]
    with fig2:
        dens, bar = elbo_figures(decoder, float(x_obs), float(q_mean), float(q_std), page.present)
        curves = pd.DataFrame({"z": Z_PLOT, "prior": s["prior"], "posterior": s["posterior"], "q": s["q"]})
        charts.show(dens, "elbo-posterior-vs-q", data=curves)
        charts.show(bar, "elbo-gap", data=pd.DataFrame({"log_p": [s["log_p"]], "elbo": [s["elbo"]], "gap": [gap]}))
        st.caption("Both bars start at the same point on the left; compare their right ends. The ELBO (vermillion) "
                   "plus the KL gap (orange) always reaches exactly log p(x) (blue).")
    page.numbers([
        frame.Number("log p(x)", s["log_p"], "nats", help="Exact, by quadrature over z."),
        frame.Number("ELBO(q)", s["elbo"], "nats", help="E_q[log p(x, z)] + entropy of q."),
        frame.Number("gap log p(x) − ELBO", gap, "nats"),
        frame.Number("KL(q ‖ p(z|x)), direct", s["kl"], "nats",
                     help="Computed on its own from q and the exact posterior: equal to the gap."),
    ])
    if decoder == "square" and x_obs >= 1.0:
        st.info("Here the posterior has two modes (z = +√x and z = −√x explain x equally well). One Gaussian q can "
                "cover only one of them, so even the best q keeps a gap of about log 2 = 0.69 nats.",
                icon=":material/info:")

page.notice(
    "Sampling z from the prior and averaging p(x|z) is right on average for p(x), but its log is too low and "
    "noisy for small S (Jensen). As the latent dimension d grows, almost no prior sample explains x: at d = 16 "
    "the average is still more than a nat too low after 10,000 samples (try d = 4, then d = 30).",
    "Importance sampling with a proposal near the posterior hits the exact value with a few samples: good "
    "approximations of p(z | x) are the key to likelihoods.",
    "The ELBO is always below log p(x), and the gap is exactly KL(q ‖ p(z|x)): push q onto the true posterior "
    "and the bound becomes tight. With two posterior modes, one Gaussian cannot close it.",
)
page.quiz(
    "You average p(x | z_s) over S = 10 prior samples, many times, and take the log of each average. "
    "Compared with the true log p(x), the mean of these logs is…",
    ["exactly right (the estimator is unbiased)", "too low", "too high", "random, with no systematic error"],
    answer=1,
    explain="The average of p(x|z_s) is unbiased for p(x), but log is concave, so E[log p̂] ≤ log E[p̂] = log p(x) "
    "(Jensen). The bias shrinks as S grows.",
)
page.deeper(
    "the ELBO identity and why prior sampling fails in high dimension",
    r"""
For any density $q(z)$ with $q > 0$ where the posterior is,
$$\log p(x) = \mathbb{E}_q[\log p(x)] = \mathbb{E}_q\!\left[\log \frac{p(x, z)}{q(z)}\right]
 + \mathbb{E}_q\!\left[\log \frac{q(z)}{p(z \mid x)}\right] = \mathrm{ELBO}(q) + \mathrm{KL}(q \,\|\, p(z\mid x)),$$
using $p(x) = p(x, z) / p(z \mid x)$ inside the expectation. As $\mathrm{KL} \ge 0$, $\mathrm{ELBO}(q) \le \log p(x)$,
with equality iff $q = p(z \mid x)$. Maximising the ELBO over $q$ is variational inference; maximising it also over the
decoder is how a VAE is trained.

**Jensen.** $\hat p = \frac1S \sum_s p(x \mid z_s)$ has $\mathbb{E}[\hat p] = p(x)$, but $\log$ is concave, so
$\mathbb{E}[\log \hat p] \le \log p(x)$; for large $S$ the bias is about $-\mathrm{Var}(\hat p) / (2 p(x)^2)$.

**Dimension.** In the linear-Gaussian model here each latent's posterior has about a fifth of the prior's variance.
The prior sample that lands in the posterior's bulk has probability roughly $e^{-\mathrm{KL}(p(z\mid x)\,\|\,p(z))}$,
and that KL grows linearly in $d$ (about 0.8 nats per dimension): at $d = 20$ you need on the order of $e^{16}$
(ten million) samples. Importance sampling with $q \approx p(z \mid x)$ avoids the search; its weight variance
still grows with $d$ when $q$ is too wide (try width 3).
""",
)
page.end()
