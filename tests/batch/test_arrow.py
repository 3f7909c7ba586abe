"""numpy is imported for batch with one BLAS thread, and the environment is left as it
was: no thread of OpenBLAS spins beside the run, and children see the user's settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBE = """
import os
from capassess.batch.arrow import numpy_with_one_blas_thread
numpy_with_one_blas_thread()
import numpy
print(len(os.listdir("/proc/self/task")), os.environ.get("OPENBLAS_NUM_THREADS", "unset"))
"""


def _probe(**env: str) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         cwd=ROOT, env={**clean, **env}, check=True, timeout=60)  # fmt: skip
    threads, setting = out.stdout.split()
    return int(threads), setting


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_numpy_starts_no_blas_thread_and_the_environment_is_restored() -> None:
    assert _probe() == (1, "unset")


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_a_number_of_threads_the_user_chose_is_kept() -> None:
    threads, setting = _probe(OPENBLAS_NUM_THREADS="2")
    assert setting == "2"
    assert threads == (2 if (os.cpu_count() or 1) > 1 else 1)
