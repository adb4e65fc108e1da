"""AppTest: the "learn data" and "generative modeling problem" pages.

Every control must change the picture and the numbers; bad pasted numbers must give a clear message,
never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import density
from ui import frame

ROOT = Path(__file__).resolve().parents[1]
LEARN = str(ROOT / "pages" / "learn_data.py")
PROBLEM = str(ROOT / "pages" / "modeling_problem.py")


def run(page: str, present: bool = False, **state) -> AppTest:
    at = AppTest.from_file(page, default_timeout=120)
    at.session_state["present"] = present
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def picture(at: AppTest) -> list[bytes]:
    """Everything drawn: chart protos (spec and data) and image URLs (content hashes)."""
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


# ----------------------------------------------------------------------------------------------- learn data


def test_learn_data_default_shows_fit_truth_and_numbers():
    at = run(LEARN)
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == 2
    nums = numbers(at)
    assert nums["−log₂ q(x): surprise"].endswith("bits") and nums["Held-out points"].endswith("bits/point")
    truth, held_out = (
        float(nums["Truth p on held-out"].split()[0].replace("−", "-")),
        float(nums["Held-out points"].split()[0].replace("−", "-")),
    )
    assert truth > held_out  # the truth is the ceiling
    assert not at.error and not at.warning


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
    at = run(LEARN)
    assert_changes(at, lambda a: getattr(a, kind)(key=key).set_value(value))


def test_learn_data_new_samples_change_only_the_picture():
    at = run(LEARN)
    before = picture(at)
    at.slider(key="ld_new").set_value(600).run()
    assert_clean(at)
    assert picture(at) != before
    at.slider(key="ld_new").set_value(0).run()
    assert_clean(at)
    assert "green points" not in " ".join(str(c.value) for c in at.caption)


def test_learn_data_histogram_and_mixture_knobs():
    at = run(LEARN, ld_method="Histogram")
    assert_clean(at)
    assert_changes(at, lambda a: a.select_slider(key="ld_bins").set_value(50))
    assert_changes(at, lambda a: a.select_slider(key="ld_alpha").set_value(1.0))
    at = run(LEARN, ld_method="Gaussian mixture")
    assert_changes(at, lambda a: a.slider(key="ld_k").set_value(2))


@pytest.mark.parametrize(
    ("state", "name", "method", "value", "alpha"),
    [
        ({}, "bimodal", "kde", 0.3, 0.0),
        ({"ld_data": "Two rings (2-D)", "ld_method": "Histogram", "ld_bins": 150, "ld_alpha": 1.0}, "rings",
         "histogram", 150, 1.0),
    ],
)  # fmt: skip
def test_learn_data_numbers_are_those_of_the_current_setting(state, name, method, value, alpha):
    """The page's held-out number equals a fit computed here from the same draws (n = 200, seed 0)."""
    at = run(LEARN, **state)
    assert_clean(at)
    p = density.true_distribution(name)
    X_train, X_test = p.sample(200, 0), p.sample(1000, 100_000)
    q = density.fit_density(X_train, method, value, bounds=p.support, alpha=alpha)
    expected = density.average_log_likelihood(q, X_test)
    assert numbers(at)["Held-out points"] == frame.fmt(expected, "bits/point")
    assert numbers(at)["Truth p on held-out"] == frame.fmt(density.average_log_likelihood(p, X_test), "bits/point")


def test_learn_data_pure_maximum_likelihood_histogram_warns_minus_infinity():
    at = run(LEARN, ld_method="Histogram", ld_bins=200, ld_alpha=0.0)
    assert_clean(at)
    assert numbers(at)["Held-out points"].startswith("−∞")
    assert any("−∞" in str(w.value) and "pseudo-count" in str(w.value) for w in at.warning)


def test_learn_data_2d_preset_and_probe():
    at = run(LEARN, ld_data="Two rings (2-D)")
    assert_clean(at)
    spec = at.get("vega_lite_chart")[0].proto.spec
    assert "data:image/png;base64" in spec and "truth p(x): blue contours" in spec
    assert_changes(at, lambda a: a.number_input(key="ld_x2").set_value(1.0))
    assert_changes(at, lambda a: a.radio(key="ld_method").set_value("Histogram"))


def test_learn_data_pasted_numbers_work_in_1d_and_2d():
    at = run(LEARN, ld_data="Your numbers (paste)")
    assert_clean(at)
    assert "Truth p on held-out" not in numbers(at)
    assert_changes(at, lambda a: a.text_area(key="ld_text").input(", ".join(str(v / 7) for v in range(40))))
    at.radio(key="ld_dims").set_value("2-D").run()  # the typed 1-D numbers do not make 2-D points
    assert not at.exception
    assert any("each line needs exactly 2" in str(e.value) for e in at.error)
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
    at = run(LEARN, ld_data="Your numbers (paste)")
    at.text_area(key="ld_text").input(text).run()
    assert not at.exception
    errors = " ".join(str(e.value) for e in at.error)
    assert message in errors, errors
    assert len(at.error) == 1  # the second section says nothing more (it has no data), no cascade of errors


def test_learn_data_too_many_components_for_few_points_is_explained():
    few = " ".join(str(v) for v in range(12))  # 12 points -> 8 for training
    at = run(LEARN, ld_data="Your numbers (paste)", ld_method="Gaussian mixture", ld_k=10)
    at.text_area(key="ld_text").input(few).run()
    assert not at.exception
    assert any("lower k" in str(e.value) for e in at.error)


def test_learn_data_csv_upload_and_bad_csv():
    rows = "a,b\n" + "\n".join(f"{i % 7},{(i * 3) % 11}" for i in range(40))
    at = run(LEARN, ld_data="Your CSV file (2 columns)")
    assert not at.exception
    assert any("Upload a CSV" in str(e.value) for e in at.error)
    at.get("file_uploader")[0].set_value(("points.csv", rows.encode(), "text/csv"))
    at.run()
    assert_clean(at)
    assert not at.error and len(at.get("vega_lite_chart")) == 2
    at.get("file_uploader")[0].set_value(("bad.csv", b"x,y\n1,2\n3,oops\n" * 6, "text/csv"))
    at.run()
    assert not at.exception
    assert any("not a number" in str(e.value) for e in at.error)


def test_learn_data_presenter_mode_hides_self_study():
    at = run(LEARN, present=True)
    assert_clean(at)
    assert not at.expander  # no "go deeper" derivation, no quiz
    assert not [r for r in at.radio if r.key and r.key.endswith("_quiz1")]
    assert len(at.get("vega_lite_chart")) == 2


# ----------------------------------------------------------------------------------------------- modeling problem


def bits(at: AppTest, label: str) -> float:
    return float(numbers(at)[label].split()[0])


def test_problem_default_compares_three_models_with_samples():
    at = run(PROBLEM)
    assert_clean(at)
    assert len(at.get("image")) == 4  # real digits + samples of three models
    assert bits(at, "Full Gaussian") < bits(at, "Independent pixels") < bits(at, "Uniform (knows nothing)")
    assert bits(at, "Mixture, k = 8") < bits(at, "Full Gaussian")
    assert not at.warning


def test_problem_components_and_seed_change_picture_and_numbers():
    at = run(PROBLEM)
    assert_changes(at, lambda a: a.slider(key="mp_k").set_value(3))
    before = picture(at)
    at.number_input(key="mp_seed").set_value(5).run()
    assert_clean(at)
    assert picture(at) != before
    at.slider(key="mp_k").set_value(20).run()
    assert_clean(at)
    assert any("memorises" in str(w.value) for w in at.warning)


def test_problem_dependencies_tab():
    at = run(PROBLEM, mp_tab="Complex dependencies")
    assert_clean(at)
    assert numbers(at)["Strongest partner"] == "(7, 2)"
    assert_changes(at, lambda a: a.slider(key="mp_row").set_value(4))
    assert_changes(at, lambda a: a.slider(key="mp_col").set_value(5))
    at.slider(key="mp_row").set_value(0).run()
    at.slider(key="mp_col").set_value(0).run()
    assert not at.exception
    assert any("never varies" in str(i.value) for i in at.info)


def test_problem_curse_of_dimensionality_tab():
    at = run(PROBLEM, mp_tab="Cannot model directly")
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == 2
    nums = numbers(at)
    assert float(nums["Histogram error, d = 10"]) > 0.9 > 0.2 > float(nums["Histogram error, d = 1"])
    assert_changes(at, lambda a: a.slider(key="mp_bins").set_value(4))
    assert_changes(at, lambda a: a.select_slider(key="mp_n").set_value(250))


def test_problem_presenter_mode():
    at = run(PROBLEM, present=True)
    assert_clean(at)
    assert not at.expander
    assert not [r for r in at.radio if r.key and r.key.endswith("_quiz1")]
