"""No option may be called as the n/a marker: an answer ``na``, ``N/A`` or ``不适用`` means
the question does not apply, so an option with that id or label could never be told from
it (the answer would drop the question instead of choosing the option, silently). Such a
questionnaire is refused where the option is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import run_cli
from tests.conftest import TINY

PARTIAL = "{id: partial, label: {en: Some, zh: 部分}, score: 0.5}"
NAMED = [
    ("{id: na, label: {en: Some, zh: 部分}, score: 0.5}", "'na'"),
    ("{id: NA, label: {en: Some, zh: 部分}, score: 0.5}", "'NA'"),
    ("{id: n.a, label: {en: Some, zh: 部分}, score: 0.5}", "'n.a'"),
    ("{id: partial, label: {en: N/A, zh: 部分}, score: 0.5}", "'N/A'"),
    ("{id: partial, label: {en: ' Not applicable ', zh: 部分}, score: 0.5}", "'Not applicable'"),
    ("{id: partial, label: {en: Some, zh: 不适用}, score: 0.5}", "'不适用'"),
]


@pytest.mark.parametrize(("option", "name"), NAMED, ids=[n for _, n in NAMED])
def test_an_option_called_as_n_a_is_refused_where_it_is(
    tmp_path: Path, option: str, name: str
) -> None:
    text = TINY.read_text(encoding="utf-8")
    assert PARTIAL in text
    path = tmp_path / "q.yaml"
    path.write_text(text.replace(PARTIAL, option), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if PARTIAL in row)
    result = run_cli("validate", str(path))
    assert result.exit_code == 2, result.output
    assert f"q.yaml:{line}:" in result.output
    assert f"an option cannot be called {name}" in result.output
    assert "means n/a" in result.output


def test_names_that_only_contain_the_words_stay(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        PARTIAL, "{id: nav, label: {en: Not applicable yet, zh: 暂不适用}, score: 0.5}"
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    assert run_cli("validate", str(path)).exit_code == 0
