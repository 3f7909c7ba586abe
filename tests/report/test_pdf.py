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
from capassess.planning import PlanOptions, plan_file
from capassess.report.browser import BROWSER_ENV, find_browser
from capassess.report.build import build_report
from capassess.report.pdf import print_pdf
from capassess.report.render import render_report
from tests.report.helpers import TINY, Bank, banks
from tests.report.pdf_pages import (
    check_contents,
    check_margins,
    contents_entries,
    needs_poppler,
    page_texts,
    pdf_text,
    squeeze,
    top_sections,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (CI installs Debian's chromium: .ci/run)"
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
        print_pdf("<p>x</p>", str(hang), timeout=1)
    assert not list(tmp_path.glob("capassess-print-*"))


def test_a_browser_that_dies_is_an_output_error(tmp_path: Path) -> None:
    dead = fake_browser(tmp_path, "dead", "exit 3")
    with pytest.raises(OutputError, match="stopped before printing"):
        print_pdf("<p>x</p>", str(dead), timeout=20)


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


def running_header(bank: Bank, lang: str) -> str:
    """The running header the report of ``bank`` should carry: its name and title."""
    planned = plan_file(bank.answers, PlanOptions(), bank.dirs)
    report = build_report(planned, "zh" if lang == "zh" else "en")
    return f"{report.cover.subject_name} · {report.title}"


@needs_chromium
@needs_poppler
def test_pdf_has_page_numbers_and_a_running_header_but_not_on_the_cover(printed) -> None:
    lang, bank, pdf = printed
    pages = page_texts(pdf)
    assert 8 <= len(pages) <= 80
    check_margins(pdf, running_header(bank, lang), lang)


@needs_chromium
@needs_poppler
def test_the_contents_name_the_page_each_section_starts_on(printed) -> None:
    lang, bank, pdf = printed
    html = render_report(plan_file(bank.answers, PlanOptions(), bank.dirs), "html", lang)
    entries = contents_entries(html)
    assert len(entries) >= 10
    assert 'class="toc-page"' not in html  # on screen: links, no page numbers
    check_contents(pdf, entries, top_sections(html))


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


@needs_chromium
@needs_poppler
def test_without_the_devtools_pipe_the_pages_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the pipe is missing (Windows) the browser's --print-to-pdf prints: the
    running header and page numbers are the report's CSS, so they print there too, and
    the contents still name their pages."""
    from capassess.report.render import render_pdf

    monkeypatch.setattr("capassess.report.pdf.PIPE", False)
    bank = banks()[0]
    planned = plan_file(bank.answers, PlanOptions(), bank.dirs)
    pdf = tmp_path / "flag.pdf"
    pdf.write_bytes(render_pdf(planned, str(CHROMIUM), "zh"))
    check_margins(pdf, running_header(bank, "zh"), "zh")
    html = render_report(planned, "html", "zh")
    check_contents(pdf, contents_entries(html), top_sections(html))


@needs_chromium
@needs_poppler
def test_the_browsers_own_header_and_footer_never_print(tmp_path: Path) -> None:
    """As a reader's own Ctrl+P with "Headers and footers" ticked: the browser prints its
    header (date, title) and footer (file path, page) only on pages without margin boxes
    of their own, and every page of the report has some (the cover's are empty)."""
    from capassess.report.pdf import _command

    bank = banks()[0]
    page = tmp_path / "report.html"
    page.write_text(render_report(plan_file(bank.answers, PlanOptions(), bank.dirs), "html"))
    out = tmp_path / "own.pdf"
    command = _command(str(CHROMIUM), tmp_path / "profile", f"--print-to-pdf={out}", page.as_uri())
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    pages = page_texts(out)
    assert len(pages) >= 8
    for k, text in enumerate(pages, start=1):
        assert "file://" not in text and str(tmp_path) not in text, k
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b", text), k
    check_margins(out, running_header(bank, "en"), "en")


@needs_chromium
@needs_poppler
def test_the_cover_fills_its_page_and_the_others_keep_their_margins(printed) -> None:
    from PIL import Image

    _lang, _bank, pdf = printed
    prefix = pdf.parent / "corner"
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "2", str(pdf), str(prefix)],
                   check=True, timeout=60)  # fmt: skip
    cover, contents = (Image.open(p).convert("RGB") for p in sorted(pdf.parent.glob("corner*.png")))
    navy = (0x14, 0x30, 0x4F)
    for xy in ((1, 1), (cover.width - 2, 1), (1, cover.height // 2)):
        assert all(abs(a - b) < 24 for a, b in zip(cover.getpixel(xy), navy, strict=True)), xy
    assert contents.getpixel((1, 1)) == (255, 255, 255)


@needs_chromium
@needs_poppler
def test_roadmap_pages_repeat_their_table_header(printed) -> None:
    """Every roadmap page with initiative rows shows the table's header row, also where a
    table runs on from the page before."""
    from capassess.texts import words

    lang, _bank, pdf = printed
    t = words("report", lang)
    pages = [squeeze(text) for text in page_texts(pdf)]
    heading = [re.compile(rf"\d{re.escape(squeeze(t[key]))}") for key in ("roadmap", "risks")]
    first = next(k for k, text in enumerate(pages) if k > 1 and heading[0].search(text))
    after = next(k for k, text in enumerate(pages) if k > 1 and heading[1].search(text))
    rows = [k for k in range(first, after) if "act-" in pages[k]]
    assert len(rows) >= 3
    for k in rows:
        assert squeeze(t["owner_kpi"]) in pages[k] or squeeze(t["why_not"]) in pages[k], k + 1
