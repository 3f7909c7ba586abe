"""Per-unit reports: file names made safe from any unit id, inside OUTDIR/units."""

from __future__ import annotations

from pathlib import Path

import pytest

from capassess.batch.safe_names import MAX_CHARS, SafeNames, digest, safe_stem
from tests.batch.helpers import MINI, read_csv, run_cli, write_csv

NASTY = ["../../x", "CON", "nul.txt", "a/b\\c", "..", "x" * 200, "tab\there", "rtl\u202eexe.html",
         "杭州西湖支行", "BR-001_a.b"]  # fmt: skip


@pytest.mark.parametrize("unit", NASTY)
def test_safe_stem_is_one_plain_file_name(unit: str) -> None:
    stem = safe_stem(unit)
    assert stem and len(stem) <= MAX_CHARS and len(stem.encode()) <= 180
    assert not set(stem) & set('/\\:*?"<>|\t\n\r\u202e')
    assert ".." not in stem and not stem.startswith(".")
    assert stem.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"}


def test_plain_ids_are_kept_and_changed_ones_get_a_hash() -> None:
    assert safe_stem("BR-001_a.b") == "BR-001_a.b"
    assert safe_stem("杭州西湖支行") == "杭州西湖支行"
    assert safe_stem("../../x") == f"x-{digest('../../x')}"
    assert safe_stem("CON") == f"_CON-{digest('CON')}"
    long = safe_stem("x" * 200)
    assert len(long) == MAX_CHARS and long.endswith(digest("x" * 200))


def test_names_stay_unique_on_case_insensitive_file_systems() -> None:
    names = SafeNames()
    first, second = names.claim("BR1"), names.claim("br1")
    assert first == "BR1" and second.lower() != first.lower()
    assert names.claim("BR1") == first
    assert safe_stem("a/b") != safe_stem("a\\b")


def test_reports_land_inside_outdir_units(tmp_path: Path) -> None:
    rows = [["id", "name", "q1", "q2"]] + [[u, f"unit {i}", "3", "4"] for i, u in enumerate(NASTY)]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--reports", "html,md",
                     "--allow-rejects")  # fmt: skip
    assert result.exit_code == 0, result.output
    # an id with a right-to-left override is no id at all: its row is rejected, no report
    assert [r["unit_id"] for r in read_csv(out / "rejected.csv")] == ["rtl\u202eexe.html"]
    units = out / "units"
    written = sorted(p.name for p in units.iterdir())
    assert len(written) == 2 * (len(NASTY) - 1)
    assert all(p.resolve().parent == units.resolve() for p in units.iterdir())
    assert not (tmp_path / "x.html").exists() and not (tmp_path.parent / "x.html").exists()
    stem = safe_stem("杭州西湖支行")
    html = (units / f"{stem}.html").read_text(encoding="utf-8")
    assert "杭州西湖支行" in html and "<html" in html
    assert (units / f"{stem}.md").read_text(encoding="utf-8").startswith("#")


def test_reports_of_duplicates_are_removed_and_jobs_work(tmp_path: Path) -> None:
    rows = [["id", "q1", "q2"], ["A", "1", "2"], ["B", "3", "3"], ["A", "2", "2"], ["C", "5", "5"]]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--reports", "md",
                     "--jobs", "2", "--allow-rejects")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "units").iterdir()) == ["B.md", "C.md"]


def test_unknown_report_format_is_a_usage_error(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["A", "1", "2"]])
    result = run_cli(
        "batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI), "--reports", "pdf"
    )
    assert result.exit_code == 2
    assert "expected html, md" in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_template_dir_reaches_the_unit_reports(tmp_path: Path, jobs: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text(
        '{% extends "!report.md.j2" %}{% block cover %}MY OWN COVER\n{% endblock %}\n', "utf-8"
    )
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["A", "1", "2"], ["B", "3", "3"]])
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--reports", "md",
                     "--template-dir", str(templates), "--jobs", jobs)  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("A.md", "B.md"):
        assert (out / "units" / name).read_text(encoding="utf-8").startswith("MY OWN COVER")
