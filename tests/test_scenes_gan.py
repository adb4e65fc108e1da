"""Scenes of the GAN panel (scenes.gan): each snapshot's points, D, arrows and numbers against independent
computations from the shipped runs, and the claims the panel's sentences make about the two runs."""

from __future__ import annotations

import dataclasses
import string

import numpy as np
import pytest

from core import gan as core_gan
from core.sample_quality import energy_distance
from lecture import gan as text
from scenes import gan as scenes

PRESETS = scenes.PRESETS


@pytest.fixture(scope="module")
def shipped():
    return {preset: core_gan.load_shipped(preset) for preset in PRESETS}


def test_every_run_offers_its_shipped_snapshots(shipped):
    for preset in PRESETS:
        steps = scenes.steps(preset)
        assert list(steps) == shipped[preset][1]["snapshot_steps"]
        assert steps[0] == 0 and steps[-1] == core_gan.PRESETS[preset]["n_steps"]
        assert list(steps) == sorted(set(steps))
    zoom = core_gan.PRESETS["collapses"]["snapshot_zoom"]
    assert set(range(zoom[0], zoom[1] + 1, zoom[2])) <= set(scenes.steps("collapses"))


@pytest.mark.parametrize(
    "preset, step", [("converges", 0), ("converges", 1500), ("collapses", 1405), ("collapses", 3000)]
)
def test_a_snapshot_shows_that_snapshots_networks(shipped, preset, step):
    view = scenes.snapshot(preset, step)
    gan, record = shipped[preset]
    index = record["snapshot_steps"].index(step)
    model = gan.at(index)
    assert view.index == index and view.step == step and view.n_steps == record["snapshot_steps"][-1]
    # the generated points: the snapshot's generator on the scoring noise (their first N_SHOWN)
    scored = model.sample(core_gan.N_EVAL, seed=core_gan.EVAL_SEED)
    np.testing.assert_allclose(view.samples, scored[: scenes.N_SHOWN])
    # the numbers: recomputed here from the snapshot, independently of the record the scene reads
    train, held, fresh = core_gan.preset_data()
    assert view.distance == pytest.approx(energy_distance(scored, held), abs=1e-9)
    assert view.floor == pytest.approx(energy_distance(fresh, held), abs=1e-12)
    centres = np.array(core_gan.MIXTURE_CENTRES)
    np.testing.assert_allclose(view.shares, core_gan.mode_shares(scored, centres, core_gan.MODE_RADIUS), atol=1e-6)
    assert view.covered == np.mean(view.shares >= core_gan.MIN_SHARE)
    assert view.d_on_data == pytest.approx(model.discriminate(held).mean())
    assert view.d_on_samples == pytest.approx(model.discriminate(scored).mean())
    np.testing.assert_array_equal(view.data, train[: scenes.N_SHOWN])
    # D on the grid: row 0 is the lowest x2, column 0 the lowest x1
    x0, x1, y0, y1 = view.extent
    for row, col in [(0, 0), (0, scenes.GRID - 1), (scenes.GRID - 1, 0), (37, 52)]:
        x = np.array([[x0 + col * (x1 - x0) / (scenes.GRID - 1), y0 + row * (y1 - y0) / (scenes.GRID - 1)]])
        assert view.p_real[row, col] == pytest.approx(model.discriminate(x)[0])


@pytest.mark.parametrize("preset, step", [("converges", 500), ("collapses", 1440)])
def test_arrows_start_at_samples_and_point_along_the_generators_gradient(shipped, preset, step):
    view = scenes.snapshot(preset, step)
    model = shipped[preset][0].at(view.index)
    z = np.random.default_rng(core_gan.EVAL_SEED).standard_normal((core_gan.N_EVAL, 2))[: scenes.N_ARROWS]
    feet, push = model.generator_gradient(z)
    np.testing.assert_allclose(view.arrows[:, :2], feet)
    np.testing.assert_allclose(view.arrows[:, :2], view.samples[: scenes.N_ARROWS])
    drawn = view.arrows[:, 2:] - view.arrows[:, :2]
    cosine = (drawn * push).sum(1) / (np.linalg.norm(drawn, axis=1) * np.linalg.norm(push, axis=1))
    np.testing.assert_allclose(cosine, 1.0, atol=1e-9)
    width = view.extent[1] - view.extent[0]
    assert np.linalg.norm(drawn, axis=1).max() <= scenes.ARROW_CAP * scenes.ARROW_LENGTH * width * (1 + 1e-9)


def test_the_loss_curves_stop_at_the_step_and_average_each_stretch(shipped):
    gan, _ = shipped["converges"]
    view = scenes.snapshot("converges", 1000)
    assert len(view.curve_steps) and view.curve_steps.max() <= 1000
    stretch = scenes.QUOTED["stretch"]
    for k in (0, 7, len(view.curve_steps) - 1):
        end = int(view.curve_steps[k])
        assert view.d_loss[k] == pytest.approx(gan.d_loss_[end - stretch : end].mean())
        assert view.g_loss[k] == pytest.approx(gan.g_loss_[end - stretch : end].mean())
    assert len(scenes.snapshot("converges", 0).curve_steps) == 0  # nothing trained yet
    np.testing.assert_array_equal(view.snapshot_steps, [s for s in scenes.steps("converges") if s <= 1000])


def test_both_runs_share_their_axes():
    a, b = scenes.snapshot("converges", 3000), scenes.snapshot("collapses", 3000)
    assert a.extent == b.extent
    assert (a.loss_top, a.distance_top) == (b.loss_top, b.distance_top)
    for preset in PRESETS:
        r = scenes.run(preset)
        assert max(r.d_curve.max(), r.g_curve.max()) <= a.loss_top
        assert max(r.record["distance"]) <= a.distance_top


def test_snapshots_are_frozen_and_unknown_steps_get_a_message():
    view = scenes.snapshot("converges", 50)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.step = 100
    with pytest.raises(ValueError, match="not one of them"):
        scenes.snapshot("converges", 1405)  # a snapshot only the collapsing run keeps
    with pytest.raises(ValueError, match="Unknown GAN preset"):
        scenes.snapshot("rings", 0)


def test_stepping_and_snapping_between_snapshots():
    steps = scenes.steps("collapses")
    assert scenes.next_step(steps, 1350) == 1400 and scenes.next_step(steps, 1400) == 1405
    assert scenes.next_step(steps, steps[-1]) == steps[-1]
    assert scenes.nearest_step(scenes.steps("converges"), 1415) == 1400
    assert scenes.nearest_step(scenes.steps("converges"), 1425) == 1400  # a tie goes to the earlier
    assert scenes.nearest_step(steps, 1415) == 1415


# ----------------------------------------------------------------------------- what the sentences claim


def test_every_sentence_fills_from_the_notice_values():
    for preset in PRESETS:
        for step in scenes.steps(preset)[::7]:
            values = scenes.notice_values(scenes.snapshot(preset, step))
            for template in (text.NOTICE_STATE[values["state"]], text.NOTICE_RUN[preset], text.NOTICE_LOSSES):
                filled = template.format(**values)
                assert "nan" not in filled.lower() and "{" not in filled
    fields = {f for t in text.NOTICE_STATE.values() for _, f, _, _ in string.Formatter().parse(t) if f}
    assert fields <= set(scenes.notice_values(scenes.snapshot("converges", 0)))


def test_the_state_sentence_matches_the_blobs_covered():
    for preset, step, state in [("converges", 3000, "all"), ("collapses", 3000, "one"), ("converges", 0, "some")]:
        values = scenes.notice_values(scenes.snapshot(preset, step))
        assert values["state"] == state, (preset, step, values["covered"])


def test_the_losses_settle_in_both_runs(shipped):
    """ "After step s both runs' losses stay within 0.15 bits of 2 and 1": checked on the raw per-step losses."""
    settled = max(scenes.losses_settled(preset) for preset in PRESETS)
    assert settled <= core_gan.PRESETS["converges"]["n_steps"] / 2
    stretch = scenes.QUOTED["stretch"]
    for preset in PRESETS:
        gan, _ = shipped[preset]
        d = gan.d_loss_[settled:].reshape(-1, stretch).mean(1)
        g = gan.g_loss_[settled:].reshape(-1, stretch).mean(1)
        assert np.abs(d - 2.0).max() < scenes.LOSS_TOLERANCE and np.abs(g - 1.0).max() < scenes.LOSS_TOLERANCE


def test_where_play_starts_and_when_the_converging_run_covers_every_blob(shipped):
    assert scenes.run_milestones("converges")[0] == 0
    settled = scenes.run_milestones("converges")[1]
    covered = dict(zip(shipped["converges"][1]["snapshot_steps"], shipped["converges"][1]["covered"], strict=True))
    assert all(c == 1.0 for s, c in covered.items() if s >= settled)
    assert covered[max(s for s in covered if s < settled)] < 1.0
    start, none = scenes.run_milestones("collapses")
    assert none is None and start == core_gan.PRESETS["collapses"]["snapshot_zoom"][0]


def test_in_the_chase_d_rejects_the_crowded_blob_and_the_crowd_moves_to_the_blob_d_calls_most_real(shipped):
    """The collapsing run's sentence: before each hop in the closely kept stretch, D rates the blob holding the crowd
    lowest of the three and the blob the crowd moves to highest."""
    gan, record = shipped["collapses"]
    start, stop, _ = core_gan.PRESETS["collapses"]["snapshot_zoom"]
    centres = np.array(core_gan.MIXTURE_CENTRES)
    steps, shares = record["snapshot_steps"], np.array(record["shares"])
    crowd = [int(np.argmax(s)) if s.max() > 0.5 else -1 for s in shares]
    hops = 0
    for i in range(len(steps) - 1):
        if start <= steps[i] < stop and -1 not in (crowd[i], crowd[i + 1]) and crowd[i] != crowd[i + 1]:
            d = gan.at(i).discriminate(centres)
            assert np.argmin(d) == crowd[i] and np.argmax(d) == crowd[i + 1], steps[i]
            hops += 1
    assert hops >= 6  # about three rounds of the chase


def test_in_the_converged_run_the_longest_arrows_start_where_d_says_generated(shipped):
    gan, _ = shipped["converges"]
    for step in (2000, 3000):
        view = scenes.snapshot("converges", step)
        length = np.linalg.norm(view.arrows[:, 2:] - view.arrows[:, :2], axis=1)
        d = gan.at(view.index).discriminate(view.arrows[:, :2])
        longest = length >= np.quantile(length, 0.9)
        assert d[longest].mean() < d.mean() - 0.03
