"""Command-line options that several commands share (click only, cheap to import)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from capassess.roadmap_years import FIRST_YEAR, LAST_YEAR

F = TypeVar("F", bound=Callable[..., Any])

table_or_json = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people or JSON for programs.",
)
"""``--format table|json``, passed to the command as ``fmt``."""

max_major_option = click.option(
    "--max-major",
    type=click.IntRange(1, 50),
    default=2,
    show_default=True,
    help="Major projects the bank can run at once; later ones slide.",
)
"""``--max-major N``: capacity for major projects in the roadmap."""


MAX_BUDGET = 10_000
"""More effort points per phase than any questionnaire's actions add up to."""


def _month(ctx: click.Context, param: click.Parameter, text: str | None) -> object:
    """``YYYY-MM`` as the first day of that month (None when not given)."""
    if text is None:
        return None
    import datetime as dt

    try:
        year, month = (int(p) for p in text.strip().split("-"))
        start = dt.date(year, month, 1)
    except ValueError:
        raise click.BadParameter(f"{text!r}: expected a month such as 2026-07") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise click.BadParameter(
            f"{text!r}: a roadmap starts in a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return start


MAX_MONTHS = 120
"""The last phase boundary, in months from the start (ten years)."""


def phase_months(text: str) -> tuple[int, ...]:
    """``--phases``: months from the start, each from 0 to ``MAX_MONTHS``."""
    try:
        months = tuple(int(p) for p in text.split(","))
    except ValueError:
        raise click.BadParameter(f"{text!r}: expected months such as 0,6,18,36") from None
    if any(not 0 <= m <= MAX_MONTHS for m in months):
        raise click.BadParameter(
            f"{text!r}: phase boundaries are months from 0 to {MAX_MONTHS} after the start"
        )
    return months


def file_only(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An ``-o`` that names a file the command keeps working on, writes beside other files,
    or a folder: ``-`` (standard output) is refused, never taken as a file named "-"."""
    if value == "-":
        raise click.BadParameter("'-' (standard output) cannot be used here: give a path")
    return value


budget_option = click.option(
    "--budget",
    type=click.IntRange(max=MAX_BUDGET),
    help=f"Effort points per phase (low=1, medium=3, high=5), at most {MAX_BUDGET}.",
)
"""``--budget P``: effort points each phase can take."""


def force_option(what: str) -> Callable[[F], F]:
    """``--force``: replace an existing file at the output that is ``what``."""
    return click.option("--force", is_flag=True, help=f"Replace {what} [default: refuse].")


other_subject_option = click.option(
    "--other-subject",
    is_flag=True,
    help="Compare with an assessment of another subject id (the same bank under a new id).",
)
"""``--other-subject``: allow two subject ids in a before/after pair (``pairing``)."""


max_per_owner_option = click.option(
    "--max-per-owner",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="Actions one owner (role) can run at once; later ones slide.",
)
"""``--max-per-owner N``: capacity of each owner in the roadmap."""

max_active_option = click.option(
    "--max-active",
    type=click.IntRange(1, 200),
    default=8,
    show_default=True,
    help="Actions the bank can run at once, whoever leads them; later ones slide.",
)
"""``--max-active N``: the bank's capacity for change in the roadmap, all owners together."""

start_option = click.option(
    "--start",
    metavar="YYYY-MM",
    callback=_month,
    help="Calendar month the roadmap starts [default: the assessment's month].",
)
"""``--start YYYY-MM``: month 0 of the roadmap."""


def _peer_group(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not ctx.params.get("benchmark"):
        raise click.BadParameter("needs --benchmark PEERS.yaml")
    return value


def benchmark_options(command: Any) -> Any:
    """``--benchmark PEERS.yaml [--peer-group G]``: place the assessment among its peers."""
    command = click.option(
        "--peer-group",
        metavar="G",
        callback=_peer_group,
        help="Peer group of the pack [default: the subject's bank type or group, or the "
        "pack's only group].",
    )(command)
    return click.option(
        "--benchmark",
        type=click.Path(dir_okay=False),
        metavar="PEERS.yaml",
        is_eager=True,
        help="A benchmark pack: show peer medians and percentile ranks.",
    )(command)


def peer_request(benchmark: str | None, group: str | None) -> Any:
    """The ``PeerRequest`` of the options, or None."""
    if benchmark is None:
        return None
    from capassess.benchmark.standing import PeerRequest

    return PeerRequest(benchmark, group)


def plain_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option's text that outputs show as a name (``report --title``): no control,
    separator or bidirectional character, as names in files (shown_names)."""
    if value is None:
        return None
    from capassess.model.base import control_problem

    problem = control_problem(value)
    if problem is not None:
        raise click.BadParameter(problem)
    return value
