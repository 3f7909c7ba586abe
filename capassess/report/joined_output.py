"""Template code that yields each output statement's pieces joined, not one by one.

Jinja compiles ``| {{ a.title }} | {{ a.level }} |`` into a ``yield`` for each text and
each value: a report's row of thirty pieces is thirty trips out of the template's
generator and through the renderer's loop. ``visit_joined_output`` compiles it into one
``yield "".join((...))`` of the same pieces, each escaped or converted exactly as Jinja
does, so the text is the same. At most ``JOINED`` values go into one join, so that what
is held before the renderer counts it stays within a few values' worth (each value is of
bounded size, see ``capassess.report.limits``).
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame

JOINED = 16
PRIVATE = ("_make_finalize", "_output_const_repr", "_output_child_pre", "_output_child_post")
"""The code generator's helpers this relies on: with a Jinja that lacks any of them,
Jinja's own code is written instead (same text, pieces yielded one by one)."""


def visit_joined_output(generator: CodeGenerator, node: nodes.Output, frame: Frame) -> bool:
    """Write the code of ``node`` as joined yields; False (nothing written) where Jinja's
    own code is kept: inside a buffer (macros, ``set`` and ``filter`` blocks) or for a
    single piece."""
    if frame.buffer is not None or (frame.require_output_check and generator.has_known_extends):
        return False
    if not all(hasattr(generator, name) for name in PRIVATE):
        return False
    finalize = generator._make_finalize()
    body = _body(generator, node, frame, finalize)
    if len(body) < 2:
        return False
    if frame.require_output_check:
        generator.writeline("if parent_template is None:")
        generator.indent()
    for group in _groups(body):
        if len(group) == 1 and isinstance(group[0], list):
            generator.writeline("yield " + generator._output_const_repr(group[0]))
            continue
        generator.writeline('yield "".join((')
        generator.indent()
        for item in group:
            if isinstance(item, list):
                generator.writeline(generator._output_const_repr(item) + ",")
                continue
            generator.newline(item)
            generator._output_child_pre(item, frame, finalize)
            generator.visit(item, frame)
            generator._output_child_post(item, frame, finalize)
            generator.write(",")
        generator.outdent()
        generator.writeline("))")
    if frame.require_output_check:
        generator.outdent()
    return True


def _body(generator: CodeGenerator, node: nodes.Output, frame: Frame, finalize: Any) -> list[Any]:
    """Jinja's own split of ``node``: lists of constant text, and values to evaluate."""
    body: list[Any] = []
    for child in node.nodes:
        try:
            if not (finalize.const or isinstance(child, nodes.TemplateData)):
                raise nodes.Impossible()
            const = generator._output_child_to_const(child, frame, finalize)
        except (nodes.Impossible, Exception):
            body.append(child)
            continue
        if body and isinstance(body[-1], list):
            body[-1].append(const)
        else:
            body.append([const])
    return body


def _groups(body: list[Any]) -> list[list[Any]]:
    """``body`` in runs holding at most ``JOINED`` values each."""
    groups: list[list[Any]] = [[]]
    values = 0
    for item in body:
        if not isinstance(item, list):
            if values == JOINED:
                groups.append([])
                values = 0
            values += 1
        groups[-1].append(item)
    return groups
