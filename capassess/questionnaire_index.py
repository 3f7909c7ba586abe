"""Look-ups into a questionnaire by id, built once per questionnaire (``capassess.memo``).

Planning and reports look capabilities and actions up by id many times per unit; a
scan of the questionnaire each time cost a batch more than the look-ups' work itself.
"""

from __future__ import annotations

from capassess.memo import per_object
from capassess.model.base import Lang
from capassess.model.questionnaire import Action, Capability, Dimension, Questionnaire
from capassess.records import record


@record
class QuestionnaireIndex:
    """Capabilities and actions of one questionnaire by id (not to be changed)."""

    capability: dict[str, Capability]
    dimension_of: dict[str, Dimension]
    """The dimension (or foundation) of each capability, by the capability's id."""
    action: dict[str, Action]
    capability_of: dict[str, Capability]
    """The capability of each action, by the action's id."""


def index_of(q: Questionnaire) -> QuestionnaireIndex:
    """The index of ``q``."""
    return per_object(q, "index", lambda: _index(q))


def _index(q: Questionnaire) -> QuestionnaireIndex:
    # the first of a repeated id wins, as a scan in file order finds it
    index = QuestionnaireIndex({}, {}, {}, {})
    for dim, cap in q.capabilities():
        index.capability.setdefault(cap.id, cap)
        index.dimension_of.setdefault(cap.id, dim)
    for cap, a in q.actions():
        index.action.setdefault(a.id, a)
        index.capability_of.setdefault(a.id, cap)
    return index


def action_titles(q: Questionnaire, lang: Lang) -> dict[str, str]:
    """The title of each action of ``q`` in ``lang``, by id (not to be changed)."""
    return per_object(
        q, ("action_titles", lang), lambda: {a.id: a.title.get(lang) for _, a in q.actions()}
    )  # a repeated id: the last wins, as in the dicts this replaces


def capability_titles(q: Questionnaire, lang: Lang) -> dict[str, str]:
    """The title of each capability of ``q`` in ``lang``, by id (not to be changed; a
    repeated id: the last wins, as in the dicts this replaces)."""
    return per_object(
        q,
        ("capability_titles", lang),
        lambda: {c.id: c.title.get(lang) for _, c in q.capabilities()},
    )


def node_titles(q: Questionnaire, lang: Lang) -> dict[str, str]:
    """The title of each dimension (and the foundation), then of each capability, by id,
    in ``lang`` (not to be changed; a capability's id shadows a dimension's)."""

    def titles() -> dict[str, str]:
        names = {n.id: n.title.get(lang) for n in q.sections()}
        names.update(capability_titles(q, lang))
        return names

    return per_object(q, ("node_titles", lang), titles)


def section_capability(
    q: Questionnaire, dimension_id: str, capability_id: str
) -> tuple[Dimension, Capability]:
    """The first section (dimension or foundation) with ``dimension_id`` and the first of
    its capabilities with ``capability_id``, as a scan in file order finds them (a
    ``KeyError`` if there is none)."""

    def sections() -> dict[str, tuple[Dimension, dict[str, Capability]]]:
        found: dict[str, tuple[Dimension, dict[str, Capability]]] = {}
        for dim in q.sections():
            caps: dict[str, Capability] = {}
            for cap in dim.capabilities:
                caps.setdefault(cap.id, cap)
            found.setdefault(dim.id, (dim, caps))
        return found

    dim, caps = per_object(q, "section_capabilities", sections)[dimension_id]
    return dim, caps[capability_id]
