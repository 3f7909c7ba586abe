"""The portfolio as a deliverable: the bank's name, no machine path, group labels in the
report's language, links from the league table to the units' own reports."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.batch.helpers import MINI, csv_text, run_cli, summary, write_csv

ROWS = [
    ("E1", "East one", "East", 5, 5),
    ("E2", "E/2 <b>", "East", 2, 3),
    ("W1", "West", "West", 3, 1),
]


def _batch(source: Path, out: Path, *extra: str) -> tuple[str, str]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), *extra)
    assert result.exit_code == 0, result.output
    return (out / "portfolio.html").read_text("utf-8"), (out / "portfolio.md").read_text("utf-8")


def _source(folder: Path, group: str = "region") -> Path:
    rows = [["id", "name", group, "q1", "q2"], *([*r] for r in ROWS)]
    return write_csv(folder / "units.csv", rows)


def test_bank_name_escaped_and_no_machine_path(tmp_path: Path) -> None:
    source = _source(tmp_path)
    bank = "Acme <script>alert(1)</script> Bank"
    html, md = _batch(source, tmp_path / "out", "--bank-name", bank, "--group-by", "region")
    assert "<script>alert" not in html
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; Bank" in html.split("<main>")[0]
    assert re.search(r"<title>Acme &lt;script", html)
    assert md.splitlines()[0].startswith("# Acme")
    for text in (html, md):
        assert str(tmp_path) not in text and "units.csv" in text
    assert summary(tmp_path / "out")["inputs"][0]["path"] == "units.csv"


@pytest.mark.parametrize(
    ("labels", "group", "lang", "heading"),
    [
        # The template's label row names the column: its words are used.
        (["#label", "单位名称", "片区", "一", "二"], "region", "zh", "按片区汇总"),
        (["#label", "Unit name", "Area", "One", "Two"], "region", "en", "Roll-up by Area"),
        # No label row: a common column's word in the report's language, else its name.
        (None, "region", "zh", "按区域汇总"),
        (None, "cluster", "zh", "按“cluster”汇总"),
        (None, "cluster", "en", "Roll-up by cluster"),
    ],
)
def test_group_label_in_the_report_language(
    tmp_path: Path, labels: list[str] | None, group: str, lang: str, heading: str
) -> None:
    rows = [["id", "name", group, "q1", "q2"], *([labels] if labels else []), *map(list, ROWS)]
    source = write_csv(tmp_path / "in.csv", rows)
    html, md = _batch(source, tmp_path / "out", "--group-by", group, "--lang", lang)
    assert f'<h2 id="rollups">{heading}</h2>' in html
    assert f"## {heading}" in md
    assert "按region" not in html + md


def test_template_label_row_names_the_group_in_the_sheet_language(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    result = run_cli("template", "-q", str(MINI), "-o", str(sheet), "--labels", "--lang", "zh")
    assert result.exit_code == 0, result.output
    text = sheet.read_text("utf-8-sig")
    assert text.splitlines()[1].split(",")[:3] == ["#label", "单位名称", "区域"]
    sheet.write_text(text + csv_text([list(r) for r in ROWS]), "utf-8")
    html, _ = _batch(sheet, tmp_path / "out", "--group-by", "region", "--lang", "zh")
    assert '<h2 id="rollups">按区域汇总</h2>' in html


def test_league_links_to_the_units_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    html, md = _batch(_source(tmp_path), out, "--reports", "html,md")
    links = re.findall(r'<td class="unit-name"><a href="([^"]+)">', html)
    assert len(links) == len(ROWS)
    for link in links:
        assert not link.startswith(("/", "file:")) and link.endswith(".html")
        assert (out / unquote(link)).is_file()
    md_links = re.findall(r"\]\((units/[^)]+\.md)\)", md)
    assert len(md_links) == len(ROWS) and all((out / unquote(x)).is_file() for x in md_links)
    # Without --reports: no links.
    html, _ = _batch(_source(tmp_path), tmp_path / "plain")
    assert "units/" not in html


def test_xlsx_template_label_row_names_the_group(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = tmp_path / "sheet.xlsx"
    result = run_cli("template", "-q", str(MINI), "-o", str(sheet), "--lang", "zh")
    assert result.exit_code == 0, result.output
    book = load_workbook(sheet)
    data = book.worksheets[0]
    assert [c.value for c in data[2]][:3] == ["#label", "单位名称", "区域"]
    data.cell(row=2, column=3, value="片区")  # the head office's own word for its regions
    for row in ROWS:
        data.append(list(row))
    book.save(sheet)
    html, md = _batch(sheet, tmp_path / "out", "--group-by", "region", "--lang", "zh")
    assert '<h2 id="rollups">按片区汇总</h2>' in html and "## 按片区汇总" in md


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("options", "raw"),
    [
        ((), ("lowest", "score", "model")),
        (("--missing", "exclude", "--rank", "topsis", "--weights", "entropy"),
         ("exclude", "topsis", "entropy")),
        (("--missing", "error", "--weights", "blend:0.3"), ("error", "score", "blend:0.3")),
    ],
)  # fmt: skip
def test_method_says_every_setting_in_words_and_defines_every_figure(
    tmp_path: Path, lang: str, options: tuple[str, ...], raw: tuple[str, ...]
) -> None:
    """A reader of the portfolio learns how missing answers, ranking and weights were
    handled in words (the option value follows in brackets), and finds a definition for
    each figure the tables show."""
    from capassess.texts import words

    source = _source(tmp_path)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--lang", lang, "--allow-rejects", *options)  # fmt: skip
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "portfolio.md").read_text("utf-8")
    t = words("portfolio", lang)
    method = md[md.index(f"## {t['method']}") :]
    missing, rank, weights = raw
    assert f"{t[f'missing_{missing}']}{t['po']}`{missing}`" in method
    assert f"{t[f'rank_{rank}']}{t['po']}`{rank}`" in method
    if weights.startswith("blend:"):
        assert "0.3 × " in method and "0.7 × " in method
    else:
        assert f"{t[f'weights_{weights}']}{t['po']}`{weights}`" in method
    definitions = method[method.index(t["definitions"]) :]
    for label in ("na", "q1", "q3", "median", "min", "max", "target", "below_target", "gap",
                  "weight"):  # fmt: skip
        assert f"{t[label]}" in definitions, label
    assert "Σ" in definitions  # the scoring formula defines the score
