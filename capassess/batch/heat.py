"""The portfolio's capability heat map: each capability in each group (or each tenth of
the units by overall score), judged against the capability's target, not against the
spread of the scores.

A cell's status comes from the mean gap of its units to the target (``max(0, target -
score)`` per unit, then the mean), so that a group whose mean meets the target while
many of its units fall short is not shown as met:

- ``met``: mean gap under ``NEAR`` (0.25 of a level);
- ``near``: mean gap under ``FAR`` (one level);
- ``far``: one level or more;
- ``na``: no unit of the group has a score for the capability.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from capassess.batch.collect import Units
from capassess.batch.portfolio import DECILES, group_slices, unit_gaps
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

NEAR, FAR = 0.25, 1.0
MAX_HEAT_COLUMNS = 12
"""More groups than this: the heat map shows the best and the worst half of them."""


@dataclass(frozen=True)
class HeatCell:
    """One capability in one group."""

    mean: float | None
    below_target: float | None
    gap: float | None
    status: str


@dataclass(frozen=True)
class HeatRow:
    """One capability across the columns."""

    id: str
    title: str
    dimension: str
    target: int
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class CapabilityHeat:
    """The heat map: columns (group, units), one row per capability."""

    by: str
    columns: tuple[tuple[str, int], ...]
    rows: tuple[HeatRow, ...]
    total_columns: int


def status(gap: float | None) -> str:
    """``met``, ``near``, ``far`` or ``na`` for a mean gap to target."""
    if gap is None:
        return "na"
    return "met" if gap < NEAR else "near" if gap < FAR else "far"


def cell(values: npt.NDArray[np.float64], target: int) -> HeatCell:
    """The cell of ``values`` (NaN = no score) against ``target``."""
    import numpy as np

    known = values[~np.isnan(values)]
    found = unit_gaps(values, target)
    if found is None:
        return HeatCell(None, None, None, "na")
    return HeatCell(float(known.mean()), found[0], found[1], status(found[1]))


Columns = list[tuple[str, "npt.NDArray[np.int64]"]]


def _columns(units: Units, group: str | None) -> tuple[str, Columns]:
    """The columns' labels and unit indices: the groups, best overall mean first, or the
    tenths of the units by overall score."""
    import numpy as np

    values = units.groups.get(group) if group else None
    if values is not None and len(units):
        parts = [(k or "—", ix) for k, ix in group_slices(values).items()]

        def mean(ix: npt.NDArray[np.int64]) -> float:
            known = units.scores[ix, 0][~np.isnan(units.scores[ix, 0])]
            return float(known.mean()) if len(known) else -1.0

        return "group", sorted(parts, key=lambda p: -mean(p[1]))
    known = np.flatnonzero(~np.isnan(units.scores[:, 0]))
    ordered = known[np.argsort(-units.scores[known, 0], kind="stable")]
    if not len(ordered):
        return "decile", []
    split = [p for p in np.array_split(ordered, min(DECILES, len(ordered))) if len(p)]
    return "decile", [(f"{10 * i}–{10 * (i + 1)}%", p) for i, p in enumerate(split)]


def capability_heat(
    units: Units, questionnaire: Questionnaire, group: str | None, lang: Lang
) -> CapabilityHeat:
    """Every capability against its target in each group (or tenth of the units)."""
    by, columns = _columns(units, group)
    total = len(columns)
    if total > MAX_HEAT_COLUMNS:
        half = MAX_HEAT_COLUMNS // 2
        columns = columns[:half] + columns[-half:]
    first = 1 + len(questionnaire.sections())
    rows = []
    for j, (dim, cap) in enumerate(questionnaire.capabilities()):
        scores = units.scores[:, first + j]
        rows.append(HeatRow(
            cap.id, cap.title.get(lang), dim.title.get(lang), cap.target,
            tuple(cell(scores[ix], cap.target) for _, ix in columns),
        ))  # fmt: skip
    return CapabilityHeat(by, tuple((k, len(ix)) for k, ix in columns), tuple(rows), total)
