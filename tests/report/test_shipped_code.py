"""The shipped templates' own code (``report.shipped``: includes yielded from, loops
yielding their output joined, values escaped in place) and the work shared across units
(evidence models and their words, numbers' text, chart elements, copied capabilities)
give what Jinja's own code and fresh work give: random units of both questionnaires, in
both languages and formats, with names full of HTML and Markdown specials, byte for
byte against a plain Jinja environment over the same templates."""

from __future__ import annotations

import random
from typing import Any

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup, escape

from capassess.advice import answered_values, evidence_for
from capassess.catalog import find_questionnaire
from capassess.evidence_shown import shown_answers
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.plan import AnswerShown
from capassess.model.questionnaire import Questionnaire
from capassess.model.trusted import same_model, trusted, trusted_copy
from capassess.plan_text import answers_text
from capassess.planning import PlanOptions, Scored, plan_scored
from capassess.report import environment as report_env
from capassess.report import svg as svg_module
from capassess.report.build import build_report
from capassess.report.filters import num_text
from capassess.report.render import TEMPLATES, _context, batch_environment
from capassess.report.shipped import ShippedEnvironment, escaped_text
from capassess.scoring.engine import roll_up, score_assessment
from tests.benchmark.generate import answer

SPECIALS = ["<b>&amp;</b>", "a \"q\" & 's'", "| * _ ` # [x](y) \\", "支行 <分行> & “总行”", "  "]


def _plain_environment() -> Environment:
    """Jinja's own environment and code over the same templates, settings and filters."""
    options = report_env._options(None)
    options.pop("bytecode_cache")
    env = Environment(**options)
    env.filters.update(report_env._FILTERS)
    return env


def _units(q: Questionnaire, count: int, seed: int) -> list[Assessment]:
    """Random units: answers around a random maturity, some n/a, blank or with evidence."""
    rng = random.Random(seed)
    units = []
    for i in range(count):
        maturity = rng.uniform(1.0, 5.0)
        answers = {}
        for _, _, question in q.questions():
            roll = rng.random()
            if roll < 0.08:
                continue
            value = "n/a" if roll < 0.14 else answer(question, rng, maturity)
            evidence = rng.choice(SPECIALS) if rng.random() < 0.1 else None
            answers[question.id] = Answer(value=value, evidence=evidence)
        name = f"{rng.choice(SPECIALS)} {i}" if i % 3 else None
        subject = Subject(id=f"u-{i}&<{i}>", name=name, kind="branch" if i % 2 else "bank")
        units.append(Assessment(questionnaire=q.ref, subject=subject, answers=answers))
    return units


@pytest.mark.parametrize("name", ["branch-fintech", "bank-fintech"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unit_reports_equal_those_of_jinjas_own_code(name: str, lang: str) -> None:
    q = find_questionnaire(name)
    shipped, plain = batch_environment(), _plain_environment()
    assert type(shipped) is ShippedEnvironment and type(plain) is Environment
    for i, assessment in enumerate(_units(q, 14, seed=len(name) + len(lang))):
        result = score_assessment(q, assessment)
        planned = plan_scored(Scored(f"u{i}", q, assessment, result, []), PlanOptions())
        report = build_report(planned, lang)  # type: ignore[arg-type]
        for fmt in ("html", "md"):
            context = _context(report, fmt, None)  # type: ignore[arg-type]
            ours = report_env.render_utf8(shipped, TEMPLATES[fmt], context)
            jinjas = plain.get_template(TEMPLATES[fmt]).render(context).encode("utf-8")
            assert ours == jinjas, (name, lang, i, fmt)


TEMPLATES_OF_LOOPS = {
    "loops": (
        "{% import 'macros' as m with context %}<ul>{% for x in xs %}<li>{{ x }}"
        "{% if loop.first %}!{% endif %}{% for y in x.ys if y %}{{ y }},{% else %}-{% endfor %}"
        "</li>{% else %}<li>none</li>{% endfor %}</ul>{{ m.row(xs) }}"
        "{% for x in xs recursive %}[{{ x.n }}{{ loop(x.kids) if x.kids }}]{% endfor %}"
        "{% include 'part' %}{% for x in xs %}{% include 'part' %}{% endfor %}"
        "{% block b %}{% for x in xs %}<{{ x.n }}>{% endfor %}{% endblock %}"
        "{% set s %}{% for x in xs %}{{ x.n }}{% endfor %}{% endset %}{{ s }}"
        "{% for k, v in pairs %}{{ k }}={{ v }};{% endfor %}{{ '' }}{{ none }}{{ true }}"
    ),
    "macros": "{% macro row(xs) %}{% for x in xs %}({{ x.n }}){% endfor %}{% endmacro %}",
    "part": "{% if m is not defined %}{% import 'macros' as m with context %}{% endif %}"
    "<p>{{ m.row(xs) }}{{ xs|length }}{{ 1.5 }}{{ -0.0 }}</p>",
}


@pytest.mark.parametrize("autoescape", [True, False])
def test_loops_includes_and_escapes_give_what_jinjas_code_gives(autoescape: bool) -> None:
    settings: dict[str, Any] = {"undefined": StrictUndefined, "autoescape": autoescape,
                                "trim_blocks": True, "lstrip_blocks": True}  # fmt: skip
    ours = ShippedEnvironment(loader=DictLoader(TEMPLATES_OF_LOOPS), **settings)
    ours.auto_reload = False
    jinjas = Environment(loader=DictLoader(TEMPLATES_OF_LOOPS), **settings)
    rng = random.Random(7)
    for _ in range(30):
        xs = [_item(rng, depth=2) for _ in range(rng.randint(0, 4))]
        pairs = [(rng.choice(SPECIALS), rng.choice([1, 2.5, -0.0, True, None, Markup("<i>")]))]
        context = {"xs": xs, "pairs": pairs}
        text = ours.get_template("loops").render(context)
        assert text == jinjas.get_template("loops").render(context)
        assert list(ours.get_template("loops").generate(context)) != []
    overlay = ours.overlay(loader=DictLoader({**TEMPLATES_OF_LOOPS, "part": "other"}))
    assert "other" in overlay.get_template("loops").render({"xs": [], "pairs": []})
    assert "other" not in ours.get_template("loops").render({"xs": [], "pairs": []})


def _item(rng: random.Random, depth: int) -> dict[str, Any]:
    kids = [_item(rng, depth - 1) for _ in range(rng.randint(0, 2))] if depth else []
    n = rng.choice([*SPECIALS, 0, 7, -0.0, 2.25, None, Markup("<em>m</em>"), "", True])
    return {"n": n, "ys": [rng.choice(["", "y&", 0, 3]) for _ in range(rng.randint(0, 3))],
            "kids": kids}  # fmt: skip


def test_escaped_text_is_markupsafes() -> None:
    values = [*SPECIALS, "", 0, -0.0, 3, 2.5, True, None, Markup("<b>x</b>"), "x" * 600]
    for value in values * 2:
        assert str(escaped_text(value)) == str(escape(value))


def test_numbers_text_is_formats() -> None:
    rng = random.Random(3)
    numbers = [0, 0.0, -0.0, 1, 1.0, True, 2.5, -2.5, 1e-9, -1e-9, 3.14159, 10**12]
    numbers += [rng.uniform(-5, 5) for _ in range(200)] + [rng.randint(-9, 9) for _ in range(50)]
    for digits in (0, 1, 2, 3, 7):
        for value in numbers * 2:
            assert num_text(value, digits) == f"{value:.{digits}f}", (value, digits)
    assert num_text(None) == "—"


def test_remembered_text_elements_equal_fresh_ones() -> None:
    def fresh(x: float, y: float, lines: list[str], size: float, **values: object) -> str:
        made = svg_module.Svg(0, 0, "", "", "s")
        made.parts = []
        made.open("text", x=x, y=y, font_size=size, **values)
        for i, line in enumerate(lines):
            made.add("tspan", line, x=x, dy=f"{1.2 if i else 0}em")
        made.close("text")
        return "".join(made.parts)

    rng = random.Random(9)
    for _ in range(300):
        x, y = rng.choice([0, 0.0, -0.0, 1, 1.0, 12.25]), rng.choice([0.0, -0.0, 3, 40.04])
        lines = [rng.choice(SPECIALS) for _ in range(rng.randint(0, 2))]
        anchor = rng.choice(["end", "start", None])
        drawn = svg_module.Svg(0, 0, "", "", "s")
        drawn.parts = []
        drawn.text(x, y, lines, 12, text_anchor=anchor, fill="#000")
        assert "".join(drawn.parts) == fresh(x, y, lines, 12, text_anchor=anchor, fill="#000")


def _planned_units(count: int) -> list[Any]:
    q = find_questionnaire("branch-fintech")
    out = []
    for i, assessment in enumerate(_units(q, count, seed=11)):
        result = score_assessment(q, assessment)
        out.append(plan_scored(Scored(f"u{i}", q, assessment, result, []), PlanOptions()))
    return out


def test_shared_evidence_models_and_words_equal_fresh_ones() -> None:
    seen = 0
    for planned in _planned_units(12):
        q, result = planned.scored.questionnaire, planned.scored.result
        values = answered_values(result)
        fresh_values = {
            r.id: r.value
            for c in result.capabilities()
            for r in c.questions
            if r.status == "answered"
        }
        assert values == fresh_values and answered_values(result) is values
        for _, action in q.actions():
            shown = shown_answers(action.done_when, values)
            answers = evidence_for(action.done_when, values).answers
            fresh = [trusted(AnswerShown, question_id=n, value=v) for n, v in answers]
            assert shown == fresh and shown is not shown_answers(action.done_when, values)
            for lang in ("en", "zh"):
                text = answers_text(shown, lang, q)  # type: ignore[arg-type]
                copies = [a.model_copy() for a in shown]
                assert text == answers_text(copies, lang, q)  # type: ignore[arg-type]
                seen += bool(shown)
    assert seen > 20


def test_copied_capabilities_equal_pydantics_copies() -> None:
    for planned in _planned_units(4):
        q, result = planned.scored.questionnaire, planned.scored.result
        for cap in result.capabilities():
            for update in ({"score": 4.0, "level": 4}, {"score": None}, {}):
                same_model(trusted_copy(cap, update), cap.model_copy(update=update))
        raised = {c.id: 5.0 for c in result.capabilities() if c.score is not None}
        projected = roll_up(q, raised, template=result)
        assert all(c.score in (None, 5.0) for c in projected.capabilities())
