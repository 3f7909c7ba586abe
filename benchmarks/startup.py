"""How long does ``capassess`` take to start? A reproducible check.

Runs, interleaved so that machine noise hits both alike, in fresh processes of this
interpreter:

  (a) ``python -c "import click"``: the floor any click tool pays;
  (b) ``capassess --help``;
  (c) ``capassess validate`` on the bundled example bank (reads YAML, checks the model);

and prints the median of each, the ratios b/a (goal <= 1.5) and c/a (for information),
then the ten imports that cost ``capassess --help`` and ``capassess validate`` the most
(``python -X importtime``, own time summed per top-level package).

    python benchmarks/startup.py             # 25 runs each
    python benchmarks/startup.py --runs 50
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme-bank.yaml"
GOAL = 1.5

CLICK = [sys.executable, "-c", "import click"]
HELP = [sys.executable, "-m", "capassess", "--help"]
VALIDATE = [sys.executable, "-m", "capassess", "validate", "-q", str(EXAMPLE)]


def wall(command: list[str]) -> float:
    """Seconds one fresh process takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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

    commands = {"import click": CLICK, "capassess --help": HELP, "capassess validate": VALIDATE}
    for command in commands.values():  # warm the file cache
        wall(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(wall(command))

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.runs} runs each, median wall time (Python {sys.version.split()[0]})")
    for name, value in median.items():
        print(f"  {name:<20} {value * 1000:7.1f} ms")
    ratio = median["capassess --help"] / median["import click"]
    verdict = "met" if ratio <= GOAL else "NOT met"
    print(f"  --help / import click  {ratio:.2f}  (goal <= {GOAL}: {verdict})")
    print(f"  validate / import click  {median['capassess validate'] / median['import click']:.2f}")

    for name in ("capassess --help", "capassess validate"):
        print(f"\nimport-time top 10 of `{name}` (ms, modules, package)")
        for own, count, package in import_top(commands[name]):
            print(f"  {own / 1000:7.1f} {count:5d}  {package}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
