"""Finished items through Redis: workers on many machines push, one writer stores.

With ``pantau crawl --redis``, the ``QueueItems`` pipeline (scrapy-redis' RedisPipeline,
with pantau's own message format) takes the place of the pipelines that write SQLite:
each extracted article with its facts and URLs, each failed page, becomes one JSON
message at the tail of ``pantau:items``. ``pantau store`` (crawler/writer.py) is the one
process that writes them into the database Datasette serves.

Why JSON rather than pickle: the writer may run another pantau version than a worker,
and a message must say plainly what it holds. A message:

- ``{"type": "article", "site", "url", "keys", "relevant", "outcome", "result", "outlet"}``
  (``result``: the extraction Result with its text, or null for an irrelevant page;
  ``outlet``: the sites-table row of an outlet found by search, or null);
- ``{"type": "failure", "site", "url", "kind", "reason", "permanent"}``.

Site ranks (which of two syndicated copies names the article) are crawl configuration,
not items: each worker writes its SITES.yaml order to the hash ``pantau:ranks``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_to_future
from scrapy_redis.pipelines import RedisPipeline
from twisted.internet.threads import deferToThread

from crawler.items import ArticlePage, FailedPage
from crawler.outlets import outlet_row
from extract.result import Award, Official, RegionMention, Result

ITEMS_KEY = "pantau:items"
PROCESSING_KEY = "pantau:items:processing"
FAILED_KEY = "pantau:items:unreadable"
RANKS_KEY = "pantau:ranks"
_DATES = ("published", "event_date")
_NESTED = {"awards": Award, "officials": Official, "regions": RegionMention}


def result_to_dict(result: Result) -> dict[str, Any]:
    data = asdict(result)
    for name in _DATES:
        data[name] = data[name].isoformat() if data[name] else None
    return data


def result_from_dict(data: dict[str, Any]) -> Result:
    known = {f.name for f in fields(Result)}
    values = {k: v for k, v in data.items() if k in known}
    for name in _DATES:
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    for name, cls in _NESTED.items():
        values[name] = [cls(**entry) for entry in values.get(name, [])]
    return Result(**values)


def encode(item: ArticlePage | FailedPage, spider: Any) -> bytes:
    if isinstance(item, FailedPage):
        message = {"type": "failure", **asdict(item)}
    else:
        message = {
            "type": "article",
            "site": item.site,
            "url": item.url,
            "keys": item.keys,
            "relevant": item.relevant,
            "outcome": item.outcome,
            "result": result_to_dict(item.result) if item.result and item.relevant else None,
            "outlet": outlet_row(spider, item.site) if item.relevant else None,
        }
    return json.dumps(message, ensure_ascii=False).encode("utf-8")


def decode(data: bytes) -> dict[str, Any]:
    """A message as pushed, its article as an ``ArticlePage`` (``page``) ready for the
    Store pipeline."""
    message = json.loads(data)
    if message["type"] == "article":
        result = message["result"]
        message["page"] = ArticlePage(
            site=message["site"],
            url=message["url"],
            parts=[],
            keys=message["keys"],
            relevant=message["relevant"],
            result=result_from_dict(result) if result else None,
            outcome=message["outcome"],
        )
    return message


class QueueItems(RedisPipeline):
    """Pushes each finished ArticlePage and FailedPage (see module docstring); other
    items pass. Runs where Store would (after extraction and --since)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QueueItems:
        pipeline = cls.from_settings(crawler.settings)
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        sites = self.crawler.spider.sites
        if sites:
            self.server.hset(RANKS_KEY, mapping={s.name: i for i, s in enumerate(sites)})

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage | FailedPage):
            return item
        if isinstance(item, ArticlePage) and item.relevant and item.result is not None:
            stats = self.crawler.stats  # the run's counts, as Store keeps them
            stats.inc_value(f"pantau/articles/{item.site}")
            stats.inc_value(f"pantau/facts/{item.site}", len(item.result.awards))
        data = encode(item, self.crawler.spider)
        await deferred_to_future(deferToThread(self.server.rpush, self.key, data))
        return item
