"""Free text from answers files and questionnaires renders inert: shown, never run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.catalog import load_assessment
from capassess.cli import main
from tests.report.helpers import MEDIUM, TINY, markdown, parse_html, text_of

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def hostile_answers(folder: Path) -> Path:
    """The medium answers with the payload in every free-text field."""
    assessment, _, _ = load_assessment(MEDIUM.answers, None, MEDIUM.dirs)
    data = assessment.model_dump(mode="json", exclude_none=True)
    data["date"] = str(assessment.date)
    data["subject"].update(id=f"id {PAYLOAD}", name=f"Bank {PAYLOAD}")
    data["subject"]["group"] = {"region": f"East {PAYLOAD}", f"key {PAYLOAD}": "value"}
    data["assessor"] = f"Assessor {PAYLOAD}"
    for answer in data["answers"].values():
        answer.update(evidence=f"Evidence {PAYLOAD}", note=f"Note {PAYLOAD}\nline two")
    path = folder / "hostile.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def hostile_questionnaire(folder: Path) -> Path:
    """The tiny questionnaire with the payload in titles, texts and option labels."""
    text = (Path(TINY.dirs[0]) / "tiny.yaml").read_text(encoding="utf-8")
    evil = json.dumps(PAYLOAD)
    for plain in ("Governance", "Data", "Name stewards", "How is data governed?", "Some"):
        text = text.replace(f"{{en: {plain},", f'{{en: {evil[:-1]} {plain}",')
    folder.mkdir()
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    return folder


def assert_inert(html: str) -> None:
    root = parse_html(html)
    assert not list(root.iter("script")) and not list(root.iter("img"))
    handlers = [(el.tag, a) for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []
    assert PAYLOAD in text_of(root).replace("\n", " ")


def run(runner: CliRunner, dirs: tuple[str, ...], *args: str) -> str:
    options = [a for d in dirs for a in ("--questionnaire-dir", d)]
    result = runner.invoke(main, [*options, "report", *args, "-o", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answers_payload_in_html_shows_as_text(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    answers = hostile_answers(tmp_path)
    html = run(
        runner,
        MEDIUM.dirs,
        str(answers),
        "-f",
        "html",
        "--lang",
        lang,
        "--title",
        f"Title {PAYLOAD}",
    )
    assert_inert(html)
    words = text_of(parse_html(html))
    for field in ("Bank", "id", "Assessor", "East", "key", "Evidence", "Note", "Title"):
        assert f"{field} {PAYLOAD}" in words, field


def test_answers_payload_in_markdown_stays_text(runner: CliRunner, tmp_path: Path) -> None:
    answers = hostile_answers(tmp_path)
    md = run(runner, MEDIUM.dirs, str(answers), "-f", "md", "--title", f"Title {PAYLOAD}")
    assert not re.search(r"(?<!\\)<(script|img)", md)
    assert_inert(markdown().render(md))


def test_questionnaire_payload_in_charts_and_tables(runner: CliRunner, tmp_path: Path) -> None:
    folder = hostile_questionnaire(tmp_path / "q")
    html = run(runner, (str(folder),), str(TINY.answers), "-f", "html")
    assert_inert(html)
    svg_text = " ".join("".join(el.itertext()) for el in parse_html(html).iter("text"))
    assert PAYLOAD in svg_text
    md = run(runner, (str(folder),), str(TINY.answers), "-f", "md")
    assert_inert(markdown().render(md))
