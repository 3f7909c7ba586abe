"""Targets, gaps, priorities and attainment on hand-made numbers."""

from __future__ import annotations

import pytest

from capassess.errors import InputError
from capassess.gap import find_gaps, resolve_targets
from capassess.model.target import TargetFile
from tests.plan.helpers import questionnaire, scores


@pytest.fixture
def q():
    return questionnaire({"a": (4, 3.0, []), "b": (3, 1.0, []), "c": (2, 1.0, [])})


def test_gaps_priorities_and_attainment(q) -> None:
    result = scores(q, {"a": 2.5, "b": 3.4, "c": None})
    gaps = find_gaps(q, result, resolve_targets(q))
    a, b, c = gaps.capabilities
    # global weights in one dimension: a = 3/5 = 0.6, b = 0.2, c = 0.2
    assert a.global_weight == pytest.approx(0.6)
    assert a.gap == pytest.approx(1.5)  # 4 - 2.5
    assert a.priority == pytest.approx(0.9)  # 1.5 * 0.6 * 1
    assert a.attainment == pytest.approx(0.5)  # (2.5 - 1) / (4 - 1)
    assert b.gap == 0 and b.met and b.attainment == 1
    assert c.gap is None and c.priority is None
    # overall: (0.6*(2.5-1) + 0.2*(3-1)) / (0.6*(4-1) + 0.2*(3-1)) = 1.3 / 2.2
    assert gaps.attainment == pytest.approx(1.3 / 2.2)
    dim = gaps.dimensions[0]
    # dimension target and gap: weighted over a and b: (0.6*4 + 0.2*3)/0.8 = 3.75
    assert dim.target == pytest.approx(3.75)
    assert dim.gap == pytest.approx((0.6 * 1.5) / 0.8)
    assert [g.id for g in gaps.ranked()] == ["a"]
    assert [g.id for g in gaps.strengths()] == ["b"]


def test_target_sources_in_order(q) -> None:
    file = TargetFile(default=3, targets={"a": {"level": 5, "importance": 2}})
    targets = resolve_targets(q, target_file=file)
    assert (targets["a"].level, targets["a"].importance, targets["a"].source) == (5, 2, "file")
    assert (targets["b"].level, targets["b"].source) == (3, "file")
    forced = resolve_targets(q, target_file=file, level=2)
    assert {t.level for t in forced.values()} == {2}
    assert forced["a"].importance == 2


def test_importance_scales_priority(q) -> None:
    file = TargetFile(targets={"a": {"level": 4, "importance": 2}})
    gaps = find_gaps(q, scores(q, {"a": 2.5, "b": 3, "c": 1}), resolve_targets(q, target_file=file))
    assert gaps.capability("a").priority == pytest.approx(1.5 * 0.6 * 2)


def test_unknown_profile(q) -> None:
    with pytest.raises(InputError, match="no file or target profile 'x'"):
        resolve_targets(q, profile="x")


def test_progress_against_baseline(q) -> None:
    now = scores(q, {"a": 3.0, "b": 3.4, "c": 2})
    before = scores(q, {"a": 2.0, "b": 3.5, "c": 1})
    gaps = find_gaps(q, now, resolve_targets(q), baseline=before)
    assert gaps.capability("a").progress == pytest.approx(0.5)  # (3 - 2) / (4 - 2)
    assert gaps.capability("b").progress is None  # target 3 was already met at 3.5
    assert gaps.capability("c").progress == pytest.approx(1.0)  # (2 - 1) / (2 - 1)
