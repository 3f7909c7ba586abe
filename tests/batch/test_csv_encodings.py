"""CSV inputs in UTF-8, UTF-8 with BOM and GB18030 (as Excel on Chinese Windows saves
it) are detected and read alike; ``--encoding`` forces one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import MINI, read_csv, run_cli, write_csv

ROWS = [
    ["id", "name", "区域", "q1", "q2"],
    ["BR001", "杭州城西支行", "华东", "5", "3"],
    ["BR002", "广州天河支行", "华南", "2", "n/a"],
    ["BR003", 'Chengdu, "High-tech" zone', "西部", "", "4"],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_each_encoding_is_detected_and_read(tmp_path: Path, encoding: str) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS, encoding)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--group-by", "区域")  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = {r["id"]: r for r in read_csv(tmp_path / "out" / "scores.csv")}
    assert scores["BR001"]["name"] == "杭州城西支行"
    assert scores["BR001"]["区域"] == "华东"
    assert scores["BR003"]["name"] == 'Chengdu, "High-tech" zone'
    # BR001: (5 + 3) / 2; BR002: q2 n/a, so only d1 counts: 2; BR003: q1 missing = 1, so (1 + 4) / 2.
    assert [scores[u]["overall"] for u in ("BR001", "BR002", "BR003")] == [
        "4.0000",
        "2.0000",
        "2.5000",
    ]
    assert scores["BR002"]["d2"] == ""


def test_gb18030_is_reported_as_detected(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS, "gb18030")
    run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    text = (tmp_path / "out" / "summary.json").read_text(encoding="utf-8")
    assert '"encoding": "gb18030"' in text


def test_forced_encoding_is_used(tmp_path: Path) -> None:
    rows = [["id", "name", "q1", "q2"], ["BR001", "Zürich Süd", "3", "3"]]
    source = write_csv(tmp_path / "in.csv", rows, "latin-1")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--encoding", "latin-1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "out" / "scores.csv")[0]["name"] == "Zürich Süd"


def test_a_file_that_is_not_what_it_is_said_to_be_is_an_input_error(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS, "gb18030")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--encoding", "utf-8")  # fmt: skip
    assert result.exit_code == 2
    assert "in.csv" in result.output and "--encoding" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--encoding", "klingon")  # fmt: skip
    assert result.exit_code == 2
    assert "unknown encoding 'klingon'" in result.output
