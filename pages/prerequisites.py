"""Prior, posterior and variational inference: a coin's bias, a posterior with no closed form, a Gaussian q."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import bayes
from core import variational as vi
from ui import bayes_charts, charts, frame

PRIOR_LABELS = {
    "flat": "Flat: Beta(1, 1)",
    "sceptical": "Sceptical: Beta(10, 10)",
    "confident": "Confident of heads: Beta(8, 2)",
    "custom": "Custom a, b",
}
SOURCES = {"simulate": "Simulate", "hand": "Flip by hand", "typed": "Type a sequence"}
TARGET_LABELS = {
    "two_modes": "Two modes",
    "logistic": "Logistic regression",
    "gaussian": "Gaussian (exact check)",
}
TARGET_STORY = {
    "two_modes": "Six measurements of one quantity θ: three near −2, three near +2, with heavy-tailed (Cauchy) "
    "noise and a prior N(0.5, 2²). Either group could be the outliers, so the posterior has two modes.",
    "logistic": "Eight labelled points x in (−2, 2); P(y = 1 | x, θ) = sigmoid(θ x) with prior θ ~ N(0, 1.5²). "
    "No closed form, and the posterior is skewed: a steep slope is hard to rule out.",
    "gaussian": "Five points y ~ N(θ, 1), prior θ ~ N(0, 1). Conjugate: the posterior IS Gaussian, so the best q "
    "matches it exactly and the ELBO reaches log p(x).",
}
WINDOW = (-5.0, 5.0)  # theta range drawn
MEANS = np.linspace(-4.0, 4.0, 81)
SDS = np.linspace(0.1, 2.0, 39)


# ----------------------------------------------------------------------------- cached core calls (scalar keys)


@st.cache_data(max_entries=64, show_spinner=False)
def coin_path(seq: str, a: float, b: float) -> bayes.BetaPath:
    flips = bayes.parse_flips(seq).flips if seq else np.zeros(0, int)
    return bayes.beta_posterior_path(flips, a, b)


@st.cache_data(max_entries=256, show_spinner=False)
def beta_curve(a: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    return bayes.beta_density(a, b, n_grid=300)


@st.cache_data(max_entries=16, show_spinner=False)
def simulated(n: int, bias: float, seed: int) -> str:
    return bayes.format_flips(bayes.simulate_flips(n, bias, seed))


@st.cache_data(max_entries=16, show_spinner=False)
def target(name: str, seed: int) -> tuple[object, bayes.GridPosterior, np.ndarray]:
    model = bayes.make_model(name, seed)
    post = bayes.grid_posterior(bayes.THETA_GRID, model.log_joint(bayes.THETA_GRID))
    return model, post, model.predictive(post.theta)


@st.cache_data(max_entries=16, show_spinner=False)
def landscape(name: str, seed: int) -> np.ndarray:
    return vi.elbo_landscape(target(name, seed)[1], MEANS, SDS)


@st.cache_data(max_entries=512, show_spinner=False)
def q_summary(name: str, seed: int, mean: float, sd: float) -> dict[str, float | np.ndarray]:
    _, post, pred = target(name, seed)
    return {
        "elbo": vi.elbo(post, mean, sd),
        "kl": vi.kl_q_p(post, mean, sd),
        "kl_fwd": vi.kl_p_q(post, mean, sd),
        "pred": vi.expectation_under_q(post, pred, mean, sd),
        "density": vi.gaussian_mass(post, mean, sd) / post.step,
    }


@st.cache_data(max_entries=256, show_spinner=False)
def fit(name: str, seed: int, mean: float, sd: float, divergence: str) -> vi.VIFit:
    return vi.fit_gaussian(target(name, seed)[1], mean, sd, divergence=divergence)


# ----------------------------------------------------------------------------- cached chart specs
# Each chart is built once per combination of its inputs (``present`` is part of the key because the
# presenter mode changes sizes): a rerun that does not change a chart costs nothing for it.


@st.cache_data(max_entries=256, show_spinner=False)
def coin_specs(
    seq: str, a: float, b: float, k: int, true_bias: float | None, present: bool
) -> tuple[dict, dict | None, pd.DataFrame]:
    path = coin_path(seq, a, b)
    ak, bk = float(path.a[k]), float(path.b[k])
    theta, post_density = beta_curve(ak, bk)
    _, prior_density = beta_curve(a, b)
    heads = int(round(ak - a))
    title = (
        f"{k} flip{'s' if k != 1 else ''} ({heads} H, {k - heads} T): posterior Beta({ak:g}, {bk:g})"
        if k
        else f"No flips yet: posterior = prior Beta({a:g}, {b:g})"
    )
    data = bayes_charts.coin_frame(theta, prior_density, post_density)
    post_spec = charts.spec(
        bayes_charts.coin_posterior(
            data, float(path.mean[k]), float(path.lower[k]), float(path.upper[k]), true_bias, title=title
        )
    )
    path_spec = None
    if seq:
        path_spec = charts.spec(
            bayes_charts.coin_path(
                np.arange(len(seq) + 1), path.mean, path.lower, path.upper, path.frequency, k, true_bias
            )
        )
    return post_spec, path_spec, data


@st.cache_data(max_entries=256, show_spinner=False)
def vi_specs(
    name: str, seed: int, mean: float, sd: float, fit_on: bool, present: bool
) -> tuple[dict, pd.DataFrame, dict, dict | None, pd.DataFrame | None]:
    _, post, _ = target(name, seed)
    curves = {"exact posterior p(θ|x)": post.density, "your q": q_summary(name, seed, mean, sd)["density"]}
    colours = {"exact posterior p(θ|x)": charts.P_COLOR, "your q": charts.Q_COLOR}
    dashes, path_df, trace = {}, None, None
    if fit_on:
        result = fit(name, seed, mean, sd, "reverse")
        curves["fitted q"] = q_summary(name, seed, result.mean_, result.sd_)["density"]
        colours["fitted q"] = charts.Q_COLOR
        dashes = {"your q": [7, 4]}
        path_df = pd.DataFrame(
            {"iteration": np.arange(result.means.size), "mean": result.means, "sd": result.sds, "elbo": result.elbos}
        )
        trace = charts.spec(bayes_charts.elbo_trace(result.elbos, post.log_evidence))
    data = bayes_charts.densities_frame(post.theta, curves, WINDOW)
    density = charts.spec(
        bayes_charts.posterior_vs_q(data, colours, dashes, title="Exact posterior (on a grid) and the Gaussian q")
    )
    land = charts.spec(
        bayes_charts.elbo_landscape(
            landscape(name, seed), (MEANS[0], MEANS[-1], SDS[0], SDS[-1]), post.log_evidence, (mean, sd), path_df
        )
    )
    return density, data, land, trace, path_df


@st.cache_data(max_entries=256, show_spinner=False)
def compare_spec(seed: int, mean: float, sd: float, divergence: str, present: bool) -> tuple[dict, pd.DataFrame]:
    _, post, _ = target("two_modes", seed)
    res = fit("two_modes", seed, mean, sd, divergence)
    exact = "exact posterior p(θ|x)"
    label = f"{divergence} fit"
    data = bayes_charts.densities_frame(
        post.theta, {exact: post.density, label: q_summary("two_modes", seed, res.mean_, res.sd_)["density"]}, WINDOW
    )
    title = "Reverse KL(q ‖ p): mode seeking" if divergence == "reverse" else "Forward KL(p ‖ q): mass covering"
    return charts.spec(
        bayes_charts.posterior_vs_q(data, {exact: charts.P_COLOR, label: charts.Q_COLOR}, title=title, height=240)
    ), data


# ----------------------------------------------------------------------------- hand flips (session state)


def _flip(side: str) -> None:
    seq = st.session_state.get("pr_hand", "")
    if len(seq) < bayes.MAX_FLIPS:
        st.session_state["pr_hand"] = seq + side


def _undo() -> None:
    st.session_state["pr_hand"] = st.session_state.get("pr_hand", "")[:-1]


def _reset() -> None:
    st.session_state["pr_hand"] = ""


def _step_slider(seq: str) -> int:
    """'Replay' slider over the flips; jumps to the newest flip whenever the sequence changes.

    Not bound to the URL: its range follows the sequence, and a URL value would pin it to an old step.
    """
    n = len(seq)
    if st.session_state.get("pr_last_seq") != seq or "pr_step" not in st.session_state:
        st.session_state["pr_step"] = n
    st.session_state["pr_last_seq"] = seq
    if n == 0:
        return 0
    st.session_state["pr_step"] = min(int(st.session_state["pr_step"]), n)
    return int(
        st.slider(
            "Replay: posterior after the first k flips",
            0,
            n,
            key="pr_step",
            help="Slide back to watch the posterior form flip by flip.",
        )
    )


# ----------------------------------------------------------------------------- page

page = frame.start("prerequisites")
page.formula(
    r"\underbrace{p(\theta \mid x)}_{\text{posterior}} \;=\; "
    r"\frac{\overbrace{p(x \mid \theta)}^{\text{likelihood}}\;\overbrace{p(\theta)}^{\text{prior}}}"
    r"{\underbrace{p(x)}_{\text{evidence}}}",
    r"\theta \sim \mathrm{Beta}(a, b),\;\; h \text{ heads},\; t \text{ tails}"
    r"\;\;\Longrightarrow\;\; \theta \mid x \sim \mathrm{Beta}(a + h,\; b + t)",
    where=r"$\theta$: the unknown (here the coin's bias, P(heads)); $x$: the data (the flips); "
    r"$p(x) = \int p(x\mid\theta)\,p(\theta)\,d\theta$. Natural logs throughout: log-evidences are in nats.",
)

st.subheader("1 · Prior to posterior: a coin with unknown bias", anchor=False)
fig, ctrl = page.columns()
with ctrl:
    prior_key = st.selectbox(
        "Prior belief", list(PRIOR_LABELS), format_func=PRIOR_LABELS.get, key="pr_prior", bind="query-params"
    )
    if prior_key == "custom":
        a = st.slider("a: like a − 1 heads already seen", 0.5, 30.0, 2.0, 0.5, key="pr_a", bind="query-params")
        b = st.slider("b: like b − 1 tails already seen", 0.5, 30.0, 2.0, 0.5, key="pr_b", bind="query-params")
    else:
        a, b, meaning = bayes.PRIOR_PRESETS[prior_key]
        st.caption(meaning)
    source = st.radio(
        "Flips", list(SOURCES), format_func=SOURCES.get, key="pr_source", bind="query-params", horizontal=True
    )
    true_bias = None
    seq_text = ""
    if source == "hand":
        hand = st.session_state.get("pr_hand", "")
        full = len(hand) >= bayes.MAX_FLIPS
        c1, c2 = st.columns(2)
        c1.button(
            "Heads",
            key="pr_heads",
            on_click=_flip,
            args=("H",),
            icon=":material/add_circle:",
            disabled=full,
            width="stretch",
        )
        c2.button(
            "Tails",
            key="pr_tails",
            on_click=_flip,
            args=("T",),
            icon=":material/remove_circle:",
            disabled=full,
            width="stretch",
        )
        c3, c4 = st.columns(2)
        c3.button("Undo", key="pr_undo", on_click=_undo, disabled=not hand, width="stretch")
        c4.button("Reset", key="pr_reset", on_click=_reset, disabled=not hand, width="stretch")
        seq_text = st.session_state.get("pr_hand", "")
        if full:
            st.caption(f"{bayes.MAX_FLIPS} flips is the limit: Undo or Reset to go on.")
    elif source == "typed":
        seq_text = st.text_input(
            "Sequence: H = heads, T = tails",
            "HHTHHHTHTHHH",
            key="pr_seq",
            bind="query-params",
            help="Spaces and commas are ignored; lower case is fine.",
        )
    else:
        true_bias = st.slider(
            "True bias (hidden from the model)", 0.0, 1.0, 0.75, 0.05, key="pr_bias", bind="query-params"
        )
        n_flips = st.slider("Number of flips", 1, 500, 50, key="pr_n", bind="query-params")
        seed = page.seed_control(key="pr_seed")

with page.guard():
    if source == "simulate":
        seq = simulated(n_flips, true_bias, seed)
    elif source == "typed" and not seq_text.strip():
        seq = ""
        ctrl.warning(
            "No flips typed yet, so the posterior is still the prior. Type H and T, e.g. HHTH.", icon=":material/edit:"
        )
    else:
        parsed = bayes.parse_flips(seq_text) if seq_text else None  # ValueError -> message
        seq = bayes.format_flips(parsed.flips) if parsed else ""
        if parsed is not None and parsed.note:
            ctrl.warning(parsed.note, icon=":material/content_cut:")
    with ctrl:
        k = _step_slider(seq)
    path = coin_path(seq, float(a), float(b))
    heads = int(round(path.a[k] - a))
    post_spec, path_spec, coin_data = coin_specs(seq, float(a), float(b), k, true_bias, page.present)
    with fig:
        charts.show(post_spec, "coin-posterior", coin_data)
        st.caption(
            "Shaded: 95% credible interval. Blue line: posterior mean"
            + ("; dotted black line: the true bias the flips came from." if true_bias is not None else ".")
        )
        if path_spec is not None:
            charts.show(path_spec, "coin-path", export=False)
            shown = seq[:k]
            st.caption(
                "Flips so far: " + (f"`…{shown[-80:]}`" if len(shown) > 80 else f"`{shown}`" if shown else "none")
            )
        elif source == "hand":
            st.info(
                "Press **Heads** or **Tails** to flip: the posterior updates after every flip.",
                icon=":material/touch_app:",
            )
    page.numbers(
        [
            frame.Number(
                "Posterior mean",
                float(path.mean[k]),
                help="E[θ | flips] = (a + h) / (a + b + h + t). It is also P(next flip = heads | flips so far).",
            ),
            frame.Number(
                "95% credible interval",
                f"{path.lower[k]:.3f} – {path.upper[k]:.3f}",
                help="θ lies in this interval with probability 0.95, given the prior and the flips.",
            ),
            frame.Number(
                "Fraction of heads",
                float(path.frequency[k]) if k else "no flips yet",
                help="h / (h + t): the maximum-likelihood estimate, which ignores the prior.",
            ),
            frame.Number(
                "log p(flips)",
                bayes.log_evidence_coin(heads, k - heads, float(a), float(b)),
                "nats",
                help="Log evidence of the flips so far: ln B(a + h, b + t) − ln B(a, b).",
            ),
        ]
    )

page.notice(
    "The prior is the dashed grey curve, the posterior the blue one: each heads pushes it right, each tails left, "
    "and the shaded 95% interval narrows as flips accumulate.",
    "A strong prior (sceptical, confident) acts like flips seen before: it pulls the mean towards its own guess "
    "early on, but with many flips the data win and every prior ends near the fraction of heads.",
)

# ----------------------------------------------------------------------------- variational inference

st.subheader("2 · When the posterior can't be computed: variational inference", anchor=False)
page.formula(
    r"\log p(x) \;=\; \underbrace{\mathbb{E}_{q}\!\left[\log p(x, \theta)\right] - \mathbb{E}_{q}\!\left[\log "
    r"q(\theta)\right]}_{\mathrm{ELBO}(q)} \;+\; \underbrace{\mathrm{KL}\big(q(\theta)\,\|\,p(\theta \mid x)\big)}"
    r"_{\ge\, 0}",
    where=r"$q(\theta) = \mathcal{N}(\mu, \sigma^2)$: the simple stand-in for the posterior $p(\theta \mid x)$. "
    r"The ELBO needs only $p(x, \theta)$, never $p(x)$; raising it lowers KL$(q\,\|\,p)$ by the same amount.",
)
fig2, ctrl2 = page.columns()
with ctrl2:
    target_key = st.selectbox(
        "Posterior", list(TARGET_LABELS), format_func=TARGET_LABELS.get, key="pr_target", bind="query-params"
    )
    data_seed = page.seed_control(key="pr_dseed", label="Data seed")
    mu = st.slider("Mean μ of q", -4.0, 4.0, -1.0, 0.05, key="pr_mu", bind="query-params")
    sd = st.slider("Standard deviation σ of q", 0.1, 2.0, 1.0, 0.05, key="pr_sd", bind="query-params")
    fit_on = st.toggle(
        "Fit q (max ELBO)",
        key="pr_fit",
        bind="query-params",
        help="Maximise the ELBO starting from your q: L-BFGS on (μ, log σ) with exact gradients, about ten iterations.",
    )
    st.caption(TARGET_STORY[target_key])

with page.guard():
    model, post, pred = target(target_key, data_seed)
    mine = q_summary(target_key, data_seed, mu, sd)
    result = fit(target_key, data_seed, mu, sd, "reverse") if fit_on else None
    density_spec, vi_data, land_spec, trace_spec, path_df = vi_specs(
        target_key, data_seed, mu, sd, fit_on, page.present
    )
    with fig2:
        charts.show(density_spec, "posterior-vs-q", vi_data)
        if trace_spec is None:
            charts.show(land_spec, "elbo-landscape")
        else:
            left, right = st.columns([3, 2])
            with left:
                charts.show(land_spec, "elbo-landscape", path_df)
            with right:
                charts.show(trace_spec, "elbo-trace", path_df)
        st.caption(
            "Landscape: darker = higher ELBO (the scale stops at log p(x), which no q can pass). Black dot: "
            "your q"
            + (
                "; vermillion: the optimiser's path, ending at the diamond (the fitted q). Dashed "
                "blue line on the right: log p(x)."
                if trace_spec is not None
                else ". Switch on the fit to watch the optimiser climb from it."
            )
        )
    # Numbers in rows of at most four, one row per q, so nothing is truncated on a projector or a laptop.
    page.numbers(
        [
            frame.Number(
                "log p(x)",
                post.log_evidence,
                "nats",
                help=f"Log evidence, exact on a grid of {post.theta.size} values of θ: the ceiling of the ELBO.",
            ),
            frame.Number("ELBO(your q)", mine["elbo"], "nats", help="E_q[log p(x, θ)] + H(q); always ≤ log p(x)."),
            frame.Number(
                "KL(q ‖ p)", mine["kl"], "nats", help="= log p(x) − ELBO: how far your q is from the posterior."
            ),
        ]
    )
    if result is not None:
        best = q_summary(target_key, data_seed, result.mean_, result.sd_)
        page.numbers(
            [
                frame.Number(
                    "Fitted μ, σ",
                    f"{result.mean_:.2f}, {result.sd_:.2f}",
                    help=f"q = N(μ, σ²) after {result.n_iter_} L-BFGS iterations",
                ),
                frame.Number(
                    "ELBO(fitted q)", best["elbo"], "nats", help=f"{best['elbo'] - mine['elbo']:+.3f} nats above your q"
                ),
                frame.Number("KL(fitted q ‖ p)", best["kl"], "nats", help="What even the best Gaussian cannot remove."),
            ]
        )
    predictions = [
        frame.Number(
            f"{model.predictive_label}: exact",
            post.expect(pred),
            help="Predictive probability averaged over the exact posterior.",
        ),
        frame.Number(
            f"{model.predictive_label}: your q", mine["pred"], help="The same probability averaged over your q instead."
        ),
    ]
    if result is not None:
        predictions.append(
            frame.Number(
                f"{model.predictive_label}: fitted q",
                best["pred"],
                help="The same probability averaged over the fitted q.",
            )
        )
    page.numbers(predictions)

# ----------------------------------------------------------------------------- forward vs reverse

st.subheader("3 · Forward vs reverse KL on the two-mode posterior", anchor=False)
st.caption(
    "Both fits start from your q (the μ and σ sliders above) on the two-mode posterior with the same data "
    "seed. Variational inference uses the reverse KL(q ‖ p); the forward KL(p ‖ q) is shown for contrast."
)
with page.guard():
    two_model, two_post, two_pred = target("two_modes", data_seed)
    rows = [
        {
            "fit": "exact posterior",
            "mean": two_post.mean(),
            "sd": two_post.sd(),
            "KL(q ‖ p)": 0.0,
            "KL(p ‖ q)": 0.0,
            two_model.predictive_label: two_post.expect(two_pred),
        }
    ]
    for col, divergence in zip(st.columns(2), ("reverse", "forward"), strict=True):
        res = fit("two_modes", data_seed, mu, sd, divergence)
        summary = q_summary("two_modes", data_seed, res.mean_, res.sd_)
        spec, data = compare_spec(data_seed, mu, sd, divergence, page.present)
        with col:
            charts.show(spec, f"{divergence}-kl-fit", data)
        rows.append(
            {
                "fit": f"{divergence} KL fit",
                "mean": res.mean_,
                "sd": res.sd_,
                "KL(q ‖ p)": summary["kl"],
                "KL(p ‖ q)": summary["kl_fwd"],
                two_model.predictive_label: summary["pred"],
            }
        )
    table = pd.DataFrame(rows)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.NumberColumn(c, format="%.3f") for c in table.columns[1:]},
    )

page.notice(
    "The blue area is the exact posterior, computed on a grid of θ values: possible here only because θ is a "
    "single number. A Gaussian q fits the one-bump posteriors almost perfectly, but not the two-mode one.",
    "Reverse KL(q ‖ p) punishes q for putting mass where the posterior has none, so the fitted q hides inside one "
    "mode (which one depends on where it starts) and is over-confident; forward KL(p ‖ q) punishes missing mass, "
    "so q stretches over both modes and puts its peak in the dip between them.",
    "Watch the predictive probability: the exact posterior hedges between the modes, a q in one mode does not.",
)

page.quiz(
    "With a flat Beta(1, 1) prior you see H, H, H. What is P(next flip is heads)?",
    ["1", "0.8", "0.75", "0.5"],
    answer=1,
    explain="The posterior is Beta(1 + 3, 1 + 0) = Beta(4, 1), whose mean is 4 / 5 = 0.8 (Laplace's rule of "
    "succession). Only the maximum-likelihood estimate says 1.",
)
page.quiz(
    "Your q's ELBO is −18.0 nats and log p(x) = −16.9 nats. What is KL(q ‖ p)?",
    ["−1.1 nats", "1.1 nats", "34.9 nats", "It cannot be known without the posterior"],
    answer=1,
    explain="log p(x) = ELBO + KL(q ‖ p), so KL = −16.9 − (−18.0) = 1.1 nats. In practice log p(x) is unknown, "
    "which is exactly why we maximise the ELBO instead of computing the KL.",
)
page.deeper(
    "where the ELBO comes from, and why the two KLs disagree",
    r"""
**The identity.** For any density $q(\theta)$, write $p(x, \theta) = p(\theta \mid x)\,p(x)$ and take the
expectation under $q$ of $\log \frac{p(x,\theta)}{q(\theta)}$:

$$\mathbb{E}_q\!\left[\log \frac{p(x,\theta)}{q(\theta)}\right] = \log p(x) + \mathbb{E}_q\!\left[\log
\frac{p(\theta\mid x)}{q(\theta)}\right] = \log p(x) - \mathrm{KL}\big(q \,\|\, p(\cdot\mid x)\big).$$

The left side is the ELBO. Since KL $\ge 0$, ELBO $\le \log p(x)$ (Jensen's inequality gives the same bound),
with equality exactly when $q$ is the posterior. On the **Gaussian mean** posterior the fitted $q$ reaches
this ceiling; on the others a gap remains: the best Gaussian is still not the posterior.

**Conjugacy.** $p(\theta \mid x) \propto \theta^{h}(1-\theta)^{t} \cdot \theta^{a-1}(1-\theta)^{b-1}
= \theta^{a+h-1}(1-\theta)^{b+t-1}$, which is Beta$(a+h, b+t)$: prior and posterior are in the same family, so
the update is just counting. The evidence is $p(x) = B(a+h, b+t) / B(a, b)$.

**Forward KL = moment matching.** $\mathrm{KL}(p\,\|\,q) = \text{const} - \mathbb{E}_p[\log q(\theta)]
= \text{const} + \log\sigma + \frac{\mathbb{E}_p[(\theta-\mu)^2]}{2\sigma^2}$. Setting the derivatives to zero
gives $\mu = \mathbb{E}_p[\theta]$ and $\sigma^2 = \mathrm{Var}_p[\theta]$: $q$ copies the posterior's mean and
variance, whatever its shape. Reverse KL $= \mathbb{E}_q[\log q - \log p(\theta \mid x)]$ is an average
under $q$, so regions where $q$ is tiny cost nothing: $q$ may ignore a whole mode.

**Why a grid is not the answer.** The exact posterior here uses 1,301 values of one parameter. With $d$
parameters the same resolution needs $1{,}301^d$ points: a VAE's decoder has millions of parameters and a
latent $z$ per data point, so its posterior is approximated with a $q$ and an ELBO, exactly as on this page.
""",
)
page.end()
