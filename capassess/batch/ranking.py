"""Rank units: by score or by TOPSIS, with the model's, entropy or blended weights.

The criteria are the capability scores. An n/a capability score is replaced by that
capability's mean over the units that have one (1 where none has), so that it neither
helps nor hurts. The weights of the criteria are:

- ``model``: each capability's global weight in the questionnaire (its local weights
  multiplied down the tree);
- ``entropy``: the entropy weight method on the criteria (``scoring.entropy``);
- ``blend:ALPHA``: ALPHA * model + (1 - ALPHA) * entropy.

``--rank score`` ranks by the overall score under model weights, otherwise by the
weighted mean of the criteria; ``--rank topsis`` by TOPSIS closeness
(``scoring.topsis``). Rank 1 is best; equal values share a rank (1, 2, 2, 4); units
whose overall score is n/a are not ranked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.batch.vector import NodeOrder
from capassess.errors import InputError
from capassess.records import record
from capassess.scoring.entropy import blend, entropy_weights
from capassess.scoring.topsis import topsis
from capassess.scoring.weights import WeightTree

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

RANK_METHODS = ("score", "topsis")


@record
class WeightChoice:
    """How criteria are weighted: ``model``, ``entropy`` or ``blend`` with ``alpha``."""

    method: str
    alpha: float | None = None

    def __str__(self) -> str:
        return f"blend:{self.alpha:g}" if self.method == "blend" else self.method


def parse_weights(text: str) -> WeightChoice:
    """Parse ``model``, ``entropy`` or ``blend:ALPHA`` (ALPHA in [0, 1])."""
    if text in ("model", "entropy"):
        return WeightChoice(text)
    head, _, tail = text.partition(":")
    if head == "blend":
        try:
            alpha = float(tail)
        except ValueError:
            alpha = -1.0
        if 0 <= alpha <= 1:
            return WeightChoice("blend", alpha)
    raise InputError(f"--weights {text!r}: expected model, entropy or blend:ALPHA, 0 <= ALPHA <= 1")


@record
class Ranking:
    """The rank and the ranking value of every unit, and the weights behind them."""

    method: str
    weights: WeightChoice
    criteria: tuple[str, ...]
    criterion_weights: tuple[float, ...]
    value: npt.NDArray[np.float64]
    rank: npt.NDArray[np.int64]

    sequence: npt.NDArray[np.int64] | None = None
    """``order()``, when it was found with the ranks."""

    def order(self) -> npt.NDArray[np.int64]:
        """Unit indices from rank 1 down; ties and unranked units keep input order."""
        import numpy as np

        if self.sequence is not None:
            return self.sequence
        key = np.where(self.rank > 0, self.rank, np.iinfo(np.int64).max)
        return np.argsort(key, kind="stable")


def criteria_matrix(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Capability scores with each n/a replaced by its column's mean (1 if all are n/a)."""
    import numpy as np

    filled = scores.copy()
    for j in range(filled.shape[1]):
        column = filled[:, j]
        known = ~np.isnan(column)
        column[~known] = column[known].mean() if known.any() else 1.0
    return np.asarray(filled, dtype=np.float64)


def criterion_weights(
    matrix: npt.NDArray[np.float64], order: NodeOrder, tree: WeightTree, choice: WeightChoice
) -> list[float]:
    """The weight of each capability under ``choice``."""
    model = [tree.global_[c] for c in order.capabilities]
    if choice.method == "model" or len(matrix) == 0:
        return model
    data = entropy_weights(matrix)
    return data if choice.method == "entropy" else blend(model, data, choice.alpha or 0.0)


def competition_ranks(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """1 + the number of strictly greater values; 0 for NaN."""
    return ranked(values)[0]


def ranked(
    values: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The competition rank of each value (1 + the number of strictly greater values; 0
    for NaN) and the indices from rank 1 down (ties and NaN in input order), by one sort:
    the highest first, NaN last, each run of equal values taking the place of its first."""
    import numpy as np

    order = np.argsort(-values, kind="stable")
    known = int(np.count_nonzero(~np.isnan(values)))
    ranks = np.zeros(len(values), dtype=np.int64)
    if known:
        ordered = values[order[:known]]
        starts = np.ones(known, dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        first = np.maximum.accumulate(np.where(starts, np.arange(known), 0))
        ranks[order[:known]] = 1 + first
    return ranks, order


def rank_units(
    scores: npt.NDArray[np.float64],
    order: NodeOrder,
    tree: WeightTree,
    method: str,
    choice: WeightChoice,
    assessed: npt.NDArray[np.bool_] | None = None,
) -> Ranking:
    """Rank units (rows of ``scores``, columns in ``order.nodes``). A unit that assessed
    nothing (``assessed`` False: no question answered) has no rank and no place in the
    ranking's figures (TOPSIS's best and worst, entropy weights): its scores are only
    what the missing policy made of blanks."""
    import numpy as np

    if method not in RANK_METHODS:
        raise InputError(f"--rank {method!r}: expected one of {', '.join(RANK_METHODS)}")
    silent = np.zeros(len(scores), dtype=bool) if assessed is None else ~assessed
    if method == "score" and choice.method == "model":
        value = scores[:, 0].copy()
        value[silent] = np.nan
        weights = [tree.global_[c] for c in order.capabilities]
    else:
        rankable = ~np.isnan(scores[:, 0]) & ~silent
        matrix = criteria_matrix(scores[rankable, 1 + len(order.dimensions) :])
        weights = criterion_weights(matrix, order, tree, choice)
        value = np.full(len(scores), np.nan)
        if len(matrix) and method == "score":
            value[rankable] = matrix @ (np.asarray(weights) / sum(weights))
        elif len(matrix):
            value[rankable] = np.asarray(topsis(matrix, weights).closeness)
    ranks, sequence = ranked(value)
    return Ranking(method, choice, order.capabilities, tuple(weights), value, ranks, sequence)
