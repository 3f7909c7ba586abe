"""Scoring results: per question, capability, dimension and overall."""

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from capassess.model.answers import Subject
from capassess.model.base import Frozen

QuestionStatus = Literal["answered", "not_applicable", "missing", "skipped"]


class QuestionResult(Frozen):
    """One question's outcome; ``score`` in [0, 1] when it counts, else ``None``."""

    id: str
    status: QuestionStatus
    value: Any = None
    score: float | None = None
    weight: float = Field(description="Local weight among the capability's questions.")


class NodeScore(Frozen):
    """Score of a node of the tree; ``score`` is ``None`` when the node is all n/a."""

    id: str
    score: float | None
    level: int | None
    weight: float = Field(description="Local weight, normalised among siblings.")
    global_weight: float = Field(description="Product of local weights down the tree.")
    answered: int = 0
    not_applicable: int = 0
    missing: int = 0
    skipped: int = Field(0, description="Questions left out because their `when` is false.")


class CapabilityScore(NodeScore):
    """A capability's score and its questions."""

    questions: list[QuestionResult] = Field(default_factory=list)


class DimensionScore(NodeScore):
    """A dimension's score and its capabilities; ``foundation`` for the foundation."""

    capabilities: list[CapabilityScore] = Field(default_factory=list)
    foundation: bool = Field(
        False, description="True for the foundation, which stays out of the overall score."
    )


class OverallScore(Frozen):
    """The overall score; its level is capped by the foundation (SPEC.md, "Foundation gate")."""

    score: float | None
    level: int | None
    capped_by: list[str] = Field(
        default_factory=list,
        description="Foundation capabilities whose level is below the level the overall "
        "score alone would give, lowest first; empty when no cap applies.",
    )
    uncapped_level: int | None = Field(None, description="The level of the score alone.")
    unconfirmed_by: list[str] = Field(
        default_factory=list,
        description="Foundation capabilities not assessed (no question answered), which cap "
        "nothing, and capping ones with unanswered questions: the level stands only once "
        "their questions are answered; empty when none.",
    )


class ScoreResult(Frozen):
    """The result of scoring one assessment."""

    questionnaire_id: str
    questionnaire_version: str
    model: str
    missing_policy: str
    subject: Subject | None = None
    assessor: str | None = None
    date: dt.date | None = None
    overall: OverallScore
    dimensions: list[DimensionScore] = Field(
        description="The dimensions, then the foundation (``foundation: true``) if any."
    )

    def capability(self, capability_id: str) -> "CapabilityScore":
        """The score of one capability; ``KeyError`` if there is none."""
        for dim in self.dimensions:
            for cap in dim.capabilities:
                if cap.id == capability_id:
                    return cap
        raise KeyError(capability_id)

    def capability_scores(self) -> dict[str, float | None]:
        """Capability scores by id."""
        return {cap.id: cap.score for dim in self.dimensions for cap in dim.capabilities}

    def capabilities(self) -> list[CapabilityScore]:
        """Every capability score, in questionnaire order."""
        return [cap for dim in self.dimensions for cap in dim.capabilities]

    def lessons(self) -> list[DimensionScore]:
        """The dimensions that make the overall score (all but the foundation)."""
        return [dim for dim in self.dimensions if not dim.foundation]

    def foundation(self) -> DimensionScore | None:
        """The foundation's score, if the questionnaire has one."""
        return next((dim for dim in self.dimensions if dim.foundation), None)

    def question_ids(self, status: QuestionStatus) -> list[str]:
        """Ids of the questions with ``status`` (e.g. ``missing``), in questionnaire order."""
        return [q.id for cap in self.capabilities() for q in cap.questions if q.status == status]
