"""Inline SVG charts: well-formed, titled, escaped, and readable without colour."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.charts import RADAR_WIDTH, draw_charts, radar
from capassess.report.model import Report
from capassess.report.svg import esc, text_width, wrap
from tests.report.helpers import MEDIUM, TINY

SVG = "{http://www.w3.org/2000/svg}"


def report_of(bank=MEDIUM, lang: str = "en") -> Report:
    options = PlanOptions(baseline=str(bank.baseline))
    return build_report(plan_file(bank.answers, options, bank.dirs), lang)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    # Inline SVG needs no namespace in HTML; add it to parse as standalone XML.
    return ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_is_well_formed_titled_and_described(lang: str) -> None:
    charts = draw_charts(report_of(lang=lang))
    for name, svg in dataclasses.asdict(charts).items():
        root = parse(svg)
        assert root.get("role") == "img", name
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{name}-t {name}-d"
        assert len(list(root.iter(f"{SVG}text"))) >= 5, name


def test_radar_labels_each_capability_and_tells_series_apart_without_colour() -> None:
    report = report_of()
    root = parse(radar(report))
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for d, _dim in enumerate(report.dimensions, 1):
        assert f"{d}.1 " in texts
    dashes = {p.get("stroke-dasharray") for p in root.iter(f"{SVG}polygon")}
    assert {"7 4", "2 3"} <= dashes  # target dashed, baseline dotted, current solid
    shapes = {el.tag for el in root.iter() if el.tag in (f"{SVG}circle", f"{SVG}rect")}
    assert shapes == {f"{SVG}circle", f"{SVG}rect"}
    assert "Baseline" in texts and "Target" in texts and "Current" in texts


def test_radar_needs_three_capabilities() -> None:
    report = report_of(TINY)
    narrow = dataclasses.replace(report, dimensions=report.dimensions[:1])
    assert radar(report) and radar(narrow) == ""


def test_gap_bars_show_only_open_gaps_in_priority_order() -> None:
    report = report_of(TINY)
    root = parse(draw_charts(report).gaps)
    labels = [
        "".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"
    ]
    assert labels == ["Analytics", "Data", "Governance", "Data"]
    hatched = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "url(#gap-hatch)"]
    assert len(hatched) == 2


def test_timeline_has_one_bar_per_action() -> None:
    report = report_of(TINY)
    root = parse(draw_charts(report).timeline)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("rx") == "2"]
    assert len(bars) == sum(len(p.actions) for p in report.phases) >= 2


def test_text_in_svg_is_escaped() -> None:
    report = report_of(TINY)
    dim = report.dimensions[0]
    cap = dim.capabilities[0]
    evil = "<script>alert(1)</script>&\"'"
    gap = dataclasses.replace(cap.gap, title=evil)
    dims = (
        dataclasses.replace(
            dim, capabilities=(dataclasses.replace(cap, gap=gap), *dim.capabilities[1:])
        ),
        *report.dimensions[1:],
    )
    svg = radar(dataclasses.replace(report, dimensions=dims))
    assert "<script>" not in svg
    root = parse(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert any("<script>" in "".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_wrap_and_measure() -> None:
    assert esc('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    assert text_width("数据", 10) == 20 and text_width("ab", 10) == pytest.approx(11.2)
    assert wrap("Data strategy and governance", 12, 120) == ["Data strategy", "and governance"]
    assert wrap("3.1 开放银行：API与SDK", 12, 110, 3) == ["3.1 开放银行：", "API与SDK"]
    assert wrap("4.5 供应链金融与B端增量客户", 12, 165, 3) == ["4.5 供应链金融", "与B端增量客户"]
    lines = wrap("数据战略与治理数据战略与治理数据战略与治理", 12, 60, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line, 12) <= 60 for line in lines)


def test_a_capability_with_no_score_breaks_the_radar_line_instead_of_dipping_to_the_centre(
    tmp_path,
) -> None:
    """Not assessed (or n/a) is no level: the current line stops at that spoke. It is never
    drawn at the centre, where it would read as the lowest level."""
    from ruamel.yaml import YAML

    from tests.conftest import ROOT

    yaml = YAML()
    data = yaml.load((ROOT / "examples" / "acme-bank.yaml").read_text("utf-8"))
    for qid in [k for k in data["answers"] if str(k).startswith(("te-", "sc-"))]:
        del data["answers"][qid]
    source = tmp_path / "silent.yaml"
    with source.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    report = build_report(plan_file(source, PlanOptions()))
    root = parse(radar(report))
    centre = f"{RADAR_WIDTH / 2:.1f},300.0"
    lines = [*root.iter(f"{SVG}polyline"), *root.iter(f"{SVG}polygon")]
    drawn = [p.get("points", "") for p in lines if p.get("stroke-width") in ("2", "2.5")]
    assert drawn, "the series are drawn"
    assert root.findall(f".//{SVG}polyline"), "the current line is broken at the blank spokes"
    assert not any(centre in pts.split() for pts in drawn)
    full = parse(radar(build_report(plan_file(ROOT / "examples" / "acme-bank.yaml",
                                              PlanOptions()))))  # fmt: skip
    assert not full.findall(f".//{SVG}polyline")  # every spoke scored: closed lines, as before
