"""Round-trip YAML editing: keep a hand-written file's comments, order, quoting and style.

The pieces ``answers_file`` edits an answers file with: the dumper (which keeps saying
``null`` where the file did), indentation guessing, and setting keys in place.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.util import load_yaml_guess_indent

Indent = tuple[int, int, int]
NEW_FILE_INDENT: Indent = (2, 4, 2)


NULL_WORD = re.compile(r":[ \t]+null[ \t]*(#.*)?$", re.MULTILINE)


class NullWordRepresenter(RoundTripRepresenter):
    """Writes ``null`` where the round-trip dumper would leave the value empty."""


NullWordRepresenter.add_representer(
    type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
)


def round_trip_yaml(indent: Indent, null_word: bool = False) -> YAML:
    yaml = YAML(typ="rt")
    if null_word:  # the file says `key: null`: keep saying it
        yaml.Representer = NullWordRepresenter
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long evidence line
    yaml.allow_unicode = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def guess_indent(text: str) -> tuple[Any, Indent]:
    """Load ``text`` round-trip and guess the indentation it was written with."""
    probe = round_trip_yaml(NEW_FILE_INDENT)
    tree, indent, block_seq = load_yaml_guess_indent(text, yaml=probe)
    if indent is None:
        return tree, NEW_FILE_INDENT
    if block_seq is None:
        return tree, (indent, indent + 2, 2)
    return tree, (block_seq or indent, indent, block_seq)


def flow_node(value: Any) -> Any:
    """A YAML node for a plain value; lists are written inline: ``[bi, ml]``."""
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    return value


def replace_key(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``mapping[key]``; a list replaces an existing list in place, keeping its style."""
    current = mapping.get(key)
    if isinstance(value, list) and isinstance(current, CommentedSeq):
        current[:] = value
        return
    insert_at(mapping, key, flow_node(value), order)


def insert_at(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``mapping[key]``; a new key goes after the last key that precedes it in ``order``."""
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    position = 0
    for i, existing in enumerate(mapping):
        if rank.get(existing, len(order)) < mine:
            position = i + 1
    mapping.insert(position, key, value)


def update_group(subject: CommentedMap, group: dict[str, str], order: Sequence[str]) -> None:
    """Set the subject's group, editing an existing mapping in place."""
    current = subject.get("group")
    if not group:
        subject.pop("group", None)
    elif isinstance(current, CommentedMap):
        for name, value in group.items():
            insert_at(current, name, value, list(group))
        for name in [k for k in current if k not in group]:
            del current[name]
    else:
        insert_at(subject, "group", CommentedMap(group), order)


def sync_folder(folder: Path) -> None:
    """Make the rename durable; not every platform lets a folder be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
