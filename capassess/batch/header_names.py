"""Header cells as the names they stand for, however the sheet's maker dressed them.

Branch staff and bank systems write the template's header names with more around them:
full-width letters (``ｉｄ``, ``Ｇ－ＬＥＶＥＬ``), blanks and zero-width characters at
either end, a note in brackets (``id（机构号）``, ``g-level (等级)``, ``a-bool【是/否】``)
or on a second line of the cell (``g-level⏎数据治理等级``). A header cell stands for
``id``, ``name`` or a question id when it is one in any case once full-width forms are
read as half-width (NFKC) and blanks trimmed, or when the part of it before its first
bracket or line break is. Any other cell (a group column's name) is kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from capassess.batch.unit_text import BLANKS

NOTE = re.compile(r"[(\[【〔\r\n]")
"""Where a note on a header name begins (NFKC makes ``（`` and ``［`` half-width)."""


def header_key(text: object, known: Container[str]) -> str:
    """The casefolded name in ``known`` (casefolded names) that the header cell ``text``
    stands for, else the cell trimmed and casefolded."""
    plain = unicodedata.normalize("NFKC", str(text or "")).strip(BLANKS).casefold()
    if plain in known:
        return plain
    before = NOTE.split(plain, maxsplit=1)[0].strip(BLANKS)
    return before if before and before in known else plain
