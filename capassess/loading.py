"""Read YAML files into models, reporting every problem at ``path:line:col``.

The only module that imports ruamel.yaml. Files are parsed with the round-trip loader
(which keeps positions) but nothing in them is ever turned into a Python object other
than mappings, lists, strings, numbers, booleans, dates and null.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capassess.careful_yaml import MAX_NODES, parse_carefully
from capassess.errors import InputError, Loc, Problem, Severity
from capassess.figures import counted
from capassess.positions import node_position
from capassess.reading import read_bounded
from capassess.yaml_text import decode_yaml, refuse_deep_flow, refuse_unknown_version

MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 200  # located and shown per file; the rest are counted


@dataclass
class YamlDocument:
    """A parsed YAML file: plain data plus the round-trip tree that knows positions.

    A file read by the fast path has no tree until a position is first asked for; then
    its ``text`` is parsed again by the careful round-trip parser.
    """

    path: str
    data: Any
    tree: Any = None
    text: str | None = None
    nodes: Any = None
    index: dict[int, Any] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int, Loc]:
        """Return (line, column, shown loc) of ``loc``, 1-based, as near as the tree knows."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if self.tree is None and self.text is not None:
            if len(self.text) > LOCATE_CAREFUL_BYTES:
                return node_position(_composed(self), loc, self.index)
            self.tree = _careful(self.text, self.path).tree
        node, line, col, shown = self.tree, 1, 1, []
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                child = node[part]
                ln, cl = (
                    node.lc.key(part)
                    if isinstance(child, (CommentedMap, CommentedSeq))
                    else node.lc.value(part)
                )
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                child = node[part]
                ln, cl = node.lc.item(part)
            else:
                # Union tags and '[key]' markers in pydantic locations have no YAML node.
                if (
                    isinstance(node, CommentedMap)
                    and part not in ("[key]",)
                    and not (
                        isinstance(part, str)
                        and part in {"level", "choice", "multi", "number", "bool"}
                    )
                ):
                    shown.append(part)
                continue
            node, line, col = child, ln + 1, cl + 1
            shown.append(part)
        return line, col, tuple(shown)

    def locate_all(self, problems: list[Problem]) -> list[Problem]:
        """Place the first ``MAX_PROBLEMS`` of ``problems``; a last problem counts the rest."""
        located = [self.locate(p) for p in problems[:MAX_PROBLEMS]]
        hidden = problems[MAX_PROBLEMS:]
        severity: Severity = "error" if any(p.severity == "error" for p in hidden) else "warning"
        return list(capped(located, len(hidden), severity))

    def locate(self, problem: Problem) -> Problem:
        """Place ``problem`` at its line and column in this file."""
        line, col, shown = self.position(problem.loc)
        return Problem(problem.message, shown, self.path, line, col, problem.severity)


def _composed(doc: YamlDocument) -> Any:
    """libyaml's node tree of ``doc``, composed once."""
    if doc.nodes is None:
        from ruamel.yaml import YAML

        doc.nodes = YAML(typ="safe", pure=False).compose(doc.text or "")
    return doc.nodes


def parse_yaml_text(text: str, path: str) -> YamlDocument:
    """Parse YAML text; syntax errors, duplicate keys and unsafe tags become InputError.

    Plain files (no anchors, aliases or tags, shallow) are read by libyaml, some seven
    times faster; anything else, and anything libyaml objects to, by the careful parser,
    which says what is wrong and where.
    """
    refuse_deep_flow(text, path)
    refuse_unknown_version(text, path)
    data = _fast_data(text, path)
    if data is not None:
        return YamlDocument(path, data, None, text)
    return _careful(text, path)


def _has_libyaml() -> bool:
    import importlib.util

    return importlib.util.find_spec("_ruamel_yaml") is not None


FAST = _has_libyaml()
FAST_DEPTH = 64  # libyaml's composer recurses in C: deep documents must not reach it
PLAIN_TYPES = (str, int, float, bool, type(None), dt.date, dt.datetime)


def _fast_data(text: str, path: str) -> Any:
    """The plain data of ``text`` via libyaml, or None when the careful parser must read it.

    The events are checked first: no anchor, alias or explicit tag, nesting at most
    ``FAST_DEPTH``. More than ``MAX_NODES`` values is an error at once, whatever else
    the file holds: the count is kept while libyaml reads, so that a huge file is
    refused in a second, not after minutes in the careful parser. Then the document is
    loaded with the safe constructor, and every value must be plain data.
    """
    if not FAST or len(text) > MAX_BYTES:
        return None
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    depth = nodes = 0
    careful = False
    try:
        for event in yaml.parse(text):
            name = type(event).__name__
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                careful = careful or depth > FAST_DEPTH
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
            careful = careful or name == "AliasEvent"
            careful = careful or bool(getattr(event, "anchor", None) or getattr(event, "tag", None))
            nodes += 1
            if nodes > MAX_NODES:
                raise InputError.at(_too_many(), path, *_mark(event))
        if careful and len(text) > CAREFUL_BYTES:
            raise InputError.at(
                "this file uses YAML anchors, aliases or tags, or nests deeper than "
                f"{FAST_DEPTH} levels; such files are read only up to {CAREFUL_BYTES >> 10} KiB",
                path,
            )
        if careful:
            return None
        data = yaml.load(text)
    except InputError:
        raise
    except Exception as exc:  # whatever libyaml dislikes, the careful parser names
        if len(text) > CAREFUL_BYTES:  # too slow to parse again: libyaml's word must do
            raise InputError.at(f"YAML error: {_problem(exc)}", path, *_mark(exc)) from None
        return None
    return data if data is not None and _is_plain(data) else None


# The careful parser reads some 100 KB a second on a busy machine: files that need it
# (anchors, tags, deep nesting) are refused above CAREFUL_BYTES, and errors in larger
# files read by libyaml are located through libyaml's node tree instead.
CAREFUL_BYTES = 512 * 1024
LOCATE_CAREFUL_BYTES = 256 * 1024


def _too_many() -> str:
    return f"the document holds more than {MAX_NODES:,} values"


def _mark(source: Any) -> tuple[int | None, int | None]:
    """The 1-based line and column of a libyaml event or error, if it has one."""
    mark = getattr(source, "problem_mark", None) or getattr(source, "start_mark", None)
    if mark is None or getattr(mark, "line", None) is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _problem(exc: Exception) -> str:
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return " ".join(str(problem).split()) or "invalid YAML"


def _is_plain(data: Any) -> bool:
    """True when ``data`` holds only mappings, lists and plain scalars."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif type(node) not in PLAIN_TYPES:
            return False
    return True


def _careful(text: str, path: str) -> YamlDocument:
    """Parse with the round-trip parser, which keeps positions and names every problem."""
    tree, data = parse_carefully(text, path)
    return YamlDocument(path, data, tree, text)


def read_yaml(path: str | Path) -> YamlDocument:
    """Read and parse one YAML file (at most ``MAX_BYTES``; ``-`` is standard input)."""
    name = str(path)
    raw = read_bounded(path, MAX_BYTES)
    return parse_yaml_text(decode_yaml(raw, name, MAX_BYTES), name)


def capped(
    problems: list[Problem], more: int = 0, severity: Severity = "error"
) -> tuple[Problem, ...]:
    """At most ``MAX_PROBLEMS`` problems, and a last one that counts the ``more`` not shown
    (an error if any of them is)."""
    more += max(0, len(problems) - MAX_PROBLEMS)
    kept = problems[:MAX_PROBLEMS]
    if more and kept:
        note = f"... and {counted(more, 'more problem')} not shown"
        kept.append(Problem(note, (), kept[0].path, severity=severity))
    return tuple(kept)
