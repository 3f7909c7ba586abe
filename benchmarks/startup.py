"""How long does ``capassess`` take to start? A reproducible check.

Runs, interleaved so that machine noise hits both alike, in fresh processes of this
interpreter:

  (a) ``python -c "import click"``: the floor any click tool pays;
  (b) ``capassess --help``;
  (c) ``capassess validate`` on the bundled example bank (reads YAML, checks the model);
  (d) ``capassess score`` of the example bank (goal: within 3x of a);
  (e) ``capassess report -f html`` of it (goal: within 5x of a);
  (f) ``capassess score`` again with the user cache off (``CAPASSESS_CACHE_DIR=``), for
      comparison: every call parses the questionnaire and compiles the templates;
  (g) a process that only imports the libraries ``score`` cannot do without (click,
      pydantic's models and fields, rich's console and table; not pydantic's plugin
      loader, which capassess stands in for while plugins are disabled, see
      capassess/pydantic_plugins.py; not ruamel.yaml, imported only to parse a file
      that is not in the cache), and (h) those of ``report``: click, pydantic and
      jinja2 (an HTML report draws no terminal table: no rich): the floors of (d) and
      (e) as long as they use these libraries;

with the cache in a fresh folder, warmed by one run, as a user's is after the first
call, and with compiled bytecode for every module (kept in a fresh folder through
``PYTHONPYCACHEPREFIX``, also when ``PYTHONDONTWRITEBYTECODE`` is set), as an installed
package has it: without it, each run would compile capassess's modules from source
again. It then prints the median of each, the ratios to (a) against their goals, and the ten
imports that cost ``--help``, ``validate`` and ``score`` the most (``python -X
importtime``, own time summed per top-level package).

    python benchmarks/startup.py             # 25 runs each
    python benchmarks/startup.py --runs 50
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme-bank.yaml"
OUT = Path(tempfile.mkdtemp(prefix="capassess-startup-"))
CAPASSESS = [sys.executable, "-m", "capassess"]
SCORE_LIBRARIES = "import click, pydantic.main, pydantic.fields, rich.console, rich.table"
REPORT_LIBRARIES = "import click, pydantic.main, pydantic.fields, jinja2"
COMMANDS = {
    "import click": [sys.executable, "-c", "import click"],
    "capassess --help": [*CAPASSESS, "--help"],
    "capassess validate": [*CAPASSESS, "validate", "-q", str(EXAMPLE)],
    "capassess score": [*CAPASSESS, "score", str(EXAMPLE)],
    "report -f html": [*CAPASSESS, "report", str(EXAMPLE), "-f", "html", "-o",
                       str(OUT / "r.html")],
    "score, cache off": [*CAPASSESS, "score", str(EXAMPLE)],
    "libraries of score": [sys.executable, "-c", SCORE_LIBRARIES],
    "libraries of report": [sys.executable, "-c", REPORT_LIBRARIES],
}  # fmt: skip
GOALS = {"capassess --help": 1.5, "capassess score": 3.0, "report -f html": 5.0}
CACHE = {"CAPASSESS_CACHE_DIR": str(OUT / "cache")}
NO_CACHE = {"CAPASSESS_CACHE_DIR": ""}


def environment(env: dict[str, str]) -> dict[str, str]:
    """This process's environment with ``env``, and bytecode kept under ``OUT``."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**base, "PYTHONPYCACHEPREFIX": str(OUT / "bytecode"), **env}


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds one fresh process takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=environment(env or CACHE))  # fmt: skip
    return time.perf_counter() - start


def env_of(name: str) -> dict[str, str]:
    """The environment a command runs in: the shared cache, or none."""
    return NO_CACHE if "cache off" in name else CACHE


def import_top(command: list[str], count: int = 10) -> list[tuple[int, int, str]]:
    """The ``count`` costliest packages ``command`` imports: (self us, modules, package).

    From ``python -X importtime``: each module's own time, summed per top-level package
    (``pydantic_core._pydantic_core`` counts for ``pydantic_core``), so a package and
    the modules it pulls in are not counted twice.
    """
    run = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(CACHE),
    )
    own: dict[str, int] = {}
    modules: dict[str, int] = {}
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        package = parts[2].strip().split(".")[0]
        own[package] = own.get(package, 0) + int(parts[0])
        modules[package] = modules.get(package, 0) + 1
    ranked = sorted(((us, modules[name], name) for name, us in own.items()), reverse=True)
    return ranked[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25, help="runs of each command")
    args = parser.parse_args()

    commands = COMMANDS
    for name, command in commands.items():  # warm the file cache and the user cache
        wall(command, env_of(name))
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(wall(command, env_of(name)))

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.runs} runs each, median wall time (Python {sys.version.split()[0]})")
    for name, value in median.items():
        print(f"  {name:<22} {value * 1000:7.1f} ms")
    for name, value in median.items():
        if name == "import click":
            continue
        ratio = value / median["import click"]
        goal = GOALS.get(name)
        verdict = f"  (goal <= {goal}: {'met' if ratio <= goal else 'NOT met'})" if goal else ""
        print(f"  {name + ' / import click':<36} {ratio:5.2f}{verdict}")

    for name in ("capassess --help", "capassess validate", "capassess score"):
        print(f"\nimport-time top 10 of `{name}` (ms, modules, package)")
        for own, count, package in import_top(commands[name]):
            print(f"  {own / 1000:7.1f} {count:5d}  {package}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
