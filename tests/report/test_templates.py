"""User templates: replace shipped ones by name, extend them with "!", run sandboxed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.errors import InputError
from capassess.report.environment import ReportLoader, render_template, report_environment
from tests.report.helpers import TINY, parse_html


def report(runner: CliRunner, folder: Path, fmt: str = "html"):
    args = ["report", str(TINY.answers), "-f", fmt, "-o", "-", "--template-dir", str(folder)]
    return runner.invoke(main, TINY.cli(*args))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_extends_the_shipped_template_and_overrides_a_block(runner, tmp_path) -> None:
    write(
        tmp_path,
        "report.html.j2",
        (
            '{% extends "!report.html.j2" %}\n'
            '{% block summary %}<section id="summary"><h2>Our own summary</h2>'
            '<p class="mine">{{ report.cover.subject_name }} {{ report.summary.overall_score|num }}</p>'
            "</section>{% endblock %}\n"
            "{% block style %}.mine { color: #123456; }{% endblock %}\n"
        ),
    )
    result = report(runner, tmp_path)
    assert result.exit_code == 0, result.output
    root = parse_html(result.stdout)
    mine = [p for p in root.iter("p") if p.get("class") == "mine"]
    assert [p.text for p in mine] == ["Acme Bank 2.38"]
    assert "#123456" in (root.find(".//style").text or "")
    assert root.find(".//section[@id='gaps']") is not None  # the rest is shipped


def test_a_partial_replaces_the_shipped_one_by_name(runner, tmp_path) -> None:
    write(
        tmp_path,
        "partials/cover.html.j2",
        '<header class="cover"><h1>{{ report.title }}</h1>'
        '<p class="brand">Bank &amp; Co consulting</p></header>',
    )
    result = report(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert [p.text for p in parse_html(result.stdout).iter("p") if p.get("class") == "brand"] == [
        "Bank & Co consulting"
    ]


def test_markdown_can_be_replaced_too(runner, tmp_path) -> None:
    write(
        tmp_path,
        "report.md.j2",
        '{% extends "!report.md.j2" %}{% block method %}\nNo method.\n{% endblock %}',
    )
    result = report(runner, tmp_path, "md")
    assert result.exit_code == 0, result.output
    assert "\nNo method.\n" in result.stdout and "## Roadmap" in result.stdout
    assert "## Method" not in result.stdout


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ report.__class__.__init__.__globals__ }}",
        "{{ t.items.__self__.__class__ }}",
    ],
)
def test_sandbox_refuses_python_internals(runner, tmp_path, body: str) -> None:
    path = write(tmp_path, "report.html.j2", f"line one\n{{# a comment #}}\n{body}\n")
    result = report(runner, tmp_path)
    assert result.exit_code == 2, result.output
    assert f"{path}:3: template error:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("ok\n{% if %}\n", 2, "template error"),
        ("ok\n\n{{ report.no_such_field }}\n", 3, "no_such_field"),
        ("{{ nothing_here }}\n", 1, "nothing_here"),
        ("ok\n{{ 1 / 0 }}\n", 2, "division by zero"),
        ('{% include "partials/nope.html.j2" %}\n', None, "nope.html.j2"),
    ],
)
def test_template_mistakes_name_file_and_line(runner, tmp_path, body, line, words) -> None:
    path = write(tmp_path, "report.html.j2", body)
    result = report(runner, tmp_path)
    assert result.exit_code == 2, result.output
    if line is not None:
        assert f"{path}:{line}: " in result.stderr
    assert words in result.stderr


def test_error_in_an_included_user_partial_names_the_partial(runner, tmp_path) -> None:
    path = write(tmp_path, "partials/gaps.html.j2", "<p>\n{{ report.gaps[0].nope }}</p>\n")
    result = report(runner, tmp_path)
    assert result.exit_code == 2
    assert f"{path}:2: " in result.stderr and "nope" in result.stderr


def test_missing_template_folder_is_an_input_error(runner, tmp_path) -> None:
    result = report(runner, tmp_path / "missing")
    assert result.exit_code == 2 and "does not exist" in result.output
    with pytest.raises(InputError):
        report_environment(tmp_path / "missing")


def test_user_templates_use_the_sandbox_and_all_strict_undefined(tmp_path) -> None:
    """The shipped templates alone render in Jinja's own environment (they are our code,
    see report.shipped); a template folder of the user's brings the sandbox."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from capassess.report.sandbox import LimitedSandbox
    from capassess.report.shipped import ShippedEnvironment

    env = report_environment()
    assert type(env) is ShippedEnvironment and env.undefined is StrictUndefined
    assert not isinstance(env, SandboxedEnvironment)
    assert type(report_environment(tmp_path)) is LimitedSandbox
    assert report_environment(tmp_path).undefined is StrictUndefined
    loader = env.loader
    assert isinstance(loader, ReportLoader)
    assert {"report.html.j2", "report.md.j2"} <= set(loader.shipped.list_templates())
    write(tmp_path, "x.html.j2", "{{ name }}")
    user_env = report_environment(tmp_path)
    assert render_template(user_env, "x.html.j2", {"name": "<b>"}) == "&lt;b&gt;"
    write(tmp_path, "x.md.j2", "{{ name }}")
    assert render_template(user_env, "x.md.j2", {"name": "<b>"}) == "<b>"


def _section(html: str, ident: str) -> str:
    start = html.index(f'<section id="{ident}">')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("ident", ["summary", "dimensions", "gaps", "roadmap", "appendix"])
def test_a_partial_included_on_its_own_imports_its_macros(runner, tmp_path, ident) -> None:
    # the shipped report imports the partials' macros once; a user's own report that
    # includes a partial without them gets the very same section
    (tmp_path / "none").mkdir()
    shipped = report(runner, tmp_path / "none")
    assert shipped.exit_code == 0, shipped.output
    write(tmp_path / "own", "report.html.j2",
          f'<main>{{% include "partials/{ident}.html.j2" %}}</main>')  # fmt: skip
    own = report(runner, tmp_path / "own")
    assert own.exit_code == 0, own.output
    assert _section(own.stdout, ident) == _section(shipped.stdout, ident)


def test_replaced_macros_reach_every_partial(runner, tmp_path) -> None:
    shipped = (Path(__file__).parents[2] / "templates/partials/macros.html.j2").read_text("utf-8")
    write(tmp_path, "partials/macros.html.j2",
          shipped.replace('<div class="title">', '<div class="title mine">'))  # fmt: skip
    result = report(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.count('<div class="title mine">')
        == result.stdout.count('<div class="title')
        > 0
    )
