"""The board deck's score charts read alike: every series is coloured by what it shows
(current score, target, baseline, peer median), on every chart, as the HTML report's
charts colour it, and every score axis runs over the scale 1-5 that scores live on.

Before, a chart's series took colours by position: the current score was navy on the
dimension and gap charts but the target's orange on the progress chart (where the
baseline came first, in navy), and every score axis started at 0, so a level-1 score
stood as a fifth of the scale."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from capassess.cli import main
from capassess.report import palette
from capassess.texts import words
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
CASES = [  # (language, with a baseline, with a peer pack)
    ("en", False, False),
    ("zh", False, False),
    ("en", True, False),
    ("zh", True, False),
    ("en", True, True),
    ("zh", False, True),
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "peers.yaml"
    result = CliRunner().invoke(main, ["benchmark", "build", str(EXAMPLES / "peers"), "-o",
                                       str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _charts(path: Path) -> list:
    return [
        shape.chart
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_chart and shape.chart.chart_type != XL_CHART_TYPE.BAR_STACKED  # Gantt
    ]


@pytest.mark.parametrize(("lang", "baseline", "peers"), CASES)
def test_series_colours_follow_their_meaning_and_axes_run_1_to_5(
    tmp_path: Path, pack: Path, lang: str, baseline: bool, peers: bool
) -> None:
    out = tmp_path / "deck.pptx"
    args = ["report", str(EXAMPLES / "acme-bank.yaml"), "-f", "pptx", "-o", str(out),
            "--lang", lang]  # fmt: skip
    if baseline:
        args += ["--baseline", str(EXAMPLES / "acme-bank-2025.yaml")]
    if peers:
        args += ["--benchmark", str(pack)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    t = words("report", lang)
    expected = {
        t["score"]: palette.CURRENT,
        t["current"]: palette.CURRENT,
        t["target"]: palette.TARGET,
        t["baseline"]: palette.BASELINE,
        t["peer_median"]: palette.PEER,
    }
    charts = _charts(out)
    assert len(charts) >= 2 + baseline
    seen = set()
    for chart in charts:
        axis = chart.value_axis
        assert (axis.minimum_scale, axis.maximum_scale) == (1.0, 5.0), chart.chart_title
        for series in chart.plots[0].series:
            colour = "#" + str(series.format.fill.fore_color.rgb).lower()
            assert colour == expected[series.name], (series.name, colour)
            seen.add(series.name)
    assert (t["baseline"] in seen) == baseline
    assert (t["peer_median"] in seen) == peers
