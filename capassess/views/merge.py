"""What ``capassess merge`` prints: respondents and disagreements to stdout, a summary to stderr."""

from __future__ import annotations

from collections.abc import Sequence

import click

from capassess.figures import counted
from capassess.merging import Merged
from capassess.views.console import folder_note, message


def _level(value: float) -> str:
    return f"{value:g}"


def print_merged(merged: Merged, files: Sequence[str], output: str, rule: str) -> None:
    """List who answered and where they disagree; say where the merged file is."""
    assessment = merged.assessment
    click.echo(f"respondents: {', '.join(merged.respondents)}")
    disagreements = assessment.disagreements
    if disagreements:
        click.echo(f"disagreements (levels differ by 2 or more): {len(disagreements)}")
        for d in disagreements:
            levels = ", ".join(f"{who} {_level(level)}" for who, level in d.levels.items())
            click.echo(f"  {d.question}: {levels} (spread {_level(d.spread)})")
    else:
        click.echo("disagreements (levels differ by 2 or more): none")
    message(
        f"merged {counted(len(files), 'file')}, {counted(len(assessment.answers), 'question')} "
        f"by rule {rule} "
        f"into {output}{folder_note(output)}",
        "green",
    )
