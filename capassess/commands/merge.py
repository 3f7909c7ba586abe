"""``capassess merge``: several respondents' answers for one bank, disagreements listed."""

from __future__ import annotations

import click

from capassess.options import file_only, force_option


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option(
    "-o", "--output", required=True, metavar="MERGED.yaml", type=click.Path(dir_okay=False),
    callback=file_only, help="The merged answers file.",
)  # fmt: skip
@click.option(
    "--rule",
    type=click.Choice(["median", "min", "latest"]),
    default="median",
    show_default=True,
    help="Which answer a question takes: the lower median level, the lowest, or the one "
    "of the latest assessment date.",
)
@force_option("an existing MERGED.yaml")
@click.pass_context
def merge(ctx: click.Context, files: tuple[str, ...], output: str, rule: str, force: bool) -> None:
    """Merge several respondents' answers for one bank into one answers file.

    The files must answer the same questionnaire for the same subject. Evidence and
    notes of every respondent are kept, each after its respondent's name; questions on
    which respondents differ by two levels or more are printed and recorded in the
    merged file under `disagreements`. Exit 0 when merged, 2 for invalid input.

    \b
    Examples:
      capassess assess -q bank-fintech -o cdo.yaml --respondent CDO
      capassess assess -q bank-fintech -o cio.yaml --respondent CIO
      capassess merge cdo.yaml cio.yaml -o acme.yaml --rule median
    """
    from capassess.atomic import refuse_inputs
    from capassess.cli import user_dirs
    from capassess.merge_files import merge_files
    from capassess.overwrite import refuse_existing
    from capassess.views.merge import print_merged

    refuse_inputs([output], files)
    refuse_existing(output, force=force, what="a merged answers file")
    merged = merge_files(files, output, rule, user_dirs(ctx))  # type: ignore[arg-type]
    print_merged(merged, files, output, rule)
