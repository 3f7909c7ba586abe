"""No output names a folder of the machine: inputs inside the current folder are shown
relative to it, any other by file name (``capassess.shown_paths``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.resources import data_dir
from capassess.shown_paths import shown_path


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("a.yaml", "a.yaml"),
        ("sub/a.yaml", "sub/a.yaml"),
        ("./sub/../sub/a.yaml", "sub/a.yaml"),
        ("{cwd}/sub/a.yaml", "sub/a.yaml"),
        ("../elsewhere/a.yaml", "a.yaml"),
        ("{outside}/deep/a.yaml", "a.yaml"),
        ("{cwd}", "{cwd_name}"),
        ("-", "-"),
        ("", ""),
    ],
)
def test_shown_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, shown: str) -> None:
    cwd, outside = tmp_path / "work", tmp_path / "other"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    values = {"cwd": str(cwd), "outside": str(outside), "cwd_name": cwd.name}
    assert shown_path(path.format(**values)) == shown.format(**values)


EXAMPLES = data_dir("examples")


@pytest.fixture
def away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Copies of the examples in a folder outside the current one, given by absolute path."""
    if not (EXAMPLES / "acme-bank.yaml").is_file():
        pytest.skip("the examples are not installed")
    inputs, cwd = tmp_path / "private-inputs-folder", tmp_path / "cwd"
    shutil.copytree(EXAMPLES, inputs, ignore=shutil.ignore_patterns("*.py"))
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return inputs, cwd


def _outputs(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_bytes().decode("utf-8", "replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".csv", ".json", ".md", ".html")
    }


def test_no_output_names_the_input_folder(away: tuple[Path, Path]) -> None:
    inputs, cwd = away
    runner = CliRunner()
    bank, base = inputs / "acme-bank.yaml", inputs / "acme-bank-2025.yaml"
    for fmt in ("json", "md", "html"):
        result = runner.invoke(
            main, ["report", str(bank), "--baseline", str(base), "-f", fmt, "-o", f"r.{fmt}"]
        )
        assert result.exit_code == 0, result.output
    plan = runner.invoke(main, ["plan", str(bank), "--baseline", str(base), "--format", "json"])
    (cwd / "plan.json").write_text(plan.stdout, "utf-8")
    for source in (inputs / "branches.csv", inputs / "branches"):
        out = cwd / f"batch-{source.stem}-{source.suffix or 'dir'}"
        result = runner.invoke(main, ["batch", str(source), "-o", str(out), "--reports", "html,md"])
        assert result.exit_code in (0, 1), result.output
    texts = _outputs(cwd)
    assert {"r.json", "r.md", "r.html", "plan.json"} <= set(texts)
    assert any(name.endswith("scores.csv") for name in texts)
    for name, text in texts.items():
        for leak in (str(inputs), inputs.name, str(inputs.parent)):
            assert leak not in text, f"{name} names {leak}"
    assert '"path": "acme-bank-2025.yaml"' in texts["r.json"]


def test_a_path_inside_the_current_folder_stays_relative(away: tuple[Path, Path]) -> None:
    inputs, cwd = away
    shutil.copytree(inputs, cwd / "in")
    result = CliRunner().invoke(main, ["batch", str(cwd / "in" / "branches"), "-o", "out"])
    assert result.exit_code in (0, 1), result.output
    scores = (cwd / "out" / "scores.csv").read_text("utf-8-sig")
    assert '"in/branches/hangzhou-west.yaml"' in scores
    assert str(cwd) not in scores


def test_a_duplicate_id_names_its_other_row_without_the_folder(away: tuple[Path, Path]) -> None:
    inputs, cwd = away
    rows = (inputs / "branches.csv").read_text("utf-8-sig").splitlines()
    twice = inputs / "twice.csv"
    twice.write_text("\n".join([*rows, rows[1]]) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["batch", str(twice), "-o", "out"])
    assert result.exit_code == 1, result.output
    rejected = (cwd / "out" / "rejected.csv").read_text("utf-8-sig")
    assert "duplicate unit id, also at twice.csv row" in rejected
    assert str(inputs) not in rejected
