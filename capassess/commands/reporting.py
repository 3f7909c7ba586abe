"""`report` and `demo`: write an assessment's report; run the whole job on the examples."""

from __future__ import annotations

import datetime as dt

import click

from capassess.options import (
    benchmark_options,
    budget_option,
    file_only,
    force_option,
    max_active_option,
    max_major_option,
    max_per_owner_option,
    other_subject_option,
    peer_request,
    plain_name,
    start_option,
)

LANG = click.Choice(["en", "zh"])


@click.command()
@click.argument("answers", type=click.Path(dir_okay=False))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "pptx", "md", "json"]),
    help="Report format [default: from the suffix of FILE, else html].",
)
@click.option("-o", "--output", required=True, metavar="FILE", help="Output file; '-' for stdout.")
@click.option("-t", "--target", help="A target YAML file, or the id of a profile.")
@click.option("--target-level", type=click.IntRange(1, 5), help="One target level for all.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="An earlier answers file.")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option(
    "--template-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Folder of templates that replace the shipped ones by name; a deck.pptx in it is "
    "the PowerPoint master of -f pptx.",
)
@click.option("--title", callback=plain_name, help="Report title [default: per language].")
@click.option(
    "--browser",
    metavar="PATH",
    help="Chromium-family browser that prints -f pdf [default: $CAPASSESS_BROWSER, "
    "else chromium, google-chrome or microsoft-edge on PATH].",
)
@click.option("--model", type=click.Choice(["weighted-mean", "staged"]), help="Scoring model.")
@budget_option
@max_major_option
@max_per_owner_option
@max_active_option
@start_option
@other_subject_option
@benchmark_options
@force_option("an existing FILE that is not a capassess report of the format")
@click.pass_context
def report(
    ctx: click.Context,
    answers: str,
    fmt: str | None,
    output: str,
    target: str | None,
    target_level: int | None,
    baseline: str | None,
    lang: str,
    template_dir: str | None,
    title: str | None,
    browser: str | None,
    model: str | None,
    budget: int | None,
    max_major: int,
    max_per_owner: int,
    max_active: int,
    start: dt.date | None,
    benchmark: str | None,
    peer_group: str | None,
    other_subject: bool,
    force: bool,
) -> None:
    """Write an assessment's report: HTML (one offline file), PDF, PowerPoint, Markdown or JSON.

    \b
    Examples:
      capassess report examples/acme-bank.yaml -f html -o acme.html
      capassess report examples/acme-bank.yaml -f pdf -o acme.pdf --lang zh
      capassess report examples/acme-bank.yaml -f pptx -o acme.pptx --template-dir brand
      capassess report examples/acme-bank.yaml -f md -o acme.md --lang zh \\
          --baseline examples/acme-bank-2025.yaml
      capassess report answers.yaml -f html -o out.html --template-dir my-templates
      capassess report examples/acme-bank.yaml -f md -o acme.md --benchmark peers.yaml
    """
    from capassess.atomic import files_under, refuse_inputs
    from capassess.catalog import questionnaire_files
    from capassess.cli import user_dirs
    from capassess.model.base import Lang
    from capassess.planning import PlanOptions, check_baseline, plan_file
    from capassess.report.render import render_any
    from capassess.views.console import message
    from capassess.views.plan import warn_planned

    if output != "-":  # writing over an input is refused first, whatever its suffix
        inputs = [answers, baseline, target, benchmark, *files_under(template_dir)]
        refuse_inputs([output], [*inputs, *questionnaire_files(user_dirs(ctx))])
    fmt = report_format(fmt, output)
    printer = _browser(browser) if fmt == "pdf" else None
    options = PlanOptions(target, target_level, baseline, budget=budget, max_major=max_major,
                          start=start, max_per_owner=max_per_owner, max_active=max_active,
                          )  # fmt: skip
    planned = plan_file(answers, options, user_dirs(ctx), model=model)
    for warning in check_baseline(planned, other_subject=other_subject):
        message(warning, "yellow")
    request = peer_request(benchmark, peer_group)
    if request is not None:  # the benchmark code is loaded only for --benchmark
        from capassess.benchmark.standing import with_peers

        planned = with_peers(planned, request, user_dirs(ctx))
    language: Lang = "zh" if lang == "zh" else "en"
    warn_planned(planned, language)
    out = render_any(planned, fmt, language, title=title, target=target,
                     template_dir=template_dir, browser=printer)  # fmt: skip
    if output != "-":  # an earlier report is replaced; any other file only with --force
        from capassess.overwrite import refuse_foreign

        refuse_foreign(output, fmt, force=force)
    if isinstance(out, bytes):
        from capassess.commands.outputs import write_output_bytes

        write_output_bytes(output, out, "PDF and PowerPoint")
    else:
        from capassess.commands.outputs import write_output_text

        write_output_text(output, out)


SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".pptx": "pptx",
                  ".md": "md", ".markdown": "md", ".json": "json"}  # fmt: skip


def report_format(fmt: str | None, output: str) -> str:
    """The format to write: ``-f``, else the one ``output``'s suffix names, else html. A
    suffix naming another format than ``-f``, or one capassess does not write, is a usage
    error (a file named .pdf that holds HTML is no use to anyone)."""
    import os

    suffix = os.path.splitext(output)[1].lower() if output != "-" else ""
    named = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        if suffix and named is None:
            raise click.UsageError(
                f"cannot tell the format from {output!r}: give -f html, md, json, pdf or pptx, "
                "or a file ending in .html, .md, .json, .pdf or .pptx"
            )
        return named or "html"
    if named is not None and named != fmt:
        raise click.UsageError(f"-o {output} names a {named} file, but -f is {fmt}")
    return fmt


def _browser(given: str | None) -> str:
    from capassess.report.browser import find_browser

    return find_browser(given)


@click.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="capassess-demo",
    show_default=True,
    type=click.Path(dir_okay=True, file_okay=False),
    callback=file_only,
    help="Folder for the results.",
)
@force_option("files in the folder named like the demo's outputs that capassess did not write")
@click.pass_context
def demo(ctx: click.Context, out_dir: str, force: bool) -> None:
    """Score the bundled example bank, plan, and write its reports and decks in both languages.

    \b
    Example:
      capassess demo -o /tmp/capassess-demo
    """
    from capassess.cli import user_dirs
    from capassess.demo import bundled_demo, next_commands, refuse_foreign_outputs, run_demo
    from capassess.views.console import folder_note

    refuse_foreign_outputs(out_dir, force=force)
    inputs = bundled_demo(user_dirs(ctx))
    written = run_demo(inputs, out_dir)
    click.echo(f"Wrote {len(written)} files{folder_note(out_dir)}:")
    for path in written:
        click.echo(f"  {path}")
    click.echo("\nNext, try:")
    for line in next_commands(inputs, written, out_dir):
        click.echo(f"  {line}")
