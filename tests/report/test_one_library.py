"""One chart library for every report kind: colours in ``report.palette``, heat-map
marks and status rules in ``report.heat``, SVG primitives in ``report.svg``; the bank
report and the portfolio render through one Jinja environment."""

from __future__ import annotations

import re

import pytest

from capassess.report import heat, palette
from capassess.report.deck_parts import HEAT, rgb
from capassess.report.heat import HEAT_STATUSES, HEAT_SYMBOLS
from tests.conftest import ROOT

PACKAGE = ROOT / "capassess"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
# report/pdf.py writes the print header and footer as CSS for the browser.
CSS_IN_PYTHON = {"report/pdf.py"}


def test_colours_are_written_in_the_palette_only() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix(): HEX.findall(path.read_text(encoding="utf-8"))
        for path in PACKAGE.rglob("*.py")
    }
    allowed = {"report/palette.py", *CSS_IN_PYTHON}
    assert {name: hexes for name, hexes in found.items() if hexes and name not in allowed} == {}


def test_heat_marks_are_written_once() -> None:
    users = [
        path.relative_to(ROOT).as_posix()
        for path in [*PACKAGE.rglob("*.py"), *(ROOT / "templates").rglob("*.j2")]
        if "✕" in path.read_text(encoding="utf-8")
    ]
    assert users == ["capassess/report/heat.py"]


def test_the_deck_heat_colours_are_the_palette_s() -> None:
    assert set(HEAT) == set(HEAT_STATUSES) == set(HEAT_SYMBOLS) == set(palette.HEAT_COLOURS)
    for status, (fill, text) in palette.HEAT_COLOURS.items():
        assert HEAT[status] == (rgb(fill), rgb(text))
    assert str(rgb("#1f4e79")) == "1F4E79"


@pytest.mark.parametrize(
    ("gap", "expected"), [(None, "na"), (0.0, "met"), (0.24, "met"), (0.25, "near"), (1.0, "far")]
)
def test_mean_gap_status(gap: float | None, expected: str) -> None:
    assert heat.mean_gap_status(gap) == expected


@pytest.mark.parametrize(
    ("gap", "below", "expected"),
    [(0.1, 0.1, "met"), (0.1, 0.11, "near"), (0.19, 0.38, "near"), (0.0, 0.0, "met"),
     (1.2, 0.9, "far")],
)  # fmt: skip
def test_met_needs_few_units_below(gap: float, below: float, expected: str) -> None:
    assert heat.mean_gap_status(gap, below) == expected


def test_capability_status() -> None:
    assert heat.capability_status(False, 3.0, False, 1.0) == "na"
    assert heat.capability_status(True, None, False, None) == "na"
    assert heat.capability_status(True, 4.0, True, 0.0) == "met"
    assert heat.capability_status(True, 3.0, False, 1.0) == "near"
    assert heat.capability_status(True, 2.0, False, 2.0) == "far"


def test_both_report_kinds_draw_the_level_grid_with_the_shared_primitive() -> None:
    for name in ("report/charts.py", "report/portfolio/charts.py"):
        text = (PACKAGE / name).read_text(encoding="utf-8")
        assert "level_grid(" in text
        assert "for level in range(1, 6)" not in text.split("def radar")[-1], name


def test_both_report_kinds_render_through_the_one_environment() -> None:
    for name in ("report/render.py", "report/portfolio/render.py"):
        text = (PACKAGE / name).read_text(encoding="utf-8")
        assert "report_environment(template_dir)" in text and "render_template(env" in text
        assert "Environment(" not in text and "import jinja2" not in text, name
    jinja = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(from|import) jinja2", p.read_text(encoding="utf-8"), re.M)
    ]
    # the environment, its sandbox, its limits, its code generation and compiled code,
    # and the plain environment of the shipped templates; renderers use markupsafe only
    assert sorted(jinja) == [
        "report/code_cache.py",
        "report/environment.py",
        "report/joined_output.py",
        "report/limits.py",
        "report/sandbox.py",
        "report/shipped.py",
    ]
