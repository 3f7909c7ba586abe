"""Reading ahead in a second thread keeps the order, the errors and the clean-up."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from capassess.batch.prefetch import prefetched
from capassess.errors import InputError


def test_items_arrive_in_order() -> None:
    assert list(prefetched(iter(range(1000)))) == list(range(1000))


def test_an_error_comes_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise InputError("bad row")

    seen = []
    with pytest.raises(InputError, match="bad row"):
        for item in prefetched(items()):
            seen.append(item)
    assert seen == [1, 2]


def test_the_iterator_runs_in_another_thread_and_is_closed_when_the_consumer_stops() -> None:
    threads: set[str] = set()
    closed = threading.Event()

    def items() -> Iterator[int]:
        try:
            for i in range(100):
                threads.add(threading.current_thread().name)
                yield i
        finally:
            closed.set()

    reader = prefetched(items())
    assert next(reader) == 0
    reader.close()
    assert closed.is_set()
    assert threading.current_thread().name not in threads


def test_an_error_in_the_consumer_stops_the_producer() -> None:
    produced = []

    def items() -> Iterator[int]:
        for i in range(10_000):
            produced.append(i)
            yield i

    with pytest.raises(ValueError):
        for item in prefetched(items(), depth=2):
            if item == 3:
                raise ValueError("stop")
    assert len(produced) < 100
