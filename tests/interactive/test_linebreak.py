"""Chinese text wrapped by East Asian line-breaking rules, at every width."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from capassess.interactive.linebreak import NO_END, NO_START, break_points, wrap, wrap_offsets
from capassess.interactive.screen import question_view
from tests.interactive.helpers import interview

SENTENCE = (
    "数据治理委员会（或首席数据官）和数据管理部门已经设立，全行数据政策与数据归属均已批准并执行。"
    "问题按1-5级评分，覆盖率达到45%以上，第3级为稳健级；是否已建立「数据责任人」制度？"
)
PIECES = ["数据", "治理", "，", "。", "、", "；", "：", "？", "！", "）", "」", "（", "「", "1-5级",
          "45%", "第3级", "API", " ", "银行", "data governance", "12个月"]  # fmt: skip


def unbreakable_run(text: str, at: int) -> str:
    """The run of ``text`` around offset ``at`` that has no break point inside."""
    points = [0, *break_points(text), len(text)]
    start = max(p for p in points if p <= at)
    end = min(p for p in points if p > at)
    return text[start:end].strip()


def check(text: str, width: int) -> list[str]:
    """Wrap ``text``; every line fits and none breaks a rule it could have kept."""
    lines = [(a, b) for a, b in wrap_offsets(text, width)]
    shown = [text[a:b] for a, b in lines]
    assert "".join(shown).replace(" ", "") == text.replace(" ", "")  # nothing lost or added
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        assert cell_len(line) <= width or len(line) == 1, (width, shown)
        # a rule gives way only where a run with no break point is wider than the line
        forced = cell_len(unbreakable_run(text, a)) > width
        if i and not forced:
            assert line[:1] not in NO_START, (width, shown)
        if i < len(lines) - 1 and not cell_len(unbreakable_run(text, b - 1)) > width:
            assert line[-1:] not in NO_END, (width, shown)
    return shown


def test_no_line_starts_with_closing_punctuation_at_any_width() -> None:
    for width in range(4, 120):
        lines = check(SENTENCE, width)
        joined = "\n".join(lines)
        if width >= 8:  # the widest run that holds a number (按1-5级) fits on a line
            for unit in ("1-5级", "45%", "第3级"):
                assert unit in joined, (width, lines)  # a number stays with its unit


def test_latin_text_still_breaks_at_spaces() -> None:
    assert wrap("Which description best fits how data is governed?", 20) == [
        "Which description", "best fits how data", "is governed?"
    ]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.integers(4, 60))
def test_any_mix_of_chinese_punctuation_and_numbers_wraps_by_the_rules(
    pieces: list[str], width: int
) -> None:
    text = "".join(pieces).strip()
    if text:
        check(text, width)


def test_the_question_screen_wraps_chinese_by_the_rules() -> None:
    for width in (30, 41, 57, 80):
        console = Console(width=width, record=True, color_system=None, file=io.StringIO())
        session = interview()
        slot = session.slot
        assert slot is not None
        console.print(question_view(session, slot, "zh"))
        for line in console.export_text().splitlines():
            stripped = line.strip()
            assert stripped[:1] not in NO_START - {"."}, (width, line)
