"""Errors raised by capassess, each able to say where in which file it arose."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Literal

Loc = tuple[str | int, ...]
Severity = Literal["error", "warning"]


ODD_KEY = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\"\[\]]")
"""A key with one of these (blanks, controls, quotes, brackets) is shown quoted."""


def _quoted(key: str) -> str:
    text = json.dumps(key, ensure_ascii=False)
    return re.sub(
        r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]",
        lambda m: f"\\u{ord(m.group()):04x}",
        text,
    )


def format_field(loc: Loc) -> str:
    """Render a location tuple as ``a.b[2].c`` (an odd key as ``a["x y"]``, escaped)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part or ODD_KEY.search(part):
            out += f"[{_quoted(part)}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(path: str) -> str:
    """A file's name as messages show it: a line break in it written as ``\\n``, so that
    "path:line:col" or "wrote path" never splits over two lines."""
    return path.translate(_BREAKS)


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
        # a line break in a file's name would split "path:line:col" over two lines
        where = one_line(self.path or "<input>")
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
    lead = "error: "
    """What the CLI prints before the message (a command in another language sets its own)."""

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
