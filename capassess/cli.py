"""The command line: parse options, call one function, print. Heavy imports stay lazy."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import Any, NoReturn

import click

from capassess import __version__
from capassess.options import table_or_json

# The collector's first round comes after every 700 new objects by default: importing
# the libraries and reading a questionnaire make hundreds of thousands, nearly all kept,
# so some 3 % of a short command went to rounds that freed next to nothing. Rounds come
# after every 100,000 objects; a full round still follows ten of the middle ones.
gc.set_threshold(100_000, 50, 10)

LANG = click.Choice(["en", "zh"])
SCHEMA_KINDS = ("questionnaire", "answers", "target", "matrix", "benchmark")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Commands that live in capassess.commands.*, imported only when run or asked for help:
# name -> (module, function, summary). The summary is what `capassess --help` lists; a
# test keeps it equal to the first paragraph of the command's own help.
LAZY: dict[str, tuple[str, str, str]] = {
    "assess": (
        "capassess.commands.assess",
        "assess",
        "Interview a bank: ask each question in turn, saving the answers file after each one.",
    ),
    "benchmark": (
        "capassess.commands.benchmark",
        "benchmark",
        "Build peer benchmark packs from many assessments, and show what a pack holds.",
    ),
    "batch": (
        "capassess.commands.batch",
        "batch",
        "Score many units (branches) from CSV, XLSX or folders of answers files.",
    ),
    "compare": (
        "capassess.commands.planning",
        "compare",
        "Compare two assessments: scores, levels and answers that changed.",
    ),
    "demo": (
        "capassess.commands.reporting",
        "demo",
        "Score the bundled example bank, plan, and write its reports and decks in both languages.",
    ),
    "merge": (
        "capassess.commands.merge",
        "merge",
        "Merge several respondents' answers for one bank into one answers file.",
    ),
    "plan": (
        "capassess.commands.planning",
        "plan",
        "Show the gaps to target and a phased, dependency-ordered roadmap.",
    ),
    "report": (
        "capassess.commands.reporting",
        "report",
        "Write an assessment's report: HTML (one offline file), PDF, PowerPoint, Markdown or JSON.",
    ),
    "score": (
        "capassess.commands.scoring",
        "score",
        "Score an answers file: overall, per dimension and per capability.",
    ),
    "template": (
        "capassess.commands.batch",
        "template",
        "Write a blank collection sheet for branches to fill in.",
    ),
    "weights": (
        "capassess.commands.scoring",
        "weights",
        "Derive and check weights (AHP pairwise matrices).",
    ),
}


class CapassessGroup(click.Group):
    """A group that turns capassess errors into messages and exit codes, once.

    Commands named in ``LAZY`` are imported on first use, so ``--help`` and the light
    commands do not pay for the others.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY:
            import importlib

            module, attr, _summary = LAZY[cmd_name]
            command = getattr(importlib.import_module(module), attr)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their summaries, without importing the lazy ones."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                command = self.commands[name]
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                summary = click.Command(name, help=LAZY[name][2])
                rows.append((name, summary.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from capassess.errors import CapassessError

        atomic = sys.modules.get("capassess.atomic")  # not imported for it: start-up stays light
        if atomic is not None:
            atomic.forget_made_folders()  # each command says only what it created
        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk or closed pipe is found now, not at exit
            return result
        except CapassessError as exc:
            atomic = sys.modules.get("capassess.atomic")
            if atomic is not None:
                atomic.remove_empty_made_folders()  # a failed command leaves no empty folder
            fail(exc)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except OSError as exc:
            stdout_failed(exc)
        except UnicodeEncodeError as exc:
            stdout_unencodable(exc)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """Parse the options; ``--help`` and ``--version`` print here."""
        try:
            return super().make_context(*args, **kwargs)
        except OSError as exc:
            stdout_failed(exc)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; standard output that cannot be written is an error."""
        from capassess.standard_output import guard_closed_stdout

        # pydantic looks for plugins (validation hooks for monitoring) by reading the
        # metadata of every installed package when the first model is validated; the
        # command line's own models need none. A value the user set is kept.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        from capassess.pydantic_plugins import skip_plugin_scan

        skip_plugin_scan()  # nor does it import the scanner, then
        # Each run protects the inputs it reads (one process may run many); inputs are
        # recorded only once capassess.reading is loaded, which --help need not pay for.
        reading = sys.modules.get("capassess.reading")
        if reading is not None:
            reading.forget_inputs()
        guard_closed_stdout()
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                if sys.stdout is not None:
                    sys.stdout.flush()  # a full disk or closed pipe is found now, not at exit
        except OSError as exc:
            stdout_failed(exc)


def _skip_the_last_collection() -> None:
    """Leave the objects of the run out of the garbage collection the interpreter makes
    as it exits: it would walk every object of every module loaded (a tenth of a short
    command's time) to free memory the process gives back anyway. Runs after every other
    exit handler (it is registered first), when nothing is left to write."""
    gc.freeze()


atexit.register(_skip_the_last_collection)


def stdout_failed(exc: OSError) -> NoReturn:
    """Say that standard output could not be written (a full disk, a closed pipe); an
    error of any other kind is raised again."""
    from capassess.standard_output import is_stdout_error, silence_stdout

    if not is_stdout_error(exc):
        raise exc
    silence_stdout()  # later writes, and the flush at exit, must not fail again
    fail(OSError(f"cannot write standard output: {exc.strerror or exc}"))


def stdout_unencodable(exc: UnicodeEncodeError) -> NoReturn:
    """Say that standard output's encoding cannot hold the text; any other encoding
    error is raised again."""
    from capassess.standard_output import is_stdout_encoding_error, silence_stdout

    if not is_stdout_encoding_error(exc):
        raise exc
    silence_stdout()
    fail(
        OSError(
            f"cannot write standard output: its encoding ({exc.encoding}) cannot hold "
            f"{exc.object[exc.start : exc.start + 1]!a}; set PYTHONIOENCODING=utf-8 or a "
            "UTF-8 locale (LANG=C.UTF-8)"
        )
    )


def fail(exc: Exception) -> NoReturn:
    """Print a capassess error to stderr and exit with its code."""
    from capassess.errors import CapassessError
    from capassess.views.console import message

    if isinstance(exc, CapassessError) and exc.problems:
        for problem in exc.problems:
            message(str(problem), "red" if problem.severity == "error" else "yellow")
    else:
        message(f"{getattr(exc, 'lead', 'error: ')}{exc}", "red")
    sys.exit(getattr(exc, "exit_code", 2))


def user_dirs(ctx: click.Context) -> tuple[str, ...]:
    """The user questionnaire folders given with --questionnaire-dir."""
    obj = ctx.find_root().obj or {}
    return tuple(obj.get("dirs", ()))


@click.group(cls=CapassessGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="capassess")
@click.option(
    "--questionnaire-dir",
    "dirs",
    multiple=True,
    # A folder that is not there is a typo: the shipped questionnaire of the same id
    # would be used in its place, unsaid.
    type=click.Path(file_okay=False, exists=True),
    help="Extra folder of questionnaires (also $CAPASSESS_QUESTIONNAIRES, ':'-separated).",
)
@click.pass_context
def main(ctx: click.Context, dirs: tuple[str, ...]) -> None:
    """Assess a bank's fintech capability maturity, find the gaps, plan the way forward.

    \b
    Examples:
      capassess questionnaires
      capassess show bank-fintech --lang zh
      capassess validate my-questionnaire.yaml answers/acme.yaml
    """
    ctx.obj = {"dirs": dirs}


@main.command("questionnaires")
@table_or_json
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.pass_context
def questionnaires_cmd(ctx: click.Context, fmt: str, lang: str) -> None:
    """List shipped and user questionnaires.

    \b
    Example:
      capassess questionnaires --format json
    """
    from capassess.catalog import list_questionnaires
    from capassess.views.catalog import print_catalog

    entries, problems = list_questionnaires(user_dirs(ctx))
    print_catalog(entries, problems, fmt, lang)


@main.command()
@click.argument("questionnaire")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
    help="Text for the terminal, JSON, or Markdown.",
)
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.pass_context
def show(ctx: click.Context, questionnaire: str, fmt: str, lang: str) -> None:
    """Show a questionnaire's structure, questions and actions.

    QUESTIONNAIRE is a shipped id (bank-fintech), id@version, or a path.

    \b
    Examples:
      capassess show bank-fintech
      capassess show branch-fintech --format md --lang zh > branch.md
    """
    from capassess.catalog import find_questionnaire
    from capassess.views.questionnaire import show_questionnaire

    show_questionnaire(find_questionnaire(questionnaire, user_dirs(ctx)), fmt, lang)  # type: ignore[arg-type]


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], quiet: bool) -> None:
    """Validate questionnaire, answers, target, AHP matrix and benchmark pack files.

    Every problem is printed as path:line:col: field: message. Exit 0 if all files are
    valid (warnings allowed), 2 otherwise.

    \b
    Examples:
      capassess validate questionnaires/*.yaml
      capassess validate examples/acme-bank.yaml targets.yaml
    """
    from capassess.validation import validate_file
    from capassess.views.validation import print_report

    outcomes = [validate_file(path, user_dirs(ctx)) for path in files]
    for outcome in outcomes:
        print_report(outcome, quiet)
    if not all(o.ok for o in outcomes):
        sys.exit(2)


@main.command()
@click.argument("kind", type=click.Choice(list(SCHEMA_KINDS)))
def schema(kind: str) -> None:
    """Print the JSON Schema of a file kind, for editors and yaml-language-server.

    \b
    Example:
      capassess schema questionnaire > questionnaire.schema.json
    """
    from capassess.schemas import schema_json

    click.echo(schema_json(kind))


if __name__ == "__main__":  # pragma: no cover
    main()
