"""Print the list of questionnaires found."""

from __future__ import annotations

from capassess.catalog import Entry
from capassess.errors import Problem
from capassess.json_text import to_json
from capassess.model.base import Lang
from capassess.views.console import console, message

FOUNDATION = " + F"
FOUNDATION_NOTE = (
    "F: the foundation (gate), scored beside the dimensions; its capabilities count among the caps"
)


def print_catalog(entries: list[Entry], problems: list[Problem], fmt: str, lang: str) -> None:
    """Print id, version, title and counts of each questionnaire; problems to stderr."""
    language: Lang = "zh" if lang == "zh" else "en"
    rows = [
        {
            "id": e.questionnaire.id,
            "version": e.questionnaire.version,
            "title": e.questionnaire.title.get(language),
            "dimensions": len(e.questionnaire.dimensions),
            "foundation": e.questionnaire.foundation is not None,
            "capabilities": sum(1 for _ in e.questionnaire.capabilities()),
            "questions": sum(1 for _ in e.questionnaire.questions()),
            "source": "shipped" if e.shipped else str(e.path),
        }
        for e in entries
    ]
    for problem in problems:
        message(f"skipped: {problem}", "yellow")
    if fmt == "json":
        print(to_json(rows, ensure_ascii=False, indent=2))
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=None)
    for name in ("id", "version", "title", "dims", "caps", "questions", "source"):
        table.add_column(name, no_wrap=name in ("id", "version", "dims"))
    for row in rows:
        gate = FOUNDATION if row.pop("foundation") else ""
        dims = f"{row.pop('dimensions')}{gate}"
        cells = [row["id"], row["version"], row["title"], dims, *list(row.values())[3:]]
        table.add_row(*(escape(str(v)) for v in cells))
    console().print(table)
    if any(e.questionnaire.foundation is not None for e in entries):
        console().print(FOUNDATION_NOTE)
