"""How much text a deck's text box holds: an estimate of the lines each paragraph wraps
to, so that text is split over slides (or set smaller) instead of running off a slide.

The estimate is deliberately generous: Latin characters count 0.55 em (Calibri and its
metric twin Carlito average under 0.5), East Asian wide characters 1 em, and a wrapped
line is taken to lose the width of a word at its end. Text boxes are written with auto-fit
off, so the box never grows past what was measured.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

EMU_PER_PT = 12700
INSET_PT = 14.4  # the left and right insets of a text box (0.1 inch each)
LINE = 1.2  # line height as a multiple of the font size
SPACE_AFTER_PT = 8.0  # space after each paragraph (``Deck.text``)
WORD_LOSS_EM = 4.0  # room a line loses to a word that wraps whole to the next one


def text_em(text: str) -> float:
    """The width of ``text`` in ems of its font size."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def paragraph_lines(text: str, size: float, width_emu: int) -> int:
    """The lines ``text`` wraps to at ``size`` points in a box ``width_emu`` wide."""
    room = width_emu / EMU_PER_PT - INSET_PT
    per_line = max(room / size - WORD_LOSS_EM, 1.0)
    lines, used = 1, 0.0
    for ch in text:
        w = text_em(ch)
        if used + w > per_line:
            lines, used = lines + 1, 0.0
        used += w
    return lines


def text_height(paragraphs: Sequence[str], size: float, width_emu: int) -> int:
    """The height in EMU that ``paragraphs`` take at ``size`` in a box ``width_emu`` wide."""
    points = sum(
        paragraph_lines(p, size, width_emu) * size * LINE + SPACE_AFTER_PT for p in paragraphs
    )
    return int(points * EMU_PER_PT)


def fit_pages(
    paragraphs: Sequence[str], sizes: Sequence[float], box: tuple[int, int]
) -> tuple[float, list[list[str]]]:
    """The largest of ``sizes`` (largest first) at which ``paragraphs`` fit one box of
    ``box`` = (width, height) EMU, with them on one page; else, at the smallest size, the
    paragraphs spread over as many boxes as they need, in order (a paragraph taller than a
    box gets one of its own)."""
    width, height = box
    for size in sizes:
        if text_height(paragraphs, size, width) <= height:
            return size, [list(paragraphs)]
    size = sizes[-1]
    pages: list[list[str]] = [[]]
    for p in paragraphs:
        if pages[-1] and text_height([*pages[-1], p], size, width) > height:
            pages.append([])
        pages[-1].append(p)
    return size, pages
