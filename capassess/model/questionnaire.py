"""The questionnaire: levels, dimensions, capabilities, questions, actions, profiles."""

import itertools
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from capassess.memo import per_object
from capassess.model.answers import NA_WORDS
from capassess.model.base import BankType, Frozen, Id, LevelNumber, NotBool, Text
from capassess.model.matrix import AhpMatrix

MAX_WEIGHT = 1_000_000  # so that the sum of any siblings' weights stays finite
Weight = Annotated[
    float, NotBool, Field(gt=0, le=MAX_WEIGHT, description="Relative weight among siblings; > 0.")
]
Effort = Literal["low", "medium", "high"]
ModelName = Literal["weighted-mean", "staged"]
MissingPolicy = Literal["lowest", "exclude", "error"]

DCMM_LEVELS: tuple[tuple[str, str], ...] = (
    ("Initial", "初始级"),
    ("Managed", "受管理级"),
    ("Robust", "稳健级"),
    ("Quantitatively managed", "量化管理级"),
    ("Optimising", "优化级"),
)


class Level(Frozen):
    """One of the five maturity levels."""

    level: LevelNumber
    name: Text
    description: Text | None = None


def default_levels() -> list[Level]:
    """The DCMM (GB/T 36073-2018) level names."""
    return [Level(level=i + 1, name=Text(en=en, zh=zh)) for i, (en, zh) in enumerate(DCMM_LEVELS)]


class Option(Frozen):
    """An answer option of a ``choice`` or ``multi`` question."""

    id: Id
    label: Text
    score: Annotated[
        float, NotBool, Field(ge=0, le=1, description="Score of the option in [0, 1].")
    ]

    @model_validator(mode="after")
    def _not_called_na(self) -> "Option":
        # an answer "na" or "不适用" is the n/a marker: an option so called could not be told
        for name in (self.id, self.label.en, self.label.zh):
            if name and name.strip().lower() in NA_WORDS:
                raise ValueError(
                    f"an option cannot be called {name.strip()!r}: an answer {name.strip()!r} "
                    "means n/a (the question does not apply); give the option another "
                    "name, or leave n/a to the answer"
                )
        return self


class QuestionBase(Frozen):
    """Fields shared by every question type."""

    id: Id
    text: Text
    help: Text | None = None
    weight: Weight = 1.0
    evidence: Literal["none", "optional", "required"] = "optional"
    when: str | None = Field(
        None, description="Ask only if this holds over earlier answers, e.g. 'dg-1 >= 3'."
    )
    references: list[Id] = Field(default_factory=list)
    replaces: list[Id] = Field(
        default_factory=list,
        description="Ids this question had in earlier versions; `compare` maps them to it.",
    )


class LevelQuestion(QuestionBase):
    """Pick the one of five level descriptions that fits."""

    type: Literal["level"]
    levels: Annotated[list[Text], Field(min_length=5, max_length=5)]
    _level_names: tuple[tuple[str, ...], ...] = PrivateAttr(default=())

    @property
    def level_names(self) -> tuple[tuple[str, ...], ...]:
        """The names of levels 1..5 in its questionnaire (each level's English and Chinese
        names), which a level answer may give (``稳健级``, ``3 Robust``); set by the
        questionnaire that holds it, empty for a question on its own."""
        return self._level_names


class ChoiceQuestion(QuestionBase):
    """Pick one option; its ``score`` is the question's score."""

    type: Literal["choice"]
    options: Annotated[list[Option], Field(min_length=2)]


class MultiQuestion(QuestionBase):
    """Tick every option that applies; score = ticked scores / all scores."""

    type: Literal["multi"]
    options: Annotated[list[Option], Field(min_length=1)]

    @model_validator(mode="after")
    def _positive_total(self) -> "MultiQuestion":
        if sum(o.score for o in self.options) <= 0:
            raise ValueError("the option scores of a multi question must not all be 0")
        return self


class NumberQuestion(QuestionBase):
    """A figure mapped to a level by four ascending thresholds."""

    type: Literal["number"]
    thresholds: Annotated[list[Annotated[float, NotBool]], Field(min_length=4, max_length=4)] = (
        Field(
            description="Four ascending values t1<t2<t3<t4. With better: higher, a value "
            "below t1 is level 1, at least t1 level 2, ... at least t4 level 5. With "
            "better: lower, a value at most t1 is level 5, ... above t4 level 1."
        )
    )
    better: Literal["higher", "lower"] = "higher"
    unit: Text | None = None
    min: Annotated[float, NotBool] | None = None
    max: Annotated[float, NotBool] | None = None

    @field_validator("thresholds")
    @classmethod
    def _ascending(cls, values: list[float]) -> list[float]:
        if any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError(f"thresholds must be strictly ascending, got {values}")
        return values

    @model_validator(mode="after")
    def _range(self) -> "NumberQuestion":
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        return self

    def level_of(self, value: float) -> int:
        """Map a figure to its level 1..5."""
        t = self.thresholds
        if self.better == "higher":
            return 1 + sum(1 for x in t if value >= x)
        return 5 - sum(1 for x in t if value > x)


class BoolQuestion(QuestionBase):
    """Yes or no; yes scores 1."""

    type: Literal["bool"]


Question = Annotated[
    LevelQuestion | ChoiceQuestion | MultiQuestion | NumberQuestion | BoolQuestion,
    Field(discriminator="type"),
]


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
