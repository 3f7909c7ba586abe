"""Validate any capassess file, whatever its kind, and say what it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from capassess.catalog import find_questionnaire, questionnaire_of, validate_answers
from capassess.consistency import check_matrix, check_questionnaire
from capassess.errors import CapassessError, InputError, Problem
from capassess.loading import YamlDocument, read_yaml
from capassess.model.matrix import AhpMatrix
from capassess.model.questionnaire import Questionnaire
from capassess.model.target import TargetFile
from capassess.model_files import detect_kind, validate_model
from capassess.scoring.ahp import analyse_matrix
from capassess.values import check_assessment


@dataclass
class FileReport:
    """What validating one file found."""

    path: str
    kind: str | None = None
    summary: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True if the file has no errors (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


def _questionnaire(doc: YamlDocument) -> tuple[str, list[Problem]]:
    q = validate_model(doc, Questionnaire, check_questionnaire)
    n_caps = sum(1 for _ in q.capabilities())
    n_questions = sum(1 for _ in q.questions())
    n_actions = sum(len(cap.actions) for _, cap in q.capabilities())
    summary = (
        f"questionnaire {q.ref}: {len(q.dimensions)} dimensions"
        + (f" and a foundation of {len(q.foundation.capabilities)}" if q.foundation else "")
        + f", {n_caps} capabilities, "
        f"{n_questions} questions, {n_actions} actions"
    )
    return summary, check_questionnaire(q)


def _answers(doc: YamlDocument, extra: Iterable[str | Path]) -> tuple[str, list[Problem]]:
    a = validate_answers(doc, extra=extra)
    try:
        q = questionnaire_of(a.questionnaire, extra)
    except CapassessError as exc:
        return "", [Problem(exc.message, ("questionnaire",))]
    summary = f"answers for {a.subject.name or a.subject.id} ({q.ref}): {len(a.answers)} answers"
    return summary, check_assessment(q, a)


def _target(doc: YamlDocument, extra: Iterable[str | Path]) -> tuple[str, list[Problem]]:
    def check(t: TargetFile) -> list[Problem]:
        if not t.questionnaire:
            return []
        try:
            q = find_questionnaire(t.questionnaire.split("@")[0], extra)
        except CapassessError as exc:
            return [Problem(exc.message, ("questionnaire",))]
        caps = {cap.id for _, cap in q.capabilities()}
        return [
            Problem(f"unknown capability {cid!r} in {q.id}", ("targets", cid))
            for cid in t.targets
            if cid not in caps
        ]

    t = validate_model(doc, TargetFile, check)
    problems = check(t)
    return ("" if problems else f"target file: {len(t.targets)} capability targets"), problems


def _matrix(doc: YamlDocument) -> tuple[str, list[Problem]]:
    m = validate_model(doc, AhpMatrix, lambda matrix: check_matrix(matrix, ()))
    problems = check_matrix(m, ())
    if problems:
        return "", problems
    r = analyse_matrix(m.full(), accept_cr=m.accept_cr)
    return f"AHP matrix of {len(m.items)} items: CR = {r.cr:.4f}", problems


def _benchmark(doc: YamlDocument, extra: Iterable[str | Path]) -> tuple[str, list[Problem]]:
    from capassess.benchmark.pack_file import check_pack
    from capassess.model.benchmark import BenchmarkPack

    pack = validate_model(doc, BenchmarkPack)
    try:
        q = questionnaire_of(pack.questionnaire, extra)
    except CapassessError as exc:
        return "", [Problem(exc.message, ("questionnaire",))]
    if q.ref != pack.questionnaire:
        return "", [Problem(f"{pack.questionnaire} not found (found {q.ref})", ("questionnaire",))]
    groups = ", ".join(f"{n} ({g.count})" for n, g in pack.peer_groups.items()) or "none"
    return f"benchmark pack for {pack.questionnaire}: groups {groups}", check_pack(pack, q)


def validate_file(path: str | Path, extra: Iterable[str | Path] = ()) -> FileReport:
    """Validate one file of any kind; never raises for a bad file."""
    report = FileReport(str(path))
    try:
        doc = read_yaml(path)
        report.kind = detect_kind(doc)
        if report.kind is None:
            raise InputError.at(
                "not a capassess file: expected a questionnaire (dimensions:), answers "
                "(answers:), target (targets:), AHP matrix (matrix:) or benchmark pack "
                "(peer_groups:)",
                doc.path,
                1,
                1,
            )
        if report.kind == "questionnaire":
            report.summary, problems = _questionnaire(doc)
        elif report.kind == "answers":
            report.summary, problems = _answers(doc, extra)
        elif report.kind == "target":
            report.summary, problems = _target(doc, extra)
        elif report.kind == "benchmark":
            report.summary, problems = _benchmark(doc, extra)
        else:
            report.summary, problems = _matrix(doc)
        report.problems = doc.locate_all(problems)
    except InputError as exc:
        report.problems = list(exc.problems)
    return report
