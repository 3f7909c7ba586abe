"""How fast is ``capassess batch`` on a bank's worth of branches? A reproducible check.

Generates N synthetic branches (default 250,000) for ``branch-fintech`` as a GB18030 CSV,
as Excel on Chinese Windows saves it, then times, each in a fresh process of this
interpreter:

  (a) Python's csv module only reading the file;
  (b) the plain pandas script an analyst would write: read_csv, map answers to scores,
      weighted sums per capability and dimension, rank, groupby describe, to_csv, with no
      validation at all;
  (c) ``capassess batch`` (every cell validated; scores.csv, scores.xlsx, summary.json,
      the portfolio report; no per-unit reports);
  (d) ``capassess batch --reports md`` and (e) ``--reports html`` on the first
      ``--units`` branches (default 2,000), on one core: units per second, counted on
      the CPU time the reports add to a run without them, beside the rows per second of
      Python's csv module reading the same rows (over and over, in one process) on the
      same machine at the same time, and their ratio (CSV rows read in the time of one
      unit's report), which noise on a shared machine moves far less than either rate;
  (f) with ``--million``: (c) on 1,000,000 branches, for its peak memory.

and prints the times, the ratios c/a and c/b, the report rates, the peak memory of each
(max RSS) and the CPU time of (a) to (c). Goals: c/a <= 2.5, c/b <= 1, >= 500 units/s,
<= 500 MB at a million rows. The user cache (compiled templates) and compiled bytecode
are in fresh folders, warmed by one run of each step, as a user's are after the first.
Needs the ``bench`` extra (pandas):

    pip install -e '.[bench]'
    python benchmarks/batch.py              # 250,000 branches
    python benchmarks/batch.py --rows 20000 --keep /tmp/bench --million
    python benchmarks/batch.py --reports-only --units 1000 --repeat 3   # (d), (e) only
    python benchmarks/batch.py --no-reports --keep /tmp/bench              # (a)-(c) only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import REGIONS, cell  # noqa: E402

from capassess.catalog import find_questionnaire  # noqa: E402
from capassess.model.questionnaire import Questionnaire  # noqa: E402
from capassess.scoring.weights import tree_weights  # noqa: E402

ENCODING = "gb18030"

CSV_RATE = """
import csv, sys, time
start, rows = time.process_time(), 0
while time.process_time() - start < float(sys.argv[2]):
    with open(sys.argv[1], encoding="gb18030", newline="") as handle:
        rows += sum(1 for _ in csv.reader(handle))
print(rows / (time.process_time() - start))
"""

READ_ONLY = """
import csv, sys
with open(sys.argv[1], encoding="gb18030", newline="") as handle:
    rows = sum(1 for _ in csv.reader(handle))
print(rows)
"""

ANALYST = """
import json, sys
import numpy as np
import pandas as pd

spec = json.loads(sys.argv[3])
df = pd.read_csv(sys.argv[1], encoding="gb18030")
for q, options in spec["choice"].items():
    df[q] = df[q].map(options)
for q, options in spec["multi"].items():
    cell = df[q].fillna("")
    ticked = sum(cell.str.contains(rf"(?:^|;){o}(?:;|$)") * s for o, s in options.items())
    df[q] = (ticked / sum(options.values())).where(cell != "")
for q in spec["bool"]:
    df[q] = df[q].map({"yes": 1.0, "no": 0.0, "是": 1.0, "否": 0.0})
for q in spec["level"]:
    df[q] = (pd.to_numeric(df[q], errors="coerce") - 1) / 4
for q, (thresholds, better) in spec["number"].items():
    x = pd.to_numeric(df[q], errors="coerce")
    if better == "higher":
        level = 1 + sum((x >= t).astype(int) for t in thresholds)
    else:
        level = 5 - sum((x > t).astype(int) for t in thresholds)
    df[q] = ((level - 1) / 4).where(x.notna())
for cap, weights in spec["capabilities"].items():
    df[cap] = 1 + 4 * sum(df[q].fillna(0) * w for q, w in weights.items())
for dim, weights in spec["dimensions"].items():
    df[dim] = sum(df[c] * w for c, w in weights.items())
df["overall"] = sum(df[d] * w for d, w in spec["overall"].items())
df["rank"] = df["overall"].rank(ascending=False, method="min")
groups = df.groupby("region")[list(spec["dimensions"]) + ["overall"]].describe()
groups.to_csv(sys.argv[2] + "/groups.csv")
df.to_csv(sys.argv[2] + "/scores.csv", index=False)
"""

MEASURED = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
failed = done.returncode not in (0, 1) or "Traceback" in done.stderr
sys.stderr.write(done.stderr[-2000:] if failed else "")
"""


def generate(q: Questionnaire, rows: int, path: Path, seed: int = 7) -> None:
    """Write ``rows`` synthetic branches for ``q`` to ``path`` in GB18030."""
    rng = random.Random(seed)
    questions = [x for _, _, x in q.questions()]
    with path.open("w", encoding=ENCODING, newline="") as handle:
        handle.write(",".join(["id", "name", "region", *(x.id for x in questions)]) + "\r\n")
        for i in range(rows):
            cells = [f"BR{i:07d}", f"第{i}支行", rng.choice(REGIONS)]
            cells += [cell(x, rng) for x in questions]
            handle.write(",".join(cells) + "\r\n")


def analyst_spec(q: Questionnaire) -> dict[str, Any]:
    """What the analyst's script hard-codes: option scores, thresholds, global weights."""
    tree = tree_weights(q)
    spec: dict[str, Any] = {"choice": {}, "multi": {}, "bool": [], "level": [], "number": {},
                            "capabilities": {}, "dimensions": {}, "overall": {}}  # fmt: skip
    for _, cap, x in q.questions():
        if x.type in ("choice", "multi"):
            spec[x.type][x.id] = {o.id: o.score for o in x.options}
        elif x.type in ("bool", "level"):
            spec[x.type].append(x.id)
        elif x.type == "number":
            spec["number"][x.id] = [x.thresholds, x.better]
        spec["capabilities"].setdefault(cap.id, {})[x.id] = tree.local[x.id]
    for dim, cap in q.capabilities():
        spec["dimensions"].setdefault(dim.id, {})[cap.id] = tree.local[cap.id]
    spec["overall"] = {d.id: tree.local[d.id] for d in q.dimensions}
    return spec


def environment(cache: Path) -> dict[str, str]:
    """This process's environment with the user cache in ``cache`` and compiled bytecode
    kept beside it (``PYTHONPYCACHEPREFIX``, also when ``PYTHONDONTWRITEBYTECODE`` is
    set), as an installed package has its bytecode: no step compiles its modules again
    on every run."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**base, "CAPASSESS_CACHE_DIR": str(cache),
            "PYTHONPYCACHEPREFIX": str(cache.parent / "bytecode")}  # fmt: skip


def measure(command: list[str], cache: Path) -> tuple[float, float, float]:
    """Run ``command`` in a fresh process; its wall time (s), peak memory (MB) and CPU
    time (s, user and system)."""
    out = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True,
                         text=True, check=True, env=environment(cache))  # fmt: skip
    code, seconds, peak, cpu = out.stdout.split()
    if int(code) not in (0, 1) or "Traceback" in out.stderr:  # 1 is rows rejected; a crash is not
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({code}):\n{out.stderr}")
    return float(seconds), int(peak) / 1024, float(cpu)


def measure_cpu(command: list[str], cache: Path) -> float:
    """Run ``command`` in a fresh process; the CPU time (s) it used, user and system."""
    out = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True,
                         text=True, check=True, env=environment(cache))  # fmt: skip
    code, _, _, cpu = out.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({code}):\n{out.stderr}")
    return float(cpu)


def batch_command(source: Path, out: Path, *extra: str) -> list[str]:
    """``capassess batch`` as the benchmark runs it."""
    return [sys.executable, "-m", "capassess", "batch", str(source), "-o", str(out),
            "--group-by", "region", "--allow-rejects", *extra]  # fmt: skip


def report_rates(q: Questionnaire, folder: Path, units: int, cache: Path, repeat: int = 1) -> None:
    """(d) and (e): per-unit reports, units per second of CPU on one core, each beside
    the csv module's rows per second on the same rows, measured in the same round; with
    ``repeat`` rounds, the best round of each format last."""
    source = folder / "units.csv"
    generate(q, units, source)
    measure_cpu(batch_command(source, folder / "units-warm", "--reports", "md,html"), cache)
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        base = measure_cpu(batch_command(source, folder / "units-none"), cache)
        for step, fmt in (("d", "md"), ("e", "html")):
            command = batch_command(source, folder / f"units-{fmt}", "--reports", fmt,
                                    "--jobs", "1")  # fmt: skip
            cpu = measure_cpu(command, cache)
            rate, csv_rate = units / max(1e-9, cpu - base), _csv_rate(source)
            _print_rate(step, fmt, units, rate, csv_rate, f"{cpu:.2f} s CPU, {base:.2f} s without")
            if fmt not in best or rate > best[fmt][0]:
                best[fmt] = (rate, csv_rate)
    if repeat > 1:
        for step, fmt in (("d", "md"), ("e", "html")):
            _print_rate(step, fmt, units, *best[fmt], f"best of {repeat}")


def _csv_rate(source: Path) -> float:
    """Rows per second of CPU of the csv module reading ``source`` for two seconds."""
    out = subprocess.run([sys.executable, "-c", CSV_RATE, str(source), "2"], check=True,
                         capture_output=True, text=True)  # fmt: skip
    return float(out.stdout)


def _print_rate(step: str, fmt: str, units: int, rate: float, csv_rate: float, note: str) -> None:
    print(
        f"  ({step}) --reports {fmt:<4} x {units:<6,} {rate:6.0f} units/s   csv module "
        f"{csv_rate:9,.0f} rows/s   one report = {csv_rate / rate:5.0f} csv rows   "
        f"(goal >= 500 units/s; {note})"
    )


def main() -> None:
    """Generate the data, run the steps, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--units", type=int, default=2_000, help="branches for (d), (e)")
    parser.add_argument("--million", action="store_true", help="also (f), at 1,000,000 rows")
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep the files.")
    parser.add_argument("--reports-only", action="store_true", help="only (d) and (e)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of (d) and (e)")
    parser.add_argument("--no-reports", action="store_true", help="skip (d) and (e)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="capassess-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    cache = folder / "cache"
    q = find_questionnaire("branch-fintech")
    if args.reports_only:
        report_rates(q, folder, args.units, cache, args.repeat)
        print(f"files in {folder}")
        return
    source = folder / "branches.csv"
    started = time.perf_counter()
    generate(q, args.rows, source)
    size = source.stat().st_size / 1e6
    print(f"{args.rows:,} branches x {sum(1 for _ in q.questions())} answers, {ENCODING}, "
          f"{size:.1f} MB, generated in {time.perf_counter() - started:.1f} s")  # fmt: skip
    (folder / "pandas").mkdir(exist_ok=True)
    spec = json.dumps(analyst_spec(q))
    py = sys.executable
    steps = {
        "a csv module, read only": [py, "-c", READ_ONLY, str(source)],
        "b pandas analyst script": [py, "-c", ANALYST, str(source), str(folder / "pandas"), spec],
        "c capassess batch": batch_command(source, folder / "batch"),
    }  # fmt: skip
    for command in steps.values():  # warms the user cache and the bytecode, as any earlier run
        measure(command, cache)
    times, cpus = {}, {}
    for name, command in steps.items():
        seconds, peak, cpu = measure(command, cache)
        times[name[0]], cpus[name[0]] = seconds, cpu
        print(f"  ({name[0]}) {name[2:]:<26} {seconds:7.2f} s   peak {peak:7.0f} MB   "
              f"CPU {cpu:6.2f} s")  # fmt: skip
    print(f"  c/a = {times['c'] / times['a']:.2f}   (goal <= 2.5; in CPU time "
          f"{cpus['c'] / cpus['a']:.2f}, which a busy machine moves less)")  # fmt: skip
    print(f"  c/b = {times['c'] / times['b']:.2f}   (goal <= 1)")
    if not args.no_reports:
        report_rates(q, folder, args.units, cache, args.repeat)
    if args.million:
        big = folder / "million.csv"
        generate(q, 1_000_000, big)
        seconds, peak, _ = measure(batch_command(big, folder / "million"), cache)
        print(
            f"  (f) batch, 1,000,000 rows       {seconds:7.2f} s   peak {peak:7.0f} MB "
            "(goal <= 500)"
        )
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
