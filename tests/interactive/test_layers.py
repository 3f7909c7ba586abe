"""The interview's logic is pure: no terminal, CLI or YAML library in it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.test_architecture import FORBIDDEN, _imports

PURE = ["session.py", "agenda.py", "keys.py"]  # the words: capassess.texts, in the core


@pytest.mark.parametrize("name", PURE)
def test_session_logic_imports_no_io_library(name: str) -> None:
    assert not (_imports(ROOT / "capassess" / "interactive" / name) & FORBIDDEN)


def test_assess_help_stays_light() -> None:
    code = (
        "import sys; from capassess.cli import main\n"
        "try:\n    main(['assess', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('HEAVY=' + ','.join(m for m in ('rich', 'pydantic', 'ruamel') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="
