"""core.datasets: generated data sets are reproducible; readers accept good input and explain bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import datasets


@pytest.mark.parametrize("name", datasets.CLASSIFICATION_PRESETS)
def test_classification_presets_are_two_class_and_reproducible(name):
    X, y = datasets.classification_2d(name, n=200, noise=0.2, seed=3)
    X2, y2 = datasets.classification_2d(name, n=200, noise=0.2, seed=3)
    assert X.shape == (200, 2) and set(y.tolist()) == {0, 1}
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, datasets.classification_2d(name, n=200, noise=0.2, seed=4)[0])


def test_imbalanced_preset_is_imbalanced():
    _, y = datasets.classification_2d("imbalanced", n=1000, seed=0)
    assert 0.1 < y.mean() < 0.2


def test_xor_labels_follow_the_quadrants_without_noise():
    X, y = datasets.classification_2d("xor", n=500, noise=0.0, seed=1)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))


@pytest.mark.parametrize("name", datasets.DENSITY_PRESETS)
def test_density_presets(name):
    X = datasets.density_2d(name, n=300, seed=2)
    assert X.shape == (300, 2) and np.all(np.isfinite(X))
    assert np.array_equal(X, datasets.density_2d(name, n=300, seed=2))


def test_rings_have_two_radii():
    X = datasets.density_2d("rings", n=2000, noise=0.0, seed=0)
    radii = np.round(np.hypot(X[:, 0], X[:, 1]), 6)
    assert set(radii.tolist()) == {0.8, 2.0}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: datasets.classification_2d("spirals"), "Unknown data set"),
        (lambda: datasets.density_2d("moons", n=1), "at least 2"),
        (lambda: datasets.density_2d("moons", noise=-1), "noise"),
        (lambda: datasets.classification_2d("moons", seed=-3), "seed"),
    ],
)
def test_generators_reject_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _rows(n, labelled=True):
    label = (lambda i: f",{'cat' if i % 3 else 'dog'}") if labelled else (lambda i: "")
    return "\n".join(f"{i * 0.5},{(i * 7) % 5}{label(i)}" for i in range(n))


def test_reads_a_labelled_csv_with_a_header_and_word_labels():
    table = datasets.read_points_csv("a,b,animal\n" + _rows(30), labelled=True)
    assert table.columns == ("a", "b", "animal") and table.classes == ("cat", "dog")
    assert table.X.shape == (30, 2) and table.X[2].tolist() == [1.0, 4.0]
    assert table.y[:4].tolist() == [1, 0, 0, 1]


def test_reads_semicolon_and_tab_separated_files_without_header():
    for sep in (";", "\t"):
        table = datasets.read_points_csv(_rows(20, labelled=False).replace(",", sep), labelled=False)
        assert table.X.shape == (20, 2) and table.y is None and table.classes == ()


def test_large_files_are_subsampled_with_a_note():
    table = datasets.read_points_csv(_rows(300, labelled=False), labelled=False, max_rows=100, seed=1)
    assert table.X.shape == (100, 2) and "Subsampled 100 of 300 rows" in table.note
    again = datasets.read_points_csv(_rows(300, labelled=False), labelled=False, max_rows=100, seed=1)
    assert np.array_equal(table.X, again.X)


@pytest.mark.parametrize(
    ("content", "labelled", "message"),
    [
        (b"", True, "empty"),
        (b"x1,x2,label\n", True, "header but no data"),
        (bytes(range(256)), True, "binary"),
        (b"x1,x2\n" + "é".encode("latin-1") * 40, False, "UTF-8"),
        ("\n".join(["1,2,3,4"] * 20).encode(), True, "Expected 3 columns"),
        ("\n".join(["1,2"] * 20).encode(), True, "Expected 3 columns"),
        (("x1,x2,l\n" + "1,two,0\n" * 20).encode(), True, "not a number"),
        (("x1,x2,l\n" + "1,nan,0\n" + "1,2,1\n" * 20).encode(), True, "NaN or infinity"),
        (("x1,x2,l\n" + "1,inf,0\n" + "1,2,1\n" * 20).encode(), True, "NaN or infinity"),
        (("x1,x2,l\n" + "1,2,0\n" * 5).encode(), True, "at least 10"),
        (("x1,x2,l\n" + "1,2,0\n" * 20).encode(), True, "Only one class"),
        (("x1,x2,l\n" + "".join(f"1,2,{i % 3}\n" for i in range(20))).encode(), True, "3 classes"),
        (("x1,x2,l\n" + "1,2,\n" + "1,2,1\n1,2,0\n" * 10).encode(), True, "empty label"),
        (("x1,x2\n" + ",2\n" + "1,2\n" * 20).encode(), False, "empty"),
        (("x1,x2\n" + "1e300,2\n" + "1,2\n" * 20).encode(), False, "1e12"),
    ],
)
def test_bad_csv_files_get_a_clear_message(content, labelled, message):
    with pytest.raises(ValueError, match=message):
        datasets.read_points_csv(content, labelled=labelled)


def test_parse_numbers_one_and_two_dimensions():
    assert datasets.parse_numbers("1;2 3\n4,5 6 7 8 9 10", dims=1).shape == (10, 1)
    pts = datasets.parse_numbers("\n".join(f"{i} {i * 2}" for i in range(12)), dims=2)
    assert pts.shape == (12, 2) and pts[3].tolist() == [3.0, 6.0]


@pytest.mark.parametrize(
    ("text", "dims", "message"),
    [
        ("", 1, "Nothing to read"),
        ("   \n ", 2, "Nothing to read"),
        ("1 2 3", 1, "at least 10"),
        ("1 2 3 four 5 6 7 8 9 10", 1, "not a number"),
        ("1 2 nan 4 5 6 7 8 9 10", 1, "not a finite"),
        ("\n".join(["1 2 3"] * 12), 2, "exactly 2"),
        ("1 " * 200, 1, "Too many"),
    ],
)
def test_parse_numbers_explains_bad_input(text, dims, message):
    max_values = 100 if message == "Too many" else 100_000
    with pytest.raises(ValueError, match=message):
        datasets.parse_numbers(text, dims=dims, max_values=max_values)


def test_too_long_text_is_refused_before_parsing():
    with pytest.raises(ValueError, match="too long"):
        datasets.parse_numbers("1 " * (datasets.MAX_TEXT_CHARS // 2 + 10), dims=1)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_readers_never_fail_with_anything_but_value_error(text):
    for call in (
        lambda: datasets.parse_numbers(text, dims=1),
        lambda: datasets.parse_numbers(text, dims=2),
        lambda: datasets.read_points_csv(text, labelled=True),
        lambda: datasets.read_points_csv(text.encode("utf-8", "surrogatepass"), labelled=False),
    ):
        try:
            out = call()
        except ValueError:
            continue
        X = out if isinstance(out, np.ndarray) else out.X
        assert np.all(np.isfinite(X))


def test_standardise():
    Z = datasets.standardise_2d(np.array([[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]]))
    assert np.allclose(Z.mean(axis=0), 0) and np.allclose(Z[:, 0].std(), 1) and np.all(Z[:, 1] == 0)
    with pytest.raises(ValueError):
        datasets.standardise_2d(np.array([1.0, np.nan]))
