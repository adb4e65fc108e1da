"""AppTest of app_pages/approaches.py: what the page shows (the maths is tested on its scenes)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from lecture import approaches as text
from scenes import approaches as scenes
from tests.conftest import drawn_specs, open_export_menus, run_app, shown_text, table_with
from tests.test_scenes_approaches import cheap_recipes, two_blobs_csv
from ui import charts
from ui.charts import approaches as ac
from ui.charts.base import LIVE_DATA

PAGE = "app_pages/approaches.py"
VAE = "Small VAE (continuous z)"
CSV = "Your CSV file (2 columns)"
T = scenes.STEPS
#: The three top panels (charts 0-2), the charts under them (3-5) and the flow layer by layer (6-7).
TOP, BOTTOM, FLOW = range(3), range(3, 6), range(6, 8)
N_CHARTS = 8
N_GAN_CHARTS = 3  # the GAN section below the three models (tests/test_panel_gan.py)


def open_page(present: bool = False, query: dict | None = None) -> AppTest:
    return run_app(PAGE, present=present, query=query)


def specs(at: AppTest) -> list[dict]:
    return drawn_specs(at)


def model_charts(at) -> list:
    """The charts of the three models and the flow (the GAN section below them has its own data and tests)."""
    return list(at.get("vega_lite_chart"))[:-N_GAN_CHARTS]  # the GAN's are always the page's last charts


def chart_data(at: AppTest, i: int) -> list[pd.DataFrame]:
    """The data tables Streamlit sent with chart i (Arrow-encoded beside the spec)."""
    chart = at.get("vega_lite_chart")[i]
    return [
        dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data)
        for d in chart.proto.datasets
        if d.name != LIVE_DATA  # the row of values the browser reads its titles and axis domains from
    ]


def title_of(spec: dict) -> str:
    """A chart's title as one string (titles of several lines are joined with spaces)."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def shown_title(at: AppTest, i: int) -> str:
    """Chart i's title as the browser draws it (a title read from the chart's data by a Vega expression, as
    ``charts.title_from_data`` and ``charts.live`` send it, is read from the data sent beside the spec)."""
    return title_of(specs(at)[i])


def layers(spec: dict) -> list[dict]:
    """Every unit spec (one mark) inside a chart, layers flattened."""
    if "layer" in spec:
        return [unit for layer in spec["layer"] for unit in layers(layer)]
    return [spec]


def point_layers(spec: dict) -> list[dict]:
    return [
        u for u in layers(spec) if (u.get("mark") or {}).get("type") == "point" and "shape" in u.get("encoding", {})
    ]


def yardstick(at: AppTest) -> pd.DataFrame:
    """The yardstick table (an HTML st.table, so it wraps at 1366 px and grows in presenter mode)."""
    table = at.table[0].value
    return table.data if hasattr(table, "data") else table


def metric(at: AppTest, starts: str):
    return next(m for m in at.metric if m.label.startswith(starts))


def as_float(text: str) -> float:
    return float(str(text).replace("−", "-").split()[0])


def notice(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("- All three panels"))


@pytest.fixture(scope="module")
def default_page() -> AppTest:
    return open_page()


def test_three_panels_their_numbers_and_the_yardstick_table(default_page):
    at = default_page
    assert not at.exception
    assert [s.value for s in at.subheader][:3] == [
        "① Prescribed latent variable",
        "② Implicit",
        "③ Iterative refinement",
    ]
    assert len(model_charts(at)) == N_CHARTS
    shown = shown_text(at)
    assert "cannot answer “how likely is this point?”" in shown
    table = yardstick(at)
    assert list(table["model"]) == [
        "Gaussian mixture, K = 8",
        "Small VAE",
        "Moment-matching generator (GMMN)",
        "Diffusion model",
        "Single Gaussian (baseline)",
        "Real data (a fresh draw)",
    ]
    # the table and the numbers under the panels quote the same scores
    distance = dict(zip(table["model"], table["energy distance D ↓"], strict=True))
    shown_d = [m.value for m in at.metric if m.label == "energy distance D"]
    assert shown_d == [distance["Gaussian mixture, K = 8"], distance["Moment-matching generator (GMMN)"]]
    assert metric(at, "D at step t = 0").value == distance["Diffusion model"]
    assert table["held-out log-likelihood ↑"].iloc[0] == metric(at, "held-out log-likelihood").value
    assert table["held-out log-likelihood ↑"].iloc[2] == "not defined"
    floor = distance["Real data (a fresh draw)"]
    assert f"scored the same way, D = {floor}." in shown
    assert "nan" not in shown.lower().split()
    mass = float(shown.split("Probability mass over the plot above: ")[1].split(" ")[0])
    assert mass == pytest.approx(1.0, abs=0.05)
    assert "What to notice" in shown and at.expander
    assert [r.key for r in at.radio if r.key.startswith("approaches_quiz")] == ["approaches_quiz1", "approaches_quiz2"]


def test_the_implicit_generator_is_named_for_what_it_is(default_page):
    """A generative moment-matching network trained by energy distance: never called a GAN."""
    at = default_page
    assert title_of(specs(at)[1]).startswith("GMMN generator g(z):")
    assert "moment-matching network (GMMN)" in shown_text(at)
    assert "no discriminator, so not a GAN" in shown_text(at)


def test_the_slides_autoencoder_and_flow_are_corrected_beside_the_slides_words(default_page):
    at = default_page
    captions = " ".join(c.value for c in at.caption)
    assert "examples: VAE, Autoencoder" in captions and "examples: Diffusion, Flow" in captions  # the slide, as is
    assert "a plain **autoencoder** has no prior $p(z)$, so it cannot sample" in captions
    assert "a **flow** is likelihood-based too, with an exact" in captions
    quiz = [r for r in at.radio if r.key == "approaches_quiz2"][0]
    assert "Autoencoder" in quiz.label


def test_data_and_samples_look_different_on_every_panel(default_page):
    """Data: hollow grey circles; samples: filled vermillion triangles (one legend entry each)."""
    for i in TOP:
        for unit in point_layers(specs(default_page)[i]):
            enc = unit["encoding"]
            looks = {
                name: (stroke, fill, shape)
                for name, stroke, fill, shape in zip(
                    enc["color"]["scale"]["domain"],
                    enc["color"]["scale"]["range"],
                    enc["fill"]["scale"]["range"],
                    enc["shape"]["scale"]["range"],
                    strict=True,
                )
            }
            for name, look in looks.items():
                if name in (text.SAMPLE_LABEL, text.STEP_LABEL_CLOUD):
                    assert look == (charts.SAMPLE_COLOR, charts.SAMPLE_COLOR, "triangle-up"), (i, name)
                else:
                    assert look == (charts.DATA_GREY, "transparent", "circle"), (i, name)


@pytest.mark.parametrize("present", [False, True])
def test_the_three_model_panels_share_their_axes(present):
    at = open_page(present=present, query={"ap_step": "40"})
    top = [specs(at)[i] for i in TOP]
    domains = set()
    for spec in top:
        for unit in layers(spec):
            enc = unit.get("encoding", {})
            if "scale" in enc.get("x", {}) and "domain" in enc["x"]["scale"]:
                domains.add((tuple(enc["x"]["scale"]["domain"]), tuple(enc["y"]["scale"]["domain"])))
    assert len(domains) == 1  # one window for all three
    ((x0, x1), (y0, y1)) = domains.pop()
    assert x1 - x0 == pytest.approx(y1 - y0)  # square: the plots are about square, so shapes stay true
    assert len({s["height"] for s in top}) == 1
    assert all(s["autosize"]["type"] == "fit-x" for s in top)  # the height is the plot's, whatever the legend


def test_every_chart_describes_itself_and_exports_its_numbers(default_page):
    at = default_page
    assert all(len(s.get("description", "")) > 40 for s in specs(at))
    # one table of plotted numbers per chart, in its "Data and export" menu (made once the menu is open)
    open_export_menus(at)
    assert len(at.dataframe) == N_CHARTS + N_GAN_CHARTS
    diffusion = table_with(at, "edge")
    assert set(diffusion["group"]) == {text.NOISED_LABEL, text.STEP_LABEL_CLOUD}


def test_step_slider_stops_where_the_picture_changes(default_page):
    at = default_page
    slider = at.select_slider(key="ap_step")
    assert [int(o) for o in slider.options] == list(scenes.STOPS)
    assert slider.value == 0  # default: all T denoising steps done
    assert "spaced by noise level" in slider.help
    assert shown_title(at, 2).startswith("Diffusion at t = 0:")
    final = as_float(metric(at, "D at step t = 0").value)
    assert "The step slider is at t = 0" in notice(at)
    slider.set_value(T).run()
    assert not at.exception
    assert shown_title(at, 2) == f"Diffusion at t = {T}: 0 of {T} steps done"
    noise = as_float(metric(at, f"D at step t = {T}").value)
    assert noise > 2 * final
    assert f"At t = {T} both clouds are pure noise" in notice(at)
    # every move of the slider changes the picture: D and the noised data differ from stop to stop
    values, clouds = [], []
    for t in scenes.STOPS[1:-1]:
        at.select_slider(key="ap_step").set_value(t).run()
        assert shown_title(at, 2).startswith(f"Diffusion at t = {t}:")
        values.append(as_float(metric(at, f"D at step t = {t}").value))
        clouds.append(table_with(at, "edge"))
        assert f"At step t = {t} the grey circles" in notice(at)
    assert noise > values[len(values) // 2] > final
    assert all(not a[["x1", "x2"]].equals(b[["x1", "x2"]]) for a, b in zip(clouds, clouds[1:], strict=False))
    half = scenes.STOPS[len(scenes.STOPS) // 2]
    at.select_slider(key="ap_step").set_value(half).run()
    marked = [d for d in chart_data(at, 5) if "t" in d and len(d) == 1]  # the rule and the circle at step t
    assert marked and all(d["t"].tolist() == [half] for d in marked)
    dots = [d for d in chart_data(at, 5) if "t" in d and len(d) == len(scenes.STOPS)]
    assert dots and sorted(dots[0]["t"]) == sorted(scenes.STOPS)
    at.select_slider(key="ap_step").set_value(0).run()


def test_the_step_slider_changes_only_the_data_of_its_two_charts():
    """The step panel and its distance curve follow the slider by their data alone: the spec Streamlit sends is
    the same string at every step, so the browser updates the drawn charts instead of drawing them again (the
    title's row and the points change); every other chart is sent unchanged."""
    for present in (False, True):
        at = open_page(present=present)
        before = [(c.proto.spec, [d.data.data for d in c.proto.datasets]) for c in at.get("vega_lite_chart")]
        at.select_slider(key="ap_step").set_value(40).run()
        after = [(c.proto.spec, [d.data.data for d in c.proto.datasets]) for c in at.get("vega_lite_chart")]
        assert [a[0] for a in after] == [b[0] for b in before], "a spec changed with the step"
        changed = [i for i, (a, b) in enumerate(zip(after, before, strict=True)) if a[1] != b[1]]
        assert changed == [2, 5], changed
        assert shown_title(at, 2).startswith("Diffusion at t = 40")


def test_the_notice_quotes_the_state_on_screen(default_page):
    at = default_page
    said = notice(at)
    table = yardstick(at)
    assert "Only the Gaussian mixture with K = 8 (left) paints a density" in said
    assert f"the triangles score D = {metric(at, 'D at step t = 0').value} against held-out data" in said
    floor = table["energy distance D ↓"].iloc[5]
    assert f"real data against real data {floor}" in said


def test_quizzes_answer_the_option_chosen(default_page):
    at = default_page
    quiz = next(r for r in at.radio if r.key == "approaches_quiz1")
    quiz.set_value("The moment-matching generator (middle)").run()
    assert not at.exception
    assert any("nothing in it evaluates q(x)" in e.value for e in at.error)
    quiz = next(r for r in at.radio if r.key == "approaches_quiz2")
    quiz.set_value("Not as it stands: it has no prior p(z) to draw z from").run()
    assert any("stands for the VAE family" in s.value for s in at.success)


def test_family_control_switches_to_the_vae(default_page):
    at = default_page
    at.radio(key="ap_family").set_value(VAE).run()
    assert not at.exception
    assert title_of(specs(at)[0]).startswith("Small VAE")
    assert title_of(specs(at)[3]).startswith("Latent space")
    assert metric(at, "log-likelihood (estimate)").value.endswith("bits/point")
    assert at.slider(key="ap_k").disabled
    assert "an integral over z, estimated by importance sampling" in shown_text(at)
    assert "Only the small VAE (left) paints a density" in notice(at)
    at.radio(key="ap_family").set_value("Gaussian mixture (discrete z)").run()
    assert not at.slider(key="ap_k").disabled


def test_components_slider_changes_the_mixture(default_page):
    at = default_page
    before = metric(at, "held-out log-likelihood").value
    at.slider(key="ap_k").set_value(1).run()
    assert not at.exception
    table = yardstick(at)
    assert table["model"].iloc[0] == "Gaussian mixture, K = 1"
    assert title_of(specs(at)[0]).startswith("Mixture, K = 1:")
    (bars,) = chart_data(at, 3)
    assert len(bars) == 1 and bars["prior"].iloc[0] == pytest.approx(1.0)
    one_blob = metric(at, "held-out log-likelihood").value
    assert one_blob != before
    assert table["held-out log-likelihood ↑"].iloc[0] == table["held-out log-likelihood ↑"].iloc[4] == one_blob
    at.slider(key="ap_k").set_value(8).run()


def test_data_control_changes_the_data_and_its_models():
    at = open_page()
    before = chart_data(at, 1)[0]
    at.selectbox(key="ap_data").set_value("Three blobs").run()
    assert not at.exception
    after = chart_data(at, 1)[0]
    assert not after[["x1", "x2"]].equals(before[["x1", "x2"]])
    assert yardstick(at).shape[0] == 6


def test_csv_without_a_file_asks_for_one():
    at = open_page()
    at.selectbox(key="ap_data").set_value(CSV).run()
    assert not at.exception
    assert not at.error
    assert any("Upload a CSV file" in i.value for i in at.info)
    assert len(model_charts(at)) == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (b"x1,x2\n" + b"1,2\n" * 5 + b"3,oops\n" * 10, "not a number"),
        (b"x1,x2\n" + b"".join(f"{i},{i % 7}\n".encode() for i in range(20)), "at least 40"),
        (b"x1,x2\n" + b"".join(f"{i},5\n".encode() for i in range(60)), "same value in every row"),
    ],
)
def test_bad_csv_gives_a_clear_error(content, message):
    at = open_page(query={"ap_data": CSV})
    at.file_uploader[0].set_value(("points.csv", content, "text/csv")).run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert len(model_charts(at)) == 0


def test_a_valid_csv_trains_all_three_families(monkeypatch):
    """What the page says of an upload it trained on (the small versions of the models train here; the page's own
    recipes are trained on an upload in ``test_scenes_approaches.py``)."""
    monkeypatch.setattr(scenes, "recipes", cheap_recipes)
    at = open_page(query={"ap_data": CSV})
    own = two_blobs_csv().replace(b"a,b", b"u,v", 1)  # a file of its own: no other test has trained it
    at.file_uploader[0].set_value(("two_blobs.csv", own, "text/csv")).run()
    assert not at.exception
    assert not at.error
    assert len(model_charts(at)) == N_CHARTS
    assert at.status[0].label.startswith("Trained the 4 models on your 84 points in ")
    shown = shown_text(at)
    assert "standardised" in shown
    assert "never match 36 held-out points" in shown
    assert "trained on the same 84 points" in notice(at)
    assert yardstick(at)["model"].iloc[5] == "Real data (training points)"


def test_an_upload_trained_in_the_panels_own_run_says_so_after_the_page_is_drawn_again(monkeypatch):
    """In the browser an upload trains in the main panel's own rerun, and its new data set then reruns the whole page
    (for the flow section below the panel): the "Trained ..." status must survive that second run. Here every run is
    made to look like the panel's own, as in the browser (AppTest runs whole pages). The small versions of the
    models train here: this test is about the message (the page's own training is ``test_a_valid_csv_...``'s)."""
    from ui import frame

    monkeypatch.setattr(frame, "panel_run_alone", lambda: True)
    monkeypatch.setattr(scenes, "recipes", cheap_recipes)
    at = open_page(query={"ap_data": CSV})
    own = two_blobs_csv().replace(b"a,b", b"p,q", 1)  # a file of its own: no other test has trained it
    at.file_uploader[0].set_value(("two_blobs.csv", own, "text/csv")).run()
    assert not at.exception and not at.error
    assert [s.label[:36] for s in at.status] == ["Trained the 4 models on your 84 poin"]
    assert "A coupling flow, trained by exact maximum likelihood on the same 84 points" in shown_text(at)
    at.slider(key="ap_k").set_value(3).run()  # the next move: the training is old news
    assert not at.status


def test_a_link_reopens_the_same_state():
    at = open_page(query={"ap_step": "40", "ap_family": VAE})
    assert not at.exception
    assert at.select_slider(key="ap_step").value == 40
    assert shown_title(at, 2).startswith("Diffusion at t = 40:")
    assert title_of(specs(at)[0]).startswith("Small VAE")


def test_presenter_mode_is_one_slide_and_hides_self_study(default_page):
    at = open_page(present=True)
    assert not at.exception
    big, normal = specs(at), specs(default_page)
    # bigger type everywhere; the charts under the panels grow, the panels stay low enough for one screen
    font = [
        (b["config"]["axis"]["labelFontSize"], n["config"]["axis"]["labelFontSize"])
        for b, n in zip(big, normal, strict=True)
    ]
    assert all(b > n for b, n in font)
    assert all(big[i]["height"] > normal[i]["height"] for i in BOTTOM)
    # one-line titles on the slide (the step panel's is read from its data: one line there, two in normal mode)
    assert all(isinstance(big[i]["title"]["text"], str) for i in TOP)
    sent = json.loads(at.get("vega_lite_chart")[2].proto.spec)
    assert sent["title"]["text"]["expr"] == "data('step_title')[0].line0"
    assert shown_title(at, 2) == "Diffusion at t = 0" != shown_title(default_page, 2)
    # the slide's key numbers first: the three panels' energy distances, in one row under them
    assert [m.label for m in at.metric][:3] == ["energy distance D", "energy distance D", "D at step t = 0"]
    assert not any(r.key.startswith("approaches_quiz") for r in at.radio)
    assert not at.expander
    # the lecturer's correction of the slide is still there, below the fold
    assert any("Two of the slide's examples" in i.value for i in at.info)


def test_presenter_mode_enlarges_the_yardstick_table():
    """st.table is HTML: presenter mode styles its cells bigger (a canvas-drawn st.dataframe would stay small)."""
    normal, big = open_page(), open_page(present=True)
    assert "font-size" not in normal.table[0].proto.arrow_data.styler.styles
    assert "font-size: 1.25rem" in big.table[0].proto.arrow_data.styler.styles
    assert yardstick(big).equals(yardstick(normal))


@pytest.mark.parametrize("present", [False, True])
def test_titles_and_labels_fit_three_narrow_panels(present):
    """Three panels side by side are about 250 px wide in presenter mode at 1280 px: chart title lines and metric
    labels must be short enough not to be cut off with an ellipsis."""
    for query in ({}, {"ap_family": VAE, "ap_step": "40"}):
        at = open_page(present=present, query=query)
        for spec in specs(at)[:-N_GAN_CHARTS]:  # the GAN section below the three panels has the page's width
            title = spec["title"]["text"]
            for line in title if isinstance(title, list) else [title]:
                assert len(line) <= 22, line
        for m in at.metric:
            assert len(m.label) <= 26, m.label
            assert len(str(m.value)) <= 16, m.value


# ----------------------------------------------------------------------------- the flow, layer by layer


def flow_title(at: AppTest) -> str:
    return title_of(specs(at)[FLOW[0]])


def test_the_flow_carries_noise_to_data_layer_by_layer(default_page):
    at = default_page
    L = scenes.LAYERS
    assert text.FLOW_HEADING in [s.value for s in at.subheader]
    slider = at.slider(key="ap_layer")
    assert (slider.min, slider.max, slider.value) == (0, L, L)
    assert "the same draw as the diffusion model's t = 100" in slider.help
    assert flow_title(at) == f"Coupling flow: {L} of {L} layers done"
    view = scenes.flow_layers("moons", 0, "")
    assert metric(at, f"D after {L} layers").value == f"{view.distance[L]:.3f}"
    assert metric(at, "held-out log-likelihood").value  # the mixture's, then the flow's (exact) below
    shown = shown_text(at)
    assert f"in {L} invertible layers instead of {T} noisy steps" in shown
    assert f"D goes from {view.distance[0]:.3f} to {view.distance[L]:.3f}" in shown
    diffusion_before = specs(at)[2]
    slider.set_value(0).run()
    assert not at.exception
    assert flow_title(at) == f"Coupling flow: 0 of {L} layers done"
    noise = as_float(metric(at, "D after 0 layers").value)
    assert noise == pytest.approx(view.distance[0], abs=1e-3) and noise > 1.5 * view.distance[L]
    assert "On screen: the starting noise, before any layer." in shown_text(at)
    open_export_menus(at)
    cloud = next(d.value for d in at.dataframe if "group" in d.value and text.FLOW_CLOUD in set(d.value["group"]))
    assert len(cloud) == 2 * ac.MAX_POINTS
    assert specs(at)[2] == diffusion_before  # the diffusion panel did not change
    at.slider(key="ap_layer").set_value(3).run()
    assert "On screen: after layer 3, which moved x" in shown_text(at)
    at.slider(key="ap_layer").set_value(L).run()


def test_the_flow_section_is_outside_the_panel_that_k_and_the_step_rerun(monkeypatch):
    """The flow depends on the data set alone: drawn at the page's level (no live panel around it), a K or step
    press does not redraw it; a new data set reruns the whole page (checked in the browser)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

    from ui.panels import approaches_flow

    real, inside = approaches_flow.section, []

    def spy(*args, **kwargs):
        inside.append(ThreadState.get().fragment_id)  # the live panel it is drawn in, None at the page's level
        return real(*args, **kwargs)

    monkeypatch.setattr(approaches_flow, "section", spy)
    at = open_page()
    assert not at.exception and inside == [None]


def test_the_flow_layer_is_in_the_link():
    at = open_page(query={"ap_layer": "2"})
    assert not at.exception
    assert at.slider(key="ap_layer").value == 2
    assert flow_title(at).startswith("Coupling flow: 2 of")


# ----------------------------------------------------------------------------- uploads: bounded training


def own_file(tag: str) -> bytes:
    """The two blobs under a header of their own: a file (digest) no other test uses."""
    return two_blobs_csv().replace(b"a,b", f"a{tag},b{tag}".encode(), 1)


def test_one_session_trains_a_few_uploads_then_is_told_why_not(monkeypatch):
    monkeypatch.setattr(scenes, "recipes", cheap_recipes)
    at = open_page(query={"ap_data": CSV})
    at.file_uploader[0].set_value(("mine.csv", own_file("budget"), "text/csv")).run()
    for seed in range(scenes.UPLOADS_PER_SESSION):
        at.number_input(key="ap_seed").set_value(seed).run()
        assert not at.exception and not at.warning
        assert len(model_charts(at)) == N_CHARTS, seed
    at.number_input(key="ap_seed").set_value(scenes.UPLOADS_PER_SESSION).run()
    assert not at.exception
    assert any("already trained models on 3 uploads" in w.value for w in at.warning)
    assert len(model_charts(at)) == 0 and not at.status
    at.number_input(key="ap_seed").set_value(1).run()  # one it trained already: kept, free, shown
    assert not at.warning and not at.status and len(model_charts(at)) == N_CHARTS


def test_a_second_upload_waits_for_the_first_and_says_so(monkeypatch):
    import threading

    monkeypatch.setattr(scenes, "recipes", cheap_recipes)
    at = open_page(query={"ap_data": CSV})
    go, done = threading.Event(), {}
    someone_else = scenes.Source(scenes.CSV, 0, "another session's upload")
    first = threading.Thread(target=scenes.UPLOADS.models, args=(someone_else, lambda src: go.wait() and {}))
    first.start()
    while not scenes.UPLOADS.busy():
        go.wait(0.01)
    upload = at.file_uploader[0].set_value(("mine.csv", own_file("wait"), "text/csv"))
    second = threading.Thread(target=lambda: done.update(at=upload.run()))
    second.start()
    while scenes.UPLOADS.waiting < 1:  # the page has said so and waits for the lock
        go.wait(0.01)
    go.set()
    first.join()
    second.join()
    at = done["at"]
    assert not at.exception
    assert any("Another upload is being trained on this server" in i.value for i in at.info)
    assert at.status[0].label.startswith("Trained the 4 models on your 84 points")
    assert len(model_charts(at)) == N_CHARTS
