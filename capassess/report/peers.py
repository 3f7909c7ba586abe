"""The report's peer section: each node against the peer group of a benchmark pack.

Its words are the catalogue's ``peers`` area (``capassess.texts.peers``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from capassess import texts
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.records import record

if TYPE_CHECKING:  # loaded only when a report has peers (--benchmark)
    from capassess.peers import PeerComparison, Standing


@record
class PeerRow:
    """One node or number question against the peer group."""

    id: str
    title: str
    depth: int
    value: float | None
    median: float
    p25: float
    p75: float
    percentile: str
    position: str | None


@record
class CitedFigure:
    """A published figure and its citation, as one line of text."""

    question: str
    value: float
    unit: str
    group: str
    source: str


@record
class PeerSection:
    """Everything the peer section shows."""

    labels: dict[str, str]
    intro: str
    illustrative: bool
    group: str
    count: int
    rows: tuple[PeerRow, ...]
    numbers: tuple[PeerRow, ...]
    disclosed: tuple[CitedFigure, ...]
    definition: str

    def median_of(self, node: str) -> float | None:
        """The peer median of a node, for the radar."""
        return next((r.median for r in self.rows if r.id == node), None)


def _row(node: str, title: str, depth: int, s: Standing) -> PeerRow:
    r = s.row
    return PeerRow(node, title, depth, s.value, s.median, r.p25, r.p75, s.shown, s.position)


def build_peer_section(c: PeerComparison, q: Questionnaire, lang: Lang) -> PeerSection:
    """The peer section of ``c`` in ``lang``."""
    words, pack = texts.words("peers", lang), c.pack
    rows = (
        [_row("overall", words["overall"], 0, c.nodes["overall"])] if "overall" in c.nodes else []
    )
    for dim in q.sections():
        if dim.id in c.nodes:
            rows.append(_row(dim.id, dim.title.get(lang), 1, c.nodes[dim.id]))
        rows += [_row(cap.id, cap.title.get(lang), 2, c.nodes[cap.id])
                 for cap in dim.capabilities if cap.id in c.nodes]  # fmt: skip
    questions = q.question_map()
    numbers = [_row(qid, questions[qid].text.get(lang) if qid in questions else qid, 0, s)
               for qid, s in c.numbers.items()]  # fmt: skip
    assessed = words["assessed"].format(**pack.assessed.model_dump()) if pack.assessed else ""
    name = pack.title or Path(c.source).name
    intro = words["intro"].format(count=c.count, group=c.group, pack=name,
                                  ref=pack.questionnaire, assessed=assessed)  # fmt: skip
    cited = tuple(
        CitedFigure(f.question, f.value, f.unit or "", f.group or "",
                    f"{f.source.issuer}, {f.source.document} ({f.source.year}), p. {f.source.page}")
        for f in c.disclosed
    )  # fmt: skip
    return PeerSection(words, intro, pack.illustrative, c.group, c.count, tuple(rows),
                       tuple(numbers), cited,
                       words["definition"].format(k=pack.built.min_group))  # fmt: skip
