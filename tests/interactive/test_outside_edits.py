"""Changes made to an answers file outside the interview: merged, or both versions kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from capassess.answers_file import AnswersFile, OutsideConflict
from capassess.catalog import load_assessment
from capassess.model.answers import Answer
from capassess.outside_edits import merge_outside
from tests.interactive.helpers import ORDER, tiny


def started(tmp_path: Path) -> AnswersFile:
    """An answers file with g-level answered, opened for an interview."""
    path = tmp_path / "acme.yaml"
    path.write_text(
        f"questionnaire: {tiny().ref}\nsubject: {{id: acme}}\nanswers:\n  g-level: 3\n",
        encoding="utf-8",
    )
    return AnswersFile.open(path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_outside_answer_survives_the_next_save_and_is_reported(tmp_path: Path) -> None:
    store = started(tmp_path)
    edit(store.path, "  g-level: 3\n", "  g-level: 3\n  # asked the CDO\n  o-api: 30\n")
    store.set_answer("g-choice", Answer(value="full"), ORDER)
    taken = store.save()
    assert taken == {"o-api": Answer(value=30)}
    text = store.path.read_text(encoding="utf-8")
    assert "# asked the CDO" in text
    values = {q: a.value for q, a in load_assessment(store.path, tiny())[0].answers.items()}
    assert values == {"g-level": 3, "g-choice": "full", "o-api": 30}


def test_an_outside_note_and_an_interview_value_on_one_question_both_stay(tmp_path: Path) -> None:
    store = started(tmp_path)
    edit(store.path, "g-level: 3", "g-level: {value: 3, note: from the minutes}")
    store.set_answer("g-level", Answer(value=4), ORDER)
    store.save()
    answers = load_assessment(store.path, tiny())[0].answers
    assert answers["g-level"] == Answer(value=4, note="from the minutes")


def test_an_outside_removal_is_kept(tmp_path: Path) -> None:
    store = started(tmp_path)
    edit(store.path, "  g-level: 3\n", "")
    store.set_answer("g-choice", Answer(value="none"), ORDER)
    assert store.save() == {"g-level": None}
    assert list(load_assessment(store.path, tiny())[0].answers) == ["g-choice"]


def test_a_clash_overwrites_nothing_and_keeps_both_versions(tmp_path: Path) -> None:
    store = started(tmp_path)
    edit(store.path, "g-level: 3", "g-level: 5")
    outside = store.path.read_bytes()
    store.set_answer("g-level", Answer(value=2), ORDER)
    with pytest.raises(OutsideConflict) as caught:
        store.save()
    assert caught.value.places == ["g-level.value"]
    assert store.path.read_bytes() == outside
    mine = caught.value.mine
    assert mine.parent == tmp_path and mine.name.startswith("acme.interview-")
    assert load_assessment(mine, tiny())[0].answers["g-level"] == Answer(value=2)


def test_an_outside_file_that_no_longer_parses_is_a_clash(tmp_path: Path) -> None:
    store = started(tmp_path)
    store.path.write_text("answers: [unclosed\n", encoding="utf-8")
    store.set_answer("g-choice", Answer(value="none"), ORDER)
    with pytest.raises(OutsideConflict):
        store.save()
    assert store.path.read_text(encoding="utf-8") == "answers: [unclosed\n"


def test_the_same_change_on_both_sides_is_no_clash(tmp_path: Path) -> None:
    store = started(tmp_path)
    edit(store.path, "g-level: 3", "g-level: 4")
    store.set_answer("g-level", Answer(value=4), ORDER)
    assert store.save() == {}
    assert load_assessment(store.path, tiny())[0].answers["g-level"] == Answer(value=4)


def test_a_removed_file_is_written_again(tmp_path: Path) -> None:
    store = started(tmp_path)
    store.path.unlink()
    store.set_answer("g-choice", Answer(value="none"), ORDER)
    store.save()
    assert set(load_assessment(store.path, tiny())[0].answers) == {"g-level", "g-choice"}


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged", "conflicts"),
    [
        ({"assessor": "A"}, {"assessor": "B"}, {"assessor": "A"}, {"assessor": "B"}, []),
        ({"assessor": "A"}, {"assessor": "A"}, {"assessor": "C"}, {}, []),
        ({"assessor": "A"}, {"assessor": "B"}, {"assessor": "C"}, {"assessor": "B"}, ["assessor"]),
        ({}, {"date": "2026-01-01"}, {}, {"date": "2026-01-01"}, []),
    ],
)
def test_top_level_fields_merge_three_ways(
    base: dict[str, str], ours: dict[str, str], theirs: dict[str, str],
    merged: dict[str, str], conflicts: list[str],
) -> None:  # fmt: skip
    resolution = merge_outside(base, ours, theirs)
    assert resolution.top == merged
    assert resolution.conflicts == conflicts


def test_the_interview_takes_in_outside_answers_and_ignores_invalid_ones(tmp_path: Path) -> None:
    from capassess.interactive.agenda import Agenda
    from capassess.interactive.loop import InterviewLoop
    from capassess.interactive.session import Interview
    from tests.interactive.test_loop import ScriptedTerminal

    store = started(tmp_path)
    session = Interview(tiny(), {"g-level": Answer(value=3)}, Agenda())

    class EditingTerminal(ScriptedTerminal):
        def read(self, prompt: str, choices: object = None) -> str:
            if prompt == "g-choice> " and "o-api" not in store.path.read_text(encoding="utf-8"):
                edit(store.path, "  g-level: 3\n", "  g-level: 9\n  o-api: 40\n")
            return super().read(prompt)

    term = EditingTerminal(["full", "1", "s", "s", ""])
    InterviewLoop(session, store, term, "en").run()
    assert "Changes made to the file outside this interview were kept: g-level, o-api." in term.text
    assert "o-api> " not in term.prompts and "a-multi> " in term.prompts  # answered outside
    assert session.answers["o-api"] == Answer(value=40) and "g-level" not in session.answers
    text = store.path.read_text(encoding="utf-8")
    assert "g-level: 9" in text and "o-api: 40" in text  # the invalid value stays for the user
