"""Shared fixtures: paths to test data and a CLI runner."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TINY = DATA / "good" / "tiny.yaml"

# The suite's own user cache (compiled templates, parsed questionnaires), not the user's.
os.environ.setdefault("CAPASSESS_CACHE_DIR", tempfile.mkdtemp(prefix="capassess-test-cache-"))


@pytest.fixture
def runner() -> CliRunner:
    """A click runner."""
    return CliRunner()


@pytest.fixture(autouse=True)
def _fresh_inputs() -> None:
    """Each test starts with no file recorded as an input (see capassess.reading)."""
    from capassess.reading import forget_inputs

    forget_inputs()
