"""Write generated documents to files, run the CLI in-process, and the shared settings.

Profiles (``CAPASSESS_FUZZ=ci|long``, default ``ci``): ``ci`` keeps tests/fuzz well
under a minute on two cores; ``long`` is for a deliberate bug hunt. The settings are
applied per test, never loaded globally, so other hypothesis tests keep theirs.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from capassess.cli import main
from tests.fuzz.strategies import Case
from tests.fuzz.yamltext import emit

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    # Each example writes files and runs the CLI a few times: slow by hypothesis's
    # measure (~20-60 ms), but that is the point of an end-to-end fuzz test.
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
FUZZ = settings.get_profile(os.environ.get("CAPASSESS_FUZZ", "ci"))


@dataclass
class Written:
    """Files of one case: their paths, texts and the line of every path in them."""

    folder: Path
    questionnaire: Path
    answers: Path
    q_text: str
    a_text: str
    q_lines: dict[Any, int]
    a_lines: dict[Any, int]


@contextmanager
def written(case: Case, seed: int = 0) -> Iterator[Written]:
    """Write ``case`` to a fresh folder: ``q/<id>.yaml`` and ``answers.yaml``."""
    import random

    noise = random.Random(seed) if seed else None
    q_text, q_lines = emit(case.questionnaire, noise=noise, header="generated questionnaire")
    a_text, a_lines = emit(case.answers or {"answers": {}}, noise=noise)
    with tempfile.TemporaryDirectory(prefix="capassess-fuzz-") as tmp:
        folder = Path(tmp)
        (folder / "q").mkdir()
        q_path = folder / "q" / f"{case.questionnaire['id']}.yaml"
        a_path = folder / "answers.yaml"
        q_path.write_text(q_text, encoding="utf-8")
        a_path.write_text(a_text, encoding="utf-8")
        yield Written(folder, q_path, a_path, q_text, a_text, q_lines, a_lines)


def cli(files: Written, *args: str | Path) -> Result:
    """Run capassess in-process with the case's questionnaire folder on the search path."""
    runner = CliRunner()
    return runner.invoke(
        main, ["--questionnaire-dir", str(files.questionnaire.parent), *map(str, args)]
    )


def assert_no_crash(result: Result) -> None:
    """No traceback, and no exception other than the CLI's own exit."""
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


AFTER_PATH = re.compile(r"^(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: (?P<msg>\S.*)$")


def problems(result: Result, paths: Mapping[str, Path]) -> list[tuple[str, int | None, str]]:
    """Parse stderr into (file key, line, message); every line must name a known file.

    ``paths`` maps a short key (``"q"``, ``"a"``) to each file a message may name.
    """
    out = []
    for text in result.stderr.splitlines():
        key = next((k for k, path in paths.items() if text.startswith(f"{path}:")), None)
        assert key is not None, f"a message without a known file: {text!r}\n{result.stderr}"
        match = AFTER_PATH.match(text[len(str(paths[key])) :])
        assert match, f"not path:line:col: message: {text!r}\n{result.stderr}"
        out.append((key, int(match["line"]) if match["line"] else None, match["msg"]))
    return out
