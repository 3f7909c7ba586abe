"""Who is assessed, by whom and when: from options, from the file, or asked at the start."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from capassess.answers_file import AnswersFile
from capassess.errors import InputError, Problem
from capassess.interactive.keys import Refused
from capassess.model.answers import Assessment, Subject
from capassess.model.base import Lang
from capassess.texts.interview import say

if TYPE_CHECKING:
    from capassess.interactive.terminal import Terminal

KINDS = ("bank", "branch")
OPTION_OF = {"id": "--subject-id", "name": "--name", "kind": "--kind", "group": "--group"}
HEADER_FIELDS = ("subject_id", "name", "kind", "group", "assessor", "date")
T = TypeVar("T")


@dataclass(frozen=True)
class Header:
    """The top of an answers file; ``None`` where nothing is known yet."""

    subject_id: str | None = None
    name: str | None = None
    kind: str | None = None
    group: dict[str, str] | None = None
    assessor: str | None = None
    date: dt.date | None = None
    asked: frozenset[str] = field(default_factory=frozenset)
    default_kind: str = "bank"
    """The kind when none is given: what the questionnaire assesses."""

    def subject(self) -> Subject:
        """The subject; ``subject_id`` must be known. ``InputError`` names the option of
        each value the subject refuses (say, an id over 200 characters)."""
        try:
            return Subject.model_validate(
                {"id": self.subject_id, "name": self.name, "kind": self.kind or self.default_kind,
                 "group": self.group or {}}
            )  # fmt: skip
        except ValidationError as exc:
            problems = tuple(
                Problem(f"{error['msg']}", path=OPTION_OF.get(str(error["loc"][0]), "subject"))
                for error in exc.errors()
            )
            raise InputError("invalid subject", problems) from None


def parse_group(items: Iterable[str]) -> dict[str, str]:
    """``region=East`` items (also comma-separated) as a mapping; ``ValueError`` if malformed."""
    group: dict[str, str] = {}
    for item in (p.strip() for text in items for p in re.split(r"[,，]", text)):
        if not item:
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{item!r} is not KEY=VALUE, e.g. region=East")
        group[key.strip()] = value.strip()
    return group


def merge_header(
    existing: Assessment | None, options: Header, default_kind: str = "bank"
) -> Header:
    """The file's header with the options given on the command line taking precedence.

    ``asked`` lists what a new file still needs from the user; ``default_kind`` is the
    kind of subject the questionnaire assesses (``Questionnaire.assesses``).
    """
    if existing is None:
        base, unknown = Header(), set(HEADER_FIELDS)
    else:
        s = existing.subject
        base = Header(s.id, s.name, s.kind, dict(s.group), existing.assessor, existing.date)
        unknown = set()
    given = {
        k: v for k, v in vars(options).items()
        if k not in ("asked", "default_kind") and v is not None
    }  # fmt: skip
    return replace(base, **given, asked=frozenset(unknown - set(given)), default_kind=default_kind)


def require_header(header: Header) -> Header:
    """For a run without a terminal: the subject id must be given; the date defaults to today."""
    if not header.subject_id:
        raise InputError(
            "no subject id: give it with --subject-id (standard input is not a terminal)"
        )
    return replace(header, date=header.date or dt.date.today(), asked=frozenset())


def write_header(store: AnswersFile, header: Header) -> None:
    """Put the subject, assessor and date into the answers file (not yet saved); a name
    the file could not hold (a control character) is refused, naming its option."""
    from capassess.shown_names import name_problems, name_sites

    sites = name_sites(header.subject_id, header.name, header.group, header.assessor)
    options = {**OPTION_OF, "assessor": "--assessor"}
    problems = tuple(
        Problem(p.message, path=options[str(p.loc[1] if p.loc[0] == "subject" else p.loc[0])])
        for p in name_problems(sites)
    )
    if problems:
        raise InputError("invalid subject", problems)
    store.set_subject(header.subject())
    store.set_assessor(header.assessor)
    store.set_date(header.date)


def _slug(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")


def _ask_until(term: Terminal, prompt: str, parse: Callable[[str], T], lang: Lang) -> T:
    """Ask ``prompt`` until ``parse`` accepts the line; its ``ValueError`` is shown."""
    while True:
        try:
            return parse(term.read(prompt).strip())
        except Refused as exc:
            term.note(say(lang, "invalid", reason=say(lang, exc.key, **exc.fields)), "red")


def _optional(text: str) -> str | None:
    return text or None


def _id(default: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not (text or default):
            raise Refused("need_id")
        return text or default

    return parse


def _kind(default: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        kind = (text or default).lower()
        if kind not in KINDS:
            raise Refused("not_kind", text=repr(text))
        return kind

    return parse


def _date(default: dt.date) -> Callable[[str], dt.date]:
    def parse(text: str) -> dt.date:
        if not text:
            return default
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise Refused("not_date", text=repr(text), example=default.isoformat()) from None

    return parse


def _group(text: str) -> dict[str, str]:
    try:
        return parse_group([text])
    except ValueError:
        raise Refused("not_group", text=repr(text)) from None


def ask_header(header: Header, term: Terminal, lang: Lang) -> Header:
    """Ask for every field in ``header.asked``, in a natural order."""
    if not header.asked:
        return header
    from rich.text import Text

    term.show(Text(say(lang, "subject_title"), style="bold cyan"))
    out, asked = header, header.asked
    if "name" in asked:
        out = replace(out, name=_ask_until(term, say(lang, "ask_name"), _optional, lang))
    if "subject_id" in asked:
        default = _slug(out.name)
        prompt = say(lang, "ask_id", default=f" [{default}]" if default else "")
        out = replace(out, subject_id=_ask_until(term, prompt, _id(default), lang))
    if "kind" in asked:
        prompt = say(lang, "ask_kind", default=out.default_kind)
        out = replace(out, kind=_ask_until(term, prompt, _kind(out.default_kind), lang))
    if "group" in asked:
        group = _ask_until(term, say(lang, "ask_group"), _group, lang)
        out = replace(out, group=group or None)
    if "assessor" in asked:
        out = replace(out, assessor=_ask_until(term, say(lang, "ask_assessor"), _optional, lang))
    if "date" in asked:
        today = dt.date.today()
        prompt = say(lang, "ask_date", default=today.isoformat())
        out = replace(out, date=_ask_until(term, prompt, _date(today), lang))
    return replace(out, asked=frozenset())
