"""Answers files rewritten in place: comments and style survive, saves are atomic."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from capassess.answers_file import AnswersFile
from capassess.catalog import load_assessment
from capassess.errors import InputError, OutputError
from capassess.model.answers import Answer, Subject
from tests.conftest import DATA, ROOT
from tests.interactive.helpers import ORDER, tiny

HAND_WRITTEN = """\
# Acme, interview of 2026-03-01: notes by hand
questionnaire: tiny@1.0
subject: {id: acme, name: 'Acme Bank'}   # head office
date: 2026-03-01
answers:
  # governance first
  g-level: 3   # CDO says 3, the board minutes say 2
  a-multi:
    - bi
    - ml
  o-api: {value: 25, note: "two partners, 2025"}
  # the end
"""


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))


@pytest.mark.parametrize(
    "path",
    [DATA / "answers" / "tiny-full.yaml", DATA / "answers" / "tiny-partial.yaml", *EXAMPLES],
    ids=lambda p: p.name,
)
def test_an_unchanged_file_is_written_back_byte_for_byte(path: Path) -> None:
    assert AnswersFile.open(path).dumps() == path.read_text(encoding="utf-8")


def test_hand_written_file_round_trips_exactly(hand: Path) -> None:
    assert AnswersFile.open(hand).dumps() == HAND_WRITTEN


def test_null_is_written_the_way_the_file_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    for empty in ("null", ""):
        text = (
            f"questionnaire: tiny\nsubject: {{id: a}}\nassessor: {empty}\nanswers:\n  g-level: 2\n"
        )
        path.write_text(text.replace(": \n", ":\n"), encoding="utf-8")
        store = AnswersFile.open(path)
        store.set_answer("g-choice", Answer(value="full"), ORDER)
        assert ("assessor: null\n" in store.dumps()) == (empty == "null")


def test_changes_keep_comments_quotes_and_styles(hand: Path) -> None:
    store = AnswersFile.open(hand)
    store.set_answer("g-level", Answer(value=4), ORDER)
    store.set_answer("a-multi", Answer(value=["bi", "rt"]), ORDER)
    store.set_answer("o-api", Answer(value=30, note="two partners, 2025"), ORDER)
    text = store.dumps()
    for kept in (
        "# Acme, interview of 2026-03-01: notes by hand",
        "subject: {id: acme, name: 'Acme Bank'}   # head office",
        "# governance first",
        "g-level: 4   # CDO says 3, the board minutes say 2",
        "  a-multi:\n    - bi\n    - rt\n",
        'o-api: {value: 30, note: "two partners, 2025"}',
        "# the end",
    ):
        assert kept in text


def test_new_answers_go_in_questionnaire_order(hand: Path) -> None:
    store = AnswersFile.open(hand)
    store.set_answer("a-number", Answer(value=12, evidence="HR report"), ORDER)
    store.set_answer("g-choice", Answer(value="full"), ORDER)
    store.save()
    assessment, _, _ = load_assessment(hand, tiny())
    assert list(assessment.answers) == ["g-level", "g-choice", "a-multi", "a-number", "o-api"]
    assert assessment.answers["a-number"] == Answer(value=12, evidence="HR report")


def test_removing_answers_and_fields(hand: Path) -> None:
    store = AnswersFile.open(hand)
    store.set_answer("g-level", None, ORDER)
    store.set_answer("o-api", Answer(value=25), ORDER)  # the note goes
    store.save()
    assessment, _, _ = load_assessment(hand, tiny())
    assert "g-level" not in assessment.answers
    assert assessment.answers["o-api"] == Answer(value=25)
    assert "# the end" in hand.read_text(encoding="utf-8")


def test_subject_changes_keep_its_style_and_add_no_default_kind(hand: Path) -> None:
    store = AnswersFile.open(hand)
    store.set_subject(Subject(id="acme", name="Acme Bank plc", group={"region": "East"}))
    store.set_assessor("A. Consultant")
    text = store.dumps()
    assert "subject: {id: acme, name: 'Acme Bank plc', group: {region: East}}" in text
    assert "kind" not in text
    assert text.index("assessor: A. Consultant") < text.index("date: 2026-03-01")


def test_a_new_file_has_a_header_comment_and_every_field(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.yaml"
    store = AnswersFile.create(path, "tiny@1.0")
    store.set_subject(Subject(id="acme", kind="branch", group={"region": "East"}))
    store.set_date(dt.date(2026, 3, 1))
    store.set_answer("a-multi", Answer(value=["bi", "ml"]), ORDER)
    store.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# capassess answers (tiny@1.0)")
    assert "kind: branch" in text and "value: [bi, ml]" in text
    assessment, _, _ = load_assessment(path, tiny())
    assert assessment.date == dt.date(2026, 3, 1)
    assert assessment.subject.group == {"region": "East"}


def test_save_is_atomic_and_syncs_file_and_folder(
    hand: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    store = AnswersFile.open(hand)
    store.set_answer("g-level", Answer(value=5), ORDER)
    store.save()
    assert synced == ["file", "folder"]
    assert sorted(p.name for p in hand.parent.iterdir()) == ["acme.yaml"]  # no temp file left


def test_a_failed_save_leaves_the_old_file_whole(
    hand: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    store = AnswersFile.open(hand)
    store.set_answer("g-level", Answer(value=5), ORDER)
    with pytest.raises(OutputError, match="No space left"):
        store.save()
    assert hand.read_text(encoding="utf-8") == HAND_WRITTEN
    assert sorted(p.name for p in hand.parent.iterdir()) == ["acme.yaml"]


def test_an_unchanged_file_is_not_rewritten(hand: Path) -> None:
    before = hand.stat().st_mtime_ns
    os.utime(hand, ns=(before - 10**9, before - 10**9))
    AnswersFile.open(hand).save()
    assert hand.stat().st_mtime_ns == before - 10**9


def test_unsafe_yaml_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "questionnaire: tiny\nsubject: !!python/object:os.system {}\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        AnswersFile.open(path)
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize(
    "path", [DATA / "answers" / "tiny-full.yaml", HAND_WRITTEN, *EXAMPLES],
    ids=lambda p: p.name if isinstance(p, Path) else "hand",
)  # fmt: skip
def test_writing_every_answer_again_changes_nothing(tmp_path: Path, path: Path | str) -> None:
    if isinstance(path, str):
        (tmp_path / "a.yaml").write_text(path, encoding="utf-8")
        path = tmp_path / "a.yaml"
    before = path.read_text(encoding="utf-8")
    assessment, q, _ = load_assessment(path, extra=[DATA / "good"])
    order = [question.id for _, _, question in q.questions()]
    store = AnswersFile.open(path)
    for qid in order:  # as leaving the interview does
        store.set_answer(qid, assessment.answers.get(qid), order)
    assert store.dumps() == before
