"""Shared building blocks of the models: frozen base, ids, bilingual text."""

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"),
    Field(description="Identifier: a letter, then letters, digits, '_', '.' or '-'."),
]
NAME_LENGTH = 200
UNSAFE_IN_NAMES = frozenset(
    [
        *map(chr, range(0x20)),
        *map(chr, range(0x7F, 0xA0)),
        "\u061c",
        "\u200e",
        "\u200f",
        "\u2028",
        "\u2029",
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
    ]
)
"""Control characters (C0, DEL, C1), line and paragraph separators and the bidirectional
controls that reorder what a report or a terminal shows."""


def control_problem(text: str) -> str | None:
    """Why ``text`` cannot be shown as a name: the first control, separator or
    bidirectional character it holds, or ``None``."""
    bad = next((c for c in text if c in UNSAFE_IN_NAMES), None)
    if bad is not None:
        return f"holds the control character U+{ord(bad):04X}: a name is one line of plain text"
    return None


def name_problem(text: str) -> str | None:
    """Why ``text`` cannot be a name (a label of one line of plain text), or ``None``."""
    problem = control_problem(text)
    if problem is not None:
        return problem
    if not text or len(text) > NAME_LENGTH:
        return f"a name has 1 to {NAME_LENGTH} characters"
    return None


def _one_line(text: str) -> str:
    problem = name_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


PersonName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_LENGTH),
    AfterValidator(_one_line),
    Field(description="A person's name or role: one line, no control characters."),
]
"""A respondent's or interviewee's name or role, as shown in reports and on terminals."""
Label = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_LENGTH),
    AfterValidator(_one_line),
    Field(description="A name shown in reports: one line, no control characters."),
]
"""A name of a group (such as a peer group) shown in reports and on terminals."""


def _not_true_or_false(value: Any) -> Any:
    # pydantic reads true as 1 and false as 0 where a number stands: `target: true`
    # would be level 1, `weight: false` a weight refused for another reason.
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number")
    return value


NotBool = BeforeValidator(_not_true_or_false)
"""Refuses true and false where a number is expected."""
LevelNumber = Annotated[int, NotBool, Field(ge=1, le=5, description="A maturity level, 1..5.")]


class Frozen(BaseModel):
    """Base of all models: immutable, unknown fields are errors, and every number is
    finite (``.inf`` and ``.nan`` are refused wherever a number is expected)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)


class Text(Frozen):
    """Bilingual text; at least one language is required, both are expected."""

    en: str | None = Field(None, description="English text.")
    zh: str | None = Field(None, description="Chinese text (简体中文).")

    @model_validator(mode="after")
    def _one_language(self) -> "Text":
        if not (self.en or self.zh):
            raise ValueError("text needs at least one of 'en' or 'zh'")
        return self

    def get(self, lang: Lang = "en") -> str:
        """Return the text in ``lang``, falling back to the other language."""
        first, second = (self.en, self.zh) if lang == "en" else (self.zh, self.en)
        return first or second or ""

    def missing(self) -> list[Lang]:
        """Languages that have no text."""
        return [lang for lang in LANGS if not getattr(self, lang)]


BankType = Literal["state-owned", "joint-stock", "city-commercial", "rural", "private"]
"""Bank types: 国有大型商业银行, 股份制商业银行, 城市商业银行, 农村商业银行/农村合作银行/
农信社, 民营银行/互联网银行."""
BANK_TYPES: tuple[str, ...] = get_args(BankType)
