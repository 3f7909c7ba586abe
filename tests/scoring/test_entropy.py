"""Entropy weights and the blend, by hand and against pymcdm."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capassess.scoring.entropy import blend, entropy_weights

approx = pytest.approx


def test_hand_worked_two_units() -> None:
    # n = 2, so k = 1 / ln 2 and entropies are in bits.
    # column 1 [1, 3]: p = (1/4, 3/4), e = 1/4 * 2 + 3/4 * log2(4/3) = 0.5 + 0.311278 = 0.811278,
    #                  d = 0.188722
    # column 2 [2, 2]: constant, p = (1/2, 1/2), e = 1, d = 0
    # column 3 [0, 4]: p = (0, 1), e = 0 (0 ln 0 = 0), d = 1
    # w = d / (0.188722 + 0 + 1) = (0.158761, 0, 0.841239)
    weights = entropy_weights([[1, 2, 0], [3, 2, 4]])
    d1 = 1 - (0.25 * 2 + 0.75 * math.log2(4 / 3))
    assert weights == [approx(d1 / (d1 + 1)), approx(0.0, abs=1e-15), approx(1 / (d1 + 1))]
    assert weights[0] == approx(0.158761, abs=1e-6)


def test_hand_worked_minmax() -> None:
    # minmax: column 1 [1, 2, 3] -> [0, 0.5, 1] -> p = (0, 1/3, 2/3);
    #   e = -(1/3 ln 1/3 + 2/3 ln 2/3) / ln 3 = 0.636514 / 1.098612 = 0.579380, d = 0.420620
    # column 2 [5, 5, 9] -> [0, 0, 1] -> p = (0, 0, 1), e = 0, d = 1
    # w = (0.420620, 1) / 1.420620 = (0.296082, 0.703918)
    weights = entropy_weights([[1, 5], [2, 5], [3, 9]], normalise="minmax")
    assert weights == [approx(0.296082, abs=1e-6), approx(0.703918, abs=1e-6)]


def test_degenerate_matrices_give_equal_weights() -> None:
    assert entropy_weights([[1, 2, 3]]) == [1 / 3] * 3  # a single unit
    assert entropy_weights([[1, 0], [1, 0]]) == [0.5, 0.5]  # constant and zero columns
    assert entropy_weights([[1, 0], [1, 0]], normalise="minmax") == [0.5, 0.5]


@pytest.mark.parametrize(
    "bad", [[], [[]], [[1, 2], [3]], [[1, -1], [2, 2]], [[1, math.nan], [1, 2]]]
)
def test_bad_matrices(bad: list[list[float]]) -> None:
    with pytest.raises(ValueError):
        entropy_weights(bad)


matrices = st.integers(2, 30).flatmap(
    lambda n: st.integers(1, 8).flatmap(
        lambda m: st.lists(
            st.lists(st.floats(0.5, 100), min_size=m, max_size=m), min_size=n, max_size=n
        )
    )
)


@settings(max_examples=80, deadline=None)
@given(matrices)
def test_against_pymcdm_on_positive_data(rows: list[list[float]]) -> None:
    # pymcdm sets e_j = 0 for a column holding a 0 (we take 0 ln 0 = 0), so compare on
    # positive data only; and on nearly constant columns both are all rounding noise.
    weights_module = pytest.importorskip("pymcdm.weights")
    x = np.array(rows)
    if (x.max(axis=0) - x.min(axis=0) < 1e-6).any():
        return
    theirs = weights_module.entropy_weights(x)
    assert entropy_weights(rows) == approx(list(theirs), abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(matrices, st.sampled_from(["proportion", "minmax"]))
def test_numpy_path_equals_the_list_path(rows: list[list[float]], how: str) -> None:
    from_lists = entropy_weights(rows, normalise=how)  # type: ignore[arg-type]
    from_array = entropy_weights(np.array(rows), normalise=how)  # type: ignore[arg-type]
    assert from_array == approx(from_lists, abs=1e-12)
    assert sum(from_lists) == approx(1.0)
    assert min(from_lists) >= 0


@settings(max_examples=50, deadline=None)
@given(matrices, st.floats(0.1, 1000))
def test_scaling_a_column_changes_nothing(rows: list[list[float]], factor: float) -> None:
    scaled = [[row[0] * factor, *row[1:]] for row in rows]
    assert entropy_weights(scaled) == approx(entropy_weights(rows), abs=1e-9)


def test_blend() -> None:
    # alpha = 0.3: 0.3 * (0.5, 0.5) + 0.7 * (0.2, 0.8) = (0.15 + 0.14, 0.15 + 0.56) = (0.29, 0.71)
    assert blend([0.5, 0.5], [0.2, 0.8], 0.3) == [approx(0.29), approx(0.71)]
    # unnormalised inputs are normalised first: (3, 1) -> (0.75, 0.25)
    assert blend([3, 1], [1, 1], 1.0) == [0.75, 0.25]
    assert blend([3, 1], [1, 1], 0.0) == [0.5, 0.5]
    for alpha, a, b in [(1.5, [1], [1]), (0.5, [1, 2], [1]), (0.5, [0, 0], [1, 1])]:
        with pytest.raises(ValueError):
            blend(a, b, alpha)


def test_scaled_constant_column_stays_without_information() -> None:
    # 23 x 0.1 sums to 2.3000000000000003, so p_i is not exactly 1/23 and e_j falls a
    # hair below 1; that rounding must not hand the whole weight to the constant column.
    rows = [[0.1, 1.0]] * 23
    assert entropy_weights(rows) == [0.5, 0.5]
    assert entropy_weights(np.array(rows)) == [0.5, 0.5]
