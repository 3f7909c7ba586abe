"""Inputs for the fault tests: sheets of branches, and a report big enough to be caught
while it is being written."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

from capassess.catalog import find_questionnaire

REGIONS = ("East", "South", "North", "West", "华中")


def _cell(question: Any, rng: random.Random) -> str:
    kind = question.type
    if rng.random() < 0.03:
        return ""
    if kind == "choice":
        return str(rng.choice(question.options).id)
    if kind == "level":
        return str(rng.randint(1, 5))
    if kind == "bool":
        return rng.choice(("yes", "no", "是", "否"))
    if kind == "multi":
        options = question.options
        return ";".join(o.id for o in rng.sample(options, rng.randint(1, len(options))))
    return str(rng.randint(0, 100))


def branches_csv(path: Path, rows: int, seed: int, bad: float = 0.02) -> Path:
    """Write ``rows`` random branches for branch-fintech; about ``bad`` of them with a
    level out of range, so that they are rejected."""
    questions = [q for _, _, q in find_questionnaire("branch-fintech", ()).questions()]
    levels = [i for i, q in enumerate(questions) if q.type == "level"]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "region", *(q.id for q in questions)])
        for i in range(rows):
            cells = [_cell(q, rng) for q in questions]
            if rng.random() < bad:
                cells[rng.choice(levels)] = "7"
            writer.writerow([f"BR{seed}-{i:06d}", f"Branch {i}", rng.choice(REGIONS), *cells])
    return path


def repeating_template(folder: Path, times: int) -> Path:
    """A template folder whose HTML report is the shipped one ``times`` over."""
    folder.mkdir(parents=True, exist_ok=True)
    text = f'{{% for _ in range({times}) %}}{{% include "!report.html.j2" %}}{{% endfor %}}\n'
    (folder / "report.html.j2").write_text(text, encoding="utf-8")
    return folder
