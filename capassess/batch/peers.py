"""Place every unit of a batch in its peer group of a benchmark pack.

Each unit's peer group is the one chosen with ``--peer-group``; else its own value of
the column the pack is grouped by (``bank_type`` for bank-type packs); else the pack's
only group. Units with none of these are not placed, and counted. Percentile ranks are
``peers.percentile_ranks``, the same arithmetic as for one assessment.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from capassess.atomic import write_atomic
from capassess.batch.collect import Units
from capassess.batch.neutralise import neutralise
from capassess.batch.portfolio import assessed
from capassess.batch.vector import NodeOrder
from capassess.model.benchmark import BANK_TYPE_GROUPING, BenchmarkPack
from capassess.model.questionnaire import Questionnaire
from capassess.peers import percentile_ranks
from capassess.records import record
from capassess.report.portfolio import PeerCapability, PortfolioPeers

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]


@record
class Placement:
    """Each unit's peer group ('' when none) and percentile rank per node (NaN when none)."""

    groups: list[str]
    nodes: tuple[str, ...]
    ranks: npt.NDArray[np.float64]


def place_units(
    units: Units, order: NodeOrder, pack: BenchmarkPack, chosen: str | None
) -> Placement:
    """The peer group and percentile ranks of every unit."""
    import numpy as np

    groups = _unit_groups(units, pack, chosen)
    nodes = tuple(n for n in order.nodes if any(n in g.nodes for g in pack.peer_groups.values()))
    values_of = _comparable(units, order)
    ranks = np.full((len(units), len(nodes)), np.nan)
    keys = np.array(groups, dtype=object)
    for name, group in pack.peer_groups.items():
        rows = keys == name
        for j, node in enumerate(nodes):
            if rows.any() and node in group.nodes:
                values = values_of(node)[rows]
                ranks[rows, j] = percentile_ranks(values, group.nodes[node], pack.built.decimals)[0]
    return Placement(groups, nodes, ranks)


def _comparable(units: Units, order: NodeOrder) -> Callable[[str], Floats]:
    """A node's scores to compare with peers: a capability's only where the unit
    assessed it (a not-assessed capability has no place among the peers)."""
    column = {n: i for i, n in enumerate(order.nodes)}
    first = 1 + len(order.dimensions)
    caps = {c: j for j, c in enumerate(order.capabilities)}

    def values(node: str) -> Floats:
        if node in caps:
            return assessed(units, caps[node], first)
        return units.scores[:, column[node]]

    return values


def _unit_groups(units: Units, pack: BenchmarkPack, chosen: str | None) -> list[str]:
    names = pack.peer_groups
    if chosen is not None:
        return [chosen] * len(units)
    grouping = pack.built.grouping
    column = "bank_type" if grouping == BANK_TYPE_GROUPING else grouping
    only = next(iter(names)) if len(names) == 1 else ""
    if column is None or column not in units.groups:
        return [only] * len(units)
    return [v if v in names else only for v in units.groups[column].to_pylist()]


def portfolio_peers(
    units: Units, order: NodeOrder, placement: Placement, pack: BenchmarkPack, source: str,
    questionnaire: Questionnaire, lang: str,
) -> PortfolioPeers:  # fmt: skip
    """Per capability: peer median, portfolio median, and where the units stand."""
    import numpy as np

    placed = np.array([g != "" for g in placement.groups], dtype=bool)
    used = sorted({g for g in placement.groups if g})
    values_of = _comparable(units, order)
    rows = []
    for _, cap in questionnaire.capabilities():
        if cap.id not in placement.nodes:
            continue
        ranks = placement.ranks[:, placement.nodes.index(cap.id)]
        scores = values_of(cap.id)
        known = placed & ~np.isnan(ranks) & ~np.isnan(scores)
        medians = [pack.peer_groups[g].nodes[cap.id].p50 for g in used
                   if cap.id in pack.peer_groups[g].nodes]  # fmt: skip
        rows.append(PeerCapability(
            cap.id, cap.title.get("zh" if lang == "zh" else "en"),
            medians[0] if len(used) == 1 and medians else None,
            float(np.median(scores[known])) if known.any() else None, int(known.sum()),
            float(np.median(ranks[known])) if known.any() else None,
            float((ranks[known] < 50).mean()) if known.any() else None,
        ))  # fmt: skip
    counts = tuple((g, placement.groups.count(g)) for g in used)
    return PortfolioPeers(pack.title or Path(source).name, pack.illustrative, pack.questionnaire,
                          counts, int((~placed).sum()), tuple(rows))  # fmt: skip


def write_peers_csv(path: Path, units: Units, placement: Placement) -> Path:
    """``peers.csv`` (UTF-8 with BOM, as scores.csv): id, name, peer group, then each
    node's percentile rank; text cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "peer_group", *(f"{n}_peer_pct" for n in placement.nodes)])
    for i, (unit, name) in enumerate(
        zip(units.ids.to_pylist(), units.names.to_pylist(), strict=True)
    ):
        ranks = ["" if r != r else f"{r:.1f}" for r in placement.ranks[i].tolist()]
        writer.writerow([*map(neutralise, (unit, name, placement.groups[i])), *ranks])
    return write_atomic(path, "\ufeff" + out.getvalue())
