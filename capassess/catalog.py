"""Find questionnaires (shipped and the user's) and load every kind of file by name."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from capassess.errors import CapassessError, InputError, NotFoundError, Problem
from capassess.loading import YamlDocument, read_yaml
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire
from capassess.model_files import expect_kind, load_checked, raise_errors, validate_model
from capassess.records import record
from capassess.resources import data_dir
from capassess.values import check_assessment

if TYPE_CHECKING:
    from capassess.model.matrix import AhpMatrix
    from capassess.model.target import TargetFile

ENV_VAR = "CAPASSESS_QUESTIONNAIRES"


@record
class Entry:
    """A questionnaire found on disk."""

    path: Path
    questionnaire: Questionnaire
    shipped: bool


def search_dirs(extra: Iterable[str | Path] = ()) -> list[tuple[Path, bool]]:
    """Folders searched for questionnaires: user folders first, then the shipped one."""
    user = [Path(p) for p in extra]
    user += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [(p, False) for p in user] + [(data_dir("questionnaires"), True)]


def yaml_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` and ``*.yml`` files of ``folder``, sorted; ``InputError`` if it
    cannot be listed (none if it is no folder)."""
    try:
        if not folder.is_dir():
            return []
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        raise InputError.at(f"cannot read the folder: {exc.strerror or exc}", str(folder)) from None
    return [folder / name for name in names if Path(name).suffix.lower() in (".yaml", ".yml")]


def questionnaire_files(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Every YAML file in the questionnaire folders: what an id may resolve to."""
    files: list[Path] = []
    for folder, _ in search_dirs(extra):
        with contextlib.suppress(InputError):
            files += yaml_files(folder)
    return files


def _is_file(path: Path) -> bool:
    """True if ``path`` names a file (a FIFO or device too, which loading then refuses)."""
    try:
        return path.exists() and not path.is_dir()
    except OSError:  # e.g. a folder that may not be searched, or a name too long
        return False


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and cross-check a questionnaire file (from the user's cache if loaded before)."""
    from capassess.model_cache import cached_questionnaire

    return cached_questionnaire(path, _load_questionnaire)


def _load_questionnaire(path: str | Path) -> Questionnaire:
    # The cross-checks run only when the questionnaire is parsed (not when it comes from
    # the cache), so ``score`` does not load them.
    from capassess.consistency import check_questionnaire

    return load_checked(path, "questionnaire", Questionnaire, check_questionnaire)[0]


def list_questionnaires(extra: Iterable[str | Path] = ()) -> tuple[list[Entry], list[Problem]]:
    """Every questionnaire found, and the problems of files that failed to load."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for folder, shipped in search_dirs(extra):
        try:
            paths = yaml_files(folder)
        except InputError as exc:
            problems.extend(exc.errors)
            continue
        for path in paths:
            try:
                entries.append(Entry(path, load_questionnaire(path), shipped))
            except InputError as exc:
                problems.extend(exc.errors)
    return entries, problems


def find_questionnaire(name: str, extra: Iterable[str | Path] = ()) -> Questionnaire:
    """Resolve ``name`` (a path, an id or ``id@version``) to a questionnaire."""
    if _is_file(Path(name)):
        return load_questionnaire(name)
    ident, _, version = name.partition("@")
    seen: list[str] = []
    for folder, _ in search_dirs(extra):
        for suffix in (".yaml", ".yml"):
            path = folder / f"{ident}{suffix}"
            if _is_file(path):
                q = load_questionnaire(path)
                if not version or q.version == version:
                    return q
                seen.append(q.ref)
    # another version may sit in a file of another name (bank-fintech-1.0.0.yaml)
    entries, problems = list_questionnaires(extra)
    for entry in entries:
        if entry.questionnaire.id == ident and (
            not version or entry.questionnaire.version == version
        ):
            return entry.questionnaire
    unread = _unread(problems)
    if seen:
        raise NotFoundError(
            f"questionnaire {name!r} not found; available: {', '.join(seen)}{unread}"
        )
    known = ", ".join(sorted({e.questionnaire.ref for e in entries})) or "none"
    raise NotFoundError(f"questionnaire {name!r} not found (known: {known}){unread}")


def _unread(problems: list[Problem]) -> str:
    """What a 'not found' adds about the files the search could not read: the one looked
    for may be among them, broken (a user's edited copy, say), and would go unmentioned."""
    paths = list(dict.fromkeys(p.path for p in problems if p.path))
    if not paths:
        return ""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return f"; files that could not be read: {shown} (capassess validate FILE says why)"


def questionnaire_of(ref: str, extra: Iterable[str | Path] = ()) -> Questionnaire:
    """The questionnaire an answers file names (``id@version``), else the one with its id.

    Several versions may be on the search path (an old assessment next to a new one);
    when the named version is not among them, the questionnaire of that id is returned,
    and checking the answers against it reports the version mismatch.
    """
    ident = ref.partition("@")[0]
    if ref != ident:
        try:
            return find_questionnaire(ref, extra)
        except NotFoundError:
            pass
    return find_questionnaire(ident, extra)


def load_assessment(
    path: str | Path, questionnaire: Questionnaire | None = None, extra: Iterable[str | Path] = ()
) -> tuple[Assessment, Questionnaire, list[Problem]]:
    """Load an answers file and check it against its questionnaire (found by its id).

    A file whose bytes loaded before comes from the user's cache (``model_cache``) when
    it checks without a problem against the questionnaire; otherwise it is read, so that
    every problem is located in it.
    """
    from capassess.model_cache import KEEP_ANSWERS, answers_slot

    where = answers_slot(path)
    cached = where.read() if where is not None else None
    if cached is not None:
        with contextlib.suppress(NotFoundError):
            found = questionnaire or questionnaire_of(cached.questionnaire, extra)
            if not check_assessment(found, cached):
                return cached, found, []
    doc = read_yaml(path)
    expect_kind(doc, "answers")
    assessment = validate_answers(doc, questionnaire, extra)
    if questionnaire is None:
        try:
            questionnaire = questionnaire_of(assessment.questionnaire, extra)
        except NotFoundError as exc:
            raise InputError.at(exc.message, str(path), loc=("questionnaire",)) from None
    warnings = raise_errors(doc, check_assessment(questionnaire, assessment), "answers")
    if where is not None and cached is None:
        where.write(assessment, keep=KEEP_ANSWERS)
    return assessment, questionnaire, warnings


def validate_answers(
    doc: YamlDocument, questionnaire: Questionnaire | None = None, extra: Iterable[str | Path] = ()
) -> Assessment:
    """Build the ``Assessment`` of ``doc``, or raise with every problem of the file.

    When only the fields around the answers are wrong (a missing ``subject``, a bad
    ``date``), the answers themselves are still checked against the questionnaire, so
    that one run reports them all.
    """

    def check(assessment: Assessment) -> list[Problem]:
        q = questionnaire or questionnaire_of(assessment.questionnaire, extra)
        return check_assessment(q, assessment)

    try:
        return validate_model(doc, Assessment, check)
    except InputError as exc:
        more = [p for p in _answer_problems(doc, questionnaire, extra) if p not in exc.problems]
        if not more:
            raise
        problems = sorted([*exc.problems, *more], key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(exc.message, tuple(problems)) from None


def _answer_problems(
    doc: YamlDocument, questionnaire: Questionnaire | None, extra: Iterable[str | Path]
) -> list[Problem]:
    """The located errors of the answers of ``doc`` alone; none if they cannot be read."""
    if not isinstance(doc.data, dict):
        return []
    core = {k: doc.data[k] for k in ("questionnaire", "answers") if k in doc.data}
    try:
        stand_in = Assessment.model_validate({**core, "subject": {"id": "-"}})
        questionnaire = questionnaire or questionnaire_of(stand_in.questionnaire, extra)
    except (ValidationError, CapassessError):  # the questionnaire's own errors say enough
        return []
    located = doc.locate_all(check_assessment(questionnaire, stand_in))
    return [p for p in located if p.severity == "error"]


def load_target(path: str | Path, questionnaire: Questionnaire | None = None) -> TargetFile:
    """Load a target file; with a questionnaire, refuse capability ids it lacks."""
    from capassess.model.target import TargetFile

    def check(target: TargetFile) -> list[Problem]:
        if questionnaire is None:
            return []
        meant = (target.questionnaire or questionnaire.id).partition("@")[0]
        if meant != questionnaire.id:
            message = f"this target file is for questionnaire {meant!r}, not {questionnaire.id!r}"
            return [Problem(message, ("questionnaire",))]
        caps = {cap.id for _, cap in questionnaire.capabilities()}
        return [
            Problem(f"unknown capability {cid!r} in {questionnaire.id}", ("targets", cid))
            for cid in target.targets
            if cid not in caps
        ]

    return load_checked(path, "target", TargetFile, check)[0]


def load_matrix(path: str | Path) -> AhpMatrix:
    """Load a standalone AHP matrix file and check its reciprocity."""
    from capassess.consistency import check_matrix
    from capassess.model.matrix import AhpMatrix

    def check(matrix: AhpMatrix) -> list[Problem]:
        return [p for p in check_matrix(matrix, ()) if "consistency ratio" not in p.message]

    return load_checked(path, "matrix", AhpMatrix, check)[0]
