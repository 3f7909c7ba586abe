"""Reading a printed PDF back (named destinations, folder links) and text for print CSS.

These need no browser: the PDFs are made with pypdf as Chromium makes them (a named
destination per link target, a URI link per relative link).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link

from capassess.report.css_text import css_page_label, css_string
from capassess.report.environment import report_environment
from capassess.report.page_refs import target_pages, without_folder_links


def make_pdf(pages: int, targets: dict[str, int], links: tuple[str, ...] = ()) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    for name, page in targets.items():
        writer.add_named_destination(name, page - 1)
    for uri in links:
        writer.add_annotation(1, Link(rect=(50, 50, 200, 70), url=uri))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_target_pages_are_counted_from_one() -> None:
    pdf = make_pdf(6, {"summary": 3, "gaps": 5, "dim-data": 3, "method": 6})
    assert target_pages(pdf) == {"summary": 3, "gaps": 5, "dim-data": 3, "method": 6}
    assert target_pages(make_pdf(2, {})) == {}


def test_links_into_the_print_folder_become_relative(tmp_path: Path) -> None:
    folder = tmp_path / "capassess-print-x"
    folder.mkdir()
    inside = (folder / "units" / "br-1.html").as_uri()
    elsewhere = "https://example.org/x"
    pdf = make_pdf(2, {"a": 1}, (inside, elsewhere))
    cleaned = without_folder_links(pdf, folder)
    assert str(folder).encode() not in cleaned
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for a in PdfReader(io.BytesIO(cleaned)).pages[1]["/Annots"]
    ]
    assert uris == ["units/br-1.html", elsewhere]
    assert target_pages(cleaned) == {"a": 1}


def test_a_pdf_without_folder_links_is_left_as_it_is(tmp_path: Path) -> None:
    plain = make_pdf(2, {"a": 2})
    assert without_folder_links(plain, tmp_path) is plain
    other = make_pdf(2, {}, ("https://example.org/",))
    assert without_folder_links(other, tmp_path) is other


@pytest.mark.parametrize(
    "text",
    [
        'A "quoted" bank',
        "back\\slash",
        "</style><script>alert(1)</script>",
        "a;b{c}d",
        "line\nbreak",
        "招商银行 · 报告",
        "it's",
    ],
)
def test_css_string_cannot_leave_the_string_or_the_style_element(text: str) -> None:
    quoted = str(css_string(text))
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    for bad in ('"', "'", "<", ">", "{", "}", ";", "\n"):
        assert bad not in inner
    # every backslash starts a hex escape that CSS reads back as the character
    decoded = re.sub(r"\\([0-9A-F]+) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == text


def test_page_label_puts_the_counters_in_place() -> None:
    assert (
        str(css_page_label("Page {page} of {pages}"))
        == '"Page " counter(page) " of " counter(pages)'
    )
    assert str(css_page_label("{page} / {pages}")) == 'counter(page) " / " counter(pages)'
    assert str(css_page_label("第 {page} 页，共 {pages} 页")) == (
        '"第 " counter(page) " 页，共 " counter(pages) " 页"'
    )


def test_the_bank_name_in_the_print_css_is_inert() -> None:
    env = report_environment()
    css = env.get_template("partials/print.css.j2").render(
        running='Bank</style><script>x()</script>"', page_label="Page {page} of {pages}"
    )
    assert "</style>" not in css and "<script>" not in css
    assert "@top-left" in css and "counter(pages)" in css
    first = css[css.index("@page :first") :]
    assert '@top-left { content: ""; }' in first and '@bottom-right { content: ""; }' in first
