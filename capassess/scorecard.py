"""Load an answers file and score it; load an AHP matrix file and analyse it.

The services behind ``capassess score`` and ``capassess weights ahp``: every user
mistake comes out as a located ``InputError`` before anything is scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from capassess.catalog import find_questionnaire, load_assessment, load_matrix
from capassess.errors import GateFailed, InputError, Problem
from capassess.loading import read_yaml
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.records import record
from capassess.scoring.ahp import DEFAULT_RI, analyse_matrix
from capassess.scoring.engine import score_assessment

if TYPE_CHECKING:
    from capassess.model.matrix import AhpMatrix
    from capassess.scoring.ahp import AhpResult


@record
class ScoredFile:
    """An answers file, its questionnaire, its score and the warnings found on the way."""

    assessment: Assessment
    questionnaire: Questionnaire
    result: ScoreResult
    warnings: list[Problem]


def score_file(
    path: str | Path,
    *,
    questionnaire: str | None = None,
    model: str | None = None,
    missing: str | None = None,
    extra: Iterable[str | Path] = (),
) -> ScoredFile:
    """Load, check and score the answers file at ``path``.

    ``questionnaire`` (a path, id or id@version) overrides the one the file names.
    """
    extra = tuple(extra)
    chosen = find_questionnaire(questionnaire, extra) if questionnaire else None
    try:
        assessment, q, warnings = load_assessment(path, chosen, extra)
        result = score_assessment(q, assessment, model=model, missing=missing)
    except InputError as exc:
        raise _located(exc, path) from None
    return ScoredFile(assessment, q, result, warnings)


def _located(exc: InputError, path: str | Path) -> InputError:
    """Place problems that have a field but no line (as the core raises them) in the file."""
    if not exc.problems:
        return InputError.at(exc.message, str(path))
    unplaced = [p for p in exc.problems if p.line is None and p.loc and p.path in (None, str(path))]
    if not unplaced:
        return exc
    doc = read_yaml(path)
    problems = tuple(doc.locate(p) if p in unplaced else p for p in exc.problems)
    return InputError(exc.message, problems)


def check_gate(result: ScoreResult, fail_under: float | None) -> None:
    """Raise ``GateFailed`` if the overall score is below ``fail_under`` (or n/a)."""
    if fail_under is None:
        return
    score = result.overall.score
    if score is None:
        raise GateFailed(f"overall score is n/a (nothing applicable), below {fail_under:.2f}")
    if score < fail_under:
        raise GateFailed(f"overall score {score:.2f} is below {fail_under:.2f}")


def analyse_matrix_file(
    path: str | Path, *, ri_table: str = DEFAULT_RI
) -> tuple[AhpMatrix, AhpResult]:
    """Load an AHP matrix file and compute its weights and consistency."""
    try:
        matrix = load_matrix(path)
        return matrix, analyse_matrix(matrix.full(), ri_table=ri_table, accept_cr=matrix.accept_cr)
    except ValueError as exc:  # e.g. more items than the RI table covers
        problem = Problem(str(exc), ("matrix",))
        raise _located(InputError(str(exc), (problem,)), path) from None


def check_consistency(result: AhpResult, path: str | Path | None = None) -> None:
    """Raise ``GateFailed`` if the consistency ratio is not below its limit.

    With the ``path`` of the matrix file, the message names it and the matrix's line.
    """
    if result.consistent:
        return
    message = (
        f"consistency ratio CR = {result.cr:.4f} is not below {result.limit:.2f}: "
        "revise the comparisons, or set accept_cr in the file to accept it"
    )
    problems = (read_yaml(path).locate(Problem(message, ("matrix",))),) if path else ()
    raise GateFailed(message, problems)
