"""A unit's report written by ``batch --reports`` is byte for byte the report that
``capassess report`` writes from an answers file holding the same answers, in Markdown
and HTML, in English and Chinese, with and without a template folder of the user's.

The batch renders thousands of units with one template environment and one report
model per unit for every format; the ``report`` command builds everything afresh. The
units come from the shipped example (every status: answered, n/a, blank, skipped by a
condition) and from random rows, so that roadmaps, probes and next-level advice vary.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from capassess.batch.cells import INVALID, QuestionCodec
from tests.batch.helpers import branch, run_cli, write_csv
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "branches.csv"
GROUPS = ("region", "city", "branch_type")


def _rows() -> list[dict[str, str]]:
    """The example's rows, then random rows drawn from the example's cells (seeded)."""
    with EXAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rng = random.Random(17)
    for i in range(12):
        row = {k: rng.choice([r[k] for r in rows] + ["", "n/a"]) for k in rows[0]}
        rows.append({**row, "id": f"rand-{i}", "name": f"随机支行 {i}", "region": rng.choice(
            ["East", "华南", ""])})  # fmt: skip
    return rows


def _answers_file(path: Path, row: dict[str, str]) -> Path:
    """An answers file with what the batch reads from ``row``: id, name, groups, values."""
    q = branch()
    answers = {}
    for _, _, question in q.questions():
        text = row.get(question.id, "")
        verdict = QuestionCodec(question).verdict(text)
        if not text.strip() or verdict.status == INVALID:
            continue
        value = verdict.value if verdict.value is not None else text.strip()
        answers[question.id] = {"value": value}
    group = {g: row[g] for g in GROUPS if row.get(g)}
    subject = {"id": row["id"], "name": row["name"], "kind": "branch", "group": group}
    data = {"questionnaire": q.ref, "subject": subject, "answers": answers}
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    return path


def _template_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.md.j2").write_text(
        '{% extends "!report.md.j2" %}{% block cover %}# {{ report.cover.subject_name|md }} '
        "({{ report.summary.overall_score|num }})\n{% endblock %}\n",
        "utf-8",
    )
    (folder / "report.html.j2").write_text(
        '{% extends "!report.html.j2" %}{% block title %}{{ report.cover.subject_id }}'
        "{% endblock %}\n",
        "utf-8",
    )
    return folder


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("own_templates", [False, True])
def test_batch_unit_reports_equal_the_report_command(
    tmp_path: Path, lang: str, own_templates: bool
) -> None:
    rows = _rows()
    header = list(rows[0])
    source = write_csv(tmp_path / "units.csv", [header] + [[r[k] for k in header] for r in rows])
    extra = ["--template-dir", str(_template_dir(tmp_path))] if own_templates else []
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "--reports", "md,html", "--lang", lang,
                     "--allow-rejects", *extra)  # fmt: skip
    assert result.exit_code == 0, result.output
    units = out / "units"
    checked = 0
    for row in rows[:: 3 if own_templates else 1]:
        answers = _answers_file(tmp_path / f"{row['id']}.yaml", row)
        for fmt in ("md", "html"):
            single = tmp_path / f"{row['id']}.single.{fmt}"
            done = run_cli("report", str(answers), "-f", fmt, "-o", str(single), "--lang", lang,
                           *extra)  # fmt: skip
            assert done.exit_code == 0, done.output
            batch_text = (units / f"{row['id']}.{fmt}").read_bytes()
            assert batch_text == single.read_bytes(), f"{row['id']}.{fmt} differs"
            checked += 1
    assert checked >= 2 * (len(rows) // 3)
