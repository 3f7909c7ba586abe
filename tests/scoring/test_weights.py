"""Weights: normalisation, the weight tree, AHP weights of a node."""

from __future__ import annotations

import pytest

from capassess.errors import InputError
from capassess.model.matrix import AhpMatrix
from capassess.scoring.weights import ROOT, ahp_weights, normalise, tree_weights
from tests.scoring.helpers import tiny

approx = pytest.approx


def test_normalise() -> None:
    assert normalise([3, 1]) == [0.75, 0.25]
    assert normalise([2, 2, 4]) == [0.25, 0.25, 0.5]
    for bad in ([], [0, 0], [1, -1]):
        with pytest.raises(ValueError):
            normalise(bad)


def test_tree_weights_of_tiny() -> None:
    tree = tree_weights(tiny())
    assert tree.global_[ROOT] == 1.0
    # dimensions 3 : 1
    assert (tree.local["data"], tree.local["open"]) == (0.75, 0.25)
    # governance 1 : analytics 1 within data; global = 3/4 * 1/2
    assert tree.local["governance"] == 0.5
    assert tree.global_["governance"] == 0.375
    # g-level 2 : g-choice 1; global = 0.375 * 2/3 = 0.25
    assert tree.local["g-level"] == approx(2 / 3)
    assert tree.global_["g-level"] == approx(0.25)
    # the global weights of the questions add up to 1
    questions = [q.id for _, _, q in tiny().questions()]
    assert sum(tree.global_[qid] for qid in questions) == approx(1.0)
    assert tree.ahp == {}


def test_ahp_weights_follow_the_children_order() -> None:
    # A consistent matrix: a = 2 b = 4 c, so w = (4, 2, 1) / 7 and CR = 0.
    matrix = AhpMatrix(items=["a", "b", "c"], matrix=[[1, 2, 4], [1, 2], [1]])
    weights, result = ahp_weights(matrix, ["c", "a", "b"])
    assert weights == [approx(1 / 7), approx(4 / 7), approx(2 / 7)]
    assert result.cr == approx(0, abs=1e-12)
    assert result.lambda_max == approx(3)


def test_ahp_weights_refuse_an_inconsistent_matrix() -> None:
    # a > b (9), b > c (9) but c > a (9): lambda_max far above 3.
    matrix = AhpMatrix(items=["a", "b", "c"], matrix=[[1, 9, "1/9"], [1, 9], [1]])
    with pytest.raises(InputError, match="consistency ratio") as caught:
        ahp_weights(matrix, ["a", "b", "c"], loc=("dimensions", 0))
    assert caught.value.problems[0].loc == ("dimensions", 0, "ahp", "matrix")


def test_ahp_weights_accept_cr_raises_the_limit() -> None:
    # For a 3x3 reciprocal matrix, lambda_max = 1 + c^(1/3) + c^(-1/3), c = a12 a23 / a13.
    # a12 = 3, a13 = 5, a23 = 1/2: c = 0.3, lambda_max = 1 + 0.669433 + 1.493802 = 3.163235,
    # CI = 0.163235 / 2 = 0.081617, CR = 0.081617 / 0.58 = 0.140719: refused at 0.10.
    loose: list[list[float | str]] = [[1, 3, 5], [1, "1/2"], [1]]
    with pytest.raises(InputError, match=r"CR = 0\.141"):
        ahp_weights(AhpMatrix(items=["a", "b", "c"], matrix=loose), ["a", "b", "c"])
    accepted = AhpMatrix(items=["a", "b", "c"], matrix=loose, accept_cr=0.15)
    _, result = ahp_weights(accepted, ["a", "b", "c"])
    assert (result.limit, result.lambda_max) == (0.15, approx(3.163235, abs=1e-6))
    assert (result.ci, result.cr) == (approx(0.081617, abs=1e-6), approx(0.140719, abs=1e-6))


def test_ahp_items_must_be_the_children() -> None:
    matrix = AhpMatrix(items=["a", "b"], matrix=[[1, 2]])
    with pytest.raises(InputError, match="must be the children"):
        ahp_weights(matrix, ["a", "c"])
