"""Percentile rank: its definition, the scalar and array forms agree, the peer group."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capassess.errors import InputError
from capassess.model.answers import Subject
from capassess.model.benchmark import BenchmarkPack, Built, PeerGroup, Percentiles
from capassess.peers import peer_group, percentile_rank, percentile_ranks

ROW = Percentiles(count=9, p10=1.5, p25=2.0, p50=2.0, p75=3.0, p90=4.0)


@pytest.mark.parametrize(
    ("score", "rank", "position"),
    [
        (1.0, 10, "below"), (1.494, 10, "below"), (1.5, 10, "within"), (1.75, 17.5, "within"),
        (2.0, 50, "within"),  # tied knots: the share at or below is the highest
        (2.5, 62.5, "within"), (3.0, 75, "within"), (3.5, 82.5, "within"),
        (3.999, 90, "within"),  # rounded to 4.00 as the pack's figures are
        (4.0, 90, "within"), (4.2, 90, "above"),
    ],
)  # fmt: skip
def test_rank_definition(score: float, rank: float, position: str) -> None:
    assert percentile_rank(score, ROW) == (pytest.approx(rank), position)


@given(
    st.lists(st.floats(1, 5), min_size=5, max_size=5),
    st.lists(st.floats(0, 6) | st.just(float("nan")), min_size=1, max_size=30),
)
def test_array_and_scalar_agree_and_rank_is_monotone(
    knots: list[float], values: list[float]
) -> None:
    k = sorted(round(x, 2) for x in knots)
    row = Percentiles(count=5, p10=k[0], p25=k[1], p50=k[2], p75=k[3], p90=k[4])
    ranks, positions = percentile_ranks(np.array(values), row)
    for value, rank, pos in zip(values, ranks, positions, strict=True):
        if value != value:
            assert np.isnan(rank) and pos == -1
            continue
        assert (rank, ("below", "within", "above")[pos]) == percentile_rank(value, row)
        assert 10 <= rank <= 90
    known = sorted(v for v in values if v == v)
    ordered = percentile_ranks(np.array(known), row)[0]
    assert all(b >= a for a, b in itertools.pairwise(ordered))


def _pack(grouping: str | None, *names: str) -> BenchmarkPack:
    groups = {n: PeerGroup(count=5, nodes={"overall": ROW}) for n in names}
    built = Built(tool="t", grouping=grouping, min_group=5, model="weighted-mean", missing="lowest")
    return BenchmarkPack(questionnaire="q@1", built=built, peer_groups=groups)


def test_peer_group_choice() -> None:
    typed = _pack("bank-type", "rural", "city-commercial")
    city = Subject(id="x", bank_type="city-commercial", group={"region": "East"})
    assert peer_group(typed, city, None, "p") == "city-commercial"
    assert peer_group(typed, city, "rural", "p") == "rural"
    with pytest.raises(InputError, match="no peer group 'private'"):
        peer_group(typed, city, "private", "p")
    with pytest.raises(InputError, match="--peer-group"):
        peer_group(typed, Subject(id="x"), None, "p")
    with pytest.raises(InputError, match="'private' is not among its groups"):
        peer_group(typed, Subject(id="x", bank_type="private"), None, "p")
    assert peer_group(_pack("region", "East", "West"), city, None, "p") == "East"
    assert peer_group(_pack(None, "all"), Subject(id="x"), None, "p") == "all"
    assert peer_group(_pack("bank-type", "rural"), Subject(id="x"), None, "p") == "rural"
