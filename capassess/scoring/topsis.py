"""TOPSIS: rank units by closeness to the ideal unit and distance from the worst.

1. Vector-normalise each column: r_ij = x_ij / sqrt(sum_i x_ij^2) (a zero column stays 0).
2. Weight it: v_ij = w_j r_ij, with the weights normalised to sum 1.
3. Ideal best A+_j = max_i v_ij and worst A-_j = min_i v_ij for a benefit criterion
   (swapped for a cost criterion).
4. d+_i, d-_i = Euclidean distances of unit i to A+ and A-; closeness
   c_i = d-_i / (d+_i + d-_i), in [0, 1]. A unit that is both at A+ and at A- (all units
   alike on every weighted criterion) gets c = 0.5.
5. Rank 1 = highest closeness; ties keep input order (1, 2, ... in the order given).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from capassess.records import record
from capassess.scoring.matrix_input import (
    Matrix,
    checked_array,
    checked_rows,
    checked_weights,
    is_numpy,
)


@record
class TopsisResult:
    """Closeness to the ideal (higher is better) and the rank of each unit, in input order."""

    closeness: list[float]
    ranks: list[int]


def rank_descending(values: Sequence[float]) -> list[int]:
    """Ranks 1..n by descending value; equal values keep input order (stable)."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0] * len(values)
    for position, index in enumerate(order, start=1):
        ranks[index] = position
    return ranks


def topsis(
    matrix: Matrix | Any, weights: Sequence[float], *, benefit: Sequence[bool] | None = None
) -> TopsisResult:
    """Closeness and rank of every unit (row) of ``matrix`` over weighted criteria."""
    if is_numpy(matrix):
        x = checked_array(matrix)
        flags = _benefit(benefit, x.shape[1])
        return _topsis_numpy(x, _weights(weights, x.shape[1]), flags)
    rows = checked_rows(matrix)
    width = len(rows[0])
    closeness = _closeness(rows, _weights(weights, width), _benefit(benefit, width))
    return TopsisResult(closeness, rank_descending(closeness))


def _weights(weights: Sequence[float], criteria: int) -> list[float]:
    return checked_weights(weights, criteria)


def _benefit(benefit: Sequence[bool] | None, criteria: int) -> list[bool]:
    flags = [True] * criteria if benefit is None else list(benefit)
    if len(flags) != criteria:
        raise ValueError(f"{len(flags)} benefit flags for {criteria} criteria")
    return flags


def _ratio(d_best: float, d_worst: float) -> float:
    total = d_best + d_worst
    return d_worst / total if total > 0 else 0.5


def _closeness(rows: list[list[float]], weights: list[float], benefit: list[bool]) -> list[float]:
    columns = list(zip(*rows, strict=True))
    norms = [math.sqrt(sum(x * x for x in col)) for col in columns]
    scale = [w / n if n > 0 else 0.0 for w, n in zip(weights, norms, strict=True)]
    weighted = [[x * s for x, s in zip(row, scale, strict=True)] for row in rows]
    cols = list(zip(*weighted, strict=True))
    best = [max(c) if b else min(c) for c, b in zip(cols, benefit, strict=True)]
    worst = [min(c) if b else max(c) for c, b in zip(cols, benefit, strict=True)]
    out = []
    for row in weighted:
        d_best = math.sqrt(sum((v - a) ** 2 for v, a in zip(row, best, strict=True)))
        d_worst = math.sqrt(sum((v - a) ** 2 for v, a in zip(row, worst, strict=True)))
        out.append(_ratio(d_best, d_worst))
    return out


def _topsis_numpy(x: Any, weights: list[float], benefit: list[bool]) -> TopsisResult:
    import numpy as np

    norms = np.sqrt((x * x).sum(axis=0))
    scale = np.divide(np.asarray(weights), norms, out=np.zeros(len(weights)), where=norms > 0)
    v = x * scale
    flags = np.asarray(benefit)
    best = np.where(flags, v.max(axis=0), v.min(axis=0))
    worst = np.where(flags, v.min(axis=0), v.max(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    total = d_best + d_worst
    closeness = np.divide(d_worst, total, out=np.full(len(total), 0.5), where=total > 0)
    ranks = np.empty(len(closeness), dtype=int)
    ranks[np.argsort(-closeness, kind="stable")] = np.arange(1, len(closeness) + 1)
    return TopsisResult(closeness.tolist(), ranks.tolist())
