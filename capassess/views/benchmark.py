"""Print what ``benchmark build`` did, and what a pack holds."""

from __future__ import annotations

import json

import click

from capassess.benchmark.service import BuildOutcome
from capassess.errors import one_line
from capassess.model.benchmark import BenchmarkPack
from capassess.views.console import console, folder_note, message

SHOWN_REASONS = 20


def print_build(outcome: BuildOutcome) -> None:
    """Say on stderr what went into the pack and what was left out."""
    notes, pack, least = outcome.notes, outcome.pack, outcome.pack.built.min_group
    for reason in outcome.reasons[:SHOWN_REASONS]:
        message(f"not scored: {reason}", "yellow")
    if len(outcome.reasons) > SHOWN_REASONS:
        message(f"... and {len(outcome.reasons) - SHOWN_REASONS} more reasons", "yellow")
    if outcome.rejected_rows:
        message(
            f"{outcome.rejected_rows} input rows or files could not be scored: left out", "yellow"
        )
    if outcome.repeated:
        message(
            f"{outcome.repeated} earlier assessments of a unit left out for its latest", "yellow"
        )
    for name, size in notes.small_groups.items():
        message(
            f"group {name!r} left out: {size} units, fewer than {least} (--min-group)", "yellow"
        )
    if notes.ungrouped:
        message(f"{notes.ungrouped} units have no {pack.built.grouping} value: left out", "yellow")
    for value, size in notes.unknown_types.items():
        message(f"{size} units of unknown bank type {value!r}: left out", "yellow")
    for value, size in notes.unnamed.items():
        message(f"{size} units whose {pack.built.grouping} {value[:60]!r} cannot name a peer "
                "group (a control character, or too long): left out", "yellow")  # fmt: skip
    for name, nodes in notes.small_nodes.items():
        message(
            f"group {name!r}: fewer than {least} values, left out: {', '.join(nodes)}", "yellow"
        )
    groups = ", ".join(f"{n} ({g.count})" for n, g in pack.peer_groups.items()) or "none"
    where = f"{one_line(str(outcome.path))}{folder_note(outcome.path)}"
    message(f"wrote {where}: {pack.questionnaire}, {outcome.units} units, groups: {groups}",
            "green")  # fmt: skip


def print_pack(pack: BenchmarkPack, fmt: str) -> None:
    """A pack as tables (one per group) or as JSON."""
    if fmt == "json":
        click.echo(json.dumps(pack.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    from rich.markup import escape
    from rich.table import Table

    out = console()
    b = pack.built
    label = " (ILLUSTRATIVE: made-up data)" if pack.illustrative else ""
    out.print(escape(f"{pack.title or 'Benchmark pack'}{label}"))
    out.print(escape(f"questionnaire {pack.questionnaire}; built by {b.tool}, {b.model}, "
              f"missing: {b.missing}; grouped by {b.grouping or 'none'}; min group {b.min_group}; "
              f"percentiles: {b.method}, {b.decimals} decimals"))  # fmt: skip
    if pack.assessed:
        out.print(escape(f"assessed {pack.assessed.first} to {pack.assessed.last}"))
    for name, group in pack.peer_groups.items():
        table = Table(title=escape(f"{name}: {group.count} units"), title_justify="left")
        for column in ("node", "count", "p10", "p25", "p50", "p75", "p90"):
            table.add_column(column, justify="left" if column == "node" else "right")
        for kind, rows in (("", group.nodes), ("number ", group.numbers)):
            for node, row in rows.items():
                values = (f"{v:g}" for v in row.values())
                table.add_row(escape(kind + node), str(row.count), *values)
        out.print(table)
    for figure in pack.disclosed:
        s = figure.source
        what = f"{figure.question} = {figure.value:g} {figure.unit or ''} ({figure.group or 'all'})"
        out.print(escape(f"disclosed {what}: {s.issuer}, {s.document}, {s.year}, p. {s.page}"))
