"""benchmark build: percentiles as numpy computes them, small groups left out and said,
no unit's id or name in the pack, inputs never overwritten."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from capassess.advice import answered_values
from capassess.benchmark.pack_file import load_pack
from capassess.catalog import find_questionnaire, load_assessment
from capassess.cli import main
from capassess.model.questionnaire import NumberQuestion, Questionnaire
from capassess.scoring.engine import score_assessment
from tests.benchmark.generate import Unit, generate, write_csv, write_folder

TYPES = ["city-commercial"] * 3 + ["rural"] * 3 + ["private"]  # private: 1 in 7


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return find_questionnaire("bank-fintech")


@pytest.fixture(scope="module")
def units(bank: Questionnaire) -> list[Unit]:
    return generate(bank, 28, seed=19, types=TYPES)  # 12 city, 12 rural, 4 private


@pytest.fixture(scope="module")
def folder(
    bank: Questionnaire, units: list[Unit], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return write_folder(bank, units, tmp_path_factory.mktemp("peers") / "answers")


def _build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["benchmark", "build", *args])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def _expected(bank: Questionnaire, folder: Path, group: str) -> dict[str, dict[str, list[float]]]:
    """Node scores and number answers per unit of ``group``, by the engine, one by one."""
    numbers = {x.id for _, _, x in bank.questions() if isinstance(x, NumberQuestion)}
    nodes: dict[str, list[float]] = {}
    figures: dict[str, list[float]] = {}
    for path in sorted(folder.iterdir()):
        assessment, q, _ = load_assessment(path, bank)
        if assessment.subject.bank_type != group:
            continue
        result = score_assessment(q, assessment)
        nodes.setdefault("overall", []).append(result.overall.score)
        for dim in result.dimensions:
            for node in [dim, *dim.capabilities]:
                if node.score is not None:
                    nodes.setdefault(node.id, []).append(node.score)
        for qid, value in answered_values(result).items():
            if qid in numbers:
                figures.setdefault(qid, []).append(float(value))
    return {"nodes": nodes, "numbers": figures}


def test_percentiles_are_numpys_linear_rounded(
    bank: Questionnaire, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "peers.yaml"
    code, _ = _build(str(folder), "-o", str(out), "--by", "bank-type")
    assert code == 0
    pack = load_pack(out, bank)
    assert pack.built.method == "numpy-linear" and pack.built.min_group == 5
    for group in ("city-commercial", "rural"):
        expected = _expected(bank, folder, group)
        peers = pack.peer_groups[group]
        assert peers.count == 12
        for part, rows in (("nodes", peers.nodes), ("numbers", peers.numbers)):
            wanted = {k: v for k, v in expected[part].items() if len(v) >= 5}
            assert set(rows) == set(wanted), part
            for node, values in wanted.items():
                points = np.round(np.percentile(values, [10, 25, 50, 75, 90]), 2)
                assert rows[node].count == len(values)
                assert rows[node].values() == pytest.approx(points.tolist(), abs=1e-9), node
        assert len(peers.nodes) == 1 + len(bank.sections()) + sum(1 for _ in bank.capabilities())


def test_group_under_k_is_absent_and_reported(
    folder: Path, tmp_path: Path, bank: Questionnaire
) -> None:
    out = tmp_path / "peers.yaml"
    code, output = _build(str(folder), "-o", str(out), "--by", "bank-type")
    assert code == 0
    assert "group 'private' left out: 4 units, fewer than 5" in output
    pack = load_pack(out, bank)
    assert set(pack.peer_groups) == {"city-commercial", "rural"}
    assert "private" not in out.read_text(encoding="utf-8")
    code, output = _build(str(folder), "-o", str(out), "--by", "bank-type", "--min-group", "13")
    assert code == 0 and set(load_pack(out, bank).peer_groups) == set()
    assert "group 'rural' left out: 12 units, fewer than 13" in output


def test_pack_holds_no_unit_id_or_name(folder: Path, units: list[Unit], tmp_path: Path) -> None:
    for by in ([], ["--by", "bank-type"], ["--by", "region"]):
        out = tmp_path / "peers.yaml"
        assert _build(str(folder), "-o", str(out), "--min-group", "2", *by)[0] == 0
        text = out.read_text(encoding="utf-8")
        for unit in units:
            assert unit.id not in text and unit.name not in text
            assert unit.id[2:] not in text and unit.name.split()[2] not in text  # the tokens
            assert unit.date.isoformat() not in text  # months only


def test_csv_input_gives_the_same_pack(
    bank: Questionnaire, units: list[Unit], folder: Path, tmp_path: Path
) -> None:
    table = write_csv(bank, units, tmp_path / "units.csv")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert _build(str(folder), "-o", str(a), "--by", "bank-type")[0] == 0
    assert _build(str(table), "-q", "bank-fintech", "-o", str(b), "--by", "bank-type")[0] == 0
    assert load_pack(a, bank) == load_pack(b, bank)
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_single_answers_files(
    bank: Questionnaire, units: list[Unit], folder: Path, tmp_path: Path
) -> None:
    files = sorted(str(p) for p in folder.iterdir())
    out = tmp_path / "peers.yaml"
    code, _ = _build(*files, "-o", str(out))
    assert code == 0 and load_pack(out, bank).peer_groups["all"].count == len(units)
    code, _ = _build(*files, "-o", str(out), "--by", "region")
    assert code == 0 and set(load_pack(out, bank).peer_groups) == {"East", "West"}


def test_repeated_unit_counts_once(bank: Questionnaire, units: list[Unit], tmp_path: Path) -> None:
    from tests.benchmark.generate import write_answers

    folder = write_folder(bank, units[:6], tmp_path / "a")
    older = units[0].__class__(**{**units[0].__dict__, "date": units[0].date.replace(year=2020)})
    write_answers(bank, older, folder / "older.yaml")
    out = tmp_path / "peers.yaml"
    code, output = _build(str(folder), "-o", str(out))
    assert code == 0 and "1 earlier assessments of a unit left out" in output
    pack = load_pack(out, bank)
    assert pack.peer_groups["all"].count == 6
    assert pack.assessed is not None and pack.assessed.first != "2020-" + pack.assessed.first[5:]


def test_refuses_to_overwrite_an_input(folder: Path, tmp_path: Path) -> None:
    victim = sorted(folder.iterdir())[0]
    before = victim.read_bytes()
    code, output = _build(str(folder), "-o", str(victim))
    assert code == 2 and victim.read_bytes() == before
    assert "input" in output


def test_rejected_rows_are_left_out_and_listed(
    bank: Questionnaire, units: list[Unit], tmp_path: Path
) -> None:
    folder = write_folder(bank, units[:6], tmp_path / "a")
    (folder / "broken.yaml").write_text(
        "questionnaire: bank-fintech@2.0.0\nsubject: {id: x}\nanswers: {dg-level: 9}\n"
    )
    out = tmp_path / "peers.yaml"
    code, output = _build(str(folder), "-o", str(out))
    assert code == 0
    assert "broken.yaml" in output and "1 input rows or files could not be scored" in output
    assert load_pack(out, bank).peer_groups["all"].count == 6


def test_bad_usage(folder: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "p.yaml")
    assert _build(str(tmp_path / "nope"), "-o", out)[0] == 2
    assert _build(str(folder), "-o", out, "--min-group", "1")[0] == 2
    table = tmp_path / "t.csv"
    table.write_text("id,region\nx,East\n")
    code, output = _build(str(table), "-o", out)
    assert code == 2 and "-q" in output


def test_no_pack_is_written_when_no_unit_can_be_scored(tmp_path: Path) -> None:
    import csv

    from click.testing import CliRunner

    from capassess.cli import main
    from tests.conftest import ROOT

    with open(ROOT / "examples" / "branches.csv", encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.reader(handle) if r and not r[0].startswith("#")]
    header, body = rows[0], rows[1:4]
    column = header.index("b-data-level")
    for row in body:  # every unit gets a level no questionnaire has
        row[column] = "9"
    bad = tmp_path / "units.csv"
    with open(bad, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    out = tmp_path / "peers.yaml"
    result = CliRunner().invoke(main, ["benchmark", "build", str(bad), "-q", "branch-fintech",
                                       "-o", str(out)])  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "no unit could be scored" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
