"""``capassess assess``: open or start the answers file, fill it, interview, score.

The service behind the command. Every answer is in the file as soon as it is given, so
leaving at any point (``q``, Ctrl-C, a closed terminal, SIGTERM) only has to say so.
"""

from __future__ import annotations

import contextlib
import difflib
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from capassess.answers_file import AnswersFile, OutsideConflict
from capassess.catalog import find_questionnaire, load_assessment
from capassess.errors import CapassessError, InputError
from capassess.figures import counted
from capassess.interactive.agenda import (
    Agenda,
    Slot,
    slots_of,
    split_patterns,
    unmatched_patterns,
)
from capassess.interactive.lock import InterviewLock
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
from capassess.model.answers import Assessment
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.records import record
from capassess.texts.interview import say


@dataclass(frozen=True)
class AssessRequest:
    """What ``capassess assess`` was asked to do."""

    output: Path
    questionnaire: str | None = None
    lang: Lang | None = None  # None: the file's language, else English
    resume: bool = False
    ask: tuple[str, ...] = ()
    review: bool = False
    header: Header = field(default_factory=Header)
    data_file: str | None = None
    data: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()
    respondent: str | None = None


@record
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
    if req.resume and req.review:
        raise InputError(
            "--resume and --review walk different questions: --resume asks the unanswered "
            "ones, --review walks the answered ones with their answers pre-filled. Give one "
            "of them (--ask ID,GLOB re-asks chosen questions, answered or not)"
        )
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
    slots = slots_of(q)
    unmatched = unmatched_patterns(slots, patterns)
    if unmatched:
        raise InputError(
            f"--ask {', '.join(unmatched)}: no question, capability or dimension of {q.id} "
            f"matches{_did_you_mean(slots, unmatched)} (capassess show {q.id} lists the ids)"
        )
    fresh = not (req.ask or req.review)
    return Agenda(unanswered=fresh or req.resume, answered=req.review, patterns=patterns)


def _did_you_mean(slots: list[Slot], unmatched: list[str]) -> str:
    """``; did you mean data-security?`` for mistyped ids."""
    ids = sorted({i for s in slots for i in (s.id, s.capability.id, s.dimension.id)})
    close = sorted({c for p in unmatched for c in difflib.get_close_matches(p, ids, n=3)})
    return f"; did you mean {', '.join(close)}?" if close else ""


def _dir_options(req: AssessRequest) -> str:
    """``--questionnaire-dir`` options that let later commands find the questionnaire."""
    dirs = list(req.dirs)
    if req.questionnaire and Path(req.questionnaire).is_file():
        dirs.append(str(Path(req.questionnaire).parent))
    return "".join(f" --questionnaire-dir {shlex.quote(d)}" for d in dirs)


def resume_hint(req: AssessRequest, lang: Lang = "en") -> str:
    """The command that continues this interview, in its language."""
    options = f" --lang {lang}" if lang != "en" else ""
    path = shlex.quote(str(req.output))
    return f"capassess{_dir_options(req)} assess --resume -o {path}{options}"


def _refuse_without_terminal(session: Interview) -> None:
    pending = session.pending()
    if not pending:
        return
    shown = ", ".join(pending[:10]) + (", ..." if len(pending) > 10 else "")
    raise InputError(
        "standard input is not a terminal, so nobody can answer the "
        f"{counted(len(pending), 'question')} left ({shown}). Run capassess assess in a "
        "terminal, or give the answers with --data ID=VALUE or --data-file FILE; nothing was "
        "written"
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
    header = merge_header(opened.assessment, req.header, q.assesses)
    if not interactive:
        _refuse_without_terminal(session)
        header = require_header(header)
    return session, opened, header


def interview(req: AssessRequest, *, interactive: bool | None = None) -> int:
    """Run the whole ``assess`` job; return the exit code.

    The answers file is locked for the whole run: a second interview on it is refused.
    """
    interactive = is_interactive() if interactive is None else interactive
    with InterviewLock(req.output, req.lang or "en"):
        session, opened, header = prepare(req, interactive)
        stored = opened.assessment.lang if opened.assessment else None
        lang: Lang = req.lang or stored or "en"
        session.respondent = req.respondent
        code = _run(req, lang, session, opened, header, interactive)
    if code is None:
        finish(req, lang)
        return 0
    return code


def _run(
    req: AssessRequest, lang: Lang, session: Interview, opened: Opened, header: Header,
    interactive: bool,
) -> int | None:  # fmt: skip
    """Ask the header and the questions; the exit code if left early, None when done."""
    term = Terminal()
    store = opened.store
    stored = opened.assessment.lang if opened.assessment else None
    try:
        with closing_signals_raise():
            header = ask_header(header, term, lang)
            if opened.assessment is None or req.header != Header():
                write_header(store, header)
            if lang != (stored or "en"):
                store.set_lang(lang)
            session.take_outside(store.save())
            if interactive:
                InterviewLoop(session, store, term, lang).run()
    except QuitRequested:
        return _leave(req, lang, session, store, "saved", 0)
    except KeyboardInterrupt:
        term.console.print()  # end the line the prompt was on
        return _leave(req, lang, session, store, "interrupted", 130)
    except Closed as closed:
        return _leave(req, lang, session, store, "closed", 128 + closed.signum)
    except OutsideConflict as conflict:
        return _stop_on_conflict(req, lang, conflict)
    return None


def _stop_on_conflict(req: AssessRequest, lang: Lang, conflict: OutsideConflict) -> int:
    """Say that both versions were kept, and where; exit 2."""
    ignore_closing_signals()
    from capassess.views.console import message

    text = say(
        lang, "outside_conflict", path=conflict.path, mine=conflict.mine,
        places=list(conflict.places), command=resume_hint(req, lang),
    )  # fmt: skip
    with contextlib.suppress(OSError):
        message(text, "red")
    return 2


def _leave(
    req: AssessRequest, lang: Lang, session: Interview, store: AnswersFile, why: str, code: int
) -> int:
    """Save once more (a no-op unless a save was cut short) and say how to go on."""
    ignore_closing_signals()
    from capassess.views.console import message

    if not store.path.exists():  # left before the subject was known: nothing to save
        with contextlib.suppress(OSError):
            message(say(lang, "left_nothing"), "yellow")
        return code
    # A signal may have cut short the writing of a change into the file: write again
    # every answer this interview changed (and no other: the file may hold newer ones).
    for qid in [q for q in session.order if q in session.touched or q in session.stash]:
        store.set_answer(qid, session.answers.get(qid), session.order)
    try:
        session.take_outside(store.save())
    except OutsideConflict as conflict:
        return _stop_on_conflict(req, lang, conflict)
    key = "left_interrupted" if why == "interrupted" else "left_saved"
    count = sum(1 for s in session.slots if session.is_answered(s.id))
    text = say(lang, key, count=count, path=store.path, command=resume_hint(req, lang))
    with contextlib.suppress(OSError):  # the terminal may be gone
        message(text, "yellow")
    return code


def finish(req: AssessRequest, lang: Lang) -> None:
    """Score the saved file, print the table, the file's path and the next command."""
    from capassess.planning import load_scored
    from capassess.views.console import console, folder_note, message
    from capassess.views.score import print_notes, print_score

    path = str(req.output)
    console().print()
    try:
        scored = load_scored(path, req.dirs, questionnaire=req.questionnaire)
    except CapassessError as exc:
        message(say(lang, "not_scored", reason=exc), "yellow")
    else:
        print_score(scored.result, scored.questionnaire, "table", lang)
        print_notes(scored.result, scored.questionnaire, lang)
    quoted = shlex.quote(path)
    report = f"capassess{_dir_options(req)} report {quoted} -f html -o report.html"
    saved = say(lang, "answers_saved", path=quoted) + folder_note(path, lang)
    console().print(saved, markup=False, soft_wrap=True)
    console().print(say(lang, "next", command=report), markup=False, soft_wrap=True)
