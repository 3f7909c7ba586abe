"""Answers files: who was assessed, by whom, and each answer with its evidence."""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)

from capassess.model.base import BankType, Frozen, Id, Lang, PersonName
from capassess.roadmap_years import FIRST_YEAR, LAST_YEAR

NA = "n/a"
NA_WORDS = frozenset({NA, "na", "n.a.", "n.a", "not applicable", "不适用", "不适用。"})
"""Words read as ``n/a`` (compared in lower case, surrounding blanks ignored)."""
Value = StrictBool | StrictInt | StrictFloat | str | list[str]


def _as_text(item: Any) -> Any:
    """A figure or a truth value of a list as YAML writes it; anything else as it is."""
    if isinstance(item, bool):
        return str(item).lower()
    return str(item) if isinstance(item, (int, float)) else item


class Answer(Frozen):
    """One answer: a value (``n/a`` when not applicable), evidence and a note."""

    value: Value | None = Field(
        None,
        description="level: 1..5; choice: option id; multi: list of option ids; number: a "
        "figure; bool: true/false; 'n/a' when not applicable; empty when not yet answered.",
    )
    evidence: str | None = None
    note: str | None = None
    respondent: PersonName | None = Field(
        None, description="Who gave the answer (capassess assess --respondent NAME)."
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: Any) -> Any:
        # `q1: 3` is shorthand for `q1: {value: 3}`.
        if not isinstance(data, dict):
            data = {"value": data}
        value = data.get("value")
        if isinstance(value, list):
            # A figure in a list (`[3]`, `[1, 2]`) is checked as the text it reads as,
            # against the question, which says what it takes (one level, option ids).
            items = [_as_text(v) for v in value]
            data = {**data, "value": items}
        return data

    @property
    def not_applicable(self) -> bool:
        """True if the answer is ``n/a``."""
        return isinstance(self.value, str) and self.value.strip().lower() in NA_WORDS

    @property
    def is_missing(self) -> bool:
        """True if no value was given."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


class Subject(Frozen):
    """The bank or branch assessed."""

    id: str = Field(min_length=1, max_length=200)
    name: str | None = None
    kind: Literal["bank", "branch"] = "bank"
    bank_type: BankType | None = Field(
        None,
        description="state-owned (国有大型商业银行), joint-stock (股份制商业银行), "
        "city-commercial (城市商业银行), rural (农村商业银行、农村合作银行、农信社) or "
        "private (民营银行、互联网银行); a branch carries its bank's type.",
    )
    group: dict[str, str] = Field(
        default_factory=dict, description="Grouping such as {region: East}."
    )

    @field_validator("group", mode="before")
    @classmethod
    def _group_as_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): v if isinstance(v, str) else str(v) for k, v in value.items()}
        return value


class Interviewee(Frozen):
    """A person interviewed for the assessment."""

    name: PersonName
    role: PersonName | None = Field(None, description="Role or department.")


class Disagreement(Frozen):
    """A question on which respondents differ by two levels or more (capassess merge)."""

    question: Id
    spread: float = Field(ge=0, le=4, description="Highest minus lowest level given.")
    levels: dict[PersonName, Annotated[float, Field(ge=1, le=5)]] = Field(
        default_factory=dict, description="The level each respondent's answer stands for."
    )


def _dated_in_range(date: dt.date) -> dt.date:
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(
            f"an assessment is dated in a year from {FIRST_YEAR} to {LAST_YEAR} (its roadmap "
            "starts in its month)"
        )
    return date


AssessmentDate = Annotated[dt.date, AfterValidator(_dated_in_range)]


class Assessment(Frozen):
    """An answers file."""

    questionnaire: Annotated[
        str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*(@[^@\s]+)?$", description="ID@VERSION")
    ]
    subject: Subject
    assessor: str | None = None
    date: AssessmentDate | None = None
    lang: Lang | None = Field(None, description="The language the interview is held in.")
    interviewees: tuple[Interviewee, ...] = Field(
        (), description="People interviewed: name and role; shown in the report's scope."
    )
    answers: dict[Id, Answer] = Field(default_factory=dict)
    disagreements: list[Disagreement] = Field(
        default_factory=list,
        description="Written by capassess merge: questions where respondents differ by two "
        "levels or more.",
    )

    @property
    def questionnaire_id(self) -> str:
        """The questionnaire id without the version."""
        return self.questionnaire.split("@", 1)[0]

    @property
    def questionnaire_version(self) -> str | None:
        """The questionnaire version, if the file names one."""
        parts = self.questionnaire.split("@", 1)
        return parts[1] if len(parts) == 2 else None
