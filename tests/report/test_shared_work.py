"""Work shared across the units of a batch gives what computing it afresh gives.

Weight trees and id indexes are kept per questionnaire object, condition names per text,
action statuses for the last result, Markdown escapes per text: each is checked here
against the computation it saves, including after the thing it was computed from
changes (a new questionnaire object, a new result).
"""

from __future__ import annotations

import random
from functools import partial

import pytest
from markupsafe import Markup

from capassess import markdown_text
from capassess.advice import action_status, action_statuses, answered_values
from capassess.gap import resolve_targets
from capassess.memo import MAX_ENTRIES, per_object
from capassess.model.answers import Answer, Assessment, Subject
from capassess.planning import PlanOptions, Scored, _targets, plan_scored
from capassess.questionnaire_index import action_titles, index_of
from capassess.report.action_rows import action_row, action_static
from capassess.report.answers import answer_rows
from capassess.report.build import build_report
from capassess.report.method import _ahp, _levels, _references, build_method
from capassess.scoring.ahp import DEFAULT_RI
from capassess.scoring.engine import roll_up, score_assessment
from capassess.scoring.weights import _tree_weights, tree_weights
from tests.batch.helpers import branch
from tests.batch.test_unit_report_equivalence import _rows


def _planned(row: dict[str, str]):  # type: ignore[no-untyped-def]
    q = branch()
    answers = {x.id: Answer(value=row[x.id]) for _, _, x in q.questions() if row.get(x.id)}
    assessment = Assessment(questionnaire=q.ref, subject=Subject(id=row["id"], kind="branch"),
                            answers=answers)  # fmt: skip
    result = score_assessment(q, assessment)
    return plan_scored(Scored(row["id"], q, assessment, result, []), PlanOptions())


def test_trees_and_indexes_follow_the_questionnaire_object() -> None:
    q = branch()
    assert tree_weights(q) is tree_weights(q)
    fresh = _tree_weights(q, DEFAULT_RI)
    assert (tree_weights(q).local, tree_weights(q).global_) == (fresh.local, fresh.global_)
    first = next(d for d in q.dimensions)
    changed = q.model_copy(update={"dimensions": [first.model_copy(update={"weight": 99.0}),
                                                  *q.dimensions[1:]]})  # fmt: skip
    assert tree_weights(changed) is not tree_weights(q)
    assert tree_weights(changed).local[first.id] != tree_weights(q).local[first.id]
    index = index_of(q)
    for dim, cap in q.capabilities():
        assert index.capability[cap.id] is cap and index.dimension_of[cap.id] is dim
    for cap, action in q.actions():
        assert index.action[action.id] is action and index.capability_of[action.id] is cap
        assert action_titles(q, "zh")[action.id] == action.title.get("zh")


def test_per_object_forgets_the_oldest_and_never_confuses_objects() -> None:
    values = [per_object(object(), "k", partial(int, i)) for i in range(MAX_ENTRIES + 10)]
    assert values == list(range(MAX_ENTRIES + 10))
    kept = object()
    assert per_object(kept, "k", lambda: 1) == 1
    assert per_object(kept, "k", lambda: 2) == 1
    assert per_object(kept, "other", lambda: 3) == 3


def test_action_statuses_are_those_of_the_result_asked_about() -> None:
    rows = _rows()
    for row in rows[:6]:
        planned = _planned(row)
        q, result = planned.scored.questionnaire, planned.scored.result
        values = answered_values(result)
        fresh = {a.id: action_status(a, result.capability(c.id), values) for c, a in q.actions()}
        assert action_statuses(q, result) == fresh
        assert action_statuses(q, result) is action_statuses(q, result)


def test_first_actions_are_the_first_phases_rows() -> None:
    for row in _rows()[:8]:
        planned = _planned(row)
        report = build_report(planned, "en")
        expected = tuple(action_row(planned, a, "en") for a in planned.roadmap.in_phase(0))
        assert report.summary.first_actions == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_action_rows_shared_across_units_equal_fresh_ones(lang: str) -> None:
    """The questionnaire's part of each action's row, kept from the first unit that had
    the action, is what each later unit's own planned action gives afresh."""
    seen = 0
    for row in _rows():
        planned = _planned(row)
        q = planned.scored.questionnaire
        for a in planned.roadmap.actions:
            shared = action_row(planned, a, lang)  # type: ignore[arg-type]
            branch = planned.scored.assessment.subject.kind == "branch"
            fresh = action_static(q, a, lang, branch)  # type: ignore[arg-type]
            assert {k: getattr(shared, k) for k in fresh} == fresh
            assert (shared.phase, shared.start, shared.end) == (a.phase, a.start, a.end)
            seen += 1
    assert seen > 20


@pytest.mark.parametrize("escape", ["md_text", "md_cell"])
def test_remembered_markdown_escapes_equal_fresh_ones(escape: str) -> None:
    rng = random.Random(5)
    alphabet = "ab |*_[]<>&#~`\\\n\r\t\x00\x1b中文"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    values: list[object] = [*texts, *texts, 3, 3.5, None, Markup("<b>x|y</b>"), "x" * 600]
    fresh = getattr(markdown_text, f"_escape_{escape[3:]}")
    function = getattr(markdown_text, escape)
    for value in values:
        assert function(value) == fresh(str(value))
    markdown_text._TEXTS.clear()
    markdown_text._CELLS.clear()
    assert [function(v) for v in values] == [fresh(str(v)) for v in values]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_method_parts_kept_per_questionnaire_equal_fresh_ones(lang: str) -> None:
    planned = _planned(_rows()[0])
    q, result = planned.scored.questionnaire, planned.scored.result
    method = build_method(q, result, lang)  # type: ignore[arg-type]
    assert method.ahp == _ahp(q, lang)  # type: ignore[arg-type]
    assert method.levels == _levels(q, lang) and method.references == _references(q, lang)  # type: ignore[arg-type]
    names = {"en": "Level X", "zh": "等级 X"}
    levels = [lv.model_copy(update={"name": lv.name.model_copy(update=names)}) for lv in q.levels]
    renamed = q.model_copy(update={"levels": levels})
    fresh = _levels(renamed, lang)  # type: ignore[arg-type]
    assert build_method(renamed, result, lang).levels == fresh != method.levels  # type: ignore[arg-type]


def test_roll_up_keeps_unchanged_capabilities_and_copies_changed_ones() -> None:
    planned = _planned(_rows()[1])
    q, result = planned.scored.questionnaire, planned.scored.result
    same = roll_up(q, {}, template=result)
    assert same.model_dump() == result.model_dump()
    first = next(c for c in result.capabilities() if c.score is not None)
    assert isinstance(first.score, float)
    as_int = roll_up(q, {first.id: 4}, template=result).capability(first.id)
    as_float = roll_up(q, {first.id: 4.0}, template=result).capability(first.id)
    assert type(as_int.score) is int and type(as_float.score) is float
    assert as_int.level == as_float.level == 4


def test_targets_from_the_questionnaire_are_a_fresh_dict_each_time() -> None:
    q = branch()
    first, second = _targets(q, PlanOptions(), None), _targets(q, PlanOptions(), None)
    assert first == second == resolve_targets(q) and first is not second
    assert _targets(q, PlanOptions(target_level=5), None) == resolve_targets(q, level=5)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_method_weights_kept_while_the_weights_are_the_same(lang: str) -> None:
    planned = _planned(_rows()[0])
    q, result = planned.scored.questionnaire, planned.scored.result

    def fresh(res):  # type: ignore[no-untyped-def]
        titles = {cap.id: cap.title.get(lang) for _, cap in q.capabilities()}
        rows = []
        for dim, score in zip(q.sections(), res.dimensions, strict=True):
            rows.append((dim.id, dim.title.get(lang), 0, score.weight, score.global_weight))
            rows += [(c.id, titles[c.id], 1, c.weight, c.global_weight) for c in score.capabilities]
        return rows

    first = build_method(q, result, lang).weights  # type: ignore[arg-type]
    assert build_method(q, result, lang).weights is first  # type: ignore[arg-type]
    assert [tuple(vars(w).values()) for w in first] == fresh(result)
    # other weights (not the same numbers): rows made afresh
    dims = [d.model_copy(update={"weight": d.weight / 2 + 0.01}) for d in result.dimensions]
    other = result.model_copy(update={"dimensions": dims})
    again = build_method(q, other, lang).weights  # type: ignore[arg-type]
    assert [tuple(vars(w).values()) for w in again] == fresh(other) != fresh(result)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_remembered_answer_rows_equal_fresh_ones(lang: str) -> None:
    from capassess.report import answers

    def fresh_rows(planned):  # type: ignore[no-untyped-def]
        answers._SHOWN.clear()
        s = planned.scored
        return [
            answer_rows(cap, score, s.assessment, lang)  # type: ignore[arg-type]
            for dim, dim_score in zip(s.questionnaire.sections(), s.result.dimensions, strict=True)
            for cap, score in zip(dim.capabilities, dim_score.capabilities, strict=True)
        ]

    plans = [_planned(row) for row in _rows()]
    expected = [fresh_rows(p) for p in plans]
    answers._SHOWN.clear()
    for _ in range(2):  # the second time every answer's words (and rows) from memory
        for planned, rows in zip(plans, expected, strict=True):
            s = planned.scored
            got = [
                answer_rows(cap, score, s.assessment, lang)  # type: ignore[arg-type]
                for dim, ds in zip(s.questionnaire.sections(), s.result.dimensions, strict=True)
                for cap, score in zip(dim.capabilities, ds.capabilities, strict=True)
            ]
            assert got == rows
            for a, b in zip(got, rows, strict=True):
                for x, y in zip(a, b, strict=True):
                    assert (type(x.score), type(x.weight)) == (type(y.score), type(y.weight))


def test_answer_words_tell_zero_from_minus_zero() -> None:
    q = branch()
    number = next(x for _, _, x in q.questions() if x.type == "number")
    cap = next(c for _, c in q.capabilities() if number in c.questions)
    shown = []
    for value in (0.0, -0.0, 0, 0.0):
        assessment = Assessment(questionnaire=q.ref, subject=Subject(id="u", kind="branch"),
                                answers={number.id: Answer(value=value)})  # fmt: skip
        result = score_assessment(q, assessment)
        score = result.capability(cap.id)
        row = next(r for r in answer_rows(cap, score, assessment, "en") if r.id == number.id)
        shown.append(row.answer)
    assert shown[0] == shown[3] and shown[0] != shown[1], shown


def test_gap_tables_take_the_rows_in_order_by_foundation() -> None:
    for row in _rows()[:6]:
        report = build_report(_planned(row), "en")
        assert report.lesson_gaps == tuple(g for g in report.gaps if g.foundation is False)
        assert report.foundation_gaps == tuple(g for g in report.gaps if g.foundation is True)
        assert len(report.lesson_gaps) + len(report.foundation_gaps) == len(report.gaps)
