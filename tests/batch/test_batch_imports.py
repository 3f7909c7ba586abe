"""What a batch run loads before it reads: no peer benchmark code without
``--benchmark``, no URL or HTTP library for escaping XML."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

NOT_LOADED = ("capassess.peers", "capassess.model.benchmark", "capassess.batch.peers",
              "xml.sax.saxutils", "urllib.request", "http.client")  # fmt: skip


def test_the_batch_runner_loads_no_peer_code_and_no_url_library() -> None:
    probe = (
        "import sys, capassess.batch.runner, capassess.batch.terminal\n"
        f"print([m for m in {NOT_LOADED!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT, check=True, timeout=60)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_the_xml_escape_is_that_of_the_standard_library() -> None:
    from xml.sax.saxutils import escape as standard

    from capassess.batch.xlsx_writer import escape

    for text in ("a & b < c > d", "&amp;", "'quoted' \"twice\"", "", "<<>>&&"):
        entities = {'"': "&quot;", "'": "&apos;"}
        assert escape(text) == standard(text)
        assert escape(text, entities) == standard(text, entities)
