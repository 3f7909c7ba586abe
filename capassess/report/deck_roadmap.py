"""The board deck's roadmap: a Gantt of the scheduled actions, over two slides when one
cannot name every bar legibly."""

from __future__ import annotations

from capassess.report.deck_parts import MUTED, Deck, table_pages
from capassess.report.model import Report

GANTT_ROWS = 24  # bars a roadmap slide names in legible labels
GANTT_SLIDES = 2


def roadmap_pages(count: int) -> list[int]:
    """The bars each roadmap slide holds: at most ``GANTT_ROWS`` a slide over at most
    ``GANTT_SLIDES`` slides, spread evenly; more than those hold are spread over them."""
    sizes, more = table_pages(count, GANTT_ROWS, GANTT_SLIDES)
    if more:
        sizes = [count // GANTT_SLIDES + (i < count % GANTT_SLIDES) for i in range(GANTT_SLIDES)]
    return sizes


def roadmap_slides(deck: Deck, report: Report, t: dict[str, str]) -> None:
    actions = [a for p in report.phases for a in p.actions]
    if not actions:
        slide = deck.slide(t["roadmap"])
        deck.text(slide, deck.body, [report.roadmap_text or t["km_no_roadmap"]], 18)
        return
    x, y, w, h = deck.body
    span = report.advice.span if report.advice else ""
    months = max(a.end_month for a in actions)
    first = 0
    for page, size in enumerate(roadmap_pages(len(actions))):
        slide = deck.slide(t["roadmap"] + ("" if page == 0 else t["deck_continued"]))
        deck.text(slide, (x, y, w, 400000), [span], 13, color=MUTED)
        part = actions[first : first + size]
        first += size
        deck.gantt(
            slide,
            (x, y + 400000, w, h - 400000),
            [(a.title, a.start_month, a.end_month) for a in part],
            title=t["deck_gantt"].format(start=actions[0].start),
            offset_name=t["deck_gantt_start"],
            length_name=t["deck_gantt_length"],
            months=months,
        )
