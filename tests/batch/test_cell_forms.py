"""Figures and multi-choice cells in the forms Chinese sheets hold them: a full-width
percent sign (``45％``, ``４５％``) is a percent sign, and a line break inside a checklist
cell (Alt+Enter in Excel) separates options as ``;`` does. Each is read as its plain
twin, by the value parser and by a whole batch run."""

from __future__ import annotations

from pathlib import Path

import pytest

from capassess.values import parse_value
from tests.batch.helpers import csv_text, read_csv, run_cli, tiny
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY

FORMS = [
    ("a-number", "45％", "45"),
    ("a-number", "４５％", "45"),
    ("a-number", " 45 ％ ", "45"),
    ("a-number", "４５", "45"),
    ("a-multi", "bi\nml", "bi,ml"),
    ("a-multi", "bi\r\nml", "bi,ml"),
    ("a-multi", "bi\n\nrt\n", "bi,rt"),
    ("a-multi", "bi；\nml", "bi,ml"),
]


@pytest.mark.parametrize(("qid", "raw", "plain"), FORMS)
def test_parsed_as_its_plain_twin(qid: str, raw: str, plain: str) -> None:
    question = next(q for _, _, q in tiny().questions() if q.id == qid)
    assert parse_value(question, raw) == parse_value(question, plain)


def test_a_batch_reads_them_as_their_twins(tmp_path: Path) -> None:
    column = {qid: HEADER.index(qid) for qid in ("a-number", "a-multi")}
    rows, twins = [], []
    for i, (qid, raw, plain) in enumerate(FORMS):
        row, twin = list(PLAIN[0]), list(PLAIN[0])
        row[0] = twin[0] = f"U{i}"
        row[column[qid]], twin[column[qid]] = raw, plain
        rows.append(row)
        twins.append(twin)
    found = []
    for name, body in (("in.csv", rows), ("twin.csv", twins)):
        (tmp_path / name).write_bytes(csv_text([HEADER, *body]).encode("utf-8"))
        out = tmp_path / f"out-{name}"
        result = run_cli("batch", str(tmp_path / name), "-o", str(out), "-q", str(TINY))
        assert result.exit_code == 0, result.output
        found.append(
            [{k: v for k, v in r.items() if k != "source"} for r in read_csv(out / "scores.csv")]
        )
    assert found[0] == found[1]
