"""Place one assessment among its peers: the peer median and percentile rank per node.

Percentile rank of a score s in a group: the share of the group's distribution at or
below s, read off the pack's percentiles by linear interpolation. With knots
(q10, 10), (q25, 25), (q50, 50), (q75, 75), (q90, 90): take the highest knot with
q <= s and interpolate towards the next one. Below q10 the rank is only known to be
under 10, above q90 only to be over 90: the rank is then 10 or 90 and ``position``
says "below" or "above". Scores are rounded to the pack's decimals first, as the
percentiles were, so a score shown as 3.29 is never "below" a p10 shown as 3.29.
"""

from __future__ import annotations

from typing import Any, Literal

from capassess.errors import InputError
from capassess.model.answers import Subject
from capassess.model.benchmark import (
    BANK_TYPE_GROUPING,
    PERCENTILES,
    BenchmarkPack,
    DisclosedFigure,
    Percentiles,
)
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.records import record

Position = Literal["below", "within", "above"]


@record
class Standing:
    """Where one value stands in its peer group."""

    value: float | None
    count: int
    median: float
    percentile: float | None
    position: Position | None
    row: Percentiles

    @property
    def shown(self) -> str:
        """The rank as people read it: ``<10``, ``47`` or ``>90``; empty when n/a."""
        if self.percentile is None:
            return ""
        if self.position == "below":
            return "<10"
        if self.position == "above":
            return ">90"
        return f"{self.percentile:.0f}"


@record
class PeerComparison:
    """An assessment against one group of a pack."""

    pack: BenchmarkPack
    source: str
    group: str
    nodes: dict[str, Standing]
    numbers: dict[str, Standing]
    disclosed: tuple[DisclosedFigure, ...]

    @property
    def count(self) -> int:
        """Units in the peer group."""
        return self.pack.peer_groups[self.group].count


def percentile_rank(value: float, row: Percentiles, decimals: int = 2) -> tuple[float, Position]:
    """The share (0..100) of ``row``'s distribution at or below ``value``; see the module."""
    import numpy as np

    ranks, positions = percentile_ranks(np.array([value], dtype=float), row, decimals)
    return float(ranks[0]), POSITIONS[int(positions[0])]


POSITIONS: tuple[Position, Position, Position] = ("below", "within", "above")


def percentile_ranks(values: Any, row: Percentiles, decimals: int = 2) -> tuple[Any, Any]:
    """``percentile_rank`` of every value of an array: ranks (NaN for NaN) and positions
    (0 below, 1 within, 2 above; -1 for NaN)."""
    import numpy as np

    v = np.round(np.asarray(values, dtype=float), decimals)
    knots = np.array(row.values(), dtype=float)
    points = np.array(PERCENTILES, dtype=float)
    at = np.searchsorted(knots, v, side="right") - 1  # the highest knot at or below v
    i = np.clip(at, 0, len(knots) - 2)
    low, high = knots[i], knots[i + 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(high > low, (v - low) / np.where(high > low, high - low, 1.0), 0.0)
    ranks = points[i] + (points[i + 1] - points[i]) * share
    ranks = np.where(at < 0, points[0], np.where(at >= len(knots) - 1, points[-1], ranks))
    positions = np.where(v < knots[0], 0, np.where(v > knots[-1], 2, 1))
    missing = np.isnan(v)
    return np.where(missing, np.nan, ranks), np.where(missing, -1, positions)


def standing(value: float | None, row: Percentiles, decimals: int) -> Standing:
    """``value`` against ``row``."""
    if value is None:
        return Standing(None, row.count, row.p50, None, None, row)
    rank, position = percentile_rank(value, row, decimals)
    return Standing(value, row.count, row.p50, rank, position, row)


def check_fits(pack: BenchmarkPack, questionnaire: Questionnaire, model: str, where: str) -> None:
    """Refuse a pack built for another questionnaire version or scoring model."""
    if pack.questionnaire != questionnaire.ref:
        raise InputError.at(
            f"this benchmark pack is for {pack.questionnaire}, but the assessment is scored "
            f"with {questionnaire.ref}; build a pack from {questionnaire.ref} assessments",
            where, loc=("questionnaire",),
        )  # fmt: skip
    if pack.built.model != model:
        raise InputError.at(
            f"this benchmark pack holds {pack.built.model} scores, but the assessment is "
            f"scored with {model}; use --model {pack.built.model} or another pack",
            where, loc=("built", "model"),
        )  # fmt: skip


def peer_group(pack: BenchmarkPack, subject: Subject | None, chosen: str | None, where: str) -> str:
    """The group asked for; else the subject's own (its bank type, or its group column
    value); else the pack's only group."""
    groups = pack.peer_groups
    names = ", ".join(groups) or "none"
    if chosen is not None:
        if chosen not in groups:
            raise InputError.at(f"no peer group {chosen!r} in the pack (groups: {names})", where)
        return chosen
    grouping = pack.built.grouping
    own = None
    if subject is not None and grouping:
        own = subject.bank_type if grouping == BANK_TYPE_GROUPING else subject.group.get(grouping)
    if own in groups:
        return str(own)
    if len(groups) == 1:
        return next(iter(groups))
    what = (
        f"{grouping} {own!r} is not among its groups" if own else f"the subject has no {grouping}"
    )
    raise InputError.at(
        f"the pack is grouped by {grouping} and {what} (groups: {names}); choose one with "
        "--peer-group", where,
    )  # fmt: skip


def compare_to_peers(
    pack: BenchmarkPack, group: str, result: ScoreResult, numbers: dict[str, float], source: str
) -> PeerComparison:
    """Every scored node and answered number question of ``result`` against ``group``."""
    peers, places = pack.peer_groups[group], pack.built.decimals
    scores = {"overall": result.overall.score}
    for dim in result.dimensions:
        scores[dim.id] = dim.score
        scores.update({cap.id: cap.score for cap in dim.capabilities})
    nodes = {
        n: standing(scores.get(n), row, places) for n, row in peers.nodes.items() if n in scores
    }
    figures = {q: standing(numbers.get(q), row, places) for q, row in peers.numbers.items()}
    disclosed = tuple(f for f in pack.disclosed if f.group in (None, group))
    return PeerComparison(pack, source, group, nodes, figures, disclosed)
