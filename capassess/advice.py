"""What the answers show (pure): actions in place, capabilities not assessed, questions
that hold a score down, contradictions to probe, KPIs met.

Advice rests on answers, never on the missing-answer policy: an unanswered question is
"not assessed", so an expression that depends on one is neither true nor false here
(three-valued, see ``capassess.expr.holds``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from capassess.expr import Node, deciding_names, holds, present_options
from capassess.model.questionnaire import Action, Check, Questionnaire
from capassess.model.results import CapabilityScore, ScoreResult
from capassess.records import record
from capassess.scoring.questions import compiled_condition

if TYPE_CHECKING:  # the score command reads answers without loading the plan models
    from capassess.model.plan import KpiFlag

ActionStatus = Literal[
    "in-place-evidence", "missing", "in-place-level", "open", "not-assessed", "not-applicable"
]
"""in-place-evidence: its ``done_when`` holds; missing: its ``done_when`` is false;
in-place-level: no verdict from the answers, and the capability already stands at the
action's level; open: no verdict, and the capability is below the action's level;
not-assessed: the capability has no answered question; not-applicable: every question of
the capability is answered n/a (or skipped), so the bank says the practice does not apply."""

SHORTFALL_QUESTIONS = 3


def answered_values(result: ScoreResult) -> dict[str, Any]:
    """Typed values of the answered questions by id; unanswered, n/a and skipped are absent
    (not to be changed: those of the last result are remembered, as planning and the
    report ask for them several times)."""
    last = _LAST_VALUES[0] if _LAST_VALUES else None
    if last is not None and last[0] is result:
        return last[1]
    caps = result.capabilities()
    values = {q.id: q.value for cap in caps for q in cap.questions if q.status == "answered"}
    _LAST_VALUES[:] = [(result, values)]
    _LAST_KEYS.clear()
    return values


_LAST_VALUES: list[tuple[ScoreResult, dict[str, Any]]] = []
# The verdict keys (``_verdict_key``) of expressions over the last result's values, by
# text: planning and the report ask about the same expressions several times a unit.
_LAST_KEYS: dict[str, tuple[Any, ...] | None] = {}


def moot_questions(result: ScoreResult) -> dict[str, str]:
    """The questions of ``result`` answered n/a or skipped by their condition, with that
    status (the last result's are kept: a report asks once per action to confirm)."""
    if _LAST_MOOT and _LAST_MOOT[0][0] is result:
        return _LAST_MOOT[0][1]
    moot: dict[str, str] = {
        r.id: r.status
        for c in result.capabilities()
        for r in c.questions
        if r.status in ("not_applicable", "skipped")
    }
    _LAST_MOOT[:] = [(result, moot)]
    return moot


_LAST_MOOT: list[tuple[ScoreResult, dict[str, str]]] = []


def is_assessed(cap: CapabilityScore) -> bool:
    """True unless every applicable question of the capability is unanswered."""
    return cap.answered > 0 or cap.missing == 0


def not_assessed_ids(result: ScoreResult) -> frozenset[str]:
    """The capabilities of ``result`` that are not assessed (see ``is_assessed``)."""
    return frozenset(c.id for c in result.capabilities() if not is_assessed(c))


def unanswered_questions(cap: CapabilityScore) -> list[str]:
    """Ids of the capability's applicable questions that have no answer."""
    return [q.id for q in cap.questions if q.status == "missing"]


def best_case_score(cap: CapabilityScore, model: str) -> float | None:
    """What the capability's answers allow: its score if every unanswered question were
    answered at its best (s = 1); its own score when none is unanswered. A gap or an
    action level this reaches rests on unanswered questions, not on the answers."""
    from capassess.scoring.interface import get_model

    counted = [
        (1.0 if q.status == "missing" else q.score, q.weight)
        for q in cap.questions
        if q.status == "missing" or (q.status == "answered" and q.score is not None)
    ]
    return get_model(model).capability(counted)  # type: ignore[arg-type]


def current_level(score: float | None) -> int:
    """The level a score stands at (1 when there is none)."""
    return 1 if score is None else max(1, min(5, math.floor(score + 1e-9)))


def expression_holds(text: str | None, values: Mapping[str, Any]) -> bool | None:
    """Three-valued truth of an expression over the answered values; None if no text.

    The verdict depends only on the values of the questions the expression names, so it
    is remembered by the text and those values (each with its type: ``1`` and ``True``
    are not the same answer); branches of a batch give the same answers again and again.
    """
    if text is None:
        return None
    key = _verdict_key(text, values)
    if key is None:
        return holds(compiled_condition(text), values)
    found = _VERDICTS.get(key, _UNSEEN)
    if found is _UNSEEN:
        if len(_VERDICTS) >= REMEMBERED_VERDICTS:
            _VERDICTS.clear()
        found = _VERDICTS[key] = holds(compiled_condition(text), values)
    return found  # type: ignore[return-value]


REMEMBERED_VERDICTS = 50_000
_VERDICTS: dict[tuple[Any, ...], bool | None] = {}
_UNSEEN = object()
_MISSING = object()


def _verdict_key(text: str, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """``text`` and the typed values of the questions it names; None if a value is
    neither a scalar nor a list of scalars (it is not remembered then). Over the values
    of the last result (``answered_values``), made once per text."""
    if _LAST_VALUES and values is _LAST_VALUES[0][1]:
        found = _LAST_KEYS.get(text, _UNSEEN)
        if found is _UNSEEN:
            if len(_LAST_KEYS) >= REMEMBERED_VERDICTS:
                _LAST_KEYS.clear()
            found = _LAST_KEYS[text] = _new_key(text, values)
        return found  # type: ignore[return-value]
    return _new_key(text, values)


def _new_key(text: str, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    key: list[Any] = [text]
    for name in condition_names(text):
        value = values.get(name, _MISSING)
        kind = type(value)
        if kind is list:
            items = tuple((type(v), v) for v in value)
            if not all(t in _SCALARS for t, _ in items):
                return None
            key.append((kind, items))
        elif kind in _SCALARS or value is _MISSING:
            key.append((kind, value))
        else:
            return None
    return tuple(key)


_SCALARS = frozenset({str, int, float, bool, type(None)})


@record
class Evidence:
    """The answers an expression rests on: (question id, value) in order of mention."""

    answers: tuple[tuple[str, Any], ...]


def evidence_for(text: str | None, values: Mapping[str, Any]) -> Evidence:
    """The answered values that settle an expression's verdict: for a false one only its
    false parts, for a true one its true parts (``capassess.expr.deciding_names``);
    unanswered questions are left out."""
    if text is None:
        return Evidence(())
    key = _verdict_key(text, values)
    found = _EVIDENCE.get(key) if key is not None else None
    if found is None:
        names = deciding_names(compiled_condition(text), values)
        found = Evidence(tuple((n, values[n]) for n in names if n in values))
        if key is not None:
            if len(_EVIDENCE) >= REMEMBERED_VERDICTS:
                _EVIDENCE.clear()
            _EVIDENCE[key] = found
    return found


# Evidence depends only on the text and the values of the questions it names (as a
# verdict does): remembered by the same key; an Evidence is frozen, shared safely.
_EVIDENCE: dict[tuple[Any, ...], Evidence] = {}


def open_questions(text: str | None, values: Mapping[str, Any]) -> tuple[str, ...]:
    """The unanswered questions that leave an expression neither true nor false (none when
    the answers settle it)."""
    if text is None or expression_holds(text, values) is not None:
        return ()
    key = _verdict_key(text, values)
    found = _OPEN.get(key) if key is not None else None
    if found is None:
        found = tuple(deciding_names(compiled_condition(text), values))
        if key is not None:
            if len(_OPEN) >= REMEMBERED_VERDICTS:
                _OPEN.clear()
            _OPEN[key] = found
    return found


# Open questions depend only on the text and the values of the questions it names (as a
# verdict does): remembered by the same key.
_OPEN: dict[tuple[Any, ...], tuple[str, ...]] = {}


@lru_cache(maxsize=4096)
def condition_names(text: str) -> tuple[str, ...]:
    """The question ids a condition names, each once, in order of mention."""
    return tuple(dict.fromkeys(compiled_condition(text).names()))


def action_status(action: Action, cap: CapabilityScore, values: Mapping[str, Any]) -> ActionStatus:
    """Where an action stands according to the answers (see ``ActionStatus``)."""
    if not is_assessed(cap):
        return "not-assessed"
    if cap.score is None:
        return "not-applicable"
    verdict = expression_holds(action.done_when, values)
    if verdict is True:
        return "in-place-evidence"
    if verdict is False:
        return "missing"
    return "in-place-level" if current_level(cap.score) >= action.level else "open"


def action_statuses(q: Questionnaire, result: ScoreResult) -> dict[str, ActionStatus]:
    """The status of every action of the questionnaire, by id (not to be changed: the
    last one is remembered, as planning and the report both ask for it)."""
    last = _LAST_STATUSES[0] if _LAST_STATUSES else None
    if last is not None and last[0] is q and last[1] is result:
        return last[2]
    values = answered_values(result)
    caps = {c.id: c for c in result.capabilities()}  # result.capability(id) looks through all
    statuses = {a.id: action_status(a, caps[cap.id], values) for cap, a in q.actions()}
    _LAST_STATUSES[:] = [(q, result, statuses)]
    return statuses


_LAST_STATUSES: list[tuple[Questionnaire, ScoreResult, dict[str, ActionStatus]]] = []


@record
class WeakQuestion:
    """An answered question below the level the capability aims for."""

    id: str
    value: Any
    score: float
    shortfall: float


def weakest_questions(cap: CapabilityScore, target: int) -> list[WeakQuestion]:
    """Answered questions scoring below the target's level, largest weighted shortfall first."""
    aim = (target - 1) / 4
    weak = [
        WeakQuestion(q.id, q.value, q.score, q.weight * (aim - q.score))
        for q in cap.questions
        if q.status == "answered" and q.score is not None and q.score < aim - 1e-9
    ]
    weak.sort(key=lambda w: (-w.shortfall, w.id))
    return weak[:SHORTFALL_QUESTIONS]


def kpi_flag(when: str | None, values: Mapping[str, Any], na: AbstractSet[str],
             done_when: str | None = None, levels: AbstractSet[str] = frozenset(),
             ) -> tuple[KpiFlag | None, tuple[tuple[str, Any], ...]]:  # fmt: skip
    """Why a KPI cannot measure its action, with the answers behind it: ``not-applicable``
    when it names questions answered n/a (``compare`` cannot check it; value None);
    ``met-now`` when its measure already holds on these answers; (None, ()) otherwise.

    A KPI is the action's deliverable (its ``done_when``) plus a measure: its other
    ``and`` parts, leaving out those that name only the capability's level questions
    (``levels``: the self-assessed ladder, not a measure)."""
    if when is None:
        return None, ()
    inapplicable = tuple((n, None) for n in condition_names(when) if n in na)
    if inapplicable:
        return "not-applicable", inapplicable
    key = _verdict_key(when, values)
    if key is None or not isinstance(levels, frozenset):
        return _measured(when, values, done_when, levels)
    key = (key, done_when, levels)  # a frozenset keeps its hash: no cost per call
    found = _KPI_FLAGS.get(key)
    if found is None:
        if len(_KPI_FLAGS) >= REMEMBERED_VERDICTS:
            _KPI_FLAGS.clear()
        found = _KPI_FLAGS[key] = _measured(when, values, done_when, levels)
    return found


# ``met-now`` rests on the KPI's text, the values of the questions it names, the
# deliverable's text and the level questions: remembered by these (none n/a).
KpiVerdict = tuple["KpiFlag | None", tuple[tuple[str, Any], ...]]
_KPI_FLAGS: dict[tuple[Any, ...], KpiVerdict] = {}


def _measured(when: str, values: Mapping[str, Any], done_when: str | None,
              levels: AbstractSet[str]) -> KpiVerdict:  # fmt: skip
    """``met-now`` with its answers when the KPI's measure beyond its deliverable holds."""
    done = set(_conjuncts(compiled_condition(done_when))) if done_when else set()
    beyond = [c for c in _conjuncts(compiled_condition(when))
              if c not in done and not set(c.names()) <= levels]  # fmt: skip
    if beyond and all(holds(c, values) is True for c in beyond):
        names = dict.fromkeys(n for c in beyond for n in deciding_names(c, values))
        # a checklist by the ticked options the measure asks for: the others are not measured
        asked = {(n, o) for c in beyond for n, opts in present_options(c, values).items()
                 for o in opts}  # fmt: skip
        lists = {n for n, _ in asked}
        return "met-now", tuple(
            (n, [o for o in values[n] if (n, o) in asked] if n in lists else values[n])
            for n in names if n in values
        )  # fmt: skip
    return None, ()


def _conjuncts(node: Node) -> tuple[Node, ...]:
    return node.args if node.op == "and" else (node,)


def failed_checks(q: Questionnaire, result: ScoreResult) -> list[tuple[Check, Evidence]]:
    """Consistency checks whose condition holds, with the answers that trigger them."""
    values = answered_values(result)
    return [
        (check, evidence_for(check.when, values))
        for check in q.checks
        if expression_holds(check.when, values) is True
    ]


def answered_but_not_asked(result: ScoreResult, answers: Mapping[str, Any]) -> list[str]:
    """Questions answered although their ``when`` is false: the answers are not scored."""
    out = []
    for cap in result.capabilities():
        for q in cap.questions:
            answer = answers.get(q.id)
            if q.status == "skipped" and answer is not None and not answer.is_missing:
                out.append(q.id)
    return out
