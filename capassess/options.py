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
