"""Compute the portfolio's capability heat map from the scored units: each capability
in each group (or each tenth of the units by overall score) against its target. The
cells are the report's (``report.portfolio.heat``), their status rule ``report.heat``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.batch.collect import Units
from capassess.batch.portfolio import DECILES, assessed, unit_gaps, unit_groups
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.report.portfolio import (
    FEW_UNITS,
    CapabilityHeat,
    HeatCell,
    HeatRow,
    mean_gap_status,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_HEAT_COLUMNS = 12
"""More groups than this: the heat map shows the best and the worst half of them."""


def cell(values: npt.NDArray[np.float64], target: int) -> HeatCell:
    """The cell of ``values`` (one a unit of the column; NaN = not assessed or n/a)
    against ``target``."""
    import numpy as np

    known = values[~np.isnan(values)]
    found = unit_gaps(values, target)
    if found is None:
        return HeatCell(None, None, None, "na", 0, len(values))
    return HeatCell(float(known.mean()), found[0], found[1], mean_gap_status(found[1], found[0]),
                    len(known), len(values))  # fmt: skip


Columns = list[tuple[str, "npt.NDArray[np.int64]"]]


def _columns(units: Units, group: str | None) -> tuple[str, Columns]:
    """The columns' labels and unit indices: the groups, best overall mean first and
    those of fewer than ``FEW_UNITS`` units last, or the tenths of the units by overall
    score."""
    import numpy as np

    if group and group in units.groups and len(units):
        parts = [(k or "—", ix) for k, ix in unit_groups(units, group).items()]

        def mean(ix: npt.NDArray[np.int64]) -> float:
            known = units.scores[ix, 0][~np.isnan(units.scores[ix, 0])]
            return float(known.mean()) if len(known) else -1.0

        return "group", sorted(parts, key=lambda p: (len(p[1]) < FEW_UNITS, -mean(p[1])))
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
        scores = assessed(units, j, first)
        rows.append(HeatRow(
            cap.id, cap.title.get(lang), dim.title.get(lang), cap.target,
            tuple(cell(scores[ix], cap.target) for _, ix in columns),
        ))  # fmt: skip
    return CapabilityHeat(by, tuple((k, len(ix)) for k, ix in columns), tuple(rows), total)
