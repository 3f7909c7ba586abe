"""Services that load answers files and run the core: score, gaps, roadmap, compare."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from capassess.advice import answered_values, expression_holds
from capassess.catalog import load_target
from capassess.errors import InputError, Problem
from capassess.gap import find_gaps, resolve_targets
from capassess.memo import per_object
from capassess.model.answers import Assessment
from capassess.model.plan import GapAnalysis, Roadmap, Target
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.pairing import Side, check_pair
from capassess.records import record
from capassess.roadmap import PhasePlan, build_roadmap
from capassess.schedule import DEFAULT_MAX_ACTIVE, DEFAULT_MAX_MAJOR, DEFAULT_MAX_PER_OWNER
from capassess.scorecard import score_file
from capassess.scoring.engine import roll_up

if TYPE_CHECKING:  # peers come only with --benchmark, which loads their code
    from capassess.comparison import Comparison, KpiStatus
    from capassess.peers import PeerComparison


@record
class Scored:
    """An answers file with its questionnaire and scores."""

    path: str
    questionnaire: Questionnaire
    assessment: Assessment
    result: ScoreResult
    warnings: list[Problem]


@record
class PlanOptions:
    """How to set targets and phases."""

    target: str | None = None
    target_level: int | None = None
    baseline: str | None = None
    boundaries: tuple[int, ...] = (0, 6, 18, 36)
    budget: int | None = None
    max_major: int = DEFAULT_MAX_MAJOR
    start: dt.date | None = None
    max_per_owner: int | None = DEFAULT_MAX_PER_OWNER
    max_active: int | None = DEFAULT_MAX_ACTIVE


@record
class Planned:
    """Scores, targets, gaps and roadmap of one assessment (and its baseline)."""

    scored: Scored
    targets: dict[str, Target]
    gaps: GapAnalysis
    roadmap: Roadmap
    baseline: Scored | None
    peers: PeerComparison | None = None
    """The assessment among its peers, with ``--benchmark``."""


def load_scored(
    path: str | Path,
    dirs: Iterable[str | Path] = (),
    *,
    questionnaire: str | None = None,
    model: str | None = None,
    missing: str | None = None,
) -> Scored:
    """Load an answers file, check it against its questionnaire, and score it."""
    f = score_file(path, questionnaire=questionnaire, model=model, missing=missing, extra=dirs)
    return Scored(str(path), f.questionnaire, f.assessment, f.result, f.warnings)


def type_profile(q: Questionnaire, bank_type: str | None) -> str | None:
    """The id of the questionnaire's target profile for banks of ``bank_type``, if any:
    the targets of a bank planned without ``--target``."""
    return next((p.id for p in q.profiles if bank_type and p.bank_type == bank_type), None)


def _targets(q: Questionnaire, options: PlanOptions, bank_type: str | None) -> dict[str, Target]:
    spec = options.target or type_profile(q, bank_type)
    if spec is not None and Path(spec).is_file():
        return resolve_targets(q, target_file=load_target(spec, q), level=options.target_level)
    if spec is not None and Path(spec).is_dir():
        raise InputError.at("this is a folder, not a target file", spec)
    path_like = spec is not None and (
        Path(spec).suffix.lower() in (".yaml", ".yml") or any(sep in spec for sep in "/\\")
    )
    if path_like:
        raise InputError.at("no such file (--target takes a target file or a profile id)", spec)
    # from the questionnaire alone: the same for every unit of a batch
    key = ("targets", spec, options.target_level)
    found = per_object(q, key, lambda: resolve_targets(q, profile=spec, level=options.target_level))
    return dict(found)


def plan_scored(scored: Scored, options: PlanOptions, baseline: Scored | None = None) -> Planned:
    """Targets, gaps and roadmap for an already scored assessment."""
    q, result = scored.questionnaire, scored.result
    if baseline is not None and baseline.questionnaire.id != q.id:
        raise InputError.at(
            f"the baseline is an assessment of {baseline.questionnaire.ref}, not {q.ref}",
            baseline.path,
        )
    try:
        phases = PhasePlan(options.boundaries, options.budget, options.max_major, options.start,
                           options.max_per_owner, options.max_active)  # fmt: skip
    except ValueError as exc:
        raise InputError(str(exc)) from None
    targets = _targets(q, options, scored.assessment.subject.bank_type)
    gaps = find_gaps(q, result, targets, baseline.result if baseline else None)
    roadmap = build_roadmap(q, result, gaps, lambda caps: roll_up(q, caps, template=result), phases)
    return Planned(scored, targets, gaps, roadmap, baseline)


def plan_file(
    path: str | Path,
    options: PlanOptions,
    dirs: Iterable[str | Path] = (),
    *,
    model: str | None = None,
) -> Planned:
    """Score an answers file (and its baseline) and plan its improvement."""
    scored = load_scored(path, dirs, model=model)
    baseline = None
    if options.baseline:
        # scored against the version it names, which may be an earlier one of the same
        # questionnaire: progress is then read capability by capability (plan_scored
        # refuses another questionnaire)
        baseline = load_scored(options.baseline, dirs, model=model)
    return plan_scored(scored, options, baseline)


def compare_files(
    old: str | Path,
    new: str | Path,
    dirs: Iterable[str | Path] = (),
    *,
    model: str | None = None,
    other_subject: bool = False,
) -> Comparison:
    """Score two answers files of one questionnaire and subject and compare them
    (``pairing.check_pair``; ``other_subject`` allows two subject ids)."""
    from capassess.comparison import compare  # for `compare` only, not `plan` or `report`

    a, b = load_scored(old, dirs, model=model), load_scored(new, dirs, model=model)
    warnings = check_pair(side_of(a), side_of(b), roles=("OLD", "NEW"),
                          other_subject=other_subject)  # fmt: skip
    comparison = compare(
        (a.questionnaire, a.assessment, a.result), (b.questionnaire, b.assessment, b.result)
    )
    old_plan = plan_scored(a, PlanOptions())
    kpis = kpi_statuses(old_plan.roadmap, b.result)
    return comparison.model_copy(update={"kpis": kpis, "warnings": warnings})


def check_baseline(planned: Planned, *, other_subject: bool = False) -> list[str]:
    """Refuse a baseline of another questionnaire or subject; warnings about its date."""
    if planned.baseline is None:
        return []
    roles = ("the baseline", "the assessment")
    return check_pair(side_of(planned.baseline), side_of(planned.scored), roles=roles,
                      other_subject=other_subject)  # fmt: skip


def side_of(scored: Scored) -> Side:
    """One side of a pair of assessments (``pairing``)."""
    return Side(scored.path, scored.questionnaire, scored.assessment)


def reached(planned: Planned, capability_id: str) -> float | None:
    """A capability's projected score at the roadmap's end (None without phases)."""
    phases = planned.roadmap.phases
    return phases[-1].capability_scores.get(capability_id) if phases else None


def kpi_statuses(roadmap: Roadmap, result: ScoreResult) -> list[KpiStatus]:
    """Each KPI of a roadmap's actions, met or not on a later assessment's answers."""
    from capassess.comparison import KpiStatus

    values = answered_values(result)
    out = []
    for a in roadmap.actions:
        if a.kpi is None:
            continue
        verdict = expression_holds(a.kpi.when, values)
        status = "not-assessed" if verdict is None else "met" if verdict else "not-met"
        out.append(KpiStatus(action_id=a.id, title=a.title, when=a.kpi.when, text=a.kpi.text,
                             status=status))  # fmt: skip
    return out
