"""Generate random, valid assessments of a questionnaire, as answers files or CSV rows."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Questionnaire,
)


@dataclass(frozen=True)
class Unit:
    """One generated assessment."""

    id: str
    name: str
    bank_type: str
    region: str
    date: dt.date
    answers: dict[str, Any]


def answer(question: Any, rng: random.Random, maturity: float) -> Any:
    """A valid value for ``question`` around ``maturity`` (1..5)."""
    share = (maturity - 1) / 4
    if isinstance(question, LevelQuestion):
        return max(1, min(5, round(maturity + rng.gauss(0, 0.8))))
    if isinstance(question, ChoiceQuestion):
        ranked = sorted(question.options, key=lambda o: o.score)
        pick = round(share * (len(ranked) - 1) + rng.gauss(0, 0.7))
        return ranked[max(0, min(len(ranked) - 1, pick))].id
    if isinstance(question, MultiQuestion):
        return [o.id for o in question.options if rng.random() < share]
    if isinstance(question, NumberQuestion):
        low = question.min if question.min is not None else 0.0
        high = question.max if question.max is not None else question.thresholds[-1] * 1.5
        return round(rng.uniform(low, high), 1)
    assert isinstance(question, BoolQuestion)
    return rng.random() < share


def generate(
    q: Questionnaire, count: int, seed: int, types: list[str], prefix: str = "u"
) -> list[Unit]:
    """``count`` units with distinctive ids and names, bank types cycling through ``types``."""
    rng = random.Random(seed)
    units = []
    for i in range(count):
        maturity = rng.uniform(1.3, 4.7)
        answers = {x.id: answer(x, rng, maturity) for _, _, x in q.questions()}
        token = f"{rng.getrandbits(40):010x}"
        units.append(Unit(
            f"{prefix}-{token}", f"Zq Bank {token.upper()} 测{i}", types[i % len(types)],
            rng.choice(["East", "West"]), dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(500)),
            answers,
        ))  # fmt: skip
    return units


def write_answers(q: Questionnaire, unit: Unit, path: Path) -> Path:
    """``unit`` as an answers file (JSON, which is YAML)."""
    data = {
        "questionnaire": q.ref,
        "subject": {"id": unit.id, "name": unit.name, "bank_type": unit.bank_type,
                    "group": {"region": unit.region}},
        "date": unit.date.isoformat(),
        "answers": {k: {"value": v} for k, v in unit.answers.items()},
    }  # fmt: skip
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_folder(q: Questionnaire, units: list[Unit], folder: Path) -> Path:
    """One answers file per unit in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for unit in units:
        write_answers(q, unit, folder / f"{unit.id}.yaml")
    return folder


def cell(value: Any) -> str:
    """A value as a batch CSV cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value) if value else ","  # nothing ticked: answered, not blank
    return str(value)


def write_csv(q: Questionnaire, units: list[Unit], path: Path) -> Path:
    """The units as a batch CSV with bank_type, region and date group columns."""
    ids = [x.id for _, _, x in q.questions()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "bank_type", "region", "date", *ids])
        for u in units:
            row = [u.id, u.name, u.bank_type, u.region, u.date.isoformat()]
            writer.writerow(row + [cell(u.answers.get(i, "")) for i in ids])
    return path
