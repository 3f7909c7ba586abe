"""Valid generated files, mutated into invalid ones, give a located error and exit 2.

Each mutation breaks one generated document in one known place: a value of the wrong
type or range, an unknown field or id, a reference to nothing, a duplicated key line, a
stray flow indicator, a byte that is not UTF-8. The error must name the file and the
line of the broken place (the generator knows every line), and nothing may crash.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import FUZZ, Written, assert_no_crash, cli, problems, written
from tests.fuzz.strategies import Case, answered, questionnaires
from tests.fuzz.yamltext import FlowSeq

Path = tuple[Any, ...]
# Ids no generated id can equal: generated ids are 1-9 or 64 characters long.
NO_SUCH = "no-such-thing-0000"


def _nodes(q: dict[str, Any]) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    """Every dimension, capability, question and action of ``q`` with its path."""
    out: dict[str, list[tuple[Path, dict[str, Any]]]] = {
        "dimension": [],
        "capability": [],
        "question": [],
        "action": [],
    }
    for i, dim in enumerate(q["dimensions"]):
        out["dimension"].append((("dimensions", i), dim))
        for j, cap in enumerate(dim["capabilities"]):
            cap_path = ("dimensions", i, "capabilities", j)
            out["capability"].append((cap_path, cap))
            for k, question in enumerate(cap["questions"]):
                out["question"].append(((*cap_path, "questions", k), question))
            for k, action in enumerate(cap.get("actions", [])):
                out["action"].append(((*cap_path, "actions", k), action))
    return out


Mutation = tuple[Path, str]
"""Where the document was broken (a path whose line is known) and a message fragment."""


@st.composite
def questionnaire_mutation(draw: st.DrawFn, q: dict[str, Any]) -> Mutation:
    """Break ``q`` (in place) in one place; return where and what the message says."""
    nodes = _nodes(q)
    choices = ["weight", "target", "type", "unknown-field", "when", "text-type"]
    if nodes["action"]:
        choices += ["depends", "action-level"]
    kind = draw(st.sampled_from(choices))
    if kind == "weight":
        path, node = draw(st.sampled_from(nodes["question"] + nodes["capability"]))
        node["weight"] = draw(st.sampled_from([-1, -0.5, "heavy", FlowSeq([1])]))
        return (*path, "weight"), "weight"
    if kind == "target":
        path, node = draw(st.sampled_from(nodes["capability"]))
        node["target"] = draw(st.sampled_from([0, 6, 99, "high", 2.5]))
        return (*path, "target"), "target"
    if kind == "type":
        path, node = draw(st.sampled_from(nodes["question"]))
        node["type"] = draw(st.sampled_from(["slider", "Level", "", "free-text"]))
        return (*path, "type"), "type"
    if kind == "unknown-field":
        group = draw(st.sampled_from(["dimension", "capability", "question"]))
        path, node = draw(st.sampled_from(nodes[group]))
        node["colour"] = "red"
        return (*path, "colour"), "unknown field"
    if kind == "when":
        path, node = draw(st.sampled_from(nodes["question"]))
        node["when"] = draw(st.sampled_from([f"{NO_SUCH} == 1", "(((", "answered(", "1 +"]))
        return (*path, "when"), "when"
    if kind == "text-type":
        path, node = draw(st.sampled_from(nodes["question"]))
        node["text"] = FlowSeq(["not", "a", "text"])
        return (*path, "text"), "text"
    path, node = draw(st.sampled_from(nodes["action"]))
    if kind == "depends":
        node["depends_on"] = FlowSeq([NO_SUCH])
        return (*path, "depends_on"), NO_SUCH
    node["level"] = draw(st.sampled_from([1, 0, 6, "soon"]))
    return (*path, "level"), "level"


def _bad_value(question: dict[str, Any]) -> list[Any]:
    """Values that are never a valid answer to ``question``."""
    kind = question["type"]
    if kind == "level":
        return [0, 6, 2.5, "high", FlowSeq([3])]
    if kind == "choice":
        return [NO_SUCH, 3, FlowSeq([NO_SUCH])]
    if kind == "multi":
        return [NO_SUCH, FlowSeq([NO_SUCH])]
    if kind == "bool":
        return ["maybe", 7, "sometimes"]
    bad: list[Any] = ["lots", "about 12", FlowSeq([1, 2])]
    if "max" in question:
        bad.append(question["max"] + 1)
    if "min" in question:
        bad.append(question["min"] - 1)
    return bad


@st.composite
def answers_mutation(draw: st.DrawFn, case: Case) -> Mutation:
    """Break ``case.answers`` (in place) in one place; return where and the fragment."""
    doc = case.answers
    unconditional = [q for q in case.questions() if "when" not in q]
    kind = draw(st.sampled_from(["value", "unknown-question", "version", "field", "subject"]))
    if kind == "value":
        question = draw(st.sampled_from(unconditional))  # the first question has no `when`
        doc["answers"][question["id"]] = draw(st.sampled_from(_bad_value(question)))
        return ("answers", question["id"]), question["id"]
    if kind == "unknown-question":
        doc["answers"][NO_SUCH] = 3
        return ("answers", NO_SUCH), f"unknown question id '{NO_SUCH}'"
    if kind == "version":
        doc["questionnaire"] = f"{case.questionnaire['id']}@{NO_SUCH}"
        return ("questionnaire",), "version"
    if kind == "field":
        doc["colour"] = "red"
        return ("colour",), "unknown field"
    doc["subject"] = draw(st.sampled_from([FlowSeq(["a", "b"]), 42]))
    return ("subject",), "subject"


def _assert_located(result: Any, files: Written, key: str, line: int, fragment: str) -> None:
    assert_no_crash(result)
    assert result.exit_code == 2, result.stdout + result.stderr
    found = problems(result, {"q": files.questionnaire, "a": files.answers})
    assert any(k == key and n == line and fragment in msg for k, n, msg in found), (
        f"expected {key}:{line}: ...{fragment}...\n{result.stderr}\n"
        + (files.q_text if key == "q" else files.a_text)
    )


@FUZZ
@given(questionnaires(), st.data(), st.integers(0, 3))
def test_broken_questionnaire_is_located(case: Case, data: st.DataObject, seed: int) -> None:
    broken = copy.deepcopy(case.questionnaire)
    path, fragment = data.draw(questionnaire_mutation(broken), label="mutation")
    with written(dataclasses.replace(case, questionnaire=broken), seed) as files:
        result = cli(files, "validate", files.questionnaire)
        _assert_located(result, files, "q", files.q_lines[path], fragment)


@FUZZ
@given(answered(), st.data(), st.integers(0, 3))
def test_broken_answers_are_located(case: Case, data: st.DataObject, seed: int) -> None:
    broken = dataclasses.replace(case, answers=copy.deepcopy(case.answers))
    path, fragment = data.draw(answers_mutation(broken), label="mutation")
    with written(broken, seed) as files:
        line = files.a_lines[path]
        for command in ("validate", "score"):
            result = cli(files, command, files.answers)
            _assert_located(result, files, "a", line, fragment)


def _duplicate_key(lines: list[str], pick: Callable[[list[int]], int]) -> tuple[list[str], int]:
    """Repeat a ``key: ...`` line that is not a list item's first key, right after it."""
    keys = [
        i
        for i, text in enumerate(lines)
        if ": " in text or text.rstrip().endswith(":")
        if not text.lstrip().startswith(("- ", "#")) and text.strip()
    ]
    i = pick(keys)
    return [*lines[: i + 1], lines[i], *lines[i + 1 :]], i + 2


def _stray_indicator(lines: list[str], pick: Callable[[list[int]], int]) -> tuple[list[str], int]:
    """Insert a line that no YAML document may hold: a flow end outside any flow."""
    i = pick(list(range(1, len(lines) + 1)))
    indent = len(lines[i - 1]) - len(lines[i - 1].lstrip()) if i - 1 < len(lines) else 0
    return [*lines[:i], " " * indent + "]]", *lines[i:]], i + 1


@FUZZ
@given(
    answered(), st.sampled_from(["q", "a"]), st.sampled_from(["dup", "stray", "byte"]), st.data()
)
def test_broken_syntax_is_located(case: Case, which: str, how: str, data: st.DataObject) -> None:
    def pick(choices: list[int]) -> int:
        return data.draw(st.sampled_from(choices), label="line")

    with written(case) as files:
        path = files.questionnaire if which == "q" else files.answers
        lines = (files.q_text if which == "q" else files.a_text).splitlines()
        if how == "dup":
            lines, line = _duplicate_key(lines, pick)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            fragment = "duplicate key"
        elif how == "stray":
            lines, line = _stray_indicator(lines, pick)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            fragment = "YAML error"
        else:
            line = pick(list(range(1, len(lines) + 1)))
            raw = [text.encode("utf-8") for text in lines]
            raw[line - 1] += b" \xff"
            path.write_bytes(b"\n".join(raw) + b"\n")
            fragment = "not UTF-8"
        result = cli(files, "validate", path)
        assert_no_crash(result)
        assert result.exit_code == 2, result.stdout + result.stderr
        found = problems(result, {"q": files.questionnaire, "a": files.answers})
        assert any(k == which and fragment in msg for k, _, msg in found), result.stderr
        assert any(k == which and n == line for k, n, _ in found), (
            f"expected line {line}\n{result.stderr}\n" + "\n".join(lines)
        )
