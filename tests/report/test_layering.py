"""Only capassess.report imports Jinja; the report commands import only click at the top."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT
from tests.test_architecture import _imports

PACKAGE = ROOT / "capassess"


def test_only_the_report_package_imports_jinja() -> None:
    users = {
        p.relative_to(PACKAGE).parts[0] for p in PACKAGE.rglob("*.py") if "jinja2" in _imports(p)
    }
    assert users <= {"report"}


def test_report_command_module_imports_only_click_at_the_top() -> None:
    path = PACKAGE / "commands" / "reporting.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            top.add(node.module)
    # capassess.options holds click options only; datetime is for annotations.
    assert top <= {"__future__", "click", "datetime", "capassess.options"}


def test_templates_are_shipped_with_the_package_data() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"templates" = "capassess/_data/templates"' in text
    shipped = {
        p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*.j2")
    }
    assert {"report.html.j2", "report.md.j2", "partials/style.css.j2"} <= shipped
    assert Path(ROOT / "templates" / "partials").is_dir()
