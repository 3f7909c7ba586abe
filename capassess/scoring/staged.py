"""The ``staged`` model: weakest link, as in CMMI's staged representation.

Definition (exact):

- A question's level is floor(1 + 4 s + 1e-9), clamped to 1..5, for its score s.
- A capability's score is min over its counted questions of (1 + 4 s); its level,
  floor(score + 1e-9), is therefore the lowest question level.
- A dimension's score is the lowest score of its capabilities; the overall score is the
  lowest score of the dimensions. Weights do not matter, except that n/a children (and,
  under ``missing: exclude``, unanswered questions) are left out as in weighted-mean.

Since a minimum never exceeds a weighted mean of the same values, and the missing
policy treats both models alike, the staged score, and so its level, is never above
the weighted-mean one at any node (``tests/scoring/test_properties.py`` checks this).
"""

from __future__ import annotations

from collections.abc import Sequence

from capassess.scoring.interface import Weighted, clamp_score


class StagedModel:
    """The lowest question decides the capability; the lowest child decides the parent."""

    name: str = "staged"

    def capability(self, questions: Sequence[Weighted]) -> float | None:
        """min over questions of 1 + 4 s."""
        if not questions:
            return None
        return clamp_score(1 + 4 * min(s for s, _ in questions))

    def combine(self, children: Sequence[Weighted]) -> float | None:
        """The lowest child score."""
        if not children:
            return None
        return clamp_score(min(x for x, _ in children))
