"""The ``when`` language: a small, safe expression language over earlier answers.

Grammar (no Python ``eval`` anywhere)::

    expr    := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := operand (('=='|'!='|'<'|'<='|'>'|'>='|'in'|'contains') operand)?
    operand := NUMBER | STRING | 'true' | 'false' | IDENT | 'answered' '(' IDENT ')'
             | '[' operand (',' operand)* ']' | '(' expr ')'

An identifier stands for the answer to that question: a level (int), an option id
(str), a list of option ids (multi), a number or a bool. An unanswered or ``n/a``
question is ``None``, and any comparison with ``None`` is false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from capassess.records import record

TOKEN = re.compile(
    r"""\s*(?:
    (?P<num>-?\d+(?:\.\d+)?)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
  | (?P<name>[A-Za-z][A-Za-z0-9_.-]*)
    )""",
    re.VERBOSE,
)
COMPARE = {"==", "!=", "<", "<=", ">", ">=", "in", "contains"}
# Bounds that keep parsing and evaluation linear and shallow, whatever the text.
MAX_LENGTH = 4000  # characters of one expression
MAX_DEPTH = 32  # nested 'not', brackets and parentheses
MAX_TERMS = 1000  # values and operators
MAX_DIGITS = 30  # of a number
KEYWORDS = {"and", "or", "not", "true", "false", "in", "contains", "answered"}


class ExpressionError(ValueError):
    """A ``when`` expression does not parse."""


@record
class Node:
    """A parsed expression: ``op`` with ``args``; leaves carry a ``value``."""

    op: str
    args: tuple[Node, ...] = ()
    value: Any = None

    def names(self) -> list[str]:
        """Question ids the expression refers to, in order of appearance."""
        if self.op in ("name", "answered"):
            return [str(self.value)]
        return [n for arg in self.args for n in arg.names()]


def tokenize(text: str) -> list[tuple[str, Any]]:
    """Split an expression into (kind, value) tokens."""
    tokens: list[tuple[str, Any]] = []
    pos = 0
    text = text.rstrip()
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExpressionError(f"unexpected {text[pos:].strip()[:20]!r} at column {pos + 1}")
        kind = match.lastgroup or ""
        raw = match.group(kind)
        if kind == "num":
            if len(raw) > MAX_DIGITS:
                raise ExpressionError(f"the number at column {pos + 1} has too many digits")
            tokens.append(("lit", float(raw) if "." in raw else int(raw)))
        elif kind == "str":
            tokens.append(("lit", raw[1:-1]))
        elif kind == "name" and raw in ("true", "false"):
            tokens.append(("lit", raw == "true"))
        elif kind == "name" and raw in KEYWORDS:
            tokens.append(("op", raw))
        else:
            tokens.append((kind, raw))
        pos = match.end()
        if len(tokens) > MAX_TERMS:
            raise ExpressionError(f"the expression has more than {MAX_TERMS} terms")
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"the expression nests deeper than {MAX_DEPTH} levels")

    def peek(self) -> tuple[str, Any]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", None)

    def take(self, kind: str, value: Any = None) -> Any:
        tok = self.peek()
        if tok[0] != kind or (value is not None and tok[1] != value):
            want = value or kind
            got = "end of expression" if tok[0] == "end" else repr(tok[1])
            raise ExpressionError(f"expected {want!r}, got {got}")
        self.pos += 1
        return tok[1]

    def accept(self, value: str) -> bool:
        if self.peek() == ("op", value):
            self.pos += 1
            return True
        return False

    def parse(self) -> Node:
        node = self.expr()
        if self.peek()[0] != "end":
            raise ExpressionError(f"unexpected {self.peek()[1]!r} after a complete expression")
        return node

    def expr(self) -> Node:
        # A chain of 'or' (and of 'and') is one node with many arguments, not a deep tree.
        nodes = [self.conj()]
        while self.accept("or"):
            nodes.append(self.conj())
        return nodes[0] if len(nodes) == 1 else Node("or", tuple(nodes))

    def conj(self) -> Node:
        nodes = [self.neg()]
        while self.accept("and"):
            nodes.append(self.neg())
        return nodes[0] if len(nodes) == 1 else Node("and", tuple(nodes))

    def neg(self) -> Node:
        if self.accept("not"):
            self.deeper()
            node = Node("not", (self.neg(),))
            self.depth -= 1
            return node
        left = self.operand()
        kind, value = self.peek()
        if kind == "op" and value in COMPARE:
            self.pos += 1
            return Node(value, (left, self.operand()))
        return left

    def operand(self) -> Node:
        kind, value = self.peek()
        if kind == "lit":
            self.pos += 1
            return Node("lit", value=value)
        if kind == "name":
            self.pos += 1
            return Node("name", value=value)
        if self.accept("answered"):
            self.take("op", "(")
            name = self.take("name")
            self.take("op", ")")
            return Node("answered", value=name)
        if self.accept("("):
            self.deeper()
            node = self.expr()
            self.take("op", ")")
            self.depth -= 1
            return node
        if self.accept("["):
            self.deeper()
            items = [self.operand()]
            while self.accept(","):
                items.append(self.operand())
            self.take("op", "]")
            self.depth -= 1
            return Node("list", tuple(items))
        got = "end of expression" if kind == "end" else repr(value)
        raise ExpressionError(f"expected a value or question id, got {got}")


def parse_expression(text: str) -> Node:
    """Parse a ``when`` expression; raise ``ExpressionError`` with the reason."""
    return _Parser(text).parse()


def _compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    checks: dict[str, Callable[[Any, Any], bool]] = {
        "==": lambda a, b: bool(a == b),
        "!=": lambda a, b: bool(a != b),
        "<": lambda a, b: bool(a < b),
        "<=": lambda a, b: bool(a <= b),
        ">": lambda a, b: bool(a > b),
        ">=": lambda a, b: bool(a >= b),
        "in": lambda a, b: isinstance(b, list) and a in b,
        "contains": lambda a, b: isinstance(a, list) and b in a,
    }
    try:
        return checks[op](left, right)
    except TypeError:
        return False


def evaluate(node: Node, values: Mapping[str, Any]) -> Any:
    """Evaluate ``node`` over answer values by question id (``None`` = no answer)."""
    if node.op == "lit":
        return node.value
    if node.op == "name":
        return values.get(node.value)
    if node.op == "answered":
        return values.get(node.value) is not None
    if node.op == "list":
        return [evaluate(arg, values) for arg in node.args]
    if node.op == "not":
        return not evaluate(node.args[0], values)
    if node.op == "and":
        return all(evaluate(arg, values) for arg in node.args)
    if node.op == "or":
        return any(evaluate(arg, values) for arg in node.args)
    return _compare(node.op, evaluate(node.args[0], values), evaluate(node.args[1], values))


def holds(node: Node, values: Mapping[str, Any]) -> bool | None:
    """Three-valued truth of ``node``: ``None`` when unanswered questions leave it open.

    Strong Kleene logic: ``a and b`` is false as soon as one side is false, ``a or b`` true
    as soon as one side is true; a comparison with an unanswered question is unknown, and
    ``answered(x)`` is always known. Used where an unanswered question must not count as
    evidence either way (actions in place, consistency checks, KPIs).
    """
    if node.op in ("and", "or"):
        parts = [holds(arg, values) for arg in node.args]
        decisive = node.op == "or"  # the value that settles the connective
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    if node.op == "not":
        inner = holds(node.args[0], values)
        return None if inner is None else not inner
    if node.op == "answered":
        return values.get(node.value) is not None
    if node.op in COMPARE:
        sides = [evaluate(arg, values) for arg in node.args]
        if any(_unknown(side) for side in sides):
            return None
        return _compare(node.op, sides[0], sides[1])
    value = evaluate(node, values)
    return None if _unknown(value) else bool(value)


def _unknown(value: Any) -> bool:
    return value is None or (isinstance(value, list) and any(v is None for v in value))


def deciding_names(node: Node, values: Mapping[str, Any]) -> list[str]:
    """The question ids of the parts that settle ``node``'s three-valued verdict, each once.

    A false ``and`` is settled by its false operands, a true ``or`` by its true ones; a
    true ``and`` and a false ``or`` by every operand; ``not`` by its operand. An open
    verdict (``None``) names only the unanswered questions that leave it open. A satisfied
    operand of a false ``and`` is never named: it is no evidence of what is missing.
    """
    return list(dict.fromkeys(_deciding(node, values, holds(node, values))))


def _deciding(node: Node, values: Mapping[str, Any], verdict: bool | None) -> list[str]:
    if node.op in ("and", "or"):
        return [n for arg in node.args if holds(arg, values) is verdict
                for n in _deciding(arg, values, verdict)]  # fmt: skip
    if node.op == "not":
        return _deciding(node.args[0], values, None if verdict is None else not verdict)
    if verdict is None:
        return [n for n in node.names() if _unknown(values.get(n))]
    return node.names()


def absent_options(node: Node, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Per checklist question, the options that the false ``contains`` parts settling
    ``node``'s verdict ask for and the answer lacks, in order of mention (empty while the
    verdict is open). A false ``done_when`` lacks them; a true check (``not (x contains
    'o')``) finds them lacking.

    An answer shown as evidence that something is missing lists what *is* ticked; these
    are what is not, so that a reader is told what is lacking rather than what is there.
    """
    return _settling_options(node, values, present=False)


def present_options(node: Node, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Per checklist question, the ticked options that the true ``contains`` parts settling
    ``node``'s verdict ask for, in order of mention: what a true KPI measure rests on, where
    the whole answer would name options it never asks for."""
    return _settling_options(node, values, present=True)


def _settling_options(node: Node, values: Mapping[str, Any], present: bool) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    verdict = holds(node, values)
    if verdict is not None:
        _options(node, values, verdict, found, present)
    return found


def _options(node: Node, values: Mapping[str, Any], verdict: bool,
             found: dict[str, list[Any]], present: bool) -> None:  # fmt: skip
    if node.op in ("and", "or"):
        for arg in node.args:
            if holds(arg, values) is verdict:
                _options(arg, values, verdict, found, present)
    elif node.op == "not":
        _options(node.args[0], values, not verdict, found, present)
    elif node.op == "contains" and verdict is present and node.args[0].op == "name":
        given = values.get(node.args[0].value)
        wanted = evaluate(node.args[1], values)
        if not isinstance(given, list):
            return
        for option in wanted if isinstance(wanted, list) else [wanted]:
            listed = found.get(str(node.args[0].value), [])
            if (option in given) is present and option not in listed:
                found[str(node.args[0].value)] = [*listed, option]
