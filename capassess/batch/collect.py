"""Keep the results of every scored unit, and find unit ids that occur more than once.

Only per-unit results are kept (ids, names, groups, where each row came from, scores
and answer counts), chunk by chunk; the raw cells are gone once a chunk is judged.
Duplicate unit ids are not merged: every row with such an id, scored or already
rejected, is rejected, each naming where the others are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from capassess.batch.arrow import give_back_memory
from capassess.batch.judge import MAX_ID
from capassess.batch.table import Chunk, Rejection
from capassess.batch.total_rows import is_total_reason
from capassess.batch.vector import Scored
from capassess.shown_paths import shown_path
from capassess.texts import words

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
    """The file each unit came from, dictionary-encoded (one small index a unit)."""
    rows: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]
    counts: npt.NDArray[np.int32]
    answered: npt.NDArray[np.int16]
    """Answered questions per capability (units x capabilities); 0 = not assessed."""
    found: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What the portfolio found of these units and needs more than once (its groups)."""

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
            self.answered[mask],
        )


class Collector:
    """Accumulates scored chunks and the ids of rejected rows."""

    def __init__(self, nodes: int, capabilities: int) -> None:
        self.nodes, self.capabilities = nodes, capabilities
        self.parts: list[Units] = []
        self.rejected: list[tuple[str, str, int | None]] = []
        self.sources: dict[str, int] = {}
        """Every file a kept unit came from, and its index (the parts' origins)."""

    def _source(self, name: str) -> int:
        return self.sources.setdefault(name, len(self.sources))

    def add(self, chunk: Chunk, keep: npt.NDArray[np.bool_], scored: Scored) -> None:
        """Keep the scored rows of ``chunk``."""
        import numpy as np
        import pyarrow as pa

        mask = pa.array(keep)
        if chunk.files:
            kept = [f for f, k in zip(chunk.files, keep.tolist(), strict=True) if k]
            origins = pa.array([self._source(f) for f in kept], pa.int32())
        else:
            origins = pa.array(np.full(int(keep.sum()), self._source(chunk.source), np.int32))
        self.parts.append(
            Units(
                chunk.ids.filter(mask),
                chunk.names.filter(mask),
                {g: a.filter(mask) for g, a in chunk.groups.items()},
                origins,
                chunk.rows[keep],
                scored.scores,
                scored.counts,
                scored.answered,
            )
        )

    def add_rejected(self, rejections: list[Rejection]) -> None:
        """Remember the unit id of each rejected row, to find duplicates among all rows.
        An id over ``MAX_ID`` characters is no scored unit's, so it is not kept: a sheet of
        huge ids costs no memory for them."""
        rows = {(r.source, r.row): r.unit for r in rejections
                if r.unit and len(r.unit) <= MAX_ID and not is_total_reason(r.reason)}  # fmt: skip
        self.rejected += [(unit, source, row) for (source, row), unit in rows.items()]

    def finish(self) -> tuple[Units, list[Rejection], int]:
        """The scored units without duplicated ids, a rejection for each row with such an
        id, and how many scored units were removed for it."""
        import pyarrow as pa
        import pyarrow.compute as pc

        parts, self.parts = self.parts, []
        units = _concat(parts, self.nodes, list(self.sources), self.capabilities)
        rejected = pa.array([u for u, _, _ in self.rejected], pa.string())
        everyone = pa.concat_arrays([units.ids, rejected]) if len(rejected) else units.ids
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
    """One rejection per row of a repeated id, in English (``batch.wording`` says it in
    the run's language when written)."""
    t = words("batch", "en")
    out = []
    for unit, places in repeated.items():
        # Linear in the copies: each row names only the first few others, and counts the rest.
        same = Counter(places)
        head = places[: SHOWN_PLACES + 1]
        for here in places:
            others = [p for p in head if p != here][:SHOWN_PLACES]
            total = len(places) - same[here]
            shown = t["say_sep"].join(
                t["say_place"].format(source=shown_path(s), row=r) if r else shown_path(s)
                for s, r in others
            )
            if total > len(others):
                shown = t["say_more"].format(places=shown, n=total - len(others))
            reason = t["why_duplicate"].format(places=shown)
            out.append(Rejection(here[0], here[1], unit, "id", unit, reason))
    return out


def _concat(parts: list[Units], nodes: int, sources: list[str], caps: int) -> Units:
    """All parts as one, emptying ``parts`` as it goes: each part's numbers are copied
    into arrays made once at full size and then let go, so the peak is about one copy
    of the units, not two."""
    import numpy as np
    import pyarrow as pa

    total = sum(len(p) for p in parts)
    groups = list(dict.fromkeys(g for p in parts for g in p.groups))
    rows = np.empty(total, np.int64)
    scores = np.empty((total, nodes))
    counts = np.empty((total, 3), np.int32)
    answered = np.empty((total, caps), np.int16)
    texts: dict[str, list[pa.Array]] = {n: [] for n in ("ids", "names", "origins", *groups)}
    at = 0
    for i in range(len(parts)):
        part = parts[i]
        stop = at + len(part)
        rows[at:stop], scores[at:stop], counts[at:stop] = part.rows, part.scores, part.counts
        answered[at:stop] = part.answered
        texts["ids"].append(part.ids)
        texts["names"].append(part.names)
        texts["origins"].append(part.origins)
        for g in groups:
            texts[g].append(part.groups.get(g, pa.array([""] * len(part), pa.string())))
        parts[i] = _EMPTY
        at = stop
        if i % 8 == 7:
            give_back_memory()

    def strings(name: str) -> pa.Array:
        arrays = texts.pop(name)
        return pa.concat_arrays(arrays) if arrays else pa.array([], pa.string())

    indices = texts.pop("origins")
    origins = pa.DictionaryArray.from_arrays(
        pa.concat_arrays(indices) if indices else pa.array([], pa.int32()),
        pa.array(sources, pa.string()),
    )
    ids, names = strings("ids"), strings("names")
    units = Units(
        ids, names, {g: strings(g) for g in groups}, origins, rows, scores, counts, answered
    )
    pa.default_memory_pool().release_unused()  # the parts' buffers back to the system
    give_back_memory()
    return units


class _Empty:
    def __len__(self) -> int:
        return 0


_EMPTY: Units = _Empty()  # type: ignore[assignment]
