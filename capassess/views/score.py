"""Print scores: a rich table for the terminal, or the score JSON; AHP analyses too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.json_text import to_json
from capassess.texts import words
from capassess.views.console import console, message

if TYPE_CHECKING:
    from rich.table import Table

    from capassess.model.base import Lang
    from capassess.model.matrix import AhpMatrix
    from capassess.model.questionnaire import Questionnaire
    from capassess.model.results import NodeScore, ScoreResult
    from capassess.peers import PeerComparison
    from capassess.scoring.ahp import AhpResult

BAR_CELLS = 10
WIDE = 76  # narrower consoles get no bar
WIDER = 100  # narrower consoles get no global weight
BLOCKS = " ▏▎▍▌▋▊▉█"


def score_bar(score: float | None, cells: int = BAR_CELLS) -> str:
    """A bar of ``cells`` characters filled in proportion to (score - 1) / 4."""
    if score is None:
        return ""
    eighths = round(max(0.0, min(1.0, (score - 1) / 4)) * cells * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (BLOCKS[part] if part else "")
    return bar.ljust(cells, "·")


def _cells(node: NodeScore, label: str, q: Questionnaire, lang: Lang) -> dict[str, str]:
    from rich.markup import escape

    na, t = node.score is None, words("views", lang)
    level = "" if na else f"{node.level} {escape(q.level_name(node.level or 1, lang))}"
    score, bar = t["na"] if na else f"{node.score:.2f}", score_bar(node.score)
    if not na and node.answered == 0 and node.missing:  # the missing policy's value only
        # Nothing answered is no evidence of weakness: no score, level or bar is shown,
        # as in the reports (the stderr notes say how the missing policy counted it).
        score, level, bar = "—", f"[dim]{t['not_assessed']}[/]", ""
    return {
        "label": label,
        "Score": score,
        "Level": level,
        "Weight": f"{node.weight:.0%}",
        "Global": f"{node.global_weight:.1%}",
        "": bar,
    }


def overall_text(result: ScoreResult, q: Questionnaire, lang: Lang) -> str:
    """``3.12 (level 3)``, or ``3.12 (level 1, capped by Business continuity)``."""
    overall, t = result.overall, words("views", lang)
    if overall.score is None:
        return t["na"]
    level = t["level"].format(n=overall.level) + gate_clauses(result, q, lang)
    return t["score_level"].format(score=f"{overall.score:.2f}", level=level)


def gate_clauses(result: ScoreResult, q: Questionnaire, lang: Lang) -> str:
    """ ", capped by …" and ", to be confirmed once …" after the level, as the foundation
    gate says (titles escaped for rich); empty when neither applies."""
    from rich.markup import escape

    overall, t = result.overall, words("views", lang)
    titles = {c.id: c.title.get(lang) for _, c in q.capabilities()}
    out = ""
    for key, ids in (("capped", overall.capped_by), ("unconfirmed", overall.unconfirmed_by)):
        if ids:
            names = t["sep"].join(escape(titles.get(i, i)) for i in ids)
            out += t["clause_sep"] + t[key].format(names=names)
    return out


def _columns(width: int) -> list[tuple[str, int]]:
    """The columns after the label, with their widths; fewer on narrow consoles."""
    columns = [("Score", 5), ("Level", 14), ("Weight", 6)]
    columns += [("Global", 6)] if width >= WIDER else []
    columns += [("", BAR_CELLS)] if width >= WIDE else []
    return columns


def score_table(result: ScoreResult, q: Questionnaire, lang: Lang) -> Table:
    """Dimensions and their capabilities with score, level, weights and a bar."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    titles = {d.id: d.title for d in q.sections()}
    titles.update({c.id: c.title for _, c in q.capabilities()})
    t = words("views", lang)
    title = f"{escape(q.title.get(lang))} · {t['overall']} {overall_text(result, q, lang)}"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    width = console().width
    columns = _columns(width)
    # every column has a blank either side; the label gets the rest, cut short with "…"
    label_width = max(12, width - sum(size + 2 for _, size in columns) - 8)
    table.add_column(t["label"], no_wrap=True, max_width=label_width)
    for name, size in columns:
        left = name in ("Level", "")
        table.add_column(
            t[name] if name else "",
            justify="left" if left else "right",
            no_wrap=True,
            min_width=size,
            max_width=size,
        )
    keys = ["label", *(name for name, _ in columns)]
    for dim in result.dimensions:
        cells = _cells(dim, escape(titles[dim.id].get(lang)), q, lang)
        if dim.foundation:
            cells["Weight"] = t["gate"]
        table.add_row(*(cells[k] for k in keys), style="bold")
        for cap in dim.capabilities:
            cells = _cells(cap, "  " + escape(titles[cap.id].get(lang)), q, lang)
            table.add_row(*(cells[k] for k in keys))
    return table


def print_score(
    result: ScoreResult, q: Questionnaire, fmt: str, lang: Lang, peers: PeerComparison | None = None
) -> None:
    """Print ``result`` to stdout as a table or as the score JSON (with peers, if given)."""
    if fmt == "json":
        from capassess.benchmark.peers_json import add_peers
        from capassess.scoring.report_json import score_json

        data = add_peers(score_json(result, q), peers)
        print(to_json(data, ensure_ascii=False, indent=2))
        return
    from rich.markup import escape

    console().print(score_table(result, q, lang))
    subject = result.subject
    if subject is not None:
        who = escape(subject.name or subject.id)
        name = words("report", lang).get(f"model_{result.model}", result.model)
        model = escape(words("views", lang)["model"].format(model=result.model, name=name))
        console().print(f"[dim]{who} · {q.ref} · {model}[/]", soft_wrap=True)
    if peers is not None:
        from capassess.views.peers import print_peers

        print_peers(peers, q, lang)


def print_notes(result: ScoreResult, q: Questionnaire | None = None, lang: Lang = "en") -> None:
    """Tell, on stderr, which questions were unanswered or not applicable, and which
    capabilities are not assessed at all."""
    t = words("views", lang)
    missing = result.question_ids("missing")
    if missing:
        how = t["unanswered_lowest" if result.missing_policy == "lowest" else "unanswered_left_out"]
        ids = t["sep"].join(missing)
        message(t["unanswered"].format(n=len(missing), how=how, ids=ids), "yellow")
    if q is not None:
        from capassess.plan_text import completeness_warnings

        for warning in completeness_warnings(q, result, lang)[1:]:
            message(f"{t['warning']}{warning}", "yellow")
    na = result.question_ids("not_applicable")
    if na:
        message(t["not_applicable"].format(n=len(na), ids=t["sep"].join(na)), "dim")


def ahp_json(matrix: AhpMatrix, result: AhpResult) -> dict[str, object]:
    """The AHP analysis as a plain dict."""
    return {
        "items": list(matrix.items),
        "weights": dict(zip(matrix.items, result.weights, strict=True)),
        "lambda_max": result.lambda_max,
        "ci": result.ci,
        "ri": result.ri,
        "cr": result.cr,
        "limit": result.limit,
        "consistent": result.consistent,
    }


def print_ahp(matrix: AhpMatrix, result: AhpResult, fmt: str) -> None:
    """Print item weights, lambda_max, CI, RI, CR and the verdict."""
    if fmt == "json":
        print(to_json(ahp_json(matrix, result), ensure_ascii=True, indent=2))
        return
    from rich.table import Table

    table = Table("item", "weight", "")
    for item, weight in zip(matrix.items, result.weights, strict=True):
        table.add_row(item, f"{weight:.4f}", score_bar(1 + 4 * weight))
    console().print(table)
    verdict = "[green]consistent[/]" if result.consistent else "[red]inconsistent[/]"
    console().print(
        f"lambda_max = {result.lambda_max:.4f}  CI = {result.ci:.4f}  RI = {result.ri:.4f}  "
        f"CR = {result.cr:.4f} ({'<' if result.consistent else '>='} {result.limit:.2f}): "
        f"{verdict}",
        soft_wrap=True,
    )
