"""Extraction worker processes, and the pool of them behind ``pantau extract --jobs``.

(The crawl feeds the same workers from its event loop: ``extract.loop_workers``.)

Extraction is CPU-bound Python (trafilatura, spaCy), so threads do not help: each worker
process loads the pipeline once, when it starts (warm: the first document does not wait
for it), and keeps it. Workers are spawned, not forked: a fresh interpreter inherits no
threads or locks from the caller (a test runner, a crawler). They start with SIGINT
ignored, so Ctrl-C stops the caller, which ends the pool, and no worker prints a
traceback; and a worker whose caller was killed outright exits by itself.

A document that makes the extractor fail becomes an ``ExtractionFailed`` in its place,
so one bad page never stops a batch of thousands.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported where used: the crawl process never extracts itself
    from extract.engine import Extractor
    from extract.result import Result

Passed = TypeVar("Passed")

# Records sent to a worker per round trip: enough to hide the pipe's cost, few enough
# that the last chunks keep both workers busy.
CHUNK_SIZE = 8
# Chunks in flight per worker: the input is read only this far ahead of the output, so
# memory stays flat however long the input is.
CHUNKS_AHEAD = 2

_worker_extractor: Extractor | None = None


@dataclass
class ExtractionFailed:
    """A record the extractor raised on, with the one-line reason."""

    id: Any
    message: str

    def __str__(self) -> str:
        return f"document {self.id}: cannot extract ({self.message})"


def extract_one(extractor: Extractor, item: Any, keywords: re.Pattern[str] | None = None) -> Any:
    """Extract a dict record; anything else (say an input error) is passed back as is."""
    if not isinstance(item, dict):
        return item
    try:
        return extractor.extract_record(item, keywords)
    except Exception as exc:  # one document's failure must not end the batch
        reason = " ".join(str(exc).split())[:200]
        return ExtractionFailed(item.get("id"), f"{type(exc).__name__}: {reason}")


def start_worker() -> None:
    """Makes this process an extraction worker (a pool's or an event loop's)."""
    global _worker_extractor
    from extract.clean import prepare_fallbacks
    from extract.engine import Extractor
    from extract.pipeline import load_pipeline

    _worker_extractor = Extractor(load_pipeline())  # loaded now, not inside the first document
    prepare_fallbacks()  # and so are the fallback's stop words
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    atexit.register(_exit_at_once)  # registered last, so it runs after the others


def _exit_at_once() -> None:
    """A worker's normal exit, without the interpreter's tear-down of the NLP pipeline
    object by object: half a second to a second that the end of a crawl (and of
    ``pantau extract --jobs``) waited for. A worker has nothing left to save by then."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _exit_with_parent(parent: int) -> None:
    """A caller killed with SIGKILL cannot stop its workers: they notice instead."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def extract_in_worker(item: Any, keywords: re.Pattern[str] | None = None) -> Any:
    """``extract_one`` with the worker's own extractor (run in a ``worker_pool``)."""
    assert _worker_extractor is not None
    return extract_one(_worker_extractor, item, keywords)


def _extract_chunk(items: list[Any]) -> list[Any]:
    return [extract_in_worker(item) for item in items]


def _ready() -> None:
    """A task that returns once its worker has loaded the pipeline."""


def worker_pool(workers: int) -> tuple[ProcessPoolExecutor, list[Future[None]]]:
    """``workers`` warm extraction processes, and futures done when each is ready.

    All of them are started here (one task each), with SIGINT ignored while they spawn.
    """
    with ctrl_c_for_the_caller_only():
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker,
        )
        ready = [pool.submit(_ready) for _ in range(workers)]
    return pool, ready


def extract_many(
    records: Iterable[dict[str, Any] | Passed],
    jobs: int = 1,
    extractor: Extractor | None = None,
) -> Iterator[Result | ExtractionFailed | Passed]:
    """Results for ``records`` in their order, computed by ``jobs`` processes.

    Items that are not dicts pass through in place, so a caller can interleave its own
    error markers with the records and still report everything in input order. With
    ``jobs`` 1 extraction runs here, with ``extractor`` if given (no process start-up).
    """
    if jobs <= 1:
        from extract.engine import Extractor

        extractor = extractor or Extractor()
        for item in records:
            yield extract_one(extractor, item)
        return
    pool, _ = worker_pool(jobs)
    with pool:
        pending: deque[Future[list[Any]]] = deque()
        items = iter(records)
        while chunk := list(islice(items, CHUNK_SIZE)):
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= jobs * CHUNKS_AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


@contextmanager
def ctrl_c_for_the_caller_only() -> Iterator[None]:
    """Start workers with SIGINT ignored (an ignored signal survives exec)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
