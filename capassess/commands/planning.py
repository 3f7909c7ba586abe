"""`plan` and `compare`: gaps, roadmap, and what moved between two assessments."""

from __future__ import annotations

import datetime as dt

import click

from capassess.json_text import to_json
from capassess.options import (
    benchmark_options,
    budget_option,
    max_active_option,
    max_major_option,
    max_per_owner_option,
    other_subject_option,
    peer_request,
    phase_months,
    start_option,
    table_or_json,
)

LANG = click.Choice(["en", "zh"])


@click.command()
@click.argument("answers", type=click.Path(dir_okay=False))
@click.option(
    "-t", "--target", help="A target YAML file, or the id of a profile in the questionnaire."
)
@click.option(
    "--target-level", type=click.IntRange(1, 5), help="One target level for every capability."
)
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="An earlier answers file: show progress."
)
@click.option(
    "--phases",
    default="0,6,18,36",
    show_default=True,
    callback=lambda _ctx, _param, text: phase_months(text),
    help="Phase boundaries in months from the start (0 to 120).",
)
@budget_option
@max_major_option
@max_per_owner_option
@max_active_option
@start_option
@click.option("--model", type=click.Choice(["weighted-mean", "staged"]), help="Scoring model.")
@table_or_json
@click.option("--lang", type=LANG, default="en", show_default=True)
@other_subject_option
@benchmark_options
@click.pass_context
def plan(
    ctx: click.Context, answers: str, target: str | None, target_level: int | None,
    baseline: str | None, phases: tuple[int, ...], budget: int | None, max_major: int,
    max_per_owner: int, max_active: int, start: dt.date | None, model: str | None, fmt: str,
    lang: str,
    benchmark: str | None, peer_group: str | None, other_subject: bool,
) -> None:  # fmt: skip
    """Show the gaps to target and a phased, dependency-ordered roadmap.

    \b
    Examples:
      capassess plan examples/acme-bank.yaml
      capassess plan examples/acme-bank.yaml --target digital-leader --budget 12
      capassess plan examples/acme-bank.yaml --baseline examples/acme-bank-2025.yaml --format json
    """
    from capassess.cli import user_dirs
    from capassess.plan_json import plan_json
    from capassess.planning import PlanOptions, check_baseline, plan_file
    from capassess.views.console import message
    from capassess.views.plan import print_plan, warn_planned

    options = PlanOptions(target, target_level, baseline, phases, budget, max_major,
                          start, max_per_owner, max_active)  # fmt: skip
    planned = plan_file(answers, options, user_dirs(ctx), model=model)
    for warning in check_baseline(planned, other_subject=other_subject):
        message(warning, "yellow")
    request = peer_request(benchmark, peer_group)
    if request is not None:  # the benchmark code is loaded only for --benchmark
        from capassess.benchmark.standing import with_peers

        planned = with_peers(planned, request, user_dirs(ctx))
    warn_planned(planned, "zh" if lang == "zh" else "en")
    if fmt == "json":
        click.echo(to_json(plan_json(planned), ensure_ascii=False, indent=2))
    else:
        print_plan(planned, "zh" if lang == "zh" else "en")


@click.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--model", type=click.Choice(["weighted-mean", "staged"]), help="Scoring model.")
@table_or_json
@click.option("--lang", type=LANG, default="en", show_default=True)
@other_subject_option
@click.pass_context
def compare(
    ctx: click.Context, old: str, new: str, model: str | None, fmt: str, lang: str,
    other_subject: bool,
) -> None:  # fmt: skip
    """Compare two assessments: scores, levels and answers that changed.

    Both must answer one questionnaire (any version of it) for one subject, else exit 2;
    OLD dated after NEW is a warning.

    \b
    Example:
      capassess compare examples/acme-bank-2025.yaml examples/acme-bank.yaml
      capassess compare examples/acme-bank-2025.yaml examples/acme-bank.yaml --lang zh
    """
    from capassess.cli import user_dirs
    from capassess.plan_json import comparison_json
    from capassess.planning import compare_files
    from capassess.views.compare import print_comparison
    from capassess.views.console import message

    comparison = compare_files(old, new, user_dirs(ctx), model=model, other_subject=other_subject)
    for warning in comparison.warnings:
        message(warning, "yellow")
    if fmt == "json":
        click.echo(to_json(comparison_json(comparison), ensure_ascii=False, indent=2))
    else:
        print_comparison(comparison, "zh" if lang == "zh" else "en")
