"""Build small questionnaires and score results by hand for gap and roadmap tests."""

from __future__ import annotations

from typing import Any

from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.scoring.engine import roll_up

T = {"en": "x", "zh": "x"}


def action(aid: str, level: int, *, effort: str = "medium", impact: str = "medium",
           months: int = 6, deps: tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
    """An action mapping."""
    return {"id": aid, "title": T, "level": level, "effort": effort, "impact": impact,
            "duration_months": months, "depends_on": list(deps)}  # fmt: skip


def questionnaire(caps: dict[str, tuple[int, float, list[dict[str, Any]]]]) -> Questionnaire:
    """One dimension; caps maps id -> (target, weight, actions)."""
    return Questionnaire.model_validate(
        {
            "id": "hand",
            "version": "1",
            "title": T,
            "dimensions": [
                {
                    "id": "dim",
                    "title": T,
                    "capabilities": [
                        {
                            "id": cid,
                            "title": T,
                            "target": target,
                            "weight": weight,
                            "questions": [{"id": f"{cid}-q", "type": "bool", "text": T}],
                            "actions": actions,
                        }
                        for cid, (target, weight, actions) in caps.items()
                    ],
                }
            ],
        }
    )


def scores(q: Questionnaire, values: dict[str, float | None]) -> ScoreResult:
    """A score result with the given capability scores, aggregated by the engine."""
    return roll_up(q, values, model="weighted-mean")
