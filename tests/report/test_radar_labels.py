"""The radar's spoke labels never overlap each other or leave the chart, in both languages,
for the shipped questionnaires and for rings of other sizes."""

from __future__ import annotations

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.charts import RADAR_WIDTH, RadarLabel, _spokes, radar_labels
from tests.report.helpers import banks

CX, CY = RADAR_WIDTH / 2, 300.0


def _overlap(a: RadarLabel, b: RadarLabel) -> bool:
    return (a.left < b.left + b.width and b.left < a.left + a.width
            and a.top < b.top + b.height and b.top < a.top + a.height)  # fmt: skip


def _check(labels: list[RadarLabel]) -> None:
    for i, a in enumerate(labels):
        assert a.left >= 0 and a.left + a.width <= RADAR_WIDTH, a
        assert a.top >= 0 and a.top + a.height <= 600, a
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (a.lines, b.lines)


@pytest.mark.parametrize("bank", banks(), ids=lambda b: b.name)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_labels_of_the_banks_do_not_collide(bank, lang: str) -> None:
    planned = plan_file(bank.answers, PlanOptions(), bank.dirs)
    spokes = _spokes(build_report(planned, lang))  # type: ignore[arg-type]
    labels = radar_labels([s.label for s in spokes], CX, CY)
    assert [label.lines[0].split()[0] for label in labels] == [
        s.label.split()[0] for s in spokes
    ]  # every spoke keeps its own label, numbered as the spokes
    _check(labels)


@pytest.mark.parametrize("n", [3, 5, 6, 12, 18, 25, 28])
@pytest.mark.parametrize(
    "title",
    ["Data standards and quality management", "数据标准与数据质量管理", "Open API"],
)
def test_rings_of_any_size_keep_labels_apart(n: int, title: str) -> None:
    _check(radar_labels([f"{i // 5 + 1}.{i % 5 + 1} {title}" for i in range(n)], CX, CY))


def test_labels_keep_the_order_of_their_spokes_on_each_side() -> None:
    labels = radar_labels([f"1.{i} Capability with a long name" for i in range(20)], CX, CY)
    right = [x for x in labels if x.anchor == "start"]
    left = [x for x in labels if x.anchor == "end"]
    assert [x.top for x in right] == sorted(x.top for x in right)  # clockwise: downwards
    assert [x.top for x in left] == sorted((x.top for x in left), reverse=True)


def test_labels_placed_once_equal_labels_placed_afresh() -> None:
    from capassess.report.charts import _placed_labels

    sets = [[f"{i}. Capability {'x' * (i % 7)}" for i in range(n)] for n in (3, 8, 13)]
    sets.append(["数据治理与数据质量管理", "Short", "A rather long English capability title"])
    for labels in [*sets, *sets]:  # the second time from memory
        fresh = list(_placed_labels.__wrapped__(tuple(labels), CX, CY))
        assert radar_labels(labels, CX, CY) == fresh
        assert radar_labels(labels, CX + 10, CY) == list(
            _placed_labels.__wrapped__(tuple(labels), CX + 10, CY)
        )
    changed = [*sets[0][:-1], "Another title"]
    assert radar_labels(changed, CX, CY)[-1].lines != radar_labels(sets[0], CX, CY)[-1].lines
    first = radar_labels(sets[1], CX, CY)
    first.pop()  # a caller's list is its own
    assert len(radar_labels(sets[1], CX, CY)) == len(sets[1])
