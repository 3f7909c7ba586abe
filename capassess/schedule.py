"""Scheduling (pure): dependency order, placement under capacity, calendar months.

Actions are placed one by one in dependency order (among those ready: lower levels
first, then quick wins and the other kinds in their order, then high priorities). Each
starts at the earliest month when:
- every action it depends on has ended;
- the effort budget of the phase it would start in is not exceeded (``--budget``; after
  the last boundary the budget holds in each further window of the last window's length);
- fewer than ``max_major`` major projects would run beside it at any time (``--max-major``);
- its owner (a role) would run fewer than ``max_per_owner`` actions beside it
  (``--max-per-owner``; actions without an owner are not limited);
- fewer than ``max_active`` actions of any kind would run beside it (``--max-active``):
  what the bank's change capacity can carry at once, however many owners share it.
An action that cannot start in a window slides to a later month; dependencies still come
first. The phase of an action is the window it starts in.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from capassess.model.questionnaire import Action

EFFORT_POINTS = {"low": 1, "medium": 3, "high": 5}
DEFAULT_BOUNDARIES = (0, 6, 18, 36)
DEFAULT_MAX_MAJOR = 2
DEFAULT_MAX_PER_OWNER = 3
DEFAULT_MAX_ACTIVE = 8

QUICK_WIN_MONTHS = 6
MAJOR_PROJECT_MONTHS = 12


def quadrant(impact: str, effort: str, duration_months: int = 1) -> str:
    """Classify an action by impact, effort and duration (see README "Definitions").

    quick-win: low effort, medium or high impact, at most 6 months; major-project: medium
    or high impact with high effort or more than 12 months; initiative: the other medium or
    high impact actions; fill-in: low impact, low or medium effort; deprioritise: low
    impact, high effort.
    """
    if impact == "low":
        return "deprioritise" if effort == "high" else "fill-in"
    if effort == "high" or duration_months > MAJOR_PROJECT_MONTHS:
        return "major-project"
    if effort == "low" and duration_months <= QUICK_WIN_MONTHS:
        return "quick-win"
    return "initiative"


QUADRANT_ORDER = {"quick-win": 0, "major-project": 1, "initiative": 2, "fill-in": 3,
                  "deprioritise": 4}  # fmt: skip


@dataclass(frozen=True)
class PhasePlan:
    """Phase boundaries in months (n+1 numbers for n phases), an effort budget per phase,
    the number of major projects a bank can run at once, the calendar start, and how
    many actions one owner and the bank as a whole can run at once."""

    boundaries: tuple[int, ...] = DEFAULT_BOUNDARIES
    budget: int | None = None
    max_major: int = DEFAULT_MAX_MAJOR
    start: dt.date | None = None
    max_per_owner: int | None = DEFAULT_MAX_PER_OWNER
    max_active: int | None = DEFAULT_MAX_ACTIVE

    def __post_init__(self) -> None:
        b = self.boundaries
        if len(b) < 2 or b[0] != 0 or any(y <= x for x, y in itertools.pairwise(b)):
            raise ValueError(f"phase boundaries must start at 0 and ascend, got {list(b)}")
        if self.budget is not None and self.budget < EFFORT_POINTS["high"]:
            raise ValueError(f"a phase budget must be at least {EFFORT_POINTS['high']} points")
        if self.max_major < 1:
            raise ValueError("--max-major must be at least 1")
        if self.max_per_owner is not None and self.max_per_owner < 1:
            raise ValueError("--max-per-owner must be at least 1")
        if self.max_active is not None and self.max_active < 1:
            raise ValueError("--max-active must be at least 1")

    @property
    def count(self) -> int:
        """Number of planned phases (an overflow phase may follow)."""
        return len(self.boundaries) - 1

    def phase_of(self, month: int) -> int:
        """Index of the window a month falls in. After the last boundary: ``count``, or
        with a budget one more window for each further length of the last window (the
        budget holds in every window an action may start in)."""
        b = self.boundaries
        if month >= b[-1]:
            return self.count + ((month - b[-1]) // self.step if self.budget else 0)
        return next(i for i in range(self.count) if month < b[i + 1])

    @property
    def step(self) -> int:
        """The length in months of the last planned window: that of each budgeted window
        after it."""
        return self.boundaries[-1] - self.boundaries[-2]

    def window(self, phase: int) -> tuple[int, int]:
        """First month and the month after the last of window ``phase`` (a window after
        the last boundary has the last window's length)."""
        b = self.boundaries
        if phase < self.count:
            return b[phase], b[phase + 1]
        lo = b[-1] + (phase - self.count) * self.step
        return lo, lo + self.step


def calendar_month(start: dt.date, months: int) -> str:
    """``YYYY-MM`` of the month ``months`` after ``start``'s month."""
    index = start.year * 12 + start.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def order_actions(
    chosen: Mapping[str, Action], preds: Mapping[str, set[str]], priority: Mapping[str, float]
) -> list[str]:
    """Topological order; among ready actions, lower levels first, then quick wins (and
    the other kinds in ``QUADRANT_ORDER``), then high priority."""

    def key(aid: str) -> tuple[int, int, float, str]:
        a = chosen[aid]
        kind = quadrant(a.impact, a.effort, a.duration_months)
        return (a.level, QUADRANT_ORDER[kind], -priority[aid], aid)

    waiting = {aid: set(p) for aid, p in preds.items()}
    ready = [key(aid) for aid, p in waiting.items() if not p]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        aid = heapq.heappop(ready)[-1]
        order.append(aid)
        for other, p in waiting.items():
            if aid in p:
                p.discard(aid)
                if not p:
                    heapq.heappush(ready, key(other))
    if len(order) != len(chosen):
        raise ValueError("action dependencies form a cycle")
    return order


def _peak(intervals: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Most intervals running at once within [start, end), and the earliest end among the
    intervals running then (the first moment that could free a slot)."""
    points = sorted({start} | {s for s, _ in intervals if start < s < end})
    best, free = 0, end
    for t in points:
        running = [e for s, e in intervals if s <= t < e]
        if len(running) > best:
            best, free = len(running), min(running)
    return best, free


def _full(intervals: list[tuple[int, int]], start: int, end: int, limit: int) -> int | None:
    """The first month that could free a slot if ``limit`` intervals would run at once
    somewhere within [start, end); ``None`` if there is room throughout (a pool with
    fewer intervals overlapping the window than its limit is never full)."""
    overlapping = [(s, e) for s, e in intervals if s < end and e > start]
    if len(overlapping) < limit:
        return None
    running, free = _peak(overlapping, start, end)
    return free if running >= limit else None


def place_actions(
    order: list[str], chosen: Mapping[str, Action], preds: Mapping[str, set[str]], plan: PhasePlan
) -> dict[str, tuple[int, int, int]]:
    """Phase, start and end month of each action, honouring dependencies and capacity."""
    placed: dict[str, tuple[int, int, int]] = {}
    used: dict[int, int] = {}  # effort points started per window
    pools: dict[str, list[tuple[int, int]]] = {}  # running intervals per capacity pool
    for aid in order:
        a = chosen[aid]
        limits = _limits(a, plan)
        cost = EFFORT_POINTS[a.effort]
        t = max((placed[p][2] for p in preds[aid]), default=0)
        while True:
            phase = plan.phase_of(t)
            if plan.budget and used.get(phase, 0) + cost > plan.budget:
                t = plan.window(phase)[1]
                continue
            end = t + a.duration_months
            frees = [_full(pools.get(pool, []), t, end, limit) for pool, limit in limits.items()]
            full = [free for free in frees if free is not None]
            if full:
                t = max(min(full), t + 1)
                continue
            break
        used[phase] = used.get(phase, 0) + cost
        for pool in limits:
            pools.setdefault(pool, []).append((t, t + a.duration_months))
        placed[aid] = (phase, t, t + a.duration_months)
    return placed


def _limits(a: Action, plan: PhasePlan) -> dict[str, int]:
    """The capacity pools an action draws on, with their sizes."""
    out: dict[str, int] = {} if plan.max_active is None else {"all": plan.max_active}
    if quadrant(a.impact, a.effort, a.duration_months) == "major-project":
        out["major"] = plan.max_major
    if a.owner is not None and plan.max_per_owner is not None:
        out[f"owner:{a.owner}"] = plan.max_per_owner
    return out
