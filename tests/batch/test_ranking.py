"""Ranking by score or TOPSIS, with model, entropy or blended weights, on hand-checked
examples. With ``mini`` the two criteria are the level answers and model weights 1/2."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from capassess.batch.ranking import competition_ranks, criteria_matrix, parse_weights
from capassess.errors import InputError
from tests.batch.helpers import MINI, read_csv, run_cli, write_csv


def _ranked(
    tmp_path: Path, units: list[tuple[str, int, int]], *options: str
) -> dict[str, tuple[str, str]]:
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], *units])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI), *options)
    assert result.exit_code == 0, result.output
    return {
        r["id"]: (r["rank"], r.get("rank_value", ""))
        for r in read_csv(tmp_path / "out" / "scores.csv")
    }


def test_topsis_with_model_weights(tmp_path: Path) -> None:
    # Norms: c1 sqrt(1 + 25 + 9) = sqrt 35, c2 sqrt(1 + 25 + 1) = sqrt 27; weights 1/2 each,
    # so v1 = a x1 with a = 0.5 / sqrt 35, v2 = b x2 with b = 0.5 / sqrt 27.
    # Ideal (5a, 5b), worst (a, b). A (1, 1): closeness 0. B (5, 5): 1.
    # C (3, 1): d+ = sqrt((2a)^2 + (4b)^2) = 0.420380, d- = 2a = 0.169031, c = 0.286779.
    ranked = _ranked(tmp_path, [("A", 1, 1), ("B", 5, 5), ("C", 3, 1)], "--rank", "topsis")
    a, b = 0.5 / math.sqrt(35), 0.5 / math.sqrt(27)
    d_best, d_worst = math.sqrt((2 * a) ** 2 + (4 * b) ** 2), 2 * a
    assert (round(d_best, 6), round(d_worst, 6)) == (0.42038, 0.169031)
    assert ranked == {"B": ("1", "1"), "C": ("2", "0.286779"), "A": ("3", "0")}


def test_entropy_weights_favour_the_criterion_that_varies(tmp_path: Path) -> None:
    # c2 is 4 for everyone: entropy 1, weight 0; c1 takes all the weight, so value = c1.
    ranked = _ranked(tmp_path, [("A", 1, 4), ("B", 5, 4), ("C", 3, 4)], "--weights", "entropy")
    assert ranked == {"B": ("1", "5"), "C": ("2", "3"), "A": ("3", "1")}


def test_blended_weights(tmp_path: Path) -> None:
    # blend:0.5 of model (1/2, 1/2) and entropy (1, 0): (3/4, 1/4).
    # A: 0.75 * 1 + 0.25 * 4 = 1.75; B: 0.75 * 5 + 1 = 4.75; C: 0.75 * 3 + 1 = 3.25.
    ranked = _ranked(tmp_path, [("A", 1, 4), ("B", 5, 4), ("C", 3, 4)], "--weights", "blend:0.5")
    assert ranked == {"B": ("1", "4.75"), "C": ("2", "3.25"), "A": ("3", "1.75")}


def test_score_rank_with_model_weights_is_the_overall_score(tmp_path: Path) -> None:
    ranked = _ranked(tmp_path, [("A", 2, 2), ("B", 1, 3), ("C", 5, 1)])
    # Overall: A 2, B 2, C 3: equal scores share a rank.
    assert ranked == {"C": ("1", ""), "A": ("2", ""), "B": ("2", "")}


def test_competition_ranks() -> None:
    ranks = competition_ranks(np.array([3.0, np.nan, 5.0, 3.0, 1.0]))
    assert ranks.tolist() == [2, 0, 1, 2, 4]


def test_na_criteria_take_the_column_mean() -> None:
    filled = criteria_matrix(np.array([[1.0, np.nan], [3.0, np.nan], [np.nan, 2.0]]))
    assert filled.tolist() == [[1.0, 2.0], [3.0, 2.0], [2.0, 2.0]]


@pytest.mark.parametrize("text", ["blend", "blend:2", "blend:x", "ahp", ""])
def test_bad_weights_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="--weights"):
        parse_weights(text)


def test_weights_parse() -> None:
    assert str(parse_weights("blend:0.25")) == "blend:0.25"
    assert parse_weights("entropy").method == "entropy"


@pytest.mark.parametrize("seed", range(6))
def test_one_sort_gives_the_ranks_and_order_of_counting_greater_values(seed: int) -> None:
    from capassess.batch.ranking import Ranking, ranked

    rng = np.random.default_rng(seed)
    values = rng.choice([1.0, 2.5, 2.5, 3.25, 4.0, -0.0, 0.0, np.nan], size=rng.integers(0, 400))
    values = np.where(rng.random(len(values)) < 0.5, values, rng.random(len(values)) * 5)
    ranks, order = ranked(values)
    known = ~np.isnan(values)
    expected = np.array([0 if np.isnan(v) else 1 + int((values[known] > v).sum()) for v in values])
    assert ranks.tolist() == expected.tolist()
    plain = Ranking("score", parse_weights("model"), (), (), values, ranks)  # order by sorting
    assert order.tolist() == plain.order().tolist()
    assert order.tolist() == sorted(range(len(values)), key=lambda i: (ranks[i] == 0, ranks[i], i))


def test_score_texts_are_the_scores_formatted_as_floats() -> None:
    from capassess.batch.outputs import SCALE, score_texts

    texts = score_texts()
    assert texts[-1] == "" and len(texts) == 4 * SCALE + 2
    assert list(texts[:-1]) == [f"{i / SCALE:.4f}" for i in range(SCALE, 5 * SCALE + 1)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_league_table_shows_the_closeness_that_decides_a_topsis_rank(
    tmp_path: Path, lang: str
) -> None:
    """Under TOPSIS a unit with the higher overall score may rank lower: the league table
    shows the closeness beside the rank, as scores.csv's rank_value, and defines it."""
    from capassess.texts import words

    t = words("portfolio", lang)  # type: ignore[arg-type]
    units = [("A", 1, 1), ("B", 5, 5), ("C", 3, 1)]
    ranked = _ranked(tmp_path, units, "--rank", "topsis", "--lang", lang)
    md = (tmp_path / "out" / "portfolio.md").read_text("utf-8")
    header = next(line for line in md.splitlines() if line.startswith(f"| {t['rank']} |"))
    assert header.split("|")[2].strip() == t["closeness"]
    for unit, (rank, value) in ranked.items():
        row = next(line for line in md.splitlines() if f"| {unit} |" in line)
        cells = [c.strip() for c in row.split("|")]
        assert cells[1] == rank and float(cells[2]) == pytest.approx(float(value), abs=5e-4)
    assert f"**{t['closeness']}**" in md  # defined
    html = (tmp_path / "out" / "portfolio.html").read_text("utf-8")
    assert f'<th class="n">{t["closeness"]}</th>' in html
    # ranked by score, the rank is the overall score's: no closeness column
    plain = tmp_path / "plain"
    plain.mkdir()
    _ranked(plain, units, "--lang", lang)
    assert t["closeness"] not in (plain / "out" / "portfolio.md").read_text("utf-8")


@pytest.mark.parametrize("options", [(), ("--rank", "topsis"), ("--weights", "entropy")])
def test_a_unit_that_answered_nothing_is_rejected_and_moves_no_one(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Its score would be only the missing policy's 1.00: it is rejected (no question
    answered), so it has no rank and no part in TOPSIS's worst unit or the entropy
    weights, and the others' ranks and values are as without it."""
    units = [("A", 1, 2), ("B", 5, 5), ("C", 3, 1)]
    alone = tmp_path / "alone"
    alone.mkdir()
    without = _ranked(alone, units, *options)
    (tmp_path / "with").mkdir()
    source = write_csv(tmp_path / "with" / "in.csv", [["id", "q1", "q2"], *units, ["Z", "", ""]])
    out = tmp_path / "with" / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), *options)
    assert result.exit_code == 1, result.output
    rejected = [(r["unit_id"], r["reason"]) for r in read_csv(out / "rejected.csv")]
    assert rejected == [("Z", "no question answered in the row")]
    rows = {r["id"]: (r["rank"], r.get("rank_value", "")) for r in read_csv(out / "scores.csv")}
    assert rows == without
