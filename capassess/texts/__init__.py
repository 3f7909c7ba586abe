"""Every word capassess shows people, in English and Chinese: one catalogue, one table
per area, one way to look a word up.

Each area is a module of this package holding two tables, ``EN`` and ``ZH``, with the
same keys (a test checks). ``words(area, lang)`` gives an area's table; ``say(area, lang,
key, **fields)`` one text with its fields filled in. A key that is not in the table is a
bug, not a user's mistake: it raises ``MissingText`` (a ``KeyError``) naming the area,
the language and the key.

Plain Python and lazily loaded, area by area: the pure core may import this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import Literal

    from capassess.model.base import Lang

    Area = Literal["report", "peers", "portfolio", "batch", "interview", "plan", "views"]

AREAS: tuple[Area, ...] = ("report", "peers", "portfolio", "batch", "interview", "plan", "views")
"""Every area of the catalogue: a module of this package each (``Area`` for type checkers)."""


class MissingText(KeyError):
    """A key that the catalogue does not hold."""

    def __str__(self) -> str:
        return str(self.args[0])


class Words(dict[str, str]):
    """One area's table in one language; a missing key raises ``MissingText``."""

    def __init__(self, area: str, lang: str, table: dict[str, str]) -> None:
        super().__init__(table)
        self.area, self.lang = area, lang

    def __missing__(self, key: str) -> str:
        raise MissingText(f"no {self.lang} text {key!r} in the {self.area} words")


_LOADED: dict[tuple[str, str], Words] = {}


def words(area: Area, lang: Lang) -> Words:
    """The table of ``area`` in ``lang`` (English for any language not ``zh``)."""
    lang = "zh" if lang == "zh" else "en"
    found = _LOADED.get((area, lang))
    if found is None:
        if area not in AREAS:
            raise MissingText(f"no area {area!r} in the catalogue")
        from importlib import import_module

        module = import_module(f"capassess.texts.{area}")
        for one in ("en", "zh"):
            _LOADED[area, one] = Words(area, one, getattr(module, one.upper()))
        found = _LOADED[area, lang]
    return found


def template_words(area: Area, lang: Lang) -> Words:
    """The table of ``area`` in ``lang`` for templates, where ``t.key`` looks for an
    attribute first, then for the item: a copy whose words are also attributes of its
    own, so that ``t.key`` finds the word at once. A key that names an attribute of the
    table (``items``, ``lang``), or is no identifier or starts with ``_``, is left to the
    item alone, so ``t.key`` gives what it gives on the table itself."""
    table = words(area, lang)
    found = _TEMPLATE_WORDS.get((area, table.lang))
    if found is None or found[0] is not table:
        copy = Words(area, table.lang, table)
        shadowed = set(dir(copy))
        copy.__dict__.update(
            (key, text) for key, text in table.items()
            if key.isidentifier() and not key.startswith("_") and key not in shadowed
        )  # fmt: skip
        found = _TEMPLATE_WORDS[area, table.lang] = (table, copy)
    return found[1]


_TEMPLATE_WORDS: dict[tuple[str, str], tuple[Words, Words]] = {}


def say(area: Area, lang: Lang, key: str, **fields: Any) -> str:
    """The text of ``key`` in ``area`` and ``lang``, with ``fields`` filled in."""
    return words(area, lang)[key].format(**fields)


def known_or(area: Area, lang: Lang, key: str, default: str) -> str:
    """The text of ``key``, or ``default`` when the catalogue has none: for keys named by
    the user's data (a column's name), where a missing word is no bug."""
    return words(area, lang).get(key, default)
