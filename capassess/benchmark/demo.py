"""The demo's benchmark step: an illustrative peer pack from the bundled made-up banks,
and the example bank's report placed in it.

``peer_benchmark`` has the signature of a step of ``capassess.demo.DEMO_STEPS``.
"""

from __future__ import annotations

from pathlib import Path

from capassess.atomic import make_folder, write_atomic
from capassess.benchmark.service import BuildRequest, build_benchmark
from capassess.benchmark.standing import PeerRequest, with_peers
from capassess.catalog import load_assessment
from capassess.demo_input import DemoInput
from capassess.errors import NotFoundError
from capassess.model.base import LANGS
from capassess.planning import PlanOptions, plan_file
from capassess.report.render import render_report
from capassess.resources import data_dir

PEERS = "peers"
TITLE = "Illustrative peer pack (made-up banks, demo only)"


def peer_benchmark(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Build ``out_dir/peers.yaml`` by bank type from ``examples/peers`` (illustrative), and
    write the example bank's report against it in both languages."""
    source = data_dir("examples") / PEERS
    if not source.is_dir():
        raise NotFoundError(f"the bundled examples {source} are missing from this installation")
    planned = plan_file(demo.answers, PlanOptions(), demo.dirs)
    peers = sorted(source.glob("*.yaml"))
    if (
        not peers
        or load_assessment(peers[0], None, demo.dirs)[1].ref != planned.scored.questionnaire.ref
    ):
        return []  # the illustrative banks answer another questionnaire than the demo's bank
    make_folder(out_dir)
    request = BuildRequest((str(source),), str(Path(out_dir) / "peers.yaml"), by="bank-type",
                           title=TITLE, illustrative=True)  # fmt: skip
    built = build_benchmark(request, demo.dirs)
    planned = with_peers(planned, PeerRequest(str(built.path)), demo.dirs)
    written = [built.path]
    for lang in LANGS:
        for fmt in ("html", "md"):
            text = render_report(planned, fmt, lang)
            written.append(write_atomic(Path(out_dir) / f"report-peers.{lang}.{fmt}", text))
    return written
