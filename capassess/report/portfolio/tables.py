"""The rows and sections of the portfolio report: score statistics, the league table,
group roll-ups, the weakest capabilities and the comparison with a benchmark pack.

Plain frozen data, built by the batch's aggregation (``batch.portfolio``,
``batch.peers``) and shown by the report's templates and ``summary.json``.
"""

from __future__ import annotations

from capassess.records import record


@record
class Stats:
    """Summary statistics of the scores that are not n/a."""

    count: int
    na: int
    mean: float | None = None
    min: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    max: float | None = None


@record
class Distribution:
    """How the scores of one node are spread: statistics, histogram, units per level."""

    id: str
    title: str
    stats: Stats
    histogram: tuple[int, ...]
    levels: tuple[int, ...]
    holds_unassessed: int = 0
    """Units whose score counts a capability they did not assess, at the value the
    missing policy gave it (under ``lowest``, 1.00)."""


@record
class LeagueRow:
    """One unit in the league table."""

    rank: int
    id: str
    name: str
    group: str
    overall: float | None
    level: int | None
    dimensions: tuple[float | None, ...]
    report: str | None = None
    """The file name stem of the unit's own reports, when ``--reports`` wrote them."""
    closeness: float | None = None
    """The TOPSIS closeness that decides the rank, under ``--rank topsis``; else None."""
    unassessed: int = 0
    """Capabilities the unit did not assess (no question answered) that its scores count,
    at the missing policy's value: its rank rests on them too."""
    blind: tuple[bool, ...] = ()
    """Per dimension: True when the unit assessed none of its capabilities (the score is
    the missing policy's alone, shown as not assessed)."""


FEW_UNITS = 5
"""A group of fewer units than this (the benchmark pack's default smallest group) is
marked in the roll-up and the heat map, and listed after the others: its figures are a
few units' own scores, not a pattern of the group."""


@record
class GroupRow:
    """The roll-up of one group: overall statistics and mean dimension scores."""

    group: str
    stats: Stats
    dimensions: tuple[float | None, ...]
    few: bool = False
    """Fewer than ``FEW_UNITS`` units (``by=group`` only; a tenth of the units is not)."""


@record
class WeakCapability:
    """A capability across all units, weakest first."""

    id: str
    title: str
    dimension: str
    mean: float | None
    median: float | None
    target: int
    below_target: float | None
    """The share of the units with a score whose score is under the target."""
    gap: float | None
    """The mean over the units of ``max(0, target - score)``: how far the units are from
    the target on average, not the gap of the mean (which hides the units below it)."""
    weight: float
    assessed: int = 0
    """The units that assessed the capability (answered one of its questions): the only
    ones its figures count."""
    units: int = 0
    """The units scored."""


@record
class PeerCapability:
    """One capability of the portfolio against the peers."""

    id: str
    title: str
    peer_median: float | None
    """None when the units fall in several peer groups."""
    portfolio_median: float | None
    compared: int
    median_percentile: float | None
    below_peer_median: float | None
    """Share of the units compared that score under their group's median."""


@record
class PortfolioPeers:
    """The portfolio against a benchmark pack."""

    pack: str
    illustrative: bool
    questionnaire: str
    groups: tuple[tuple[str, int], ...]
    unplaced: int
    capabilities: tuple[PeerCapability, ...]
