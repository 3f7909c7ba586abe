"""Score an assessment, and roll capability scores up the tree, with one code path.

``score_assessment`` scores questions, then capabilities, then calls ``aggregate`` for
dimensions and the whole; ``roll_up`` (used to project scores after a roadmap phase)
starts from given capability scores and calls the same ``aggregate``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import get_args

from capassess.errors import InputError, Problem
from capassess.figures import counted
from capassess.memo import SameObjects, per_object
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Capability, MissingPolicy, Questionnaire
from capassess.model.results import (
    CapabilityScore,
    DimensionScore,
    NodeScore,
    OverallScore,
    QuestionResult,
    ScoreResult,
)
from capassess.model.trusted import trusted, trusted_copy
from capassess.scoring.interface import ScoringModel, Weighted, get_model
from capassess.scoring.questions import QuestionOutcome, evaluate_questions, level_of
from capassess.scoring.remembered import capability_score
from capassess.scoring.weights import WeightTree, tree_weights

MISSING_POLICIES: tuple[str, ...] = get_args(MissingPolicy)


def score_assessment(
    questionnaire: Questionnaire,
    assessment: Assessment,
    *,
    model: str | None = None,
    missing: str | None = None,
    weights: WeightTree | None = None,
) -> ScoreResult:
    """Score ``assessment`` against ``questionnaire``.

    ``model`` and ``missing`` default to the questionnaire's own; ``weights`` may be
    passed to score many assessments without recomputing them. Raise ``InputError`` for
    a value that does not fit its question, an unknown model or policy, or (under
    ``missing: error``) any unanswered question, listing all of them.
    """
    scorer = get_model(model or questionnaire.model)
    policy = _policy(missing or questionnaire.missing)
    tree = weights or tree_weights(questionnaire)
    questions = (question for _, _, question in questionnaire.questions())
    outcomes = evaluate_questions(questions, assessment.answers)
    if policy == "error":
        _refuse_missing(outcomes)
    capabilities = {
        cap.id: capability_score(score_capability, cap, outcomes, tree, scorer, policy)
        for _, cap in questionnaire.capabilities()
    }
    dimensions, overall = aggregate(questionnaire, capabilities, tree, scorer)
    return trusted(
        ScoreResult,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        model=scorer.name,
        missing_policy=policy,
        subject=assessment.subject,
        assessor=assessment.assessor,
        date=assessment.date,
        overall=overall,
        dimensions=dimensions,
    )


def roll_up(
    questionnaire: Questionnaire,
    capability_scores: Mapping[str, float | None],
    *,
    model: str | None = None,
    template: ScoreResult | None = None,
    weights: WeightTree | None = None,
) -> ScoreResult:
    """Recompute dimension and overall scores from capability scores in [1, 5] (or None).

    A capability left out of ``capability_scores`` keeps its score in ``template`` (or
    is ``None`` without one); its questions and counts are kept from ``template``. The
    model defaults to the template's, then the questionnaire's.
    """
    known = per_object(questionnaire, "capability-ids", lambda: frozenset(
        cap.id for _, cap in questionnaire.capabilities()))  # fmt: skip
    bad = [k for k, v in capability_scores.items() if v is not None and not 1 <= v <= 5]
    if bad or not known.issuperset(capability_scores):
        unknown = sorted(set(capability_scores) - known)
        raise ValueError(f"unknown capabilities {unknown} or scores outside [1, 5] for {bad}")
    scorer = get_model(model or (template.model if template else questionnaire.model))
    tree = weights or tree_weights(questionnaire)
    old = {cap.id: cap for cap in template.capabilities()} if template else {}
    capabilities: dict[str, CapabilityScore] = {}
    for _, cap in questionnaire.capabilities():
        base = old.get(cap.id) or _empty_capability(cap.id, tree)
        score = capability_scores.get(cap.id, base.score)
        level = level_of(score)
        if _same(score, base.score) and _same(level, base.level):
            capabilities[cap.id] = base  # frozen: a copy would be equal in every field
        else:
            capabilities[cap.id] = trusted_copy(base, {"score": score, "level": level})
    same = template.dimensions if template and template.model == scorer.name else ()
    dimensions, overall = aggregate(questionnaire, capabilities, tree, scorer, same)
    return trusted(
        ScoreResult,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        model=scorer.name,
        missing_policy=template.missing_policy if template else questionnaire.missing,
        subject=template.subject if template else None,
        assessor=template.assessor if template else None,
        date=template.date if template else None,
        overall=overall,
        dimensions=dimensions,
    )


def _same(a: object, b: object) -> bool:
    """``a`` and ``b`` are the same value of the same type (``3`` is not ``3.0``)."""
    return a is b or (type(a) is type(b) and a == b)


def _policy(name: str) -> str:
    if name not in MISSING_POLICIES:
        choices = ", ".join(MISSING_POLICIES)
        raise InputError(f"unknown missing-answer policy {name!r}; choose one of: {choices}")
    return name


def _refuse_missing(outcomes: Mapping[str, QuestionOutcome]) -> None:
    ids = [qid for qid, o in outcomes.items() if o.status == "missing"]
    if ids:
        problems = tuple(
            Problem("no answer, and the missing-answer policy is 'error'", ("answers", qid))
            for qid in ids
        )
        raise InputError(f"{counted(len(ids), 'question')} unanswered: {', '.join(ids)}", problems)


def _empty_capability(cap_id: str, tree: WeightTree) -> CapabilityScore:
    return trusted(
        CapabilityScore,
        id=cap_id,
        score=None,
        level=None,
        weight=tree.local[cap_id],
        global_weight=tree.global_[cap_id],
    )


def score_capability(
    cap: Capability,
    outcomes: Mapping[str, QuestionOutcome],
    tree: WeightTree,
    scorer: ScoringModel,
    policy: str,
) -> CapabilityScore:
    """Score one capability from its questions' outcomes under the missing ``policy``."""
    results: list[QuestionResult] = []
    counted: list[Weighted] = []
    for question in cap.questions:
        outcome = outcomes[question.id]
        score = outcome.score
        if outcome.status == "missing" and policy == "lowest":
            score = 0.0
        weight = tree.local[question.id]
        if score is not None:
            counted.append((score, weight))
        results.append(_question_result(question.id, outcome, score, weight))
    score = scorer.capability(counted)
    statuses = [r.status for r in results]
    return trusted(
        CapabilityScore,
        id=cap.id,
        score=score,
        level=level_of(score),
        weight=tree.local[cap.id],
        global_weight=tree.global_[cap.id],
        answered=statuses.count("answered"),
        not_applicable=statuses.count("not_applicable"),
        missing=statuses.count("missing"),
        skipped=statuses.count("skipped"),
        questions=results,
    )


def _question_result(
    qid: str, outcome: QuestionOutcome, score: float | None, weight: float
) -> QuestionResult:
    """The result of one question. An outcome remembered for many units
    (``scoring.questions.outcome_of``) gives one result, made once and shared (results are
    frozen), as long as its score and weight are the very same numbers; a list value is
    each unit's own, so its result is never shared."""
    objects = (outcome, score, weight)
    found = _RESULTS.get(id(outcome), objects)
    if found is not None:
        return found
    result = trusted(QuestionResult, id=qid, status=outcome.status, value=outcome.value,
                     score=score, weight=weight)  # fmt: skip
    if outcome.status == "answered" and type(outcome.value) is not list and qid == outcome.id:
        _RESULTS.put(id(outcome), objects, result, REMEMBERED_RESULTS)
    return result


REMEMBERED_RESULTS = 20_000
_RESULTS: SameObjects[QuestionResult] = SameObjects()


def _combine(scorer: ScoringModel, children: Sequence[NodeScore]) -> float | None:
    return scorer.combine([(c.score, c.weight) for c in children if c.score is not None])


def aggregate(
    questionnaire: Questionnaire,
    capabilities: Mapping[str, CapabilityScore],
    tree: WeightTree,
    scorer: ScoringModel,
    known: Sequence[DimensionScore] = (),
) -> tuple[list[DimensionScore], OverallScore]:
    """Dimension and overall scores from capability scores; n/a children leave the sums.

    The foundation is scored like a dimension but left out of the overall score; each
    of its capabilities caps the overall level (``gate_overall``). ``known``: dimension
    scores made by ``scorer`` earlier (a projection's template), each kept as it is
    while its capabilities are the very same objects and its weights the tree's (it
    would be made again equal in every field).
    """
    dimensions: list[DimensionScore] = []
    for i, dim in enumerate(questionnaire.sections()):
        caps = [capabilities[cap.id] for cap in dim.capabilities]
        old = known[i] if i < len(known) else None
        foundation = dim is questionnaire.foundation
        if old is not None and old.foundation is foundation and _unchanged(old, dim.id, caps, tree):
            dimensions.append(old)
            continue
        score = _combine(scorer, caps)
        dimensions.append(
            trusted(
                DimensionScore,
                id=dim.id,
                score=score,
                level=level_of(score),
                weight=tree.local[dim.id],
                global_weight=tree.global_[dim.id],
                answered=sum(c.answered for c in caps),
                not_applicable=sum(c.not_applicable for c in caps),
                missing=sum(c.missing for c in caps),
                skipped=sum(c.skipped for c in caps),
                capabilities=caps,
                foundation=foundation,
            )
        )
    overall = _combine(scorer, [d for d in dimensions if not d.foundation])
    gates = [c for d in dimensions if d.foundation for c in d.capabilities]
    return dimensions, gate_overall(overall, gates)


def _unchanged(old: DimensionScore, dim_id: str, caps: list[CapabilityScore],
               tree: WeightTree) -> bool:  # fmt: skip
    """``old`` is the score of ``dim_id`` over the very same capability scores and the
    weights of ``tree``."""
    return (
        old.id == dim_id
        and len(old.capabilities) == len(caps)
        and all(a is b for a, b in zip(old.capabilities, caps, strict=True))
        and _same(old.weight, tree.local[dim_id])
        and _same(old.global_weight, tree.global_[dim_id])
    )


def gate_overall(score: float | None, gates: Sequence[NodeScore]) -> OverallScore:
    """The overall score and its level, at most the lowest level among ``gates``.

    ``capped_by`` lists the gates whose level lies below the score's own level, lowest
    first (ties in file order); an n/a gate caps nothing. Nor does a gate nobody answered
    (not assessed: its level is only what the missing policy made of blanks): it is listed
    in ``unconfirmed_by`` instead, as long as it could still lower the level. A gate that
    caps while some of its questions are unanswered caps, and is listed there too: the
    blanks, once answered, may lift it.
    """
    own = level_of(score)
    if own is None:
        return trusted(OverallScore, score=score, level=None)
    silent = [g for g in gates if g.answered == 0 and g.missing > 0]
    below = [g for g in gates if g.level is not None and g.level < own and g not in silent]
    below.sort(key=lambda g: g.level or 0)
    level = min([own, *(g.level or own for g in below)])
    unconfirmed = [g.id for g in silent if g.level is not None and level > 1]
    unconfirmed += [g.id for g in below if g.missing > 0]
    return trusted(OverallScore, score=score, level=level, capped_by=[g.id for g in below],
                   uncapped_level=own, unconfirmed_by=unconfirmed)  # fmt: skip
