"""The libyaml fast path reads exactly what the careful parser reads, or steps aside."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess import loading
from capassess.cli import main
from capassess.errors import InputError
from tests.conftest import DATA, ROOT

GOOD = sorted(
    [
        *ROOT.joinpath("questionnaires").glob("*.yaml"),
        *ROOT.joinpath("examples").rglob("*.yaml"),
        *DATA.joinpath("good").glob("*.yaml"),
        *DATA.joinpath("answers").glob("*.yaml"),
        *DATA.joinpath("matrices").glob("*.yaml"),
        *ROOT.joinpath("tests", "report", "data").glob("*.yaml"),
    ]
)

pytestmark = pytest.mark.skipif(not loading.FAST, reason="ruamel.yaml.clib is not installed")


def test_the_good_files_are_many() -> None:
    assert len(GOOD) >= 15


@pytest.mark.parametrize("path", GOOD, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_and_careful_read_the_same_data(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    careful = loading._careful(text, str(path)).data
    fast = loading._fast_data(text, "x.yaml")
    if path.parent.name in ("questionnaires", "examples"):
        # What we ship must take the fast path, or the speed-up is gone unnoticed.
        assert fast is not None
    if fast is not None:
        assert fast == careful


SCALARS = """\
date: 2026-01-02
stamp: 2026-01-02T10:00:00
octal: 0o17
exp: 1e3
yes_is_text: yes
null_word: ~
infinite: .inf
negative: -3
quoted: "5"
zh: 数据治理
"""


def test_scalars_resolve_alike() -> None:
    assert loading._fast_data(SCALARS, "x.yaml") == loading._careful(SCALARS, "x.yaml").data


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # anchor and alias: the careful parser counts expansions
        "a: !!python/object/apply:os.system [echo]\n",  # a tag asking for Python
        "a: !!str 5\n",  # any explicit tag
        "a: !custom 5\n",
        "a: 1\na: 2\n",  # duplicate key: the careful parser says where
        "---\na: 1\n---\nb: 2\n",  # two documents
        "a: 2026-13-45\n",  # a date Python refuses
        "a: [1, 2\n",  # syntax error
        "# only a comment\n",
        "[" * 65 + "]" * 65,  # deeper than the fast path goes
    ],
)
def test_the_fast_path_steps_aside(text: str) -> None:
    assert loading._fast_data(text, "x.yaml") is None


def test_a_flat_document_at_the_depth_limit_is_read_fast() -> None:
    depth = loading.FAST_DEPTH
    assert loading._fast_data("[" * depth + "]" * depth, "x.yaml") == eval(
        "[" * depth + "]" * depth
    )


@pytest.mark.parametrize("shape", ["flow", "compact"])
def test_very_deep_nesting_is_refused_without_crashing(tmp_path: Path, shape: str) -> None:
    # libyaml's composer recurses in C and crashes the interpreter at this depth; the
    # fast path must stop before it, in a separate process so a crash fails the test.
    depth = 200_000
    text = "[" * depth + "]" * depth if shape == "flow" else "- " * depth + "x\n"
    path = tmp_path / "deep.yaml"
    path.write_text("dimensions: " + text if shape == "flow" else text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "capassess", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert str(path) in run.stderr


def test_errors_in_a_fast_read_file_are_still_located(runner: CliRunner, tmp_path: Path) -> None:
    src = (DATA / "good" / "tiny.yaml").read_text(encoding="utf-8")
    # Quote the texts ending in '?' that libyaml objects to, so the file takes the fast path.
    src = re.sub(r"(en|zh): ([^,{}']*\?)", r"\1: '\2'", src)
    assert loading._fast_data(src, "x.yaml") is not None
    line = next(n for n, text in enumerate(src.splitlines(), 1) if "target: 4" in text)
    path = tmp_path / "q.yaml"
    path.write_text(src.replace("target: 4", "target: 9"), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:{line}:" in result.stderr
    assert "target: Input should be less than or equal to 5" in result.stderr


def test_without_libyaml_the_careful_parser_reads_everything(monkeypatch) -> None:
    monkeypatch.setattr(loading, "FAST", False)
    text = (ROOT / "examples" / "acme-bank.yaml").read_text(encoding="utf-8")
    assert loading._fast_data(text, "x.yaml") is None
    doc = loading.parse_yaml_text(text, "acme-bank.yaml")
    assert doc.tree is not None
    with pytest.raises(InputError):
        loading.parse_yaml_text("a: [1, 2\n", "broken.yaml")


@pytest.mark.parametrize("depth", [1_500, 2_001, 200_000])
def test_deep_flow_nesting_is_refused_quickly_and_located(tmp_path: Path, depth: int) -> None:
    # Both YAML parsers slow down with the depth of flow collections (200,000 levels took
    # libyaml close to a minute); past 2,000 levels the file is refused before parsing.
    path = tmp_path / "deep.yaml"
    path.write_text("dimensions: " + "[" * depth + "]" * depth, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "capassess", "validate", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    if depth > 2_000:
        assert f"{path}:1:{len('dimensions: ') + 2_001}: the YAML nests too deeply (more than 2000" in (
            run.stderr)  # fmt: skip
