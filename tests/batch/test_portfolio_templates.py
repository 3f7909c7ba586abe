"""The portfolio report renders through the reports' one Jinja environment: user
templates replace or extend the shipped ones ("!"), run sandboxed, and a mistake in one
is reported with its file and line, as for the bank report."""

from __future__ import annotations

from pathlib import Path

from tests.batch.helpers import MINI, run_cli, write_csv


def _run(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    (templates / name).write_text(text, "utf-8")
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["A", "1", "2"], ["B", "3", "3"]])
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI),
                     "--template-dir", str(templates))  # fmt: skip
    return result, out, templates / name


def test_a_user_template_extends_the_shipped_portfolio(tmp_path: Path) -> None:
    text = '{% extends "!portfolio.md.j2" %}{% block cover %}OUR PORTFOLIO\n{% endblock %}\n'
    result, out, _ = _run(tmp_path, "portfolio.md.j2", text)
    assert result.exit_code == 0, result.output
    md = (out / "portfolio.md").read_text("utf-8")
    assert md.startswith("OUR PORTFOLIO")
    assert "Overview" in md and "League table" in md  # the other blocks are shipped
    assert (out / "portfolio.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_the_portfolio_template_runs_in_the_sandbox(tmp_path: Path) -> None:
    body = "ok\n{{ p.__class__.__init__.__globals__ }}\n"
    result, out, path = _run(tmp_path, "portfolio.md.j2", body)
    assert result.exit_code == 2, result.output
    assert f"{path}:2: template error:" in result.output
    assert "Traceback" not in result.output
    assert not (out / "portfolio.md").exists()
