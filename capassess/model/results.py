"""Scoring results: per question, capability, dimension and overall."""

from __future__ import annotations

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
    """A dimension's score and its capabilities."""

    capabilities: list[CapabilityScore] = Field(default_factory=list)


class OverallScore(Frozen):
    """The overall score."""

    score: float | None
    level: int | None


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
    dimensions: list[DimensionScore]

    def capability(self, capability_id: str) -> CapabilityScore:
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

    def question_ids(self, status: QuestionStatus) -> list[str]:
        """Ids of the questions with ``status`` (e.g. ``missing``), in questionnaire order."""
        return [q.id for cap in self.capabilities() for q in cap.questions if q.status == status]
