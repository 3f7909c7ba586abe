"""A small SVG writer: escaped text and attributes, accessible titles, text measuring,
and the marks every chart of every report kind shares (series markers, the 1-5 grid)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable
from functools import lru_cache

from capassess.records import record
from capassess.report.palette import BASELINE, CURRENT, GRID, MUTED, PEER, TARGET, WHITE

# Greyscale-safe series: told apart by dash pattern and marker shape as well as colour.


@record
class Series:
    """How one data series looks: its label key (report words), colour, dash pattern and marker."""

    key: str
    colour: str
    dash: str | None
    shape: str


CURRENT_SERIES = Series("current", CURRENT, None, "circle")
TARGET_SERIES = Series("target", TARGET, "7 4", "square")
BASELINE_SERIES = Series("baseline", BASELINE, "2 3", "triangle")
PEER_SERIES = Series("peer_median", PEER, "10 3 2 3", "triangle")


REMEMBERED = 20_000  # texts whose escape, width or wrapping is kept (charts repeat them)
REMEMBERED_LENGTH = 500
_ESCAPED: dict[str, str] = {}
_NAMES: dict[str, str] = {}


def esc(value: object) -> str:
    """Escape text or an attribute value for SVG/HTML."""
    text = value if type(value) is str else str(value)
    found = _ESCAPED.get(text)
    if found is None:
        found = _html_escape(text)
        if len(text) <= REMEMBERED_LENGTH:
            if len(_ESCAPED) >= REMEMBERED:
                _ESCAPED.clear()
            _ESCAPED[text] = found
    return found


def _html_escape(text: str) -> str:
    """What ``html.escape(text, quote=True)`` gives, without importing ``html`` (whose
    entity tables cost every report's start)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "'" in text:
        text = text.replace("'", "&#x27;")
    return text


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return str(value)


def attrs(**values: object) -> str:
    """``key="value"`` pairs; ``_`` in a key becomes ``-``, ``None`` values are left out
    (a bool is the number 1 or 0)."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = _NAMES.get(key)
        if name is None:
            name = _NAMES[key] = key.rstrip("_").replace("_", "-")
        kind = type(value)
        if kind is float:  # esc(_fmt(value)): a number's text needs no escaping
            text = f"{value:.1f}".rstrip("0").rstrip(".")
        elif kind is int or kind is bool:
            text = str(int(value))  # type: ignore[call-overload]
        else:
            text = esc(_fmt(value))
        out.append(f' {name}="{text}"')
    return "".join(out)


def char_width(char: str) -> float:
    """Width of a character in ems: wide for CJK and full-width forms."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.56


@lru_cache(maxsize=REMEMBERED)
def _ems(text: str) -> float:
    return sum(char_width(c) for c in text)


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` at font size ``size``."""
    return _ems(text) * size


# Closing punctuation never starts a line in Chinese typesetting.
NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)")


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _cut(text: str, size: float, width: float) -> tuple[str, str]:
    """Split ``text`` where it stops fitting ``width``: at a space, or between CJK
    characters, but not inside a Latin word such as ``SDK``."""
    used, end = 0.0, len(text)
    for i, char in enumerate(text):
        used += char_width(char) * size
        if used > width:
            end = i
            break
    if end == len(text):
        return text, ""
    space = text.rfind(" ", 0, end + 1)
    if space > 0 and not any(char_width(c) == 1.0 for c in text[space:end]):
        end = space
    start = end
    while start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    if 0 < start < end:
        end = start
    if text[end] in NO_LINE_START:
        end += 1
    return text[:end].rstrip(), text[end:].lstrip()


def _wrap(text: str, size: float, width: float, lines: int) -> tuple[list[str], str]:
    out: list[str] = []
    rest = text.strip()
    while rest and len(out) < lines:
        line, rest = _cut(rest, size, width)
        if not line:
            line, rest = rest[0], rest[1:]
        out.append(line)
    return out, rest


def wrap(text: str, size: float, width: float, lines: int = 2) -> list[str]:
    """Wrap ``text`` into at most ``lines`` balanced lines of ``width`` px; cut with '…'."""
    return list(_wrapped(text, size, width, lines))


@lru_cache(maxsize=REMEMBERED)
def _wrapped(text: str, size: float, width: float, lines: int) -> tuple[str, ...]:
    return tuple(_wrap_balanced(text, size, width, lines))


def _wrap_balanced(text: str, size: float, width: float, lines: int) -> list[str]:
    out, rest = _wrap(text, size, width, lines)
    if rest and out:
        last = out[-1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    elif len(out) > 1:
        # Narrow the width while the text still fits: no lone character on the last line.
        narrow = text_width(text, size) / len(out) + size
        while narrow < width:
            tighter, left = _wrap(text, size, narrow, len(out))
            if not left:
                return tighter
            narrow += size / 2
    return out


# Elements by tag, content and attributes: a report's charts draw the same grid lines,
# labels, legends and markers as the reports before it (over 90 % of elements).
_ELEMENTS: dict[tuple[object, ...], str] = {}
_OPEN = object()  # the "content" of an element left open
REMEMBERED_DRAWINGS = 1_000
_DRAWN: dict[Hashable, tuple[str, ...]] = {}


def _element(tag: str, text: object, values: dict[str, object]) -> str:
    if text is None:
        return f"<{tag}{attrs(**values)}/>"
    return f"<{tag}{attrs(**values)}>{esc(text)}</{tag}>"


def _remember_element(key: tuple[object, ...], element: str, values: dict[str, object]) -> str:
    """Keep ``element`` under ``key`` unless a value is zero: numbers equal in Python
    print alike (``2`` and ``2.0`` as ``2``, ``True`` as ``1``), but for ``0.0`` and
    ``-0.0`` (``0`` and ``-0``), so a key holding a zero is never kept nor found."""
    if 0 not in values.values():
        if len(_ELEMENTS) >= REMEMBERED:
            _ELEMENTS.clear()
        _ELEMENTS[key] = element
    return element


class Svg:
    """An SVG document built element by element."""

    def __init__(self, width: float, height: float, title: str, desc: str, name: str) -> None:
        self.width, self.height, self.name = width, height, name
        self.parts: list[str] = [f'<title id="{esc(name)}-t">{esc(title)}</title>']
        self.parts.append(f'<desc id="{esc(name)}-d">{esc(desc)}</desc>')

    def add(self, tag: str, text: str | None = None, /, **values: object) -> None:
        """Add an element; ``text`` (escaped) becomes its content."""
        if text is not None and type(text) is not str:
            self.parts.append(_element(tag, text, values))
            return
        key = (tag, text, tuple(values.items()))
        found = _ELEMENTS.get(key)
        if found is None:
            found = _remember_element(key, _element(tag, text, values), values)
        self.parts.append(found)

    def open(self, tag: str, /, **values: object) -> None:
        """Open a container element such as ``g``."""
        key = (tag, _OPEN, tuple(values.items()))
        found = _ELEMENTS.get(key)
        if found is None:
            found = _remember_element(key, f"<{tag}{attrs(**values)}>", values)
        self.parts.append(found)

    def close(self, tag: str) -> None:
        """Close a container element."""
        self.parts.append(f"</{tag}>")

    def text(
        self, x: float, y: float, lines: list[str], size: float = 12, **values: object
    ) -> None:
        """Add text, one ``tspan`` per line, ``1.2em`` apart; the whole element remembered
        as ``_remember_element`` remembers one."""
        key = ("text", x, y, size, tuple(lines), tuple(values.items()))
        found = _ELEMENTS.get(key) if all(type(line) is str for line in lines) else None
        if found is None:
            scratch = Svg.__new__(Svg)
            scratch.parts = []
            scratch.open("text", x=x, y=y, font_size=size, **values)
            for i, line in enumerate(lines):
                scratch.add("tspan", line, x=x, dy=f"{1.2 if i else 0}em")
            scratch.close("text")
            found = "".join(scratch.parts)
            if all(type(line) is str for line in lines):
                _remember_element(key, found, {"x": x, "y": y, "size": size, **values})
        self.parts.append(found)

    def drawn(self, key: Hashable, draw: Callable[[Svg], None]) -> None:
        """Add what ``draw`` adds to a drawing, remembered under ``key``, which must name
        everything ``draw`` draws from (the parts of a chart that are the same in every
        report on one questionnaire: legends, keys, scales)."""
        parts = _DRAWN.get(key)
        if parts is None:
            scratch = Svg.__new__(Svg)
            scratch.parts = []
            draw(scratch)
            parts = tuple(scratch.parts)
            if len(_DRAWN) >= REMEMBERED_DRAWINGS:
                _DRAWN.clear()
            _DRAWN[key] = parts
        self.parts.extend(parts)

    def hatch(self, ident: str, colour: str, gap: int = 6) -> None:
        """Define a diagonal hatch pattern ``ident`` in ``colour``."""
        self.parts.append(
            f'<defs><pattern id="{esc(ident)}" width="{gap}" height="{gap}" '
            f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="{gap}" height="{gap}" fill="{WHITE}"/>'
            f'<line x1="0" y1="0" x2="0" y2="{gap}" stroke="{esc(colour)}" stroke-width="2.5"/>'
            "</pattern></defs>"
        )

    def render(self) -> str:
        """The SVG element, sized to fit its container."""
        head = (
            f'<svg class="chart chart-{esc(self.name)}" '
            f'viewBox="0 0 {_fmt(self.width)} {_fmt(self.height)}" role="img" '
            f'aria-labelledby="{esc(self.name)}-t {esc(self.name)}-d">'
        )
        return head + "".join(self.parts) + "</svg>"


def marker(svg: Svg, shape: str, x: float, y: float, colour: str, size: float = 4.5) -> None:
    """Draw a series marker: ``circle``, ``square`` or ``triangle`` centred at x, y."""
    if shape == "circle":
        svg.add("circle", cx=x, cy=y, r=size, fill=colour, stroke=WHITE, stroke_width=1)
    elif shape == "square":
        s = size * 0.9
        svg.add(
            "rect",
            x=x - s,
            y=y - s,
            width=2 * s,
            height=2 * s,
            fill=WHITE,
            stroke=colour,
            stroke_width=2,
        )
    else:
        points = f"{x:.1f},{y - size:.1f} {x + size:.1f},{y + size * 0.8:.1f} " + (
            f"{x - size:.1f},{y + size * 0.8:.1f}"
        )
        svg.add("polygon", points=points, fill=colour, stroke=WHITE, stroke_width=1)


def level_grid(
    svg: Svg, x_of: Callable[[float], float], top: float, bottom: float, label_y: float,
    size: float = 12, stroke_width: float | None = None,
) -> None:  # fmt: skip
    """A vertical grid line at each level 1-5 from ``top`` to ``bottom``, its number at
    ``label_y``."""
    for level in range(1, 6):
        x = x_of(level)
        svg.add("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID, stroke_width=stroke_width)
        svg.add("text", str(level), x=x, y=label_y, font_size=size, fill=MUTED,
                text_anchor="middle")  # fmt: skip
