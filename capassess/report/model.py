"""The report model: plain, frozen data in one language, built once and fed to every format.

Numbers stay numbers (templates format them); text is already in the report's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.model.base import Lang
from capassess.records import record
from capassess.report.advice import Advice
from capassess.report.heat import capability_status
from capassess.report.risks import RiskRow
from capassess.report.scope import Scope

if TYPE_CHECKING:  # peers come only with --benchmark
    from capassess.report.peers import PeerSection


@record
class Cover:
    """Who was assessed, by whom, when, against which questionnaire."""

    title: str
    subject_name: str
    subject_id: str
    kind: str
    groups: tuple[tuple[str, str], ...]
    assessor: str | None
    date: str | None
    questionnaire_title: str
    questionnaire_ref: str
    questionnaire_version: str
    targets: str
    generated: str
    tool_version: str
    bank_type: str | None = None


@record
class FoundationLine:
    """The foundation beside the headline: its own figures and the level it allows."""

    title: str
    score: float | None
    target: float | None
    attainment: float | None
    level: int | None
    level_name: str
    lowest: str
    """The titles of its capabilities at that lowest level."""
    base_score: float | None = None
    """Its score over the assessed capabilities alone, when ``score`` counts some not
    assessed (then ``target`` and ``attainment`` are on this base); else None."""
    note: str = ""
    """"score … · target …", on one base; "not assessed" when ``assessed`` is False."""
    assessed: bool = True
    """False when none of its capabilities is assessed: no score, target or level is shown."""


@record
class GapRow:
    """One capability against its target."""

    id: str
    title: str
    dimension_id: str
    dimension_title: str
    score: float | None
    level: int | None
    level_name: str
    target: int
    gap: float | None
    priority: float | None
    attainment: float | None
    met: bool
    baseline: float | None
    progress: float | None
    assessed: bool = True
    """False when no question is answered: the numbers above are then None, shown as
    "not assessed" (the JSON keeps the missing-policy score)."""
    foundation: bool = False
    """True for a foundation capability: it gates the overall level and its priority is on
    the foundation's own scale."""
    progress_text: str = "—"
    """Progress as shown: a share, "target met" at 100% or more (``plan_text.progress_text``)."""
    provisional_note: str = ""
    """Set for a provisional gap (it rests on unanswered questions), else empty."""

    @property
    def status(self) -> str:
        """Heat-map status (``report.heat.capability_status``)."""
        return capability_status(self.assessed, self.score, self.met, self.gap)


@record
class AnswerRow:
    """One question with its answer, evidence and note."""

    id: str
    text: str
    status: str
    status_label: str
    answer: str
    score: float | None
    weight: float
    evidence: str | None
    note: str | None


@record
class CapabilitySection:
    """A capability: its gap and its answers."""

    gap: GapRow
    description: str | None
    answers: tuple[AnswerRow, ...]


@record
class DimensionSection:
    """A dimension: its scores and its capabilities."""

    id: str
    title: str
    description: str | None
    weight: float
    score: float | None
    level: int | None
    level_name: str
    target: float | None
    gap: float | None
    attainment: float | None
    baseline: float | None
    capabilities: tuple[CapabilitySection, ...]
    assessed: bool = True
    """False when none of its capabilities has an answered question: its numbers are then
    None and shown as "not assessed"."""
    foundation: bool = False
    policy_counted: tuple[str, ...] = ()
    """Its capabilities that are not assessed yet count in its score, at the value the
    missing policy gives them (``lowest``: 1.00), by title."""


@record
class ActionRow:
    """An action on the roadmap and why it is there."""

    id: str
    title: str
    description: str | None
    capability_id: str
    capability_title: str
    level: int
    effort: str
    impact: str
    quadrant: str
    quadrant_label: str
    phase: int
    start_month: int
    end_month: int
    depends_on: tuple[str, ...]
    pulled_in: bool
    why: str
    start: str = ""
    end: str = ""
    owner: str | None = None
    kpi: str | None = None
    cost: str | None = None
    kpi_check: str | None = None
    """The KPI's condition on the answers (the Markdown shows it beside the words)."""
    dependencies: tuple[str, ...] = ()
    """What it waits for: a scheduled action and its dates, or why none is needed."""
    kpi_note: str | None = None
    """Why the KPI cannot measure the action (already met, or resting on n/a answers)."""


@record
class PhaseSection:
    """A roadmap phase: its actions and the projected overall score after it."""

    index: int
    label: str
    start_month: int
    end_month: int | None
    overall_score: float | None
    overall_level: int | None
    level_name: str
    effort_points: int
    budget: int | None
    actions: tuple[ActionRow, ...]
    ending: tuple[str, ...] = ()
    in_flight: tuple[str, ...] = ()
    capped_by: str = ""
    """``capped by …`` when foundation capabilities hold the projected level below the
    projected score's own level, else empty."""


@record
class ProgressRow:
    """A capability's score then and now."""

    id: str
    title: str
    baseline: float | None
    score: float | None
    change: float | None
    """score − baseline as printed: the difference of the two 2-decimal figures."""
    target: int
    progress: float | None
    assessed: bool = True
    progress_text: str = "—"
    baseline_assessed: bool = True
    """False when no question of the capability was answered at the baseline: ``baseline``
    is then None and shown as "not assessed", and no change or progress is read."""
    """Progress as shown: a share, "target met" at 100% or more (``plan_text.progress_text``)."""


@record
class Progress:
    """How far the bank moved since its baseline assessment."""

    baseline_path: str
    baseline_date: str | None
    baseline_overall: float | None
    overall: float | None
    change: float | None
    """overall − baseline as printed: the difference of the two 2-decimal figures."""
    rows: tuple[ProgressRow, ...]
    like_for_like: str | None = None
    """When one of the two left a capability unassessed that the other assessed: which,
    and the overall change over the capabilities both assessed (``like_for_like``)."""
    backwards: str | None = None
    """When the baseline is dated after the assessment: the changes run backwards."""


@record
class Summary:
    """The executive summary."""

    overall_score: float | None
    overall_level: int | None
    level_name: str
    attainment: float | None
    """Over the lesson capabilities, weighted as the overall score (``headline``)."""
    target_overall: float | None
    """The lesson capabilities' targets, weighted as the overall score."""
    projected_overall: float | None
    baseline_overall: float | None
    answered: int
    asked: int
    action_count: int
    strengths: tuple[GapRow, ...]
    top_gaps: tuple[GapRow, ...]
    first_actions: tuple[ActionRow, ...]
    capped_by: str = ""
    """"capped by ..." when foundation capabilities cap the overall level, and "to be
    confirmed once ... is assessed" when some were not assessed; else empty."""
    capped: str = ""
    """The "capped by ..." part alone."""
    target_note: str = ""
    """The base of the target and attainment, with the score on it when that differs."""
    counted_base: float | None = None
    """The overall score over the assessed capabilities alone, when ``counted_unanswered``."""
    unconfirmed_by: str = ""
    """Names of the foundation capabilities not assessed (they cap nothing), joined."""
    uncapped_level: int | None = None
    """The level of the score alone (differs from ``overall_level`` under a cap)."""
    foundation: FoundationLine | None = None
    counted_unanswered: str = ""
    """Names of the unanswered lesson dimensions (or capabilities) whose missing-policy
    score counts in the overall score, joined; empty when none does."""


@record
class WeightRow:
    """A dimension (depth 0) or capability (depth 1) with its weights."""

    id: str
    title: str
    depth: int
    weight: float
    global_weight: float


@record
class AhpRow:
    """The consistency of one AHP matrix of the questionnaire."""

    node: str
    title: str
    size: int
    lambda_max: float
    cr: float
    limit: float
    consistent: bool


@record
class QuestionRef:
    """A question named in a list (n/a, missing, skipped)."""

    id: str
    text: str
    capability_title: str


@record
class LevelRow:
    """A maturity level and its name."""

    level: int
    name: str
    description: str | None


@record
class ReferenceRow:
    """An external framework the questionnaire is grounded in."""

    id: str
    title: str
    url: str | None


@record
class Method:
    """How the scores were made."""

    model: str
    formula: str
    missing_policy: str
    weights: tuple[WeightRow, ...]
    ahp: tuple[AhpRow, ...]
    not_applicable: tuple[QuestionRef, ...]
    missing: tuple[QuestionRef, ...]
    skipped: tuple[QuestionRef, ...]
    levels: tuple[LevelRow, ...]
    references: tuple[ReferenceRow, ...]
    questionnaire_ref: str
    tool_version: str
    bank_type: str | None = None
    model_name: str = ""
    """The scoring model's name in the report's language (``model`` is its id)."""


@record
class NextStep:
    """A capability's next level and the actions that reach it."""

    id: str
    title: str
    level: int
    next_level: int
    actions: tuple[str, ...]


@record
class Report:
    """Everything a report shows, in one language."""

    lang: Lang
    title: str
    start_date: str
    cover: Cover
    summary: Summary
    dimensions: tuple[DimensionSection, ...]
    gaps: tuple[GapRow, ...]
    phases: tuple[PhaseSection, ...]
    progress: Progress | None
    method: Method
    advice: Advice | None = None
    key_messages: tuple[str, ...] = ()
    risks: tuple[RiskRow, ...] = ()
    scope: Scope | None = None
    peers: PeerSection | None = None
    next_level: tuple[NextStep, ...] = ()
    """What the next level asks, when every target is met (``report.next_level``)."""
    roadmap_text: str = ""
    """The key message on the roadmap, shown in its place when no action is scheduled."""

    @property
    def lesson_gaps(self) -> tuple[GapRow, ...]:
        """The rows of ``gaps`` outside the foundation, in their order."""
        return tuple(g for g in self.gaps if not g.foundation)

    @property
    def foundation_gaps(self) -> tuple[GapRow, ...]:
        """The rows of ``gaps`` of the foundation, in their order."""
        return tuple(g for g in self.gaps if g.foundation)
