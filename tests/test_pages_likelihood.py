"""AppTest: the "Likelihood-based models" and "Types of generative models" pages."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TIMEOUT, shown_text

LIKELIHOOD = "pages/likelihood.py"
TYPES = "pages/types.py"


def _run(page: str, *, present: bool = False, query: dict | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    if present:
        at.session_state["present"] = True
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    return at.run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _value(text: str) -> float:
    """'−2.121 nats/point' -> -2.121 (the frame writes a real minus sign)."""
    return float(re.search(r"[−-]?[\d,]*\.?\d+(e[−-]?\d+)?", text).group(0).replace("−", "-").replace(",", ""))


def _specs(at: AppTest) -> list[str]:
    """Each chart's Vega-Lite spec as readable JSON text (non-ASCII characters kept)."""
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]


# ----------------------------------------------------------------------------- likelihood page: EM


def test_em_tab_default_and_step_control():
    at = _run(LIKELIHOOD)
    assert not at.exception and not at.error
    m = _metrics(at)
    assert _value(m["change from step t−1"]) >= 0
    # our EM and scikit-learn's, started from the same point, report the same log-likelihood
    assert m["log-likelihood at step t"] == m["scikit-learn, same start"]
    assert _value(m["max |μ − μ sklearn|"]) < 1e-8
    specs = _specs(at)
    assert len(specs) == 2 and "Average log-likelihood" in specs[1]
    assert "What to notice" in shown_text(at)

    at.slider(key="lk_step").set_value(2).run()
    m2 = _metrics(at)
    assert not at.exception
    assert _value(m2["log-likelihood at step t"]) < _value(m["log-likelihood at step t"])
    assert _specs(at)[0] != specs[0]  # responsibilities and ellipses moved

    at.slider(key="lk_step").set_value(40).run()
    assert _value(_metrics(at)["log-likelihood at step t"]) >= _value(m["log-likelihood at step t"])


def test_em_reads_the_url():
    at = _run(LIKELIHOOD, query={"lk_step": "0", "lk_k": "3"})
    assert not at.exception
    assert at.slider(key="lk_step").value == 0 and at.slider(key="lk_k").value == 3
    assert _value(_metrics(at)["change from step t−1"]) == 0


# ----------------------------------------------------------------------------- flow, EBM, VAE, probe


def test_flow_tab_layers_control():
    at = _run(LIKELIHOOD, state={"lk_tab": "Normalizing flow"})
    assert not at.exception and not at.error
    m = _metrics(at)
    assert abs(_value(m["∫ q(x) dx over the plot"]) - 1) < 0.03
    before = _specs(at)
    at.slider(key="lk_layers").set_value(0).run()
    m0 = _metrics(at)
    assert not at.exception
    assert _value(m0["average log q(x) on the data"]) < _value(m["average log q(x) on the data"]) - 0.2
    assert _specs(at)[1] != before[1]


def test_ebm_tab_langevin_controls():
    at = _run(LIKELIHOOD, state={"lk_tab": "Energy-based model"})
    assert not at.exception and not at.error
    m = _metrics(at)
    assert re.fullmatch("10[⁰¹²³⁴⁵⁶⁷⁸⁹]+", m["grid cells for a 28×28 image"])
    target = _value(m["E_q[E] on the grid"])
    converged = _value(m["mean energy of the chains"])
    spec = _specs(at)[0]
    at.slider(key="lk_lsteps").set_value(0).run()
    start = _value(_metrics(at)["mean energy of the chains"])
    assert not at.exception
    assert abs(converged - target) < abs(start - target)  # the chains moved towards q
    assert _specs(at)[0] != spec
    at.select_slider(key="lk_eta").set_value(0.001).run()
    assert not at.exception and not at.error


def test_vae_tab_elbo_below_exact_and_step_control():
    at = _run(LIKELIHOOD, state={"lk_tab": "VAE"})
    assert not at.exception and not at.error
    m = _metrics(at)
    assert _value(m["ELBO"]) <= _value(m["exact log q(x)"])
    assert _value(m["gap = KL(e(z|x) ‖ q(z|x))"]) > 0.01
    spec = _specs(at)[0]
    at.slider(key="lk_vstep").set_value(200).run()
    m2 = _metrics(at)
    assert _value(m2["gap = KL(e(z|x) ‖ q(z|x))"]) < 1e-3
    assert _value(m2["exact log q(x)"]) > _value(m["exact log q(x)"])
    assert _specs(at)[0] != spec


def test_probe_tab_scores_every_likelihood_model():
    at = _run(LIKELIHOOD, state={"lk_tab": "How likely is this data?"})
    assert not at.exception and not at.error
    table = at.dataframe[0].value.set_index("model")["log q(x*)"]
    assert list(table.index) == [
        "Gaussian mixture (EM)",
        "Normalizing flow",
        "Energy-based model",
        "VAE: exact log q(x)",
        "VAE: ELBO",
    ]
    assert table["VAE: ELBO"] <= table["VAE: exact log q(x)"] + 1e-12
    # the default x* sits between the moons: the flexible flow finds it less likely than the single Gaussian
    assert table["Normalizing flow"] < table["VAE: exact log q(x)"]
    # moving x* onto the upper moon raises the flow's log q(x*), and the figure follows
    spec = _specs(at)[0]
    at.number_input(key="lk_px").set_value(-0.75).run()
    at.number_input(key="lk_py").set_value(1.0).run()
    moved = at.dataframe[0].value.set_index("model")["log q(x*)"]
    assert moved["Normalizing flow"] > table["Normalizing flow"] + 0.4
    assert _specs(at)[0] != spec
    assert any("highest" in label for label in _metrics(at))


@pytest.mark.parametrize("preset", ["rings", "spiral", "mixture"])
def test_other_data_sets_run(preset):
    at = _run(LIKELIHOOD, query={"lk_data": preset})
    assert not at.exception and not at.error
    assert len(_specs(at)) == 2


def test_presenter_mode_hides_self_study():
    at = _run(LIKELIHOOD, present=True)
    assert not at.exception
    text = shown_text(at)
    assert "Check yourself" not in text and not at.get("expander")
    assert len(_specs(at)) == 2 and "What to notice" in text


# ----------------------------------------------------------------------------- types page


def test_types_page_scores_likelihood_families_and_the_implicit_one_cannot():
    at = _run(TYPES)
    assert not at.exception and not at.error
    m = _metrics(at)
    assert m["GAN: log q(x*)"] == "cannot: no q(x)"
    assert m["Diffusion: log q(x*)"] == "not computed here"
    for name in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE"):
        assert m[f"{name}: log q(x*)"].endswith("nats"), name
    specs = _specs(at)
    assert len(specs) == 6  # one panel per family, each filling its column
    assert '"GAN", "no q(x) to evaluate"' in specs[4]
    assert '"Normalizing flow", "log q(x*): −' in specs[1]
    text = shown_text(at).replace("\u00ad", "")  # soft hyphens let long names break in narrow columns
    for family in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE", "GAN", "Diffusion"):
        assert f"**{family}**" in text
    # the table says where each family runs live (links inside the app, plain text on its own)
    assert "Likelihood-based models, flow tab" in text and "Different approaches, implicit" in text

    # x* moved onto the upper moon: every likelihood-based family finds it more likely, the figure follows
    at.number_input(key="ty_px").set_value(-0.75).run()
    at.number_input(key="ty_py").set_value(1.0).run()
    moved = _metrics(at)
    assert not at.exception
    for name in ("Autoregressive", "Normalizing flow", "Energy-based", "VAE"):
        assert _value(moved[f"{name}: log q(x*)"]) > _value(m[f"{name}: log q(x*)"]), name
    assert moved["GAN: log q(x*)"] == "cannot: no q(x)"
    assert _specs(at)[1] != specs[1]


def test_types_page_presenter_mode():
    at = _run(TYPES, present=True)
    assert not at.exception
    text = shown_text(at)
    assert "Check yourself" not in text and not at.get("expander")
    assert len(_specs(at)) == 6 and "What to notice" in text


def test_types_rows_link_to_live_pages_inside_the_app(monkeypatch):
    """Through app.py's navigation, each family row is a real page link (with the tab to open)."""
    from dataclasses import replace

    from tests.conftest import run_app
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
    labels = set(links)
    assert {
        "Runs live on: Autoregressive models",
        "Runs live on: Likelihood-based models, flow tab",
        "Runs live on: Likelihood-based models, energy tab",
        "Runs live on: Different approaches, VAE",
        "Runs live on: Different approaches, implicit",
        "Runs live on: Different approaches, diffusion",
    } <= labels
    # the flow row opens the likelihood page on its flow tab
    flow = links["Runs live on: Likelihood-based models, flow tab"]
    assert flow.page == "likelihood"
    assert flow.query_string == "lk_tab=Normalizing+flow"
