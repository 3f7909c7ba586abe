"""Every broken input in tests/data/bad gets one clear, located message and its exit code.

One row per file: the file (by input kind: questionnaire/, answers/, target/, matrix/,
csv/, xlsx/, and templates/ whose entries are template folders), the exit code and a
fragment of the message. YAML files are checked with ``validate`` (answers and targets
refer to the tiny questionnaire in tests/data/good); CSV and XLSX files are scored with
``batch`` against tests/batch/data/mini.yaml; template folders render the tiny answers
with ``report --template-dir``.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.batch.rejects import MAX_VALUE
from capassess.cli import main
from tests.batch.helpers import MINI
from tests.conftest import DATA

BAD = DATA / "bad"
GOOD = DATA / "good"

CASES = [
    ("answers/alias-bomb.yaml", 2, "the document expands to more than 200,000 values (an alias b"),
    ("answers/answers-not-a-mapping.yaml", 2, "answers: should be a mapping (key: value lines)"),
    ("answers/bad-multi.yaml", 2, "answers.a-multi: 'quantum' not among the options: bi, ml, rt"),
    ("answers/binary.yaml", 2, "this is a binary file, not YAML text"),
    (
        "answers/date-invalid.yaml",
        2,
        "YAML error: cannot read the value '2026-13-45': month must b",
    ),
    (
        "answers/disagreement-level-out-of-range.yaml",
        2,
        "disagreements[0].levels.CDO: Input should be less than or equal to 5",
    ),
    (
        "answers/disagreement-respondent-control-characters.yaml",
        2,
        'disagreements[0].levels["CDO\\u001b[31m\\nforged"]: holds the control character U+001B',
    ),
    (
        "answers/disagreement-unknown-question.yaml",
        2,
        "disagreements[1].question: unknown question id 'no-such-question' in tiny",
    ),
    (
        "answers/interviewee-control-characters.yaml",
        2,
        "interviewees[0].name: holds the control character U+001B",
    ),
    (
        "answers/respondent-bidi-override.yaml",
        2,
        "answers.g-level.respondent: holds the control character U+202E",
    ),
    (
        "answers/respondent-control-characters.yaml",
        2,
        "answers.g-level.respondent: holds the control character U+000D",
    ),
    ("answers/respondent-too-long.yaml", 2, "respondent: String should have at most 200 char"),
    ("answers/duplicate-answer.yaml", 2, 'YAML error: found duplicate key "g-level"'),
    ("answers/empty.yaml", 2, "the file is empty"),
    (
        "answers/huge-decimal.yaml",
        2,
        "YAML error: cannot read the value '9999999999999999999999999",
    ),
    ("answers/huge-number.yaml", 2, "answers.a-number: the number is too large to be a finite num"),
    ("answers/huge-text-value.yaml", 2, "answers.a-number: 'many many many many many man"),
    (
        "answers/level-not-whole.yaml",
        2,
        "answers.g-level: 2.5 is not a level; expected a whole number",
    ),
    (
        "answers/level-out-of-range.yaml",
        2,
        "answers.g-level: 7 is not a level; expected a whole number 1",
    ),
    ("answers/level-word.yaml", 2, "answers.g-level: 'high' is not a level; expected a whole"),
    (
        "answers/level-name-disagrees.yaml",
        2,
        "answers.g-level: '2 稳健级': the number is level 2 but Robust / 稳健级 is level 3",
    ),
    ("answers/utf16.yaml", 2, "the file is UTF-16 text; save it as UTF-8"),
    # UTF-16 without a byte-order mark, and UTF-32, are named as what they are, not "binary".
    ("answers/utf16-no-bom.yaml", 2, "1:1: the file is UTF-16 text without a byte-order mark"),
    ("answers/utf16-no-bom-chinese.yaml", 2, "1:1: the file is UTF-16 text without a byte-"),
    ("questionnaire/utf16-be-no-bom.yaml", 2, "1:1: the file is UTF-16 text without a byte-o"),
    ("target/utf32.yaml", 2, "1:1: the file is UTF-32 text; save it as UTF-8"),
    ("answers/multi-not-a-list.yaml", 2, "answers.a-multi.bi: unknown field"),
    ("answers/no-subject.yaml", 2, "required field 'subject' is missing"),
    ("answers/not-a-bool.yaml", 2, "answers.a-bool: 'maybe' is not yes/no; expected true or fals"),
    (
        "answers/not-an-option.yaml",
        2,
        "answers.g-choice.value: 'most' is not an option; expected on",
    ),
    ("answers/not-utf8.yaml", 2, "the file is not UTF-8 text (byte 0xd6); save it as UTF-8"),
    ("answers/number-not-a-number.yaml", 2, "answers.a-number: 'about a dozen' is not a number"),
    ("answers/number-out-of-range.yaml", 2, "answers.a-number: 150 is above the maximum 100"),
    ("answers/python-tag.yaml", 2, "YAML tag 'tag:yaml.org,2002:python/object/apply:subprocess.c"),
    ("answers/questionnaire-not-a-string.yaml", 2, "questionnaire: should be text"),
    (
        "answers/several-errors.yaml",
        2,
        "answers.g-level: 0 is not a level; expected a whole number 1",
    ),
    ("answers/subject-kind-unknown.yaml", 2, "subject.kind: Input should be 'bank' or 'branch'"),
    ("answers/syntax.yaml", 2, "YAML error: expected ',' or '}', but got ':'"),
    ("answers/unknown-field.yaml", 2, "answers.g-level.evidnce: unknown field"),
    ("answers/unknown-question.yaml", 2, "answers.g-levle: unknown question id 'g-levle' in tiny"),
    (
        "answers/unknown-questionnaire.yaml",
        2,
        "questionnaire: questionnaire 'huge' not found (known: bank-f",
    ),
    (
        "answers/wrong-version.yaml",
        2,
        "questionnaire: answers are for version 2.0 but tiny is versi",
    ),
    ("matrix/accept-cr-out-of-range.yaml", 2, "accept_cr: Input should be less than 1"),
    ("matrix/binary.yaml", 2, "this is a binary file, not YAML text"),
    ("matrix/diagonal-not-one.yaml", 2, "matrix: diagonal entry (1,1) is 2, not 1"),
    ("matrix/duplicate-items.yaml", 2, "items must be unique"),
    ("matrix/empty.yaml", 2, "the file is empty"),
    (
        "matrix/fraction-by-zero.yaml",
        2,
        "3:9: matrix[0][1]: '1/0' is not a number or a fraction like 1/3",
    ),
    (
        "matrix/fraction-syntax.yaml",
        2,
        "3:9: matrix[0][1]: '1:5' is not a number or a fraction like 1/3",
    ),
    ("matrix/huge-entry.yaml", 2, "matrix[0][0]: not a finite number"),
    ("matrix/inconsistent.yaml", 2, "matrix: AHP consistency ratio CR = 0.141 is not below 0.10 ("),
    ("matrix/infinite-entry.yaml", 2, "3:9: matrix[0][1]: inf is not a finite number"),
    ("matrix/nan-entry.yaml", 2, "3:9: matrix[0][1]: nan is not a finite number"),
    ("matrix/negative-entry.yaml", 2, "3:9: matrix[0][1]: entry -5.0 must be positive"),
    ("matrix/no-items.yaml", 2, "items: List should have at least 1 item after validation, no"),
    ("matrix/not-reciprocal.yaml", 2, "matrix: entries (1,2)=3 and (2,1)=3 are not reciprocal"),
    ("matrix/not-square.yaml", 2, "row 2 has 4 entries; expected 3, 2 or 1"),
    ("matrix/python-tag.yaml", 2, "YAML tag 'tag:yaml.org,2002:python/object/new:fractions.Frac"),
    ("matrix/rows-not-lists.yaml", 2, "matrix: 3 should be a list"),
    ("matrix/sixteen-items.yaml", 2, "matrix: AHP supports at most 15 items, got 16"),
    ("matrix/syntax.yaml", 2, "YAML error: expected ',' or ']', but got '['"),
    ("matrix/too-many-rows.yaml", 2, "matrix has 3 rows for 2 items"),
    (
        "matrix/word-entry.yaml",
        2,
        "3:9: matrix[0][1]: 'five' is not a number or a fraction like 1/3",
    ),
    ("matrix/zero-entry.yaml", 2, "3:9: matrix[0][1]: entry 0.0 must be positive"),
    (
        "questionnaire/action-level-1.yaml",
        2,
        "dimensions[0].capabilities[0].actions[0].level: Input should",
    ),
    (
        "questionnaire/ahp-bad-fraction.yaml",
        2,
        "8:11: ahp.matrix[0][1]: '1/0' is not a number or a fraction",
    ),
    (
        "questionnaire/ahp-not-reciprocal.yaml",
        2,
        "dimensions[0].ahp.matrix: entries (1,2)=3 and (2,1)=0.5 are",
    ),
    ("questionnaire/ahp-too-many-items.yaml", 2, "matrix: AHP supports at most 15 items, got 16"),
    (
        "questionnaire/ahp-wrong-items.yaml",
        2,
        "dimensions[0].ahp.items: AHP items ['governance', 'nothing']",
    ),
    (
        "questionnaire/alias-bomb.yaml",
        2,
        "the document expands to more than 200,000 values (an alias b",
    ),
    (
        "questionnaire/bad-id.yaml",
        2,
        "id: '9tiny' is not a valid id: start with a letter, then let",
    ),
    ("questionnaire/binary.yaml", 2, "this is a binary file, not YAML text"),
    ("questionnaire/deep-nesting.yaml", 2, "the YAML nests too deeply"),
    (
        "questionnaire/depends-cycle.yaml",
        2,
        "dimensions[0].capabilities[0].actions[0].depends_on: depende",
    ),
    (
        "questionnaire/depends-unknown.yaml",
        2,
        "dimensions[0].capabilities[1].actions[0].depends_on: action",
    ),
    (
        "questionnaire/duplicate-action-id.yaml",
        2,
        "dimensions[1].capabilities[0].actions[0].id: duplicate id 'a",
    ),
    ("questionnaire/duplicate-key.yaml", 2, 'YAML error: found duplicate key "id"'),
    (
        "questionnaire/duplicate-option-id.yaml",
        2,
        "dimensions[0].capabilities[0].questions[1].options[1].id: du",
    ),
    (
        "questionnaire/duplicate-question-id.yaml",
        2,
        "dimensions[0].capabilities[0].questions[1].id: duplicate id",
    ),
    (
        "questionnaire/duration-not-number.yaml",
        2,
        "dimensions[0].capabilities[1].actions[0].duration_months: 'twelve' should be a whole "
        "number",
    ),
    (
        "questionnaire/effort-unknown.yaml",
        2,
        "dimensions[0].capabilities[0].actions[0].effort: Input shoul",
    ),
    ("questionnaire/empty.yaml", 2, "the file is empty"),
    (
        "questionnaire/level-question-four-levels.yaml",
        2,
        "dimensions[0].capabilities[0].questions[0].levels: List shou",
    ),
    ("questionnaire/model-unknown.yaml", 2, "model: Input should be 'weighted-mean' or 'staged'"),
    (
        "questionnaire/not-a-mapping.yaml",
        2,
        "not a capassess file: expected a questionnaire (dimensions:)",
    ),
    ("questionnaire/not-utf8.yaml", 2, "the file is not UTF-8 text (byte 0xff); save it as UTF-8"),
    ("questionnaire/only-comment.yaml", 2, "the file holds no YAML document"),
    (
        "questionnaire/option-score-above-1.yaml",
        2,
        "dimensions[0].capabilities[0].questions[1].options[1].score:",
    ),
    (
        "questionnaire/profile-unknown-capability.yaml",
        2,
        "profiles[0].targets.nowhere: unknown capability 'nowhere'",
    ),
    (
        "questionnaire/python-tag.yaml",
        2,
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' i",
    ),
    (
        "questionnaire/syntax-indent.yaml",
        2,
        "YAML error: expected <block end>, but found '<block mapping",
    ),
    (
        "questionnaire/syntax-unclosed.yaml",
        2,
        "YAML error: expected ',' or ']', but got '<stream end>'",
    ),
    (
        "questionnaire/target-out-of-range.yaml",
        2,
        "dimensions[0].capabilities[0].target: Input should be less t",
    ),
    (
        "questionnaire/thresholds-not-ascending.yaml",
        2,
        "dimensions[0].capabilities[1].questions[1].thresholds: thres",
    ),
    (
        "questionnaire/thresholds-too-few.yaml",
        2,
        "dimensions[0].capabilities[1].questions[1].thresholds: List",
    ),
    ("questionnaire/title-no-language.yaml", 2, "title: text needs at least one of 'en' or 'zh'"),
    ("questionnaire/unknown-field.yaml", 2, "colour: unknown field"),
    (
        "questionnaire/unknown-kind.yaml",
        2,
        "not a capassess file: expected a questionnaire (dimensions:)",
    ),
    (
        "questionnaire/unknown-question-type.yaml",
        2,
        "questions[0].type: 'slider' is not one of: level, choice, multi, number, bool",
    ),
    (
        "questionnaire/question-type-missing.yaml",
        2,
        "dimensions[0].capabilities[0].questions[1]: required field 'type' is missing",
    ),
    ("questionnaire/version-float.yaml", 2, 'version: write the version in quotes, e.g. "1.0"'),
    (
        "questionnaire/weight-negative.yaml",
        2,
        "dimensions[0].capabilities[0].questions[0].weight: Input sho",
    ),
    (
        "questionnaire/when-later-question.yaml",
        2,
        "dimensions[0].capabilities[1].questions[2].when: condition r",
    ),
    (
        "questionnaire/when-python.yaml",
        2,
        "dimensions[0].capabilities[1].questions[2].when: cannot pars",
    ),
    (
        "questionnaire/when-syntax.yaml",
        2,
        "dimensions[0].capabilities[1].questions[2].when: cannot pars",
    ),
    (
        "questionnaire/when-unknown.yaml",
        2,
        "dimensions[0].capabilities[1].questions[2].when: condition r",
    ),
    ("target/binary.yaml", 2, "this is a binary file, not YAML text"),
    ("target/default-zero.yaml", 2, "default: Input should be greater than or equal to 1"),
    ("target/empty.yaml", 2, "the file holds no YAML document"),
    ("target/huge-number.yaml", 2, "YAML error: cannot read the value '4444444444444444444444444"),
    (
        "target/importance-negative.yaml",
        2,
        "targets.governance.importance: Input should be greater",
    ),
    (
        "target/level-out-of-range.yaml",
        2,
        "targets.governance: Input should be less than or equal to 5",
    ),
    (
        "target/level-wrong-type.yaml",
        2,
        "targets.governance: 'high' should be a whole number or a mapping of fields",
    ),
    ("target/not-a-target.yaml", 2, "not a capassess file: expected a questionnaire (dimensions:)"),
    ("target/python-tag.yaml", 2, "YAML tag 'tag:yaml.org,2002:python/name:os.system' is not al"),
    ("target/syntax.yaml", 2, "YAML error: expected <block end>, but found '<block mapping"),
    ("target/targets-a-list.yaml", 2, "targets: should be a mapping (key: value lines)"),
    (
        "target/unknown-capability.yaml",
        2,
        "targets.analytcs: unknown capability 'analytcs' in tiny",
    ),
    ("target/unknown-field.yaml", 2, "targets.governance.weight: unknown field"),
    (
        "target/unknown-questionnaire.yaml",
        2,
        "questionnaire: questionnaire 'huge' not found (known: bank-f",
    ),
    (
        "target/wrong-questionnaire.yaml",
        2,
        "targets.governance: unknown capability 'governance' in bank-",
    ),
    ("csv/binary.csv", 2, "this is a binary file, not CSV text"),
    ("csv/duplicate-column.csv", 2, "column 'id' appears more than once"),
    ("csv/empty.csv", 2, "the file is empty; expected a header row with 'id'"),
    ("csv/header-only-blank.csv", 2, "the file is empty; expected a header row with 'id'"),
    ("csv/huge-line.csv", 1, "rows rejected: 1;"),
    ("csv/jpeg.csv", 2, "this is a binary file, not CSV text"),
    ("csv/missing-question-column.csv", 2, "missing question columns: q2"),
    ("csv/no-id-column.csv", 2, "no 'id' column; the header is: branch, q1, q2"),
    ("csv/nul-byte.csv", 1, "rows rejected: 1;"),
    ("csv/unclosed-quote.csv", 1, "rows rejected: 1;"),
    ("csv/ragged-huge-cell.csv", 1, "rows rejected: 1;"),
    ("csv/undecodable.csv", 2, "not valid gb18030 at byte 18; pass --encoding"),
    ("csv/utf16-broken.csv", 2, "the file is UTF-16 text, but byte 33 is not; save it as"),
    ("xlsx/broken-sheet-xml.xlsx", 2, "cannot read as XLSX: sheet 'Sheet' is not well-formed XML"),
    ("xlsx/empty-workbook.xlsx", 2, "is empty; expected a header row with 'id'"),
    ("xlsx/empty.xlsx", 2, "cannot read as XLSX: the file is empty (0 bytes), not a workbook"),
    ("xlsx/no-id-column.xlsx", 2, "no 'id' column; the header is: branch, q1, q2"),
    ("xlsx/not-a-zip.xlsx", 2, "cannot read as XLSX: this is text, not a workbook"),
    ("xlsx/truncated.xlsx", 2, "cannot read as XLSX: this is a damaged (cut short?) ZIP file"),
    ("xlsx/zip-not-workbook.xlsx", 2, "cannot read as XLSX: this is a ZIP archive but not an"),
    ("templates/binary", 2, "this is a binary file, not a template"),
    ("templates/missing-include", 2, "template not found: partials/nowhere.html.j2"),
    ("templates/not-utf8", 2, "the template is not UTF-8 text (byte 0xb1); save it as UTF-8"),
    ("templates/sandbox-class", 2, "access to attribute '__class__' of 'Report' object is unsafe"),
    ("templates/sandbox-globals", 2, "access to attribute '__init__' of 'type' object is unsafe"),
    ("templates/syntax-error", 2, "template error: unexpected '}'"),
    ("templates/unclosed-block", 2, "Jinja was looking for the following tags: 'endblock'"),
    ("templates/undefined-variable", 2, "has no attribute 'nothing_here'"),
    ("templates/unknown-filter", 2, "No filter named 'explode'"),
    # Keys, numbers and limits (issue 16): every one located, none a traceback.
    ("answers/key-is-a-mapping.yaml", 2, "a key must be a plain value, not a list or a mapping"),
    ("answers/number-5000-digits.yaml", 2, "Exceeds the limit (4300 digits) for integer string"),
    ("questionnaire/key-is-a-list.yaml", 2, "a key must be a plain value, not a list or a mapping"),
    ("questionnaire/weight-5000-digits.yaml", 2, "YAML error: cannot read the value '7777777"),
    ("questionnaire/when-too-deep.yaml", 2, "when: cannot parse condition: the expression nests"),
    ("questionnaire/when-not-too-deep.yaml", 2, "the expression nests deeper than 32 levels"),
    ("questionnaire/when-too-long.yaml", 2, "the expression is longer than 4000 characters"),
    ("questionnaire/when-huge-number.yaml", 2, "the number at column 12 has too many digits"),
    # Non-finite numbers, wherever a number is read.
    ("questionnaire/weight-infinite.yaml", 2, "dimensions[0].weight: not a finite num"),
    ("questionnaire/weight-not-a-number.yaml", 2, "dimensions[0].weight: not a finite"),
    (
        "questionnaire/weights-overflow.yaml",
        2,
        "weight: Input should be less than or equal to 1000",
    ),
    ("questionnaire/threshold-nan.yaml", 2, "thresholds[2]: not a finite number"),
    ("questionnaire/min-infinite.yaml", 2, "questions[1].min: not a finite number"),
    ("target/importance-infinite.yaml", 2, "importance: not a finite number"),
    ("target/importance-not-a-number.yaml", 2, "importance: not a finite number"),
    ("matrix/fraction-overflow.yaml", 2, "3:9: matrix[0][1]: '1e400' is not a finite number"),
    # Control characters in a CSV's text cells: the row is rejected, not written out.
    ("csv/nul-late.csv", 1, "rows rejected: 1;"),
    ("csv/escape-in-name.csv", 1, "rows rejected: 1;"),
    # Templates bounded in time, size and recursion, and kept in their folder.
    ("templates/center-huge", 2, "the number 1500000000 is too large for a template argument"),
    ("templates/format-width", 2, "a format width or precision in the template is too large"),
    ("templates/link-outside", 2, "secret.txt leads outside the template folder"),
    ("templates/list-huge", 2, "the result of * would be longer than 10,000,000"),
    ("templates/output-huge", 2, "the report would be larger than 64 MiB of text"),
    ("templates/percent-width", 2, "a format width or precision in the template is too large"),
    ("templates/power-huge", 2, "the result of ** would be too large"),
    ("templates/range-nested", 2, "the template's loops ran more than 10,000,000 steps"),
    ("templates/recursive-macro", 2, "the template recurses too deeply (a macro calling itself"),
    ("templates/self-include", 2, "the template recurses too deeply"),
    ("templates/string-huge", 2, "the result of * would be longer than 10,000,000"),
    ("templates/join-huge", 2, "the result of join would be longer than 10,000,000"),
    ("templates/replace-huge", 2, "the result of replace would be longer than 10,000,000"),
    ("templates/concat-doubling", 2, "the result of ~ would be longer than 10,000,000"),
    ("templates/list-append", 2, "access to attribute 'append' of 'list' object is unsafe"),
    ("templates/format-huge", 2, "the result of format would be longer than 10,000,000"),
]


def _entries() -> list[str]:
    """The corpus's entries: files, except that each template case is a folder."""
    files = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file()}
    folders = {f"templates/{p.name}" for p in (BAD / "templates").iterdir() if p.is_dir()}
    return sorted({f for f in files if not f.startswith("templates/")} | folders)


def test_every_corpus_file_has_a_case() -> None:
    assert _entries() == sorted(c[0] for c in CASES)
    assert len(CASES) >= 60
    kinds = {c[0].split("/")[0] for c in CASES}
    assert kinds == {"questionnaire", "answers", "target", "matrix", "csv", "xlsx", "templates"}


def _command(name: str, out: Path) -> tuple[list[str], str]:
    """The command line that reads corpus entry ``name``, and where its error must point."""
    path = BAD / name
    kind = name.split("/")[0]
    if kind in ("csv", "xlsx"):
        args = ["batch", str(path), "-o", str(out), "-q", str(MINI)]
        return args, f"{path}:"
    if kind == "templates":
        answers = GOOD / "tiny-answers.yaml"
        args = ["report", str(answers), "-o", str(out / "r.html"), "--template-dir", str(path)]
        return ["--questionnaire-dir", str(GOOD), *args], f"{path / 'report.html.j2'}:"
    return ["--questionnaire-dir", str(GOOD), "validate", str(path)], f"{path}:"


@pytest.mark.parametrize(("name", "code", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_reported_with_its_location(
    runner: CliRunner, tmp_path: Path, name: str, code: int, fragment: str
) -> None:
    args, where = _command(name, tmp_path / "out")
    result = runner.invoke(main, args)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert fragment in result.stderr
    if code == 2:
        assert where in result.stderr
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _rejected(out: Path) -> list[list[str]]:
    """The rows of ``out/rejected.csv``, header first, cells of any length."""
    limit = csv.field_size_limit(1 << 24)
    try:
        with (out / "rejected.csv").open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))
    finally:
        csv.field_size_limit(limit)


def test_rejected_rows_keep_their_cells(runner: CliRunner, tmp_path: Path) -> None:
    """A row the reader cannot score is kept in rejected.csv, never dropped."""
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["batch", str(BAD / "csv/huge-line.csv"), "-o", str(out), "-q", str(MINI)]
    )
    assert result.exit_code == 1
    header, *cells = _rejected(out)
    rows = [dict(zip(header, row, strict=True)) for row in cells]
    assert [(r["row"], r["unit_id"], r["column"]) for r in rows] == [("2", "A", "q1")]
    # The cell is kept as far as one Excel cell holds; the reason quotes only its start.
    assert rows[0]["value"] == "9" * MAX_VALUE
    assert rows[0]["reason"].endswith("is not a level; expected a whole number 1..5")
    assert len(rows[0]["reason"]) < 120


@pytest.mark.parametrize("name", ["questionnaire/alias-bomb.yaml", "answers/alias-bomb.yaml"])
def test_alias_bomb_is_refused_quickly(runner: CliRunner, name: str) -> None:
    start = time.perf_counter()
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), "validate", str(BAD / name)])
    # Generous bound: the expansion is 9**9 values, which would never finish.
    assert time.perf_counter() - start < 30
    assert result.exit_code == 2


def test_all_problems_of_one_file_are_reported_together(runner: CliRunner, tmp_path) -> None:
    src = (GOOD / "tiny.yaml").read_text(encoding="utf-8")
    src = src.replace("target: 4", "target: 9").replace("effort: low", "effort: tiny")
    path = tmp_path / "two.yaml"
    path.write_text(src, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "target: Input should be less than or equal to 5" in result.stderr
    assert "effort: Input should be" in result.stderr


@pytest.mark.parametrize("command", ["validate", "score"])
def test_answers_are_checked_even_when_the_subject_is_missing(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("questionnaire: tiny\nanswers:\n  g-level: 9\n  g-levle: 3\n", encoding="utf-8")
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), command, str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{path}:")]
    assert lines == [
        f"{path}:1:1: required field 'subject' is missing",
        f"{path}:3:12: answers.g-level: 9 is not a level; expected a whole number 1..5",
        f"{path}:4:12: answers.g-levle: unknown question id 'g-levle' in tiny",
    ]


def test_a_broken_questionnaire_does_not_hide_the_answers_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    text = (GOOD / "tiny.yaml").read_text(encoding="utf-8").replace("target: 4", "target: 9")
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text("questionnaire: tiny\nanswers:\n  g-level: 3\n", encoding="utf-8")
    result = runner.invoke(main, ["--questionnaire-dir", str(folder), "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:1:1: required field 'subject' is missing" in result.stderr


def test_rejected_cells_are_cut_to_one_excel_cell(runner: CliRunner, tmp_path: Path) -> None:
    """Unit ids and raw rows too: an unclosed quote swallows the rest of the file."""
    source = tmp_path / "in.csv"
    rows = "".join(f"B{i},2,2\n" for i in range(8000))
    source.write_text(f'id,q1,q2\n"A,1,1\n{rows}', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(source), "-o", str(out), "-q", str(MINI)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    rows_out = _rejected(out)
    assert len(rows_out) == 2
    assert max(len(cell) for cell in rows_out[1]) == MAX_VALUE
    assert rows_out[1][2].startswith("A,1,1\nB0,2,2")


@pytest.mark.parametrize(
    ("name", "column"), [("csv/nul-late.csv", "name"), ("csv/escape-in-name.csv", "name")]
)
def test_control_characters_reject_the_row(
    runner: CliRunner, tmp_path: Path, name: str, column: str
) -> None:
    """A NUL byte past the binary check's 8 KiB, or a terminal escape, in a text cell:
    the row is rejected with its reason and never reaches scores.csv."""
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(BAD / name), "-o", str(out), "-q", str(MINI)])
    assert result.exit_code == 1, result.output
    header, *rows = _rejected(out)
    found = [dict(zip(header, row, strict=True)) for row in rows]
    assert [r["column"] for r in found] == [column]
    assert "holds a control character" in found[0]["reason"]
    assert "\x00" not in found[0]["value"]  # shown as U+FFFD, which CSV readers keep
    scores = (out / "scores.csv").read_bytes()
    assert b"\x00" not in scores and b"\x1b" not in scores
