"""Aggregate a batch run's scored units into the portfolio report's model."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from capassess import __version__
from capassess.batch.collect import Units
from capassess.batch.heat_map import capability_heat
from capassess.batch.portfolio import (
    blind_dimensions,
    decile_rows,
    distribution,
    heat_rows,
    league,
    partial,
    rollups,
    unassessed_counted,
    weakest,
)
from capassess.batch.ranking import Ranking
from capassess.batch.vector import NodeOrder, overall_levels
from capassess.model.questionnaire import Questionnaire
from capassess.report.portfolio import Counts, Distribution, InputInfo, Portfolio, Settings
from capassess.scoring.weights import WeightTree

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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
    gated = overall_levels(units.scores, order, units.answered)
    # each dimension's capability columns, and where a unit's score counts one unassessed
    caps = {d: [j for j, c in enumerate(order.capabilities) if order.dimension_of[c] == d]
            for d, _ in dims}  # fmt: skip
    counted = unassessed_counted(units, 1 + len(dims))
    overall, spread = _distributions(units, questionnaire, dims, gated, caps, counted)
    blind = blind_dimensions(counted, list(caps.values()))
    rows = league(units, ranking, len(dims), settings.group_by, settings.top, gated, counted,
                  blind)  # fmt: skip
    split = min(settings.top, len(rows))
    groups = rollups(units, settings.group_by, len(dims), blind) if settings.group_by else []
    heat = heat_rows(groups) if groups else decile_rows(units, len(dims), blind)
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
        overall=overall,
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


def _distributions(
    units: Units,
    questionnaire: Questionnaire,
    dims: tuple[tuple[str, str], ...],
    gated: npt.NDArray[np.float64],
    caps: dict[str, list[int]],
    counted: npt.NDArray[np.bool_],
) -> tuple[Distribution, tuple[Distribution, ...]]:
    """The distribution of the overall scores (``gated`` levels) and of each dimension's;
    ``caps`` holds each dimension's capability columns, ``counted`` is
    ``unassessed_counted``."""
    first = 1 + len(dims)
    spread = tuple(
        distribution(i, t, units.scores[:, 1 + j], None,
                     partial(units, 1 + j, caps[i], first, counted))
        for j, (i, t) in enumerate(dims)
    )  # fmt: skip
    lessons = [j for d in questionnaire.dimensions for j in caps[d.id]]
    held = partial(units, 0, lessons, first, counted)
    return distribution("overall", "overall", units.scores[:, 0], gated, held), spread
