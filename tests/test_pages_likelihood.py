"""AppTest: what the "Likelihood-based models" and "Types of generative models" pages show.

The maths behind the numbers is tested on the scenes (tests/test_scenes_likelihood.py, tests/test_scenes_types.py);
here: the controls move the numbers and the charts, and the frame's blocks are on the page.
"""

from __future__ import annotations

import json
import re

import pytest

from lecture import likelihood as text
from tests.conftest import drawn_spec_texts, drawn_specs, open_export_menus, run_app, shown_text

LIKELIHOOD = "app_pages/likelihood.py"
TYPES = "app_pages/types.py"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _value(text: str) -> float:
    """'−2.121 nats/point' -> -2.121 (the frame writes a real minus sign)."""
    return float(re.search(r"[−-]?[\d,]*\.?\d+(e[−-]?\d+)?", text).group(0).replace("−", "-").replace(",", ""))


def _specs(at) -> list[str]:
    """Each chart's Vega-Lite spec as readable JSON text (non-ASCII characters kept)."""
    return drawn_spec_texts(at)


def _tab(name: str) -> dict:
    return {"lk_tab": name}


def _exports(at) -> list[str]:
    """The names of the charts with a "Data and export" menu (their CSV buttons' keys; the menus opened)."""
    open_export_menus(at)
    return [d.proto.id.split("export_csv_", 1)[1] for d in at.get("download_button") if "export_csv_" in d.proto.id]


def _quiz(at) -> str:
    return " ".join(r.label for r in at.radio)


# ----------------------------------------------------------------------------- likelihood page


def test_em_tab_step_control_moves_numbers_and_charts():
    at = run_app(LIKELIHOOD)
    assert not at.exception and not at.error
    m = _metrics(at)
    assert set(m) == {
        "log-likelihood at step t",
        "change from step t−1",
        "scikit-learn, same start",
        "max |μ − μ sklearn|",
    }
    assert m["log-likelihood at step t"] == m["scikit-learn, same start"]
    specs = _specs(at)
    assert len(specs) == 2 and "Average log-likelihood" in specs[1]
    assert all('"description"' in spec for spec in specs)  # every chart has its text alternative
    assert _exports(at) == ["main-em-fit", "em-loglik"]  # the default tab's figure is the page's one main figure
    text = shown_text(at)
    assert "What to notice" in text and "Check yourself" in text and "responsibility of component" in text
    assert "r_ik" not in text and "r_ik" not in " ".join(specs)  # maths, not plain-text subscripts
    assert f"to {m['log-likelihood at step t']} at step 12" in text
    assert "EM step" in _quiz(at) and "energy" not in _quiz(at)  # the question is about the open tab
    assert at.get("expander")

    at.slider(key="lk_step").set_value(2).run()
    assert not at.exception
    assert _metrics(at)["log-likelihood at step t"] != m["log-likelihood at step t"]
    assert _specs(at)[0] != specs[0] and _specs(at)[1] != specs[1]
    assert "at step 2" in shown_text(at)


def test_em_reads_the_url():
    at = run_app(LIKELIHOOD, query={"lk_step": "0", "lk_k": "3"})
    assert not at.exception
    assert at.slider(key="lk_step").value == 0 and at.slider(key="lk_k").value == 3
    assert _value(_metrics(at)["change from step t−1"]) == 0
    # three ellipses and three means are drawn (the colour scale names all eight components, so k is data)
    rows = [row for rows in drawn_specs(at)[0]["datasets"].values() for row in rows if "component" in row]
    assert {row["component"] for row in rows} == {"component 1", "component 2", "component 3"}
    assert "K = 3 ellipses" in shown_text(at)


def test_the_em_figure_gives_each_component_a_colour_of_its_own():
    """The K slider stops where the colours do; a fit with more components is refused with a message, not drawn
    with two components in one colour."""
    from scenes import likelihood as scenes
    from ui.charts import CLASS_COLORS, NORMAL
    from ui.charts import likelihood as plots

    at = run_app(LIKELIHOOD)
    assert at.slider(key="lk_k").max == scenes.K_MAX <= len(set(CLASS_COLORS))
    plots.em_figure(scenes.em_fit(scenes.PRESETS[0], 0, scenes.K_MAX, 3), style=NORMAL)
    with pytest.raises(ValueError, match="at most 8 components"):
        plots.em_figure(scenes.em_fit(scenes.PRESETS[0], 0, len(CLASS_COLORS) + 1, 3), style=NORMAL)


def test_every_tab_shows_the_data_controls_and_its_own_question():
    questions = set()
    for tab in text.TABS:
        at = run_app(LIKELIHOOD, query={**_tab(tab), "lk_data": "rings", "lk_seed": "2"})
        assert not at.exception and not at.error, tab
        assert at.selectbox(key="lk_data").value == "rings" and at.number_input(key="lk_seed").value == 2, tab
        questions.add(_quiz(at))
    assert questions == {q.question for q in text.QUIZZES}


def test_flow_tab_layers_control():
    at = run_app(LIKELIHOOD, query=_tab("Normalizing flow"))
    assert not at.exception and not at.error
    m = _metrics(at)
    assert set(m) == {"average log q(x) on the data", "average log |det ∂f/∂x|", "∫ q(x) dx over the plot"}
    assert "coupling layers" in shown_text(at) and "here 8:" in shown_text(at)
    assert _exports(at) == ["flow-base", "flow-data"]
    before = _specs(at)
    at.slider(key="lk_layers").set_value(0).run()
    assert not at.exception
    assert _metrics(at)["average log q(x) on the data"] != m["average log q(x) on the data"]
    assert _specs(at)[1] != before[1]


def test_ebm_tab_langevin_controls():
    at = run_app(LIKELIHOOD, query=_tab("Energy-based model"))
    assert not at.exception and not at.error
    m = _metrics(at)
    assert re.fullmatch("10[⁰¹²³⁴⁵⁶⁷⁸⁹]+", m["grid cells for a 28×28 image"])
    text_ = shown_text(at)
    assert "Vermillion triangles: the 300 Langevin chains after 500 steps; grey squares" in text_
    assert "summed here over 10,000 grid cells that cover all of the mass" in text_ and "In 784 dimensions" in text_
    assert "approximately a sample of" in text_ and "after many steps $x_t$ is a sample" not in text_  # item 11
    assert f"their mean energy is {m['mean energy of the chains']} against {m['average energy under q']}" in text_
    spec = _specs(at)[0]
    at.slider(key="lk_lsteps").set_value(0).run()
    assert not at.exception
    assert _metrics(at)["mean energy of the chains"] != m["mean energy of the chains"]
    assert _metrics(at)["average energy under q"] == m["average energy under q"]  # the target does not move
    assert _specs(at)[0] != spec and "after 0 steps" in shown_text(at)
    at.toggle(key="lk_starts").set_value(False).run()
    assert "grey squares" not in shown_text(at)
    at.select_slider(key="lk_eta").set_value(0.001).run()
    assert not at.exception and not at.error


def test_vae_tab_step_control():
    at = run_app(LIKELIHOOD, query=_tab("VAE"))
    assert not at.exception and not at.error
    m = _metrics(at)
    assert set(m) == {"ELBO", "exact log q(x)", "gap: log q(x) − ELBO"}
    assert f"{m['gap: log q(x) − ELBO']} at step 20" in shown_text(at)
    spec = _specs(at)[0]
    at.slider(key="lk_vstep").set_value(200).run()
    assert not at.exception
    assert _metrics(at)["ELBO"] != m["ELBO"]
    assert _specs(at)[0] != spec


def test_probe_tab_table_numbers_and_controls():
    at = run_app(LIKELIHOOD, query=_tab("How likely is this data?"))
    assert not at.exception and not at.error
    table = at.table[0].value.set_index("model")["log q(x*)"]  # a static table: big type in presenter mode
    assert list(table.index) == [
        "Gaussian mixture (EM)",
        "Normalizing flow",
        "Energy-based model",
        "VAE: exact log q(x)",
        "VAE: ELBO",
    ]
    labels = list(_metrics(at))
    assert labels[:2] == ["highest: linear VAE", "lowest: Gaussian mixture"]
    assert "the Gaussian mixture, flow and energy model score it below a typical data point" in shown_text(at)
    assert "over q(x) of the normalizing flow" in _specs(at)[0]
    spec = _specs(at)[0]
    at.number_input(key="lk_px").set_value(-0.75).run()
    assert not at.exception
    assert at.table[0].value.set_index("model")["log q(x*)"]["Normalizing flow"] != table["Normalizing flow"]
    assert _specs(at)[0] != spec
    at.selectbox(key="lk_behind").set_value("VAE").run()
    assert not at.exception and "over q(x) of the vae" in _specs(at)[0]


def test_probe_outside_the_window_keeps_the_window_and_marks_the_edge():
    at = run_app(LIKELIHOOD, query={**_tab("How likely is this data?"), "lk_px": "8", "lk_py": "0.25"})
    assert not at.exception and not at.error
    spec = drawn_specs(at)[0]
    assert '"triangle-right"' in json.dumps(spec) and "outside the window" in spec["description"]
    assert "all four models score it below a typical data point" in shown_text(at)


@pytest.mark.parametrize("preset", ["rings", "spiral", "mixture"])
def test_other_data_sets_run(preset):
    at = run_app(LIKELIHOOD, query={"lk_data": preset})
    assert not at.exception and not at.error
    assert len(_specs(at)) == 2


def test_likelihood_presenter_mode_hides_self_study():
    at = run_app(LIKELIHOOD, present=True)
    assert not at.exception
    text_ = shown_text(at)
    assert "Check yourself" not in text_ and not at.get("expander")
    assert len(_specs(at)) == 2 and "What to notice" in text_
    # one formula on the slide: the open tab's (the page's own argmax formula stays in self-study mode)
    assert [e.value.strip("$\n") for e in at.get("latex")] == [text.EM_FORMULA]


# ----------------------------------------------------------------------------- types page


def test_types_page_scores_likelihood_families_and_the_implicit_one_cannot():
    at = run_app(TYPES)
    assert not at.exception and not at.error
    m = _metrics(at)
    assert m["Moment-matching network: log q(x*)"] == "cannot: no q(x)"
    assert m["Diffusion: log q(x*)"] == "not computed here"
    assert m["families that give log q(x*)"] == "4 of 6"
    for name in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE"):
        assert m[f"{name}: log q(x*)"].endswith("nats"), name
    assert m["highest: Normalizing flow"] == m["Normalizing flow: log q(x*)"]  # the key numbers: the extremes
    assert m["lowest: Autoregressive"] == m["Autoregressive: log q(x*)"]
    specs = _specs(at)
    assert len(specs) == 6  # one panel per family, each filling its column
    assert '"Moment-matching network", "no q(x) to evaluate"' in specs[4]
    assert '"Diffusion", "log q(x*) not computed"' in specs[5]
    assert '"Normalizing flow", "log q(x*): −' in specs[1] and '"VAE", "log q(x*) ≈ −' in specs[3]
    assert all('"description"' in spec for spec in specs) and "GAN" not in " ".join(specs)
    # the visual language: data hollow grey circles, samples filled vermillion triangles
    assert all('"triangle-up"' in spec and '"#D55E00"' in spec and '"#5a5a5a"' in spec for spec in specs)
    # every panel has an export menu with its numbers; the last one closes the grid and is the "main" figure
    assert _exports(at) == [
        "panel-autoregressive",
        "panel-normalizing-flow",
        "panel-energy-based",
        "panel-vae",
        "panel-moment-matching-network",
        "main-panel-diffusion",
    ]
    text_ = shown_text(at).replace("\u00ad", "")  # soft hyphens let long names break in narrow columns
    for family in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE", "Moment-matching network", "Diffusion"):
        assert f"**{family}**" in text_
    assert "Grey circles: the data" in text_ and "300 new points each model generated" in text_
    assert "What to notice" in text_ and "only 4 of the six families" in text_ and "At x* = (0.00, 0.25)" in text_

    # x* moved: the likelihood-based numbers and the panels follow, the implicit family still cannot answer
    at.number_input(key="ty_px").set_value(-0.75).run()
    at.number_input(key="ty_py").set_value(1.0).run()
    moved = _metrics(at)
    assert not at.exception
    for name in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE"):
        assert moved[f"{name}: log q(x*)"] != m[f"{name}: log q(x*)"], name
    assert moved["Moment-matching network: log q(x*)"] == "cannot: no q(x)"
    assert _specs(at)[1] != specs[1] and '"x1": -0.75, "x2": 1.0' in _specs(at)[4]


def test_types_probe_outside_the_window_is_marked_at_the_edge():
    at = run_app(TYPES, query={"ty_px": "-9", "ty_py": "0.25"})
    assert not at.exception and not at.error
    specs = drawn_specs(at)
    for spec in specs:
        x0, x1 = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
        probe = spec["layer"][-1]
        assert probe["mark"]["shape"] == "triangle-left" and x0 < probe["data"]["values"][0]["x1"] < x1
        assert "outside the window" in spec["description"]


def test_types_page_presenter_mode():
    at = run_app(TYPES, present=True)
    assert not at.exception
    text_ = shown_text(at)
    assert "Check yourself" not in text_ and not at.get("expander")
    assert len(_specs(at)) == 6 and "What to notice" in text_
    assert list(_metrics(at))[:3] == [
        "families that give log q(x*)",
        "highest: Normalizing flow",
        "lowest: Autoregressive",
    ]
    specs = _specs(at)
    assert '"Moment matching: no q(x)"' in specs[4] and '"VAE: ≈ −' in specs[3]  # one title line per panel


def test_types_rows_link_to_live_pages_inside_the_app(monkeypatch):
    """Through app.py's navigation, each family row is a real page link (with the tab to open)."""
    from dataclasses import replace

    from ui import registry

    template = registry.PAGES[0]
    wanted = {
        "approaches": "app_pages/approaches.py",
        "types": TYPES,
        "likelihood": LIKELIHOOD,
        "autoregressive": "app_pages/autoregressive.py",
    }
    have = {p.file for p in registry.PAGES}
    extra = tuple(replace(template, key=k, file=f) for k, f in wanted.items() if f not in have)
    monkeypatch.setattr(registry, "PAGES", registry.PAGES + extra)
    at = run_app(TYPES)
    assert not at.exception
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    assert {
        "Runs live on: Autoregressive models",
        "Runs live on: Likelihood-based models, flow tab",
        "Runs live on: Likelihood-based models, energy tab",
        "Runs live on: Different approaches, VAE",
        "Runs live on: Different approaches, implicit",
        "Runs live on: Different approaches, diffusion",
    } <= set(links)
    # the flow row opens the likelihood page on its flow tab
    flow = links["Runs live on: Likelihood-based models, flow tab"]
    assert flow.page == "likelihood"
    assert flow.query_string == "lk_tab=Normalizing+flow"
