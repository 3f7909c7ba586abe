"""Aggregate scored units into a portfolio: distributions, league, roll-ups, heatmap,
weakest capabilities. Pure numpy over the per-unit results; no I/O.

Quartiles are numpy's default (linear interpolation, as pandas' ``describe``). The
heatmap has one row per group when grouping (the most and least mature groups if there
are more than ``MAX_HEAT_ROWS``), else one row per tenth of the units by overall score,
so that it stays readable for any number of units.

Capability figures (the weakest capabilities, the heat map, the peer comparison) count
only the units that assessed the capability, i.e. answered at least one of its
questions (SPEC: "not assessed"), whatever score the missing policy gave the others;
each says how many units that is ("n of N assessed"). Dimension, overall and group
figures are the units' own scores as in scores.csv, the missing policy included, and
count the units whose score holds a not-assessed capability (``Distribution.partial``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.batch.collect import Units
from capassess.batch.ranking import Ranking
from capassess.batch.vector import NodeOrder, levels
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.report.portfolio import (
    FEW_UNITS,
    Distribution,
    GroupRow,
    LeagueRow,
    Stats,
    WeakCapability,
)
from capassess.scoring.weights import WeightTree

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

EDGES = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
MAX_HEAT_ROWS = 40
DECILES = 10


def describe(values: npt.NDArray[np.float64]) -> Stats:
    """Count, n/a count, mean, min, quartiles and max of ``values`` (NaN = n/a)."""
    import numpy as np

    known = values[~np.isnan(values)]
    if not len(known):
        return Stats(0, len(values))
    q1, median, q3 = (float(x) for x in np.percentile(known, [25, 50, 75]))
    return Stats(len(known), len(values) - len(known), float(known.mean()), float(known.min()),
                 q1, median, q3, float(known.max()))  # fmt: skip


def _mean(values: npt.NDArray[np.float64]) -> float | None:
    import numpy as np

    known = values[~np.isnan(values)]
    return float(known.mean()) if len(known) else None


def assessed(units: Units, j: int, first: int) -> npt.NDArray[np.float64]:
    """The scores of capability ``j`` (column ``first + j``), NaN where the unit did not
    assess it (no answered question), whatever the missing policy made of it."""
    import numpy as np

    return np.where(units.answered[:, j] > 0, units.scores[:, first + j], np.nan)


def unassessed_counted(units: Units, first: int) -> npt.NDArray[np.bool_]:
    """Where a unit's capability score counts though the unit did not assess the
    capability (units x capabilities; capability scores from column ``first``)."""
    import numpy as np

    caps = units.answered.shape[1]
    found: npt.NDArray[np.bool_] = (units.answered == 0) & ~np.isnan(
        units.scores[:, first : first + caps]
    )
    return found


def blind_dimensions(
    counted: npt.NDArray[np.bool_], dimension_caps: list[list[int]]
) -> npt.NDArray[np.bool_]:
    """Where a unit assessed none of a dimension's capabilities (units x dimensions), from
    ``unassessed_counted`` and each dimension's capability columns."""
    import numpy as np

    found = np.zeros((counted.shape[0], len(dimension_caps)), dtype=bool)
    for d, caps in enumerate(dimension_caps):
        if caps:
            found[:, d] = counted[:, caps].all(axis=1)
    return found


def partial(
    units: Units,
    node: int,
    caps: list[int],
    first: int,
    counted: npt.NDArray[np.bool_] | None = None,
) -> int:
    """How many units' score of column ``node`` counts one of the capabilities ``caps``
    (indices into ``units.answered``) that the unit did not assess; ``counted``, if
    given, is ``unassessed_counted(units, first)``, found once for every node."""
    import numpy as np

    if not caps or not len(units):
        return 0
    found = unassessed_counted(units, first) if counted is None else counted
    return int((found[:, caps].any(axis=1) & ~np.isnan(units.scores[:, node])).sum())


def distribution(
    node: str,
    title: str,
    values: npt.NDArray[np.float64],
    node_levels: npt.NDArray[np.float64] | None = None,
    holds_unassessed: int = 0,
) -> Distribution:
    """The distribution of one node's scores; ``node_levels`` if not those of the scores;
    ``holds_unassessed`` units whose score counts a capability they did not assess."""
    import numpy as np

    known = values[~np.isnan(values)]
    histogram, _ = np.histogram(known, bins=EDGES)
    found = levels(known) if node_levels is None else node_levels[~np.isnan(values)]
    per_level = np.bincount(found.astype(np.int64), minlength=6)[1:6]
    return Distribution(node, title, describe(values), tuple(int(h) for h in histogram),
                        tuple(int(n) for n in per_level), holds_unassessed)  # fmt: skip


def league(
    units: Units,
    ranking: Ranking,
    dims: int,
    group: str | None,
    top: int,
    overall_level: npt.NDArray[np.float64] | None = None,
    counted: npt.NDArray[np.bool_] | None = None,
    blind: npt.NDArray[np.bool_] | None = None,
) -> list[LeagueRow]:
    """The first ``top`` and last ``top`` ranked units (all of them if few).

    ``overall_level`` gives each unit's overall level when it is not that of its score
    (the foundation caps it); ``counted`` is ``unassessed_counted``, for each row's count
    of capabilities its scores count without the unit having assessed them, and
    ``blind`` (``blind_dimensions``) the dimensions it assessed none of.
    """
    import numpy as np

    order = ranking.order()
    order = order[ranking.rank[order] > 0]
    picked = order if len(order) <= 2 * top else np.concatenate([order[:top], order[-top:]])
    groups = units.groups.get(group) if group else None
    rows = []
    for i in picked.tolist():
        scores = units.scores[i, : 1 + dims]
        rows.append(LeagueRow(
            int(ranking.rank[i]), units.ids[i].as_py(), units.names[i].as_py(),
            groups[i].as_py() if groups is not None else "", float(scores[0]),
            int(levels(scores[:1])[0] if overall_level is None else overall_level[i]),
            tuple(None if np.isnan(x) else float(x) for x in scores[1:]),
            closeness=float(ranking.value[i]) if ranking.method == "topsis" else None,
            unassessed=int(counted[i].sum()) if counted is not None else 0,
            blind=tuple(bool(b) for b in blind[i]) if blind is not None else (),
        ))  # fmt: skip
    return rows


def group_slices(values: pa.Array) -> dict[str, npt.NDArray[np.int64]]:
    """Indices of the units of each group value, groups in order of first appearance."""
    import numpy as np
    import pyarrow.compute as pc

    if len(values) == 0:
        return {}
    encoded = pc.dictionary_encode(values)
    index = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    names = [str(v) for v in encoded.dictionary.to_pylist()]
    order = np.argsort(index, kind="stable")
    bounds = np.cumsum(np.bincount(index, minlength=len(names)))[:-1]
    return dict(zip(names, np.split(order, bounds), strict=True))


def unit_groups(units: Units, group: str) -> dict[str, npt.NDArray[np.int64]]:
    """``group_slices`` of the units' column ``group``, found once for the units (the
    roll-ups and the heat map both ask)."""
    key = f"groups:{group}"
    if key not in units.found:
        units.found[key] = group_slices(units.groups[group])
    slices: dict[str, npt.NDArray[np.int64]] = units.found[key]
    return slices


def assessed_dimensions(
    units: Units, dims: int, blind: npt.NDArray[np.bool_] | None = None
) -> npt.NDArray[np.float64]:
    """The units' dimension scores (columns 1 to ``dims``), NaN where ``blind`` (units x
    dimensions) says the unit assessed none of the dimension's capabilities: the missing
    policy's score alone, which no mean of the dimension should take as the unit's."""
    import numpy as np

    scores = units.scores[:, 1 : 1 + dims]
    return scores if blind is None else np.where(blind, np.nan, scores)


def rollups(
    units: Units, group: str, dims: int, blind: npt.NDArray[np.bool_] | None = None
) -> list[GroupRow]:
    """Statistics of each group's overall scores and mean dimension scores, best first;
    a dimension's mean leaves out the units that did not assess it (``blind``, see
    ``assessed_dimensions``).

    No units scored (a blank template, every row rejected): no groups, no rows.
    """
    values = units.groups.get(group)
    if values is None or len(units) == 0:
        return []
    dimension = assessed_dimensions(units, dims, blind)
    rows = [
        GroupRow(value or "—", describe(units.scores[index, 0]),
                 tuple(_mean(dimension[index, d]) for d in range(dims)),
                 len(index) < FEW_UNITS)
        for value, index in unit_groups(units, group).items()
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r.few, -(r.stats.mean if r.stats.mean is not None
                                                 else -1.0)))  # fmt: skip


def decile_rows(
    units: Units, dims: int, blind: npt.NDArray[np.bool_] | None = None
) -> list[GroupRow]:
    """Mean dimension scores of each tenth of the units by overall score, best first (a
    dimension's mean over the units that assessed it, as in ``rollups``)."""
    import numpy as np

    known = np.flatnonzero(~np.isnan(units.scores[:, 0]))
    ordered = known[np.argsort(-units.scores[known, 0], kind="stable")]
    if not len(ordered):
        return []
    parts = [p for p in np.array_split(ordered, min(DECILES, len(ordered))) if len(p)]
    dimension = assessed_dimensions(units, dims, blind)
    return [
        GroupRow(f"{10 * i}–{10 * (i + 1)}%", describe(units.scores[p, 0]),
                 tuple(_mean(dimension[p, d]) for d in range(dims)))
        for i, p in enumerate(parts)
    ]  # fmt: skip


def heat_rows(rows: list[GroupRow]) -> list[GroupRow]:
    """The heatmap's rows: all of ``rows``, or the first and last when there are many."""
    if len(rows) <= MAX_HEAT_ROWS:
        return rows
    half = MAX_HEAT_ROWS // 2
    return rows[:half] + rows[-half:]


def unit_gaps(values: npt.NDArray[np.float64], target: float) -> tuple[float, float] | None:
    """The share of the known ``values`` under ``target`` and their mean gap to it
    (``max(0, target - score)`` per unit, then the mean); None if no value is known."""
    import numpy as np

    known = values[~np.isnan(values)]
    if not len(known):
        return None
    return float((known < target).mean()), float(np.maximum(0.0, target - known).mean())


def weakest(
    units: Units, questionnaire: Questionnaire, tree: WeightTree, order: NodeOrder, lang: Lang
) -> list[WeakCapability]:
    """Every capability with its mean across the units that assessed it, share below
    target and mean gap per unit; the largest mean gap first, then the largest share
    below target, then the lowest mean."""
    import numpy as np

    first = 1 + len(order.dimensions)
    out = []
    for j, (dim, cap) in enumerate(questionnaire.capabilities()):
        values = assessed(units, j, first)
        known = values[~np.isnan(values)]
        mean = float(known.mean()) if len(known) else None
        below = unit_gaps(values, cap.target)
        out.append(WeakCapability(
            cap.id, cap.title.get(lang), dim.title.get(lang), mean,
            float(np.median(known)) if len(known) else None, cap.target,
            None if below is None else below[0], None if below is None else below[1],
            tree.global_[cap.id], len(known), len(units),
        ))  # fmt: skip
    return sorted(out, key=lambda w: (
        w.gap is None, -(w.gap or 0.0), -(w.below_target or 0.0), w.mean or 0.0,
    ))  # fmt: skip
