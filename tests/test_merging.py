"""capassess merge: several respondents' answers for one bank, one rule per question."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capassess.catalog import load_assessment
from capassess.cli import main
from capassess.errors import InputError
from capassess.merging import Source, merge_assessments
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.questionnaire import Questionnaire
from tests.conftest import DATA
from tests.interactive.helpers import tiny

GOOD = DATA / "good"
LEVELS = {"g-choice": {"none": 1.0, "partial": 3.0, "full": 5.0}}


def values_of(q: Questionnaire) -> dict[str, st.SearchStrategy[object]]:
    """A strategy of valid values per question of tiny."""
    out: dict[str, st.SearchStrategy[object]] = {}
    for _, _, question in q.questions():
        if question.type == "level":
            out[question.id] = st.integers(1, 5)
        elif question.type == "choice":
            out[question.id] = st.sampled_from([o.id for o in question.options])  # type: ignore[union-attr]
        elif question.type == "multi":
            ids = [o.id for o in question.options]  # type: ignore[union-attr]
            out[question.id] = st.lists(st.sampled_from(ids), unique=True).map(
                lambda picked, ids=ids: [i for i in ids if i in picked]
            )
        elif question.type == "number":
            out[question.id] = st.integers(0, 100)
        else:
            out[question.id] = st.booleans()
    return out


@st.composite
def sources(draw: st.DrawFn) -> list[Source]:
    q = tiny()
    strategies = values_of(q)
    count = draw(st.integers(1, 5))
    out = []
    for i in range(count):
        answers = {}
        for qid in draw(st.lists(st.sampled_from(sorted(strategies)), unique=True)):
            value = draw(st.one_of(strategies[qid], st.just("n/a"), st.none()))
            evidence = draw(st.one_of(st.none(), st.text("证据abc ", min_size=1, max_size=8)))
            note = draw(st.one_of(st.none(), st.text("备注xyz", min_size=1, max_size=8)))
            respondent = draw(st.one_of(st.none(), st.sampled_from(["CDO", "CIO", "零售"])))
            if value is None and evidence is None and note is None:
                continue
            answers[qid] = Answer(value=value, evidence=evidence, note=note, respondent=respondent)
        date = draw(st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))))
        assessment = Assessment(
            questionnaire=q.ref, subject=Subject(id="acme"), date=date, answers=answers
        )
        out.append(Source(f"r{i}.yaml", assessment))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources(), st.sampled_from(["median", "min", "latest"]))
def test_every_answer_of_every_input_is_accounted_for_and_the_rule_is_applied_per_question(
    inputs: list[Source], rule: str
) -> None:
    q = tiny()
    merged = merge_assessments(q, inputs, rule)  # type: ignore[arg-type]
    out = merged.assessment.answers
    questions = q.question_map()
    from capassess.scoring.questions import question_score
    from capassess.values import parse_value

    def level(answer: Answer) -> float | None:
        if answer.is_missing or answer.not_applicable:
            return None
        question = questions[qid]
        return 1 + 4 * question_score(question, parse_value(question, answer.value))

    for qid in {k for s in inputs for k in s.assessment.answers}:
        given_here = [(i, s.assessment.answers[qid]) for i, s in enumerate(inputs)
                      if qid in s.assessment.answers]  # fmt: skip
        empty = all(a.is_missing and not (a.evidence or "").strip() and not (a.note or "").strip()
                    for _, a in given_here)  # fmt: skip
        if empty:  # nothing but blanks: nothing to carry over
            assert qid not in out
            continue
        assert qid in out
        merged_answer = out[qid]
        for _, answer in given_here:  # every evidence and note is kept
            for field in ("evidence", "note"):
                text = (getattr(answer, field) or "").strip()
                if text:
                    assert text in (getattr(merged_answer, field) or "")
            who = answer.respondent or next(
                s.name for s in inputs if s.assessment.answers.get(qid) is answer
            )
            assert who in merged.respondents
        valued = [(i, a) for i, a in given_here if not a.is_missing]
        if not valued:
            assert merged_answer.value is None
            continue
        assert merged_answer.value in [a.value for _, a in valued]  # one respondent's answer
        levels = [level(a) for _, a in valued if level(a) is not None]
        if rule == "latest":
            dates = [(inputs[i].assessment.date or dt.date.min, i) for i, _ in valued]
            latest = max(dates)[1]
            assert merged_answer.value == inputs[latest].assessment.answers[qid].value
        elif not levels:
            assert merged_answer.value == "n/a"
        elif rule == "min":
            assert level(merged_answer) == min(levels)
        else:
            assert level(merged_answer) == statistics.median_low(levels)
        spread = max(levels) - min(levels) if levels else 0
        listed = [d for d in merged.assessment.disagreements if d.question == qid]
        assert bool(listed) == (spread >= 2 and len(levels) >= 2), (levels, listed)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "questionnaire: tiny@1.0\nsubject: {id: acme, name: Acme Bank}\n"


def test_the_command_writes_the_merged_file_and_lists_disagreements(tmp_path: Path) -> None:
    cdo = write(tmp_path / "cdo.yaml", HEAD + "date: 2026-03-01\nanswers:\n"
                "  g-level: {value: 4, evidence: charter 2026, respondent: CDO Li}\n"
                "  g-choice: full\n")  # fmt: skip
    cio = write(tmp_path / "cio.yaml", HEAD + "date: 2026-03-02\nanswers:\n"
                "  g-level: {value: 2, note: committee never met, respondent: CIO Wang}\n"
                "  g-choice: none\n  o-api: 25\n")  # fmt: skip
    out = tmp_path / "acme.yaml"
    result = CliRunner().invoke(
        main, ["--questionnaire-dir", str(GOOD), "merge", str(cdo), str(cio), "-o", str(out),
               "--rule", "min"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "respondents: CDO Li, cdo.yaml, CIO Wang, cio.yaml" in result.stdout
    assert "g-level: CDO Li 4, CIO Wang 2 (spread 2)" in result.stdout
    assert "g-choice: cdo.yaml 5, cio.yaml 1 (spread 4)" in result.stdout
    assessment, _, _ = load_assessment(out, tiny())
    assert assessment.answers["g-level"] == Answer(
        value=2, evidence="CDO Li: charter 2026", note="CIO Wang: committee never met",
        respondent="CIO Wang",
    )  # fmt: skip
    assert assessment.answers["o-api"].value == 25
    assert [d.question for d in assessment.disagreements] == ["g-level", "g-choice"]
    assert assessment.date == dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("questionnaire: tiny@1.0\nsubject: {id: other-bank}\nanswers: {g-level: 3}\n",
         "assesses 'acme' but b.yaml assesses 'other-bank': merge combines respondents of one bank"),
    ],
)  # fmt: skip
def test_files_of_another_bank_are_refused(tmp_path: Path, other: str, message: str) -> None:
    a = write(tmp_path / "a.yaml", HEAD + "answers: {g-level: 3}\n")
    b = write(tmp_path / "b.yaml", other)
    result = CliRunner().invoke(
        main,
        ["--questionnaire-dir", str(GOOD), "merge", str(a), str(b), "-o", str(tmp_path / "m.yaml")],
    )
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_files_of_another_questionnaire_are_refused() -> None:
    a = Assessment(questionnaire="tiny@1.0", subject=Subject(id="acme"))
    b = Assessment(questionnaire="bank-fintech@2.0.0", subject=Subject(id="acme"))
    with pytest.raises(
        InputError, match=r"a\.yaml answers tiny@1\.0 but b\.yaml answers bank-fintech"
    ):
        merge_assessments(tiny(), [Source("a.yaml", a), Source("b.yaml", b)], "median")


def test_the_merged_output_may_not_be_an_input(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", HEAD + "answers: {g-level: 3}\n")
    before = a.read_bytes()
    result = CliRunner().invoke(
        main, ["--questionnaire-dir", str(GOOD), "merge", str(a), "-o", str(a)]
    )
    assert result.exit_code == 2
    assert a.read_bytes() == before


def test_interviewees_of_every_input_are_kept_once(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", HEAD + "interviewees:\n  - {name: CDO Li, role: CDO}\n"
              "answers:\n  g-level: 3\n")  # fmt: skip
    b = write(tmp_path / "b.yaml", HEAD + "interviewees:\n  - {name: CIO Wang}\n"
              "  - {name: CDO Li, role: CDO}\nanswers:\n  g-level: 2\n")  # fmt: skip
    out = tmp_path / "acme.yaml"
    result = CliRunner().invoke(
        main, ["--questionnaire-dir", str(GOOD), "merge", str(a), str(b), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assessment, _, _ = load_assessment(out, tiny())
    assert [(p.name, p.role) for p in assessment.interviewees] == [
        ("CDO Li", "CDO"), ("CIO Wang", None)
    ]  # fmt: skip
    assert "- {name: CDO Li, role: CDO}" in out.read_text(encoding="utf-8")


def _merge(tmp_path: Path, *files: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--questionnaire-dir", str(GOOD), "merge", *map(str, files),
               "-o", str(tmp_path / "m.yaml")],
    )  # fmt: skip
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


@pytest.mark.parametrize("how", ["same name", "another spelling", "symlink", "hard link"])
def test_one_file_given_twice_is_refused(tmp_path: Path, how: str) -> None:
    """One respondent counted twice would move every median: the file is refused,
    whatever name it is given under the second time."""
    a = write(tmp_path / "a.yaml", HEAD + "answers: {g-level: 3, g-choice: full}\n")
    b = write(tmp_path / "b.yaml", HEAD + "answers: {g-level: 1, g-choice: none}\n")
    again = {
        "same name": a,
        "another spelling": tmp_path / "." / "a.yaml",
        "symlink": tmp_path / "link.yaml",
        "hard link": tmp_path / "hard.yaml",
    }[how]
    if how == "symlink":
        again.symlink_to(a)
    elif how == "hard link":
        again.hardlink_to(a)
    code, output = _merge(tmp_path, a, b, again)
    assert code == 2
    assert f"the file is given twice (also as {a})" in output
    assert not (tmp_path / "m.yaml").exists()


def test_control_characters_of_a_file_name_do_not_reach_the_merged_file(tmp_path: Path) -> None:
    """A file name is a respondent's name when its answers name none: escape sequences and
    line breaks in it are replaced, so the merged file is a valid answers file."""
    a = write(tmp_path / "a.yaml", HEAD + "answers: {g-level: 3}\n")
    b = write(tmp_path / "evil\x1b[2J\u202e\nname.yaml", HEAD + "answers: {g-level: 1}\n")
    code, output = _merge(tmp_path, a, b)
    assert code == 0, output
    merged, _, _ = load_assessment(tmp_path / "m.yaml", tiny())
    levels = merged.disagreements[0].levels
    assert set(levels) == {"a.yaml", "evil?[2J??name.yaml"}


def test_a_respondent_with_control_characters_is_refused(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", HEAD + "answers: {g-level: 3}\n")
    b = write(
        tmp_path / "b.yaml", HEAD + 'answers: {g-level: {value: 1, respondent: "C\\e[2JO"}}\n'
    )
    code, output = _merge(tmp_path, a, b)
    assert code == 2
    assert "b.yaml:3:" in output and "holds the control character U+001B" in output
    assert not (tmp_path / "m.yaml").exists()


def test_long_respondent_names_told_apart_stay_names(tmp_path: Path) -> None:
    """Two files giving one respondent's name are told apart by file name; the result is
    still a name an answers file may hold."""
    who = "R" * 200
    a = write(
        tmp_path / "a.yaml", HEAD + f"answers: {{g-level: {{value: 3, respondent: {who}}}}}\n"
    )
    b = write(tmp_path / ("b" * 150 + ".yaml"),
              HEAD + f"answers: {{g-level: {{value: 1, respondent: {who}}}}}\n")  # fmt: skip
    code, output = _merge(tmp_path, a, b)
    assert code == 0, output
    merged, _, _ = load_assessment(tmp_path / "m.yaml", tiny())
    assert all(len(name) <= 200 for name in merged.disagreements[0].levels)
