"""Weights of the tree: direct numbers or AHP matrices, normalised at each node.

Node ids are unique across a questionnaire (dimensions, capabilities and questions
share one id space), so the weights of the whole tree live in two flat mappings.
The root, the questionnaire itself, has the id ``ROOT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from capassess.errors import InputError, Loc, Problem
from capassess.memo import per_object
from capassess.model.matrix import AhpMatrix
from capassess.model.questionnaire import Questionnaire
from capassess.scoring.ahp import DEFAULT_RI, AhpResult, analyse_matrix, reciprocity_problems

ROOT = ""


@dataclass(frozen=True)
class WeightTree:
    """Local weights (normalised among siblings) and global weights (product down the tree)."""

    local: dict[str, float]
    global_: dict[str, float]
    ahp: dict[str, AhpResult] = field(default_factory=dict)
    """AHP analysis of each node whose child weights come from a matrix, by node id."""


def normalise(weights: Sequence[float]) -> list[float]:
    """Scale positive weights to sum to 1; ``ValueError`` for none, a negative or all 0."""
    if not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError(f"weights must be non-negative with a positive sum, got {list(weights)}")
    total = sum(weights)
    return [w / total for w in weights]


def ahp_weights(
    matrix: AhpMatrix, children: Sequence[str], *, ri_table: str = DEFAULT_RI, loc: Loc = ()
) -> tuple[list[float], AhpResult]:
    """Weights of ``children`` (in their order) from ``matrix``; ``InputError`` if unusable."""
    where: Loc = (*loc, "ahp")
    if sorted(matrix.items) != sorted(children):
        raise InputError.at(
            f"AHP items {matrix.items} must be the children {list(children)}", loc=(*where, "items")
        )
    full = matrix.full()
    problems = reciprocity_problems(full)
    if problems:
        located = tuple(Problem(p, (*where, "matrix")) for p in problems)
        raise InputError("AHP matrix is not reciprocal", located)
    try:
        result = analyse_matrix(full, ri_table=ri_table, accept_cr=matrix.accept_cr)
    except ValueError as exc:
        raise InputError.at(str(exc), loc=(*where, "matrix")) from None
    if not result.consistent:
        raise InputError.at(
            f"AHP consistency ratio CR = {result.cr:.3f} is not below {result.limit:.2f}",
            loc=(*where, "matrix"),
        )
    by_item = dict(zip(matrix.items, result.weights, strict=True))
    return normalise([by_item[c] for c in children]), result


def _level(
    tree: WeightTree,
    parent: str,
    children: Sequence[tuple[str, float]],
    matrix: AhpMatrix | None,
    ri_table: str,
    loc: Loc,
) -> None:
    ids = [ident for ident, _ in children]
    if matrix is None:
        local = normalise([w for _, w in children])
    else:
        local, tree.ahp[parent] = ahp_weights(matrix, ids, ri_table=ri_table, loc=loc)
    for ident, w in zip(ids, local, strict=True):
        tree.local[ident] = w
        tree.global_[ident] = tree.global_[parent] * w


def tree_weights(q: Questionnaire, *, ri_table: str = DEFAULT_RI) -> WeightTree:
    """Local and global weights of every dimension, capability and question of ``q``
    (computed once per questionnaire: the tree is not to be changed)."""
    return per_object(q, ("tree_weights", ri_table), lambda: _tree_weights(q, ri_table))


def _tree_weights(q: Questionnaire, ri_table: str) -> WeightTree:
    tree = WeightTree({ROOT: 1.0}, {ROOT: 1.0})
    dims = [(d.id, d.weight) for d in q.dimensions]
    _level(tree, ROOT, dims, q.ahp, ri_table, ())
    if q.foundation is not None:
        # Outside the overall score; as a whole it weighs as much as the dimensions
        # together, so that a foundation gap ranks by its share of that whole.
        tree.local[q.foundation.id] = tree.global_[q.foundation.id] = 1.0
    for where, dim in q.located_sections():
        caps = [(c.id, c.weight) for c in dim.capabilities]
        _level(tree, dim.id, caps, dim.ahp, ri_table, where)
        for c, cap in enumerate(dim.capabilities):
            questions = [(x.id, x.weight) for x in cap.questions]
            loc: Loc = (*where, "capabilities", c)
            _level(tree, cap.id, questions, cap.ahp, ri_table, loc)
    return tree
