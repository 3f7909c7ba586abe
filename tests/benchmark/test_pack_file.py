"""Benchmark pack files: validate and schema know them; bad packs get located errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from capassess.benchmark.pack_file import load_pack
from capassess.cli import main
from capassess.errors import InputError

PACK = Path(__file__).parent / "data" / "tiny-pack.yaml"


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = PACK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "pack.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_good_pack_validates() -> None:
    result = CliRunner().invoke(main, ["validate", str(PACK)])
    assert result.exit_code == 0, result.output
    assert "benchmark pack for bank-fintech@2.0.0" in result.output


@pytest.mark.parametrize(
    ("old", "new", "marker", "field", "message"),
    [
        (
            "p10: 2.0, p25: 2.5",
            "p10: 2.9, p25: 2.5",
            "overall:",
            "peer_groups.city-commercial.nodes.overall",
            "percentiles must not decrease",
        ),
        (
            "data-governance:",
            "no-such-cap:",
            "no-such-cap",
            "peer_groups.city-commercial.nodes.no-such-cap",
            "no node 'no-such-cap'",
        ),
        (
            "ri-tech-spend:",
            "dg-level:",
            "dg-level",
            "peer_groups.city-commercial.numbers.dg-level",
            "no number question",
        ),
        (
            "count: 6\n    nodes",
            "count: 4\n    nodes",
            "count: 4",
            "peer_groups.city-commercial.count",
            "4 units, under min_group 5",
        ),
        (
            "{count: 5, p10: 1.0",
            "{count: 3, p10: 1.0",
            "count: 3",
            "peer_groups.city-commercial.numbers.ri-tech-spend.count",
            "count 3 must lie between min_group 5 and 6",
        ),
        ("title: hand-made", "title: hand-made\nsecret: x", "secret", "secret", "unknown field"),
        (
            "p50: 2.0",
            "p50: two",
            "p50: two",
            "peer_groups.city-commercial.numbers.ri-tech-spend.p50",
            "",
        ),
        ('first: "2025-01"', 'first: "2025-01-17"', "2025-01-17", "assessed.first", ""),
    ],
)
def test_bad_packs_get_located_errors(
    tmp_path: Path, old: str, new: str, marker: str, field: str, message: str
) -> None:
    path = _variant(tmp_path, old, new)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    line = _line_of(path, marker)
    assert f"{path}:{line}:" in result.output and f"{field}: {message}" in result.output, (
        result.output
    )
    with pytest.raises(InputError):
        load_pack(path)


def test_benchmark_show_refuses_a_bad_pack(tmp_path: Path) -> None:
    path = _variant(tmp_path, "data-governance:", "no-such-cap:")
    result = CliRunner().invoke(main, ["benchmark", "show", str(path)])
    assert (
        result.exit_code == 2 and f"{path}:" in result.output and "Traceback" not in result.output
    )


def test_show_prints_groups_and_json() -> None:
    result = CliRunner().invoke(main, ["benchmark", "show", str(PACK)])
    assert result.exit_code == 0 and "city-commercial: 6 units" in result.output
    data = json.loads(
        CliRunner().invoke(main, ["benchmark", "show", str(PACK), "--format", "json"]).output
    )
    assert data["peer_groups"]["city-commercial"]["nodes"]["overall"]["p50"] == 3.0


def test_schema_knows_the_pack_and_accepts_a_good_one() -> None:
    from capassess.loading import read_yaml

    result = CliRunner().invoke(main, ["schema", "benchmark"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "capassess benchmark file"
    jsonschema.validate(read_yaml(PACK).data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**read_yaml(PACK).data, "secret": 1}, schema)
