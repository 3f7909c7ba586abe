"""Open the HTML report in headless Chromium: it renders, in both languages, without errors.

Skipped where no Chromium is installed; CI installs Debian's chromium (see .ci/run).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.render import render_report
from tests.report.helpers import banks

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (CI installs Debian's chromium: .ci/run)"
)
NAVY = (0x14, 0x30, 0x4F)


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a throw-away profile and console logging on stderr."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--hide-scrollbars",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module", params=["en", "zh"])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    lang = request.param
    bank = banks()[0]
    options = PlanOptions(baseline=str(bank.baseline) if bank.baseline else None)
    planned = plan_file(bank.answers, options, bank.dirs)
    folder = tmp_path_factory.mktemp(f"browser-{lang}")
    html = folder / f"report.{lang}.html"
    html.write_text(render_report(planned, "html", lang), encoding="utf-8")
    return lang, planned, html


def test_dom_has_the_title_and_the_charts(page) -> None:
    lang, planned, html = page
    run = chromium(html.parent / "profile-dom", "--dump-dom", html.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    title = (
        "金融科技能力成熟度评估报告" if lang == "zh" else "Fintech capability maturity assessment"
    )
    assert re.search(rf"<title>{re.escape(title)} · [^<]+</title>", run.stdout)
    assert run.stdout.count("<svg ") == 4
    name = planned.scored.assessment.subject.name or planned.scored.assessment.subject.id
    assert name.replace("&", "&amp;") in run.stdout
    assert console_messages(run.stderr) == []


def test_screenshot_is_a_rendered_page(page) -> None:
    from PIL import Image

    _lang, _, html = page
    png = html.parent / "shot.png"
    run = chromium(
        html.parent / "profile-png", f"--screenshot={png}", "--window-size=1280,2000", html.as_uri()
    )
    assert run.returncode == 0 and png.is_file(), run.stderr[-2000:]
    image = Image.open(png).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 200, f"only {len(colours)} colours: blank page?"
    assert max(count for count, _ in colours) < 0.8 * 1280 * 2000
    # The cover band is drawn (inline CSS applied): navy behind the title.
    assert image.getpixel((640, 120)) == NAVY
    assert console_messages(run.stderr) == []


def test_prints_to_pdf_on_several_pages(page) -> None:
    _, _, html = page
    pdf = html.parent / "report.pdf"
    run = chromium(
        html.parent / "profile-pdf",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        html.as_uri(),
    )
    assert run.returncode == 0 and pdf.is_file(), run.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 4
