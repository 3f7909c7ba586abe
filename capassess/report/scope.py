"""Scope, interviewees and limitations of an assessment, from its answers file and results."""

from __future__ import annotations

from capassess.model.base import Lang
from capassess.planning import Planned
from capassess.records import record
from capassess.report.advice import respondents
from capassess.texts import words
from capassess.texts.batch import group_label


@record
class Scope:
    """What was assessed, with whom, and what the results cannot say."""

    items: tuple[tuple[str, str], ...]
    interviewees: tuple[tuple[str, str], ...]
    limitations: tuple[str, ...]


def _evidenced(planned: Planned) -> int:
    """Scored answers (a value, not n/a, not skipped by a condition) that carry evidence."""
    answers = planned.scored.assessment.answers
    scored = [q.id for cap in planned.scored.result.capabilities() for q in cap.questions
              if q.status == "answered"]  # fmt: skip
    return sum(1 for qid in scored if (e := answers[qid].evidence) is not None and e.strip())


def _items(planned: Planned, evidenced: int, lang: Lang) -> list[tuple[str, str]]:
    t, s = words("report", lang), planned.scored
    q, result = s.questionnaire, s.result
    dims = list(q.dimensions)  # the foundation, if any, is named beside them
    caps = sum(len(d.capabilities) for d in q.sections())
    questions = sum(1 for _ in q.questions())
    answered = sum(c.answered for c in result.capabilities())
    na = sum(c.not_applicable for c in result.capabilities())
    not_asked = sum(c.skipped for c in result.capabilities())
    # so that "questions: 23" agrees with "unanswered: 21 of 22" when one was not asked
    skipped = t["scope_skipped"].format(n=not_asked) if not_asked else ""
    subject = s.assessment.subject
    named = (f"{group_label(k, lang)}{t['colon']}{v}" for k, v in subject.group.items())
    groups = [(t["scope_groups"], " · ".join(named))]
    people = respondents(planned)
    return [
        (t["scope_subject"], subject.name or subject.id),
        *([(t["respondents"], t["list_sep"].join(people))] if people else []),
        (t["subject_id"], subject.id),
        *(groups if subject.group else []),
        (t["questionnaire"], f"{q.title.get(lang)} · {q.ref}"),
        (t["scope_coverage"], t["scope_coverage_foundation" if q.foundation else
                                 "scope_coverage_text"].format(
            dims=len(dims), caps=caps, questions=questions) + skipped),
        (t["scope_answers"], t["scope_answers_text"].format(answered=answered, na=na,
                                                              evidenced=evidenced)),
    ]  # fmt: skip


def _limitations(planned: Planned, evidenced: int, probes: int, lang: Lang) -> list[str]:
    t, s = words("report", lang), planned.scored
    result = s.result
    answered = sum(c.answered for c in result.capabilities())
    missing = sum(c.missing for c in result.capabilities())
    lines = [t["limit_basis"]]
    if answered > evidenced:
        lines.append(t["limit_evidence"].format(n=answered - evidenced))
    if missing:
        lines.append(t["limit_missing"].format(n=missing))
    if planned.gaps.not_assessed():
        lines.append(t["limit_not_assessed"].format(n=len(planned.gaps.not_assessed())))
    if probes:
        lines.append(t["limit_probes"].format(n=probes))
    if not s.assessment.interviewees:
        lines.append(t["limit_no_interviewees"])
    branch = s.assessment.subject.kind == "branch"
    lines.append(t["limit_costs_branch" if branch else "limit_costs"])
    return lines


def build_scope(planned: Planned, probes: int, lang: Lang) -> Scope:
    """The scope section of the report of ``planned``."""
    people = planned.scored.assessment.interviewees
    evidenced = _evidenced(planned)
    return Scope(
        items=tuple(_items(planned, evidenced, lang)),
        interviewees=tuple((p.name, p.role or "") for p in people),
        limitations=tuple(_limitations(planned, evidenced, probes, lang)),
    )
