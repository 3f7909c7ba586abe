"""The portfolio report: a batch run's units together, a report kind beside the bank report.

This package's names are the report's public entry points for ``capassess.batch``: the
model it fills (``Portfolio`` and its parts) and the functions that render and write it.
Rendering (Jinja, charts) is imported only when called.
"""

from __future__ import annotations

from pathlib import Path

from capassess.report.heat import FAR, NEAR, mean_gap_status
from capassess.report.portfolio.heat import CapabilityHeat, HeatCell, HeatRow
from capassess.report.portfolio.model import (
    Counts,
    InputInfo,
    Portfolio,
    Settings,
    link_reports,
    summary_json,
)
from capassess.report.portfolio.tables import (
    FEW_UNITS,
    Distribution,
    GroupRow,
    LeagueRow,
    PeerCapability,
    PortfolioPeers,
    Stats,
    WeakCapability,
)

__all__ = [
    "FAR", "FEW_UNITS", "NEAR", "CapabilityHeat", "Counts", "Distribution", "GroupRow", "HeatCell",
    "HeatRow", "InputInfo", "LeagueRow", "PeerCapability", "Portfolio", "PortfolioPeers",
    "Settings", "Stats", "WeakCapability", "link_reports", "mean_gap_status", "render_portfolio",
    "summary_json", "write_portfolio", "write_portfolio_pdf",
]  # fmt: skip


def render_portfolio(portfolio: Portfolio, fmt: str, template_dir: str | Path | None = None) -> str:
    """The portfolio report as HTML or Markdown."""
    from capassess.report.portfolio.render import render_portfolio as render

    return render(portfolio, fmt, template_dir)


def write_portfolio(
    folder: Path, portfolio: Portfolio, template_dir: str | Path | None = None
) -> dict[str, str]:
    """Write ``portfolio.html`` and ``portfolio.md`` into ``folder``."""
    from capassess.report.portfolio.render import write_portfolio as write

    return write(folder, portfolio, template_dir)


def write_portfolio_pdf(
    folder: Path, portfolio: Portfolio, browser: str, template_dir: str | Path | None = None
) -> str:
    """Print the portfolio report to ``portfolio.pdf`` in ``folder`` with ``browser``."""
    from capassess.report.portfolio.render import write_portfolio_pdf as write

    return write(folder, portfolio, browser, template_dir)
