"""`benchmark build` and `benchmark show`: peer benchmark packs."""

from __future__ import annotations

import click

from capassess.options import file_only, force_option, table_or_json


@click.group()
def benchmark() -> None:
    """Build peer benchmark packs from many assessments, and show what a pack holds.

    \b
    Examples:
      capassess benchmark build assessments/ -o peers.yaml --by bank-type
      capassess benchmark show peers.yaml
      capassess report examples/acme-bank.yaml -f html -o acme.html --benchmark peers.yaml
    """


@benchmark.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="PEERS.yaml",
    callback=file_only,
)
@click.option("--by", metavar="bank-type|COL", help="Peer groups: by bank type or a group column "
              "[default: one group, 'all'].")  # fmt: skip
@click.option("--min-group", type=click.IntRange(2, None), default=5, show_default=True,
              metavar="K", help="Leave out groups (and nodes) of fewer than K units.")  # fmt: skip
@click.option("-q", "--questionnaire", metavar="PATH_OR_ID",
              help="[default: the one the first answers file names].")  # fmt: skip
@click.option("--model", type=click.Choice(["weighted-mean", "staged"]), help="Scoring model.")
@click.option(
    "--missing", type=click.Choice(["lowest", "exclude", "error"]), help="Missing answers."
)
@click.option("--title", help="A title for the pack.")
@click.option("--illustrative", is_flag=True, help="Mark the pack as made-up, for demonstration.")
@force_option("an existing file that is not a benchmark pack")
@click.pass_context
def build(
    ctx: click.Context, inputs: tuple[str, ...], output: str, by: str | None, min_group: int,
    questionnaire: str | None, model: str | None, missing: str | None, title: str | None,
    illustrative: bool, force: bool,
) -> None:  # fmt: skip
    """Build a pack: per peer group and node, the count and 10/25/50/75/90th percentiles.

    INPUTS are answers files, folders of them, and batch CSV or XLSX files. Groups and
    nodes with fewer than K units are left out, and said so on stderr. Exit 0 when
    written (rows that could not be scored are listed and left out), 2 for bad input.

    \b
    Examples:
      capassess benchmark build assessments/ -o peers.yaml --by bank-type
      capassess benchmark build branches.csv -q branch-fintech -o peers.yaml --by region
    """
    from capassess.benchmark.service import BuildRequest, build_benchmark
    from capassess.cli import user_dirs
    from capassess.views.benchmark import print_build

    request = BuildRequest(inputs, output, by, min_group, questionnaire, model, missing, title,
                           illustrative, force)  # fmt: skip
    print_build(build_benchmark(request, user_dirs(ctx)))


@benchmark.command("show")
@click.argument("pack", type=click.Path(dir_okay=False))
@table_or_json
@click.pass_context
def show(ctx: click.Context, pack: str, fmt: str) -> None:
    """Print what a pack holds: groups, their sizes and the percentiles of each node.

    \b
    Example:
      capassess benchmark show peers.yaml --format json
    """
    from capassess.benchmark.pack_file import load_pack
    from capassess.cli import user_dirs
    from capassess.views.benchmark import print_pack

    print_pack(load_pack(pack, None, user_dirs(ctx)), fmt)
