"""The portfolio report's print layout in Chromium, measured with the DOM's geometry:
league-table names do not break letter by letter, nothing overflows its cell, no table
is clipped at the page's right edge, no scroll box (which prints a scrollbar) is left.

Laid out with print media at the printable width of A4, as tests/report/test_print_layout.py
does for the single-bank report. Skipped where no Chromium is installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.batch.helpers import run_cli
from tests.conftest import ROOT
from tests.report.test_print_layout import CHROMIUM, measure

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

SCROLLS = r"""
(() => {
  const boxes = [...document.querySelectorAll('main *')].filter((el) => {
    const style = getComputedStyle(el);
    const scrolls = ['auto', 'scroll'].includes(style.overflowX)
      || ['auto', 'scroll'].includes(style.overflowY);
    return scrolls || el.scrollWidth > el.clientWidth + 1 && style.overflowX === 'hidden';
  });
  const letters = [];
  for (const cell of document.querySelectorAll('table.league td.unit-name')) {
    const name = cell.firstChild;
    const range = document.createRange();
    range.selectNodeContents(name);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    const words = name.textContent.trim().split(/\s+/).length;
    const em = parseFloat(getComputedStyle(cell).fontSize);
    if (lines > words + 1 || cell.getBoundingClientRect().width < 8 * em) {
      letters.push(name.textContent.trim());
    }
  }
  for (const head of document.querySelectorAll('main thead th')) {
    const words = head.firstChild;
    if (!words || words.nodeType !== Node.TEXT_NODE) continue;
    const range = document.createRange();
    range.selectNodeContents(words);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    const text = words.textContent.trim();
    if (lines > 1 && !/\s/.test(text)) letters.push('header ' + text);
  }
  return JSON.stringify({scrolls: boxes.map((el) => el.className || el.tagName), letters});
})()
"""


def _measure(html: Path, profile: Path) -> dict[str, Any]:
    """The report's own measure, then the portfolio's scroll boxes and broken names."""
    found = measure(html, profile)
    found.update(measure(html, profile.with_name(profile.name + "-2"), SCROLLS))
    return found


@pytest.fixture(scope="module", params=["en", "zh"])
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    lang = request.param
    folder = tmp_path_factory.mktemp(f"portfolio-print-{lang}")
    source = ROOT / "examples" / "branches.csv"
    result = run_cli("batch", str(source), "-o", str(folder / "out"), "--group-by", "region",
                     "--lang", lang, "--reports", "html", "--bank-name", "Acme Commercial Bank",
                     "--top", "10")  # fmt: skip
    assert result.exit_code == 0, result.output
    return _measure(folder / "out" / "portfolio.html", folder / "profile")


def test_the_page_was_measured(measured) -> None:
    assert measured["cells"] > 100


def test_nothing_overflows_its_table_cell(measured) -> None:
    assert measured["overflowing"] == []


def test_no_word_is_split_across_lines(measured) -> None:
    assert measured["split"] == []


def test_no_table_is_clipped_at_the_page_edge(measured) -> None:
    assert measured["wide"] == []


def test_no_scroll_box_in_print(measured) -> None:
    assert measured["scrolls"] == []


def test_names_and_headers_do_not_break_letter_by_letter(measured) -> None:
    # A name keeps at least 8 em of width and no more lines than words (+1); a header
    # of one word (in Chinese: one run of characters) stays on one line.
    assert measured["letters"] == []
