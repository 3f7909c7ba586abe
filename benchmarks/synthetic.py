"""Synthetic branch answers shared by the benchmark scripts.

Imports nothing of capassess, so a script that measures whichever capassess comes first
on ``PYTHONPATH`` (``unit_cost.py``) can use it as well as ``batch.py``.
"""

from __future__ import annotations

import random
from typing import Any

REGIONS = ["华东", "华南", "华北", "西部", "东北", "华中"]


def cell(question: Any, rng: random.Random) -> str:
    """One branch's answer to ``question`` as a sheet cell: 2 % blank, 2 % ``n/a``."""
    draw = rng.random()
    if draw < 0.02:
        return ""
    if draw < 0.04:
        return "n/a"
    if question.type == "choice":
        return rng.choice(question.options).id
    if question.type == "level":
        return str(rng.randint(1, 5))
    if question.type == "bool":
        return rng.choice(("是", "否", "yes", "no"))
    if question.type == "multi":
        ticked = rng.sample(question.options, rng.randint(1, len(question.options)))
        return ";".join(o.id for o in ticked)
    top = question.max if question.max is not None else question.thresholds[-1] * 1.5
    return f"{rng.uniform(question.min or 0, top):.1f}"
