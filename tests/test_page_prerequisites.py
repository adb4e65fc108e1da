"""AppTest of the prior / posterior / variational-inference page: flips, sliders, the fit, bad typed input."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scenes import prerequisites as sc
from tests.conftest import drawn_specs, open_derivations, run_app, shown_text, table_with

PAGE = "app_pages/prerequisites.py"


def metric(at: AppTest, label: str) -> float:
    """The number shown in the metric called ``label`` (units stripped, typographic minus handled)."""
    for m in at.metric:
        if m.label == label:
            return float(str(m.value).replace("−", "-").split()[0].replace(",", ""))
    raise AssertionError(f"no metric {label!r}; have {[m.label for m in at.metric]}")


def specs(at: AppTest) -> list[dict]:
    return drawn_specs(at)


def chart_bytes(at: AppTest, i: int) -> bytes:
    """Chart ``i`` as sent to the browser: spec and data (Streamlit moves the data out of the spec)."""
    return at.get("vega_lite_chart")[i].proto.SerializeToString()


def ok(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def at() -> AppTest:
    at = run_app(PAGE)
    ok(at)
    return at


def test_default_view_makes_the_slides_point(at):
    # default: 50 flips from a coin with bias 0.75 (seed 0), flat prior
    view = sc.coin(sc.simulated_flips(50, 0.75, 0).seq, 1.0, 1.0, 50)
    assert metric(at, "Posterior mean") == pytest.approx(view.mean, abs=6e-4)
    assert metric(at, "Fraction of heads") == pytest.approx(view.frequency, abs=6e-4)
    assert metric(at, "log p(flips)") == pytest.approx(view.log_evidence, abs=6e-4)
    # coin posterior, coin path, posterior vs q, ELBO landscape, reverse fit, forward fit, reverse fits from starts
    assert len(at.get("vega_lite_chart")) == 7
    assert specs(at)[0]["title"].startswith("50 flips")  # the main figure comes first
    # log p(x) = ELBO + KL, as shown on screen
    assert metric(at, "log p(x)") == pytest.approx(metric(at, "ELBO(your q)") + metric(at, "KL(q ‖ p)"), abs=2e-3)
    assert metric(at, "ELBO(your q)") < metric(at, "log p(x)")
    text = shown_text(at)
    assert "nan" not in text.lower().split() and "inf" not in text.lower().split()
    # the frame's blocks: both formula boxes, both notices, the questions, the derivation with the grid size
    outside_derivations = [e for e in at.get("latex") if all(e not in x.get("latex") for x in at.expander)]
    assert len(outside_derivations) == 3
    assert text.count("What to notice") == 2
    assert {r.key for r in at.radio} >= {"prerequisites_quiz1", "prerequisites_quiz2"}
    assert not at.expander[0].markdown, "a closed derivation draws nothing"
    assert open_derivations(at)
    derivation = " ".join(m.value for m in at.expander[0].markdown)
    assert f"{sc.GRID_SIZE:,} values of one parameter" in derivation and "{grid" not in derivation


def test_heads_and_tails_buttons_append_flips_and_the_step_slider_replays(at):
    at.radio(key="pr_source").set_value("hand").run()
    ok(at)
    assert any("Press **Heads**" in i.value for i in at.info)
    assert metric(at, "Posterior mean") == pytest.approx(0.5)
    for side in ("pr_heads", "pr_heads", "pr_heads", "pr_tails"):
        at.button(key=side).click().run()
        ok(at)
    assert at.session_state["pr_hand"] == "HHHT"
    assert metric(at, "Posterior mean") == pytest.approx(4 / 6, abs=6e-4)  # Beta(1 + 3, 1 + 1)
    step = at.slider(key="pr_step")
    assert (step.max, step.value) == (4, 4)
    title_before = specs(at)[0]["title"]
    step.set_value(1).run()
    ok(at)
    assert metric(at, "Posterior mean") == pytest.approx(2 / 3, abs=6e-4)  # after one head: Beta(2, 1)
    assert specs(at)[0]["title"] != title_before and "1 flip (1 H, 0 T)" in specs(at)[0]["title"]
    at.button(key="pr_heads").click().run()  # a new flip jumps to the end
    assert at.slider(key="pr_step").value == 5
    assert metric(at, "Posterior mean") == pytest.approx(5 / 7, abs=6e-4)
    at.button(key="pr_undo").click().run()
    assert at.session_state["pr_hand"] == "HHHT"
    at.button(key="pr_reset").click().run()
    ok(at)
    assert metric(at, "Posterior mean") == pytest.approx(0.5)
    assert not [s for s in at.slider if s.key == "pr_step"]


def test_hand_flips_stop_at_the_limit(at):
    at.radio(key="pr_source").set_value("hand").run()
    at.session_state["pr_hand"] = "H" * sc.MAX_FLIPS
    at.run()
    ok(at)
    assert at.button(key="pr_heads").disabled and at.button(key="pr_tails").disabled
    assert any(f"{sc.MAX_FLIPS} flips is the limit" in c.value for c in at.caption)
    at.button(key="pr_undo").click().run()
    assert not at.button(key="pr_heads").disabled


def test_typed_sequence_and_prior_presets(at):
    at.radio(key="pr_source").set_value("typed").run()
    at.text_input(key="pr_seq").input("hh t h").run()
    ok(at)
    assert metric(at, "Posterior mean") == pytest.approx(4 / 6, abs=6e-4)
    at.selectbox(key="pr_prior").set_value("sceptical").run()
    ok(at)
    assert metric(at, "Posterior mean") == pytest.approx(13 / 24, abs=6e-4)  # Beta(10 + 3, 10 + 1)
    at.selectbox(key="pr_prior").set_value("custom").run()
    at.slider(key="pr_a").set_value(5.0).run()
    at.slider(key="pr_b").set_value(1.0).run()
    ok(at)
    assert metric(at, "Posterior mean") == pytest.approx(8 / 10, abs=6e-4)  # Beta(5 + 3, 1 + 1)
    expected = sc.coin("HHTH", 5.0, 1.0, 4).log_evidence
    assert metric(at, "log p(flips)") == pytest.approx(expected, abs=6e-4)


@pytest.mark.parametrize(
    "text, kind, needle",
    [
        ("HXT", "error", "'X'"),
        ("", "warning", "No flips typed yet"),
        ("H" * 1500, "warning", "first 1000 of 1500 flips"),
    ],
)
def test_bad_typed_sequences_give_a_clear_message(at, text, kind, needle):
    at.radio(key="pr_source").set_value("typed").run()
    at.text_input(key="pr_seq").input(text).run()
    assert not at.exception
    messages = [m.value for m in at.get(kind)]
    assert any(needle in m for m in messages), messages
    # the rest of the page keeps working: the variational-inference charts are all there
    assert metric(at, "log p(x)") < 0
    assert len(at.get("vega_lite_chart")) >= 4
    if text.startswith("H" * 10):
        assert metric(at, "Posterior mean") == pytest.approx(1001 / 1002, abs=6e-4)
        assert at.slider(key="pr_step").max == sc.MAX_FLIPS


def test_a_sequence_over_the_cap_never_reaches_the_page(at):
    at.radio(key="pr_source").set_value("typed").run()
    at.text_input(key="pr_seq").input("H" * 100_000).run()
    assert not at.exception
    assert len(at.text_input(key="pr_seq").value) <= 4000
    assert at.slider(key="pr_step").max < 4000


def test_simulation_controls_change_the_flips(at):
    before = metric(at, "Posterior mean")
    at.slider(key="pr_bias").set_value(0.2).run()
    ok(at)
    after = metric(at, "Posterior mean")
    assert after < 0.4 < before
    at.slider(key="pr_n").set_value(10).run()
    assert at.slider(key="pr_step").max == 10
    at.number_input(key="pr_seed").set_value(3).run()
    ok(at)
    flips = sc.simulated_flips(10, 0.2, 3).seq
    assert metric(at, "Fraction of heads") == pytest.approx(flips.count("H") / 10, abs=6e-4)


def test_moving_q_changes_elbo_and_kl_and_the_chart(at):
    elbo0, kl0 = metric(at, "ELBO(your q)"), metric(at, "KL(q ‖ p)")
    density0 = chart_bytes(at, 2)
    at.slider(key="pr_mu").set_value(1.9).run()
    at.slider(key="pr_sd").set_value(0.3).run()
    ok(at)
    # q now sits on the bigger right-hand mode: a better bound
    assert metric(at, "ELBO(your q)") > elbo0 and metric(at, "KL(q ‖ p)") < kl0
    assert chart_bytes(at, 2) != density0
    assert metric(at, "log p(x)") == pytest.approx(metric(at, "ELBO(your q)") + metric(at, "KL(q ‖ p)"), abs=2e-3)


def test_fit_control_runs_the_optimiser_and_shows_its_path(at):
    n_charts = len(at.get("vega_lite_chart"))
    at.toggle(key="pr_fit").set_value(True).run()
    ok(at)
    assert len(at.get("vega_lite_chart")) == n_charts + 1  # the ELBO-per-iteration chart
    assert metric(at, "ELBO(fitted q)") > metric(at, "ELBO(your q)")
    assert metric(at, "ELBO(fitted q)") <= metric(at, "log p(x)")
    landscape = next(s for s in specs(at) if s.get("title") == "ELBO of every q")
    path_layers = [layer for layer in landscape["layer"] if layer.get("encoding", {}).get("order")]
    assert len(path_layers) == 1 and path_layers[0]["mark"]["type"] == "line"  # the optimiser's path
    trace = next(s for s in specs(at) if s.get("title") == "ELBO per iteration")
    assert trace["layer"][0]["encoding"]["x"]["field"] == "iteration"


def test_fit_reaches_log_evidence_on_the_gaussian_posterior(at):
    at.selectbox(key="pr_target").set_value("gaussian").run()
    at.toggle(key="pr_fit").set_value(True).run()
    ok(at)
    assert metric(at, "ELBO(fitted q)") == pytest.approx(metric(at, "log p(x)"), abs=1e-3)
    assert metric(at, "KL(fitted q ‖ p)") == pytest.approx(0.0, abs=1e-3)
    fitted = sc.variational("gaussian", 0, -1.0, 1.0, True).fitted
    assert at.metric[[m.label for m in at.metric].index("Fitted μ, σ")].value == f"{fitted.mean:.2f}, {fitted.sd:.2f}"


def test_forward_and_reverse_fits_side_by_side(at):
    table = table_with(at, "fit").set_index("fit")
    assert list(table.index) == ["exact posterior", "reverse KL fit", "forward KL fit"]
    assert table.loc["reverse KL fit", "mean"] < -1.5  # from the default q at μ = −1: the left mode
    titles = [s.get("title") for s in specs(at)]
    assert "Reverse KL(q ‖ p): mode seeking" in titles and "Forward KL(p ‖ q): mass covering" in titles
    at.slider(key="pr_mu").set_value(2.0).run()  # start on the other side
    ok(at)
    assert table_with(at, "fit").set_index("fit").loc["reverse KL fit", "mean"] > 1.5


def test_presenter_mode_hides_self_study_and_keeps_the_figures():
    at = run_app(PAGE, present=True)
    ok(at)
    assert not [r for r in at.radio if (r.key or "").startswith("prerequisites_quiz")]
    assert not at.expander
    assert len(at.get("vega_lite_chart")) == 7
    # the key numbers come right after the main figure, before the flip-by-flip path; tables in big type
    assert [m.label for m in at.metric][:3] == ["Posterior mean", "95% credible interval", "Fraction of heads"]
    assert at.table and not [d for d in at.dataframe if "fit" in d.value.columns]


def test_quiz_gives_feedback(at):
    at.radio(key="prerequisites_quiz1").set_value("0.8").run()
    assert at.success and "Beta(4, 1)" in at.success[0].value
    at.radio(key="prerequisites_quiz2").set_value("−1.1 nats").run()
    assert any("Not quite" in e.value and "never negative" in e.value for e in at.error)


def test_notice_counts_the_reverse_kl_optima_from_the_scene(at):
    starts = sc.kl_starts(0)
    broad = starts.n_starts - starts.n_one_mode
    assert 0 < broad < starts.n_one_mode  # usually, not always, one mode
    text = shown_text(at)
    assert f"{starts.n_one_mode} settle inside one mode and {broad} on a broad q" in text
    assert "from your q its fit settles inside the left mode" in text  # default q: μ = −1, σ = 1
    assert f"{starts.n_starts} starting q's: {starts.n_one_mode} settle in one mode" in " ".join(
        s.get("title", "") for s in specs(at)
    )
    at.slider(key="pr_mu").set_value(0.0).run()  # from the middle the fit ends on the broad q
    assert "from your q its fit settles on a broad q over both modes" in shown_text(at)


def test_typed_sequence_is_capped_and_every_chart_is_described(at):
    at.radio(key="pr_source").set_value("typed").run()
    box = at.text_input(key="pr_seq")
    assert box.max_chars == 4000 and "4,000 characters" in box.help
    assert 4000 >= len(", ".join("H" * sc.MAX_FLIPS))  # a legitimate sequence never reaches the cap
    for spec in specs(at):
        assert spec.get("description", "").endswith("."), spec.get("title")
