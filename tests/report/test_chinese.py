"""A Chinese report is Chinese: no English word, option id or raw expression outside an
allow-list, in Markdown, HTML and the deck.

The allow-list is what a Chinese reader expects to see in Latin letters: the user's own
data (names, evidence, notes), the Latin words the questionnaire's Chinese texts use
themselves (RPA, API, JR/T ...), ids in code spans, units, formula letters and the tool's
name. An option id ("monthly", "ageing"), an English word of ours ("weighted") or an
expression ("pt-mix in [...]") is none of these, and fails.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation

from capassess.cli import main
from capassess.model.questionnaire import Questionnaire
from capassess.planning import PlanOptions, plan_file
from tests.report.helpers import example_bank, parse_html
from tests.report.test_deck import texts as deck_texts

BANK = example_bank()
pytestmark = pytest.mark.skipif(BANK is None, reason="the example bank is not installed")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
OURS = {
    "capassess", "s", "C", "w", "g", "T", "min", "max", "AHP", "CR", "n", "KPI", "λmax",
    "RMB", "YYYY", "MM", "missing", "lowest",  # --missing lowest, the option as typed
    "start", "L",  # --start YYYY-MM as typed; L, the level in the projection's rule
}  # fmt: skip


def _zh_texts(value: Any) -> list[str]:
    """Every Chinese text of a questionnaire (its ``zh`` members, wherever they sit)."""
    if isinstance(value, dict):
        found = [value["zh"]] if isinstance(value.get("zh"), str) else []
        return found + [t for v in value.values() for t in _zh_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _zh_texts(v)]
    return []


def _user_texts(answers: Path) -> list[str]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(answers.read_text("utf-8"))
    subject = data["subject"]
    found = [
        str(subject.get("name", "")),
        str(subject.get("id", "")),
        str(data.get("assessor", "")),
    ]
    found += [str(v) for v in (subject.get("group") or {}).values()]
    found.append(str(data.get("questionnaire", "")))  # its ref, shown as given
    found += [f"{p.get('name', '')} {p.get('role', '')}" for p in data.get("interviewees", [])]
    for given in data["answers"].values():
        if isinstance(given, dict):
            found += [str(given.get("evidence") or ""), str(given.get("note") or "")]
    return found


def allowed(q: Questionnaire, answers: Path) -> set[str]:
    texts = _zh_texts(q.model_dump(mode="json")) + _user_texts(answers)
    return OURS | {w for text in texts for w in WORD.findall(text)}


def strangers(text: str, allow: set[str]) -> set[str]:
    text = re.sub(r"`[^`]*`", " ", text)  # ids in code spans
    text = re.sub(r"</?(br|details|summary)>", " ", text)  # Markdown's own HTML
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"[\w.-]+\.(ya?ml|csv|xlsx|json)\b", " ", text)  # file names, as given
    return {w for w in WORD.findall(text) if w not in allow}


def _variant(tmp_path: Path) -> Path:
    """The example with answers that miss KPIs and conditions: weak answers everywhere."""
    from ruamel.yaml import YAML

    assert BANK is not None
    yaml = YAML()
    data = yaml.load(BANK.answers.read_text("utf-8"))
    for qid, given in data["answers"].items():
        if (
            isinstance(given, dict)
            and isinstance(given.get("value"), int)
            and qid.endswith("-level")
        ):
            given["value"] = 1
    out = tmp_path / "weak.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


@pytest.fixture(scope="module", params=["example", "weak"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    assert BANK is not None
    answers = BANK.answers if request.param == "example" else _variant(tmp_path_factory.mktemp("z"))
    runner = CliRunner()
    base = ["--baseline", str(BANK.baseline)] if BANK.baseline else []
    out = {}
    for fmt in ("md", "html"):
        result = runner.invoke(
            main, ["report", str(answers), "--lang", "zh", "-f", fmt, "-o", "-", *base]
        )
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    folder = tmp_path_factory.mktemp("deck")
    deck = folder / "r.pptx"
    result = runner.invoke(main, ["report", str(answers), "--lang", "zh", "-o", str(deck), *base])
    assert result.exit_code == 0, result.output
    out["pptx"] = "\n".join(deck_texts(Presentation(io.BytesIO(deck.read_bytes()))))
    q = plan_file(answers, PlanOptions()).scored.questionnaire
    return answers, q, out


def _html_text(html: str) -> str:
    root = parse_html(html)
    ns = "{http://www.w3.org/1999/xhtml}"
    hidden = {"code", "style", "script", "title"}
    for el in root.iter():
        if el.tag.removeprefix(ns) in hidden or "id" in (el.get("class") or "").split():
            el.text = ""
            for child in list(el):
                el.remove(child)
    return " ".join(t for el in root.iter() for t in (el.text, el.tail) if t)


@pytest.mark.parametrize("fmt", ["md", "html", "pptx"])
def test_no_english_left_in_a_chinese_report(rendered, fmt: str) -> None:
    answers, q, out = rendered
    text = _html_text(out["html"]) if fmt == "html" else out[fmt]
    found = strangers(text, allowed(q, answers))
    assert not found, sorted(found)


@pytest.mark.parametrize("fmt", ["md", "html", "pptx"])
def test_no_raw_expression_or_option_id(rendered, fmt: str) -> None:
    _answers, _q, out = rendered
    text = _html_text(out["html"]) if fmt == "html" else re.sub(r"`[^`]*`", " ", out[fmt])
    assert not re.search(r"\b(contains|in \[|==|>=|<=)\b", text)
    assert not re.search(r"[a-z]+-[a-z-]+ = ", text)  # "it-release = monthly"
    assert "首先开展与" not in text


def test_our_chinese_words_are_one_each() -> None:
    """One word for priority (优先级) and the questionnaire called 问卷, in every table."""
    from capassess.texts import AREAS, words

    ours = " ".join(v for area in AREAS for v in words(area, "zh").values())
    assert "优先度" not in ours and "评估模型" not in ours
    assert words("report", "zh")["priority"] == words("plan", "zh")["term_priority"] == "优先级"


def test_the_scan_catches_what_it_must() -> None:
    """The scan itself: an option id, an expression and an English word are caught."""
    allow = {"RPA", "JR", "T"}
    assert strangers("发布频率 it-release = monthly", allow) == {"it-release", "monthly"}
    assert strangers("合作 pt-mix in ['mixed','broad']", allow) >= {"pt-mix", "in", "mixed"}
    assert strangers("`weighted-mean` 运营RPA JR/T", allow) == set()
