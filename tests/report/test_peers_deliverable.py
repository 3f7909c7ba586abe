"""With --benchmark the deliverable takes the peers in: their section after the gap
analysis (HTML and Markdown alike), a key message, a series in the deck's chart."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from capassess.benchmark.standing import with_peers
from capassess.catalog import find_questionnaire
from capassess.cli import main
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import render_deck
from capassess.report.render import render_report
from capassess.texts import words
from tests.benchmark.generate import generate, write_folder
from tests.conftest import ROOT
from tests.report.helpers import headings, parse_html

ACME = ROOT / "examples" / "acme-bank.yaml"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory):
    from capassess.options import peer_request

    q = find_questionnaire("bank-fintech")
    units = generate(q, 14, seed=7, types=["city-commercial", "rural"])
    folder = write_folder(q, units, tmp_path_factory.mktemp("peers") / "answers")
    out = folder.parent / "peers.yaml"
    result = CliRunner().invoke(main, ["benchmark", "build", str(folder), "-o", str(out),
                                       "--by", "bank-type", "--title", "Test peers"])  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = plan_file(ACME, PlanOptions(), ())
    return with_peers(plan, peer_request(str(out), None), ())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_peer_section_follows_the_gap_analysis_in_html_and_markdown(planned, lang) -> None:
    report = build_report(planned, lang)
    assert report.peers is not None
    root = parse_html(render_report(planned, "html", lang))
    html_h2 = [re.sub(r"^\d+\s*", "", re.sub(r"\s+", " ", "".join(h.itertext())).strip())
               for h in root.find(".//main").iter("h2")]  # fmt: skip
    md_h2 = [c for tag, c in headings(render_report(planned, "md", lang)) if tag == "h2"]
    assert html_h2 == md_h2
    t = words("report", lang)
    assert html_h2.index(report.peers.labels["title"]) == html_h2.index(t["gaps"]) + 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_key_messages_and_deck_carry_the_peers(planned, lang) -> None:
    report = build_report(planned, lang)
    overall = next(r for r in report.peers.rows if r.id == "overall")
    assert any(f"{overall.median:.2f}" in k and str(report.peers.count) in k
               for k in report.key_messages)  # fmt: skip
    prs = Presentation(io.BytesIO(render_deck(report)))
    t = words("report", lang)
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    series = {s.name: list(s.values) for c in charts for s in c.plots[0].series}
    assert series[t["peer_median"]] == [report.peers.median_of(d.id) for d in report.dimensions]
    assert 10 <= len(prs.slides) <= 14


def test_peer_pack_path_not_in_the_outputs(planned, tmp_path: Path) -> None:
    for fmt in ("html", "md"):
        out = render_report(planned, fmt, "en")
        assert str(tmp_path.parent) not in out
