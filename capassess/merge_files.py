"""``capassess merge``: load several respondents' answers files, merge them, write one."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from capassess.answers_file import AnswersFile
from capassess.atomic import write_atomic
from capassess.catalog import load_assessment
from capassess.errors import InputError
from capassess.merging import Merged, Rule, Source, merge_assessments
from capassess.model.answers import Assessment
from capassess.model.base import NAME_LENGTH, UNSAFE_IN_NAMES
from capassess.model.questionnaire import Questionnaire


def merge_files(paths: Sequence[str], output: str, rule: Rule, dirs: Sequence[str] = ()) -> Merged:
    """Merge the answers files ``paths`` by ``rule`` into ``output``; return the result."""
    refuse_repeats(paths)
    loaded = [load_assessment(path, None, dirs) for path in paths]
    questionnaire = loaded[0][1]
    sources = [Source(source_name(path), a) for path, (a, _, _) in zip(paths, loaded, strict=True)]
    merged = merge_assessments(questionnaire, sources, rule)
    write_merged(output, merged.assessment, questionnaire)
    return merged


def refuse_repeats(paths: Sequence[str]) -> None:
    """Refuse a file given twice (under one name, another name or a link): its
    respondent would count twice in every median."""
    seen: dict[tuple[int, int], int] = {}
    for i, path in enumerate(paths):
        try:
            info = os.stat(path)
        except OSError:
            continue  # loading reports it
        first = seen.setdefault((info.st_dev, info.st_ino), i)
        if first != i:
            raise InputError.at(
                f"the file is given twice (also as {paths[first]}): each respondent's answers "
                "are merged once",
                path,
            )


def source_name(path: str) -> str:
    """The name a file's answers go by when they name no respondent: the file's name,
    with characters a name may not hold shown as ``?`` and cut to a name's length."""
    name = "".join("?" if c in UNSAFE_IN_NAMES else c for c in Path(path).name)
    return name[: NAME_LENGTH // 2]


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
