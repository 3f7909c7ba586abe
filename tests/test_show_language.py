"""`capassess show --lang zh` speaks Chinese: the structure's own words (columns, question
types, weights and targets, owners, effort, costs, checks) come from the texts catalogue in
both languages, never English beside the Chinese questionnaire; ids, option ids and
expressions stay as written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.texts import words

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "CAPASSESS_CACHE_DIR": ""}
# what the view wrote in English whatever the language, and the keys that now say it
ENGLISH = [
    "| id | type | question | answers |",
    "| action | level | effort | impact | months | after | details |",
    "| check | flags when | message |",
    "## Checks",
    "in place when: ",
    "owner: ",
    "indicative cost, RMB million",
    "KPI: ",
    " · model ",
    ", weight ",
    ", target ",
    " w=",
    "target=",
    "effort=",
    "impact=",
    "yes / no",
    " (level)",
    " (choice)",
    " (multi)",
    " | level | ",
    " | choice | ",
]
KEYS = ["show_done_when", "show_owner", "show_cost", "show_checks", "type_multi", "show_when"]


def _shown(name: str, fmt: str, lang: str) -> str:
    args = ["show", name, "--format", fmt, "--lang", lang]
    result = CliRunner(env=ENV).invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["md", "text"])
@pytest.mark.parametrize("name", ["bank-fintech", "branch-fintech"])
def test_show_in_chinese_writes_its_own_words_in_chinese(fmt: str, name: str) -> None:
    zh = _shown(name, fmt, "zh")
    assert [fragment for fragment in ENGLISH if fragment in zh] == []
    t = words("views", "zh")
    for key in KEYS:
        assert t[key].split("{")[0].strip() in zh, key


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_show_in_english_says_the_same_in_english(fmt: str) -> None:
    en = _shown("bank-fintech", fmt, "en")
    t = words("views", "en")
    for key in KEYS:
        assert t[key].split("{")[0].strip() in en, key
