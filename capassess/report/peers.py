"""The report's peer section: each node against the peer group of a benchmark pack.

Its texts live here, beside the section, in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire

if TYPE_CHECKING:  # loaded only when a report has peers (--benchmark)
    from capassess.peers import PeerComparison, Standing

LABELS: dict[Lang, dict[str, str]] = {
    "en": {
        "title": "Peer benchmark",
        "intro": "Where the bank stands among {count} peers in group \u201c{group}\u201d of the "
        "benchmark pack {pack} ({ref}{assessed}).",
        "assessed": ", assessed {first} to {last}",
        "illustrative": "Illustrative pack: made-up assessments, for demonstration only; "
        "these are not real banks' results.",
        "node": "Dimension / capability",
        "score": "Score",
        "median": "Peer median",
        "iqr": "Peer middle half (p25–p75)",
        "percentile": "Percentile",
        "overall": "Overall",
        "numbers": "Figures answered, against peers",
        "question": "Question",
        "answer": "Answer",
        "disclosed": "Published figures",
        "figure": "Figure",
        "source": "Source",
        "definition": "Percentile: the share of the peer group's distribution at or below "
        "the score, interpolated linearly between the pack's 10th, 25th, 50th, 75th and "
        "90th percentiles (numpy's default 'linear' method); <10 and >90 lie outside them. "
        "The pack keeps groups and nodes of at least {k} units only.",
    },
    "zh": {
        "title": "同业对标",
        "intro": "本行在对标数据包 {pack}（{ref}{assessed}）“{group}”组 {count} 家同业中的位置。",
        "assessed": "，评估时间 {first} 至 {last}",
        "illustrative": "示意数据包：虚构的评估结果，仅供演示，并非真实银行的数据。",
        "node": "维度 / 能力",
        "score": "得分",
        "median": "同业中位数",
        "iqr": "同业中间一半（p25–p75）",
        "percentile": "百分位",
        "overall": "总分",
        "numbers": "数值题答案与同业对比",
        "question": "问题",
        "answer": "答案",
        "disclosed": "公开披露数据",
        "figure": "数值",
        "source": "出处",
        "definition": "百分位：同业组得分分布中不高于本行得分的比例，按数据包的第 10、25、50、"
        "75、90 百分位（numpy 默认的 linear 方法）线性插值；<10 和 >90 表示在此范围之外。"
        "数据包只保留至少 {k} 家单位的组和节点。",
    },
}


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class CitedFigure:
    """A published figure and its citation, as one line of text."""

    question: str
    value: float
    unit: str
    group: str
    source: str


@dataclass(frozen=True)
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
    words, pack = LABELS[lang], c.pack
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
