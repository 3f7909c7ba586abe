"""Figures whose points may group thousands, in a file that writes decimals with commas.

A CSV separated by semicolons comes from a locale (German, French, Russian...) where
three and a half is ``3,5`` and twelve hundred is ``1.200``. In such a file a ``1.200``
in a number column is either 1.2 or 1200; the figure rules would read 1.2, a silent change
of magnitude. So there, a figure grouped by points (``1.200``, ``12.500.000``,
``1.200,5``) is refused with a reason that says what to write; ``0.125`` and ``3.25``
cannot be groups of thousands and are read as they stand.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from capassess.batch.cells import INVALID, Column, Verdict
from capassess.model.questionnaire import NumberQuestion, Questionnaire
from capassess.texts import say
from capassess.values import shown

if TYPE_CHECKING:
    from capassess.batch.table import Chunk

GROUPED = r"^\s*[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]*)?\s*$"
"""A figure whose points may group thousands (RE2 syntax, for pyarrow)."""


def number_ids(questionnaire: Questionnaire) -> tuple[str, ...]:
    """The ids of the questionnaire's number questions."""
    return tuple(q.id for _, _, q in questionnaire.questions() if isinstance(q, NumberQuestion))


def refuse_grouped(chunk: Chunk, columns: dict[str, Column], ids: tuple[str, ...]) -> None:
    """Mark invalid, saying why, every cell of the number columns ``ids`` whose
    figure is grouped by points, when ``chunk`` writes decimals with commas."""
    if not chunk.decimal_comma:
        return
    import pyarrow.compute as pc

    for qid in ids:
        column = columns[qid]
        hits = pc.match_substring_regex(column.raw, GROUPED).to_numpy(zero_copy_only=False)
        rows = hits.nonzero()[0].tolist()
        if rows:
            _writable(column)
        codes: dict[str, int] = {}
        for i in rows:
            raw = column.raw[i].as_py()
            if raw not in codes:
                codes[raw] = len(column.verdicts)
                reason = say("batch", "en", "why_thousand_points", value=shown(raw))
                column.verdicts.append(Verdict(INVALID, math.nan, None, reason))
            column.status[i] = INVALID
            column.score[i] = math.nan
            column.codes[i] = codes[raw]


def _writable(column: Column) -> None:
    """Make the arrays of ``column`` its own to change (a lookup's may be views)."""
    column.status, column.score = column.status.copy(), column.score.copy()
    column.codes = column.codes.copy()
