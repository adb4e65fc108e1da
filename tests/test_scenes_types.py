"""The maths of the "Types of generative models" page, on its scene functions (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pytest

from lecture import types as text
from scenes import types as sc

PRESET, SEED = "moons", 0
LIKELIHOOD_BASED = ("Autoregressive", "Normalizing flow", "Energy-based", "VAE")
IMPLICIT = "Moment-matching network"


def test_the_table_and_the_panels_name_the_same_families():
    assert tuple(row.name for row in text.ROWS) == sc.FAMILIES
    assert {row.name for row in text.ROWS if row.kind == "implicit"} == sc.IMPLICIT == {text.IMPLICIT}


def test_the_implicit_family_is_the_moment_matching_network_not_a_gan():
    from core.implicit import ImplicitGenerator

    assert IMPLICIT in sc.FAMILIES and "GAN" not in sc.FAMILIES
    assert isinstance(sc.MODELS[IMPLICIT](0), ImplicitGenerator)
    assert not hasattr(ImplicitGenerator, "score_samples")  # no q(x): nothing to evaluate


def test_only_likelihood_based_families_score_x_star():
    scores = {s.name: s for s in sc.scores(PRESET, SEED, 0.0, 0.25).families}
    assert scores[IMPLICIT].log_q is None and scores[IMPLICIT].implicit
    assert scores["Diffusion"].log_q is None and not scores["Diffusion"].implicit
    for name in LIKELIHOOD_BASED:
        assert np.isfinite(scores[name].log_q) and np.isfinite(scores[name].average), name
        assert not scores[name].implicit
        assert scores[name].estimate == (name == "VAE"), name  # the VAE's log q is importance-sampled


def test_the_key_numbers_are_the_extremes_of_the_scored_families():
    view = sc.scores(PRESET, SEED, 0.0, 0.25)
    scored = {s.name: s.log_q for s in view.families if s.log_q is not None}
    assert {s.name for s in view.scored} == set(LIKELIHOOD_BASED)
    assert view.highest.log_q == max(scored.values()) and view.lowest.log_q == min(scored.values())
    assert view.spread == pytest.approx(max(scored.values()) - min(scored.values()))


def test_a_panels_export_table_holds_the_probe_the_data_and_the_samples():
    panel, view = sc.panel("Normalizing flow", PRESET, SEED), sc.scores(PRESET, SEED, 0.5, -0.25)
    flow = next(s for s in view.families if s.name == "Normalizing flow")
    table = sc.table(panel, flow, view.probe)
    assert list(table.columns) == ["points", "x1", "x2"]
    assert table["points"][0] == f"probe x* (log q = {flow.log_q:.3f} nats)"
    assert (table["x1"][0], table["x2"][0]) == (0.5, -0.25)
    assert (table["points"] == "data").sum() == len(panel.data) and (table["points"] == "sample").sum() == sc.N_SAMPLES
    implicit = next(s for s in view.families if s.name == IMPLICIT)
    assert sc.table(sc.panel(IMPLICIT, PRESET, SEED), implicit, view.probe)["points"][0] == "probe x* (no log q)"


def test_x_star_on_the_upper_moon_is_more_likely_under_every_likelihood_based_family():
    between = {s.name: s.log_q for s in sc.scores(PRESET, SEED, 0.0, 0.25).families}
    on_moon = {s.name: s.log_q for s in sc.scores(PRESET, SEED, -0.75, 1.0).families}
    for name in LIKELIHOOD_BASED:
        assert on_moon[name] > between[name], name


def test_the_average_is_over_the_data():
    fit = sc.fitted("Normalizing flow", PRESET, SEED)
    average = next(s.average for s in sc.scores(PRESET, SEED, 1.0, 1.0).families if s.name == "Normalizing flow")
    assert average == pytest.approx(float(np.mean(fit.model.score_samples(fit.data.X))))


@pytest.mark.parametrize("name", sc.FAMILIES)
def test_every_family_samples_near_the_data(name):
    panel = sc.panel(name, PRESET, SEED)
    assert panel.data.shape == (sc.N_POINTS // 2, 2) and panel.samples.shape == (sc.N_SAMPLES, 2)
    x0, x1, y0, y1 = panel.extent
    inside = (panel.samples[:, 0] > x0) & (panel.samples[:, 0] < x1)
    inside &= (panel.samples[:, 1] > y0) & (panel.samples[:, 1] < y1)
    assert inside.mean() > 0.8, name
    np.testing.assert_array_equal(panel.data, sc.data(PRESET, SEED).X[::2])


def test_an_unknown_family_is_refused():
    with pytest.raises(ValueError, match="Unknown family"):
        sc.panel("Boltzmann", PRESET, SEED)


# ----------------------------------------------------------------------------- models trained in advance


def test_the_page_only_offers_the_shipped_draws():
    from core import fitted

    assert sc.DRAWS == tuple(range(fitted.DRAWS))
    with pytest.raises(ValueError, match="no model trained in advance"):
        sc.fitted("VAE", PRESET, fitted.DRAWS)


def test_the_scenes_never_train(monkeypatch):
    """Every family of every preset comes from the shipped files: with fitting forbidden, the scenes still work."""
    from core.autoregressive import Autoregressive2D
    from core.diffusion import DiffusionModel
    from core.ebm import BumpEnergyModel
    from core.flow import CouplingFlow
    from core.implicit import ImplicitGenerator
    from core.vae import SmallVAE

    def refuse(self, X):
        raise AssertionError(f"{type(self).__name__} was trained on the interaction path")

    for cls in (Autoregressive2D, DiffusionModel, BumpEnergyModel, CouplingFlow, ImplicitGenerator, SmallVAE):
        monkeypatch.setattr(cls, "fit", refuse)
    for memo in (sc._shipped, sc.fitted, sc.average_log_q):
        memo.cache_clear()
    for preset in sc.PRESETS:
        view = sc.scores(preset, 1, 0.0, 0.0)
        assert len(view.scored) == len(LIKELIHOOD_BASED)
    assert sc.panel("Energy-based", "spiral", 4).samples.shape == (sc.N_SAMPLES, 2)


def test_the_shipped_models_are_the_ones_train_makes():
    """The page's models are those of ``train`` (the script's recipe): here the cheap autoregressive one, refitted."""
    from core import fitted

    fresh = sc.train(PRESET, 2, only=("autoregressive",))
    shipped = sc.fitted("Autoregressive", PRESET, 2).model
    assert fitted.differences(fresh, {"autoregressive": shipped}) == []
    np.testing.assert_allclose(
        fresh["autoregressive"].score_samples(PROBE_POINTS), shipped.score_samples(PROBE_POINTS), rtol=1e-5
    )


PROBE_POINTS = np.array([[0.0, 0.25], [-0.75, 1.0], [1.0, -0.5]])
