"""Find where a value lies in a composed YAML node tree (libyaml's, which is fast).

A large file read by the fast path is located through the node tree libyaml composes,
in C, rather than parsed again by the careful round-trip parser, which reads about a
megabyte a second and would take minutes over a file of the maximum size.
"""

from __future__ import annotations

from typing import Any

from capassess.errors import Loc

UNION_TAGS = frozenset({"level", "choice", "multi", "number", "bool", "[key]"})


def _keys(node: Any, index: dict[int, dict[str, tuple[Any, Any]]]) -> dict[str, tuple[Any, Any]]:
    """The (key, value) nodes of a mapping node by key text, indexed once per mapping."""
    found = index.get(id(node))
    if found is None:
        found = {}
        for key, value in node.value:
            found.setdefault(str(getattr(key, "value", "")), (key, value))
        index[id(node)] = found
    return found


def _child(node: Any, part: str | int, index: dict[int, Any]) -> tuple[Any, Any] | None:
    """The node at ``part`` below ``node`` and the node whose mark places it, if any."""
    kind = type(node).__name__
    if kind == "MappingNode":
        pair = _keys(node, index).get(str(part))
        if pair is not None:
            key, value = pair
            collection = type(value).__name__ in ("MappingNode", "SequenceNode")
            return value, key if collection else value
    elif kind == "SequenceNode" and isinstance(part, int) and 0 <= part < len(node.value):
        value = node.value[part]
        return value, value
    return None


def node_position(root: Any, loc: Loc, index: dict[int, Any]) -> tuple[int, int, Loc]:
    """(line, column, shown loc) of ``loc`` in the tree under ``root``, 1-based.

    ``index`` keeps the mappings' key indexes between calls on one tree.
    """
    node, line, col, shown = root, 1, 1, []
    for part in loc:
        found = _child(node, part, index)
        if found is None:
            if type(node).__name__ == "MappingNode" and part not in UNION_TAGS:
                shown.append(part)
            continue
        node, marked = found
        line, col = marked.start_mark.line + 1, marked.start_mark.column + 1
        shown.append(part)
    return line, col, tuple(shown)
