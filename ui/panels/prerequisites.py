"""Layout of the prior / posterior / variational-inference page, one function per section.

1. :func:`coin`: a coin's Beta posterior from simulated, hand-flipped or typed flips, with a replay slider.
2. :func:`variational`: a Gaussian q against a posterior computed on a grid; the ELBO landscape and the fit.
3. :func:`forward_reverse`: reverse and forward KL fits on the two-mode posterior, side by side.
"""

from __future__ import annotations

import streamlit as st

import lecture.prerequisites as text
from scenes import prerequisites as scenes
from ui import cache, frame
from ui.charts import bayes as bayes_charts

#: Flips shown under the path chart: the last ones if there are more.
SHOWN_FLIPS = 80


# ----------------------------------------------------------------------------- 1 · the coin: hand flips


def _flip(side: str) -> None:
    seq = st.session_state.get("pr_hand", "")
    if len(seq) < scenes.MAX_FLIPS:
        st.session_state["pr_hand"] = seq + side


def _undo() -> None:
    st.session_state["pr_hand"] = st.session_state.get("pr_hand", "")[:-1]


def _reset() -> None:
    st.session_state["pr_hand"] = ""


def _hand_buttons() -> str:
    """Heads / Tails / Undo / Reset buttons; the flips so far (kept in the session, not the URL)."""
    hand = st.session_state.get("pr_hand", "")
    full = len(hand) >= scenes.MAX_FLIPS
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
    if full:
        st.caption(text.FLIP_LIMIT.format(limit=scenes.MAX_FLIPS))
    return st.session_state.get("pr_hand", "")


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


def _flips_so_far(shown: str) -> str:
    if not shown:
        return text.FLIPS_SO_FAR_NONE
    if len(shown) > SHOWN_FLIPS:
        return text.FLIPS_SO_FAR_CUT.format(flips=shown[-SHOWN_FLIPS:])
    return text.FLIPS_SO_FAR.format(flips=shown)


# ----------------------------------------------------------------------------- 1 · the coin


def _prior() -> tuple[float, float]:
    """The prior's a and b: a preset (its meaning as a caption) or two sliders."""
    prior_key = st.selectbox(
        "Prior belief", list(text.PRIOR_LABELS), format_func=text.PRIOR_LABELS.get, key="pr_prior", bind="query-params"
    )
    if prior_key == "custom":
        a = st.slider("a: like a − 1 heads already seen", 0.5, 30.0, 2.0, 0.5, key="pr_a", bind="query-params")
        b = st.slider("b: like b − 1 tails already seen", 0.5, 30.0, 2.0, 0.5, key="pr_b", bind="query-params")
        return float(a), float(b)
    a, b, meaning = scenes.PRIOR_PRESETS[prior_key]
    st.caption(meaning)
    return float(a), float(b)


def coin(page: frame.PageFrame) -> None:
    """Section 1: prior and flips on the right, the posterior and its path flip by flip on the left."""
    fig, ctrl = page.columns()
    with ctrl:
        a, b = _prior()
        source = st.radio(
            "Flips",
            list(text.SOURCES),
            format_func=text.SOURCES.get,
            key="pr_source",
            bind="query-params",
            horizontal=True,
        )
        true_bias, seq_text, simulation = None, "", None
        if source == "hand":
            seq_text = _hand_buttons()
        elif source == "typed":
            seq_text = st.text_input(
                "Sequence: H = heads, T = tails",
                "HHTHHHTHTHHH",
                key="pr_seq",
                bind="query-params",
                max_chars=text.SEQ_MAX_CHARS,
                help=text.HELP_SEQ.format(cap=text.SEQ_MAX_CHARS, limit=scenes.MAX_FLIPS),
            )
        else:
            true_bias = st.slider(
                "Coin's true bias", 0.0, 1.0, 0.75, 0.05, key="pr_bias", bind="query-params", help=text.HELP_BIAS
            )
            n_flips = st.slider("Number of flips", 1, 500, 50, key="pr_n", bind="query-params")
        replay_slot = st.container()  # the replay slider, once the flips are known
        if source == "simulate":  # the seed last: the slide needs it least
            simulation = (n_flips, true_bias, page.seed_control(key="pr_seed"))

    with page.guard():
        if simulation is not None:
            flips = cache.scene(scenes.simulated_flips)(*simulation)
        elif source == "typed" and not seq_text.strip():
            flips = cache.scene(scenes.read_flips)("")
            ctrl.warning(text.NO_FLIPS_TYPED, icon=":material/edit:")
        else:
            flips = cache.scene(scenes.read_flips)(seq_text)  # ValueError -> message
            if flips.note:
                ctrl.warning(flips.note, icon=":material/content_cut:")
        with replay_slot:
            k = _step_slider(flips.seq)
        view = cache.scene(scenes.coin)(flips.seq, a, b, k)
        with fig:
            if view.k:
                plural = "" if view.k == 1 else "s"
                title = text.COIN_TITLE.format(
                    k=view.k, plural=plural, heads=view.heads, tails=view.tails, a=view.a, b=view.b
                )
            else:
                title = text.COIN_TITLE_PRIOR.format(a=view.a, b=view.b)
            height = 230 if page.present else 300  # presenter: figure and key numbers on one screen
            chart = cache.figure(
                bayes_charts.coin_posterior, view, true_bias, title=title, height=height, style=page.style
            )
            page.show(chart, "main-coin-posterior", data=view.curves)
            st.caption(text.COIN_CAPTION if true_bias is None else text.COIN_CAPTION_TRUE_BIAS)
            if page.present:  # the key numbers right under the main figure, the path below the fold
                _coin_numbers(page, view)
            if flips.seq:
                path = cache.figure(bayes_charts.coin_path, view, true_bias, style=page.style)
                page.show(path, "coin-path", data=view.path)
                st.caption(_flips_so_far(view.shown))
            elif source == "hand":
                st.info(text.PRESS_TO_FLIP, icon=":material/touch_app:")
        if not page.present:
            _coin_numbers(page, view)


def _coin_numbers(page: frame.PageFrame, view: scenes.Coin) -> None:
    """The coin's numbers, the slide's key three first."""
    page.numbers(
        [
            frame.Number("Posterior mean", view.mean, help=text.HELP_POSTERIOR_MEAN),
            frame.Number(
                "95% credible interval",
                text.CREDIBLE_INTERVAL.format(lower=view.lower, upper=view.upper),
                help=text.HELP_CREDIBLE_INTERVAL,
            ),
            frame.Number(
                "Fraction of heads", view.frequency if view.k else text.NO_FLIPS_YET, help=text.HELP_FREQUENCY
            ),
            frame.Number("log p(flips)", view.log_evidence, "nats", help=text.HELP_COIN_EVIDENCE),
        ]
    )


# ----------------------------------------------------------------------------- 2 · variational inference


def _variational_numbers(page: frame.PageFrame, view: scenes.Variational) -> None:
    """The evidence and each q's bound, then the predictive probability under each (rows of at most four)."""
    mine, fitted = view.mine, view.fitted
    # Numbers in rows of at most four, one row per q, so nothing is truncated on a projector or a laptop.
    page.numbers(
        [
            frame.Number(
                "log p(x)", view.log_evidence, "nats", help=text.HELP_LOG_EVIDENCE.format(grid=scenes.GRID_SIZE)
            ),
            frame.Number("ELBO(your q)", mine.elbo, "nats", help=text.HELP_ELBO),
            frame.Number("KL(q ‖ p)", mine.kl, "nats", help=text.HELP_KL),
        ]
    )
    label = view.predictive_label
    predictions = [
        frame.Number(text.PREDICTIVE_EXACT.format(label=label), view.predictive, help=text.HELP_PREDICTIVE_EXACT),
        frame.Number(text.PREDICTIVE_YOURS.format(label=label), mine.predictive, help=text.HELP_PREDICTIVE_YOURS),
    ]
    if fitted is not None:
        page.numbers(
            [
                frame.Number(
                    "Fitted μ, σ",
                    text.FITTED_Q.format(mean=fitted.mean, sd=fitted.sd),
                    help=text.HELP_FITTED_Q.format(n_iter=view.n_iter),
                ),
                frame.Number(
                    "ELBO(fitted q)",
                    fitted.elbo,
                    "nats",
                    help=text.HELP_FITTED_ELBO.format(gain=fitted.elbo - mine.elbo),
                ),
                frame.Number("KL(fitted q ‖ p)", fitted.kl, "nats", help=text.HELP_FITTED_KL),
            ]
        )
        predictions.append(
            frame.Number(
                text.PREDICTIVE_FITTED.format(label=label), fitted.predictive, help=text.HELP_PREDICTIVE_FITTED
            )
        )
    page.numbers(predictions)


def variational(page: frame.PageFrame) -> tuple[int, float, float]:
    """Section 2: the exact posterior, your q and the fitted q, the ELBO landscape. Returns (data seed, μ, σ)."""
    fig, ctrl = page.columns()
    with ctrl:
        target = st.selectbox(
            "Posterior",
            list(text.TARGET_LABELS),
            format_func=text.TARGET_LABELS.get,
            key="pr_target",
            bind="query-params",
        )
        data_seed = page.seed_control(key="pr_dseed", label="Data seed")
        mu = st.slider("Mean μ of q", -4.0, 4.0, -1.0, 0.05, key="pr_mu", bind="query-params")
        sd = st.slider("Standard deviation σ of q", 0.1, 2.0, 1.0, 0.05, key="pr_sd", bind="query-params")
        fit_on = st.toggle("Fit q (max ELBO)", key="pr_fit", bind="query-params", help=text.HELP_FIT)
        st.caption(text.TARGET_STORY[target])

    with page.guard():
        view = cache.scene(scenes.variational)(target, data_seed, mu, sd, fit_on)
        with fig:
            density = cache.figure(bayes_charts.posterior_vs_q, view, title=text.VI_TITLE, style=page.style)
            page.show(density, "posterior-vs-q", data=view.curves)
            landscape = cache.figure(bayes_charts.elbo_landscape, view, style=page.style)
            if view.path is None:
                page.show(landscape, "elbo-landscape", data=view.landscape_table)
                st.caption(text.LANDSCAPE_CAPTION)
            else:
                left, right = st.columns([3, 2])
                with left:
                    page.show(landscape, "elbo-landscape", data=view.path)
                with right:
                    trace = cache.figure(bayes_charts.elbo_trace, view, style=page.style)
                    page.show(trace, "elbo-trace", data=view.path)
                st.caption(text.LANDSCAPE_CAPTION_FIT)
        _variational_numbers(page, view)
    return data_seed, mu, sd


# ----------------------------------------------------------------------------- 3 · forward vs reverse KL


def _table(table, present: bool) -> None:
    """A numeric table: sortable in self-study, big type in presenter mode (``st.table``)."""
    if present:
        st.table(table.style.format(precision=3).hide(axis="index"))
        return
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.NumberColumn(c, format="%.3f") for c in table.select_dtypes("number")},
    )


def forward_reverse(page: frame.PageFrame, seed: int, mu: float, sd: float) -> dict | None:
    """Section 3: reverse and forward KL fits from your q, reverse fits from many starts, a table of both.

    Returns the numbers the "what to notice" sentences quote (``None`` if the section failed).
    """
    with page.guard():
        for col, divergence in zip(st.columns(2), scenes.DIVERGENCES, strict=True):
            view = cache.scene(scenes.kl_fit)(seed, mu, sd, divergence)
            chart = cache.figure(
                bayes_charts.posterior_vs_q, view, title=text.KL_TITLES[divergence], height=240, style=page.style
            )
            with col:
                page.show(chart, f"{divergence}-kl-fit", data=view.curves)
        table = cache.scene(scenes.kl_comparison)(seed, mu, sd).table
        _table(table, page.present)
        starts = cache.scene(scenes.kl_starts)(seed)
        n_broad = starts.n_starts - starts.n_one_mode
        title = text.STARTS_TITLE.format(n=starts.n_starts, one=starts.n_one_mode, broad=n_broad)
        chart = cache.figure(bayes_charts.posterior_vs_q, starts, title=title, height=240, style=page.style)
        page.show(chart, "reverse-kl-starts", data=starts.starts)
        means, sds = (
            ", ".join(f"{v:g}".replace("-", "−") for v in vs) for vs in (scenes.START_MEANS, scenes.START_SDS)
        )
        st.caption(text.STARTS_CAPTION.format(means=means, sds=sds))
        rows = table.set_index("fit")
        predictive = table.columns[-1]
        return {
            "where": text.PLACEMENT[cache.scene(scenes.placement)(seed, mu, sd)],
            "n_starts": starts.n_starts,
            "n_one": starts.n_one_mode,
            "n_broad": n_broad,
            "n_optima": starts.n_optima,
            "forward_mean": rows.loc["forward KL fit", "mean"],
            "predictive": predictive,
            "p_exact": rows.loc["exact posterior", predictive],
            "p_reverse": rows.loc["reverse KL fit", predictive],
        }
    return None
