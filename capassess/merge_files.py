"""``capassess merge``: load several respondents' answers files, merge them, write one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from capassess.answers_file import AnswersFile
from capassess.atomic import write_atomic
from capassess.catalog import load_assessment
from capassess.merging import Merged, Rule, Source, merge_assessments
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire


def merge_files(paths: Sequence[str], output: str, rule: Rule, dirs: Sequence[str] = ()) -> Merged:
    """Merge the answers files ``paths`` by ``rule`` into ``output``; return the result."""
    loaded = [load_assessment(path, None, dirs) for path in paths]
    questionnaire = loaded[0][1]
    sources = [Source(Path(path).name, a) for path, (a, _, _) in zip(paths, loaded, strict=True)]
    merged = merge_assessments(questionnaire, sources, rule)
    write_merged(output, merged.assessment, questionnaire)
    return merged


def write_merged(output: str, assessment: Assessment, q: Questionnaire) -> None:
    """Write ``assessment`` as a new answers file (atomically)."""
    store = AnswersFile.create(output, assessment.questionnaire)
    store.tree.yaml_set_start_comment(
        f"capassess answers ({assessment.questionnaire}), merged by capassess merge"
    )
    store.set_subject(assessment.subject)
    store.set_assessor(assessment.assessor)
    store.set_date(assessment.date)
    store.set_interviewees([p.model_dump() for p in assessment.interviewees])
    order = [question.id for _, _, question in q.questions()]
    for qid, answer in assessment.answers.items():
        store.set_answer(qid, answer, order)
    store.set_disagreements([d.model_dump() for d in assessment.disagreements])
    write_atomic(output, store.dumps())
