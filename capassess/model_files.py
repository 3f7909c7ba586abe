"""Files of a known kind into frozen models: which kind a file is, and every problem of
building its model, located in the file (the YAML itself is read by ``loading``)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from capassess.errors import CapassessError, InputError, Loc, Problem
from capassess.loading import MAX_PROBLEMS, YamlDocument, capped, read_yaml
from capassess.model_errors import beyond, group_errors, one_message, salvage

Kind = Literal["questionnaire", "answers", "target", "matrix", "benchmark"]
KIND_KEYS: tuple[tuple[str, Kind], ...] = (
    ("dimensions", "questionnaire"),
    ("answers", "answers"),
    ("subject", "answers"),
    ("targets", "target"),
    ("matrix", "matrix"),
    ("peer_groups", "benchmark"),
)
M = TypeVar("M", bound=BaseModel)


def detect_kind(doc: YamlDocument) -> Kind | None:
    """Guess which kind of capassess file ``doc`` is from its top-level keys."""
    if not isinstance(doc.data, dict):
        return None
    for key, kind in KIND_KEYS:
        if key in doc.data:
            return kind
    return None


def _message(error: Any) -> str:
    kind, msg = str(error["type"]), str(error["msg"])
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_pattern_mismatch" and "A-Za-z0-9_.-]{0,63}" in str(error.get("ctx")):
        return (
            f"{error['input']!r} is not a valid id: start with a letter, then letters, "
            "digits, '_', '.' or '-' (at most 64)"
        )
    if kind == "missing":
        return f"required field {error['loc'][-1]!r} is missing"
    if kind == "union_tag_invalid":
        ctx = error["ctx"]
        return f"{ctx['tag']!r} is not one of: {ctx['expected_tags'].replace(chr(39), '')}"
    if kind == "union_tag_not_found":
        return f"required field {_discriminator(error)!r} is missing"
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    return str(msg)


def _discriminator(error: Any) -> str:
    """The field that picks a member of a tagged union (``type`` of a question)."""
    return str(error["ctx"]["discriminator"]).strip("'")


def validate_model(
    doc: YamlDocument, model: type[M], check: Callable[[M], list[Problem]] | None = None
) -> M:
    """Build ``model`` from ``doc``; raise InputError listing every located problem.

    With ``check``, the errors it finds on the model built without the bad values
    (``model_errors.salvage``) are listed too: one run shows every independent error.
    """
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        error = exc
    odd = _odd_keys(doc)
    data = _without_keys(doc.data, odd) if odd else doc.data
    problems = [problem for _, problem in odd]
    if odd:
        try:
            built = model.model_validate(data)
        except ValidationError as exc:
            error = exc
        else:
            _refuse(doc, model, problems + _check_errors(doc, built, check))
    problems += _problems(doc, error)
    if check is not None:
        problems += _checked(doc, data, model, error, check)
    _refuse(doc, model, problems)


def _refuse(doc: YamlDocument, model: type[BaseModel], problems: list[Problem]) -> NoReturn:
    """Raise the InputError of ``doc``'s ``problems``, once each, in the file's order."""
    problems = _unique(problems)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    shown = problems[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    raise InputError(f"{doc.path}: invalid {model.__name__}", capped(shown, more))


def _check_errors(
    doc: YamlDocument, built: M, check: Callable[[M], list[Problem]] | None
) -> list[Problem]:
    """The errors ``check`` finds on ``built``, located in ``doc``."""
    try:
        found = check(built) if check is not None else []
    except CapassessError:  # what the check needs is itself broken: said elsewhere
        return []
    return doc.locate_all([p for p in found if p.severity == "error"])


def _odd_keys(doc: YamlDocument) -> list[tuple[Loc, Problem]]:
    """Each key of ``doc`` that is not text (``1:``, ``~:``, ``true:``, a date) and its
    problem at the key; pydantic would name it by its own rendering, at its parent."""
    found: list[tuple[Loc, Problem]] = []
    stack: list[tuple[Loc, Any]] = [((), doc.data)]
    while stack and len(found) <= MAX_PROBLEMS:
        loc, node = stack.pop()
        if isinstance(node, list):
            stack.extend(((*loc, i), item) for i, item in enumerate(node))
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str):
                    stack.append(((*loc, key), value))
                    continue
                line, col, _ = doc.position((*loc, key))
                found.append(((*loc, key), Problem(_odd_key(key), loc, doc.path, line, col)))
    return found


def _odd_key(key: Any) -> str:
    if key is None or isinstance(key, bool):
        shown = "null" if key is None else str(key).lower()
    else:
        shown = key.isoformat() if isinstance(key, dt.date) else str(key)
    return f"the key {shown} is not text: keys are field names and ids (quote it if it is text)"


def _without_keys(data: Any, odd: list[tuple[Loc, Problem]]) -> Any:
    """A copy of ``data`` without the ``odd`` keys."""
    clean = copy.deepcopy(data)
    for loc, _ in odd:
        parent = clean
        for part in loc[:-1]:
            parent = parent[part]
        parent.pop(loc[-1], None)
    return clean


def _problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    """One located problem per bad value of ``doc``."""
    problems = []
    for loc, group in group_errors(doc.data, exc.errors()):
        first = group[0]
        if first["type"] == "union_tag_invalid":
            loc = (*loc, _discriminator(first))
        problems.append(doc.locate(Problem(one_message(group, _message), loc)))
    return problems


def _checked(
    doc: YamlDocument,
    data: Any,
    model: type[M],
    exc: ValidationError,
    check: Callable[[M], list[Problem]],
) -> list[Problem]:
    """The errors ``check`` finds on ``doc``'s model (built from ``data``) with its bad
    values left out."""
    rescued = salvage(data, model, exc)
    if rescued is None:
        return []
    built, mended = rescued
    try:
        found = check(built)
    except CapassessError:  # what the check needs is itself broken: said elsewhere
        return []
    errors = [p for p in found if p.severity == "error"]
    return doc.locate_all(beyond(errors, mended))


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def expect_kind(doc: YamlDocument, kind: Kind) -> None:
    """Refuse a file of another kind with a message that names both kinds."""
    found = detect_kind(doc)
    if found == kind:
        return
    what = f"{_a(found)} {found} file" if found else "not a capassess file"
    hint = ""
    if not isinstance(doc.data, dict):
        what = "not a mapping of fields"
        hint = "; a CSV or XLSX of units is for 'capassess batch'" if kind == "answers" else ""
    message = f"expected {_a(kind)} {kind} file, but this is {what}{hint}"
    raise InputError.at(message, doc.path, 1, 1)


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def read_model(
    path: str | Path, kind: Kind, model: type[M], check: Callable[[M], list[Problem]] | None = None
) -> tuple[YamlDocument, M]:
    """Read a file of ``kind`` into ``model``; raise InputError on any problem (those
    ``check`` finds included, when the model has errors of its own)."""
    doc = read_yaml(path)
    expect_kind(doc, kind)
    return doc, validate_model(doc, model, check)


def raise_errors(doc: YamlDocument, problems: list[Problem], kind: str) -> list[Problem]:
    """Locate ``problems`` in ``doc``; raise if any is an error, else return the warnings."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(f"{doc.path}: invalid {kind}", tuple(doc.locate_all(errors)))
    return doc.locate_all(problems)


def load_checked(
    path: str | Path,
    kind: Kind,
    model: type[M],
    check: Callable[[M], list[Problem]] | None = None,
) -> tuple[M, list[Problem]]:
    """Load a file of ``kind`` into ``model`` and run ``check``; return model and warnings."""
    doc, result = read_model(path, kind, model, check)
    return result, raise_errors(doc, check(result) if check else [], kind)
