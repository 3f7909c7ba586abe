"""What one unit's report costs in instructions, which no load on the machine moves.

Scores, plans, builds, renders and writes the units of ``batch.py``'s synthetic branches
one after another in one process, with ``batch.unit_reports.write_unit_reports`` (the
assessments made as the batch makes them: blank cells left out), ``--warm`` units first,
then ``--units`` more. With ``--count`` it runs itself twice under valgrind's cachegrind
(``valgrind`` on ``PATH``), with and without the ``--units``, and prints the instructions
a unit costs: the difference over ``--units``. The user cache and compiled bytecode are
in fresh folders, warmed by one run, as in ``batch.py``.

    python benchmarks/unit_cost.py --count --format html            # 20 warm, 100 counted
    python benchmarks/unit_cost.py --count --format md --lang zh
    python benchmarks/unit_cost.py --units 1000 --format html      # CPU time, no valgrind

To compare two versions of the code, run it from a folder that is no checkout of
capassess with each version's source first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import REGIONS, cell  # batch.py's cells; batch.py itself puts its checkout first

from capassess.batch.cells import INVALID, QuestionCodec
from capassess.batch.unit_reports import ReportSettings, UnitTask, write_unit_reports
from capassess.catalog import find_questionnaire
from capassess.model.answers import Answer, Assessment, Subject


def assessments(questionnaire: str, units: int, seed: int = 7) -> list[Assessment]:
    """``units`` synthetic branches of ``questionnaire``, as the batch reads them."""
    q = find_questionnaire(questionnaire)
    rng = random.Random(seed)
    questions = [x for _, _, x in q.questions()]
    codecs = {x.id: QuestionCodec(x) for x in questions}
    out = []
    for i in range(units):
        region = rng.choice(REGIONS)
        cells = {x.id: cell(x, rng) for x in questions}
        answers = {
            qid: Answer(value=cell)
            for qid, cell in cells.items()
            if cell.strip() and codecs[qid].verdict(cell).status != INVALID
        }
        subject = Subject(id=f"BR{i:07d}", name=f"第{i}支行", kind="branch",
                          group={"region": region})  # fmt: skip
        out.append(Assessment(questionnaire=q.ref, subject=subject, answers=answers))
    return out


def run(args: argparse.Namespace) -> None:
    """Report on the warm units, then on the counted ones; print the CPU time of these."""
    q = find_questionnaire(args.questionnaire)
    units = assessments(args.questionnaire, args.warm + args.units)
    folder = Path(tempfile.mkdtemp(prefix="capassess-unit-cost-"))
    settings = ReportSettings(q, folder, (args.format,), args.lang, q.model, q.missing)
    for i, assessment in enumerate(units[: args.warm]):
        write_unit_reports(settings, UnitTask(assessment, f"w{i}"))
    started = time.process_time()
    for i, assessment in enumerate(units[args.warm :]):
        write_unit_reports(settings, UnitTask(assessment, f"u{i}"))
    cpu = time.process_time() - started
    if args.units:
        print(f"{args.units} units: {cpu:.3f} s CPU, {1000 * cpu / args.units:.3f} ms a unit")


def count(args: argparse.Namespace) -> None:
    """Instructions of a run with the ``--units`` less one without, over ``--units``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    home = Path(tempfile.mkdtemp(prefix="capassess-unit-count-"))
    env |= {"CAPASSESS_CACHE_DIR": str(home / "cache"), "PYTHONPYCACHEPREFIX": str(home / "pyc")}
    base = [sys.executable, __file__, "--format", args.format, "--lang", args.lang,
            "--questionnaire", args.questionnaire, "--warm", str(args.warm)]  # fmt: skip
    subprocess.run([*base, "--units", "1"], env=env, check=True, capture_output=True)
    print(f"capassess from {_source(env)}")
    totals = []
    for units in (args.units, 0):
        command = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
                   "--cachegrind-out-file=/dev/null", *base, "--units", str(units)]  # fmt: skip
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        refs = [line for line in done.stderr.splitlines() if "I" in line and "refs:" in line]
        totals.append(int(refs[-1].split()[-1].replace(",", "")))
    per_unit = (totals[0] - totals[1]) / args.units
    print(f"{args.questionnaire} {args.format} {args.lang}: {per_unit / 1e6:.2f} M instructions "
          f"a unit ({totals[0]:,} with {args.units} units, {totals[1]:,} without)")  # fmt: skip


def _source(env: dict[str, str]) -> str:
    command = [sys.executable, "-c", "import capassess; print(capassess.__file__)"]
    return subprocess.run(
        command, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("md", "html"), default="html")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--questionnaire", default="branch-fintech")
    parser.add_argument("--warm", type=int, default=20, help="units reported on first")
    parser.add_argument("--units", type=int, default=100, help="units counted or timed")
    parser.add_argument("--count", action="store_true", help="count instructions (valgrind)")
    args = parser.parse_args()
    (count if args.count else run)(args)


if __name__ == "__main__":
    main()
