"""--data and --data-file: answers given up front, every mistake reported with its place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capassess.errors import InputError
from capassess.interactive.prefill import read_data, read_data_file, read_data_options
from capassess.model.answers import Answer
from tests.interactive.helpers import tiny


def test_options_are_parsed_per_question_type() -> None:
    answers = read_data_options(
        tiny(), ["g-level=4", "g-choice=2", "a-multi=bi,rt", "a-number=12.5%", "a-bool=yes",
                 "o-api=n/a"],
    )  # fmt: skip
    assert {k: a.value for k, a in answers.items()} == {
        "g-level": 4, "g-choice": "partial", "a-multi": ["bi", "rt"], "a-number": 12.5,
        "a-bool": True, "o-api": "n/a",
    }  # fmt: skip


def test_every_bad_option_is_reported_at_once() -> None:
    with pytest.raises(InputError) as caught:
        read_data_options(tiny(), ["g-level=9", "g-levle=3", "a-number", "a-number=lots"])
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        "--data g-level=9: '9' is not a level; expected a whole number 1..5",
        "--data g-levle=3: unknown question id 'g-levle'; did you mean g-level?",
        "--data a-number: expected ID=VALUE, e.g. dg-1=3",
        "--data a-number=lots: 'lots' is not a number",
    ]


def test_a_yaml_file_with_values_and_full_answers(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(
        "g-level: 3\ng-choice: {value: full, evidence: org chart}\na-multi: [bi]\no-api:\n",
        encoding="utf-8",
    )
    answers = read_data_file(tiny(), path)
    assert answers == {
        "g-level": Answer(value=3),
        "g-choice": Answer(value="full", evidence="org chart"),
        "a-multi": Answer(value=["bi"]),
    }  # o-api is blank: nothing given


def test_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"a-number": 40, "a-bool": False}), encoding="utf-8")
    assert read_data_file(tiny(), path) == {
        "a-number": Answer(value=40), "a-bool": Answer(value=False)
    }  # fmt: skip


def test_an_answers_file_can_be_the_data_file() -> None:
    from tests.conftest import DATA

    answers = read_data_file(tiny(), DATA / "answers" / "tiny-full.yaml")
    assert answers["o-api"] == Answer(value=25, note="two partners integrated in 2025")


def test_file_errors_carry_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(
        "g-level: 3\na-number: 400\nbogus: 1\ng-choice: {value: most}\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        read_data_file(tiny(), path)
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        f"{path}:2:11: a-number: 400 is above the maximum 100",
        f"{path}:3:8: bogus: unknown question id 'bogus'",
        f"{path}:4:19: g-choice.value: 'most' is not an option; expected a number 1 to 3 or one of: none, partial, full",
    ]


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected a mapping"):
        read_data_file(tiny(), path)


def test_options_win_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("g-level: 3\n", encoding="utf-8")
    assert read_data(tiny(), path, ["g-level=5"])["g-level"].value == 5
