"""The maths of the page "approaches", on its scenes: three model families trained on the same points.

The fits are memoised in-process (``scenes.shared``), so each model trains once for the whole test session
(and the page tests reuse the fits when they run in the same process).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from core import datasets
from core.diffusion import alpha_bar, evenly_noised_steps, linear_schedule, noise_level
from core.implicit import ImplicitGenerator
from lecture import approaches as text
from scenes import approaches as scenes

SEED = 0


def two_blobs_csv() -> bytes:
    """Two well-separated blobs of 60 points each, far from standardised (what the page tests upload too)."""
    r = np.random.default_rng(0)
    X = np.r_[r.normal([0, 0], 0.3, (60, 2)), r.normal([3, 3], 0.3, (60, 2))] * 100
    return ("a,b\n" + "\n".join(f"{x:.3f},{y:.3f}" for x, y in X)).encode()


def cheap_recipes(src):
    """Small versions of the page's models (the same classes, far fewer steps): uploads in these tests train fast."""
    from core.diffusion import DiffusionModel
    from core.flow import CouplingFlow
    from core.implicit import ImplicitGenerator
    from core.vae import SmallVAE

    return {
        "vae": lambda X: SmallVAE(n_steps=40, seed=src.seed).fit(X),
        "implicit": lambda X: ImplicitGenerator(n_steps=40, seed=src.seed).fit(X),
        "diffusion": lambda X: DiffusionModel(n_epochs=2, copies=1, seed=src.seed).fit(X),
        "flow": lambda X: CouplingFlow(max_iter=20, seed=src.seed).fit(X),
    }


def upload(raw: bytes, seed: int = SEED) -> tuple[tuple, dict]:
    """The scene arguments of an uploaded file, as the page builds them."""
    return (scenes.CSV, seed, hashlib.sha256(raw).hexdigest()), {"_raw": raw}


MOONS = ("moons", SEED, "")


@pytest.fixture(scope="module")
def moons():
    return {
        "mixture": scenes.prescribed(*MOONS, scenes.MIXTURE, 8),
        "vae": scenes.prescribed(*MOONS, scenes.VAE, 0),
        "implicit": scenes.implicit(*MOONS),
        "diffusion": scenes.diffusion(*MOONS),
        "reference": scenes.reference(*MOONS),
    }


def test_every_trained_model_beats_a_single_gaussian_on_held_out_points(moons):
    baseline = moons["reference"].gauss_distance
    for name in ("mixture", "implicit"):
        assert moons[name].distance < baseline, name
    assert moons["diffusion"].distance[0] < baseline
    # real data against real data is the floor: no model is far below it
    assert moons["mixture"].distance > 0.5 * moons["reference"].floor
    assert moons["mixture"].loglik > moons["reference"].gauss_loglik


def test_training_is_seeded_and_gives_todays_numbers(moons):
    """The numbers the page showed before it moved to scenes (moons, seed 0): EM exactly, the networks closely."""
    assert moons["mixture"].distance == pytest.approx(0.046988836916062905, rel=1e-6)
    assert moons["mixture"].loglik == pytest.approx(-2.7223908402117702, rel=1e-6)
    assert moons["reference"].floor == pytest.approx(0.029150325180490322, rel=1e-9)
    assert moons["reference"].gauss_distance == pytest.approx(0.1559905252314433, rel=1e-6)
    assert moons["vae"].distance == pytest.approx(0.08093947848302256, rel=1e-4)
    assert moons["vae"].loglik == pytest.approx(-3.2028115342077723, rel=1e-4)
    assert moons["implicit"].distance == pytest.approx(0.08538348558897463, rel=1e-4)
    assert moons["diffusion"].distance[0] == pytest.approx(0.06866629030617308, rel=1e-4)


def test_the_prescribed_densities_integrate_to_about_one(moons):
    for name in ("mixture", "vae"):
        view = moons[name]
        assert view.density.shape == (scenes.GRID, scenes.GRID)
        assert view.mass == pytest.approx(1.0, abs=0.05), name
        assert view.samples.shape == (scenes.N_SAMPLES, 2)


def test_the_mixture_shows_its_discrete_latent(moons):
    view = moons["mixture"]
    assert view.family == scenes.MIXTURE and view.k == 8
    assert view.weights.sum() == pytest.approx(1.0) and view.assigned.sum() == pytest.approx(1.0)
    assert len(view.weights) == len(view.assigned) == 8
    assert view.codes is None and view.prior_draws is None


def test_one_component_is_the_baseline_and_fits_worse_than_eight(moons):
    one = scenes.prescribed(*MOONS, scenes.MIXTURE, 1)
    assert one.weights.tolist() == [pytest.approx(1.0)]
    assert one.loglik == pytest.approx(moons["reference"].gauss_loglik)
    assert one.loglik < moons["mixture"].loglik


def test_the_vae_shows_its_continuous_latent(moons):
    view = moons["vae"]
    assert view.family == scenes.VAE and view.k == 0
    assert view.codes.shape == (scenes.N_HELD, 2)
    assert view.prior_draws.shape == (scenes.PRIOR_DRAWS, 2)
    assert view.weights is None
    # the ELBO pulls the codes over the prior N(0, I): their spread is of the order of 1
    assert 0.3 < view.codes.std() < 2.0


def test_the_implicit_generator_levels_off_near_its_floor(moons):
    view = moons["implicit"]
    assert view.curve.shape == (ImplicitGenerator().n_steps,)
    assert view.curve[-200:].mean() < view.curve[:50].mean()
    assert view.curve[-200:].mean() < 2 * view.floor


def test_diffusion_removes_the_noise_step_by_step(moons):
    view = moons["diffusion"]
    T = scenes.STEPS
    assert view.steps == T
    assert view.path.shape == view.forward.shape == (T + 1, scenes.N_SAMPLES, 2)
    assert view.distance.shape == (T + 1,) and len(view.table) == T + 1
    final, halfway, noise = view.distance[0], view.distance[T // 2], view.distance[T]
    assert noise > 2 * final and halfway > final
    # t = 0 of the forward process is the held-out data itself; at t = T both clouds are noise
    np.testing.assert_allclose(view.forward[0], moons["implicit"].held_out)
    assert abs(view.forward[T].std(axis=0) - view.path[T].std(axis=0)).max() < 0.5 * view.path[T].std()
    # the window holds the starting noise: NOISE_REACH standard deviations of the data around their centre
    x0, x1, y0, y1 = view.extent
    assert x1 - x0 > view.forward[T][:, 0].std() * 2 * scenes.NOISE_REACH * 0.9
    outside = (view.path[T] < [x0, y0]).any(axis=1) | (view.path[T] > [x1, y1]).any(axis=1)
    assert outside.mean() < 0.05  # the few beyond are drawn on the edge
    np.testing.assert_allclose(view.signal, np.sqrt(alpha_bar(linear_schedule(T))))
    assert view.half == scenes.halfway_step(view.distance) and 0 < view.half < T


def test_preset_draws_are_independent_and_seeded():
    data = scenes.load(scenes.Source("moons", SEED))
    assert data.train.shape == data.held_out.shape == (scenes.N_TRAIN, 2)
    assert not np.allclose(data.reference, data.held_out)
    assert not data.from_csv and data.note == ""
    other = scenes.load(scenes.Source("moons", SEED + 1))
    assert not np.allclose(other.train, data.train)


def test_diffusion_training_sees_about_the_same_number_of_rows_whatever_the_data_size():
    assert scenes.diffusion_budget(500) == (2, 600)
    copies, epochs = scenes.diffusion_budget(84)
    assert copies == 12 and copies * epochs * 84 == pytest.approx(scenes.DIFFUSION_ROWS, rel=0.01)
    assert scenes.diffusion_budget(20_000)[1] == scenes.DIFFUSION_MIN_EPOCHS


def test_an_upload_is_standardised_and_split_70_30():
    args, kw = upload(two_blobs_csv())
    ref = scenes.reference(*args, **kw)
    assert ref.from_csv and ref.n_held == 36
    assert ref.note.startswith("Your data were standardised")
    data = scenes.load(scenes.Source(*args, kw["_raw"]))
    X = np.vstack([data.train, data.held_out])
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1)
    assert len(data.train) == 84 and np.array_equal(data.reference, data.train)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"x1,x2\n" + b"1,2\n" * 5 + b"3,oops\n" * 10, "not a number"),
        (b"x1,x2\n" + b"".join(f"{i},{i % 7}\n".encode() for i in range(20)), "at least 40"),
        (b"x1,x2\n" + b"".join(f"{i},5\n".encode() for i in range(60)), "same value in every row"),
    ],
)
def test_an_unusable_upload_says_why(content, message):
    args, kw = upload(content)
    with pytest.raises(ValueError, match=message):
        scenes.reference(*args, **kw)


def test_too_few_rows_names_the_numbers():
    args, kw = upload(b"x1,x2\n" + b"".join(f"{i},{i % 7}\n".encode() for i in range(20)))
    with pytest.raises(ValueError) as err:
        scenes.reference(*args, **kw)
    assert str(err.value) == text.TOO_FEW_ROWS.format(n=20, min_rows=40, held_pct=30)


def test_an_unknown_family_is_refused():
    with pytest.raises(ValueError, match="family"):
        scenes.prescribed(*MOONS, "flow", 0)


def test_the_lecture_text_quotes_the_models_settings():
    """Every template the page fills from ``QUOTED`` formats, and the derivation's S is the VAE's draw count."""
    for template in (text.DATA_HELP, text.UPLOAD_HELP, text.LOGLIK_HELP, text.IMPLICIT_CAPTION):
        assert "{" not in template.format(**scenes.QUOTED)
    assert f"$S = {scenes.IMPORTANCE_DRAWS}$" in text.TEXT.deeper[0].body
    assert set(text.DATA_SETS.values()) == set(datasets.DENSITY_PRESETS)


# ----------------------------------------------------------------------------- the shared window


def test_all_panels_share_one_square_window_that_holds_data_and_noise(moons):
    extents = {moons[name].extent for name in ("mixture", "vae", "implicit", "diffusion")}
    assert len(extents) == 1
    x0, x1, y0, y1 = extents.pop()
    assert x1 - x0 == pytest.approx(y1 - y0)
    data = scenes.load(scenes.Source("moons", SEED))
    for X in (data.train, data.held_out):
        assert (X.min(axis=0) > [x0, y0]).all() and (X.max(axis=0) < [x1, y1]).all()
    centre, sd = data.train.mean(axis=0), data.train.std(axis=0)
    assert ((centre - scenes.NOISE_REACH * sd) >= [x0, y0]).all()
    assert ((centre + scenes.NOISE_REACH * sd) <= [x1, y1]).all()


# ----------------------------------------------------------------------------- the step slider's stops


@pytest.mark.parametrize("beta, n_stops", [(0.02, 7), (0.01, 9), (0.1, 5)])
def test_evenly_noised_steps_match_the_closed_form_of_a_constant_schedule(beta, n_stops):
    """With a constant beta, abar_t = (1 - beta)^t, so the noise level sqrt(1 - abar_t) reaches s at
    t* = log(1 - s^2) / log(1 - beta): each stop is the step next to t* of its evenly spaced level."""
    T = 100
    betas = linear_schedule(T, beta, beta)
    np.testing.assert_allclose(noise_level(betas), np.sqrt(1 - (1 - beta) ** np.arange(T + 1)))
    stops = evenly_noised_steps(betas, n_stops)
    targets = np.linspace(np.sqrt(1 - (1 - beta) ** T), 0.0, n_stops)
    exact = np.log(1 - targets**2) / np.log(1 - beta)
    assert stops[0] == T and stops[-1] == 0 and len(stops) == n_stops
    for stop, t in zip(stops[1:-1], exact[1:-1], strict=True):
        assert abs(stop - t) <= 1.0, (stop, t)


def test_the_page_stops_change_the_noise_level_by_about_equal_amounts():
    levels = noise_level(linear_schedule(scenes.STEPS))[list(scenes.STOPS)]
    drops = -np.diff(levels)
    assert scenes.STOPS[0] == scenes.STEPS and scenes.STOPS[-1] == 0
    assert (np.diff(scenes.STOPS) < 0).all() and len(scenes.STOPS) == scenes.N_STOPS
    assert drops.max() < 1.5 * drops.mean() and drops.min() > 0.5 * drops.mean()
    # stepping one step at a time would not: the first half of sampling barely moves the noise level
    one_by_one = noise_level(linear_schedule(scenes.STEPS))
    assert one_by_one[scenes.STEPS] - one_by_one[scenes.STEPS // 2] < 0.2


def test_evenly_noised_steps_needs_two_stops():
    with pytest.raises(ValueError, match="at least 2"):
        evenly_noised_steps(linear_schedule(10), 1)


# ----------------------------------------------------------------------------- what to notice


def test_the_notice_follows_the_slider(moons):
    args = (moons["mixture"], moons["implicit"], moons["diffusion"], moons["reference"])
    done = scenes.notice_values(*args, 0)
    assert done["step_sentence"].startswith("The step slider is at t = 0")
    assert f"D = {moons['diffusion'].distance[0]:.3f}" in done["step_sentence"]
    assert done["n_train"] == scenes.N_TRAIN and done["prescribed"] == "Gaussian mixture with K = 8"
    best = min(moons["mixture"].distance, moons["implicit"].distance, moons["diffusion"].distance[0])
    assert done["best_d"] == best
    assert scenes.notice_values(*args, scenes.STEPS)["step_sentence"].startswith(f"At t = {scenes.STEPS} both")
    t = scenes.STOPS[5]
    midway = scenes.notice_values(*args, t)["step_sentence"]
    level = np.sqrt(1 - alpha_bar(linear_schedule(scenes.STEPS))[t])
    assert midway.startswith(f"At step t = {t}") and f"= {level:.2f}" in midway
    for sentence in text.TEXT.notice:
        assert "{" not in sentence.format(**done)


def test_the_step_help_quotes_the_schedule():
    said = text.STEP_HELP.format(**scenes.QUOTED)
    level = noise_level(linear_schedule(scenes.STEPS))
    assert f"t = {scenes.STEPS} → {scenes.STOPS[1]}" in said
    assert f"from {level[-1]:.2f} to {level[scenes.STOPS[1]]:.2f}" in said


# ----------------------------------------------------------------------------- models trained in advance


def test_the_page_only_offers_the_shipped_draws():
    from core import fitted

    assert scenes.DRAWS == tuple(range(fitted.DRAWS))
    with pytest.raises(ValueError, match="no model trained in advance"):
        scenes.implicit("moons", fitted.DRAWS)


def test_the_scenes_of_a_preset_never_train(monkeypatch):
    """Every model of every preset, every K of the mixture included, comes from the shipped files."""
    from core.diffusion import DiffusionModel
    from core.flow import CouplingFlow
    from core.mixture import MixtureModel
    from core.vae import SmallVAE

    def refuse(self, X):
        raise AssertionError(f"{type(self).__name__} was trained on the interaction path")

    for cls in (DiffusionModel, CouplingFlow, MixtureModel, SmallVAE, ImplicitGenerator):
        monkeypatch.setattr(cls, "fit", refuse)
    scenes._shipped.cache_clear()
    scenes.fit_mixture.cache_clear()
    args = ("rings", 3, "")
    for k in scenes.K_VALUES:
        assert scenes.fit_mixture(scenes.Source("rings", 3), k).n_components == k
    assert scenes.prescribed(*args, scenes.VAE, 0).samples.shape == (scenes.N_SAMPLES, 2)
    assert np.isfinite(scenes.reference(*args).gauss_loglik)
    assert scenes.implicit(*args).samples.shape == (scenes.N_SAMPLES, 2)
    assert scenes.flow_layers(*args).path.shape == (scenes.LAYERS + 1, scenes.N_SAMPLES, 2)


# ----------------------------------------------------------------------------- the flow, layer by layer


@pytest.fixture(scope="module")
def flow():
    return scenes.flow_layers(*MOONS)


def test_the_flow_starts_from_gaussian_noise_the_same_draw_as_the_diffusion_model(flow, moons):
    model = scenes.fit_flow(scenes.Source("moons", SEED))
    z = np.random.default_rng(SEED + 1).standard_normal((scenes.N_SAMPLES, 2))
    np.testing.assert_allclose(flow.path[0], z * model.scale_ + model.shift_, rtol=1e-12)
    standard = (flow.path[0] - model.shift_) / model.scale_
    assert np.abs(standard.mean(axis=0)).max() < 0.15 and np.abs(np.cov(standard.T) - np.eye(2)).max() < 0.15
    # the diffusion model standardises the same training points: both start from the same noise
    np.testing.assert_array_equal(flow.path[0], moons["diffusion"].path[scenes.STEPS])


def test_the_flows_last_layer_is_its_samples(flow):
    model = scenes.fit_flow(scenes.Source("moons", SEED))
    np.testing.assert_array_equal(flow.path[-1], model.sample(scenes.N_SAMPLES, seed=SEED + 1))
    assert flow.layers == scenes.LAYERS == model.n_layers
    assert flow.path.shape == (flow.layers + 1, scenes.N_SAMPLES, 2)


def test_each_layer_moves_one_coordinate_given_the_other(flow):
    for j in range(1, flow.layers + 1):
        changed = np.abs(flow.path[j] - flow.path[j - 1]).max(axis=0) > 0
        assert changed.tolist() == [flow.moved[j] == 0, flow.moved[j] == 1], j
    assert flow.moved[0] == -1 and set(flow.moved[1:]) == {0, 1}
    assert list(flow.table["moved"])[1:3] == [text.COORDINATES[flow.moved[1]], text.COORDINATES[flow.moved[2]]]


def test_the_flows_distance_to_data_falls_overall(flow, moons):
    d = flow.distance
    assert d.shape == (flow.layers + 1,) and np.isfinite(d).all()
    floor = moons["reference"].floor
    assert d[-1] < 0.6 * d[0]  # the samples are far nearer the data than the noise they started as
    assert d[-1] == d.min()  # ... and nearer than any cloud on the way
    assert d[-1] < moons["reference"].gauss_distance  # the finished flow beats a single Gaussian
    assert d[-1] > 0.5 * floor
    assert d[-1] == pytest.approx(scenes.energy_distance(flow.path[-1], flow.held_out))
    np.testing.assert_array_equal(flow.table["energy_distance"], d)


def test_the_flows_held_out_likelihood_is_exact(flow):
    from core.sample_quality import log_likelihood_bits

    model = scenes.fit_flow(scenes.Source("moons", SEED))
    assert flow.loglik == pytest.approx(log_likelihood_bits(model.score_samples(flow.held_out)))


def test_the_flow_caption_quotes_the_picture(flow, moons):
    values = scenes.flow_values(flow, moons["diffusion"], moons["reference"], 3)
    d = flow.distance
    inner = int(np.argmax(d[1:-1])) + 1  # on moons the cloud first moves away from the data, then onto it
    assert d[inner] > d[0]
    assert values["path_sentence"] == text.FLOW_PATH_SENTENCE["detour"].format(d_peak=d[inner], peak=inner)
    straight = scenes.FlowLayers(**{**vars(flow), "distance": np.linspace(d[0], d[-1], len(d))})
    assert scenes.flow_values(straight, moons["diffusion"], moons["reference"], 3)["path_sentence"].startswith(
        "In between it never rises"
    )
    assert values["d_noise"] == flow.distance[0] and values["d_final"] == flow.distance[-1]
    assert values["d_diffusion"] == moons["diffusion"].distance[0]
    assert values["step_sentence"].startswith("On screen: after layer 3, which moved")
    assert f"(D = {flow.distance[3]:.3f})" in values["step_sentence"]
    assert scenes.flow_values(flow, moons["diffusion"], moons["reference"], 0)["step_sentence"].startswith(
        "On screen: the starting noise"
    )
    assert "{" not in text.FLOW_CAPTION.format(**values)


# ----------------------------------------------------------------------------- uploads: one training at a time


def _source(i: int) -> scenes.Source:
    return scenes.Source(scenes.CSV, 0, f"digest-{i}")


def test_the_trainer_trains_one_upload_at_a_time_and_never_twice():
    """Threads ask for uploads at once: at most one fit runs at any moment, each upload is fitted once, and the
    ones already kept come back while another is still training."""
    import threading

    trainer = scenes.Trainer(keep=8)
    state = {"running": 0, "most": 0, "calls": []}
    lock, go = threading.Lock(), threading.Event()

    def fit(src):
        with lock:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
            state["calls"].append(src.digest)
        go.wait()
        with lock:
            state["running"] -= 1
        return {"model": src.digest}

    first = threading.Thread(target=trainer.models, args=(_source(0), fit))
    first.start()
    while not state["calls"]:  # the first training has started (and holds the lock)
        go.wait(0.01)
    assert trainer.busy()
    others = [threading.Thread(target=trainer.models, args=(_source(i % 2), fit)) for i in range(1, 5)]
    for thread in others:
        thread.start()
    while trainer.waiting < len(others):  # all four wait for the first
        go.wait(0.01)
    go.set()
    for thread in [first, *others]:
        thread.join()
    assert state["most"] == 1
    assert sorted(state["calls"]) == ["digest-0", "digest-1"]  # each upload fitted once, whoever asked first
    assert trainer.ready(_source(0)) and trainer.ready(_source(1)) and not trainer.busy()
    assert trainer.models(_source(1), fit) == {"model": "digest-1"}


def test_kept_models_come_back_while_another_upload_trains():
    import threading

    trainer, go = scenes.Trainer(keep=8), threading.Event()
    trainer.models(_source(0), lambda src: {"model": 0})
    slow = threading.Thread(target=trainer.models, args=(_source(1), lambda src: go.wait() and {"model": 1}))
    slow.start()
    while not trainer.busy():
        go.wait(0.01)
    assert trainer.models(_source(0), lambda src: {"model": "retrained"}) == {"model": 0}  # no waiting, no fit
    assert trainer.busy()  # the other one is still training
    go.set()
    slow.join()


def test_the_trainer_keeps_only_the_last_few_uploads():
    trainer = scenes.Trainer(keep=2)
    for i in range(3):
        trainer.models(_source(i), lambda src: {"model": src.digest})
    assert [trainer.ready(_source(i)) for i in range(3)] == [False, True, True]
    trainer.models(_source(1), lambda src: {})  # used again: now the most recent
    trainer.models(_source(3), lambda src: {"model": "3"})
    assert [trainer.ready(_source(i)) for i in range(4)] == [False, True, False, True]


def test_a_failed_training_frees_the_trainer():
    trainer = scenes.Trainer(keep=2)

    def broken(src):
        raise ValueError("not enough rows")

    with pytest.raises(ValueError, match="not enough rows"):
        trainer.models(_source(0), broken)
    assert not trainer.busy() and not trainer.ready(_source(0)) and trainer.waiting == 0


def test_an_upload_trains_the_four_models_its_mixtures_on_demand_and_every_family_shows():
    args, kw = upload(two_blobs_csv(), seed=1)
    assert not scenes.upload_ready(*args)
    assert scenes.upload_points(*args, **kw) == 84
    scenes.train_upload(*args, **kw)
    assert scenes.upload_ready(*args)
    src = scenes.Source(*args, kw["_raw"])
    assert set(scenes.models(src)) == set(scenes.UPLOAD_MODELS)
    assert scenes.UPLOADS.seconds is not None and scenes.upload_estimate() == scenes.UPLOADS.seconds
    assert scenes.fit_mixture(src, 2).n_components == 2
    # and every family's panel is drawn from them (the trained upload is kept: nothing trains again)
    mixture = scenes.prescribed(*args, scenes.MIXTURE, 2, **kw)
    assert sorted(mixture.weights.round(1).tolist()) == [0.5, 0.5]
    assert scenes.implicit(*args, **kw).samples.shape == (scenes.N_SAMPLES, 2)
    assert np.isfinite(scenes.diffusion(*args, **kw).distance).all()


def test_an_unusable_upload_trains_nothing():
    args, kw = upload(b"x1,x2\n" + b"".join(f"{i},5\n".encode() for i in range(60)))
    with pytest.raises(ValueError, match="same value in every row"):
        scenes.train_upload(*args, **kw)
    assert not scenes.upload_ready(*args)
