"""Turn a sample of scored units into a benchmark pack, leaving out groups that are small.

Percentiles are numpy's default (``linear``) and rounded to ``DECIMALS``. A group with
fewer than ``min_group`` units is left out whole; in a group kept, a node or number
question that fewer than ``min_group`` units have a value for is left out too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from capassess import __version__
from capassess.benchmark.sample import Sample
from capassess.model.base import BANK_TYPES, name_problem
from capassess.model.benchmark import (
    BANK_TYPE_GROUPING,
    PERCENTILES,
    Assessed,
    BenchmarkPack,
    Built,
    PeerGroup,
    Percentiles,
)
from capassess.records import record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DECIMALS = 2
DEFAULT_MIN_GROUP = 5
ALL = "all"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@record
class Grouping:
    """How units are grouped: by bank type, by a group column, or all in one."""

    by: str | None

    @property
    def column(self) -> str | None:
        """The group column that holds each unit's group."""
        if self.by is None:
            return None
        return "bank_type" if self.by in (BANK_TYPE_GROUPING, "bank_type") else self.by

    @property
    def name(self) -> str | None:
        """The grouping as the pack records it."""
        return BANK_TYPE_GROUPING if self.column == "bank_type" else self.by


@dataclass
class BuildNotes:
    """What the build left out, and why: said on stderr, never written to the pack."""

    small_groups: dict[str, int] = field(default_factory=dict)
    ungrouped: int = 0
    unknown_types: dict[str, int] = field(default_factory=dict)
    small_nodes: dict[str, list[str]] = field(default_factory=dict)
    unnamed: dict[str, int] = field(default_factory=dict)
    """Group values that cannot name a peer group (control characters, too long)."""


def percentiles(values: npt.NDArray[np.float64]) -> Percentiles:
    """Count and rounded p10..p90 of ``values`` (no NaN), by numpy's default method."""
    import numpy as np

    points = np.round(np.percentile(values, PERCENTILES), DECIMALS)  # as peers.py rounds
    rounded = [float(p) for p in points]
    names = ("p10", "p25", "p50", "p75", "p90")
    return Percentiles(count=len(values), **dict(zip(names, rounded, strict=True)))


def build_pack(
    sample: Sample, grouping: Grouping, min_group: int, *, model: str, missing: str,
    questionnaire: str, title: str | None = None, illustrative: bool = False,
) -> tuple[BenchmarkPack, BuildNotes]:  # fmt: skip
    """The pack of ``sample``, and notes on what was left out."""
    import numpy as np

    notes = BuildNotes()
    members = _members(sample, grouping, notes)
    groups: dict[str, PeerGroup] = {}
    for name in sorted(members):
        rows = members[name]
        if len(rows) < min_group:
            notes.small_groups[name] = len(rows)
            continue
        scores = np.vstack([sample.scores[i] for i in rows])
        figures = np.vstack([sample.numbers[i] for i in rows]).reshape(len(rows), -1)
        left: list[str] = []
        nodes = _columns(scores, sample.order.nodes, min_group, left)
        numbers = _columns(figures, sample.number_ids, min_group, left)
        if left:
            notes.small_nodes[name] = left
        groups[name] = PeerGroup(count=len(rows), nodes=nodes, numbers=numbers)
    built = Built(tool=f"capassess {__version__}", grouping=grouping.name, min_group=min_group,
                  decimals=DECIMALS, model=model, missing=missing)  # fmt: skip
    used = sorted(i for name in groups for i in members[name])
    pack = BenchmarkPack(questionnaire=questionnaire, title=title, illustrative=illustrative,
                         built=built, assessed=_assessed([sample.dates[i] for i in used]),
                         peer_groups=groups)  # fmt: skip
    return pack, notes


def _members(sample: Sample, grouping: Grouping, notes: BuildNotes) -> dict[str, list[int]]:
    if grouping.column is None:
        return {ALL: list(range(len(sample)))} if len(sample) else {}
    members: dict[str, list[int]] = {}
    unknown: Counter[str] = Counter()
    unnamed: Counter[str] = Counter()
    for i, value in enumerate(sample.groups):
        value = value.strip()
        if not value:
            notes.ungrouped += 1
        elif grouping.column == "bank_type" and value not in BANK_TYPES:
            unknown[value] += 1
        elif name_problem(value) is not None:
            unnamed[value] += 1
        else:
            members.setdefault(value, []).append(i)
    notes.unknown_types = dict(unknown)
    notes.unnamed = dict(unnamed)
    return members


def _columns(
    table: npt.NDArray[np.float64], ids: Sequence[str], min_group: int, left: list[str]
) -> dict[str, Percentiles]:
    import numpy as np

    out: dict[str, Percentiles] = {}
    for j, node in enumerate(ids):
        values = table[:, j][~np.isnan(table[:, j])]
        if len(values) >= min_group:
            out[node] = percentiles(values)
        elif len(values):
            left.append(node)
    return out


def _assessed(dates: list[str]) -> Assessed | None:
    months = sorted(d[:7] for d in dates if ISO_DATE.match(d) and _real(d))
    return Assessed(first=months[0], last=months[-1]) if months else None


def _real(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
