"""The portfolio report in print. Its layout in Chromium, measured with the DOM's
geometry: league-table names do not break letter by letter, nothing overflows its cell,
no table is clipped at the page's right edge, no scroll box (which prints a scrollbar) is
left. Its PDF (``batch --pdf``): the running header with the bank's name and page numbers
on every page but the cover, the contents' page numbers right, no machine path.

Laid out with print media at the printable width of A4, as tests/report/test_print_layout.py
does for the single-bank report. Skipped where no Chromium is installed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.batch.helpers import run_cli
from tests.conftest import ROOT
from tests.report.helpers import parse_html
from tests.report.pdf_pages import (
    check_contents,
    check_margins,
    contents_entries,
    needs_poppler,
    page_texts,
    top_sections,
)
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
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    lang = request.param
    folder = tmp_path_factory.mktemp(f"portfolio-print-{lang}")
    source = ROOT / "examples" / "branches.csv"
    result = run_cli("batch", str(source), "-o", str(folder / "out"), "--group-by", "region",
                     "--lang", lang, "--reports", "html", "--bank-name", "Acme Commercial Bank",
                     "--top", "10", "--pdf", "--browser", str(CHROMIUM))  # fmt: skip
    assert result.exit_code == 0, result.output
    return lang, folder


@pytest.fixture(scope="module")
def measured(printed):
    _lang, folder = printed
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


@needs_poppler
def test_portfolio_pdf_has_the_bank_in_its_running_header_and_page_numbers(printed) -> None:
    lang, folder = printed
    html = (folder / "out" / "portfolio.html").read_text(encoding="utf-8")
    title = parse_html(html).find(".//title")
    assert title is not None and (title.text or "").startswith("Acme Commercial Bank · ")
    pdf = folder / "out" / "portfolio.pdf"
    check_margins(pdf, title.text or "", lang)
    assert 4 <= len(page_texts(pdf)) <= 30


@needs_poppler
def test_portfolio_contents_name_the_page_each_section_starts_on(printed) -> None:
    _lang, folder = printed
    html = (folder / "out" / "portfolio.html").read_text(encoding="utf-8")
    assert 'class="toc-page"' not in html
    entries = contents_entries(html)
    assert len(entries) >= 6
    check_contents(folder / "out" / "portfolio.pdf", entries, top_sections(html))


def test_portfolio_pdf_names_no_folder_and_links_units_relatively(printed) -> None:
    _lang, folder = printed
    data = (folder / "out" / "portfolio.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"/Outlines" in data
    assert str(folder).encode() not in data and b"capassess-print-" not in data
    uris = [str(annot.get_object()["/A"]["/URI"])
            for page in PdfReader(folder / "out" / "portfolio.pdf").pages
            for annot in page.get("/Annots", []) or []
            if "/URI" in annot.get_object().get("/A", {})]  # fmt: skip
    assert uris and all(re.fullmatch(r"units/[^/]+\.html", uri) for uri in uris), uris
    assert all((folder / "out" / uri).is_file() for uri in uris)
