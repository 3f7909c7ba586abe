"""Peer comparisons in the score, plan and report JSON (an additive ``peers`` block)."""

from __future__ import annotations

from typing import Any

from capassess.peers import PeerComparison, Standing
from capassess.shown_paths import shown_path

DEFINITION = (
    "percentile: share (0-100) of the peer group's distribution at or below the score, "
    "interpolated linearly between the pack's 10/25/50/75/90th percentiles; 'below' means "
    "under the 10th percentile, 'above' over the 90th (the rank is then 10 or 90)"
)


def standing_json(s: Standing) -> dict[str, Any]:
    """One node's standing: peer median, percentile rank and the group's percentiles."""
    return {
        "median": s.median,
        "percentile": s.percentile,
        "position": s.position,
        "count": s.count,
        "percentiles": dict(zip(("p10", "p25", "p50", "p75", "p90"), s.row.values(), strict=True)),
    }


def peers_json(c: PeerComparison) -> dict[str, Any]:
    """The pack, the group chosen, every node's standing, number answers and cited figures."""
    pack = c.pack
    return {
        "pack": {
            "path": shown_path(c.source),
            "title": pack.title,
            "illustrative": pack.illustrative,
            "questionnaire": pack.questionnaire,
            "built": pack.built.model_dump(mode="json"),
            "assessed": pack.assessed.model_dump(mode="json") if pack.assessed else None,
        },
        "group": c.group,
        "count": c.count,
        "definition": DEFINITION,
        "nodes": {node: standing_json(s) for node, s in c.nodes.items()},
        "numbers": {qid: {"value": s.value, **standing_json(s)} for qid, s in c.numbers.items()},
        "disclosed": [f.model_dump(mode="json") for f in c.disclosed],
    }


def add_peers(data: dict[str, Any], c: PeerComparison | None) -> dict[str, Any]:
    """Add ``peers`` to a score JSON, and a ``peer`` entry to each node the pack covers."""
    if c is None:
        return data
    data["peers"] = peers_json(c)
    if "overall" in c.nodes:
        data["overall"]["peer"] = standing_json(c.nodes["overall"])
    for dim in data["dimensions"]:
        for node in [dim, *dim["capabilities"]]:
            if node["id"] in c.nodes:
                node["peer"] = standing_json(c.nodes[node["id"]])
    return data
