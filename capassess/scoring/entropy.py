"""The entropy weight method: criteria that vary more across units weigh more.

For n units (rows) and m criteria (columns), all benefit criteria:

1. Normalise each column: ``proportion`` (default) p_ij = x_ij / sum_i x_ij, which needs
   x >= 0; or ``minmax``, x'_ij = (x_ij - min_j) / (max_j - min_j), then proportions of x'.
2. Entropy e_j = -k sum_i p_ij ln p_ij with k = 1 / ln n, taking 0 ln 0 = 0.
3. Divergence d_j = 1 - e_j, taken as 0 below 1e-12 (rounding noise: a constant column
   scaled by 0.1 sums to 2.3000000000000003, not 2.3); w_j = d_j / sum_j d_j.

Edge cases, by design:

- A constant column (every unit alike) carries no information: e_j = 1, d_j = 0, w_j = 0.
- A zero column (sum 0; or, under ``minmax``, any constant column) is treated the same.
- If every d_j is 0, or there is a single unit, every criterion gets 1/m.
- A column with some zeros is fine: those terms are 0 ln 0 = 0. (pymcdm instead sets
  e_j = 0 for such a column, which is why the tests compare on positive data only.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

from capassess.scoring.matrix_input import Matrix, checked_array, checked_rows, is_numpy

Normalisation = Literal["proportion", "minmax"]


def entropy_weights(
    matrix: Matrix | Any, *, normalise: Normalisation = "proportion"
) -> list[float]:
    """Weights of the columns of ``matrix`` (rows = units) by the entropy weight method."""
    if normalise not in ("proportion", "minmax"):
        raise ValueError(f"unknown normalisation {normalise!r}")
    if is_numpy(matrix):
        divergence = _divergence_numpy(
            checked_array(matrix, non_negative=normalise == "proportion"), normalise
        )
    else:
        rows = checked_rows(matrix, non_negative=normalise == "proportion")
        divergence = [_divergence(list(col), normalise) for col in zip(*rows, strict=True)]
    total = sum(divergence)
    if total <= 0:
        return [1.0 / len(divergence)] * len(divergence)
    return [d / total for d in divergence]


ROUNDING = 1e-12


def _divergence(column: list[float], normalise: Normalisation) -> float:
    n = len(column)
    if normalise == "minmax":
        lo, hi = min(column), max(column)
        if hi <= lo:
            return 0.0
        column = [(x - lo) / (hi - lo) for x in column]
    total = sum(column)
    if n < 2 or total <= 0:
        return 0.0
    entropy = -sum(x / total * math.log(x / total) for x in column if x > 0) / math.log(n)
    divergence = 1.0 - entropy
    return divergence if divergence > ROUNDING else 0.0


def _divergence_numpy(x: Any, normalise: Normalisation) -> list[float]:
    import numpy as np

    n = x.shape[0]
    if normalise == "minmax":
        lo, span = x.min(axis=0), np.ptp(x, axis=0)
        x = np.divide(x - lo, span, out=np.zeros_like(x), where=span > 0)
    total = x.sum(axis=0)
    if n < 2:
        return [0.0] * x.shape[1]
    p = np.divide(x, total, out=np.zeros_like(x), where=total > 0)
    plogp = p * np.log(np.where(p > 0, p, 1.0))
    entropy = -plogp.sum(axis=0) / math.log(n)
    divergence = 1.0 - entropy
    divergence = np.where((total > 0) & (divergence > ROUNDING), divergence, 0.0)
    return list(divergence.tolist())


def blend(
    model_weights: Sequence[float], data_weights: Sequence[float], alpha: float
) -> list[float]:
    """alpha * model + (1 - alpha) * data, each normalised first; alpha in [0, 1]."""
    if not 0 <= alpha <= 1:
        raise ValueError(f"alpha must lie in [0, 1], got {alpha}")
    if len(model_weights) != len(data_weights) or not model_weights:
        raise ValueError(f"{len(model_weights)} model weights but {len(data_weights)} data weights")
    a, b = sum(model_weights), sum(data_weights)
    if a <= 0 or b <= 0 or min(*model_weights, *data_weights) < 0:
        raise ValueError("weights must be non-negative and not all 0")
    return [
        alpha * m / a + (1 - alpha) * d / b
        for m, d in zip(model_weights, data_weights, strict=True)
    ]
