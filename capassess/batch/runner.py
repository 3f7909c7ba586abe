"""Run a batch: read every input, judge and score it chunk by chunk, rank, and write
scores, rejected rows, the summary and the portfolio report.

Every row read ends up scored or rejected, and the run checks that the two add up.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from capassess.atomic import files_under, refuse_inputs, write_atomic
from capassess.batch.aggregate import build_portfolio
from capassess.batch.arrow import frugal_memory, give_back_memory, kept_apart, without_pandas
from capassess.batch.collect import Collector, Units
from capassess.batch.judge import ChunkJudge
from capassess.batch.outputs import ScoreTable, write_scores, xlsx_refusal
from capassess.batch.peer_run import BatchPeers, load_batch_peers
from capassess.batch.publish import final_paths, staged_outputs
from capassess.batch.ranking import parse_weights, rank_units
from capassess.batch.rejects import RejectWriter, reject_file
from capassess.batch.source_reader import Progress, SourceReader, Tally
from capassess.batch.sources import nothing_to_score, open_sources
from capassess.batch.table import Source, column_label
from capassess.batch.unit_reports import ReportSettings, UnitReports
from capassess.batch.vector import VectorScorer
from capassess.errors import InputError
from capassess.json_text import to_json
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.records import record
from capassess.report.portfolio import (
    Counts,
    Portfolio,
    Settings,
    link_reports,
    summary_json,
    write_portfolio,
    write_portfolio_pdf,
)
from capassess.scoring.engine import MISSING_POLICIES
from capassess.scoring.interface import MODEL_NAMES
from capassess.scoring.weights import tree_weights
from capassess.shown_paths import shown_path

REPORT_FORMATS = ("html", "md")
OUTPUT_FILES = ("scores.csv", "scores.xlsx", "rejected.csv", "ignored.csv", "summary.json",
                "portfolio.html", "portfolio.md", "portfolio.pdf", "peers.csv")  # fmt: skip
UNITS = "units"
WRITING = "writing scores and reports"
BESIDE_UNITS = 500_000
"""Up to this many units, the score files are written while the portfolio is built."""


@record
class BatchOptions:
    """What ``capassess batch`` was asked to do."""

    inputs: tuple[str, ...]
    outdir: str
    group_by: str | None = None
    reports: tuple[str, ...] = ()
    rank: str = "score"
    weights: str = "model"
    lenient: bool = False
    encoding: str | None = None
    jobs: int = 1
    model: str | None = None
    missing: str | None = None
    top: int = 10
    lang: Lang = "en"
    template_dir: str | None = None
    benchmark: str | None = None
    peer_group: str | None = None
    bank_name: str | None = None
    pdf_browser: str | None = None
    """The browser that prints ``portfolio.pdf`` (``--pdf``); none: no PDF."""


@record
class BatchResult:
    """What a run did: the counts, the files written, the time taken, the warnings."""

    counts: Counts
    outputs: dict[str, str]
    seconds: float
    warnings: tuple[str, ...]


@record
class Run:
    """The parts of one run that every step needs; ``out`` is the run's own folder."""

    options: BatchOptions
    questionnaire: Questionnaire
    settings: Settings
    out: Path
    peers: BatchPeers | None = None


def settings_of(options: BatchOptions, questionnaire: Questionnaire) -> Settings:
    """Check the options and resolve the model and policy defaults."""
    model = options.model or questionnaire.model
    missing = options.missing or questionnaire.missing
    problems = [f"unknown scoring model {model!r}"] if model not in MODEL_NAMES else []
    problems += (
        [f"unknown missing-answer policy {missing!r}"] if missing not in MISSING_POLICIES else []
    )
    problems += [f"unknown report format {f!r}" for f in options.reports if f not in REPORT_FORMATS]
    if options.top < 1 or options.jobs < 1:
        problems.append("--top and --jobs must be at least 1")
    if problems:
        raise InputError("; ".join(problems))
    return Settings(model, missing, options.rank, str(parse_weights(options.weights)),
                    options.group_by, options.top, options.lang, options.lenient)  # fmt: skip


def run_batch(
    options: BatchOptions, questionnaire: Questionnaire, progress: Progress | None = None
) -> BatchResult:
    """Score every unit of ``options.inputs`` and write the outputs to ``options.outdir``."""
    with without_pandas(), _collector_frozen():
        frugal_memory()
        return _run_batch(options, questionnaire, progress)


@contextlib.contextmanager
def _collector_frozen() -> Iterator[None]:
    """Leave the objects made so far (modules, models) out of the garbage collector's
    rounds while the run lasts: the run makes few objects, and each full round walked
    every function and class loaded, some 0.1 s in all."""
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run_batch(
    options: BatchOptions, questionnaire: Questionnaire, progress: Progress | None
) -> BatchResult:
    started = time.perf_counter()
    settings = settings_of(options, questionnaire)
    sources = open_sources(options.inputs, questionnaire, encoding=options.encoding,
                           lenient=options.lenient, group_by=options.group_by)  # fmt: skip
    out = Path(options.outdir)
    inputs: list[str | Path] = [*options.inputs, *files_under(options.template_dir)]
    inputs += [options.benchmark] if options.benchmark else []
    refuse_inputs([out / name for name in OUTPUT_FILES], inputs)
    peers = load_batch_peers(options, questionnaire, settings.model)
    with staged_outputs(out, (*OUTPUT_FILES, UNITS), inputs) as staging:
        run = Run(options, questionnaire, settings, staging, peers)
        counts, outputs, portfolio = _score_and_write(run, sources, progress)
        refusal = outputs.pop("scores_xlsx_refused", None)
        outputs = final_paths(outputs, staging, out)
        seconds = time.perf_counter() - started
        beside = {name: shown_path(path, out) for name, path in outputs.items()}
        summary = to_json(summary_json(portfolio, beside, seconds), ensure_ascii=False,
                             indent=2)  # fmt: skip
        write_atomic(staging / "summary.json", summary + "\n")
        outputs["summary"] = str(out / "summary.json")
    warnings = _source_notes(sources) + ((refusal,) if refusal else ())
    return BatchResult(counts, outputs, seconds, warnings)


def _source_notes(sources: list[Source]) -> tuple[str, ...]:
    """What the user should know about how each input was read."""
    notes = [f"{s.path}: {note}" for s in sources for note in getattr(s, "notes", ())]
    notes += [f"{s.path}: unknown columns ignored: {', '.join(s.unknown)}"
              for s in sources if s.unknown]  # fmt: skip
    return tuple(notes)


def _score_and_write(
    run: Run, sources: list[Source], progress: Progress | None
) -> tuple[Counts, dict[str, str], Portfolio]:
    """Read, score and rank every unit; write every output but the summary.

    The score table (the longest to write) is written in a second thread, from the
    moment the units are ranked, while the portfolio is built and its report rendered
    in this one: most of the writing (pyarrow and numpy kernels, deflating) runs outside
    Python's lock, most of the portfolio inside it. Beyond ``BESIDE_UNITS`` units the
    portfolio is built first and only rendered beside the writing: the two at once
    held some 60 MB more at a million rows, past the memory goal.
    """
    options, questionnaire, settings = run.options, run.questionnaire, run.settings
    tree = tree_weights(questionnaire)
    scorer = VectorScorer(questionnaire, tree, settings.model, settings.missing)
    peers = run.peers
    with kept_apart():
        units, tally, removed = _read_all(run, sources, scorer, progress)
    counts = _counts(tally, units, removed)
    if counts.rows == 0:  # a header (and labels) only, e.g. a blank template: nothing to score
        raise nothing_to_score(run.options.inputs, sources)
    ranking = rank_units(
        units.scores, scorer.order, tree, options.rank, parse_weights(options.weights),
        assessed=units.answered.sum(axis=1) > 0,
    )  # fmt: skip
    if progress is not None:
        progress(WRITING, 0, 1, counts.rows)
    rank_value = not (options.rank == "score" and options.weights == "model")
    table = ScoreTable(units, ranking, scorer.order, rank_value=rank_value)
    beside = len(units) <= BESIDE_UNITS
    with ThreadPoolExecutor(max_workers=1) as pool:
        if beside:
            scores = pool.submit(write_scores, table, run.out / "scores.csv",
                                 run.out / "scores.xlsx")  # fmt: skip
        portfolio = build_portfolio(units, ranking, questionnaire, tree, settings, counts,
                                    tuple(tally.inputs))  # fmt: skip
        portfolio = replace(portfolio, group_label=tally.group_label, bank=options.bank_name)
        portfolio = link_reports(portfolio, tally.report_stems, options.reports)
        placement = peers.place(units, scorer.order, portfolio) if peers else None
        if placement is not None:
            portfolio = placement.portfolio
        give_back_memory()  # what building the portfolio let go of
        if not beside:
            scores = pool.submit(write_scores, table, run.out / "scores.csv",
                                 run.out / "scores.xlsx")  # fmt: skip
        outputs = write_portfolio(run.out, portfolio, options.template_dir)
        if options.pdf_browser:
            outputs["portfolio_pdf"] = write_portfolio_pdf(
                run.out, portfolio, options.pdf_browser, options.template_dir
            )
        outputs.update(_score_files(run, table, scores.result()))
    if placement is not None:
        from capassess.batch.peers import write_peers_csv

        outputs["peers"] = str(write_peers_csv(run.out / "peers.csv", units, placement.placement))
    if progress is not None:
        progress(WRITING, 1, 1, counts.rows)
    return counts, outputs, portfolio


@contextlib.contextmanager
def _ignored_file(run: Run) -> Iterator[RejectWriter | None]:
    if not run.options.lenient:
        yield None
        return
    with reject_file(run.out / "ignored.csv", run.settings.lang) as writer:
        yield writer


def _unit_reports(run: Run) -> UnitReports | None:
    if not run.options.reports:
        return None
    s = run.settings
    settings = ReportSettings(
        run.questionnaire,
        run.out / UNITS,
        run.options.reports,
        s.lang,
        s.model,
        s.missing,
        run.options.template_dir,
    )
    return UnitReports(settings, run.options.jobs)


def _read_all(
    run: Run, sources: list[Source], scorer: VectorScorer, progress: Progress | None
) -> tuple[Units, Tally, int]:
    """Read every source; return the scored units, the tally and the duplicates removed."""
    judge = ChunkJudge(run.questionnaire, scorer, run.settings.missing, run.options.lenient)
    collector = Collector(len(scorer.order.nodes), len(scorer.order.capabilities))
    reports = _unit_reports(run)
    tally = Tally()
    rejected = reject_file(run.out / "rejected.csv", run.settings.lang)
    with rejected as rejects, _ignored_file(run) as ignored:
        for source in sources:
            reader = SourceReader(source, judge, collector, rejects, ignored, reports)
            reader.read(tally, progress)
        units, duplicates, removed = collector.finish()
        labels = (column_label(s, run.settings.group_by) for s in sources)
        tally.group_label = next((label for label in labels if label), None)
        rejects.write(duplicates)
    if reports is not None:
        reports.finish(duplicates)
        tally.report_stems = reports.names.by_id
    return units, tally, removed


def _counts(tally: Tally, units: Units, removed: int) -> Counts:
    counts = Counts(
        rows=tally.rows,
        scored=len(units),
        rejected=tally.rejected + removed,
        blank=tally.blank,
        duplicates=removed,
        ignored_cells=tally.ignored,
    )
    if counts.scored + counts.rejected != counts.rows:  # pragma: no cover - a bug, not input
        raise AssertionError(
            f"rows read {counts.rows} != scored {counts.scored} + rejected {counts.rejected}"
        )
    return counts


def _score_files(run: Run, table: ScoreTable, written: tuple[Path, Path | None]) -> dict[str, str]:
    """The outputs entries of the score files and the other files of every run."""
    csv_path, xlsx_path = written
    outputs = {"scores_csv": str(csv_path)}
    if xlsx_path is not None:
        outputs["scores_xlsx"] = str(xlsx_path)
    else:
        outputs["scores_xlsx_refused"] = xlsx_refusal(table.rows, len(table.headers)) or ""
    outputs["rejected"] = str(run.out / "rejected.csv")
    if run.options.lenient:
        outputs["ignored"] = str(run.out / "ignored.csv")
    if run.options.reports:
        outputs["units"] = str(run.out / UNITS)
    return outputs
