"""The reports' colours, one place for the SVG charts, the heat maps and the deck.

Hex strings (``#rrggbb``); the deck turns them into PowerPoint colours. The series are
told apart by dash pattern and marker shape as well (``report.svg``), so that every chart
reads in greyscale.
"""

from __future__ import annotations

CURRENT = "#1f4e79"
TARGET = "#b45309"
BASELINE = "#6b7280"
PEER = "#047857"
INK = "#1f2937"
MUTED = "#6b7280"
GRID = "#d1d5db"
PALE = "#f3f4f6"
NAVY = "#14304f"
SILVER = "#9ca3af"
WHITE = "#ffffff"
ZEBRA = "#f7f8fa"
LIGHT = "#c3d2e4"

LEVEL_SHADES = ("#eef2f7", "#dbe4ef", LIGHT, "#a7bdd7", "#8aa7ca")
"""The level band's shade of each level 1-5, lightest first."""

QUADRANT_FILL: dict[str, tuple[str, str]] = {
    "quick-win": (CURRENT, CURRENT),
    "major-project": ("url(#tl-hatch)", CURRENT),
    "initiative": (LIGHT, CURRENT),
    "fill-in": (SILVER, MUTED),
    "deprioritise": (WHITE, INK),
}
"""Fill and stroke of a roadmap bar by action type: solid, hatched (the timeline's
``tl-hatch`` pattern), light, grey, outlined; distinct in grey too."""

HEAT_COLOURS: dict[str, tuple[str, str]] = {
    "met": ("#dcfce7", "#14532d"),
    "near": ("#fef3c7", "#78350f"),
    "far": ("#fee2e2", "#7f1d1d"),
    "na": (WHITE, MUTED),
}
"""Fill and text colour of a heat-map cell by status (as the HTML's ``heat-*`` classes)."""
