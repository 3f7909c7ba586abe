"""The portfolio report's model, built once from a run and shared by HTML, Markdown and
``summary.json``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from capassess import __version__
from capassess.batch.collect import Units
from capassess.batch.heat import CapabilityHeat, capability_heat
from capassess.batch.peers import PortfolioPeers
from capassess.batch.portfolio import (
    Distribution,
    GroupRow,
    LeagueRow,
    WeakCapability,
    decile_rows,
    distribution,
    heat_rows,
    league,
    rollups,
    weakest,
)
from capassess.batch.ranking import Ranking
from capassess.batch.vector import NodeOrder, overall_levels
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.scoring.weights import WeightTree


@dataclass(frozen=True)
class Counts:
    """Every row accounted for: rows = scored + rejected; blank rows are no rows."""

    rows: int
    scored: int
    rejected: int
    blank: int = 0
    duplicates: int = 0
    ignored_cells: int = 0


@dataclass(frozen=True)
class InputInfo:
    """One input as read."""

    path: str
    kind: str
    encoding: str | None
    rows: int
    blank: int
    unknown_columns: tuple[str, ...]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


def build_portfolio(
    units: Units,
    ranking: Ranking,
    questionnaire: Questionnaire,
    tree: WeightTree,
    settings: Settings,
    counts: Counts,
    inputs: tuple[InputInfo, ...],
) -> Portfolio:
    """Aggregate the scored ``units`` into the portfolio report's model."""
    lang = settings.lang
    order = NodeOrder.of(questionnaire)
    dims = tuple((d.id, d.title.get(lang)) for d in questionnaire.sections())
    spread = tuple(distribution(i, t, units.scores[:, 1 + j]) for j, (i, t) in enumerate(dims))
    gated = overall_levels(units.scores, order)
    rows = league(units, ranking, len(dims), settings.group_by, settings.top, gated)
    split = min(settings.top, len(rows))
    groups = rollups(units, settings.group_by, len(dims)) if settings.group_by else []
    heat = heat_rows(groups) if groups else decile_rows(units, len(dims))
    titles = {c.id: c.title.get(lang) for _, c in questionnaire.capabilities()}
    return Portfolio(
        title=questionnaire.title.get(lang),
        generated=dt.date.today().isoformat(),
        tool_version=__version__,
        questionnaire=questionnaire.ref,
        settings=settings,
        counts=counts,
        inputs=inputs,
        dimensions=dims,
        overall=distribution("overall", "overall", units.scores[:, 0], gated),
        distributions=spread,
        top=tuple(rows[:split]),
        bottom=tuple(rows[split:]),
        groups=tuple(groups),
        heat=tuple(heat),
        heat_by="group" if groups else "decile",
        weakest=tuple(weakest(units, questionnaire, tree, order, lang)),
        weights=tuple(
            (c, titles[c], w)
            for c, w in zip(ranking.criteria, ranking.criterion_weights, strict=True)
        ),
        capability_heat=capability_heat(units, questionnaire, settings.group_by, lang),
    )


def summary_json(portfolio: Portfolio, outputs: dict[str, str], seconds: float) -> dict[str, Any]:
    """The content of ``summary.json``: the portfolio, the files written and the time taken."""
    data = dataclasses.asdict(portfolio)
    data["tool"] = {"name": "capassess", "version": data.pop("tool_version")}
    data["outputs"] = outputs
    data["seconds"] = round(seconds, 3)
    return data
