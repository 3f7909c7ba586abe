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

NEAR, FAR = 0.25, 1.0


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
