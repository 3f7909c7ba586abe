"""Typed lines: commands, answers checked on entry (values.parse_value), shown values."""

from __future__ import annotations

import pytest

from capassess.interactive.keys import Command, parse_command, resolve_value, show_value
from capassess.model.base import Text
from tests.interactive.helpers import tiny

Q = tiny().question_map()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("", "keep"), ("   ", "keep"), ("<", "back"), ("b", "back"), ("B", "back"),
        ("s", "skip"), ("na", "na"), ("N/A", "na"), ("e", "evidence"), ("n", "note"),
        ("note", "note"), ("?", "help"), ("？", "help"), ("q", "quit"), ("3", "value"),
        ("bi,ml", "value"),
    ],
)  # fmt: skip
def test_commands(line: str, kind: str) -> None:
    assert parse_command(line, Q["g-level"]).kind == kind


def test_goto_takes_an_id() -> None:
    assert parse_command("g  a-number ", Q["g-level"]) == Command("goto", "a-number")
    assert parse_command("g", Q["g-level"]) == Command("goto", "")


def test_y_and_n_answer_a_yes_no_question_and_note_adds_a_note() -> None:
    assert parse_command("n", Q["a-bool"]) == Command("value", "n")
    assert parse_command("Y", Q["a-bool"]) == Command("value", "y")
    assert parse_command("note", Q["a-bool"]).kind == "note"
    assert resolve_value(Q["a-bool"], "n") is False
    assert resolve_value(Q["a-bool"], "yes") is True
    assert resolve_value(Q["a-bool"], "是") is True


@pytest.mark.parametrize(
    ("qid", "text", "value"),
    [
        ("g-level", "4", 4),
        ("g-choice", "2", "partial"),
        ("g-choice", "full", "full"),
        ("a-multi", "1,3", ["bi", "rt"]),
        ("a-multi", "3 1", ["bi", "rt"]),
        ("a-multi", "ml，rt", ["ml", "rt"]),  # a Chinese comma
        ("a-multi", "-", []),
        ("a-multi", "3-2", ["ml", "rt"]),
        ("a-number", "12.5%", 12.5),
        ("o-api", "1,200", 1200.0),
        ("a-number", "12.5 %", 12.5),
        ("g-level", "n/a", "n/a"),
    ],
)
def test_answers_are_resolved(qid: str, text: str, value: object) -> None:
    assert resolve_value(Q[qid], text) == value


@pytest.mark.parametrize(
    ("qid", "text", "reason"),
    [
        ("g-level", "7", "not a level; expected a whole number 1..5"),
        ("g-level", "high", "is not a level; type 1-5 or a level's name"),
        ("g-choice", "4", "4 is not an option number; expected 1 to 3"),
        (
            "g-choice",
            "most",
            "not an option; expected a number 1 to 3 or one of: none, partial, full",
        ),
        ("g-choice", "PARTIAL!", "'PARTIAL!' is not an option"),
        ("a-multi", "bi,xx", "'xx' is not an option"),
        ("a-number", "120", "above the maximum 100"),
        ("a-number", "-1", "below the minimum 0"),
        ("a-bool", "maybe", "not yes or no; type y or n"),
        ("a-multi", "1-9", "4 is not an option number; expected 1 to 3"),
    ],
)
def test_bad_answers_say_why(qid: str, text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        resolve_value(Q[qid], text)


def test_a_number_may_be_typed_with_its_unit() -> None:
    question = (
        tiny().question_map()["a-number"].model_copy(update={"unit": Text(en="days", zh="天")})
    )
    assert resolve_value(question, "12 days") == 12
    assert resolve_value(question, "12天") == 12
    with pytest.raises(ValueError, match="not a number"):
        resolve_value(question, "12 weeks")


def test_values_are_shown_as_a_person_reads_them() -> None:
    assert show_value(Q["g-choice"], "partial", "en") == "partial (Some)"
    assert show_value(Q["g-choice"], "partial", "zh") == "partial (部分)"
    assert show_value(Q["a-multi"], ["bi", "ml"], "en") == "bi, ml"
    assert show_value(Q["a-multi"], [], "en") == "-"
    assert show_value(Q["a-number"], 12, "en") == "12%"
    assert show_value(Q["o-api"], 25, "en") == "25"
    assert show_value(Q["a-bool"], True, "zh") == "是"
    assert show_value(Q["g-level"], "n/a", "en") == "n/a"


@pytest.mark.parametrize(("lang", "sep"), [("en", ", "), ("zh", "、")])
def test_lists_in_interview_messages_are_joined_as_the_language_lists(lang: str, sep: str) -> None:
    from capassess.texts.interview import say

    text = say(lang, "end_missing", count=2, ids=["dg-level", "di-level"])  # type: ignore[arg-type]
    assert f"dg-level{sep}di-level" in text


@pytest.mark.parametrize("text", ["-", "none", "None", "无", "没有", "—"])
def test_none_ticks_no_option_of_a_checklist(text: str) -> None:
    """The words batch takes for "none of these" tick no option here too."""
    question = tiny().question_map()["a-multi"]
    assert resolve_value(question, text) == []


@pytest.mark.parametrize(("text", "value"), [("有", True), ("无", False), ("没有", False)])
def test_have_and_have_not_answer_a_yes_no_question(text: str, value: bool) -> None:
    question = tiny().question_map()["a-bool"]
    assert resolve_value(question, text) is value
