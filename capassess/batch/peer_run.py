"""``batch --benchmark``: load the pack before reading, place the units after scoring."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from capassess.batch.collect import Units
from capassess.batch.vector import NodeOrder
from capassess.model.questionnaire import Questionnaire
from capassess.records import record
from capassess.report.portfolio import Portfolio

if TYPE_CHECKING:  # the peer code is loaded only for ``--benchmark``
    from capassess.batch.peers import Placement
    from capassess.batch.runner import BatchOptions
    from capassess.model.benchmark import BenchmarkPack


@record
class Placed:
    """The units placed, and the portfolio with its peer section."""

    placement: Placement
    portfolio: Portfolio


@record
class BatchPeers:
    """A checked pack and the group chosen, if any."""

    pack: BenchmarkPack
    source: str
    chosen: str | None
    questionnaire: Questionnaire

    def place(self, units: Units, order: NodeOrder, portfolio: Portfolio) -> Placed:
        """Place ``units``; add the peer section to ``portfolio``."""
        from capassess.batch.peers import place_units, portfolio_peers

        placement = place_units(units, order, self.pack, self.chosen)
        section = portfolio_peers(units, order, placement, self.pack, self.source,
                                  self.questionnaire, portfolio.settings.lang)  # fmt: skip
        return Placed(placement, dataclasses.replace(portfolio, peers=section))


def load_batch_peers(
    options: BatchOptions, questionnaire: Questionnaire, model: str
) -> BatchPeers | None:
    """The pack of ``--benchmark``, checked against the questionnaire and model; else None."""
    if options.benchmark is None:
        return None
    from capassess.benchmark.pack_file import load_pack
    from capassess.errors import InputError
    from capassess.peers import check_fits

    pack = load_pack(options.benchmark, questionnaire)
    check_fits(pack, questionnaire, model, options.benchmark)
    chosen = options.peer_group
    if chosen is not None and chosen not in pack.peer_groups:
        names = ", ".join(pack.peer_groups) or "none"
        raise InputError.at(f"no peer group {chosen!r} in the pack (groups: {names})",
                            options.benchmark)  # fmt: skip
    return BatchPeers(pack, options.benchmark, chosen, questionnaire)
