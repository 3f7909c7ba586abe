"""Heat-map cells for every report kind: the statuses, the mark of each, and the two
rules that give a status.

- a capability of one assessment (the bank report, its deck): ``capability_status``,
  from its score against its target;
- a capability across many units (the portfolio): ``mean_gap_status``, from the mean
  gap of the units to the target (``max(0, target - score)`` per unit, then the mean)
  and the share of the units below the target, so that a group whose mean meets the
  target while many units fall short is not shown as met.

Colours are ``report.palette.HEAT_COLOURS``; the statuses are told apart by symbol as
well, so that they read in greyscale.
"""

from __future__ import annotations

HEAT_STATUSES = ("met", "near", "far", "na")
HEAT_SYMBOLS = {"met": "✓", "near": "▲", "far": "✕", "na": "–"}
NEAR, FAR = 0.25, 1.0
"""Mean gaps under ``NEAR`` may be met, under ``FAR`` near, else far (``mean_gap_status``)."""
MET_BELOW = 0.1
"""A met cell has at most this share of its units below the target."""


def capability_status(assessed: bool, score: float | None, met: bool, gap: float | None) -> str:
    """``na`` (not assessed or n/a), ``met``, ``near`` (at most one level short) or ``far``."""
    if not assessed or score is None:
        return "na"
    if met:
        return "met"
    return "near" if gap is not None and abs(gap) <= 1 else "far"


def mean_gap_status(gap: float | None, below: float = 0.0) -> str:
    """``met``, ``near``, ``far`` or ``na`` for a mean gap to target, with ``below`` the
    share of the units under the target: met needs a mean gap under ``NEAR`` and at most
    ``MET_BELOW`` of the units below the target."""
    if gap is None:
        return "na"
    if gap < NEAR and below <= MET_BELOW + 1e-12:
        return "met"
    return "near" if gap < FAR else "far"
