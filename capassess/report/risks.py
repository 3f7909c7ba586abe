"""Risks and dependencies of a plan, read from its data: the foundation gate, blind spots,
answers to probe, actions that carry others, owners' load and major projects."""

from __future__ import annotations

from collections import Counter

from capassess.model.base import Lang
from capassess.model.plan import NotScheduled, PlannedAction, Roadmap
from capassess.planning import Planned
from capassess.questionnaire_index import action_titles
from capassess.records import record
from capassess.texts import words

CARRIES = 2  # an action that at least this many others wait for is a dependency risk
SHOWN = 3


@record
class RiskRow:
    """One risk: what it is, and what in the data shows it."""

    risk: str
    detail: str


def dependency_texts(planned: Planned, action: PlannedAction, lang: Lang) -> tuple[str, ...]:
    """What ``action`` waits for: a scheduled action and when, or why it is not needed."""
    if not action.depends_on:
        return ()
    t = words("report", lang)
    road, q = planned.roadmap, planned.scored.questionnaire
    scheduled, left = _by_id(road)
    titles = action_titles(q, lang)
    texts = []
    for dep in action.depends_on:
        title = titles.get(dep, dep)
        if dep in scheduled:
            d = scheduled[dep]
            texts.append(t["dep_scheduled"].format(title=title, start=d.start, end=d.end))
        else:
            status = left[dep].status if dep in left else "in-place-level"
            texts.append(t[f"dep_{status.replace('-', '_')}"].format(title=title))
    return tuple(texts)


def _by_id(road: Roadmap) -> tuple[dict[str, PlannedAction], dict[str, NotScheduled]]:
    """The roadmap's scheduled actions and those left off, by id (the last roadmap's are
    kept: a report asks for them once per action that depends on another)."""
    if _LAST_ROAD and _LAST_ROAD[0][0] is road:
        return _LAST_ROAD[0][1], _LAST_ROAD[0][2]
    scheduled = {a.id: a for a in road.actions}
    left = {n.id: n for n in road.not_scheduled}
    _LAST_ROAD[:] = [(road, scheduled, left)]
    return scheduled, left


_LAST_ROAD: list[tuple[Roadmap, dict[str, PlannedAction], dict[str, NotScheduled]]] = []


def _joined(names: list[str], lang: Lang) -> str:
    more = "…" if len(names) > SHOWN else ""
    return words("report", lang)["list_sep"].join(names[:SHOWN]) + more


def _gate_and_blind_spots(planned: Planned, lang: Lang) -> list[RiskRow]:
    t, q = words("report", lang), planned.scored.questionnaire
    caps = {c.id: c.title.get(lang) for _, c in q.capabilities()}
    rows = []
    overall = planned.scored.result.overall
    if overall.capped_by:
        names = _joined([caps.get(c, c) for c in overall.capped_by], lang)
        rows.append(RiskRow(t["risk_gate"], t["risk_gate_text"].format(names=names)))
    if overall.unconfirmed_by:
        names = _joined([caps.get(c, c) for c in overall.unconfirmed_by], lang)
        rows.append(RiskRow(t["risk_unconfirmed"],
                            t["risk_unconfirmed_text"].format(names=names)))  # fmt: skip
    blind = planned.gaps.not_assessed()
    if blind:
        names = _joined([caps.get(c, c) for c in blind], lang)
        rows.append(RiskRow(t["risk_blind"], t["risk_blind_text"].format(n=len(blind),
                                                                         names=names)))  # fmt: skip
    return rows


def _roadmap_risks(planned: Planned, lang: Lang) -> list[RiskRow]:
    t, road = words("report", lang), planned.roadmap
    titles = {a.id: a.title.get(lang) for a in road.actions}
    rows = []
    for a in sorted(road.actions, key=lambda a: -len(a.needed_by)):
        if len(a.needed_by) < CARRIES:
            break
        waiting = _joined([titles.get(n, n) for n in a.needed_by], lang)
        rows.append(RiskRow(t["risk_carries"].format(title=a.title.get(lang)),
                            t["risk_carries_text"].format(n=len(a.needed_by), names=waiting,
                                                          end=a.end)))  # fmt: skip
        if len(rows) == SHOWN:
            break
    owners = Counter(a.owner for a in road.actions if a.owner)
    q = planned.scored.questionnaire
    for owner, n in owners.most_common(1):
        detail = t["risk_owner_text"].format(n=n, at_once=road.max_per_owner or n)
        rows.append(RiskRow(t["risk_owner"].format(owner=q.role_title(owner, lang)), detail))
    major = [a for a in road.actions if a.quadrant == "major-project"]
    if major:
        at_once = road.max_major or len(major)
        detail = t["risk_major_text"].format(n=len(major), at_once=at_once,
                                             end=max(a.end for a in major))  # fmt: skip
        rows.append(RiskRow(t["risk_major"], detail))
    return rows


def build_risks(planned: Planned, probes: int, lang: Lang) -> tuple[RiskRow, ...]:
    """The risks a board should know of, most structural first."""
    t = words("report", lang)
    rows = _gate_and_blind_spots(planned, lang)
    if probes:
        rows.append(RiskRow(t["risk_probe"], t["risk_probe_text"].format(n=probes)))
    rows += _roadmap_risks(planned, lang)
    caps = {c.id: c.title.get(lang) for _, c in planned.scored.questionnaire.capabilities()}
    for key, beyond in (("risk_shortfall", False), ("risk_beyond_library", True)):
        found = [s for s in planned.roadmap.shortfalls if bool(s.beyond_library) is beyond]
        if found:
            names = _joined([caps.get(s.capability_id, s.capability_id) for s in found], lang)
            rows.append(RiskRow(t[key], t[f"{key}_text"].format(names=names)))
    return tuple(rows)
