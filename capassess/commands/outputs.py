"""Writing a command's output: to the file ``-o`` names, or with ``-o -`` to stdout."""

from __future__ import annotations

import click


def write_output_bytes(output: str, data: bytes, kind: str) -> None:
    """Write ``data`` (a binary ``kind`` of file) to ``output``, or to stdout for ``-``
    unless stdout is a terminal."""
    from capassess.atomic import write_atomic_bytes
    from capassess.errors import one_line
    from capassess.views.console import folder_note, message

    if output == "-":
        import sys

        from capassess.errors import InputError
        from capassess.views.console import is_terminal

        if is_terminal(sys.stdout):
            raise InputError.at(f"-o -: {kind} files are binary; give -o FILE or redirect")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = write_atomic_bytes(output, data)
    message(f"wrote {one_line(str(path))}{folder_note(path)}")


def write_output_text(output: str, text: str) -> None:
    """Write ``text`` to ``output`` as UTF-8, or to stdout for ``-``."""
    from capassess.atomic import write_atomic
    from capassess.errors import one_line
    from capassess.views.console import folder_note, message

    if output == "-":
        import sys

        from capassess.terminal_text import terminal_safe
        from capassess.views.console import is_terminal

        # On a terminal, escape sequences from the files are shown, not obeyed.
        click.echo(terminal_safe(text) if is_terminal(sys.stdout) else text, nl=False)
        return
    path = write_atomic(output, text)
    message(f"wrote {one_line(str(path))}{folder_note(path)}")
