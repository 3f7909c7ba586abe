"""The portfolio report's model, built once from a batch run (``batch.portfolio``) and
shared by HTML, Markdown and ``summary.json``."""

from __future__ import annotations

import dataclasses
from typing import Any

from capassess.model.base import Lang
from capassess.records import record
from capassess.report.portfolio.heat import CapabilityHeat
from capassess.report.portfolio.tables import (
    Distribution,
    GroupRow,
    LeagueRow,
    PortfolioPeers,
    WeakCapability,
)


@record
class Counts:
    """Every row accounted for: rows = scored + rejected; blank rows are no rows."""

    rows: int
    scored: int
    rejected: int
    blank: int = 0
    duplicates: int = 0
    ignored_cells: int = 0


@record
class InputInfo:
    """One input as read."""

    path: str
    kind: str
    encoding: str | None
    rows: int
    blank: int
    unknown_columns: tuple[str, ...]


@record
class Settings:
    """How the run scored and ranked."""

    model: str
    missing: str
    rank: str
    weights: str
    group_by: str | None
    top: int
    lang: Lang
    lenient: bool


@record
class Portfolio:
    """Everything the portfolio report shows."""

    title: str
    generated: str
    tool_version: str
    questionnaire: str
    settings: Settings
    counts: Counts
    inputs: tuple[InputInfo, ...]
    dimensions: tuple[tuple[str, str], ...]
    overall: Distribution
    distributions: tuple[Distribution, ...]
    top: tuple[LeagueRow, ...]
    bottom: tuple[LeagueRow, ...]
    groups: tuple[GroupRow, ...]
    heat: tuple[GroupRow, ...]
    heat_by: str
    weakest: tuple[WeakCapability, ...]
    weights: tuple[tuple[str, str, float], ...]
    capability_heat: CapabilityHeat
    """Each capability in each group (or tenth) against its target."""
    peers: PortfolioPeers | None = None
    """The units against a benchmark pack, with ``--benchmark``."""
    group_label: str | None = None
    """The group column's label from the template's label row, if it has one."""
    bank: str | None = None
    """The bank's name (``--bank-name``)."""
    unit_reports: tuple[str, ...] = ()
    """The formats of the per-unit reports in ``units/`` (``--reports``)."""


def link_reports(
    portfolio: Portfolio, stems: dict[str, str], formats: tuple[str, ...]
) -> Portfolio:
    """``portfolio`` with each league row given the file name stem of its unit's reports."""
    if not formats:
        return portfolio

    def linked(rows: tuple[LeagueRow, ...]) -> tuple[LeagueRow, ...]:
        return tuple(dataclasses.replace(r, report=stems.get(r.id)) for r in rows)

    return dataclasses.replace(
        portfolio, top=linked(portfolio.top), bottom=linked(portfolio.bottom), unit_reports=formats
    )


def summary_json(portfolio: Portfolio, outputs: dict[str, str], seconds: float) -> dict[str, Any]:
    """The content of ``summary.json``: the portfolio, the files written and the time taken."""
    data = dataclasses.asdict(portfolio)
    data["tool"] = {"name": "capassess", "version": data.pop("tool_version")}
    data["outputs"] = outputs
    data["seconds"] = round(seconds, 3)
    return data
