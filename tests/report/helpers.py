"""Report test helpers: which bank to render, HTML and Markdown parsing, resource scans."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import html5lib
from markdown_it import MarkdownIt
from markdown_it.token import Token

from capassess.resources import data_dir
from tests.conftest import DATA

HERE = Path(__file__).resolve().parent / "data"
GOOD = DATA / "good"
XHTML = "{http://www.w3.org/1999/xhtml}"
NETWORK = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]*)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'");\s]*)""", re.IGNORECASE)


@dataclass(frozen=True)
class Bank:
    """An answers file to report on, its baseline, and where its questionnaire is."""

    name: str
    answers: Path
    baseline: Path | None
    dirs: tuple[str, ...]

    def cli(self, *args: str) -> list[str]:
        """CLI arguments: the questionnaire folders, then ``args``."""
        return [a for d in self.dirs for a in ("--questionnaire-dir", d)] + list(args)


def example_bank() -> Bank | None:
    """The bundled example bank, when it and its questionnaire are installed."""
    folder = data_dir("examples")
    answers, baseline = folder / "acme-bank.yaml", folder / "acme-bank-2025.yaml"
    if not answers.is_file():
        return None
    return Bank("example", answers, baseline if baseline.is_file() else None, ())


MEDIUM = Bank(
    "medium",
    HERE / "medium-answers.yaml",
    HERE / "medium-answers-2025.yaml",
    (str(HERE),),
)
TINY = Bank("tiny", GOOD / "tiny-answers.yaml", GOOD / "tiny-answers-old.yaml", (str(GOOD),))


def banks() -> list[Bank]:
    """The bundled example when present, and the medium test bank."""
    found = example_bank()
    return ([found] if found else []) + [MEDIUM]


def parse_html(text: str) -> ET.Element:
    """Parse HTML as a browser would (HTML5), with namespaces stripped from tags."""
    root = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]
    return root


def text_of(root: ET.Element) -> str:
    """All text of the document, as a reader sees it (without scripts or styles)."""
    return " ".join(
        " ".join(filter(None, [el.text, el.tail]))
        for el in root.iter()
        if el.tag not in ("style", "script")
    )


def network_resources(root: ET.Element) -> list[str]:
    """Every src, stylesheet href, @import or url() in the document that names a host."""
    found: list[str] = []
    for el in root.iter():
        for attr in ("src", "srcset", "data", "poster", "xlink:href", "background"):
            value = el.get(attr)
            if value and NETWORK.search(value):
                found.append(f"<{el.tag} {attr}={value}>")
        if el.tag == "link" and NETWORK.search(el.get("href", "")):
            found.append(f"<link href={el.get('href')}>")
        if el.tag in ("use", "image", "feImage") and NETWORK.search(el.get("href", "")):
            found.append(f"<{el.tag} href={el.get('href')}>")
        css = (el.text or "") if el.tag == "style" else el.get("style", "")
        found += [u for u in CSS_URL.findall(css) + CSS_IMPORT.findall(css) if NETWORK.search(u)]
    return found


def markdown() -> MarkdownIt:
    """A CommonMark parser with GFM tables, raw HTML allowed (as GitHub allows some)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def inline_text(token: Token) -> str:
    """The text of an inline token as a reader sees it: escapes resolved, raw HTML kept."""
    parts = [
        child.content if child.type in ("text", "code_inline", "html_inline") else ""
        for child in token.children or []
    ]
    return "".join(parts)


def headings(text: str) -> list[tuple[str, str]]:
    """The headings of a Markdown text: (tag, text)."""
    tokens = markdown().parse(text)
    return [
        (t.tag, inline_text(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


@dataclass(frozen=True)
class MdTable:
    """A parsed Markdown table: header cells and body rows of cell texts."""

    header: list[str]
    rows: list[list[str]]


def md_tables(text: str) -> list[MdTable]:
    """Every GFM table of a Markdown text, as plain cell texts."""
    tables: list[MdTable] = []
    header: list[str] = []
    rows: list[list[str]] = []
    row: list[str] = []
    section = ""
    for token in markdown().parse(text):
        if token.type in ("thead_open", "tbody_open"):
            section = token.type[:5]
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and section and token.map is not None:
            row.append(inline_text(token))
        elif token.type == "tr_close":
            header, rows = (row, rows) if section == "thead" else (header, [*rows, row])
        elif token.type == "table_close":
            tables.append(MdTable(header, rows))
            header, rows, section = [], [], ""
    return tables
