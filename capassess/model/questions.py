"""Questions: the five levels, options and the five question types of a questionnaire."""

import itertools
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from capassess.model.answers import NA_WORDS
from capassess.model.base import Frozen, Id, LevelNumber, NotBool, Text

MAX_WEIGHT = 1_000_000  # so that the sum of any siblings' weights stays finite
Weight = Annotated[
    float, NotBool, Field(gt=0, le=MAX_WEIGHT, description="Relative weight among siblings; > 0.")
]

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
