"""Output statements yielded joined give the text Jinja's own code gives, piece for piece.

Every template here renders in the report's sandbox twice: with the joined code of
``report.joined_output`` and with Jinja's one ``yield`` per piece; the texts must be equal
(escaping on and off, Markup, blocks under ``extends``, macros, ``call``, ``set`` and
``filter`` blocks, loops, statements of more values than one join holds), and so must the
errors, with their template line.
"""

from __future__ import annotations

import traceback

import pytest
from jinja2 import DictLoader, TemplateError, nodes
from jinja2.compiler import Frame
from markupsafe import Markup

from capassess.report import joined_output
from capassess.report.sandbox import LimitedCodeGenerator, LimitedSandbox, render_limited


class _PieceByPiece(LimitedCodeGenerator):
    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        super(LimitedCodeGenerator, self).visit_Output(node, frame)


class _JinjaOutput(LimitedSandbox):
    code_generator_class = _PieceByPiece


MANY = " ".join(f"{{{{ v{i} }}}}<{i}>" for i in range(3 * joined_output.JOINED + 1))
TEMPLATES = {
    "base.j2": "<h1>{% block title %}T {{ title }}{% endblock %}</h1>\n"
    "{% block body %}{% endblock %}|{{ title|upper }}|end",
    "child.j2": '{% extends "base.j2" %}{% block title %}{{ super() }} & {{ title }}!'
    "{% endblock %}{% block body %}{% for x in items %}[{{ loop.index }}:{{ x }}]{% endfor %}"
    "{% endblock %}outside {{ title }} is never shown",
    "macros.j2": '{% macro row(a, b="-") %}<td>{{ a }}</td><td>{{ b }}</td>{{ caller() '
    "if caller else '' }}{% endmacro %}",
    "page.j2": '{% import "macros.j2" as m with context %}{% set head %}<b>{{ title }}</b>'
    "{{ html }}{% endset %}{{ head }}|{% for x in items %}{{ m.row(x, loop.index) }}"
    "{% endfor %}|{% call m.row(title) %}in call {{ html }}{% endcall %}|"
    "{% filter upper %}f {{ title }} {{ html }}{% endfilter %}|{{ 'a' ~ title ~ 'b' }}"
    "{{ 3 }}{{ none }}{{ 1.5 }} {{ items|join(', ') }}{% if not items %}none{% endif %}",
    "many.j2": MANY,
    "include.j2": 'a {{ title }} {% include "many.j2" %} b {{ html }}\n{{ "x" }} c',
    "raw.j2": "{% raw %}{{ not evaluated }}{% endraw %} {{ title }} text only\nline",
}
CONTEXT = {
    "title": "<Acme & Co>",
    "html": Markup("<i>kept</i>"),
    "items": ["<a>", "b", 3, None],
    **{f"v{i}": f"<{i}&>" for i in range(3 * joined_output.JOINED + 1)},
}


def _render(env_class: type[LimitedSandbox], name: str, autoescape: bool) -> str:
    env = env_class(loader=DictLoader(TEMPLATES), autoescape=autoescape)
    return render_limited(env.get_template(name), CONTEXT)


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("name", sorted(set(TEMPLATES) - {"macros.j2"}))
def test_joined_output_is_jinjas_own(name: str, autoescape: bool) -> None:
    joined = _render(LimitedSandbox, name, autoescape)
    assert joined == _render(_JinjaOutput, name, autoescape)
    assert joined  # something was rendered


def test_statements_yield_once_per_join() -> None:
    env = LimitedSandbox(loader=DictLoader(TEMPLATES), autoescape=True)
    code = env.compile(TEMPLATES["many.j2"], "many.j2", raw=True)
    assert code.count('yield "".join((') == 4  # 49 values, at most 16 a join
    assert code.count("yield ") <= 5  # and Jinja's "if 0: yield None"
    piecewise = _JinjaOutput(loader=DictLoader(TEMPLATES), autoescape=True)
    assert piecewise.compile(TEMPLATES["many.j2"], "many.j2", raw=True).count("yield ") > 90


@pytest.mark.parametrize("env_class", [LimitedSandbox, _JinjaOutput])
def test_errors_name_the_same_line(env_class: type[LimitedSandbox]) -> None:
    source = "line one {{ title }}\nline two {{ title }} {{ title.x.y }} {{ title }}\nthree"
    env = env_class(loader=DictLoader({"bad.j2": source}), autoescape=True)
    with pytest.raises(TemplateError) as caught:
        render_limited(env.get_template("bad.j2"), CONTEXT)
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert [f.lineno for f in frames if f.filename in ("bad.j2", "<template>")][-1] == 2


def test_a_jinja_without_the_private_helpers_gets_its_own_code(monkeypatch) -> None:
    """Should a Jinja release drop a helper the joined code relies on, the templates still
    render, piece by piece, to the same text."""
    expected = _render(_JinjaOutput, "page.j2", True)
    monkeypatch.setattr(joined_output, "PRIVATE", (*joined_output.PRIVATE, "_no_such_helper"))
    assert _render(LimitedSandbox, "page.j2", True) == expected
    seen = []
    monkeypatch.setattr(joined_output, "_groups", lambda body: seen.append(body) or [])
    _render(LimitedSandbox, "many.j2", True)
    assert seen == []  # the joined path was not taken
