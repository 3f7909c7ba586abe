"""Say a batch run's reasons and warnings in the run's language.

They are made in English where each problem is found, some by readers whose messages
are their own. Every such text has its template in the catalogue
(``texts.batch_reasons``): here a text is matched against the English templates and
said again from the same key in the run's language, its fields carried over. Fields are
data (a cell's value, ids, file names) and stay as they are, but for the few that hold
words of ours: the places of a duplicate id, a delimiter's name, a note inside a note.
A text no template matches is kept as it is; a test runs every kind of reject and
warning in Chinese and finds no English sentence left.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import string
from functools import lru_cache

from capassess.errors import CapassessError
from capassess.texts import say, words

KINDS = ("why_", "note_", "fail_")


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every reason and warning template, the one with the most fixed text first (the
    most specific wins: ``note_where``, a path and a note, comes last)."""
    en = words("batch", "en")
    keys = [k for k in en if k.startswith(KINDS)]

    def fixed(key: str) -> int:
        return sum(len(literal) for literal, *_ in string.Formatter().parse(en[key]))

    return tuple((k, _pattern(en[k])) for k in sorted(keys, key=fixed, reverse=True))


def localise(text: str, lang: str) -> str:
    """``text``, a reason or warning made in English, in ``lang``."""
    if lang != "zh" or not text:
        return text
    for key, pattern in _templates():
        found = pattern.match(text)
        if found is not None:
            fields = {k: _field(k, v) for k, v in found.groupdict().items()}
            return say("batch", "zh", key, **fields)
    return text


def localise_error(exc: CapassessError, lang: str) -> CapassessError:
    """``exc``, an error that stops a run, with its message and problems in ``lang``."""
    if lang != "zh":
        return exc
    said = copy.copy(exc)  # the same kind of error, so the same exit code
    said.message = _joined(exc.message)
    said.args = (said.message,)
    said.problems = tuple(dataclasses.replace(p, message=_joined(p.message)) for p in exc.problems)
    said.lead = say("batch", "zh", "error_lead")
    return said


def _joined(text: str) -> str:
    """``text``, or the parts of it ``; ``-joined (the run's option problems), in Chinese."""
    parts = text.split("; ")
    said = [localise(part, "zh") for part in parts]
    if len(parts) > 1 and all(s != p for s, p in zip(said, parts, strict=True)):
        return say("batch", "zh", "say_sep").join(said)
    return localise(text, "zh")


def _field(name: str, value: str) -> str:
    if name == "text":
        return localise(value, "zh")
    if name == "delimiter":
        known = words("batch", "en")
        for word in ("tabs", "semicolons"):
            if value == known[f"say_{word}"]:
                return say("batch", "zh", f"say_{word}")
    if name == "places":
        return _places(value)
    if name == "forms":  # how a level is written, with level 3's names
        return _level_forms(value)
    return value


def _level_forms(text: str) -> str:
    for key in ("say_level_forms", "say_level_forms_plain"):
        found = _pattern(words("batch", "en")[key]).match(text)
        if found is not None:
            return say("batch", "zh", key, **found.groupdict())
    return text


def _places(text: str) -> str:
    """``a.csv row 3, b.csv and 2 more`` in Chinese."""
    more = _pattern(words("batch", "en")["say_more"]).match(text)
    head = more.group("places") if more else text
    place = _pattern(words("batch", "en")["say_place"])
    items = []
    for item in head.split(words("batch", "en")["say_sep"]):
        found = place.match(item)
        items.append(say("batch", "zh", "say_place", **found.groupdict()) if found else item)
    joined = say("batch", "zh", "say_sep").join(items)
    return say("batch", "zh", "say_more", places=joined, n=more.group("n")) if more else joined
