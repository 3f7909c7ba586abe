"""The portfolio's capability heat map: each capability in each group (or each tenth of
the units by overall score), judged against the capability's target, not against the
spread of the scores.

A cell's status comes from the mean gap of its units to the target and the share of
them below it (``report.heat.mean_gap_status``): ``met`` under 0.25 of a level with at
most one unit in ten below the target, else ``near`` under one level, ``far`` one level
or more, ``na`` when no unit of the group has a score. A cell counts only the units
that assessed the capability (``assessed`` of ``units``).
"""

from __future__ import annotations

from capassess.records import record


@record
class HeatCell:
    """One capability in one group."""

    mean: float | None
    below_target: float | None
    gap: float | None
    status: str
    assessed: int = 0
    """The units of the column that assessed the capability, the only ones counted."""
    units: int = 0
    """The units of the column."""


@record
class HeatRow:
    """One capability across the columns."""

    id: str
    title: str
    dimension: str
    target: int
    cells: tuple[HeatCell, ...]


@record
class CapabilityHeat:
    """The heat map: columns (group, units), one row per capability."""

    by: str
    columns: tuple[tuple[str, int], ...]
    rows: tuple[HeatRow, ...]
    total_columns: int
