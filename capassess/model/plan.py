"""Gap analysis and roadmap results."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from capassess.model.base import Frozen, Text

Quadrant = Literal["quick-win", "major-project", "fill-in", "thankless"]
TargetSource = Literal["questionnaire", "profile", "file", "option"]


class Target(Frozen):
    """The level a capability aims for, how much it matters, and where that came from."""

    level: int = Field(ge=1, le=5)
    importance: float = Field(1.0, gt=0)
    source: TargetSource = "questionnaire"


class CapabilityGap(Frozen):
    """How far one capability is from its target."""

    id: str
    dimension_id: str
    score: float | None
    level: int | None
    target: int
    importance: float
    global_weight: float
    gap: float | None = Field(description="max(0, target - score); None when n/a.")
    priority: float | None = Field(description="gap * global weight * importance.")
    attainment: float | None = Field(description="min(score, target) - 1 over target - 1.")
    baseline: float | None = None
    progress: float | None = Field(
        None, description="(score - baseline) / (target - baseline), when a baseline is given."
    )

    @property
    def met(self) -> bool:
        """True if the capability is at or above its target."""
        return self.gap is not None and self.gap <= 1e-9


class DimensionGap(Frozen):
    """A dimension's gap, rolled up from its capabilities with their weights."""

    id: str
    score: float | None
    target: float | None = Field(description="Weighted mean of the capabilities' targets.")
    gap: float | None = Field(description="Weighted mean of the capabilities' gaps.")
    priority: float = Field(description="Sum of the capabilities' priorities.")
    attainment: float | None
    baseline: float | None = None


class GapAnalysis(Frozen):
    """Gaps per capability and dimension, attainment, strengths."""

    capabilities: list[CapabilityGap]
    dimensions: list[DimensionGap]
    attainment: float | None = Field(description="Share of the total target reached.")
    overall_baseline: float | None = None

    def ranked(self) -> list[CapabilityGap]:
        """Capabilities with a gap, highest priority first."""
        open_gaps = [c for c in self.capabilities if c.priority and not c.met]
        return sorted(open_gaps, key=lambda c: (-(c.priority or 0), c.id))

    def strengths(self) -> list[CapabilityGap]:
        """Capabilities at or above target, strongest first."""
        met = [c for c in self.capabilities if c.met and c.score is not None]
        return sorted(met, key=lambda c: (-(c.score or 0) + c.target, c.id))

    def capability(self, capability_id: str) -> CapabilityGap:
        """The gap of one capability."""
        return next(c for c in self.capabilities if c.id == capability_id)


class PlannedAction(Frozen):
    """An action placed on the roadmap, with the reasons it is there."""

    id: str
    capability_id: str
    dimension_id: str
    title: Text
    level: int
    effort: str
    impact: str
    duration_months: int
    depends_on: list[str]
    quadrant: Quadrant
    phase: int = Field(description="Index into Roadmap.phases.")
    start_month: int
    end_month: int
    closes_gap: bool = Field(description="True when it helps close its capability's gap.")
    needed_by: list[str] = Field(description="Selected actions that depend on this one.")

    @property
    def pulled_in(self) -> bool:
        """True when the action is there only because another action needs it."""
        return not self.closes_gap


class Phase(Frozen):
    """A phase of the roadmap and what the bank looks like once its actions succeed."""

    index: int
    start_month: int
    end_month: int | None
    actions: list[str]
    effort_points: int
    budget: int | None
    capability_scores: dict[str, float | None]
    overall_score: float | None
    overall_level: int | None


class Roadmap(Frozen):
    """Selected actions in dependency order, placed into phases."""

    actions: list[PlannedAction]
    phases: list[Phase]
    baseline_overall: float | None = Field(description="The overall score before any phase.")

    def in_phase(self, index: int) -> list[PlannedAction]:
        """The actions of one phase, in order."""
        return [a for a in self.actions if a.phase == index]
