"""KL divergence: how many bits the cross entropy exceeds the entropy by; asymmetric, sometimes infinite."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from core import info
from ui import charts, frame
from ui import info_charts as ic

PAIRS: dict[str, tuple[tuple[str, ...], tuple[float, ...], tuple[float, ...], str]] = {
    "Two different dice": (
        tuple("123456"),
        (0.1, 0.1, 0.1, 0.1, 0.1, 0.5),
        (0.25, 0.25, 0.2, 0.1, 0.1, 0.1),
        "p: a die loaded toward 6. q: a model that believes in low numbers.",
    ),
    "q misses an outcome": (
        ("sun", "cloud", "rain"),
        (0.5, 0.3, 0.2),
        (0.6, 0.4, 0.0),
        "p: real weather, rain included. q: a model that says it never rains.",
    ),
    "Broad p, narrow q": (
        tuple("123456"),
        (1 / 6,) * 6,
        (0.02, 0.02, 0.02, 0.02, 0.02, 0.9),
        "p: a fair die. q: a model sure that 6 comes up.",
    ),
}
SAMPLE_SIZES = (10, 30, 100, 300, 1000, 3000, 10000)
MODE_SD = 0.8


# ----------------------------------------------------------------------------------------------- cached core calls


@st.cache_data(show_spinner=False, max_entries=256)
def discrete(pair: str, t: float) -> dict:
    symbols, p, q0, note = PAIRS[pair]
    q = info.interpolate(p, q0, t)  # slide q toward p
    return {
        "symbols": symbols,
        "p": np.array(p),
        "q": q,
        "note": note,
        "kl_pq": float(info.kl_divergence(p, q)),
        "kl_qp": float(info.kl_divergence(q, p)),
        "h_p": float(info.entropy(p)),
        "h_pq": float(info.cross_entropy(p, q)),
        "terms_pq": info.kl_terms(p, q),
        "terms_qp": info.kl_terms(q, p),
    }


@st.cache_data(show_spinner=False, max_entries=256)
def gaussians(mu_p: float, sd_p: float, mu_q: float, sd_q: float, n: int, seed: int) -> dict:
    lo = min(mu_p - 4 * sd_p, mu_q - 4 * sd_q)
    hi = max(mu_p + 4 * sd_p, mu_q + 4 * sd_q)
    x = np.linspace(lo, hi, 300)
    estimates = [
        info.kl_monte_carlo_gaussians(mu_p, sd_p**2, mu_q, sd_q**2, n=m, seed=seed + i)
        for i, m in enumerate(SAMPLE_SIZES)
    ]
    return {
        "x": x,
        "pdf_p": np.exp(info.mixture_logpdf(x, [1.0], [mu_p], [sd_p])),
        "pdf_q": np.exp(info.mixture_logpdf(x, [1.0], [mu_q], [sd_q])),
        "kl_pq": info.kl_gaussians(mu_p, sd_p**2, mu_q, sd_q**2),
        "kl_qp": info.kl_gaussians(mu_q, sd_q**2, mu_p, sd_p**2),
        "estimates": np.array([e for e, _ in estimates]),
        "ses": np.array([s for _, s in estimates]),
        "chosen": dict(zip(SAMPLE_SIZES, estimates, strict=True))[n],
    }


@st.cache_data(show_spinner=False, max_entries=256)
def mode_fits(separation: float, weight: float) -> dict:
    w, m, s = [weight, 1.0 - weight], [-separation / 2, separation / 2], [MODE_SD, MODE_SD]
    mu_f, sd_f = info.fit_gaussian_forward_kl(w, m, s)
    mu_r, sd_r = info.fit_gaussian_reverse_kl(w, m, s)
    x = np.linspace(-separation / 2 - 4.5, separation / 2 + 4.5, 400)
    return {
        "x": x,
        "target": np.exp(info.mixture_logpdf(x, w, m, s)),
        "forward": np.exp(info.mixture_logpdf(x, [1.0], [mu_f], [sd_f])),
        "reverse": np.exp(info.mixture_logpdf(x, [1.0], [mu_r], [sd_r])),
        "mu_f": mu_f,
        "sd_f": sd_f,
        "mu_r": mu_r,
        "sd_r": sd_r,
        "fwd_at_f": info.kl_mixture_to_gaussian(w, m, s, mu_f, sd_f),
        "fwd_at_r": info.kl_mixture_to_gaussian(w, m, s, mu_r, sd_r),
        "rev_at_r": info.kl_gaussian_to_mixture(mu_r, sd_r, w, m, s),
        "rev_at_f": info.kl_gaussian_to_mixture(mu_f, sd_f, w, m, s),
    }


# Charts are cached as objects (shared, never mutated). `present` is part of the cache key because chart sizes
# grow in presenter mode.
@st.cache_resource(show_spinner=False, max_entries=256)
def discrete_chart(pair: str, t: float, present: bool):
    d = discrete(pair, t)
    bars = ic.pq_bars(d["symbols"], d["p"], d["q"])
    terms = ic.kl_terms_chart(
        d["symbols"],
        {"terms of KL(p‖q)": (d["terms_pq"], charts.P_COLOR), "terms of KL(q‖p)": (d["terms_qp"], charts.Q_COLOR)},
    )
    return ic.stacked(bars, terms)


@st.cache_resource(show_spinner=False, max_entries=256)
def gaussian_chart(mu_p: float, sd_p: float, mu_q: float, sd_q: float, present: bool):
    g = gaussians(mu_p, sd_p, mu_q, sd_q, SAMPLE_SIZES[0], 0)
    curves = {
        "p = N(μ_p, σ_p²)": (g["pdf_p"], charts.P_COLOR, True),
        "q = N(μ_q, σ_q²)": (g["pdf_q"], charts.Q_COLOR, True),
    }
    return ic.densities_chart(g["x"], curves)


@st.cache_resource(show_spinner=False, max_entries=256)
def mc_chart(mu_p: float, sd_p: float, mu_q: float, sd_q: float, n: int, seed: int, present: bool):
    g = gaussians(mu_p, sd_p, mu_q, sd_q, n, seed)
    return ic.mc_estimates_chart(np.array(SAMPLE_SIZES), g["estimates"], g["ses"], g["kl_pq"], n)


@st.cache_resource(show_spinner=False, max_entries=256)
def fit_chart(separation: float, weight: float, present: bool):
    f = mode_fits(separation, weight)
    curves = {
        "target p (two modes)": (f["target"], charts.P_COLOR, True),
        "q fitted by forward KL(p‖q)": (f["forward"], charts.Q_COLOR, False),
        "q fitted by reverse KL(q‖p)": (f["reverse"], charts.Q_COLOR, False),
    }
    return ic.densities_chart(f["x"], curves)


# ----------------------------------------------------------------------------------------------- page

page = frame.start("kl")
page.formula(
    r"\mathrm{KL}(p\,\|\,q) \;=\; \sum_x p(x)\,\log_2\frac{p(x)}{q(x)} \;=\; H(p, q) - H(p) \;\ge\; 0",
    where=r"$p$: the reference (true) distribution; $q$: the model. Equal to 0 only when $q = p$; not symmetric: "
    r"$\mathrm{KL}(p\,\|\,q) \ne \mathrm{KL}(q\,\|\,p)$ in general; $\infty$ when $q(x) = 0 < p(x)$.",
)

tab_asym, tab_gauss, tab_fit = st.tabs(
    ["Asymmetry", "Two Gaussians: closed form vs Monte Carlo", "Fitting q: forward vs reverse KL"],
    key="kl_tab",
    bind="query-params",
)

if tab_asym.open:
    with tab_asym:
        fig, ctrl = page.columns()
        with ctrl:
            pair = st.selectbox("Distributions", list(PAIRS), key="kl_pair", bind="query-params")
            t = st.slider(
                "Move q toward p", 0.0, 1.0, 0.0, 0.05, key="kl_t", bind="query-params",
                help="q ← (1 − t)·q + t·p. At t = 1 the model is the truth and both divergences are 0.",
            )  # fmt: skip
        with page.guard():
            d = discrete(pair, t)
            with fig:
                table = pd.DataFrame(
                    {
                        "outcome": d["symbols"],
                        "p": d["p"],
                        "q": d["q"],
                        "term_pq": d["terms_pq"],
                        "term_qp": d["terms_qp"],
                    }
                )
                charts.show(discrete_chart(pair, t, page.present), "kl-asymmetry", data=table)
                st.caption(d["note"])
            page.numbers(
                [
                    frame.Number(
                        "KL(p‖q)", d["kl_pq"], "bits", help="Bits wasted coding data from p with a code for q."
                    ),
                    frame.Number(
                        "KL(q‖p)", d["kl_qp"], "bits", help="Bits wasted coding data from q with a code for p."
                    ),
                    frame.Number("H(p)", d["h_p"], "bits", help="Entropy of p: bits per symbol with the code for p."),
                    frame.Number(
                        "H(p, q) = H(p) + KL(p‖q)", d["h_pq"], "bits", help="Bits per symbol with the code for q."
                    ),
                ]
            )
            if math.isinf(d["kl_pq"]):
                zero = [str(s) for s, a, b in zip(d["symbols"], d["p"], d["q"], strict=True) if a > 0 and b == 0]
                st.warning(
                    f"KL(p‖q) = ∞ because q({', '.join(zero)}) = 0 while p gives it a chance. A code built for q has "
                    "no codeword for it, so data from p cannot be sent at any finite cost. The other direction, "
                    "KL(q‖p), stays finite: data from q never shows that outcome. Move q a little toward p and "
                    "the infinity disappears.",
                    icon=":material/all_inclusive:",
                )

if tab_gauss.open:
    with tab_gauss:
        fig, ctrl = page.columns()
        with ctrl:
            mu_p = st.slider("μ_p (mean of p)", -3.0, 3.0, 0.0, 0.1, key="kl_mu_p", bind="query-params")
            sd_p = st.slider("σ_p (std of p)", 0.2, 3.0, 1.0, 0.1, key="kl_sd_p", bind="query-params")
            mu_q = st.slider("μ_q (mean of q)", -3.0, 3.0, 1.0, 0.1, key="kl_mu_q", bind="query-params")
            sd_q = st.slider("σ_q (std of q)", 0.2, 3.0, 2.0, 0.1, key="kl_sd_q", bind="query-params")
            n = st.select_slider("Monte Carlo samples n", SAMPLE_SIZES, value=100, key="kl_n", bind="query-params")
            seed = page.seed_control(key="kl_seed")
        with page.guard():
            g = gaussians(mu_p, sd_p, mu_q, sd_q, n, seed)
            est, se = g["chosen"]
            with fig:
                charts.show(
                    gaussian_chart(mu_p, sd_p, mu_q, sd_q, page.present),
                    "kl-gaussians",
                    data=pd.DataFrame({"x": g["x"], "p": g["pdf_p"], "q": g["pdf_q"]}),
                )
                charts.show(
                    mc_chart(mu_p, sd_p, mu_q, sd_q, n, seed, page.present),
                    "kl-monte-carlo",
                    data=pd.DataFrame({"n": SAMPLE_SIZES, "estimate": g["estimates"], "standard_error": g["ses"]}),
                )
            page.numbers(
                [
                    frame.Number("KL(p‖q), closed form", g["kl_pq"], "bits"),
                    frame.Number(
                        f"Monte Carlo, n = {n:,}",
                        f"{frame.fmt(est)} ± {frame.fmt(se)}",
                        "bits",
                        help="Mean of log₂ p(x) − log₂ q(x) over n samples from p, ± one standard error.",
                    ),
                    frame.Number("KL(q‖p), closed form", g["kl_qp"], "bits", help="The other direction: different."),
                ]
            )
            st.caption(
                "Top: the two densities. Bottom: Monte Carlo estimates for growing n (vermillion: your n), with "
                "error bars of ± 2 standard errors, shrinking like 1/√n around the closed form (dashed). For "
                "small n an estimate can even dip below 0, though KL itself never does."
            )

if tab_fit.open:
    with tab_fit:
        fig, ctrl = page.columns()
        with ctrl:
            separation = st.slider("Distance between the modes", 0.0, 8.0, 5.0, 0.5, key="kl_sep", bind="query-params")
            weight = st.slider("Weight of the left mode", 0.1, 0.9, 0.65, 0.05, key="kl_w", bind="query-params")
        with page.guard():
            f = mode_fits(separation, weight)
            with fig:
                charts.show(
                    fit_chart(separation, weight, page.present),
                    "kl-forward-reverse",
                    data=pd.DataFrame(
                        {"x": f["x"], "target": f["target"], "forward": f["forward"], "reverse": f["reverse"]}
                    ),
                )
            page.numbers(
                [
                    frame.Number("Forward fit: mean μ", round(f["mu_f"], 2) + 0.0, digits=2),
                    frame.Number("Forward fit: std σ", f["sd_f"], digits=2),
                    frame.Number(
                        "Forward fit: KL(p‖q)",
                        f["fwd_at_f"],
                        "bits",
                        help=f"The smallest KL(p‖q) any Gaussian reaches; the reverse fit scores {f['fwd_at_r']:.3f} "
                        "bits on it.",
                    ),
                    frame.Number("Reverse fit: mean μ", round(f["mu_r"], 2) + 0.0, digits=2),
                    frame.Number("Reverse fit: std σ", f["sd_r"], digits=2),
                    frame.Number(
                        "Reverse fit: KL(q‖p)",
                        f["rev_at_r"],
                        "bits",
                        help=f"The smallest KL(q‖p) any Gaussian reaches; the forward fit scores {f['rev_at_f']:.3f} "
                        "bits on it.",
                    ),
                ],
                per_row=3,
            )
            st.caption(
                "One Gaussian cannot match two modes, so the direction decides what it gives up. Forward KL(p‖q) "
                "punishes q wherever p has mass and q has little: q stretches over both modes (mode covering; "
                "maximum likelihood does this). Reverse KL(q‖p) punishes q for mass where p has little: q settles on "
                "one mode (mode seeking; variational inference does this)."
            )

page.notice(
    "KL(p‖q) and KL(q‖p) are different numbers: KL measures the cost of using q in place of p, and that cost "
    "depends on which one produces the data.",
    "Where q gives 0 probability to something p can produce, KL(p‖q) is infinite; slide q toward p and every "
    "divergence falls to 0 exactly when q = p.",
    "Fitting one Gaussian to two modes: forward KL covers both modes, reverse KL picks one.",
)
page.quiz(
    "q(rain) = 0 but p(rain) = 0.2. Which divergence is infinite?",
    ["KL(p‖q)", "KL(q‖p)", "Both", "Neither"],
    answer=0,
    explain="KL(p‖q) averages log p/q over p, and p produces rain where q = 0: log(0.2/0) = ∞. "
    "KL(q‖p) averages over q, which never produces rain, so that term is 0·log 0 = 0.",
)
page.deeper(
    "Gibbs' inequality, the Gaussian formula, and the two directions",
    r"""
**KL ≥ 0 (Gibbs).** Since $\ln t \le t - 1$,
$-\mathrm{KL}(p\,\|\,q) = \sum_x p(x) \ln\frac{q(x)}{p(x)} \le \sum_x p(x)\Big(\frac{q(x)}{p(x)} - 1\Big)
= \sum_x q(x) - 1 \le 0$, with equality only if $q(x) = p(x)$ wherever $p(x) > 0$.

**Two Gaussians.** For $p = \mathcal N(\mu_p, \sigma_p^2)$ and $q = \mathcal N(\mu_q, \sigma_q^2)$,
$$\mathrm{KL}(p\,\|\,q) = \ln\frac{\sigma_q}{\sigma_p} + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2\sigma_q^2} - \frac12
\ \text{nats}$$
(divide by $\ln 2$ for bits). The Monte Carlo estimate averages $\ln p(x_i) - \ln q(x_i)$ over
$x_i \sim p$: unbiased, with standard error $\mathrm{sd}/\sqrt n$. It is how KL is computed when no formula exists.

**Forward vs reverse.** $\mathrm{KL}(p\,\|\,q) = \mathbb E_p[\ln p - \ln q]$: wherever $p$ is large and $q$ tiny,
$-\ln q$ explodes, so $q$ must cover all of $p$. Among Gaussians its minimiser matches the mean and variance of
$p$. $\mathrm{KL}(q\,\|\,p) = \mathbb E_q[\ln q - \ln p]$ only looks where $q$ puts mass: $q$ avoids the valley
between the modes and sits on one. Variational inference minimises this reverse direction (the ELBO), which is
why variational posteriors tend to be too narrow.
""",
)
page.end()
