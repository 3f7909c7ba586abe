"""The questionnaire: levels, dimensions, capabilities, questions, actions, profiles."""

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from capassess.memo import per_object
from capassess.model.base import BankType, Frozen, Id, LevelNumber, NotBool, Text
from capassess.model.matrix import AhpMatrix
from capassess.model.questions import (
    DCMM_LEVELS,
    MAX_WEIGHT,
    BoolQuestion,
    ChoiceQuestion,
    Level,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Option,
    Question,
    QuestionBase,
    Weight,
    default_levels,
)

__all__ = [
    "DCMM_LEVELS",
    "MAX_WEIGHT",
    "Action",
    "BoolQuestion",
    "Capability",
    "Check",
    "ChoiceQuestion",
    "CostBand",
    "Dimension",
    "Effort",
    "Foundation",
    "Kpi",
    "Level",
    "LevelQuestion",
    "MissingPolicy",
    "ModelName",
    "Money",
    "MultiQuestion",
    "NumberQuestion",
    "Option",
    "Profile",
    "Question",
    "QuestionBase",
    "Questionnaire",
    "Reference",
    "Role",
    "Weight",
    "default_levels",
]

Effort = Literal["low", "medium", "high"]
ModelName = Literal["weighted-mean", "staged"]
MissingPolicy = Literal["lowest", "exclude", "error"]

Money = Annotated[float, NotBool, Field(ge=0, le=1e6, allow_inf_nan=False)]


class CostBand(Frozen):
    """Indicative cost of an action by bank size: ``[low, high]`` in RMB million."""

    small: tuple[Money, Money] | None = Field(None, description="Small bank (e.g. rural).")
    medium: tuple[Money, Money] | None = Field(None, description="Mid-sized bank (e.g. city).")
    large: tuple[Money, Money] | None = Field(None, description="Large or national bank.")

    @model_validator(mode="after")
    def _ranges(self) -> "CostBand":
        for name in ("small", "medium", "large"):
            band = getattr(self, name)
            if band is not None and band[0] > band[1]:
                raise ValueError(f"{name}: the low end {band[0]} is above the high end {band[1]}")
        return self

    def band(self, size: str) -> tuple[float, float] | None:
        """The ``[low, high]`` band of one bank size, if given."""
        value: tuple[float, float] | None = getattr(self, size, None)
        return value


class Kpi(Frozen):
    """A measurable result of an action: a condition over the answers of a reassessment."""

    when: str = Field(description="Expression in the `when` language; true = KPI met.")
    text: Text | None = Field(None, description="The KPI in words, for the steering committee.")


class Action(Frozen):
    """An improvement action that helps a capability reach ``level``."""

    id: Id
    title: Text
    description: Text | None = None
    help: Text | None = Field(
        None, description="Notes for the consultant, e.g. why the answers cannot show it done."
    )
    level: Annotated[
        int, NotBool, Field(ge=2, le=5, description="The level this action helps reach.")
    ]
    effort: Effort
    impact: Effort
    duration_months: Annotated[int, NotBool, Field(ge=1, le=120)]
    depends_on: list[Id] = Field(default_factory=list)
    done_when: str | None = Field(
        None,
        description="Expression in the `when` language over the answers; when it holds, the "
        "action is in place and is never scheduled.",
    )
    owner: Id | None = Field(None, description="Id of the role that owns it (see `roles`).")
    cost: CostBand | None = Field(None, description="Indicative cost band by bank size.")
    kpi: Kpi | None = None


class Capability(Frozen):
    """A capability: questions that score it, a default target, improvement actions."""

    id: Id
    title: Text
    description: Text | None = None
    weight: Weight = 1.0
    target: LevelNumber = Field(description="Default target level.")
    ahp: AhpMatrix | None = Field(None, description="Question weights from AHP.")
    questions: Annotated[list[Question], Field(min_length=1)]
    actions: list[Action] = Field(default_factory=list)
    references: list[Id] = Field(default_factory=list)
    replaces: list[Id] = Field(
        default_factory=list,
        description="Ids this capability had in earlier versions; `compare` maps them to it.",
    )


class Dimension(Frozen):
    """A dimension of the model, made of capabilities."""

    id: Id
    title: Text
    description: Text | None = None
    weight: Weight = 1.0
    ahp: AhpMatrix | None = Field(None, description="Capability weights from AHP.")
    capabilities: Annotated[list[Capability], Field(min_length=1)]


class Foundation(Dimension):
    """Capabilities that gate the whole: scored like the others, outside the overall score.

    The overall level is at most the lowest level of a foundation capability (SPEC.md,
    "Foundation gate"); the overall score is the weighted mean of the dimensions alone.
    """

    id: Id = "foundation"
    title: Text = Field(default_factory=lambda: Text(en="Foundation", zh="基础能力"))


class Reference(Frozen):
    """An external framework the model is grounded in."""

    id: Id
    title: Text
    url: str | None = None
    description: Text | None = None


class Role(Frozen):
    """A role that owns actions, e.g. the chief data officer."""

    id: Id
    title: Text


class Check(Frozen):
    """A consistency check: answers that contradict each other, for the consultant to probe.

    ``when`` holds when the answers contradict each other; a check never changes a score.
    """

    id: Id
    when: str = Field(description="Expression in the `when` language; true = contradiction.")
    message: Text


class Profile(Frozen):
    """A named set of targets per capability."""

    id: Id
    title: Text
    description: Text | None = None
    illustrative: bool = False
    default: LevelNumber | None = None
    targets: dict[Id, LevelNumber] = Field(default_factory=dict)
    bank_type: BankType | None = Field(
        None, description="The bank type whose targets these are, if the profile is for one."
    )


class Questionnaire(Frozen):
    """A maturity model: what is asked, how it is weighted and what to do about it."""

    id: Id
    version: str
    title: Text
    description: Text | None = None
    model: ModelName = "weighted-mean"
    missing: MissingPolicy = "lowest"
    subject_kind: Literal["bank", "branch"] | None = Field(
        None,
        description="What it assesses, a bank or a branch: the interview's default subject "
        "kind (without it: branch when the id names a branch, else bank).",
    )
    levels: Annotated[list[Level], Field(min_length=5, max_length=5)] = Field(
        default_factory=default_levels
    )
    ahp: AhpMatrix | None = Field(None, description="Dimension weights from AHP.")
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    foundation: Foundation | None = Field(
        None,
        description="Capabilities outside the dimensions' weighted score; the overall level "
        "is at most the lowest of their levels.",
    )
    references: list[Reference] = Field(default_factory=list)
    profiles: list[Profile] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list, description="Owners of actions.")
    cost_basis: Text | None = Field(
        None, description="What the actions' indicative cost bands assume (unit, scope)."
    )
    checks: list[Check] = Field(default_factory=list, description="Consistency checks.")

    @property
    def assesses(self) -> Literal["bank", "branch"]:
        """The kind of subject it assesses: ``subject_kind``, else ``branch`` when a
        word of the id is ``branch``, else ``bank``."""
        if self.subject_kind is not None:
            return self.subject_kind
        return "branch" if "branch" in re.split(r"[^a-z0-9]+", self.id.lower()) else "bank"

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        if isinstance(value, (bool, float)):
            raise ValueError(f'write the version in quotes, e.g. "{value}"')
        return str(value) if isinstance(value, int) else value

    @field_validator("levels")
    @classmethod
    def _levels_in_order(cls, levels: list[Level]) -> list[Level]:
        if [lv.level for lv in levels] != [1, 2, 3, 4, 5]:
            raise ValueError("levels must be 1, 2, 3, 4, 5 in that order")
        return levels

    def model_post_init(self, context: Any, /) -> None:
        """Give each level question the levels' names, which its answers may use. Also
        run when a snapshot is read back (``model_construct``), so a cached
        questionnaire reads answers as the file's does."""
        names = tuple(tuple(n for n in (lv.name.en, lv.name.zh) if n) for lv in self.levels)
        for _, _, question in self.questions():
            if isinstance(question, LevelQuestion):
                question._level_names = names

    @property
    def ref(self) -> str:
        """``id@version``, as answers files name their questionnaire."""
        return f"{self.id}@{self.version}"

    def sections(self) -> list[Dimension]:
        """The dimensions, then the foundation if there is one."""
        return [*self.dimensions, *([self.foundation] if self.foundation else [])]

    def located_sections(self) -> Iterator[tuple[tuple[str | int, ...], Dimension]]:
        """Each section with its place in the file: ``("dimensions", d)`` or ``("foundation",)``."""
        for d, dim in enumerate(self.dimensions):
            yield ("dimensions", d), dim
        if self.foundation is not None:
            yield ("foundation",), self.foundation

    def is_foundation(self, node_id: str) -> bool:
        """True if ``node_id`` is the foundation or one of its capabilities."""
        f = self.foundation
        return f is not None and (node_id == f.id or any(c.id == node_id for c in f.capabilities))

    def capabilities(self) -> Iterator[tuple[Dimension, Capability]]:
        """Every capability with its dimension (or the foundation), in file order (the
        list made once per questionnaire object, ``capassess.memo``)."""
        return iter(per_object(self, "capabilities", lambda: tuple(
            (dim, cap) for dim in self.sections() for cap in dim.capabilities)))  # fmt: skip

    def questions(self) -> Iterator[tuple[Dimension, Capability, Question]]:
        """Every question with its dimension and capability, in file order (made once
        per questionnaire object)."""
        return iter(per_object(self, "questions", lambda: tuple(
            (dim, cap, q) for dim, cap in self.capabilities() for q in cap.questions)))  # fmt: skip

    def question_map(self) -> dict[str, Question]:
        """Questions by id (the last of a repeated id), made once per questionnaire
        object (``capassess.memo``): shared, not to be changed."""
        return per_object(self, "question_map", lambda: {q.id: q for _, _, q in self.questions()})

    def actions(self) -> Iterator[tuple[Capability, Action]]:
        """Every action with its capability, in file order (made once per questionnaire
        object)."""
        return iter(per_object(self, "actions", lambda: tuple(
            (cap, a) for _, cap in self.capabilities() for a in cap.actions)))  # fmt: skip

    def role_title(self, role_id: str | None, lang: Literal["en", "zh"] = "en") -> str:
        """The title of a role in ``lang``; the id itself when the role is not declared."""
        role = next((r for r in self.roles if r.id == role_id), None)
        return role.title.get(lang) if role else (role_id or "")

    def level_name(self, level: int, lang: Literal["en", "zh"] = "en") -> str:
        """The name of ``level`` in ``lang``."""
        return self.levels[max(1, min(5, level)) - 1].name.get(lang)
