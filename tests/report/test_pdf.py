"""`report -f pdf`: the browser is found or refused clearly; the PDF is a board's document.

The printing tests are skipped where no Chromium is installed; CI installs Debian's
chromium (see .ci/run).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.errors import InputError, OutputError
from capassess.report.browser import BROWSER_ENV, find_browser
from capassess.report.pdf import margin_templates, print_pdf
from tests.report.helpers import TINY, banks

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (CI installs Debian's chromium: .ci/run)"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def fake_browser(folder: Path, name: str, body: str = "exit 0") -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_browser_given_wins_then_environment_then_path(tmp_path: Path) -> None:
    on_path = fake_browser(tmp_path, "google-chrome")
    named = fake_browser(tmp_path, "my-browser")
    env = {"PATH": str(tmp_path)}
    assert find_browser(None, env) == str(on_path)
    assert find_browser(None, {**env, BROWSER_ENV: str(named)}) == str(named)
    assert find_browser("my-browser", env) == str(named)


def test_no_browser_is_a_clear_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        find_browser(None, {"PATH": str(tmp_path)})
    assert caught.value.exit_code == 2
    assert "--browser" in str(caught.value) and BROWSER_ENV in str(caught.value)
    (tmp_path / "chromium").write_text("not executable", encoding="utf-8")
    with pytest.raises(InputError, match="--browser: no executable browser"):
        find_browser(str(tmp_path / "chromium"), {"PATH": ""})
    with pytest.raises(InputError, match=f"{BROWSER_ENV}: no executable browser"):
        find_browser(None, {"PATH": "", BROWSER_ENV: "no-such-browser"})


def test_cli_without_a_browser_exits_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(BROWSER_ENV, raising=False)
    monkeypatch.setattr("capassess.report.browser.WELL_KNOWN", ())
    out = tmp_path / "r.pdf"
    result = runner.invoke(main, TINY.cli("report", str(TINY.answers), "-f", "pdf", "-o", str(out)))
    assert result.exit_code == 2, result.output
    assert "no Chromium-family browser found" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_hanging_browser_times_out_and_leaves_no_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    hang = fake_browser(tmp_path, "hang", "exec sleep 30")
    with pytest.raises(OutputError, match="within 1 s"):
        print_pdf("<p>x</p>", str(hang), header="", footer="", timeout=1)
    assert not list(tmp_path.glob("capassess-print-*"))


def test_a_browser_that_dies_is_an_output_error(tmp_path: Path) -> None:
    dead = fake_browser(tmp_path, "dead", "exit 3")
    with pytest.raises(OutputError, match="stopped before printing"):
        print_pdf("<p>x</p>", str(dead), header="", footer="", timeout=20)


def test_margin_templates_escape_the_bank_name() -> None:
    header, footer = margin_templates("A <script>x</script> & B", "Page {page} of {pages}")
    assert "<script>" not in header and "&lt;script&gt;" in header
    assert '<span class="pageNumber"></span>' in footer
    assert '<span class="totalPages"></span>' in footer


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    run = subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"],
                         capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    return run.stdout


@pytest.fixture(scope="module", params=["en", "zh"])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    lang = request.param
    bank = banks()[0]
    folder = tmp_path_factory.mktemp(f"pdf-{lang}")
    out = folder / f"report.{lang}.pdf"
    args = ["report", str(bank.answers), "-f", "pdf", "-o", str(out), "--lang", lang]
    result = CliRunner().invoke(main, bank.cli(*args, "--browser", str(CHROMIUM)))
    assert result.exit_code == 0, result.output
    return lang, bank, out


@needs_chromium
@needs_poppler
def test_pdf_has_page_numbers_and_a_running_header(printed) -> None:
    lang, bank, pdf = printed
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert 8 <= pages <= 80
    label = "第 2 页，共 {n} 页" if lang == "zh" else "Page 2 of {n}"
    second = pdf_text(pdf, 2, 2)
    assert label.format(n=pages) in second
    name = "Acme" if bank.name == "example" else ""
    assert name in second.splitlines()[0] if name else True
    assert "file:" not in pdf_text(pdf)


@needs_chromium
def test_pdf_has_an_outline_embedded_fonts_and_no_machine_path(printed) -> None:
    _lang, _bank, pdf = printed
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/Outlines" in data
    assert str(pdf.parent).encode() not in data
    assert os.path.expanduser("~").encode() + b"/" not in data
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
        rows = fonts.stdout.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts.stdout


@needs_chromium
@needs_poppler
def test_executive_summary_is_one_whole_page(printed) -> None:
    lang, _bank, pdf = printed
    from capassess.texts import words

    t = words("report", lang)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    starts = [p for p in range(1, pages + 1)
              if re.search(rf"^\s*\d+\s+{re.escape(t['summary'])}\s*$", pdf_text(pdf, p, p), re.M)]  # fmt: skip
    assert len(starts) == 1
    following = pdf_text(pdf, starts[0] + 1, starts[0] + 1)
    assert re.search(rf"^\s*\d+\s+{re.escape(t['heatmap'])}\s*$", following, re.M)
    assert t["key_messages"] in pdf_text(pdf, starts[0], starts[0])


def test_a_browser_given_by_a_relative_path_is_started(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--browser ./x`` names a file of the current folder; the browser is started in a
    folder of its own, so the path is made absolute first (it used to be 'not found')."""
    monkeypatch.chdir(tmp_path)
    fake_browser(tmp_path, "not-a-browser", "echo hello")
    assert find_browser("./not-a-browser", {"PATH": ""}) == str(tmp_path / "not-a-browser")
    out = tmp_path / "r.pdf"
    result = runner.invoke(
        main,
        TINY.cli("report", str(TINY.answers), "-f", "pdf", "-o", str(out),
                 "--browser", "./not-a-browser"),
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "stopped before printing the PDF" in result.output
    assert "No such file or directory" not in result.output
    assert not out.exists()
