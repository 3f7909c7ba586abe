"""A fork server for the kill tests: runs ``capassess`` commands in forked children.

The server imports capassess and the libraries its commands use once, then forks a
child per command, so that a trial of a kill test costs the command's own work and not
Python's start-up (half of a one-second run). The child is a whole process running
``capassess.cli.main``; the tests kill it with SIGKILL like any other.

Protocol, one JSON line each way: the test sends ``{"argv": [...], "stderr": PATH}``;
the server answers ``{"pid": N}`` once the child runs, then ``{"status": S}`` (as
``os.waitpid`` gives it) when the child has ended.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

PRELOAD = (
    "capassess.cli",
    "capassess.commands.batch",
    "capassess.commands.reporting",
    "capassess.batch.runner",
    "capassess.batch.terminal",
    "capassess.batch.csv_reader",
    "capassess.report.render",
    "capassess.planning",
    "capassess.catalog",
    "numpy",
    "pyarrow",
    "pyarrow.csv",
    "pyarrow.compute",
    "jinja2",
)


def _child(request: dict[str, Any]) -> None:
    """Run one command with stdin and stdout on /dev/null, stderr to a file; never return."""
    code = 70
    try:
        null = os.open(os.devnull, os.O_RDWR)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(err, 2)
        from capassess.cli import main

        main(request["argv"], prog_name="capassess")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        os._exit(code)


def _say(message: dict[str, int]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve() -> None:
    """Preload, then run the commands read from stdin one at a time."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    _say({"ready": 1})
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        _say({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _say({"status": status})


if __name__ == "__main__":
    serve()
