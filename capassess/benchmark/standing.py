"""The service behind ``--benchmark PEERS.yaml [--peer-group G]``: load, check, compare."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from capassess.advice import answered_values
from capassess.benchmark.pack_file import load_pack
from capassess.model.answers import Subject
from capassess.model.benchmark import BenchmarkPack
from capassess.model.questionnaire import NumberQuestion, Questionnaire
from capassess.model.results import ScoreResult
from capassess.peers import PeerComparison, check_fits, compare_to_peers, peer_group
from capassess.planning import Planned
from capassess.records import record


@record
class PeerRequest:
    """A pack to compare with, and the peer group chosen (None: the subject's own)."""

    pack: str
    group: str | None = None


def load_peers(
    request: PeerRequest, questionnaire: Questionnaire, model: str, extra: Iterable[str | Path] = ()
) -> PeerLoader:
    """Load and check the pack once; compare any number of assessments with it."""
    pack = load_pack(request.pack, questionnaire, extra)
    check_fits(pack, questionnaire, model, request.pack)
    return PeerLoader(request, pack, questionnaire)


@record
class PeerLoader:
    """A checked pack, ready to place assessments in it."""

    request: PeerRequest
    pack: BenchmarkPack
    questionnaire: Questionnaire

    def compare(self, result: ScoreResult, subject: Subject | None) -> PeerComparison:
        """``result`` against its peer group."""
        pack = self.pack
        group = peer_group(pack, subject, self.request.group, self.request.pack)
        questions = self.questionnaire.question_map()
        numbers = {
            qid: float(value)
            for qid, value in answered_values(result).items()
            if isinstance(questions.get(qid), NumberQuestion) and isinstance(value, int | float)
        }
        return compare_to_peers(pack, group, result, numbers, self.request.pack)


def peers_of(
    request: PeerRequest | None, questionnaire: Questionnaire, result: ScoreResult,
    extra: Iterable[str | Path] = (),
) -> PeerComparison | None:  # fmt: skip
    """``result`` against the pack of ``request``; None without one."""
    if request is None:
        return None
    loader = load_peers(request, questionnaire, result.model, extra)
    return loader.compare(result, result.subject)


def with_peers(
    planned: Planned, request: PeerRequest | None, extra: Iterable[str | Path] = ()
) -> Planned:
    """``planned`` with its assessment placed among the peers of ``request``."""
    if request is None:
        return planned
    s = planned.scored
    return replace(planned, peers=peers_of(request, s.questionnaire, s.result, extra))
