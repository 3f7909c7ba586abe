"""JSON text that every JSON reader accepts: never ``Infinity`` or ``NaN``.

Python's ``json`` writes a non-finite float as ``Infinity`` or ``NaN``, which is not
JSON. Inputs are checked to be finite, so none should arise; should one all the same,
it is written as ``null`` (as an n/a score is), never as a bare word.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite(data: Any) -> Any:
    """``data`` with every non-finite float replaced by ``None``."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(value) for value in data]
    return data


def to_json(data: Any, *, ensure_ascii: bool = False, indent: int | None = 2) -> str:
    """``data`` as JSON text (non-finite numbers as ``null``)."""
    return json.dumps(finite(data), ensure_ascii=ensure_ascii, indent=indent, allow_nan=False)
