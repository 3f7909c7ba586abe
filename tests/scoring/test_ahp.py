"""AHP against published matrices and against independent implementations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capassess.scoring.ahp import RI_TABLES, analyse_matrix

approx = pytest.approx

# Wikipedia, "Analytic hierarchy process - leader example": the criteria Experience,
# Education, Charisma, Age, with published priorities .547, .127, .270, .056.
LEADER = [
    [1, 4, 3, 7],
    [1 / 4, 1, 1 / 3, 3],
    [1 / 3, 3, 1, 5],
    [1 / 7, 1 / 3, 1 / 5, 1],
]
LEADER_WEIGHTS = [0.547, 0.127, 0.270, 0.056]

# Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1), table 3: which drink is consumed more in the US. Published derived
# priorities and CR = 0.022.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_WEIGHTS = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]


def test_leader_example_matches_the_published_weights() -> None:
    result = analyse_matrix(LEADER)
    # The article prints 0.547 for 0.54757: agree within a unit of the third decimal.
    assert list(result.weights) == approx(LEADER_WEIGHTS, abs=1e-3)
    assert result.ri == 0.90  # Saaty 1980, n = 4
    # lambda_max = 4.1184, CI = 0.1184 / 3 = 0.0395, CR = 0.0395 / 0.90 = 0.0439
    assert result.lambda_max == approx(4.1184, abs=1e-4)
    assert result.ci == approx(0.0395, abs=1e-4)
    assert result.cr == approx(0.0439, abs=1e-4)
    assert result.consistent


def test_drinks_example_matches_the_published_weights_and_cr() -> None:
    result = analyse_matrix(DRINKS_MATRIX)
    assert [round(w, 3) for w in result.weights] == DRINKS_WEIGHTS
    assert result.ri == 1.32  # n = 7
    assert round(result.cr, 3) == 0.022


def test_ri_table_is_selectable() -> None:
    saaty = analyse_matrix(LEADER, ri_table="saaty1980")
    alonso = analyse_matrix(LEADER, ri_table="alonso-lamata2006")
    assert alonso.weights == saaty.weights
    assert alonso.ri == 0.8815
    # the same CI over a different RI: 0.039473 / 0.8815 = 0.044779
    assert alonso.cr == approx(saaty.ci / 0.8815)
    assert RI_TABLES["saaty1980"] == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51,
                                      1.48, 1.56, 1.57, 1.59)  # fmt: skip


def test_one_and_two_items_are_always_consistent() -> None:
    assert analyse_matrix([[1.0]]).weights == (1.0,)
    two = analyse_matrix([[1, 4], [0.25, 1]])
    assert two.weights == (approx(0.8), approx(0.2))
    assert (two.ci, two.cr) == (0.0, 0.0)


def test_more_items_than_the_ri_table_is_an_error() -> None:
    with pytest.raises(ValueError, match="at most 15"):
        analyse_matrix([[1.0] * 16 for _ in range(16)])


@pytest.mark.parametrize("matrix", [LEADER, DRINKS_MATRIX], ids=["leader", "drinks"])
def test_against_ahpy(matrix: list[list[float]]) -> None:
    ahpy = pytest.importorskip("ahpy")
    names = [f"x{i}" for i in range(len(matrix))]
    pairs = {(names[i], names[j]): matrix[i][j] for i in range(len(names))
             for j in range(i + 1, len(names))}  # fmt: skip
    theirs = ahpy.Compare("m", pairs, precision=10, random_index="saaty")
    ours = analyse_matrix(matrix)
    assert list(ours.weights) == approx([theirs.local_weights[n] for n in names], abs=1e-8)
    # ahpy's 'saaty' RI table is Saaty's 2005 one; compare CI = CR * RI instead.
    ri_2005 = {4: 0.89, 7: 1.35}[len(names)]
    assert ours.ci == approx(theirs.consistency_ratio * ri_2005, abs=1e-7)


@pytest.mark.parametrize("matrix", [LEADER, DRINKS_MATRIX], ids=["leader", "drinks"])
def test_against_pymcdm_and_numpy(matrix: list[list[float]]) -> None:
    np = pytest.importorskip("numpy")
    subjective = pytest.importorskip("pymcdm.weights.subjective")
    ahp = subjective.AHP(matrix=np.array(matrix))
    ours = analyse_matrix(matrix)
    assert list(ours.weights) == approx(list(ahp()), abs=1e-9)
    n = len(matrix)
    assert ours.ci == approx(ahp.get_cr() * subjective.AHP.RI_M[n - 1], abs=1e-9)
    assert ours.lambda_max == approx(max(np.linalg.eigvals(np.array(matrix)).real), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.05, max_value=20), min_size=1, max_size=15))
def test_a_consistent_matrix_gives_back_its_weights(raw: list[float]) -> None:
    # a_ij = w_i / w_j is perfectly consistent: the eigenvector is w, lambda_max = n.
    matrix = [[a / b for b in raw] for a in raw]
    result = analyse_matrix(matrix)
    total = sum(raw)
    assert list(result.weights) == approx([w / total for w in raw], rel=1e-6)
    assert result.lambda_max == approx(len(raw), rel=1e-9)
    assert result.cr < 1e-9 and math.isfinite(result.cr)
