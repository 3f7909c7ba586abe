"""Write a benchmark pack as YAML, and load one back with every problem located.

The writer emits plain block YAML by hand (strings as JSON-quoted scalars, which YAML
reads the same), so that only ``loading`` reads YAML; packs are small.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from capassess.catalog import questionnaire_of
from capassess.errors import CapassessError, InputError, Problem
from capassess.model.benchmark import BenchmarkPack
from capassess.model.questionnaire import NumberQuestion, Questionnaire
from capassess.model_files import raise_errors, read_model

HEADER = (
    "# capassess benchmark pack: percentiles per peer group; no unit's id, name or value.\n"
    "# yaml-language-server: $schema=capassess-benchmark.schema.json\n"
)


def pack_text(pack: BenchmarkPack) -> str:
    """The pack as YAML text."""
    data = pack.model_dump(mode="json", exclude_none=True)
    if not data.get("disclosed"):
        data.pop("disclosed", None)
    lines: list[str] = []
    _emit(data, 0, lines)
    return HEADER + "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _is_row(value: Any) -> bool:
    """A mapping of scalars only (a percentile row): written on one line."""
    return isinstance(value, dict) and all(not isinstance(v, dict | list) for v in value.values())


def _emit(data: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            name = _scalar(key) if not str(key).replace("-", "").replace("_", "").isalnum() else key
            if _is_row(value) and value and "count" in value:
                row = ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
                lines.append(f"{pad}{name}: {{{row}}}")
            elif isinstance(value, dict | list) and value:
                lines.append(f"{pad}{name}:")
                _emit(value, indent + 2, lines)
            else:
                lines.append(f"{pad}{name}: {_scalar(value) if value != {} else '{}'}")
        return
    for item in data:
        lines.append(f"{pad}-")
        _emit(item, indent + 2, lines)


def load_pack(
    path: str | Path, questionnaire: Questionnaire | None = None, extra: Iterable[str | Path] = ()
) -> BenchmarkPack:
    """Load and check a pack; ``InputError`` with every located problem."""
    doc, pack = read_model(path, "benchmark", BenchmarkPack)
    if questionnaire is not None and pack.questionnaire != questionnaire.ref:
        message = (
            f"this benchmark pack is for {pack.questionnaire}, but the assessment is scored "
            f"with {questionnaire.ref}; build a pack from {questionnaire.ref} assessments"
        )
        raise InputError(message, (doc.locate(Problem(message, ("questionnaire",))),))
    if questionnaire is None:
        try:
            questionnaire = questionnaire_of(pack.questionnaire, extra)
        except CapassessError as exc:
            raise InputError.at(exc.message, str(path), loc=("questionnaire",)) from None
    raise_errors(doc, check_pack(pack, questionnaire), "benchmark pack")
    return pack


def check_pack(pack: BenchmarkPack, questionnaire: Questionnaire) -> list[Problem]:
    """Node and question ids the questionnaire lacks, and groups under the pack's minimum."""
    q = questionnaire
    nodes = {"overall", *(d.id for d in q.sections()), *(c.id for _, c in q.capabilities())}
    numbers = {x.id for _, _, x in q.questions() if isinstance(x, NumberQuestion)}
    least = pack.built.min_group
    problems: list[Problem] = []
    for name, group in pack.peer_groups.items():
        where = ("peer_groups", name)
        if group.count < least:
            problems.append(
                Problem(f"{group.count} units, under min_group {least}", (*where, "count"))
            )
        for part, known, rows in (
            ("nodes", nodes, group.nodes),
            ("numbers", numbers, group.numbers),
        ):
            for node, row in rows.items():
                if node not in known:
                    what = "node" if part == "nodes" else "number question"
                    problems.append(Problem(f"no {what} {node!r} in {q.ref}", (*where, part, node)))
                elif row.count < least or row.count > group.count:
                    message = (
                        f"count {row.count} must lie between min_group {least} and {group.count}"
                    )
                    problems.append(Problem(message, (*where, part, node, "count")))
    for i, figure in enumerate(pack.disclosed):
        if figure.question not in numbers:
            message = f"no number question {figure.question!r} in {q.ref}"
            problems.append(Problem(message, ("disclosed", i, "question")))
    return problems
