"""``capassess assess``: the interview. Parse options, call the service, exit with its code."""

from __future__ import annotations

import datetime as dt
import sys

import click

from capassess.options import file_only


def _group(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    from capassess.interactive.subject import parse_group

    try:
        return parse_group(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _person_name(value: str | None) -> str | None:
    """``--respondent`` as an answers file may hold it: one line, no control characters."""
    if not value:
        return None
    from capassess.model.base import NAME_LENGTH, UNSAFE_IN_NAMES

    if len(value) > NAME_LENGTH or any(c in UNSAFE_IN_NAMES for c in value):
        raise click.BadParameter(
            f"a name is one line of plain text of at most {NAME_LENGTH} characters, "
            "without control characters"
        )
    return value


def _date(ctx: click.Context, param: click.Parameter, value: dt.datetime | None) -> object:
    """``--date``, in the years an answers file may be dated in."""
    from capassess.roadmap_years import FIRST_YEAR, LAST_YEAR

    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise click.BadParameter(
            f"{value.date()}: an assessment is dated in a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return value


@click.command()
@click.option(
    "-q",
    "--questionnaire",
    metavar="PATH_OR_ID",
    help="Questionnaire id, id@version or path [default: the one the answers file names].",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    metavar="ANSWERS.yaml",
    type=click.Path(dir_okay=False),
    callback=file_only,
    help="The answers file, saved after every answer.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    help="Language of the interview; it is stored in the answers file and kept on resume "
    "[default: the file's, else en].",
)
@click.option(
    "--resume", is_flag=True, help="Continue an answers file at its first unanswered question."
)
@click.option(
    "--ask",
    multiple=True,
    metavar="ID,GLOB,...",
    help="Re-ask only these questions (ids, capability ids or globs such as 'dg-*').",
)
@click.option("--review", is_flag=True, help="Walk every answered question, answers pre-filled.")
@click.option("--subject-id", help="Id of the bank or branch, e.g. acme-bank.")
@click.option("--name", help="Name of the bank or branch.")
@click.option(
    "--kind",
    type=click.Choice(["bank", "branch"]),
    help="Bank or branch (default: what the questionnaire assesses).",
)
@click.option(
    "--group",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_group,
    help="A grouping such as region=East (repeatable).",
)
@click.option("--assessor", help="Who runs the assessment.")
@click.option(
    "--date",
    type=click.DateTime(["%Y-%m-%d"]),
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Assessment date [default: today].",
)
@click.option(
    "--data-file",
    type=click.Path(dir_okay=False, exists=True),
    help="YAML or JSON mapping of question id to value, answered up front.",
)
@click.option(
    "--data", multiple=True, metavar="ID=VALUE", help="Answer one question up front (repeatable)."
)
@click.option(
    "--respondent",
    metavar="NAME",
    help="Who answers in this interview (e.g. 'CDO Li'); recorded with each answer given.",
    callback=lambda _ctx, _param, value: _person_name(value),
)
@click.pass_context
def assess(
    ctx: click.Context, questionnaire: str | None, output: str, lang: str | None, resume: bool,
    ask: tuple[str, ...], review: bool, subject_id: str | None, name: str | None,
    kind: str | None, group: dict[str, str], assessor: str | None, date: dt.datetime | None,
    data_file: str | None, data: tuple[str, ...], respondent: str | None,
) -> None:  # fmt: skip
    """Interview a bank: ask each question in turn, saving the answers file after each one.

    At every prompt: < back, s skip (keeps an answer), x clear, na not applicable,
    e evidence, n note, g ID go to, ? help, q save and quit. Ctrl-C also saves. The file is
    locked while the interview runs; changes made to it meanwhile are merged. Exit 0 when
    done or saved, 130 after Ctrl-C, 2 for invalid input, a file held by another
    interview, a clashing outside edit (both versions kept) or no terminal while
    questions are left.

    \b
    Examples:
      capassess assess -q bank-fintech -o acme.yaml
      capassess assess -o acme.yaml --resume
      capassess assess -o acme.yaml --ask 'dg-*,open-api' --lang zh
      capassess assess -o acme-cdo.yaml -q bank-fintech --respondent 'CDO Li'
      capassess assess -q bank-fintech -o x.yaml --subject-id x --data-file answers.json < /dev/null
    """
    from pathlib import Path

    from capassess.atomic import refuse_inputs
    from capassess.cli import user_dirs
    from capassess.interactive.app import AssessRequest, interview
    from capassess.interactive.subject import Header

    refuse_inputs([output], [questionnaire, data_file])
    header = Header(subject_id, name, kind, group or None, assessor, date.date() if date else None)
    request = AssessRequest(
        Path(output), questionnaire, "zh" if lang == "zh" else "en" if lang else None, resume,
        ask, review, header, data_file, data, user_dirs(ctx), respondent or None,
    )  # fmt: skip
    code = interview(request)
    if code:
        sys.exit(code)
