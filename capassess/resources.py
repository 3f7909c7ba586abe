"""Where the shipped data lives: inside the wheel, or at the repository root."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped folder ``name`` (questionnaires, templates, examples)."""
    bundled = PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return PACKAGE.parent / name
