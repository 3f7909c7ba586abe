"""Print an assessment against its peers: a table of node, score, peer median, rank."""

from __future__ import annotations

from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.peers import PeerComparison
from capassess.texts import words
from capassess.views.console import console


def caption(peers: PeerComparison, lang: Lang) -> str:
    """``Peers: city-commercial (6 units), peers.yaml``, marked when illustrative."""
    w = words("views", lang)
    pack = peers.pack
    what = w["peers_caption"].format(
        peers=w["peers"],
        group=peers.group,
        count=peers.count,
        units=w["units"],
        pack=pack.title or peers.source,
    )
    return what + (f" · {w['illustrative']}" if pack.illustrative else "")


def print_peers(peers: PeerComparison, q: Questionnaire, lang: Lang) -> None:
    """The peer table on stdout."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    w = words("views", lang)
    titles = {"overall": w["overall"], **{d.id: d.title.get(lang) for d in q.sections()}}
    titles.update({c.id: "  " + c.title.get(lang) for _, c in q.capabilities()})
    table = Table(title=escape(caption(peers, lang)), title_justify="left", box=box.SIMPLE_HEAD)
    for i, name in enumerate(("", w["Score"], w["peer_median"], w["percentile"])):
        table.add_column(name, justify="left" if i == 0 else "right")
    for node, s in peers.nodes.items():
        value = "" if s.value is None else f"{s.value:.2f}"
        table.add_row(escape(titles.get(node, node)), value, f"{s.median:.2f}", s.shown)
    for qid, s in peers.numbers.items():
        value = "" if s.value is None else f"{s.value:g}"
        table.add_row(f"{w['number_answers']}{w['colon']}{qid}", value, f"{s.median:g}", s.shown)
    console().print(table)
    published = w["published"]
    for f in peers.disclosed:
        src = f.source
        console().print(
            escape(f"{published}{w['colon']}{f.question} = {f.value:g} {f.unit or ''} "
                   f"({f.group or 'all'}) — {src.issuer}, {src.document}, {src.year}, "
                   f"p. {src.page}"),
            soft_wrap=True,
        )  # fmt: skip
