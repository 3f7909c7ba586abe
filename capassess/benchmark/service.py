"""The service behind ``capassess benchmark build``: inputs in, pack file out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from capassess.atomic import refuse_inputs, write_atomic
from capassess.benchmark.build import BuildNotes, Grouping, build_pack
from capassess.benchmark.pack_file import pack_text
from capassess.benchmark.sample import read_sample
from capassess.benchmark.sources import is_answers_input, open_inputs
from capassess.catalog import find_questionnaire, load_assessment, questionnaire_files
from capassess.errors import InputError
from capassess.model.benchmark import BenchmarkPack
from capassess.model.questionnaire import Questionnaire
from capassess.overwrite import refuse_foreign
from capassess.records import record
from capassess.scoring.engine import MISSING_POLICIES
from capassess.scoring.interface import MODEL_NAMES


@record
class BuildRequest:
    """What ``benchmark build`` was asked to do."""

    inputs: tuple[str, ...]
    output: str
    by: str | None = None
    min_group: int = 5
    questionnaire: str | None = None
    model: str | None = None
    missing: str | None = None
    title: str | None = None
    illustrative: bool = False
    force: bool = False
    """Replace an existing file at ``output`` that is not a benchmark pack."""


@record
class BuildOutcome:
    """The pack written, where, and what was left out of it."""

    pack: BenchmarkPack
    path: Path
    notes: BuildNotes
    units: int
    rejected_rows: int
    repeated: int
    reasons: tuple[str, ...]


def build_benchmark(request: BuildRequest, extra: Iterable[str | Path] = ()) -> BuildOutcome:
    """Read, score and group every input; write the pack atomically."""
    extra = tuple(extra)
    if request.min_group < 2:
        raise InputError("--min-group must be at least 2")
    refuse_inputs([request.output], [*_input_files(request.inputs), *questionnaire_files(extra)])
    q = _questionnaire(request, extra)
    model, missing = request.model or q.model, request.missing or q.missing
    if model not in MODEL_NAMES or missing not in MISSING_POLICIES:
        raise InputError(f"unknown scoring model {model!r} or missing policy {missing!r}")
    grouping = Grouping(request.by)
    sample = read_sample(open_inputs(request.inputs, q, grouping.column), q, grouping.column,
                         model, missing)  # fmt: skip
    if len(sample) == 0:
        first = [_reason(r.source, r.row, r.column, r.reason) for r in sample.rejected][:20]
        raise InputError(
            "no unit could be scored from the inputs, so no pack was written"
            + "".join(f"\n  {r}" for r in first)
        )
    pack, notes = build_pack(sample, grouping, request.min_group, model=model, missing=missing,
                             questionnaire=q.ref, title=request.title,
                             illustrative=request.illustrative)  # fmt: skip
    refuse_foreign(request.output, "pack", force=request.force)
    path = write_atomic(request.output, pack_text(pack))
    reasons = tuple(_reason(r.source, r.row, r.column, r.reason) for r in sample.rejected)
    return BuildOutcome(pack, path, notes, len(sample), sample.rejected_rows, sample.repeated,
                        reasons)  # fmt: skip


def _reason(source: str, row: int | None, column: str, reason: str) -> str:
    place = f"{source}:{row}" if row else source
    return f"{place}: {column + ': ' if column else ''}{reason}"


def _input_files(inputs: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for name in inputs:
        path = Path(name)
        files += sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    return files


def _questionnaire(request: BuildRequest, extra: tuple[str | Path, ...]) -> Questionnaire:
    """The questionnaire asked for, else the one the first answers file names."""
    if request.questionnaire:
        return find_questionnaire(request.questionnaire, extra)
    for name in request.inputs:
        path = Path(name)
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in candidates:
            if file.is_file() and is_answers_input(file):
                try:
                    return load_assessment(file, None, extra)[1]
                except InputError:
                    continue  # rejected, with its reasons, once the questionnaire is known
    raise InputError("no answers file among the inputs to tell the questionnaire: give -q")
