"""Two assessments' overall scores over the capabilities both assessed (pure).

A capability nobody answered counts at the missing policy's value (the lowest level by
default) in its assessment's overall score. When one of two assessments of a bank
assessed a capability and the other did not, the change in the overall score mixes the
bank's progress with what was answered: a baseline that left a capability blank makes
the bank look as if it had improved. The like-for-like scores leave every capability
that either assessment did not assess out of both (as n/a leaves it), so that the change
they show is the bank's own.
"""

from capassess.advice import not_assessed_ids
from capassess.model.base import Frozen
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult


class LikeForLike(Frozen):
    """The overall scores of two assessments over the capabilities both assessed."""

    left_out: list[str]
    """Capabilities assessed in one of the two only, in questionnaire order."""
    old: float | None
    new: float | None


def like_for_like(
    q: Questionnaire, old: ScoreResult, new: ScoreResult, old_ref: str | None = None
) -> LikeForLike | None:
    """The like-for-like overall scores of ``old`` and ``new`` (both of ``q``; an
    ``old_ref`` other than ``q.ref`` gives ``None``), or ``None`` when both assessed the
    same capabilities, so that their overall scores already compare like for like."""
    from capassess.scoring.engine import roll_up

    if old_ref not in (None, q.ref):
        return None
    blind_old, blind_new = not_assessed_ids(old), not_assessed_ids(new)
    if blind_old == blind_new:
        return None
    out = blind_old | blind_new

    def overall(result: ScoreResult) -> float | None:
        scores = {cid: None if cid in out else s for cid, s in result.capability_scores().items()}
        return roll_up(q, scores, template=result).overall.score

    order = [cap.id for _, cap in q.capabilities()]
    return LikeForLike(left_out=[c for c in order if c in blind_old ^ blind_new],
                       old=overall(old), new=overall(new))  # fmt: skip
