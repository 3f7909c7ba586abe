"""The board deck (PowerPoint) of a report: 10-14 slides, native charts, one language."""

from __future__ import annotations

import io
from pathlib import Path

from capassess.errors import InputError
from capassess.report.deck_fit import fit_pages, text_height
from capassess.report.deck_parts import DECK_FILE, HEAT, MUTED, Deck, table_pages
from capassess.report.deck_roadmap import roadmap_pages, roadmap_slides
from capassess.report.deck_text import STEP_SIZES, bulleted, definitions_slide, fit, next_steps
from capassess.report.heat import HEAT_STATUSES, HEAT_SYMBOLS
from capassess.report.model import ActionRow, GapRow, Report
from capassess.texts import words

TOP = 8
FOUNDATION_SHOWN = 3
ROWS = 9  # table rows that fit one slide legibly
MAX_SLIDES = 14
NOTE_HEIGHT = 300000  # EMU, one line of 11-point note text


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _title_slide(deck: Deck, report: Report, t: dict[str, str]) -> None:
    c = report.cover
    slide = deck.slide(report.title)
    x, y, w, _ = deck.body
    deck.text(slide, (x, y + 600000, w, 900000), [c.subject_name], 36, color=None)
    facts = [
        f"{t['assessor']}{t['colon']}{c.assessor or '—'}",
        f"{t['assessment_date']}{t['colon']}{c.date or '—'}",
        f"{t['questionnaire']}{t['colon']}{c.questionnaire_title}",
        f"{t['generated']}{t['colon']}{c.generated}",
    ]
    deck.text(slide, (x, y + 1800000, w, 2000000), facts, 16, color=MUTED)


def _by_dimension(deck: Deck, report: Report, t: dict[str, str]) -> None:
    slide = deck.slide(t["radar"])
    series = [
        ("current", t["score"], [d.score for d in report.dimensions]),
        ("target", t["target"], [d.target for d in report.dimensions]),
    ]
    if report.progress:
        series.append(("baseline", t["baseline"], [d.baseline for d in report.dimensions]))
    if report.peers:
        medians = [report.peers.median_of(d.id) for d in report.dimensions]
        series.append(("peer_median", t["peer_median"], medians))
    counted = t["dim_policy_counted"]  # a score that counts a capability not assessed
    notes = [
        f"{d.title}{t['colon']}{counted.format(caps=t['list_sep'].join(d.policy_counted))}"
        for d in report.dimensions
        if d.policy_counted
    ]
    x, y, w, h = deck.body
    room = NOTE_HEIGHT * len(notes)
    deck.bar_chart(
        slide,
        (x, y, w, h - room),
        [
            d.title if d.assessed else f"{d.title}{t['po']}{t['not_assessed']}{t['pc']}"
            for d in report.dimensions
        ],
        series,
        title=t["deck_dims_title"].format(score=t["score"], target=t["target"]),
    )
    if notes:
        deck.text(slide, (x, y + h - room, w, room), notes, 11, color=MUTED)


def _heat_map(deck: Deck, report: Report, t: dict[str, str]) -> None:
    slide = deck.slide(t["heatmap"])
    width = max(len(d.capabilities) for d in report.dimensions)
    header = [t["dimension"]] + [f"{t['capability']} {i + 1}" for i in range(width)]
    rows = []
    for d in report.dimensions:
        cells = [
            f"{HEAT_SYMBOLS[c.gap.status]} {c.gap.title} "
            f"{_num(c.gap.score) if c.gap.assessed else t['not_assessed']} / {c.gap.target}"
            + (f"{t['po']}{c.gap.provisional_note}{t['pc']}" if c.gap.provisional_note else "")
            for c in d.capabilities
        ]
        label = f"{d.title} {_num(d.score) if d.assessed else t['not_assessed']}"
        if d.assessed and d.policy_counted:  # say the base: it counts some not assessed
            caps = t["list_sep"].join(d.policy_counted)
            counted = t["heat_counted"].format(score=_num(d.score), caps=caps)
            label = f"{d.title}{t['po']}{counted}{t['pc']}"
        rows.append([label, *cells, *[""] * (width - len(cells))])
    x, y, w, h = deck.body
    table = deck.table(
        slide, (x, y, w, h - 500000), header, rows, [0.16] + [0.84 / width] * width, size=10
    )
    for r, d in enumerate(report.dimensions, 1):
        for c, cap in enumerate(d.capabilities, 1):
            fill, ink = HEAT[cap.gap.status]
            cell = table.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = fill
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = ink
    legend = "   ".join(f"{HEAT_SYMBOLS[k]} {t['heat_' + k]}" for k in HEAT_STATUSES)
    deck.text(slide, (x, y + h - 400000, w, 400000), [legend], 12, color=MUTED)


def _open_gaps(report: Report) -> list[GapRow]:
    """The lessons' highest-priority gaps, then the foundation's (its own scale), TOP in all."""
    gaps = [
        g for g in report.gaps if g.assessed and g.score is not None and not g.met
        and not g.provisional_note
    ]  # fmt: skip
    gates = [g for g in gaps if g.foundation][:FOUNDATION_SHOWN]
    lessons = [g for g in gaps if not g.foundation]
    return lessons[: TOP - len(gates)] + gates


def _top_gaps(deck: Deck, report: Report, t: dict[str, str]) -> None:
    slide = deck.slide(t["top_gaps"])
    gaps = _open_gaps(report)
    x, y, w, h = deck.body
    if not gaps:
        deck.text(slide, deck.body, [t["no_gaps"]], 18)
        return
    series: list[tuple[str, str, list[float | None]]] = [
        ("current", t["score"], [g.score for g in gaps]),
        ("target", t["target"], [float(g.target) for g in gaps]),
    ]
    deck.bar_chart(
        slide,
        (x, y, int(w * 0.58), h),
        [g.title for g in gaps],
        series,
        title=t["top_gaps"],
        horizontal=True,
    )
    rows = [
        [
            g.title,
            _num(abs(g.gap) if g.gap is not None else None),
            f"{g.priority or 0:.3f}",
            t["ranked_foundation"] if g.foundation else t["ranked_lessons"],
        ]
        for g in gaps
    ]
    note = t["deck_priority_note"]
    room = int(w * 0.4)
    size, _ = fit_pages([note], (11, 10, 9), (room, h))
    tall = text_height([note], size, room)
    deck.table(
        slide,
        (x + int(w * 0.6), y, room, h - tall),
        [t["capability"], t["gap"], t["priority"], t["ranked_among"]],
        rows,
        [0.40, 0.13, 0.19, 0.28],
    )
    deck.text(slide, (x + int(w * 0.6), y + h - tall, room, tall), [note], size, color=MUTED)


def _action_table(
    deck: Deck,
    title: str,
    actions: list[ActionRow],
    t: dict[str, str],
    with_cost: bool,
    slides: int = 1,
) -> None:
    """Up to ``slides`` slides of actions: title, owner, schedule, then KPI or cost; the
    rows spread evenly over the slides (``table_pages``)."""
    sizes, more = table_pages(len(actions), ROWS, slides)
    last = t["cost"] if with_cost else t["kpi"]
    start = 0
    for page, size in enumerate(sizes):
        slide = deck.slide(title + ("" if page == 0 else t["deck_continued"]))
        if not size:
            deck.text(slide, deck.body, [t["deck_none"]], 18)
            return
        part = actions[start : start + size]
        start += size
        rows = [
            [
                a.title,
                a.owner or "—",
                f"{a.start} – {a.end}",
                (a.cost if with_cost else a.kpi) or "—",
            ]
            for a in part
        ]
        if more and page == len(sizes) - 1:
            rows[-1] = [t["deck_more"].format(n=len(actions) - start + 1), "", "", ""]
        deck.table(
            slide,
            deck.body,
            [t["action"], t["owner"], t["schedule"], last],
            rows,
            [0.34, 0.2, 0.14, 0.32],
            size=11,
        )


def _risks(deck: Deck, report: Report, t: dict[str, str]) -> None:
    slide = deck.slide(t["risks"])
    if not report.risks:
        deck.text(slide, deck.body, [t["no_risks"]], 18)
        return
    (size,), more = table_pages(len(report.risks), ROWS, 1)
    rows = [[r.risk, r.detail] for r in report.risks[:size]]
    if more:
        rows[-1] = [t["deck_more_risks"].format(n=len(report.risks) - size + 1), ""]
    deck.table(slide, deck.body, [t["risk"], t["risk_detail"]], rows, [0.3, 0.7], size=12)


def _scope(deck: Deck, report: Report, t: dict[str, str]) -> None:
    if report.scope is None:
        return
    slide = deck.slide(t["scope"])
    x, y, w, h = deck.body
    items = [f"{label}{t['colon']}{value}" for label, value in report.scope.items]
    people = [f"{n}{t['po']}{r}{t['pc']}" if r else n for n, r in report.scope.interviewees]
    if people:
        items.append(f"{t['interviewees']}{t['colon']}{t['list_sep'].join(people)}")
    deck.text(slide, (x, y, int(w * 0.48), h), items, 14)
    deck.text(
        slide,
        (x + int(w * 0.52), y, int(w * 0.48), h),
        [t["limitations"], *report.scope.limitations],
        13,
        bullets=False,
    )


def _progress(deck: Deck, report: Report, t: dict[str, str]) -> None:
    if report.progress is None:
        return
    slide = deck.slide(t["progress"])
    rows = report.progress.rows
    deck.bar_chart(
        slide,
        deck.body,
        [r.title for r in rows],
        [
            ("baseline", t["baseline"], [r.baseline for r in rows]),
            ("current", t["current"], [r.score for r in rows]),
        ],
        title=t["progress"],
        horizontal=True,
    )


def render_deck(report: Report, template_dir: str | Path | None = None) -> bytes:
    """The deck of ``report`` as .pptx bytes; ``deck.pptx`` in ``template_dir`` is the master.

    A master that is not a file, or that python-pptx cannot open or build on (not a
    PowerPoint file, damaged, without usable layouts), is an ``InputError`` naming it.
    """
    master = Path(template_dir) / DECK_FILE if template_dir else None
    if master is None or not (master.exists() or master.is_symlink()):
        return _render(report, None)
    if not master.is_file():
        raise InputError.at("the master deck is not a regular file", str(master))
    try:
        return _render(report, master)
    except Exception as exc:  # whatever a damaged or foreign master makes python-pptx raise
        why = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError.at(
            f"cannot build the deck on this master: {why} "
            "(expected a PowerPoint .pptx with slide layouts)",
            str(master),
        ) from None


def _render(report: Report, master: Path | None) -> bytes:
    deck = Deck(report.lang, master)
    t = words("report", report.lang)
    actions = [a for p in report.phases for a in p.actions]
    messages, steps = list(report.key_messages), next_steps(report, t)
    message_pages, step_pages = fit(deck, messages), fit(deck, steps, STEP_SIZES)
    _title_slide(deck, report, t)
    bulleted(deck, t["key_messages"], messages, message_pages, t)
    _by_dimension(deck, report, t)
    _heat_map(deck, report, t)
    _top_gaps(deck, report, t)
    _progress(deck, report, t)
    roadmap_slides(deck, report, t)
    _action_table(
        deck, t["deck_quick_wins"], [a for a in actions if a.quadrant == "quick-win"], t, False
    )
    extra = len(message_pages[1]) + len(step_pages[1]) - 2  # continuation slides
    fixed = 10 + extra + (report.progress is not None) + (report.scope is not None)
    fixed += len(roadmap_pages(len(actions))) - 1
    _action_table(
        deck,
        t["deck_initiatives"],
        [a for a in actions if a.quadrant != "quick-win"],
        t,
        True,
        slides=max(1, MAX_SLIDES - fixed),
    )
    _risks(deck, report, t)
    bulleted(deck, t["deck_next_steps"], steps, step_pages, t)
    _scope(deck, report, t)
    definitions_slide(deck, report, t)
    buffer = io.BytesIO()
    deck.prs.save(buffer)
    return buffer.getvalue()
