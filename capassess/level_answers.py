"""Level answers as people write them: a figure, a level with its unit (``L3``, ``3级``),
the level's name in the questionnaire (``稳健级``, ``Robust``), or a number with that
same level's name (``3 Robust``, ``L3 稳健级``, ``3（稳健级）``, as the interview shows an
answer). A number and a name that disagree, or a name that more than one level carries,
is refused: a level is never guessed."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

LEVEL_WORDS = re.compile(
    r"(?:l|lv|lvl|level|第|等级|等級|级别|級別)?\s*([1-5一二三四五])\s*[级級]?|第?([1-5一二三四五])\s*[级級]",
    re.IGNORECASE,
)
"""A level written with its unit: ``L3``, ``Level 3``, ``3级``, ``第3级``, ``三级``."""
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
LevelNames = tuple[tuple[str, ...], ...]
"""The names of levels 1..5, each level's names (English, Chinese) in a tuple."""
CLOSING = {")": "(", "]": "[", "】": "【", "」": "「", "》": "《"}
BETWEEN = " -–—:.、,;/"
"""What may stand between a level's number and its name (``3 - Robust``, ``3.稳健级``)."""


def level_word(raw: Any) -> int | None:
    """The level ``raw`` names with a unit (``LEVEL_WORDS``), in any width; None if it
    names none (a bare figure is read as a number)."""
    if not isinstance(raw, str):
        return None
    found = LEVEL_WORDS.fullmatch(unicodedata.normalize("NFKC", raw).strip())
    if found is None:
        return None
    digit = found.group(1) or found.group(2)
    return CHINESE_DIGITS.get(digit) or int(digit)


def name_key(text: str) -> str:
    """``text`` as level names are matched: NFKC, any case, runs of blanks as one."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def level_named(raw: Any, names: LevelNames) -> int | None:
    """The level ``raw`` names by its name, alone or after that level's number; None
    when it holds no level's name. ``ValueError`` when the number and the name name two
    levels, or the name is more than one level's."""
    if not isinstance(raw, str) or not names:
        return None
    key = name_key(raw)
    whole = _levels_called(key, names)
    if len(whole) > 1:
        raise _ambiguous(raw, whole, names)
    if whole:
        return whole[0]
    return _number_and_name(raw, key, names)


def _levels_called(key: str, names: LevelNames) -> list[int]:
    return [i + 1 for i, own in enumerate(names) if key in {name_key(n) for n in own if n}]


def _number_and_name(raw: str, key: str, names: LevelNames) -> int | None:
    body = key
    if body and body[-1] in CLOSING:  # 3（稳健级）, Level 3 [Robust]
        body = body[:-1].rstrip()
    agreeing: set[int] = set()
    for level, own in enumerate(names, start=1):
        for name in {name_key(n) for n in own if n}:
            if not body.endswith(name) or body == name:
                continue
            number = _number(body[: -len(name)], key)
            if number is None:
                continue
            if number != level:
                raise _disagree(raw, number, level, names)
            agreeing.add(level)
    return agreeing.pop() if len(agreeing) == 1 else None


def _number(prefix: str, key: str) -> int | None:
    """The level number before a name: a figure 1..5 or a level word, then blanks or
    separators, or an opening bracket when the text closes one."""
    text = prefix.rstrip()
    if key[-1] in CLOSING and text.endswith(CLOSING[key[-1]]):
        text = text[:-1]
    text = text.rstrip(BETWEEN)
    if text in {"1", "2", "3", "4", "5"}:
        return int(text)
    return level_word(text)


def accepted_forms(names: LevelNames) -> str:
    """The forms a level answer takes, shown with level 3's names."""
    from capassess.texts import say

    own = [n for n in names[2] if n] if names else []
    if not own:
        return say("batch", "en", "say_level_forms_plain")
    return say("batch", "en", "say_level_forms", names=" / ".join(own), name=own[0])


class LevelNameError(ValueError):
    """A level answer whose name is refused; ``key`` and ``fields`` say why in the
    catalogue's words (``str()`` is the English text)."""

    def __init__(self, key: str, **fields: str) -> None:
        from capassess.texts import say

        super().__init__(say("batch", "en", key, **fields))
        self.key = key
        self.fields = fields


def not_a_level_name(raw: Any, names: LevelNames) -> LevelNameError:
    """``raw`` is no figure and no level's name: the message lists the forms to write."""
    return LevelNameError("why_level_word", value=_shown(raw), forms=accepted_forms(names))


def _ambiguous(raw: str, levels: list[int], names: LevelNames) -> LevelNameError:
    levels_text = ", ".join(map(str, levels))
    return LevelNameError(
        "why_level_ambiguous", value=_shown(raw), levels=levels_text, forms=accepted_forms(names)
    )


def _disagree(raw: str, number: int, level: int, names: LevelNames) -> LevelNameError:
    named = " / ".join(n for n in names[level - 1] if n)
    return LevelNameError("why_level_disagree", value=_shown(raw), number=str(number),
                          name=named, level=str(level), forms=accepted_forms(names))  # fmt: skip


def _shown(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else f"{text[:59]}…"
