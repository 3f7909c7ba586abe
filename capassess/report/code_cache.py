"""Compiled template code, kept once per process and once per machine.

Jinja compiles a template's source to Python code on every new environment; reports
made a new environment each, so a batch with per-unit reports compiled the same
templates thousands of times. ``TemplateCodeCache`` keeps the code of each template.
"""

from __future__ import annotations

import marshal
from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


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
