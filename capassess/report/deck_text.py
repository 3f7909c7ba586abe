"""The deck's slides of measured text: bullets set to fit and continued over slides when
long (the key messages, the next steps), and the slide of definitions."""

from __future__ import annotations

from capassess.plan_text import definitions
from capassess.report.deck_fit import fit_pages
from capassess.report.deck_parts import Deck
from capassess.report.model import Report
from capassess.texts import words

BULLET_SIZES = (17.0, 16.0, 15.0, 14.0)  # largest first; at the smallest, more slides
STEP_SIZES = (17.0, 16.0, 15.0, 14.0, 13.0, 12.0)
DECK_TERMS = (
    "score",
    "gap",
    "priority",
    "attained",
    "target",
    "provisional",
    "not_assessed",
    "floor",
)
"""The terms the deck's slides use, defined on its last slide."""
Pages = tuple[float, list[list[str]]]


def fit(deck: Deck, lines: list[str], sizes: tuple[float, ...] = BULLET_SIZES) -> Pages:
    """The size and the slides' share of bulleted ``lines`` so that all show on the body."""
    _, _, w, h = deck.body
    return fit_pages(["• " + line for line in lines], sizes, (w, h))


def bulleted(deck: Deck, title: str, lines: list[str], pages: Pages, t: dict[str, str]) -> None:
    """``lines`` as bullets over the slides ``pages`` gives them, "(continued)" after the
    first; ``pages`` was measured on the same lines (see ``fit``)."""
    size, shares = pages
    at = 0
    for i, share in enumerate(shares):
        slide = deck.slide(title + (t["deck_continued"] if i else ""))
        deck.text(slide, deck.body, lines[at : at + len(share)], size, bullets=True)
        at += len(share)


def definitions_slide(deck: Deck, report: Report, t: dict[str, str]) -> None:
    """The terms the deck's figures use, defined as in the report's method section."""
    slide = deck.slide(t["definitions"])
    defined = dict(definitions(report.lang))
    p = words("plan", report.lang)
    rows = [[p[f"term_{k}"], defined[p[f"term_{k}"]]] for k in DECK_TERMS]
    _, _, w, h = deck.body
    size, _ = fit_pages([d for _, d in rows], (12, 11, 10, 9), (int(w * 0.76), h - h // 8))
    deck.table(slide, deck.body, [t["term"], t["definition"]], rows, [0.22, 0.78], size=size)


def _launch_steps(report: Report, t: dict[str, str], past: bool) -> list[str]:
    """Launching phase 1 and its first actions: dated, or to re-date when ``past``."""
    first = report.phases[0].actions if report.phases else ()
    if not first:
        return []
    if past:
        launch = t["deck_step_launch_redate"].format(n=len(first))
        return [launch] + [
            t["deck_step_action_undated"].format(title=a.title, owner=a.owner or "—")
            for a in first[:3]
        ]
    launch = t["deck_step_launch"].format(n=len(first), start=first[0].start)
    return [launch] + [
        t["deck_step_action"].format(title=a.title, owner=a.owner or "—", start=a.start)
        for a in first[:3]
    ]


def next_steps(report: Report, t: dict[str, str]) -> list[str]:
    """The next steps a board is asked to take, or what the roadmap says when none."""
    ad = report.advice
    past = bool(ad and ad.start_note)  # dated before the report: to be re-dated, no dates
    steps = [ad.start_note] if ad and ad.start_note else []
    steps += _launch_steps(report, t, past)
    probes = len(report.advice.probes) if report.advice else 0
    if probes:
        steps.append(t["deck_step_probe"].format(n=probes))
    blind = [g.title for g in report.gaps if not g.assessed]
    if blind:
        steps.append(t["deck_step_assess"].format(names=t["list_sep"].join(blind)))
    if ad and ad.shortfall_titles:
        names = ad.shortfall_titles
        more = t["km_more"].format(n=len(names) - 3) if len(names) > 3 else ""
        steps.append(t["deck_step_execution"].format(names=t["list_sep"].join(names[:3]) + more))
    if ad and ad.beyond_library_titles:
        names = ad.beyond_library_titles
        steps.append(t["deck_step_beyond_library"].format(names=t["list_sep"].join(names)))
    confirm = [r.id for r in ad.left_off if r.status == "to-confirm"] if ad else []
    if confirm:
        steps.append(t["deck_step_confirm"].format(n=len(confirm)))
    if any(p.actions for p in report.phases):
        first_phase = report.phases[0]
        steps.append(
            t["deck_step_reassess_after"].format(months=first_phase.end_month)
            if past and first_phase.end_month is not None
            else t["deck_step_reassess"].format(phase=first_phase.label)
        )
    return steps or [report.roadmap_text or t["km_no_roadmap"]]
