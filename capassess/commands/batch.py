"""`template` and `batch`: the branch collection sheet, and scoring many units at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from capassess.options import benchmark_options, file_only, force_option

LANG = click.Choice(["en", "zh"])
MODELS = click.Choice(["weighted-mean", "staged"])
DEFAULT_QUESTIONNAIRE = "branch-fintech"

if TYPE_CHECKING:
    from capassess.model.base import Lang


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [f for f in chosen if f not in ("html", "md")]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: expected html, md or html,md")
    return chosen


def _printer(pdf: bool, browser: str | None) -> str | None:
    """The browser that prints the portfolio's PDF, when ``--pdf`` asks for one."""
    if browser and not pdf:
        raise click.UsageError("--browser names the browser that prints --pdf: add --pdf")
    if not pdf:
        return None
    from capassess.report.browser import find_browser

    return find_browser(browser)


SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


def sheet_format(fmt: str | None, output: str, lang: Lang) -> str:
    """The sheet format: ``-f``, else the one ``output``'s suffix names, else xlsx. A
    suffix naming the other format than ``-f``, or one no sheet format has, is a usage
    error (a workbook named .csv, or a CSV named .xlsx, opens as garbage)."""
    import os

    from capassess.texts import say

    suffix = os.path.splitext(output)[1].lower()
    named = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        if suffix and named is None:
            raise click.UsageError(say("batch", lang, "sheet_suffix_unknown", output=output))
        return named or "xlsx"
    if named is not None and named != fmt:
        raise click.UsageError(
            say("batch", lang, "sheet_suffix_other", output=output, named=named, fmt=fmt)
        )
    return fmt


@click.command()
@click.option(
    "-q",
    "--questionnaire",
    default=DEFAULT_QUESTIONNAIRE,
    show_default=True,
    metavar="PATH_OR_ID",
    help="The questionnaire the sheet collects answers for.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    help="Sheet format [default: from the suffix of FILE, .csv or .xlsx; none: xlsx].",
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--lang", type=LANG, default="en", show_default=True, help="Language of labels.")
@click.option(
    "--labels/--no-labels",
    default=None,
    help="Add the label row (first cell #label) of question texts; in CSV with their "
    "allowed values [default: on].",
)
@click.option(
    "--group",
    "groups",
    multiple=True,
    default=("region",),
    show_default=True,
    help="A group column after id and name (repeat for more).",
)
@force_option("an existing FILE (a sheet that may have been filled in)")
@click.pass_context
def template(
    ctx: click.Context, questionnaire: str, fmt: str | None, output: str, lang: str,
    labels: bool | None, groups: tuple[str, ...], force: bool,
) -> None:  # fmt: skip
    """Write a blank collection sheet for branches to fill in.

    The sheet has columns id, name, the group columns, then one per question id. The
    second row holds the question texts (its first cell is #label, which batch skips;
    in CSV each text ends with the values allowed, such as [1-5]). In XLSX cells have
    drop-downs and range checks, and a "questions" sheet explains every question.

    \b
    Examples:
      capassess template -o branches.xlsx
      capassess template -q branch-fintech -f csv -o branches.csv --lang zh
    """
    from capassess.atomic import refuse_inputs
    from capassess.batch.template import TemplateOptions, write_template
    from capassess.catalog import find_questionnaire
    from capassess.cli import user_dirs
    from capassess.errors import one_line
    from capassess.overwrite import refuse_existing
    from capassess.sheet_columns import refuse_unreadable_header
    from capassess.views.console import folder_note, message

    refuse_inputs([output], [questionnaire])
    language: Lang = "zh" if lang == "zh" else "en"
    options = TemplateOptions(sheet_format(fmt, output, language), language,
                              labels is not False, groups)  # fmt: skip
    q = find_questionnaire(questionnaire, user_dirs(ctx))
    refuse_unreadable_header(q, options)
    if output == "-":  # to stdout, as report -o - does
        from capassess.batch.template import template_data
        from capassess.commands.outputs import write_output_bytes, write_output_text

        data = template_data(q, options)
        if isinstance(data, bytes):
            write_output_bytes(output, data, "XLSX")
        else:
            write_output_text(output, data)
        return
    refuse_existing(output, force=force, what="a collection sheet")
    path = write_template(q, output, options)
    message(f"wrote {one_line(str(path))}{folder_note(path)}", "green")


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False),
    callback=file_only,
    metavar="OUTDIR",
    help="Folder for scores, rejected rows and reports.",
)
@click.option(
    "-q", "--questionnaire", default=DEFAULT_QUESTIONNAIRE, show_default=True, metavar="PATH_OR_ID"
)
@click.option("--group-by", metavar="COL", help="Roll up and map by this group column.")
@click.option("--reports", default="", metavar="html,md", help="Also one report per unit.")
@click.option("--rank", type=click.Choice(["score", "topsis"]), default="score", show_default=True)
@click.option(
    "--weights",
    default="model",
    show_default=True,
    metavar="model|entropy|blend:ALPHA",
    help="Criterion weights for ranking.",
)
@click.option(
    "--lenient", is_flag=True, help="Score rows with invalid cells, ignoring those cells."
)
@click.option("--allow-rejects", is_flag=True, help="Exit 0 even if rows were rejected.")
@click.option(
    "--encoding", metavar="ENC", help="CSV encoding [default: UTF-8 or GB18030, detected]."
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for per-unit reports.",
)
@click.option("--model", type=MODELS, help="Scoring model [default: the questionnaire's].")
@click.option(
    "--missing",
    type=click.Choice(["lowest", "exclude", "error"]),
    help="Missing answers [default: the questionnaire's].",
)
@click.option(
    "--top",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Units at the top and bottom of the league table.",
)
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option(
    "--template-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Your own report templates (portfolio and per-unit reports).",
)
@click.option("--bank-name", metavar="NAME", help="The bank's name on the portfolio report.")
@click.option(
    "--pdf", is_flag=True, help="Also print the portfolio report to portfolio.pdf with a browser."
)
@click.option(
    "--browser",
    metavar="PATH",
    help="Chromium-family browser that prints --pdf [default: $CAPASSESS_BROWSER, "
    "else chromium, google-chrome or microsoft-edge on PATH].",
)
@benchmark_options
@force_option("files in OUTDIR named like the outputs that no earlier batch wrote")
@click.pass_context
def batch(
    ctx: click.Context, inputs: tuple[str, ...], outdir: str, questionnaire: str,
    group_by: str | None, reports: str, rank: str, weights: str, lenient: bool,
    allow_rejects: bool, encoding: str | None, jobs: int, model: str | None,
    missing: str | None, top: int, lang: str, template_dir: str | None, benchmark: str | None,
    peer_group: str | None, bank_name: str | None, pdf: bool, browser: str | None, force: bool,
) -> None:  # fmt: skip
    """Score many units (branches) from CSV, XLSX or folders of answers files.

    Every cell is checked; a row with an invalid cell is rejected with all its reasons
    into OUTDIR/rejected.csv. Writes scores.csv, scores.xlsx, summary.json and the
    portfolio report (portfolio.html, portfolio.md); with --pdf, portfolio.pdf printed by
    a local Chrome, Edge or Chromium as report -f pdf prints; with --benchmark, peers.csv.
    Exit 0 if every row was scored, 1 if any was rejected (0 with --allow-rejects), 2
    for unusable input.

    \b
    Examples:
      capassess batch examples/branches.csv -o out --group-by region
      capassess batch east.xlsx west.csv answers/ -o out --rank topsis --weights blend:0.5
      capassess batch big.csv -o out --reports html,md --jobs 4 --allow-rejects
      capassess batch examples/branches.csv -o out --benchmark peers.yaml
      capassess batch examples/branches.csv -o out --group-by region --pdf --bank-name "Acme"
    """
    from capassess.batch.arrow import numpy_with_one_blas_thread

    numpy_with_one_blas_thread()  # before pyarrow, which imports numpy
    from capassess.batch.runner import OUTPUT_FILES, UNITS, BatchOptions, run_batch
    from capassess.batch.terminal import BatchProgress, check_rejects, print_summary
    from capassess.batch.wording import localise_error
    from capassess.catalog import find_questionnaire
    from capassess.cli import user_dirs
    from capassess.errors import CapassessError
    from capassess.overwrite import refuse_foreign_set

    refuse_foreign_set(outdir, (*OUTPUT_FILES, UNITS), force=force, inputs=inputs)
    printer = _printer(pdf, browser)  # no browser: exit 2 before any work
    options = BatchOptions(inputs, outdir, group_by, _formats(reports), rank, weights, lenient,
                           encoding, jobs, model, missing, top, "zh" if lang == "zh" else "en",
                           template_dir, benchmark, peer_group,
                           (bank_name or "").strip() or None, printer)  # fmt: skip
    q = find_questionnaire(questionnaire, user_dirs(ctx))
    try:
        with BatchProgress(lang=options.lang) as progress:
            result = run_batch(options, q, progress)
    except CapassessError as exc:
        raise localise_error(exc, options.lang) from None
    print_summary(result, options.lang)
    check_rejects(result, allow_rejects, options.lang)
