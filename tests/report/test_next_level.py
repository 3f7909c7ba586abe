"""A unit that meets every target is told what the next level asks, not "0 actions":
for its weakest capabilities, the questionnaire's actions one level above the current."""

from __future__ import annotations

from pathlib import Path

import pytest

from capassess.model.questionnaire import Questionnaire
from capassess.report.model import GapRow
from capassess.report.next_level import next_level_steps
from tests.batch.helpers import branch, run_cli
from tests.conftest import ROOT


def _row(cap: str, score: float | None, target: int, assessed: bool = True) -> GapRow:
    level = None if score is None else int(score)
    met = score is not None and score >= target
    return GapRow(cap, cap, "d", "d", score, level, "", target, None, None, None, met, None, None,
                  assessed)  # fmt: skip


def _with_actions(q: Questionnaire) -> list[tuple[str, set[int]]]:
    return [(c.id, {a.level for a in c.actions}) for _, c in q.capabilities() if c.actions]


def _one_below_lowest_action(q: Questionnaire) -> tuple[GapRow, ...]:
    """Every capability with actions one level below its lowest action's level, at its
    target, the first the weakest."""
    return tuple(_row(c, min(levels) - 1 + 0.1 * i, min(levels) - 1) for i, (c, levels) in
                 enumerate(_with_actions(q)))  # fmt: skip


def test_next_level_actions_for_the_weakest_capabilities_only_when_all_targets_met() -> None:
    q = branch()
    caps = _with_actions(q)
    rows = _one_below_lowest_action(q)
    steps = next_level_steps(q, rows, "en")
    assert 1 <= len(steps) <= 3
    assert [s.id for s in steps] == [r.id for r in rows][: len(steps)]  # weakest first
    actions = {c.id: c for _, c in q.capabilities()}
    for s in steps:
        assert s.next_level == s.level + 1
        wanted = [a.title.en for a in actions[s.id].actions if a.level == s.next_level]
        assert list(s.actions) == wanted and wanted
    # One target missed: the roadmap speaks, no next-level suggestions.
    missed = [_row(rows[0].id, 1.0, 5), *rows[1:]]
    assert next_level_steps(q, tuple(missed), "en") == ()
    # Nothing assessed, or everything at level 5: nothing to suggest.
    assert next_level_steps(q, (_row(caps[0][0], None, 3, assessed=False),), "en") == ()
    assert next_level_steps(q, tuple(_row(c, 5.0, 3) for c, _ in caps), "en") == ()


@pytest.mark.parametrize(("lang", "title", "planned"), [
    ("en", "What the next level asks", "Actions planned"),
    ("zh", "迈向下一等级", "计划行动数"),
])  # fmt: skip
def test_leading_branch_report_says_what_the_next_level_asks(
    tmp_path: Path, lang: str, title: str, planned: str
) -> None:
    source = ROOT / "examples" / "branches.csv"
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "--reports", "html,md",
                     "--lang", lang)  # fmt: skip
    assert result.exit_code == 0, result.output
    units = tmp_path / "out" / "units"
    leading = (units / "br-sh-xuhui.html").read_text("utf-8")
    assert title in leading and planned not in leading
    assert f"### {title}" in (units / "br-sh-xuhui.md").read_text("utf-8")
    lagging = (units / "br-tj-binhai.html").read_text("utf-8")
    assert title not in lagging and planned in lagging


@pytest.mark.parametrize("left_out", ["in_place", "unsettled"])
def test_actions_in_place_or_resting_on_unanswered_questions_are_never_suggested(
    left_out: str,
) -> None:
    """In place (done_when holds) or unsettled (it rests on unanswered questions, so the
    answers do not show it missing): never suggested; the capability moves on to its
    next open level."""
    q = branch()
    rows = _one_below_lowest_action(q)
    first = next_level_steps(q, rows, "en")[0]
    cap = next(c for _, c in q.capabilities() if c.id == first.id)
    held = frozenset(a.id for a in cap.actions if a.level == first.next_level)
    again = {s.id: s for s in next_level_steps(q, rows, "en", **{left_out: held})}
    if first.id in again:
        later = again[first.id]
        assert later.next_level > first.next_level
        assert not set(later.actions) & {a.title.en for a in cap.actions if a.id in held}
