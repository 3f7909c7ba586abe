"""Every broken questionnaire in tests/data/bad gets one clear, located message and exit 2."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

BAD = DATA / "bad"

# file, fragment of the message, line (None: the problem has no single line)
CASES = [
    ("action-level-1.yaml", "actions[0].level: Input should be greater than or equal to 2", 34),
    ("ahp-bad-fraction.yaml", "'1/0' is not a number or a fraction like 1/3", 7),
    ("ahp-not-reciprocal.yaml", "entries (1,2)=3 and (2,1)=0.5 are not reciprocal", 11),
    ("ahp-too-many-items.yaml", "AHP supports at most 15 items, got 16", 3),
    ("ahp-wrong-items.yaml", "must be exactly the children ['governance', 'analytics']", 10),
    ("alias-bomb.yaml", "an alias bomb", None),
    ("bad-id.yaml", "'9tiny' is not a valid id", 2),
    ("binary.yaml", "binary file", 1),
    ("deep-nesting.yaml", "nests too deeply", None),
    (
        "depends-cycle.yaml",
        "dependency cycle: act-stewards -> act-models -> act-committee -> act-stewards",
        38,
    ),
    ("depends-unknown.yaml", "depends on unknown action 'act-nowhere'", 74),
    ("duplicate-action-id.yaml", "duplicate id 'act-models'", 89),
    ("duplicate-key.yaml", 'found duplicate key "id"', 4),
    ("duplicate-option-id.yaml", "duplicate option id 'none'", 29),
    ("duplicate-question-id.yaml", "duplicate id 'g-level'", 24),
    ("duration-not-number.yaml", "duration_months: Input should be a valid integer", 73),
    ("effort-unknown.yaml", "effort: Input should be 'low', 'medium' or 'high'", 35),
    ("empty.yaml", "the file is empty", 1),
    ("level-question-four-levels.yaml", "levels: List should have at least 5 items", 18),
    ("model-unknown.yaml", "model: Input should be 'weighted-mean' or 'staged'", 3),
    ("not-a-mapping.yaml", "not a capassess file", 1),
    ("not-utf8.yaml", "not UTF-8 text (byte 0xff)", 1),
    ("only-comment.yaml", "holds no YAML document", 1),
    ("option-score-above-1.yaml", "score: Input should be less than or equal to 1", 29),
    ("profile-unknown-capability.yaml", "unknown capability 'nowhere'", 8),
    ("python-tag.yaml", "python/object/apply:os.system' is not allowed", 2),
    ("syntax-indent.yaml", "YAML error: expected <block end>", 3),
    ("syntax-unclosed.yaml", "YAML error: expected ',' or ']'", 3),
    ("target-out-of-range.yaml", "target: Input should be less than or equal to 5", 12),
    ("thresholds-not-ascending.yaml", "thresholds must be strictly ascending", 62),
    ("thresholds-too-few.yaml", "thresholds: List should have at least 4 items", 62),
    ("title-no-language.yaml", "title: text needs at least one of 'en' or 'zh'", 4),
    ("unknown-field.yaml", "colour: unknown field", 5),
    ("unknown-kind.yaml", "not a capassess file", 1),
    ("unknown-question-type.yaml", "Input tag 'slider' found using 'type'", 14),
    ("version-float.yaml", 'write the version in quotes, e.g. "1.0"', 3),
    ("weight-negative.yaml", "weight: Input should be greater than 0", 17),
    (
        "when-later-question.yaml",
        "condition refers to 'o-api', which is not asked before 'a-bool'",
        65,
    ),
    ("when-python.yaml", "cannot parse condition", 65),
    ("when-syntax.yaml", "cannot parse condition: unexpected '= 10' at column 12", 65),
    ("when-unknown.yaml", "condition refers to unknown question 'zz-unknown'", 65),
]


def test_every_corpus_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize(("name", "fragment", "line"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_reported_with_its_location(
    runner: CliRunner, name: str, fragment: str, line: int | None
) -> None:
    path = BAD / name
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert fragment in result.stderr
    where = f"{path}:{line}:" if line is not None else f"{path}: "
    assert where in result.stderr


def test_alias_bomb_is_refused_quickly(runner: CliRunner) -> None:
    start = time.perf_counter()
    result = runner.invoke(main, ["validate", str(BAD / "alias-bomb.yaml")])
    # Generous bound: the expansion is 9**9 values, which would never finish.
    assert time.perf_counter() - start < 30
    assert result.exit_code == 2


def test_all_problems_of_one_file_are_reported_together(runner: CliRunner, tmp_path) -> None:
    src = (DATA / "good" / "tiny.yaml").read_text(encoding="utf-8")
    src = src.replace("target: 4", "target: 9").replace("effort: low", "effort: tiny")
    path = tmp_path / "two.yaml"
    path.write_text(src, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "target: Input should be less than or equal to 5" in result.stderr
    assert "effort: Input should be" in result.stderr
