"""The interface of a scoring model, and the registry that picks one by name.

A model turns weighted question scores into a capability score, and weighted child
scores into a parent's score. Weights arrive already normalised among the children that
count; the engine drops n/a children (``None``) before calling, and a model returns
``None`` when nothing is left. Every score a model returns lies in [1, 5].
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from capassess.errors import InputError

Weighted = tuple[float, float]
"""A (value, weight) pair."""


class ScoringModel(Protocol):
    """How a model aggregates scores up the tree."""

    name: str

    def capability(self, questions: Sequence[Weighted]) -> float | None:
        """Score a capability in [1, 5] from (question score s in [0, 1], weight) pairs."""

    def combine(self, children: Sequence[Weighted]) -> float | None:
        """Score a dimension or the whole from (child score in [1, 5], weight) pairs."""


MODEL_NAMES = ("weighted-mean", "staged")


def get_model(name: str) -> ScoringModel:
    """The model called ``name``; ``InputError`` if there is none."""
    # Imported here so that the registry and the models can import this module.
    from capassess.scoring.staged import StagedModel
    from capassess.scoring.weighted_mean import WeightedMeanModel

    models: dict[str, ScoringModel] = {
        WeightedMeanModel.name: WeightedMeanModel(),
        StagedModel.name: StagedModel(),
    }
    if name not in models:
        raise InputError(f"unknown scoring model {name!r}; choose one of: {', '.join(models)}")
    return models[name]


def clamp_score(score: float) -> float:
    """Keep a score in [1, 5] against floating-point rounding."""
    return min(5.0, max(1.0, score))
