"""AHP pairwise comparison matrices, as written in YAML."""

import math
from fractions import Fraction
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from capassess.model.base import Frozen, Id, NotBool

Entry = float | str


def parse_entry(value: Entry) -> float:
    """Read a matrix entry: a number or a fraction such as ``1/3``."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        try:
            number = float(Fraction(value.strip()))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not a number or a fraction like 1/3") from None
        except OverflowError:  # "1e400": a fraction too large for a float
            raise ValueError(f"{value!r} is not a finite number") from None
    if not math.isfinite(number):  # .inf and .nan are YAML floats
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _positive(value: Entry) -> Entry:
    """A matrix entry that reads as a positive number (checked where it is written, so
    that an error points at the entry itself)."""
    if parse_entry(value) <= 0:
        raise ValueError(f"entry {value!r} must be positive")
    return value


class AhpMatrix(Frozen):
    """A pairwise comparison matrix over ``items``; the lower triangle may be left out."""

    # Entries are read by ``parse_entry``, which names a non-finite one itself.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=True, defer_build=True)

    items: Annotated[list[Id], Field(min_length=1, description="Ids compared, in row order.")]
    matrix: list[list[Annotated[Entry, NotBool, AfterValidator(_positive)]]] = Field(
        description="Rows of numbers or fractions ('1/3'). Row i may hold all n entries, "
        "or only those from the diagonal on (n-i), or only those right of it (n-i-1)."
    )
    accept_cr: Annotated[float, NotBool, Field(gt=0, lt=1)] | None = Field(
        None, description="Accept a consistency ratio below this instead of 0.10."
    )

    @model_validator(mode="after")
    def _shape(self) -> "AhpMatrix":
        n = len(self.items)
        if len(set(self.items)) != n:
            raise ValueError("items must be unique")
        if len(self.matrix) not in (n, n - 1) or (len(self.matrix) == n - 1 and n == 1):
            raise ValueError(f"matrix has {len(self.matrix)} rows for {n} items")
        self.full()
        return self

    def full(self) -> list[list[float]]:
        """Return the complete n x n matrix, filling a left-out lower triangle."""
        n = len(self.items)
        out = [[1.0] * n for _ in range(n)]
        given = [[False] * n for _ in range(n)]
        for i, row in enumerate(self.matrix):
            start = {n: 0, n - i: i, n - i - 1: i + 1}.get(len(row))
            if start is None:
                raise ValueError(
                    f"row {i + 1} has {len(row)} entries; expected {n}, {n - i} or {n - i - 1}"
                )
            for k, value in enumerate(row):
                out[i][start + k] = parse_entry(value)
                given[i][start + k] = True
        for i in range(n):
            for j in range(n):
                if not given[i][j] and given[j][i]:
                    out[i][j] = 1.0 / out[j][i]
        return out
