"""The `when` language parses safely and evaluates over typed answers."""

from __future__ import annotations

import pytest

from capassess.expr import ExpressionError, evaluate, parse_expression


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("q1 >= 3", {"q1": 3}, True),
        ("q1 >= 3", {"q1": 2}, False),
        ("q1 >= 3", {}, False),
        ("q1 < 3", {"q1": None}, False),
        ("c == 'api'", {"c": "api"}, True),
        ('c != "api"', {"c": "file"}, True),
        ("m contains 'bi'", {"m": ["bi", "ml"]}, True),
        ("m contains 'rt'", {"m": ["bi"]}, False),
        ("c in ['a', 'b']", {"c": "b"}, True),
        ("b == true", {"b": True}, True),
        ("not b", {"b": False}, True),
        ("answered(x)", {"x": 0}, True),
        ("answered(x)", {}, False),
        ("q1 >= 3 and (b or n > 2.5)", {"q1": 4, "b": False, "n": 3.0}, True),
        ("q1 >= 3 and b or n > 2.5", {"q1": 1, "b": True, "n": 1}, False),
        ("q1 > 'text'", {"q1": 3}, False),
    ],
)
def test_evaluate(text: str, values: dict[str, object], expected: bool) -> None:
    assert evaluate(parse_expression(text), values) is expected


def test_names_in_order() -> None:
    assert parse_expression("a > 1 or answered(b-2) and c.x in [1]").names() == ["a", "b-2", "c.x"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a value or question id, got end of expression"),
        ("a >=", "got end of expression"),
        ("(a", "expected ')'"),
        ("a b", "unexpected 'b'"),
        ("__import__('os').system('x')", "unexpected"),
        ("a == @", "unexpected '@'"),
        ("answered(1)", "expected 'name'"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=None) as info:
        parse_expression(text)
    assert message in str(info.value)


# Bounds that keep parsing and evaluation linear and shallow (no RecursionError).


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(" * 33 + "a" + ")" * 33, "nests deeper than 32 levels"),
        ("not " * 33 + "a", "nests deeper than 32 levels"),
        ("a in " + "[" * 33 + "1" + "]" * 33, "nests deeper than 32 levels"),
        ("a > " + "9" * 31, "has too many digits"),
        ("a > " + "9" * 5000, "longer than 4000 characters"),
        ("a in [" + ",".join(["1"] * 600) + "]", "more than 1000 terms"),
    ],
)
def test_expressions_beyond_the_bounds_are_refused(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert message in str(info.value)


def test_long_chains_are_flat_and_evaluate_without_recursion() -> None:
    chain = " and ".join(f"q{i}" for i in range(300))
    node = parse_expression(chain)
    assert node.op == "and" and len(node.args) == 300
    values = {f"q{i}": True for i in range(300)}
    assert evaluate(node, values) is True
    assert evaluate(node, {**values, "q299": False}) is False
    assert evaluate(parse_expression(" or ".join(["a"] * 300 + ["b"])), {"b": True}) is True
    depth = "(" * 32 + "a" + ")" * 32
    assert evaluate(parse_expression(depth), {"a": True}) is True


def test_three_valued_truth_of_long_chains() -> None:
    from capassess.expr import holds

    chain = parse_expression("a and b and c")
    assert holds(chain, {"a": True, "b": True, "c": True}) is True
    assert holds(chain, {"a": True, "c": False}) is False  # b unknown, c decides
    assert holds(chain, {"a": True, "c": True}) is None
    either = parse_expression("a or b or c")
    assert holds(either, {"c": True}) is True
    assert holds(either, {"a": False, "b": False, "c": False}) is False
    assert holds(either, {"a": False}) is None
