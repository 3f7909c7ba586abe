"""Answers files edited in place: round-trip YAML that keeps comments, saved atomically.

The interview rewrites the answers file after every answer. The file is loaded with
ruamel.yaml's round-trip loader, changed key by key and dumped again, so comments,
key order, quoting and flow or block style written by hand survive. Every save goes
through a temporary file in the same folder (flush, fsync, ``os.replace``, fsync of the
folder), so a reader, or a crash, sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Sequence
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.util import load_yaml_guess_indent

from capassess.atomic import write_atomic
from capassess.errors import InputError
from capassess.loading import read_yaml
from capassess.model.answers import Answer, Subject

TOP_KEYS = ("questionnaire", "subject", "assessor", "date", "answers")
ANSWER_KEYS = ("value", "evidence", "note")
SUBJECT_KEYS = ("id", "name", "kind", "group")
Indent = tuple[int, int, int]
NEW_FILE_INDENT: Indent = (2, 4, 2)


NULL_WORD = re.compile(r":[ \t]+null[ \t]*(#.*)?$", re.MULTILINE)


class NullWordRepresenter(RoundTripRepresenter):
    """Writes ``null`` where the round-trip dumper would leave the value empty."""


NullWordRepresenter.add_representer(
    type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
)


def _yaml(indent: Indent, null_word: bool = False) -> YAML:
    yaml = YAML(typ="rt")
    if null_word:  # the file says `key: null`: keep saying it
        yaml.Representer = NullWordRepresenter
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long evidence line
    yaml.allow_unicode = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _guess_indent(text: str) -> tuple[Any, Indent]:
    """Load ``text`` round-trip and guess the indentation it was written with."""
    probe = _yaml(NEW_FILE_INDENT)
    tree, indent, block_seq = load_yaml_guess_indent(text, yaml=probe)
    if indent is None:
        return tree, NEW_FILE_INDENT
    if block_seq is None:
        return tree, (indent, indent + 2, 2)
    return tree, (block_seq or indent, indent, block_seq)


def _node(value: Any) -> Any:
    """A YAML node for a plain value; lists are written inline: ``[bi, ml]``."""
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    return value


def _replace(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``mapping[key]``; a list replaces an existing list in place, keeping its style."""
    current = mapping.get(key)
    if isinstance(value, list) and isinstance(current, CommentedSeq):
        current[:] = value
        return
    _insert_at(mapping, key, _node(value), order)


def _insert_at(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
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


def _update_group(subject: CommentedMap, group: dict[str, str]) -> None:
    """Set the subject's group, editing an existing mapping in place."""
    current = subject.get("group")
    if not group:
        subject.pop("group", None)
    elif isinstance(current, CommentedMap):
        for name, value in group.items():
            _insert_at(current, name, value, list(group))
        for name in [k for k in current if k not in group]:
            del current[name]
    else:
        _insert_at(subject, "group", CommentedMap(group), SUBJECT_KEYS)


def _sync_folder(folder: Path) -> None:
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


MAX_EDIT_CHARS = 2 * 1024 * 1024


class AnswersFile:
    """An answers file being edited: its round-trip tree and where it is saved."""

    def __init__(
        self, path: str | Path, tree: CommentedMap, indent: Indent, text: str | None = None
    ) -> None:
        self.path = Path(path)
        self.tree = tree
        self.indent = indent
        self.saved_text = text  # what is on disk, so that an unchanged file is not rewritten
        self.null_word = bool(text and NULL_WORD.search(text))

    @classmethod
    def create(cls, path: str | Path, questionnaire_ref: str) -> AnswersFile:
        """A new answers file for ``questionnaire_ref``, not yet written."""
        tree = CommentedMap()
        tree["questionnaire"] = questionnaire_ref
        tree.yaml_set_start_comment(
            f"capassess answers ({questionnaire_ref}). Edit by hand, or continue with\n"
            f"capassess assess --resume -o {Path(path).name}"
        )
        return cls(path, tree, NEW_FILE_INDENT)

    @classmethod
    def open(cls, path: str | Path) -> AnswersFile:
        """Open an existing answers file for editing; raise ``InputError`` if unreadable."""
        doc = read_yaml(path)  # refuses unsafe tags and alias bombs, with locations
        if len(doc.text or "") > MAX_EDIT_CHARS:
            # Editing keeps comments and layout, which needs the slow round-trip parser.
            raise InputError.at(
                f"the file is too large to edit (over {MAX_EDIT_CHARS >> 20} MiB); "
                "answers files hold a few hundred answers",
                str(path),
            )
        if not isinstance(doc.data, dict):
            raise InputError.at("expected an answers file (a mapping of fields)", str(path), 1, 1)
        text = doc.text or ""
        tree, indent = _guess_indent(text)
        return cls(path, tree, indent, text)

    def _top(self, key: str, value: Any) -> None:
        _insert_at(self.tree, key, value, TOP_KEYS)

    def set_assessor(self, assessor: str | None) -> None:
        """Set or remove the assessor."""
        self._set_or_remove(self.tree, "assessor", assessor, TOP_KEYS)

    def set_date(self, date: dt.date | None) -> None:
        """Set or remove the assessment date."""
        self._set_or_remove(self.tree, "date", date, TOP_KEYS)

    def set_subject(self, subject: Subject) -> None:
        """Write the subject, keeping the style (and comments) of an existing one."""
        node = self.tree.get("subject")
        existed = isinstance(node, CommentedMap)
        if not isinstance(node, CommentedMap):
            node = CommentedMap()
            self._top("subject", node)
        self._set_or_remove(node, "id", subject.id, SUBJECT_KEYS)
        self._set_or_remove(node, "name", subject.name, SUBJECT_KEYS)
        if not (existed and "kind" not in node and subject.kind == "bank"):
            self._set_or_remove(node, "kind", subject.kind, SUBJECT_KEYS)  # bank stays implicit
        _update_group(node, subject.group)

    @staticmethod
    def _set_or_remove(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
        if value is None:
            node.pop(key, None)
        elif node.get(key) != value:
            _insert_at(node, key, value, order)

    def _answers(self) -> CommentedMap:
        node = self.tree.get("answers")
        if not isinstance(node, CommentedMap):
            node = CommentedMap()
            self._top("answers", node)
        return node

    def set_answer(self, qid: str, answer: Answer | None, order: Sequence[str]) -> None:
        """Write (or with ``None`` remove) one answer; new ones go in questionnaire order."""
        answers = self._answers()
        if answer is None:
            answers.pop(qid, None)
            return
        fields = {k: getattr(answer, k) for k in ANSWER_KEYS if getattr(answer, k) is not None}
        current = answers.get(qid)
        if isinstance(current, CommentedMap):
            for key in ANSWER_KEYS:
                if key not in fields:
                    if current.get(key) is not None:  # an explicit `key: null` may stay
                        del current[key]
                elif current.get(key) != fields[key]:
                    _replace(current, key, fields[key], ANSWER_KEYS)
            return
        if set(fields) == {"value"} and qid in answers:
            _replace(answers, qid, fields["value"], order)  # keep the short form `id: value`
            return
        node = CommentedMap((k, _node(v)) for k, v in fields.items())
        _insert_at(answers, qid, node, order)

    def dumps(self) -> str:
        """The file's text as it would be saved."""
        out = StringIO()
        _yaml(self.indent, self.null_word).dump(self.tree, out)
        return out.getvalue()

    def save(self) -> None:
        """Write the file atomically and durably, unless it is unchanged.

        Raise ``OutputError`` if it cannot be written.
        """
        text = self.dumps()
        if text == self.saved_text and self.path.exists():
            return
        write_atomic(self.path, text, editing=True)
        _sync_folder(self.path.resolve().parent)
        self.saved_text = text
