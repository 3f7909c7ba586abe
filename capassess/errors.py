"""Errors raised by capassess, each able to say where in which file it arose."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Loc = tuple[str | int, ...]
Severity = Literal["error", "warning"]


def format_field(loc: Loc) -> str:
    """Render a location tuple as ``a.b[2].c``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One finding about an input file: an error or a warning, with its place."""

    message: str
    loc: Loc = ()
    path: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"

    def located(self, path: str | None, line: int | None, column: int | None) -> Problem:
        """Return a copy placed at ``path:line:column``."""
        return replace(self, path=path, line=line, column=column)

    def __str__(self) -> str:
        if self.path is None and self.line is None:
            field = format_field(self.loc)
            return f"{field + ': ' if field else ''}{self.message}"
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = format_field(self.loc)
        kind = "warning: " if self.severity == "warning" else ""
        return f"{where}: {field + ': ' if field else ''}{kind}{self.message}"


class CapassessError(Exception):
    """Base of every error capassess reports to a user; ``exit_code`` is the CLI's."""

    exit_code = 2

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join(str(p) for p in self.problems)


class InputError(CapassessError):
    """A file or value given by the user is invalid; ``problems`` says where."""

    @classmethod
    def at(
        cls,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        loc: Loc = (),
    ) -> InputError:
        """Build an error with a single located problem."""
        return cls(message, (Problem(message, loc, path, line, column),))

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors (not warnings)."""
        return tuple(p for p in self.problems if p.severity == "error")


class NotFoundError(CapassessError):
    """A named questionnaire, file or item does not exist."""


class GateFailed(CapassessError):
    """A quality gate such as ``--fail-under`` was not met."""

    exit_code = 1


class OutputError(CapassessError):
    """An output file or folder could not be written."""
