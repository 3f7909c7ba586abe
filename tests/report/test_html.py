"""The HTML report: one offline file, parsed as a browser would, in both languages."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.report.helpers import Bank, banks, network_resources, parse_html, text_of

LANGS = ["en", "zh"]


@pytest.fixture(
    scope="module",
    params=[(b, lang) for b in banks() for lang in LANGS],
    ids=lambda p: f"{p[0].name}-{p[1]}",
)
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    bank, lang = request.param
    out = tmp_path_factory.mktemp("html") / f"report.{lang}.html"
    args = ["report", str(bank.answers), "-f", "html", "-o", str(out), "--lang", lang]
    if bank.baseline:
        args += ["--baseline", str(bank.baseline)]
    result = CliRunner().invoke(main, bank.cli(*args))
    assert result.exit_code == 0, result.output
    assert str(out) in result.stderr
    return bank, lang, out.read_text(encoding="utf-8")


def test_parses_as_html5_with_the_expected_sections(rendered: tuple[Bank, str, str]) -> None:
    bank, lang, text = rendered
    assert text.startswith("<!DOCTYPE html>")
    root = parse_html(text)
    html = root if root.tag == "html" else root.find(".//html")
    assert html is not None and html.get("lang") == ("zh-CN" if lang == "zh" else "en")
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    expected = {"summary", "dimensions", "gaps", "roadmap", "method"}
    assert expected | ({"progress"} if bank.baseline else set()) <= ids
    anchors = [a.get("href", "") for a in root.iter("a") if a.get("href", "").startswith("#")]
    assert anchors and all(a[1:] in ids for a in anchors)
    assert len(list(root.iter("svg"))) == 4
    assert root.find(".//title") is not None and root.find(".//title").text


def test_fetches_nothing_from_the_network(rendered: tuple[Bank, str, str]) -> None:
    root = parse_html(rendered[2])
    assert network_resources(root) == []
    assert not list(root.iter("script")) and not list(root.iter("link"))
    assert all(el.get("src") is None for el in root.iter())


def test_css_is_inline_print_ready_with_cjk_fonts(rendered: tuple[Bank, str, str]) -> None:
    styles = [el.text or "" for el in parse_html(rendered[2]).iter("style")]
    css = "\n".join(styles)
    assert len(styles) == 1 and "@page" in css and "@media print" in css
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"):
        assert f'"{font}"' in css
    assert "break-inside: avoid" in css and "tr, figure" in css


def test_language_of_the_text(rendered: tuple[Bank, str, str]) -> None:
    _, lang, text = rendered
    words = text_of(parse_html(text))
    if lang == "zh":
        assert "执行摘要" in words and "差距分析" in words and "Executive summary" not in words
    else:
        assert "Executive summary" in words and "执行摘要" not in words


def test_every_answer_is_in_the_report(rendered: tuple[Bank, str, str]) -> None:
    from capassess.catalog import load_assessment

    bank, _, text = rendered
    assessment, _, _ = load_assessment(bank.answers, None, bank.dirs)
    root = parse_html(text)
    ids = {el.text for el in root.iter("div") if el.get("class") == "id"}
    assert set(assessment.answers) <= ids
    words = text_of(root)
    for answer in assessment.answers.values():
        for free in (answer.evidence, answer.note):
            if free:
                assert " ".join(free.split()) in " ".join(words.split())
