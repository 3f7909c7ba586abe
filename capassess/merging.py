"""Combine several respondents' answers for one bank into one assessment (pure).

Each answer stands for a level: 1 + 4 s, with s its question score (a level question's
level, a number's threshold level, a choice's score on the 1..5 scale). Per question,
the rule picks one respondent's answer among those with a value:

- ``median``: the lower median by level (an actual answer, never an average);
- ``min``: the lowest level (the cautious reading);
- ``latest``: the answer of the latest assessment date (later input wins a tie);
  ``n/a`` counts here like any answer.

For ``median`` and ``min``, ``n/a`` is taken only if nobody gave a value. Evidence and
notes of every respondent are kept, each after its respondent's name. A question whose
levels differ by two or more is a disagreement, listed in the merged assessment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from capassess.errors import InputError
from capassess.model.answers import Answer, Assessment, Disagreement
from capassess.model.base import NAME_LENGTH
from capassess.model.questionnaire import Questionnaire
from capassess.records import record
from capassess.scoring.questions import question_score
from capassess.values import parse_value

Rule = Literal["median", "min", "latest"]
RULES: tuple[Rule, ...] = ("median", "min", "latest")
DISAGREEMENT = 2.0  # levels


@record
class Source:
    """One input: its name (used when an answer names no respondent) and its answers."""

    name: str
    assessment: Assessment


@record
class Given:
    """One respondent's answer to one question, with the level it stands for."""

    source: int
    respondent: str
    answer: Answer
    level: float | None  # None for n/a or no value


@record
class Merged:
    """The merged assessment, who took part, and which respondent each answer is from."""

    assessment: Assessment
    respondents: list[str]
    picked: dict[str, str]


def check_same_bank(sources: Sequence[Source]) -> None:
    """Refuse inputs for different questionnaires or different subjects."""
    first = sources[0]
    for other in sources[1:]:
        a, b = first.assessment, other.assessment
        if a.questionnaire_id != b.questionnaire_id or (
            a.questionnaire_version
            and b.questionnaire_version
            and a.questionnaire_version != b.questionnaire_version
        ):
            raise InputError(
                f"{first.name} answers {a.questionnaire} but {other.name} answers "
                f"{b.questionnaire}: merge combines answers to one questionnaire"
            )
        if a.subject.id != b.subject.id:
            raise InputError(
                f"{first.name} assesses {a.subject.id!r} but {other.name} assesses "
                f"{b.subject.id!r}: merge combines respondents of one bank (the subject id "
                "must be the same)"
            )


def _level(q: Questionnaire, qid: str, answer: Answer) -> float | None:
    if answer.is_missing or answer.not_applicable:
        return None
    question = q.question_map()[qid]
    return 1 + 4 * question_score(question, parse_value(question, answer.value))


def _givens(q: Questionnaire, sources: Sequence[Source], qid: str) -> list[Given]:
    out: list[Given] = []
    for i, source in enumerate(sources):
        answer = source.assessment.answers.get(qid)
        if answer is not None:
            who = answer.respondent or source.name
            if any(g.respondent == who for g in out):  # one name in two files: tell apart
                suffix = f" ({source.name})"  # a name of at most NAME_LENGTH // 2
                who = who[: NAME_LENGTH - len(suffix)] + suffix
            out.append(Given(i, who, answer, _level(q, qid, answer)))
    return out


def _date(source: Source) -> dt.date:
    return source.assessment.date or dt.date.min


def pick(givens: list[Given], rule: Rule, sources: Sequence[Source]) -> Given | None:
    """The answer ``rule`` takes among ``givens``; None if nobody gave a value."""
    valued = [g for g in givens if not g.answer.is_missing]
    if not valued:
        return None
    if rule == "latest":
        return max(valued, key=lambda g: (_date(sources[g.source]), g.source))
    levels = [g for g in valued if g.level is not None]
    if not levels:
        return valued[0]  # everyone who answered said n/a
    ordered = sorted(levels, key=lambda g: (g.level, g.source))
    return ordered[0] if rule == "min" else ordered[(len(ordered) - 1) // 2]


def _texts(givens: list[Given], field: Literal["evidence", "note"], named: bool) -> str | None:
    """Every respondent's text, each once, after the names of those who gave it."""
    by_text: dict[str, list[str]] = {}
    for g in givens:
        text = (getattr(g.answer, field) or "").strip()
        if text:
            by_text.setdefault(text, []).append(g.respondent)
    if not named:
        return " | ".join(by_text) or None
    return " | ".join(f"{', '.join(who)}: {text}" for text, who in by_text.items()) or None


def _disagreement(qid: str, givens: list[Given]) -> Disagreement | None:
    levels = {g.respondent: g.level for g in givens if g.level is not None}
    if len(levels) < 2:
        return None
    spread = max(levels.values()) - min(levels.values())
    if spread < DISAGREEMENT - 1e-9:
        return None
    return Disagreement(question=qid, spread=round(spread, 6), levels=levels)


def merge_assessments(q: Questionnaire, sources: Sequence[Source], rule: Rule) -> Merged:
    """Merge ``sources`` (answers to ``q`` for one bank) by ``rule``, question by question."""
    if not sources:
        raise InputError("merge needs at least one answers file")
    check_same_bank(sources)
    named = len(sources) > 1
    answers: dict[str, Answer] = {}
    picked: dict[str, str] = {}
    disagreements: list[Disagreement] = []
    asked = {qid for s in sources for qid in s.assessment.answers}
    for qid in (s.id for _, _, s in q.questions() if s.id in asked):
        givens = _givens(q, sources, qid)
        chosen = pick(givens, rule, sources)
        answer = Answer(
            value=chosen.answer.value if chosen else None,
            evidence=_texts(givens, "evidence", named),
            note=_texts(givens, "note", named),
            respondent=chosen.respondent if chosen else None,
        )
        if answer != Answer():
            answers[qid] = answer
        if chosen:
            picked[qid] = chosen.respondent
        found = _disagreement(qid, givens)
        if found:
            disagreements.append(found)
    return Merged(_assessment(sources, answers, disagreements), _respondents(sources), picked)


def _respondents(sources: Sequence[Source]) -> list[str]:
    seen: dict[str, None] = {}
    for source in sources:
        for answer in source.assessment.answers.values():
            seen[answer.respondent or source.name] = None
    return list(seen)


def _assessment(
    sources: Sequence[Source], answers: dict[str, Answer], disagreements: list[Disagreement]
) -> Assessment:
    first = sources[0].assessment
    assessors = list(dict.fromkeys(s.assessment.assessor for s in sources if s.assessment.assessor))
    dates = [s.assessment.date for s in sources if s.assessment.date]
    people = list(dict.fromkeys(p for s in sources for p in s.assessment.interviewees))
    return Assessment(
        questionnaire=first.questionnaire,
        subject=first.subject,
        assessor="; ".join(assessors) or None,
        date=max(dates) if dates else None,
        interviewees=tuple(people),
        answers=answers,
        disagreements=disagreements,
    )
