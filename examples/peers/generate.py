"""Regenerate the illustrative peer assessments in this folder (made-up banks).

    python examples/peers/generate.py

Every file is ILLUSTRATIVE: answers drawn at random around a made-up maturity, for the
benchmark demo only. None describes a real bank.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from capassess.catalog import find_questionnaire
from capassess.model.answers import Assessment
from capassess.model.questionnaire import (
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Questionnaire,
)

HERE = Path(__file__).parent
CITY = (2.2, 2.6, 2.9, 3.1, 3.4, 3.8)
BANKS = [  # (type, letter, made-up maturity)
    *(("city-commercial", c, m) for c, m in zip("ABCDEF", CITY, strict=True)),
    *(("rural", c, m) for c, m in zip("ABCDE", (1.7, 2.0, 2.3, 2.5, 2.9), strict=True)),
    *(("joint-stock", c, m) for c, m in zip("AB", (3.4, 3.9), strict=True)),
]
TYPE_NAMES = {
    "city-commercial": ("City Commercial Bank", "城市商业银行"),
    "rural": ("Rural Commercial Bank", "农村商业银行"),
    "joint-stock": ("Joint-stock Bank", "股份制银行"),
}


def _value(question: object, rng: random.Random, maturity: float) -> object:
    share = (maturity - 1) / 4
    if isinstance(question, LevelQuestion):
        return max(1, min(5, round(maturity + rng.gauss(0, 0.7))))
    if isinstance(question, ChoiceQuestion):
        ranked = sorted(question.options, key=lambda o: o.score)
        pick = round(share * (len(ranked) - 1) + rng.gauss(0, 0.6))
        return ranked[max(0, min(len(ranked) - 1, pick))].id
    if isinstance(question, MultiQuestion):
        return [o.id for o in question.options if rng.random() < share]
    if isinstance(question, NumberQuestion):
        t = question.thresholds  # spread around the thresholds, so levels 1..5 all occur
        low, high = t[0] - (t[1] - t[0]), t[-1] + (t[-1] - t[-2])
        low = max(low, question.min) if question.min is not None else low
        high = min(high, question.max) if question.max is not None else high
        spot = share if question.better == "higher" else 1 - share
        return round(min(high, max(low, low + (high - low) * (spot + rng.gauss(0, 0.12)))), 1)
    return rng.random() < share


def _applicable(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers without those whose condition is false (they would not be scored)."""
    from capassess.values import check_assessment

    draft = Assessment.model_validate({"questionnaire": q.ref, "subject": {"id": "x"},
                                       "answers": answers})  # fmt: skip
    idle = {str(p.loc[1]) for p in check_assessment(q, draft)
            if len(p.loc) > 1 and "condition" in p.message}  # fmt: skip
    return {k: v for k, v in answers.items() if k not in idle}


def _line(q: Questionnaire, qid: str, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if q.question_map()[qid].evidence == "required":
        return f"  {qid}: {{value: {text}, evidence: \"illustrative: no real document\"}}"
    return f"  {qid}: {text}"


def main() -> None:
    q = find_questionnaire("bank-fintech")
    rng = random.Random(2026)
    for kind, letter, maturity in BANKS:
        en, zh = TYPE_NAMES[kind]
        ident = f"illustrative-{kind}-{letter.lower()}"
        answers = _applicable(q, {x.id: _value(x, rng, maturity) for _, _, x in q.questions()})
        date = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(180))
        lines = [
            "# ILLUSTRATIVE: made-up answers for the benchmark demo (examples/peers/generate.py).",
            "# Not a real bank; the figures describe no one.",
            f"questionnaire: {q.ref}",
            "subject:",
            f"  id: {ident}",
            f"  name: Illustrative {en} {letter} (示意{zh} {letter})",
            "  kind: bank",
            f"  bank_type: {kind}",
            "assessor: illustrative",
            f"date: {date.isoformat()}",
            "answers:",
            *(_line(q, k, v) for k, v in answers.items()),
        ]
        path = HERE / f"{ident}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _canonical(path)


def _canonical(path: Path) -> None:
    """Write every answer again as the interview would, so the file is in its own style."""
    from capassess.answers_file import AnswersFile
    from capassess.catalog import load_assessment

    assessment, q, _ = load_assessment(path)
    order = [question.id for _, _, question in q.questions()]
    store = AnswersFile.open(path)
    for qid in order:
        store.set_answer(qid, assessment.answers.get(qid), order)
    store.save()


if __name__ == "__main__":
    main()
