"""Keep the results of every scored unit, and find unit ids that occur more than once.

Only per-unit results are kept (ids, names, groups, where each row came from, scores
and answer counts), chunk by chunk; the raw cells are gone once a chunk is judged.
Duplicate unit ids are not merged: every row with such an id, scored or already
rejected, is rejected, each naming where the others are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from capassess.batch.table import Chunk, Rejection
from capassess.batch.vector import Scored

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

SHOWN_PLACES = 3


@dataclass(frozen=True)
class Units:
    """Every scored unit, in input order."""

    ids: pa.Array
    names: pa.Array
    groups: dict[str, pa.Array]
    origins: pa.Array
    rows: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]
    counts: npt.NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.rows)

    def take(self, mask: npt.NDArray[np.bool_]) -> Units:
        """The units where ``mask`` holds."""
        import pyarrow as pa

        keep = pa.array(mask)
        return Units(
            self.ids.filter(keep),
            self.names.filter(keep),
            {g: a.filter(keep) for g, a in self.groups.items()},
            self.origins.filter(keep),
            self.rows[mask],
            self.scores[mask],
            self.counts[mask],
        )


class Collector:
    """Accumulates scored chunks and the ids of rejected rows."""

    def __init__(self, nodes: int) -> None:
        self.nodes = nodes
        self.parts: list[Units] = []
        self.rejected: list[tuple[str, str, int | None]] = []

    def add(self, chunk: Chunk, keep: npt.NDArray[np.bool_], scored: Scored) -> None:
        """Keep the scored rows of ``chunk``."""
        import pyarrow as pa

        mask = pa.array(keep)
        if chunk.files:
            origins = pa.array([f for f, k in zip(chunk.files, keep.tolist(), strict=True) if k])
        else:
            origins = pa.array([chunk.source] * int(keep.sum()), pa.string())
        self.parts.append(
            Units(
                chunk.ids.filter(mask),
                chunk.names.filter(mask),
                {g: a.filter(mask) for g, a in chunk.groups.items()},
                origins,
                chunk.rows[keep],
                scored.scores,
                scored.counts,
            )
        )

    def add_rejected(self, rejections: list[Rejection]) -> None:
        """Remember the unit id of each rejected row, to find duplicates among all rows."""
        rows = {(r.source, r.row): r.unit for r in rejections if r.unit}
        self.rejected += [(unit, source, row) for (source, row), unit in rows.items()]

    def finish(self) -> tuple[Units, list[Rejection], int]:
        """The scored units without duplicated ids, a rejection for each row with such an
        id, and how many scored units were removed for it."""
        import pyarrow as pa
        import pyarrow.compute as pc

        units = _concat(self.parts, self.nodes)
        everyone = pa.concat_arrays(
            [units.ids, pa.array([u for u, _, _ in self.rejected], pa.string())]
        )
        counts = pc.value_counts(everyone)
        repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
        if not len(repeated):
            return units, [], 0
        duplicate = pc.is_in(units.ids, value_set=repeated).to_numpy(zero_copy_only=False)
        places: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
        twice = units.take(duplicate)
        for unit, origin, row in zip(
            twice.ids.to_pylist(), twice.origins.to_pylist(), twice.rows.tolist(), strict=True
        ):
            places[unit].append((origin, row or None))
        wanted = set(repeated.to_pylist())
        for unit, origin, row in self.rejected:
            if unit in wanted:
                places[unit].append((origin, row))
        return units.take(~duplicate), _duplicate_rejections(places), int(duplicate.sum())


def _duplicate_rejections(repeated: dict[str, list[tuple[str, int | None]]]) -> list[Rejection]:
    out = []
    for unit, places in repeated.items():
        # Linear in the copies: each row names only the first few others, and counts the rest.
        same = Counter(places)
        head = places[: SHOWN_PLACES + 1]
        for here in places:
            others = [p for p in head if p != here][:SHOWN_PLACES]
            total = len(places) - same[here]
            shown = ", ".join(f"{s} row {r}" if r else s for s, r in others)
            more = f" and {total - len(others)} more" if total > len(others) else ""
            reason = f"duplicate unit id, also at {shown}{more}"
            out.append(Rejection(here[0], here[1], unit, "id", unit, reason))
    return out


def _concat(parts: list[Units], nodes: int) -> Units:
    import numpy as np
    import pyarrow as pa

    groups = list(dict.fromkeys(g for p in parts for g in p.groups))

    def column(name: str, part: Units) -> pa.Array:
        return part.groups.get(name, pa.array([""] * len(part), pa.string()))

    def strings(arrays: list[pa.Array]) -> pa.Array:
        return pa.concat_arrays(arrays) if arrays else pa.array([], pa.string())

    return Units(
        strings([p.ids for p in parts]),
        strings([p.names for p in parts]),
        {g: strings([column(g, p) for p in parts]) for g in groups},
        strings([p.origins for p in parts]),
        np.concatenate([p.rows for p in parts]) if parts else np.zeros(0, np.int64),
        np.vstack([p.scores for p in parts]) if parts else np.zeros((0, nodes)),
        np.vstack([p.counts for p in parts]) if parts else np.zeros((0, 3), np.int32),
    )
