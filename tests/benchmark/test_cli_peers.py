"""--benchmark on report, score, plan and batch: peer medians and percentile ranks shown
in HTML, Markdown and JSON; packs for another questionnaire or model refused."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.benchmark.pack_file import load_pack
from capassess.catalog import find_questionnaire
from capassess.cli import main
from capassess.model.benchmark import BenchmarkPack
from capassess.peers import percentile_rank
from tests.benchmark.generate import generate, write_folder
from tests.conftest import ROOT
from tests.report.helpers import markdown, parse_html, text_of

ACME = str(ROOT / "examples" / "acme-bank.yaml")


@pytest.fixture(scope="module")
def pack_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    q = find_questionnaire("bank-fintech")
    units = generate(q, 14, seed=7, types=["city-commercial", "rural"])
    folder = write_folder(q, units, tmp_path_factory.mktemp("peers") / "answers")
    out = folder.parent / "peers.yaml"
    result = CliRunner().invoke(main, ["benchmark", "build", str(folder), "-o", str(out),
                                       "--by", "bank-type", "--title", "Test peers"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def pack(pack_path: Path) -> BenchmarkPack:
    return load_pack(pack_path)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _report(tmp_path: Path, fmt: str, pack_path: Path, *more: str) -> str:
    out = tmp_path / f"r.{fmt}"
    code, output = _run(
        "report", ACME, "-f", fmt, "-o", str(out), "--benchmark", str(pack_path), *more
    )
    assert code == 0, output
    return out.read_text(encoding="utf-8")


def _capabilities() -> list[tuple[str, str]]:
    q = find_questionnaire("bank-fintech")
    return [(c.id, c.title.get("en")) for _, c in q.capabilities()]


def test_json_report_has_peer_median_and_percentile_for_every_capability(
    tmp_path: Path, pack_path: Path, pack: BenchmarkPack
) -> None:
    data = json.loads(_report(tmp_path, "json", pack_path))
    group = pack.peer_groups["city-commercial"]
    assert data["peers"]["group"] == "city-commercial" and data["peers"]["count"] == 7
    caps = {c["id"]: c for d in data["dimensions"] for c in d["capabilities"]}
    for cid, _ in _capabilities():
        peer, row = caps[cid]["peer"], group.nodes[cid]
        assert peer["median"] == row.p50
        assert peer["percentile"] == pytest.approx(percentile_rank(caps[cid]["score"], row)[0])
    assert data["overall"]["peer"]["median"] == group.nodes["overall"].p50
    assert "ri-tech-spend" in data["peers"]["numbers"]


def test_markdown_report_shows_peer_table(
    tmp_path: Path, pack_path: Path, pack: BenchmarkPack
) -> None:
    text = _report(tmp_path, "md", pack_path)
    group = pack.peer_groups["city-commercial"]
    tokens = markdown().parse(text[text.index("## Peer benchmark") :])
    cells: list[str] = [
        t.children[0].content if t.children else "" for t in tokens if t.type == "inline"
    ]
    data = json.loads(_report(tmp_path, "json", pack_path))
    scores = {c["id"]: c for d in data["dimensions"] for c in d["capabilities"]}
    for cid, title in _capabilities():
        i = cells.index(title)
        assert cells[i + 2] == f"{group.nodes[cid].p50:.2f}"
        peer = scores[cid]["peer"]
        shown = {"below": "<10", "above": ">90"}.get(peer["position"], f"{peer['percentile']:.0f}")
        assert (
            cells[i + 4] == shown.replace("<", "&lt;").replace(">", "&gt;") or cells[i + 4] == shown
        )


def test_html_report_shows_peer_section_and_radar_series(
    tmp_path: Path, pack_path: Path, pack: BenchmarkPack
) -> None:
    root = parse_html(_report(tmp_path, "html", pack_path))
    section = next(s for s in root.iter("section") if s.get("id") == "peers")
    cells = [[text_of(td).strip() for td in tr.iter("td")] for tr in section.iter("tr")]
    rows = {row[0]: row for row in cells if row}
    group = pack.peer_groups["city-commercial"]
    for cid, title in _capabilities():
        assert rows[title][2] == f"{group.nodes[cid].p50:.2f}"
        assert rows[title][4] in {"<10", ">90"} or 10 <= float(rows[title][4]) <= 90
    radar = next(s for s in root.iter("svg") if "radar" in (s.get("id") or s.get("class") or "") or
                 any("Capability scores" in (t.text or "") for t in s.iter("title")))  # fmt: skip
    assert "Peer median" in text_of(radar)
    assert any(p.get("stroke") == "#047857" for p in radar.iter("polygon"))


def test_report_without_benchmark_has_no_peer_section(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert _run("report", ACME, "-f", "md", "-o", str(out))[0] == 0
    assert "Peer" not in out.read_text(encoding="utf-8")


def test_score_and_plan(pack_path: Path) -> None:
    assert (
        _json("score", ACME, "--format", "json", "--benchmark", str(pack_path))["peers"]["group"]
        == "city-commercial"
    )
    code, output = _run("score", ACME, "--benchmark", str(pack_path), "--peer-group", "rural")
    assert code == 0 and "Peers: rural (7 units), Test peers" in output and "Percentile" in output
    data = _json("plan", ACME, "--format", "json", "--benchmark", str(pack_path))
    assert "peer" in data["dimensions"][0]["capabilities"][0]


def test_refuses_a_pack_for_another_version_or_model(tmp_path: Path, pack_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(pack_path.read_text().replace("bank-fintech@2.0.0", "bank-fintech@1.0.0"))
    code, output = _run("score", ACME, "--benchmark", str(other))
    assert code == 2 and "this benchmark pack is for bank-fintech@1.0.0" in output
    assert f"{other}:" in output and "Traceback" not in output
    code, output = _run(
        "report",
        ACME,
        "-f",
        "md",
        "-o",
        str(tmp_path / "x.md"),
        "--benchmark",
        str(pack_path),
        "--model",
        "staged",
    )
    assert code == 2 and "weighted-mean scores" in output
    code, output = _run("score", ACME, "--benchmark", str(pack_path), "--peer-group", "private")
    assert code == 2 and "no peer group 'private'" in output
    code, output = _run("score", ACME, "--peer-group", "rural")
    assert code == 2 and "needs --benchmark" in output


def test_report_refuses_to_overwrite_the_pack(tmp_path: Path, pack_path: Path) -> None:
    before = pack_path.read_bytes()
    code, _ = _run("report", ACME, "-f", "md", "-o", str(pack_path), "--benchmark", str(pack_path))
    assert code == 2 and pack_path.read_bytes() == before


def test_batch_places_every_unit(tmp_path: Path) -> None:
    branches = str(ROOT / "examples" / "branches.csv")
    pack_file = tmp_path / "regions.yaml"
    assert (
        _run(
            "benchmark",
            "build",
            branches,
            "-q",
            "branch-fintech",
            "-o",
            str(pack_file),
            "--by",
            "region",
        )[0]
        == 0
    )
    code, output = _run(
        "batch", branches, "-o", str(tmp_path / "out"), "--benchmark", str(pack_file)
    )
    assert code == 0, output
    with (tmp_path / "out" / "peers.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 35 and all(
        r["peer_group"] in {"East", "North", "South", "West"} for r in rows
    )
    assert all(10 <= float(r["overall_peer_pct"]) <= 90 for r in rows)
    md = (tmp_path / "out" / "portfolio.md").read_text(encoding="utf-8")
    assert "## Against the peer benchmark" in md and "East 9" in md
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["peers"]["groups"] and summary["outputs"]["peers"].endswith("peers.csv")
    html = (tmp_path / "out" / "portfolio.html").read_text(encoding="utf-8")
    assert 'id="peers"' in html


def test_batch_refuses_a_bad_pack_before_writing(tmp_path: Path, pack_path: Path) -> None:
    branches = str(ROOT / "examples" / "branches.csv")
    out = tmp_path / "out"
    code, output = _run("batch", branches, "-o", str(out), "--benchmark", str(pack_path))
    assert code == 2 and "this benchmark pack is for bank-fintech@2.0.0" in output
    assert not out.exists() or not any(out.iterdir())


def test_validate_a_pack_stays_light(pack_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from capassess.cli import main\n"
        f"try:\n    main(['validate', {str(pack_path)!r}])\nexcept SystemExit as e:\n    print('EXIT', e.code)\n"
        "print('HEAVY=' + ','.join(m for m in ('numpy', 'pyarrow', 'jinja2') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "EXIT 0" in run.stdout and "HEAVY=\n" in run.stdout + "\n", run.stdout + run.stderr
