"""A count of one never reads as a plural ("1 major projects", "1 warnings"): the
English texts that carry a count put it where number does not matter ("Major
projects: 1"). Checked on reports whose counts are 1, in Markdown and in the deck's
words, and on the terminal plan."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.render import render_report
from capassess.texts import words
from tests.report.helpers import TINY

NOUNS = (
    "actions|phases|projects|capabilities|answers|questions|warnings|units|contradictions|"
    "gaps|dimensions|groups|risks|owners|rows|cells|files|columns|sheets|branches|reports|"
    "values|errors|items|levels|months|days|weeks|options|records|peers|problems|characters"
)
# Counts that cannot be 1: the heat map is cut only beyond 12 groups; a peer group has
# at least 2 units (--min-group K, K >= 2); limits of our own and of Excel.
NEVER_ONE = {("portfolio", "heatmap_cut"), ("peers", "definition"), ("peers", "intro"),
             ("report", "km_peers"), ("batch", "why_long_id"), ("batch", "why_long_text"),
             ("batch", "note_xlsx_rows"),
             ("batch", "note_xlsx_columns")}  # fmt: skip
FIELD = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*(?::[^{}]*)?\}")
ONE_PLURAL = re.compile(rf"(?<![\d.,/])\b1 (?:[a-z-]+ )?(?:{NOUNS})\b")


def test_the_pattern_catches_a_count_of_one() -> None:
    assert ONE_PLURAL.search("1 major projects, at most 2")
    assert ONE_PLURAL.search("(1 warnings)")
    assert not ONE_PLURAL.search("Major projects: 1, at most 2")
    assert not ONE_PLURAL.search("21 actions") and not ONE_PLURAL.search("3.1 actions")
    assert ONE_PLURAL.search(FIELD.sub("1", "{n:,} blank rows skipped"))
    assert ONE_PLURAL.search(FIELD.sub("1", "differ by {spread:g} levels"))


@pytest.mark.parametrize("lang", ["en"])
def test_the_tiny_report_says_counts_of_one_in_the_singular_or_neutrally(lang: str) -> None:
    planned = plan_file(TINY.answers, PlanOptions(baseline=str(TINY.baseline)), TINY.dirs)
    text = render_report(planned, "md", lang, generated=dt.date(2026, 11, 28))
    assert "Major projects: 1" in text  # the tiny plan has one major project
    assert ONE_PLURAL.findall(text) == []


@pytest.mark.parametrize(
    "area", ["report", "peers", "plan", "views", "portfolio", "batch", "interview"]
)
def test_no_english_text_puts_a_count_before_a_plural_noun(area: str) -> None:
    """Every catalogue text, with 1 for each field (a count or any other: formats such as
    ``{n:,}`` included), reads without "1 <plural>"."""
    table = words(area, "en")
    found = {}
    for key, text in table.items():
        if not isinstance(text, str) or (area, key) in NEVER_ONE:
            continue
        filled = FIELD.sub("1", text)
        if filled == text:
            continue
        if ONE_PLURAL.search(filled):
            found[key] = filled
    assert found == {}
