"""The names of an assessment that every report, deck and terminal shows: plain text.

Respondents and interviewees are one line of plain text by their model's own type; the
subject's id, name and group and the assessor are checked here, where an answers file
is checked against its questionnaire and where the interview writes its header. (A
batch builds its units' subjects from cells that it vets and rejects itself.) A control
character in them would reach a terminal; a bidirectional control (U+202E) would show a
bank's name reordered, in every report that names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from capassess.errors import Loc, Problem
from capassess.model.base import control_problem


def name_sites(
    subject_id: str | None,
    name: str | None,
    group: Mapping[str, str] | None,
    assessor: str | None,
) -> list[tuple[Loc, str | None]]:
    """Each shown name with the place it has in an answers file."""
    sites: list[tuple[Loc, str | None]] = [(("subject", "id"), subject_id)]
    sites.append((("subject", "name"), name))
    for key, value in (group or {}).items():
        sites += [(("subject", "group", key), key), (("subject", "group", key), value)]
    sites.append((("assessor",), assessor))
    return sites


def name_problems(sites: Iterable[tuple[Loc, str | None]]) -> list[Problem]:
    """A problem for each shown name that holds a control or bidirectional character."""
    problems = []
    for loc, text in sites:
        problem = control_problem(text) if isinstance(text, str) else None
        if problem is not None:
            problems.append(Problem(problem, loc))
    return problems
