"""The interview loop: show a question, read a line, act on it, save at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from capassess.answers_file import AnswersFile
from capassess.interactive.agenda import Slot
from capassess.interactive.keys import (
    WORDS,
    Command,
    Refused,
    parse_command,
    resolve_value,
    show_value,
)
from capassess.interactive.screen import choices_of, end_view, help_view, question_view
from capassess.interactive.session import Change, Interview, JumpError
from capassess.interactive.terminal import QuitRequested
from capassess.model.answers import NA
from capassess.model.base import Lang
from capassess.model.questionnaire import LevelQuestion, NumberQuestion
from capassess.texts.interview import say
from capassess.values import TypedValue

if TYPE_CHECKING:
    from capassess.interactive.terminal import Terminal


class InterviewLoop:
    """Drive an ``Interview`` from a terminal, writing every change to the answers file."""

    def __init__(self, session: Interview, store: AnswersFile, term: Terminal, lang: Lang):
        self.session = session
        self.store = store
        self.term = term
        self.lang = lang
        self.actions: dict[str, Callable[[Slot, Command], bool]] = {
            "keep": self._keep,
            "value": self._value,
            "na": lambda slot, _: self._give(slot, NA),
            "skip": self._skip,
            "clear": self._clear,
            "back": lambda _, __: self._back(),
            "goto": lambda _, cmd: self._goto(cmd.text),
            "evidence": lambda slot, _: self._evidence(slot, required=False),
            "note": self._note,
            "help": lambda _, __: self._help(),
            "quit": self._quit,
        }

    def run(self) -> None:
        """Ask until the user finishes at the end; ``QuitRequested`` if they quit first."""
        while True:
            slot = self.session.slot
            if slot is None:
                if self._end():
                    return
                continue
            self.term.show(question_view(self.session, slot, self.lang))
            choices = choices_of(slot.question, self.session.questionnaire, self.lang)
            while not self._handle(slot, self.term.read(f"{slot.id}> ", choices)):
                pass

    def _handle(self, slot: Slot, line: str) -> bool:
        """Act on one line; True when the interview moved to another question."""
        command = parse_command(line, slot.question)
        return self.actions[command.kind](slot, command)

    def apply(self, changes: list[Change]) -> None:
        """Write ``changes`` to the answers file and save it now."""
        if not changes:
            return
        for change in changes:
            self.store.set_answer(change.qid, change.answer, self.session.order)
        self.save()
        for change in changes:
            if change.reason == "condition":
                self._removed_notice(change.qid)

    def save(self) -> None:
        """Save the answers file, taking in changes made to it outside the interview."""
        outside = self.store.save()
        if outside:
            self.session.take_outside(outside)
            self.term.note(say(self.lang, "outside_merged", ids=list(outside)), "yellow")

    def _removed_notice(self, qid: str) -> None:
        slot = self.session.slots[self.session.index[qid]]
        old = self.session.stash.get(qid)
        value = show_value(slot.question, old.value if old else None, self.lang) or "-"
        text = say(self.lang, "removed_by_condition", qid=qid, when=slot.question.when, value=value)
        self.term.note(text, "yellow")

    def _give(self, slot: Slot, value: TypedValue) -> bool:
        self.apply(self.session.answer(value))
        self._confirm(slot, value)
        answer = self.session.answers.get(slot.id)
        lacks = answer is None or not (answer.evidence or "").strip()
        if slot.question.evidence == "required" and value != NA and lacks:
            self._evidence(slot, required=True)
        self.session.forward()
        return True

    def _confirm(self, slot: Slot, value: TypedValue) -> None:
        """Say what was recorded: ``a-number: 45% → level 3``."""
        question = slot.question
        shown = show_value(question, value, self.lang)
        if isinstance(question, LevelQuestion) and isinstance(value, int):
            shown += f" ({self.session.questionnaire.level_name(value, self.lang)})"
        if isinstance(question, NumberQuestion) and isinstance(value, (int, float)):
            level = question.level_of(float(value))
            text = say(self.lang, "confirm_level", qid=slot.id, value=shown, level=level)
        else:
            text = say(self.lang, "confirm", qid=slot.id, value=shown)
        self.term.note(text, "green")

    def _keep(self, slot: Slot, command: Command) -> bool:
        """Enter: keep the default answer; with none, leave the question blank and go on."""
        previous = self.session.previous(slot.id)
        if previous is None or previous.is_missing or previous.value is None:
            self.term.note(say(self.lang, "left_blank", qid=slot.id), "yellow")
            self.session.forward()
            return True
        return self._give(slot, previous.value)

    def _value(self, slot: Slot, command: Command) -> bool:
        try:
            value = resolve_value(slot.question, command.text)
        except Refused as exc:
            reason = say(self.lang, exc.key, **exc.fields)
            self.term.note(say(self.lang, "invalid", reason=reason), "red")
            return False
        return self._give(slot, value)

    def _skip(self, slot: Slot, command: Command) -> bool:
        """Move on; an answer the question has stays."""
        self.session.forward()
        return True

    def _clear(self, slot: Slot, command: Command) -> bool:
        """Remove the answer (not its evidence or note), after a yes to a question."""
        answer = self.session.answers.get(slot.id)
        if answer is None or answer.is_missing:
            self.term.note(say(self.lang, "nothing_to_clear", qid=slot.id), "yellow")
            return False
        value = show_value(slot.question, answer.value, self.lang)
        reply = self.term.read(say(self.lang, "clear_ask", qid=slot.id, value=value))
        if reply.strip().lower() not in ("y", "yes", "是", "1"):
            self.term.note(say(self.lang, "clear_kept"), "yellow")
            return False
        self.apply(self.session.clear())
        self.term.note(say(self.lang, "cleared", qid=slot.id), "green")
        return False

    def _back(self) -> bool:
        if self.session.back():
            return True
        self.term.note(say(self.lang, "first"), "yellow")
        return False

    def _goto(self, target: str) -> bool:
        if not target:
            self.term.note(say(self.lang, "need_goto", example=self.session.order[0]), "yellow")
            return False
        try:
            self.session.goto(target)
        except JumpError as exc:
            self.term.note(say(self.lang, exc.key, **exc.fields), "red")
            return False
        return True

    def _read_text(self, prompt: str, current: str | None) -> str | None:
        """Read a free text; ``None`` keeps ``current``, ``""`` removes it. A key typed
        alone is never saved as the text: ``q`` saves and quits, as at every prompt; the
        others leave the text as it was, and say so."""
        keeps = say(self.lang, "text_keeps") if current else ""
        line = self.term.read(say(self.lang, prompt, keeps=keeps)).strip()
        if not line:
            return None
        key = WORDS.get(line.lower())
        if key == "quit":
            raise QuitRequested
        if key is not None and len(line) <= 2:
            self.term.note(say(self.lang, "text_key", typed=line), "yellow")
            return None
        return "" if line == "-" else line

    def _evidence(self, slot: Slot, *, required: bool) -> bool:
        if slot.question.evidence == "none":
            self.term.note(say(self.lang, "no_evidence_here"), "yellow")
            return False
        answer = self.session.answers.get(slot.id)
        current = answer.evidence if answer else None
        prompt = "evidence_required_prompt" if required else "evidence_prompt"
        text = self._read_text(prompt, current)
        if text is not None:
            self.apply(self.session.annotate(evidence=text))
            self.term.note(say(self.lang, "saved_evidence"), "green")
        elif required and not current:
            self.term.note(say(self.lang, "evidence_missing"), "yellow")
        return False

    def _note(self, slot: Slot, command: Command) -> bool:
        answer = self.session.answers.get(slot.id)
        text = self._read_text("note_prompt", answer.note if answer else None)
        if text is not None:
            self.apply(self.session.annotate(note=text))
            self.term.note(say(self.lang, "saved_note"), "green")
        return False

    def _help(self) -> bool:
        self.term.show(help_view(self.lang, str(self.store.path)))
        return False

    def _quit(self, slot: Slot, command: Command) -> bool:
        raise QuitRequested

    def _end(self) -> bool:
        """The end screen; True to finish, False to go on with another question."""
        self.term.show(end_view(self.session, self.lang))
        while True:
            command = parse_command(self.term.read(say(self.lang, "end_prompt")))
            if command.kind == "keep":
                return True
            if command.kind == "quit":
                raise QuitRequested
            if command.kind == "back" and self._back():
                return False
            if command.kind == "goto" and self._goto(command.text):
                return False
            if command.kind == "help":
                self._help()
            elif command.kind not in ("back", "goto"):
                self.term.note(say(self.lang, "end_keys"), "yellow")
