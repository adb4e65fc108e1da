"""AppTest: what the "Likelihood-based models" and "Types of generative models" pages show.

The maths behind the numbers is tested on the scenes (tests/test_scenes_likelihood.py, tests/test_scenes_types.py);
here: the controls move the numbers and the charts, and the frame's blocks are on the page.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_app, shown_text

LIKELIHOOD = "pages/likelihood.py"
TYPES = "pages/types.py"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _value(text: str) -> float:
    """'−2.121 nats/point' -> -2.121 (the frame writes a real minus sign)."""
    return float(re.search(r"[−-]?[\d,]*\.?\d+(e[−-]?\d+)?", text).group(0).replace("−", "-").replace(",", ""))


def _specs(at) -> list[str]:
    """Each chart's Vega-Lite spec as readable JSON text (non-ASCII characters kept)."""
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]


def _tab(name: str) -> dict:
    return {"lk_tab": name}


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
    text = shown_text(at)
    assert "What to notice" in text and "Check yourself" in text and "responsibility of component" in text
    assert at.get("expander")

    at.slider(key="lk_step").set_value(2).run()
    assert not at.exception
    assert _metrics(at)["log-likelihood at step t"] != m["log-likelihood at step t"]
    assert _specs(at)[0] != specs[0] and _specs(at)[1] != specs[1]


def test_em_reads_the_url():
    at = run_app(LIKELIHOOD, query={"lk_step": "0", "lk_k": "3"})
    assert not at.exception
    assert at.slider(key="lk_step").value == 0 and at.slider(key="lk_k").value == 3
    assert _value(_metrics(at)["change from step t−1"]) == 0
    assert _specs(at)[0].count('"component 3"') and '"component 4"' not in _specs(at)[0]


def test_flow_tab_layers_control():
    at = run_app(LIKELIHOOD, query=_tab("Normalizing flow"))
    assert not at.exception and not at.error
    m = _metrics(at)
    assert set(m) == {"average log q(x) on the data", "average log |det ∂f/∂x|", "∫ q(x) dx over the plot"}
    assert "coupling layers" in shown_text(at)
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
    text = shown_text(at)
    assert "Green: the 300 Langevin chains after 500 steps; grey rings" in text
    assert "summed here over 6,400 grid cells" in text and "In 784 dimensions" in text
    spec = _specs(at)[0]
    at.slider(key="lk_lsteps").set_value(0).run()
    assert not at.exception
    assert _metrics(at)["mean energy of the chains"] != m["mean energy of the chains"]
    assert _metrics(at)["E_q[E] on the grid"] == m["E_q[E] on the grid"]  # the target does not move
    assert _specs(at)[0] != spec and "after 0 steps" in shown_text(at)
    at.toggle(key="lk_starts").set_value(False).run()
    assert "grey rings" not in shown_text(at)
    at.select_slider(key="lk_eta").set_value(0.001).run()
    assert not at.exception and not at.error


def test_vae_tab_step_control():
    at = run_app(LIKELIHOOD, query=_tab("VAE"))
    assert not at.exception and not at.error
    m = _metrics(at)
    assert set(m) == {"ELBO", "exact log q(x)", "gap = KL(e(z|x) ‖ q(z|x))"}
    spec = _specs(at)[0]
    at.slider(key="lk_vstep").set_value(200).run()
    assert not at.exception
    assert _metrics(at)["ELBO"] != m["ELBO"]
    assert _specs(at)[0] != spec


def test_probe_tab_table_numbers_and_controls():
    at = run_app(LIKELIHOOD, query=_tab("How likely is this data?"))
    assert not at.exception and not at.error
    table = at.dataframe[0].value.set_index("model")["log q(x*)"]
    assert list(table.index) == [
        "Gaussian mixture (EM)",
        "Normalizing flow",
        "Energy-based model",
        "VAE: exact log q(x)",
        "VAE: ELBO",
    ]
    labels = list(_metrics(at))
    assert labels[0].startswith("highest: ") and labels[1].startswith("lowest: ")
    assert "over q(x) of the normalizing flow" in _specs(at)[0]
    spec = _specs(at)[0]
    at.number_input(key="lk_px").set_value(-0.75).run()
    assert not at.exception
    assert at.dataframe[0].value.set_index("model")["log q(x*)"]["Normalizing flow"] != table["Normalizing flow"]
    assert _specs(at)[0] != spec
    at.selectbox(key="lk_behind").set_value("VAE").run()
    assert not at.exception and "over q(x) of the vae" in _specs(at)[0]


@pytest.mark.parametrize("preset", ["rings", "spiral", "mixture"])
def test_other_data_sets_run(preset):
    at = run_app(LIKELIHOOD, query={"lk_data": preset})
    assert not at.exception and not at.error
    assert len(_specs(at)) == 2


def test_likelihood_presenter_mode_hides_self_study():
    at = run_app(LIKELIHOOD, present=True)
    assert not at.exception
    text = shown_text(at)
    assert "Check yourself" not in text and not at.get("expander")
    assert len(_specs(at)) == 2 and "What to notice" in text


# ----------------------------------------------------------------------------- types page


def test_types_page_scores_likelihood_families_and_the_implicit_one_cannot():
    at = run_app(TYPES)
    assert not at.exception and not at.error
    m = _metrics(at)
    assert m["GAN: log q(x*)"] == "cannot: no q(x)"
    assert m["Diffusion: log q(x*)"] == "not computed here"
    for name in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE"):
        assert m[f"{name}: log q(x*)"].endswith("nats"), name
    specs = _specs(at)
    assert len(specs) == 6  # one panel per family, each filling its column
    assert '"GAN", "no q(x) to evaluate"' in specs[4]
    assert '"Diffusion", "log q(x*) not computed"' in specs[5]
    assert '"Normalizing flow", "log q(x*): −' in specs[1]
    text = shown_text(at).replace("\u00ad", "")  # soft hyphens let long names break in narrow columns
    for family in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE", "GAN", "Diffusion"):
        assert f"**{family}**" in text
    assert "Green: 300 new points each model generated" in text and "What to notice" in text

    # x* moved: the likelihood-based numbers and the panels follow, the implicit family still cannot answer
    at.number_input(key="ty_px").set_value(-0.75).run()
    at.number_input(key="ty_py").set_value(1.0).run()
    moved = _metrics(at)
    assert not at.exception
    for name in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE"):
        assert moved[f"{name}: log q(x*)"] != m[f"{name}: log q(x*)"], name
    assert moved["GAN: log q(x*)"] == "cannot: no q(x)"
    assert _specs(at)[1] != specs[1] and '"x1": -0.75, "x2": 1.0' in _specs(at)[4]


def test_types_page_presenter_mode():
    at = run_app(TYPES, present=True)
    assert not at.exception
    text = shown_text(at)
    assert "Check yourself" not in text and not at.get("expander")
    assert len(_specs(at)) == 6 and "What to notice" in text


def test_types_rows_link_to_live_pages_inside_the_app(monkeypatch):
    """Through app.py's navigation, each family row is a real page link (with the tab to open)."""
    from dataclasses import replace

    from ui import registry

    template = registry.PAGES[0]
    wanted = {
        "approaches": "pages/approaches.py",
        "types": TYPES,
        "likelihood": LIKELIHOOD,
        "autoregressive": "pages/autoregressive.py",
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
