"""Compare two scored assessments: what moved, node by node and answer by answer (pure)."""

from typing import Any, Literal

from pydantic import Field

from capassess.advice import is_assessed
from capassess.errors import InputError
from capassess.like_for_like import LikeForLike, like_for_like
from capassess.model.answers import Assessment
from capassess.model.base import Frozen
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult

NodeKind = Literal["overall", "dimension", "capability"]


class NodeChange(Frozen):
    """One node's score before and after."""

    id: str
    kind: NodeKind
    old: float | None
    new: float | None
    old_level: int | None
    new_level: int | None
    old_assessed: bool = True
    """False when no question of the node was answered then: ``old`` is None, not the missing
    policy's score."""
    new_assessed: bool = True
    """As ``old_assessed``, for the new assessment."""

    @property
    def change(self) -> float | None:
        """new - old, when both exist."""
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def level_changed(self) -> bool:
        """True if the level moved."""
        return self.old_level != self.new_level


class AnswerChange(Frozen):
    """An answer that differs between the two assessments."""

    id: str
    old: Any
    new: Any
    old_id: str | None = None
    """The question's id in the old assessment, when the new questionnaire renamed it."""


class KpiStatus(Frozen):
    """A KPI of the old assessment's roadmap, checked on the new answers."""

    action_id: str
    title: Any
    when: str
    text: Any = None
    status: Literal["met", "not-met", "not-assessed"]


class Comparison(Frozen):
    """What moved between two assessments."""

    old_ref: str
    new_ref: str
    nodes: list[NodeChange]
    answers: list[AnswerChange]
    dropped: list[str]
    added: list[str]
    renamed: dict[str, str] = Field(default_factory=dict)
    """Old id -> new id, for the nodes the new questionnaire says it ``replaces``."""
    kpis: list[KpiStatus] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    """About the pair (OLD dated after NEW), for stderr."""
    like_for_like: LikeForLike | None = None
    """The overall scores over the capabilities both assessed, when one of the two left a
    capability unassessed that the other assessed (``capassess.like_for_like``)."""


def _ids(q: Questionnaire) -> list[str]:
    out = [dim.id for dim in q.sections()] + [cap.id for _, cap in q.capabilities()]
    return out + [question.id for _, _, question in q.questions()]


def renames(q: Questionnaire) -> dict[str, str]:
    """Old id -> id, from the ``replaces`` of ``q``'s capabilities and questions."""
    out: dict[str, str] = {}
    for _, cap in q.capabilities():
        out.update(dict.fromkeys(cap.replaces, cap.id))
        for question in cap.questions:
            out.update(dict.fromkeys(question.replaces, question.id))
    return out


Node = tuple[NodeKind, float | None, int | None, bool]


def _nodes(result: ScoreResult) -> dict[str, Node]:
    """Each node's kind, score, level and whether it was assessed. A capability nobody
    answered, or a dimension with no such capability answered, has no score or level here:
    the missing policy's value is no finding about the bank, so no move is read from it."""
    nodes: dict[str, Node] = {
        "overall": ("overall", result.overall.score, result.overall.level, True)
    }
    for dim in result.dimensions:
        seen = [is_assessed(cap) for cap in dim.capabilities]
        nodes[dim.id] = _node("dimension", dim.score, dim.level, any(seen))
        for cap, assessed in zip(dim.capabilities, seen, strict=True):
            nodes[cap.id] = _node("capability", cap.score, cap.level, assessed)
    return nodes


def _node(kind: NodeKind, score: float | None, level: int | None, assessed: bool) -> Node:
    return (kind, score, level, True) if assessed else (kind, None, None, False)


def _value(assessment: Assessment, qid: str) -> Any:
    answer = assessment.answers.get(qid)
    return None if answer is None else answer.value


def compare(
    old: tuple[Questionnaire, Assessment, ScoreResult],
    new: tuple[Questionnaire, Assessment, ScoreResult],
) -> Comparison:
    """Compare two assessments; refuse two questionnaires that share no ids."""
    (old_q, old_a, old_r), (new_q, new_a, new_r) = old, new
    new_ids = _ids(new_q)
    known = set(new_ids)
    # an old id the new version still uses keeps its meaning; a replaced one maps
    renamed = {k: v for k, v in renames(new_q).items() if k not in known}
    as_new = {i: renamed.get(i, i) for i in _ids(old_q)}
    shared = {n for n in as_new.values() if n in known}
    if old_q.id != new_q.id and not shared:
        raise InputError(
            f"cannot compare an assessment of {old_q.ref} with one of {new_q.ref}: "
            "the questionnaires share no dimension, capability or question ids"
        )
    old_by_new = {as_new[i]: i for i in as_new if as_new[i] in known}
    old_nodes = {as_new.get(k, k): v for k, v in _nodes(old_r).items()}
    new_nodes = _nodes(new_r)
    nodes = [
        NodeChange(
            id=nid,
            kind=kind,
            old=old_nodes[nid][1],
            new=score,
            old_level=old_nodes[nid][2],
            new_level=level,
            old_assessed=old_nodes[nid][3],
            new_assessed=assessed,
        )
        for nid, (kind, score, level, assessed) in new_nodes.items()
        if nid in old_nodes
    ]
    answers = []
    for _, _, question in new_q.questions():
        was = old_by_new.get(question.id)
        if was is None:
            continue
        before, after = _value(old_a, was), _value(new_a, question.id)
        if before != after:
            old_id = was if was != question.id else None
            answers.append(AnswerChange(id=question.id, old=before, new=after, old_id=old_id))
    return Comparison(
        old_ref=old_q.ref,
        new_ref=new_q.ref,
        nodes=nodes,
        answers=answers,
        dropped=[i for i in as_new if as_new[i] not in known],
        added=[i for i in new_ids if i not in shared],
        renamed={k: v for k, v in as_new.items() if k != v and v in known},
        like_for_like=like_for_like(new_q, old_r, new_r, old_q.ref),
    )
