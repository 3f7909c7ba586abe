"""Print layout in Chromium, measured with the DOM's geometry: nothing overflows its table
cell, no word is split across lines, no table is wider than the page.

The page is laid out with print media at the printable width of A4 (210 mm less the
14 mm side margins of the report's @page rule). Skipped where no Chromium is installed;
CI installs Debian's chromium (see .ci/run).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.pdf import DevTools, _command
from capassess.report.render import render_report
from tests.report.helpers import banks

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (CI installs Debian's chromium: .ci/run)"
)
PRINT_WIDTH = round((210 - 28) / 25.4 * 96)  # CSS px

MEASURE = r"""
(() => {
  const where = (el) => {
    const s = el.closest('section[id]');
    return (s ? s.id + ': ' : '') + el.textContent.trim().slice(0, 60);
  };
  const overflowing = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const box = cell.getBoundingClientRect();
    if (cell.scrollWidth > cell.clientWidth + 1) overflowing.push(where(cell));
    for (const el of cell.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1) overflowing.push(where(el));
    }
  }
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const word = /[A-Za-z]{2,}/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('td, th, li, p, h2, h3, h4')) continue;
    if (node.parentElement.closest('svg, .id, .pre')) continue;
    for (const m of node.data.matchAll(word)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) split.push(m[0] + ' in ' + where(node.parentElement));
    }
  }
  const page = document.querySelector('main').getBoundingClientRect();
  const wide = [...document.querySelectorAll('table, figure, .kpis, .heat')]
    .filter((t) => t.getBoundingClientRect().right > page.right + 1)
    .map((t) => where(t));
  return JSON.stringify({overflowing, split, wide, cells: document.querySelectorAll('td').length});
})()
"""


def measure(html: Path, profile: Path, expression: str = MEASURE) -> dict[str, Any]:
    """Lay ``html`` out for print in Chromium and evaluate ``expression`` (JSON) in it."""
    with DevTools(_command(str(CHROMIUM), profile, "--remote-debugging-pipe"), 120) as tools:
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        metrics = {"width": PRINT_WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False}
        tools.call("Emulation.setDeviceMetricsOverride", metrics, session)
        tools.call("Emulation.setEmulatedMedia", {"media": "print"}, session)
        tools.call("Page.enable", {}, session)
        tools.call("Page.navigate", {"url": html.as_uri()}, session)
        tools.wait_event("Page.loadEventFired", session)
        result = tools.call("Runtime.evaluate", {"expression": expression}, session)
        return json.loads(result["result"]["value"])


@pytest.fixture(scope="module", params=["en", "zh"])
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    lang = request.param
    bank = banks()[0]
    options = PlanOptions(baseline=str(bank.baseline) if bank.baseline else None)
    planned = plan_file(bank.answers, options, bank.dirs)
    folder = tmp_path_factory.mktemp(f"print-{lang}")
    html = folder / "report.html"
    html.write_text(render_report(planned, "html", lang), encoding="utf-8")
    return measure(html, folder / "profile")


def test_the_page_was_measured(measured) -> None:
    assert measured["cells"] > 100


def test_nothing_overflows_its_table_cell(measured) -> None:
    assert measured["overflowing"] == []


def test_no_word_is_split_across_lines(measured) -> None:
    assert measured["split"] == []


def test_no_table_or_figure_is_wider_than_the_page(measured) -> None:
    assert measured["wide"] == []
