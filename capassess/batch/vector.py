"""Score capabilities, dimensions and the whole for many units at once, with numpy.

The same arithmetic as ``scoring.engine`` with ``WeightedMeanModel`` or ``StagedModel``,
in the same order, so the results are equal to the last bit (the equivalence tests
check this against ``score_assessment``):

- weighted-mean: C = clamp(1 + 4 * sum(w s) / sum(w)) over the counted questions; a
  parent is clamp(sum(w x) / sum(w)) over its children that are not n/a. Sums run in
  questionnaire order; an uncounted term adds 0.0, which changes no float.
- staged: C = clamp(1 + 4 * min s); a parent is clamp(min x).

A question counts when answered, or when missing under the ``lowest`` policy (s = 0).
A node with nothing counted is n/a (NaN).

Beside the scores, each unit's number of answered questions per capability: a
capability with none is "not assessed" (SPEC), whatever its score under the policy,
and the portfolio's capability figures leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from capassess.batch.cells import ANSWERED, MISSING, NOT_APPLICABLE
from capassess.model.questionnaire import Questionnaire
from capassess.records import record
from capassess.scoring.questions import LEVEL_EPSILON
from capassess.scoring.weights import WeightTree

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]
    Mask = npt.NDArray[np.bool_]


@record
class NodeOrder:
    """The result columns: overall, then dimensions, then capabilities, in file order."""

    dimensions: tuple[str, ...]
    capabilities: tuple[str, ...]
    dimension_of: dict[str, str]
    gates: tuple[str, ...] = ()
    """The foundation's capabilities, each of which caps the overall level."""

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> NodeOrder:
        """The order of ``questionnaire``'s nodes."""
        caps = [(d.id, c.id) for d, c in questionnaire.capabilities()]
        foundation = questionnaire.foundation
        return cls(
            tuple(d.id for d in questionnaire.sections()),
            tuple(c for _, c in caps),
            {c: d for d, c in caps},
            tuple(c.id for c in foundation.capabilities) if foundation else (),
        )

    @property
    def nodes(self) -> tuple[str, ...]:
        """Every scored node id; ``overall`` first."""
        return ("overall", *self.dimensions, *self.capabilities)


@record
class Scored:
    """Scores (units x nodes, NaN for n/a), answer counts (units x 3) and answered
    questions per capability (units x capabilities) of a chunk."""

    scores: npt.NDArray[np.float64]
    counts: npt.NDArray[np.int32]
    answered: npt.NDArray[np.int16]
    """Answered questions of each capability, in ``NodeOrder.capabilities`` order."""


def overall_levels(scores: Floats, order: NodeOrder, answered: npt.NDArray[np.int16]) -> Floats:
    """The overall level of each unit (rows of ``order.nodes``), capped by the foundation.

    As ``scoring.engine.gate_overall``: the lowest of the overall score's level and the
    levels of the foundation's capabilities; an n/a capability caps nothing, nor does one
    the unit did not assess (``answered``, units x ``order.capabilities``, is 0 for it).
    """
    import numpy as np

    own = levels(scores[:, 0])
    if not order.gates:
        return own
    column = {node: i for i, node in enumerate(order.nodes)}
    caps = {cap: j for j, cap in enumerate(order.capabilities)}
    silent = answered[:, [caps[g] for g in order.gates]] == 0
    gates = levels(np.where(silent, np.nan, scores[:, [column[g] for g in order.gates]]))
    lowest = np.min(np.where(np.isnan(gates), np.inf, gates), axis=1)
    return np.where(np.isnan(own), own, np.fmin(own, lowest))


def levels(scores: Floats) -> Floats:
    """floor(score + 1e-9) clamped to 1..5; NaN stays NaN."""
    import numpy as np

    return np.clip(np.floor(scores + LEVEL_EPSILON), 1, 5)


class VectorScorer:
    """Scores chunks of judged cells against one questionnaire, model and policy."""

    def __init__(
        self, questionnaire: Questionnaire, tree: WeightTree, model: str, policy: str
    ) -> None:
        if model not in ("weighted-mean", "staged"):
            raise ValueError(f"no vectorised scoring for model {model!r}")
        self.questionnaire, self.tree = questionnaire, tree
        self.staged, self.lowest = model == "staged", policy == "lowest"
        self.order = NodeOrder.of(questionnaire)

    def score(
        self, status: Mapping[str, npt.NDArray[np.int8]], score: Mapping[str, Floats]
    ) -> Scored:
        """Scores of every unit of a chunk from each question's status and score."""
        import numpy as np

        rows = len(next(iter(status.values())))
        out = np.full((rows, len(self.order.nodes)), np.nan)
        column = {node: i for i, node in enumerate(self.order.nodes)}
        answered = np.zeros((rows, len(self.order.capabilities)), dtype=np.int16)
        first = 1 + len(self.order.dimensions)
        known = {q: s == ANSWERED for q, s in status.items()}  # each found once, used thrice
        for dim in self.questionnaire.sections():
            for cap in dim.capabilities:
                pairs = [(status[q.id], known[q.id], score[q.id], self.tree.local[q.id])
                         for q in cap.questions]  # fmt: skip
                out[:, column[cap.id]] = self._capability(pairs, rows)
                answered[:, column[cap.id] - first] = sum(
                    known[q.id].astype(np.int16) for q in cap.questions
                )
            children = [(out[:, column[c.id]], self.tree.local[c.id]) for c in dim.capabilities]
            out[:, column[dim.id]] = self._combine(children, rows)
        # the foundation stays out of the overall score (its level gate is not applied here)
        dims = [
            (out[:, column[d.id]], self.tree.local[d.id]) for d in self.questionnaire.dimensions
        ]
        out[:, 0] = self._combine(dims, rows)
        counts = np.zeros((rows, 3), dtype=np.int32)
        counts[:, 0] = answered.sum(axis=1, dtype=np.int32)  # every question is a capability's
        for code, i in ((NOT_APPLICABLE, 1), (MISSING, 2)):
            counts[:, i] = sum((s == code).astype(np.int32) for s in status.values())
        return Scored(out, counts, answered)

    def _capability(
        self, pairs: list[tuple[npt.NDArray[np.int8], Mask, Floats, float]], rows: int
    ) -> Floats:
        """A capability's scores from its questions' status, answered mask, score, weight."""
        import numpy as np

        terms = []
        for status, answered, score, weight in pairs:
            counted = answered | (status == MISSING) if self.lowest else answered
            terms.append((np.where(answered, score, 0.0), weight, counted))
        if self.staged:
            return _clamp(1 + 4 * _minimum(terms, rows))
        return _clamp(1 + 4 * _weighted_mean(terms, rows))

    def _combine(self, children: list[tuple[Floats, float]], rows: int) -> Floats:
        import numpy as np

        terms = [(np.nan_to_num(x, nan=0.0), w, ~np.isnan(x)) for x, w in children]
        return _clamp(_minimum(terms, rows) if self.staged else _weighted_mean(terms, rows))


def _weighted_mean(terms: list[tuple[Floats, float, Mask]], rows: int) -> Floats:
    """sum(w x) / sum(w) over counted terms, in order; NaN where nothing counts."""
    import numpy as np

    total = np.zeros(rows)
    weighted = np.zeros(rows)
    for _, weight, counted in terms:
        total += np.where(counted, weight, 0.0)
    for value, weight, counted in terms:
        weighted += np.where(counted, value * weight, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weighted / np.where(total > 0, total, 1.0), np.nan)


def _minimum(terms: list[tuple[Floats, float, Mask]], rows: int) -> Floats:
    """min x over counted terms; NaN where nothing counts."""
    import numpy as np

    low = np.full(rows, np.inf)
    for value, _, counted in terms:
        low = np.where(counted, np.minimum(low, value), low)
    return np.where(np.isinf(low), np.nan, low)


def _clamp(values: Floats) -> Floats:
    import numpy as np

    return np.clip(values, 1.0, 5.0)
