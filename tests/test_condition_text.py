"""How a condition reads to a board: the KPI and check conditions beside their texts."""

from __future__ import annotations

import pytest

from capassess.catalog import load_questionnaire
from capassess.condition_text import condition_words
from tests.conftest import ROOT

BANK = load_questionnaire(ROOT / "questionnaires" / "bank-fintech.yaml")

LEVELS = [
    # (condition on a level question, language, how it ends, words it must not use)
    ("cs-level >= 5", "en", ": level 5", "or above"),  # nothing lies above level 5
    ("cs-level >= 3", "en", ": level 3 or above", None),
    ("cs-level <= 1", "en", ": level 1", "or below"),  # nothing lies below level 1
    ("cs-level <= 2", "en", ": level 2 or below", None),
    ("cs-level >= 5", "zh", "：5 级", "及以上"),
    ("cs-level >= 4", "zh", "：达到 4 级及以上", None),
    ("cs-level <= 1", "zh", "：1 级", "不高于"),
    ("cs-level <= 3", "zh", "：不高于 3 级", None),
]


@pytest.mark.parametrize(("when", "lang", "ends", "never"), LEVELS)
def test_a_level_at_either_end_of_the_scale_reads_as_that_level(
    when: str, lang: str, ends: str, never: str | None
) -> None:
    """A level-5 KPI read 'level 5 or above' beside its text: there is no level above 5."""
    text = condition_words(BANK, when, lang)  # type: ignore[arg-type]
    assert text.endswith(ends), text
    assert never is None or never not in text, text
