"""The subject's kind defaults to what the questionnaire assesses: a branch questionnaire
offers ``branch``, a bank one ``bank``; a kind given or already in the file wins."""

from __future__ import annotations

import datetime as dt

import pytest

from capassess.catalog import load_questionnaire
from capassess.interactive.subject import Header, ask_header, merge_header, require_header
from capassess.model.answers import Assessment, Subject
from tests.conftest import ROOT
from tests.interactive.helpers import tiny

SHIPPED = ROOT / "questionnaires"


@pytest.mark.parametrize(
    ("source", "changes", "kind"),
    [
        (SHIPPED / "branch-fintech.yaml", {}, "branch"),  # subject_kind: branch
        (SHIPPED / "bank-fintech.yaml", {}, "bank"),
        (None, {}, "bank"),  # tiny: no subject_kind, no "branch" in its id
        (None, {"id": "city-branch-short"}, "branch"),  # the id names a branch
        (None, {"id": "branches"}, "bank"),  # a word of the id, not a part of one
        (None, {"id": "branch-x", "subject_kind": "bank"}, "bank"),  # said outright
    ],
)
def test_what_a_questionnaire_assesses(source, changes, kind) -> None:  # type: ignore[no-untyped-def]
    q = load_questionnaire(source) if source else tiny()
    assert q.model_copy(update=changes).assesses == kind


class Script:
    """A terminal that answers each prompt with the next line, and keeps the prompts."""

    def __init__(self, *lines: str) -> None:
        self.lines, self.prompts = list(lines), []  # type: list[str], list[str]

    def show(self, renderable: object) -> None:
        pass

    def note(self, text: str, style: str = "") -> None:
        self.prompts.append(text)

    def read(self, prompt: str, choices: object = None) -> str:
        self.prompts.append(prompt)
        return self.lines.pop(0)


@pytest.mark.parametrize(
    ("default", "typed", "kind"),
    [("branch", "", "branch"), ("bank", "", "bank"), ("branch", "BANK", "bank")],
)
def test_the_kind_asked_defaults_to_the_questionnaires(default: str, typed: str, kind: str) -> None:
    header = merge_header(None, Header(subject_id="x"), default)
    term = Script("", typed, "", "", "")  # name, kind, group, assessor, date
    asked = ask_header(header, term, "en")  # type: ignore[arg-type]
    assert f"Kind, bank or branch [{default}]: " in term.prompts
    assert asked.subject().kind == kind


def test_without_a_terminal_the_questionnaires_kind_is_written() -> None:
    header = require_header(merge_header(None, Header(subject_id="x"), "branch"))
    assert header.subject().kind == "branch"
    given = require_header(merge_header(None, Header(subject_id="x", kind="bank"), "branch"))
    assert given.subject().kind == "bank"


def test_a_kind_already_in_the_file_stays() -> None:
    existing = Assessment(
        questionnaire="branch-fintech@2.0.0", subject=Subject(id="x", kind="bank"),
        date=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert merge_header(existing, Header(), "branch").subject().kind == "bank"
