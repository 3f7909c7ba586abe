"""Command-line options that several commands share (click only, cheap to import)."""

from __future__ import annotations

import click

table_or_json = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people or JSON for programs.",
)
"""``--format table|json``, passed to the command as ``fmt``."""

max_major_option = click.option(
    "--max-major",
    type=click.IntRange(1, 50),
    default=2,
    show_default=True,
    help="Major projects the bank can run at once; later ones slide.",
)
"""``--max-major N``: capacity for major projects in the roadmap."""

def _month(ctx: click.Context, param: click.Parameter, text: str | None) -> object:
    """``YYYY-MM`` as the first day of that month (None when not given)."""
    if text is None:
        return None
    import datetime as dt

    try:
        year, month = (int(p) for p in text.strip().split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        raise click.BadParameter(f"{text!r}: expected a month such as 2026-07") from None


max_per_owner_option = click.option(
    "--max-per-owner",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="Actions one owner (role) can run at once; later ones slide.",
)
"""``--max-per-owner N``: capacity of each owner in the roadmap."""

start_option = click.option(
    "--start",
    metavar="YYYY-MM",
    callback=_month,
    help="Calendar month the roadmap starts [default: the assessment's month].",
)
"""``--start YYYY-MM``: month 0 of the roadmap."""
