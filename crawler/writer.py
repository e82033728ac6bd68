"""``pantau store --redis URL --db DB``: the one process writing what crawl workers
pushed to Redis (crawler/item_queue.py) into the single SQLite database.

Reliable-queue pattern: a message is moved, atomically, from ``pantau:items`` to
``pantau:items:processing`` (BLMOVE), written to SQLite (one transaction per article),
and only then deleted from the processing list. A writer killed at any point leaves its
message in the processing list; the next writer moves those back to the head of the
queue before taking new ones. A message written but not yet deleted when the writer
died is written once more, which changes nothing: articles are keyed by URL and text
fingerprint and their facts replaced, not added (store/articles.py ``save_result``).
Run one writer per queue: a second one would hand back the first one's messages. A
message the writer cannot read is moved whole to ``pantau:items:unreadable``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import redis

from crawler.item_queue import FAILED_KEY, ITEMS_KEY, PROCESSING_KEY, RANKS_KEY, decode
from crawler.pipelines import Store
from crawler.urls import url_key
from store import finish_run, mark_seen, record_error, start_run
from store.outlets import record_outlet

log = logging.getLogger(__name__)


def requeue_unacknowledged(server: redis.Redis) -> int:
    """Messages a killed writer took but never finished, back at the head of the queue."""
    moved = 0
    while server.lmove(PROCESSING_KEY, ITEMS_KEY, "RIGHT", "LEFT") is not None:
        moved += 1
    return moved


class Writer:
    """Writes queue messages into ``db``; ``counts`` says what it wrote."""

    def __init__(self, server: redis.Redis, db: str | Path) -> None:
        self.server = server
        self.store = Store(str(db), ranks={})
        self.run_id = start_run(self.store.db, ["redis-queue"])
        self.counts: Counter[str] = Counter()

    def write(self, data: bytes) -> None:
        message = decode(data)
        db = self.store.db
        if message["type"] == "failure":
            record_error(db, self.run_id, message["site"], message["url"], message["reason"])
            if message["permanent"] and message["kind"] in ("article", "part"):
                keys = [url_key(message["url"])]
                mark_seen(db, keys, site=message["site"], outcome="failed", run_id=self.run_id)
            self.counts["messages"] += 1
            self.counts["errors"] += 1
            return
        self.counts["messages"] += 1
        page = message["page"]
        if message["outlet"]:
            record_outlet(db, **message["outlet"])
        ranks = self.server.hgetall(RANKS_KEY)
        self.store.ranks = {name.decode(): int(rank) for name, rank in ranks.items()}
        self.store.process_item(page)
        if page.relevant and page.result is not None:
            self.counts["articles"] += 1
            self.counts["facts"] += len(page.result.awards)

    def run(self, *, drain: bool, stop: Callable[[], bool] = lambda: False) -> Counter[str]:
        """Take, write and acknowledge messages until ``stop()``; with ``drain``, also
        stop once the queue is empty."""
        moved = requeue_unacknowledged(self.server)
        if moved:
            log.warning("requeued %d message(s) a previous writer had not finished", moved)
        status = "finished"
        try:
            while not stop():
                data = self.server.blmove(ITEMS_KEY, PROCESSING_KEY, 1, "LEFT", "RIGHT")
                if data is None:
                    if drain:
                        break
                    continue
                try:
                    self.write(data)
                except (ValueError, KeyError, TypeError) as exc:
                    # Not a message this writer can read (another program's, a newer
                    # pantau's): set aside whole, never retried forever nor dropped.
                    log.warning("unreadable item set aside in %s: %s", FAILED_KEY, exc)
                    self.server.rpush(FAILED_KEY, data)
                    self.counts["unreadable"] += 1
                self.server.lrem(PROCESSING_KEY, 1, data)
        except KeyboardInterrupt:
            status = "interrupted"
        except BaseException:
            status = "failed"
            raise
        finally:
            finish_run(
                self.store.db,
                self.run_id,
                status,
                pages=self.counts["messages"],
                articles=self.counts["articles"],
                facts=self.counts["facts"],
                errors=self.counts["errors"],
            )
            self.store.close_spider()
        return self.counts
