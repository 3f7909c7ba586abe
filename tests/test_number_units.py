"""A figure written with its question's own unit (``12 days``, ``12天``) is that figure,
in an answers file, a sheet and the interview alike (one parser); any other word after a
figure is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from capassess.interactive.keys import resolve_value
from capassess.model.questionnaire import NumberQuestion
from capassess.values import parse_value
from tests.batch.helpers import read_csv, run_cli, write_csv
from tests.batch.test_real_sheets import HEADER, _rows
from tests.conftest import TINY

DAYS = NumberQuestion.model_validate(
    {"id": "lead-time", "type": "number", "text": {"en": "Lead time", "zh": "交付周期"},
     "unit": {"en": "days", "zh": "天"}, "min": 0, "max": 365,
     "thresholds": [14, 30, 60, 90], "better": "lower"}
)  # fmt: skip
READ = [("12 days", 12), ("12days", 12), ("12 Days", 12), ("12天", 12), ("12 天", 12),
        ("１２天", 12), ("3.5 days", 3.5), ("12", 12), (" 30 days ", 30)]  # fmt: skip
REFUSED = ["days", "天", "12 weeks", "12周", "about 12 days", "12 days or so"]


@pytest.mark.parametrize(("text", "value"), READ)
def test_a_figure_with_the_question_s_unit_is_that_figure(text: str, value: float) -> None:
    assert parse_value(DAYS, text) == value
    assert resolve_value(DAYS, text) == value


@pytest.mark.parametrize("text", REFUSED)
def test_other_words_after_a_figure_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_value(DAYS, text)


def test_the_unit_does_not_lift_the_bounds() -> None:
    with pytest.raises(ValueError, match="above the maximum 365"):
        parse_value(DAYS, "400 days")


def test_a_sheet_reads_a_figure_with_its_unit_as_the_figure(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        'unit: {en: "%", zh: "%"}', 'unit: {en: "people", zh: "人"}'
    )
    questionnaire = tmp_path / "people.yaml"
    questionnaire.write_text(text, encoding="utf-8")
    rows = _rows((0, 6, "45人"), (1, 6, "3.5 people"), (2, 6, "62.5 persons"))
    source = write_csv(tmp_path / "in.csv", [HEADER, *rows])
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *_rows((1, 6, "3.5"))])
    out = {}
    for name, path in (("in", source), ("twin", twin)):
        result = run_cli("batch", str(path), "-o", str(tmp_path / name), "-q",
                         str(questionnaire), "--allow-rejects")  # fmt: skip
        assert result.exit_code == 0, result.output
        out[name] = read_csv(tmp_path / name / "scores.csv")
    assert [r["id"] for r in out["in"]] == ["A", "B"]  # C's "persons" is no unit of it
    rejected = read_csv(tmp_path / "in" / "rejected.csv")
    assert [(r["unit_id"], r["value"]) for r in rejected] == [("C", "62.5 persons")]
    drop = {"source", "row", "rank"}
    assert [{k: v for k, v in r.items() if k not in drop} for r in out["in"]] == [
        {k: v for k, v in r.items() if k not in drop} for r in out["twin"] if r["id"] != "C"
    ]
