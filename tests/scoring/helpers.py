"""Build questionnaires and assessments for the scoring tests."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from capassess.catalog import load_questionnaire
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire
from tests.conftest import TINY

# tiny.yaml, for reference in the hand-worked examples:
#   data (weight 3)                        open (weight 1)
#     governance (1): g-level   level  w2    api (1): o-api number, better lower,
#                     g-choice  choice w1              thresholds 10/30/60/120
#                       none 0 / partial 0.5 / full 1
#     analytics (1):  a-multi   multi  w1  bi 0.5, ml 1, rt 0.5 (sum 2)
#                     a-number  number w1  thresholds 5/10/20/40, min 0, max 100
#                     a-bool    bool   w1  when "a-number >= 10"
# So dimension weights are 3/4 and 1/4, and each capability of data has 1/2.

FULL = {
    "g-level": 3,  # s = (3-1)/4 = 0.5
    "g-choice": "partial",  # s = 0.5
    "a-multi": ["bi", "ml"],  # s = (0.5 + 1) / 2 = 0.75
    "a-number": 12,  # 10 <= 12 < 20: level 3, s = 0.5
    "a-bool": True,  # asked since 12 >= 10; s = 1
    "o-api": 25,  # lower is better: 10 < 25 <= 30, level 4, s = 0.75
}


@lru_cache(maxsize=1)
def tiny() -> Questionnaire:
    """The tiny questionnaire of tests/data/good."""
    return load_questionnaire(TINY)


def assessment(answers: dict[str, Any], questionnaire: str = "tiny@1.0") -> Assessment:
    """An assessment of a test bank with ``answers``."""
    return Assessment.model_validate(
        {"questionnaire": questionnaire, "subject": {"id": "test-bank"}, "answers": answers}
    )


def variant(q: Questionnaire, **changes: Any) -> Questionnaire:
    """A copy of ``q`` with top-level fields replaced, validated again."""
    data = q.model_dump()
    data.update(changes)
    return Questionnaire.model_validate(data)
