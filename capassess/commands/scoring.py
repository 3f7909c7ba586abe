"""``capassess score`` and ``capassess weights ahp``: parse options, call, print."""

from __future__ import annotations

import math

import click

from capassess.options import benchmark_options, peer_request, table_or_json

MODELS = click.Choice(["weighted-mean", "staged"])
MISSING = click.Choice(["lowest", "exclude", "error"])
RI_TABLES = click.Choice(["saaty1980", "alonso-lamata2006"])


def finite_number(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Refuse ``nan`` and ``inf``, which no score is below (so a gate would always pass),
    and a gate outside the scores' range 1 to 5, which every score fails or passes."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a finite number")
    if value is not None and not 1 <= value <= 5:
        raise click.BadParameter(f"{value:g}: scores lie between 1 and 5; give X from 1 to 5")
    return value


@click.command()
@click.argument("answers", type=click.Path())
@click.option("-q", "--questionnaire", metavar="PATH_OR_ID", help="Use this questionnaire.")
@click.option("--model", type=MODELS, help="Scoring model [default: the questionnaire's].")
@click.option("--missing", type=MISSING, help="Missing answers [default: the questionnaire's].")
@table_or_json
@click.option(
    "--fail-under",
    type=float,
    callback=finite_number,
    metavar="X",
    help="Exit 1 if the overall score < X.",
)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@benchmark_options
@click.pass_context
def score(
    ctx: click.Context,
    answers: str,
    questionnaire: str | None,
    model: str | None,
    missing: str | None,
    fmt: str,
    fail_under: float | None,
    lang: str,
    benchmark: str | None,
    peer_group: str | None,
) -> None:
    """Score an answers file: overall, per dimension and per capability.

    Exit 0 when scored, 1 when --fail-under is not met, 2 for an invalid file.

    \b
    Examples:
      capassess score examples/acme-bank.yaml
      capassess score examples/acme-bank.yaml --model staged --lang zh
      capassess score answers.yaml --format json --fail-under 2.5 > score.json
      capassess score examples/acme-bank.yaml --benchmark peers.yaml
    """
    from capassess.cli import user_dirs
    from capassess.scorecard import check_gate, score_file
    from capassess.views.console import message
    from capassess.views.score import print_notes, print_score

    scored = score_file(
        answers, questionnaire=questionnaire, model=model, missing=missing, extra=user_dirs(ctx)
    )
    for warning in scored.warnings:
        message(str(warning), "yellow")
    request = peer_request(benchmark, peer_group)
    peers = None
    if request is not None:  # the benchmark code is loaded only for --benchmark
        from capassess.benchmark.standing import peers_of

        peers = peers_of(request, scored.questionnaire, scored.result, user_dirs(ctx))
    print_score(scored.result, scored.questionnaire, fmt, "zh" if lang == "zh" else "en", peers)
    print_notes(scored.result, scored.questionnaire, "zh" if lang == "zh" else "en")
    check_gate(scored.result, fail_under)


@click.group()
def weights() -> None:
    """Derive and check weights (AHP pairwise matrices).

    \b
    Example:
      capassess weights ahp matrix.yaml
    """


@weights.command("ahp")
@click.argument("matrix", type=click.Path())
@click.option("--ri", type=RI_TABLES, default="saaty1980", show_default=True,
              help="Random consistency index table.")  # fmt: skip
@table_or_json
def ahp(matrix: str, ri: str, fmt: str) -> None:
    """Weights, lambda_max, CI, RI and CR of an AHP pairwise matrix file.

    Exit 0 if CR is below its limit (0.10, or the file's accept_cr), 1 if not, 2 for an
    invalid file.

    \b
    Examples:
      capassess weights ahp matrix.yaml
      capassess weights ahp matrix.yaml --ri alonso-lamata2006 --format json
    """
    from capassess.scorecard import analyse_matrix_file, check_consistency
    from capassess.views.score import print_ahp

    parsed, result = analyse_matrix_file(matrix, ri_table=ri)
    print_ahp(parsed, result, fmt)
    check_consistency(result, matrix)
