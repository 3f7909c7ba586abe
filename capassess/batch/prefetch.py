"""Run an iterator in a second thread, a few items ahead of its consumer.

Batch reads a file (pyarrow's parser and the text decoding) while it judges the chunk
read before: the parser and most judging run outside Python's lock, so on two cores
the two overlap. Items arrive in order; an exception raised by the iterator is raised
in the consumer at the point it arose, after the items before it. When the consumer
stops early, the iterator is closed in its own thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
DEPTH = 2
_DONE = object()


def prefetched(items: Iterator[T], depth: int = DEPTH) -> Iterator[T]:
    """Yield the items of ``items``, produced in another thread up to ``depth`` ahead."""
    slots: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[object, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer((item, None)):
                    return
            offer((_DONE, None))
        except BaseException as error:  # handed to the consumer, raised there
            offer((_DONE, error))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name="capassess-read", daemon=True)
    thread.start()
    try:
        while True:
            item, error = slots.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()
