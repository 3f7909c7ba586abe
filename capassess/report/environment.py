"""The Jinja environment of reports: sandboxed, strict, user-overridable, located errors.

Templates are looked up in the user's folder first, then in the shipped one; a name
starting with ``!`` (``{% extends "!report.html.j2" %}``) always means the shipped file,
so a user template can extend the one it replaces.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

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
from capassess.loading import looks_binary
from capassess.markdown_text import md_cell, md_text
from capassess.reading import remember
from capassess.report.sandbox import (
    TIME_LIMIT,
    USER_TIME_LIMIT,
    LimitedSandbox,
    limit_filters,
    render_limited,
    user_source,
)
from capassess.resources import data_dir

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


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _signed(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:+.{digits}f}"


def mermaid_text(value: object) -> str:
    """Text safe inside a Mermaid gantt line: no ``: ; #`` or angle brackets."""
    return " ".join(re.sub(r"[:;#<>{}\[\]`\"]", " ", str(value)).split())


def add_months(iso_date: str, months: int) -> str:
    """The ISO date ``months`` after ``iso_date`` (day clamped to 28)."""
    start = dt.date.fromisoformat(iso_date)
    index = start.year * 12 + start.month - 1 + int(months)
    return dt.date(index // 12, index % 12 + 1, min(start.day, 28)).isoformat()


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(PLAIN_TEXT)


def report_environment(template_dir: str | Path | None = None) -> LimitedSandbox:
    """A sandboxed, strict environment over the user's templates and the shipped ones."""
    user = None
    if template_dir is not None:
        user = Path(template_dir)
        if not user.is_dir():
            raise InputError.at("the template folder does not exist", str(user))
    env = LimitedSandbox(
        loader=ReportLoader(user),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        num=_num,
        pct=_pct,
        signed=_signed,
        md=md_text,
        cell=md_cell,
        mermaid=mermaid_text,
        add_months=add_months,
    )
    limit_filters(env)
    return env


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
    loader = env.loader
    files = loader.files if isinstance(loader, ReportLoader) else set()
    try:
        seconds = USER_TIME_LIMIT if getattr(loader, "user", None) else TIME_LIMIT
        return render_limited(env.get_template(name), context, seconds)
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
