"""Read a printed PDF back: the page of each link target; links into the print folder.

Chromium writes a named destination for every element that a link of the document
points at (``<a href="#gaps">`` makes ``gaps``), so the contents' targets can be found
on their pages. pypdf is imported here only, for ``report -f pdf`` and ``batch --pdf``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from capassess.errors import OutputError

if TYPE_CHECKING:
    from pypdf import PdfReader


def _reader(pdf: bytes) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return PdfReader(io.BytesIO(pdf))
    except PyPdfError as exc:  # pragma: no cover - the browser wrote a broken PDF
        raise OutputError(f"the browser printed a PDF that cannot be read back ({exc})") from exc


def target_pages(pdf: bytes) -> dict[str, int]:
    """The page (1 = the first) of each named destination, by its name (the element id)."""
    reader = _reader(pdf)
    pages: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        number = reader.get_destination_page_number(destination)
        if number is not None and number >= 0:
            pages[str(name).removeprefix("/")] = number + 1
    return pages


def without_folder_links(pdf: bytes, folder: Path) -> bytes:
    """``pdf`` with links into ``folder`` (where it was printed) made relative to it.

    The browser makes a relative link (``units/a.html``) absolute against the page it
    printed, a temporary folder that is gone afterwards; the PDF keeps the relative link,
    as the HTML does, and names no folder of the machine. A PDF without such links is
    returned as it is.
    """
    if b"/URI" not in pdf:
        return pdf
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=_reader(pdf))
    prefixes, changed = _folder_uris(folder), False
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            action = ref.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            prefix = next((p for p in prefixes if uri.startswith(p)), None)
            if prefix is not None:
                action[NameObject("/URI")] = TextStringObject(uri[len(prefix) :])
                changed = True
    if not changed:
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _folder_uris(folder: Path) -> list[str]:
    """The forms of ``folder`` that a link into it can start with."""
    uri = folder.resolve().as_uri().rstrip("/") + "/"
    plain = folder.as_uri().rstrip("/") + "/"
    return list(dict.fromkeys([uri, plain, "file://" + str(folder.resolve()) + "/"]))
