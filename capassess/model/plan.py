"""Gap analysis and roadmap results."""

from typing import Any, Literal

from pydantic import Field

from capassess.model.base import Frozen, Text
from capassess.model.questionnaire import CostBand, Kpi

Quadrant = Literal["quick-win", "major-project", "initiative", "fill-in", "deprioritise"]
Basis = Literal["evidence", "score", "dependency"]
Unscheduled = Literal[
    "in-place-evidence", "in-place-level", "not-assessed", "not-applicable", "to-confirm"
]
KpiFlag = Literal["met-now", "not-applicable"]
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
    gap: float | None = Field(description="max(0, target - score); None when n/a or not assessed.")
    priority: float | None = Field(description="gap * global weight * importance.")
    attainment: float | None = Field(description="min(score, target) - 1 over target - 1.")
    baseline: float | None = None
    progress: float | None = Field(
        None, description="(score - baseline) / (target - baseline), when a baseline is given."
    )
    assessed: bool = Field(
        True,
        description="False when no question of the capability is answered: its score is "
        "the missing-answer policy's; its gap, priority, attainment and progress are None, "
        "and no advice rests on it.",
    )
    unanswered: list[str] = Field(
        default_factory=list, description="Its applicable questions that have no answer."
    )
    provisional: bool = Field(
        False,
        description="True when the gap rests on unanswered questions: answered at their "
        "best, they would meet the target. Such a gap stays out of the top gaps and "
        "gets no execution-gap advice until they are answered.",
    )

    @property
    def met(self) -> bool:
        """True if the capability is at or above its target."""
        return self.gap is not None and self.gap <= 1e-9


class DimensionGap(Frozen):
    """A dimension's gap, rolled up from its capabilities with their weights."""

    id: str
    score: float | None
    target: float | None = Field(description="Weighted mean of the assessed capabilities' targets.")
    gap: float | None = Field(description="Weighted mean of the assessed capabilities' gaps.")
    priority: float = Field(description="Sum of the assessed capabilities' priorities.")
    attainment: float | None
    baseline: float | None = None
    assessed: bool = Field(True, description="False when none of its capabilities is assessed.")


class GapAnalysis(Frozen):
    """Gaps per capability and dimension, attainment, strengths."""

    capabilities: list[CapabilityGap]
    dimensions: list[DimensionGap]
    attainment: float | None = Field(
        description="Share of the total target reached, over the assessed capabilities."
    )
    overall_baseline: float | None = None

    def ranked(self) -> list[CapabilityGap]:
        """Capabilities with a gap, highest priority first."""
        open_gaps = [c for c in self.capabilities if c.priority and not c.met and c.assessed]
        return sorted(open_gaps, key=lambda c: (-(c.priority or 0), c.id))

    def strengths(self) -> list[CapabilityGap]:
        """Capabilities at or above target, strongest first."""
        met = [c for c in self.capabilities if c.met and c.score is not None and c.assessed]
        return sorted(met, key=lambda c: (-(c.score or 0) + c.target, c.id))

    def capability(self, capability_id: str) -> "CapabilityGap":
        """The gap of one capability."""
        return next(c for c in self.capabilities if c.id == capability_id)

    def not_assessed(self) -> list[str]:
        """Ids of the capabilities with no answered question."""
        return [c.id for c in self.capabilities if not c.assessed]


class AnswerShown(Frozen):
    """One answer that evidence rests on."""

    question_id: str
    value: Any = None
    score: float | None = Field(None, description="The question's score in [0, 1].")


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
    phase: int = Field(description="Index into Roadmap.phases: the window it starts in.")
    start_month: int = Field(description="Months after the roadmap's start when it starts.")
    end_month: int = Field(description="Months after the roadmap's start when it has ended.")
    start: str = Field(description="Calendar month it starts (YYYY-MM).")
    end: str = Field(description="Last calendar month of work (YYYY-MM).")
    closes_gap: bool = Field(description="True when it helps close its capability's gap.")
    needed_by: list[str] = Field(description="Selected actions that depend on this one.")
    basis: Basis = Field(
        description="evidence: the answers show it missing; score: the capability's score is "
        "below the action's level and the action has no done_when; dependency: another "
        "scheduled action needs it."
    )
    evidence: list[AnswerShown] = Field(default_factory=list)
    shown_missing: bool = Field(
        False, description="True when its done_when is false: the answers show it missing."
    )
    owner: str | None = None
    cost: CostBand | None = None
    kpi: Kpi | None = None
    kpi_flag: KpiFlag | None = Field(
        None,
        description="met-now: the KPI already holds on these answers, so it cannot measure "
        "the action; not-applicable: it names a question answered n/a, so compare can never "
        "check it.",
    )
    kpi_evidence: list[AnswerShown] = Field(
        default_factory=list, description="The answers behind kpi_flag (n/a: value null)."
    )

    @property
    def pulled_in(self) -> bool:
        """True when the action is there only because another action needs it."""
        return not self.closes_gap


class NotScheduled(Frozen):
    """An action left off the roadmap although a gap or a dependency points at it."""

    id: str
    capability_id: str
    title: Text
    level: int
    status: Unscheduled = Field(
        description="in-place-evidence: its done_when holds on these answers; in-place-level: "
        "its capability stands at the action's level and no answer says otherwise; "
        "not-assessed: its capability has no answered question; not-applicable: every "
        "question of its capability is answered n/a; to-confirm: its done_when "
        "rests on unanswered questions (to_answer), so the answers neither show it in place "
        "nor missing."
    )
    evidence: list[AnswerShown] = Field(default_factory=list)
    to_answer: list[str] = Field(
        default_factory=list,
        description="to-confirm: the unanswered questions that settle it, each one an "
        "interview would ask.",
    )
    moot: list[str] = Field(
        default_factory=list,
        description="to-confirm: the questions that would settle it but are answered n/a or "
        "not asked because their condition is false; nobody is asked to answer them.",
    )
    needed_by: list[str] = Field(default_factory=list)


class Shortfall(Frozen):
    """A capability below target whose actions up to the target are all in place: an
    execution gap, with no new action; the answers that hold its score down. Where the
    target asks a level no action aims at (``beyond_library``), no action can close it."""

    capability_id: str
    questions: list[AnswerShown]
    beyond_library: list[int] = Field(
        default_factory=list,
        description="Levels up to the target that no action of the capability aims at (the "
        "target's and those just below it): the library cannot reach them, so the gap is not "
        "an execution gap alone.",
    )


class Phase(Frozen):
    """A calendar window of the roadmap and the bank once the actions ended by then succeed."""

    index: int
    start_month: int
    end_month: int
    start: str = Field(description="First calendar month (YYYY-MM).")
    end: str = Field(description="Last calendar month (YYYY-MM).")
    actions: list[str] = Field(description="Actions that start in this window.")
    completed: list[str] = Field(description="Actions that end in this window.")
    in_flight: list[str] = Field(description="Actions still running at the window's end.")
    counted: list[str] = Field(description="Every action ended by the window's end.")
    effort_points: int
    budget: int | None
    capability_scores: dict[str, float | None]
    overall_score: float | None
    overall_level: int | None
    capped_by: list[str] = Field(
        default_factory=list,
        description="Foundation capabilities that hold the projected overall level below the "
        "projected score's own level (as overall.capped_by in the score JSON).",
    )


class Roadmap(Frozen):
    """Selected actions in dependency order, placed into phases."""

    actions: list[PlannedAction]
    phases: list[Phase]
    baseline_overall: float | None = Field(description="The overall score before any phase.")
    start: str = Field("", description="Calendar month of month 0 (YYYY-MM).")
    end_month: int = Field(0, description="Months until the last action ends.")
    end: str = Field("", description="Last calendar month of the roadmap (YYYY-MM).")
    max_major: int | None = Field(None, description="Major projects allowed at once.")
    max_per_owner: int | None = Field(None, description="Actions one owner may run at once.")
    max_active: int | None = Field(None, description="Actions the bank may run at once.")
    not_scheduled: list[NotScheduled] = Field(default_factory=list)
    shortfalls: list[Shortfall] = Field(default_factory=list)

    def in_phase(self, index: int) -> list[PlannedAction]:
        """The actions of one phase, in order."""
        return [a for a in self.actions if a.phase == index]
