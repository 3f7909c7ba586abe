"""Snapshots give back the very model that was written (every value of the same type,
the same fields set), refuse whatever does not fit the models, and their fingerprint
follows every change of the models' shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field

from capassess.catalog import _load_questionnaire
from capassess.model.base import Frozen
from capassess.model.questionnaire import LevelQuestion, Questionnaire
from capassess.model.snapshot import (
    SnapshotError,
    from_snapshot,
    model_classes,
    schema_fingerprint,
    to_snapshot,
)
from capassess.values import parse_value
from tests.conftest import DATA, ROOT

QUESTIONNAIRES = [
    *sorted((ROOT / "questionnaires").glob("*.yaml")),
    DATA / "good" / "tiny.yaml",
    DATA / "good" / "tiny-gated.yaml",
]


def _same(a: Any, b: Any, where: str, seen: set[type]) -> None:
    """``a`` and ``b`` are equal, and so are the types of everything they hold."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    seen.add(type(a))
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            _same(getattr(a, name), getattr(b, name), f"{where}.{name}", seen)
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]", seen)
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            _same(a[key], b[key], f"{where}[{key}]", seen)
    else:
        assert a == b, where


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_a_questionnaire_comes_back_identical(path: Path) -> None:
    validated = _load_questionnaire(path)
    back = from_snapshot(to_snapshot(validated), Questionnaire)
    assert back == validated
    assert back.model_dump_json() == validated.model_dump_json()
    seen: set[type] = set()
    _same(validated, back, "questionnaire", seen)
    assert {str, float, list} <= seen


def test_tuples_dicts_and_every_kind_of_value_come_back_with_their_types() -> None:
    """The shipped bank questionnaire holds cost bands (tuples), profile targets (dicts),
    ints, floats, None and a foundation: each comes back as it was."""
    validated = _load_questionnaire(ROOT / "questionnaires" / "bank-fintech.yaml")
    seen: set[type] = set()
    _same(validated, from_snapshot(to_snapshot(validated), Questionnaire), "q", seen)
    assert {tuple, dict, int, float, bool, type(None)} <= seen
    assert validated.foundation is not None


ANSWERS = [
    *sorted((ROOT / "examples").glob("*.yaml")),
    *sorted((ROOT / "examples").glob("*/*.yaml")),
    *sorted((DATA / "good").glob("*answers*.yaml")),
]


@pytest.mark.parametrize("path", ANSWERS, ids=lambda p: p.name)
def test_an_answers_file_comes_back_identical(path: Path) -> None:
    """Answers files hold dates, union values (a level, an option id, a list of ids, a
    figure, a boolean, n/a), tuples and dicts: each comes back with its type."""
    from capassess.catalog import load_assessment
    from capassess.model.answers import Assessment

    validated = load_assessment(path, extra=[DATA / "good"])[0]
    back = from_snapshot(to_snapshot(validated), Assessment)
    assert back == validated
    seen: set[type] = set()
    _same(validated, back, "answers", seen)
    assert {str, dict} <= seen


def test_a_date_comes_back_as_a_date_and_a_bad_one_is_refused() -> None:
    import datetime as dt

    from capassess.model.answers import Assessment

    answers = Assessment.model_validate(
        {"questionnaire": "tiny@1.0", "subject": {"id": "x"}, "date": "2026-03-31"}
    )
    back = from_snapshot(to_snapshot(answers), Assessment)
    assert type(back.date) is dt.date and back.date == dt.date(2026, 3, 31)
    for bad in ('"2026-13-45"', "20260331.5", "null"):
        text = to_snapshot(answers).decode().replace('"2026-03-31"', bad)
        with pytest.raises(SnapshotError):
            from_snapshot(text.encode(), Assessment)


class Leaf(Frozen):
    name: str
    size: int = 3


class Tree(Frozen):
    leaves: list[Leaf] = Field(default_factory=list)
    pair: tuple[float, float] | None = None
    tags: dict[str, int] = Field(default_factory=dict)


def test_fields_left_to_their_defaults_stay_unset() -> None:
    tree = Tree.model_validate({"leaves": [{"name": "a"}, {"name": "b", "size": 4}]})
    back = from_snapshot(to_snapshot(tree), Tree)
    assert back == tree
    assert back.model_fields_set == {"leaves"}
    assert [leaf.model_fields_set for leaf in back.leaves] == [{"name"}, {"name", "size"}]


def _tampered(change: Any) -> bytes:
    tree = Tree.model_validate({"leaves": [{"name": "a"}], "pair": [1, 2], "tags": {"x": 1}})
    data = json.loads(to_snapshot(tree))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update({"$m": "Other"}),
        lambda d: d["f"][0][0].update({"$m": "Tree"}),
        lambda d: d["f"].append(1),
        lambda d: d["f"].pop(),
        lambda d: d.update({"s": ["leaves", "nonsense"]}),
        lambda d: d.update({"s": "leaves"}),
        lambda d: d.update({"extra": 1}),
        lambda d: d["f"][0][0].pop("s"),
        lambda d: d["f"].__setitem__(1, {"$x": [1, 2]}),
        lambda d: d["f"].__setitem__(2, {"$d": [["x", 1, 2]]}),
        lambda d: d["f"].__setitem__(2, {"$d": [[1, 1]]}),
        lambda d: d["f"].__setitem__(1, {"$t": 5}),
    ],
    ids=[
        "unknown-class",
        "class-of-another-shape",
        "one-field-more",
        "one-field-less",
        "unknown-field-set",
        "fields-set-not-a-list",
        "unknown-key",
        "no-fields-set",
        "unknown-marker",
        "bad-pair",
        "non-string-key",
        "tuple-not-a-list",
    ],
)
def test_a_snapshot_that_does_not_fit_the_models_is_refused(change: Any) -> None:
    with pytest.raises(SnapshotError):
        from_snapshot(_tampered(change), Tree)


@pytest.mark.parametrize(
    "payload",
    [b"", b"not json", b"[1, 2]", b'{"$t": [1]}', b"null", b'"text"', b"[" * 100_000],
    ids=["empty", "text", "list", "tuple", "null", "string", "deep"],
)
def test_anything_but_a_snapshot_of_the_root_is_refused(payload: bytes) -> None:
    with pytest.raises(SnapshotError):
        from_snapshot(payload, Tree)


def test_a_value_of_another_type_is_not_snapshot() -> None:
    class Odd(Frozen):
        when: Any = None

    for value in ({1, 2}, b"bytes", {1: "int key"}, 1j):
        with pytest.raises(SnapshotError):
            to_snapshot(Odd(when=value))


def _fingerprint_of(source: str) -> str:
    namespace: dict[str, Any] = {}
    header = "from pydantic import Field\nfrom capassess.model.base import Frozen\n"
    # dont_inherit: this file's ``from __future__ import annotations`` would leave the
    # classes' field types unresolved
    code = compile(header + source, "<models>", "exec", dont_inherit=True)
    exec(code, namespace)  # model classes written for the test
    return schema_fingerprint(namespace["Root"])


BASE = "class Part(Frozen):\n    n: int = 1\nclass Root(Frozen):\n    parts: list[Part]\n"


@pytest.mark.parametrize(
    "changed",
    [
        BASE.replace("n: int = 1", "n: float = 1"),
        BASE.replace("n: int = 1", "n: int = 2"),
        BASE.replace("n: int = 1", "m: int = 1"),
        BASE.replace("n: int = 1", "n: int = Field(1, ge=0)"),
        BASE.replace("list[Part]", "list[Part] = Field(default_factory=list)"),
        BASE + "    more: str | None = None\n",
    ],
    ids=["type", "default", "name", "constraint", "default-factory", "new-field"],
)
def test_the_fingerprint_follows_every_change_of_shape(changed: str) -> None:
    assert _fingerprint_of(BASE) == _fingerprint_of(BASE)
    assert _fingerprint_of(changed) != _fingerprint_of(BASE)


def test_a_model_with_types_not_resolved_has_no_fingerprint() -> None:
    with pytest.raises(SnapshotError, match="not resolved"):
        _fingerprint_of(BASE.replace("list[Part]", "list['Missing']"))


def test_the_fingerprint_is_the_same_in_every_process() -> None:
    code = (
        "from capassess.model.questionnaire import Questionnaire\n"
        "from capassess.model.snapshot import schema_fingerprint\n"
        "print(schema_fingerprint(Questionnaire))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        ).stdout.strip()
        for _ in range(2)
    }
    assert runs == {schema_fingerprint(Questionnaire)}


def test_every_model_of_a_questionnaire_is_known() -> None:
    names = set(model_classes(Questionnaire))
    assert {"Questionnaire", "Dimension", "Foundation", "Capability", "Action", "Text"} <= names
    assert {"LevelQuestion", "ChoiceQuestion", "MultiQuestion", "NumberQuestion"} <= names
    assert {"BoolQuestion", "AhpMatrix", "CostBand", "Profile"} <= names


def _state(model: BaseModel) -> tuple[Any, ...]:
    """Everything a model instance holds: its fields, the names set, extra and private."""
    return (
        type(model),
        model.__dict__,
        model.__pydantic_fields_set__,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_models_read_back_hold_what_model_construct_would_give(path: Path) -> None:
    """Models read back are built without ``model_construct`` where it would only set
    their fields; each holds exactly what ``model_construct`` would have given it."""
    back = from_snapshot(to_snapshot(_load_questionnaire(path)), Questionnaire)
    names = tuple((lv.name.en, lv.name.zh) for lv in back.levels)
    pending: list[Any] = [back]
    checked = 0
    while pending:
        value = pending.pop()
        if isinstance(value, BaseModel):
            kind = type(value)
            rebuilt = kind.model_construct(set(value.model_fields_set), **dict(value.__dict__))
            if isinstance(value, LevelQuestion):  # the questionnaire gives it the level names
                rebuilt._level_names = names
            assert _state(value) == _state(rebuilt)
            pending.extend(value.__dict__.values())
            checked += 1
        elif isinstance(value, list | tuple):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
    assert checked > 10


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_level_questions_read_back_know_the_level_names(path: Path) -> None:
    """A cached questionnaire reads a level answer by its name as the file's does."""
    made = _load_questionnaire(path)
    back = from_snapshot(to_snapshot(made), Questionnaire)
    levels = [q for _, _, q in back.questions() if isinstance(q, LevelQuestion)]
    assert levels, "a questionnaire with level questions"
    want = tuple((lv.name.en, lv.name.zh) for lv in made.levels)
    assert {q.level_names for q in levels} == {want}
    assert parse_value(levels[0], f"2 {want[1][1]}") == 2


class WithPrivate(BaseModel):
    name: str
    _seen: int = 7


class WithAlias(BaseModel):
    value: int = Field(alias="v")


class WithPostInit(BaseModel):
    name: str

    def model_post_init(self, context: Any) -> None:
        object.__setattr__(self, "name", self.name.upper())


class Holder(BaseModel):
    private: WithPrivate
    alias: WithAlias
    post: WithPostInit


def test_models_with_private_values_aliases_or_post_init_are_built_by_model_construct() -> None:
    holder = Holder(
        private=WithPrivate(name="a"), alias=WithAlias(v=3), post=WithPostInit(name="b")
    )
    back = from_snapshot(to_snapshot(holder), Holder)
    assert back.private.__pydantic_private__ == {"_seen": 7}
    assert back.private._seen == 7
    assert back.alias.value == 3
    assert back.post.name == "B"  # model_construct runs model_post_init
