"""The byte checks that spare a regex never say "no" where the regex finds something, and
the outputs that use them are those of the regex alone."""

from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from capassess.batch.judge import CONTROL
from capassess.batch.neutralise import TRIGGER_BYTES, TRIGGER_PATTERN, neutralise, neutralise_array
from capassess.batch.text_bytes import CONTROL_BYTES, may_hold, may_start_with
from capassess.batch.xlsx_writer import ESCAPE_BYTES, NEEDS_ESCAPE, SheetColumn, _cells

ALPHABET = ["a", "1", " ", "第", "华", "１", "é", "=", "+", "-", "@", "&", "<", ">", "\t", "\r",
            "\n", "\x00", "\x07", "\x1b", "\x7f", "\ufffe", "\uffff", "\ufffd", "𠀀", "."]  # fmt: skip


def _columns(seed: int) -> list[pa.Array]:
    rng = random.Random(seed)
    out = []
    for _ in range(300):
        cells = [
            "".join(rng.choices(ALPHABET, k=rng.randint(0, 4))) for _ in range(rng.randint(0, 6))
        ]
        column = pa.array(cells, pa.string())
        out.append(column.slice(1) if len(cells) > 2 and rng.random() < 0.3 else column)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_a_byte_check_says_no_only_where_the_regex_finds_nothing(seed: int) -> None:
    for column in _columns(seed):
        for codes, pattern in ((CONTROL_BYTES, CONTROL), (ESCAPE_BYTES, NEEDS_ESCAPE)):
            if not may_hold(column, codes):
                assert not pc.any(pc.match_substring_regex(column, pattern)).as_py()
        if not may_start_with(column, TRIGGER_BYTES):
            assert not pc.any(pc.match_substring_regex(column, TRIGGER_PATTERN)).as_py()


def test_plain_columns_are_cleared_and_others_are_left_to_the_regex() -> None:
    names = pa.array(["第1支行", "Chengdu", ""], pa.string())
    assert not may_hold(names, CONTROL_BYTES) and not may_start_with(names, TRIGGER_BYTES)
    assert may_hold(pa.array(["a\x07"]), CONTROL_BYTES)
    assert may_start_with(pa.array(["", "-3"]), TRIGGER_BYTES)
    assert not may_start_with(pa.array(["3-", "a=b"]), TRIGGER_BYTES)
    for other in (pa.array(["a"], pa.large_string()), pa.array(["a", None], pa.string()),
                  pa.array(["a"]).dictionary_encode()):  # fmt: skip
        assert may_hold(other, CONTROL_BYTES) and may_start_with(other, TRIGGER_BYTES)
    empty = pa.array([], pa.string())
    assert not may_hold(empty, CONTROL_BYTES) and not may_start_with(empty, TRIGGER_BYTES)


@pytest.mark.parametrize("seed", range(3))
def test_neutralised_and_escaped_cells_are_those_of_the_rules_cell_by_cell(seed: int) -> None:
    for column in _columns(seed):
        texts = column.to_pylist()
        assert neutralise_array(column).to_pylist() == [neutralise(t) for t in texts]
        cells = _cells(SheetColumn("h", "text", column)).to_pylist()
        for text, cell in zip(texts, cells, strict=True):
            if not text:
                assert cell == "<c/>"
                continue
            clean = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            clean = "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r")
                            or c in "\ufffe\uffff" else c for c in clean)  # fmt: skip
            assert cell == f'<c t="inlineStr"><is><t xml:space="preserve">{clean}</t></is></c>'
