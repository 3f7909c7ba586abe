"""Answers files edited in place: round-trip YAML that keeps comments, saved atomically.

The interview rewrites the answers file after every answer. The file is loaded with
ruamel.yaml's round-trip loader, changed key by key and dumped again, so comments,
key order, quoting and flow or block style written by hand survive. Every save goes
through a temporary file in the same folder (flush, fsync, ``os.replace``, fsync of the
folder), so a reader, or a crash, sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from capassess.atomic import output_error, write_atomic
from capassess.errors import CapassessError, InputError
from capassess.loading import read_yaml
from capassess.model.answers import Answer, Subject
from capassess.outside_edits import MISSING, Resolution, answer_fields, merge_outside
from capassess.yaml_edit import (
    NEW_FILE_INDENT,
    NULL_WORD,
    Indent,
    flow_node,
    guess_indent,
    insert_at,
    replace_key,
    round_trip_yaml,
    sync_folder,
    update_group,
)

TOP_KEYS = ("questionnaire", "subject", "assessor", "date", "lang", "interviewees", "answers",
            "disagreements")  # fmt: skip
ANSWER_KEYS = ("value", "evidence", "note", "respondent")
SUBJECT_KEYS = ("id", "name", "kind", "group")


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
        self.order: Sequence[str] = ()  # question order, for answers merged from outside

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
        tree, indent = guess_indent(text)
        return cls(path, tree, indent, text)

    def _top(self, key: str, value: Any) -> None:
        insert_at(self.tree, key, value, TOP_KEYS)

    def set_assessor(self, assessor: str | None) -> None:
        """Set or remove the assessor."""
        self._set_or_remove(self.tree, "assessor", assessor, TOP_KEYS)

    def set_lang(self, lang: str | None) -> None:
        """Set or remove the language the interview is held in."""
        self._set_or_remove(self.tree, "lang", lang, TOP_KEYS)

    def set_interviewees(self, people: Sequence[dict[str, Any]]) -> None:
        """Set (or with none, remove) the people interviewed, one flow mapping each."""
        if not people:
            self.tree.pop("interviewees", None)
            return
        seq = CommentedSeq()
        for person in people:
            node = CommentedMap((k, v) for k, v in person.items() if v is not None)
            node.fa.set_flow_style()
            seq.append(node)
        self._top("interviewees", seq)

    def set_disagreements(self, items: Sequence[dict[str, Any]]) -> None:
        """Set (or with none, remove) the list of questions respondents disagree on."""
        if not items:
            self.tree.pop("disagreements", None)
            return
        seq = CommentedSeq()
        for item in items:
            node = CommentedMap((k, v) for k, v in item.items() if k != "levels")
            levels = CommentedMap(item.get("levels", {}))
            levels.fa.set_flow_style()
            node["levels"] = levels
            seq.append(node)
        self._top("disagreements", seq)

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
        update_group(node, subject.group, SUBJECT_KEYS)

    @staticmethod
    def _set_or_remove(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
        if value is None:
            node.pop(key, None)
        elif node.get(key) != value:
            insert_at(node, key, value, order)

    def _answers(self) -> CommentedMap:
        node = self.tree.get("answers")
        if not isinstance(node, CommentedMap):
            node = CommentedMap()
            self._top("answers", node)
        return node

    def set_answer(self, qid: str, answer: Answer | None, order: Sequence[str]) -> None:
        """Write (or with ``None`` remove) one answer; new ones go in questionnaire order."""
        self.order = order
        if answer is None:
            self._answers().pop(qid, None)
            return
        fields = {k: getattr(answer, k) for k in ANSWER_KEYS if getattr(answer, k) is not None}
        self._set_fields(qid, fields, order)

    def _set_fields(self, qid: str, fields: dict[str, Any], order: Sequence[str]) -> None:
        answers = self._answers()
        current = answers.get(qid)
        if isinstance(current, CommentedMap):
            for key in [*ANSWER_KEYS, *(k for k in current if k not in ANSWER_KEYS)]:
                if key not in fields:
                    if current.get(key) is not None:  # an explicit `key: null` may stay
                        del current[key]
                elif current.get(key) != fields[key]:
                    replace_key(current, key, fields[key], ANSWER_KEYS)
            for key in (k for k in fields if k not in current):
                replace_key(current, key, fields[key], ANSWER_KEYS)
            return
        if set(fields) == {"value"} and qid in answers:
            replace_key(answers, qid, fields["value"], order)  # keep the short form `id: value`
            return
        node = CommentedMap((k, flow_node(v)) for k, v in fields.items())
        insert_at(answers, qid, node, order)

    def dumps(self) -> str:
        """The file's text as it would be saved."""
        out = StringIO()
        round_trip_yaml(self.indent, self.null_word).dump(self.tree, out)
        return out.getvalue()

    def save(self) -> dict[str, Answer | None]:
        """Write the file atomically and durably, unless it is unchanged.

        Changes made to the file outside this program since it was last read or written
        are merged first; they are returned by question id (``None``: answer removed)
        so that the caller can take them in. Raise ``OutsideConflict`` (nothing is
        overwritten) if they clash with this program's changes, ``OutputError`` if the
        file cannot be written.
        """
        taken = self._merge_outside()
        text = self.dumps()
        if text == self.saved_text and self.path.exists():
            return taken
        write_atomic(self.path, text, editing=True)
        sync_folder(self.path.resolve().parent)
        self.saved_text = text
        return taken

    def _disk_text(self) -> str | None:
        """The file's text now if it differs from what was last read or written."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None  # removed (or never written): writing it loses nothing
        except OSError as exc:
            raise output_error(self.path, exc) from None
        text = raw.decode("utf-8-sig", errors="replace")
        return None if text == self.saved_text else text

    def _merge_outside(self) -> dict[str, Answer | None]:
        theirs_text = self._disk_text()
        if theirs_text is None:
            return {}
        base = _plain_tree(self.saved_text or "")
        try:
            theirs_tree, _ = guess_indent(theirs_text)
        except Exception:  # any YAML error: the outside version cannot be merged
            theirs_tree = None
        if not isinstance(theirs_tree, CommentedMap):
            self._keep_both(["(the file is no longer a readable answers file)"])
        resolution = merge_outside(base, self.tree, theirs_tree)
        if resolution.conflicts:
            self._keep_both(resolution.conflicts)
        self._adopt(theirs_tree, theirs_text, resolution)
        return _as_answers(resolution)

    def _keep_both(self, places: list[str]) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        mine = self.path.with_name(f"{self.path.stem}.interview-{stamp}{self.path.suffix}")
        write_atomic(mine, self.dumps())
        raise OutsideConflict(self.path, mine, places)

    def _adopt(self, theirs: CommentedMap, text: str, resolution: Resolution) -> None:
        """Make the outside version ours, with this program's changes written into it."""
        ours = self.tree
        theirs_answers = theirs.get("answers")
        self.tree, self.saved_text = theirs, text
        self.null_word = self.null_word or bool(NULL_WORD.search(text))
        for key, value in resolution.top.items():
            if value is MISSING:
                self.tree.pop(key, None)
            else:
                self._top(key, ours[key])
        current = theirs_answers if isinstance(theirs_answers, CommentedMap) else {}
        for qid, fields in resolution.answers.items():
            if fields == answer_fields(current.get(qid, MISSING)):
                continue
            if fields:
                self._set_fields(qid, fields, self.order)
            else:
                self._answers().pop(qid, None)


class OutsideConflict(CapassessError):
    """The answers file was changed outside the interview, in the same places."""

    def __init__(self, path: Path, mine: Path, places: list[str]) -> None:
        self.path, self.mine, self.places = path, mine, places
        super().__init__(
            f"{path} was changed outside this interview, in the same places as the "
            f"interview: {', '.join(places)}. Nothing was overwritten: {path} keeps the "
            f"outside version and {mine} holds the interview's. Keep what is right in "
            f"{path}, then go on with --resume"
        )


def _plain_tree(text: str) -> dict[str, Any]:
    tree, _ = guess_indent(text) if text.strip() else (None, None)
    return dict(tree) if isinstance(tree, CommentedMap) else {}


def _as_answers(resolution: Resolution) -> dict[str, Answer | None]:
    out: dict[str, Answer | None] = {}
    for qid, fields in resolution.from_theirs.items():
        try:
            out[str(qid)] = Answer.model_validate(fields) if fields else None
        except ValueError:
            continue  # not a valid answer: it stays in the file, the interview ignores it
    return out
