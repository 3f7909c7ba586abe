"""``-o -`` means standard output, never a file or folder named "-": commands whose
output is one document write it to stdout (``report``, ``template``); those that keep
working on a file or write a folder refuse it as a usage error, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main

ROOT = Path(__file__).resolve().parent.parent
BANK = str(ROOT / "examples" / "acme-bank.yaml")
OLD = str(ROOT / "examples" / "acme-bank-2025.yaml")

REFUSED = [
    ["assess", "-q", "bank-fintech"],
    ["merge", BANK, OLD],
    ["benchmark", "build", str(ROOT / "examples" / "peers")],
    ["batch", str(ROOT / "examples" / "branches.csv")],
    ["demo"],
]
TO_STDOUT = [
    (["report", BANK, "-f", "md"], b"# "),
    (["report", BANK, "-f", "json"], b"{"),
    (["template", "-f", "csv"], b"\xef\xbb\xbfid,name"),
    (["template"], b"PK"),
]


@pytest.mark.parametrize(
    "args", REFUSED, ids=["assess", "merge", "benchmark build", "batch", "demo"]
)
def test_dash_is_refused_where_the_output_is_a_working_file_or_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "-o", "-"], input="")
    assert result.exit_code == 2, result.output
    assert "'-' (standard output) cannot be used here: give a path" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "start"), TO_STDOUT, ids=[" ".join(a) for a, _ in TO_STDOUT])
def test_dash_sends_one_document_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], start: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(start)
    assert list(tmp_path.iterdir()) == []
