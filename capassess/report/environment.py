"""The Jinja environment of reports: sandboxed, strict, user-overridable, located errors.

Templates are looked up in the user's folder first, then in the shipped one; a name
starting with ``!`` (``{% extends "!report.html.j2" %}``) always means the shipped file,
so a user template can extend the one it replaces.
"""

from __future__ import annotations

import datetime as dt
import marshal
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import CodeType, TracebackType
from typing import Any, NoReturn

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from capassess.errors import InputError
from capassess.markdown_text import md_cell, md_text
from capassess.reading import remember
from capassess.report.css_text import css_page_label, css_string
from capassess.report.sandbox import (
    JINJA_CHECKS,
    TIME_LIMIT,
    USER_TIME_LIMIT,
    LimitedSandbox,
    limit_filters,
    render_limited,
    user_source,
)
from capassess.resources import data_dir
from capassess.yaml_text import looks_binary

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
        bytecode_cache=template_code_cache(),
    )
    remember_safe_attributes(env)
    env.filters.update(
        num=_num,
        pct=_pct,
        signed=_signed,
        md=md_text,
        cell=md_cell,
        mermaid=mermaid_text,
        add_months=add_months,
        css_string=css_string,
        css_page_label=css_page_label,
    )
    limit_filters(env, linear=LINEAR_FILTERS, plain=VALUE_FILTERS)
    return env


# The report's own filters: a result as long as the value, give or take a few characters;
# those of them that take nothing but the value
LINEAR_FILTERS = frozenset({"num", "pct", "signed", "md", "cell", "mermaid", "add_months"})
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


# --- speed: the sandbox's attribute check remembered; each template compiled once


def remember_safe_attributes(env: SandboxedEnvironment) -> None:
    """Remember the sandbox's verdict on each (type, attribute name) pair.

    Jinja's own ``is_safe_attribute`` (of the sandbox and of the immutable sandbox) looks
    only at the object's type and the name (not at the value), yet runs on every ``x.y``
    a template evaluates: over half the time of rendering a report. An environment class
    with a check of its own is left alone.
    """
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


class TemplateCodeCache(BytecodeCache):
    """Compiled template code, kept in memory and in the user's cache (``capassess.cache``).

    Jinja compiles a template's source to Python code on every new environment; reports
    make a new environment each, so a batch with per-unit reports compiled the same
    templates thousands of times. Here the code is keyed by the environment's settings,
    the template's name and file, capassess's code (its code generator with its limits),
    Jinja's and Python's versions, and checked against the SHA-1 of the source Jinja
    gives each bucket: an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self.memory: dict[str, tuple[str, CodeType]] = {}

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """The bucket of ``name``, holding its code if compiled before from this source."""
        key = _code_key(environment, name, filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        found = self.memory.get(key)
        if found is None:
            found = _code_from_disk(key)
        if found is not None and found[0] == bucket.checksum:
            self.memory[key] = found
            bucket.code = found[1]
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        """Keep freshly compiled code in memory and on disk."""
        if bucket.code is None:
            return
        self.memory[bucket.key] = (bucket.checksum, bucket.code)
        from capassess import cache

        payload = bucket.checksum.encode() + b"\n" + marshal.dumps(bucket.code)
        cache.write(CODE_NAMESPACE, bucket.key, payload)


CODE_NAMESPACE = "template"
_CODE_CACHE: list[TemplateCodeCache] = []


def template_code_cache() -> TemplateCodeCache:
    """The process's one cache of compiled templates."""
    if not _CODE_CACHE:
        _CODE_CACHE.append(TemplateCodeCache())
    return _CODE_CACHE[0]


def _code_key(environment: Environment, name: str, filename: str | None) -> str:
    import jinja2

    from capassess import cache

    env = environment
    autoescape = env.autoescape
    escape = getattr(autoescape, "__qualname__", repr(autoescape))
    settings: tuple[object, ...] = (
        type(env).__qualname__, jinja2.__version__, escape, env.block_start_string,
        env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, env.optimized, sorted(env.extensions),
    )  # fmt: skip
    generator = type(env).code_generator_class
    settings += (f"{generator.__module__}.{generator.__qualname__}",)
    return cache.key_of(cache.program_fingerprint(), repr(settings), name, filename or "")


def _code_from_disk(key: str) -> tuple[str, CodeType] | None:
    from capassess import cache

    payload = cache.read(CODE_NAMESPACE, key)
    if payload is None:
        return None
    checksum, _, data = payload.partition(b"\n")
    try:
        code = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return (checksum.decode("ascii", "replace"), code) if isinstance(code, CodeType) else None
