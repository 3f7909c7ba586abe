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
        (  # scores lie on the maturity scale: a pack cannot place a bank above all peers
            "p75: 3.5, p90: 4.0",
            "p75: 3.5, p90: 1.0e+300",
            "1.0e+300",
            "peer_groups.city-commercial.nodes.overall.p90",
            "Input should be less than or equal to 5",
        ),
        (
            "overall: {count: 6, p10: 2.0",
            "overall: {count: 6, p10: -7.0",
            "p10: -7.0",
            "peer_groups.city-commercial.nodes.overall.p10",
            "Input should be greater than or equal to 1",
        ),
        (  # a group's name reaches terminals and reports
            "  city-commercial:\n",
            '  "city\\e]0;pwned\\acommercial":\n',
            "pwned",
            'peer_groups["city\\u001b]0;pwned\\u0007commercial"]',
            "holds the control character U+001B",
        ),
        (
            "  city-commercial:\n",
            '  "city \\u202Elaicremmoc":\n',
            "laicremmoc",
            'peer_groups["city \\u202elaicremmoc"]',
            "holds the control character U+202E",
        ),
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


def _two_units(tmp_path: Path, region: str) -> list[str]:
    """Two answers files of the peers example whose subject's region is ``region``."""
    source = (
        Path(__file__).parents[2] / "examples" / "peers" / "illustrative-city-commercial-a.yaml"
    )
    text = source.read_text(encoding="utf-8")
    for i in range(2):
        unit = text.replace("illustrative-city-commercial-a", f"u{i}").replace(
            "  bank_type: city-commercial",
            f'  bank_type: city-commercial\n  group: {{region: "{region}"}}',
        )
        (tmp_path / f"u{i}.yaml").write_text(unit, encoding="utf-8")
    return [str(tmp_path / "u0.yaml"), str(tmp_path / "u1.yaml")]


def test_a_group_value_that_cannot_name_a_peer_group_is_left_out(tmp_path: Path) -> None:
    """Units whose group value could not be a pack's group name are left out, said on
    stderr, and the pack is still written (no traceback, no invalid pack)."""
    out = tmp_path / "pack.yaml"
    result = CliRunner().invoke(
        main, ["benchmark", "build", *_two_units(tmp_path, "E" * 201),
               "-o", str(out), "--by", "region", "--min-group", "2"],
    )  # fmt: skip
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "2 units whose region" in result.stderr and "cannot name a peer group" in result.stderr
    assert load_pack(out).peer_groups == {}


@pytest.mark.parametrize("region", ["East\\u202e", "East\\nWest", "East\\tWest", "East\\x9bWest"])
def test_a_group_value_that_is_no_name_makes_its_answers_file_invalid(
    tmp_path: Path, region: str
) -> None:
    """A control or bidirectional character in a subject's group is refused in any
    answers file (tests/test_shown_names.py): each unit is named at its line, and no
    pack is written from none."""
    out = tmp_path / "pack.yaml"
    result = CliRunner().invoke(
        main, ["benchmark", "build", *_two_units(tmp_path, region), "-q", "bank-fintech",
               "-o", str(out), "--by", "region", "--min-group", "2"],
    )  # fmt: skip
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 2, result.output
    for unit in ("u0.yaml", "u1.yaml"):
        assert f"{unit}:9: subject.group.region: holds the control character" in result.stderr
    assert not out.exists()
