"""Read YAML files into models, reporting every problem at ``path:line:col``.

The only module that imports ruamel.yaml. Files are parsed with the round-trip loader
(which keeps positions) but nothing in them is ever turned into a Python object other
than mappings, lists, strings, numbers, booleans, dates and null.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from capassess.errors import InputError, Loc, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_NODES = 200_000
CORE_TAGS = ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
SAFE_TAGS: set[str | None] = {None, *("tag:yaml.org,2002:" + t for t in CORE_TAGS)}

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

    def position(self, loc: Loc) -> tuple[int, int, Loc]:
        """Return (line, column, shown loc) of ``loc``, 1-based, as near as the tree knows."""
        if self.tree is None and self.text is not None:
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

    def locate(self, problem: Problem) -> Problem:
        """Place ``problem`` at its line and column in this file."""
        line, col, shown = self.position(problem.loc)
        return Problem(problem.message, shown, self.path, line, col, problem.severity)


def looks_binary(head: bytes) -> bool:
    """True if the first bytes of a file hold a NUL byte, as no text file of ours does."""
    return b"\x00" in head[:8192]


def _decode(raw: bytes, path: str) -> str:
    if not raw.strip():
        raise InputError.at("the file is empty", path, 1, 1)
    if len(raw) > MAX_BYTES:
        raise InputError.at(f"the file is larger than {MAX_BYTES // 1024 // 1024} MiB", path)
    if looks_binary(raw):
        raise InputError.at("this is a binary file, not YAML text", path, 1, 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError.at(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            path,
            line,
            col,
        ) from None


def _plain(node: Any, path: str, budget: list[int]) -> Any:
    """Convert the round-trip tree to plain data, refusing tags and alias bombs."""
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError.at(
            f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)", path
        )
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag not in SAFE_TAGS:
        lc = getattr(node, "lc", None)
        line = col = None
        if lc is not None and lc.line is not None:
            line, col = lc.line + 1, lc.col + 1
        raise InputError.at(
            f"YAML tag {tag!r} is not allowed: capassess files hold only plain data",
            path,
            line,
            col,
        )
    if isinstance(node, CommentedMap):
        return {_plain(k, path, budget): _plain(v, path, budget) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(v, path, budget) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node
    raise InputError.at(f"unsupported YAML value of type {type(node).__name__}", path)


class _Constructor(RoundTripConstructor):
    """The round-trip constructor, with a located error for a scalar it cannot build."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        """Build ``node``; a value Python refuses (2026-13-45, a 5000-digit int) is a YAML error."""
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, OverflowError) as exc:
            text = node.value if isinstance(node.value, str) else ""
            shown = text if len(text) <= 40 else text[:40] + "..."
            reason = str(exc).split(";")[0]
            raise ConstructorError(
                None, None, f"cannot read the value {shown!r}: {reason}", node.start_mark
            ) from None


def parse_yaml_text(text: str, path: str) -> YamlDocument:
    """Parse YAML text; syntax errors, duplicate keys and unsafe tags become InputError.

    Plain files (no anchors, aliases or tags, shallow) are read by libyaml, some seven
    times faster; anything else, and anything libyaml objects to, by the careful parser,
    which says what is wrong and where.
    """
    data = _fast_data(text)
    if data is not None:
        return YamlDocument(path, data, None, text)
    return _careful(text, path)


def _has_libyaml() -> bool:
    import importlib.util

    return importlib.util.find_spec("_ruamel_yaml") is not None


FAST = _has_libyaml()
FAST_DEPTH = 64  # libyaml's composer recurses in C: deep documents must not reach it
PLAIN_TYPES = (str, int, float, bool, type(None), dt.date, dt.datetime)


def _fast_data(text: str) -> Any:
    """The plain data of ``text`` via libyaml, or None when the careful parser must read it.

    The events are checked first: no anchor, alias or explicit tag, nesting at most
    ``FAST_DEPTH``, at most ``MAX_NODES`` values. Then the document is loaded with the
    safe constructor, and every value must be plain data.
    """
    if not FAST or len(text) > MAX_BYTES:
        return None
    yaml = YAML(typ="safe", pure=False)
    depth = nodes = 0
    try:
        for event in yaml.parse(text):
            name = type(event).__name__
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                if depth > FAST_DEPTH:
                    return None
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
            elif name == "AliasEvent":
                return None
            if getattr(event, "anchor", None) or getattr(event, "tag", None):
                return None
            nodes += 1
            if nodes > MAX_NODES:
                return None
        data = yaml.load(text)
    except Exception:  # whatever libyaml dislikes, the careful parser names
        return None
    return data if data is not None and _is_plain(data) else None


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
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "duplicate key" in message:
            message = message.split(" with value")[0]
        raise InputError.at(f"YAML error: {message}", path, line, col) from None
    except YAMLError as exc:
        raise InputError.at(f"YAML error: {' '.join(str(exc).split())}", path) from None
    except RecursionError:
        raise InputError.at("the YAML nests too deeply", path) from None
    if tree is None:
        raise InputError.at("the file holds no YAML document", path, 1, 1)
    try:
        data = _plain(tree, path, [MAX_NODES])
    except RecursionError:
        raise InputError.at("the YAML nests too deeply", path) from None
    return YamlDocument(path, data, tree, text)


def read_yaml(path: str | Path) -> YamlDocument:
    """Read and parse one YAML file."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError.at("no such file", name) from None
    except IsADirectoryError:
        raise InputError.at("this is a folder, not a file", name) from None
    except OSError as exc:
        raise InputError.at(f"cannot read: {exc.strerror}", name) from None
    return parse_yaml_text(_decode(raw, name), name)


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


def validate_model(doc: YamlDocument, model: type[M]) -> M:
    """Build ``model`` from ``doc``; raise InputError listing every located problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            if error["type"] == "missing":
                loc = loc[:-1]
            elif error["type"] == "union_tag_invalid":
                loc = (*loc, _discriminator(error))
            problems.append(doc.locate(Problem(_message(error), loc)))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(f"{doc.path}: invalid {model.__name__}", tuple(problems)) from None


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


def read_model(path: str | Path, kind: Kind, model: type[M]) -> tuple[YamlDocument, M]:
    """Read a file of ``kind`` into ``model``; raise InputError on any problem."""
    doc = read_yaml(path)
    expect_kind(doc, kind)
    return doc, validate_model(doc, model)


def raise_errors(doc: YamlDocument, problems: list[Problem], kind: str) -> list[Problem]:
    """Locate ``problems`` in ``doc``; raise if any is an error, else return the warnings."""
    located = [doc.locate(p) for p in problems]
    if any(p.severity == "error" for p in located):
        raise InputError(f"{doc.path}: invalid {kind}", tuple(located))
    return located


def load_checked(
    path: str | Path,
    kind: Kind,
    model: type[M],
    check: Callable[[M], list[Problem]] | None = None,
) -> tuple[M, list[Problem]]:
    """Load a file of ``kind`` into ``model`` and run ``check``; return model and warnings."""
    doc, result = read_model(path, kind, model)
    return result, raise_errors(doc, check(result) if check else [], kind)
