"""The Jinja environment of reports: strict, user-overridable (a user's templates
sandboxed), located errors.

Templates are looked up in the user's folder first, then in the shipped one; a name
starting with ``!`` (``{% extends "!report.html.j2" %}``) always means the shipped file,
so a user template can extend the one it replaces.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn

from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)

from capassess.errors import InputError
from capassess.markdown_text import md_cell, md_text
from capassess.reading import remember
from capassess.report.code_cache import template_code_cache
from capassess.report.css_text import css_page_label, css_string
from capassess.report.filters import (
    add_months,
    change_text,
    mermaid_text,
    num_text,
    pct_text,
    signed_text,
)
from capassess.report.shipped import ShippedEnvironment
from capassess.resources import data_dir
from capassess.yaml_text import looks_binary

if TYPE_CHECKING:  # the sandbox is loaded only for a user's templates (--template-dir)
    from jinja2.sandbox import SandboxedEnvironment

    from capassess.report.sandbox import LimitedSandbox

ReportEnvironment = Environment  # Jinja's own for the shipped templates, else the sandbox
SHIPPED_PREFIX = "!"
PLAIN_TEXT = (".md.j2", ".md", ".txt.j2", ".txt")
# Runtime errors a template can cause with its own expressions (e.g. ``{{ 1 / 0 }}``).
TEMPLATE_RUNTIME = (TemplateError, ArithmeticError, TypeError, ValueError, LookupError)


class ReportLoader(BaseLoader):
    """Find templates in the user's folder, then the shipped one; ``!name`` is shipped."""

    def __init__(self, user_dir: Path | None = None, shipped_dir: Path | None = None) -> None:
        self.shipped = FileSystemLoader(str(shipped_dir or data_dir("templates")))
        self.user = user_dir
        self.files: set[str] = set()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the source, file name and up-to-date check of ``template``."""
        if template.startswith(SHIPPED_PREFIX):
            found = _source(self.shipped, environment, template[len(SHIPPED_PREFIX) :])
        elif self.user is not None:
            try:
                found = _user_source(self.user, template)
            except TemplateNotFound:
                found = _source(self.shipped, environment, template)
        else:
            found = _source(self.shipped, environment, template)
        if found[1]:
            self.files.add(found[1])
            remember(found[1])  # a template, shipped or the user's, is an input of the run
        return found


def _source(
    loader: FileSystemLoader, environment: Environment, template: str
) -> tuple[str, str | None, Callable[[], bool] | None]:
    """``loader``'s source of ``template``; a file that is not UTF-8 text is an input error."""
    try:
        return loader.get_source(environment, template)
    except UnicodeDecodeError as exc:
        _not_utf8(exc, str(Path(loader.searchpath[0]) / template))


def _user_source(folder: Path, template: str) -> tuple[str, str | None, Callable[[], bool]]:
    """``template`` from the user's folder; a file that is not UTF-8 is an input error."""
    from capassess.report.sandbox import user_source

    try:
        return user_source(folder, template)
    except UnicodeDecodeError as exc:
        _not_utf8(exc, str(folder / template))


def _not_utf8(exc: UnicodeDecodeError, path: str) -> NoReturn:
    if looks_binary(exc.object):
        raise InputError.at("this is a binary file, not a template", path, 1) from None
    line = exc.object[: exc.start].count(b"\n") + 1
    byte = exc.object[exc.start]
    message = f"the template is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
    raise InputError.at(message, path, line) from None


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(PLAIN_TEXT)


def report_environment(template_dir: str | Path | None = None) -> Environment:
    """The strict environment of reports: over the shipped templates alone, Jinja's own
    (``report.shipped``); with the user's ``template_dir`` (looked up first), the
    sandbox with its limits (``sandboxed_environment``)."""
    if template_dir is not None:
        return sandboxed_environment(template_dir)
    env = ShippedEnvironment(**_options(None))
    env.filters.update(_FILTERS)
    return env


def sandboxed_environment(template_dir: str | Path | None = None) -> LimitedSandbox:
    """A sandboxed, strict environment over the user's templates and the shipped ones."""
    from capassess.report.sandbox import LimitedSandbox, limit_filters

    user = None
    if template_dir is not None:
        user = Path(template_dir)
        if not user.is_dir():
            raise InputError.at("the template folder does not exist", str(user))
    env = LimitedSandbox(**_options(user))
    remember_safe_attributes(env)
    env.filters.update(_FILTERS)
    limit_filters(env, linear=LINEAR_FILTERS, plain=VALUE_FILTERS)
    return env


def _options(user: Path | None) -> dict[str, Any]:
    """The settings of either environment (the same text from the same templates)."""
    return {
        "loader": ReportLoader(user),
        "undefined": StrictUndefined,
        "autoescape": _autoescape,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "bytecode_cache": template_code_cache(),
    }


_FILTERS = {
    "num": num_text,
    "pct": pct_text,
    "signed": signed_text,
    "change": change_text,
    "md": md_text,
    "cell": md_cell,
    "mermaid": mermaid_text,
    "add_months": add_months,
    "css_string": css_string,
    "css_page_label": css_page_label,
}


# The report's own filters: a result as long as the value, give or take a few characters;
# those of them that take nothing but the value
LINEAR_FILTERS = frozenset(
    {"num", "pct", "signed", "change", "md", "cell", "mermaid", "add_months"}
)
VALUE_FILTERS = frozenset({"pct", "md", "cell", "mermaid"})


def _template_frame(tb: TracebackType | None, files: set[str]) -> tuple[str | None, int | None]:
    """The innermost traceback frame that lies in a template file."""
    where: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in files:
            where = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def _template_file(env: Environment, name: str) -> str:
    """The file of template ``name`` (for an error that no line of it raised)."""
    try:
        return env.get_template(name).filename or name
    except TemplateError:
        return name


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; a template mistake becomes an ``InputError`` with file:line."""
    return _rendered(env, name, context, utf8=False)  # type: ignore[return-value]


def render_utf8(env: Environment, name: str, context: Mapping[str, Any]) -> bytes:
    """``render_template(...).encode("utf-8")``. From the shipped templates alone, each
    piece the template yields is encoded as it comes, and the bytes joined: most pieces
    are ASCII, whose encoding is a copy, while the whole text, once it holds one wider
    character, is stored wide and encoded character by character."""
    return _rendered(env, name, context, utf8=True)  # type: ignore[return-value]


def _rendered(env: Environment, name: str, context: Mapping[str, Any], utf8: bool) -> str | bytes:
    loader = env.loader
    files = loader.files if isinstance(loader, ReportLoader) else set()
    try:
        template = env.get_template(name)
        sandbox = sys.modules.get("capassess.report.sandbox")  # never loaded: no sandbox
        if sandbox is None or not isinstance(env, sandbox.LimitedSandbox):
            if utf8:  # what render gives, encoded piece by piece (the same bytes)
                return b"".join([piece.encode("utf-8") for piece in template.generate(context)])
            return template.render(context)  # the shipped templates alone (report.shipped)
        seconds = sandbox.USER_TIME_LIMIT if getattr(loader, "user", None) else sandbox.TIME_LIMIT
        text: str = sandbox.render_limited(template, context, seconds)
        return text.encode("utf-8") if utf8 else text
    except TemplateSyntaxError as exc:
        raise InputError.at(f"template error: {exc.message}", exc.filename, exc.lineno) from None
    except TemplateNotFound as exc:
        path, line = _template_frame(exc.__traceback__, files)
        where = "in your template folder or the shipped ones"
        raise InputError.at(f"template not found: {exc.name} ({where})", path, line) from None
    except TEMPLATE_RUNTIME as exc:
        path, line = _template_frame(exc.__traceback__, files)
        if path is None and not isinstance(exc, TemplateError):
            raise
        where = path or _template_file(env, name)
        raise InputError.at(f"template error: {exc}", where, line) from None


# --- speed: the sandbox's attribute check remembered; each template compiled once


def remember_safe_attributes(env: SandboxedEnvironment) -> None:
    """Remember the sandbox's verdict on each (type, attribute name) pair.

    Jinja's own ``is_safe_attribute`` (of the sandbox and of the immutable sandbox) looks
    only at the object's type and the name (not at the value), yet runs on every ``x.y``
    a template evaluates: over half the time of rendering a report. An environment class
    with a check of its own is left alone.
    """
    from capassess.report.sandbox import JINJA_CHECKS

    if type(env).is_safe_attribute not in JINJA_CHECKS:
        return
    check = env.is_safe_attribute
    verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        found = verdicts.get(key)
        if found is None:
            found = verdicts[key] = bool(check(obj, attr, value))
        return found

    env.is_safe_attribute = is_safe_attribute  # type: ignore[method-assign]
