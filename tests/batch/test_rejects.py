"""Every row is accounted for: scored + rejected = rows read, each rejected row with all
its reasons in rejected.csv; exit 1 when any row is rejected, 0 with --allow-rejects."""

from __future__ import annotations

from pathlib import Path

from tests.batch.helpers import MINI, read_csv, run_cli, summary

MIXED = (
    "id,name,region,q1,q2\n"  # row 1
    "BR001,Good one,East,4,4\n"  # 2: scored
    "BR002,Bad level,East,6,3\n"  # 3: q1 is no level
    "BR003,Two bad,West,x,0\n"  # 4: q1 and q2 both bad
    ",No id,West,3,3\n"  # 5: no unit id
    "BR009,First copy,East,3,3\n"  # 6: duplicate id
    "BR009,Second copy,West,2,2\n"  # 7: duplicate id
    "BR010,Too many,East,3,3,3\n"  # 8: one cell too many
    "\n"  # 9: blank line, not a row
    ",,,,\n"  # 10: blank row, not a row
    "BR011,Good two,West,n/a,2\n"  # 11: scored
)


def _run(tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    source = tmp_path / "mixed.csv"
    source.write_text(MIXED, encoding="utf-8")
    return run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI), *extra)


def test_scored_plus_rejected_is_rows_read(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.exit_code == 1
    assert "rows read 8 = scored 2 + rejected 6" in result.output
    assert "rows rejected: 6;" in result.output
    counts = summary(tmp_path / "out")["counts"]
    assert counts == {"rows": 8, "scored": 2, "rejected": 6, "blank": 2, "duplicates": 2,
                      "ignored_cells": 0}  # fmt: skip
    assert [r["id"] for r in read_csv(tmp_path / "out" / "scores.csv")] == ["BR001", "BR011"]


def test_every_reason_is_listed_with_its_row(tmp_path: Path) -> None:
    _run(tmp_path)
    lines = read_csv(tmp_path / "out" / "rejected.csv")
    found = {(r["row"], r["unit_id"], r["column"], r["value"]) for r in lines}
    assert found == {
        ("3", "BR002", "q1", "6"),
        ("4", "BR003", "q1", "x"),
        ("4", "BR003", "q2", "0"),
        ("5", "", "id", ""),
        ("6", "BR009", "id", "BR009"),
        ("7", "BR009", "id", "BR009"),
        ("8", "BR010", "", "BR010,Too many,East,3,3,3"),
    }
    reasons = {(r["row"], r["column"]): r["reason"] for r in lines}
    assert reasons[("3", "q1")] == "'6' is not a level; expected a whole number 1..5"
    assert reasons[("5", "id")] == "no unit id"
    assert reasons[("6", "id")].startswith("duplicate unit id, also at ") and reasons[
        ("6", "id")
    ].endswith("row 7")
    assert reasons[("8", "")] == "cells in the row: 6; in the header: 5"
    assert all(r["source"].endswith("mixed.csv") for r in lines)


def test_allow_rejects_exits_0(tmp_path: Path) -> None:
    result = _run(tmp_path, "--allow-rejects")
    assert result.exit_code == 0
    assert "rows read 8 = scored 2 + rejected 6" in result.output


def test_no_rejects_exits_0_and_writes_an_empty_rejected_csv(tmp_path: Path) -> None:
    source = tmp_path / "ok.csv"
    source.write_text("id,q1,q2\nA,1,2\n", encoding="utf-8")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert result.exit_code == 0
    assert read_csv(tmp_path / "out" / "rejected.csv") == []


def test_lenient_scores_rows_without_their_bad_cells(tmp_path: Path) -> None:
    result = _run(tmp_path, "--lenient")
    assert result.exit_code == 1  # no unit id, duplicates and the long row are still rejected
    assert "rows read 8 = scored 3 + rejected 5" in result.output
    scores = {r["id"]: r for r in read_csv(tmp_path / "out" / "scores.csv")}
    # BR002: q1 ignored, so missing = level 1 under the lowest policy: (1 + 3) / 2.
    assert scores["BR002"]["overall"] == "2.0000"
    # BR003: both cells ignored, so no valid answer: rejected, not scored 1.00, saying so
    assert "BR003" not in scores
    rejected = {r["unit_id"]: r["reason"] for r in read_csv(tmp_path / "out" / "rejected.csv")}
    assert rejected["BR003"] == (
        "no valid answer in the row: each answer in it is invalid (see ignored.csv)"
    )
    ignored = read_csv(tmp_path / "out" / "ignored.csv")
    assert {(r["row"], r["column"]) for r in ignored} == {("3", "q1"), ("4", "q1"), ("4", "q2")}


def test_missing_policy_error_rejects_unanswered_rows(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,q1,q2\nA,1,\nB,2,2\n", encoding="utf-8")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--missing", "error")  # fmt: skip
    assert result.exit_code == 1
    lines = read_csv(tmp_path / "out" / "rejected.csv")
    assert [(r["unit_id"], r["column"], r["reason"]) for r in lines] == [
        ("A", "q2", "no answer, and the missing-answer policy is 'error'")
    ]


def test_a_duplicate_of_a_rejected_row_is_rejected_too(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,q1,q2\nA,9,1\nA,2,2\nB,3,3\n", encoding="utf-8")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert "rows read 3 = scored 1 + rejected 2" in result.output
    lines = read_csv(tmp_path / "out" / "rejected.csv")
    assert sorted((r["row"], r["column"]) for r in lines) == [("2", "id"), ("2", "q1"), ("3", "id")]


def test_duplicates_across_inputs_are_found(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("id,q1,q2\nA,1,1\nB,2,2\n", encoding="utf-8")
    second.write_text("id,q1,q2\nB,3,3\nC,4,4\n", encoding="utf-8")
    result = run_cli("batch", str(first), str(second), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert "rows read 4 = scored 2 + rejected 2" in result.output
    assert [r["id"] for r in read_csv(tmp_path / "out" / "scores.csv")] == ["C", "A"]
