"""Shared pieces of the interview tests: the tiny questionnaire and interviews over it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from capassess.catalog import load_questionnaire
from capassess.interactive.agenda import Agenda
from capassess.interactive.session import Interview
from capassess.model.answers import Answer
from capassess.model.questionnaire import Questionnaire
from tests.conftest import TINY

# tiny.yaml in file order: g-level (level), g-choice (choice none/partial/full),
# a-multi (multi bi/ml/rt), a-number (number 0..100, %), a-bool (bool, when a-number >= 10),
# o-api (number, lower is better). Capabilities: governance, analytics, api.
ORDER = ["g-level", "g-choice", "a-multi", "a-number", "a-bool", "o-api"]
FULL: dict[str, Any] = {
    "g-level": 3,
    "g-choice": "partial",
    "a-multi": ["bi", "ml"],
    "a-number": 12,
    "a-bool": True,
    "o-api": 25,
}


@lru_cache(maxsize=1)
def tiny() -> Questionnaire:
    """The tiny questionnaire of tests/data/good."""
    return load_questionnaire(TINY)


def interview(answers: Mapping[str, Any] | None = None, agenda: Agenda | None = None) -> Interview:
    """An interview over tiny with ``answers`` (values or Answer objects) already given."""
    given = {k: v if isinstance(v, Answer) else Answer(value=v) for k, v in (answers or {}).items()}
    return Interview(tiny(), given, agenda or Agenda())


def tiny_with_required_evidence(folder: Path) -> Path:
    """A copy of tiny in ``folder`` whose g-choice question requires evidence."""
    text = TINY.read_text(encoding="utf-8")
    marker = "          - id: g-choice\n"
    assert marker in text
    text = text.replace(marker, marker + "            evidence: required\n")
    path = folder / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return path
