"""TOPSIS closeness and ranks, by hand and against pymcdm."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capassess.scoring.topsis import rank_descending, topsis

approx = pytest.approx

#   unit  c1  c2     column norms: sqrt(9 + 16 + 0) = 5 for both
#   A      3   4     normalised:  A (0.6, 0.8), B (0.8, 0.6), C (0, 0)
#   B      4   3     weighted by (0.5, 0.5): A (0.3, 0.4), B (0.4, 0.3), C (0, 0)
#   C      0   0
UNITS = [[3, 4], [4, 3], [0, 0]]


def test_hand_worked_benefit_criteria() -> None:
    # best (0.4, 0.4), worst (0, 0)
    # A: d+ = sqrt(0.1^2 + 0) = 0.1, d- = sqrt(0.3^2 + 0.4^2) = 0.5, c = 0.5 / 0.6 = 0.833333
    # B: the mirror image of A, c = 0.833333: a tie, so A (given first) ranks above B
    # C: d+ = sqrt(0.4^2 + 0.4^2) = 0.565685, d- = 0, c = 0
    result = topsis(UNITS, [1, 1])
    assert result.closeness == [approx(5 / 6), approx(5 / 6), 0.0]
    assert result.ranks == [1, 2, 3]
    assert topsis(np.array(UNITS, dtype=float), [1, 1]).ranks == [1, 2, 3]  # same ties


def test_hand_worked_cost_criterion() -> None:
    # c2 is a cost: best (0.4, 0), worst (0, 0.4)
    # A: d+ = sqrt(0.1^2 + 0.4^2) = 0.412311, d- = sqrt(0.3^2 + 0) = 0.3, c = 0.3 / 0.712311 = 0.421165
    # B: d+ = sqrt(0 + 0.3^2) = 0.3, d- = sqrt(0.4^2 + 0.1^2) = 0.412311, c = 0.578835
    # C: d+ = sqrt(0.4^2 + 0) = 0.4, d- = sqrt(0 + 0.4^2) = 0.4, c = 0.5
    result = topsis(UNITS, [0.5, 0.5], benefit=[True, False])
    assert result.closeness == [approx(0.421165, abs=1e-6), approx(0.578835, abs=1e-6), 0.5]
    assert result.ranks == [3, 1, 2]
    in_numpy = topsis(np.array(UNITS, dtype=float), [0.5, 0.5], benefit=[True, False])
    assert in_numpy.closeness == approx(result.closeness) and in_numpy.ranks == [3, 1, 2]


def test_identical_units_are_all_half_way() -> None:
    assert topsis([[2, 3], [2, 3]], [1, 1]).closeness == [0.5, 0.5]
    assert topsis(np.array([[2.0, 3.0]]), [1, 1]).ranks == [1]


def test_rank_descending_is_stable() -> None:
    assert rank_descending([0.2, 0.9, 0.2, 0.5]) == [3, 1, 4, 2]
    assert rank_descending([]) == []


@pytest.mark.parametrize(
    ("weights", "benefit"), [([1], None), ([1, 1], [True]), ([-1, 2], None), ([0, 0], None)]
)
def test_bad_weights_or_flags(weights: list[float], benefit: list[bool] | None) -> None:
    with pytest.raises(ValueError):
        topsis(UNITS, weights, benefit=benefit)


problems = st.integers(2, 25).flatmap(
    lambda n: st.integers(1, 6).flatmap(
        lambda m: st.tuples(
            st.lists(st.lists(st.floats(1, 5), min_size=m, max_size=m), min_size=n, max_size=n),
            st.lists(st.floats(0.01, 1), min_size=m, max_size=m),
            st.lists(st.booleans(), min_size=m, max_size=m),
        )
    )
)


@pytest.mark.filterwarnings("ignore:Alternatives with indices")
@settings(max_examples=80, deadline=None)
@given(problems)
def test_against_pymcdm(problem: tuple[list[list[float]], list[float], list[bool]]) -> None:
    methods = pytest.importorskip("pymcdm.methods")
    normalizations = pytest.importorskip("pymcdm.normalizations")
    rows, weights, benefit = problem
    x = np.array(rows)
    if (x.max(axis=0) - x.min(axis=0) < 1e-6).any():
        return  # pymcdm divides 0 by 0 when a unit is both ideal and anti-ideal
    method = methods.TOPSIS(normalization_function=normalizations.vector_normalization)
    w = np.array(weights) / sum(weights)
    theirs = method(x, w, np.array([1 if b else -1 for b in benefit]))
    ours = topsis(rows, weights, benefit=benefit)
    assert ours.closeness == approx(list(theirs), abs=1e-9)
    assert topsis(x, weights, benefit=benefit).closeness == approx(ours.closeness, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(problems, st.floats(0.1, 100))
def test_scaling_weights_or_a_column_changes_nothing(
    problem: tuple[list[list[float]], list[float], list[bool]], factor: float
) -> None:
    rows, weights, benefit = problem
    base = topsis(rows, weights, benefit=benefit).closeness
    assert all(0 <= c <= 1 for c in base)
    scaled_w = topsis(rows, [w * factor for w in weights], benefit=benefit).closeness
    scaled_x = topsis([[r[0] * factor, *r[1:]] for r in rows], weights, benefit=benefit).closeness
    assert scaled_w == approx(base, abs=1e-9)
    assert scaled_x == approx(base, abs=1e-9)
