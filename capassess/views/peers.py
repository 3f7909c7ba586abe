"""Print an assessment against its peers: a table of node, score, peer median, rank."""

from __future__ import annotations

from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.peers import PeerComparison
from capassess.views.console import console

WORDS = {
    "en": ("Peers", "Score", "Peer median", "Percentile", "overall", "units",
           "ILLUSTRATIVE pack, made-up data", "Number answers", "Answer", "Published"),
    "zh": ("同业对标", "得分", "同业中位数", "百分位", "总分", "家",
           "示意数据包（虚构数据）", "数值题", "答案", "公开披露"),
}  # fmt: skip


def caption(peers: PeerComparison, lang: Lang) -> str:
    """``Peers: city-commercial (6 units), peers.yaml``, marked when illustrative."""
    w = WORDS[lang]
    pack = peers.pack
    what = f"{w[0]}: {peers.group} ({peers.count} {w[5]}), {pack.title or peers.source}"
    return what + (f" · {w[6]}" if pack.illustrative else "")


def print_peers(peers: PeerComparison, q: Questionnaire, lang: Lang) -> None:
    """The peer table on stdout."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    w = WORDS[lang]
    titles = {"overall": w[4], **{d.id: d.title.get(lang) for d in q.sections()}}
    titles.update({c.id: "  " + c.title.get(lang) for _, c in q.capabilities()})
    table = Table(title=escape(caption(peers, lang)), title_justify="left", box=box.SIMPLE_HEAD)
    for i, name in enumerate(("", w[1], w[2], w[3])):
        table.add_column(name, justify="left" if i == 0 else "right")
    for node, s in peers.nodes.items():
        value = "" if s.value is None else f"{s.value:.2f}"
        table.add_row(escape(titles.get(node, node)), value, f"{s.median:.2f}", s.shown)
    for qid, s in peers.numbers.items():
        value = "" if s.value is None else f"{s.value:g}"
        table.add_row(f"{w[7]}: {qid}", value, f"{s.median:g}", s.shown)
    console().print(table)
    for f in peers.disclosed:
        src = f.source
        console().print(
            escape(f"{w[9]}: {f.question} = {f.value:g} {f.unit or ''} ({f.group or 'all'}) — "
                   f"{src.issuer}, {src.document}, {src.year}, p. {src.page}"),
            soft_wrap=True,
        )  # fmt: skip
