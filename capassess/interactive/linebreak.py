"""Wrap text by East Asian line-breaking rules, for the interview's screen (rich).

Between Chinese or Japanese characters a line may break anywhere, except that closing
punctuation (，。、；：？！）」 ...) never starts a line, opening punctuation (（「 ...)
never ends one, and a number stays with what is written against it (``1-5级``,
``45%``, ``第3级``). Latin text breaks at spaces, as rich does. A run that is wider
than the line on its own is cut by character, still never before closing punctuation.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

NO_START = frozenset(
    "，。、；：？！）」』】》〉〕］｝”’…‥·．％‰℃°～ー々〆ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:?!)]}%"
)
NO_END = frozenset("（「『【《〈〔［｛“‘([{")


def _wide(char: str) -> bool:
    return cell_len(char) == 2


def _digit(char: str) -> bool:
    return char.isdigit() and char.isascii()


def _may_break(before: str, after: str) -> bool:
    """True if a line may break between ``before`` and ``after``."""
    if after in NO_START:
        return False
    if before.isspace():
        return not after.isspace()
    if after.isspace() or before in NO_END:
        return False
    if not (_wide(before) or _wide(after)):
        return False  # inside a Latin word or a number
    # a number keeps the characters written against it: 1-5级, 第3级 (45% is one word)
    return not (_digit(before) or _digit(after))


def break_points(text: str) -> list[int]:
    """The offsets at which a line may start (besides 0)."""
    points: list[int] = []
    last = ""  # the last character before the blanks, if any, in front of ``i``
    for i in range(1, len(text)):
        if not text[i - 1].isspace():
            last = text[i - 1]
        if _may_break(text[i - 1], text[i]) and last not in NO_END:
            points.append(i)
    return points


def _fold(text: str, start: int, end: int, width: int) -> Iterator[int]:
    """Cut ``text[start:end]``, too wide for one line, by character; yield the cuts."""
    used, line = 0, start
    for i in range(start, end):
        w = cell_len(text[i])
        if used + w > width and i > line:
            cut = i
            while (
                cut - 1 > line
                and (text[cut] in NO_START or text[cut - 1] in NO_END)
                and cell_len(text[cut - 1 : i + 1]) <= width
            ):
                cut -= 1  # no closing punctuation at a line start, where the line has room
            yield cut
            line = cut
            used = cell_len(text[cut : i + 1])
        else:
            used += w


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """The lines of ``text`` (one paragraph) at ``width`` cells, as (start, end) offsets.

    Blanks at the end of a line are left out of it.
    """
    width = max(1, width)
    starts = [0, *break_points(text), len(text)]
    lines: list[tuple[int, int]] = []
    line_start = 0
    for i in range(1, len(starts)):
        end = starts[i]
        if cell_len(text[line_start:end].rstrip()) <= width:
            continue
        previous = starts[i - 1]
        if previous > line_start:
            lines.append((line_start, previous))
            line_start = previous
        if cell_len(text[line_start:end].rstrip()) > width:
            for cut in _fold(text, line_start, end, width):
                lines.append((line_start, cut))
                line_start = cut
    lines.append((line_start, len(text)))
    return [(a, a + len(text[a:b].rstrip())) for a, b in lines]


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` cells; each paragraph (line) of it on its own."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += [paragraph[a:b] for a, b in wrap_offsets(paragraph, width)]
    return out


class Wrapped:
    """A rich ``Text`` that wraps by these rules wherever it is drawn, table cells too."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def _lines(self, width: int) -> Iterable[Text]:
        offset = 0
        for paragraph in self.text.plain.split("\n"):
            for a, b in wrap_offsets(paragraph, width):
                line = self.text[offset + a : offset + b]
                line.no_wrap = True
                line.overflow = "ignore"
                line.end = "\n"
                yield line
            offset += len(paragraph) + 1

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self._lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        plain = self.text.plain
        starts = [0, *break_points(plain), len(plain)]
        pieces = [cell_len(plain[a:b].rstrip()) for a, b in itertools.pairwise(starts)]
        longest = max(pieces, default=0)
        widest = max((cell_len(p) for p in plain.split("\n")), default=0)
        return Measurement(min(longest, options.max_width), min(widest, options.max_width))
