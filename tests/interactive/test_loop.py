"""The interview loop driven by a scripted terminal: fast checks of what the keys do."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from capassess.answers_file import AnswersFile
from capassess.catalog import load_assessment, load_questionnaire
from capassess.interactive.agenda import Agenda
from capassess.interactive.loop import InterviewLoop
from capassess.interactive.session import Interview
from capassess.interactive.terminal import QuitRequested, Terminal
from capassess.model.answers import Answer, Subject
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from tests.interactive.helpers import tiny, tiny_with_required_evidence


class ScriptedTerminal(Terminal):
    """Reads the given lines in turn; keeps everything shown as plain text."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(Console(width=120, record=True, color_system=None, file=io.StringIO()))
        self.lines = list(lines)
        self.prompts: list[str] = []

    def read(self, prompt: str, choices: object = None) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise AssertionError(f"the script ran out at {prompt!r}")
        return self.lines.pop(0)

    def show(self, renderable: RenderableType) -> None:
        self.console.print(renderable)

    @property
    def text(self) -> str:
        return self.console.export_text(clear=False)


def run(
    tmp_path: Path, lines: list[str], q: Questionnaire | None = None, lang: Lang = "en",
    answers: dict[str, Answer] | None = None, agenda: Agenda | None = None,
) -> tuple[ScriptedTerminal, Path]:  # fmt: skip
    q = q or tiny()
    path = tmp_path / "acme.yaml"
    store = AnswersFile.create(path, q.ref)
    store.set_subject(Subject(id="acme"))
    for qid, answer in (answers or {}).items():
        store.set_answer(qid, answer, [s.id for _, _, s in q.questions()])
    store.save()
    term = ScriptedTerminal(lines)
    session = Interview(q, answers or {}, agenda or Agenda())
    InterviewLoop(session, store, term, lang).run()
    return term, path


def test_a_whole_interview_and_the_end_screen(tmp_path: Path) -> None:
    term, path = run(tmp_path, ["3", "full", "-", "8", "30", ""])
    assert term.prompts == [
        "g-level> ",
        "g-choice> ",
        "a-multi> ",
        "a-number> ",
        "o-api> ",
        "finish> ",
    ]
    assert "Applicable questions answered: 5 of 5." in term.text
    assessment, _, _ = load_assessment(path, tiny())
    assert {k: a.value for k, a in assessment.answers.items()} == {
        "g-level": 3, "g-choice": "full", "a-multi": [], "a-number": 8, "o-api": 30,
    }  # fmt: skip


def test_every_change_is_on_disk_before_the_next_prompt(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    seen: list[str] = []

    class Watching(ScriptedTerminal):
        def read(self, prompt: str, choices: object = None) -> str:
            seen.append(path.read_text(encoding="utf-8"))
            return super().read(prompt)

    q = tiny()
    store = AnswersFile.create(path, q.ref)
    store.set_subject(Subject(id="acme"))
    store.save()
    term = Watching(["4", "e", "minutes", "q"])
    with pytest.raises(QuitRequested):
        InterviewLoop(Interview(q, {}, Agenda()), store, term, "en").run()
    assert "value: 4" in seen[1]  # answered, then the next prompt
    assert "evidence: minutes" in seen[3]  # evidence saved before the prompt comes back


def test_enter_without_a_default_and_g_without_an_id_explain_themselves(tmp_path: Path) -> None:
    term, _ = run(tmp_path, ["g", "g nowhere", "<", "", "s", "s", "s", "s", ""])
    assert "Left blank: g-level stays unanswered" in term.text
    assert "Type g and a question or capability id, e.g. g g-level." in term.text
    assert "no question or capability 'nowhere'" in term.text
    assert "This is the first question" in term.text
    assert "Still unanswered (5): g-level, g-choice, a-multi, a-number, o-api" in term.text


def test_evidence_removal_and_note_keep_prompts(tmp_path: Path) -> None:
    answers = {"g-level": Answer(value=3, evidence="old minutes", note="n1")}
    term, path = run(
        tmp_path,
        ["e", "-", "n", "", "", ""],
        answers=answers,
        agenda=Agenda(False, False, ("g-level",)),
    )
    assert (
        "Evidence (document, system, who showed it) [Enter keeps it, - removes it]: "
        in term.prompts
    )
    assessment, _, _ = load_assessment(path, tiny())
    assert assessment.answers["g-level"] == Answer(value=3, note="n1")


def test_a_question_that_takes_no_evidence_says_so(tmp_path: Path) -> None:
    # g-choice (the second question) takes no evidence in this copy of tiny.
    path = tiny_with_required_evidence(tmp_path)
    text = path.read_text(encoding="utf-8").replace("evidence: required", "evidence: none")
    path.write_text(text, encoding="utf-8")
    q = load_questionnaire(path)
    term, _ = run(tmp_path, ["3", "e", "s", "s", "s", "s", ""], q=q)
    assert "This question takes no evidence." in term.text


def test_the_chinese_screen(tmp_path: Path) -> None:
    term, _ = run(tmp_path, ["5", "?", "s", "s", "s", "s", ""], lang="zh")
    for text in ("数据 › 治理", "第 1 题 / 共 5 题", "数据如何治理?", "董事会级战略", "各提示处可用的按键",
                 "完成> "):  # fmt: skip
        assert text in term.text or text in term.prompts


def test_option_ids_in_any_case_and_yes_no_as_1_2_or_chinese(tmp_path: Path) -> None:
    term, path = run(tmp_path, ["3", "PARTIAL", "BI,Ml", "45", "2", "s", ""])
    assessment, _, _ = load_assessment(path, tiny())
    values = {qid: a.value for qid, a in assessment.answers.items()}
    assert values == {"g-level": 3, "g-choice": "partial", "a-multi": ["bi", "ml"],
                      "a-number": 45, "a-bool": False}  # fmt: skip
    assert "g-level: 3 (Robust)" in term.text
    assert "a-number: 45% → level 5" in term.text
    assert "g-choice: partial (Some)" in term.text
    (tmp_path / "zh").mkdir()
    term, path = run(tmp_path / "zh", ["3", "s", "s", "20", "是", "s", ""], lang="zh")
    assert load_assessment(path, tiny())[0].answers["a-bool"].value is True
    assert "a-number：20% → 4 级" in term.text


def test_go_to_then_answer_moves_forward_not_back(tmp_path: Path) -> None:
    term, _ = run(tmp_path, ["g a-number", "15", "y", "s", "", "", "s", "s", "s", "s", "s", ""])
    prompts = [p for p in term.prompts if p.endswith("> ")]
    assert prompts[:4] == ["g-level> ", "a-number> ", "a-bool> ", "o-api> "]


def test_respondent_is_written_with_each_answer(tmp_path: Path) -> None:
    q = tiny()
    path = tmp_path / "acme.yaml"
    store = AnswersFile.create(path, q.ref)
    store.set_subject(Subject(id="acme"))
    store.save()
    session = Interview(q, {}, Agenda(), respondent="CIO Wang")
    with pytest.raises(QuitRequested):
        InterviewLoop(session, store, ScriptedTerminal(["3", "q"]), "en").run()
    assert load_assessment(path, q)[0].answers["g-level"] == Answer(value=3, respondent="CIO Wang")


def test_a_key_typed_at_a_text_prompt_is_not_saved_as_the_text(tmp_path: Path) -> None:
    """At the evidence or note prompt a key alone is a key: q saves and quits (as the help
    says it does at every prompt); <, s and the others change nothing and say so."""
    answers = {"g-level": Answer(value=3, evidence="old minutes")}
    agenda = Agenda(False, False, ("g-level",))
    term, path = run(tmp_path, ["e", "<", "n", "s", "", ""], answers=answers, agenda=agenda)
    assert term.text.count("is a key, not a text: nothing was changed here") == 2
    assessment, _, _ = load_assessment(path, tiny())
    assert assessment.answers["g-level"] == Answer(value=3, evidence="old minutes")
    with pytest.raises(QuitRequested):
        run(tmp_path / "q", ["e", "q"], answers=answers, agenda=agenda)
    quit_path = tmp_path / "q" / "acme.yaml"
    assert load_assessment(quit_path, tiny())[0].answers["g-level"].evidence == "old minutes"
