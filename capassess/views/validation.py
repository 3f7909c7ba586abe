"""Print the outcome of validating files."""

from __future__ import annotations

from capassess.errors import one_line
from capassess.figures import counted
from capassess.validation import FileReport
from capassess.views.console import message, say


def print_report(report: FileReport, quiet: bool) -> None:
    """Print one file's problems to stderr and, unless quiet, its verdict to stdout."""
    for problem in report.problems:
        message(str(problem), "red" if problem.severity == "error" else "yellow")
    if quiet:
        return
    if report.ok:
        say(f"ok {one_line(str(report.path))}: {report.summary}", "green")
    else:
        errors = sum(1 for p in report.problems if p.severity == "error")
        say(f"invalid {one_line(str(report.path))}: {counted(errors, 'error')}", "red")
