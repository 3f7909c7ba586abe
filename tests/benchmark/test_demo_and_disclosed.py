"""The demo's illustrative pack, and published figures shown with their sources."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from capassess.benchmark.demo import peer_benchmark
from capassess.benchmark.pack_file import load_pack
from capassess.cli import main
from capassess.demo import bundled_demo
from tests.conftest import ROOT

ACME = str(ROOT / "examples" / "acme-bank.yaml")
PACK = Path(__file__).parent / "data" / "tiny-pack.yaml"
# A test fixture only: the issuer and figure are made up and say so; never shipped.
DISCLOSED = """disclosed:
  - question: ri-tech-spend
    group: city-commercial
    value: 1.23
    unit: "% of operating revenue"
    source: {issuer: Test Fixture Issuer, document: Not a real report, year: 2025, page: 7}
"""


def test_demo_builds_an_illustrative_pack_and_labels_the_reports(tmp_path: Path) -> None:
    written = peer_benchmark(bundled_demo(), tmp_path)
    names = {p.name for p in written}
    assert {"peers.yaml", "report-peers.en.html", "report-peers.zh.md"} <= names
    pack = load_pack(tmp_path / "peers.yaml")
    assert pack.illustrative and set(pack.peer_groups) == {"city-commercial", "rural"}
    text = (tmp_path / "peers.yaml").read_text(encoding="utf-8")
    for file in (ROOT / "examples" / "peers").glob("*.yaml"):
        assert file.stem not in text  # no illustrative bank's id either
    assert "Illustrative pack: made-up assessments" in (
        tmp_path / "report-peers.en.html"
    ).read_text(encoding="utf-8")
    assert "示意数据包" in (tmp_path / "report-peers.zh.md").read_text(encoding="utf-8")


def test_examples_peers_are_labelled_illustrative() -> None:
    files = sorted((ROOT / "examples" / "peers").glob("*.yaml"))
    assert len(files) == 13
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert text.startswith("# ILLUSTRATIVE") and "name: Illustrative" in text


def test_published_figures_are_shown_with_their_source(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.read_text(encoding="utf-8") + DISCLOSED, encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(pack)]).exit_code == 0
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        result = CliRunner().invoke(
            main, ["report", ACME, "-f", fmt, "-o", str(out), "--benchmark", str(pack)]
        )
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "Test Fixture Issuer" in text and "Not a real report" in text and "1.23" in text
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["peers"]["disclosed"][0]["source"]["page"] == 7


def test_a_figure_for_no_number_question_is_a_located_error(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        PACK.read_text(encoding="utf-8") + DISCLOSED.replace("ri-tech-spend", "dg-level"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(pack)])
    line = pack.read_text().splitlines().index("  - question: dg-level") + 1
    assert result.exit_code == 2 and f"{pack}:{line}:" in result.output
    assert "disclosed[0].question: no number question 'dg-level'" in result.output
