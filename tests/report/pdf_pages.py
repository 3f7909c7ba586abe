"""Read printed PDFs back with poppler: page texts, margins, the contents' page numbers."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.report.helpers import parse_html

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def pdf_text(
    pdf: Path, first: int | None = None, last: int | None = None, *, layout: bool = True
) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    run = subprocess.run(["pdftotext", *(["-layout"] if layout else []), *pages, str(pdf), "-"],
                         capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    return run.stdout


def squeeze(text: str) -> str:
    """``text`` without white space (pdftotext spaces CJK and mixed runs as it likes)."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, the first page first."""
    return pdf_text(pdf).split("\f")[:-1]


MM = 72 / 25.4  # PDF points per millimetre
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
)


def margin_texts(pdf: Path) -> list[tuple[str, str]]:
    """Per page, the text in its top margin (16 mm) and in its bottom margin (18 mm), each
    read left to right (a line of mixed Latin and CJK has two baselines for pdftotext)."""
    run = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    found = []
    for page in run.stdout.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        words = [(float(x), float(y0), float(y1), html.unescape(w))
                 for x, y0, y1, w in WORD.findall(page)]  # fmt: skip
        top = "".join(w for _x, _y0, y1, w in sorted(words) if y1 <= 16 * MM)
        bottom = "".join(w for _x, y0, _y1, w in sorted(words) if y0 >= height - 18 * MM)
        found.append((top, bottom))
    return found


def check_margins(pdf: Path, running: str, lang: str) -> None:
    """Page 1 (the cover) has no header, no page number and nothing of the browser's;
    every other page has ``running`` in its top margin and "Page k of n" in its bottom
    one, and nothing else there."""
    pages = page_texts(pdf)
    label = "第{k}页，共{n}页" if lang == "zh" else "Page{k}of{n}"
    cover = squeeze(pages[0])
    assert squeeze(running) not in cover
    assert label.format(k=1, n=len(pages)) not in cover
    assert not re.search(r"file://|\d{1,2}/\d{1,2}/\d{2}|\d{1,2}:\d{2}", pages[0]), pages[0]
    margins = margin_texts(pdf)
    assert len(margins) == len(pages)
    for k, (top, bottom) in enumerate(margins[1:], start=2):
        assert squeeze(top) == squeeze(running), (k, top)
        assert squeeze(bottom) == label.format(k=k, n=len(pages)), (k, bottom)
        assert "file://" not in pages[k - 1]


def check_contents(pdf: Path, entries: list[tuple[str, str]], sections: set[str]) -> None:
    """The contents page names a page for every entry, and each entry's heading is on it
    (a numbered section heading at the start of a line)."""
    pages = page_texts(pdf)
    contents = [squeeze(line) for line in pages[1].splitlines()]
    for target, title in entries:
        line = next((c for c in contents if squeeze(title) in c), None)
        assert line is not None, f"{title!r} is not in the contents"
        found = re.search(r"(\d+)$", line)
        assert found, f"{title!r} has no page number in the contents: {line!r}"
        page = int(found.group(1))
        assert 3 <= page <= len(pages), (title, page)
        on_page = [squeeze(x) for x in pages[page - 1].splitlines()]
        if target in sections:
            assert any(re.fullmatch(rf"\d+{re.escape(squeeze(title))}", x) for x in on_page), (
                f"section {title!r} does not start on page {page}"
            )
            assert not any(re.fullmatch(rf"\d+{re.escape(squeeze(title))}", squeeze(x))
                           for x in pages[page - 2].splitlines()), title  # fmt: skip
        else:
            # in reading order: a long title wraps beside its score in the layout
            flowing = squeeze(pdf_text(pdf, page, page, layout=False))
            assert squeeze(title) in flowing, f"{title!r} is not on page {page}"


def contents_entries(html: str) -> list[tuple[str, str]]:
    """The contents of an HTML page as (target id, title), in order."""
    nav = parse_html(html).find(".//nav")
    assert nav is not None
    return [(a.get("href", "")[1:], "".join(a.itertext()).strip()) for a in nav.iter("a")]


def top_sections(html: str) -> set[str]:
    """The ids of the contents' top-level entries (numbered section headings)."""
    nav = parse_html(html).find(".//nav/ol")
    assert nav is not None
    return {a.get("href", "")[1:] for a in nav.findall("li/a")}
