"""The scheduler's queue for JOBDIR: kept in memory, written to disk when the crawl stops.

Scrapy's JOBDIR queue (``PickleLifoDiskQueue``) writes every request to a file as it is
scheduled and reads it back before its download: a dict built, pickled, written, read,
unpickled and rebuilt per request, and with the downloader-aware priority queue a
directory made and removed whenever one site's queue runs empty. That is 7% of the
crawl process's CPU, for a file pantau only trusts after a clean stop
(``crawler/jobdir.py``: after a crash or SIGKILL the queue may be half-written and is
discarded). So the requests stay in memory while the crawl runs and are written, in
Scrapy's own file format, when Scrapy closes the queue at the stop; the next run reads
them back. The resume is the same; only the file is written once instead of per request.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.squeues import PickleLifoDiskQueue

log = logging.getLogger(__name__)


class StoppedLifoQueue:
    """``SCHEDULER_DISK_QUEUE``: a LIFO queue of requests, saved by ``close``."""

    def __init__(self, crawler: Crawler, key: str) -> None:
        self.crawler = crawler
        self.key = key
        self._requests: list[Request] = []
        if Path(key).exists():  # what the last clean stop left
            saved = PickleLifoDiskQueue.from_crawler(crawler, key)
            while (request := saved.pop()) is not None:
                self._requests.append(request)
            saved.close()  # empty now: the file is removed
            self._requests.reverse()

    @classmethod
    def from_crawler(cls, crawler: Crawler, key: str, *args: Any, **kwargs: Any) -> Any:
        return cls(crawler, key)

    def push(self, request: Request) -> None:
        self._requests.append(request)

    def pop(self) -> Request | None:
        return self._requests.pop() if self._requests else None

    def peek(self) -> Request | None:
        return self._requests[-1] if self._requests else None

    def __len__(self) -> int:
        return len(self._requests)

    def close(self) -> None:
        """Write what is left for the next run (nothing when empty: no file at all)."""
        if not self._requests:
            return
        saved = PickleLifoDiskQueue.from_crawler(self.crawler, self.key)
        lost = 0
        for request in self._requests:
            try:
                saved.push(request)
            except ValueError:  # Scrapy's word for "cannot be serialized"
                lost += 1
        saved.close()
        if lost:
            log.warning("%d queued requests could not be saved for resuming", lost)
