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
"""

from __future__ import annotations

import warnings
from typing import Any

from scrapy import Request
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler

from crawler.items import KIND

QUEUE_KEY = "pantau:requests"
DUPEFILTER_KEY = "pantau:dupefilter"
_ROOTS = ("robots", "home")
# scrapy-redis 0.9.1 still passes spider= to the stats collector; harmless until Scrapy
# removes the argument (then pin or patch scrapy-redis).
warnings.filterwarnings(
    "ignore", "Passing a 'spider' argument to StatsCollector", ScrapyDeprecationWarning
)


class SharedScheduler(Scheduler):
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


def redis_settings(url: str) -> dict[str, Any]:
    """Scrapy settings for a worker sharing its frontier through the Redis at ``url``.
    The frontier lives in Redis, so the per-database JOBDIR state (SpiderState) is off:
    workers on one database would otherwise share and delete it."""
    from crawler.run import crawl_settings

    extensions = dict(crawl_settings().getdict("EXTENSIONS"))
    extensions["scrapy.extensions.spiderstate.SpiderState"] = None
    return {
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
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        return f"cannot reach Redis at {url}: {exc}"
    return None
