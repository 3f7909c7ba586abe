"""A small XLSX cannot cost gigabytes: stray far cells, wide rows and parts that expand
beyond the limits are read in bounded memory or refused before reading, with the file
named and exit code 2. Each run happens in a child process under a memory limit."""

from __future__ import annotations

import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.batch.helpers import MINI, run_cli, summary

LIMIT_MB = 900


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_MB << 20, LIMIT_MB << 20))


def _batch(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "capassess",
        "batch",
        str(source),
        "-o",
        str(out),
        "-q",
        str(MINI),
        "--allow-rejects",
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, preexec_fn=_limited)


def _book(path: Path, *far: str) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "data"
    ws.append(["id", "q1", "q2"])
    ws.append(["A", 3, 4])
    ws.append(["B", 2, 5])
    for ref in far:
        ws[ref] = "x"
    book.save(path)
    return path


@pytest.mark.parametrize(
    "far",
    [("XFD1048576",), ("XFD1",), ("XFD2", "XFD3", "E1048576"), ("D2", "XFD1048576")],
    ids=["corner", "header", "rows", "near-and-far"],
)
def test_stray_far_cells_cost_nothing(tmp_path: Path, far: tuple[str, ...]) -> None:
    source = _book(tmp_path / "in.xlsx", *far)
    assert source.stat().st_size < 10_000
    done = _batch(source, tmp_path / "out")
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
    counts = summary(tmp_path / "out")["counts"]
    assert counts["scored"] == 2
    assert counts["scored"] + counts["rejected"] == counts["rows"]


def _declare(path: Path, member: str, size: int) -> None:
    """Make the ZIP directory declare ``size`` uncompressed bytes for ``member``."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", data, at + 24, size)
        start = at + 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("member", "size"),
    [
        ("xl/worksheets/sheet1.xml", 1_600_000_000),
        ("xl/styles.xml", 400_000_000),
        ("xl/workbook.xml", 100_000_000),
    ],
    ids=["sheet", "styles", "workbook"],
)
def test_parts_that_expand_too_far_are_refused_before_reading(
    tmp_path: Path, member: str, size: int
) -> None:
    source = _book(tmp_path / "in.xlsx")
    _declare(source, member, size)
    assert zipfile.ZipFile(source).getinfo(member).file_size == size
    done = _batch(source, tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{source}: " in done.stderr and "over the limit" in done.stderr
    assert not (tmp_path / "out").exists()


def test_limits_apply_to_real_expansion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from capassess.batch import xlsx_sheet

    book = Workbook()
    ws = book.active
    ws.title = "data"
    ws.append(["id", "q1", "q2"])
    for i in range(3000):
        ws.append([f"B{i}", 3, 4])
    book.save(tmp_path / "in.xlsx")
    monkeypatch.setattr(xlsx_sheet, "LIMITS", xlsx_sheet.WorkbookLimits(sheet=50_000))
    result = run_cli(
        "batch", str(tmp_path / "in.xlsx"), "-o", str(tmp_path / "out"), "-q", str(MINI)
    )
    assert result.exit_code == 2
    assert "in.xlsx: the part xl/worksheets/sheet1.xml expands to" in result.output


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('<row r="1048577"><c r="A1048577"><v>1</v></c></row>', "beyond Excel's 1,048,576 rows"),
        ('<row r="2"><c r="XFE2"><v>1</v></c></row>', "beyond Excel's 16,384 columns"),
    ],
    ids=["row", "column"],
)
def test_cells_beyond_excel_are_refused(tmp_path: Path, row: str, message: str) -> None:
    source = _book(tmp_path / "in.xlsx")
    with zipfile.ZipFile(source) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", f"{row}</sheetData>").encode()
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{source}:" in result.output and message in result.output


@pytest.mark.parametrize(("limit", "fits"), [("EXCEL_ROWS", 5), ("EXCEL_COLUMNS", 8)])
def test_scores_xlsx_is_refused_beyond_excel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, fits: int
) -> None:
    from capassess.batch import outputs

    monkeypatch.setattr(outputs, limit, fits)
    source = tmp_path / "in.csv"
    source.write_text("id,q1,q2\n" + "".join(f"U{i},3,4\n" for i in range(6)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "scores.xlsx").write_bytes(b"an old run")
    (out / "summary.json").write_text('{"tool": {"name": "capassess"}}', encoding="utf-8")
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI))
    assert result.exit_code == 0, result.output
    assert "warning: scores.xlsx not written" in result.output
    assert "scores.csv holds every" in result.output
    assert not (out / "scores.xlsx").exists()
    assert len((out / "scores.csv").read_text(encoding="utf-8-sig").splitlines()) == 7
    assert "scores_xlsx" not in summary(out)["outputs"]


def _huge_cells(path: Path, rows: int, size: int) -> Path:
    """A sheet of ``rows`` units whose cells are ``size`` characters: an id, or a valid
    id with a name, in turn, as a sheet expanding to hundreds of MB from a small file."""
    book = Workbook()
    book.active.title = "data"
    book.active.append(["id", "name", "q1", "q2"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    huge = "x" * size
    cells = []
    for n in range(2, rows + 2):
        unit = huge if n % 2 else f"U{n}"
        cells.append(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{unit}</t></is></c>'
                     f'<c r="B{n}" t="inlineStr"><is><t>{huge}</t></is></c>'
                     f'<c r="C{n}"><v>3</v></c><c r="D{n}"><v>4</v></c></row>')  # fmt: skip
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    head, tail = sheet.split("</sheetData>")
    parts["xl/worksheets/sheet1.xml"] = (head + "".join(cells) + "</sheetData>" + tail).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_sheet_of_huge_ids_and_names_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """Its rows are read a bounded number of characters at a time; ids over 200 and names
    over 1,000 characters reject their rows, and are not kept for the rest of the run."""
    source = _huge_cells(tmp_path / "in.xlsx", 6_000, 30_000)
    assert source.stat().st_size < 2_000_000
    done = _batch(source, tmp_path / "out")
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    counts = summary(tmp_path / "out")["counts"]
    assert counts == counts | {"rows": 6_000, "scored": 0, "rejected": 6_000}
    reasons = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "the unit id is longer than 200 characters" in reasons
    assert "the name is longer than 1000 characters" in reasons
