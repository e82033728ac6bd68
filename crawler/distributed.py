"""Distributed crawling on scrapy-redis: several ``pantau crawl --redis URL`` workers
share one frontier (the request queue) and one dupefilter in Redis, so each page is
fetched once by whichever worker pops it.

Scrapy-redis's Scheduler lets ``dont_filter`` requests through its dupefilter; the
spider's discovery roots (robots.txt for sitemaps, the home page) are ``dont_filter`` so
that a resumed single-process crawl re-reads them. Shared between workers they would be
fetched once per worker, so ``SharedScheduler`` runs them through the shared dupefilter
too. The queue and dupefilter persist (SCHEDULER_PERSIST): a worker that runs out of
work first must not wipe what the others still use; a new crawl round starts on empty
keys (``redis-cli DEL pantau:requests pantau:dupefilter``).

Finished items do not go to the worker's SQLite but to a Redis list (crawler/
item_queue.py) that one ``pantau store`` process writes; the worker's --db keeps only its
own run log and archive.

A killed worker loses nothing: scrapy-redis pops a request from the queue for good, so
each worker records what it popped in its in-flight hash ``pantau:inflight:<id>`` and
keeps a heartbeat key ``pantau:worker:<id>`` alive (PANTAU_WORKER_TTL seconds). An entry
is deleted once its response's output is all scheduled and its items have left the
pipelines (``InFlightDone``), and the whole hash when the worker is idle. Any worker
that finds the hash of a worker whose heartbeat expired puts its requests back in the
queue (past the duplicate filter, which already saw them); a worker does not stop while
another's requests are in flight, since they may yet add to the queue.
"""

from __future__ import annotations

import uuid
import warnings
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, ScrapyDeprecationWarning
from scrapy.http import Response
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from crawler.item_queue import ITEMS_KEY
from crawler.items import KIND

QUEUE_KEY = "pantau:requests"
DUPEFILTER_KEY = "pantau:dupefilter"
INFLIGHT_KEY = "pantau:inflight:"
WORKER_KEY = "pantau:worker:"
_ROOTS = ("robots", "home")
# scrapy-redis 0.9.1 still passes spider= to the stats collector; harmless until Scrapy
# removes the argument (then pin or patch scrapy-redis).
warnings.filterwarnings(
    "ignore", "Passing a 'spider' argument to StatsCollector", ScrapyDeprecationWarning
)


class SharedScheduler(Scheduler):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = uuid.uuid4().hex
        scheduler.ttl = crawler.settings.getfloat("PANTAU_WORKER_TTL")
        crawler.signals.connect(scheduler.spider_idle, signals.spider_idle)
        return scheduler

    @property
    def inflight_key(self) -> str:
        return INFLIGHT_KEY + self.worker

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self._beat()
        self.heartbeat = LoopingCall(self._beat)
        self.heartbeat.start(self.ttl / 3, now=False)
        self.recover()

    def close(self, reason: str) -> None:
        """A worker stopped early (Ctrl-C) drops the requests it had taken: it leaves
        them in flight, without a heartbeat, for the next worker to requeue."""
        self.heartbeat.stop()
        if reason == "finished":
            self.server.delete(self.inflight_key)
        self.server.delete(WORKER_KEY + self.worker)
        super().close(reason)

    def _beat(self) -> None:
        self.server.set(WORKER_KEY + self.worker, 1, px=int(self.ttl * 1000))

    def fingerprint(self, request: Request) -> str:
        return self.crawler.request_fingerprinter.fingerprint(request).hex()

    def next_request(self) -> Request | None:
        request = super().next_request()
        if request is not None:
            encoded = self.queue._encode_request(request)
            self.server.hset(self.inflight_key, self.fingerprint(request), encoded)
        return request

    def done(self, request: Request) -> None:
        self.server.hdel(self.inflight_key, self.fingerprint(request))

    def recover(self) -> int:
        """Requeue the in-flight requests of workers whose heartbeat expired."""
        recovered = 0
        for key in self.server.scan_iter(match=f"{INFLIGHT_KEY}*"):
            # <worker> or, while a worker recovers another's, <worker>:recovering:<lost>
            owner = key.decode().removeprefix(INFLIGHT_KEY).split(":", 1)[0]
            if owner == self.worker or self.server.exists(WORKER_KEY + owner):
                continue
            mine = f"{self.inflight_key}:recovering:{owner}"
            try:
                self.server.rename(key, mine)  # one worker wins a dead worker's hash
            except redis.ResponseError:  # another worker took it first
                continue
            for encoded in self.server.hvals(mine):
                self.queue.push(self.queue._decode_request(encoded))
                recovered += 1
            self.server.delete(mine)
        if recovered:
            self.spider.logger.warning("requeued %d request(s) of a lost worker", recovered)
        return recovered

    def spider_idle(self, spider: Spider) -> None:
        """Idle: nothing of this worker is in flight. Stay open while another worker's
        requests are, or a lost worker's were just requeued."""
        self.server.delete(self.inflight_key)
        if self.recover():
            raise DontCloseSpider
        for key in self.server.scan_iter(match=f"{INFLIGHT_KEY}*"):
            if self.server.hlen(key):
                raise DontCloseSpider

    def enqueue_request(self, request: Request) -> bool:
        if (
            request.dont_filter
            and request.meta.get(KIND) in _ROOTS
            and "retry_times" not in request.meta
            and self.df.request_seen(request)
        ):
            self.df.log(request, self.spider)
            return False
        return super().enqueue_request(request)


class InFlightDone:
    """Spider middleware, outermost: tells the scheduler a request is done once all its
    callback's output has been scheduled and each item it yielded has left the
    pipelines (scraped, dropped or failed). Requests that never reach a callback
    (redirected, retried, refused) stay in flight until the worker is idle."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.items: Counter[str] = Counter()  # items still in the pipelines, by request
        self.output_done: set[str] = set()
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.item_left, signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InFlightDone:
        return cls(crawler)

    @property
    def scheduler(self) -> SharedScheduler:
        return self.crawler.engine.scheduler

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        fingerprint = self.scheduler.fingerprint(response.request)
        async for r in result:
            if not isinstance(r, Request):
                self.items[fingerprint] += 1
            yield r
        self.output_done.add(fingerprint)
        self._settle(fingerprint, response.request)

    def item_left(self, item: Any, response: Any, spider: Spider, **kwargs: Any) -> None:
        if isinstance(response, Response):
            fingerprint = self.scheduler.fingerprint(response.request)
            self.items[fingerprint] -= 1
            self._settle(fingerprint, response.request)

    def _settle(self, fingerprint: str, request: Request) -> None:
        if fingerprint in self.output_done and self.items[fingerprint] <= 0:
            self.output_done.discard(fingerprint)
            del self.items[fingerprint]
            self.scheduler.done(request)


def redis_settings(url: str) -> dict[str, Any]:
    """Scrapy settings for a worker sharing its frontier through the Redis at ``url``
    and pushing its items to the queue there (crawler/item_queue.py) instead of SQLite.
    The frontier lives in Redis, so the per-database JOBDIR state (SpiderState) is off:
    workers on one database would otherwise share and delete it."""
    from crawler.run import crawl_settings

    settings = crawl_settings()
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions["scrapy.extensions.spiderstate.SpiderState"] = None
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    store = pipelines.pop("crawler.pipelines.Store")
    pipelines.pop("crawler.outlets.RecordOutlets")
    pipelines["crawler.item_queue.QueueItems"] = store
    middlewares = dict(settings.getdict("SPIDER_MIDDLEWARES"))
    middlewares["crawler.distributed.InFlightDone"] = 10
    return {
        "ITEM_PIPELINES": pipelines,
        "SPIDER_MIDDLEWARES": middlewares,
        "REDIS_ITEMS_KEY": ITEMS_KEY,
        "SCHEDULER": "crawler.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": QUEUE_KEY,
        "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER_KEY,
        "REDIS_URL": url,
        "EXTENSIONS": extensions,
    }


def check_redis(url: str) -> str | None:
    """None if Redis answers at ``url``, else a one-line reason."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        return f"cannot reach Redis at {url}: {exc}"
    return None
