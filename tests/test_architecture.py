"""The pure core imports no I/O or presentation library, and --help stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "capassess"
CORE = ["model", "scoring", "expr.py", "values.py", "level_answers.py", "consistency.py", "gap.py", "roadmap.py",
        "texts"]  # fmt: skip
FORBIDDEN = {"click", "rich", "jinja2", "ruamel", "openpyxl"}


def _core_files() -> list[Path]:
    files: list[Path] = []
    for name in CORE:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    return files


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def capassess_imports(path: Path) -> set[str]:
    """Every capassess module ``path`` imports, anywhere in it (in functions and under
    ``TYPE_CHECKING`` too): ``from a.b import c`` is ``a.b.c`` when ``c`` is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                names.add(inner if _is_module(inner) else node.module)
    return {n for n in names if n == "capassess" or n.startswith("capassess.")}


def _package_files(name: str) -> list[Path]:
    return sorted((PACKAGE / name).rglob("*.py"))


REPORT_ENTRY_POINTS = {"capassess.report.portfolio", "capassess.report.render"}
"""What ``batch`` may import of ``report``: the portfolio report's package (its model,
``render_portfolio``, ``write_portfolio``) and ``render_report`` for the per-unit reports."""


@pytest.mark.parametrize("path", _package_files("report"), ids=lambda p: p.name)
def test_the_report_package_imports_nothing_of_batch(path: Path) -> None:
    assert sorted(m for m in capassess_imports(path) if m.startswith("capassess.batch")) == []


@pytest.mark.parametrize("path", _package_files("batch"), ids=lambda p: p.name)
def test_batch_reaches_the_report_package_through_its_entry_points_only(path: Path) -> None:
    used = {m for m in capassess_imports(path) if m.startswith("capassess.report")}
    assert used <= REPORT_ENTRY_POINTS


DEMO_STEPS = ["report/demo.py", "batch/demo.py", "benchmark/demo.py"]


@pytest.mark.parametrize("name", DEMO_STEPS)
def test_demo_steps_import_no_other_demo_module(name: str) -> None:
    demos = {m for m in capassess_imports(PACKAGE / name) if m.split(".")[-1] == "demo"}
    assert demos == set(), "a demo step takes DemoInput from capassess.demo_input"
    assert "capassess.demo" not in capassess_imports(PACKAGE / name)


def test_the_demo_input_imports_no_demo_step() -> None:
    found = capassess_imports(PACKAGE / "demo_input.py")
    assert not {m for m in found if "demo" in m}
    assert {_module_of(PACKAGE / n) for n in DEMO_STEPS} <= capassess_imports(PACKAGE / "demo.py")


def test_the_import_rules_see_imports_in_functions() -> None:
    # batch/unit_reports imports render_report inside a function; the rule must see it.
    assert "capassess.report.render" in capassess_imports(PACKAGE / "batch" / "unit_reports.py")
    assert "capassess.report.portfolio" in capassess_imports(PACKAGE / "batch" / "heat_map.py")


def test_core_files_exist() -> None:
    assert len(_core_files()) >= 8


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_no_io_library(path: Path) -> None:
    assert not (_imports(path) & FORBIDDEN)


def test_only_loading_imports_ruamel() -> None:
    users = [p for p in PACKAGE.rglob("*.py") if "ruamel" in _imports(p)]
    assert sorted(p.relative_to(PACKAGE).as_posix() for p in users) == [
        "answers_file.py",
        "careful_yaml.py",  # loading's round-trip parser
        "loading.py",
        "yaml_edit.py",  # answers_file's round-trip editing helpers
    ]


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from capassess.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rich', 'jinja2', 'pydantic', 'ruamel', 'numpy') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys; from capassess.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED=' + ','.join(sorted(m for m in sys.modules "
        "if m.startswith('capassess.commands.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "LOADED="


def test_lazy_command_summaries_match_their_own_help() -> None:
    import click

    from capassess.cli import LAZY, main

    context = click.Context(main)
    for name, (_module, _attr, summary) in LAZY.items():
        command = main.get_command(context, name)
        assert command is not None, name
        assert (command.help or "").split("\n\n")[0] == summary, name


def test_validate_does_not_import_rich_jinja_or_numpy() -> None:
    example = ROOT / "examples" / "acme-bank.yaml"
    code = (
        "import sys; from capassess.cli import main\n"
        f"try:\n    main(['validate', '-q', {str(example)!r}])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rich', 'jinja2', 'numpy', 'pyarrow') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def _loaded_after(args: list[str], names: tuple[str, ...], cache_dir: Path) -> dict[str, str]:
    """Run the command line in a fresh process (twice: the second run finds the user
    cache warm); which of ``names`` it loaded, and whether the questionnaire model built
    its validator."""
    import os

    code = (
        "import sys; from capassess.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as e:\n    print('EXIT', e.code)\n"
        f"print('LOADED=' + ','.join(m for m in {names!r} if m in sys.modules))\n"
        "q = sys.modules.get('capassess.model.questionnaire')\n"
        "print('BUILT=' + str(bool(q and q.Questionnaire.__pydantic_complete__)))"
    )
    env = {**os.environ, "CAPASSESS_CACHE_DIR": str(cache_dir)}
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
        )
    lines = dict(line.split("=", 1) for line in run.stdout.splitlines() if "=" in line)
    return {"exit": "EXIT 0" if "EXIT 0" in run.stdout else run.stdout + run.stderr, **lines}


NEVER_FOR_SCORE = (
    "jinja2",
    "pyarrow",
    "openpyxl",
    "numpy",
    "markupsafe",
    "capassess.report",
    "capassess.batch",
    "capassess.benchmark",
    "capassess.interactive",
    "capassess.planning",
    "capassess.roadmap",
    "capassess.advice",
    "capassess.model.plan",
    "capassess.model.benchmark",
    # checked when a questionnaire is parsed, not when it comes from the cache
    "capassess.consistency",
    # other files' models and the AHP command's view
    "capassess.model.target",
    # pydantic's plugin scan (plugins are disabled): package metadata, email, zipfile
    "importlib.metadata",
    "email",
    "zipfile",
    # rich's emoji table (names are printed as written) and its pretty-printing
    "rich._emoji_codes",
    "rich.pretty",
    "rich.traceback",
    "rich.markdown",
)


def test_score_loads_only_what_scoring_needs(tmp_path: Path) -> None:
    """``score`` (the most frequent command in scripts) loads no template engine, no
    table library of batch, no planning or benchmark code; with the questionnaire in
    the user cache, the questionnaire's validator is never even built."""
    example = str(ROOT / "examples" / "acme-bank.yaml")
    out = _loaded_after(["score", example], NEVER_FOR_SCORE, tmp_path / "cache")
    assert out["exit"] == "EXIT 0"
    assert out["LOADED"] == ""
    assert out["BUILT"] == "False"


def test_report_html_loads_no_table_library_and_no_benchmark_code(tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "acme-bank.yaml")
    args = ["report", example, "-f", "html", "-o", str(tmp_path / "r.html")]
    names = ("pyarrow", "openpyxl", "numpy", "capassess.batch", "capassess.benchmark",
             "capassess.model.benchmark", "capassess.interactive",
             # `compare` and --baseline, --target, --benchmark, a questionnaire's
             # cross-checks (cached), rich (an HTML report draws no terminal table),
             # pydantic's plugin scan (plugins are disabled)
             "capassess.comparison", "capassess.model.target", "capassess.peers",
             "capassess.report.peers", "capassess.consistency", "rich",
             "importlib.metadata", "email",
             # the sandbox and its limits (the shipped templates alone need neither),
             # the html module's entity tables (the charts escape text themselves)
             "capassess.report.sandbox", "jinja2.sandbox", "html")  # fmt: skip
    out = _loaded_after(args, names, tmp_path / "cache")
    assert out["exit"] == "EXIT 0"
    assert out["LOADED"] == ""
    assert out["BUILT"] == "False"


def test_score_with_a_benchmark_pack_still_loads_the_benchmark_code(tmp_path: Path) -> None:
    """The lazy import is taken when --benchmark asks for it (a wrong path is reported
    by the benchmark code itself)."""
    example = str(ROOT / "examples" / "acme-bank.yaml")
    args = ["score", example, "--benchmark", str(tmp_path / "missing.yaml")]
    out = _loaded_after(args, ("capassess.benchmark.standing",), tmp_path / "cache")
    assert out["LOADED"] == "capassess.benchmark.standing"


def test_the_objects_of_a_run_are_left_out_of_the_collection_at_exit() -> None:
    """The garbage collection the interpreter makes as it exits would walk every object
    of the run (tens of milliseconds of a short command); capassess freezes them first.
    The handler registered before capassess's runs after it and sees what is left."""
    example = ROOT / "examples" / "acme-bank.yaml"
    code = (
        "import atexit, gc, os\n"
        "atexit.register(lambda: os.write(1, f'FROZEN={gc.get_freeze_count()} "
        "LEFT={len(gc.get_objects())}\\n'.encode()))\n"
        "from capassess.cli import main\n"
        f"main(['score', {str(example)!r}])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    counts = dict(part.split("=") for part in run.stdout.splitlines()[-1].split())
    assert int(counts["FROZEN"]) > 10_000
    assert int(counts["LEFT"]) < 100


def _defines_models(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bases = {"Frozen", "BaseModel"}
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    return any(isinstance(b, ast.Name) and b.id in bases for c in classes for b in c.bases)


MODEL_MODULES = [p for p in sorted(PACKAGE.rglob("*.py")) if _defines_models(p)]


def test_the_model_modules_are_found() -> None:
    names = {p.name for p in MODEL_MODULES}
    assert {"questionnaire.py", "answers.py", "plan.py", "results.py", "comparison.py"} <= names


@pytest.mark.parametrize("path", MODEL_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_model_modules_evaluate_their_annotations_at_import(path: Path) -> None:
    # With postponed annotations pydantic compiles every field's annotation from its text
    # when the class is made, on every start of every command; evaluated with the module,
    # they come compiled from the module's bytecode.
    assert "from __future__ import annotations" not in path.read_text(encoding="utf-8")
