"""Cross-checks of a questionnaire that one field alone cannot make."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from capassess.errors import Loc, Problem
from capassess.expr import ExpressionError, Node, parse_expression
from capassess.model.base import Text
from capassess.model.matrix import AhpMatrix
from capassess.model.questionnaire import Question, Questionnaire
from capassess.scoring.ahp import analyse_matrix, reciprocity_problems


def check_questionnaire(q: Questionnaire) -> list[Problem]:
    """Return every cross-field error and warning of ``q``."""
    return [
        *_unique_ids(q),
        *_conditions(q),
        *_advice_expressions(q),
        *_owners(q),
        *_dependencies(q),
        *_ahp_matrices(q),
        *_references_and_profiles(q),
        *_replacements(q),
        *_missing_languages(q),
    ]


def _node_locs(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    for where, dim in q.located_sections():
        yield (*where, "id"), dim.id
        for c, cap in enumerate(dim.capabilities):
            base: Loc = (*where, "capabilities", c)
            yield (*base, "id"), cap.id
            for i, question in enumerate(cap.questions):
                yield (*base, "questions", i, "id"), question.id
            for i, action in enumerate(cap.actions):
                yield (*base, "actions", i, "id"), action.id


def _unique_ids(q: Questionnaire) -> Iterator[Problem]:
    seen: dict[str, Loc] = {}
    for loc, ident in _node_locs(q):
        if ident in seen:
            first = "/".join(str(p) for p in seen[ident][:-1])
            yield Problem(f"duplicate id {ident!r} (first used at {first})", loc)
        else:
            seen[ident] = loc
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            for i, question in enumerate(cap.questions):
                ids = [o.id for o in getattr(question, "options", [])]
                for n in _repeats(ids):
                    place = (*where, "capabilities", c, "questions", i, "options", n, "id")
                    yield Problem(f"duplicate option id {ids[n]!r}", place)
    for field in ("references", "profiles"):
        ids = [item.id for item in getattr(q, field)]
        for n in _repeats(ids):
            yield Problem(f"duplicate id {ids[n]!r}", (field, n, "id"))


def _repeats(ids: list[str]) -> Iterator[int]:
    """The indexes of ids seen before in ``ids`` (in linear time)."""
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            yield n
        seen.add(ident)


def _conditions(q: Questionnaire) -> Iterator[Problem]:
    order = {question.id: n for n, (_, _, question) in enumerate(q.questions())}
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            for i, question in enumerate(cap.questions):
                if question.when is None:
                    continue
                loc: Loc = (*where, "capabilities", c, "questions", i, "when")
                try:
                    names = parse_expression(question.when).names()
                except ExpressionError as exc:
                    yield Problem(f"cannot parse condition: {exc}", loc)
                    continue
                for name in names:
                    if name not in order:
                        yield Problem(f"condition refers to unknown question {name!r}", loc)
                    elif order[name] >= order[question.id]:
                        yield Problem(
                            f"condition refers to {name!r}, which is not asked before "
                            f"{question.id!r}",
                            loc,
                        )


def _expression_sites(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    """Every advice expression (done_when, KPI, check) with its location."""
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            for i, action in enumerate(cap.actions):
                loc: Loc = (*where, "capabilities", c, "actions", i)
                if action.done_when is not None:
                    yield (*loc, "done_when"), action.done_when
                if action.kpi is not None:
                    yield (*loc, "kpi", "when"), action.kpi.when
    for n, check in enumerate(q.checks):
        yield ("checks", n, "when"), check.when


def _advice_expressions(q: Questionnaire) -> Iterator[Problem]:
    questions = q.question_map()
    for loc, text in _expression_sites(q):
        try:
            node = parse_expression(text)
        except ExpressionError as exc:
            yield Problem(f"cannot parse expression: {exc}", loc)
            continue
        for name in dict.fromkeys(node.names()):
            if name not in questions:
                yield Problem(f"expression refers to unknown question {name!r}", loc)
        for message in literal_problems(node, questions):
            yield Problem(message, loc)
    ids = [check.id for check in q.checks]
    for n, ident in enumerate(ids):
        if ident in ids[:n]:
            yield Problem(f"duplicate check id {ident!r}", ("checks", n, "id"))


def literal_problems(node: Node, questions: dict[str, Question]) -> list[str]:
    """Comparisons that can never hold: an option id or level the question does not have."""
    out: list[str] = []
    if node.op in ("==", "!=", "in", "contains", "<", "<=", ">", ">="):
        names = [a for a in node.args if a.op == "name"]
        literals = [a for a in node.args if a.op in ("lit", "list")]
        for name in names:
            question = questions.get(str(name.value))
            for lit in literals:
                values = [x.value for x in lit.args] if lit.op == "list" else [lit.value]
                out += [_literal_problem(question, v) for v in values if question is not None]
    for arg in node.args:
        out += literal_problems(arg, questions)
    return [m for m in out if m]


def _literal_problem(question: Question, value: object) -> str:
    options = [o.id for o in getattr(question, "options", [])]
    if options and isinstance(value, str) and value not in options:
        return f"{value!r} is not an option of {question.id!r} (options: {', '.join(options)})"
    if question.type == "level" and not (isinstance(value, int) and 1 <= value <= 5):
        return f"{question.id!r} is a level question: compare it with a level 1..5, not {value!r}"
    if question.type == "number" and not isinstance(value, (int, float)):
        return f"{question.id!r} is a number question: compare it with a number, not {value!r}"
    return ""


def _owners(q: Questionnaire) -> Iterator[Problem]:
    roles = [r.id for r in q.roles]
    for n, ident in enumerate(roles):
        if ident in roles[:n]:
            yield Problem(f"duplicate role id {ident!r}", ("roles", n, "id"))
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            for i, action in enumerate(cap.actions):
                if action.owner is not None and action.owner not in roles:
                    known = ", ".join(roles) or "none declared under `roles`"
                    loc: Loc = (*where, "capabilities", c, "actions", i, "owner")
                    yield Problem(f"unknown role {action.owner!r} (roles: {known})", loc)


def _dependencies(q: Questionnaire) -> Iterator[Problem]:
    graph: dict[str, list[str]] = {}
    locs: dict[str, Loc] = {}
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            for i, action in enumerate(cap.actions):
                graph[action.id] = list(action.depends_on)
                locs[action.id] = (*where, "capabilities", c, "actions", i, "depends_on")
    for ident, deps in graph.items():
        for dep in deps:
            if dep not in graph:
                yield Problem(f"action {ident!r} depends on unknown action {dep!r}", locs[ident])
    cycle = find_cycle(graph)
    if cycle:
        yield Problem("dependency cycle: " + " -> ".join(cycle), locs[cycle[0]])


def find_cycle(graph: dict[str, list[str]]) -> list[str]:
    """Return one cycle as ``[a, b, ..., a]``, or ``[]`` if the graph has none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in graph:
        if state.get(root):
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif child in graph and state.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif child in graph and not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return []


def _ahp_nodes(q: Questionnaire) -> Iterator[tuple[Loc, AhpMatrix | None, list[str]]]:
    yield (), q.ahp, [dim.id for dim in q.dimensions]
    for where, dim in q.located_sections():
        yield where, dim.ahp, [cap.id for cap in dim.capabilities]
        for c, cap in enumerate(dim.capabilities):
            ids = [question.id for question in cap.questions]
            yield (*where, "capabilities", c), cap.ahp, ids


def _ahp_matrices(q: Questionnaire) -> Iterator[Problem]:
    for base, matrix, children in _ahp_nodes(q):
        if matrix is None:
            continue
        yield from check_matrix(matrix, (*base, "ahp"), children)


def check_matrix(matrix: AhpMatrix, loc: Loc, children: list[str] | None = None) -> list[Problem]:
    """Check one AHP matrix: items, reciprocity and consistency ratio."""
    problems = []
    if children is not None and sorted(matrix.items) != sorted(children):
        problems.append(
            Problem(
                f"AHP items {matrix.items} must be exactly the children {children}",
                (*loc, "items"),
            )
        )
    full = matrix.full()
    problems += [Problem(msg, (*loc, "matrix")) for msg in reciprocity_problems(full)]
    if not problems:
        try:
            result = analyse_matrix(full, accept_cr=matrix.accept_cr)
        except ValueError as exc:  # more items than the RI table covers
            return [Problem(str(exc), (*loc, "matrix"))]
        if not result.consistent:
            problems.append(
                Problem(
                    f"AHP consistency ratio CR = {result.cr:.3f} is not below "
                    f"{result.limit:.2f} (lambda_max = {result.lambda_max:.4f}, CI = "
                    f"{result.ci:.4f}); revise the comparisons or set accept_cr",
                    (*loc, "matrix"),
                )
            )
    return problems


def _references_and_profiles(q: Questionnaire) -> Iterator[Problem]:
    refs = {r.id for r in q.references}
    caps = {cap.id for _, cap in q.capabilities()}
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            loc: Loc = (*where, "capabilities", c)
            for ref in cap.references:
                if ref not in refs:
                    yield Problem(f"unknown reference {ref!r}", (*loc, "references"))
            for i, question in enumerate(cap.questions):
                for ref in question.references:
                    if ref not in refs:
                        yield Problem(
                            f"unknown reference {ref!r}", (*loc, "questions", i, "references")
                        )
    for p, profile in enumerate(q.profiles):
        for cap_id in profile.targets:
            if cap_id not in caps:
                yield Problem(f"unknown capability {cap_id!r}", ("profiles", p, "targets", cap_id))


def _renamable(q: Questionnaire) -> Iterator[tuple[Loc, str, list[str]]]:
    for where, dim in q.located_sections():
        for c, cap in enumerate(dim.capabilities):
            base: Loc = (*where, "capabilities", c)
            yield base, cap.id, cap.replaces
            for i, question in enumerate(cap.questions):
                yield (*base, "questions", i), question.id, question.replaces


def _replacements(q: Questionnaire) -> Iterator[Problem]:
    """An old id maps to one node, and is not the id of a node of this version."""
    current = {ident for _, ident in _node_locs(q)}
    seen: dict[str, str] = {}
    for loc, ident, replaces in _renamable(q):
        for old in replaces:
            if old in current:
                yield Problem(f"{old!r} is still an id in this version", (*loc, "replaces"))
            elif old in seen:
                yield Problem(f"{old!r} is already replaced by {seen[old]!r}", (*loc, "replaces"))
            seen.setdefault(old, ident)
    types: dict[str, str] = {}
    for p, profile in enumerate(q.profiles):
        kind = profile.bank_type
        if kind is not None and kind in types:
            yield Problem(
                f"profile {types[kind]!r} is already the one for {kind!r} banks",
                ("profiles", p, "bank_type"),
            )
        elif kind is not None:
            types[kind] = profile.id


def _walk_texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, Text]]:
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_texts(item, (*loc, i))


def _missing_languages(q: Questionnaire) -> Iterator[Problem]:
    for loc, text in _walk_texts(q, ()):
        for lang in text.missing():
            yield Problem(f"no '{lang}' text", loc, severity="warning")
