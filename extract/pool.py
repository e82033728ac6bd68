"""Extraction over several processes, results in input order.

Extraction is CPU-bound Python (trafilatura, spaCy), so threads do not help: each worker
process loads its own pipeline once and takes records from an ordered ``Pool.imap``.
Workers are spawned, not forked: a fresh interpreter inherits no threads or locks from
the caller (a test runner, a crawler), at the price of a few seconds of start-up.
A document that makes the extractor fail becomes an ``ExtractionFailed`` in its place,
so one bad page never stops a batch of thousands.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from extract.engine import Extractor
from extract.pipeline import load_pipeline
from extract.result import Result

Passed = TypeVar("Passed")

# Records sent to a worker per round trip: enough to hide the pipe's cost, few enough
# that the last chunks keep both workers busy.
CHUNK_SIZE = 8

_worker_extractor: Extractor | None = None


@dataclass
class ExtractionFailed:
    """A record the extractor raised on, with the one-line reason."""

    id: Any
    message: str

    def __str__(self) -> str:
        return f"document {self.id}: cannot extract ({self.message})"


def extract_one(extractor: Extractor, item: Any) -> Any:
    """Extract a dict record; anything else (say an input error) is passed back as is."""
    if not isinstance(item, dict):
        return item
    try:
        return extractor.extract_record(item)
    except Exception as exc:  # one document's failure must not end the batch
        reason = " ".join(str(exc).split())[:200]
        return ExtractionFailed(item.get("id"), f"{type(exc).__name__}: {reason}")


def _init_worker() -> None:
    global _worker_extractor
    _worker_extractor = Extractor(load_pipeline())  # loaded now, not inside the first chunk


def _work(item: Any) -> Any:
    assert _worker_extractor is not None
    return extract_one(_worker_extractor, item)


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
        extractor = extractor or Extractor()
        for item in records:
            yield extract_one(extractor, item)
        return
    with _ctrl_c_for_the_caller_only():
        pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_worker)
    with pool:
        yield from pool.imap(_work, records, chunksize=CHUNK_SIZE)


@contextmanager
def _ctrl_c_for_the_caller_only() -> Iterator[None]:
    """Start workers with SIGINT ignored (an ignored signal survives exec), so Ctrl-C
    in a terminal stops the caller, which ends the pool, and no worker prints a traceback.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
