"""The default model: weighted means all the way up (SPEC.md, "Scoring").

Capability C = 1 + 4 * sum(w s) / sum(w) over the questions that count; a dimension is
the weighted mean of its capabilities, the whole the weighted mean of its dimensions.
"""

from __future__ import annotations

from collections.abc import Sequence

from capassess.scoring.interface import Weighted, clamp_score


def weighted_mean(pairs: Sequence[Weighted]) -> float | None:
    """sum(w x) / sum(w), or ``None`` if there are no pairs or no weight."""
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return sum(x * w for x, w in pairs) / total


class WeightedMeanModel:
    """Weighted mean of question scores, then of child scores."""

    name: str = "weighted-mean"

    def capability(self, questions: Sequence[Weighted]) -> float | None:
        """C = 1 + 4 * sum(w s) / sum(w)."""
        mean = weighted_mean(questions)
        return None if mean is None else clamp_score(1 + 4 * mean)

    def combine(self, children: Sequence[Weighted]) -> float | None:
        """Weighted mean of the children's scores."""
        mean = weighted_mean(children)
        return None if mean is None else clamp_score(mean)
