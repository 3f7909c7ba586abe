"""Decision matrices for entropy and TOPSIS: rows of floats, or a numpy array.

Both methods run on plain lists in pure Python (O(units x criteria)), and switch to
numpy when handed a numpy array, for batches of hundreds of thousands of units; numpy
is imported only then, so it never slows down the start of other commands.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Matrix = Sequence[Sequence[float]]


def is_numpy(matrix: Any) -> bool:
    """True if ``matrix`` is a numpy array (numpy is then already imported)."""
    return type(matrix).__module__ == "numpy" and hasattr(matrix, "shape")


def checked_rows(matrix: Matrix, *, non_negative: bool = False) -> list[list[float]]:
    """The matrix as rows of floats; ``ValueError`` unless rectangular, non-empty, finite."""
    rows = [[float(x) for x in row] for row in matrix]
    if not rows or not rows[0]:
        raise ValueError("the decision matrix needs at least one unit and one criterion")
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"row {i + 1} has {len(row)} values, expected {width}")
        if not all(math.isfinite(x) for x in row):
            raise ValueError(f"row {i + 1} holds a value that is not a finite number")
        if non_negative and any(x < 0 for x in row):
            raise ValueError(f"row {i + 1} holds a negative value")
    return rows


def checked_array(matrix: Any, *, non_negative: bool = False) -> Any:
    """The numpy counterpart of ``checked_rows``: a 2-D float array."""
    import numpy as np

    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError("the decision matrix must be 2-D with at least one unit and criterion")
    if not np.isfinite(x).all():
        raise ValueError("the decision matrix holds a value that is not a finite number")
    if non_negative and (x < 0).any():
        raise ValueError("the decision matrix holds a negative value")
    return x


def checked_weights(weights: Sequence[float], criteria: int) -> list[float]:
    """Weights normalised to sum 1; ``ValueError`` if their number or values are wrong."""
    values = [float(w) for w in weights]
    if len(values) != criteria:
        raise ValueError(f"{len(values)} weights for {criteria} criteria")
    if any(not math.isfinite(w) or w < 0 for w in values) or sum(values) <= 0:
        raise ValueError("weights must be finite, non-negative and not all 0")
    total = sum(values)
    return [w / total for w in values]
