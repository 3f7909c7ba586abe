"""``capassess template`` makes the collection sheet; filled in, ``batch`` reads it back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from capassess.batch.table import LABEL_MARKER
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.questionnaire import Questionnaire
from capassess.scoring.engine import score_assessment
from tests.batch.helpers import BRANCH, branch, read_csv, run_cli

FILLED = {
    "BR001": {"b-data-check": "second-person", "b-data-fix": "owner", "b-data-steward": "是",
              "b-data-level": 4, "b-data-reports": "dashboard", "b-skills": "courses",
              "b-innovation": "pilot", "b-scene-work": "main-scenes", "b-partner-time": "m1-3",
              "b-gov-services": "n/a", "b-ecny": "wallets;merchants", "b-wecom": 72.5},
    "BR002": {"b-data-check": "none", "b-data-steward": "否", "b-data-level": 2, "b-wecom": 40.5},
}  # fmt: skip


def _scored_as_the_engine_scores(scores: dict[str, dict[str, str]], q: Questionnaire) -> None:
    """Each filled unit's overall score in scores.csv is the engine's, on its sheet row."""
    for unit, answers in FILLED.items():
        typed = {k: Answer(value=v) for k, v in answers.items()}
        expected = score_assessment(
            q, Assessment(questionnaire=q.ref, subject=Subject(id=unit), answers=typed)
        )
        assert scores[unit]["overall"] == f"{expected.overall.score:.4f}"
        assert scores[unit]["row"] == str(3 + list(FILLED).index(unit))


def test_xlsx_template_layout(tmp_path: Path) -> None:
    result = run_cli("template", "-q", str(BRANCH), "-o", str(tmp_path / "t.xlsx"), "--lang", "zh")
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["data", "questions", "lists"]
    assert book["lists"].sheet_state == "hidden"
    data = book["data"]
    questions = [q for _, _, q in branch().questions()]
    header = [c.value for c in data[1]]
    assert header == ["id", "name", "region", *(q.id for q in questions)]
    labels = [c.value for c in data[2]]
    assert labels[0] == LABEL_MARKER and labels[3] == questions[0].text.zh
    assert data.freeze_panes == "D3"
    rules = {str(r.sqref).split(":")[0]: r for r in data.data_validations.dataValidation}
    assert len(rules) == len(questions)
    column = {q.id: chr(ord("D") + i) for i, q in enumerate(questions[:23])}
    kinds = {q: rules[f"{letter}3"] for q, letter in column.items()}
    assert kinds["b-data-reports"].type == "list" and kinds["b-data-reports"].formula1.startswith(
        "lists!"
    )
    cell = f"{column['b-wecom']}3"
    assert kinds["b-wecom"].type == "custom"
    assert (
        kinds["b-wecom"].formula1 == f'OR(AND(ISNUMBER({cell}),{cell}>=0,{cell}<=100),{cell}="n/a")'
    )
    assert kinds["b-data-steward"].type == "list"
    first, last = kinds["b-data-reports"].formula1.split("!")[1].replace("$", "").split(":")
    reports = [row[0].value for row in book["lists"][first:last]]
    assert reports == ["manual", "monthly", "dashboard", "alerts", "n/a"]
    sheet = book["questions"]
    assert sheet.max_row == 1 + len(questions)
    assert sheet["A2"].value == questions[0].id


def test_filled_xlsx_template_is_read_back(tmp_path: Path) -> None:
    run_cli("template", "-q", str(BRANCH), "-o", str(tmp_path / "t.xlsx"))
    book = load_workbook(tmp_path / "t.xlsx")
    data = book["data"]
    header = [c.value for c in data[1]]
    for unit, answers in FILLED.items():
        data.append([unit, f"{unit} branch", "East", *(answers.get(h) for h in header[3:])])
    book.save(tmp_path / "filled.xlsx")
    result = run_cli(
        "batch", str(tmp_path / "filled.xlsx"), "-o", str(tmp_path / "out"), "-q", str(BRANCH)
    )
    assert result.exit_code == 0, result.output
    scores = {r["id"]: r for r in read_csv(tmp_path / "out" / "scores.csv")}
    q = branch()
    _scored_as_the_engine_scores(scores, q)


def test_csv_template_with_labels_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    result = run_cli(
        "template",
        "-q",
        str(BRANCH),
        "-o",
        str(path),
        "--labels",
        "--group",
        "region",
        "--group",
        "city",
    )
    assert result.exit_code == 0
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("id,name,region,city,b-data-check")
    assert lines[1].startswith(f"{LABEL_MARKER},")
    width = len(lines[0].split(","))
    path.write_text(
        text + "BR001,One,East,Hangzhou," + ",".join(["3"] * (width - 4)) + "\n", encoding="utf-8"
    )
    result = run_cli(
        "batch", str(path), "-o", str(tmp_path / "out"), "-q", str(BRANCH), "--allow-rejects"
    )
    rows = read_csv(tmp_path / "out" / "scores.csv") + read_csv(tmp_path / "out" / "rejected.csv")
    assert "rows read 1 =" in result.output
    assert rows[0].get("row") == "3"


def test_csv_template_without_labels(tmp_path: Path) -> None:
    args = ["template", "-q", str(BRANCH), "-f", "csv", "-o", str(tmp_path / "t.txt")]
    run_cli(*args, "--no-labels")
    lines = (tmp_path / "t.txt").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1


@pytest.mark.parametrize(("lang", "encoding"), [("en", "utf-8-sig"), ("zh", "gb18030")])
def test_csv_template_has_the_label_row_and_is_read_back_filled(
    tmp_path: Path, lang: str, encoding: str
) -> None:
    """By default the CSV sheet says what each column is and what it takes; filled in
    (and saved by Excel on Chinese Windows as GB18030), batch scores it as answered."""
    path = tmp_path / "t.csv"
    result = run_cli("template", "-q", str(BRANCH), "-o", str(path), "--lang", lang)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2
    head, labels = rows
    q = branch()
    questions = {question.id: question for _, _, question in q.questions()}
    assert labels[0] == LABEL_MARKER and len(labels) == len(head)
    for column, label in zip(head[3:], labels[3:], strict=True):
        question = questions[column]
        assert label.startswith(question.text.get(lang)), (column, label)
    by_column = dict(zip(head, labels, strict=True))
    assert by_column["b-data-level"].endswith("[1-5]")
    assert by_column["b-data-reports"].endswith("[manual | monthly | dashboard | alerts]")
    assert "wallets ; merchants" in by_column["b-ecny"]
    yes = "是" if lang == "zh" else "yes"
    assert by_column["b-data-steward"].endswith(f"[{yes} | {'否' if lang == 'zh' else 'no'}]")
    filled = [head, labels]
    for unit, answers in FILLED.items():
        row = [unit, f"{unit} 支行", "华东", *(str(answers.get(h, "")) for h in head[3:])]
        filled.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(filled)
    sheet = tmp_path / "filled.csv"
    sheet.write_bytes(buffer.getvalue().encode(encoding))
    out = tmp_path / "out"
    result = run_cli("batch", str(sheet), "-o", str(out), "-q", str(BRANCH))
    assert result.exit_code == 0, result.output
    scores = {r["id"]: r for r in read_csv(out / "scores.csv")}
    assert set(scores) == set(FILLED)
    _scored_as_the_engine_scores(scores, q)


def test_a_group_column_may_not_be_a_question(tmp_path: Path) -> None:
    result = run_cli(
        "template", "-q", str(BRANCH), "-o", str(tmp_path / "t.csv"), "--group", "b-data-check"
    )
    assert result.exit_code == 2
    assert "taken" in result.output


def test_template_text_is_neutralised(tmp_path: Path) -> None:
    run_cli(
        "template", "-q", str(BRANCH), "-o", str(tmp_path / "t.xlsx"), "--group", "=HYPERLINK(1)"
    )
    data = load_workbook(tmp_path / "t.xlsx")["data"]
    assert data["C1"].value == "'=HYPERLINK(1)" and data["C1"].data_type == "s"
    assert data["C2"].value == "'=HYPERLINK(1)"
