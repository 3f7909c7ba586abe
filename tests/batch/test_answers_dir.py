"""A folder of answers files is read one unit per file, checked by the answers loader;
a file that fails is a rejected row with every problem; mixed with CSV it is one batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from capassess.batch.answers_dir import answer_text
from capassess.catalog import load_assessment
from capassess.scoring.engine import score_assessment
from tests.batch.helpers import read_csv, run_cli, tiny, write_csv
from tests.conftest import DATA, TINY


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(DATA / "answers" / "tiny-full.yaml", folder / "full.yaml")
    text = (DATA / "answers" / "tiny-partial.yaml").read_text(encoding="utf-8")
    (folder / "partial.yml").write_text(text.replace("id: acme", "id: acme-2"), encoding="utf-8")
    shutil.copy(DATA / "bad" / "answers" / "several-errors.yaml", folder / "bad.yaml")
    (folder / "notes.txt").write_text("not an answers file", encoding="utf-8")
    return folder


def test_answers_files_are_scored_like_score_does(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run_cli("batch", str(folder), "-o", str(tmp_path / "out"), "-q", str(TINY),
                     "--group-by", "region")  # fmt: skip
    assert result.exit_code == 1
    assert "rows read 3 = scored 2 + rejected 1" in result.output
    scores = {r["id"]: r for r in read_csv(tmp_path / "out" / "scores.csv")}
    for name, unit in (("full.yaml", "acme"), ("partial.yml", "acme-2")):
        assessment, q, _ = load_assessment(folder / name, tiny())
        expected = score_assessment(q, assessment)
        assert scores[unit]["overall"] == f"{expected.overall.score:.4f}"
        assert scores[unit]["source"] == name  # outside the current folder: its name only
        assert scores[unit]["row"] == ""
    assert scores["acme-2"]["region"] == "East"


def test_a_bad_file_is_rejected_with_every_problem_and_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    run_cli("batch", str(folder), "-o", str(tmp_path / "out"), "-q", str(TINY))
    lines = read_csv(tmp_path / "out" / "rejected.csv")
    assert {r["source"] for r in lines} == {"bad.yaml"}  # no folder of the machine
    assert [(r["row"], r["column"]) for r in lines] == [
        ("4", "g-level"), ("5", "g-choice"), ("6", "a-number"), ("7", "o-api")
    ]  # fmt: skip


def test_a_folder_and_a_csv_together(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "bad.yaml").unlink()
    header = ["id", "name", "region"] + [x.id for _, _, x in tiny().questions()]
    source = write_csv(tmp_path / "more.csv", [header, ["acme", "Again", "West"] + [""] * 6,
                                                ["beta", "Beta", "West", "3", "full", "bi", "50", "yes", "20"]])  # fmt: skip
    result = run_cli(
        "batch", str(folder), str(source), "-o", str(tmp_path / "out"), "-q", str(TINY)
    )
    assert "rows read 4 = scored 2 + rejected 2" in result.output  # acme twice: both rejected
    assert sorted(r["id"] for r in read_csv(tmp_path / "out" / "scores.csv")) == ["acme-2", "beta"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (12.5, "12.5"),
        (["bi", "ml"], "bi,ml"),
        ("n/a", "n/a"),
    ],
)
def test_answer_values_become_cells(value: object, text: str) -> None:
    assert answer_text(value) == text
