"""A deck table too long for one slide spreads its rows evenly over the slides it needs,
so that no continuation slide carries a lone row; rows beyond the last slide are counted
in its last row. Checked on the numbers and on decks read back with python-pptx."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pptx import Presentation

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import ROWS, render_deck
from capassess.report.deck_parts import table_pages
from capassess.report.model import Report
from capassess.texts import words
from tests.report.helpers import banks


@pytest.mark.parametrize(
    ("count", "slides", "sizes", "more"),
    [
        (0, 3, [0], False),
        (1, 3, [1], False),
        (9, 3, [9], False),
        (10, 3, [5, 5], False),  # not 9 + 1
        (11, 3, [6, 5], False),
        (18, 3, [9, 9], False),
        (19, 3, [7, 6, 6], False),  # not 9 + 9 + 1
        (27, 3, [9, 9, 9], False),
        (28, 3, [9, 9, 9], True),  # the last row says "2 more"
        (10, 1, [9], True),
    ],
)
def test_rows_spread_evenly(count: int, slides: int, sizes: list[int], more: bool) -> None:
    assert table_pages(count, 9, slides) == (sizes, more)


@pytest.mark.parametrize("per_slide", [2, 5, 9])
@pytest.mark.parametrize("count", range(1, 40))
def test_no_continuation_slide_holds_a_lone_row(count: int, per_slide: int) -> None:
    sizes, more = table_pages(count, per_slide, 4)
    assert sum(sizes) == min(count, per_slide * 4) and max(sizes) <= per_slide
    if len(sizes) > 1:
        assert min(sizes) >= per_slide // 2 and max(sizes) - min(sizes) <= (0 if more else 1)


@pytest.fixture(scope="module")
def base() -> Report:
    bank = banks()[0]
    return build_report(plan_file(bank.answers, PlanOptions(), bank.dirs), "en")


def _with_initiatives(report: Report, n: int, risks: int) -> Report:
    """``report`` with ``n`` initiatives (no quick wins) and ``risks`` risks."""
    action = next(a for p in report.phases for a in p.actions)
    made = tuple(
        dataclasses.replace(action, id=f"a{i}", title=f"Initiative {i}", quadrant="major")
        for i in range(n)
    )
    first = dataclasses.replace(report.phases[0], actions=made)
    others = tuple(dataclasses.replace(p, actions=()) for p in report.phases[1:])
    risk = report.risks[0]
    many = tuple(dataclasses.replace(risk, risk=f"Risk {i}") for i in range(risks))
    return dataclasses.replace(report, phases=(first, *others), risks=many)


def _tables(report: Report, title: str) -> list[list[str]]:
    """The first-column texts (header left out) of each slide whose title starts with
    ``title``."""
    prs = Presentation(io.BytesIO(render_deck(report)))
    found = []
    for slide in prs.slides:
        if not slide.shapes.title.text.startswith(title):
            continue
        for shape in slide.shapes:
            if shape.has_table:
                found.append([row.cells[0].text for row in list(shape.table.rows)[1:]])
    return found


@pytest.mark.parametrize(
    ("n", "sizes"), [(ROWS, [ROWS]), (ROWS + 1, [5, 5]), (2 * ROWS + 1, [7, 6, 6])]
)
def test_the_deck_read_back_has_balanced_continuation_slides(
    base: Report, n: int, sizes: list[int]
) -> None:
    t = words("report", "en")
    tables = _tables(_with_initiatives(base, n, 1), t["deck_initiatives"])
    assert [len(rows) for rows in tables] == sizes
    assert [r for rows in tables for r in rows] == [f"Initiative {i}" for i in range(n)]


def test_risks_beyond_one_slide_are_counted_not_dropped(base: Report) -> None:
    t = words("report", "en")
    (rows,) = _tables(_with_initiatives(base, 1, ROWS + 3), t["risks"])
    assert rows[: ROWS - 1] == [f"Risk {i}" for i in range(ROWS - 1)]
    assert rows[-1] == t["deck_more_risks"].format(n=4)
    assert re.fullmatch(r"More risks: 4; see the report", rows[-1])
