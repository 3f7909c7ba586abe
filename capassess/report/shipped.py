"""The environment of the shipped templates alone: Jinja's own, without the sandbox.

The templates shipped with capassess are part of its code: a render that can only use
them needs neither the sandbox's checks on every attribute, call and operator nor the
limits on time and size that keep a user's template (``--template-dir``) in bounds.
Every render that may use a template of the user's keeps the sandbox and its limits
(``report.environment.report_environment`` chooses). The text is the same either way:
the same loader, settings and filters, and the same joined output code
(``report.joined_output``); ``tests/report/test_shipped_environment.py`` checks both
against each other.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, MutableMapping
from typing import Any

from jinja2 import Environment, Template, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context, Macro
from jinja2.utils import internalcode, missing
from markupsafe import Markup, escape

from capassess.report.joined_output import visit_joined_output

_UNSEEN = object()
_DICT_KINDS: dict[type, Any] = {}


class JoinedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the pieces of an output statement yielded joined and
    each value printed in an HTML template escaped by ``escaped_text``."""

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        if not visit_joined_output(self, node, frame):
            super().visit_Output(node, frame)

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        """``x.y`` as Python's own ``getattr`` where the attribute is there (the common
        case, without a call into the environment), else ``environment.getattr`` on the
        same object, which tries the attribute again, then the item, as Jinja does. The
        object is evaluated once (held in ``ga_o_``)."""
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write("(ga_v_ if (ga_v_ := getattr((ga_o_ := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else ")
        self.write(f"environment.getattr(ga_o_, {node.attr!r}))")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        """A loop whose output would be yielded piece by piece (a report's rows, each of a
        few pieces) collects it in a list, yielded joined once the loop ends: the same
        text, in far fewer trips out of the template's generators. Loops inside a buffer
        (macros, ``set`` and ``filter`` blocks, other loops) are Jinja's own."""
        if (
            self.environment.is_async
            or frame.buffer is not None
            or frame.require_output_check
            or self.has_known_extends
        ):
            super().visit_For(node, frame)
            return
        name = self.temporary_identifier()
        self.writeline(f"{name} = []")
        frame.buffer = name
        try:
            super().visit_For(node, frame)
        finally:
            frame.buffer = None
        self.writeline(f'if {name}: yield "".join({name})')

    def visit_Include(self, node: nodes.Include, frame: Frame) -> None:
        """``{% include "name" %}`` of a constant name, with the context, where its output is
        yielded: ``yield from environment.included(...)``, the generator of what Jinja's
        own code renders (the template, in a new context of the same variables), without
        the loop that yields each of its pieces again; any other include is Jinja's own."""
        template = node.template
        if (
            self.environment.is_async
            or frame.buffer is not None
            or node.ignore_missing
            or not node.with_context
            or not (isinstance(template, nodes.Const) and isinstance(template.value, str))
        ):
            super().visit_Include(node, frame)
            return
        self.writeline(f"yield from environment.included(context, {template.value!r}, ", node)
        self.write(f"{self.name!r}, {self.dump_local_context(frame)})")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        if finalize.src is not None:
            self.write("environment.escaped_text(")
            self.write(finalize.src)
            return
        # what ``escaped_text`` gives, without a call where it is known here: a string
        # already escaped once (or empty), an int's text, Markup as it is (the value is
        # evaluated once, held in ``es_v_``, its type in ``es_k_``)
        self.write(
            "((environment.escaped_get(es_v_) or (es_v_ and environment.escaped_text(es_v_)))"
        )
        self.write(" if (es_k_ := type(es_v_ := (")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            super()._output_child_post(node, frame, finalize)
            return
        self.write("))) is str else str(es_v_) if es_k_ is int else es_v_ if es_k_ is Markup")
        self.write(" else environment.escaped_text(es_v_))")


def dict_kind(kind: type) -> tuple[frozenset[str], bool] | None:
    """For a dict type whose attributes are its class's and its instances' own (no
    ``__getattr__`` of its own): the names of its class's attributes, and whether its
    instances have a ``__dict__``; None for any other type. A name in neither is no
    attribute, so Jinja's ``x.y`` gives the item ``x["y"]``."""
    if not issubclass(kind, dict) or kind.__getattribute__ is not dict.__getattribute__:
        return None
    if hasattr(kind, "__getattr__"):
        return None
    return frozenset(dir(kind)), kind.__dictoffset__ != 0


REMEMBERED = 20_000  # escaped texts kept (a report prints the same words and titles often)
REMEMBERED_LENGTH = 500
_ESCAPED: dict[str, str] = {}


def escaped_text(value: Any) -> Any:
    """The text of ``markupsafe.escape(value)``, which is what an output statement
    prints (its pieces are joined into plain text, in a buffer or not): for a plain
    string, remembered; ``Markup`` (a macro's output, a chart) is its own text; a number's
    text needs no escaping; anything else (an object with ``__html__``, a subclass) is
    escaped by markupsafe itself."""
    kind = type(value)
    if kind is str:
        found = _ESCAPED.get(value)
        if found is None:
            found = str(escape(value))
            if len(value) <= REMEMBERED_LENGTH:
                if len(_ESCAPED) >= REMEMBERED:
                    _ESCAPED.clear()
                _ESCAPED[value] = found
        return found
    if kind is Markup:  # markupsafe gives Markup(value.__html__()): the same text
        return value
    if kind is int or kind is float:
        return str(value)
    return escape(value)


class ShippedContext(Context):
    """Jinja's context, with a quicker call of a macro given just its positional
    arguments (``m.meter(score, target)``): what ``Macro.__call__`` does then, without
    the checks for the arguments, keywords, ``caller`` and context passing it has no use
    for; any other call is Jinja's own."""

    def __init__(
        self,
        environment: Environment,
        parent: dict[str, Any],
        name: str | None,
        blocks: dict[str, Any],
        globals: MutableMapping[str, Any] | None = None,
    ) -> None:
        # a template's globals are a ChainMap, slow to go through: its keys are those of
        # its maps (every include of a report makes a context)
        keys = set().union(*globals.maps) if type(globals) is ChainMap else None
        super().__init__(environment, parent, name, blocks, None if keys is not None else globals)
        if keys is not None:
            self.globals_keys = keys

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            type(__obj) is Macro
            and len(args) == __obj._argument_count
            and not (__obj.caller or __obj.catch_kwargs or __obj.catch_varargs)
            and kwargs.keys() <= _LOOP_KEYS
        ):
            try:
                text = __obj._func(*args)
            except StopIteration:  # as Jinja's own call treats it
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
            return _markup(Markup, text) if __self.eval_ctx.autoescape else text
        return super().call(__obj, *args, **kwargs)


_LOOP_KEYS = frozenset({"_loop_vars", "_block_vars"})  # what the code passes for itself
_markup = str.__new__  # Markup(text) of a macro's text, without Markup's own checks


class ShippedEnvironment(Environment):
    """Jinja's environment for the shipped templates, with a quicker ``x.y`` on dicts
    and quicker macro calls (``ShippedContext``)."""

    code_generator_class = JoinedCodeGenerator
    context_class = ShippedContext
    escaped_text = staticmethod(escaped_text)
    escaped_get = _ESCAPED.get  # a plain string's escaped text, if remembered

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._included: dict[tuple[str, str | None], Template] = {}

    @internalcode
    def included(
        self, context: Context, name: str, parent: str | None, names: dict[str, Any]
    ) -> Iterator[str]:
        """What ``{% include name %}`` yields (see ``JoinedCodeGenerator.visit_Include``):
        ``get_template(name, parent)`` rendered in ``template.new_context(context.get_all(),
        True, names)``, as Jinja's code renders it. While templates are not reloaded, the
        template of each name is kept (Jinja's cache gives the same one); an overlay of
        this environment, which shares the dict, loads its own."""
        key = (name, parent)
        template = self._included.get(key) if not self.auto_reload else None
        if template is None or template.environment is not self:
            template = self.get_template(name, parent)
            if not self.auto_reload:
                self._included[key] = template
        found = context.get_all()
        if names:  # a copy, as Jinja's ``new_context`` makes for a shared context's locals
            found = dict(found)
            for key_name, value in names.items():
                if value is not missing:
                    found[key_name] = value
        kind = self.context_class
        made = kind(self, found, template.name, template.blocks, globals=template.globals)
        return template.root_render_func(made)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's ``x.y``: the attribute, else the item; for a dict whose attributes are
        those of its class and its own (see ``dict_kind``), a name that is none
        of them goes straight to the item (the words of the ``t`` table, say)."""
        kind = type(obj)
        names = _DICT_KINDS.get(kind, _UNSEEN)
        if names is _UNSEEN:
            names = _DICT_KINDS[kind] = dict_kind(kind)
        if names is None or attribute in names[0] or (names[1] and attribute in obj.__dict__):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)
