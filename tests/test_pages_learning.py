"""AppTest: the "learn data" and "generative modeling problem" pages show what their scenes compute.

Every control must change the picture and the numbers; bad pasted numbers or files must give a clear message,
never a traceback. The maths behind the numbers is tested on the scenes (tests/test_scenes_*.py).
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lecture import learn_data as learn_text
from lecture import modeling_problem as problem_text
from scenes import learn_data as learn
from scenes import modeling_problem as problem
from tests.conftest import drawn_spec_texts, run_app, shown_text
from ui import frame

LEARN = "app_pages/learn_data.py"
PROBLEM = "app_pages/modeling_problem.py"


def picture(at: AppTest) -> list[bytes]:
    """Everything drawn: chart protos (spec and data) and images."""
    charts = [c.proto.SerializeToString() for c in at.get("vega_lite_chart")]
    images = [i.proto.SerializeToString() for i in at.get("image")]
    return charts + images


def numbers(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def assert_clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    shown = " ".join(numbers(at).values()) + " ".join(str(m.value) for m in at.markdown)
    assert "nan" not in shown.lower().split() and "undefined" not in shown


def assert_changes(at: AppTest, move) -> AppTest:
    before_pic, before_num = picture(at), numbers(at)
    move(at)
    at.run()
    assert_clean(at)
    assert picture(at) != before_pic, "the picture did not change"
    assert numbers(at) != before_num, "the numbers did not change"
    return at


def errors(at: AppTest) -> str:
    return " ".join(str(e.value) for e in at.error)


# ----------------------------------------------------------------------------------------------- learn data


def learn_notice(source=("preset", "bimodal", 200, 0), method="kde", value=0.3, probe=0.5, n_new=200) -> list[str]:
    """The page's "what to notice" for these settings, filled here from the scenes (1-D preset)."""
    view = learn.picture(source, method, value, 0.0, n_new, 1)
    at = learn.probe(source, method, value, 0.0, probe, 0.0)
    curve = learn.overfitting(source, method, 0.0)
    point = curve.at(value)
    values = {
        "n": view.n_train,
        "where": f"x = {probe:g}",
        "q": frame.fmt(at.q.density, "per unit"),
        "surprise": frame.fmt(at.q.surprisal_bits, "bits"),
        "p": frame.fmt(at.p.density, "per unit"),
        "n_new": n_new,
        "train": frame.fmt(point.train, "bits/point"),
        "test": frame.fmt(point.test, "bits/point"),
        "knob": curve.knob,
        "value": value,
        "best": curve.best_value,
        "ceiling": frame.fmt(curve.ceiling, "bits/point"),
    }
    return [s.format(**values) for s in learn_text.TEXT.notice]


def test_learn_data_default_shows_the_frame_fit_and_numbers():
    at = run_app(LEARN)
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == 2
    text = shown_text(at)
    assert learn_text.TEXT.where in text and learn_text.OVERFITTING_TITLE in text
    notice = learn_notice()
    assert all(sentence in text for sentence in notice), notice
    assert "q(x) = 0.263 per unit" in notice[1] and "bandwidth h = 0.3" in notice[2]  # filled, not typed
    assert [e.label for e in at.expander] == [f"Go deeper: {d.title}" for d in learn_text.TEXT.deeper]
    assert sorted(at.radio(key="learn_data_quiz1").options) == sorted(learn_text.TEXT.quizzes[0].options)
    nums = numbers(at)
    curve = learn.overfitting(("preset", "bimodal", 200, 0), "kde", 0.0)
    assert nums["Held-out points"] == frame.fmt(curve.at(0.3).test, "bits/point")
    assert nums["Truth p on held-out"] == frame.fmt(curve.ceiling, "bits/point")
    assert nums["−log₂ q(x): surprise"].endswith("bits")
    assert "The 200 training points are the grey circles under the curves; the 200 vermillion triangles" in text
    assert learn_text.CAPTION_KDE.split("(")[0].strip() in text  # the kernel density's h is not fitted by ML
    assert not at.error and not at.warning


def test_learn_data_every_chart_describes_itself_and_the_main_figure_is_marked():
    at = run_app(LEARN)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert all(spec.get("description") for spec in specs)
    assert "the probe x as a purple dashed line" in specs[0]["description"]
    assert main_figures(at) == 1


def main_figures(at: AppTest) -> int:
    """How many blocks hold a figure named "main-..." (the frame wraps it in a container keyed ``main_figure``)."""

    def walk(node) -> int:
        own = 1 if str(getattr(getattr(node, "proto", None), "id", "")).endswith(frame.MAIN_FIGURE_KEY) else 0
        return own + sum(walk(child) for child in getattr(node, "children", {}).values())

    return walk(at._tree)


def test_learn_data_quiz_answers_each_choice():
    at = run_app(LEARN)
    quiz = learn_text.TEXT.quizzes[0]
    assert len(quiz.feedback) == len(quiz.options)
    for option, reply in zip(quiz.options, quiz.feedback, strict=True):
        at.radio(key="learn_data_quiz1").set_value(option).run()
        shown = " ".join(str(e.value) for e in (*at.success, *at.error))
        assert reply in shown


def test_learn_data_notice_follows_the_settings():
    at = run_app(LEARN, query={"ld_new": "0", "ld_x": "-1.8", "ld_bw": "0.1"})
    assert_clean(at)
    text = shown_text(at)
    expected = learn_notice(value=0.1, probe=-1.8, n_new=0)
    assert expected[0] in text and expected[2] in text
    assert learn_text.NOTICE_SAMPLES[False] in text and "vermillion triangles are brand-new" not in text
    assert f"“{learn_text.NEW_POINTS}”" in learn_text.NOTICE_SAMPLES[False]  # it names the slider as labelled
    at = run_app(LEARN, query={"ld_data": "Your numbers (paste)"})
    text = shown_text(at)
    assert "grey circles under the curve are your training points" in text and "the truth says" not in text
    at = run_app(LEARN, query={"ld_data": "Two rings (2-D)"})
    assert "blue contours" in shown_text(at)


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("slider", "ld_n", 500),
        ("number_input", "ld_seed", 7),
        ("select_slider", "ld_bw", 0.1),
        ("number_input", "ld_x", -1.8),
        ("radio", "ld_method", "Gaussian mixture"),
        ("selectbox", "ld_data", "Skewed (1-D)"),
    ],
)
def test_learn_data_every_control_changes_picture_and_numbers(kind, key, value):
    at = run_app(LEARN)
    assert_changes(at, lambda a: getattr(a, kind)(key=key).set_value(value))


def test_learn_data_new_samples_change_only_the_picture():
    at = run_app(LEARN)
    before, before_numbers = picture(at), numbers(at)
    at.slider(key="ld_new").set_value(600).run()
    assert_clean(at)
    assert picture(at) != before and numbers(at) == before_numbers
    at.slider(key="ld_new").set_value(0).run()
    assert_clean(at)
    assert "vermillion triangles" not in " ".join(str(c.value) for c in at.caption)


def test_learn_data_histogram_and_mixture_knobs():
    at = run_app(LEARN, query={"ld_method": "Histogram"})
    assert_clean(at)
    assert_changes(at, lambda a: a.select_slider(key="ld_bins").set_value(50))
    assert_changes(at, lambda a: a.select_slider(key="ld_alpha").set_value(1.0))
    at = run_app(LEARN, query={"ld_method": "Gaussian mixture"})
    assert_changes(at, lambda a: a.slider(key="ld_k").set_value(2))


def test_learn_data_pure_maximum_likelihood_histogram_warns_minus_infinity():
    at = run_app(LEARN, query={"ld_method": "Histogram", "ld_bins": "200", "ld_alpha": "0.0"})
    assert_clean(at)
    assert numbers(at)["Held-out points"].startswith("−∞")
    assert [w.value for w in at.warning] == [learn_text.WARN_IMPOSSIBLE]
    assert learn_text.CAPTION_OFF_AXIS.strip() in shown_text(at)


def test_learn_data_2d_preset_and_probe():
    at = run_app(LEARN, query={"ld_data": "Two rings (2-D)"})
    assert_clean(at)
    spec = drawn_spec_texts(at)[0]  # as drawn: the key's names are read from data (charts.live)
    assert "data:image/png;base64" in spec and learn_text.LABEL_CONTOURS in spec
    assert "per unit²" in numbers(at)["q(x): model density"]
    assert_changes(at, lambda a: a.number_input(key="ld_x2").set_value(1.0))
    assert_changes(at, lambda a: a.radio(key="ld_method").set_value("Histogram"))


def test_learn_data_pasted_numbers_work_in_1d_and_2d():
    at = run_app(LEARN, query={"ld_data": "Your numbers (paste)"})
    assert_clean(at)
    assert "Truth p on held-out" not in numbers(at)
    assert "Your data were standardised (mean 0, sd 1 per axis); 30 % are held out." in shown_text(at)
    assert_changes(at, lambda a: a.text_area(key="ld_text").input(", ".join(str(v / 7) for v in range(40))))
    at.radio(key="ld_dims").set_value("2-D").run()  # the typed 1-D numbers do not make 2-D points
    assert not at.exception
    assert "each line needs exactly 2" in errors(at)
    at.text_area(key="ld_text").input("\n".join(f"{v / 7} {(v * 3) % 5}" for v in range(40))).run()
    assert_clean(at)
    assert not at.error
    assert "data:image/png;base64" in at.get("vega_lite_chart")[0].proto.spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1, 2, 3, four, 5, 6, 7, 8, 9, 10, 11", "'four' is not a number"),
        ("1 2 3", "at least 10"),
        ("", "paste some numbers"),
        ("5 " * 20, "same"),
        ("1, 2, 3, nan, 5, 6, 7, 8, 9, 10, 11", "not a finite number"),
    ],
)
def test_learn_data_bad_pasted_numbers_give_a_clear_message(text, message):
    at = run_app(LEARN, query={"ld_data": "Your numbers (paste)"})
    at.text_area(key="ld_text").input(text).run()
    assert not at.exception
    assert message in errors(at), errors(at)
    assert len(at.error) == 1  # the second section says nothing more (it has no data), no cascade of errors


def test_learn_data_too_many_components_for_few_points_is_explained():
    few = " ".join(str(v) for v in range(12))  # 12 points -> 8 for training
    at = run_app(LEARN, query={"ld_data": "Your numbers (paste)", "ld_method": "Gaussian mixture", "ld_k": "10"})
    at.text_area(key="ld_text").input(few).run()
    assert not at.exception
    assert "lower k" in errors(at)


def test_learn_data_csv_upload_and_bad_csv():
    rows = "a,b\n" + "\n".join(f"{i % 7},{(i * 3) % 11}" for i in range(40))
    at = run_app(LEARN, query={"ld_data": "Your CSV file (2 columns)"})
    assert not at.exception
    assert errors(at) == learn_text.NEED_UPLOAD
    at.get("file_uploader")[0].set_value(("points.csv", rows.encode(), "text/csv"))
    at.run()
    assert_clean(at)
    assert not at.error and len(at.get("vega_lite_chart")) == 2
    at.get("file_uploader")[0].set_value(("bad.csv", b"x,y\n1,2\n3,oops\n" * 6, "text/csv"))
    at.run()
    assert not at.exception
    assert "not a number" in errors(at)


def test_learn_data_presenter_mode_hides_self_study():
    at = run_app(LEARN, present=True)
    assert_clean(at)
    assert not at.expander  # no "go deeper" derivation, no quiz
    assert not [r for r in at.radio if r.key and r.key.endswith("_quiz1")]
    assert len(at.get("vega_lite_chart")) == 2


# ----------------------------------------------------------------------------------------------- modeling problem


def test_problem_default_shows_the_frame_samples_and_scores():
    at = run_app(PROBLEM)
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == 2 and not at.get("image")  # the gallery and the bars
    assert main_figures(at) == 1
    gallery = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert gallery["description"].startswith("Four panels of 12 grey 8×8 images")
    text = shown_text(at)
    assert "**The data:** 1,797 handwritten digits" in text and problem_text.NEXT in text
    scores = problem.scores(8, ("", "", ""))
    values = {kind: frame.fmt(scores.held_out(kind), "bits/dim", 2) for kind in problem.KINDS}
    values |= {"k": 8, "uniform": frame.fmt(scores.uniform, "bits/dim", 2)}
    notice = [sentence.format(**values) for sentence in problem_text.TEXT.notice]
    assert all(sentence in text for sentence in notice), notice
    assert "does better still: 2.67 bits/dim" in notice[1]
    assert "correlation map" not in text  # no sentence about a closed tab
    assert len(at.expander) == len(problem_text.TEXT.deeper)
    nums = numbers(at)
    assert nums["Full Gaussian"] == frame.fmt(scores.held_out("gaussian"), "bits/dim", 2)
    assert nums["Mixture, k = 8"] == frame.fmt(scores.held_out("mixture"), "bits/dim", 2)
    assert nums["Uniform (knows nothing)"] == frame.fmt(scores.uniform, "bits/dim", 2)
    note = problem_text.SAMPLE_CAPTION.format(bits=scores.held_out("independent")).encode()
    assert any(note in d.data.data for d in at.get("vega_lite_chart")[0].proto.datasets)  # the gallery's Arrow data
    quiz = problem_text.TEXT.quizzes[0]
    assert "mean and variance" in quiz.question and len(quiz.feedback) == len(quiz.options)
    at.radio(key="modeling_problem_quiz1").set_value(quiz.options[2]).run()
    assert quiz.feedback[2] in " ".join(str(e.value) for e in at.error)
    assert not at.warning


def test_problem_components_and_seed_change_picture_and_numbers():
    at = run_app(PROBLEM)
    assert_changes(at, lambda a: a.slider(key="mp_k").set_value(3))
    before = picture(at)
    at.number_input(key="mp_seed").set_value(5).run()
    assert_clean(at)
    assert picture(at) != before
    at.slider(key="mp_k").set_value(20).run()
    assert_clean(at)
    assert any("With k = 20" in str(w.value) and "memorises" in str(w.value) for w in at.warning)
    assert "The mixture with k = 20 scores worse" in shown_text(at)  # the notice follows the picture
    at.slider(key="mp_k").set_value(1).run()
    assert "no better than that one Gaussian" in shown_text(at)


def test_problem_dependencies_tab():
    at = run_app(PROBLEM, query={"mp_tab": "Complex dependencies"})
    assert_clean(at)
    assert len(at.get("image")) == 3  # pixel map, matrix, colour key
    deps = problem.dependencies(0, 2)
    assert numbers(at)["Strongest partner"] == "({}, {})".format(*deps.partner)
    assert numbers(at)["Pairs with |r| > 0.5"] == frame.fmt(deps.strong_pairs)
    text = shown_text(at)
    assert "its strongest partner is pixel (7, 2), with correlation r = 0.94" in text
    assert f"{deps.strong_pairs} of the 2,016 pixel pairs" in text
    assert not [r for r in at.radio if r.key and r.key.endswith("_quiz1")]  # the question is about the first tab
    assert_changes(at, lambda a: a.slider(key="mp_row").set_value(4))
    assert_changes(at, lambda a: a.slider(key="mp_col").set_value(5))
    at.slider(key="mp_row").set_value(0).run()
    at.slider(key="mp_col").set_value(0).run()
    assert not at.exception
    assert problem_text.INFO_CONSTANT.format(row=0, col=0) in [i.value for i in at.info]
    assert "Pixel (0, 0) is 0 in every training digit" in shown_text(at)


def test_problem_curse_of_dimensionality_tab():
    at = run_app(PROBLEM, query={"mp_tab": "Cannot model directly"})
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == 2
    curse = problem.curse(500, 10)
    nums = numbers(at)
    assert nums["Histogram error, d = 10"] == frame.fmt(float(curse.histogram_tv[-1]), digits=2)
    assert nums["Cells for 64 pixels"] == "10⁶⁴"
    assert "needs 10⁶⁴ cells, against 500 data points" in shown_text(at)
    assert f"the histogram's error is {curse.histogram_tv[-1]:.2f}" in shown_text(at)
    assert_changes(at, lambda a: a.slider(key="mp_bins").set_value(4))
    assert numbers(at)["Cells for 64 pixels"] == "≈ 10³⁹"
    assert_changes(at, lambda a: a.select_slider(key="mp_n").set_value(250))


def test_problem_presenter_mode():
    at = run_app(PROBLEM, present=True)
    assert_clean(at)
    assert main_figures(at) == 1 and "**The data:**" not in shown_text(at)  # the first screen is the pictures
    assert not at.expander
    assert not [r for r in at.radio if r.key and r.key.endswith("_quiz1")]
