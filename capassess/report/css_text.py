"""Text in CSS: quoted strings and page-number labels for the print margin boxes."""

from __future__ import annotations

import re

from markupsafe import Markup

# Everything that could end the string, the declaration or the <style> element is
# written as a CSS escape (a hex code and a space); so is every control character.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\'\\<>&{};]')
_COUNTERS = re.compile(r"\{(page|pages)\}")


def _escape(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\{ord(m.group()):X} ", text)


def css_string(value: object) -> Markup:
    """``value`` as one quoted CSS string, safe inside a ``<style>`` element."""
    return Markup(f'"{_escape(str(value))}"')


def css_page_label(label: str) -> Markup:
    """A ``content`` value for ``label`` with {page} and {pages} as the page counters.

    ``"Page {page} of {pages}"`` -> ``"Page " counter(page) " of " counter(pages)``.
    """
    parts: list[str] = []
    for n, piece in enumerate(_COUNTERS.split(label)):
        if n % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')
