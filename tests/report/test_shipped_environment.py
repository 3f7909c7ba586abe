"""The shipped templates alone render in Jinja's own environment (``report.shipped``), to
the letter what the sandbox renders; anything with a template folder of the user's stays
in the sandbox with its limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, StrictUndefined, Undefined
from jinja2.exceptions import SecurityError

from capassess.batch import unit_reports
from capassess.planning import PlanOptions, plan_file
from capassess.report import render as report_render
from capassess.report.build import build_report
from capassess.report.environment import report_environment, sandboxed_environment
from capassess.report.portfolio import render as portfolio_render
from capassess.report.render import render_model
from capassess.report.sandbox import LimitedSandbox
from capassess.report.shipped import ShippedEnvironment
from tests.batch.helpers import run_cli
from tests.conftest import ROOT
from tests.report.helpers import banks
from tests.report.test_template_speed import NAMES, OBJECTS


@pytest.mark.parametrize("bank", banks(), ids=lambda b: b.name)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_reports_equal_the_sandboxs(bank, lang: str) -> None:
    baseline = str(bank.baseline) if bank.baseline else None
    planned = plan_file(bank.answers, PlanOptions(baseline=baseline), bank.dirs)
    report = build_report(planned, lang)
    plain, sandbox = report_environment(), sandboxed_environment()
    assert type(plain) is ShippedEnvironment and type(sandbox) is LimitedSandbox
    for fmt in ("md", "html"):
        text = render_model(report, fmt, env=plain)
        assert text == render_model(report, fmt, env=sandbox), fmt
        assert len(text) > 5000


def test_batch_outputs_equal_those_of_the_sandbox(tmp_path: Path, monkeypatch) -> None:
    """Every unit's report and the portfolio, in both formats, byte for byte."""
    source = ROOT / "examples" / "branches.csv"
    args = ["--reports", "md,html", "--group-by", "region", "--allow-rejects"]

    def run(out: Path) -> dict[str, bytes]:
        unit_reports._ENVIRONMENTS.clear()
        result = run_cli("batch", str(source), "-o", str(out), *args)
        assert result.exit_code == 0, result.output
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in out.rglob("*")
            if p.suffix in (".md", ".html")
        }

    plain = run(tmp_path / "plain")
    monkeypatch.setattr(report_render, "report_environment", sandboxed_environment)
    monkeypatch.setattr(portfolio_render, "report_environment", sandboxed_environment)
    sandboxed = run(tmp_path / "sandboxed")
    unit_reports._ENVIRONMENTS.clear()
    assert len(plain) >= 10 and "portfolio.html" in plain and "portfolio.md" in plain
    assert plain == sandboxed


def _outcome(env: Environment, obj: object, name: str) -> tuple[str, object]:
    found = env.getattr(obj, name)
    if isinstance(found, Undefined):
        return "undefined", found._undefined_hint or found._undefined_name
    return "value", found


def test_the_quick_attribute_lookup_equals_jinjas() -> None:
    """``ShippedEnvironment.getattr`` goes straight to a dict's item where Jinja would
    find no attribute first: every (object, name) gives what Jinja gives."""
    quick, jinja = report_environment(), Environment(undefined=StrictUndefined)
    for obj in OBJECTS:
        for name in NAMES:
            assert _outcome(quick, obj, name) == _outcome(jinja, obj, name), (obj, name)


def test_a_users_partial_brings_the_sandbox_to_the_whole_report(tmp_path: Path) -> None:
    """A template folder holding only a partial: the shipped report that includes it
    renders in the sandbox too, and the partial cannot reach Python's internals."""
    from capassess.errors import InputError

    partials = tmp_path / "partials"
    partials.mkdir()
    (partials / "summary.html.j2").write_text("{{ ''.__class__.__mro__ }}", "utf-8")
    bank = banks()[-1]
    report = build_report(plan_file(bank.answers, PlanOptions(), bank.dirs), "en")
    env = report_environment(tmp_path)
    assert isinstance(env, LimitedSandbox)
    with pytest.raises(InputError, match=r"summary\.html\.j2"):
        render_model(report, "html", tmp_path)
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__ }}").render()


class Counter:
    """Counts how often it is asked for its next value (an expression evaluated once)."""

    def __init__(self) -> None:
        self.calls = 0

    def next(self) -> dict[str, object]:
        self.calls += 1
        return {"a": {"b": self.calls}, "items": "shadowed"}


def test_the_attribute_code_gives_what_jinjas_gives_and_evaluates_once() -> None:
    """``x.y`` compiled as Python's ``getattr`` with Jinja's lookup behind it: every
    (object, name) prints, tests and fails as in Jinja's own environment, and the object
    of a lookup is evaluated once."""
    from markupsafe import Markup

    quick = report_environment()
    jinja = Environment(undefined=StrictUndefined, autoescape=True)
    for obj in OBJECTS:
        for name in NAMES:
            source = (
                f"{{{{ o.{name} is defined }}}}|"
                f"{{{{ (o.{name}|string)[:40] if o.{name} is defined }}}}"
            )
            outcomes = [_rendered(env, source, o=obj) for env in (quick, jinja)]
            assert outcomes[0] == outcomes[1], (obj, name)
    counter = Counter()
    text = quick.from_string(
        "{{ c.next().a.b }} {{ c.next()['a'].b }} {{ c.next().a.x is defined }}"
    )
    assert text.render(c=counter) == "1 2 False" and counter.calls == 3
    assert "ga_v_" in quick.compile("{{ x.y }}", raw=True)
    assert quick.from_string("{{ m.upper() }}").render(m=Markup("<b>")) == "<B>"


def _rendered(env: Any, source: str, **context: Any) -> str:
    """What ``source`` renders to in ``env``, or the name of the error it raises (the same
    error both ways is what counts)."""
    try:
        return str(env.from_string(source).render(**context))
    except Exception as exc:
        return type(exc).__name__


@pytest.mark.parametrize("area", ["report", "portfolio"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_words_look_up_as_the_table_does(area: str, lang: str) -> None:
    """``t.key`` on the copy for templates gives what it gives on the table itself, in
    Jinja's own environment and in the sandbox: every word, the table's own attributes
    (``lang``, ``items``) and names that are no word."""
    from capassess.texts import template_words, words

    table, copy = words(area, lang), template_words(area, lang)  # type: ignore[arg-type]
    assert copy == table and copy is template_words(area, lang)  # type: ignore[arg-type]
    assert len(vars(copy)) > len(table) // 2  # the words are attributes of their own
    names = [*table, "lang", "area", "items", "get", "no_such_word", "__class__", "_x"]
    for env in (report_environment(), sandboxed_environment(), Environment()):
        for name in names:
            if not name.isidentifier():
                continue
            source = f"{{{{ t.{name} is defined }}}} {{{{ (t.{name}|string)[:30] if t.{name} is defined }}}}"
            outcomes = [_rendered(env, source, t=t) for t in (table, copy)]
            assert outcomes[0] == outcomes[1], (env, name)


MACROS = """{% macro plain(a, b) %}<{{ a }}|{{ b }}>{% endmacro %}
{% macro dflt(a, b='<d>') %}[{{ a }}{{ b }}]{% endmacro %}
{% macro calls() %}({{ caller() }}){% endmacro %}
{% macro rest(a) %}{{ a }}{{ varargs|join(',') }}{{ kwargs|dictsort|join(',') }}{% endmacro %}
"""
CALLS = [
    "{{ plain(x, y) }}", "{{ plain(x) }}", "{{ plain(x, b=y) }}", "{{ plain(a=x, b=y) }}",
    "{{ dflt(x) }}", "{{ dflt(x, y) }}", "{% call calls() %}<{{ x }}>{% endcall %}",
    "{{ rest(x, 1, '<2>', k=y) }}", "{{ plain(x, y)|length }}", "{{ plain(x, y) ~ '<' }}",
    "{% for i in [1, 2] %}{{ plain(i, loop.index) }}{% endfor %}", "{{ plain(x, y, 3) }}",
    "{{ plain(x, y, c=1) }}",
]  # fmt: skip
VALUES_SHOWN: list[object] = ["", "<b>&'\"", "plain", 3, 2.5, -0.0, None, True, [1, "<"]]


@pytest.mark.parametrize("call", CALLS)
def test_quick_macro_calls_and_escapes_equal_jinjas(call: str) -> None:
    """Macros called with just their positional arguments take a quicker way
    (``ShippedContext``), and a remembered escape is looked up in place: every call and
    value renders, escapes and fails as in Jinja's own environment, twice over (the second
    time from memory)."""
    from markupsafe import Markup

    quick = report_environment()
    jinja = Environment(undefined=StrictUndefined, autoescape=True, trim_blocks=True,
                        lstrip_blocks=True, keep_trailing_newline=True)  # fmt: skip
    for x in [*VALUES_SHOWN, Markup("<i>kept</i>")]:
        for y in ("<y>", 7):
            for _ in range(2):
                outcomes = [_rendered(env, MACROS + call, x=x, y=y) for env in (quick, jinja)]
                assert outcomes[0] == outcomes[1], (call, x, y)
                shown = [_rendered(env, "{{ x }}|{{ y }}|{{ x ~ y }}", x=x, y=y)
                         for env in (quick, jinja)]  # fmt: skip
                assert shown[0] == shown[1], (x, y)


def test_utf8_rendering_equals_the_text_encoded(tmp_path: Path) -> None:
    """``render_utf8`` (the batch's unit reports) gives the bytes of ``render_template``'s
    text, from the shipped templates and in the sandbox of a user's folder."""
    from capassess.report.environment import render_template, render_utf8
    from capassess.report.render import TEMPLATES, _context

    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "report.md.j2").write_text('{% extends "!report.md.j2" %}', "utf-8")
    bank = banks()[0]
    planned = plan_file(bank.answers, PlanOptions(), bank.dirs)
    for env in (report_environment(), sandboxed_environment(folder)):
        for lang in ("en", "zh"):
            report = build_report(planned, lang)  # type: ignore[arg-type]
            for fmt in ("md", "html"):
                context = _context(report, fmt, None)  # type: ignore[arg-type]
                text = render_template(env, TEMPLATES[fmt], context)
                assert render_utf8(env, TEMPLATES[fmt], context) == text.encode("utf-8")
