"""``capassess assess``: open or start the answers file, fill it, interview, score.

The service behind the command. Every answer is in the file as soon as it is given, so
leaving at any point (``q``, Ctrl-C, a closed terminal, SIGTERM) only has to say so.
"""

from __future__ import annotations

import contextlib
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from capassess.answers_file import AnswersFile
from capassess.catalog import find_questionnaire, load_assessment
from capassess.errors import CapassessError, InputError
from capassess.interactive.agenda import Agenda, slots_of, split_patterns, unmatched_patterns
from capassess.interactive.loop import InterviewLoop
from capassess.interactive.prefill import read_data
from capassess.interactive.session import Interview
from capassess.interactive.subject import (
    Header,
    ask_header,
    merge_header,
    require_header,
    write_header,
)
from capassess.interactive.terminal import (
    Closed,
    QuitRequested,
    Terminal,
    closing_signals_raise,
    ignore_closing_signals,
    is_interactive,
)
from capassess.interactive.texts import say
from capassess.model.answers import Assessment
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire


@dataclass(frozen=True)
class AssessRequest:
    """What ``capassess assess`` was asked to do."""

    output: Path
    questionnaire: str | None = None
    lang: Lang = "en"
    resume: bool = False
    ask: tuple[str, ...] = ()
    review: bool = False
    header: Header = field(default_factory=Header)
    data_file: str | None = None
    data: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Opened:
    """The questionnaire, the answers file being edited and what it already holds."""

    questionnaire: Questionnaire
    store: AnswersFile
    assessment: Assessment | None


def open_answers(req: AssessRequest) -> Opened:
    """Open the existing answers file (if asked to go on with it) or start a new one."""
    path = req.output
    exists = path.exists()
    continuing = req.resume or req.ask or req.review
    if exists and not continuing:
        raise InputError(
            f"{path} already exists; nothing was changed. Continue it with --resume, re-ask "
            "some questions with --ask ID,..., or walk all answers with --review"
        )
    if not exists and (req.ask or req.review):
        raise InputError(f"{path} does not exist: there are no answers to re-ask or review")
    chosen = find_questionnaire(req.questionnaire, req.dirs) if req.questionnaire else None
    if exists:
        assessment, q, _ = load_assessment(path, chosen, req.dirs)
        return Opened(q, AnswersFile.open(path), assessment)
    if chosen is None:
        raise InputError(
            "name the questionnaire with -q, e.g. -q bank-fintech (capassess questionnaires "
            "lists them)"
        )
    return Opened(chosen, AnswersFile.create(path, chosen.ref), None)


def build_agenda(req: AssessRequest, q: Questionnaire) -> Agenda:
    """The questions to visit; every --ask pattern must name something."""
    patterns = split_patterns(req.ask)
    unmatched = unmatched_patterns(slots_of(q), patterns)
    if unmatched:
        raise InputError(
            f"--ask {', '.join(unmatched)}: no question, capability or dimension of {q.id} "
            "matches (capassess show " + q.id + " lists the ids)"
        )
    fresh = not (req.ask or req.review)
    return Agenda(unanswered=fresh or req.resume, answered=req.review, patterns=patterns)


def _dir_options(req: AssessRequest) -> str:
    """``--questionnaire-dir`` options that let later commands find the questionnaire."""
    dirs = list(req.dirs)
    if req.questionnaire and Path(req.questionnaire).is_file():
        dirs.append(str(Path(req.questionnaire).parent))
    return "".join(f" --questionnaire-dir {shlex.quote(d)}" for d in dirs)


def resume_hint(req: AssessRequest) -> str:
    """The command that continues this interview."""
    return f"capassess{_dir_options(req)} assess --resume -o {shlex.quote(str(req.output))}"


def _refuse_without_terminal(session: Interview) -> None:
    pending = session.pending()
    if not pending:
        return
    shown = ", ".join(pending[:10]) + (", ..." if len(pending) > 10 else "")
    raise InputError(
        f"standard input is not a terminal, so nobody can answer the {len(pending)} "
        f"question(s) left ({shown}). Run capassess assess in a terminal, or give the "
        "answers with --data ID=VALUE or --data-file FILE; nothing was written"
    )


def prepare(req: AssessRequest, interactive: bool) -> tuple[Interview, Opened, Header]:
    """Everything before the first question: load, check the data, plan the agenda."""
    opened = open_answers(req)
    q = opened.questionnaire
    data = read_data(q, req.data_file, req.data)
    agenda = build_agenda(req, q)
    existing = dict(opened.assessment.answers) if opened.assessment else {}
    session = Interview(q, existing, agenda)
    changes, ignored = session.prefill(data)
    for change in changes:
        opened.store.set_answer(change.qid, change.answer, session.order)
    if ignored:
        from capassess.views.console import message

        message(f"ignored --data for {', '.join(ignored)}: the condition is false", "yellow")
    header = merge_header(opened.assessment, req.header)
    if not interactive:
        _refuse_without_terminal(session)
        header = require_header(header)
    return session, opened, header


def interview(req: AssessRequest, *, interactive: bool | None = None) -> int:
    """Run the whole ``assess`` job; return the exit code."""
    interactive = is_interactive() if interactive is None else interactive
    session, opened, header = prepare(req, interactive)
    term = Terminal()
    store = opened.store
    try:
        with closing_signals_raise():
            header = ask_header(header, term, req.lang)
            if opened.assessment is None or req.header != Header():
                write_header(store, header)
            store.save()
            if interactive:
                InterviewLoop(session, store, term, req.lang).run()
    except QuitRequested:
        return _leave(req, session, store, "saved", 0)
    except KeyboardInterrupt:
        term.console.print()  # end the line the prompt was on
        return _leave(req, session, store, "interrupted", 130)
    except Closed as closed:
        return _leave(req, session, store, "closed", 128 + closed.signum)
    finish(req)
    return 0


def _leave(req: AssessRequest, session: Interview, store: AnswersFile, why: str, code: int) -> int:
    """Save once more (a no-op unless a save was cut short) and say how to go on."""
    ignore_closing_signals()
    from capassess.views.console import message

    if not store.path.exists():  # left before the subject was known: nothing to save
        with contextlib.suppress(OSError):
            message(say(req.lang, "left_nothing"), "yellow")
        return code
    # A signal may have cut short the writing of a change into the file: write them all.
    for qid in session.order:
        store.set_answer(qid, session.answers.get(qid), session.order)
    store.save()
    key = "left_interrupted" if why == "interrupted" else "left_saved"
    count = sum(1 for s in session.slots if session.is_answered(s.id))
    text = say(req.lang, key, count=count, path=store.path, command=resume_hint(req))
    with contextlib.suppress(OSError):  # the terminal may be gone
        message(text, "yellow")
    return code


def finish(req: AssessRequest) -> None:
    """Score the saved file, print the table, the file's path and the next command."""
    from capassess.planning import load_scored
    from capassess.views.console import console, message
    from capassess.views.score import print_notes, print_score

    path = str(req.output)
    console().print()
    try:
        scored = load_scored(path, req.dirs, questionnaire=req.questionnaire)
    except CapassessError as exc:
        message(say(req.lang, "not_scored", reason=exc), "yellow")
    else:
        print_score(scored.result, scored.questionnaire, "table", req.lang)
        print_notes(scored.result)
    quoted = shlex.quote(path)
    report = f"capassess{_dir_options(req)} report {quoted} -f html -o report.html"
    console().print(say(req.lang, "answers_saved", path=quoted), markup=False, soft_wrap=True)
    console().print(say(req.lang, "next", command=report), markup=False, soft_wrap=True)
