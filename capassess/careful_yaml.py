"""The careful YAML parser: ruamel's round-trip loader, each problem at its line and column.

``loading`` hands it the files the fast path leaves aside (anchors, aliases, tags, deep
nesting, anything libyaml objects to). Whatever ruamel raises on malformed text becomes
an ``InputError`` at the place it arose: its own marked errors, and the plain Python
errors it lets slip on some inputs (``"\\U00110000"``, ``!!bool maybe``, ``!!set`` over
a scalar, a mapping as a key inside ``!!set``). The data it returns holds only mappings,
lists, strings, numbers, booleans, dates and null, and every string only characters: a
``\\ud800`` escape, half of a UTF-16 pair, is refused where it stands, as libyaml
refuses it, for no file, terminal or report could hold it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from collections.abc import Iterator
from typing import Any

from capassess.errors import InputError, Loc

MAX_NODES = 200_000
CORE_TAGS = ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
SAFE_TAGS: set[str | None] = {None, *("tag:yaml.org,2002:" + t for t in CORE_TAGS)}
STR_TAG = "tag:yaml.org,2002:str"
_SURROGATE = re.compile("[\ud800-\udfff]")
# What some tags outside the core schema make of their value, and the tag to name.
_BUILT_BY = {"bytes": "!!binary", "CommentedSet": "!!set", "list": "!!pairs"}

At = tuple[int | None, int | None]


def parse_carefully(text: str, path: str) -> tuple[Any, Any]:
    """The round-trip tree of ``text`` and its plain data (at most ``MAX_NODES`` values)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    try:
        with warnings.catch_warnings():
            # ruamel warns through Python (its paths, its wording) of what YAML allows,
            # such as an anchor defined again: nothing for the file's author to act on.
            warnings.simplefilter("ignore", YAMLWarning)
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
    except Exception as exc:  # a plain error from deep in the scanner, parser or composer
        raise InputError.at(f"YAML error: {_slipped(exc)}", path, *_last_good(text)) from None
    if tree is None:
        raise InputError.at("the file holds no YAML document", path, 1, 1)
    try:
        data = _plain(tree, path, [MAX_NODES], (1, 1), ())
    except RecursionError:
        raise InputError.at("the YAML nests too deeply", path) from None
    return tree, data


def _slipped(exc: Exception) -> str:
    """What a plain error from inside the parser means for the text."""
    if isinstance(exc, ValueError) and "chr()" in str(exc):
        return "an escape names no Unicode character (at most \\U0010FFFF)"
    return f"the text cannot be read here ({type(exc).__name__}: {exc})"


def _last_good(text: str) -> At:
    """Line and column where parsing ``text`` stops: the end of the last event read."""
    from ruamel.yaml import YAML

    place: At = (None, None)
    try:
        for event in YAML(typ="rt").parse(text):
            place = (event.end_mark.line + 1, event.end_mark.column + 1)
    except Exception:  # the error is known already; only its place is sought here
        pass
    return place


def _plain(node: Any, path: str, budget: list[int], at: At, loc: Loc) -> Any:
    """Convert the round-trip tree to plain data, refusing tags, alias bombs and
    surrogates; ``at`` is where the parent's mapping or list places ``node``, ``loc``
    the keys that lead to it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    budget[0] -= 1
    if budget[0] < 0:
        raise InputError.at(
            f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)", path
        )
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag not in SAFE_TAGS:
        raise InputError.at(
            f"YAML tag {tag!r} is not allowed: capassess files hold only plain data",
            path,
            *_own_place(node, at),
            loc=loc,
        )
    if isinstance(node, CommentedMap):
        return _plain_mapping(node, path, budget, loc)
    if isinstance(node, CommentedSeq):
        return [
            _plain(v, path, budget, _item_place(node, i, at), (*loc, i)) for i, v in enumerate(node)
        ]
    if isinstance(node, TaggedScalar) and tag == STR_TAG:  # !!str 12: the text "12"
        node = str(node.value)
    if isinstance(node, str):
        return _text(str(node), path, at, loc)
    if isinstance(node, bool) or node is None or isinstance(node, (dt.date, dt.datetime)):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    kind = type(node).__name__
    raise InputError.at(
        f"a YAML value of this kind ({_BUILT_BY.get(kind, kind)}) is not allowed: "
        "capassess files hold only plain data",
        path,
        *at,
        loc=loc,
    )


def _text(text: str, path: str, at: At, loc: Loc) -> str:
    """``text``, unless it holds a lone surrogate."""
    bad = _SURROGATE.search(text)
    if bad is not None:
        raise InputError.at(
            f"the text holds \\u{ord(bad.group()):04x}, half of a UTF-16 surrogate pair and "
            "no character: write the character itself",
            path,
            *at,
            loc=loc,
        )
    return text


def _plain_mapping(node: Any, path: str, budget: list[int], loc: Loc) -> dict[Any, Any]:
    from ruamel.yaml.comments import TaggedScalar

    plain: dict[Any, Any] = {}
    for key, value in node.items():
        key_at = _key_place(node, key)
        if isinstance(key, TaggedScalar) and getattr(key.tag, "value", None) == STR_TAG:
            key = str(key.value)
        if not isinstance(key, (str, int, float, bool, dt.date)) and key is not None:
            raise InputError.at(
                "a key must be a plain value, not a list or a mapping", path, *key_at, loc=loc
            )
        plain_key = _plain(key, path, budget, key_at, loc)
        where = (*loc, plain_key)
        plain[plain_key] = _plain(value, path, budget, _value_place(node, key, key_at), where)
    return plain


def _own_place(node: Any, at: At) -> At:
    """Where a mapping or list starts by its own record, else ``at``."""
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return lc.line + 1, lc.col + 1
    return at


def _key_place(node: Any, key: Any) -> At:
    try:
        line, col = node.lc.key(key)
    except (KeyError, TypeError, IndexError):  # a key merged in with << has no place here
        return _own_place(node, (None, None))
    return line + 1, col + 1


def _value_place(node: Any, key: Any, fallback: At) -> At:
    try:
        line, col = node.lc.value(key)
    except (KeyError, TypeError, IndexError):
        return fallback
    return line + 1, col + 1


def _item_place(node: Any, index: int, fallback: At) -> At:
    try:
        line, col = node.lc.item(index)
    except (KeyError, TypeError, IndexError):
        return _own_place(node, fallback)
    return line + 1, col + 1


@functools.cache
def _constructor() -> type:
    """The round-trip constructor, with a located error for a node it cannot build
    (made on first use: the YAML library is imported only when a file is parsed)."""
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
    from ruamel.yaml.error import YAMLError

    def unreadable(node: Any, exc: Exception) -> ConstructorError:
        text = node.value if isinstance(node.value, str) else ""
        shown = text if len(text) <= 40 else text[:40] + "..."
        reason = str(exc).split(";")[0]
        if not isinstance(exc, (ValueError, OverflowError)):  # ruamel's own slip
            tag = str(getattr(node, "tag", ""))
            shown_tag = tag.replace("tag:yaml.org,2002:", "!!", 1)
            reason = f"not a value its tag {shown_tag} can hold"
        what = f"the value {shown!r}" if shown else "this value"
        return ConstructorError(None, None, f"cannot read {what}: {reason}", node.start_mark)

    def located(steps: Iterator[Any], node: Any) -> Iterator[Any]:
        """Run the rest of a node's construction, its errors placed at the node."""
        try:
            yield from steps
        except YAMLError:
            raise
        except Exception as exc:
            raise unreadable(node, exc) from None

    class Constructor(RoundTripConstructor):
        def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
            """Build ``node``; a value Python refuses (2026-13-45, a 5000-digit int) or
            one ruamel fails on (``!!bool maybe``) is a YAML error at the node."""
            waiting = len(self.state_generators)
            try:
                data = super().construct_non_recursive_object(node, tag)
            except YAMLError:
                raise
            except RecursionError:
                raise
            except Exception as exc:
                raise unreadable(node, exc) from None
            for i in range(waiting, len(self.state_generators)):  # finished later, elsewhere
                self.state_generators[i] = located(self.state_generators[i], node)
            return data

    return Constructor
